#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Short libFuzzer runs of every tests/fuzz/fuzz_*.c target (clang, ASan + UBSan).
#   scripts/fuzz.sh [SECONDS per target, default 30]
# New inputs go to a scratch corpus seeded from tests/fuzz/corpus/<target>/; a crash
# leaves its input in build-fuzz/artifacts/ and fails the run. Add crashing inputs to
# the repository corpus once fixed, so `make test` replays them forever.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-${FUZZ_SECONDS:-30}}
scripts/deps.sh fuzz   # clang and its libFuzzer runtime, when missing
if [ ! -d build-fuzz ]; then
	CC=clang meson setup build-fuzz --buildtype=debugoptimized -Dfuzz=true \
		-Db_sanitize=address,undefined -Db_lundef=false >/dev/null
fi
ninja -C build-fuzz >/dev/null
mkdir -p build-fuzz/artifacts
status=0
for src in tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	scratch=$(mktemp -d)
	cp -r "tests/fuzz/corpus/$name/." "$scratch/" 2>/dev/null || true
	echo "fuzz: $name for ${seconds}s"
	if ! "build-fuzz/tests/fuzz/$name" -max_total_time="$seconds" -max_len=8192 \
		-artifact_prefix=build-fuzz/artifacts/"$name"- "$scratch" >"build-fuzz/$name.log" 2>&1; then
		echo "fuzz: $name FAILED (see build-fuzz/$name.log and build-fuzz/artifacts/)"
		status=1
	else
		tail -n 1 "build-fuzz/$name.log"
	fi
	rm -rf "$scratch"
done
exit $status
