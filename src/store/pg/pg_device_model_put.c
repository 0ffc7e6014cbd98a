/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * device_model_put on PostgreSQL: expected_version 0 creates a device model (CONFLICT
 * when the id exists, by ON CONFLICT DO NOTHING so the caller's transaction stays
 * usable); any other version updates its label under optimistic concurrency (STALE
 * or NOT_FOUND). Either way the model's codes are then replaced by m->codes: a
 * DELETE and one INSERT of every code from parallel arrays (unnest), two round trips
 * whatever the size of the mapping. The stored version is expected_version + 1
 * (m->version is not read). Models are shared by every organisation: the change feed
 * row has org_id "".
 */
#include "pg_internal.h"

#include <limits.h>

/* Inserts the n > 0 codes of model id in one statement. */
static int
insert_codes(struct pg_conn *pc, struct lia_arena *a, const char *id,
	     const struct lia_device_code *codes, size_t n)
{
	const char **protocols = lia_arena_alloc(a, n * sizeof *protocols);
	const char **values = lia_arena_alloc(a, n * sizeof *values);
	const char **types = lia_arena_alloc(a, n * sizeof *types);
	for (size_t i = 0; i < n; i++) {
		/* pg_text_array writes NULL as "": refuse it here, as the NOT NULL columns
		 * do on SQLite, rather than store an empty code. */
		if (!codes[i].protocol || !codes[i].code || !codes[i].alarm_type) {
			LIA_BUG("store.pg.null_column", "op=device_model_put item=%zu", i);
			return LIA_STORE_ERROR;
		}
		protocols[i] = codes[i].protocol;
		values[i] = codes[i].code;
		types[i] = codes[i].alarm_type;
	}
	const char *p[] = {id, pg_text_array(a, protocols, (int)n),
			   pg_text_array(a, values, (int)n), pg_text_array(a, types, (int)n)};
	return pg_run(pc, "device_model_put.codes",
		      "INSERT INTO device_codes (model_id, protocol, code, alarm_type) "
		      "SELECT $1::text, * FROM unnest($2::text[], $3::text[], $4::text[])",
		      4, p, NULL);
}

/* Writes the model row: insert or versioned update. */
static int
put_model(struct pg_conn *pc, const struct lia_device_model *m, int64_t expected_version,
	  int64_t new_version)
{
	char nv[PG_I64_LEN], ev[PG_I64_LEN], at[PG_I64_LEN];
	const char *p[] = {m->id, m->label, pg_i64(nv, new_version), pg_i64(at, m->updated_at),
			   pg_i64(ev, expected_version)};
	int64_t rows = 0;
	int st;
	if (expected_version == 0) {
		st = pg_run(pc, "device_model_put.insert",
			    "INSERT INTO device_models (id, label, version, updated_at) "
			    "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
			    4, p, &rows);
		if (st == LIA_STORE_OK && rows == 0)
			st = LIA_STORE_CONFLICT;
		return st;
	}
	st = pg_run(pc, "device_model_put.update",
		    "UPDATE device_models SET label = $2, version = $3, updated_at = $4 "
		    "WHERE id = $1 AND version = $5",
		    5, p, &rows);
	if (st == LIA_STORE_OK && rows == 0)
		st = pg_stale_or_missing(pc, "device_model_put.why",
					 "SELECT 1 FROM device_models WHERE id = $1", m->id);
	return st;
}

int
pg_device_model_put(struct lia_conn *c, const struct lia_device_model *m, int64_t expected_version)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "device_model_put");
	if (st != LIA_STORE_OK)
		return st;
	/* pg_text_array counts in int; a model maps a few dozen codes. */
	if (m->ncodes > INT_MAX / 2) {
		LIA_BUG("store.pg.too_many", "op=device_model_put n=%zu", m->ncodes);
		return LIA_STORE_ERROR;
	}
	int64_t new_version = expected_version + 1;
	st = put_model(pc, m, expected_version, new_version);
	if (st != LIA_STORE_OK)
		return st;
	const char *p[] = {m->id};
	st = pg_run(pc, "device_model_put.clear", "DELETE FROM device_codes WHERE model_id = $1", 1,
		    p, NULL);
	if (st != LIA_STORE_OK)
		return st;
	if (m->ncodes > 0) {
		struct lia_arena *a = lia_arena_new();
		st = insert_codes(pc, a, m->id, m->codes, m->ncodes);
		lia_arena_free(a);
		if (st != LIA_STORE_OK)
			return st;
	}
	return pg_change_append(pc, "", "device_model", m->id,
				expected_version == 0 ? "insert" : "update", new_version);
}
