ALTER TABLE `review_votes` ADD `imported` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `answer_votes` ADD `imported` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `store_monthly_moderation` ADD `rating_sum` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- hand-written: a vote row brought by an import (votes.csv|json of another store) is
-- already counted in the helpful/unhelpful counts its review or answer was imported with,
-- so its insert must not add it again. The insert triggers of 0001 and 0004 are made to
-- skip such rows; update and delete stay as they were, and stay right: an imported vote
-- changed or removed later did count, so it moves the count like any other.
DROP TRIGGER `review_votes_insert`;
--> statement-breakpoint
CREATE TRIGGER `review_votes_insert` AFTER INSERT ON `review_votes` WHEN NEW.`imported` = 0 BEGIN
  UPDATE `reviews` SET
    `helpful_count` = `helpful_count` + (NEW.`value` = 1),
    `unhelpful_count` = `unhelpful_count` + (NEW.`value` = -1)
  WHERE `id` = NEW.`review_id`;
END;
--> statement-breakpoint
DROP TRIGGER `answer_votes_insert`;
--> statement-breakpoint
CREATE TRIGGER `answer_votes_insert` AFTER INSERT ON `answer_votes` WHEN NEW.`imported` = 0 BEGIN
  UPDATE `answers` SET `helpful_count` = `helpful_count` + 1 WHERE `id` = NEW.`answer_id`;
  UPDATE `questions` SET `helpful_count` = `helpful_count` + 1
  WHERE `id` = (SELECT `question_id` FROM `answers` WHERE `id` = NEW.`answer_id`);
END;
--> statement-breakpoint
-- hand-written: the all-time Insights chart draws calendar months, so the monthly rollup
-- keeps the published ratings' sum too (weeks straddle months; only a month's own sum
-- gives its exact average). The one trigger every review change goes through (0013's
-- review_rollup_apply) is recreated as it was, plus that column.
DROP TRIGGER `review_rollup_apply`;
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
    `verified` = `verified` + NEW.`sign` * (NEW.`status` = 'published') * NEW.`verified`,
    `rating_sum` = `rating_sum` + NEW.`sign` * (NEW.`status` = 'published') * NEW.`rating`
  WHERE `store_id` = NEW.`store_id` AND `month` = strftime('%Y-%m', NEW.`created_at` / 1000, 'unixepoch');
END;
--> statement-breakpoint
-- Backfill, one pass over the reviews: every month with a review already has its row.
INSERT INTO `store_monthly_moderation` (`store_id`, `month`, `rating_sum`)
  SELECT `store_id`, strftime('%Y-%m', `created_at` / 1000, 'unixepoch'), sum(`rating`) FROM `reviews` WHERE `status` = 'published' GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (`store_id`, `month`) DO UPDATE SET `rating_sum` = excluded.`rating_sum`;
