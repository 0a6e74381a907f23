// Which ticket a close, a progress note or a reopen is about: by number, by the quoted message, by place, or the
// speaker's only open one. Never a guess: several candidates come back as a list for the bot to ask about.
import type { Interpretation } from '../parse/types.js';
import type { Db } from '../store/db.js';
import { msgidsWithText } from '../store/inbox.js';
import { getTicket, openTicketsAssigned, recentlyResolved, openTicketsOfCommunity, ticketBySourceMsg, ticketsByText, type TicketRow } from '../store/tickets.js';
import type { Ctx } from './context.js';

export type Found =
  | { kind: 'one'; ticket: TicketRow }
  | { kind: 'many'; tickets: TicketRow[] }
  | { kind: 'none' }
  | { kind: 'missing'; id: number };

/** The ticket number quoted from one of the bot's own lines (已登记 #37 …, #37 已办结 …). */
const quotedNumber = (q: string): number | null => {
  const m = /#\s*(\d{1,7})/.exec(q);
  return m ? Number(m[1]) : null;
};

function byQuote(db: Db, community: string, quoted: string): TicketRow | undefined {
  const n = quotedNumber(quoted);
  if (n !== null) {
    const t = getTicket(db, n);
    if (t && t.community === community) return t;
  }
  const byText = ticketsByText(db, community, quoted);
  if (byText.length) return byText[0];
  // A quote of any message that touched a ticket (the report, a merge, the grid worker's 已处理).
  for (const msgid of msgidsWithText(db, quoted)) {
    const t = ticketBySourceMsg(db, msgid);
    if (t && t.community === community) return t;
  }
  return undefined;
}

const samePlace = (t: TicketRow, it: Interpretation) => {
  const l = it.location;
  if (!l) return true;
  if (l.compound && t.compound && l.compound !== t.compound) return false;
  if (l.building && t.building !== l.building) return false;
  if (l.unit && t.unit && l.unit !== t.unit) return false;
  return true;
};

/**
 * @param pool the candidates when nothing names a ticket: the speaker's open tickets for a close, recently resolved
 *             ones for a reopen.
 */
export function findTicket(ctx: Ctx, it: Interpretation, pool: () => TicketRow[]): Found {
  const community = ctx.community?.id;
  if (it.ticket != null) {
    const t = getTicket(ctx.db, it.ticket);
    // Another community's ticket is "not found": its existence is none of this group's business.
    if (!t || (community && t.community !== community && ctx.person.role !== 'admin')) return { kind: 'missing', id: it.ticket };
    return { kind: 'one', ticket: t };
  }
  if (!community) return { kind: 'none' };
  if (it.quoted?.text) {
    const t = byQuote(ctx.db, community, it.quoted.text.trim());
    if (t) return { kind: 'one', ticket: t };
  }
  let cands = pool();
  const hasPlace = !!(it.location && (it.location.building || it.location.compound));
  if (hasPlace) cands = cands.filter((t) => samePlace(t, it));
  if (it.category && it.category !== 'other' && cands.length > 1) {
    const same = cands.filter((t) => t.category === it.category);
    if (same.length) cands = same;
  }
  if (cands.length === 1) return { kind: 'one', ticket: cands[0] };
  if (cands.length > 1) return { kind: 'many', tickets: cands };
  return { kind: 'none' };
}

/** Open tickets a person could close here: theirs, or the whole community's for a secretary or admin. */
export function closablePool(ctx: Ctx): TicketRow[] {
  const c = ctx.community?.id;
  if (!c) return [];
  if (ctx.person.role === 'grid_worker') return openTicketsAssigned(ctx.db, c, ctx.person.userid);
  if (ctx.person.role === 'secretary' || ctx.person.role === 'admin') return openTicketsOfCommunity(ctx.db, c);
  return [];
}

export function recentlyResolvedPool(ctx: Ctx, sinceIso: string): TicketRow[] {
  const c = ctx.community?.id;
  if (!c) return [];
  return recentlyResolved(ctx.db, c, sinceIso);
}

export function mayClose(ctx: Ctx, t: TicketRow): boolean {
  const p = ctx.person;
  if (p.role === 'admin') return true;
  if (p.role === 'secretary') return ctx.roster.community(t.community)?.secretaries.includes(p.userid) ?? false;
  if (p.role === 'grid_worker') return t.assignee === p.userid || ctx.roster.grid(t.grid ?? '')?.worker === p.userid;
  return false;
}
