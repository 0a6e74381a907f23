// Roster loading: YAML → validated, indexed Roster. Every fault is collected with its line before throwing.
import { readFileSync } from 'node:fs';
import { parseDocument, LineCounter, isMap, isSeq, isScalar, isPair } from 'yaml';
import type { Community, Compound, Grid, GridArea, Person, Role, Roster, RosterFault } from './types.js';
import { RosterError } from './errors.js';
import { expandBuildings } from './buildings.js';

const ROLES: Role[] = ['volunteer', 'grid_worker', 'secretary', 'admin'];
const ID_RE = /^[a-z0-9_-]+$/;

type YNode = { range?: [number, number, number] | null } & object;

export function loadRoster(file: string): Roster {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new RosterError(file, [{ line: 0, message: `cannot read roster: ${(e as Error).message}` }]);
  }
  return parseRoster(text, file);
}

export function parseRoster(text: string, file = '<roster>'): Roster {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const faults: RosterFault[] = [];
  const lineOf = (n: unknown): number => {
    const r = (n as YNode | null)?.range;
    return r ? lc.linePos(r[0]).line : 0;
  };
  const fault = (n: unknown, message: string, line?: number) => faults.push({ line: line ?? lineOf(n), message });

  for (const e of doc.errors) {
    const line = e.linePos?.[0]?.line ?? lc.linePos(e.pos[0]).line;
    faults.push({ line, message: `YAML syntax error: ${e.message.split('\n')[0]}` });
  }
  if (faults.length) throw new RosterError(file, faults);

  const root = doc.contents;
  if (!isMap(root)) throw new RosterError(file, [{ line: lineOf(root) || 1, message: 'roster must be a mapping with street, communities, grids, people' }]);

  // --- small accessors over YAML nodes ---
  const get = (map: unknown, key: string): { node: unknown; line: number; present: boolean } => {
    if (!isMap(map)) return { node: undefined, line: lineOf(map), present: false };
    for (const it of map.items) {
      if (isPair(it) && isScalar(it.key) && String(it.key.value) === key) {
        return { node: it.value, line: lineOf(it.value) || lineOf(it.key), present: true };
      }
    }
    return { node: undefined, line: lineOf(map), present: false };
  };
  const scalarStr = (n: unknown): string | null => {
    if (!isScalar(n)) return null;
    const v = n.value;
    if (v === null || v === undefined) return null;
    if (typeof v === 'string' || typeof v === 'number') return String(v).trim();
    return null;
  };
  /** Required non-empty string field. */
  const reqStr = (map: unknown, key: string, what: string): string | null => {
    const f = get(map, key);
    const s = scalarStr(f.node);
    if (!f.present || s === null || s === '') {
      fault(null, `${what}: missing or empty "${key}"`, f.line);
      return null;
    }
    return s;
  };
  const optStr = (map: unknown, key: string): string | null => scalarStr(get(map, key).node) || null;
  const strList = (map: unknown, key: string, what: string): { value: string; line: number }[] => {
    const f = get(map, key);
    if (!f.present || f.node === null || (isScalar(f.node) && (f.node.value === null || f.node.value === ''))) return [];
    if (isSeq(f.node)) {
      const out: { value: string; line: number }[] = [];
      for (const it of f.node.items) {
        const s = scalarStr(it);
        if (s === null || s === '') fault(it, `${what}: empty entry in "${key}"`, lineOf(it) || f.line);
        else out.push({ value: s, line: lineOf(it) || f.line });
      }
      return out;
    }
    const s = scalarStr(f.node);
    if (s !== null && s !== '') return s.split(/[,，、\s]+/).filter(Boolean).map((v) => ({ value: v, line: f.line }));
    fault(f.node, `${what}: "${key}" must be a list`, f.line);
    return [];
  };
  const seqOf = (key: string, required: boolean): unknown[] => {
    const f = get(root, key);
    if (!f.present || f.node === null || (isScalar(f.node) && f.node.value === null)) {
      if (required) fault(null, `missing or empty "${key}"`, f.line);
      return [];
    }
    if (!isSeq(f.node)) { fault(f.node, `"${key}" must be a list`, f.line); return []; }
    if (required && f.node.items.length === 0) fault(f.node, `"${key}" is empty`, f.line);
    return f.node.items;
  };
  const buildingsOf = (map: unknown, what: string): { list: string[]; line: number; given: boolean; ok: boolean } => {
    const f = get(map, 'buildings');
    if (!f.present || f.node === null || (isScalar(f.node) && (f.node.value === null || f.node.value === ''))) {
      return { list: [], line: f.line, given: false, ok: true };
    }
    let spec: unknown;
    if (isSeq(f.node)) spec = f.node.items.map((i) => (isScalar(i) ? i.value : null));
    else if (isScalar(f.node)) spec = f.node.value;
    else spec = {};
    try {
      const list = expandBuildings(spec);
      if (list.length === 0) { fault(f.node, `${what}: empty buildings`, f.line); return { list, line: f.line, given: true, ok: false }; }
      return { list, line: f.line, given: true, ok: true };
    } catch (e) {
      fault(f.node, `${what}: ${(e as Error).message}`, f.line);
      return { list: [], line: f.line, given: true, ok: false };
    }
  };

  const street = reqStr(root, 'street', 'roster') ?? '';

  // --- people first (others refer to them) ---
  const people: Person[] = [];
  const personLine = new Map<string, number>();
  for (const pn of seqOf('people', true)) {
    if (!isMap(pn)) { fault(pn, 'person must be a mapping'); continue; }
    const line = lineOf(pn);
    const userid = reqStr(pn, 'userid', 'person');
    const name = reqStr(pn, 'name', `person ${userid ?? '?'}`);
    const roleRaw = reqStr(pn, 'role', `person ${userid ?? '?'}`);
    let role: Role | null = null;
    if (roleRaw !== null) {
      if ((ROLES as string[]).includes(roleRaw)) role = roleRaw as Role;
      else fault(null, `person ${userid ?? '?'}: unknown role "${roleRaw}" (one of ${ROLES.join(', ')})`, get(pn, 'role').line);
    }
    if (userid === null || name === null || role === null) continue;
    if (personLine.has(userid)) { fault(null, `userid "${userid}" appears twice (first on line ${personLine.get(userid)})`, get(pn, 'userid').line || line); continue; }
    personLine.set(userid, get(pn, 'userid').line || line);
    const p: Person = { userid, name, role };
    const g = optStr(pn, 'grid'); if (g) p.grid = g;
    const c = optStr(pn, 'community'); if (c) p.community = c;
    people.push(p);
    (p as Person & { __line?: number }).__line = line;
  }
  const personById = new Map(people.map((p) => [p.userid, p]));

  // --- communities ---
  const communities: Community[] = [];
  const communityLine = new Map<string, number>();
  const compoundOwner = new Map<string, { community: string; line: number; compound: string }>(); // name/alias → owner
  const chatOwner = new Map<string, { community: string; line: number }>();
  const compoundByName = new Map<string, Compound>();
  for (const cn of seqOf('communities', true)) {
    if (!isMap(cn)) { fault(cn, 'community must be a mapping'); continue; }
    const id = reqStr(cn, 'id', 'community');
    const name = reqStr(cn, 'name', `community ${id ?? '?'}`);
    if (id !== null && !ID_RE.test(id)) fault(null, `community id "${id}" must match [a-z0-9_-]`, get(cn, 'id').line);
    if (id !== null && communityLine.has(id)) fault(null, `community id "${id}" appears twice (first on line ${communityLine.get(id)})`, get(cn, 'id').line);
    const cid = id ?? `?${communities.length}`;
    if (id !== null && !communityLine.has(id)) communityLine.set(id, get(cn, 'id').line);
    const chats = strList(cn, 'chats', `community ${cid}`);
    for (const ch of chats) {
      const prev = chatOwner.get(ch.value);
      if (prev && prev.community !== cid) fault(null, `chat "${ch.value}" belongs to two communities: ${prev.community} (line ${prev.line}) and ${cid}`, ch.line);
      else if (prev) fault(null, `chat "${ch.value}" listed twice in community ${cid}`, ch.line);
      else chatOwner.set(ch.value, { community: cid, line: ch.line });
    }
    const secretaries = strList(cn, 'secretaries', `community ${cid}`);
    for (const s of secretaries) {
      const p = personById.get(s.value);
      if (!p) fault(null, `community ${cid}: secretary "${s.value}" is not in people`, s.line);
      else if (p.role !== 'secretary' && p.role !== 'admin') fault(null, `community ${cid}: "${s.value}" is listed as secretary but has role ${p.role}`, s.line);
    }
    const compounds: Compound[] = [];
    const cf = get(cn, 'compounds');
    const compoundNodes = isSeq(cf.node) ? cf.node.items : [];
    if (cf.present && cf.node !== null && !isSeq(cf.node)) fault(cf.node, `community ${cid}: "compounds" must be a list`, cf.line);
    for (const mn of compoundNodes) {
      if (!isMap(mn)) { fault(mn, `community ${cid}: compound must be a mapping`); continue; }
      const cname = reqStr(mn, 'name', `community ${cid}: compound`);
      const aliases = strList(mn, 'aliases', `compound ${cname ?? '?'}`);
      const b = buildingsOf(mn, `compound ${cname ?? '?'}`);
      if (cname === null) continue;
      const claims = [{ value: cname, line: get(mn, 'name').line }, ...aliases];
      const ownNames = new Set<string>();
      for (const cl of claims) {
        if (ownNames.has(cl.value)) continue;
        ownNames.add(cl.value);
        const prev = compoundOwner.get(cl.value);
        if (prev) fault(null, `compound name or alias "${cl.value}" is claimed twice: by ${prev.compound} (line ${prev.line}) and ${cname}`, cl.line);
        else compoundOwner.set(cl.value, { community: cid, line: cl.line, compound: cname });
      }
      const comp: Compound = { name: cname, aliases: aliases.map((a) => a.value).filter((a) => a !== cname), buildings: b.list, community: cid };
      if (!compoundByName.has(cname)) compoundByName.set(cname, comp);
      compounds.push(comp);
    }
    if (id !== null && name !== null) {
      communities.push({ id, name, chats: chats.map((c) => c.value), secretaries: secretaries.map((s) => s.value), compounds });
    }
  }
  const communityById = new Map(communities.map((c) => [c.id, c]));

  // --- grids ---
  const grids: Grid[] = [];
  const gridLine = new Map<string, number>();
  const claimed = new Map<string, { grid: string; line: number }>(); // compound\0building → grid
  const wholeClaim = new Map<string, { grid: string; line: number }>(); // compound → grid claiming all of it
  const partClaim = new Map<string, { grid: string; line: number }>(); // compound → first grid claiming part
  for (const gn of seqOf('grids', true)) {
    if (!isMap(gn)) { fault(gn, 'grid must be a mapping'); continue; }
    const id = reqStr(gn, 'id', 'grid');
    const gid = id ?? '?';
    const name = reqStr(gn, 'name', `grid ${gid}`);
    const community = reqStr(gn, 'community', `grid ${gid}`);
    const worker = reqStr(gn, 'worker', `grid ${gid}`);
    let dup = false;
    if (id !== null && gridLine.has(id)) { dup = true; fault(null, `grid id "${id}" appears twice (first on line ${gridLine.get(id)})`, get(gn, 'id').line); }
    else if (id !== null) gridLine.set(id, get(gn, 'id').line);
    const comm = community !== null ? communityById.get(community) : undefined;
    if (community !== null && !comm && !communityLine.has(community)) fault(null, `grid ${gid}: unknown community "${community}"`, get(gn, 'community').line);
    if (worker !== null) {
      const p = personById.get(worker);
      if (!p) fault(null, `grid ${gid}: worker "${worker}" is not in people`, get(gn, 'worker').line);
      else if (p.role !== 'grid_worker') fault(null, `grid ${gid}: worker "${worker}" has role ${p.role}, not grid_worker`, get(gn, 'worker').line);
    }
    const areas: GridArea[] = [];
    const af = get(gn, 'areas');
    if (!af.present || af.node === null) fault(null, `grid ${gid}: missing or empty "areas"`, af.line);
    else if (!isSeq(af.node)) fault(af.node, `grid ${gid}: "areas" must be a list`, af.line);
    else {
      if (af.node.items.length === 0) fault(af.node, `grid ${gid}: "areas" is empty`, af.line);
      for (const an of af.node.items) {
        if (!isMap(an)) { fault(an, `grid ${gid}: area must be a mapping`); continue; }
        const cname = reqStr(an, 'compound', `grid ${gid}: area`);
        const b = buildingsOf(an, `grid ${gid}: area ${cname ?? '?'}`);
        if (cname === null) continue;
        const owner = compoundOwner.get(cname);
        const comp = owner ? compoundByName.get(owner.compound) : undefined;
        const cline = get(an, 'compound').line;
        if (!comp) { fault(null, `grid ${gid}: unknown compound "${cname}"`, cline); continue; }
        if (comm && comp.community !== comm.id) { fault(null, `grid ${gid}: compound "${cname}" belongs to community ${comp.community}, not ${comm.id}`, cline); continue; }
        if (!b.ok) continue;
        if (b.given && comp.buildings.length) {
          const known = new Set(comp.buildings);
          const missing = b.list.filter((x) => !known.has(x));
          if (missing.length) fault(null, `grid ${gid}: building${missing.length > 1 ? 's' : ''} ${missing.join(', ')} not in compound ${comp.name} (${comp.buildings[0]}..${comp.buildings[comp.buildings.length - 1]})`, b.line);
        }
        const line = b.given ? b.line : cline;
        if (!dup && id !== null) {
          if (!b.given) {
            const w = wholeClaim.get(comp.name), p = partClaim.get(comp.name);
            if (w && w.grid !== id) fault(null, `grids ${w.grid} (line ${w.line}) and ${id} both claim the whole of ${comp.name}`, line);
            else if (p && p.grid !== id) fault(null, `grid ${id} claims the whole of ${comp.name}, but grid ${p.grid} (line ${p.line}) claims part of it`, line);
            else wholeClaim.set(comp.name, { grid: id, line });
          } else {
            const w = wholeClaim.get(comp.name);
            if (w && w.grid !== id) fault(null, `grid ${id} claims buildings of ${comp.name}, but grid ${w.grid} (line ${w.line}) claims the whole compound`, line);
            if (!partClaim.has(comp.name)) partClaim.set(comp.name, { grid: id, line });
            const twice: string[] = [];
            let other: { grid: string; line: number } | null = null;
            for (const x of b.list) {
              const k = comp.name + '\0' + x;
              const prev = claimed.get(k);
              if (prev && prev.grid !== id) { twice.push(x); other ??= prev; }
              else if (!prev) claimed.set(k, { grid: id, line });
            }
            if (twice.length && other) fault(null, `building${twice.length > 1 ? 's' : ''} ${twice.join(', ')} of ${comp.name} claimed by two grids: ${other.grid} (line ${other.line}) and ${id}`, line);
          }
        }
        areas.push({ compound: comp.name, buildings: b.given ? b.list : [] });
      }
    }
    if (id !== null && name !== null && community !== null && worker !== null && !dup) {
      grids.push({ id, name, community, worker, areas });
    }
  }
  const gridById = new Map(grids.map((g) => [g.id, g]));

  // --- people's references ---
  for (const p of people) {
    const line = (p as Person & { __line?: number }).__line ?? 0;
    delete (p as Person & { __line?: number }).__line;
    if (p.grid !== undefined && !gridById.has(p.grid) && !gridLine.has(p.grid)) fault(null, `person ${p.userid}: unknown grid "${p.grid}"`, line);
    if (p.community !== undefined && !communityById.has(p.community) && !communityLine.has(p.community)) fault(null, `person ${p.userid}: unknown community "${p.community}"`, line);
  }

  if (faults.length) {
    faults.sort((a, b) => a.line - b.line);
    throw new RosterError(file, faults);
  }
  return buildRoster(street, communities, grids, people);
}

/** Index a validated roster. */
export function buildRoster(street: string, communities: Community[], grids: Grid[], people: Person[]): Roster {
  const personById = new Map(people.map((p) => [p.userid, p]));
  const communityById = new Map(communities.map((c) => [c.id, c]));
  const communityByChat = new Map<string, Community>();
  const compoundByKey = new Map<string, Compound>();
  for (const c of communities) {
    for (const ch of c.chats) communityByChat.set(ch, c);
    for (const m of c.compounds) {
      compoundByKey.set(m.name, m);
      for (const a of m.aliases) if (!compoundByKey.has(a)) compoundByKey.set(a, m);
    }
  }
  const gridById = new Map(grids.map((g) => [g.id, g]));
  const byBuilding = new Map<string, Grid>();
  const byWhole = new Map<string, Grid>();
  const gridsOfCompound = new Map<string, Grid[]>();
  const gridsOfWorker = new Map<string, Grid[]>();
  for (const g of grids) {
    for (const a of g.areas) {
      if (a.buildings.length === 0) byWhole.set(a.compound, g);
      else for (const b of a.buildings) byBuilding.set(a.compound + '\0' + b, g);
      const l = gridsOfCompound.get(a.compound) ?? [];
      if (!l.includes(g)) l.push(g);
      gridsOfCompound.set(a.compound, l);
    }
    const w = gridsOfWorker.get(g.worker) ?? [];
    w.push(g);
    gridsOfWorker.set(g.worker, w);
  }
  const communityOfPerson = new Map<string, Community>();
  for (const p of people) {
    let c: Community | undefined;
    if (p.role === 'volunteer' && p.grid) c = communityById.get(gridById.get(p.grid)?.community ?? '');
    else if (p.role === 'grid_worker') c = communityById.get(gridsOfWorker.get(p.userid)?.[0]?.community ?? '');
    else if (p.role === 'secretary') {
      c = p.community ? communityById.get(p.community) : communities.find((x) => x.secretaries.includes(p.userid));
    }
    if (!c && p.community) c = communityById.get(p.community);
    if (!c && p.grid) c = communityById.get(gridById.get(p.grid)?.community ?? '');
    if (c) communityOfPerson.set(p.userid, c);
  }
  const EMPTY: Grid[] = [];
  return {
    street, communities, grids, people,
    person: (u) => personById.get(u),
    community: (id) => communityById.get(id),
    communityOfChat: (chat) => communityByChat.get(chat),
    grid: (id) => gridById.get(id),
    compound: (n) => compoundByKey.get(n),
    gridFor(compound, building) {
      const m = compoundByKey.get(compound);
      const name = m ? m.name : compound;
      if (building !== null && building !== undefined && building !== '') {
        return byBuilding.get(name + '\0' + building) ?? byWhole.get(name);
      }
      const w = byWhole.get(name);
      if (w) return w;
      const l = gridsOfCompound.get(name);
      return l && l.length === 1 ? l[0] : undefined;
    },
    gridsOfWorker: (u) => gridsOfWorker.get(u) ?? EMPTY,
    communityOfPerson: (u) => communityOfPerson.get(u),
  };
}
