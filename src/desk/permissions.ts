// Who may see which figures. The answer goes to whoever can read the chat it is asked in, so the rules look at both the
// person (secretary: their community; grid worker: their grids; volunteer: themself; admin: all) and the chat (a
// community's group never shows another community's data, whoever asks).
import type { Community, Compound, Grid, Person, Roster } from '../roster/types.js';
import type { Scope } from '../store/stats.js';
import { zhDesk } from './replies.zh.js';

/** What the message asked to see, as the understanding read it, plus where it was asked. */
export interface Requested {
  /** The community whose group the message came from; null in a one-to-one chat. */
  chatCommunity?: string | null;
  /** Named in the text: an id or a name. */
  community?: string | null;
  grid?: string | null;
  compound?: string | null;
}

export type Visible =
  | {
    ok: true;
    scope: Scope;
    /** How the reply names what it covers: 富饶社区 · 富饶第一网格 · 青一小区, 全街道, 陈建国本人. */
    label: string;
    /** Only the asker's own work (a volunteer). */
    ownOnly: boolean;
    community: Community | null;
    grids: Grid[];
  }
  | { ok: false; reason: string };

function findCommunity(roster: Roster, s: string): Community | undefined {
  return roster.community(s) ?? roster.communities.find((c) => c.name === s || c.name.replace(/社区$/, '') === s.replace(/社区$/, ''));
}

/** A grid by id or by name; a short name (第一网格) is looked up in the community the conversation is about first. */
function findGrid(roster: Roster, s: string, within: Community | undefined): Grid | undefined {
  const byId = roster.grid(s);
  if (byId) return byId;
  const exact = roster.grids.filter((g) => g.name === s);
  const pool = exact.length ? exact : roster.grids.filter((g) => g.name.endsWith(s));
  const local = within ? pool.filter((g) => g.community === within.id) : pool;
  if (local.length === 1) return local[0];
  return pool.length === 1 ? pool[0] : undefined;
}

export function gridShortName(roster: Roster, g: Grid): string {
  const c = roster.community(g.community);
  const prefix = c?.name.replace(/社区$/, '') ?? '';
  const short = prefix && g.name.startsWith(prefix) ? g.name.slice(prefix.length) : g.name;
  return short || g.name;
}

export function visibleScope(roster: Roster, person: Person, requested: Requested): Visible {
  const chatCommunity = requested.chatCommunity ? roster.community(requested.chatCommunity) : undefined;
  const home = person.role === 'admin' ? undefined : roster.communityOfPerson(person.userid);

  let named: Community | undefined;
  if (requested.community) {
    named = findCommunity(roster, requested.community);
    if (!named) return { ok: false, reason: zhDesk.unknownCommunity(requested.community) };
  }
  const context = named ?? chatCommunity ?? home;
  let grid: Grid | undefined;
  if (requested.grid) {
    grid = findGrid(roster, requested.grid, context);
    if (!grid) return { ok: false, reason: zhDesk.unknownGrid(requested.grid) };
  }
  let compound: Compound | undefined;
  if (requested.compound) {
    compound = roster.compound(requested.compound);
    if (!compound) return { ok: false, reason: zhDesk.unknownCompound(requested.compound) };
  }

  // The community the answer is about: what was named, else what the grid or compound belongs to, else the chat's.
  const targetId = named?.id ?? grid?.community ?? compound?.community ?? chatCommunity?.id ?? home?.id ?? null;
  const target = targetId ? roster.community(targetId) ?? null : null;
  for (const [what, c] of [[grid?.name, grid?.community], [compound?.name, compound?.community]] as const) {
    if (what && target && c !== target.id) return { ok: false, reason: zhDesk.notInCommunity(what, target.name) };
  }
  // A group is read by everyone in it: another community's figures never go there, not even an admin's.
  if (chatCommunity && target && target.id !== chatCommunity.id) return { ok: false, reason: zhDesk.otherCommunityInGroup(chatCommunity.name) };

  const place = (c: Community | null, gs: Grid[]) =>
    [c?.name ?? roster.street, ...gs.map((g) => gridShortName(roster, g)), ...(compound ? [compound.name] : [])].join(' · ');

  switch (person.role) {
    case 'admin': {
      const grids = grid ? [grid] : [];
      return { ok: true, scope: { community: target?.id ?? null, grid: grid?.id ?? null, compound: compound?.name ?? null }, label: place(target, grids), ownOnly: false, community: target, grids };
    }
    case 'secretary': {
      if (!home) return { ok: false, reason: zhDesk.noCommunityOfYours };
      if (!target || target.id !== home.id) return { ok: false, reason: zhDesk.onlyYourCommunity(home.name) };
      const grids = grid ? [grid] : [];
      return { ok: true, scope: { community: home.id, grid: grid?.id ?? null, compound: compound?.name ?? null }, label: place(home, grids), ownOnly: false, community: home, grids };
    }
    case 'grid_worker': {
      const own = roster.gridsOfWorker(person.userid);
      if (!own.length || !home) return { ok: false, reason: zhDesk.noGridOfYours };
      const ownNames = own.map((g) => g.name).join('、');
      if (!target || target.id !== home.id) return { ok: false, reason: zhDesk.onlyYourGrids(ownNames) };
      if (grid && !own.some((g) => g.id === grid!.id)) return { ok: false, reason: zhDesk.onlyYourGrids(ownNames) };
      const grids = grid ? [grid] : own;
      const scope: Scope = grids.length === 1 ? { community: home.id, grid: grids[0].id } : { community: home.id, grids: grids.map((g) => g.id) };
      if (compound) scope.compound = compound.name;
      return { ok: true, scope, label: place(home, grids), ownOnly: false, community: home, grids };
    }
    case 'volunteer': {
      // A volunteer sees their own reports and records, wherever they ask; the reply says so when they asked for more.
      return { ok: true, scope: { community: home?.id ?? null, person: person.userid }, label: zhDesk.yourself(person.name), ownOnly: true, community: home ?? null, grids: [] };
    }
  }
}
