// A small, hand-built week of 富饶社区 (and one 幸福社区 ticket that must never be counted), with every time chosen
// so the figures can be worked out by hand. The expected numbers are in test/desk/figures.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../src/store/db.js';
import { insertRecord } from '../../src/store/records.js';
import { addEvent, insertTicket, updateTicket, type TicketStatus } from '../../src/store/tickets.js';

/** Saturday evening of the week 11月23日(一)–11月29日(日). */
export const NOW = '2026-11-28T20:00:00+08:00';

interface T {
  grid: string | null; category: string; reporter: string; compound: string | null; building: string | null;
  created: string; due: string; resolved?: string; status?: TicketStatus; community?: string;
}

const d = (s: string) => `2026-${s}:00+08:00`;

export const TICKETS: Record<string, T> = {
  T1: { grid: 'furao-1', category: 'clutter', reporter: 'chenjianguo', compound: '青一小区', building: '5', created: d('11-23T09:00'), due: d('11-24T09:00'), resolved: d('11-23T21:00') },
  T2: { grid: 'furao-1', category: 'sanitation', reporter: 'houguifang', compound: '青一小区', building: '3', created: d('11-24T10:00'), due: d('11-25T10:00'), resolved: d('11-26T10:00') },
  T3: { grid: 'furao-2', category: 'clutter', reporter: 'liudeshan', compound: '青一小区', building: '15', created: d('11-25T08:00'), due: d('11-26T08:00') },
  T4: { grid: 'furao-2', category: 'ebike', reporter: 'mayuzhen', compound: '青一小区', building: '20', created: d('11-27T08:00'), due: d('11-30T08:00'), status: 'in_progress' },
  T5: { grid: 'furao-3', category: 'facility', reporter: 'gaozhiqiang', compound: '富饶小区', building: '2', created: d('11-26T12:00'), due: d('11-29T12:00'), resolved: d('11-26T18:00') },
  T6: { grid: 'furao-1', category: 'clutter', reporter: 'chenjianguo', compound: '青一小区', building: '7', created: d('11-16T09:00'), due: d('11-17T09:00'), resolved: d('11-24T09:00') },
  T7: { grid: 'furao-3', category: 'sanitation', reporter: 'gaozhiqiang', compound: '富饶小区', building: '9', created: d('11-10T09:00'), due: d('11-11T09:00') },
  T8: { grid: 'xingfu-1', category: 'clutter', reporter: 'tianshulan', compound: '幸福家园', building: '3', created: d('11-24T09:00'), due: d('11-25T09:00'), community: 'xingfu' },
  T9: { grid: null, category: 'other', reporter: 'chenjianguo', compound: null, building: null, created: d('11-28T09:00'), due: d('12-01T09:00') },
  T10: { grid: 'furao-1', category: 'clutter', reporter: 'houguifang', compound: '青一小区', building: '1', created: d('11-25T15:00'), due: d('11-26T15:00'), status: 'cancelled' },
  T11: { grid: 'furao-3', category: 'dispute', reporter: 'gaozhiqiang', compound: '富饶小区', building: '4', created: d('11-28T10:00'), due: d('11-29T10:00') },
};

const RECORDS: { author: string; grid: string; intent: string; at: string; community?: string }[] = [
  { author: 'chenjianguo', grid: 'furao-1', intent: 'self_handled', at: d('11-24T08:00') },
  { author: 'chenjianguo', grid: 'furao-1', intent: 'patrol', at: d('11-25T08:00') },
  { author: 'chenjianguo', grid: 'furao-1', intent: 'patrol', at: d('11-26T08:00') },
  { author: 'houguifang', grid: 'furao-1', intent: 'visit', at: d('11-26T15:00') },
  { author: 'liudeshan', grid: 'furao-2', intent: 'mediation', at: d('11-27T16:00') },
  { author: 'chenjianguo', grid: 'furao-1', intent: 'patrol', at: d('11-20T08:00') },
  { author: 'tianshulan', grid: 'xingfu-1', intent: 'patrol', at: d('11-25T08:00'), community: 'xingfu' },
];

const ASSIGNEE: Record<string, string> = { 'furao-1': 'shixiaohong', 'furao-2': 'wanglei', 'furao-3': 'sunli', 'xingfu-1': 'zhoujing' };

export interface FixtureDb { db: Db; ids: Record<string, number>; dir: string; file: string; close(): void }

export function fixtureDb(): FixtureDb {
  const dir = mkdtempSync(join(tmpdir(), 'desk-'));
  const file = join(dir, 'bot.sqlite');
  const db = openDb(file);
  const ids = seedWeek(db);
  return { db, ids, dir, file, close: () => { db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** Puts the week into any database (a test's own, or the running bot's); returns the ticket ids by name. */
export function seedWeek(db: Db): Record<string, number> {
  const ids: Record<string, number> = {};
  db.transaction(() => {
    for (const [name, t] of Object.entries(TICKETS)) {
      const id = insertTicket(db, {
        community: t.community ?? 'furao', chat: null, grid: t.grid, assignee: t.grid ? ASSIGNEE[t.grid] : null, reporter: t.reporter,
        category: t.category, compound: t.compound, building: t.building, unit: null, room: null, text: `${name} 的描述`,
        observed_at: null, created_at: t.created, due_at: t.due,
      });
      ids[name] = id;
      addEvent(db, { ticket_id: id, at: t.created, actor: t.reporter, action: 'opened', from_status: null, to_status: 'open', msgid: null, note: null });
      if (t.resolved) {
        updateTicket(db, id, { status: 'resolved', resolved_at: t.resolved, resolved_by: ASSIGNEE[t.grid!] });
        addEvent(db, { ticket_id: id, at: t.resolved, actor: ASSIGNEE[t.grid!], action: 'resolved', from_status: 'open', to_status: 'resolved', msgid: null, note: null });
      } else if (t.status) updateTicket(db, id, { status: t.status });
    }
    addEvent(db, { ticket_id: ids.T3, at: d('11-27T09:00'), actor: 'liudeshan', action: 'reopened', from_status: 'resolved', to_status: 'open', msgid: null, note: null });
    RECORDS.forEach((r, i) => insertRecord(db, {
      community: r.community ?? 'furao', chat: null, grid: r.grid, author: r.author, intent: r.intent, category: null,
      compound: null, building: null, unit: null, room: null, text: `${r.intent}`, msgid: `rec-${i}`, created_at: r.at,
    }));
  })();
  return ids;
}
