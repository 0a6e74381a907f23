// The outbox is read in due order straight from an index (no sort of the whole backlog on every pass), and a
// destination's pending rows can be pushed back together, so a rate-limited or failing group never has a later
// message overtake an earlier one. A sender who merges into a busy ticket is found without reading every source.
export default {
  version: 60,
  name: '0060-outbox-order',
  sql: /* sql */ `
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (next_at, id) WHERE status = 'pending';
CREATE INDEX outbox_dest ON outbox (channel, target) WHERE status = 'pending';
CREATE INDEX ticket_sources_sender ON ticket_sources (ticket_id, sender);
`,
};
