-- Each fact about an order is kept once known, whatever order the platform delivers its events in
-- (a refund can arrive before its order); the order's status and its review request are derived
-- from all of them. See recordOrder in db/queries/orders.ts.
ALTER TABLE `orders` ADD `refunded_at` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `deleted_at` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `test` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Refunds used to be kept only as a cancellation time; they are their own fact now. The old
-- cancellation time stays, as it may have been a real cancellation too; either one stops requests.
UPDATE `orders` SET `refunded_at` = coalesce(`cancelled_at`, `updated_at`) WHERE `status` = 'refunded';
