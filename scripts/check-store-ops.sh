#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Fails when a store operation file exists on one backend only:
# src/store/sqlite/sq_<op>.c must pair with src/store/pg/pg_<op>.c.
root=${1:-.}
status=0
sq=$(cd "$root/src/store/sqlite" && ls sq_*.c 2>/dev/null | sed 's/^sq_//' | sort)
pg=$(cd "$root/src/store/pg" && ls pg_*.c 2>/dev/null | sed 's/^pg_//' | sort)
for op in $sq; do
	echo "$pg" | grep -qx "$op" || { echo "check-store-ops: sq_$op has no pg_$op" >&2; status=1; }
done
for op in $pg; do
	echo "$sq" | grep -qx "$op" || { echo "check-store-ops: pg_$op has no sq_$op" >&2; status=1; }
done
# A developer building one backend's side first may set LIA_STORE_OPS_UNPAIRED_OK=1;
# CI never does.
[ "$status" -ne 0 ] && [ "${LIA_STORE_OPS_UNPAIRED_OK:-}" = 1 ] && { echo "check-store-ops: unpaired operations allowed by LIA_STORE_OPS_UNPAIRED_OK" >&2; exit 0; }
exit $status
