/* SPDX-License-Identifier: EUPL-1.2 */
/* The PostgreSQL plugin: fills the storage contract (store.h) with the pg_* operations. */
#include "store/store.h"

const struct lia_store_ops lia_store_pg = {
	.name = "postgresql",
};
