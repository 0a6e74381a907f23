// 我的积分 / 积分排行 / 兑换 大米 2袋 / 确认兑换 R12 / 取消兑换 R12: the 红色积分超市 by chat.
import { cancelRedemption, confirmRedemption, requestRedemption, type DecideOutcome } from '../points/ledger.js';
import { monthBounds, monthOf } from '../points/month.js';
import { pointCategoryZh } from '../points/categories.js';
import { pz } from '../points/replies.zh.js';
import { catalogue, findItem, shelfOf } from '../points/rules.js';
import type { Reply } from '../outbox/reply.js';
import type { Interpretation } from '../parse/types.js';
import { balanceOf, earnedByCategory, getRedemption, pendingPointsOf, pendingRedemptions, ranking, type Redemption } from '../store/points.js';
import type { Ctx, Handler } from './context.js';
import { zh } from './replies.zh.js';

const TOP = 10;
/** Words that count anything: "2个大米" is still two bags. */
const ANY_UNIT = new Set(['个', '份', '件', '样']);
const MAX_QUANTITY = 99;

const nameOf = (ctx: Ctx, u: string) => ctx.roster.person(u)?.name ?? u;
const mayRank = (ctx: Ctx) => ctx.person.role === 'admin' || ctx.person.role === 'secretary';

function mayDecide(ctx: Ctx, r: Redemption): boolean {
  if (ctx.person.role === 'admin') return true;
  return ctx.person.role === 'secretary' && (ctx.roster.community(r.community)?.secretaries.includes(ctx.person.userid) ?? false);
}

export const queryPoints: Handler = (ctx, it) => {
  const { from, to } = monthBounds(monthOf(ctx.now));
  const me = ctx.person.userid;
  if (it.points?.ranking) {
    const community = ctx.community;
    if (!community) return [{ text: zh.noCommunity }];
    const rows = ranking(ctx.db, community.id, from, to);
    if (mayRank(ctx)) return [{ text: pz.ranking(community.name, rows.slice(0, TOP).map((r) => ({ name: nameOf(ctx, r.userid), points: r.points }))) }];
    const i = rows.findIndex((r) => r.userid === me);
    return [{ text: i < 0 ? pz.noRank : pz.myRank(community.name, i + 1, rows[i].points, rows.length) }];
  }
  const parts = earnedByCategory(ctx.db, me, from, to).filter((p) => p.points !== 0);
  const month = parts.reduce((s, p) => s + p.points, 0);
  return [{
    text: pz.mine(ctx.person.name, month, parts.map((p) => ({ label: pointCategoryZh(p.category) || '其他', points: p.points })),
      balanceOf(ctx.db, me), pendingPointsOf(ctx.db, me)),
  }];
};

export const redeem: Handler = (ctx, it) => {
  const r = it.redeem;
  if (!r || r.action === 'request') return request(ctx, r);
  return decide(ctx, r.action, r.redemption);
};

function request(ctx: Ctx, r: Interpretation['redeem']): Reply[] {
  const community = ctx.community;
  if (!community) return [{ text: zh.noCommunity }];
  const cat = catalogue();
  const shelf = shelfOf(cat, community.id);
  if (!r?.item?.trim()) return [{ text: pz.whatItem(shelf) }];
  const item = findItem(shelf, r.item);
  if (!item) return [{ text: pz.unknownItem(r.item.trim(), shelf) }];
  // A unit that does not fit the shelf (2斤 of rice sold by the bag) or an odd number: ask, don't guess.
  const unitOk = !r.unit || !item.unit || r.unit === item.unit || ANY_UNIT.has(r.unit);
  if (!unitOk || !Number.isInteger(r.quantity) || r.quantity < 1 || r.quantity > MAX_QUANTITY) return [{ text: pz.howMany(item) }];
  const out = requestRedemption(ctx.db, cat, { userid: ctx.person.userid, community: community.id, item: item.item, quantity: r.quantity, msgid: ctx.msg.msgid, at: ctx.nowIso });
  switch (out.kind) {
    case 'created': return [{ text: pz.requested(out.redemption), mention: community.secretaries }];
    case 'unknown_item': return [{ text: pz.unknownItem(r.item.trim(), out.shelf) }];
    case 'short_points': return [{ text: pz.shortPoints(out.item, r.quantity, out.cost, out.balance, out.pending) }];
    case 'short_stock': return [{ text: pz.shortStock(out.item, out.stock) }];
    case 'duplicate': return [];
  }
}

function decide(ctx: Ctx, action: 'confirm' | 'cancel', id: number | null): Reply[] {
  const verb = action === 'confirm' ? '确认' : '取消';
  if (id === null) {
    // Without a number: the secretary is shown what waits in the community; a volunteer's only request is theirs.
    if (mayRank(ctx)) {
      const list = pendingRedemptions(ctx.db, { community: ctx.community?.id ?? ctx.person.community });
      return [{ text: pz.whichRedemption(verb, list.map((x) => ({ id: x.id, text: pz.pendingLine(x, nameOf(ctx, x.userid)) }))) }];
    }
    if (action === 'confirm') return [{ text: pz.onlySecretary }];
    const mine = pendingRedemptions(ctx.db, { userid: ctx.person.userid });
    if (mine.length !== 1) return [{ text: pz.whichRedemption(verb, mine.map((x) => ({ id: x.id, text: pz.pendingLine(x, ctx.person.name) }))) }];
    id = mine[0].id;
  }
  const r = getRedemption(ctx.db, id);
  if (!r) return [{ text: pz.noSuchRedemption(id) }];
  const own = r.userid === ctx.person.userid;
  // Volunteers may withdraw their own request; only the community's secretary (or an admin) confirms or cancels others'.
  if (!(mayDecide(ctx, r) || (action === 'cancel' && own))) return [{ text: pz.onlySecretary }];
  const out: DecideOutcome = action === 'confirm'
    ? confirmRedemption(ctx.db, catalogue(), r.id, ctx.person.userid, ctx.nowIso)
    : cancelRedemption(ctx.db, r.id, ctx.person.userid, ctx.nowIso);
  const who = nameOf(ctx, r.userid);
  const tell = own ? [] : [r.userid];
  switch (out.kind) {
    case 'confirmed': return [{ text: pz.confirmed(out.redemption, who, out.balance), mention: tell }];
    case 'cancelled': return [{ text: pz.cancelled(out.redemption, who), mention: tell }];
    case 'missing': return [{ text: pz.noSuchRedemption(id) }];
    case 'decided': return [{ text: pz.alreadyDecided(out.redemption) }];
    case 'short_points': return [{ text: pz.cannotConfirmPoints(out.redemption, who, out.balance) }];
    case 'short_stock': return [{ text: pz.cannotConfirmStock(out.redemption, out.stock) }];
    case 'off_shelf': return [{ text: pz.offShelf(out.redemption) }];
  }
}
