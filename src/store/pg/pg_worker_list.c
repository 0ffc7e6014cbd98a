/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * worker_list on PostgreSQL: the field workers of a subtree: enabled staff accounts
 * holding an aide, aide_soignant or nurse role on a node whose path starts with
 * path_prefix, each once (the roles are an EXISTS, not a join), with their profile
 * when they have one. A missing profile reads as the contract's defaults: no
 * qualifications, no availability, no coordinates, version 0, the account's own
 * organisation. The prefix is compared with starts_with(), never LIKE, so a path
 * holding % or _ cannot widen the scope. Ordered by account id in byte order.
 */
#include "pg_internal.h"

static const char sql[] =
	"SELECT a.id, coalesce(w.org_id, a.org_id COLLATE \"C\"), a.display_name, "
	"coalesce(w.qualifications, '[]'), coalesce(w.has_coords, 0), w.latitude, "
	"w.longitude, coalesce(w.availability, '[]'), coalesce(w.version, 0), "
	"coalesce(w.updated_at, 0) "
	"FROM accounts a LEFT JOIN worker_profiles w ON w.account_id = a.id COLLATE \"C\" "
	"WHERE a.kind = 'staff' AND NOT a.disabled "
	"AND ($2::text IS NULL OR a.id = $2) "
	"AND EXISTS (SELECT 1 FROM account_roles r JOIN orgs o ON o.id = r.org_id "
	"  WHERE r.account_id = a.id AND r.role IN ('aide', 'aide_soignant', 'nurse') "
	"  AND starts_with(o.path, $1)) "
	"ORDER BY a.id COLLATE \"C\"";

static void
read_worker(struct lia_arena *a, const PGresult *r, int row, struct lia_worker *out)
{
	out->account_id = pg_col_text(a, r, row, 0);
	out->org_id = pg_col_text(a, r, row, 1);
	out->display_name = pg_col_text(a, r, row, 2);
	out->qualifications = pg_col_text(a, r, row, 3);
	out->has_coords = pg_col_i64(r, row, 4) != 0;
	out->latitude = pg_col_f64(r, row, 5, 0);
	out->longitude = pg_col_f64(r, row, 6, 0);
	out->availability = pg_col_text(a, r, row, 7);
	out->version = pg_col_i64(r, row, 8);
	out->updated_at = pg_col_i64(r, row, 9);
}

int
pg_worker_list(struct lia_conn *c, struct lia_arena *a, const char *path_prefix,
	       const char *account_id, struct lia_worker **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	const char *p[] = {path_prefix ? path_prefix : "", account_id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "worker_list", sql, 2, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		read_worker(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
