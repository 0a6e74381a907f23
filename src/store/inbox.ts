import type { InboundMessage } from '../inbox/types.js';
import type { Db } from './db.js';
import { stmt } from './stmt.js';

export interface InboxRow {
  seq: number;
  msgid: string;
  source: 'bot' | 'app';
  chattype: 'group' | 'single';
  chat: string | null;
  sender: string;
  time: string;
  msgtype: string;
  text: string;
  quote: string | null;
  images: string;
  response_url: string | null;
  location: string | null;
  received_at: string;
  status: 'pending' | 'done' | 'failed';
  outcome: string | null;
}

/** Commits one verified message; false when WeCom retried one we already have. */
export function insertIfNew(db: Db, m: InboundMessage, receivedAt: string): boolean {
  const r = stmt(db, `INSERT INTO inbox (msgid, source, chattype, chat, sender, time, msgtype, text, quote, images, response_url, location, received_at)
    VALUES (@msgid, @source, @chattype, @chat, @sender, @time, @msgtype, @text, @quote, @images, @response_url, @location, @received_at)
    ON CONFLICT (msgid) DO NOTHING`).run({
    msgid: m.msgid, source: m.source, chattype: m.chattype, chat: m.chat, sender: m.from, time: m.time,
    msgtype: m.msgtype, text: m.text, quote: m.quote ? m.quote.text : null, images: JSON.stringify(m.images ?? []),
    response_url: m.responseUrl, location: m.location ? JSON.stringify(m.location) : null, received_at: receivedAt,
  });
  return r.changes === 1;
}

export function nextPending(db: Db, afterSeq: number): InboxRow | undefined {
  return stmt<[number], InboxRow>(db, `SELECT * FROM inbox WHERE status = 'pending' AND seq > ? ORDER BY seq LIMIT 1`).get(afterSeq);
}

export function markDone(db: Db, seq: number, outcome: string, at: string): void {
  stmt(db, `UPDATE inbox SET status = 'done', outcome = ?, processed_at = ? WHERE seq = ?`).run(outcome, at, seq);
}

export function markFailed(db: Db, seq: number, error: string, at: string): void {
  stmt(db, `UPDATE inbox SET status = 'failed', error = ?, processed_at = ? WHERE seq = ?`).run(error.slice(0, 500), at, seq);
}


/** How far back a quote is looked for: people quote what is still on their screen, not last year's messages. */
const QUOTE_WINDOW = 20_000;

/** Recent messages whose text is exactly this: what a quote block points back to. A bounded scan, no index needed. */
export function msgidsWithText(db: Db, text: string): string[] {
  return stmt<[number, string], { msgid: string }>(db,
    `SELECT msgid FROM inbox WHERE seq > (SELECT coalesce(max(seq), 0) FROM inbox) - ? AND text = ? ORDER BY seq DESC LIMIT 5`)
    .all(QUOTE_WINDOW, text).map((r) => r.msgid);
}

/** The ticket or record a person's recent messages in a chat made or touched, newest first. */
export function recentWorkOf(db: Db, sender: string, chat: string | null, sinceIso: string): { ticket_id: number | null; role: string | null; record_id: number | null }[] {
  return stmt<[string, string | null, string], { ticket_id: number | null; role: string | null; record_id: number | null }>(db, `
    SELECT ts.ticket_id, ts.role, r.id AS record_id
      FROM inbox i
      LEFT JOIN ticket_sources ts ON ts.msgid = i.msgid AND ts.role IN ('report','merge','resolve','reopen')
      LEFT JOIN records r ON r.msgid = i.msgid
     WHERE i.sender = ? AND i.chat IS ? AND i.received_at >= ? AND i.status = 'done'
     ORDER BY i.seq DESC LIMIT 5`).all(sender, chat, sinceIso);
}
