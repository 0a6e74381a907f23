// The 台账: every ticket and work record, one row each, in the shape CONTRACT §3 fixes.
import type { Db } from './db.js';
import { stmt } from './stmt.js';

export interface LedgerRow {
  id: number | string;
  kind: 'ticket' | 'record';
  intent: string;
  category: string | null;
  status: string;
  community: string;
  grid: string | null;
  assignee: string | null;
  reporter: string;
  location: { compound: string | null; building: string | null; unit: string | null; room: string | null };
  text: string;
  photos: number;
  created_at: string;
  resolved_at: string | null;
  source_msgids: string[];
  /** Beyond the contract: what people reviewing the 台账 ask next. */
  due_at?: string | null;
  reopen_count?: number;
  report_count?: number;
  resolved_by?: string | null;
}

interface TicketLedger {
  id: number; category: string; status: string; community: string; grid: string | null; assignee: string | null; reporter: string;
  compound: string | null; building: string | null; unit: string | null; room: string | null; text: string; created_at: string;
  resolved_at: string | null; due_at: string | null; reopen_count: number; report_count: number; resolved_by: string | null;
  photos: number; msgids: string | null;
}

interface RecordLedger {
  id: number; intent: string; category: string | null; community: string; grid: string | null; author: string;
  compound: string | null; building: string | null; unit: string | null; room: string | null; text: string; created_at: string;
  msgid: string; photos: number;
}

export interface LedgerFilter {
  community?: string;
  /** created_at within [from, to) — ISO instants */
  from?: string;
  to?: string;
}

/** Records are numbered apart from tickets (J for 记), so ticket numbers stay small enough to say aloud. */
export const recordId = (n: number) => `J${n}`;

export function* ledgerRows(db: Db, f: LedgerFilter = {}): Generator<LedgerRow> {
  const c = f.community ?? null, from = f.from ?? '', to = f.to ?? '9999';
  const tickets = stmt<[string | null, string | null, string, string], TicketLedger>(db, `
    SELECT t.*, (SELECT count(*) FROM photos p WHERE p.ticket_id = t.id) AS photos,
           (SELECT json_group_array(msgid) FROM (SELECT msgid FROM ticket_sources s WHERE s.ticket_id = t.id ORDER BY s.at, s.rowid)) AS msgids
      FROM tickets t WHERE (? IS NULL OR t.community = ?) AND t.created_at >= ? AND t.created_at < ? ORDER BY t.id`);
  for (const t of tickets.iterate(c, c, from, to)) {
    yield {
      id: t.id, kind: 'ticket', intent: 'report', category: t.category, status: t.status, community: t.community, grid: t.grid,
      assignee: t.assignee, reporter: t.reporter, location: { compound: t.compound, building: t.building, unit: t.unit, room: t.room },
      text: t.text, photos: t.photos, created_at: t.created_at, resolved_at: t.resolved_at, source_msgids: JSON.parse(t.msgids ?? '[]'),
      due_at: t.due_at, reopen_count: t.reopen_count, report_count: t.report_count, resolved_by: t.resolved_by,
    };
  }
  const records = stmt<[string | null, string | null, string, string], RecordLedger>(db, `
    SELECT r.*, (SELECT count(*) FROM photos p WHERE p.record_id = r.id) AS photos
      FROM records r WHERE (? IS NULL OR r.community = ?) AND r.created_at >= ? AND r.created_at < ? ORDER BY r.id`);
  for (const r of records.iterate(c, c, from, to)) {
    yield {
      id: recordId(r.id), kind: 'record', intent: r.intent, category: r.category, status: 'resolved', community: r.community, grid: r.grid,
      assignee: null, reporter: r.author, location: { compound: r.compound, building: r.building, unit: r.unit, room: r.room },
      text: r.text, photos: r.photos, created_at: r.created_at, resolved_at: r.created_at, source_msgids: [r.msgid],
    };
  }
}
