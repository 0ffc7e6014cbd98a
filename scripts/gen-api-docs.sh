#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Regenerates the part of docs/api.md between the "generated" markers from the
# route table, policy table and error registry (`liaison routes`).
set -eu
bin=${1:-build/liaison}
doc=docs/api.md
tmp=$(mktemp)
"$bin" routes > "$tmp.gen"
awk -v gen="$tmp.gen" '
	/<!-- generated:start -->/ { print; while ((getline line < gen) > 0) print line; skip = 1; next }
	/<!-- generated:end -->/ { skip = 0 }
	!skip { print }
' "$doc" > "$tmp"
mv "$tmp" "$doc"
rm -f "$tmp.gen"
echo "docs/api.md updated from $bin routes"
