-- SPDX-License-Identifier: EUPL-1.2
-- Foundation: organisations, accounts, roles, sessions, clients (INS), audit chain,
-- change feed, idempotency keys. Paired with sql/pg/0001-foundation.sql.
-- Conventions (DESIGN.md): ids are UUIDv7 text, every row carries its owning
-- organisation (org_id), instants are Unix microseconds UTC (INTEGER).

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE orgs (
  id         TEXT PRIMARY KEY,
  org_id     TEXT NOT NULL,                 -- owning organisation: the node itself
  parent_id  TEXT REFERENCES orgs(id),
  kind       TEXT NOT NULL CHECK (kind IN ('national','federation','association','establishment','antenna','team')),
  name       TEXT NOT NULL,
  tz         TEXT NOT NULL,
  path       TEXT NOT NULL UNIQUE,          -- "/root/.../id/": subtree = path prefix
  version    INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE accounts (
  id            TEXT PRIMARY KEY,
  org_id        TEXT NOT NULL REFERENCES orgs(id),
  login         TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('staff','person')),
  display_name  TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until  INTEGER NOT NULL DEFAULT 0,
  version       INTEGER NOT NULL,
  created_at    INTEGER NOT NULL
);

CREATE TABLE account_roles (
  id         TEXT PRIMARY KEY,
  org_id     TEXT NOT NULL REFERENCES orgs(id),  -- the node the role covers (and owner)
  account_id TEXT NOT NULL REFERENCES accounts(id),
  role       TEXT NOT NULL CHECK (role IN ('admin','coordinator','nurse','doctor','aide','aide_soignant','alarm_operator','auditor')),
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, org_id, role)
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  org_id     TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER NOT NULL DEFAULT 0,
  ip         TEXT
);
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE clients (
  id                TEXT PRIMARY KEY,
  org_id            TEXT NOT NULL REFERENCES orgs(id),
  version           INTEGER NOT NULL,
  ins_matricule     TEXT,
  ins_oid           TEXT,
  identity_status   TEXT NOT NULL CHECK (identity_status IN ('PROV','RECUP','VALI','QUAL')),
  insi_checked_at   INTEGER NOT NULL DEFAULT 0,
  identity_document TEXT,
  birth_name        TEXT NOT NULL,
  birth_given_names TEXT NOT NULL,
  first_given_name  TEXT NOT NULL,
  sex               TEXT NOT NULL CHECK (sex IN ('F','M','I')),
  birth_date        TEXT NOT NULL,
  birth_place_code  TEXT,
  used_name         TEXT,
  used_given_name   TEXT,
  address_line      TEXT,
  postal_code       TEXT,
  city              TEXT,
  phone             TEXT,
  gir               INTEGER NOT NULL DEFAULT 0 CHECK (gir BETWEEN 0 AND 6),
  name_key          TEXT NOT NULL,
  used_name_key     TEXT,
  identity_key      TEXT NOT NULL,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
);
CREATE UNIQUE INDEX clients_ins ON clients(ins_matricule) WHERE ins_matricule IS NOT NULL;
CREATE INDEX clients_name ON clients(name_key, id);
CREATE INDEX clients_used_name ON clients(used_name_key) WHERE used_name_key IS NOT NULL;
CREATE INDEX clients_birth_date ON clients(birth_date);
CREATE INDEX clients_identity ON clients(identity_key);

CREATE TABLE client_persons (
  id         TEXT PRIMARY KEY,
  org_id     TEXT NOT NULL REFERENCES orgs(id),
  client_id  TEXT NOT NULL REFERENCES clients(id),
  account_id TEXT NOT NULL REFERENCES accounts(id),
  relation   TEXT NOT NULL CHECK (relation IN ('self','legal_representative','caregiver')),
  created_at INTEGER NOT NULL,
  UNIQUE (client_id, account_id, relation)
);
CREATE INDEX client_persons_account ON client_persons(account_id);

-- Append-only, hash-chained (src/store/audit_chain.h). seq is contiguous from 1.
CREATE TABLE audit (
  seq          INTEGER PRIMARY KEY,
  id           TEXT NOT NULL,
  org_id       TEXT,
  at           INTEGER NOT NULL,
  actor_id     TEXT,
  actor_role   TEXT,
  on_behalf_of TEXT,
  action       TEXT NOT NULL,
  client_id    TEXT,
  object_id    TEXT,
  ip           TEXT,
  request_id   TEXT,
  outcome      TEXT NOT NULL,
  detail       TEXT,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL
);
CREATE INDEX audit_client ON audit(client_id, seq) WHERE client_id IS NOT NULL;

CREATE TABLE audit_head (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  INTEGER NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Change feed: one row per committed change, seq in commit order (single writer).
CREATE TABLE changes (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  op        TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
  version   INTEGER NOT NULL,
  at        INTEGER NOT NULL
);

CREATE TABLE idempotency (
  account_id   TEXT NOT NULL,
  key          TEXT NOT NULL,
  org_id       TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status       INTEGER NOT NULL,
  body         TEXT NOT NULL,
  location     TEXT,
  etag         TEXT,
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (account_id, key)
);
