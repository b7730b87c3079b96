CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `answer_votes` ADD `address` text;--> statement-breakpoint
CREATE INDEX `answer_votes_address_idx` ON `answer_votes` (`answer_id`,`address`);--> statement-breakpoint
ALTER TABLE `review_votes` ADD `address` text;--> statement-breakpoint
CREATE INDEX `review_votes_address_idx` ON `review_votes` (`review_id`,`address`);