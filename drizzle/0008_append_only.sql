-- Published clauses, ledger entries and the audit log are append-only.
CREATE TRIGGER `criteria_versions_no_update` BEFORE UPDATE ON `criteria_versions`
BEGIN
	SELECT RAISE(ABORT, 'published criteria are immutable: publish a new version instead');
END;
--> statement-breakpoint
CREATE TRIGGER `criteria_versions_no_delete` BEFORE DELETE ON `criteria_versions`
BEGIN
	SELECT RAISE(ABORT, 'published criteria are immutable: publish a new version instead');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_no_delete` BEFORE DELETE ON `ledger_entries`
BEGIN
	SELECT RAISE(ABORT, 'ledger entries are never deleted: add a reversing entry');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_only_status` BEFORE UPDATE OF `user_id`, `criteria_version_id`, `kind`, `points`, `period`, `attempt_id`, `turn_index`, `quote`, `reverses_entry_id`, `created_at` ON `ledger_entries`
BEGIN
	SELECT RAISE(ABORT, 'ledger entries are never edited: add a reversing entry');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;
