CREATE TABLE `answer_votes` (
	`answer_id` text NOT NULL,
	`voter` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`answer_id`, `voter`),
	FOREIGN KEY (`answer_id`) REFERENCES `answers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `answers` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`store_id` text NOT NULL,
	`question_id` text NOT NULL,
	`body` text NOT NULL,
	`body_html` text NOT NULL,
	`author_name` text NOT NULL,
	`author_email` text,
	`kind` text NOT NULL,
	`order_id` text,
	`status` text NOT NULL,
	`helpful_count` integer DEFAULT 0 NOT NULL,
	`report_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `answers_id_unique` ON `answers` (`id`);--> statement-breakpoint
CREATE INDEX `answers_question_idx` ON `answers` (`question_id`,`status`,`helpful_count`);--> statement-breakpoint
CREATE INDEX `answers_store_status_idx` ON `answers` (`store_id`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `answers_author_idx` ON `answers` (`store_id`,`author_email`);--> statement-breakpoint
CREATE UNIQUE INDEX `answers_official_idx` ON `answers` (`question_id`) WHERE "answers"."kind" = 'official';--> statement-breakpoint
CREATE TABLE `qa_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`target_id` text NOT NULL,
	`reporter` text NOT NULL,
	`reason` text NOT NULL,
	`note` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `qa_reports_once_idx` ON `qa_reports` (`target_id`,`reporter`);--> statement-breakpoint
CREATE TABLE `questions` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`store_id` text NOT NULL,
	`product_id` integer NOT NULL,
	`body` text NOT NULL,
	`body_html` text NOT NULL,
	`author_name` text NOT NULL,
	`author_email` text NOT NULL,
	`status` text NOT NULL,
	`answer_count` integer DEFAULT 0 NOT NULL,
	`helpful_count` integer DEFAULT 0 NOT NULL,
	`report_count` integer DEFAULT 0 NOT NULL,
	`accepted_answer_id` text,
	`buyers_asked_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `questions_id_unique` ON `questions` (`id`);--> statement-breakpoint
CREATE INDEX `questions_recent_idx` ON `questions` (`product_id`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `questions_helpful_idx` ON `questions` (`product_id`,`status`,`helpful_count`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `questions_store_status_idx` ON `questions` (`store_id`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `questions_author_idx` ON `questions` (`store_id`,`author_email`);