CREATE TABLE `rubric_drafts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`author_id` integer NOT NULL,
	`rubric_key` text NOT NULL,
	`base_version_id` integer NOT NULL,
	`changes` text NOT NULL,
	`note` text,
	`revision` integer DEFAULT 1 NOT NULL,
	`published_version_id` integer,
	`discarded_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`base_version_id`) REFERENCES `rubric_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_version_id`) REFERENCES `rubric_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rubric_drafts_author_idx` ON `rubric_drafts` (`author_id`);--> statement-breakpoint
CREATE TABLE `scenario_drafts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`author_id` integer NOT NULL,
	`key` text,
	`title` text NOT NULL,
	`source` text NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`base_version_id` integer,
	`published_version_id` integer,
	`discarded_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`base_version_id`) REFERENCES `scenario_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_version_id`) REFERENCES `scenario_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scenario_drafts_author_idx` ON `scenario_drafts` (`author_id`);--> statement-breakpoint
ALTER TABLE `assignments` ADD `scenario_version_id` integer REFERENCES scenario_versions(id);--> statement-breakpoint
ALTER TABLE `assignments` ADD `team_id` integer REFERENCES teams(id);--> statement-breakpoint
ALTER TABLE `assignments` ADD `note` text;--> statement-breakpoint
ALTER TABLE `assignments` ADD `seen_at` integer;--> statement-breakpoint
ALTER TABLE `assignments` ADD `withdrawn_at` integer;--> statement-breakpoint
ALTER TABLE `assignments` ADD `withdrawn_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `rubric_versions` ADD `published_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `scenario_versions` ADD `published_by` integer REFERENCES users(id);