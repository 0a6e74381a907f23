import type { Db } from '../../src/store/db.js';
import { listEntries, type PointsEntry } from '../../src/store/points.js';

export const entriesOf = (db: Db): PointsEntry[] => listEntries(db);

/** Every balance recomputed by hand from the raw entries, the way an auditor would. */
export function balancesByHand(db: Db): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of db.prepare('SELECT userid, points FROM points_entries').all() as { userid: string; points: number }[]) m.set(e.userid, (m.get(e.userid) ?? 0) + e.points);
  return m;
}

export const emptyBalances = (db: Db) => [...balancesByHand(db).values()].every((b) => b === 0);
