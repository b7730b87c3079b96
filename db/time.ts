/** Durations in milliseconds, shared by the query layer and the app (which may import db/, never the reverse). */
export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;
