/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Migrations compiled into the binary from sql/<backend>/NNNN-topic.sql by
 * scripts/embed-sql.py. Numbered, append-only, paired between the two backends.
 */
#ifndef LIA_STORE_MIGRATIONS_H
#define LIA_STORE_MIGRATIONS_H

#include <stddef.h>

struct lia_migration {
	int number;
	const char *name;   /* "0001-foundation" */
	const char *sql;
};

extern const struct lia_migration lia_migrations_sqlite[];
extern const size_t lia_migrations_sqlite_count;
extern const struct lia_migration lia_migrations_pg[];
extern const size_t lia_migrations_pg_count;

#endif
