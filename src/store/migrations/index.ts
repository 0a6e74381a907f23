import core from './0010-core.js';
import points from './0020-points.js';
import perfIndexes from './0050-perf-indexes.js';
import outboxOrder from './0060-outbox-order.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Ordered; each runs once, all pending ones in one transaction; PRAGMA user_version holds the last applied. */
export const MIGRATIONS: Migration[] = [core, points, perfIndexes, outboxOrder];
