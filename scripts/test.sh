#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# The whole test suite (`make test`): builds with ASan+UBSan, then runs
#   checks (banned functions, store operations on both sides), unit tests,
#   the store contract on SQLite and on a private PostgreSQL cluster,
#   the black-box API suite on both backends, and the fuzz corpora.
# Every program prints a closing "N passed, M failed" line; this script adds them
# up and ends with the total. Exit status 1 when anything failed.
set -u
cd "$(dirname "$0")/.."
root=$(pwd)
build=${LIAISON_TEST_BUILD:-build-test}
passed=0
failed=0
failures=()

say() { printf '\n== %s\n' "$*"; }

# Runs a command, echoes its output, and adds its closing counts.
count() {
	local name=$1; shift
	local out rc line p f
	out=$("$@" 2>&1); rc=$?
	printf '%s\n' "$out" | tail -n 40
	line=$(printf '%s\n' "$out" | sed -E 's/^[a-z-]+: ([0-9]+ passed)/\1/' |
		grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
	if [ -n "$line" ]; then
		p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
		f=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
	else
		p=0; f=1
	fi
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	passed=$((passed + p)); failed=$((failed + f))
	[ "$f" -gt 0 ] && failures+=("$name")
	return 0
}

# A check without its own counts: one test.
check() {
	local name=$1; shift
	if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$name"); fi
}

say "build ($build, ASan + UBSan)"
if [ ! -d "$build" ]; then
	meson setup "$build" --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false \
		"-Dc_args=-fno-sanitize-recover=all -DLIA_FAULT_INJECTION" >/dev/null || exit 1
else
	meson setup --reconfigure "$build" >/dev/null || exit 1
fi
ninja -C "$build" || { echo "0 passed, 1 failed"; exit 1; }

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

say "static checks"
check banned-functions scripts/check-banned.sh .
check store-ops-paired scripts/check-store-ops.sh .
check cppcheck cppcheck --quiet --std=c11 --enable=warning,portability --inline-suppr \
	--error-exitcode=1 -I src -D_DEFAULT_SOURCE src


say "unit tests"
for t in "$build"/tests/unit/test_*; do
	[ -x "$t" ] && [ -f "$t" ] || continue
	count "$(basename "$t")" "$t"
done

say "store contract: SQLite"
for t in "$build"/tests/store/test_store_*; do
	[ -x "$t" ] && [ -f "$t" ] || continue
	count "store-sqlite $(basename "$t")" "$t"
done

pgdir=""
cleanup() { [ -n "$pgdir" ] && scripts/pg-cluster.sh stop "$pgdir" >/dev/null 2>&1; }
trap cleanup EXIT INT TERM
if [ "${LIAISON_TEST_PG:-1}" = 1 ]; then
	say "PostgreSQL: private cluster"
	pgdir=$(mktemp -d /tmp/liaison-pg.XXXXXX)
	if pgurl=$(scripts/pg-cluster.sh start "$pgdir"); then
		say "store contract: PostgreSQL"
		for t in "$build"/tests/store/test_store_*; do
			[ -x "$t" ] && [ -f "$t" ] || continue
			url=$(scripts/pg-cluster.sh createdb "$pgdir" "$(basename "$t")")
			count "store-pg $(basename "$t")" env LIAISON_TEST_DATABASE_URL="$url" "$t"
		done
	else
		echo "PostgreSQL cluster did not start"; failed=$((failed + 1)); failures+=("pg-cluster")
		pgdir=""
	fi
fi

say "API: SQLite"
count api-sqlite python3 tests/api/run.py --liaison "$build/liaison"
if [ -n "$pgdir" ]; then
	say "API: PostgreSQL"
	count api-pg python3 tests/api/run.py --liaison "$build/liaison" \
		--createdb-cmd "$root/scripts/pg-cluster.sh createdb $pgdir"
fi

say "DC-09 interoperability: our sender against iobroker.sia (npm)"
if (cd tests/interop && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error); then
	count interop python3 tests/interop/run.py --tool "$build/dc09-tool"
else
	echo "npm ci failed in tests/interop"; failed=$((failed + 1)); failures+=("interop")
fi

say "fuzz corpora"
for t in "$build"/tests/fuzz/fuzz_*_replay; do
	[ -x "$t" ] || continue
	name=$(basename "$t" _replay)
	count "$name" "$t" "tests/fuzz/corpus/$name"
done

echo
[ ${#failures[@]} -gt 0 ] && echo "failing: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
