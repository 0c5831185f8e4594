CREATE TABLE `criteria_drafts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`base_version_id` integer,
	`document` text NOT NULL,
	`status` text NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`author_id` integer NOT NULL,
	`approved_by` integer,
	`approved_at` integer,
	`published_version_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`base_version_id`) REFERENCES `criteria_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_version_id`) REFERENCES `criteria_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `criteria_drafts_code_idx` ON `criteria_drafts` (`code`);--> statement-breakpoint
CREATE TABLE `period_closes` (
	`period` text PRIMARY KEY NOT NULL,
	`closed_at` integer NOT NULL,
	`entries` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `criteria_versions` ADD `authored_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `criteria_versions` ADD `approved_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `ledger_entries` ADD `adjusts_entry_id` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `attempts_one_certification` ON `attempts` (`assignment_id`) WHERE mode = 'certification' and assignment_id is not null;--> statement-breakpoint
DROP TRIGGER `ledger_entries_only_status`;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_only_status` BEFORE UPDATE OF `user_id`, `criteria_version_id`, `kind`, `points`, `period`, `attempt_id`, `turn_index`, `quote`, `reverses_entry_id`, `adjusts_entry_id`, `created_at` ON `ledger_entries`
BEGIN
	SELECT RAISE(ABORT, 'ledger entries are never edited: add a reversing entry');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_sign` BEFORE INSERT ON `ledger_entries`
WHEN NEW.`reverses_entry_id` IS NULL AND ((NEW.`kind` = 'reward' AND NEW.`points` <= 0) OR (NEW.`kind` = 'penalty' AND NEW.`points` >= 0))
BEGIN
	SELECT RAISE(ABORT, 'a reward is worth positive points and a penalty negative ones');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_reversal` BEFORE INSERT ON `ledger_entries`
WHEN NEW.`reverses_entry_id` IS NOT NULL AND NOT EXISTS (
	SELECT 1 FROM `ledger_entries` o WHERE o.`id` = NEW.`reverses_entry_id` AND o.`points` = -NEW.`points` AND o.`kind` = NEW.`kind` AND o.`user_id` = NEW.`user_id`
)
BEGIN
	SELECT RAISE(ABORT, 'a reversal cancels its original exactly');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_adjustment` BEFORE INSERT ON `ledger_entries`
WHEN NEW.`adjusts_entry_id` IS NOT NULL AND NOT EXISTS (
	SELECT 1 FROM `ledger_entries` o WHERE o.`id` = NEW.`adjusts_entry_id` AND o.`kind` = NEW.`kind` AND o.`user_id` = NEW.`user_id` AND abs(NEW.`points`) < abs(o.`points`) AND NEW.`points` * o.`points` > 0
)
BEGIN
	SELECT RAISE(ABORT, 'a partly accepted entry keeps its sign and is smaller than the original');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_paid` BEFORE UPDATE OF `status` ON `ledger_entries`
WHEN NEW.`status` = 'paid' AND (NEW.`kind` <> 'reward' OR NEW.`reverses_entry_id` IS NOT NULL OR OLD.`status` <> 'confirmed')
BEGIN
	SELECT RAISE(ABORT, 'only a confirmed reward is paid, once');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_final` BEFORE UPDATE OF `status` ON `ledger_entries`
WHEN OLD.`status` IN ('paid', 'reversed') AND NEW.`status` <> OLD.`status`
BEGIN
	SELECT RAISE(ABORT, 'a paid or reversed entry is final');
END;
