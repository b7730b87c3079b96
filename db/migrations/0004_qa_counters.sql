-- Q&A counters and search, kept by triggers like the review ones (0001).
CREATE TRIGGER `answers_count_insert` AFTER INSERT ON `answers` WHEN NEW.`status` = 'published' BEGIN
  UPDATE `questions` SET `answer_count` = `answer_count` + 1 WHERE `id` = NEW.`question_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `answers_count_delete` AFTER DELETE ON `answers` BEGIN
  UPDATE `questions` SET
    `answer_count` = `answer_count` - (OLD.`status` = 'published'),
    `accepted_answer_id` = CASE WHEN `accepted_answer_id` = OLD.`id` THEN NULL ELSE `accepted_answer_id` END
  WHERE `id` = OLD.`question_id`;
END;
--> statement-breakpoint
-- An answer that stops being published stops being the accepted one.
CREATE TRIGGER `answers_count_update` AFTER UPDATE OF `status` ON `answers` WHEN OLD.`status` <> NEW.`status` BEGIN
  UPDATE `questions` SET
    `answer_count` = `answer_count` - (OLD.`status` = 'published') + (NEW.`status` = 'published'),
    `accepted_answer_id` = CASE WHEN `accepted_answer_id` = OLD.`id` AND NEW.`status` <> 'published' THEN NULL ELSE `accepted_answer_id` END
  WHERE `id` = NEW.`question_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `answer_votes_insert` AFTER INSERT ON `answer_votes` BEGIN
  UPDATE `answers` SET `helpful_count` = `helpful_count` + 1 WHERE `id` = NEW.`answer_id`;
  UPDATE `questions` SET `helpful_count` = `helpful_count` + 1
  WHERE `id` = (SELECT `question_id` FROM `answers` WHERE `id` = NEW.`answer_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `answer_votes_delete` AFTER DELETE ON `answer_votes` BEGIN
  UPDATE `answers` SET `helpful_count` = `helpful_count` - 1 WHERE `id` = OLD.`answer_id`;
  UPDATE `questions` SET `helpful_count` = `helpful_count` - 1
  WHERE `id` = (SELECT `question_id` FROM `answers` WHERE `id` = OLD.`answer_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `qa_reports_insert` AFTER INSERT ON `qa_reports` BEGIN
  UPDATE `questions` SET `report_count` = `report_count` + 1 WHERE `id` = NEW.`target_id`;
  UPDATE `answers` SET `report_count` = `report_count` + 1 WHERE `id` = NEW.`target_id`;
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `questions_fts` USING fts5(
  `body`, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `questions_fts_insert` AFTER INSERT ON `questions` BEGIN
  INSERT INTO `questions_fts` (`rowid`, `body`) VALUES (NEW.`seq`, NEW.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `questions_fts_delete` AFTER DELETE ON `questions` BEGIN
  DELETE FROM `questions_fts` WHERE `rowid` = OLD.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `questions_fts_update` AFTER UPDATE OF `body` ON `questions` BEGIN
  DELETE FROM `questions_fts` WHERE `rowid` = OLD.`seq`;
  INSERT INTO `questions_fts` (`rowid`, `body`) VALUES (NEW.`seq`, NEW.`body`);
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `answers_fts` USING fts5(
  `body`, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `answers_fts_insert` AFTER INSERT ON `answers` BEGIN
  INSERT INTO `answers_fts` (`rowid`, `body`) VALUES (NEW.`seq`, NEW.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `answers_fts_delete` AFTER DELETE ON `answers` BEGIN
  DELETE FROM `answers_fts` WHERE `rowid` = OLD.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `answers_fts_update` AFTER UPDATE OF `body` ON `answers` BEGIN
  DELETE FROM `answers_fts` WHERE `rowid` = OLD.`seq`;
  INSERT INTO `answers_fts` (`rowid`, `body`) VALUES (NEW.`seq`, NEW.`body`);
END;
