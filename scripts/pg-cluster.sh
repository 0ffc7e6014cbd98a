#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# A private, throw-away PostgreSQL cluster for the store contract tests. PostgreSQL
# refuses to run as root, so the cluster lives in a directory owned by the `postgres`
# system user (Debian's package) and every server command runs through runuser. It
# listens only on a Unix socket inside that directory: no port, no system service, and
# `stop` leaves nothing behind.
#
#   scripts/pg-cluster.sh start [DIR]      creates DIR (or a fresh mkdtemp), prints the URL
#   scripts/pg-cluster.sh createdb DIR [NAME] creates an empty database, prints its URL
#                                          (NAME defaults to $LIAISON_TEST_DBNAME, else
#                                          a fresh unique name)
#   scripts/pg-cluster.sh stop DIR         stops the server and removes DIR
#
# Only the URL goes to stdout, so `url=$(scripts/pg-cluster.sh start)` works.
set -eu

PGUSER_SYS=postgres

die() {
	echo "pg-cluster: $*" >&2
	exit 1
}

find_bindir() {
	if [ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/initdb" ]; then
		echo "$PG_BINDIR"
		return
	fi
	# Newest installed major version first.
	for d in $(printf "%s\n" /usr/lib/postgresql/*/bin | sort -t/ -k4 -n -r); do
		if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
			echo "$d"
			return
		fi
	done
	die "PostgreSQL server is not installed (no /usr/lib/postgresql/*/bin/initdb); on Debian: apt-get install postgresql"
}

as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		# From /: the caller's working directory may be closed to the server user.
		(cd / && runuser -u "$PGUSER_SYS" -- "$@")
	else
		"$@"
	fi
}

url_for() {
	# libpq takes the socket directory as host= in the query part of the URL.
	echo "postgresql:///$2?host=$1&user=$PGUSER_SYS"
}

check_name() {
	case "$1" in
	'' | *[!A-Za-z0-9_]*) die "database name must be [A-Za-z0-9_]+: '$1'" ;;
	esac
}

check_dir() {
	[ -n "$1" ] || die "missing DIR"
	[ -f "$1/data/PG_VERSION" ] || die "$1 is not a cluster made by this script"
}

cmd_start() {
	bindir=$(find_bindir)
	if [ "$(id -u)" -eq 0 ]; then
		id "$PGUSER_SYS" >/dev/null 2>&1 || die "no '$PGUSER_SYS' system user (install the postgresql package)"
	fi
	if [ -n "${1:-}" ]; then
		dir=$1
		mkdir -p "$dir"
		[ -z "$(ls -A "$dir")" ] || die "$dir is not empty"
	else
		dir=$(mktemp -d /tmp/liaison-pg.XXXXXX)
	fi
	dir=$(cd "$dir" && pwd)
	# From here on, a failure must not leave a half-made cluster behind.
	trap 'as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
	# DIR goes into the URL as is, and a Unix socket path is limited to 107 bytes
	# ("DIR/.s.PGSQL.5432").
	case "$dir" in
	*[!A-Za-z0-9/._-]*) die "$dir: use only letters, digits and / . _ - in DIR" ;;
	esac
	[ ${#dir} -le 80 ] || die "$dir is too long for a Unix socket path"
	chmod 0700 "$dir"
	# The server user must be able to reach DIR: /tmp is world-traversable.
	if [ "$(id -u)" -eq 0 ]; then
		chown "$PGUSER_SYS:" "$dir"
		as_pg test -x "$dir" || die "$PGUSER_SYS cannot reach $dir (a parent directory is not traversable)"
	fi
	as_pg "$bindir/initdb" -D "$dir/data" -U "$PGUSER_SYS" -A trust -E UTF8 \
		--locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; die "initdb failed"; }
	cat >>"$dir/data/postgresql.conf" <<EOF
# pg-cluster.sh: private test cluster
listen_addresses = ''
unix_socket_directories = '$dir'
fsync = on
synchronous_commit = on
max_connections = 50
shared_buffers = 32MB
EOF
	as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null ||
		{ cat "$dir/server.log" >&2; die "server did not start"; }
	as_pg "$bindir/pg_isready" -q -h "$dir" -t 30 || die "server not ready"
	as_pg "$bindir/createdb" -h "$dir" -U "$PGUSER_SYS" liaison || die "createdb failed"
	trap - EXIT
	url_for "$dir" liaison
}

cmd_createdb() {
	dir=${1:-}
	# Without NAME: the API harness's LIAISON_TEST_DBNAME, else a fresh unique name.
	name=${2:-${LIAISON_TEST_DBNAME:-}}
	check_dir "$dir"
	if [ -z "$name" ]; then
		name=db_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
	fi
	check_name "$name"
	dir=$(cd "$dir" && pwd)
	bindir=$(find_bindir)
	as_pg "$bindir/createdb" -h "$dir" -U "$PGUSER_SYS" "$name" || die "createdb $name failed"
	url_for "$dir" "$name"
}

cmd_stop() {
	dir=${1:-}
	check_dir "$dir"
	bindir=$(find_bindir)
	# Fast shutdown: test sessions are disconnected, the server exits cleanly.
	as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 ||
		as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$dir"
}

case "${1:-}" in
start) shift; cmd_start "$@" ;;
createdb) shift; cmd_createdb "$@" ;;
stop) shift; cmd_stop "$@" ;;
*) echo "usage: $0 start [DIR] | createdb DIR [NAME] | stop DIR" >&2; exit 2 ;;
esac
