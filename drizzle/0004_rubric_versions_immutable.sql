-- Published rubric versions never change: a change is a new version.
CREATE TRIGGER `rubric_versions_no_update` BEFORE UPDATE ON `rubric_versions`
BEGIN
	SELECT RAISE(ABORT, 'rubric versions are immutable: import a new version instead');
END;
--> statement-breakpoint
CREATE TRIGGER `rubric_versions_no_delete` BEFORE DELETE ON `rubric_versions`
BEGIN
	SELECT RAISE(ABORT, 'rubric versions are immutable: import a new version instead');
END;
