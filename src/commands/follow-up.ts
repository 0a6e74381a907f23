// A message that only adds to what was just said in the chat (parse/follow-up.ts): the place of the sender's own
// report a minute ago, the place taken back, or the same problem again. It changes or joins the ticket just opened,
// and never opens one on its own: with nothing open to add to, the bot asks what the problem is.
import type { Community } from '../roster/types.js';
import type { Interpretation, Location } from '../parse/types.js';
import type { Reply } from '../outbox/reply.js';
import { placeZh } from '../domain/categories.js';
import { getTicket, recentOpenInChat, updateTicket, type TicketRow } from '../store/tickets.js';
import { toShanghaiIso } from '../time.js';
import type { Ctx } from './context.js';
import { event, joinTicket, report } from './tickets.js';
import { zh } from './replies.zh.js';

/** How long after a report its place can still be added or put right, and 同上 still means it. */
export const FOLLOW_UP_MS = 30 * 60_000;

const hasPlace = (l: Location | null): l is Location => !!l && !!(l.compound || l.building || l.unit);
const samePlace = (t: TicketRow, l: Location) =>
  (l.compound ?? t.compound) === t.compound && (l.building ?? t.building) === t.building && (!l.unit || !t.unit || l.unit === t.unit);

export function followUp(ctx: Ctx, it: Interpretation, community: Community): Reply[] {
  const since = toShanghaiIso(new Date(ctx.now.getTime() - FOLLOW_UP_MS));
  const recent = recentOpenInChat(ctx.db, community.id, ctx.msg.chat, since);
  const loc = it.location;

  if (it.followUp === 'same') {
    const last = recent[0];
    if (!last) return [{ text: zh.askWhatProblem }];
    if (!hasPlace(loc) || samePlace(last, loc)) return joinTicket(ctx, last);
    // 一样的问题 12号楼也是: the same problem at another building is a ticket of its own
    return report(ctx, { ...it, followUp: null, category: last.category as Interpretation['category'], confidence: 0.6 });
  }

  const mine = recent.find((t) => t.reporter === ctx.person.userid);
  if (!mine || !hasPlace(loc)) return [{ text: zh.askWhatProblem }];
  // 6号楼 right after a report at 8号楼, not said as a correction, may be another problem: ask rather than move it
  if (it.followUp === 'place' && mine.building && loc.building && loc.building !== mine.building) return [{ text: zh.askWhatProblem }];
  if (samePlace(mine, loc) && (!loc.unit || loc.unit === mine.unit) && (!loc.room || loc.room === mine.room)) return [];
  return relocate(ctx, mine, loc, it, community);
}

function relocate(ctx: Ctx, t: TicketRow, loc: Location, it: Interpretation, community: Community): Reply[] {
  const newBuilding = !!loc.building && loc.building !== t.building;
  const place = {
    compound: loc.compound ?? t.compound,
    building: loc.building ?? t.building,
    // a unit or flat belongs to its building: another building drops the old ones
    unit: loc.unit ?? (newBuilding ? null : t.unit),
    room: loc.room ?? (newBuilding ? null : t.room),
  };
  const grid = it.grid ? ctx.roster.grid(it.grid) : undefined;
  const owner = grid && grid.community === community.id ? grid : undefined;
  const assignee = owner ? owner.worker : t.assignee;
  const changed = (!!t.building && newBuilding) || (!!loc.compound && !!t.compound && loc.compound !== t.compound);
  updateTicket(ctx.db, t.id, { ...place, grid: owner?.id ?? t.grid, assignee });
  const moved = assignee !== t.assignee;
  event(ctx, t, 'relocated', t.status, t.status, `${placeZh(t)} → ${placeZh(place)}${moved ? `，改派 ${ctx.roster.person(assignee ?? '')?.name ?? assignee}` : ''}`);
  const now = getTicket(ctx.db, t.id)!;
  const text = changed ? zh.placeChanged(now) : zh.placeAdded(now);
  return [{ text, mention: assignee ? [assignee] : community.secretaries }];
}
