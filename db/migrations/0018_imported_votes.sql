ALTER TABLE `review_votes` ADD `imported` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `answer_votes` ADD `imported` integer DEFAULT false NOT NULL;--> statement-breakpoint
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
