// A small world for points tests: a migrated database (memory or file), the demo roster, the event bus with points
// subscribed, and `act` — the real command handlers run with an Interpretation written by hand, inside one
// transaction as the pipeline runs them. No parser, no HTTP: the rules are checked on their own.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handlers } from '../../src/commands/index.js';
import type { Ctx } from '../../src/commands/context.js';
import { loadConfig } from '../../src/config.js';
import { createEventBus, type EventBus } from '../../src/domain/events.js';
import { createLogger } from '../../src/log.js';
import type { Interpretation } from '../../src/parse/types.js';
import { registerPoints } from '../../src/points/subscriber.js';
import { loadPointsRules, type PointsRules } from '../../src/points/rules.js';
import { loadRoster } from '../../src/roster/index.js';
import type { Roster } from '../../src/roster/types.js';
import { openDb, type Db } from '../../src/store/db.js';
import type { InboxRow } from '../../src/store/inbox.js';
import type { Reply } from '../../src/outbox/reply.js';
import { toShanghaiIso } from '../../src/time.js';
import { DEMO_ROSTER } from '../helpers/harness.js';

export interface World {
  db: Db;
  roster: Roster;
  events: EventBus;
  file: string;
  /** Runs one message through the real handler for `it.intent`; returns the reply texts. */
  act(from: string, it: Partial<Interpretation> & { intent: Interpretation['intent'] }, o?: { at?: string; msgid?: string }): string[];
  replies(from: string, it: Partial<Interpretation> & { intent: Interpretation['intent'] }, o?: { at?: string; msgid?: string }): Reply[];
}

export const tempDbFile = () => join(mkdtempSync(join(tmpdir(), 'xxgj-points-')), 'bot.sqlite');

let seq = 0;

export function world(o: { file?: string; rules?: PointsRules; roster?: Roster } = {}): World {
  const file = o.file ?? ':memory:';
  const db = openDb(file);
  const roster = o.roster ?? loadRoster(DEMO_ROSTER);
  const events = createEventBus();
  const rules = o.rules ?? loadPointsRules();
  registerPoints(events, { roster: () => roster, rules: () => rules });
  const config = loadConfig({ DATA_DIR: tmpdir(), PORT: '0', LOG_LEVEL: 'silent' });
  const log = createLogger('silent');

  const replies: World['replies'] = (from, partial, opt = {}) => {
    const person = roster.person(from)!;
    const at = opt.at ?? '2026-11-28T09:00:00+08:00';
    const now = new Date(at);
    const community = roster.communityOfPerson(from) ?? roster.communities[0];
    const msgid = opt.msgid ?? `w${++seq}`;
    const msg = {
      seq, msgid, source: 'bot', chattype: 'group', chat: community.chats[0], sender: from, time: toShanghaiIso(now), msgtype: 'text',
      text: partial.text ?? '', quote: null, images: '[]', response_url: null, location: null, received_at: toShanghaiIso(now), status: 'pending', outcome: null,
    } as InboxRow;
    const it: Interpretation = {
      id: msgid, category: null, location: null, grid: null, assignee: null, observed_at: null, due_at: null, ticket: null, range: null,
      confidence: 1, text: '', quoted: null, ...partial,
    };
    const ctx: Ctx = { db, roster, config, events, log, now, nowIso: toShanghaiIso(now), msg, person, community, photos: [] };
    return db.transaction(() => handlers[it.intent](ctx, it))();
  };
  return { db, roster, events, file, replies, act: (f, it, opt) => replies(f, it, opt).map((r) => r.text) };
}

/** 青一小区 building n: grid furao-1 (shixiaohong) for 1-12. */
export const place = (building: string, compound = '青一小区') => ({ compound, building, unit: null, room: null });

/** A report the way the understanding gives it for "青一小区5号楼楼道堆满纸箱". */
export const reportOf = (building = '5', category: Interpretation['category'] = 'clutter', text = '楼道堆满纸箱') => ({
  intent: 'report' as const, category, location: place(building), grid: 'furao-1', assignee: 'shixiaohong', text,
});
