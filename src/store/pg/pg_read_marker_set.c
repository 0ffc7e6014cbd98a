/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * read_marker_set on PostgreSQL: one upsert that only moves the marker forward. The
 * WHERE of DO UPDATE compares UUIDv7 ids in the COLLATE "C" column (byte order is time
 * order), so a reader's older page, sent late, leaves the marker where it is.
 */
#include "pg_internal.h"

int
pg_read_marker_set(struct lia_conn *c, const char *account_id, const char *client_id,
		   const char *org_id, const char *last_read_id, int64_t at)
{
	char when[PG_I64_LEN];
	const char *p[] = {account_id, client_id, org_id, last_read_id, pg_i64(when, at)};
	return pg_run(pg_of(c), "read_marker_set",
		      "INSERT INTO notebook_reads (account_id, client_id, org_id, last_read_id, "
		      "read_at) VALUES ($1, $2, $3, $4, $5) "
		      "ON CONFLICT (account_id, client_id) DO UPDATE "
		      "SET last_read_id = excluded.last_read_id, read_at = excluded.read_at "
		      "WHERE excluded.last_read_id > notebook_reads.last_read_id",
		      5, p, NULL);
}
