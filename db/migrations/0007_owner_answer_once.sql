-- A buyer answers a question once per order. Until now a check before the insert kept it so, which
-- two submissions at once could both pass; the index makes it a rule of the database. Duplicates that
-- race left behind stay published, but only the first keeps the order (and the "verified owner" label).
UPDATE `answers` SET `kind` = 'community', `order_id` = NULL
WHERE `order_id` IS NOT NULL AND `seq` NOT IN (SELECT min(`seq`) FROM `answers` WHERE `order_id` IS NOT NULL GROUP BY `question_id`, `order_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `answers_owner_once_idx` ON `answers` (`question_id`,`order_id`) WHERE "answers"."order_id" IS NOT NULL;
