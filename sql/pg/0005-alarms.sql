-- SPDX-License-Identifier: EUPL-1.2
-- Tele-alarms: device models and their code → alarm-type mapping (data, not code),
-- the devices (account number, AES key sealed at rest, supervision interval), the
-- events received from them (recorded once per account, sequence and fingerprint),
-- each client's escalation plan, the escalation carried by an alert, and the log of
-- every alert transition that the live stream (SSE) replays from a last event id.
-- Paired with sql/sqlite/0005-alarms.sql.

-- What an alarm type does. kind: alarm (a person needs help), technical (the
-- equipment needs attention), test (periodic test: proves the link), restore (the
-- end of a condition). escalate: an alert of this type runs the client's plan.
CREATE TABLE alarm_types (
  type     TEXT PRIMARY KEY,
  kind     TEXT NOT NULL CHECK (kind IN ('alarm','technical','test','restore')),
  severity TEXT NOT NULL CHECK (severity IN ('low','medium','high','critical')),
  escalate BIGINT NOT NULL CHECK (escalate IN (0,1)),
  label_fr TEXT NOT NULL,
  label_en TEXT NOT NULL
);

CREATE TABLE device_models (
  id         TEXT COLLATE "C" PRIMARY KEY,                  -- e.g. "generic", "lampe-chute-102"
  label      TEXT NOT NULL,
  version    BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- A model's codes. A code absent from a model is looked up in "generic".
CREATE TABLE device_codes (
  model_id   TEXT COLLATE "C" NOT NULL REFERENCES device_models(id),
  protocol   TEXT NOT NULL CHECK (protocol IN ('cid','sia')),
  code       TEXT NOT NULL,                     -- Contact ID "602", SIA "RP"
  alarm_type TEXT NOT NULL REFERENCES alarm_types(type),
  PRIMARY KEY (model_id, protocol, code)
);

CREATE TABLE devices (
  id             TEXT COLLATE "C" PRIMARY KEY,
  org_id         TEXT COLLATE "C" NOT NULL REFERENCES orgs(id),
  client_id      TEXT COLLATE "C" REFERENCES clients(id),   -- NULL: in stock, not installed
  account        TEXT COLLATE "C" NOT NULL UNIQUE,          -- DC-09 account, upper-case hex
  protocol       TEXT NOT NULL CHECK (protocol IN ('sia-dcs','adm-cid')),
  model_id       TEXT COLLATE "C" NOT NULL REFERENCES device_models(id),
  label          TEXT,
  key_sealed     TEXT,                          -- AES key sealed (base64); NULL: clear
  key_format     TEXT CHECK (key_format IN ('hex','ascii')),
  supervision_s  BIGINT NOT NULL CHECK (supervision_s >= 0), -- 0: not supervised
  active         BIGINT NOT NULL CHECK (active IN (0,1)),
  last_seen_at   BIGINT NOT NULL DEFAULT 0,    -- any valid frame (link test included)
  last_path      TEXT,
  silent_alert_at BIGINT NOT NULL DEFAULT 0,   -- last_seen_at when "silent" was raised
  version        BIGINT NOT NULL,
  created_at     BIGINT NOT NULL,
  created_by     TEXT COLLATE "C" NOT NULL REFERENCES accounts(id)
);
CREATE INDEX devices_client ON devices(client_id);
CREATE INDEX devices_supervised ON devices(last_seen_at) WHERE supervision_s > 0 AND active = 1;

-- One event received from a device (link tests are not kept: they only move
-- devices.last_seen_at). Never updated.
CREATE TABLE alarm_events (
  id          TEXT COLLATE "C" PRIMARY KEY,
  org_id      TEXT COLLATE "C" NOT NULL REFERENCES orgs(id),
  device_id   TEXT COLLATE "C" NOT NULL REFERENCES devices(id),
  client_id   TEXT COLLATE "C" REFERENCES clients(id),
  seq         BIGINT NOT NULL,
  fingerprint BIGINT NOT NULL,                 -- see dc09.h: same event, same value
  path        TEXT NOT NULL,                    -- the listen address it came by first
  message_id  TEXT NOT NULL,                    -- SIA-DCS, ADM-CID
  qualifier   TEXT,
  code        TEXT,
  zone        TEXT,
  alarm_type  TEXT,                             -- NULL: code unknown for the model
  event_time  BIGINT NOT NULL DEFAULT 0,       -- the sender's timestamp; 0: none
  received_at BIGINT NOT NULL,
  body        TEXT NOT NULL,                    -- the body as received (ciphertext stays hex)
  alert_id    TEXT COLLATE "C" REFERENCES alerts(id)
);
CREATE INDEX alarm_events_dup ON alarm_events(device_id, seq, fingerprint);
CREATE INDEX alarm_events_device ON alarm_events(device_id, received_at);

-- Who to reach, in order, when an alarm of the client's is not answered.
CREATE TABLE escalation_plans (
  client_id  TEXT COLLATE "C" PRIMARY KEY REFERENCES clients(id),
  org_id     TEXT COLLATE "C" NOT NULL REFERENCES orgs(id),
  steps      TEXT NOT NULL,                     -- JSON array, see docs/api.md
  version    BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by TEXT COLLATE "C" NOT NULL REFERENCES accounts(id)
);

-- The escalation an alert carries (a copy of the plan with each step's state) and
-- the instant its current step times out (0: nothing pending): the timers survive a
-- restart because they are these rows.
ALTER TABLE alerts ADD COLUMN escalation TEXT;
ALTER TABLE alerts ADD COLUMN escalation_due_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE alerts ADD COLUMN in_progress_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX alerts_escalation_due ON alerts(escalation_due_at) WHERE escalation_due_at > 0;

-- Every transition of every alert, in commit order (written by alert_insert and
-- alert_update themselves, so no path can forget it). The live stream's event ids.
CREATE TABLE alert_events (
  seq       BIGSERIAL PRIMARY KEY,
  alert_id  TEXT COLLATE "C" NOT NULL REFERENCES alerts(id),
  org_id    TEXT COLLATE "C" NOT NULL,
  kind      TEXT NOT NULL,                      -- raised, acknowledged, escalated, ...
  version   BIGINT NOT NULL,                   -- the alert's version after it
  at        BIGINT NOT NULL
);
CREATE INDEX alert_events_alert ON alert_events(alert_id, seq);

INSERT INTO alarm_types VALUES
  ('medical','alarm','critical',1,'Alarme médicale','Medical alarm'),
  ('personal_emergency','alarm','critical',1,'Appel d''urgence','Personal emergency'),
  ('panic','alarm','critical',1,'Alarme panique','Panic alarm'),
  ('fall','alarm','critical',1,'Chute détectée','Fall detected'),
  ('fire','alarm','critical',1,'Alarme incendie','Fire alarm'),
  ('inactivity','alarm','high',1,'Absence d''activité','No activity'),
  ('low_battery','technical','medium',0,'Pile faible','Low battery'),
  ('mains_lost','technical','medium',0,'Coupure secteur','Mains power lost'),
  ('communication_failure','technical','high',0,'Défaut de transmission','Communication failure'),
  ('tamper','technical','medium',0,'Autoprotection','Tamper'),
  ('periodic_test','test','low',0,'Test cyclique','Periodic test'),
  ('restore','restore','low',0,'Retour à la normale','Restore'),
  ('cancel','restore','low',0,'Annulation par l''usager','Cancelled by the user');

INSERT INTO device_models VALUES
  ('generic','Transmetteur DC-09 (codes standard)',1,0),
  ('lampe-chute-102','Lampe connectée, détection de chute (CID 102)',1,0);

INSERT INTO device_codes VALUES
  ('generic','cid','100','medical'),
  ('generic','cid','101','personal_emergency'),
  ('generic','cid','110','fire'),
  ('generic','cid','111','fire'),
  ('generic','cid','120','panic'),
  ('generic','cid','121','panic'),
  ('generic','cid','122','panic'),
  ('generic','cid','123','panic'),
  ('generic','cid','137','tamper'),
  ('generic','cid','144','tamper'),
  ('generic','cid','301','mains_lost'),
  ('generic','cid','302','low_battery'),
  ('generic','cid','350','communication_failure'),
  ('generic','cid','354','communication_failure'),
  ('generic','cid','384','low_battery'),
  ('generic','cid','406','cancel'),
  ('generic','cid','602','periodic_test'),
  ('generic','cid','603','periodic_test'),
  ('generic','sia','MA','medical'),
  ('generic','sia','QA','personal_emergency'),
  ('generic','sia','PA','panic'),
  ('generic','sia','HA','panic'),
  ('generic','sia','FA','fire'),
  ('generic','sia','RP','periodic_test'),
  ('generic','sia','YT','low_battery'),
  ('generic','sia','XT','low_battery'),
  ('generic','sia','AT','mains_lost'),
  ('generic','sia','YC','communication_failure'),
  ('generic','sia','TA','tamper'),
  ('generic','sia','MH','restore'),
  ('generic','sia','AR','restore'),
  ('generic','sia','OC','cancel'),
  ('lampe-chute-102','cid','102','fall'),
  ('lampe-chute-102','cid','140','inactivity'),
  ('lampe-chute-102','sia','MF','fall');
