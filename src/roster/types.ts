// The roster as the rest of the bot sees it (CONTRACT §1). Built once from the YAML by `loadRoster`,
// then only read: every lookup the pipeline, the understanding and the jobs need lives here.

export type Role = 'volunteer' | 'grid_worker' | 'secretary' | 'admin';

export interface Person {
  userid: string;
  name: string;
  role: Role;
  /** 责任区: a volunteer's own grid. */
  grid?: string;
  /** A secretary's community. */
  community?: string;
}

export interface Compound {
  name: string;
  aliases: string[];
  /** Building labels with Arabic digits or letters, expanded from ranges: "1".."24", "A". */
  buildings: string[];
  community: string;
}

export interface GridArea {
  compound: string;
  /** Expanded building labels; empty means the whole compound. */
  buildings: string[];
}

export interface Grid {
  id: string;
  name: string;
  community: string;
  worker: string;
  areas: GridArea[];
}

export interface Community {
  id: string;
  name: string;
  chats: string[];
  secretaries: string[];
  compounds: Compound[];
}

export interface Roster {
  street: string;
  communities: Community[];
  grids: Grid[];
  people: Person[];

  person(userid: string): Person | undefined;
  community(id: string): Community | undefined;
  communityOfChat(chatid: string): Community | undefined;
  grid(id: string): Grid | undefined;
  /** Canonical compound by name or alias. */
  compound(nameOrAlias: string): Compound | undefined;
  /** The grid that owns a building of a compound; with no building, the compound's only grid (if it has exactly one). */
  gridFor(compound: string, building?: string | null): Grid | undefined;
  /** Grids a grid worker serves. */
  gridsOfWorker(userid: string): Grid[];
  /** The community a person belongs to: via their grid (volunteer), the grids they serve (grid worker), or their own field (secretary). Admins: undefined. */
  communityOfPerson(userid: string): Community | undefined;
}

/** One fault found while loading a roster, with the 1-based line of the YAML it concerns (0 when unknown). */
export interface RosterFault {
  line: number;
  message: string;
}
