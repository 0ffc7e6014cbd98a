/* SPDX-License-Identifier: EUPL-1.2 */
/* The SQLite plugin: fills the storage contract (store.h) with the sq_* operations. */
#include "store/store.h"

const struct lia_store_ops lia_store_sqlite = {
	.name = "sqlite",
};
