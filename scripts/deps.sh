#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Installs the Debian packages Liaison needs, only those missing.
#   scripts/deps.sh run     build and run (default)
#   scripts/deps.sh test    + PostgreSQL server, cmocka
#   scripts/deps.sh bench   + wrk
#   scripts/deps.sh fuzz    + clang with libFuzzer
set -eu
profile=${1:-run}
pkgs="gcc make meson ninja-build pkg-config python3 libmicrohttpd-dev libcjson-dev libsodium-dev libsqlite3-dev libpq-dev libglib2.0-dev libxml2-dev nettle-dev tzdata libxml2-utils \
	libcairo2-dev libpango1.0-dev fonts-dejavu-core fonts-droid-fallback"
case "$profile" in
	run) ;;
	test) pkgs="$pkgs libcmocka-dev postgresql sqlite3 cppcheck poppler-utils qpdf"
		# The DC-09 interoperability test runs iobroker.sia under Node.js; the
		# machine's own Node.js is used when there is one.
		command -v npm >/dev/null 2>&1 || pkgs="$pkgs nodejs npm" ;;
	bench) pkgs="$pkgs wrk curl sqlite3 postgresql" ;;
	fuzz) pkgs="$pkgs clang libclang-rt-14-dev" ;;
	*) echo "deps.sh: unknown profile $profile (run, test, bench, fuzz)" >&2; exit 2 ;;
esac
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo=sudo; else
	echo "deps: need root to install:$missing (run: apt-get install$missing)" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
