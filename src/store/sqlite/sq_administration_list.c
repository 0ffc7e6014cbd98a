/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * administration_list on SQLite: a client's administration records with slot_at in
 * [from, to), in (slot_at, id) order: the chart of a day or a week, as-needed doses
 * placed at the time they were given. Served by index administrations_client.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"SELECT id, org_id, client_id, prescription_id, series_id, due_at, slot_at, outcome, "
	"mode, occurred_at, recorded_at, late, organiser_id, reason, note, recorded_by, "
	"recorded_as, version FROM administrations "
	"WHERE client_id = ?1 AND slot_at >= ?2 AND slot_at < ?3 ORDER BY slot_at, id";

static void
read_administration(sqlite3_stmt *st, struct lia_arena *a, struct lia_administration *out)
{
	out->id = sq_col_text(a, st, 0);
	out->org_id = sq_col_text(a, st, 1);
	out->client_id = sq_col_text(a, st, 2);
	out->prescription_id = sq_col_text(a, st, 3);
	out->series_id = sq_col_text(a, st, 4);
	out->due_at = sqlite3_column_int64(st, 5);
	out->slot_at = sqlite3_column_int64(st, 6);
	out->outcome = sq_col_text(a, st, 7);
	out->mode = sq_col_text(a, st, 8);
	out->occurred_at = sqlite3_column_int64(st, 9);
	out->recorded_at = sqlite3_column_int64(st, 10);
	out->late = sqlite3_column_int(st, 11) != 0;
	out->organiser_id = sq_col_text(a, st, 12);
	out->reason = sq_col_text(a, st, 13);
	out->note = sq_col_text(a, st, 14);
	out->recorded_by = sq_col_text(a, st, 15);
	out->recorded_as = sq_col_text(a, st, 16);
	out->version = sqlite3_column_int64(st, 17);
}

int
sq_administration_list(struct lia_conn *lc, struct lia_arena *a, const char *client_id,
		       int64_t from, int64_t to, struct lia_administration **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "administration_list");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, client_id);
	sq_bind_int64(c, st, 2, from);
	sq_bind_int64(c, st, 3, to);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		read_administration(st, a, &(*items)[(*n)++]);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "administration_list");
	sq_reset(st);
	return status;
}
