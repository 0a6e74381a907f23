import type { Intent } from '../parse/types.js';
import type { Handler } from './context.js';
import { attachment, help, noise } from './misc.js';
import { record } from './records.js';
import { progress, reopen, report, resolve } from './tickets.js';
import { queryStats, queryTickets } from './stats.js';
import { queryPoints, redeem } from './points.js';

/** Exhaustive: a new intent does not compile until something handles it. */
export const handlers: Record<Intent, Handler> = {
  report,
  self_handled: record,
  patrol: record,
  visit: record,
  mediation: record,
  resolve,
  progress,
  reopen,
  query_stats: queryStats,
  query_tickets: queryTickets,
  query_points: queryPoints,
  redeem,
  help,
  attachment,
  noise,
};
