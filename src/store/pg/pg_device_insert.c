/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * device_insert on PostgreSQL: registers a tele-alarm device and appends the change
 * feed row. ON CONFLICT DO NOTHING without a target covers the primary key and the
 * unique account, so registering an account twice is a CONFLICT that leaves the
 * caller's transaction usable. Every column is written as given, the link state
 * (last_seen_at, last_path, silent_alert_at) included.
 */
#include "pg_internal.h"

int
pg_device_insert(struct lia_conn *c, const struct lia_device *d)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "device_insert");
	if (st != LIA_STORE_OK)
		return st;
	char sup[PG_I64_LEN], seen[PG_I64_LEN], silent[PG_I64_LEN], v[PG_I64_LEN], at[PG_I64_LEN];
	const char *p[] = {d->id,
			   d->org_id,
			   d->client_id,
			   d->account,
			   d->protocol,
			   d->model_id,
			   d->label,
			   d->key_sealed,
			   d->key_format,
			   pg_i64(sup, d->supervision_s),
			   pg_flag(d->active),
			   pg_i64(seen, d->last_seen_at),
			   d->last_path,
			   pg_i64(silent, d->silent_alert_at),
			   pg_i64(v, d->version),
			   pg_i64(at, d->created_at),
			   d->created_by};
	int64_t rows = 0;
	st = pg_run(pc, "device_insert",
		    "INSERT INTO devices (" PG_DEVICE_COLS ") VALUES ($1, $2, $3, $4, $5, $6, "
		    "$7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) ON CONFLICT DO NOTHING",
		    17, p, &rows);
	if (st != LIA_STORE_OK)
		return st;
	if (rows == 0)
		return LIA_STORE_CONFLICT;
	return pg_change_append(pc, d->org_id, "device", d->id, "insert", d->version);
}
