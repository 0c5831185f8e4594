CREATE TABLE `rubric_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`version` integer NOT NULL,
	`content_hash` text NOT NULL,
	`title_en` text NOT NULL,
	`title_zh` text NOT NULL,
	`document` text NOT NULL,
	`source` text NOT NULL,
	`source_file` text NOT NULL,
	`published_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rubric_versions_key_version` ON `rubric_versions` (`key`,`version`);