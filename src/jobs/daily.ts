// The evening summary in each community's group: the day's new, resolved, open and overdue tickets, the day's work
// records, and a thank-you to the most active volunteers. Markdown, since it @-s nobody.
import { figures } from '../store/stats.js';
import { toShanghaiIso } from '../time.js';
import { dailyPeriod, dayBounds, inQuietHours } from './periods.js';
import { dailySummary } from './replies.zh.js';
import { commitRun, noChannel, postableChats, result, volunteerNames, type JobDeps, type JobResult, type ScopeResult } from './run.js';

/** Period = the Shanghai date. Due from the summary time until midnight; made up after a restart only in that window. */
export async function runDaily(deps: JobDeps, now: Date): Promise<JobResult> {
  const day = dailyPeriod(now, deps.config.schedule);
  if (!day) return result('daily', now, null, [], `not due before ${deps.config.schedule.daily}`);
  if (inQuietHours(now, deps.config.schedule)) return result('daily', now, day, [], 'quiet hours');
  const roster = deps.roster();
  const scopes: ScopeResult[] = [];
  for (const c of roster.communities) {
    const chats = postableChats(deps.config, c);
    if (!chats.length) { scopes.push(noChannel(c.id)); continue; }
    scopes.push(commitRun(deps, 'daily', c.id, day, now, () => {
      const f = figures(deps.db, { community: c.id }, { ...dayBounds(day), asOf: toShanghaiIso(now) });
      const w = f.work;
      if (!f.created && !f.resolved && !f.openNow && !w.self_handled && !w.patrol && !w.visit && !w.mediation) return null;
      const text = dailySummary(c.name, day, f, volunteerNames(roster, f.topVolunteers, 3));
      return chats.map((chat) => ({ kind: 'markdown' as const, chat, text }));
    }));
  }
  return result('daily', now, day, scopes);
}
