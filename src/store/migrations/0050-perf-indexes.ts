// Indexes the reads people wait for need on a year-old database (1M tickets; measured by `npm run bench`):
// the per-grid open/overdue counts and the grids with open work, the desk's "oldest open first" list, and the hours
// to resolution, each answered from an index alone instead of thousands of table lookups.
export default {
  version: 50,
  name: '0050-perf-indexes',
  sql: /* sql */ `
CREATE INDEX tickets_open_grid ON tickets (community, status, grid, due_at) WHERE status IN ('open','in_progress','escalated');
CREATE INDEX tickets_open_age ON tickets (community, created_at) WHERE status IN ('open','in_progress','escalated');
CREATE INDEX tickets_resolved_cover ON tickets (community, resolved_at, grid, created_at) WHERE status = 'resolved';
DROP INDEX tickets_resolved;
`,
};
