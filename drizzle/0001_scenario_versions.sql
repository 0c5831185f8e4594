CREATE TABLE `scenario_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`version` integer NOT NULL,
	`content_hash` text NOT NULL,
	`title_en` text NOT NULL,
	`title_zh` text NOT NULL,
	`category` text NOT NULL,
	`difficulty` integer NOT NULL,
	`rubric_key` text NOT NULL,
	`document` text NOT NULL,
	`source` text NOT NULL,
	`source_file` text NOT NULL,
	`published_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scenario_versions_key_version` ON `scenario_versions` (`key`,`version`);