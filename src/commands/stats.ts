// The secretary's desk in the chat: 本周统计, 上周各网格情况, 还有哪些没处理, 超期的. Who may see what is decided in
// src/desk/permissions.ts; the words are in src/desk/replies.zh.ts.
import { formatFigures, formatOwn, splitForWecom, ticketLine } from '../desk/format.js';
import { deskPeriod } from '../desk/period.js';
import { visibleScope, type Visible } from '../desk/permissions.js';
import { zhDesk } from '../desk/replies.zh.js';
import type { Interpretation } from '../parse/types.js';
import type { Reply } from '../outbox/reply.js';
import { figures, openTickets } from '../store/stats.js';
import type { Ctx, Handler } from './context.js';

/** A list longer than this is cut, with the total said: a phone screen, not a spreadsheet. */
export const MAX_LIST_LINES = 20;

const say = (text: string): Reply[] => splitForWecom(text).map((t) => ({ text: t }));

function scopeFor(ctx: Ctx, it: Interpretation): Visible {
  const chat = ctx.msg.chat;
  const chatCommunity = chat ? ctx.roster.communityOfChat(chat) : undefined;
  // An unregistered group: nobody knows who reads it, so no figures go there.
  if (chat && !chatCommunity) return { ok: false, reason: zhDesk.unknownGroup };
  return visibleScope(ctx.roster, ctx.person, {
    chatCommunity: chatCommunity?.id ?? null,
    community: it.scope?.community ?? null,
    grid: it.scope?.grid ?? null,
    compound: it.scope?.compound ?? null,
  });
}

/** A volunteer asking about themself (我这个月报了几件) needs no reminder that they only see their own figures. */
const asksAboutSelf = (it: Interpretation) => /我|本人|自己/.test(it.text ?? '');

export const queryStats: Handler = (ctx, it) => {
  const v = scopeFor(ctx, it);
  if (!v.ok) return [{ text: v.reason }];
  const p = deskPeriod(it.range, ctx.now);
  const f = figures(ctx.db, v.scope, p.period);
  if (v.ownOnly) {
    const asked = Boolean(it.scope?.grid || it.scope?.compound || it.scope?.community) || !asksAboutSelf(it);
    return say(formatOwn(f, { label: v.label, periodLabel: p.label, note: asked }));
  }
  return say(formatFigures(ctx.roster, f, { label: v.label, periodLabel: p.label, byGrid: v.grids.length !== 1 }));
};

export const queryTickets: Handler = (ctx, it) => {
  const v = scopeFor(ctx, it);
  if (!v.ok) return [{ text: v.reason }];
  const onlyOverdue = Boolean(it.scope?.overdue);
  const p = it.range ? deskPeriod(it.range, ctx.now) : null;
  const q = { overdueAt: onlyOverdue ? ctx.nowIso : null, from: p?.period.from ?? null, to: p?.period.to ?? null };
  const list = openTickets(ctx.db, v.scope, { ...q, limit: MAX_LIST_LINES });
  const label = p ? `${v.label}${zhDesk.reportedIn(p.label)}` : v.label;
  if (!list.total) {
    if (v.ownOnly) return [{ text: zhDesk.noOwnOpen }];
    return [{ text: onlyOverdue ? zhDesk.noOverdue(label) : zhDesk.noOpen(label) }];
  }
  const overdue = onlyOverdue ? list.total : openTickets(ctx.db, v.scope, { ...q, overdueAt: ctx.nowIso, limit: 0 }).total;
  const head = v.ownOnly ? zhDesk.ownTicketsHead(list.total) : zhDesk.ticketsHead(label, list.total, overdue, onlyOverdue);
  const lines = list.rows.map((t) => ticketLine(ctx.roster, t, ctx.nowIso));
  return say([head, ...lines, zhDesk.total(list.rows.length, list.total)].join('\n'));
};
