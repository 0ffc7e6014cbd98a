/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * device_get on PostgreSQL: one tele-alarm device by id; also the row reader the
 * other device operations use (PG_DEVICE_COLS). active is a 0/1 BIGINT column.
 */
#include "pg_internal.h"

void
pg_device_read(struct lia_arena *a, const PGresult *r, int row, struct lia_device *out)
{
	out->id = pg_col_text(a, r, row, 0);
	out->org_id = pg_col_text(a, r, row, 1);
	out->client_id = pg_col_text(a, r, row, 2);
	out->account = pg_col_text(a, r, row, 3);
	out->protocol = pg_col_text(a, r, row, 4);
	out->model_id = pg_col_text(a, r, row, 5);
	out->label = pg_col_text(a, r, row, 6);
	out->key_sealed = pg_col_text(a, r, row, 7);
	out->key_format = pg_col_text(a, r, row, 8);
	out->supervision_s = pg_col_i64(r, row, 9);
	out->active = pg_col_i64(r, row, 10) != 0;
	out->last_seen_at = pg_col_i64(r, row, 11);
	out->last_path = pg_col_text(a, r, row, 12);
	out->silent_alert_at = pg_col_i64(r, row, 13);
	out->version = pg_col_i64(r, row, 14);
	out->created_at = pg_col_i64(r, row, 15);
	out->created_by = pg_col_text(a, r, row, 16);
}

int
pg_device_get(struct lia_conn *c, struct lia_arena *a, const char *id, struct lia_device *out)
{
	const char *p[] = {id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "device_get",
			 "SELECT " PG_DEVICE_COLS " FROM devices WHERE id = $1", 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0)
		st = LIA_STORE_NOT_FOUND;
	else
		pg_device_read(a, r, 0, out);
	PQclear(r);
	return st;
}
