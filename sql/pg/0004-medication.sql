-- SPDX-License-Identifier: EUPL-1.2
-- Medication: versioned prescriptions, the due doses derived from them, the
-- administration record, and the weekly pill-organiser (semainier) preparations.
-- Paired with sql/sqlite/0004-medication.sql.

-- One version of a prescription line. A change or a stop closes the version in force
-- at an instant (valid_until, exclusive) and a change inserts the next seq: the
-- history is kept and a dose due before the change stays the old version's.
CREATE TABLE prescriptions (
  id               TEXT COLLATE "C" PRIMARY KEY,
  series_id        TEXT COLLATE "C" NOT NULL,                 -- the line across its versions
  seq              BIGINT NOT NULL,
  org_id           TEXT COLLATE "C" NOT NULL REFERENCES orgs(id),
  client_id        TEXT COLLATE "C" NOT NULL REFERENCES clients(id),
  valid_from       BIGINT NOT NULL,              -- µs; the version applies from here
  valid_until      BIGINT NOT NULL DEFAULT 0,    -- exclusive; 0: in force
  end_reason       TEXT CHECK (end_reason IN ('changed','stopped')),
  end_note         TEXT,
  ended_by         TEXT REFERENCES accounts(id),
  drug_label       TEXT NOT NULL,
  drug_code_system TEXT CHECK (drug_code_system IN ('cip13','ucd')),
  drug_code        TEXT,
  form             TEXT NOT NULL,                 -- comprimé, gélule, solution buvable...
  dose             TEXT NOT NULL,                 -- "1 comprimé", "5 ml"
  route            TEXT NOT NULL,                 -- orale, cutanée, sous-cutanée...
  times            TEXT NOT NULL,                 -- JSON array of "HH:MM" (local); [] if as needed
  as_needed        BIGINT NOT NULL CHECK (as_needed IN (0,1)),
  max_per_day      BIGINT NOT NULL DEFAULT 0,    -- as needed: at most this many a day
  starts_on        TEXT NOT NULL,                 -- local dates, inclusive
  ends_on          TEXT,
  in_organiser     BIGINT NOT NULL CHECK (in_organiser IN (0,1)),
  prescriber_name  TEXT NOT NULL,
  prescriber_rpps  TEXT,
  prescribed_on    TEXT,                          -- the date on the original
  instructions     TEXT,
  source           TEXT NOT NULL CHECK (source IN ('prescribed','transcribed')),
  attachment_id    TEXT COLLATE "C" REFERENCES attachments(id), -- the photographed original
  version          BIGINT NOT NULL,
  created_at       BIGINT NOT NULL,
  created_by       TEXT NOT NULL REFERENCES accounts(id),
  UNIQUE (series_id, seq)
);
CREATE INDEX prescriptions_client ON prescriptions(client_id);
CREATE INDEX prescriptions_open ON prescriptions(client_id) WHERE valid_until = 0;

-- The doses due, derived from the prescriptions for a rolling horizon: rebuilt for a
-- client on every change, extended daily. The missed-dose rule reads it by due time.
CREATE TABLE doses (
  series_id       TEXT COLLATE "C" NOT NULL,
  due_at          BIGINT NOT NULL,               -- µs
  prescription_id TEXT COLLATE "C" NOT NULL REFERENCES prescriptions(id),
  org_id          TEXT COLLATE "C" NOT NULL REFERENCES orgs(id),
  client_id       TEXT COLLATE "C" NOT NULL REFERENCES clients(id),
  alerted_at      BIGINT NOT NULL DEFAULT 0,     -- the missed-dose alert, once
  PRIMARY KEY (series_id, due_at)
);
CREATE INDEX doses_client ON doses(client_id, due_at);
CREATE INDEX doses_vigilance ON doses(due_at) WHERE alerted_at = 0;

-- A pill organiser prepared for one week, from the listed prescription versions.
-- A new preparation of the same week supersedes the previous one (once).
CREATE TABLE pill_organisers (
  id            TEXT COLLATE "C" PRIMARY KEY,
  org_id        TEXT COLLATE "C" NOT NULL REFERENCES orgs(id),
  client_id     TEXT COLLATE "C" NOT NULL REFERENCES clients(id),
  week_start    TEXT NOT NULL,                    -- a Monday, local
  prescriptions TEXT NOT NULL,                    -- JSON array of prescription version ids
  note          TEXT,
  supersedes    TEXT COLLATE "C" UNIQUE REFERENCES pill_organisers(id),
  prepared_at   BIGINT NOT NULL,
  prepared_by   TEXT NOT NULL REFERENCES accounts(id),
  prepared_as   TEXT NOT NULL,                    -- the relation that allowed it
  version       BIGINT NOT NULL
);
CREATE INDEX pill_organisers_client ON pill_organisers(client_id, week_start);

-- What happened to a dose. Append-only; a scheduled dose (due_at <> 0) is recorded
-- once; an as-needed dose (due_at = 0) each time it is given.
CREATE TABLE administrations (
  id              TEXT COLLATE "C" PRIMARY KEY,
  org_id          TEXT COLLATE "C" NOT NULL REFERENCES orgs(id),
  client_id       TEXT COLLATE "C" NOT NULL REFERENCES clients(id),
  prescription_id TEXT COLLATE "C" NOT NULL REFERENCES prescriptions(id),
  series_id       TEXT COLLATE "C" NOT NULL,
  due_at          BIGINT NOT NULL DEFAULT 0,     -- 0: as needed
  slot_at         BIGINT NOT NULL,               -- due_at, or occurred_at as needed
  outcome         TEXT NOT NULL CHECK (outcome IN ('given','refused','not_available','held','missed')),
  mode            TEXT NOT NULL CHECK (mode IN ('administered','assisted')),
  occurred_at     BIGINT NOT NULL,
  recorded_at     BIGINT NOT NULL,               -- time of writing
  late            BIGINT NOT NULL CHECK (late IN (0,1)),
  organiser_id    TEXT COLLATE "C" REFERENCES pill_organisers(id),
  reason          TEXT,
  note            TEXT,
  recorded_by     TEXT NOT NULL REFERENCES accounts(id),
  recorded_as     TEXT NOT NULL,
  version         BIGINT NOT NULL
);
CREATE UNIQUE INDEX administrations_dose ON administrations(series_id, due_at) WHERE due_at <> 0;
CREATE INDEX administrations_client ON administrations(client_id, slot_at);
