// 超期督办: at each reminder slot, every overdue open ticket is listed to its grid worker, one message per worker per
// group (not one per ticket), @-ing them; a ticket overdue by more than its own deadline again also @-s the secretary.
import { categoryZh, placeZh, SENSITIVE } from '../domain/categories.js';
import type { Community, Roster } from '../roster/types.js';
import { openTicketsOfCommunity, type TicketRow } from '../store/tickets.js';
import type { GroupPost } from './outbound.js';
import { inQuietHours, reminderSlot } from './periods.js';
import { reminders as zh, type ReminderLine } from './replies.zh.js';
import { commitRun, noChannel, postableChats, result, type JobDeps, type JobResult, type ScopeResult } from './run.js';

/**
 * Twice the time allowed: overdue by more than the deadline's own length (due_at − created_at). For a category
 * deadline that is `now − created_at > 2 × rule hours`; for one written in the message, its own span; an escalated
 * ticket keeps the deadline it had.
 */
export function doublyOverdue(t: Pick<TicketRow, 'created_at' | 'due_at'>, now: Date): boolean {
  if (!t.due_at) return false;
  const due = Date.parse(t.due_at);
  return now.getTime() - due > due - Date.parse(t.created_at);
}

export function overdueTickets(tickets: TicketRow[], now: Date): TicketRow[] {
  return tickets.filter((t) => t.due_at && Date.parse(t.due_at) < now.getTime());
}

/** The posts for one community: grouped by (group chat, grid worker), in ticket order. */
export function reminderPosts(roster: Roster, community: Community, chats: string[], overdue: TicketRow[], now: Date): GroupPost[] {
  const groups = new Map<string, { chat: string; assignee: string | null; tickets: TicketRow[] }>();
  for (const t of overdue) {
    // A ticket reported where no robot can post is chased in the community's first group that has one.
    const chat = t.chat && chats.includes(t.chat) ? t.chat : chats[0];
    const k = `${chat}\u0000${t.assignee ?? ''}`;
    if (!groups.has(k)) groups.set(k, { chat, assignee: t.assignee, tickets: [] });
    groups.get(k)!.tickets.push(t);
  }
  const name = (u: string) => roster.person(u)?.name ?? u;
  return [...groups.values()].map(({ chat, assignee, tickets }): GroupPost => {
    const lines: ReminderLine[] = tickets.map((t) => ({
      id: t.id,
      category: categoryZh(t.category),
      place: SENSITIVE.has(t.category) ? null : placeZh(t),
      overdueMs: now.getTime() - Date.parse(t.due_at!),
      doubly: doublyOverdue(t, now),
    }));
    if (!assignee) return { kind: 'text', chat, text: zh.unassigned(lines), mention: community.secretaries };
    const escalate = lines.some((l) => l.doubly);
    return {
      kind: 'text', chat,
      text: zh.forWorker(name(assignee), lines, community.secretaries.map(name)),
      mention: escalate ? [assignee, ...community.secretaries.filter((s) => s !== assignee)] : [assignee],
    };
  });
}

/**
 * Period = the slot (`2026-11-28T09:00`). A slot missed while the bot was down, or falling in quiet hours, is not
 * replayed: the next slot lists everything still overdue.
 */
export async function runReminders(deps: JobDeps, now: Date): Promise<JobResult> {
  const slot = reminderSlot(now, deps.config.schedule);
  if (inQuietHours(now, deps.config.schedule)) return result('reminders', now, slot, [], 'quiet hours');
  const roster = deps.roster();
  const scopes: ScopeResult[] = [];
  for (const c of roster.communities) {
    const chats = postableChats(deps.config, c);
    if (!chats.length) { scopes.push(noChannel(c.id)); continue; }
    scopes.push(commitRun(deps, 'reminders', c.id, slot, now, () => {
      const overdue = overdueTickets(openTicketsOfCommunity(deps.db, c.id), now);
      return overdue.length ? reminderPosts(roster, c, chats, overdue, now) : null;
    }));
  }
  return result('reminders', now, slot, scopes);
}
