-- The keyed hash of the writer's client address, so a merchant can put it on the block list from the inbox.
ALTER TABLE `reviews` ADD `author_address` text;--> statement-breakpoint
ALTER TABLE `answers` ADD `author_address` text;--> statement-breakpoint
ALTER TABLE `questions` ADD `author_address` text;