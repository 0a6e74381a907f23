// interpret(): the pure understanding of one message (CONTRACT §2), before the bot looks at open tickets.
import type { Roster } from '../roster/types.js';
import type { Interpretation, Location, MessageIn, Category } from './types.js';
import { loadLexicon, fixHomophones, cue, type Lexicon } from './lexicon.js';
import { splitQuote, splitAuthor } from './quote.js';
import { rosterIndex, stripMentions, scanPlaces, inferCompound, resolveGrid, findGridMention, isEmptyLocation, maskCompoundNames, type RosterIndex, type PlaceScan } from './location.js';
import { classifyIntent, isStaff, QUOTED_REDEMPTION, type IntentResult } from './intent.js';
import { scoreCategories } from './category.js';
import { refOf, observedAt, dueAt, plannedAt, findRange, maskRanges } from './time-zh.js';
import { zhToInt, NUM_CLASS } from './numbers-zh.js';
import { respellPlaceNames, respellTerms } from './sound.js';
import { simplify } from './simplified.js';
import { followUpOf } from './follow-up.js';

export interface InterpretOptions {
  /** A compiled lexicon (default: data/lexicon, loaded once). */
  lexicon?: Lexicon;
  lexiconDir?: string;
  /** The bot's own name in the groups, to know its messages when they are quoted (default 小巷管家). */
  botName?: string;
}
const BOT_NAME = '小巷管家';

/** 看看这个 / 就这儿 你们瞅瞅 / 这里 / 门口: a caption that only points at the picture. */
const LOOK_ONLY = /^(?:\s*(?:你们?|大家|大伙儿?|就|在|再|我再)?\s*(?:看这个|看看|看一下|瞅瞅|瞅一眼|看图|如图|这个|这儿|这里|这块|看|照片补一张|补一张|补张照片|补个图|门口|楼下|路边|路口|这边|那边)[啊吧呀嘛哈]?\s*){1,3}$/u;
const MARKERS = /\[(?:图片|圖片|表情|语音|视频|文件|链接|动画表情|image|photo)\]/giu;
const TICKET_RES: RegExp[] = [
  /(?<![0-9A-Za-z])[#＃]\s*(\d{1,6})(?![0-9])/u,
  // 第12号, 第23单 (not 第3单元)
  new RegExp(`第\\s*([${NUM_CLASS}]{1,6})\\s*(?:号(?!楼|院|栋|幢|门)|单(?!元|位))`, 'u'),
  // 第48件 (not 第二件事: a count in words is a list of things, digits are the ticket's number)
  /第\s*(\d{1,6})\s*件(?![事])/u,
  // 12号工单, 45号那个单子
  new RegExp(`(?<![0-9])([${NUM_CLASS}]{1,6})\\s*号?\\s*(?:那个|这个|那张|那件|的)?\\s*(?:工单|单子)`, 'u'),
  /(?:工单|单号|编号)\s*(?:号)?\s*(?:是)?\s*[#:：]?\s*(\d{1,6})/u,
  // 112那单 / 118这单
  /(?<![0-9])(\d{1,6})\s*(?:那|这)单(?![元位])/u,
  // 31号单搞定了 (not 3号单元)
  new RegExp(`(?<![0-9])([${NUM_CLASS}]{1,6})\\s*号单(?![元位])`, 'u'),
  // 三百一十五可以关了: a ticket number said in words, with what is done to it
  /([一二三四五六七八九][百千][零〇一二三四五六七八九十百]{0,6})\s*(?:号|那个|这个|那单|这单)?\s*(?=可以关|可以结|关了|结了|办结|已处理|处理完|搞定)/u,
  // 那个63 物业说下午来修: a bare number that opens the message, said of a ticket
  /^\s*(?:那个|这个|那单|这单)\s*(\d{1,6})(?=[\s，,。!！?？]|$)/u,
];

const FLOATING_TICKET = /(?:^|\s)(\d{2,5})(?=\s|$)(?!\s*(?:年|月|日|号|点|岁|个|人|户|块|元|分|栋|幢|楼|层|米|斤|辆|只|条|天|度|路|次|件))/u;
const BACK_AGAIN = /又|还没|没弄|你说清了|说(?:是)?(?:清|修|弄|处理|拆)/u;
/** 12345转过来的工单: the public hotlines' numbers, never ours unless written #12345 (110/120 can be ours). */
const HOTLINES = new Set(['12345', '12315', '12319', '12369', '12358', '12365', '12348', '96110']);

function floatingIn(masked: string): number | null {
  const m = FLOATING_TICKET.exec(masked);
  return m && !HOTLINES.has(m[1]) ? Number(m[1]) : null;
}

/** Ticket number named in a text (#12, 12号工单, 第12号, 第12单, 工单12). */
const TICKET_HINT = /[#＃号单]|^\s*(?:那|这)[个单]\s*\d|第\s*\d+\s*件|[百千][^，。！？\s]{0,8}(?:可以关|可以结|关了|结了|办结|已处理|处理完|搞定)/u;

/** 42号 路灯换好了 / 49号先挂着: from a grid worker, a bare 号 that is not a building, a house (67号那家), a room or a
 * date is a ticket. */
const STAFF_BARE_HAO = /(?<![0-9零〇一二两三四五六七八九十百第（(])(\d{1,6}|[零〇一二两三四五六七八九十百]{2,6})\s*号(?![）)])(?![楼院栋幢單单元室门口房线车位床铺码子])(?!那家|家|后头|后边|前头|旁边|那户)/u;
const DATE_AFTER = /^(?:之前|前|以前|以后|上午|下午|晚上|早上|中午|左右|那天|当天|开会|来|去|到)/u;
/** 113搞定 26栋的水管换好了: a number that opens a grid worker's message and counts nothing (no 栋, 户, 个 after it). */
const STAFF_LEAD = /^\s*(\d{2,6})(?=\s*[\p{Script=Han}])(?!\s*(?:[号楼栋幢座单元室层户家年月日点分个人位名岁元块斤米度天周次趟辆台只条栋间套]|楼|期|区))/u;
function staffTicket(masked: string): number | null {
  const m = STAFF_BARE_HAO.exec(masked) ?? STAFF_LEAD.exec(masked);
  if (!m || HOTLINES.has(m[1])) return null;
  const n = zhToInt(m[1]);
  // 28号来修 is the 28th of the month
  if (n <= 31 && DATE_AFTER.test(masked.slice(m.index + m[0].length))) return null;
  return n > 0 ? n : null;
}

/** The bot's question for a place, with the problem it quotes back (您说的井盖松动，请问是在哪栋楼附近？). */
const ASKED_PLACE = /您说的([^，。？?]{1,30})[，,。]\s*请问(?:是)?(?:在)?(?:哪|什么地方)/u;

/**
 * What a short reply means only with the bot's message above it:
 * - under 已登记 #53【楼道堆物】…5号楼: 不对 是6号楼 reports the same problem at the right place (the ticket at the
 *   wrong place stays for its grid worker to close: nothing here moves tickets);
 * - under the evening summary: 上周的呢 也发一下 asks for the same figures for that period, 超期那3件是哪几件 for the
 *   tickets behind a figure.
 */
function underBotMessage(own: string, quoted: string, scan: PlaceScan, lex: Lexicon): Partial<IntentResult> | null {
  // (the receipt reads 已登记 #53 楼道堆物 · 青一小区5号楼; older ones put the category in 【】)
  const label = /【([^】]{2,8})】|已登记\s*#\d+\s*([^\s·【]{2,8})\s*·/u.exec(quoted);
  if (label && CORRECTS.test(own) && scan.hasBuilding) {
    // (不是卫生的事儿 是…私自圈了块地盖小房子: what the reply says it is wins over the label it corrects)
    const mine = scoreCategories(own, lex);
    if (mine.score >= lex.threshold) return { intent: 'report', confidence: 0.6, category: mine, why: 'a ticket corrected under the bot\'s receipt' };
    const cat = lex.categories.find((c) => c.label === (label[1] ?? label[2]));
    if (cat) return { intent: 'report', confidence: 0.6, category: { category: cat.id, score: lex.threshold, scores: {} } as IntentResult['category'], why: 'a place corrected under the bot\'s ticket' };
  }
  if (/小结|统计|汇总|周报|月报|日报/.test(quoted)) {
    const period = maskRanges(own).found;
    if (period && /发|列|看看|给我|出一[份个]|汇总/.test(own)) return { intent: 'query_stats', confidence: 0.6, why: 'the same figures for another period' };
    // 超期那3件是哪几件 列出来我看看: the tickets behind a figure; 四月份全月的数出来没有: the figures themselves
    if (!period && (cue(lex, 'tickets_list_strong').test(own) || /是哪的|哪个网格|发出来/u.test(own))) return { intent: 'query_tickets', confidence: 0.6, why: 'the tickets behind the summary\'s figures' };
    if (cue(lex, 'stats_ask').test(own)) return { intent: 'query_stats', confidence: 0.6, why: 'figures asked under the summary' };
  }
  // 兑换申请 R12 … 待确认 — R12同意 / 可以 批了: the office decides the redemption
  if (/兑换申请|待确认/.test(quoted) && /同意|批了|批准|可以|确认|行/.test(own) && !/不同意|不行|不可以/.test(own)) return { intent: 'redeem', confidence: 0.7, why: 'a redemption approved under the bot\'s notice' };
  return null;
}
/** 不是走访 是帮…: what a message says it is not (followed by what it is). */
const DENIED = /不是([^，。！？\s是]{1,6})(?=[，,\s]*(?:而)?是)/gu;
const BARE_NUMBER = /^\s*[#＃]?\s*\d{1,6}\s*号?\s*[。.!！]?\s*$/u;

/**
 * What a reply that reads as something else means under the bot's notices:
 * - under 已办结 (#397 已办结：环境卫生 · …), a volunteer who tells the problem (那堆垃圾还在楼下, 只搞了一半) says it
 *   was not fixed: the ticket reopened, not a new one;
 * - under 已重新打开, the grid worker who says what they did and will do takes the ticket up again: progress;
 * - under 是哪一件 (asked after an 已处理 with no number), a bare number answers it: that ticket resolved (reopened
 *   when the bot's example says 还没处理);
 * - under 是要反映问题吗, whatever is told (又坏了 too) is the report the bot asked for;
 * - under 已登记, the reporter's 咋还没人管 chases it: reopen, which for an open ticket reminds its grid worker.
 */
function afterBotNotice(res: IntentResult, own: string, quoted: string, staff: boolean, ticket: number | null, scan: PlaceScan): Partial<IntentResult> {
  if (!staff && /#\d+\s*已办结/u.test(quoted) && (res.intent === 'report' || res.intent === 'resolve' || res.intent === 'self_handled') && !scan.hasBuilding) {
    return { intent: 'reopen', confidence: 0.6, why: 'not fixed, told under the resolve notice' };
  }
  if (staff && /已重新打开/u.test(quoted) && res.intent === 'reopen') return { intent: 'progress', progress: 'in_progress', confidence: 0.6, why: 'taken up again under the reopen notice' };
  if (staff && /是哪一件/u.test(quoted) && BARE_NUMBER.test(own) && (res.intent === 'progress' || res.intent === 'noise')) {
    return /还没处理/u.test(quoted) ? { intent: 'reopen', confidence: 0.6, why: 'which one: the number' } : { intent: 'resolve', confidence: 0.6, why: 'which one: the number' };
  }
  if (/是要反映问题吗/u.test(quoted) && res.intent === 'reopen' && ticket === null) return { intent: 'report', confidence: 0.6, why: 'the problem the bot asked for' };
  // under 已登记 #151 …, 都一个多礼拜了 咋还没人管: the reporter chasing it; the bot reminds the grid worker
  if (!staff && /已登记\s*#\d+/u.test(quoted) && res.intent === 'noise' && STILL_NOT_DONE.test(own)) return { intent: 'reopen', confidence: 0.6, why: 'chased under the receipt' };
  return {};
}

const STILL_NOT_DONE = /(?:咋|怎么|为啥|为什么)还(?:没|不)(?:人)?(?:管|弄|修|处理|来|清|拉)|还没(?:人)?(?:管|弄|修|处理|来人)/u;
const CORRECTS = /不对|说错了|搞错了|写错了|弄错了|听错了|记错了|记岔了|说岔了|看岔了|登记错了|^\s*错了|应该是|不是[^，。！？]{1,8}是|是[^，。！？\s]{1,6}不是/u;

/** A grid worker's close, quoted (「柏雪：#63 已处理 …」). */
const CLOSED_QUOTE = /已处理|处理(好|完)了|已(清|修|拉|搬|扫|换)|(弄|修|清|扫|换)好了|(拉|清|挪|推|搬)(走|出来)了|线也收了|拆了|办结|搞定/u;
/** …and the reply that says it is not so. */
const NOT_SO = /还是|还在|(?<![别莫])又|根本没|没弄|没修|没清|没扫|没拉走|没清走|不干净|没干净|还(得|的)再|没(弄|修)好/u;
/** The same problem somewhere else, said under the first report. */
const ALSO = /也|不止|不光|不仅|还有|同样/u;

/**
 * What a reply means under a neighbour's quoted report (the bot's own messages are read by underBotMessage):
 * - 不是9幢 是29幢 / 老晏你记岔了 不是A3 是A5: the same problem, at the place put right;
 * - 不止4幢 6幢一楼那家也… / 我们6幢也来了: the same problem at another building, a report of its own;
 * - under a grid worker's 已处理, 2幢那块还是臭 / 根本没弄: not fixed, the ticket reopened.
 * The category is the reply's own when it names the problem, else the quote's.
 */
function underPersonQuote(res: IntentResult, raw: string, said: string, quoted: string, quotedRole: string | null, role: string | null, scan: PlaceScan, quotedScan: PlaceScan, lex: Lexicon): Partial<IntentResult> | null {
  const theirs = scoreCategories(quoted, lex);
  if (theirs.score < lex.threshold) return null;
  if (role !== 'grid_worker' && quotedRole && quotedRole !== 'volunteer' && CLOSED_QUOTE.test(quoted) && NOT_SO.test(said) && !['resolve', 'progress', 'self_handled'].includes(res.intent)) {
    return { intent: 'reopen', confidence: 0.6, why: 'not fixed, told under the worker\'s close' };
  }
  if (res.intent !== 'noise' && res.intent !== 'report') return null;
  const elsewhere = scan.hasBuilding && scan.location.building !== quotedScan.location.building;
  if (!elsewhere || !(CORRECTS.test(raw) || ALSO.test(raw))) return null;
  const mine = scoreCategories(said, lex);
  const category = mine.score >= lex.threshold + 2 && mine.category !== 'other' ? mine : theirs;
  return { intent: 'report', confidence: 0.6, category, why: CORRECTS.test(raw) ? 'the place put right under a neighbour\'s report' : 'the same problem at another building' };
}

/** 把超期的列一下 / 我名下还有几个没办的 列一下 / 按类别给我分一下: the reply asks for a list or figures. */
function asksForFigures(own: string, lex: Lexicon): boolean {
  return cue(lex, 'tickets_list_strong').test(own) || cue(lex, 'stats_ask').test(own) || cue(lex, 'query_head').test(own) || /列一下|发一下|发我/.test(own);
}

/**
 * Which of the bot's tickets a reply means: the one it opens with (41已经办了, 64刚弄完), else the one at the building
 * it names (F座门口那堆清完了), else the one the bot addressed to the sender (…#45 … @孙丽), else the only one quoted.
 */
function ticketUnderBotQuote(own: string, quoted: string, name: string | undefined, building: string | null, lex: Lexicon): number | null {
  const ticketsIn = (segs: string[]) => [...new Set(segs.flatMap((seg) => [...seg.matchAll(/[#＃]\s*(\d{1,6})/gu)].map((m) => Number(m[1]))))];
  const listed = ticketsIn([quoted]);
  if (!listed.length) return null;
  const lead = /^\s*(\d{1,6})(?![0-9号楼栋单元室])/u.exec(own);
  if (lead && listed.includes(Number(lead[1]))) return Number(lead[1]);
  const segments = quoted.split(/[；;。\n]/u);
  // F座门口那堆早就清完了: the one listed ticket at the building the reply names
  if (building) {
    const at = new RegExp(`(?<![0-9A-Za-z])${building}\\s*(?:号楼|栋|幢|座|号院|号)`, 'iu');
    const there = ticketsIn(segments.filter((seg) => at.test(seg)));
    if (there.length === 1) return there[0];
  }
  if (name) {
    const mine = ticketsIn(segments.filter((seg) => seg.includes(`@${name}`)));
    if (mine.length === 1) return mine[0];
  }
  if (listed.length === 1) return listed[0];
  // A list (超期提醒, 是哪一件): 7巷的垃圾已经拉走了 / B座那个电瓶车 / 狗那个: the one line whose place or kind it names
  // (都在办了 … 垃圾那个物业说今天拉: a reply about all of them names none)
  if (/^\s*(都|全|两个|俩|这两|这几|几个)/u.test(own)) return null;
  const lines = segments.filter((seg) => ticketsIn([seg]).length === 1);
  const flat = own.replace(/\s+/g, '');
  const namesPlaceOf = (seg: string) => [...seg.matchAll(/([0-9A-Za-z]+)\s*(号楼|栋|幢|座|巷|弄|号院|排)/gu)].some((m) => {
    // (未来MOMAB座 is B座 when spoken; 15号楼 is never 5号楼)
    const names = /^[0-9]+$/.test(m[1]) ? [m[1]] : [...Array(Math.min(4, m[1].length)).keys()].map((k) => m[1].slice(-(k + 1)));
    for (const n of names) if (new RegExp(`(?<![0-9A-Za-z])${n}${m[2]}`, 'iu').test(flat)) return true;
    return false;
  });
  const byPlace = lines.filter(namesPlaceOf);
  if (byPlace.length === 1) return ticketsIn(byPlace)[0];
  // (5号楼那个车挪走了, with none of them at 5号楼: some other ticket, not the one of its kind)
  if (building && !byPlace.length) return null;
  const kinds = scoreCategories(own, lex).scores;
  const byKind = lines.filter((seg) => lex.categories.some((c) => (kinds[c.id] ?? 0) >= lex.threshold && seg.includes(c.label)));
  if (byKind.length === 1) return ticketsIn(byKind)[0];
  return null;
}


export function findTicket(text: string): number | null {
  if (!TICKET_HINT.test(text)) return null;
  let best: { index: number; n: number } | null = null;
  for (const re of TICKET_RES) {
    const m = re.exec(text);
    if (m && (!best || m.index < best.index)) {
      if (HOTLINES.has(m[1]) && !/[#＃]/u.test(m[0])) continue;
      const n = zhToInt(m[1]);
      if (Number.isFinite(n) && n > 0) best = { index: m.index, n };
    }
  }
  return best?.n ?? null;
}

export function normalizeText(text: string, idx: RosterIndex, lex: Lexicon): string {
  let t = text.replace(/[\uff01-\uff5e]/g, (c) => {
    const a = String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    // keep Chinese punctuation that carries meaning in the lexicon (：，？！)
    return /[0-9A-Za-z#@\-~./]/.test(a) ? a : c;
  });
  t = simplify(t.replace(MARKERS, ' ').replace(/\u3000/g, ' '));
  // 4#2-301 / 12#3-201: building, unit and flat, as 4-2-301
  t = t.replace(/(?<![0-9])(\d{1,3})\s*[#＃]\s*(\d{1,2})-(\d{2,4})(?![0-9])/gu, '$1-$2-$3');
  t = stripMentions(t, idx);
  t = fixHomophones(lex, t);
  t = respellTerms(t, lex.soundTerms);
  t = respellPlaceNames(t, idx.roster);
  // 幺 is how 1 is read out in numbers (幺零二, 幺单元), nowhere else here
  t = t.replace(/幺(?=\s*[零〇一二三四五六七八九幺]|\s*(?:单元|栋|号|楼))|(?<=[零〇一二三四五六七八九])幺/gu, '一');
  // after a number, the recogniser hears 号楼 as 好楼 and 栋 as 东/洞/冻 (13东2单元, 5洞门口); never after a word (村东头)
  t = t.replace(/(?<=[0-9一二三四五六七八九十])好楼/gu, '号楼').replace(/(?<=[0-9一二三四五六七八九十])[东洞冻](?![头边面西北南侧])/gu, '栋');
  // 七号楼 不是 是十七号楼 / 五零二 不对 是四零二: the number said first and taken back is gone, the one after stays
  t = t.replace(SELF_CORRECTED, '').replace(PLACE_DENIED, '').replace(NOT_ONLY, '');
  return t.replace(/[ \t]+/g, ' ').trim();
}

const SELF_CORRECTED = /[0-9零〇一二三四五六七八九十幺百]+\s*(?:号楼|号院|栋|幢|号|单元|楼)?[\s，,。.]*(?:(?:不对|说错了|错了)[\s，,。.]*(?:是|应该是)?|不是[\s，,。.]+(?:是|应该是))\s*(?=[0-9零〇一二三四五六七八九十幺百])/gu;

/** 不止4幢 6幢也… / 不光3幢: the building the reply goes beyond is not its place. */
const NOT_ONLY = /(?:不止|不光|不仅|除了)\s*[0-9A-Za-z零〇一二三四五六七八九十]+\s*(?:号楼|栋|幢|座|号)\s*[，,]?\s*/gu;
/** 不是8号 是6号 / 不是五单元 是四单元: the place denied before the right one is gone too. */
const PLACE_DENIED = /不是\s*(?:[0-9零〇一二三四五六七八九十幺百A-Za-z]+\s*(?:号楼|号院|栋|幢|座|号|单元|楼)?[\s，,。.]*(?:而是|应该是|是)\s*(?=[0-9零〇一二三四五六七八九十幺百A-Za-z]+\s*(?:号楼|号院|栋|幢|座|号|单元|楼))|[A-Za-z]\d{1,2}[\s，,。.]*(?:而是|应该是|是)\s*(?=[A-Za-z]\d{1,2}(?![0-9])))/gu;

function redeemDetails(text: string, lex: Lexicon): NonNullable<Interpretation['redeem']> {
  const cancelWords = lex.lists.redeem_cancel ?? [];
  const decision = lex.redemptionDecision.exec(text);
  if (decision) {
    const word = decision[1] ?? decision[5] ?? '';
    const n = decision[2] ?? decision[3] ?? decision[4];
    return { action: cancelWords.includes(word) ? 'cancel' : 'confirm', item: null, quantity: 1, unit: null, redemption: n ? Number(n) : null };
  }
  const conf = /(确认|同意|取消|撤销)\s*(?:兑换)?\s*[#＃]?\s*[Rr]?\s*(\d{1,6})/u.exec(text);
  if (conf) {
    return { action: /确认|同意/.test(conf[1]) ? 'confirm' : 'cancel', item: null, quantity: 1, unit: null, redemption: Number(conf[2]) };
  }
  const units = (lex.lists.redeem_units ?? []).slice().sort((a, b) => b.length - a.length);
  const unitAlt = units.map((u) => u.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') || '(?!)';
  const qtyRe = new RegExp(`([0-9${NUM_CLASS}几]{1,4})\\s*(${unitAlt})`, 'u');
  let rest = text.replace(/[：:，,。.!！?？\s]+/g, ' ');
  const q = qtyRe.exec(rest);
  let quantity = 1, unit: string | null = null;
  if (q) {
    const n = zhToInt(q[1]);
    if (Number.isFinite(n) && n > 0) quantity = n;
    unit = q[2];
    rest = rest.slice(0, q.index) + ' ' + rest.slice(q.index + q[0].length);
  }
  // drop the request words around the item
  rest = rest.replace(/从我?的?积分里?扣.*$/u, ' ');
  const fillers = (lex.lists.redeem_fillers ?? []).slice().sort((a, b) => b.length - a.length);
  for (const f of fillers) rest = rest.split(f).join(' ');
  const item = rest.split(/\s+/).filter(Boolean).sort((a, b) => b.length - a.length)[0] ?? null;
  return { action: 'request', item, quantity, unit, redemption: null };
}

/**
 * Two problems in one message (垃圾桶满了 还有楼道堆了纸壳子): the first one named decides the category, when the
 * words before 还有/另外 describe a problem on their own.
 */
function firstProblem(text: string, whole: Category, lex: Lexicon): Category {
  const m = cue(lex, 'second_problem').first(text);
  if (!m || m.index < 4) return whole;
  // 旧暖气片子还有碎砖头: 还有 inside a clause lists things of one problem; a second problem starts a new clause
  if (m.text === '还有' && !/[\s\p{P}]/u.test(text[m.index - 1])) return whole;
  const head = scoreCategories(text.slice(0, m.index), lex);
  // 一滩狗屎 还有几个塑料袋子: what follows adds to the same mess when the whole's category is already there in the head
  if ((head.scores[whole] ?? 0) >= head.score) return whole;
  return head.score >= lex.threshold && head.category !== 'other' ? head.category : whole;
}

const EMPTY_LOC: Location = { compound: null, building: null, unit: null, room: null };

export function interpret(msg: MessageIn, roster: Roster, opts: InterpretOptions = {}): Interpretation {
  const lex = opts.lexicon ?? loadLexicon(opts.lexiconDir);
  const idx = rosterIndex(roster);
  const person = roster.person(msg.from);
  const chatCommunity = msg.chat ? roster.communityOfChat(msg.chat) : undefined;
  const out: Interpretation = {
    id: msg.id, intent: 'noise', category: null, location: null, grid: null, assignee: null,
    observed_at: null, due_at: null, ticket: null, range: null, confidence: 0.5, text: '', quoted: null,
  };

  const raw = typeof msg.text === 'string' ? msg.text : '';
  const split = splitQuote(raw);
  let quoted = split.quoted;
  if (!quoted && msg.quote && typeof msg.quote.text === 'string' && msg.quote.text.trim()) {
    quoted = msg.quote.author ? { author: msg.quote.author, text: msg.quote.text.trim() } : splitAuthor(msg.quote.text);
  }
  let own = normalizeText(split.own, idx, lex);
  out.quoted = quoted;
  // 「小巷管家：您说的井盖松动，请问是哪栋楼？」 22号楼跟23号楼当间: the reply finishes the report the bot asked
  // about, so the problem it quoted back and the place now given are read as one message
  const asked = quoted && quoted.author === (opts.botName ?? BOT_NAME) ? ASKED_PLACE.exec(quoted.text) : null;
  if (asked) {
    own = `${normalizeText(asked[1], idx, lex)} ${own}`;
    quoted = null;
  }
  out.text = own;
  const hadPicture = msg.msgtype === 'image' || msg.msgtype === 'mixed' || MARKERS.test(raw);
  MARKERS.lastIndex = 0;
  // 看这个 [图片]: a caption that only points at the picture adds nothing to it
  if (own === '' || (hadPicture && LOOK_ONLY.test(own))) {
    out.intent = hadPicture ? 'attachment' : 'noise';
    out.confidence = hadPicture ? 1 : 0.9;
    return out;
  }

  const quotedText = quoted ? normalizeText(quoted.text, idx, lex) : null;
  let quotedScanned: PlaceScan | undefined;
  const quotedScan = () => (quotedScanned ??= scanPlaces(quotedText!, idx));
  const scan = scanPlaces(own, idx);
  const staff = isStaff(person?.role);
  const named = findTicket(own);
  let bare = named === null && staff ? staffTicket(scan.masked) : null;
  if (bare !== null && scan.location.building === String(bare)) {
    // 78号那家的违建已经拆了 in a village whose houses are numbered: a number the sender's community has as a
    // building or house is that place; elsewhere (42号 路灯换好了) the bare 号 was the ticket
    const house = person && roster.communityOfPerson(person.userid)?.compounds.some((c) => c.buildings.includes(String(bare)));
    if (house) bare = null;
    else if (!scan.names.length) scan.location.building = null;
  }
  // 23号院门口那堆煤灰渣 112 环卫上午拉走了: a number standing alone between the words, from a grid worker or said of
  // a problem that came back, is the ticket (the number after 号院 is the courtyard)
  if (named === null && bare === null && (staff || BACK_AGAIN.test(own))) bare = floatingIn(scan.masked);
  out.ticket = named ?? bare ?? (quotedText ? findTicket(quotedText) ?? (staff ? staffTicket(quotedScan().masked) ?? floatingIn(quotedScan().masked) : null) : null);
  const quotedAuthor = quoted?.author ? idx.personByName.get(quoted.author) ?? roster.person(quoted.author) : undefined;
  // The bot's own message quoted (a reminder, a ticket confirmation, the evening summary): its tickets are the
  // candidates, its words are not the sender's. A question under it is a question, not work on its tickets.
  let quoteForIntent = quotedText;
  const botQuote = quotedText !== null && quoted?.author === (opts.botName ?? BOT_NAME);
  if (botQuote) {
    if (asksForFigures(own, lex)) {
      out.ticket = named;
      quoteForIntent = null;
    } else if (named === null) {
      // (the raw quote: normalising strips the @names that say whose each ticket is)
      out.ticket = ticketUnderBotQuote(own, quoted!.text, person?.name, scan.location.building, lex) ?? bare;
    }
  }

  // What the message says, read with the place names blanked (where it is, is read from `own` by scanPlaces).
  // 写错了 不是走访 是帮阿婆把纸皮搬走了: what the sender says it is NOT does not count towards what it is
  const said = maskCompoundNames(own, idx).replace(DENIED, ' ');
  const res = classifyIntent({
    text: said,
    role: person?.role ?? null,
    quoted: quoteForIntent !== null ? { author: quoted!.author, text: maskCompoundNames(quoteForIntent, idx), authorRole: quotedAuthor?.role ?? null } : null,
    ticket: out.ticket,
    ticketNamed: named !== null || bare !== null,
    hasPlace: !isEmptyLocation(scan.location),
    hasBuilding: scan.hasBuilding || scan.location.compound !== null,
    placesMasked: scan.masked,
    placeNamed: scan.names.length > 0,
    hasPicture: hadPicture,
    lex,
  });
  const botSaid = botQuote && res.intent === 'noise' ? underBotMessage(own, quotedText!, scan, lex) : null;
  if (botSaid) Object.assign(res, botSaid);
  if (botQuote) Object.assign(res, afterBotNotice(res, own, quotedText!, isStaff(person?.role ?? null), out.ticket, scan));
  let categoryFromReply = false;
  if (!botQuote && quotedText !== null && quoteForIntent !== null) {
    const reply = underPersonQuote(res, split.own, said, maskCompoundNames(quotedText, idx), quotedAuthor?.role ?? null, person?.role ?? null, scan, quotedScan(), lex);
    if (reply) Object.assign(res, reply);
    categoryFromReply = !!reply?.category;
  }
  // 已合并到 #122 — 行 那就等着吧 赶紧给管管 那狗天天叫唤: the problem is on a ticket already; said again, it is no new one
  if (botQuote && res.intent === 'report' && /已合并/u.test(quotedText!) && !scan.hasBuilding) Object.assign(res, { intent: 'noise', confidence: 0.6, why: 'said again under the merge notice' });
  // 在8号楼2单元 / 不是8号 是6号 / 同上: only a place, or the same again; the bot ties it to the ticket just opened
  // (我也看到了 under a neighbour's quoted report only agrees with it: that report is the ticket)
  let followUp = res.intent === 'noise' && person?.role !== 'grid_worker' ? followUpOf(scan, CORRECTS.test(split.own)) : null;
  if (followUp === 'same' && quoted && !botQuote && isEmptyLocation(scan.location)) followUp = null;
  if (followUp) {
    Object.assign(res, { intent: 'report', confidence: 0.6, why: `a follow-up (${followUp})` });
    out.followUp = followUp;
  }
  out.intent = res.intent;
  out.confidence = Math.round(res.confidence * 100) / 100;
  if (res.progress) out.progress = res.progress;

  const ref = refOf(msg.time);
  switch (res.intent) {
    case 'report': case 'self_handled': case 'patrol': case 'visit': case 'mediation':
    case 'resolve': case 'progress': case 'reopen': {
      let loc: Location | null = isEmptyLocation(scan.location) ? null : { ...scan.location };
      // 一单元到三单元全不亮 under 「8幢楼道声控灯坏了」: the units are of the quote's building
      if (loc && !loc.building && !loc.compound && quotedText && !botQuote) {
        const qs = quotedScan();
        if (qs.location.building) loc = { ...qs.location, unit: loc.unit, room: loc.room };
      }
      // 18号楼到22号楼那一溜 … 排水沟堵死了: a problem along a run of buildings is filed at its first
      if ((res.intent === 'report' || res.intent === 'self_handled') && scan.rangeFirst && !loc?.building) loc = { ...(loc ?? { compound: null, unit: null, room: null }), building: scan.rangeFirst };
      // The place said only in the quote was said by its author: a bare 8号楼 is in their grid, not the replier's.
      let placeOwner = person;
      if (!loc && quotedText) {
        const qs = quotedScan();
        if (!isEmptyLocation(qs.location)) {
          loc = { ...qs.location };
          if (quotedAuthor) placeOwner = quotedAuthor;
        }
      }
      // 不亮的那个是10号楼跟前的 under 「光明里8号楼东边那盏路灯…」: a bare building in a reply is in the quote's compound
      if (loc && !loc.compound && loc.building && quotedText && !botQuote) {
        const qc = quotedScan().location.compound;
        if (qc && roster.compound(qc)?.buildings.includes(loc.building)) loc.compound = qc;
      }
      if (loc) inferCompound(roster, loc, placeOwner, chatCommunity, scan);
      out.location = loc;
      const g = resolveGrid(roster, loc, placeOwner);
      if (g) { out.grid = g.id; out.assignee = g.worker; }
      if ((res.intent === 'report' || res.intent === 'self_handled') && !followUp) {
        const cs = res.category ?? scoreCategories(res.categoryText ?? said, lex);
        let category: Category = firstProblem(res.categoryText ?? said, cs.category, lex);
        if (category === 'other' && res.categoryText) category = scoreCategories(said, lex).category;
        // 我去帮忙搬了 under a neighbour's 楼道堆了一堆纸箱: the quote says what the problem was, the reply what was done;
        // 枝子都搭到二楼阳台上了 under 「香樟让风刮歪了 压着电线」: a report that adds to it, unless it names its own
        // (一单元到三单元全不亮 … 老年人摔了可咋整 under 「声控灯坏了」: a reply that is much about the same thing keeps
        // the quote's problem; 社区能不能给他申请个低保 under 「又在楼道里堆瓶子了」 names its own)
        if ((res.intent === 'self_handled' || (res.intent === 'report' && !categoryFromReply)) && quoteForIntent !== null && !botQuote) {
          const qs = scoreCategories(maskCompoundNames(quoteForIntent, idx), lex);
          const weak = cs.score < lex.threshold + 2 || category === 'other' || (cs.scores[qs.category] ?? 0) * 2 >= cs.score;
          if (qs.score >= lex.threshold && qs.category !== 'other' && (res.intent === 'self_handled' || weak)) category = qs.category;
        }
        out.category = category;
        if (category === 'other') out.confidence = Math.min(out.confidence, 0.6);
      }
      if (res.intent === 'reopen') out.problem = scoreCategories(said, lex).category;
      if (res.intent !== 'resolve' && res.intent !== 'progress') out.observed_at = observedAt(scan.masked, ref);
      if (res.intent === 'report' || res.intent === 'progress' || res.intent === 'reopen') out.due_at = dueAt(scan.masked, ref);
      if (res.intent === 'progress' && !out.due_at) out.due_at = plannedAt(scan.masked, ref);
      if (!person) out.confidence = Math.min(out.confidence, 0.4);
      break;
    }
    case 'query_stats': case 'query_tickets': {
      out.range = findRange(scan.masked, ref);
      const scope: NonNullable<Interpretation['scope']> = {};
      const hint = chatCommunity ?? (person ? roster.communityOfPerson(person.userid) : undefined);
      const grid = findGridMention(own, idx, hint);
      if (grid) scope.grid = grid.id;
      const comp = scan.names.find((n) => n.place.kind === 'compound');
      if (comp?.place.compound) scope.compound = comp.place.compound.name;
      const comm = scan.names.find((n) => n.place.kind === 'community');
      if (comm?.place.community) scope.community = comm.place.community.id;
      else if (/(咱们|我们|本|咱)社区/.test(own) && hint) scope.community = hint.id;
      if (cue(lex, 'overdue').test(own)) scope.overdue = true;
      // 我这个月 is a period, not 我这 (mine)
      if (cue(lex, 'mine').test(maskRanges(own).masked)) scope.mine = true;
      out.scope = Object.keys(scope).length ? scope : null;
      // (鹭鸣湾这个月报了几件 / 二网格超期的有几件: the place and grid asked about are the query's, in the contract's fields too)
      if (scope.compound) out.location = { compound: scope.compound, building: null, unit: null, room: null };
      if (scope.grid) out.grid = scope.grid;
      break;
    }
    case 'query_points':
      out.points = { ranking: cue(lex, 'points_ranking').test(own) };
      // 我这个月攒了多少分 / 上个月的积分排名: the period the points are asked for
      out.range = findRange(scan.masked, ref);
      break;
    case 'redeem': {
      out.redeem = redeemDetails(own, lex);
      // 点错了 给我退了吧 under the bot's notice: the notice's R-number is the one
      const notice = quoted && out.redeem.action === 'request' && cue(lex, 'redeem_undo').test(own) ? QUOTED_REDEMPTION.exec(quoted.text) : null;
      if (notice) out.redeem = { action: 'cancel', item: null, quantity: 1, unit: null, redemption: Number(notice[1]) };
      if (out.redeem.action === 'request' && !out.redeem.item) out.confidence = 0.6;
      break;
    }
    default:
      break;
  }
  void EMPTY_LOC;
  return out;
}
