CREATE TABLE `review_media` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`review_id` text,
	`kind` text NOT NULL,
	`content_type` text NOT NULL,
	`sha256` text NOT NULL,
	`bytes` integer NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`duration_seconds` real,
	`poster_media_id` text,
	`hidden` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "review_media_kind" CHECK("review_media"."kind" IN ('image', 'video', 'poster'))
);
--> statement-breakpoint
CREATE INDEX `review_media_gallery_idx` ON `review_media` (`store_id`,`created_at`,`id`) WHERE "review_media"."review_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `review_media_review_idx` ON `review_media` (`review_id`);--> statement-breakpoint
CREATE INDEX `review_media_unattached_idx` ON `review_media` (`created_at`) WHERE "review_media"."review_id" IS NULL;--> statement-breakpoint
CREATE INDEX `review_media_file_idx` ON `review_media` (`store_id`,`sha256`);--> statement-breakpoint
-- hand-written: attaching, hiding, showing and deleting a review's media changes what its product's
-- reviews and the store's gallery show, so they move the versions like 0010_content_versions.sql.
-- An unattached upload is shown nowhere and moves nothing.
CREATE TRIGGER `review_media_version_insert` AFTER INSERT ON `review_media` WHEN NEW.`review_id` IS NOT NULL BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 'any', 1 FROM `reviews` WHERE `id` = NEW.`review_id` ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 'p:' || `external_id`, 1 FROM `products` WHERE `id` = (SELECT `product_id` FROM `reviews` WHERE `id` = NEW.`review_id`) ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `review_media_version_update` AFTER UPDATE ON `review_media` WHEN OLD.`review_id` IS NOT NULL OR NEW.`review_id` IS NOT NULL BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 'any', 1 FROM `reviews` WHERE `id` = OLD.`review_id` ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 'p:' || `external_id`, 1 FROM `products` WHERE `id` = (SELECT `product_id` FROM `reviews` WHERE `id` = OLD.`review_id`) ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  -- Attaching (or a move to another review) changes the new review's product too.
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 'any', 1 FROM `reviews` WHERE `id` = NEW.`review_id` AND NEW.`review_id` IS NOT OLD.`review_id` ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 'p:' || `external_id`, 1 FROM `products` WHERE `id` = (SELECT `product_id` FROM `reviews` WHERE `id` = NEW.`review_id` AND NEW.`review_id` IS NOT OLD.`review_id`) ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `review_media_version_delete` AFTER DELETE ON `review_media` WHEN OLD.`review_id` IS NOT NULL BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 'any', 1 FROM `reviews` WHERE `id` = OLD.`review_id` ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 'p:' || `external_id`, 1 FROM `products` WHERE `id` = (SELECT `product_id` FROM `reviews` WHERE `id` = OLD.`review_id`) ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
