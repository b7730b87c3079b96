-- Search scoped to its product and store (issue 13). Each indexed row carries the tokens of
-- its product (p<id>) and store (s<hex of id>) in a `scope` column, and every search ANDs its
-- words with one of them: FTS5 then walks that product's or store's matches only, instead of
-- every store's, and one large tenant no longer slows every other tenant's search.
-- The tables are contentless: rebuilt here from the rows they index.
DROP TRIGGER `reviews_fts_insert`;
--> statement-breakpoint
DROP TRIGGER `reviews_fts_delete`;
--> statement-breakpoint
DROP TRIGGER `reviews_fts_update`;
--> statement-breakpoint
DROP TABLE `reviews_fts`;
--> statement-breakpoint
DROP TRIGGER `questions_fts_insert`;
--> statement-breakpoint
DROP TRIGGER `questions_fts_delete`;
--> statement-breakpoint
DROP TRIGGER `questions_fts_update`;
--> statement-breakpoint
DROP TABLE `questions_fts`;
--> statement-breakpoint
DROP TRIGGER `answers_fts_insert`;
--> statement-breakpoint
DROP TRIGGER `answers_fts_delete`;
--> statement-breakpoint
DROP TRIGGER `answers_fts_update`;
--> statement-breakpoint
DROP TABLE `answers_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `reviews_fts` USING fts5(
  `scope`, `title`, `body`, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `reviews_fts_insert` AFTER INSERT ON `reviews` BEGIN
  INSERT INTO `reviews_fts` (`rowid`, `scope`, `title`, `body`) VALUES (NEW.`seq`, 'p' || NEW.`product_id` || ' s' || hex(NEW.`store_id`), coalesce(NEW.`title`, ''), NEW.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `reviews_fts_delete` AFTER DELETE ON `reviews` BEGIN
  DELETE FROM `reviews_fts` WHERE `rowid` = OLD.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `reviews_fts_update` AFTER UPDATE OF `title`, `body`, `product_id`, `store_id` ON `reviews` BEGIN
  DELETE FROM `reviews_fts` WHERE `rowid` = OLD.`seq`;
  INSERT INTO `reviews_fts` (`rowid`, `scope`, `title`, `body`) VALUES (NEW.`seq`, 'p' || NEW.`product_id` || ' s' || hex(NEW.`store_id`), coalesce(NEW.`title`, ''), NEW.`body`);
END;
--> statement-breakpoint
INSERT INTO `reviews_fts` (`rowid`, `scope`, `title`, `body`)
  SELECT `seq`, 'p' || `product_id` || ' s' || hex(`store_id`), coalesce(`title`, ''), `body` FROM `reviews`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `questions_fts` USING fts5(
  `scope`, `body`, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `questions_fts_insert` AFTER INSERT ON `questions` BEGIN
  INSERT INTO `questions_fts` (`rowid`, `scope`, `body`) VALUES (NEW.`seq`, 'p' || NEW.`product_id` || ' s' || hex(NEW.`store_id`), NEW.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `questions_fts_delete` AFTER DELETE ON `questions` BEGIN
  DELETE FROM `questions_fts` WHERE `rowid` = OLD.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `questions_fts_update` AFTER UPDATE OF `body`, `product_id`, `store_id` ON `questions` BEGIN
  DELETE FROM `questions_fts` WHERE `rowid` = OLD.`seq`;
  INSERT INTO `questions_fts` (`rowid`, `scope`, `body`) VALUES (NEW.`seq`, 'p' || NEW.`product_id` || ' s' || hex(NEW.`store_id`), NEW.`body`);
END;
--> statement-breakpoint
INSERT INTO `questions_fts` (`rowid`, `scope`, `body`)
  SELECT `seq`, 'p' || `product_id` || ' s' || hex(`store_id`), `body` FROM `questions`;
--> statement-breakpoint
-- An answer is found through its question's product.
CREATE VIRTUAL TABLE `answers_fts` USING fts5(
  `scope`, `body`, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `answers_fts_insert` AFTER INSERT ON `answers` BEGIN
  INSERT INTO `answers_fts` (`rowid`, `scope`, `body`)
    SELECT NEW.`seq`, 'p' || q.`product_id` || ' s' || hex(q.`store_id`), NEW.`body` FROM `questions` q WHERE q.`id` = NEW.`question_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `answers_fts_delete` AFTER DELETE ON `answers` BEGIN
  DELETE FROM `answers_fts` WHERE `rowid` = OLD.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `answers_fts_update` AFTER UPDATE OF `body`, `question_id` ON `answers` BEGIN
  DELETE FROM `answers_fts` WHERE `rowid` = OLD.`seq`;
  INSERT INTO `answers_fts` (`rowid`, `scope`, `body`)
    SELECT NEW.`seq`, 'p' || q.`product_id` || ' s' || hex(q.`store_id`), NEW.`body` FROM `questions` q WHERE q.`id` = NEW.`question_id`;
END;
--> statement-breakpoint
-- A question moved to another product takes its answers' scope along.
CREATE TRIGGER `questions_fts_answers_scope` AFTER UPDATE OF `product_id`, `store_id` ON `questions` BEGIN
  UPDATE `answers` SET `question_id` = `question_id` WHERE `question_id` = NEW.`id`;
END;
--> statement-breakpoint
INSERT INTO `answers_fts` (`rowid`, `scope`, `body`)
  SELECT a.`seq`, 'p' || q.`product_id` || ' s' || hex(q.`store_id`), a.`body` FROM `answers` a JOIN `questions` q ON q.`id` = a.`question_id`;
