-- SPDX-License-Identifier: EUPL-1.2
-- Care plans (funder grants, versioned interventions), client absences, visits with
-- their clocking (télégestion), field workers, meal rounds, and the alerts raised by
-- the vigilance rules. Paired with sql/sqlite/0003-planning.sql.

-- Planning settings of an organisation (rounding rule, geofence radius, vigilance
-- delays) as a JSON object; a node without a row inherits its nearest ancestor's.
CREATE TABLE org_settings (
  org_id     TEXT COLLATE "C" PRIMARY KEY REFERENCES orgs(id),
  settings   TEXT NOT NULL,
  version    BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL REFERENCES accounts(id)
);

-- A funder's decision (prise en charge): hours granted per month for a period.
CREATE TABLE funder_grants (
  id                TEXT COLLATE "C" PRIMARY KEY,
  org_id            TEXT COLLATE "C" NOT NULL REFERENCES orgs(id),
  client_id         TEXT COLLATE "C" NOT NULL REFERENCES clients(id),
  funder            TEXT NOT NULL CHECK (funder IN ('apa','pch','caisse_retraite','private','other')),
  funder_name       TEXT,                       -- e.g. "Conseil départemental du Rhône"
  funder_id         TEXT,                       -- the funder's identifier (ESPPADOM)
  decision_ref      TEXT,                       -- n° de décision / plan d'aide
  beneficiary_ref   TEXT,                       -- the beneficiary's number at the funder
  minutes_per_month BIGINT NOT NULL CHECK (minutes_per_month >= 0),
  starts_on         TEXT NOT NULL,
  ends_on           TEXT,                       -- inclusive; NULL: open-ended
  version           BIGINT NOT NULL,
  created_at        BIGINT NOT NULL,
  created_by        TEXT NOT NULL REFERENCES accounts(id)
);
CREATE INDEX funder_grants_client ON funder_grants(client_id);

-- One version of an intervention of the care plan. A change from a date closes the
-- version in force (valid_until = that date) and inserts the next one: history kept.
CREATE TABLE interventions (
  id            TEXT COLLATE "C" PRIMARY KEY,
  series_id     TEXT COLLATE "C" NOT NULL,                  -- the intervention across its versions
  seq           BIGINT NOT NULL,               -- 1, 2, ... within the series
  org_id        TEXT COLLATE "C" NOT NULL REFERENCES orgs(id),
  client_id     TEXT COLLATE "C" NOT NULL REFERENCES clients(id),
  valid_from    TEXT NOT NULL,                  -- first date (local) this version applies
  valid_until   TEXT,                           -- exclusive; NULL: open-ended
  type          TEXT NOT NULL,
  label         TEXT,
  days          BIGINT NOT NULL CHECK (days BETWEEN 1 AND 127), -- bit 0 = Monday
  every_weeks   BIGINT NOT NULL CHECK (every_weeks BETWEEN 1 AND 8),
  anchor_date   TEXT NOT NULL,                  -- a Monday: week 0 of the cycle
  start_time    TEXT NOT NULL,                  -- HH:MM, organisation's local time
  duration_min  BIGINT NOT NULL CHECK (duration_min BETWEEN 5 AND 720),
  qualification TEXT,
  tasks         TEXT NOT NULL,                  -- JSON array of strings
  funder        TEXT,
  note          TEXT,
  version       BIGINT NOT NULL,
  created_at    BIGINT NOT NULL,
  created_by    TEXT NOT NULL REFERENCES accounts(id),
  UNIQUE (series_id, seq)
);
CREATE INDEX interventions_client ON interventions(client_id);

-- A hospital stay or holiday: the visits in the period are suspended.
CREATE TABLE client_absences (
  id           TEXT COLLATE "C" PRIMARY KEY,
  org_id       TEXT COLLATE "C" NOT NULL REFERENCES orgs(id),
  client_id    TEXT COLLATE "C" NOT NULL REFERENCES clients(id),
  starts_on    TEXT NOT NULL,
  ends_on      TEXT NOT NULL,                   -- inclusive
  reason       TEXT NOT NULL CHECK (reason IN ('hospital','holiday','family','other')),
  note         TEXT,
  cancelled_at BIGINT NOT NULL DEFAULT 0,
  version      BIGINT NOT NULL,
  created_at   BIGINT NOT NULL,
  created_by   TEXT NOT NULL REFERENCES accounts(id)
);
CREATE INDEX client_absences_client ON client_absences(client_id);

-- The client's home for the field app: coordinates for the distance check, access
-- notes (digicode, key box), NFC tags and the QR code fixed at the door.
CREATE TABLE client_homes (
  client_id    TEXT COLLATE "C" PRIMARY KEY REFERENCES clients(id),
  org_id       TEXT COLLATE "C" NOT NULL REFERENCES orgs(id),
  has_coords   BIGINT NOT NULL DEFAULT 0,
  latitude     DOUBLE PRECISION,
  longitude    DOUBLE PRECISION,
  access_notes TEXT,
  nfc_tags     TEXT NOT NULL,                   -- JSON array of tag ids
  qr_code      TEXT,
  version      BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL
);

-- Field worker details beside the account: qualifications, home (for travel
-- distance), weekly availability as JSON [{"day":1,"from":"08:00","to":"12:00"}].
CREATE TABLE worker_profiles (
  account_id     TEXT COLLATE "C" PRIMARY KEY REFERENCES accounts(id),
  org_id         TEXT COLLATE "C" NOT NULL REFERENCES orgs(id),
  qualifications TEXT NOT NULL,                 -- JSON array of strings
  has_coords     BIGINT NOT NULL DEFAULT 0,
  latitude       DOUBLE PRECISION,
  longitude      DOUBLE PRECISION,
  availability   TEXT NOT NULL,
  version        BIGINT NOT NULL,
  updated_at     BIGINT NOT NULL
);

CREATE TABLE worker_absences (
  id         TEXT COLLATE "C" PRIMARY KEY,
  org_id     TEXT COLLATE "C" NOT NULL REFERENCES orgs(id),
  account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id),
  starts_at  BIGINT NOT NULL,
  ends_at    BIGINT NOT NULL,
  reason     TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by TEXT NOT NULL REFERENCES accounts(id)
);
CREATE INDEX worker_absences_account ON worker_absences(account_id, starts_at);

-- A meal delivery round: delivery visits in order for one worker and day.
CREATE TABLE rounds (
  id         TEXT COLLATE "C" PRIMARY KEY,
  org_id     TEXT COLLATE "C" NOT NULL REFERENCES orgs(id),
  round_date TEXT COLLATE "C" NOT NULL,
  name       TEXT NOT NULL,
  worker_id  TEXT COLLATE "C" REFERENCES accounts(id),
  version    BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX rounds_org_date ON rounds(org_id, round_date);

-- An occurrence of an intervention (or a one-off visit). Generated rows are keyed by
-- (series_id, occurrence_date) so that regenerating never duplicates one. The clock
-- events below are the facts; the clocking columns here are their summary.
CREATE TABLE visits (
  id                 TEXT COLLATE "C" PRIMARY KEY,
  org_id             TEXT COLLATE "C" NOT NULL REFERENCES orgs(id),
  client_id          TEXT COLLATE "C" NOT NULL REFERENCES clients(id),
  series_id          TEXT COLLATE "C",
  intervention_id    TEXT REFERENCES interventions(id),
  occurrence_date    TEXT COLLATE "C",
  type               TEXT NOT NULL,
  label              TEXT,
  planned_start      BIGINT NOT NULL,
  planned_end        BIGINT NOT NULL,
  qualification      TEXT,
  tasks              TEXT NOT NULL,             -- JSON array of strings
  funder             TEXT,
  status             TEXT NOT NULL CHECK (status IN ('planned','in_progress','done','cancelled','suspended')),
  suspended_by       TEXT REFERENCES client_absences(id),
  manual             BIGINT NOT NULL DEFAULT 0, -- changed by hand: regeneration keeps it
  worker_id          TEXT COLLATE "C" REFERENCES accounts(id),
  cancel_reason      TEXT,
  cancel_note        TEXT,
  round_id           TEXT COLLATE "C" REFERENCES rounds(id),
  round_position     BIGINT NOT NULL DEFAULT 0,
  check_in_at        BIGINT NOT NULL DEFAULT 0,
  check_in_device_at BIGINT NOT NULL DEFAULT 0,
  check_in_method    TEXT,
  check_out_at       BIGINT NOT NULL DEFAULT 0,
  check_out_device_at BIGINT NOT NULL DEFAULT 0,
  check_out_method   TEXT,
  retained_start     BIGINT NOT NULL DEFAULT 0,
  retained_end       BIGINT NOT NULL DEFAULT 0,
  correction_code    TEXT,
  tasks_done         TEXT,                      -- JSON [{"task","done","reason"}]
  delivery_outcome   TEXT,
  delivery_reason    TEXT,
  anomalies          TEXT,                      -- JSON array of codes
  late_alert_at      BIGINT NOT NULL DEFAULT 0,
  overdue_alert_at   BIGINT NOT NULL DEFAULT 0,
  version            BIGINT NOT NULL,
  created_at         BIGINT NOT NULL,
  updated_at         BIGINT NOT NULL
);
CREATE UNIQUE INDEX visits_occurrence ON visits(series_id, occurrence_date) WHERE series_id IS NOT NULL;
CREATE INDEX visits_client ON visits(client_id, planned_start);
CREATE INDEX visits_worker ON visits(worker_id, planned_start) WHERE worker_id IS NOT NULL;
CREATE INDEX visits_org ON visits(org_id, planned_start);
CREATE INDEX visits_round ON visits(round_id) WHERE round_id IS NOT NULL;
-- The vigilance rule looks only at visits still waiting for a check-in or check-out.
CREATE INDEX visits_vigilance ON visits(planned_start)
  WHERE (status = 'planned' AND late_alert_at = 0) OR (status = 'in_progress' AND overdue_alert_at = 0);

-- Check-in and check-out facts, append-only, with the device's time beside ours.
CREATE TABLE visit_clock_events (
  id          TEXT COLLATE "C" PRIMARY KEY,
  org_id      TEXT COLLATE "C" NOT NULL REFERENCES orgs(id),
  client_id   TEXT COLLATE "C" NOT NULL REFERENCES clients(id),
  visit_id    TEXT COLLATE "C" NOT NULL REFERENCES visits(id),
  kind        TEXT NOT NULL CHECK (kind IN ('check_in','check_out')),
  server_at   BIGINT NOT NULL,
  device_at   BIGINT NOT NULL DEFAULT 0,
  method      TEXT NOT NULL CHECK (method IN ('app','nfc','qr','manual')),
  tag         TEXT,
  has_location BIGINT NOT NULL DEFAULT 0,
  latitude    DOUBLE PRECISION,
  longitude   DOUBLE PRECISION,
  accuracy_m  DOUBLE PRECISION,
  distance_m  DOUBLE PRECISION,                              -- NULL when not computable
  outside_radius BIGINT NOT NULL DEFAULT 0,
  by_account  TEXT NOT NULL REFERENCES accounts(id),
  reason      TEXT
);
CREATE INDEX visit_clock_events_visit ON visit_clock_events(visit_id);

-- Alerts for coordinators (late or missed visits, failed deliveries; the alerts issue
-- adds escalation and devices). dedup_key makes a rule raise each alert once.
CREATE TABLE alerts (
  id              TEXT COLLATE "C" PRIMARY KEY,
  org_id          TEXT COLLATE "C" NOT NULL REFERENCES orgs(id),
  client_id       TEXT COLLATE "C" REFERENCES clients(id),
  type            TEXT NOT NULL,
  severity        TEXT NOT NULL CHECK (severity IN ('low','medium','high','critical')),
  state           TEXT NOT NULL CHECK (state IN ('raised','acknowledged','in_progress','resolved','cancelled')),
  source          TEXT NOT NULL CHECK (source IN ('rule','device','person')),
  source_ref      TEXT,
  dedup_key       TEXT COLLATE "C" NOT NULL UNIQUE,
  details         TEXT NOT NULL,                 -- JSON object
  raised_at       BIGINT NOT NULL,
  acknowledged_at BIGINT NOT NULL DEFAULT 0,
  acknowledged_by TEXT REFERENCES accounts(id),
  resolved_at     BIGINT NOT NULL DEFAULT 0,
  resolved_by     TEXT REFERENCES accounts(id),
  outcome         TEXT,
  note            TEXT,
  version         BIGINT NOT NULL
);
CREATE INDEX alerts_org ON alerts(org_id, raised_at);
CREATE INDEX alerts_open ON alerts(raised_at) WHERE state IN ('raised','acknowledged','in_progress');
