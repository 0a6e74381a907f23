// Everything the bot says about points and the 红色积分超市, in one place. Short and plain: read on a phone.
import type { CatalogueItem } from './rules.js';
import type { Redemption } from '../store/points.js';

const goods = (r: { item: string; quantity: number }) => `${r.item} ×${r.quantity}`;
const shelfLine = (shelf: CatalogueItem[]) => shelf.map((i) => `${i.item}(${i.points}分)`).join('、');

export const pz = {
  mine: (name: string, month: number, parts: { label: string; points: number }[], balance: number, pending: number) =>
    `${name} 本月积分 ${month} 分${parts.length ? `（${parts.map((p) => `${p.label} ${p.points}`).join('、')}）` : ''}，累计可用 ${balance} 分。`
    + (pending > 0 ? `另有 ${pending} 分的兑换等确认。` : ''),
  ranking: (community: string, rows: { name: string; points: number }[]) =>
    rows.length
      ? `${community} 本月积分前${rows.length}名：\n${rows.map((r, i) => `${i + 1}. ${r.name} ${r.points}分`).join('\n')}`
      : `${community} 本月还没有人得积分。`,
  myRank: (community: string, rank: number, points: number, of: number) => `您本月在${community}排第 ${rank} 名（共 ${of} 人），${points} 分。`,
  noRank: '您本月还没有积分，继续加油！',
  whatItem: (shelf: CatalogueItem[]) => `想兑换什么？可以兑换的有：${shelfLine(shelf)}`,
  unknownItem: (asked: string, shelf: CatalogueItem[]) => `没找到"${asked}"，可以兑换的有：${shelfLine(shelf)}`,
  howMany: (i: CatalogueItem) => `${i.item}${i.unit ? `按${i.unit}兑换，每${i.unit}` : '每份'} ${i.points} 分，要几${i.unit ?? '份'}？`,
  requested: (r: Redemption) => `已申请兑换 ${goods(r)}（${r.points}分），编号 R${r.id}，等社区确认。`,
  shortPoints: (i: CatalogueItem, qty: number, cost: number, balance: number, pending: number) =>
    `积分不够：${i.item} ×${qty} 要 ${cost} 分，您现在有 ${balance} 分${pending > 0 ? `（其中 ${pending} 分已申请兑换、等确认）` : ''}。`,
  shortStock: (i: CatalogueItem, stock: number) => (stock > 0 ? `${i.item}只剩 ${stock} ${i.unit ?? '份'}了，少要一些吧。` : `${i.item}暂时没货了，请换一样。`),
  confirmed: (r: Redemption, name: string, balance: number) => `R${r.id} 已确认：${name} 兑换 ${goods(r)}，扣 ${r.points} 分，剩 ${balance} 分。`,
  cancelled: (r: Redemption, name: string) => `R${r.id} 已取消：${name} 兑换 ${goods(r)}，没有扣分。`,
  alreadyDecided: (r: Redemption) => `R${r.id} 已经${r.status === 'confirmed' ? '确认' : '取消'}过了。`,
  noSuchRedemption: (id: number) => `没有找到兑换 R${id}，请核对编号。`,
  cannotConfirmPoints: (r: Redemption, name: string, balance: number) => `R${r.id} 不能确认：${name} 积分不够（要 ${r.points} 分，现有 ${balance} 分）。可以回复「取消兑换 R${r.id}」。`,
  cannotConfirmStock: (r: Redemption, stock: number) => `R${r.id} 不能确认：${r.item}只剩 ${stock} 件。可以回复「取消兑换 R${r.id}」。`,
  offShelf: (r: Redemption) => `R${r.id} 不能确认：${r.item}已不在兑换目录里。可以回复「取消兑换 R${r.id}」。`,
  onlySecretary: '兑换要由社区书记确认或取消。',
  whichRedemption: (verb: string, list: { id: number; text: string }[]) =>
    list.length
      ? `请带上编号，例如「${verb}兑换 R${list[0].id}」。等确认的有：\n${list.slice(0, 10).map((l) => `R${l.id} ${l.text}`).join('\n')}`
      : '现在没有等确认的兑换。',
  pendingLine: (r: Redemption, name: string) => `${name} ${goods(r)}（${r.points}分）`,
};
