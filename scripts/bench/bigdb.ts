// A year of a busy district in one SQLite file: 1,000,000 tickets (each with its source message and its opened /
// resolved events) and 300,000 work records, spread over the demo roster's communities, grids, compounds, categories
// and statuses. Built once in one transaction with prepared statements, then cached by schema version.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, openDb, type Db } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import type { Roster } from '../../src/roster/types.js';
import { toShanghaiIso } from '../../src/time.js';
import { CATEGORY_ZH } from '../../src/domain/categories.js';

export const TICKETS = 1_000_000;
export const RECORDS = 300_000;

/** A deterministic generator, so every run builds the same database. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BigDb {
  db: Db;
  file: string;
  bytes: number;
  built: boolean;
  buildMs: number;
  /** The instant the year ends: "now" for the queries. */
  now: Date;
}

const YEAR_END = new Date('2026-11-30T17:00:00+08:00');

export function bigDbFile(): string {
  const version = MIGRATIONS[MIGRATIONS.length - 1].version;
  return join(tmpdir(), `xxgj-bench-1m-v${version}-t${TICKETS}-r${RECORDS}.sqlite`);
}

export function openBigDb(roster: Roster, log: (s: string) => void): BigDb {
  const file = bigDbFile();
  let built = false;
  let buildMs = 0;
  if (!existsSync(file)) {
    const t0 = performance.now();
    const tmp = `${file}.building`;
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
    // A scratch file: no journal, no fsync while loading; the bot's own pragmas apply when it is opened below.
    const db = new Database(tmp);
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    migrate(db);
    build(db, roster, log);
    db.exec('ANALYZE');
    db.close();
    renameSync(tmp, file);
    buildMs = performance.now() - t0;
    built = true;
  }
  const db = openDb(file);
  return { db, file, bytes: statSync(file).size, built, buildMs, now: YEAR_END };
}

function build(db: Db, roster: Roster, log: (s: string) => void): void {
  const rand = rng(20261130);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)];
  const categories = Object.keys(CATEGORY_ZH);
  const grids = roster.grids.map((g) => ({
    g, community: roster.community(g.community)!, areas: g.areas,
    volunteers: roster.people.filter((p) => p.role === 'volunteer' && p.grid === g.id).map((p) => p.userid),
  }));
  const yearMs = 365 * 86400_000;
  const start = YEAR_END.getTime() - yearMs;
  const iso = (ms: number) => toShanghaiIso(new Date(ms));

  const insTicket = db.prepare(`INSERT INTO tickets (id, community, chat, grid, assignee, reporter, category, status, compound, building,
    text, created_at, due_at, resolved_at, resolved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insSource = db.prepare(`INSERT INTO ticket_sources (ticket_id, msgid, sender, role, at) VALUES (?, ?, ?, 'report', ?)`);
  const insEvent = db.prepare(`INSERT INTO ticket_events (ticket_id, at, actor, action, from_status, to_status, msgid) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insRecord = db.prepare(`INSERT INTO records (community, chat, grid, author, intent, compound, building, text, msgid, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const intents = ['self_handled', 'patrol', 'visit', 'mediation'];

  db.transaction(() => {
    for (let id = 1; id <= TICKETS; id++) {
      // Tickets arrive in time order (ids grow with created_at), as they do in the bot.
      const created = start + Math.floor((id / TICKETS) * yearMs) + Math.floor(rand() * 60_000);
      const x = grids[Math.floor(rand() * grids.length)];
      const area = pick(x.areas);
      const building = area.buildings.length ? pick(area.buildings) : '1';
      const reporter = x.volunteers.length ? pick(x.volunteers) : x.g.worker;
      const category = pick(categories);
      const ageDays = (YEAR_END.getTime() - created) / 86400_000;
      // Old tickets are almost all closed; the last fortnight still has a fair share open.
      const r = rand();
      const status = ageDays > 14 ? (r < 0.97 ? 'resolved' : r < 0.985 ? 'cancelled' : 'open')
        : r < 0.6 ? 'resolved' : r < 0.8 ? 'open' : r < 0.93 ? 'in_progress' : 'escalated';
      const due = created + (1 + Math.floor(rand() * 7)) * 86400_000;
      const resolvedMs = status === 'resolved' ? Math.min(YEAR_END.getTime() - 1000, created + Math.floor(rand() * rand() * 10 * 86400_000)) : null;
      const createdIso = iso(created);
      const msgid = `bench-${id}`;
      insTicket.run(id, x.community.id, x.community.chats[0] ?? null, x.g.id, x.g.worker, reporter, category, status, area.compound, building,
        `${area.compound}${building}号楼 ${CATEGORY_ZH[category as keyof typeof CATEGORY_ZH]}`, createdIso, iso(due),
        resolvedMs === null ? null : iso(resolvedMs), resolvedMs === null ? null : x.g.worker);
      insSource.run(id, msgid, reporter, createdIso);
      insEvent.run(id, createdIso, reporter, 'opened', null, 'open', msgid);
      if (resolvedMs !== null) {
        insEvent.run(id, iso(resolvedMs), x.g.worker, 'resolved', 'open', 'resolved', `${msgid}-r`);
        if (rand() < 0.02) insEvent.run(id, iso(resolvedMs + 3600_000), reporter, 'reopened', 'resolved', 'open', `${msgid}-o`);
      }
      if (id % 250_000 === 0) log(`  built ${id.toLocaleString('en')} tickets`);
    }
    for (let i = 1; i <= RECORDS; i++) {
      const at = start + Math.floor((i / RECORDS) * yearMs);
      const x = grids[Math.floor(rand() * grids.length)];
      const area = pick(x.areas);
      const author = x.volunteers.length ? pick(x.volunteers) : x.g.worker;
      insRecord.run(x.community.id, x.community.chats[0] ?? null, x.g.id, author, pick(intents), area.compound, area.buildings.length ? pick(area.buildings) : null,
        `${area.compound} 巡查走访`, `bench-r${i}`, iso(at));
    }
  })();
}
