/** Column helpers and the statuses several tables share. */
import { integer } from 'drizzle-orm/sqlite-core';

/** Milliseconds since the epoch; the app's clock decides, never SQLite's. */
export const timestamp = (name: string) => integer(name).notNull();

export const reviewStatuses = ['pending', 'published', 'rejected', 'spam'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

export const reportReasons = ['spam', 'offensive', 'off_topic', 'fake', 'private_information', 'other'] as const;
export type ReportReason = (typeof reportReasons)[number];
