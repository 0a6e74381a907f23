// Scheduled jobs: overdue reminders, the evening summary, the Monday report — plain functions of (deps, now), wired to
// node-cron only in schedule.ts.
export { runReminders } from './reminders.js';
export { runDaily } from './daily.js';
export { runWeekly } from './weekly.js';
export { startSchedules, isJobName, JOBS, type Schedules, type ScheduleDeps } from './schedule.js';
export type { JobDeps, JobName, JobResult, ScopeResult } from './run.js';
