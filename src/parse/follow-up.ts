// A message that only adds to what was just said. Elders dictate in pieces: the problem first, the place a minute
// later (在8号楼2单元), or the place taken back (不是8号 是6号 看岔了); a neighbour answers a report with 同上 or
// 一样的问题 12号楼也是. Read alone none of them says what the problem is, so none is a report of its own; the bot
// ties each to the ticket just opened in the chat (commands/follow-up.ts), and asks when there is none.
import type { PlaceScan } from './location.js';

export type FollowUp = 'place' | 'correction' | 'same';

/** The same problem as the message above… */
const SAME = /同上|(?:一样|同样)的?(?:问题|情况|事儿?)|跟?(?:上面|楼上|前面)(?:的)?一样|我也(?:看见|看到|发现|遇到)了?|还是那个|\+1/gu;
/** The same again said first, as the point of the message. */
const SAME_FIRST = /^\s*(?:同上|(?:一样|同样)的?(?:问题|情况)|我也(?:看见|看到|发现)了?)/u;
/** …and 也是 / 也有, which say it only of a place (12号楼也是; 哈哈 我也是 is chat). */
const SAME_AT = /也是(?:这样|这个|这种)?|也有/gu;
/** Place words, numbers and the sender's asides that carry nothing else. */
const PLACE_BITS = /[0-9A-Za-z零〇一二两三四五六七八九十百]+\s*(?:号楼|号院|号|栋|幢|座|单元|门洞|室|楼|层|户)?|[\p{Script=Han}]{1,3}家(?=门口|门前|旁边|后面|那|$|\s)/gu;
const FILLER = /说秃噜嘴了?|秃噜嘴了?|说秃噜了?|嘴瓢了?|口误|说岔了|记岔了|看走眼了?|那片|这片|绿地|空地|草地|花坛|车棚|墙根|角落|路边|地点|位置|地址|具体|补充一下|补充|补一下|忘了说了?|刚才那个|刚才的|上面那个|那个|这个|那里|这里|那儿|这儿|那边|这边|门口|门前|楼下|楼上|旁边|附近|对面|后面|前面|后头|前头|里面|外面|拐角|东头|西头|不是|不对|说错了|看岔了|看错了|搞错了|写错了|弄错了|错了|应该是|就在|是在|在|是|到|的|了|啊|呀|哈|吧|呢|哦|嗯|我|也|\p{Extended_Pictographic}|[\s\p{P}\p{S}　]/gu;

/**
 * What the message adds, if that is all it does: a place (`place`), a place taken back (`correction`: `corrects`,
 * said in the sender's own words before the self-correction was cut out of them), or the same problem as the message
 * above, with or without another place (`same`).
 */
export function followUpOf(scan: PlaceScan, corrects: boolean): FollowUp | null {
  const masked = scan.masked;
  const placed = scan.hasBuilding || !!scan.location.compound || !!scan.location.unit;
  const same = SAME.test(masked) || (placed && SAME_AT.test(masked));
  SAME.lastIndex = 0;
  SAME_AT.lastIndex = 0;
  const rest = masked.replace(SAME, ' ').replace(placed ? SAME_AT : /(?!)/u, ' ').replace(PLACE_BITS, ' ').replace(FILLER, '');
  // 我也看见了 昨天晚上就黑着呢 / 一样的问题 12号楼那边也是 天天晚上停得满满当当: the same, and a few words on it
  if (same && SAME_FIRST.test(masked) && rest.length <= 12) return 'same';
  if (rest.length) return null;
  if (same) return 'same';
  if (!placed) return null;
  return corrects ? 'correction' : 'place';
}
