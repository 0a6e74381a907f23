// 红色积分超市: an append-only points ledger, redemptions that wait for the community's confirmation, and stock moves.
// Balances and stock are always sums over these rows; nothing stores a balance as the only truth.
export default {
  version: 20,
  name: '0020-points',
  sql: /* sql */ `
CREATE TABLE points_entries (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  -- The Shanghai date a daily cap counts this entry against: a credit's own date; a reversal carries its credit's.
  work_day   TEXT NOT NULL,
  userid     TEXT NOT NULL,
  community  TEXT NOT NULL,
  -- One of the five 积分 categories; NULL for a redemption debit, which spends from the whole balance.
  category   TEXT CHECK (category IS NULL OR category IN ('general','governance','environment','culture','construction')),
  points     INTEGER NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('credit','debit','reversal','adjustment')),
  -- The work rule that earned it (report, report_merged, self_handled, patrol, visit, mediation); NULL otherwise.
  rule       TEXT,
  reason     TEXT NOT NULL,
  source     TEXT NOT NULL CHECK (source IN ('ticket','record','redemption','admin')),
  source_id  TEXT NOT NULL,
  -- A ticket's resolve cycle (its reopen_count when resolved): a reopened and re-resolved ticket earns again, once.
  cycle      INTEGER NOT NULL DEFAULT 0,
  reverses   INTEGER REFERENCES points_entries(id),
  actor      TEXT NOT NULL,
  manual     INTEGER NOT NULL CHECK (manual IN (0, 1)),
  UNIQUE (source, source_id, cycle, kind, userid)
) STRICT;
CREATE INDEX points_user ON points_entries (userid, at);
CREATE INDEX points_community ON points_entries (community, at);
CREATE INDEX points_cap ON points_entries (userid, rule, work_day);
CREATE TRIGGER points_entries_no_update BEFORE UPDATE ON points_entries
  BEGIN SELECT RAISE(ABORT, 'points_entries is append-only: add a reversal or an adjustment instead'); END;
CREATE TRIGGER points_entries_no_delete BEFORE DELETE ON points_entries
  BEGIN SELECT RAISE(ABORT, 'points_entries is append-only: add a reversal or an adjustment instead'); END;

CREATE TABLE redemptions (
  id          INTEGER PRIMARY KEY,
  userid      TEXT NOT NULL,
  community   TEXT NOT NULL,
  item        TEXT NOT NULL,
  unit        TEXT,
  quantity    INTEGER NOT NULL CHECK (quantity > 0),
  points      INTEGER NOT NULL CHECK (points > 0),
  status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','confirmed','cancelled')),
  msgid       TEXT UNIQUE,
  created_at  TEXT NOT NULL,
  decided_at  TEXT,
  decided_by  TEXT,
  note        TEXT
) STRICT;
CREATE INDEX redemptions_open ON redemptions (community, status, id);
CREATE INDEX redemptions_user ON redemptions (userid, status);

-- Stock on the shelf = the catalogue's opening stock + the sum of these moves (confirmed redemptions, restocks).
CREATE TABLE stock_moves (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  community  TEXT NOT NULL,
  item       TEXT NOT NULL,
  delta      INTEGER NOT NULL,
  reason     TEXT NOT NULL,
  source     TEXT NOT NULL CHECK (source IN ('redemption','admin')),
  source_id  TEXT NOT NULL,
  actor      TEXT NOT NULL,
  UNIQUE (source, source_id)
) STRICT;
CREATE INDEX stock_item ON stock_moves (community, item);
CREATE TRIGGER stock_moves_no_update BEFORE UPDATE ON stock_moves BEGIN SELECT RAISE(ABORT, 'stock_moves is append-only'); END;
CREATE TRIGGER stock_moves_no_delete BEFORE DELETE ON stock_moves BEGIN SELECT RAISE(ABORT, 'stock_moves is append-only'); END;
`,
};
