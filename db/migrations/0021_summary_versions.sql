-- hand-written: a product's rating summary gets a version of its own, `s:<external id>` (see
-- db/schema/content-versions.ts). Summaries were filed under the product's `p:` version, which also
-- moves for every helpful vote, report, reply, edit and question, none of which changes a summary: on a
-- collection page, a vote on any of its 24 products made the whole answer a miss. A summary is the
-- product's statistics row reached by its external id, so its version moves whenever that row changes
-- (the statistics triggers update it only when a count does), and whenever the product appears, takes
-- another external id or goes. The `p:` triggers of 0010 are unchanged.
CREATE TRIGGER `product_stats_version_insert` AFTER INSERT ON `product_stats` BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 's:' || `external_id`, 1 FROM `products` WHERE `id` = NEW.`product_id` ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `product_stats_version_update` AFTER UPDATE ON `product_stats` BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 's:' || `external_id`, 1 FROM `products` WHERE `id` = OLD.`product_id` ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 's:' || `external_id`, 1 FROM `products` WHERE `id` = NEW.`product_id` AND NEW.`product_id` <> OLD.`product_id` ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
-- The product row may already be gone (its delete cascades here): the product's own trigger below covers that.
CREATE TRIGGER `product_stats_version_delete` AFTER DELETE ON `product_stats` BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) SELECT `store_id`, 's:' || `external_id`, 1 FROM `products` WHERE `id` = OLD.`product_id` ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `products_summary_version_insert` AFTER INSERT ON `products` BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) VALUES (NEW.`store_id`, 's:' || NEW.`external_id`, 1) ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `products_summary_version_update` AFTER UPDATE OF `external_id`, `store_id` ON `products` BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) VALUES (OLD.`store_id`, 's:' || OLD.`external_id`, 1) ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) VALUES (NEW.`store_id`, 's:' || NEW.`external_id`, 1) ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `products_summary_version_delete` AFTER DELETE ON `products` BEGIN
  INSERT INTO `content_versions` (`store_id`, `scope`, `version`) VALUES (OLD.`store_id`, 's:' || OLD.`external_id`, 1) ON CONFLICT (`store_id`, `scope`) DO UPDATE SET `version` = `version` + 1;
END;
