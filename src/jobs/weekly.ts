// The Monday report: last week (Monday to Sunday) by grid — new, resolved, 结案率, 按期结案率, median hours to
// resolve, reopened — in each community's group, with the weekly chart when one can be drawn.
import type { Roster } from '../roster/types.js';
import { figures, type Figures } from '../store/stats.js';
import { addDays, toShanghaiIso } from '../time.js';
import type { GroupPost } from './outbound.js';
import { dayBounds, inQuietHours, weeklyPeriod } from './periods.js';
import { UNGRIDDED, weeklyReport, type WeeklyGrid } from './replies.zh.js';
import { commitRun, noChannel, postableChats, result, volunteerNames, type JobDeps, type JobResult, type ScopeResult } from './run.js';
import { hasRun } from '../store/job-runs.js';

const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/** Only the week's own activity counts: tickets open now but reported later are no reason to report on that week. */
function quiet(f: Figures): boolean {
  const w = f.work;
  return !f.created && !f.resolved && !f.reopened && !w.self_handled && !w.patrol && !w.visit && !w.mediation;
}

function gridLines(roster: Roster, community: string, f: Figures): WeeklyGrid[] {
  const lines: WeeklyGrid[] = roster.grids.filter((g) => g.community === community).map((g) => ({
    name: g.name,
    worker: roster.person(g.worker)?.name ?? g.worker,
    figures: f.byGrid.find((b) => b.grid === g.id) ?? null,
  }));
  const loose = f.byGrid.find((b) => b.grid === null);
  if (loose) lines.push({ name: UNGRIDDED, worker: null, figures: loose });
  return lines;
}

/** Period = the Monday of the week reported on. Made up after a restart until the next report is due. */
export async function runWeekly(deps: JobDeps, now: Date): Promise<JobResult> {
  const monday = weeklyPeriod(now, deps.config.schedule);
  if (inQuietHours(now, deps.config.schedule)) return result('weekly', now, monday, [], 'quiet hours');
  const sunday = addDays(monday, 6);
  const span = dayBounds(monday, 7);
  const roster = deps.roster();
  const scopes: ScopeResult[] = [];
  for (const c of roster.communities) {
    const chats = postableChats(deps.config, c);
    if (!chats.length) { scopes.push(noChannel(c.id)); continue; }
    // The chart is drawn outside the transaction (it is async), and only when this run may still be the one to post.
    let chart: Buffer | null = null;
    if (deps.weeklyChart && !hasRun(deps.db, 'weekly', c.id, monday) && !quiet(figures(deps.db, { community: c.id }, { ...span, asOf: toShanghaiIso(now) }))) {
      try {
        chart = await deps.weeklyChart(deps.db, roster, c.id, monday);
        // The group robot takes pictures up to 2 MB raw.
        if (chart.length > MAX_IMAGE_BYTES) { deps.log.warn({ community: c.id, bytes: chart.length }, 'weekly chart too large to post'); chart = null; }
      } catch (err) {
        deps.log.warn({ err, community: c.id, week: monday }, 'weekly chart failed; the text report goes out alone');
      }
    }
    scopes.push(commitRun(deps, 'weekly', c.id, monday, now, () => {
      const f = figures(deps.db, { community: c.id }, { ...span, asOf: toShanghaiIso(now) });
      if (quiet(f)) return null;
      const text = weeklyReport(c.name, monday, sunday, f, gridLines(roster, c.id, f), volunteerNames(roster, f.topVolunteers, 5));
      return chats.flatMap((chat): GroupPost[] => [
        { kind: 'markdown', chat, text },
        ...(chart ? [{ kind: 'image' as const, chat, image: chart }] : []),
      ]);
    }));
  }
  return result('weekly', now, monday, scopes);
}
