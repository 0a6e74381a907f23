// What every job shares: its dependencies, its result, and the one transaction that claims a run and queues its posts.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Community, Roster } from '../roster/types.js';
import type { Db } from '../store/db.js';
import { enqueue } from '../store/outbox.js';
import { toShanghaiIso } from '../time.js';
import { claimRun, hasRun, type JobName } from '../store/job-runs.js';
import { groupRows, type GroupPost } from './outbound.js';

export type { JobName } from '../store/job-runs.js';

export type WeeklyChart = (db: Db, roster: Roster, communityId: string, mondayDate: string) => Promise<Buffer>;

export interface JobDeps {
  db: Db;
  roster: () => Roster;
  config: Config;
  log: Logger;
  /** Draws last week's chart; absent or failing, the text report goes out alone. */
  weeklyChart?: WeeklyChart;
}

export interface ScopeResult {
  community: string;
  /** sent: claimed and queued; already: an earlier run of this period; empty: claimed, nothing worth saying;
   *  no_channel: no group robot key for the community's chats (not claimed, so it goes out once one is configured). */
  status: 'sent' | 'already' | 'empty' | 'no_channel';
  messages: number;
  /** Outbox dedupe keys of what this run queued. */
  keys: string[];
}

export interface JobResult {
  job: JobName;
  at: string;
  period: string | null;
  /** Why nothing ran at all (quiet hours, not yet due). */
  skipped?: string;
  scopes: ScopeResult[];
  /** Messages queued by this run. */
  queued: number;
}

/** Chats of a community the group robot can post into. */
export const postableChats = (config: Config, c: Community): string[] => c.chats.filter((chat) => config.webhookKeys[chat]);

/** A community whose groups have no robot key: nothing claimed, so the run goes out once a key is configured. */
export const noChannel = (community: string): ScopeResult => ({ community, status: 'no_channel', messages: 0, keys: [] });

/**
 * Claims (job, community, period) and queues its posts in one immediate transaction: either both happen or neither,
 * and whoever comes second finds the claim and queues nothing. `build` runs inside, so its figures are read under the
 * same write lock; it returns null when there is nothing worth posting (the run is still claimed).
 */
export function commitRun(deps: JobDeps, job: JobName, community: string, period: string, now: Date, build: () => GroupPost[] | null): ScopeResult {
  const at = toShanghaiIso(now);
  return deps.db.transaction((): ScopeResult => {
    if (hasRun(deps.db, job, community, period)) return { community, status: 'already', messages: 0, keys: [] };
    const posts = build();
    const rows = posts?.length ? groupRows(posts, `${job}:${community}:${period}`) : [];
    claimRun(deps.db, job, community, period, at, rows.length ? `queued ${rows.length}` : 'nothing to post');
    const keys: string[] = [];
    for (const r of rows) if (enqueue(deps.db, r, at)) keys.push(r.dedupeKey!);
    return { community, status: rows.length ? 'sent' : 'empty', messages: keys.length, keys };
  }).immediate();
}

export function result(job: JobName, now: Date, period: string | null, scopes: ScopeResult[], skipped?: string): JobResult {
  return { job, at: toShanghaiIso(now), period, ...(skipped ? { skipped } : {}), scopes, queued: scopes.reduce((n, s) => n + s.messages, 0) };
}

/** Volunteers among the most active, by name, for the thank-you line. */
export function volunteerNames(roster: Roster, top: { userid: string; n: number }[], max: number): string[] {
  return top.filter((t) => roster.person(t.userid)?.role === 'volunteer').slice(0, max).map((t) => roster.person(t.userid)!.name);
}
