// Things that happened to tickets and records, announced inside the same transaction that made them happen,
// so a subscriber (points, for one) commits or rolls back together with the change itself.
import type { TicketRow } from '../store/tickets.js';
import type { RecordRow } from '../store/records.js';
import type { Db } from '../store/db.js';

export type DomainEvent =
  | { type: 'ticket_opened'; ticket: TicketRow; msgid: string; at: string }
  /** A later report of the same problem joined this ticket; `reporter` is the later one. */
  | { type: 'ticket_merged'; ticket: TicketRow; reporter: string; msgid: string; at: string }
  | { type: 'ticket_resolved'; ticket: TicketRow; by: string; msgid: string | null; at: string }
  | { type: 'ticket_reopened'; ticket: TicketRow; by: string; msgid: string | null; at: string }
  | { type: 'record_created'; record: RecordRow; at: string };

export type Subscriber = (db: Db, e: DomainEvent) => void;

export interface EventBus {
  subscribe(s: Subscriber): void;
  emit(db: Db, e: DomainEvent): void;
}

export function createEventBus(): EventBus {
  const subs: Subscriber[] = [];
  return {
    subscribe: (s) => void subs.push(s),
    emit: (db, e) => { for (const s of subs) s(db, e); },
  };
}
