CREATE TABLE `store_monthly_moderation` (
	`store_id` text NOT NULL,
	`month` text NOT NULL,
	`received` integer DEFAULT 0 NOT NULL,
	`published` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	`spam` integer DEFAULT 0 NOT NULL,
	`verified` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`store_id`, `month`),
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `store_weekly_stats` (
	`store_id` text NOT NULL,
	`week_start` integer NOT NULL,
	`received` integer DEFAULT 0 NOT NULL,
	`published` integer DEFAULT 0 NOT NULL,
	`rating_sum` integer DEFAULT 0 NOT NULL,
	`r1` integer DEFAULT 0 NOT NULL,
	`r2` integer DEFAULT 0 NOT NULL,
	`r3` integer DEFAULT 0 NOT NULL,
	`r4` integer DEFAULT 0 NOT NULL,
	`r5` integer DEFAULT 0 NOT NULL,
	`verified` integer DEFAULT 0 NOT NULL,
	`replied` integer DEFAULT 0 NOT NULL,
	`reply_ms_sum` integer DEFAULT 0 NOT NULL,
	`reply_0` integer DEFAULT 0 NOT NULL,
	`reply_1` integer DEFAULT 0 NOT NULL,
	`reply_2` integer DEFAULT 0 NOT NULL,
	`reply_3` integer DEFAULT 0 NOT NULL,
	`reply_4` integer DEFAULT 0 NOT NULL,
	`reply_5` integer DEFAULT 0 NOT NULL,
	`reply_6` integer DEFAULT 0 NOT NULL,
	`reply_7` integer DEFAULT 0 NOT NULL,
	`reply_8` integer DEFAULT 0 NOT NULL,
	`reply_9` integer DEFAULT 0 NOT NULL,
	`requests_sent` integer DEFAULT 0 NOT NULL,
	`links_opened` integer DEFAULT 0 NOT NULL,
	`request_reviews` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`store_id`, `week_start`),
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `product_stats` ADD `store_id` text;--> statement-breakpoint
ALTER TABLE `review_requests` ADD `link_opened_at` integer;--> statement-breakpoint
CREATE INDEX `questions_unanswered_idx` ON `questions` (`store_id`,`created_at`) WHERE "questions"."status" = 'published' AND "questions"."answer_count" = 0;--> statement-breakpoint
-- hand-written: the insights rollups are kept by triggers in the same transaction as the
-- change that moves them (like product_stats in 0001), whatever code path writes it, and
-- existing rows are backfilled so existing stores read correct figures at once.
--
-- Every review change goes through one place: a review's contribution is taken out
-- (sign -1) and put back (sign +1) through this view's INSTEAD OF trigger, so the
-- arithmetic is written once. reply_ms is the time from the review to its merchant reply
-- (NULL without one).
CREATE VIEW `review_rollup_delta` AS
  SELECT NULL AS `store_id`, NULL AS `created_at`, NULL AS `status`, NULL AS `rating`, NULL AS `verified`, NULL AS `reply_ms`, NULL AS `sign` WHERE 0;
--> statement-breakpoint
CREATE TRIGGER `review_rollup_apply` INSTEAD OF INSERT ON `review_rollup_delta` BEGIN
  INSERT INTO `store_weekly_stats` (`store_id`, `week_start`) VALUES (NEW.`store_id`, ((NEW.`created_at` / 86400000 + 3) / 7 * 7 - 3) * 86400000) ON CONFLICT DO NOTHING;
  UPDATE `store_weekly_stats` SET
    `received` = `received` + NEW.`sign`,
    `published` = `published` + NEW.`sign` * (NEW.`status` = 'published'),
    `rating_sum` = `rating_sum` + NEW.`sign` * (NEW.`status` = 'published') * NEW.`rating`,
    `r1` = `r1` + NEW.`sign` * (NEW.`status` = 'published') * (NEW.`rating` = 1), `r2` = `r2` + NEW.`sign` * (NEW.`status` = 'published') * (NEW.`rating` = 2),
    `r3` = `r3` + NEW.`sign` * (NEW.`status` = 'published') * (NEW.`rating` = 3), `r4` = `r4` + NEW.`sign` * (NEW.`status` = 'published') * (NEW.`rating` = 4),
    `r5` = `r5` + NEW.`sign` * (NEW.`status` = 'published') * (NEW.`rating` = 5),
    `verified` = `verified` + NEW.`sign` * (NEW.`status` = 'published') * NEW.`verified`,
    `replied` = `replied` + NEW.`sign` * (NEW.`status` = 'published') * (NEW.`reply_ms` IS NOT NULL),
    `reply_ms_sum` = `reply_ms_sum` + NEW.`sign` * (NEW.`status` = 'published') * coalesce(NEW.`reply_ms`, 0),
    `reply_0` = `reply_0` + NEW.`sign` * (NEW.`status` = 'published') * coalesce(NEW.`reply_ms` <= 3600000, 0),
    `reply_1` = `reply_1` + NEW.`sign` * (NEW.`status` = 'published') * coalesce(NEW.`reply_ms` > 3600000 AND NEW.`reply_ms` <= 14400000, 0),
    `reply_2` = `reply_2` + NEW.`sign` * (NEW.`status` = 'published') * coalesce(NEW.`reply_ms` > 14400000 AND NEW.`reply_ms` <= 43200000, 0),
    `reply_3` = `reply_3` + NEW.`sign` * (NEW.`status` = 'published') * coalesce(NEW.`reply_ms` > 43200000 AND NEW.`reply_ms` <= 86400000, 0),
    `reply_4` = `reply_4` + NEW.`sign` * (NEW.`status` = 'published') * coalesce(NEW.`reply_ms` > 86400000 AND NEW.`reply_ms` <= 172800000, 0),
    `reply_5` = `reply_5` + NEW.`sign` * (NEW.`status` = 'published') * coalesce(NEW.`reply_ms` > 172800000 AND NEW.`reply_ms` <= 259200000, 0),
    `reply_6` = `reply_6` + NEW.`sign` * (NEW.`status` = 'published') * coalesce(NEW.`reply_ms` > 259200000 AND NEW.`reply_ms` <= 604800000, 0),
    `reply_7` = `reply_7` + NEW.`sign` * (NEW.`status` = 'published') * coalesce(NEW.`reply_ms` > 604800000 AND NEW.`reply_ms` <= 1209600000, 0),
    `reply_8` = `reply_8` + NEW.`sign` * (NEW.`status` = 'published') * coalesce(NEW.`reply_ms` > 1209600000 AND NEW.`reply_ms` <= 2592000000, 0),
    `reply_9` = `reply_9` + NEW.`sign` * (NEW.`status` = 'published') * coalesce(NEW.`reply_ms` > 2592000000, 0)
  WHERE `store_id` = NEW.`store_id` AND `week_start` = ((NEW.`created_at` / 86400000 + 3) / 7 * 7 - 3) * 86400000;
  INSERT INTO `store_monthly_moderation` (`store_id`, `month`) VALUES (NEW.`store_id`, strftime('%Y-%m', NEW.`created_at` / 1000, 'unixepoch')) ON CONFLICT DO NOTHING;
  UPDATE `store_monthly_moderation` SET
    `received` = `received` + NEW.`sign`,
    `published` = `published` + NEW.`sign` * (NEW.`status` = 'published'),
    `rejected` = `rejected` + NEW.`sign` * (NEW.`status` = 'rejected'),
    `spam` = `spam` + NEW.`sign` * (NEW.`status` = 'spam'),
    `verified` = `verified` + NEW.`sign` * (NEW.`status` = 'published') * NEW.`verified`
  WHERE `store_id` = NEW.`store_id` AND `month` = strftime('%Y-%m', NEW.`created_at` / 1000, 'unixepoch');
END;
--> statement-breakpoint
CREATE TRIGGER `reviews_rollup_insert` AFTER INSERT ON `reviews` BEGIN
  INSERT INTO `review_rollup_delta` VALUES (NEW.`store_id`, NEW.`created_at`, NEW.`status`, NEW.`rating`, NEW.`verified`, (SELECT max(0, rp.`created_at` - NEW.`created_at`) FROM `review_replies` rp WHERE rp.`review_id` = NEW.`id`), 1);
END;
--> statement-breakpoint
CREATE TRIGGER `reviews_rollup_update` AFTER UPDATE OF `status`, `rating`, `verified`, `created_at`, `store_id` ON `reviews` BEGIN
  INSERT INTO `review_rollup_delta` VALUES (OLD.`store_id`, OLD.`created_at`, OLD.`status`, OLD.`rating`, OLD.`verified`, (SELECT max(0, rp.`created_at` - OLD.`created_at`) FROM `review_replies` rp WHERE rp.`review_id` = OLD.`id`), -1);
  INSERT INTO `review_rollup_delta` VALUES (NEW.`store_id`, NEW.`created_at`, NEW.`status`, NEW.`rating`, NEW.`verified`, (SELECT max(0, rp.`created_at` - NEW.`created_at`) FROM `review_replies` rp WHERE rp.`review_id` = NEW.`id`), 1);
END;
--> statement-breakpoint
-- BEFORE, not AFTER: the foreign key's cascade deletes the reply before an AFTER trigger
-- runs, and the reply's own trigger then finds no review; here both are still there.
CREATE TRIGGER `reviews_rollup_delete` BEFORE DELETE ON `reviews` BEGIN
  INSERT INTO `review_rollup_delta` VALUES (OLD.`store_id`, OLD.`created_at`, OLD.`status`, OLD.`rating`, OLD.`verified`, (SELECT max(0, rp.`created_at` - OLD.`created_at`) FROM `review_replies` rp WHERE rp.`review_id` = OLD.`id`), -1);
END;
--> statement-breakpoint
CREATE TRIGGER `review_replies_rollup_insert` AFTER INSERT ON `review_replies` BEGIN
  INSERT INTO `review_rollup_delta` SELECT r.`store_id`, r.`created_at`, r.`status`, r.`rating`, r.`verified`, NULL, -1 FROM `reviews` r WHERE r.`id` = NEW.`review_id`;
  INSERT INTO `review_rollup_delta` SELECT r.`store_id`, r.`created_at`, r.`status`, r.`rating`, r.`verified`, max(0, NEW.`created_at` - r.`created_at`), 1 FROM `reviews` r WHERE r.`id` = NEW.`review_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `review_replies_rollup_update` AFTER UPDATE OF `created_at`, `review_id` ON `review_replies` BEGIN
  INSERT INTO `review_rollup_delta` SELECT r.`store_id`, r.`created_at`, r.`status`, r.`rating`, r.`verified`, max(0, OLD.`created_at` - r.`created_at`), -1 FROM `reviews` r WHERE r.`id` = OLD.`review_id`;
  INSERT INTO `review_rollup_delta` SELECT r.`store_id`, r.`created_at`, r.`status`, r.`rating`, r.`verified`, NULL, 1 FROM `reviews` r WHERE r.`id` = OLD.`review_id`;
  INSERT INTO `review_rollup_delta` SELECT r.`store_id`, r.`created_at`, r.`status`, r.`rating`, r.`verified`, NULL, -1 FROM `reviews` r WHERE r.`id` = NEW.`review_id`;
  INSERT INTO `review_rollup_delta` SELECT r.`store_id`, r.`created_at`, r.`status`, r.`rating`, r.`verified`, max(0, NEW.`created_at` - r.`created_at`), 1 FROM `reviews` r WHERE r.`id` = NEW.`review_id`;
END;
--> statement-breakpoint
-- A reply deleted with its review (cascade) finds no review here: reviews_rollup_delete took it out.
CREATE TRIGGER `review_replies_rollup_delete` AFTER DELETE ON `review_replies` BEGIN
  INSERT INTO `review_rollup_delta` SELECT r.`store_id`, r.`created_at`, r.`status`, r.`rating`, r.`verified`, max(0, OLD.`created_at` - r.`created_at`), -1 FROM `reviews` r WHERE r.`id` = OLD.`review_id`;
  INSERT INTO `review_rollup_delta` SELECT r.`store_id`, r.`created_at`, r.`status`, r.`rating`, r.`verified`, NULL, 1 FROM `reviews` r WHERE r.`id` = OLD.`review_id`;
END;
--> statement-breakpoint
-- The request funnel counts events in the week they happen (sent, first opened, first
-- review of the order), so it never moves backwards: a deleted review was still written.
-- "Sent" is the request email enqueued (its dedupe key names the order), not a request
-- settled without an email because everything was already reviewed.
CREATE TRIGGER `outbox_funnel_sent` AFTER INSERT ON `outbox` WHEN NEW.`dedupe_key` LIKE 'request:%' BEGIN
  INSERT INTO `store_weekly_stats` (`store_id`, `week_start`, `requests_sent`) VALUES (NEW.`store_id`, (((NEW.`created_at`) / 86400000 + 3) / 7 * 7 - 3) * 86400000, 1)
    ON CONFLICT (`store_id`, `week_start`) DO UPDATE SET `requests_sent` = `requests_sent` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `review_requests_funnel_opened` AFTER UPDATE OF `link_opened_at` ON `review_requests`
WHEN OLD.`link_opened_at` IS NULL AND NEW.`link_opened_at` IS NOT NULL BEGIN
  INSERT INTO `store_weekly_stats` (`store_id`, `week_start`, `links_opened`) VALUES (NEW.`store_id`, (((NEW.`link_opened_at`) / 86400000 + 3) / 7 * 7 - 3) * 86400000, 1)
    ON CONFLICT (`store_id`, `week_start`) DO UPDATE SET `links_opened` = `links_opened` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `reviews_funnel_written` AFTER INSERT ON `reviews` WHEN NEW.`order_id` IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM `reviews` o WHERE o.`order_id` = NEW.`order_id` AND o.`store_id` = NEW.`store_id` AND o.`id` <> NEW.`id`)
  AND EXISTS (SELECT 1 FROM `orders` ord JOIN `outbox` ob ON ob.`dedupe_key` = 'request:' || ord.`id`
    WHERE ord.`store_id` = NEW.`store_id` AND ord.`external_id` = NEW.`order_id`) BEGIN
  INSERT INTO `store_weekly_stats` (`store_id`, `week_start`, `request_reviews`) VALUES (NEW.`store_id`, (((NEW.`created_at`) / 86400000 + 3) / 7 * 7 - 3) * 86400000, 1)
    ON CONFLICT (`store_id`, `week_start`) DO UPDATE SET `request_reviews` = `request_reviews` + 1;
END;
--> statement-breakpoint
-- product_stats learns its product's store, so top and lowest-rated products are index ranges.
DROP TRIGGER `products_stats_row`;
--> statement-breakpoint
CREATE TRIGGER `products_stats_row` AFTER INSERT ON `products` BEGIN
  INSERT INTO `product_stats` (`product_id`, `store_id`) VALUES (NEW.`id`, NEW.`store_id`);
END;
--> statement-breakpoint
UPDATE `product_stats` SET `store_id` = (SELECT `store_id` FROM `products` WHERE `id` = `product_stats`.`product_id`);
--> statement-breakpoint
CREATE INDEX `product_stats_volume_idx` ON `product_stats` (`store_id`, `count`);
--> statement-breakpoint
CREATE INDEX `product_stats_average_idx` ON `product_stats` (`store_id`, (CAST(`rating_sum` AS REAL) / `count`)) WHERE `count` > 0;
--> statement-breakpoint
-- Backfill: every existing review through the same trigger, then the funnel's past events.
INSERT INTO `review_rollup_delta` SELECT r.`store_id`, r.`created_at`, r.`status`, r.`rating`, r.`verified`, (SELECT max(0, rp.`created_at` - r.`created_at`) FROM `review_replies` rp WHERE rp.`review_id` = r.`id`), 1 FROM `reviews` r;
--> statement-breakpoint
INSERT INTO `store_weekly_stats` (`store_id`, `week_start`, `requests_sent`)
  SELECT `store_id`, (((`created_at`) / 86400000 + 3) / 7 * 7 - 3) * 86400000, count(*) FROM `outbox` WHERE `dedupe_key` LIKE 'request:%' GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (`store_id`, `week_start`) DO UPDATE SET `requests_sent` = `requests_sent` + excluded.`requests_sent`;
--> statement-breakpoint
INSERT INTO `store_weekly_stats` (`store_id`, `week_start`, `request_reviews`)
  SELECT f.`store_id`, (((f.`first_at`) / 86400000 + 3) / 7 * 7 - 3) * 86400000, count(*) FROM (
    SELECT r.`store_id`, min(r.`created_at`) AS `first_at` FROM `reviews` r
    JOIN `orders` ord ON ord.`store_id` = r.`store_id` AND ord.`external_id` = r.`order_id`
    WHERE EXISTS (SELECT 1 FROM `outbox` ob WHERE ob.`dedupe_key` = 'request:' || ord.`id`)
    GROUP BY r.`store_id`, r.`order_id`
  ) f GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (`store_id`, `week_start`) DO UPDATE SET `request_reviews` = `request_reviews` + excluded.`request_reviews`;
