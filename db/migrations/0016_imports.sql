CREATE TABLE `import_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`kind` text NOT NULL,
	`vendor` text NOT NULL,
	`status` text NOT NULL,
	`dry_run` integer NOT NULL,
	`processed` integer DEFAULT 0 NOT NULL,
	`total` integer,
	`imported` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`errors` text DEFAULT '[]' NOT NULL,
	`failure` text,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_jobs_store_idx` ON `import_jobs` (`store_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `reviews` ADD `source` text DEFAULT 'verity' NOT NULL;--> statement-breakpoint
ALTER TABLE `reviews` ADD `source_key` text;--> statement-breakpoint
ALTER TABLE `reviews` ADD `photo_urls` text;--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_source_key_idx` ON `reviews` (`store_id`,`source_key`) WHERE "reviews"."source_key" IS NOT NULL;--> statement-breakpoint
ALTER TABLE `answers` ADD `source` text DEFAULT 'verity' NOT NULL;--> statement-breakpoint
ALTER TABLE `answers` ADD `source_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `answers_source_key_idx` ON `answers` (`store_id`,`source_key`) WHERE "answers"."source_key" IS NOT NULL;--> statement-breakpoint
ALTER TABLE `questions` ADD `source` text DEFAULT 'verity' NOT NULL;--> statement-breakpoint
ALTER TABLE `questions` ADD `source_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `questions_source_key_idx` ON `questions` (`store_id`,`source_key`) WHERE "questions"."source_key" IS NOT NULL;