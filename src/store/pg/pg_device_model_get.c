/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * device_model_get on PostgreSQL: one device model with its code mapping. The model
 * and its codes come from one statement (a LEFT JOIN, one row per code), so they are
 * read in one snapshot even outside a transaction. Also the reader that
 * device_model_list uses to gather each model's rows.
 */
#include "pg_internal.h"

#include <string.h>

void
pg_device_model_read(struct lia_arena *a, const PGresult *r, int *row, struct lia_device_model *out)
{
	int first = *row, rows = PQntuples(r);
	const char *id = PQgetvalue(r, first, 0);
	int end = first + 1;
	while (end < rows && strcmp(PQgetvalue(r, end, 0), id) == 0)
		end++;
	out->id = pg_col_text(a, r, first, 0);
	out->label = pg_col_text(a, r, first, 1);
	out->version = pg_col_i64(r, first, 2);
	out->updated_at = pg_col_i64(r, first, 3);
	out->codes = NULL;
	out->ncodes = 0;
	/* A model without codes has one row whose code columns are NULL. */
	if (!PQgetisnull(r, first, 4)) {
		out->ncodes = (size_t)(end - first);
		out->codes = lia_arena_alloc(a, out->ncodes * sizeof *out->codes);
		for (int i = first; i < end; i++) {
			struct lia_device_code *dc = &out->codes[i - first];
			dc->protocol = pg_col_text(a, r, i, 4);
			dc->code = pg_col_text(a, r, i, 5);
			dc->alarm_type = pg_col_text(a, r, i, 6);
		}
	}
	*row = end;
}

int
pg_device_model_get(struct lia_conn *c, struct lia_arena *a, const char *id,
		    struct lia_device_model *out)
{
	const char *p[] = {id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "device_model_get",
			 PG_DEVICE_MODEL_SQL "WHERE m.id = $1" PG_DEVICE_MODEL_ORDER, 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0) {
		st = LIA_STORE_NOT_FOUND;
	} else {
		int row = 0;
		pg_device_model_read(a, r, &row, out);
	}
	PQclear(r);
	return st;
}
