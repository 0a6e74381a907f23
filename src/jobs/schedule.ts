// The only node-cron import. Each configured time is one task in Asia/Shanghai whose body is a plain job function
// called with the injected clock's now; exactly-once lives in the jobs (job_runs), not here, so a second process, a
// restart or a manual run can never double a post. On start, and when quiet hours end, missed summaries are made up.
import cron, { type ScheduledTask } from 'node-cron';
import { runDaily } from './daily.js';
import { runReminders } from './reminders.js';
import { runWeekly } from './weekly.js';
import type { JobDeps, JobName, JobResult } from './run.js';

export const JOBS: Record<JobName, (deps: JobDeps, now: Date) => Promise<JobResult>> = {
  reminders: runReminders,
  daily: runDaily,
  weekly: runWeekly,
};

export const isJobName = (s: string): s is JobName => Object.hasOwn(JOBS, s);

export interface ScheduleDeps extends JobDeps {
  clock: () => Date;
  /** Called after a run queued messages (the outbox sends them). */
  onOutbound?: () => void;
}

export interface Schedules {
  /** Runs one job as the scheduler would at `now` (default the clock's now). */
  run(job: JobName, now?: Date): Promise<JobResult>;
  /** Makes up a daily summary (until midnight) or weekly report (until the next is due) missed while down or quiet. */
  catchUp(now?: Date): Promise<JobResult[]>;
  /** node-cron task names, for logs and tests. */
  tasks(): { name: string; expression: string }[];
  /** Resolves when no job is running. */
  idle(): Promise<void>;
  stop(): void;
}

/** "09:30" (+ weekday 1..7, Monday first) → node-cron's "30 9 * * 1". */
export function cronExpression(hhmm: string, weekday?: number): string {
  return `${Number(hhmm.slice(3, 5))} ${Number(hhmm.slice(0, 2))} * * ${weekday === undefined ? '*' : weekday % 7}`;
}

export function startSchedules(deps: ScheduleDeps, opts: { catchUpOnStart?: boolean } = {}): Schedules {
  const s = deps.config.schedule;
  const running = new Set<Promise<unknown>>();
  const created: { name: string; expression: string; task: ScheduledTask }[] = [];

  function track<T>(p: Promise<T>): Promise<T> {
    running.add(p);
    void p.finally(() => running.delete(p)).catch(() => {});
    return p;
  }

  const api: Schedules = {
    run(job, now = deps.clock()) {
      return track((async () => {
        const r = await JOBS[job](deps, now);
        if (r.queued) deps.onOutbound?.();
        deps.log.info({ job, period: r.period, skipped: r.skipped, queued: r.queued, scopes: r.scopes.map((x) => `${x.community}:${x.status}`) }, 'job ran');
        return r;
      })());
    },
    async catchUp(now = deps.clock()) {
      return [await api.run('daily', now), await api.run('weekly', now)];
    },
    tasks: () => created.map(({ name, expression }) => ({ name, expression })),
    async idle() {
      while (running.size) await Promise.allSettled([...running]);
    },
    stop() {
      for (const c of created) c.task.destroy();
      created.length = 0;
    },
  };

  const every = (name: string, expression: string, body: () => Promise<unknown>) => {
    const task = cron.schedule(expression, async () => {
      // A failing job is logged and tried again at its next time; it must not take the scheduler down.
      try { await body(); } catch (err) { deps.log.error({ err, task: name }, 'scheduled job failed'); }
    }, { timezone: 'Asia/Shanghai', name, noOverlap: true });
    created.push({ name, expression, task });
  };

  for (const t of s.reminders) every(`reminders@${t}`, cronExpression(t), () => api.run('reminders'));
  every(`daily@${s.daily}`, cronExpression(s.daily), () => api.run('daily'));
  every(`weekly@${s.weeklyDay} ${s.weekly}`, cronExpression(s.weekly, s.weeklyDay), () => api.run('weekly'));
  // A summary that fell in quiet hours goes out when they end (the daily one only if that is still the same day).
  if (s.quietFrom !== s.quietTo) every(`catch-up@${s.quietTo}`, cronExpression(s.quietTo), () => api.catchUp());

  if (opts.catchUpOnStart !== false) void api.catchUp().catch((err) => deps.log.error({ err }, 'catch-up failed'));
  return api;
}
