/** The schema version this build expects, read from the committed migration journal. */
import journal from './migrations/meta/_journal.json';

export const expectedMigrations: number = journal.entries.length;
export const latestMigration: string = journal.entries.at(-1)?.tag ?? 'none';
