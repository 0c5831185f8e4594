-- Published scenario versions never change: a change is a new version.
CREATE TRIGGER `scenario_versions_no_update` BEFORE UPDATE ON `scenario_versions`
BEGIN
	SELECT RAISE(ABORT, 'scenario versions are immutable: import a new version instead');
END;
--> statement-breakpoint
CREATE TRIGGER `scenario_versions_no_delete` BEFORE DELETE ON `scenario_versions`
BEGIN
	SELECT RAISE(ABORT, 'scenario versions are immutable: import a new version instead');
END;
