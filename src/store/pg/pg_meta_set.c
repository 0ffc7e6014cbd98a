/* SPDX-License-Identifier: EUPL-1.2 */
/* meta_set on PostgreSQL: inserts or replaces one installation setting. */
#include "pg_internal.h"

int
pg_meta_set(struct lia_conn *c, const char *key, const char *value)
{
	const char *p[] = {key, value};
	return pg_run(pg_of(c), "meta_set",
		      "INSERT INTO meta (key, value) VALUES ($1, $2) "
		      "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
		      2, p, NULL);
}
