CREATE TABLE `calibration_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`grader_id` integer NOT NULL,
	`labels` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `calibration_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`grader_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calibration_answers_once` ON `calibration_answers` (`item_id`,`grader_id`);--> statement-breakpoint
CREATE TABLE `calibration_graders` (
	`session_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`session_id`, `user_id`),
	FOREIGN KEY (`session_id`) REFERENCES `calibration_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `calibration_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`turn_id` integer NOT NULL,
	`position` integer NOT NULL,
	`lang` text NOT NULL,
	`scenario_key` text NOT NULL,
	`flagged` integer NOT NULL,
	`scorer` text NOT NULL,
	`consensus` text,
	FOREIGN KEY (`session_id`) REFERENCES `calibration_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`turn_id`) REFERENCES `turns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calibration_items_once` ON `calibration_items` (`session_id`,`turn_id`);--> statement-breakpoint
CREATE TABLE `calibration_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`owner_id` integer NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `review_queue` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_id` integer NOT NULL,
	`turn_id` integer,
	`violation` text NOT NULL,
	`lang` text NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`decided_by` integer,
	`decision` text,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `ledger_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`turn_id`) REFERENCES `turns`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_queue_entry_id_unique` ON `review_queue` (`entry_id`);--> statement-breakpoint
CREATE INDEX `review_queue_status_idx` ON `review_queue` (`status`);--> statement-breakpoint
CREATE TABLE `turn_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`turn_id` integer NOT NULL,
	`reviewer_id` integer NOT NULL,
	`labels` text NOT NULL,
	`comment` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`turn_id`) REFERENCES `turns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `turn_reviews_once` ON `turn_reviews` (`turn_id`,`reviewer_id`);--> statement-breakpoint
ALTER TABLE `ledger_entries` ADD `reviewed_by` integer REFERENCES users(id);--> statement-breakpoint
DROP TRIGGER `ledger_entries_final`;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_final` BEFORE UPDATE OF `status` ON `ledger_entries`
WHEN OLD.`status` IN ('paid', 'reversed', 'dismissed') AND NEW.`status` <> OLD.`status`
BEGIN
	SELECT RAISE(ABORT, 'a paid, reversed or dismissed entry is final');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_reviewed_once` BEFORE UPDATE OF `reviewed_by` ON `ledger_entries`
WHEN OLD.`reviewed_by` IS NOT NULL OR OLD.`status` <> 'awaiting_review'
BEGIN
	SELECT RAISE(ABORT, 'a held entry is reviewed once');
END;
--> statement-breakpoint
CREATE TRIGGER `turn_reviews_append_only` BEFORE UPDATE ON `turn_reviews`
BEGIN
	SELECT RAISE(ABORT, 'a review is never edited');
END;
--> statement-breakpoint
CREATE TRIGGER `calibration_answers_append_only` BEFORE UPDATE ON `calibration_answers`
BEGIN
	SELECT RAISE(ABORT, 'an answer is given once');
END;
--> statement-breakpoint
CREATE TRIGGER `review_queue_decided_once` BEFORE UPDATE ON `review_queue`
WHEN OLD.`status` <> 'pending'
BEGIN
	SELECT RAISE(ABORT, 'a held entry is decided once');
END;
