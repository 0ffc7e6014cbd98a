/* SPDX-License-Identifier: EUPL-1.2 */
/* audit_head on PostgreSQL: the last sequence number of the journal and its hash. */
#include "pg_internal.h"

#include <string.h>

#include "store/audit_chain.h"

int
pg_audit_head(struct lia_conn *c, int64_t *seq, char hash[LIA_HASH_HEX_LEN + 1])
{
	*seq = 0;
	memcpy(hash, LIA_AUDIT_GENESIS, LIA_HASH_HEX_LEN + 1);
	PGresult *r;
	int st = pg_exec(pg_of(c), "audit_head", "SELECT seq, hash FROM audit_head WHERE id = 1", 0,
			 NULL, &r);
	if (st != LIA_STORE_OK)
		return st;
	/* The migration seeds the row; without it the chain is still at genesis. */
	if (PQntuples(r) == 1 && PQgetlength(r, 0, 1) == LIA_HASH_HEX_LEN) {
		*seq = pg_col_i64(r, 0, 0);
		memcpy(hash, PQgetvalue(r, 0, 1), LIA_HASH_HEX_LEN + 1);
	}
	PQclear(r);
	return LIA_STORE_OK;
}
