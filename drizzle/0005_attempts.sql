CREATE TABLE `assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`scenario_key` text NOT NULL,
	`mode` text NOT NULL,
	`due_at` integer NOT NULL,
	`assigned_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `assignments_user_idx` ON `assignments` (`user_id`);--> statement-breakpoint
CREATE TABLE `attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`scenario_version_id` integer NOT NULL,
	`rubric_version_id` integer NOT NULL,
	`assignment_id` integer,
	`mode` text NOT NULL,
	`seed` integer NOT NULL,
	`snapshot` text NOT NULL,
	`state` text NOT NULL,
	`mood` integer NOT NULL,
	`replies` integer DEFAULT 0 NOT NULL,
	`done` integer DEFAULT false NOT NULL,
	`outcome` text,
	`score` integer,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`scenario_version_id`) REFERENCES `scenario_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rubric_version_id`) REFERENCES `rubric_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `attempts_user_idx` ON `attempts` (`user_id`);--> statement-breakpoint
CREATE TABLE `turns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`attempt_id` integer NOT NULL,
	`index` integer NOT NULL,
	`speaker` text NOT NULL,
	`reply_index` integer,
	`text` text,
	`line` text,
	`assessment` text,
	`response_ms` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `turns_attempt_index` ON `turns` (`attempt_id`,`index`);--> statement-breakpoint
CREATE UNIQUE INDEX `turns_attempt_reply` ON `turns` (`attempt_id`,`reply_index`);