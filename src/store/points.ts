// All SQL of the 红色积分超市. Entries are only ever inserted (triggers refuse UPDATE/DELETE); balances and stock are sums.
import type { Db } from './db.js';
import { stmt } from './stmt.js';

export type EntryKind = 'credit' | 'debit' | 'reversal' | 'adjustment';
export type EntrySource = 'ticket' | 'record' | 'redemption' | 'admin';

export interface PointsEntry {
  id: number;
  at: string;
  work_day: string;
  userid: string;
  community: string;
  category: string | null;
  points: number;
  kind: EntryKind;
  rule: string | null;
  reason: string;
  source: EntrySource;
  source_id: string;
  cycle: number;
  reverses: number | null;
  actor: string;
  manual: 0 | 1;
}

export type NewEntry = Omit<PointsEntry, 'id' | 'cycle' | 'reverses' | 'rule'> & { cycle?: number; reverses?: number | null; rule?: string | null };

/** Appends one entry; false when an entry with the same (source, source_id, cycle, kind, userid) exists: never twice. */
export function insertEntry(db: Db, e: NewEntry): boolean {
  return stmt(db, `INSERT INTO points_entries (at, work_day, userid, community, category, points, kind, rule, reason, source, source_id, cycle, reverses, actor, manual)
    VALUES (@at, @work_day, @userid, @community, @category, @points, @kind, @rule, @reason, @source, @source_id, @cycle, @reverses, @actor, @manual)
    ON CONFLICT (source, source_id, cycle, kind, userid) DO NOTHING`)
    .run({ rule: null, cycle: 0, reverses: null, ...e }).changes === 1;
}

/** Credits of one ticket's resolve cycle not yet reversed. */
export function creditsOf(db: Db, source: EntrySource, sourceId: string, cycle: number): PointsEntry[] {
  return stmt<[string, string, number], PointsEntry>(db, `SELECT * FROM points_entries c WHERE source = ? AND source_id = ? AND cycle = ? AND kind = 'credit'
    AND NOT EXISTS (SELECT 1 FROM points_entries r WHERE r.reverses = c.id) ORDER BY id`).all(source, sourceId, cycle);
}

/** Net points and net count one person earned from one rule on one day (reversals give room back). */
export function usedOnDay(db: Db, userid: string, rule: string | null, day: string): { points: number; count: number } {
  const r = rule === null
    ? stmt<[string, string], { points: number; count: number }>(db, `SELECT coalesce(sum(points), 0) AS points,
        coalesce(sum(CASE kind WHEN 'credit' THEN 1 ELSE -1 END), 0) AS count
        FROM points_entries WHERE userid = ? AND work_day = ? AND kind IN ('credit','reversal') AND rule IS NOT NULL`).get(userid, day)!
    : stmt<[string, string, string], { points: number; count: number }>(db, `SELECT coalesce(sum(points), 0) AS points,
        coalesce(sum(CASE kind WHEN 'credit' THEN 1 ELSE -1 END), 0) AS count
        FROM points_entries WHERE userid = ? AND rule = ? AND work_day = ? AND kind IN ('credit','reversal')`).get(userid, rule, day)!;
  return r;
}

/** Everything a person has to spend: the sum of all their entries. */
export function balanceOf(db: Db, userid: string): number {
  return stmt<[string], { b: number }>(db, `SELECT coalesce(sum(points), 0) AS b FROM points_entries WHERE userid = ?`).get(userid)!.b;
}

/** What a person earned in [from, to) by category: credits, reversals and adjustments; redemptions are spending, not earning. */
export function earnedByCategory(db: Db, userid: string, fromIso: string, toIso: string): { category: string | null; points: number }[] {
  return stmt<[string, string, string], { category: string | null; points: number }>(db,
    `SELECT category, sum(points) AS points FROM points_entries WHERE userid = ? AND at >= ? AND at < ? AND kind != 'debit'
      GROUP BY category ORDER BY sum(points) DESC, category`).all(userid, fromIso, toIso);
}

export interface RankRow { userid: string; points: number }

/** A community's earners in [from, to), most first (ties by who reached the total first). */
export function ranking(db: Db, community: string, fromIso: string, toIso: string): RankRow[] {
  return stmt<[string, string, string], RankRow>(db,
    `SELECT userid, sum(points) AS points FROM points_entries WHERE community = ? AND at >= ? AND at < ? AND kind != 'debit'
      GROUP BY userid HAVING sum(points) > 0 ORDER BY sum(points) DESC, max(id), userid`).all(community, fromIso, toIso);
}

/** Every balance, recomputed from the entries. */
export function allBalances(db: Db): Map<string, number> {
  const rows = stmt<[], { userid: string; b: number }>(db, `SELECT userid, sum(points) AS b FROM points_entries GROUP BY userid`).all();
  return new Map(rows.map((r) => [r.userid, r.b]));
}

export function listEntries(db: Db, q: { userid?: string; community?: string; fromIso?: string; toIso?: string } = {}): PointsEntry[] {
  return stmt<[{ u: string | null; c: string | null; f: string | null; t: string | null }], PointsEntry>(db,
    `SELECT * FROM points_entries WHERE (@u IS NULL OR userid = @u) AND (@c IS NULL OR community = @c)
      AND (@f IS NULL OR at >= @f) AND (@t IS NULL OR at < @t) ORDER BY id`)
    .all({ u: q.userid ?? null, c: q.community ?? null, f: q.fromIso ?? null, t: q.toIso ?? null });
}

// ── redemptions ──────────────────────────────────────────────────────────────────────────────────────────────

export type RedemptionStatus = 'pending' | 'confirmed' | 'cancelled';

export interface Redemption {
  id: number;
  userid: string;
  community: string;
  item: string;
  unit: string | null;
  quantity: number;
  points: number;
  status: RedemptionStatus;
  msgid: string | null;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
  note: string | null;
}

export function insertRedemption(db: Db, r: Pick<Redemption, 'userid' | 'community' | 'item' | 'unit' | 'quantity' | 'points' | 'msgid' | 'created_at'>): number {
  return Number(stmt(db, `INSERT INTO redemptions (userid, community, item, unit, quantity, points, msgid, created_at)
    VALUES (@userid, @community, @item, @unit, @quantity, @points, @msgid, @created_at)`).run(r).lastInsertRowid);
}

export function getRedemption(db: Db, id: number): Redemption | undefined {
  return stmt<[number], Redemption>(db, `SELECT * FROM redemptions WHERE id = ?`).get(id);
}

export function redemptionByMsg(db: Db, msgid: string): Redemption | undefined {
  return stmt<[string], Redemption>(db, `SELECT * FROM redemptions WHERE msgid = ?`).get(msgid);
}

export function pendingRedemptions(db: Db, q: { community?: string; userid?: string }): Redemption[] {
  return stmt<[{ c: string | null; u: string | null }], Redemption>(db,
    `SELECT * FROM redemptions WHERE status = 'pending' AND (@c IS NULL OR community = @c) AND (@u IS NULL OR userid = @u) ORDER BY id`)
    .all({ c: q.community ?? null, u: q.userid ?? null });
}

/** Points a person has asked to spend and nobody has decided on yet. */
export function pendingPointsOf(db: Db, userid: string): number {
  return stmt<[string], { p: number }>(db, `SELECT coalesce(sum(points), 0) AS p FROM redemptions WHERE userid = ? AND status = 'pending'`).get(userid)!.p;
}

/** Moves a pending redemption to a decision; false when it was no longer pending (someone decided first). */
export function decideRedemption(db: Db, id: number, status: 'confirmed' | 'cancelled', by: string, at: string, note: string | null = null): boolean {
  return stmt(db, `UPDATE redemptions SET status = ?, decided_by = ?, decided_at = ?, note = ? WHERE id = ? AND status = 'pending'`)
    .run(status, by, at, note, id).changes === 1;
}

// ── stock ────────────────────────────────────────────────────────────────────────────────────────────────────

/** Sum of stock moves of one item of a community's shelf (add the catalogue's opening stock). */
export function stockMoved(db: Db, community: string, item: string): number {
  return stmt<[string, string], { d: number }>(db, `SELECT coalesce(sum(delta), 0) AS d FROM stock_moves WHERE community = ? AND item = ?`).get(community, item)!.d;
}

export function insertStockMove(db: Db, m: { at: string; community: string; item: string; delta: number; reason: string; source: 'redemption' | 'admin'; source_id: string; actor: string }): boolean {
  return stmt(db, `INSERT INTO stock_moves (at, community, item, delta, reason, source, source_id, actor)
    VALUES (@at, @community, @item, @delta, @reason, @source, @source_id, @actor) ON CONFLICT (source, source_id) DO NOTHING`).run(m).changes === 1;
}
