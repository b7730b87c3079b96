CREATE TABLE `order_items` (
	`order_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	PRIMARY KEY(`order_id`, `product_id`),
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `order_items_product_idx` ON `order_items` (`product_id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`store_id` text NOT NULL,
	`external_id` text NOT NULL,
	`customer_email` text NOT NULL,
	`customer_name` text,
	`status` text NOT NULL,
	`ordered_at` integer NOT NULL,
	`fulfilled_at` integer,
	`cancelled_at` integer,
	`source` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_store_external_idx` ON `orders` (`store_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `orders_email_idx` ON `orders` (`store_id`,`customer_email`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`to_address` text NOT NULL,
	`from_address` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text NOT NULL,
	`headers` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `review_requests` (
	`order_id` integer PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`status` text NOT NULL,
	`send_at` integer NOT NULL,
	`reminder_at` integer,
	`sent_at` integer,
	`reminded_at` integer,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `review_requests_due_idx` ON `review_requests` (`status`,`send_at`);--> statement-breakpoint
CREATE INDEX `review_requests_reminder_idx` ON `review_requests` (`status`,`reminder_at`);--> statement-breakpoint
CREATE TABLE `unsubscribes` (
	`store_id` text NOT NULL,
	`email` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`store_id`, `email`),
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`store_id` text NOT NULL,
	`source` text NOT NULL,
	`delivery_id` text NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`store_id`, `source`, `delivery_id`)
);
--> statement-breakpoint
ALTER TABLE `stores` ADD `link_secret` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `stores` ADD `integrations` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_order_product_idx` ON `reviews` (`order_id`,`product_id`) WHERE "reviews"."order_id" IS NOT NULL;--> statement-breakpoint
-- Stores made before links existed get their own signing secret.
UPDATE `stores` SET `link_secret` = lower(hex(randomblob(32))) WHERE `link_secret` = '';
