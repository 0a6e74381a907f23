// The backbone: the durable inbox, tickets with their sources, photos and event trail, work records, and the outbox.
export default {
  version: 10,
  name: '0010-core',
  sql: /* sql */ `
CREATE TABLE inbox (
  seq          INTEGER PRIMARY KEY,
  msgid        TEXT NOT NULL UNIQUE,
  source       TEXT NOT NULL CHECK (source IN ('bot','app')),
  chattype     TEXT NOT NULL,
  chat         TEXT,
  sender       TEXT NOT NULL,
  time         TEXT NOT NULL,
  msgtype      TEXT NOT NULL,
  text         TEXT NOT NULL,
  quote        TEXT,
  images       TEXT NOT NULL DEFAULT '[]',
  response_url TEXT,
  location     TEXT,
  received_at  TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','done','failed')),
  processed_at TEXT,
  outcome      TEXT,
  error        TEXT
) STRICT;
CREATE INDEX inbox_pending ON inbox (seq) WHERE status = 'pending';

CREATE TABLE tickets (
  id           INTEGER PRIMARY KEY,
  community    TEXT NOT NULL,
  chat         TEXT,
  grid         TEXT,
  assignee     TEXT,
  reporter     TEXT NOT NULL,
  category     TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('open','in_progress','escalated','resolved','cancelled')),
  compound     TEXT,
  building     TEXT,
  unit         TEXT,
  room         TEXT,
  text         TEXT NOT NULL,
  observed_at  TEXT,
  created_at   TEXT NOT NULL,
  due_at       TEXT,
  resolved_at  TEXT,
  resolved_by  TEXT,
  reopen_count INTEGER NOT NULL DEFAULT 0,
  report_count INTEGER NOT NULL DEFAULT 1,
  note         TEXT
) STRICT;
CREATE INDEX tickets_created ON tickets (community, created_at);
CREATE INDEX tickets_resolved ON tickets (community, resolved_at) WHERE status = 'resolved';
CREATE INDEX tickets_open ON tickets (community, status, due_at) WHERE status IN ('open','in_progress','escalated');
CREATE INDEX tickets_place ON tickets (community, compound, building, category, status);
CREATE INDEX tickets_grid ON tickets (grid, created_at);

-- Every WeCom message that made or touched a ticket: the first report, merged duplicates, closes, reopens.
CREATE TABLE ticket_sources (
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  msgid     TEXT NOT NULL,
  sender    TEXT NOT NULL,
  role      TEXT NOT NULL,
  at        TEXT NOT NULL,
  PRIMARY KEY (ticket_id, msgid)
) STRICT;

CREATE TABLE ticket_events (
  id          INTEGER PRIMARY KEY,
  ticket_id   INTEGER NOT NULL REFERENCES tickets(id),
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  from_status TEXT,
  to_status   TEXT,
  msgid       TEXT,
  note        TEXT
) STRICT;
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);
CREATE INDEX ticket_events_action ON ticket_events (action, at);

CREATE TABLE records (
  id          INTEGER PRIMARY KEY,
  community   TEXT NOT NULL,
  chat        TEXT,
  grid        TEXT,
  author      TEXT NOT NULL,
  intent      TEXT NOT NULL,
  category    TEXT,
  compound    TEXT,
  building    TEXT,
  unit        TEXT,
  room        TEXT,
  text        TEXT NOT NULL,
  msgid       TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX records_created ON records (community, created_at);
CREATE INDEX records_author ON records (author, created_at);

CREATE TABLE photos (
  id         INTEGER PRIMARY KEY,
  sha256     TEXT NOT NULL,
  path       TEXT NOT NULL,
  bytes      INTEGER NOT NULL,
  msgid      TEXT NOT NULL,
  sender     TEXT NOT NULL,
  chat       TEXT,
  ticket_id  INTEGER REFERENCES tickets(id),
  record_id  INTEGER REFERENCES records(id),
  stage      TEXT NOT NULL DEFAULT 'before' CHECK (stage IN ('before','after')),
  created_at TEXT NOT NULL,
  UNIQUE (msgid, sha256)
) STRICT;
CREATE INDEX photos_ticket ON photos (ticket_id);
CREATE INDEX photos_loose ON photos (sender, created_at) WHERE ticket_id IS NULL AND record_id IS NULL;

-- Everything we send goes through here, so a crash or a WeCom hiccup delays a message instead of losing it.
CREATE TABLE outbox (
  id          INTEGER PRIMARY KEY,
  channel     TEXT NOT NULL CHECK (channel IN ('webhook','app','response_url')),
  target      TEXT NOT NULL,
  payload     TEXT NOT NULL,
  dedupe_key  TEXT UNIQUE,
  status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','dead')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  next_at     TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  sent_at     TEXT,
  last_error  TEXT,
  origin      TEXT
) STRICT;
CREATE INDEX outbox_due ON outbox (next_at) WHERE status = 'pending';

CREATE TABLE job_runs (
  job         TEXT NOT NULL,
  scope       TEXT NOT NULL,
  period      TEXT NOT NULL,
  ran_at      TEXT NOT NULL,
  note        TEXT,
  PRIMARY KEY (job, scope, period)
) STRICT;
`,
};
