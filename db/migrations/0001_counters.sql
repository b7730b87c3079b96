-- Counters and the search index are kept by triggers, so they change in the
-- same transaction as the row that moves them, whichever code path writes it.
-- Reads never recount: a product's summary is one primary-key lookup.

-- Every product has exactly one statistics row from birth.
CREATE TRIGGER `products_stats_row` AFTER INSERT ON `products` BEGIN
  INSERT INTO `product_stats` (`product_id`) VALUES (NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `reviews_stats_insert` AFTER INSERT ON `reviews` WHEN NEW.`status` = 'published' BEGIN
  UPDATE `product_stats` SET
    `count` = `count` + 1,
    `rating_sum` = `rating_sum` + NEW.`rating`,
    `r1` = `r1` + (NEW.`rating` = 1), `r2` = `r2` + (NEW.`rating` = 2), `r3` = `r3` + (NEW.`rating` = 3),
    `r4` = `r4` + (NEW.`rating` = 4), `r5` = `r5` + (NEW.`rating` = 5),
    `verified_count` = `verified_count` + NEW.`verified`
  WHERE `product_id` = NEW.`product_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `reviews_stats_delete` AFTER DELETE ON `reviews` WHEN OLD.`status` = 'published' BEGIN
  UPDATE `product_stats` SET
    `count` = `count` - 1,
    `rating_sum` = `rating_sum` - OLD.`rating`,
    `r1` = `r1` - (OLD.`rating` = 1), `r2` = `r2` - (OLD.`rating` = 2), `r3` = `r3` - (OLD.`rating` = 3),
    `r4` = `r4` - (OLD.`rating` = 4), `r5` = `r5` - (OLD.`rating` = 5),
    `verified_count` = `verified_count` - OLD.`verified`
  WHERE `product_id` = OLD.`product_id`;
END;
--> statement-breakpoint
-- An update takes the old row out (if it counted) and puts the new one in (if it counts).
CREATE TRIGGER `reviews_stats_update` AFTER UPDATE OF `status`, `rating`, `verified`, `product_id` ON `reviews`
WHEN OLD.`status` = 'published' OR NEW.`status` = 'published' BEGIN
  UPDATE `product_stats` SET
    `count` = `count` - 1,
    `rating_sum` = `rating_sum` - OLD.`rating`,
    `r1` = `r1` - (OLD.`rating` = 1), `r2` = `r2` - (OLD.`rating` = 2), `r3` = `r3` - (OLD.`rating` = 3),
    `r4` = `r4` - (OLD.`rating` = 4), `r5` = `r5` - (OLD.`rating` = 5),
    `verified_count` = `verified_count` - OLD.`verified`
  WHERE `product_id` = OLD.`product_id` AND OLD.`status` = 'published';
  UPDATE `product_stats` SET
    `count` = `count` + 1,
    `rating_sum` = `rating_sum` + NEW.`rating`,
    `r1` = `r1` + (NEW.`rating` = 1), `r2` = `r2` + (NEW.`rating` = 2), `r3` = `r3` + (NEW.`rating` = 3),
    `r4` = `r4` + (NEW.`rating` = 4), `r5` = `r5` + (NEW.`rating` = 5),
    `verified_count` = `verified_count` + NEW.`verified`
  WHERE `product_id` = NEW.`product_id` AND NEW.`status` = 'published';
END;
--> statement-breakpoint
CREATE TRIGGER `review_votes_insert` AFTER INSERT ON `review_votes` BEGIN
  UPDATE `reviews` SET
    `helpful_count` = `helpful_count` + (NEW.`value` = 1),
    `unhelpful_count` = `unhelpful_count` + (NEW.`value` = -1)
  WHERE `id` = NEW.`review_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `review_votes_update` AFTER UPDATE OF `value` ON `review_votes` BEGIN
  UPDATE `reviews` SET
    `helpful_count` = `helpful_count` - (OLD.`value` = 1) + (NEW.`value` = 1),
    `unhelpful_count` = `unhelpful_count` - (OLD.`value` = -1) + (NEW.`value` = -1)
  WHERE `id` = NEW.`review_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `review_votes_delete` AFTER DELETE ON `review_votes` BEGIN
  UPDATE `reviews` SET
    `helpful_count` = `helpful_count` - (OLD.`value` = 1),
    `unhelpful_count` = `unhelpful_count` - (OLD.`value` = -1)
  WHERE `id` = OLD.`review_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `review_reports_insert` AFTER INSERT ON `review_reports` BEGIN
  UPDATE `reviews` SET `report_count` = `report_count` + 1 WHERE `id` = NEW.`review_id`;
END;
--> statement-breakpoint
-- Contentless full-text index over review titles and bodies, keyed by reviews.seq.
-- remove_diacritics lets "cafe" find "café".
CREATE VIRTUAL TABLE `reviews_fts` USING fts5(
  `title`, `body`, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `reviews_fts_insert` AFTER INSERT ON `reviews` BEGIN
  INSERT INTO `reviews_fts` (`rowid`, `title`, `body`) VALUES (NEW.`seq`, coalesce(NEW.`title`, ''), NEW.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `reviews_fts_delete` AFTER DELETE ON `reviews` BEGIN
  DELETE FROM `reviews_fts` WHERE `rowid` = OLD.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `reviews_fts_update` AFTER UPDATE OF `title`, `body` ON `reviews` BEGIN
  DELETE FROM `reviews_fts` WHERE `rowid` = OLD.`seq`;
  INSERT INTO `reviews_fts` (`rowid`, `title`, `body`) VALUES (NEW.`seq`, coalesce(NEW.`title`, ''), NEW.`body`);
END;
