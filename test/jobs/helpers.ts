// Jobs against a migrated in-memory database, the demo roster and group robot keys for both community groups.
import { loadConfig } from '../../src/config.js';
import type { JobDeps } from '../../src/jobs/run.js';
import { createLogger } from '../../src/log.js';
import { loadRoster } from '../../src/roster/index.js';
import { openDb, type Db } from '../../src/store/db.js';
import { allOutbound } from '../../src/store/outbox.js';
import { insertRecord } from '../../src/store/records.js';
import { addEvent, insertTicket, updateTicket, type NewTicket, type TicketRow } from '../../src/store/tickets.js';
import { dueFor } from '../../src/domain/deadlines.js';
import { toShanghaiIso } from '../../src/time.js';
import { DEMO_ROSTER } from '../helpers/harness.js';

export function jobDeps(env: Record<string, string> = {}): JobDeps & { db: Db } {
  const config = loadConfig({ WECOM_WEBHOOK_KEYS: 'wrkchat-furao=key-furao,wrkchat-xingfu=key-xingfu', LOG_LEVEL: 'silent', ...env });
  const roster = loadRoster(DEMO_ROSTER);
  return { db: openDb(':memory:'), roster: () => roster, config, log: createLogger('silent') };
}

const iso = (s: string) => toShanghaiIso(new Date(s));

/** A ticket as the report handler would open it: the category's deadline unless one is given. */
export function ticket(db: Db, t: Partial<NewTicket> & { created_at: string; status?: TicketRow['status']; resolved_at?: string }): number {
  const category = t.category ?? 'clutter';
  const created = iso(t.created_at);
  const id = insertTicket(db, {
    community: 'furao', chat: 'wrkchat-furao', grid: 'furao-1', assignee: 'shixiaohong', reporter: 'chenjianguo',
    compound: '青一小区', building: '5', unit: '3', room: null, text: '楼道堆满纸箱', observed_at: null,
    ...t, category, created_at: created, due_at: t.due_at === undefined ? toShanghaiIso(dueFor(category, created)) : t.due_at && iso(t.due_at),
  });
  addEvent(db, { ticket_id: id, at: created, actor: t.reporter ?? 'chenjianguo', action: 'opened', from_status: null, to_status: 'open', msgid: null, note: null });
  if (t.status && t.status !== 'open') updateTicket(db, id, { status: t.status, ...(t.resolved_at ? { resolved_at: iso(t.resolved_at), resolved_by: t.assignee ?? 'shixiaohong' } : {}) });
  return id;
}

let seq = 0;
export function record(db: Db, r: { author: string; intent: 'self_handled' | 'patrol' | 'visit' | 'mediation'; at: string; community?: string; grid?: string }): number {
  return insertRecord(db, {
    community: r.community ?? 'furao', chat: 'wrkchat-furao', grid: r.grid ?? 'furao-1', author: r.author, intent: r.intent, category: null,
    compound: null, building: null, unit: null, room: null, text: r.intent, msgid: `rec-${++seq}`, created_at: iso(r.at),
  });
}

export interface Posted { chat: string; kind: string; text: string; mentions: string[]; key: string | null }

/** What the jobs queued for the group robots. */
export function posted(db: Db): Posted[] {
  return allOutbound(db).filter((r) => r.channel === 'webhook').map((r) => {
    const p = JSON.parse(r.payload) as { msgtype: string; text?: { content: string; mentioned_list: string[] }; markdown?: { content: string } };
    return { chat: r.target, kind: p.msgtype, text: p.text?.content ?? p.markdown?.content ?? '', mentions: p.text?.mentioned_list ?? [], key: r.dedupe_key };
  });
}
