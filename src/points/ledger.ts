// The rules of earning and spending, over the append-only entries. Every function here runs inside the caller's
// transaction (the message's, or an IMMEDIATE one of its own) so points move together with what earned them.
import type { Db } from '../store/db.js';
import {
  balanceOf, creditsOf, decideRedemption, getRedemption, insertEntry, insertRedemption, insertStockMove, pendingPointsOf, redemptionByMsg,
  stockMoved, usedOnDay, type EntrySource, type Redemption,
} from '../store/points.js';
import { shanghaiDate } from '../time.js';
import type { PointCategory } from './categories.js';
import { creditFor, findItem, shelfOf, type Catalogue, type CatalogueItem, type PointsRules, type WorkKind } from './rules.js';

export interface WorkCredit {
  userid: string;
  community: string;
  work: WorkKind;
  /** The problem category (tickets, 随手做) that picks the points category. */
  problem: string | null;
  source: EntrySource;
  sourceId: string;
  cycle?: number;
  /** For a later reporter of a merged duplicate: the share of the full points. */
  share?: number;
  at: string;
  reason: string;
}

export type CreditOutcome =
  | { kind: 'credited'; points: number; category: PointCategory; capped: boolean }
  | { kind: 'capped' }
  | { kind: 'nothing' }
  | { kind: 'duplicate' };

/** Credits one piece of verified work, within the rule's and the day's caps. The unique key makes a repeat a no-op. */
export function creditWork(db: Db, rules: PointsRules, w: WorkCredit): CreditOutcome {
  const c = creditFor(rules, w.work, w.problem);
  if (!c) return { kind: 'nothing' };
  const rule = rules.work[w.work]!;
  const ruleName = w.share !== undefined ? `${w.work}_merged` : w.work;
  let points = w.share !== undefined ? Math.floor(c.points * w.share) : c.points;
  if (points <= 0) return { kind: 'nothing' };
  const day = shanghaiDate(new Date(w.at));
  // Caps count this kind of work however it was earned (first report or merged), net of reversals.
  const used = sumRules(db, w.userid, [w.work, `${w.work}_merged`], day);
  if (rule.max_per_day !== undefined && used.count >= rule.max_per_day) return { kind: 'capped' };
  const wanted = points;
  if (rule.daily_cap !== undefined) points = Math.min(points, rule.daily_cap - used.points);
  if (rules.daily_cap_total > 0) points = Math.min(points, rules.daily_cap_total - usedOnDay(db, w.userid, null, day).points);
  if (points <= 0) return { kind: 'capped' };
  const ok = insertEntry(db, {
    at: w.at, work_day: day, userid: w.userid, community: w.community, category: c.category, points, kind: 'credit', rule: ruleName,
    reason: points < wanted ? `${w.reason}（已达每日上限，记${points}分）` : w.reason,
    source: w.source, source_id: w.sourceId, cycle: w.cycle ?? 0, actor: 'system', manual: 0,
  });
  return ok ? { kind: 'credited', points, category: c.category, capped: points < wanted } : { kind: 'duplicate' };
}

function sumRules(db: Db, userid: string, names: string[], day: string) {
  let points = 0, count = 0;
  for (const n of names) { const u = usedOnDay(db, userid, n, day); points += u.points; count += u.count; }
  return { points, count };
}

/** Takes back every credit of one ticket's resolve cycle with a counter-entry each, if the reopen came in time. */
export function reverseCycle(db: Db, rules: PointsRules, q: { source: EntrySource; sourceId: string; cycle: number; at: string; reason: string; actor?: string }): number {
  let n = 0;
  const windowMs = rules.reopen_window_days * 86400_000;
  for (const c of creditsOf(db, q.source, q.sourceId, q.cycle)) {
    if (Date.parse(q.at) - Date.parse(c.at) > windowMs) continue;
    if (insertEntry(db, {
      at: q.at, work_day: c.work_day, userid: c.userid, community: c.community, category: c.category, points: -c.points, kind: 'reversal',
      rule: c.rule, reason: q.reason, source: c.source, source_id: c.source_id, cycle: c.cycle, reverses: c.id, actor: q.actor ?? 'system', manual: 0,
    })) n++;
  }
  return n;
}

// ── the supermarket ──────────────────────────────────────────────────────────────────────────────────────────

export const stockOf = (db: Db, community: string, item: CatalogueItem): number => item.stock + stockMoved(db, community, item.item);

export type RequestOutcome =
  | { kind: 'created'; redemption: Redemption; item: CatalogueItem }
  | { kind: 'unknown_item'; shelf: CatalogueItem[] }
  | { kind: 'short_points'; item: CatalogueItem; cost: number; balance: number; pending: number }
  | { kind: 'short_stock'; item: CatalogueItem; stock: number }
  | { kind: 'duplicate'; redemption: Redemption };

/** A volunteer asks for goods: checked against shelf, balance (less what is already waiting) and stock; nothing is spent yet. */
export function requestRedemption(db: Db, cat: Catalogue, r: { userid: string; community: string; item: string; quantity: number; msgid: string; at: string }): RequestOutcome {
  const again = redemptionByMsg(db, r.msgid);
  if (again) return { kind: 'duplicate', redemption: again };
  const shelf = shelfOf(cat, r.community);
  const item = findItem(shelf, r.item);
  if (!item) return { kind: 'unknown_item', shelf };
  const cost = item.points * r.quantity;
  const balance = balanceOf(db, r.userid);
  const pending = pendingPointsOf(db, r.userid);
  if (balance - pending < cost) return { kind: 'short_points', item, cost, balance, pending };
  const stock = stockOf(db, r.community, item);
  if (stock < r.quantity) return { kind: 'short_stock', item, stock };
  const id = insertRedemption(db, { userid: r.userid, community: r.community, item: item.item, unit: item.unit, quantity: r.quantity, points: cost, msgid: r.msgid, created_at: r.at });
  return { kind: 'created', redemption: getRedemption(db, id)!, item };
}

export type DecideOutcome =
  | { kind: 'confirmed'; redemption: Redemption; balance: number }
  | { kind: 'cancelled'; redemption: Redemption }
  | { kind: 'missing' }
  | { kind: 'decided'; redemption: Redemption }
  | { kind: 'short_points'; redemption: Redemption; balance: number }
  | { kind: 'short_stock'; redemption: Redemption; stock: number }
  | { kind: 'off_shelf'; redemption: Redemption };

/**
 * Confirms a pending redemption: balance and stock are checked and the debit and stock move written in one IMMEDIATE
 * transaction, so of two confirmations racing (two processes, two handles) the second sees the first one's debit.
 * Inside an open transaction (the message's) better-sqlite3 makes this a savepoint of that one.
 */
export function confirmRedemption(db: Db, cat: Catalogue, id: number, by: string, at: string): DecideOutcome {
  return db.transaction((): DecideOutcome => {
    const r = getRedemption(db, id);
    if (!r) return { kind: 'missing' };
    if (r.status !== 'pending') return { kind: 'decided', redemption: r };
    const item = shelfOf(cat, r.community).find((i) => i.item === r.item);
    if (!item) return { kind: 'off_shelf', redemption: r };
    const balance = balanceOf(db, r.userid);
    if (balance < r.points) return { kind: 'short_points', redemption: r, balance };
    const stock = stockOf(db, r.community, item);
    if (stock < r.quantity) return { kind: 'short_stock', redemption: r, stock };
    const what = `${r.item} ×${r.quantity}`;
    insertEntry(db, {
      at, work_day: shanghaiDate(new Date(at)), userid: r.userid, community: r.community, category: null, points: -r.points, kind: 'debit',
      reason: `兑换 ${what}（R${r.id}）`, source: 'redemption', source_id: `R${r.id}`, actor: by, manual: 0,
    });
    insertStockMove(db, { at, community: r.community, item: r.item, delta: -r.quantity, reason: `兑换 R${r.id}`, source: 'redemption', source_id: `R${r.id}`, actor: by });
    decideRedemption(db, r.id, 'confirmed', by, at);
    return { kind: 'confirmed', redemption: getRedemption(db, id)!, balance: balanceOf(db, r.userid) };
  }).immediate();
}

export function cancelRedemption(db: Db, id: number, by: string, at: string): DecideOutcome {
  return db.transaction((): DecideOutcome => {
    const r = getRedemption(db, id);
    if (!r) return { kind: 'missing' };
    if (!decideRedemption(db, id, 'cancelled', by, at)) return { kind: 'decided', redemption: r };
    return { kind: 'cancelled', redemption: getRedemption(db, id)! };
  }).immediate();
}

/** A manual correction by an admin or secretary: always its own entry, marked manual, with who and why. */
export function adjust(db: Db, a: { userid: string; community: string; points: number; reason: string; by: string; at: string; category?: PointCategory | null; ref?: string }): boolean {
  if (!Number.isInteger(a.points) || a.points === 0) throw new Error('an adjustment is a non-zero whole number of points');
  if (!a.reason.trim()) throw new Error('an adjustment needs a reason');
  return insertEntry(db, {
    at: a.at, work_day: shanghaiDate(new Date(a.at)), userid: a.userid, community: a.community, category: a.category === undefined ? 'general' : a.category,
    points: a.points, kind: 'adjustment', reason: a.reason.trim(), source: 'admin',
    source_id: a.ref ?? `${a.at}/${a.by}/${Math.random().toString(36).slice(2, 10)}`, actor: a.by, manual: 1,
  });
}
