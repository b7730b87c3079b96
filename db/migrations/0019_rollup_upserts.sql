-- hand-written: the insights rollups (0013) computed in two statements per table where one
-- does. review_rollup_apply inserted a zero row (ON CONFLICT DO NOTHING) and then added the
-- delta with an UPDATE; each table is now one UPSERT that inserts the delta as the new row
-- or adds it to the existing one. Every column has DEFAULT 0, so a new row holds the same
-- figures as before and an existing row moves by the same delta: the same arithmetic, one
-- B-tree search per table instead of two. Measured on the bench database (statement CPU,
-- synchronous=OFF): the review INSERT's rollup went from ~25 µs to ~5 µs, and every status
-- change, edit and reply runs this trigger twice. It keeps 0018's monthly rating_sum (the
-- all-time Insights' averages by month).
DROP TRIGGER `review_rollup_apply`;
--> statement-breakpoint
CREATE TRIGGER `review_rollup_apply` INSTEAD OF INSERT ON `review_rollup_delta` BEGIN
  INSERT INTO `store_weekly_stats` (`store_id`, `week_start`, `received`, `published`, `rating_sum`, `r1`, `r2`, `r3`, `r4`, `r5`, `verified`, `replied`, `reply_ms_sum`, `reply_0`, `reply_1`, `reply_2`, `reply_3`, `reply_4`, `reply_5`, `reply_6`, `reply_7`, `reply_8`, `reply_9`)
  VALUES (
    NEW.`store_id`,
    ((NEW.`created_at` / 86400000 + 3) / 7 * 7 - 3) * 86400000,
    NEW.`sign`,
    NEW.`sign` * (NEW.`status` = 'published'),
    NEW.`sign` * (NEW.`status` = 'published') * NEW.`rating`,
    NEW.`sign` * (NEW.`status` = 'published') * (NEW.`rating` = 1),
    NEW.`sign` * (NEW.`status` = 'published') * (NEW.`rating` = 2),
    NEW.`sign` * (NEW.`status` = 'published') * (NEW.`rating` = 3),
    NEW.`sign` * (NEW.`status` = 'published') * (NEW.`rating` = 4),
    NEW.`sign` * (NEW.`status` = 'published') * (NEW.`rating` = 5),
    NEW.`sign` * (NEW.`status` = 'published') * NEW.`verified`,
    NEW.`sign` * (NEW.`status` = 'published') * (NEW.`reply_ms` IS NOT NULL),
    NEW.`sign` * (NEW.`status` = 'published') * coalesce(NEW.`reply_ms`, 0),
    NEW.`sign` * (NEW.`status` = 'published') * coalesce(NEW.`reply_ms` <= 3600000, 0),
    NEW.`sign` * (NEW.`status` = 'published') * coalesce(NEW.`reply_ms` > 3600000 AND NEW.`reply_ms` <= 14400000, 0),
    NEW.`sign` * (NEW.`status` = 'published') * coalesce(NEW.`reply_ms` > 14400000 AND NEW.`reply_ms` <= 43200000, 0),
    NEW.`sign` * (NEW.`status` = 'published') * coalesce(NEW.`reply_ms` > 43200000 AND NEW.`reply_ms` <= 86400000, 0),
    NEW.`sign` * (NEW.`status` = 'published') * coalesce(NEW.`reply_ms` > 86400000 AND NEW.`reply_ms` <= 172800000, 0),
    NEW.`sign` * (NEW.`status` = 'published') * coalesce(NEW.`reply_ms` > 172800000 AND NEW.`reply_ms` <= 259200000, 0),
    NEW.`sign` * (NEW.`status` = 'published') * coalesce(NEW.`reply_ms` > 259200000 AND NEW.`reply_ms` <= 604800000, 0),
    NEW.`sign` * (NEW.`status` = 'published') * coalesce(NEW.`reply_ms` > 604800000 AND NEW.`reply_ms` <= 1209600000, 0),
    NEW.`sign` * (NEW.`status` = 'published') * coalesce(NEW.`reply_ms` > 1209600000 AND NEW.`reply_ms` <= 2592000000, 0),
    NEW.`sign` * (NEW.`status` = 'published') * coalesce(NEW.`reply_ms` > 2592000000, 0))
  ON CONFLICT (`store_id`, `week_start`) DO UPDATE SET
    `received` = `received` + excluded.`received`,
    `published` = `published` + excluded.`published`,
    `rating_sum` = `rating_sum` + excluded.`rating_sum`,
    `r1` = `r1` + excluded.`r1`,
    `r2` = `r2` + excluded.`r2`,
    `r3` = `r3` + excluded.`r3`,
    `r4` = `r4` + excluded.`r4`,
    `r5` = `r5` + excluded.`r5`,
    `verified` = `verified` + excluded.`verified`,
    `replied` = `replied` + excluded.`replied`,
    `reply_ms_sum` = `reply_ms_sum` + excluded.`reply_ms_sum`,
    `reply_0` = `reply_0` + excluded.`reply_0`,
    `reply_1` = `reply_1` + excluded.`reply_1`,
    `reply_2` = `reply_2` + excluded.`reply_2`,
    `reply_3` = `reply_3` + excluded.`reply_3`,
    `reply_4` = `reply_4` + excluded.`reply_4`,
    `reply_5` = `reply_5` + excluded.`reply_5`,
    `reply_6` = `reply_6` + excluded.`reply_6`,
    `reply_7` = `reply_7` + excluded.`reply_7`,
    `reply_8` = `reply_8` + excluded.`reply_8`,
    `reply_9` = `reply_9` + excluded.`reply_9`;
  INSERT INTO `store_monthly_moderation` (`store_id`, `month`, `received`, `published`, `rejected`, `spam`, `verified`, `rating_sum`)
  VALUES (
    NEW.`store_id`,
    strftime('%Y-%m', NEW.`created_at` / 1000, 'unixepoch'),
    NEW.`sign`,
    NEW.`sign` * (NEW.`status` = 'published'),
    NEW.`sign` * (NEW.`status` = 'rejected'),
    NEW.`sign` * (NEW.`status` = 'spam'),
    NEW.`sign` * (NEW.`status` = 'published') * NEW.`verified`,
    NEW.`sign` * (NEW.`status` = 'published') * NEW.`rating`)
  ON CONFLICT (`store_id`, `month`) DO UPDATE SET
    `received` = `received` + excluded.`received`,
    `published` = `published` + excluded.`published`,
    `rejected` = `rejected` + excluded.`rejected`,
    `spam` = `spam` + excluded.`spam`,
    `verified` = `verified` + excluded.`verified`,
    `rating_sum` = `rating_sum` + excluded.`rating_sum`;
END;
