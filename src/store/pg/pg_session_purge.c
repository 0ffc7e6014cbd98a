/* SPDX-License-Identifier: EUPL-1.2 */
/* session_purge on PostgreSQL: deletes sessions that expired before an instant. */
#include "pg_internal.h"

int
pg_session_purge(struct lia_conn *c, int64_t before, int64_t *deleted)
{
	char when[PG_I64_LEN];
	const char *p[] = {pg_i64(when, before)};
	int64_t rows = 0;
	int st = pg_run(pg_of(c), "session_purge", "DELETE FROM sessions WHERE expires_at < $1", 1,
			p, &rows);
	if (deleted)
		*deleted = st == LIA_STORE_OK ? rows : 0;
	return st;
}
