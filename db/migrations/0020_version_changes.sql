ALTER TABLE `content_versions` ADD `changed` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `content_versions_changed_idx` ON `content_versions` (`changed`);--> statement-breakpoint
-- hand-written: every row inserted and every move of a version takes the next change number (see
-- db/schema/content-versions.ts), so the version reader re-reads only the rows changed since the largest
-- it saw. One indexed UPDATE per bump: the largest number comes from the index, the row by its rowid.
-- Neither trigger can fire itself or the other: their UPDATE sets only `changed`, and the UPDATE trigger
-- listens to `version` alone. An UPSERT's DO UPDATE fires the UPDATE trigger; its INSERT, the INSERT one.
-- Their names leave out "version": test/db/queries/content-versions.test.ts lists the triggers that bump one.
-- Rows already here are numbered once, in rowid order, before the triggers exist.
UPDATE `content_versions` SET `changed` = `rowid`;
--> statement-breakpoint
CREATE TRIGGER `content_changes_numbered_on_insert` AFTER INSERT ON `content_versions` BEGIN
  UPDATE `content_versions` SET `changed` = (SELECT coalesce(max(`changed`), 0) + 1 FROM `content_versions`) WHERE `rowid` = NEW.`rowid`;
END;
--> statement-breakpoint
CREATE TRIGGER `content_changes_numbered_on_update` AFTER UPDATE OF `version` ON `content_versions` BEGIN
  UPDATE `content_versions` SET `changed` = (SELECT coalesce(max(`changed`), 0) + 1 FROM `content_versions`) WHERE `rowid` = NEW.`rowid`;
END;
