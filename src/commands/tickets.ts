// The loop in the group: report → (merge) → progress → resolve → reporter told → reopen.
import { SENSITIVE } from '../domain/categories.js';
import { dueFor } from '../domain/deadlines.js';
import type { Interpretation } from '../parse/types.js';
import { attachPhotos, loosePhotos } from '../store/photos.js';
import { addEvent, addSource, findDuplicate, hasReported, getTicket, insertTicket, reportersOf, updateTicket, type TicketRow } from '../store/tickets.js';
import type { Reply } from '../outbox/reply.js';
import { toShanghaiIso } from '../time.js';
import type { Ctx, Handler } from './context.js';
import { closablePool, findTicket, mayClose, recentlyResolvedPool } from './find-ticket.js';
import { followUp } from './follow-up.js';
import { zh } from './replies.zh.js';

const MERGE_AFTER_RESOLVE_MS = 3 * 86400_000;
const REOPEN_WINDOW_MS = 7 * 86400_000;
/** A picture and its words, sent as two messages by the same person, belong together within this window. */
export const PAIRING_MS = 3 * 60_000;
/** Below this the bot asks rather than files: a false ticket annoys a whole group. */
const MIN_REPORT_CONFIDENCE = 0.5;

const iso = (ms: number) => toShanghaiIso(new Date(ms));
const nameOf = (ctx: Ctx, u: string | null) => (u ? ctx.roster.person(u)?.name ?? u : '');

export function event(ctx: Ctx, t: TicketRow, action: string, from: string | null, to: string | null, note: string | null = null) {
  addEvent(ctx.db, { ticket_id: t.id, at: ctx.nowIso, actor: ctx.person.userid, action, from_status: from, to_status: to, msgid: ctx.msg.msgid, note });
}

/** This message's pictures plus any the sender posted just before, not yet attached to anything. */
function photosForReport(ctx: Ctx): number[] {
  const ids = new Set(ctx.photos.map((p) => p.id));
  for (const p of loosePhotos(ctx.db, ctx.person.userid, ctx.msg.chat, iso(ctx.now.getTime() - PAIRING_MS))) ids.add(p.id);
  return [...ids];
}

export const report: Handler = (ctx, it) => {
  const community = ctx.community;
  if (!community) return [{ text: zh.noCommunity }];
  if (it.followUp) return followUp(ctx, it, community);
  if (it.confidence < MIN_REPORT_CONFIDENCE && !ctx.photos.length) return [{ text: zh.askWhatProblem }];
  const category = it.category ?? 'other';
  const loc = it.location ?? { compound: null, building: null, unit: null, room: null };

  const dup = loc.compound || loc.building
    ? findDuplicate(ctx.db, { community: community.id, compound: loc.compound, building: loc.building, unit: loc.unit, category, resolvedSince: iso(ctx.now.getTime() - MERGE_AFTER_RESOLVE_MS) })
    : undefined;
  if (dup) return joinTicket(ctx, dup);

  const grid = it.grid ? ctx.roster.grid(it.grid) : undefined;
  // A grid from another community (a building named that this group does not own) is a wrong assignment waiting to happen.
  const ownGrid = grid && grid.community === community.id ? grid : undefined;
  const due = it.due_at ?? iso(dueFor(category, ctx.nowIso).getTime());
  const id = insertTicket(ctx.db, {
    community: community.id, chat: ctx.msg.chat, grid: ownGrid?.id ?? null, assignee: ownGrid ? (it.assignee ?? ownGrid.worker) : null,
    reporter: ctx.person.userid, category, compound: loc.compound, building: loc.building, unit: loc.unit, room: loc.room,
    text: it.text || ctx.msg.text, observed_at: it.observed_at, created_at: ctx.nowIso, due_at: due,
  });
  addSource(ctx.db, id, ctx.msg.msgid, ctx.person.userid, 'report', ctx.nowIso);
  attachPhotos(ctx.db, photosForReport(ctx), { ticket: id }, 'before');
  const t = getTicket(ctx.db, id)!;
  addEvent(ctx.db, { ticket_id: id, at: ctx.nowIso, actor: ctx.person.userid, action: 'opened', from_status: null, to_status: 'open', msgid: ctx.msg.msgid, note: t.assignee ? `分派给 ${nameOf(ctx, t.assignee)}` : '未分派' });
  ctx.events.emit(ctx.db, { type: 'ticket_opened', ticket: t, msgid: ctx.msg.msgid, at: ctx.nowIso });

  if (!t.assignee) return [{ text: zh.openedUnassigned(t), mention: community.secretaries }];
  if (SENSITIVE.has(category)) {
    return [
      { text: zh.openedSensitive(t), mention: [t.assignee] },
      { text: zh.sensitiveDetail(t, nameOf(ctx, t.reporter)), to: { user: t.assignee } },
    ];
  }
  return [{ text: zh.opened(t), mention: [t.assignee] }];
};

/** This message reports the problem of a ticket already there: the ticket gets it as one more report. */
export function joinTicket(ctx: Ctx, dup: TicketRow): Reply[] {
  if (!addSource(ctx.db, dup.id, ctx.msg.msgid, ctx.person.userid, 'merge', ctx.nowIso)) return [];
  const already = dup.reporter === ctx.person.userid || hasReported(ctx.db, dup.id, ctx.person.userid, ctx.msg.msgid);
  if (!already) updateTicket(ctx.db, dup.id, { report_count: dup.report_count + 1 });
  attachPhotos(ctx.db, photosForReport(ctx), { ticket: dup.id }, 'before');
  event(ctx, dup, 'merged', dup.status, dup.status, ctx.msg.text.slice(0, 200));
  const t = getTicket(ctx.db, dup.id)!;
  ctx.events.emit(ctx.db, { type: 'ticket_merged', ticket: t, reporter: ctx.person.userid, msgid: ctx.msg.msgid, at: ctx.nowIso });
  return [{ text: t.status === 'resolved' ? zh.mergedResolved(t) : zh.merged(t) }];
}

/** The open ticket this close or progress note is about, once it is certain and the speaker may change it. */
function ticketToMove(ctx: Ctx, it: Interpretation): { ticket: TicketRow } | { replies: Reply[] } {
  const f = findTicket(ctx, it, () => closablePool(ctx));
  if (f.kind === 'missing') return { replies: [{ text: zh.notFound(f.id) }] };
  if (f.kind === 'many') return { replies: [{ text: zh.whichTicket(f.tickets) }] };
  if (f.kind === 'none') return { replies: [{ text: zh.noOpenTicket }] };
  const t = f.ticket;
  if (!mayClose(ctx, t)) return { replies: [{ text: zh.notYours(t) }] };
  if (t.status === 'resolved') return { replies: [{ text: zh.alreadyResolved(t) }] };
  if (t.status === 'cancelled') return { replies: [{ text: zh.alreadyCancelled(t) }] };
  return { ticket: t };
}

/** What the speaker said beyond the ticket number: the note kept with the change. */
const noteOf = (it: Interpretation, max: number) => it.text.replace(/#\s*\d+\s*(号工单)?/g, '').trim().slice(0, max);

export const resolve: Handler = (ctx, it) => {
  const r = ticketToMove(ctx, it);
  if ('replies' in r) return r.replies;
  const t = r.ticket;
  updateTicket(ctx.db, t.id, { status: 'resolved', resolved_at: ctx.nowIso, resolved_by: ctx.person.userid });
  addSource(ctx.db, t.id, ctx.msg.msgid, ctx.person.userid, 'resolve', ctx.nowIso);
  attachPhotos(ctx.db, ctx.photos.map((p) => p.id), { ticket: t.id }, 'after');
  event(ctx, t, 'resolved', t.status, 'resolved', noteOf(it, 200) || null);
  const done = getTicket(ctx.db, t.id)!;
  ctx.events.emit(ctx.db, { type: 'ticket_resolved', ticket: done, by: ctx.person.userid, msgid: ctx.msg.msgid, at: ctx.nowIso });
  // Everyone who reported it hears it is done: the first reporter and those whose reports were merged in.
  const { first, later } = reportersOf(ctx.db, done);
  return [{ text: zh.resolved(done, ctx.person.name, noteOf(it, 100)), mention: [first, ...later], to: done.chat ? { chat: done.chat } : undefined }];
};

export const progress: Handler = (ctx, it) => {
  const r = ticketToMove(ctx, it);
  if ('replies' in r) return r.replies;
  const t = r.ticket;
  const to = it.progress === 'escalated' ? 'escalated' : 'in_progress';
  const note = noteOf(it, 200);
  // An escalated ticket keeps the deadline it had: handing it on does not buy time.
  updateTicket(ctx.db, t.id, { status: to, note: note || t.note });
  addSource(ctx.db, t.id, ctx.msg.msgid, ctx.person.userid, 'progress', ctx.nowIso);
  event(ctx, t, to === 'escalated' ? 'escalated' : 'progress', t.status, to, note || null);
  return [{ text: zh.progress(getTicket(ctx.db, t.id)!, note) }];
};

export const reopen: Handler = (ctx, it) => {
  const since = iso(ctx.now.getTime() - REOPEN_WINDOW_MS);
  const f = findTicket(ctx, it, () => recentlyResolvedPool(ctx, since));
  if (f.kind === 'missing') return [{ text: zh.notFound(f.id) }];
  if (f.kind === 'many') return [{ text: zh.whichReopen(f.tickets) }];
  // 说是修好了 又不亮了 at a place with nothing recent to reopen: the problem is real, so it is reported, not dropped
  if (f.kind === 'none') return it.location && (it.location.compound || it.location.building) ? report(ctx, { ...it, intent: 'report', category: it.problem ?? 'other' }) : [{ text: zh.noTicketToReopen }];
  const t = f.ticket;
  if (t.status === 'cancelled') return [{ text: zh.alreadyCancelled(t) }];
  if (t.status !== 'resolved') {
    addSource(ctx.db, t.id, ctx.msg.msgid, ctx.person.userid, 'chase', ctx.nowIso);
    event(ctx, t, 'chased', t.status, t.status, it.text.slice(0, 200) || null);
    return [{ text: zh.stillOpen(t), mention: t.assignee ? [t.assignee] : [] }];
  }
  if (t.resolved_at && Date.parse(t.resolved_at) < Date.parse(since)) return [{ text: zh.reopenTooLate(t) }];
  updateTicket(ctx.db, t.id, { status: 'open', reopen_count: t.reopen_count + 1, resolved_at: null, resolved_by: null });
  addSource(ctx.db, t.id, ctx.msg.msgid, ctx.person.userid, 'reopen', ctx.nowIso);
  attachPhotos(ctx.db, ctx.photos.map((p) => p.id), { ticket: t.id }, 'before');
  event(ctx, t, 'reopened', 'resolved', 'open', it.text.slice(0, 200) || null);
  const back = getTicket(ctx.db, t.id)!;
  ctx.events.emit(ctx.db, { type: 'ticket_reopened', ticket: back, by: ctx.person.userid, msgid: ctx.msg.msgid, at: ctx.nowIso });
  return [{ text: zh.reopened(back), mention: back.assignee ? [back.assignee] : [], to: back.chat ? { chat: back.chat } : undefined }];
};
