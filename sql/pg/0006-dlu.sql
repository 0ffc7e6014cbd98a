-- SPDX-License-Identifier: EUPL-1.2
-- The emergency liaison file (DLU, HAS 2015 model): each client's DLU fields that no
-- other part of the record holds (médecin traitant, personne de confiance, advance
-- directives, functional observations, vaccinations...) as one versioned JSON object
-- whose fields and access categories domain/dlu.c lists, and the transfers to the
-- emergency department (what the transfer sheet records at the time). Both write
-- change-feed rows ("dlu" keyed by the client id, "transfer" by its id), so an
-- incremental export regenerates the client's DLU.
-- Paired with sql/sqlite/0006-dlu.sql.

-- One row per client; data is replaced whole at the version the editor read.
CREATE TABLE dlus (
  client_id  TEXT COLLATE "C" PRIMARY KEY REFERENCES clients(id),
  org_id     TEXT COLLATE "C" NOT NULL REFERENCES orgs(id),
  data       TEXT NOT NULL,                     -- JSON object, domain/dlu.h
  version    BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by TEXT COLLATE "C" NOT NULL REFERENCES accounts(id)
);

-- A transfer to the emergency department. Never updated: a sheet printed and handed
-- to the ambulance is not rewritten afterwards.
CREATE TABLE transfers (
  id         TEXT COLLATE "C" PRIMARY KEY,
  client_id  TEXT COLLATE "C" NOT NULL REFERENCES clients(id),
  org_id     TEXT COLLATE "C" NOT NULL REFERENCES orgs(id),
  data       TEXT NOT NULL,                     -- JSON object, domain/dlu.h
  created_at BIGINT NOT NULL,
  created_by TEXT COLLATE "C" NOT NULL REFERENCES accounts(id)
);
CREATE INDEX transfers_client ON transfers(client_id, created_at);
