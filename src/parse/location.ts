// Places in a message: compounds by roster name/alias, buildings/units/rooms in their common spoken forms.
// Nothing here knows any particular roster: names come from the roster, forms from the grammar below.
import type { Community, Compound, Grid, Person, Roster } from '../roster/types.js';
import type { Location } from './types.js';
import { zhToInt } from './numbers-zh.js';
import { normalizeBuilding } from '../roster/buildings.js';

const N = '[0-9一二三四五六七八九十百廿][0-9零〇一二三四五六七八九十百廿]{0,4}';
const NB = '(?<![0-9A-Za-z零〇一二两三四五六七八九十百廿第])';
// (天街23号铺 / 15号门面: a shop of a shopping street is its "building"; 三巷12号 / 五巷口: in a 城中村 numbered by
// lane, the lane is)
const BUILDING_SUFFIX = '(?:号楼|號樓|号栋|號棟|栋楼|栋|棟|幢|号院楼|号院|座(?!位)|＃楼|#楼|＃|#|号(?=\\s*[0-9一二三四五六七八九十]{1,2}\\s*(?:单元|單元|门洞))|号(?=\\s*(?:铺|门面|商铺|铺面|档口))|巷(?![子弄]))';
const BUILDING_RE = new RegExp(
  `${NB}(?:(${N})\\s*${BUILDING_SUFFIX}|(?<![A-Za-z])([A-Za-z](?:\\d{1,2}(?![0-9])\\s*(?:座|栋|棟|幢|号楼|号|楼)|\\s*(?:座|栋|棟|幢|号楼|楼(?![上下道梯顶]))))|(?<![老小姓叫大])([甲乙丙丁戊己庚辛壬癸])\\s*(?:号楼|字楼|栋|幢|座|楼(?![道梯]))|(\\d{1,3})-(\\d{1,2})-(\\d{2,4})(?![0-9]))`, 'gu');
const RANGE_BEFORE = new RegExp(`(?:${N}|[A-Za-z])\\s*(?:号楼|栋|幢|号|座)?\\s*(?:到|至|-|~|～|—|－)\\s*$`, 'u');
const RANGE_AFTER = new RegExp(`^\\s*(?:一直)?(?:走)?(?:到|至|-|~|～|—|－)\\s*(?:${N}|[A-Za-z])\\s*(?:号楼|栋|幢|座|#|＃)`, 'u');
const HOUSE_RUN_BEFORE = new RegExp(`(${N})\\s*号\\s*(?:到|至|-|~|～)\\s*$`, 'u');
/** A lettered tower with no 栋 after it (a5, B4). */
const LETTERED_RE = /(?<![A-Za-z0-9])([A-Za-z]\d{1,2})(?![A-Za-z0-9])/gu;
// (T2-1806 is tower T2, flat 1806: a dash before three or four digits alone is a flat, not the end of a run)
const RANGE_AFTER_BARE = /^\s*(?:到|至|-|~|～|—|－)\s*(?![-－]?\d{3,4}(?![0-9A-Za-z号栋幢座楼]))[A-Za-z]?\d|^\s*(?:到|至|~|～|—)\s*\d/u;
const UNIT_RE = new RegExp(`${NB}(${N})\\s*(?:单元|單元|门洞)`, 'gu');
const UNIT_MEN_RE = new RegExp(`^\\s*(${N})\\s*门洞?(?![口前外里头])`, 'u');
// 502, 502室, and rooms read out digit by digit (三零一, 四〇二)
// (301一直叮叮咣咣: a word after the digits may start with 一; 1502楼上漏水 is the flat whose upstairs leaks)
const ROOM_AFTER_RE = /^\s*(?:的|[-－])?(\d{3,4}|[一二三四五六七八九][零〇一二三四五六七八九]{2,3})(?:室|号|房|户)?(?![0-9零〇十号栋幢]|楼(?![上下])|[一二三四五六七八九](?:[0-9零〇一二三四五六七八九十号楼栋幢]|单元))/u;
/** 不对 是6栋 / 哦我说错了 是三栋: the place after the correction is the one meant. */
const CORRECTION_RE = /(?:不对不对|不对|哦不是|不是不是|说错了|搞错了|写错了|口误)[，,。\s]*(?:是|应该是|在|是在)?/gu;
/** Where the words after the last correction begin (-1 if none): what follows it is what was meant, of a place or of
 * a period (这个礼拜 嗯 不对 这个月). */
export function afterLastCorrection(text: string): number {
  let at = -1;
  for (const m of text.matchAll(CORRECTION_RE)) at = m.index + m[0].length;
  return at;
}
// (十一栋十八楼1803门口: the flat after its floor)
const ROOM_RE = /(?<![0-9])(\d{3,4})\s*(?:室|房间|那家|那户)|(?<=[楼层])\s*(\d{3,4})(?![0-9号楼栋幢])/u;
/** 她家楼上2203的空调外机: the flat the trouble comes from. */
const NEIGHBOUR_ROOM_RE = /(?:楼上|楼下|对门|隔壁)(?:的|那家)?\s*(\d{3,4})(?![0-9])/u;
/** 一期7栋: a phase, when the community has compounds named by phase (榕溪湾一期 / 榕溪湾二期). */
const PHASE_RE = /(?<![一二三四五六七八九十0-9])([一二三四五六1-6])期(?![间限货末刊])/u;
/** 青一16号 / 富饶12楼道: a number right after a compound's name, with a bare 号 or the stairwell after it. */
const BARE_HAO_RE = new RegExp(`^\\s*(${N})\\s*(?:号(?![楼院栋幢工单子码])|(?=楼(?:道|梯|下|前|后|门口)))`, 'u');
/**
 * 门牌83 / 105号那家 / 12号门口: a house number said with nothing after it, as in a village whose "buildings" are
 * door numbers. Not a date (11月28号, 28号之前), a ticket (45号工单) or a number in a name or a list (第3, #5).
 */
const HOUSE_RE = new RegExp(`(?:门牌\\s*号?\\s*(\\d{1,4})|(?<![0-9A-Za-z零〇一二两三四五六七八九十百廿月第#＃~～-])(${N})\\s*号(?![楼院栋幢單单元室工子码线车位床铺台])(?!门(?![口前外边]))(?!\\s*(?:之前|前|以前|以后|上午|下午|晚上|早上|中午|左右|那天|当天|开会|正式|开始|起|到|至|-|~|～)))`, 'u');

export interface PlaceName { name: string; kind: 'compound' | 'community' | 'grid'; compound?: Compound; community?: Community; grid?: Grid }

export interface RosterIndex {
  roster: Roster;
  placeRe: RegExp | null;
  places: Map<string, PlaceName>;
  /** people display names, longest first (for @-mentions and quoted authors). */
  personByName: Map<string, Person>;
  mentionRe: RegExp | null;
  gridOrdinal: Map<Grid, number>;
  /** Every building label some compound of the roster has (甲, A3): a letter or stem said bare counts only if listed. */
  buildingLabels: Set<string>;
  /** Every compound of the roster with all it is called (for a name said only in part, 还房 for 黄葛还房小区). */
  compounds: { name: string; names: string[]; buildings: string[] }[];
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const indexCache = new WeakMap<Roster, RosterIndex>();

export function rosterIndex(roster: Roster): RosterIndex {
  const hit = indexCache.get(roster);
  if (hit) return hit;
  const places = new Map<string, PlaceName>();
  for (const c of roster.communities) {
    for (const m of c.compounds) {
      places.set(m.name, { name: m.name, kind: 'compound', compound: m });
      for (const a of m.aliases) if (!places.has(a)) places.set(a, { name: a, kind: 'compound', compound: m });
    }
  }
  // community and grid names mask the compound aliases they contain (富饶社区 is not 富饶小区)
  for (const c of roster.communities) if (!places.has(c.name)) places.set(c.name, { name: c.name, kind: 'community', community: c });
  for (const g of roster.grids) if (!places.has(g.name)) places.set(g.name, { name: g.name, kind: 'grid', grid: g });
  const names = [...places.keys()].filter(Boolean).sort((a, b) => b.length - a.length);
  const personByName = new Map<string, Person>();
  for (const p of roster.people) if (p.name && !personByName.has(p.name)) personByName.set(p.name, p);
  const pnames = [...personByName.keys()].sort((a, b) => b.length - a.length);
  const gridOrdinal = new Map<Grid, number>();
  for (const g of roster.grids) {
    const m = /第?([0-9零〇一二两三四五六七八九十百]+)\s*(?:网格|號網格|号网格)/u.exec(g.name);
    if (m) { const n = zhToInt(m[1]); if (Number.isFinite(n)) gridOrdinal.set(g, n); }
  }
  const idx: RosterIndex = {
    roster,
    // a name that is only digits (502 for 502厂家属区) is not a room (4单元502家) nor part of a longer number
    placeRe: names.length ? new RegExp(names.map((n) => (/^\d+$/.test(n) ? `(?<![0-9#＃]|单元|楼|栋|座)${n}(?![0-9室房户家号])` : escapeRe(n))).join('|'), 'gu') : null,
    places,
    personByName,
    mentionRe: pnames.length ? new RegExp(`[@＠](?:${pnames.map(escapeRe).join('|')})`, 'gu') : null,
    gridOrdinal,
    buildingLabels: new Set(roster.communities.flatMap((c) => c.compounds.flatMap((m) => m.buildings))),
    compounds: roster.communities.flatMap((c) => c.compounds.map((m) => ({ name: m.name, names: [m.name, ...m.aliases], buildings: m.buildings }))),
  };
  indexCache.set(roster, idx);
  return idx;
}

/**
 * The roster's compound names and aliases blanked out with a neutral mark of the same length, for the understanding
 * of what a message says (not where): a name is a proper noun, and 李家村还建房 or 纺织厂宿舍 must not read as 建房 or
 * 宿舍 to the categories and cues. Not whitespace, so "去〼〼〼5号楼看了看" still holds together as one clause.
 */
export const NAME_MARK = '〼';
export function maskCompoundNames(text: string, idx: RosterIndex): string {
  if (!idx.placeRe) return text;
  idx.placeRe.lastIndex = 0;
  return text.replace(idx.placeRe, (m) => (idx.places.get(m)?.kind === 'compound' ? NAME_MARK.repeat(m.length) : m));
}

/** Remove @-mentions: roster names first (they may run into the next word), then @word. */
export function stripMentions(text: string, idx: RosterIndex): string {
  if (!text.includes('@') && !text.includes('＠')) return text;
  let t = idx.mentionRe ? text.replace(idx.mentionRe, ' ') : text;
  t = t.replace(/[@＠][^\s@＠，,。:：]{1,8}/gu, ' ');
  return t.replace(/\s{2,}/g, ' ').trim();
}

export interface PlaceScan {
  location: Location;
  /** Place names (compound/community/grid) found, in order. */
  names: { index: number; place: PlaceName }[];
  /** Text with place names blanked out (for the building grammar and the date grammar). */
  masked: string;
  /** Some building was named (not only a range). */
  hasBuilding: boolean;
  /** Only a building range was named (patrol routes). */
  onlyRange: boolean;
  /** Where that range starts (18号楼到22号楼 → 18): the place of a problem seen along it. */
  rangeFirst?: string | null;
  /** The building was said as a courtyard (7号院): a 胡同 or 院, not a block of flats. */
  courtyard?: boolean;
}

function label(num: string | undefined, letter: string | undefined): string | null {
  if (letter) return /^[A-Za-z]\d*/u.exec(letter)![0].toUpperCase();
  if (num === undefined) return null;
  return normalizeBuilding(num);
}

/** Words every compound name is made of: a shortening must hold something more (还房, not 小区). */
const GENERIC_NAME = /^[小区花园新村家苑公寓宿舍大院社区里弄巷路街号期城府庭居湾座栋幢楼一二三四五六七八九十0-9]+$/u;
/**
 * 还房十二栋: a compound said by a part of its name or alias (黄葛还房小区 / 还房小区), right before a building it has.
 * Only when exactly one compound of the roster fits, so a shortening two compounds share names neither.
 */
function shortenedCompound(before: string, building: string, idx: RosterIndex): string | null {
  const clause = before.split(/[\s，。！？,.!?、　]/u).pop() ?? '';
  for (let n = Math.min(6, clause.length); n >= 2; n--) {
    const part = clause.slice(clause.length - n);
    if (GENERIC_NAME.test(part)) continue;
    const fits = new Set<string>();
    for (const c of idx.compounds) {
      if (c.names.some((name) => name.includes(part)) && (!c.buildings.length || c.buildings.includes(building))) fits.add(c.name);
    }
    if (fits.size === 1) return [...fits][0];
    if (fits.size > 1) return null;
  }
  return null;
}

export function scanPlaces(text: string, idx: RosterIndex): PlaceScan {
  const names: PlaceScan['names'] = [];
  let masked = text;
  if (idx.placeRe) {
    idx.placeRe.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = idx.placeRe.exec(text)) !== null) {
      names.push({ index: m.index, place: idx.places.get(m[0])! });
    }
    if (names.length) masked = text.replace(idx.placeRe, (s) => '　'.repeat(s.length));
  }
  const firstCompound = names.find((n) => n.place.kind === 'compound');
  const loc: Location = { compound: firstCompound?.place.compound?.name ?? null, building: null, unit: null, room: null };

  // buildings: the first that is not part of a range
  const builds: { index: number; end: number; b: string; unit?: string; room?: string }[] = [];
  let sawRange = false;
  let rangeFirst: string | null = null;
  BUILDING_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BUILDING_RE.exec(masked)) !== null) {
    const end = m.index + m[0].length;
    if (m[4] !== undefined) {
      builds.push({ index: m.index, end, b: String(Number(m[4])), unit: String(Number(m[5])), room: m[6] });
      continue;
    }
    // 甲楼 only where the roster has a block so named (老丁楼下 is not block 丁)
    if (m[3] !== undefined && !idx.buildingLabels.has(m[3])) continue;
    const b = m[3] ?? label(m[1], m[2]);
    if (!b) continue;
    const before = masked.slice(Math.max(0, m.index - 12), m.index);
    const after = masked.slice(end, end + 14);
    if (RANGE_BEFORE.test(before) || RANGE_AFTER.test(after)) {
      sawRange = true;
      if (RANGE_AFTER.test(after)) rangeFirst ??= b;
      continue;
    }
    builds.push({ index: m.index, end, b });
  }
  const first = builds[0];
  if (first) {
    loc.building = first.b;
    // 我以前在糖厂做了三十年 现在住榕溪一期 9栋…: the compound said nearest before the building is its compound; one
    // named only after it, or that has no such building, is left for the sender's grid to decide
    const before = names.filter((n) => n.place.kind === 'compound' && n.index < first.index).pop();
    if (before) loc.compound = before.place.compound?.name ?? null;
    else if (!firstCompound) loc.compound = shortenedCompound(masked.slice(Math.max(0, first.index - 6), first.index), first.b, idx);
    else if (firstCompound) {
      const c = firstCompound.place.compound;
      loc.compound = c && (c.buildings.length === 0 || c.buildings.includes(first.b)) ? c.name : null;
    }
    if (first.unit) { loc.unit = first.unit; loc.room = first.room ?? null; }
    else {
      // 是六栋 六栋二单元: the same building said twice is one place
      const limit = builds.find((x) => x.b !== first.b)?.index ?? masked.length;
      const rest = masked.slice(first.end, limit);
      const men = UNIT_MEN_RE.exec(rest);
      UNIT_RE.lastIndex = 0;
      const u = UNIT_RE.exec(rest);
      let roomFrom = -1;
      if (men) { loc.unit = String(zhToInt(men[1])); roomFrom = men.index + men[0].length; }
      else if (u && u.index <= 8) { loc.unit = String(zhToInt(u[1])); roomFrom = u.index + u[0].length; }
      const r = ROOM_AFTER_RE.exec(roomFrom >= 0 ? rest.slice(roomFrom) : rest);
      if (r) loc.room = r[1];
    }
  } else {
    UNIT_RE.lastIndex = 0;
    const u = UNIT_RE.exec(masked);
    if (u) {
      loc.unit = String(zhToInt(u[1]));
      const r = ROOM_AFTER_RE.exec(masked.slice(u.index + u[0].length));
      if (r) loc.room = r[1];
    }
  }
  if (!loc.room && (loc.building || loc.unit)) {
    const r = ROOM_RE.exec(masked) ?? NEIGHBOUR_ROOM_RE.exec(masked);
    if (r) loc.room = r[1] ?? r[2];
  }
  if (loc.room && !/^\d+$/.test(loc.room)) loc.room = String(zhToInt(loc.room));
  // 青一16号 垃圾满了: a bare 号 right after a compound's name is its building
  if (!first) {
    for (const n of names) {
      if (n.place.kind !== 'compound') continue;
      const after = BARE_HAO_RE.exec(text.slice(n.index + n.place.name.length));
      if (after) { loc.building = String(zhToInt(after[1])); loc.compound ??= n.place.compound?.name ?? null; break; }
    }
  }
  if (!first && loc.building === null) {
    const h = HOUSE_RE.exec(masked);
    if (h) {
      // 一百四十号到一百五十号那一溜: a run of houses is filed at the first
      const run = HOUSE_RUN_BEFORE.exec(masked.slice(0, h.index));
      loc.building = String(zhToInt(run ? run[1] : h[1] ?? h[2]));
    }
  }
  // a5门口 / 在B4楼下: a lettered tower said bare, when the roster has one so named (A1到A8 is a route, not a place)
  if (!first && loc.building === null) {
    LETTERED_RE.lastIndex = 0;
    for (let l = LETTERED_RE.exec(masked); l; l = LETTERED_RE.exec(masked)) {
      const b = l[1].toUpperCase();
      if (RANGE_AFTER_BARE.test(masked.slice(l.index + l[0].length)) || RANGE_BEFORE.test(masked.slice(Math.max(0, l.index - 12), l.index))) { sawRange = true; continue; }
      if (idx.buildingLabels.has(b)) {
        loc.building = b;
        // (云澄T2-1806 / T1 2408那家: the flat right after the tower)
        const r = loc.room ? null : ROOM_AFTER_RE.exec(masked.slice(l.index + l[0].length));
        if (r) loc.room = /^\d+$/.test(r[1]) ? r[1] : String(zhToInt(r[1]));
        break;
      }
    }
  }
  let hasBuilding = !!first || loc.building !== null;
  // A correction (桂苑五栋 不对不对 是六栋): what follows it wins; a compound named only before it still holds.
  const corrected = afterLastCorrection(text);
  if (corrected >= 0) {
    const tail = scanPlaces(text.slice(corrected), idx);
    if (tail.location.building || tail.location.compound) {
      const keepCompound = tail.location.compound ? null : loc.compound;
      Object.assign(loc, tail.location);
      if (keepCompound) loc.compound = keepCompound;
      hasBuilding ||= tail.hasBuilding;
    }
  }
  const courtyard = !!first && /号院$/u.test(masked.slice(first.index, first.end));
  return { location: loc, names, masked, hasBuilding, onlyRange: !hasBuilding && sawRange, rangeFirst: hasBuilding ? null : rangeFirst, courtyard };
}

export function isEmptyLocation(l: Location | null): boolean {
  return !l || (!l.compound && !l.building && !l.unit && !l.room);
}

/** The grids a person works in: a volunteer's 责任区, the grids a grid worker serves. */
export function ownGrids(roster: Roster, person: Person | undefined): Grid[] {
  if (!person) return [];
  const out: Grid[] = [];
  if (person.grid) { const g = roster.grid(person.grid); if (g) out.push(g); }
  if (person.role === 'grid_worker') for (const g of roster.gridsOfWorker(person.userid)) if (!out.includes(g)) out.push(g);
  return out;
}

function compoundHas(c: Compound, b: string): boolean {
  return c.buildings.length === 0 || c.buildings.includes(b);
}
function areaHas(g: Grid, compound: string, b: string | null): boolean {
  return g.areas.some((a) => a.compound === compound && (b === null || a.buildings.length === 0 || a.buildings.includes(b)));
}

/** The compound a bare phase names (一期7栋), among those of the sender's community or the chat's, when exactly one fits. */
function compoundByPhase(masked: string, communities: (Community | undefined)[]): string | null {
  const m = PHASE_RE.exec(masked);
  if (!m) return null;
  const n = zhToInt(m[1]);
  const named = (c: Compound) => { const x = /([一二三四五六1-6])期$/u.exec(c.name); return !!x && zhToInt(x[1]) === n; };
  for (const c of communities) {
    const fits = c?.compounds.filter(named) ?? [];
    if (fits.length === 1) return fits[0].name;
  }
  return null;
}

/** Compounds whose "buildings" are shops, lanes or houses, by their names (a shopping street, a market, a village). */
const NOT_TOWERS = /(?:街|巷|(?<!新)村|集|市场|底商|商铺|门面)$/u;

/** 7号院 with no compound named: the one compound of the sender's community that is a 胡同 or a 院 and has it. */
function courtyardCompound(building: string, community: Community | undefined): string | null {
  const fits = community?.compounds.filter((m) => /胡同|院$/u.test(m.name) && m.buildings.includes(building)) ?? [];
  return fits.length === 1 ? fits[0].name : null;
}

/**
 * Fill the compound when none is named: a phase said (一期7栋) or a courtyard (7号院) first, then for a bare building
 * the sender's own grid, then their community, then the chat's community, each only when exactly one compound fits.
 */
export function inferCompound(roster: Roster, loc: Location, person: Person | undefined, chatCommunity: Community | undefined, scan?: Pick<PlaceScan, 'masked' | 'courtyard'>): void {
  if (loc.compound) return;
  const pc = person ? roster.communityOfPerson(person.userid) : undefined;
  if (scan) loc.compound = compoundByPhase(scan.masked, [pc, chatCommunity]) ?? (loc.building && scan.courtyard ? courtyardCompound(loc.building, pc) : null);
  if (loc.compound || !loc.building) return;
  const b = loc.building;
  const grids = ownGrids(roster, person);
  const inGrid = new Set<string>();
  for (const g of grids) for (const a of g.areas) if (a.buildings.length === 0 ? compoundHas(roster.compound(a.compound)!, b) : a.buildings.includes(b)) inGrid.add(a.compound);
  // 27栋1单元: a tower, not the shop of that number on the shopping street (天街, 底商) or a house in the village
  const tower = !!scan && new RegExp(`(?<![0-9])${b}\\s*(?:栋|幢|号楼|座|单元)`, 'u').test(scan.masked);
  const homes = (ms: Compound[]) => (tower ? ms.filter((m) => !NOT_TOWERS.test(m.name)) : ms);
  if (inGrid.size === 1 && homes([roster.compound([...inGrid][0])!]).length) { loc.compound = [...inGrid][0]; return; }
  const tryCommunity = (c: Community | undefined): boolean => {
    if (!c) return false;
    const all = c.compounds.filter((m) => m.buildings.includes(b));
    const towers = homes(all);
    const fits = towers.length ? towers : all;
    if (fits.length === 1) { loc.compound = fits[0].name; return true; }
    if (fits.length > 1 && inGrid.size > 1) {
      const f = fits.filter((m) => inGrid.has(m.name));
      if (f.length === 1) { loc.compound = f[0].name; return true; }
    }
    // 8号楼 from a volunteer whose grid holds 13-26 of one of the two compounds that have an 8: the compound they
    // walk every day, whoever's grid building 8 is in
    if (fits.length > 1 && inGrid.size === 0) {
      const f = fits.filter((m) => grids.some((g) => g.areas.some((a) => a.compound === m.name)));
      if (f.length === 1) { loc.compound = f[0].name; return true; }
    }
    return false;
  };
  if (tryCommunity(pc)) return;
  if (chatCommunity !== pc) tryCommunity(chatCommunity);
}

/** Grid that owns the location; with no building, the sender's own grid (CONTRACT §2). */
export function resolveGrid(roster: Roster, loc: Location | null, person: Person | undefined): Grid | undefined {
  const own = ownGrids(roster, person);
  if (loc?.compound) {
    if (loc.building) {
      const g = roster.gridFor(loc.compound, loc.building);
      if (g) return g;
      // a building the roster does not list (二十一号楼 of a 1-16 compound): the compound's grid when it has only
      // one, else the sender's own grid when it covers the compound
      const covering = roster.grids.filter((x) => areaHas(x, loc.compound!, null));
      if (covering.length === 1) return covering[0];
      const mine = own.find((x) => covering.includes(x));
      if (mine) return mine;
    } else {
      const mine = own.find((g) => areaHas(g, loc.compound!, null));
      if (mine) return mine;
      const g = roster.gridFor(loc.compound, null);
      if (g) return g;
    }
  }
  return own[0];
}

/** A grid named in a query: its roster name, its id, or 第一网格 / 一网格 matched against roster grid names. */
export function findGridMention(text: string, idx: RosterIndex, hint: Community | undefined): Grid | undefined {
  for (const g of idx.roster.grids) if (text.includes(g.name)) return g;
  for (const g of idx.roster.grids) if (/[a-z]/.test(g.id) && g.id.length > 2 && text.toLowerCase().includes(g.id.toLowerCase())) return g;
  const m = /第?([0-9零〇一二两三四五六七八九十]+)\s*(?:号)?网格/u.exec(text);
  if (!m) return undefined;
  const n = zhToInt(m[1]);
  const cands = idx.roster.grids.filter((g) => idx.gridOrdinal.get(g) === n);
  if (cands.length === 1) return cands[0];
  const inHint = cands.filter((g) => g.community === hint?.id);
  if (inHint.length === 1) return inHint[0];
  // the community named right before (富饶一网格)
  const before = text.slice(0, m.index);
  const named = cands.filter((g) => { const c = idx.roster.community(g.community); return !!c && (before.includes(c.name) || before.includes(c.name.replace(/社区$/, ''))); });
  return named.length === 1 ? named[0] : undefined;
}
