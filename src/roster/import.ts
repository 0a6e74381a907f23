// From the sheet a community already keeps (姓名, 企业微信账号, 角色, 网格, 小区, 楼栋 …) to roster.yaml. Rows that
// cannot be used are skipped and named in the report with their row number, so whoever keeps the sheet can fix it;
// the result is checked with the same loader the bot uses before anyone writes it.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { Document, isMap, isSeq } from 'yaml';
import { zhToInt } from '../parse/numbers-zh.js';
import { expandBuildings } from './buildings.js';
import { RosterError } from './errors.js';
import { parseRoster } from './load.js';
import type { Role, Roster } from './types.js';

type Field = 'name' | 'userid' | 'role' | 'community' | 'grid' | 'compound' | 'buildings';

/** Headers as communities write them. Matched after removing spaces and a trailing (…) note. */
const HEADERS: Record<Field, string[]> = {
  name: ['姓名', '名字', '人员姓名', '成员姓名'],
  userid: ['企业微信账号', '企业微信帐号', '企业微信id', '企业微信userid', '企微账号', '账号', '帐号', '成员账号', 'userid'],
  role: ['角色', '身份', '职务', '岗位', '人员类别'],
  community: ['社区', '所属社区', '社区名称'],
  grid: ['网格', '所属网格', '责任网格', '责任区', '网格名称'],
  compound: ['小区', '小区名称', '所在小区', '负责小区', '院落'],
  buildings: ['楼栋', '楼号', '负责楼栋', '楼栋号', '楼栋范围'],
};

const ROLE_WORDS: [RegExp, Role][] = [
  [/^(志愿者|小巷管家|管家|楼长|单元长|巷长|居民志愿者)$/, 'volunteer'],
  [/^(网格员|专职网格员|兼职网格员|网格长)$/, 'grid_worker'],
  [/^(书记|社区书记|党委书记|党支部书记|副书记|主任|社区主任)$/, 'secretary'],
  [/^(管理员|街道管理员|街道|admin)$/i, 'admin'],
];

/** WeCom userids: letters, digits and _ - . @, up to 64 characters. */
const USERID_RE = /^[A-Za-z0-9_.@-]{1,64}$/;

export interface ImportProblem {
  /** 1-based row of the sheet; 0 for a problem of the whole result. */
  row: number;
  message: string;
}

export interface ImportResult {
  /** The roster as YAML; written only when `ok`. */
  yaml: string;
  ok: boolean;
  problems: ImportProblem[];
  /** Headers the import did not use (手机号, 备注 …). */
  unusedHeaders: string[];
  counts: { people: number; grids: number; communities: number };
}

// ---------- reading sheets ----------

/** UTF-8 (with or without BOM); Excel's "CSV" on a Chinese Windows is GB18030, so that is tried when UTF-8 fails. */
export function decodeCsv(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

/** RFC 4180: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** The first worksheet of an xlsx as text cells, by row (1-based rows kept in place, so row numbers match Excel). */
export async function readXlsx(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const rows: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, ws.columnCount); c++) cells.push(row.getCell(c).text ?? '');
    rows.push(cells);
  }
  return rows;
}

export async function readSheet(file: string): Promise<string[][]> {
  if (/\.xlsx$/i.test(file)) return readXlsx(file);
  if (/\.(csv|txt)$/i.test(file)) return parseCsv(decodeCsv(readFileSync(file)));
  throw new Error(`不认识的文件类型：${file}（请用 .csv 或 .xlsx）`);
}

// ---------- mapping ----------

const norm = (h: string) => h.replace(/\s+/g, '').replace(/[（(].*?[)）]$/, '').toLowerCase();

function mapHeaders(cells: string[]): { cols: Partial<Record<Field, number>>; unused: string[] } {
  const cols: Partial<Record<Field, number>> = {};
  const unused: string[] = [];
  cells.forEach((raw, i) => {
    const h = norm(raw);
    if (!h) return;
    const f = (Object.keys(HEADERS) as Field[]).find((k) => HEADERS[k].includes(h));
    if (f && cols[f] === undefined) cols[f] = i;
    else unused.push(raw.trim());
  });
  return { cols, unused };
}

function roleOf(s: string): Role | null {
  const t = s.replace(/\s+/g, '');
  if (['volunteer', 'grid_worker', 'secretary', 'admin'].includes(t)) return t as Role;
  for (const [re, role] of ROLE_WORDS) if (re.test(t)) return role;
  return null;
}

/** 全部, 整个小区, or empty: the whole compound. */
const WHOLE = /^(全部|全小区|整个小区|所有|全)?$/;

interface GridDraft { id: string; name: string; community: string; worker: string; workerRow: number; areas: { compound: string; buildings: string[] }[] }

export interface ImportOptions {
  /** The roster in force: keeps community ids, chats, compound aliases and grid ids stable across imports. */
  base?: Roster | null;
  street?: string;
  /** The community the whole sheet is about, when it has no 社区 column (id or name). */
  community?: string;
}

export function importRoster(table: string[][], opts: ImportOptions = {}): ImportResult {
  const problems: ImportProblem[] = [];
  const base = opts.base ?? null;
  const headerAt = table.findIndex((r, i) => i < 10 && Object.keys(mapHeaders(r).cols).length >= 2);
  if (headerAt < 0) {
    return { yaml: '', ok: false, problems: [{ row: 1, message: '前10行里没找到表头（至少要有「姓名」「企业微信账号」「角色」）' }], unusedHeaders: [], counts: { people: 0, grids: 0, communities: 0 } };
  }
  const { cols, unused } = mapHeaders(table[headerAt]);
  for (const need of ['name', 'userid', 'role'] as Field[]) {
    if (cols[need] === undefined) problems.push({ row: headerAt + 1, message: `缺少「${HEADERS[need][0]}」这一列` });
  }
  if (problems.length) return { yaml: '', ok: false, problems, unusedHeaders: unused, counts: { people: 0, grids: 0, communities: 0 } };
  const cell = (r: string[], f: Field) => (cols[f] === undefined ? '' : String(r[cols[f]!] ?? '').trim());

  // --- communities: by name from the sheet, ids from the roster in force, else c1, c2 … ---
  const communities = new Map<string, { id: string; name: string; chats: string[]; secretaries: string[]; compounds: Map<string, { aliases: string[]; buildings: Set<string>; whole: boolean; fromBase: boolean; spec?: string }> }>();
  const usedIds = new Set(base?.communities.map((c) => c.id) ?? []);
  let nextC = 1;
  const communityNamed = (name: string) => {
    const found = [...communities.values()].find((c) => c.name === name);
    if (found) return found;
    const b = base?.communities.find((c) => c.name === name || c.id === name);
    let id = b?.id;
    if (!id) { while (usedIds.has(`c${nextC}`)) nextC++; id = `c${nextC}`; usedIds.add(id); problems.push({ row: 0, message: `新社区「${name}」编号为 ${id}，可在 roster.yaml 里改成拼音，并填上工作群的 chats` }); }
    const c = { id, name: b?.name ?? name, chats: [...(b?.chats ?? [])], secretaries: [] as string[], compounds: new Map() };
    for (const m of b?.compounds ?? []) c.compounds.set(m.name, { aliases: [...m.aliases], buildings: new Set(m.buildings), whole: false, fromBase: true });
    communities.set(id, c);
    return c;
  };
  const onlyCommunity = () => {
    if (opts.community) return base?.community(opts.community)?.name ?? opts.community;
    const names = new Set(table.slice(headerAt + 1).map((r) => cell(r, 'community')).filter(Boolean));
    if (names.size === 1) return [...names][0];
    if (names.size) return null;
    // A title row above the header often says whose list it is: 富饶社区小巷管家名单.
    const title = table.slice(0, headerAt).flat().join(' ');
    const known = base?.communities.find((c) => title.includes(c.name));
    if (known) return known.name;
    const m = /([\u4e00-\u9fa5]{2,8}社区)/.exec(title);
    if (m) return m[1];
    if (base?.communities.length === 1) return base.communities[0].name;
    return null;
  };
  const defaultCommunity = onlyCommunity();

  // --- first pass: people and grid workers' areas ---
  interface PersonDraft { userid: string; name: string; role: Role; row: number; gridName?: string; community?: string; compound?: string; building?: string }
  const people: PersonDraft[] = [];
  const seen = new Map<string, number>();
  const grids = new Map<string, GridDraft>(); // key community\0gridName
  const gridKey = (cid: string, name: string) => `${cid}\0${name}`;

  for (let i = headerAt + 1; i < table.length; i++) {
    const r = table[i];
    const row = i + 1;
    if (r.every((c) => !String(c ?? '').trim())) continue;
    const name = cell(r, 'name'), userid = cell(r, 'userid'), roleRaw = cell(r, 'role');
    const who = name ? `（${name}）` : '';
    const bad = (message: string) => problems.push({ row, message: `第${row}行${who}：${message}，已跳过` });
    if (!name) { bad('没有姓名'); continue; }
    if (!userid) { bad('没有企业微信账号'); continue; }
    if (!USERID_RE.test(userid)) { bad(`企业微信账号「${userid}」只能有字母、数字和 _ - . @`); continue; }
    const role = roleOf(roleRaw);
    if (!role) { bad(roleRaw ? `不认识的角色「${roleRaw}」（志愿者、网格员、书记、管理员）` : '没有填角色'); continue; }
    const communityName = cell(r, 'community') || defaultCommunity || '';
    const gridName = cell(r, 'grid');
    const compound = cell(r, 'compound');
    const building = cell(r, 'buildings');
    const prev = seen.get(userid);
    if (prev !== undefined) {
      // A grid worker on two rows: a second area of their grid (or a second grid), not a duplicate person.
      const first = people.find((p) => p.userid === userid)!;
      if (!(role === 'grid_worker' && first.role === 'grid_worker' && gridName)) { bad(`企业微信账号「${userid}」和第${prev}行重复`); continue; }
    }
    if (role !== 'admin' && !communityName) { bad('没有填社区（表里有几个社区时每行都要填）'); continue; }
    if ((role === 'volunteer' || role === 'grid_worker') && !gridName) { bad(`${role === 'volunteer' ? '志愿者' : '网格员'}没有填网格`); continue; }
    let buildings: string[] = [];
    if (role === 'grid_worker') {
      if (!compound) { bad('网格员没有填负责的小区'); continue; }
      if (!WHOLE.test(building)) {
        try { buildings = expandBuildings(building); } catch (e) { bad(`楼栋「${building}」看不懂（${(e as Error).message}），请写成 1-12 或 1,3,5`); continue; }
      }
    }
    const c = role === 'admin' ? null : communityNamed(communityName);
    if (prev === undefined) {
      seen.set(userid, row);
      people.push({ userid, name, role, row, gridName: gridName || undefined, community: c?.id, compound: compound || undefined, building: building || undefined });
    }
    if (role === 'secretary' && c && !c.secretaries.includes(userid)) c.secretaries.push(userid);
    if (role === 'grid_worker' && c) {
      const k = gridKey(c.id, gridName);
      let g = grids.get(k);
      if (g && g.worker !== userid) { bad(`${gridName}已经由第${g.workerRow}行的网格员负责`); continue; }
      if (!g) {
        const b = base?.grids.find((x) => x.community === c.id && (x.name === gridName || x.name.endsWith(gridName)));
        g = { id: b?.id ?? '', name: b?.name ?? gridName, community: c.id, worker: userid, workerRow: row, areas: [] };
        grids.set(k, g);
      }
      g.areas.push({ compound, buildings });
      const m = c.compounds.get(compound) ?? [...c.compounds.entries()].find(([, v]) => v.aliases.includes(compound))?.[1];
      if (m) { if (!m.fromBase) { if (!buildings.length) m.whole = true; buildings.forEach((b) => m.buildings.add(b)); } }
      else c.compounds.set(compound, { aliases: [], buildings: new Set(buildings), whole: !buildings.length, fromBase: false });
    }
  }

  // --- grid ids: kept from the roster in force, else community-N from 第N网格 ---
  for (const g of grids.values()) {
    if (g.id) continue;
    const taken = new Set([...grids.values()].map((x) => x.id).concat(base?.grids.map((x) => x.id) ?? []));
    const m = /第?([一二三四五六七八九十百〇零两\d]+)网格/.exec(g.name);
    let n = m ? zhToInt(m[1]) : NaN;
    if (!Number.isFinite(n) || taken.has(`${g.community}-${n}`)) { n = 1; while (taken.has(`${g.community}-${n}`)) n++; }
    g.id = `${g.community}-${n}`;
  }

  // --- volunteers need a grid that has a worker ---
  const gridOf = (cid: string | undefined, name: string | undefined) => {
    if (!cid || !name) return undefined;
    return grids.get(gridKey(cid, name)) ?? [...grids.values()].find((g) => g.community === cid && (g.name === name || g.name.endsWith(name) || g.id === name));
  };
  const kept: PersonDraft[] = [];
  for (const p of people) {
    if (p.role === 'volunteer' && !gridOf(p.community, p.gridName)) {
      problems.push({ row: p.row, message: `第${p.row}行（${p.name}）：网格「${p.gridName}」表里没有网格员，已跳过` });
      continue;
    }
    kept.push(p);
  }

  // --- communities of the roster in force that the sheet does not cover stay as they are ---
  const sheetIds = new Set(kept.map((p) => p.userid));
  const keptBase = base?.communities.filter((c) => !communities.has(c.id)) ?? [];
  for (const c of keptBase) problems.push({ row: 0, message: `表里没有${c.name}，沿用原名册里的${c.name}` });
  const keptIds = new Set(keptBase.map((c) => c.id));
  const basePeople = (base?.people ?? []).filter((p) => !sheetIds.has(p.userid) &&
    (p.role === 'admin' ? true : keptIds.has(base!.communityOfPerson(p.userid)?.id ?? '')));

  // --- the YAML ---
  const street = opts.street ?? base?.street ?? '';
  if (!street) problems.push({ row: 0, message: '还不知道街道名：请用 --street 指定，或在 roster.yaml 里填 street' });
  const obj = {
    street: street || '（请填街道名）',
    communities: [
      ...[...communities.values()].map((c) => ({
        id: c.id, name: c.name, chats: c.chats, secretaries: c.secretaries,
        compounds: [...c.compounds.entries()].map(([name, m]) => ({
          name, ...(m.aliases.length ? { aliases: m.aliases } : {}), ...(m.whole || !m.buildings.size ? {} : { buildings: compactRange([...m.buildings]) }),
        })),
      })),
      ...keptBase.map((c) => ({
        id: c.id, name: c.name, chats: c.chats, secretaries: c.secretaries,
        compounds: c.compounds.map((m) => ({ name: m.name, ...(m.aliases.length ? { aliases: m.aliases } : {}), ...(m.buildings.length ? { buildings: compactRange(m.buildings) } : {}) })),
      })),
    ].sort((a, b) => (base ? base.communities.findIndex((c) => c.id === a.id) - base.communities.findIndex((c) => c.id === b.id) : 0)),
    grids: [
      ...[...grids.values()].map((g) => ({
        id: g.id, name: g.name, community: g.community, worker: g.worker,
        areas: g.areas.map((a) => ({ compound: a.compound, ...(a.buildings.length ? { buildings: compactRange(a.buildings) } : {}) })),
      })),
      ...(base?.grids ?? []).filter((g) => keptIds.has(g.community)).map((g) => ({
        id: g.id, name: g.name, community: g.community, worker: g.worker,
        areas: g.areas.map((a) => ({ compound: a.compound, ...(a.buildings.length ? { buildings: compactRange(a.buildings) } : {}) })),
      })),
    ],
    people: [
      ...kept.map((p) => {
        const grid = p.role === 'volunteer' ? gridOf(p.community, p.gridName)?.id : undefined;
        return { userid: p.userid, name: p.name, role: p.role, ...(grid ? { grid } : {}), ...(p.role === 'secretary' && p.community ? { community: p.community } : {}) };
      }),
      ...basePeople.map((p) => ({ userid: p.userid, name: p.name, role: p.role, ...(p.grid ? { grid: p.grid } : {}), ...(p.community ? { community: p.community } : {}) })),
    ],
  };
  const doc = new Document(obj);
  // One line per person and per area, as people write the file by hand.
  for (const key of ['people'] as const) {
    const seq = doc.get(key, true);
    if (isSeq(seq)) for (const it of seq.items) if (isMap(it)) it.flow = true;
  }
  const gseq = doc.get('grids', true);
  if (isSeq(gseq)) for (const g of gseq.items) if (isMap(g)) { const a = g.get('areas', true); if (isSeq(a)) for (const x of a.items) if (isMap(x)) x.flow = true; }
  for (const c of (doc.get('communities', true) as { items?: unknown[] } | undefined)?.items ?? []) {
    if (!isMap(c)) continue;
    for (const k of ['chats', 'secretaries']) { const s = c.get(k, true); if (isSeq(s)) s.flow = true; }
    const ms = c.get('compounds', true);
    if (isSeq(ms)) for (const m of ms.items) if (isMap(m)) { const a = m.get('aliases', true); if (isSeq(a)) a.flow = true; }
  }
  const yaml = `# 由 npm run roster -- import 从表格生成；可以手工修改，改完用 npm run roster -- check 检查。\n${doc.toString({ lineWidth: 0 })}`;

  let ok = Boolean(street);
  try {
    parseRoster(yaml, 'roster.yaml');
  } catch (e) {
    if (!(e instanceof RosterError)) throw e;
    ok = false;
    for (const f of e.faults) problems.push({ row: 0, message: `生成的名册有问题（roster.yaml 第${f.line}行）：${f.message}` });
  }
  // Row by row, as the sheet reads; remarks about the whole result last.
  problems.sort((a, b) => (a.row || Infinity) - (b.row || Infinity));
  return {
    yaml, ok, problems, unusedHeaders: unused,
    counts: { people: kept.length, grids: grids.size, communities: communities.size },
  };
}

/** ["1","2","3","5"] → "1-3,5": short enough to read and check against the sheet. */
function compactRange(list: string[]): string {
  const nums = list.every((b) => /^\d+$/.test(b));
  if (!nums) return list.join(',');
  const s = [...new Set(list.map(Number))].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < s.length;) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j] + 1) j++;
    parts.push(j > i ? `${s[i]}-${s[j]}` : String(s[i]));
    i = j + 1;
  }
  return parts.join(',');
}
