CREATE TABLE `content_versions` (
	`store_id` text NOT NULL,
	`scope` text NOT NULL,
	`version` integer NOT NULL,
	PRIMARY KEY(`store_id`, `scope`)
);

--> statement-breakpoint
-- Every change a public answer can show moves a version, in the same transaction (see
-- db/schema/content-versions.ts). Votes and reports reach here through the counters they update.
CREATE TRIGGER `reviews_version_insert` AFTER INSERT ON `reviews` BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT NEW.`store_id`, 'any', 1 WHERE NEW.`store_id` IS NOT NULL ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 'p:' || `external_id`, 1 FROM `products` WHERE `id` = NEW.`product_id` ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `questions_version_insert` AFTER INSERT ON `questions` BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT NEW.`store_id`, 'any', 1 WHERE NEW.`store_id` IS NOT NULL ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 'p:' || `external_id`, 1 FROM `products` WHERE `id` = NEW.`product_id` ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `answers_version_insert` AFTER INSERT ON `answers` BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT NEW.`store_id`, 'any', 1 WHERE NEW.`store_id` IS NOT NULL ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 'p:' || `external_id`, 1 FROM `products` WHERE `id` = (SELECT `product_id` FROM `questions` WHERE `id` = NEW.`question_id`) ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `review_replies_version_insert` AFTER INSERT ON `review_replies` BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT (SELECT `store_id` FROM `reviews` WHERE `id` = NEW.`review_id`), 'any', 1 WHERE (SELECT `store_id` FROM `reviews` WHERE `id` = NEW.`review_id`) IS NOT NULL ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 'p:' || `external_id`, 1 FROM `products` WHERE `id` = (SELECT `product_id` FROM `reviews` WHERE `id` = NEW.`review_id`) ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `products_version_insert` AFTER INSERT ON `products` BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT NEW.`store_id`, 'any', 1 WHERE NEW.`store_id` IS NOT NULL ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) VALUES (NEW.`store_id`, 'p:' || NEW.`external_id`, 1) ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `reviews_version_update` AFTER UPDATE ON `reviews` BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT NEW.`store_id`, 'any', 1 WHERE NEW.`store_id` IS NOT NULL ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 'p:' || `external_id`, 1 FROM `products` WHERE `id` = OLD.`product_id` ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  -- A move to another product changes both.
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 'p:' || `external_id`, 1 FROM `products` WHERE `id` = NEW.`product_id` AND NEW.`product_id` <> OLD.`product_id` ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `questions_version_update` AFTER UPDATE ON `questions` BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT NEW.`store_id`, 'any', 1 WHERE NEW.`store_id` IS NOT NULL ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 'p:' || `external_id`, 1 FROM `products` WHERE `id` = OLD.`product_id` ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  -- A move to another product changes both.
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 'p:' || `external_id`, 1 FROM `products` WHERE `id` = NEW.`product_id` AND NEW.`product_id` <> OLD.`product_id` ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `answers_version_update` AFTER UPDATE ON `answers` BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT NEW.`store_id`, 'any', 1 WHERE NEW.`store_id` IS NOT NULL ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 'p:' || `external_id`, 1 FROM `products` WHERE `id` = (SELECT `product_id` FROM `questions` WHERE `id` = NEW.`question_id`) ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `review_replies_version_update` AFTER UPDATE ON `review_replies` BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT (SELECT `store_id` FROM `reviews` WHERE `id` = NEW.`review_id`), 'any', 1 WHERE (SELECT `store_id` FROM `reviews` WHERE `id` = NEW.`review_id`) IS NOT NULL ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 'p:' || `external_id`, 1 FROM `products` WHERE `id` = (SELECT `product_id` FROM `reviews` WHERE `id` = NEW.`review_id`) ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `products_version_update` AFTER UPDATE ON `products` BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT NEW.`store_id`, 'any', 1 WHERE NEW.`store_id` IS NOT NULL ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) VALUES (OLD.`store_id`, 'p:' || OLD.`external_id`, 1) ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT NEW.`store_id`, 'p:' || NEW.`external_id`, 1 WHERE NEW.`external_id` <> OLD.`external_id` ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `reviews_version_delete` AFTER DELETE ON `reviews` BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT OLD.`store_id`, 'any', 1 WHERE OLD.`store_id` IS NOT NULL ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 'p:' || `external_id`, 1 FROM `products` WHERE `id` = OLD.`product_id` ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `questions_version_delete` AFTER DELETE ON `questions` BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT OLD.`store_id`, 'any', 1 WHERE OLD.`store_id` IS NOT NULL ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 'p:' || `external_id`, 1 FROM `products` WHERE `id` = OLD.`product_id` ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `answers_version_delete` AFTER DELETE ON `answers` BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT OLD.`store_id`, 'any', 1 WHERE OLD.`store_id` IS NOT NULL ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 'p:' || `external_id`, 1 FROM `products` WHERE `id` = (SELECT `product_id` FROM `questions` WHERE `id` = OLD.`question_id`) ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `review_replies_version_delete` AFTER DELETE ON `review_replies` BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT (SELECT `store_id` FROM `reviews` WHERE `id` = OLD.`review_id`), 'any', 1 WHERE (SELECT `store_id` FROM `reviews` WHERE `id` = OLD.`review_id`) IS NOT NULL ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 'p:' || `external_id`, 1 FROM `products` WHERE `id` = (SELECT `product_id` FROM `reviews` WHERE `id` = OLD.`review_id`) ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `products_version_delete` AFTER DELETE ON `products` BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT OLD.`store_id`, 'any', 1 WHERE OLD.`store_id` IS NOT NULL ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) VALUES (OLD.`store_id`, 'p:' || OLD.`external_id`, 1) ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `stores_version_update` AFTER UPDATE ON `stores` BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT NEW.`id`, 'any', 1 WHERE NEW.`id` IS NOT NULL ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) VALUES (NEW.`id`, 'store', 1) ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `stores_version_delete` AFTER DELETE ON `stores` BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT OLD.`id`, 'any', 1 WHERE OLD.`id` IS NOT NULL ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) VALUES (OLD.`id`, 'store', 1) ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
