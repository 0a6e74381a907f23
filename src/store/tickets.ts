import type { Db } from './db.js';
import { stmt } from './stmt.js';

export type TicketStatus = 'open' | 'in_progress' | 'escalated' | 'resolved' | 'cancelled';

export interface TicketRow {
  id: number;
  community: string;
  chat: string | null;
  grid: string | null;
  assignee: string | null;
  reporter: string;
  category: string;
  status: TicketStatus;
  compound: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  text: string;
  observed_at: string | null;
  created_at: string;
  due_at: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  reopen_count: number;
  report_count: number;
  note: string | null;
}

export type NewTicket = Omit<TicketRow, 'id' | 'status' | 'resolved_at' | 'resolved_by' | 'reopen_count' | 'report_count' | 'note'>;

export function insertTicket(db: Db, t: NewTicket): number {
  const r = stmt(db, `INSERT INTO tickets (community, chat, grid, assignee, reporter, category, status, compound, building, unit, room, text, observed_at, created_at, due_at)
    VALUES (@community, @chat, @grid, @assignee, @reporter, @category, 'open', @compound, @building, @unit, @room, @text, @observed_at, @created_at, @due_at)`).run(t);
  return Number(r.lastInsertRowid);
}

export function getTicket(db: Db, id: number): TicketRow | undefined {
  return stmt<[number], TicketRow>(db, `SELECT * FROM tickets WHERE id = ?`).get(id);
}

export function updateTicket(db: Db, id: number, fields: Partial<Omit<TicketRow, 'id'>>): void {
  const keys = Object.keys(fields);
  if (!keys.length) return;
  // Column names come from the TicketRow type, never from user text; values are bound.
  const sql = `UPDATE tickets SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`;
  stmt(db, sql).run({ ...fields, id });
}

export function addSource(db: Db, ticketId: number, msgid: string, sender: string, role: string, at: string): boolean {
  return stmt(db, `INSERT INTO ticket_sources (ticket_id, msgid, sender, role, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
    .run(ticketId, msgid, sender, role, at).changes === 1;
}

export function sourcesOf(db: Db, ticketId: number): { msgid: string; sender: string; role: string; at: string }[] {
  return stmt<[number], { msgid: string; sender: string; role: string; at: string }>(db,
    `SELECT msgid, sender, role, at FROM ticket_sources WHERE ticket_id = ? ORDER BY at, rowid`).all(ticketId);
}

export interface TicketEvent {
  id?: number;
  ticket_id: number;
  at: string;
  actor: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  msgid: string | null;
  note: string | null;
}

export function addEvent(db: Db, e: TicketEvent): void {
  stmt(db, `INSERT INTO ticket_events (ticket_id, at, actor, action, from_status, to_status, msgid, note)
    VALUES (@ticket_id, @at, @actor, @action, @from_status, @to_status, @msgid, @note)`).run(e);
}

export function eventsOf(db: Db, ticketId: number): TicketEvent[] {
  return stmt<[number], TicketEvent>(db, `SELECT * FROM ticket_events WHERE ticket_id = ? ORDER BY id`).all(ticketId);
}

const OPEN = `status IN ('open','in_progress','escalated')`;

/** Open tickets a person may close in a community: theirs as grid worker, or all of the community for a secretary/admin. */
export function openTicketsAssigned(db: Db, community: string, assignee: string): TicketRow[] {
  return stmt<[string, string], TicketRow>(db, `SELECT * FROM tickets WHERE community = ? AND assignee = ? AND ${OPEN} ORDER BY id`).all(community, assignee);
}

export function openTicketsOfCommunity(db: Db, community: string): TicketRow[] {
  return stmt<[string], TicketRow>(db, `SELECT * FROM tickets WHERE community = ? AND ${OPEN} ORDER BY id`).all(community);
}

/**
 * A ticket the same problem would duplicate: same community, compound, building, unit (when both give one) and category,
 * still open or resolved since `resolvedSince`.
 */
export function findDuplicate(db: Db, q: { community: string; compound: string | null; building: string | null; unit: string | null; category: string; resolvedSince: string }): TicketRow | undefined {
  const rows = stmt<[string, string | null, string | null, string, string], TicketRow>(db,
    `SELECT * FROM tickets WHERE community = ? AND compound IS ? AND building IS ? AND category = ?
       AND (${OPEN} OR (status = 'resolved' AND resolved_at >= ?)) ORDER BY id DESC LIMIT 20`)
    .all(q.community, q.compound, q.building, q.category, q.resolvedSince);
  return rows.find((t) => !q.unit || !t.unit || t.unit === q.unit);
}

/** Open tickets of a chat opened since a time, newest first (what a follow-up in the chat can be about). */
export function recentOpenInChat(db: Db, community: string, chat: string | null, sinceIso: string): TicketRow[] {
  return stmt<[string, string, string | null], TicketRow>(db,
    `SELECT * FROM tickets WHERE community = ? AND created_at >= ? AND chat IS ? AND ${OPEN} ORDER BY id DESC LIMIT 20`)
    .all(community, sinceIso, chat);
}

/** Tickets whose report text is the quoted text (a quote of the original report). */
export function ticketsByText(db: Db, community: string, text: string): TicketRow[] {
  // Bounded to recent tickets (by primary key): a quote is of something still on people's screens.
  return stmt<[number, string, string], TicketRow>(db,
    `SELECT * FROM tickets WHERE id > (SELECT coalesce(max(id), 0) FROM tickets) - ? AND community = ? AND text = ? ORDER BY id DESC LIMIT 5`)
    .all(20_000, community, text);
}

export function ticketBySourceMsg(db: Db, msgid: string): TicketRow | undefined {
  return stmt<[string], TicketRow>(db, `SELECT t.* FROM ticket_sources s JOIN tickets t ON t.id = s.ticket_id WHERE s.msgid = ? LIMIT 1`).get(msgid);
}


export function recentlyResolved(db: Db, community: string, sinceIso: string): TicketRow[] {
  return stmt<[string, string], TicketRow>(db,
    `SELECT * FROM tickets WHERE community = ? AND status = 'resolved' AND resolved_at >= ? ORDER BY resolved_at DESC LIMIT 20`).all(community, sinceIso);
}

/** Whether this person already reported (or joined) the ticket through another message. */
export function hasReported(db: Db, ticketId: number, sender: string, exceptMsgid: string): boolean {
  return !!stmt<[number, string, string], { x: number }>(db,
    `SELECT 1 AS x FROM ticket_sources WHERE ticket_id = ? AND sender = ? AND msgid <> ? LIMIT 1`).get(ticketId, sender, exceptMsgid);
}

/** Who reported a ticket: the first reporter, then each later distinct reporter of a merged duplicate, in order. */
export function reportersOf(db: Db, t: TicketRow): { first: string; later: string[] } {
  const srcs = sourcesOf(db, t.id);
  const first = srcs.find((s) => s.role === 'report')?.sender ?? t.reporter;
  const later: string[] = [];
  for (const s of srcs) if (s.role === 'merge' && s.sender !== first && !later.includes(s.sender)) later.push(s.sender);
  return { first, later };
}
