#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Fails when C sources under src/ or tests/ call a banned function:
# strcpy strcat sprintf vsprintf strtok atoi atol gets system rand srand.
# A call is the name as a whole identifier followed by optional blanks and
# '(' - snprintf, strtok_r, fgets, randombytes_buf are not matched, nor are
# member calls (s.rand(), p->system()). Comments (// and /* */, also across
# lines) and string/char literals are blanked before matching.
# Usage: check-banned.sh [root]   (default root: .)
# Prints each hit as file:line: text, then a one-line summary.
# Exit status: 0 no hits, 1 hits found, 2 usage error.

root=${1:-.}
if [ ! -d "$root" ]; then
	echo "check-banned: $root: not a directory" >&2
	exit 2
fi
cd "$root" || exit 2

set --
for d in src tests; do
	[ -d "$d" ] && set -- "$@" "$d"
done
if [ $# -eq 0 ]; then
	echo "check-banned: no src/ or tests/ under $root, nothing to check"
	exit 0
fi

# shellcheck disable=SC2016 # awk program: $0, $1 are awk's, not the shell's
prog='
function strip(s,    out, n, i, c, q) {
	out = ""
	n = length(s)
	i = 1
	while (i <= n) {
		c = substr(s, i, 1)
		if (incomment) {
			if (c == "*" && substr(s, i + 1, 1) == "/") {
				incomment = 0
				out = out " "
				i += 2
			} else {
				i++
			}
			continue
		}
		if (c == "/" && substr(s, i + 1, 1) == "*") {
			incomment = 1
			i += 2
			continue
		}
		if (c == "/" && substr(s, i + 1, 1) == "/")
			break
		if (c == "\"" || c == "\047") {
			q = c
			i++
			while (i <= n) {
				c = substr(s, i, 1)
				if (c == "\\") {
					i += 2
					continue
				}
				if (c == q)
					break
				i++
			}
			out = out q q
			i++
			continue
		}
		out = out c
		i++
	}
	return out
}
FNR == 1 { incomment = 0 }
{
	code = strip($0)
	re = "(^|[^A-Za-z0-9_])(strcpy|strcat|sprintf|vsprintf|strtok|atoi|atol|gets|system|rand|srand)[ \t]*\\("
	base = 0
	rest = code
	while (match(rest, re)) {
		pos = base + RSTART
		first = substr(code, pos, 1)
		member = (first == ".") || (first == ">" && pos > 1 && substr(code, pos - 1, 1) == "-")
		if (!member) {
			text = $0
			sub(/^[ \t]+/, "", text)
			print FILENAME ":" FNR ": " text
			next
		}
		# resume after the "(" so the next match needs its own prefix
		base += RSTART + RLENGTH - 1
		rest = substr(code, base + 1)
	}
}
'

nfiles=$(find "$@" -name node_modules -prune -o -type f \( -name '*.c' -o -name '*.h' \) -print | wc -l | tr -d ' ')
hits=$(find "$@" -name node_modules -prune -o -type f \( -name '*.c' -o -name '*.h' \) -exec awk "$prog" {} + |
	sort -t: -k1,1 -k2,2n)

if [ -n "$hits" ]; then
	printf '%s\n' "$hits"
	nhits=$(printf '%s\n' "$hits" | wc -l | tr -d ' ')
	nbad=$(printf '%s\n' "$hits" | cut -d: -f1 | sort -u | wc -l | tr -d ' ')
	echo "check-banned: $nhits banned call(s) in $nbad of $nfiles file(s)"
	exit 1
fi
echo "check-banned: no banned calls in $nfiles file(s)"
exit 0
