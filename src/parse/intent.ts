// Intent: who speaks (roster role) and what they say. The cue words are in data/lexicon/intents.yaml;
// this file is the grammar that weighs them.
import type { Role } from '../roster/types.js';
import type { Intent } from './types.js';
import { cue, type Lexicon, type PhraseSet } from './lexicon.js';
import { scoreCategories, type CategoryScore } from './category.js';
import { maskRanges, namesFestivalPeriod, RANGE_CHARS } from './time-zh.js';

export interface IntentInput {
  /** The sender's own words, normalized. */
  text: string;
  role: Role | null;
  quoted: { author: string | null; text: string; authorRole: Role | null } | null;
  ticket: number | null;
  /** The ticket is named in the sender's own words, not only in what they quote. */
  ticketNamed?: boolean;
  /** A compound or a building is named in the sender's own words. */
  hasPlace: boolean;
  hasBuilding: boolean;
  /** The text with roster place names (compounds, communities, grids) blanked, and whether there were any. */
  placesMasked?: string;
  placeNamed?: boolean;
  /** The message came with a picture (看图 3号楼门口 + photo: the photo shows the problem). */
  hasPicture?: boolean;
  lex: Lexicon;
}

export interface IntentResult {
  intent: Intent;
  confidence: number;
  progress?: 'in_progress' | 'escalated';
  /** The part of the text the category should be read from (after 就是… in a patrol), if not all of it. */
  categoryText?: string;
  category?: CategoryScore;
  /** Why, for debugging. */
  why: string;
}

const PUNCT_ONLY = /^[\s\p{P}\p{S}\p{Extended_Pictographic}\u200d\ufe0f]*$/u;
const STICKER = /\[[^\]\s]{1,4}\]/gu;

export const isStaff = (r: Role | null | undefined) => r === 'grid_worker' || r === 'secretary' || r === 'admin';

/** A cue that is not negated just before (没处理完, 能不能给清走) nor asked after (修好了吗). */
const clauseTail = (s: string) => s.slice(s.search(/[^\s，。！？,.!?]*$/u));

function firstLive(set: PhraseSet, text: string, lex: Lexicon): { index: number; text: string } | null {
  const neg = cue(lex, 'negation');
  for (const m of set.all(text)) {
    // (a 没 in the clause before does not negate this one: 外沿上啥也没了 处理完毕)
    const before = clauseTail(text.slice(Math.max(0, m.index - 4), m.index));
    const after = text.slice(m.index + m.text.length, m.index + m.text.length + 3);
    if (neg.test(before)) continue;
    if (/^[^，。！？,.!?\s]{0,2}(吗|么|没有?[？?]|[？?])/u.test(after)) continue;
    return m;
  }
  return null;
}

function doneMatch(text: string, lex: Lexicon, byStaff: boolean): { index: number; text: string } | null {
  // done_block first: 撕了又贴 must be seen whole before 又贴 (reopen) is blanked
  let t = cue(lex, 'done_block').mask(text);
  // (a grid worker's 垃圾已经让保洁拉走了 is done by whoever they got to do it; a volunteer's is not their own fix)
  if (!byStaff) t = cue(lex, 'done_by_others').mask(t);
  t = cue(lex, 'reopen').mask(t);
  t = cue(lex, 'reopen_referenced').mask(t);
  t = cue(lex, 'progress').mask(t);
  t = cue(lex, 'escalate').mask(t);
  const said = firstLive(cue(lex, 'done'), t, lex);
  const closed = firstLive(cue(lex, 'closing'), t, lex);
  const lit = said && closed ? (said.index <= closed.index ? said : closed) : said ?? closed;
  const neg = cue(lex, 'negation');
  let gram: { index: number; text: string } | null = null;
  lex.doneGrammar.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = lex.doneGrammar.exec(t)) !== null) {
    const before = clauseTail(t.slice(Math.max(0, m.index - 4), m.index));
    const after = t.slice(m.index + m[0].length, m.index + m[0].length + 6);
    // (已经让保洁拉走了: 让 after 已经 is what someone was got to do, and did; 让物业来拉 is still to come)
    const gotDone = /已经?(让|叫|请|找|喊)[^，。！？\s]{0,8}$/u.test(clauseTail(t.slice(Math.max(0, m.index - 12), m.index)));
    if (neg.test(before) && !gotDone) continue;
    if (/^[^，。！？,.!?\s]{0,4}(吗|么|[？?])/u.test(after)) continue;
    gram = { index: m.index, text: m[0] };
    break;
  }
  if (lit && gram) return lit.index <= gram.index ? lit : gram;
  return lit ?? gram;
}

/** Text after a contrast word (就是, 但是, 发现 …) that is not negated (没发现). */
function afterContrast(text: string, lex: Lexicon): string | null {
  const neg = cue(lex, 'negation');
  for (const m of cue(lex, 'contrast').all(text)) {
    const before = text.slice(Math.max(0, m.index - 2), m.index);
    if (neg.test(before)) continue;
    return text.slice(m.index + m.text.length);
  }
  return null;
}

const TOPIC_RE = /(?:还有个|有个|说个)事儿?/u;

function hasRequest(text: string, lex: Lexicon): boolean {
  const t = cue(lex, 'request_negated').mask(text);
  return cue(lex, 'request').test(t);
}

function isPureAck(text: string, lex: Lexicon): boolean {
  const t = cue(lex, 'ack').mask(text.replace(STICKER, ' '));
  return PUNCT_ONLY.test(t.replace(/[　\s]/g, ''));
}

const QUERY_SETS = ['query_status', 'query_head', 'query_points_head', 'query_rank', 'query_head_weak', 'query_list', 'query_scope', 'query_subject', 'query_fillers'];
const foreignCache = new WeakMap<Lexicon, RegExp>();
/** Matches a character that none of the short-query words (nor their regexes, nor the period grammar) contain. */
function foreignChar(lex: Lexicon): RegExp {
  let re = foreignCache.get(lex);
  if (!re) {
    const chars = new Set<string>(RANGE_CHARS);
    for (const n of QUERY_SETS) for (const e of cue(lex, n).entries) for (const ch of e) chars.add(ch);
    const han = [...chars].filter((ch) => /\p{Script=Han}/u.test(ch)).join('');
    re = new RegExp(`[^${han}0-9０-９\\s　\\p{P}\\p{S}\\p{Extended_Pictographic}\u200d\ufe0f]`, 'u');
    foreignCache.set(lex, re);
  }
  return re;
}

/** Longer than this, a message is not a short query (and the grammar below is not run: throughput). */
const SHORT_QUERY_MAX = 40;

/**
 * Short queries (本周统计, 第一网格这个月, 超期的, 我的积分排第几): the message is nothing but query words, a period,
 * a place or grid, and fillers. Whatever is left over (楼道全是垃圾, 天气真好) makes it something else.
 */
export function shortQuery(text: string, placeNamed: boolean, lex: Lexicon): 'query_stats' | 'query_tickets' | 'query_points' | null {
  if (text.length > SHORT_QUERY_MAX) return null;
  // a character no query word or period contains: something is left over, so not a query (most reports stop here)
  if (foreignChar(lex).test(text)) return null;
  const r = maskRanges(text);
  let t = r.masked;
  const take = (name: string): boolean => {
    const set = cue(lex, name);
    if (!set.test(t)) return false;
    t = set.mask(t);
    return true;
  };
  // order matters: 没处理 before 处理, 办结率 before 办结情况, 积分排名 before 排名
  const status = take('query_status');
  const strong = take('query_head');
  const points = take('query_points_head');
  const rank = take('query_rank');
  const weak = take('query_head_weak');
  const list = take('query_list');
  const mine = cue(lex, 'mine').test(r.masked);
  const scope = take('query_scope') || placeNamed;
  take('query_subject');
  // 超期的 / 没办完的 name a kind of ticket; a bare 还没处理(呢) is a complaint, not a list
  const nominal = /的\s*[\p{P}\s]*$|的(?:有|还有|都)/u.test(t);
  take('query_fillers');
  if (!PUNCT_ONLY.test(t.replace(/[　\s]/g, ''))) return null;
  if (points) return status ? null : 'query_points';
  if (status) {
    if (strong) return 'query_stats';
    return list || weak || scope || r.found || nominal || mine ? 'query_tickets' : null;
  }
  // 我手上还有哪些, 第二网格有哪些: which tickets
  // (12月10号到15号 光明里报上来的单子都给我列一下: a list of tickets, for a period too)
  if (list && (mine || scope) && (!r.found || cue(lex, 'tickets_noun').test(text))) return 'query_tickets';
  if (strong || ((weak || rank) && (r.found || scope)) || (r.found && scope)) return 'query_stats';
  return null;
}

/** Category scores computed at most once per text within one classification. */
class Memo {
  private a: string | null = null;
  private av: CategoryScore | null = null;
  private b: string | null = null;
  private bv: CategoryScore | null = null;
  constructor(private readonly lex: Lexicon) {}
  readonly score = (t: string): CategoryScore => {
    if (t === this.a) return this.av!;
    if (t === this.b) return this.bv!;
    const r = scoreCategories(t, this.lex);
    this.b = this.a; this.bv = this.av; this.a = t; this.av = r;
    return r;
  };
  whole(t: string) { return { get: () => this.score(t) }; }
}

/** The bot's redemption notice: 已申请兑换 大米 1袋（100分），凭编号 R12 到积分超市领取. */
export const QUOTED_REDEMPTION = /兑换[^]*?(?<![A-Za-z])[Rr]\s*(\d{1,6})(?![0-9])/u;

const ASKS_BACK = /哪|多少|啥|什么|谁|是不是|几点|几号/u;
const QUESTION_END = /(?:[？?]|不|吗|没|呢|没有)$/u;
/** 1801还是1802啊 / 鹭鸣的西门还是枫林的西门呀: a choice asked (not 还是没修好呢, still not fixed). */
const CHOICE_Q = /[^，。！？\s]{1,10}还是(?![没不坏漏老那一])[^，。！？\s]{1,10}(?:啊|呀|呢|哇|[？?])(?=\s|$|[，。！？])/u;

/** Words that put a problem in the present (a memory or thanks with one of these after may still be a report). */
const NOW_RE = /今天|今儿|今早|刚才|刚刚|昨天|昨晚|这会儿|这两天|又|[两几三]天了|到现在|还没人|没人(?:管|扫|收|清|问)/u;

/** Someone a visit is paid to. */
const ELDER = /奶奶|爷爷|大爷|大妈|大娘|阿姨|老人|婆婆|老太太|老爷子|孤老|独居|空巢|阿婆|阿公|伯伯|婶/u;

export function classifyIntent(inp: IntentInput): IntentResult {
  const { text, role, lex } = inp;
  const c = (n: string) => cue(lex, n);
  const staff = isStaff(role);
  const office = role === 'secretary' || role === 'admin';
  const memo = new Memo(lex);
  const score = memo.score;
  const cat = memo.whole(text);

  // nothing but stickers, emoji or 收到/好的
  const bare = text.replace(STICKER, ' ');
  if (PUNCT_ONLY.test(bare)) return { intent: 'noise', confidence: 0.95, why: 'emoji only' };
  if (isPureAck(text, lex)) {
    // a grid worker's 收到 to a quoted report accepts it; 收到 to a notice is noise
    const q = inp.quoted;
    // (收到 to the bot's overdue reminder or its receipt only says it was read)
    if (role === 'grid_worker' && !(q && /提醒|超期|已登记/.test(q.text)) && (inp.ticket !== null || (q && q.authorRole !== 'secretary' && q.authorRole !== 'admin' && !c('notice').test(q.text) && !c('notice_strong').test(q.text) && score(q.text).score >= lex.threshold))) {
      return { intent: 'progress', confidence: 0.75, progress: 'in_progress', why: 'ack to a report' };
    }
    return { intent: 'noise', confidence: 0.9, why: 'ack' };
  }
  if (c('notice_strong').test(text)) return { intent: 'noise', confidence: 0.95, why: 'forwarded/notice' };
  // 好的 孙书记 今天入户都讲到: a reply to the secretary's notice
  const q0 = inp.quoted;
  // (a notice is a notice whoever posts it: the grid worker's 明天燃气公司入户安检 家里要留人 too)
  if (q0 && (q0.authorRole === 'secretary' || q0.authorRole === 'admin' || score(q0.text).score < lex.threshold) && inp.ticket === null
    && (c('notice_strong').test(q0.text) || c('notice').test(q0.text)) && score(text).score < lex.threshold + 2
    && !c('stats_ask').test(text) && !c('tickets_list_strong').test(text) && !maskRanges(text).found) {
    return { intent: 'noise', confidence: 0.85, why: 'reply to a notice' };
  }
  // 我也看到了 昨天就那样了 under a neighbour's report: the report is there already
  if (q0 && !staff && inp.ticket === null && c('me_too').test(text) && !inp.hasBuilding && score(q0.text).score >= lex.threshold) {
    return { intent: 'noise', confidence: 0.7, why: 'seen it too' };
  }

  // 闲话 不用管我: the sender says it is an aside
  // (巡查打卡 … 去年这时候9号楼下水道堵过 今年通畅着呢: a patrol remembering, not an aside)
  const patrolled = c('patrol').test(text) && c('patrol_past').test(text);
  if (c('aside').test(text) && !hasRequest(text, lex) && !patrolled) return { intent: 'noise', confidence: 0.8, why: 'aside' };

  // help
  // (a help phrase's own 要不要 / 能不能 is not a request for the grid worker)
  if (c('help_strong').test(text) && !hasRequest(c('help_strong').mask(text).replace(/能看见吗|能看到吗/g, ''), lex)) return { intent: 'help', confidence: 0.9, why: 'help' };
  if (text.replace(/[\s\p{P}]/gu, '').length <= 6 && c('help_short').test(text) && !c('points').test(text)) return { intent: 'help', confidence: 0.9, why: 'help short' };

  // 上面说的那个不用管了 我看错了: the sender takes it back
  if (c('withdraw').test(text) && !hasRequest(text, lex)) return { intent: 'noise', confidence: 0.75, why: 'taken back' };

  // points and redemption
  // (超市积分卡 / 信用卡积分: a shop's or a bank's points, not the red points supermarket's)
  if (c('points_elsewhere').test(text) && !/积分超市|红色积分|红分/.test(text) && !inp.hasBuilding) return { intent: 'noise', confidence: 0.8, why: 'points elsewhere' };
  // 点错了 给我退了吧, under the bot's redemption notice: that redemption, cancelled
  if (inp.quoted && QUOTED_REDEMPTION.test(inp.quoted.text) && c('redeem_undo').test(text) && !inp.hasBuilding) return { intent: 'redeem', confidence: 0.85, why: 'redemption undone under its notice' };
  if (c('redeem').test(c('redeem_block').mask(text)) && !inp.hasBuilding) return { intent: 'redeem', confidence: 0.9, why: 'redeem' };
  if (lex.redemptionDecision.test(text)) return { intent: 'redeem', confidence: 0.9, why: 'redemption decided' };
  // (巡了一圈…没啥事 对了我现在多少分了: the patrol is the record; the points question rides along)
  const asideAfterRecord = patrolled && /对了|顺便问|另外问/u.test(text);
  if (c('points').test(text) && !asideAfterRecord) return { intent: 'query_points', confidence: 0.9, why: 'points' };
  // 帮我老伴也查查, quoting the bot's points reply
  if (inp.quoted && /积分/.test(inp.quoted.text) && /查|怎么没算|咋没算|怎么才|咋才|少了/.test(text) && !inp.hasBuilding) return { intent: 'query_points', confidence: 0.75, why: 'points, asked again under the reply' };

  // 本周 / 上个月, and nothing else, from the secretary: the figures for it
  if (office && inp.quoted === null) {
    const r = maskRanges(text);
    if (r.found && PUNCT_ONLY.test(r.masked.replace(/[　\s]/g, ''))) return { intent: 'query_stats', confidence: 0.7, why: 'a bare period from the office' };
  }

  // short queries: period / place / query words only
  if (inp.ticket === null && inp.quoted === null) {
    const q = shortQuery(inp.placesMasked ?? text, inp.placeNamed ?? false, lex);
    if (q) return { intent: q, confidence: 0.85, why: 'short query' };
  }

  // 截至10月底 共受理326件 办结率98%: figures given out, not asked for
  if (c('announce').test(text) && !/多少|(?<![十好])几[件起个次条单]|吗|[？?]/.test(text)) return { intent: 'noise', confidence: 0.8, why: 'figures announced' };

  // 各位管家 …排查情况报给我 / 有问题拍照报上来: said to everyone in the group, not to the bot; whatever it asks of
  // them is a notice
  if (c('addressed_all').test(text) && !inp.hasBuilding && inp.ticket === null) return { intent: 'noise', confidence: 0.8, why: 'addressed to everyone' };

  // queries
  const count = c('stats_ask').test(text) || (c('stats_weak').test(text) && c('stats_send').test(text));
  const subject = c('stats_subject').test(text);
  const ticketNoun = c('tickets_noun').test(text);
  const weakTickets = c('tickets_noun_weak').test(text) && c('tickets_list_strong').test(text) && c('tickets_status').test(text);
  // 几个单子没办结 … 列一下: asking for the list, not the count
  const countWords = /统计|多少|(?<!哪)几[件起个次条单]|率|汇总/.test(text) && !c('tickets_list_strong').test(text);
  if ((ticketNoun || weakTickets) && inp.ticket === null && (c('tickets_list').test(text) || c('tickets_status').test(text)) && !countWords) {
    return { intent: 'query_tickets', confidence: 0.9, why: 'tickets query' };
  }
  // 超期的都列出来 / 还有几件没办完的 给我列一下 / 今天新报的有哪几件还没人接的: a list of open tickets asked for by
  // what they are, with no word for "ticket"
  if (staff && inp.ticket === null && !inp.hasBuilding && c('tickets_list_strong').test(text) && (c('tickets_status').test(text) || c('overdue').test(text))
    && !countWords && cat.get().score < lex.threshold) {
    return { intent: 'query_tickets', confidence: 0.75, why: 'open tickets listed by what they are' };
  }
  // (走访了几户老人 … 都挺好: a visit counted, not figures asked for)
  const recordCounted = c('visit_strong').test(text) && !/[？?吗]|多少/u.test(text);
  // 这个月电动车的有几件 / 双十一到现在 桃溪那边…报了多少件: cases counted over a period is a figures question
  if (inp.ticket === null && /(?:报了|报上来|一共|总共|共|有)(?:[接收报办结]了)?(?:多少|几)(?:件|起|单|个事|事)/u.test(text) && (maskRanges(text).found || namesFestivalPeriod(text))) return { intent: 'query_stats', confidence: 0.75, why: 'cases counted over a period' };
  if (count && subject && inp.ticket === null && !recordCounted) {
    const cs = cat.get();
    if (!(inp.hasBuilding && cs.score >= lex.threshold)) return { intent: 'query_stats', confidence: 0.85, why: 'stats query' };
  }

  // a notice to everyone, with no place named
  // (the secretary's notices name compounds too: 88号院和二号桥的空表在我这领)
  // (…我这会儿开会呢 完事就过去, on a named ticket: a grid worker's plan, not a notice)
  if (c('notice').test(text) && (!inp.hasBuilding || (office && cat.get().score < lex.threshold)) && !(staff && hasRequest(text, lex) && cat.get().score >= lex.threshold + 2)
    && !(staff && inp.ticket !== null && c('progress').test(text))) {
    return { intent: 'noise', confidence: 0.85, why: 'notice' };
  }

  // #54 咋样了: a volunteer asking after a named ticket; 49号 抓紧点: the secretary hurrying one
  if (inp.ticket !== null && !staff && c('ticket_status_ask').test(text) && !c('reopen').test(text)) return { intent: 'query_tickets', confidence: 0.75, why: 'asks after a ticket' };
  if (inp.ticket !== null && office && c('urge').test(text)) return { intent: 'noise', confidence: 0.7, why: 'hurries a ticket' };
  // @闵晓军 …那个电动车飞线充电的 都三天了怎么还没弄 抓紧点: the office chasing a case that is open already
  if (office && c('urge').test(text) && /怎么还没|还没(弄|办|处理|修)|都[0-9一二三四五六七八九十两几]+天了/u.test(text)) return { intent: 'noise', confidence: 0.65, why: 'hurries an open case' };

  // #55 还是没弄 … 外墙工人排到下周三了: the grid worker's own ticket put off, not a complaint that it came back
  if (role === 'grid_worker' && inp.ticket !== null && /(?:排到|推到|改到|延到)(?:了)?(?:下周|下礼拜|下星期|明天|后天|周[一二三四五六日天]|礼拜[一二三四五六日天]|星期[一二三四五六日天]|[0-9一二三四五六七八九十]+号|月底|下个月)|往后推|顺延/u.test(text)) return { intent: 'progress', confidence: 0.65, progress: 'in_progress', why: 'put off by its grid worker' };
  // the problem is back (又响又晃 describes a fault, it does not say it came back)
  const unblocked = c('reopen_block').mask(text);
  const pointed = inp.ticket !== null || inp.quoted !== null || c('fixed_before').test(text);
  // (7栋后头那个路灯又不亮了 麻烦彭丽看看, with no ticket, quote or 说是修好了 to point back: a problem at a place, reported)
  // (only a bare 又 or 还是 says so little; 说是修好了 / 跟没修一样 / 不是说换了吗 point back by themselves)
  // (a bare 7号楼灯又不亮了 is still a reopen: only a problem told at length, or asked to be seen to, is a new report)
  const freshProblem = !pointed && inp.hasBuilding && cat.get().score >= lex.threshold && !c('reopen').test(unblocked.replace(/又|还是/gu, '　'))
    && (text.replace(/[\s\p{P}]/gu, '').length > 16 || hasRequest(text, lex));
  if ((c('reopen').test(unblocked) && !freshProblem) || (pointed && c('reopen_referenced').test(unblocked))) {
    return { intent: 'reopen', confidence: pointed ? 0.9 : 0.75, why: 'reopen cue' };
  }

  const done = doneMatch(text, lex, staff);
  const esc = c('escalate').test(text);
  // (the secretary's 逄丽娜你明天中午前去看一眼: work handed to someone, not the sender's own progress)
  const progAt = c('progress').first(text);
  const prog = progAt !== null && !(office && inp.ticket === null && /[你您侬]\s*\S{0,8}$/u.test(text.slice(Math.max(0, progAt.index - 8), progAt.index)));
  const referenced = inp.ticket !== null || inp.quoted !== null;

  const patrolCue = patrolled || (c('patrol').test(text) && c('all_clear').test(text));
  // grid workers, secretaries and admins close and move tickets (their own patrols are patrols)
  // The secretary passing on a new problem (有居民打电话说… @周静 你今天务必去看看) reports it; only a grid worker's
  // own plans, or anyone's words about a named ticket, are progress.
  // (a secretary passing on 老大把锁换了 老二带人来砸门 reports it: what others did is not her closing anything)
  const reporting = role !== 'grid_worker' && !referenced && (!done || office);
  // A grid worker's own work with no ticket named is a record like a volunteer's: a dispute talked down, a home
  // visit, a patrol that found nothing wrong (或 只记下了 周末前换上). 先挂个单 files what they found as a report.
  if (role === 'grid_worker' && !referenced) {
    if (c('file_it').test(text)) return { intent: 'report', confidence: 0.8, category: cat.get(), why: 'a grid worker files it' };
    // 这个不归我们管 得城管来拆 我已经报上去了: handed on, whichever ticket it is
    if (esc && !done) return { intent: 'progress', confidence: 0.7, progress: 'escalated', why: 'a grid worker hands it on' };
    if (c('mediation_act').test(text) && c('mediation_ok').test(text) && !c('mediation_fail').test(text)) return { intent: 'mediation', confidence: 0.75, why: 'a grid worker\'s mediation' };
    if (c('visit_strong').test(text) || (c('visit').test(text) && cat.get().score < lex.threshold + 2)) return { intent: 'visit', confidence: 0.75, why: 'a grid worker\'s visit' };
    if (patrolCue && (c('all_clear').test(text) || !afterContrast(text, lex))) return { intent: 'patrol', confidence: 0.75, why: 'a grid worker\'s patrol' };
  }
  if (staff && !reporting && !(patrolCue && !referenced && !afterContrast(text, lex))) {
    // 在弄了 … 垃圾桶都扶起来了: part done, the rest under way
    // …or 总阀关了 物业下午来换管子: made safe, the real fix still to come
    // (…处理完毕 / 可以关了 / ✅ at the end closes it, whatever was under way on the way there)
    const partly = done && !c('closing').test(text) && ((c('ongoing').test(text) && !/完|好了|已/.test(done.text)) || c('still_to_do').test(text));
    // 仲阿姨 1801还是1802啊 我好上去敲门: which one, asked back under a person's report, before anything is done
    if (inp.quoted && inp.ticket === null && !done && CHOICE_Q.test(text)) return { intent: 'noise', confidence: 0.6, why: 'asks the reporter which' };
    if (done && !partly) return { intent: 'resolve', confidence: referenced ? 0.95 : 0.85, why: `done "${done.text}"` };
    if (partly) return { intent: 'progress', confidence: 0.8, progress: 'in_progress', why: 'partly done, under way' };
    if (esc) return { intent: 'progress', confidence: 0.85, progress: 'escalated', why: 'escalated' };
    if (prog) return { intent: 'progress', confidence: 0.85, progress: 'in_progress', why: 'progress cue' };
    // a grid worker writing about a ticket they name is not reporting it again
    // 玉霞姐 是哪家的狗你知道不: a question back to the reporter accepts nothing yet
    if (inp.quoted && !inp.ticket && ASKS_BACK.test(text) && QUESTION_END.test(text.trim())) return { intent: 'noise', confidence: 0.6, why: 'asks the reporter' };
    if (referenced && role === 'grid_worker') return { intent: 'progress', confidence: 0.6, progress: 'in_progress', why: 'grid worker on a named ticket' };
  } else if (referenced && (esc || prog) && !done
    // (a volunteer under a neighbour's report: 我刚上他家去看了 … 给他儿子打了电话 is a visit, 过去劝了半天 两口子
    // 都说不吵了 a dispute talked down, not work on a ticket)
    && !(role !== null && !staff && (c('visit').test(text) || (c('mediation_act').test(text) && c('mediation_ok').test(text))))) {
    return { intent: 'progress', confidence: 0.7, progress: esc ? 'escalated' : 'in_progress', why: 'progress on a reference' };
  }

  // patrol check-ins (a problem found on the way is a report)
  let body = text;
  let categoryText: string | undefined;
  const patrol = patrolCue;
  if (patrol) {
    // 转了转 18号楼后头有人垒了个小棚子: a problem found on the way, said without 但是/发现
    // (18栋门口电动车停在消防通道上 车主不在 问了一圈找不到人 其他都好: tried, could not, so it is left for the worker)
    const rest = afterContrast(text, lex)
      ?? ((!c('all_clear').test(text) || c('could_not').test(text)) && score(text).score >= lex.threshold + 2 ? text : null);
    const rs = rest ? score(rest) : null;
    // (…就是垃圾站边上纸箱子有点多 跟保洁大姐说了一声: passed on there and then, still a patrol)
    if (!rest || !rs || (rs.score < lex.threshold && !hasRequest(rest, lex)) || ((c('told').test(rest) || c('minor').test(rest)) && !hasRequest(rest, lex))) return { intent: 'patrol', confidence: 0.9, why: 'patrol' };
    body = rest; categoryText = rest;
  }

  // a dispute settled / a resident persuaded (…两家算是不吵了 但是漏点还在滴 得找物业来修: the cause is left for the
  // grid worker, so it is a report)
  const leftOver = afterContrast(body, lex);
  const unsolved = leftOver !== null && hasRequest(leftOver, lex);
  // (去王大娘家坐了会儿 … 跟她说好了年三十来陪她: a visit's promise, no quarrel talked down)
  const visitNoQuarrel = c('visit_strong').test(body) && (score(body).scores.dispute ?? 0) < lex.threshold;
  if (!patrol && !unsolved && !visitNoQuarrel && c('mediation_act').test(body) && c('mediation_ok').test(body) && !c('mediation_fail').test(body) && !done?.text.startsWith('已')) {
    if (!staff || !done) return { intent: 'mediation', confidence: 0.8, why: 'mediation' };
  }

  // home visits
  // (去看了 就是没盖严实 … 重新放正了: going to look, then fixing it, with nobody visited, is the fix)
  const lookedThenFixed = done !== null && /我|俺|自己/u.test(body.slice(0, done.index)) && !c('visit_strong').test(body) && !ELDER.test(body);
  // (看了看独居的孙大爷 … 腿疼好多了: 看了看 with someone looked in on is a visit, unless it found a clear problem)
  const lookedIn = () => c('visit_strong').test(body) && Object.entries(score(body).scores).every(([k, v]) => k === 'assistance' || (v ?? 0) < lex.threshold);
  if (!patrol && !lookedThenFixed && (c('visit').test(body) || lookedIn())) {
    const cs = score(body);
    const strongProblem = cs.category !== 'assistance' && cs.category !== 'other' && cs.score >= lex.threshold + 2;
    // 去看了 alone (not 走访/入户/看望) next to a clear problem is going to look at the problem, not a home visit
    const looked = strongProblem && !c('visit_strong').test(body);
    // (…身体硬朗 就是耳朵有点背: what follows the contrast must be the problem, not a remark)
    const contrast = strongProblem ? afterContrast(body, lex) : null;
    // (…就是家里电线老化得厉害 跟他儿子说了让找人换: a problem seen on the visit and passed on there and then)
    if (!hasRequest(body, lex) && !looked && !(contrast !== null && score(contrast).score >= lex.threshold && !c('told').test(contrast))) return { intent: 'visit', confidence: 0.85, why: 'visit' };
  }

  const request = hasRequest(body, lex);
  const cs = score(body);
  const firstPerson = /我|俺/.test(body);

  // a volunteer closing a named ticket (#1 已处理): that is a resolve, which the bot refuses politely
  // (a ticket only in the quote — 「#55 已处理」 扫是扫了 … 我又捡了一小盒子 — is what the volunteer did more of, below)
  if (!staff && done && inp.ticket !== null && inp.ticketNamed !== false && !request) return { intent: 'resolve', confidence: 0.8, why: `done on a named ticket "${done.text}"` };

  // 随手做: a volunteer fixed it on the spot, nothing left for the grid worker
  // (纸箱挪开了 但是电动车还在那充电 我一个人搞不赢: half done, the rest is the worker's)
  const couldNot = c('could_not').test(body) && cs.score >= lex.threshold;
  if (!staff && done && !request && !couldNot) {
    // 多谢梁姑娘 … 已经修好: thanks for someone else's fix, whoever else the sender mentions
    // (小芮动作真快 我刚下楼看了 冰都铲干净了 谢谢啦: thanks at either end are for someone else's work)
    if (c('praise').test(body) && (!firstPerson || /^\s*(?:谢谢|多谢|感谢)|(?:谢谢|多谢|感谢)[^。！？]{0,6}$/u.test(body.trim()))) return { intent: 'noise', confidence: 0.75, why: 'praise of someone else\'s work' };
    return { intent: 'self_handled', confidence: cs.score >= lex.threshold ? 0.85 : 0.7, categoryText, category: cs, why: `self done "${done.text}"` };
  }

  // thanks, praise, chit-chat, questions to a person
  if (!request && c('asking_about').test(body)) return { intent: 'noise', confidence: 0.7, why: 'asking a person' };
  // 谢谢孙丽 另外3号楼后头也有人开始搭棚子了: thanks, then a new problem
  const next = c('second_problem').first(body);
  // (老伴儿刚出院 谢谢大家惦记 今儿一出门就看见…扯电线充电: the thanks come first, the problem after them)
  const thanks = c('praise').first(body);
  const thenProblem = (next !== null && score(body.slice(next.index + next.text.length)).score >= lex.threshold)
    || (thanks !== null && score(body.slice(thanks.index + thanks.text.length)).score >= lex.threshold + 2 && NOW_RE.test(body.slice(thanks.index)));
  if (!request && c('praise').test(body) && !thenProblem) return { intent: 'noise', confidence: 0.8, why: 'thanks/praise' };
  if (!request && c('schedule_ask').test(body)) return { intent: 'noise', confidence: 0.75, why: 'asks when/where' };
  // news from elsewhere; with a place named only when it comes as advice to everyone (听说那边水管冻了 咱都注意点)
  if (!request && c('hearsay').test(body) && (!inp.hasBuilding || c('advice').test(body))) return { intent: 'noise', confidence: 0.7, why: 'news from elsewhere' };
  if (c('know_how').test(body) && /(?:我|俺)(?:家|屋)/.test(body) && !inp.hasBuilding) return { intent: 'noise', confidence: 0.7, why: 'asks the neighbours for advice at home' };
  if (c('asks_around').test(body) && !inp.hasBuilding && !NOW_RE.test(body)) return { intent: 'noise', confidence: 0.7, why: 'asks the group how things are done' };
  if (!request && c('forecast').test(body) && !inp.hasBuilding) return { intent: 'noise', confidence: 0.8, why: 'weather to come' };
  if (!request && c('works_to_come').test(body)) return { intent: 'noise', confidence: 0.75, why: 'good news of works to come' };
  // (a memory's own 帮着找 is part of the story)
  if (c('memory').test(body) && !NOW_RE.test(body)) return { intent: 'noise', confidence: 0.75, why: 'a memory' };
  if (!request && c('chitchat').test(body) && cs.score < lex.threshold + 2) return { intent: 'noise', confidence: 0.85, why: 'chit-chat' };

  // A named building and a word of trouble: a report even when no category word is known (it may be filed as 其他)
  const troubled = inp.hasBuilding && c('trouble').test(body);
  if (cs.score >= lex.threshold || request || troubled) {
    let conf = 0.55;
    if (cs.score >= lex.threshold) conf += 0.2;
    if (cs.score >= lex.threshold + 2) conf += 0.1;
    if (inp.hasPlace) conf += 0.1;
    if (request) conf += 0.05;
    // 27号楼垃圾桶那边还有个事 旁边的路灯杆子歪了: what comes before 还有个事 says where, the problem comes after
    const topic = categoryText ? null : TOPIC_RE.exec(body);
    if (topic) {
      const rest = body.slice(topic.index + topic[0].length);
      const rs = score(rest);
      if (rs.score >= lex.threshold) return { intent: 'report', confidence: Math.min(0.95, conf), categoryText: rest, category: rs, why: 'problem described after 还有个事' };
    }
    return { intent: 'report', confidence: Math.min(0.95, conf), categoryText, category: cs, why: 'problem described' };
  }
  // 看图 3号楼门口 / 这个谁管 + a photo: the picture shows what the words do not
  if (inp.hasPicture && !staff && (inp.hasBuilding || c('photo_ask').test(body))) {
    return { intent: 'report', confidence: 0.6, categoryText, category: cs, why: 'a photo of a named place' };
  }
  if (staff && inp.ticket !== null) return { intent: 'progress', confidence: 0.5, progress: 'in_progress', why: 'ticket named, no cue' };
  return { intent: 'noise', confidence: inp.hasPlace || cs.score > 0 ? 0.55 : 0.75, why: 'nothing to do' };
}
