-- SPDX-License-Identifier: EUPL-1.2
-- Care circle, consent, break-the-glass, the liaison notebook (entries, read markers,
-- acknowledgements of urgent entries) and attachments. Paired with sql/pg/0002-notebook.sql.

-- The people and organisations around a client. A member who leaves gets ends_on;
-- one who comes back gets a new row (periods are kept).
CREATE TABLE care_circle (
  id            TEXT PRIMARY KEY,
  org_id        TEXT NOT NULL REFERENCES orgs(id),       -- the client's organisation
  client_id     TEXT NOT NULL REFERENCES clients(id),
  account_id    TEXT REFERENCES accounts(id),            -- a person member, or
  member_org_id TEXT REFERENCES orgs(id),                -- an organisation member
  circle_role   TEXT NOT NULL CHECK (circle_role IN ('medecin_traitant','infirmier','aide_domicile',
                  'aide_soignant','aidant','personne_confiance','responsable_legal')),
  starts_on     TEXT NOT NULL,
  ends_on       TEXT,
  version       INTEGER NOT NULL,
  created_at    INTEGER NOT NULL,
  CHECK ((account_id IS NULL) <> (member_org_id IS NULL))
);
CREATE INDEX care_circle_client ON care_circle(client_id);

-- The client's (or legal representative's) decisions, per grantee and category.
CREATE TABLE consents (
  id               TEXT PRIMARY KEY,
  org_id           TEXT NOT NULL REFERENCES orgs(id),
  client_id        TEXT NOT NULL REFERENCES clients(id),
  grantee_account  TEXT REFERENCES accounts(id),
  grantee_org      TEXT REFERENCES orgs(id),
  category         TEXT NOT NULL CHECK (category IN ('admin','daily','care','medical')),
  decision         TEXT NOT NULL CHECK (decision IN ('grant','refuse')),
  starts_at        INTEGER NOT NULL,
  ends_at          INTEGER NOT NULL DEFAULT 0,            -- 0: open-ended
  revoked_at       INTEGER NOT NULL DEFAULT 0,
  decided_by       TEXT NOT NULL REFERENCES accounts(id),
  decided_as       TEXT NOT NULL CHECK (decided_as IN ('self','legal_representative')),
  created_at       INTEGER NOT NULL,
  CHECK ((grantee_account IS NULL) <> (grantee_org IS NULL))
);
CREATE INDEX consents_client ON consents(client_id);

-- Emergency access outside the normal rights: time-limited, with a reason.
CREATE TABLE break_glass (
  id         TEXT PRIMARY KEY,
  org_id     TEXT NOT NULL REFERENCES orgs(id),
  client_id  TEXT NOT NULL REFERENCES clients(id),
  account_id TEXT NOT NULL REFERENCES accounts(id),
  reason     TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX break_glass_client ON break_glass(client_id, account_id);

-- Append-only: a correction is a new entry that supersedes the old one.
CREATE TABLE notebook_entries (
  id                TEXT PRIMARY KEY,                     -- UUIDv7: time-ordered
  org_id            TEXT NOT NULL REFERENCES orgs(id),
  client_id         TEXT NOT NULL REFERENCES clients(id),
  kind              TEXT NOT NULL CHECK (kind IN ('note','targeted','results')),
  category          TEXT NOT NULL CHECK (category IN ('admin','daily','care','medical')),
  audience          TEXT NOT NULL CHECK (audience IN ('all','care_team','health')),
  urgent            INTEGER NOT NULL DEFAULT 0,
  text              TEXT,                                 -- free note
  target            TEXT,                                 -- cible (targeted)
  data              TEXT,                                 -- Données
  actions           TEXT,                                 -- Actions
  results           TEXT,                                 -- Résultats
  author_id         TEXT NOT NULL REFERENCES accounts(id),
  author_role       TEXT NOT NULL,
  fact_at           INTEGER NOT NULL,
  written_at        INTEGER NOT NULL,
  visit_id          TEXT,
  reply_to          TEXT REFERENCES notebook_entries(id),
  results_for       TEXT REFERENCES notebook_entries(id),
  supersedes        TEXT REFERENCES notebook_entries(id),
  correction_reason TEXT,
  tags              TEXT                                  -- JSON array of strings
);
CREATE INDEX notebook_client ON notebook_entries(client_id, id);
-- Urgent entries still to acknowledge are looked up on every opening of a notebook.
CREATE INDEX notebook_urgent ON notebook_entries(client_id, id) WHERE urgent = 1;
CREATE UNIQUE INDEX notebook_supersedes ON notebook_entries(supersedes) WHERE supersedes IS NOT NULL;

-- Per reader and client: the newest entry id seen ("3 new entries since your visit").
CREATE TABLE notebook_reads (
  account_id   TEXT NOT NULL REFERENCES accounts(id),
  client_id    TEXT NOT NULL REFERENCES clients(id),
  org_id       TEXT NOT NULL REFERENCES orgs(id),
  last_read_id TEXT NOT NULL,
  read_at      INTEGER NOT NULL,
  PRIMARY KEY (account_id, client_id)
);

CREATE TABLE notebook_acks (
  entry_id   TEXT NOT NULL REFERENCES notebook_entries(id),
  account_id TEXT NOT NULL REFERENCES accounts(id),
  org_id     TEXT NOT NULL REFERENCES orgs(id),
  client_id  TEXT NOT NULL REFERENCES clients(id),
  role       TEXT NOT NULL,
  acked_at   INTEGER NOT NULL,
  PRIMARY KEY (entry_id, account_id)
);
CREATE INDEX notebook_acks_client ON notebook_acks(client_id);

-- Encrypted at rest (libsodium secretstream); the hash is of the plain content.
CREATE TABLE attachments (
  id           TEXT PRIMARY KEY,
  org_id       TEXT NOT NULL REFERENCES orgs(id),
  client_id    TEXT NOT NULL REFERENCES clients(id),
  entry_id     TEXT REFERENCES notebook_entries(id),
  category     TEXT NOT NULL CHECK (category IN ('admin','daily','care','medical')),
  content_type TEXT NOT NULL,
  size         INTEGER NOT NULL,
  sha256       TEXT NOT NULL,
  ciphertext   BLOB NOT NULL,
  created_by   TEXT NOT NULL REFERENCES accounts(id),
  created_at   INTEGER NOT NULL
);
CREATE INDEX attachments_entry ON attachments(entry_id);
