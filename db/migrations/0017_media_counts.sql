ALTER TABLE `product_stats` ADD `media_reviews` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `reviews` ADD `visible_media_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- hand-written: the "with photos" count is kept on write like product_stats (0001), so a
-- summary stays one primary-key lookup: counting on read walked the store's media rows.
-- Two levels, each moved in the same statement's transaction as the row that moves it:
-- review_media → reviews.visible_media_count → product_stats.media_reviews.
-- A row counts for its review when it is attached, not hidden and not a poster (a poster is
-- shown with its video, never on its own) — whatever the review's status, so moderation
-- only has to look at the review's own count.
--
-- Backfill first, while no trigger of this file can double it.
UPDATE `reviews` SET `visible_media_count` = (
  SELECT count(*) FROM `review_media` m WHERE m.`review_id` = `reviews`.`id` AND m.`hidden` = 0 AND m.`kind` <> 'poster'
) WHERE `id` IN (SELECT `review_id` FROM `review_media` WHERE `review_id` IS NOT NULL);
--> statement-breakpoint
INSERT INTO `product_stats` (`product_id`, `store_id`, `media_reviews`)
  SELECT `product_id`, `store_id`, count(*) FROM `reviews` WHERE `status` = 'published' AND `visible_media_count` > 0 GROUP BY `product_id`, `store_id` ORDER BY 1
  ON CONFLICT (`product_id`) DO UPDATE SET `media_reviews` = excluded.`media_reviews`;
--> statement-breakpoint
CREATE TRIGGER `review_media_count_insert` AFTER INSERT ON `review_media`
WHEN NEW.`review_id` IS NOT NULL AND NEW.`hidden` = 0 AND NEW.`kind` <> 'poster' BEGIN
  UPDATE `reviews` SET `visible_media_count` = `visible_media_count` + 1 WHERE `id` = NEW.`review_id`;
END;
--> statement-breakpoint
-- Attach, hide, show, a move to another review: the old row's share out, the new row's in.
CREATE TRIGGER `review_media_count_update` AFTER UPDATE OF `review_id`, `hidden`, `kind` ON `review_media`
WHEN OLD.`review_id` IS NOT NEW.`review_id`
  OR (OLD.`hidden` = 0 AND OLD.`kind` <> 'poster') IS NOT (NEW.`hidden` = 0 AND NEW.`kind` <> 'poster') BEGIN
  UPDATE `reviews` SET `visible_media_count` = `visible_media_count` - 1 WHERE `id` = OLD.`review_id` AND OLD.`hidden` = 0 AND OLD.`kind` <> 'poster';
  UPDATE `reviews` SET `visible_media_count` = `visible_media_count` + 1 WHERE `id` = NEW.`review_id` AND NEW.`hidden` = 0 AND NEW.`kind` <> 'poster';
END;
--> statement-breakpoint
-- A row deleted with its review (cascade) finds no review here; reviews_media_stats_delete
-- then reads the review's count as it was.
CREATE TRIGGER `review_media_count_delete` AFTER DELETE ON `review_media`
WHEN OLD.`review_id` IS NOT NULL AND OLD.`hidden` = 0 AND OLD.`kind` <> 'poster' BEGIN
  UPDATE `reviews` SET `visible_media_count` = `visible_media_count` - 1 WHERE `id` = OLD.`review_id`;
END;
--> statement-breakpoint
-- A review counts for its product when it is published and has a visible item. Adding goes
-- through an upsert, so a product without a statistics row still gets a correct one.
CREATE TRIGGER `reviews_media_stats_insert` AFTER INSERT ON `reviews`
WHEN NEW.`status` = 'published' AND NEW.`visible_media_count` > 0 BEGIN
  INSERT INTO `product_stats` (`product_id`, `store_id`, `media_reviews`) VALUES (NEW.`product_id`, NEW.`store_id`, 1)
    ON CONFLICT (`product_id`) DO UPDATE SET `media_reviews` = `media_reviews` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `reviews_media_stats_update` AFTER UPDATE OF `status`, `visible_media_count`, `product_id` ON `reviews`
WHEN (OLD.`status` = 'published' AND OLD.`visible_media_count` > 0) IS NOT (NEW.`status` = 'published' AND NEW.`visible_media_count` > 0)
  OR (OLD.`product_id` IS NOT NEW.`product_id` AND OLD.`status` = 'published' AND OLD.`visible_media_count` > 0) BEGIN
  UPDATE `product_stats` SET `media_reviews` = `media_reviews` - 1
    WHERE `product_id` = OLD.`product_id` AND OLD.`status` = 'published' AND OLD.`visible_media_count` > 0;
  INSERT INTO `product_stats` (`product_id`, `store_id`, `media_reviews`)
    SELECT NEW.`product_id`, NEW.`store_id`, 1 WHERE NEW.`status` = 'published' AND NEW.`visible_media_count` > 0
    ON CONFLICT (`product_id`) DO UPDATE SET `media_reviews` = `media_reviews` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `reviews_media_stats_delete` AFTER DELETE ON `reviews`
WHEN OLD.`status` = 'published' AND OLD.`visible_media_count` > 0 BEGIN
  UPDATE `product_stats` SET `media_reviews` = `media_reviews` - 1 WHERE `product_id` = OLD.`product_id`;
END;
