ALTER TABLE `rubric_versions` ADD `model` text;--> statement-breakpoint
ALTER TABLE `rubric_versions` ADD `model_file` text;