#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
#
# The notebook scenario of `make bench` (bench/README.md), called by bench/run.sh after
# the main scenario, or alone: reading the 50 newest entries of a client whose notebook
# holds 5,000 entries and appending entries, on SQLite and on PostgreSQL, each against
# the bare GET /healthz of the same run and server.
#   Per backend (a child process of this script: its own trap stops the server and the
#   private PostgreSQL cluster and removes its temp dir, also on failure):
#     1. fresh temp dir, 1,000 demo clients (PostgreSQL: scripts/pg-cluster.sh start,
#        --database URL for demo and serve), server on a free loopback port;
#     2. usager's linked client; its notebook filled to 5,000 entries through the API
#        as aide (notebook_setup.py, a few keep-alive connections);
#     3. interleaved rounds of GET /healthz and GET .../notebook?limit=50 as infirmier
#        (nb-read.lua: audited, group commit) on the 5,000-entry notebook, then
#        interleaved rounds of GET /healthz and POST .../notebook as aide
#        (nb-append.lua: 201 only); counters around every measured run (snapshot.py,
#        and others.py for the load of other work on the machine);
#     4. the entries counted in the database: before the rounds + every entry appended;
#        a few single reads timed on the 5,000-entry and on the grown notebook.
#   Then summarize_notebook.py adds a "notebook" section to bench/results/latest.json,
#   a table to latest.md and one line per backend to history-notebook.tsv.
# Exit status: 0 when every backend measured is valid; 1 when a step failed or a
# measurement is not valid. A backend that cannot run here (PostgreSQL not installed)
# is reported as "unavailable", not an error (BENCH_NB_REQUIRE_PG=1 makes it one).
# About 2 minutes per backend with the defaults.
#
# Settings (environment):
#   BENCH_NB_BACKENDS="sqlite postgresql"
#   BENCH_NB_ROUNDS=3 BENCH_NB_DURATION=8 BENCH_NB_WARMUP=2    rounds, seconds per run
#   BENCH_WRK_THREADS=2 BENCH_CONNECTIONS=64                    wrk load (as run.sh)
#   BENCH_NB_CLIENTS=1000 BENCH_NB_ENTRIES=5000 BENCH_NB_LIMIT=50
#   BENCH_NB_FILL_CONNECTIONS=4                                 connections of the fill
#   BENCH_SERVER_THREADS=0 BENCH_PIN=0 BENCH_BUILD_DIR=build-bench BENCH_KEEP=0
#   BENCH_NB_SKIP_BUILD=0                                       1: run.sh has just built
set -Eeuo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export BENCH_DIR
ROOT=$(cd "$BENCH_DIR/.." && pwd)
RESULTS=${BENCH_NB_RESULTS:-$BENCH_DIR/results} # another dir for trial runs

BACKENDS=${BENCH_NB_BACKENDS:-"sqlite postgresql"}
ROUNDS=${BENCH_NB_ROUNDS:-3}
DURATION=${BENCH_NB_DURATION:-8}
WARMUP=${BENCH_NB_WARMUP:-2}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
CLIENTS=${BENCH_NB_CLIENTS:-1000}
ENTRIES=${BENCH_NB_ENTRIES:-5000}
LIMIT=${BENCH_NB_LIMIT:-50}
FILL_CONNS=${BENCH_NB_FILL_CONNECTIONS:-4}
SERVER_THREADS=${BENCH_SERVER_THREADS:-0}
PIN=${BENCH_PIN:-0}
BUILD_DIR=${BENCH_BUILD_DIR:-build-bench}
KEEP=${BENCH_KEEP:-0}
BIN="$ROOT/$BUILD_DIR/liaison"
export BENCH_NB_LIMIT=$LIMIT

say() { printf 'bench: notebook: %s\n' "$*" >&2; }

# ================================================================================
# Child: one backend. $NB_WORK/$backend/ receives setup.json, runs.jsonl, status.
# ================================================================================
if [ "${1:-}" = "--backend" ]; then
	backend=$2
	OUT="$NB_WORK/$backend"
	mkdir -p "$OUT"
	step="start"
	TMP="" PGDIR="" SERVER_PID="" POSTMASTER=""
	die() {
		say "[$backend] FAILED at step '$step': $*"
		printf 'failed\t%s\n' "$step: $*" >"$OUT/status"
		exit 1
	}
	# shellcheck disable=SC2317 # called through the EXIT trap
	cleanup() {
		local rc=$?
		trap - EXIT
		if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
			kill -TERM "$SERVER_PID" 2>/dev/null || true
			for _ in $(seq 1 50); do
				kill -0 "$SERVER_PID" 2>/dev/null || break
				sleep 0.1
			done
			if kill -0 "$SERVER_PID" 2>/dev/null; then
				say "[$backend] server $SERVER_PID did not stop on SIGTERM; sending SIGKILL"
				kill -KILL "$SERVER_PID" 2>/dev/null || true
			fi
			wait "$SERVER_PID" 2>/dev/null || true
		fi
		if [ "$rc" -ne 0 ] && [ -n "$TMP" ] && [ -s "$TMP/server.log" ]; then
			say "[$backend] last server log lines:"
			tail -n 20 "$TMP/server.log" >&2 || true
		fi
		if [ -n "$PGDIR" ] && [ -f "$PGDIR/data/PG_VERSION" ]; then
			"$ROOT/scripts/pg-cluster.sh" stop "$PGDIR" || say "[$backend] pg-cluster.sh stop $PGDIR failed"
		elif [ -n "$PGDIR" ] && [ -d "$PGDIR" ]; then
			rm -rf "$PGDIR" # no cluster made in it
		fi
		if [ -n "$TMP" ] && [ -d "$TMP" ]; then
			if [ "$KEEP" = 1 ]; then say "[$backend] kept $TMP"; else rm -rf "$TMP"; fi
		fi
		[ -s "$OUT/status" ] || printf 'failed\t%s\n' "exit $rc at step '$step'" >"$OUT/status"
		exit "$rc"
	}
	trap cleanup EXIT
	trap 'say "interrupted"; exit 130' INT TERM
	trap 'say "[$backend] command failed (step: $step): $BASH_COMMAND"' ERR

	pin_server=() pin_wrk=()
	if [ "$PIN" = 1 ]; then pin_server=(taskset -c 0) pin_wrk=(taskset -c 1); fi

	TMP=$(mktemp -d "${TMPDIR:-/tmp}/liaison-bench-nb.XXXXXX")
	DATA="$TMP/data"
	mkdir -p "$DATA"
	db_args=()
	if [ "$backend" = postgresql ]; then
		step="postgresql cluster"
		# Its own directory: pg-cluster.sh wants an empty one the postgres user can
		# reach (TMP is 0700).
		PGDIR=$(mktemp -d /tmp/liaison-bench-pg.XXXXXX)
		if ! PGURL=$("$ROOT/scripts/pg-cluster.sh" start "$PGDIR" 2>"$TMP/pg-start.err"); then
			reason=$(tr '\n' ' ' <"$TMP/pg-start.err")
			if grep -q "not installed\|no 'postgres' system user" "$TMP/pg-start.err"; then
				say "[$backend] unavailable: $reason"
				printf 'unavailable\t%s\n' "$reason" >"$OUT/status"
				exit 2
			fi
			die "scripts/pg-cluster.sh start: $reason"
		fi
		POSTMASTER=$(head -n1 "$PGDIR/data/postmaster.pid" 2>/dev/null || true)
		db_args=(--database "$PGURL")
		say "[$backend] private cluster in $PGDIR (postmaster $POSTMASTER)"
	elif [ "$backend" != sqlite ]; then
		die "unknown backend $backend (sqlite or postgresql)"
	fi

	step="demo load"
	t0=$(date +%s.%N)
	"$BIN" demo --data-dir "$DATA" "${db_args[@]}" --clients "$CLIENTS" --pwhash min \
		--log-level warn >"$TMP/demo.out" 2>"$TMP/demo.err" ||
		{ cat "$TMP/demo.err" >&2; die "liaison demo failed"; }
	t1=$(date +%s.%N)
	DEMO_WALL=$(python3 -c "print(f'{$t1 - $t0:.2f}')")

	step="server start"
	PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
	URL="http://127.0.0.1:$PORT"
	"${pin_server[@]}" "$BIN" serve --listen "127.0.0.1:$PORT" --data-dir "$DATA" "${db_args[@]}" \
		--pwhash min --log-level warn --threads "$SERVER_THREADS" >"$TMP/server.log" 2>&1 &
	SERVER_PID=$!
	ready=0
	for _ in $(seq 1 100); do
		kill -0 "$SERVER_PID" 2>/dev/null || die "server exited at start"
		if python3 -c "import urllib.request; urllib.request.urlopen('$URL/healthz', timeout=1)" 2>/dev/null; then
			ready=1
			break
		fi
		sleep 0.1
	done
	[ "$ready" = 1 ] || die "server not answering /healthz on $URL after 10 s"
	storage=$(python3 -c "import json,urllib.request; print(json.load(urllib.request.urlopen('$URL/readyz', timeout=5)).get('storage'))" 2>/dev/null || echo unknown)
	say "[$backend] server pid $SERVER_PID on $URL (storage: $storage); demo load ${DEMO_WALL} s"

	step="notebook fill"
	python3 "$BENCH_DIR/notebook_setup.py" prepare "$URL" "$TMP" "$ENTRIES" "$FILL_CONNS" \
		>"$TMP/setup.json" || die "sign-in or fill failed"
	python3 - "$TMP/setup.json" "$DEMO_WALL" "$storage" >"$OUT/setup.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
s["demo_wall_s"] = float(sys.argv[2])
s["storage"] = sys.argv[3]
print(json.dumps(s))
PY
	python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print("bench: notebook: [%s] client %s: %d entries, %d appended by %s in %.1f s (%.0f/s over %d connections), now %d" % (sys.argv[2], s["client_id"], s["entries_before_fill"], s["fill_created"], s["author"], s["fill_s"], s["fill_per_s"] or 0, s["fill_connections"], s["entries_after_fill"]))' "$OUT/setup.json" "$backend" >&2
	CLIENT=$(cat "$TMP/client")
	# db_count: the client's entries, straight from the database (read only).
	db_count() {
		if [ "$backend" = postgresql ]; then
			psql "$PGURL" -XAtq -c "SELECT count(*) FROM notebook_entries WHERE client_id = '$CLIENT'"
		else
			python3 -c 'import sqlite3, sys
c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
print(c.execute("SELECT count(*) FROM notebook_entries WHERE client_id = ?", (sys.argv[2],)).fetchone()[0])' \
				"$DATA/liaison.db" "$CLIENT"
		fi
	}
	db_count >"$OUT/db_count_before" || die "counting the entries in the database failed"
	python3 "$BENCH_DIR/notebook_setup.py" probe "$URL" "$TMP" 3 >"$OUT/probe_before_ms" ||
		die "single read failed"
	TOK_READER=$(cat "$TMP/token_reader")
	TOK_AUTHOR=$(cat "$TMP/token_author")

	RUNS="$OUT/runs.jsonl"
	: >"$RUNS"
	TIMEFORMAT='%U %S'

	# run_wrk KIND ROUND SCRIPT SECONDS [record]. Appends one line to $RUNS for every
	# run, warm-ups included ("measured": false), so the notebook's size is known at
	# every read round.
	run_wrk() {
		local kind=$1 round=$2 script=$3 secs=$4 record=${5:-}
		local out="$TMP/wrk-$kind-$round-${record:-warm}.out" before="" diag="null" other="null"
		local label=$kind
		[ "$kind" = healthz_b ] && label=healthz
		local token=$TOK_READER
		[ "$kind" = append ] && token=$TOK_AUTHOR
		step="wrk $kind round $round${record:+ (measured)}"
		if [ -n "$record" ]; then
			before=$(python3 "$BENCH_DIR/snapshot.py" take "$SERVER_PID" "$URL")
			python3 "$BENCH_DIR/others.py" take "$TMP/others.before"
		fi
		local rc=0
		{ time BENCH_TOKEN="$token" BENCH_CLIENT="$CLIENT" BENCH_ROUND="$round" \
			"${pin_wrk[@]}" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${secs}s" --timeout 10s \
			-s "$BENCH_DIR/$script" "$URL" >"$out" 2>&1; } 2>"$out.cpu" || rc=$?
		[ "$rc" = 0 ] || { cat "$out" >&2; die "wrk failed (exit $rc)"; }
		kill -0 "$SERVER_PID" 2>/dev/null || die "server died during $kind round $round"
		local line
		line=$(sed -n 's/^BENCH_JSON //p' "$out")
		[ -n "$line" ] || { cat "$out" >&2; die "no BENCH_JSON line in wrk output"; }
		if [ -n "$record" ]; then
			python3 "$BENCH_DIR/others.py" take "$TMP/others.after"
			local after wrk_cpu
			after=$(python3 "$BENCH_DIR/snapshot.py" take "$SERVER_PID" "$URL")
			diag=$(python3 "$BENCH_DIR/snapshot.py" diff "$before" "$after") || diag="null"
			wrk_cpu=$(awk '{print $1 + $2}' "$out.cpu" 2>/dev/null || echo 0)
			other=$(python3 "$BENCH_DIR/others.py" diff "$TMP/others.before" "$TMP/others.after" \
				"$SERVER_PID" "${wrk_cpu:-0}" "$POSTMASTER") || other="null"
		fi
		printf '{"kind":"%s","round":%d,"measured":%s,"r":%s,"diag":%s,"others":%s}\n' "$kind" "$round" \
			"$([ -n "$record" ] && echo true || echo false)" "$line" "$diag" "$other" >>"$RUNS"
		if [ -n "$record" ]; then
			python3 -c '
import json, sys
d, g, o = json.loads(sys.argv[2]), json.loads(sys.argv[4]), json.loads(sys.argv[5])
extra = ("  created %d" % d["created"]) if "created" in d else ""
if g:
    extra += "  | server %.2f cores" % g["server_cores"]
    if g.get("jobs_per_commit"):
        extra += ", %.0f commits/s x %.1f jobs" % (g["commits_per_s"], g["jobs_per_commit"])
if o:
    extra += ", outside load %.2f cores" % o["outside_cores"]
print("bench: notebook: [%s] %-7s round %s: %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  non-2xx %d%s" % (
    sys.argv[6], sys.argv[1], sys.argv[3], d["rps"], d["p50_us"] / 1000, d["p99_us"] / 1000,
    d["non_2xx_3xx"], extra))' "$label" "$line" "$round" "$diag" "$other" "$backend" >&2
		fi
	}

	# Reads first, on a notebook of exactly $ENTRIES entries (the reader's marker is
	# already at the newest: steady-state reads); then the appends, which grow it.
	say "[$backend] $ROUNDS interleaved rounds of healthz/read, then of healthz/append, ${WARMUP}s warm-up + ${DURATION}s each, wrk -t$WRK_THREADS -c$CONNECTIONS"
	for r in $(seq 1 "$ROUNDS"); do
		run_wrk healthz "$r" healthz.lua "$WARMUP"
		run_wrk healthz "$r" healthz.lua "$DURATION" record
		run_wrk read "$r" nb-read.lua "$WARMUP"
		run_wrk read "$r" nb-read.lua "$DURATION" record
	done
	for r in $(seq 1 "$ROUNDS"); do
		run_wrk healthz_b "$r" healthz.lua "$WARMUP"
		run_wrk healthz_b "$r" healthz.lua "$DURATION" record
		# Warm-up rounds number 100+r: every entry's text stays unique.
		run_wrk append "$((100 + r))" nb-append.lua "$WARMUP"
		run_wrk append "$r" nb-append.lua "$DURATION" record
	done

	step="final count"
	# Straight from the database (paging through hundreds of thousands of entries
	# through the API would take minutes). wrk stops with requests in flight: the
	# server may have appended up to CONNECTIONS entries per append run that wrk
	# never counted.
	db_count >"$OUT/db_count_after" || die "counting the entries in the database failed"
	step="single read after the appends"
	python3 "$BENCH_DIR/notebook_setup.py" probe "$URL" "$TMP" 3 >"$OUT/probe_after_ms" ||
		die "single read after the appends failed"
	say "[$backend] after the appends: $(cat "$OUT/db_count_after") entries; a single read takes $(cat "$OUT/probe_after_ms") ms"
	# Server log lines at warn or above during the run (errors, refusals).
	grep -c . "$TMP/server.log" >"$OUT/server_log_lines" 2>/dev/null || echo 0 >"$OUT/server_log_lines"
	head -n 20 "$TMP/server.log" >"$OUT/server_log_head" 2>/dev/null || true
	printf 'measured\t\n' >"$OUT/status"
	exit 0
fi

# ================================================================================
# Parent: build (unless run.sh just did), each backend in a child, then results.
# ================================================================================
for tool in wrk python3 meson ninja; do
	command -v "$tool" >/dev/null || { say "$tool not found (scripts/deps.sh bench installs it)"; exit 1; }
done
cd "$ROOT"
if [ "${BENCH_NB_SKIP_BUILD:-0}" != 1 ]; then
	if [ ! -f "$BUILD_DIR/build.ninja" ]; then
		meson setup "$BUILD_DIR" --buildtype=release -Dtests=false >/dev/null ||
			{ say "meson setup $BUILD_DIR failed"; exit 1; }
	fi
	BUILD_LOG=$(mktemp "${TMPDIR:-/tmp}/liaison-bench-build.XXXXXX")
	if ! ninja -C "$BUILD_DIR" liaison >"$BUILD_LOG" 2>&1; then
		tail -n 30 "$BUILD_LOG" >&2
		rm -f "$BUILD_LOG"
		say "ninja -C $BUILD_DIR liaison failed"
		exit 1
	fi
	rm -f "$BUILD_LOG"
fi
[ -x "$BIN" ] || { say "no binary at $BIN"; exit 1; }

NB_WORK=$(mktemp -d "${TMPDIR:-/tmp}/liaison-bench-nbw.XXXXXX")
export NB_WORK
trap 'rm -rf "$NB_WORK"' EXIT
trap 'say "interrupted"; exit 130' INT TERM

rc=0
for b in $BACKENDS; do
	brc=0
	"$0" --backend "$b" || brc=$?
	if [ "$brc" = 2 ]; then
		[ "${BENCH_NB_REQUIRE_PG:-0}" = 1 ] && rc=1
	elif [ "$brc" != 0 ]; then
		rc=1
	fi
done

COMMIT=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)
DIRTY=false
[ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no -- . ':!bench' 2>/dev/null)" ] && DIRTY=true
py_rc=0
B_COMMIT=$COMMIT B_DIRTY=$DIRTY B_BACKENDS=$BACKENDS B_ROUNDS=$ROUNDS B_DURATION=$DURATION \
	B_WARMUP=$WARMUP B_WRK_THREADS=$WRK_THREADS B_CONNECTIONS=$CONNECTIONS B_CLIENTS=$CLIENTS \
	B_ENTRIES=$ENTRIES B_LIMIT=$LIMIT B_SERVER_THREADS=$SERVER_THREADS B_PIN=$PIN \
	python3 "$BENCH_DIR/summarize_notebook.py" "$NB_WORK" "$RESULTS" || py_rc=$?
[ "$py_rc" = 0 ] || rc=1
say "results: bench/results/latest.json (notebook), latest.md, history-notebook.tsv"
exit "$rc"
