/* SPDX-License-Identifier: EUPL-1.2 */
/* read_marker_get on PostgreSQL: the newest entry id a reader has seen in a client's
 * notebook; NOT_FOUND when the reader never opened it. */
#include "pg_internal.h"

int
pg_read_marker_get(struct lia_conn *c, struct lia_arena *a, const char *account_id,
		   const char *client_id, const char **last_read_id)
{
	*last_read_id = NULL;
	const char *p[] = {account_id, client_id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "read_marker_get",
			 "SELECT last_read_id FROM notebook_reads "
			 "WHERE account_id = $1 AND client_id = $2",
			 2, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0)
		st = LIA_STORE_NOT_FOUND;
	else
		*last_read_id = pg_col_text(a, r, 0, 0);
	PQclear(r);
	return st;
}
