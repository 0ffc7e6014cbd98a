/* SPDX-License-Identifier: EUPL-1.2 */
/* audit_head on SQLite: the chain's last seq and hash (0 and the genesis when empty). */
#include "store/sqlite/sq_internal.h"

#include <stdio.h>

#include "store/audit_chain.h"

static const char sql[] = "SELECT seq, hash FROM audit_head WHERE id = 1";

int
sq_audit_head(struct lia_conn *lc, int64_t *seq, char hash[LIA_HASH_HEX_LEN + 1])
{
	struct sq_conn *c = sq_conn(lc);
	*seq = 0;
	snprintf(hash, LIA_HASH_HEX_LEN + 1, "%s", LIA_AUDIT_GENESIS);
	sqlite3_stmt *st = sq_stmt(c, sql, "audit_head");
	if (!st)
		return LIA_STORE_ERROR;
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW) {
		*seq = sqlite3_column_int64(st, 0);
		if (!sq_col_copy(st, 1, hash, LIA_HASH_HEX_LEN + 1))
			status = sq_status(c, SQLITE_CORRUPT, "audit_head");
	} else if (rc != SQLITE_DONE) {
		status = sq_status(c, rc, "audit_head");
	}
	sq_reset(st);
	return status;
}
