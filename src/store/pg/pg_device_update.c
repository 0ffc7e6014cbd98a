/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * device_update on PostgreSQL: installs a device at a client's, moves it back to
 * stock, changes its model, key or supervision, under optimistic concurrency (STALE
 * or NOT_FOUND). The account, the owner and the link state are not written: the
 * account is the device's identity on the wire, and the link state belongs to
 * device_touch and device_mark_silent, which run beside this without a version.
 * Appends the change feed row with the new version expected_version + 1.
 */
#include "pg_internal.h"

int
pg_device_update(struct lia_conn *c, const struct lia_device *d, int64_t expected_version)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "device_update");
	if (st != LIA_STORE_OK)
		return st;
	int64_t new_version = expected_version + 1;
	char ev[PG_I64_LEN], nv[PG_I64_LEN], sup[PG_I64_LEN];
	const char *p[] = {d->id,
			   pg_i64(ev, expected_version),
			   pg_i64(nv, new_version),
			   d->client_id,
			   d->protocol,
			   d->model_id,
			   d->label,
			   d->key_sealed,
			   d->key_format,
			   pg_i64(sup, d->supervision_s),
			   pg_flag(d->active)};
	PGresult *r;
	st = pg_exec(pc, "device_update",
		     "UPDATE devices SET version = $3, client_id = $4, protocol = $5, "
		     "model_id = $6, label = $7, key_sealed = $8, key_format = $9, "
		     "supervision_s = $10, active = $11 WHERE id = $1 AND version = $2 "
		     "RETURNING org_id",
		     11, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return pg_stale_or_missing(pc, "device_update.why",
					   "SELECT 1 FROM devices WHERE id = $1", d->id);
	}
	st = pg_change_append(pc, PQgetvalue(r, 0, 0), "device", d->id, "update", new_version);
	PQclear(r);
	return st;
}
