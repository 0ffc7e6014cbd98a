/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * device_model_list on PostgreSQL: every device model with its codes, ordered by id
 * (a handful of models: no paging). One statement, one row per code, grouped here
 * by pg_device_model_read.
 */
#include "pg_internal.h"

int
pg_device_model_list(struct lia_conn *c, struct lia_arena *a, struct lia_device_model **items,
		     size_t *n)
{
	*items = NULL;
	*n = 0;
	PGresult *r;
	int st = pg_exec(pg_of(c), "device_model_list", PG_DEVICE_MODEL_SQL PG_DEVICE_MODEL_ORDER,
			 0, NULL, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	/* At most one model per row; the unused tail of the array stays unused. */
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	int row = 0;
	size_t k = 0;
	while (row < rows)
		pg_device_model_read(a, r, &row, &(*items)[k++]);
	*n = k;
	PQclear(r);
	return LIA_STORE_OK;
}
