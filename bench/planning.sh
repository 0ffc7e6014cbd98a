#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
#
# The planning scenario of `make bench` (bench/README.md), called by bench/run.sh after
# the notebook scenario, or alone: generating four weeks of visits for 100,000 clients
# (about 3 million visits), then the field worker's day view and check-in throughput,
# on SQLite and on PostgreSQL, each against the bare GET /healthz of the same server.
#   Per backend (a child process of this script: its own trap stops the server and the
#   private PostgreSQL cluster and removes its temp dir, also on failure):
#     1. fresh temp dir, 100,000 demo clients (timed; PostgreSQL: scripts/pg-cluster.sh
#        start, --database URL everywhere); `liaison plan generate --days 28` timed,
#        the visits counted in the database; a second run timed (must insert nothing);
#     2. bench setup with the server stopped (planning_setup.py prepare, plain SQL): the
#        demo aide given about 8 visits on the day of the day view (tomorrow, or the
#        next Monday after a weekend), and many planned visits of the following days
#        (for the check-ins); their ids written to a file;
#     3. server on a free loopback port with --vigilance-seconds 0 (no background rules,
#        no daily generation during the measurements); sign-in as aide, her day read
#        and checked once;
#     4. interleaved rounds of GET /healthz and GET /api/v1/me/visits?date=DAY as aide
#        (pl-day.lua: audited per client), then of GET /healthz and POST
#        /api/v1/visits/{id}/check-in (pl-checkin.lua: a different visit per request,
#        200 only); counters around every measured run (snapshot.py, others.py);
#     5. server stopped; the clock events in the database checked against the check-ins
#        wrk saw answered 200 (planning_setup.py verify: none lost, none doubled).
#   Then summarize_planning.py adds a "planning" section to bench/results/latest.json,
#   a table to latest.md and one line per backend to history-planning.tsv.
# Exit status: 0 when every backend measured is valid; 1 when a step failed or a
# measurement is not valid. PostgreSQL not installed is reported as "unavailable", not
# an error (BENCH_PL_REQUIRE_PG=1 makes it one). With the defaults, on 2 cores: about
# 6 minutes on SQLite, about 27 on PostgreSQL (its demo load takes 2.5 minutes and its
# generation of 2.9 million visits 16), 2.5 of them rounds per backend.
#
# Settings (environment):
#   BENCH_PL_BACKENDS="sqlite postgresql"
#   BENCH_PL_CLIENTS=100000 BENCH_PL_DAYS=28          demo size, days generated
#   BENCH_PL_CLIENTS_POSTGRESQL=                      another demo size for PostgreSQL only
#   BENCH_PL_ROUNDS=3 BENCH_PL_DURATION=8 BENCH_PL_WARMUP=2   rounds, seconds per run
#   BENCH_WRK_THREADS=2 BENCH_CONNECTIONS=64           wrk load (as run.sh)
#   BENCH_PL_DAY_VISITS=8                              the aide's visits on the day viewed
#   BENCH_PL_DATE=                                     that day (default: tomorrow, local)
#   BENCH_PL_CHECKIN_IDS=400000                        visits assigned to her for check-ins
#   BENCH_PL_GENERATE_TIMEOUT=2400                     seconds before a generation run is
#                                                      given up (reported, not worked around)
#   BENCH_SERVER_THREADS=0 BENCH_PIN=0 BENCH_BUILD_DIR=build-bench BENCH_KEEP=0
#   BENCH_PL_SKIP_BUILD=0                              1: run.sh has just built
#   BENCH_PL_RESULTS=DIR                               results elsewhere (trial runs)
set -Eeuo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export BENCH_DIR
ROOT=$(cd "$BENCH_DIR/.." && pwd)
RESULTS=${BENCH_PL_RESULTS:-$BENCH_DIR/results}

BACKENDS=${BENCH_PL_BACKENDS:-"sqlite postgresql"}
CLIENTS=${BENCH_PL_CLIENTS:-100000}
DAYS=${BENCH_PL_DAYS:-28}
ROUNDS=${BENCH_PL_ROUNDS:-3}
DURATION=${BENCH_PL_DURATION:-8}
WARMUP=${BENCH_PL_WARMUP:-2}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
DAY_VISITS=${BENCH_PL_DAY_VISITS:-8}
CHECKIN_IDS=${BENCH_PL_CHECKIN_IDS:-400000}
GEN_TIMEOUT=${BENCH_PL_GENERATE_TIMEOUT:-2400}
SERVER_THREADS=${BENCH_SERVER_THREADS:-0}
PIN=${BENCH_PIN:-0}
BUILD_DIR=${BENCH_BUILD_DIR:-build-bench}
KEEP=${BENCH_KEEP:-0}
BIN="$ROOT/$BUILD_DIR/liaison"

say() { printf 'bench: planning: %s\n' "$*" >&2; }

# ================================================================================
# Child: one backend. $PL_WORK/$backend/ receives the JSON files, runs.jsonl, status.
# ================================================================================
if [ "${1:-}" = "--backend" ]; then
	backend=$2
	OUT="$PL_WORK/$backend"
	mkdir -p "$OUT"
	step="start"
	TMP="" PGDIR="" SERVER_PID="" POSTMASTER=""
	die() {
		say "[$backend] FAILED at step '$step': $*"
		printf 'failed\t%s\n' "$step: $*" >"$OUT/status"
		exit 1
	}
	stop_server() {
		if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
			kill -TERM "$SERVER_PID" 2>/dev/null || true
			for _ in $(seq 1 100); do
				kill -0 "$SERVER_PID" 2>/dev/null || break
				sleep 0.1
			done
			if kill -0 "$SERVER_PID" 2>/dev/null; then
				say "[$backend] server $SERVER_PID did not stop on SIGTERM; sending SIGKILL"
				kill -KILL "$SERVER_PID" 2>/dev/null || true
			fi
			wait "$SERVER_PID" 2>/dev/null || true
		fi
		SERVER_PID=""
	}
	# shellcheck disable=SC2317 # called through the EXIT trap
	cleanup() {
		local rc=$?
		trap - EXIT
		stop_server
		if [ "$rc" -ne 0 ] && [ -n "$TMP" ] && [ -s "$TMP/server.log" ]; then
			say "[$backend] last server log lines:"
			tail -n 20 "$TMP/server.log" >&2 || true
		fi
		if [ -n "$PGDIR" ] && [ -f "$PGDIR/data/PG_VERSION" ]; then
			"$ROOT/scripts/pg-cluster.sh" stop "$PGDIR" || say "[$backend] pg-cluster.sh stop $PGDIR failed"
		elif [ -n "$PGDIR" ] && [ -d "$PGDIR" ]; then
			rm -rf "$PGDIR"
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
	if [ "$backend" = postgresql ] && [ -n "${BENCH_PL_CLIENTS_POSTGRESQL:-}" ]; then
		CLIENTS=$BENCH_PL_CLIENTS_POSTGRESQL
	fi

	TMP=$(mktemp -d "${TMPDIR:-/tmp}/liaison-bench-pl.XXXXXX")
	DATA="$TMP/data"
	mkdir -p "$DATA"
	db_args=()
	DB="$DATA/liaison.db"
	if [ "$backend" = postgresql ]; then
		step="postgresql cluster"
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
		DB=$PGURL
		say "[$backend] private cluster in $PGDIR (postmaster $POSTMASTER)"
	elif [ "$backend" != sqlite ]; then
		die "unknown backend $backend (sqlite or postgresql)"
	fi

	now() { date +%s.%N; }
	secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }

	# --- 1. demo load, generation, regeneration ---------------------------------------
	step="demo load"
	say "[$backend] loading $CLIENTS demo clients"
	t0=$(now)
	"$BIN" demo --data-dir "$DATA" "${db_args[@]}" --clients "$CLIENTS" --pwhash min \
		--log-level warn >"$TMP/demo.out" 2>"$TMP/demo.err" ||
		{ cat "$TMP/demo.err" >&2; die "liaison demo failed"; }
	DEMO_WALL=$(secs "$t0" "$(now)")
	DEMO_SELF=$(sed -n 's/.*clients loaded in \([0-9.]*\) s.*/\1/p' "$TMP/demo.out" "$TMP/demo.err" | head -n1)
	say "[$backend] demo load: $DEMO_WALL s wall (generator: ${DEMO_SELF:-?} s)"
	printf '{"clients":%d,"wall_s":%s,"self_s":%s}\n' "$CLIENTS" "$DEMO_WALL" "${DEMO_SELF:-null}" >"$OUT/demo.json"
	python3 "$BENCH_DIR/planning_setup.py" counts "$backend" "$DB" >"$OUT/counts_demo.json" ||
		die "counting the demo's visits failed"

	# generate N: one `liaison plan generate` run, timed; its line kept.
	generate() {
		local n=$1 rc=0 t0 t1
		step="plan generate (run $n)"
		t0=$(now)
		timeout "$GEN_TIMEOUT" "$BIN" plan generate --days "$DAYS" --data-dir "$DATA" "${db_args[@]}" \
			--log-level warn >"$TMP/generate$n.out" 2>"$TMP/generate$n.err" || rc=$?
		t1=$(now)
		if [ "$rc" = 124 ]; then
			die "liaison plan generate --days $DAYS did not finish within $GEN_TIMEOUT s (BENCH_PL_GENERATE_TIMEOUT)"
		elif [ "$rc" != 0 ]; then
			cat "$TMP/generate$n.out" "$TMP/generate$n.err" >&2
			die "liaison plan generate --days $DAYS failed (exit $rc): $(tr '\n' ' ' <"$TMP/generate$n.err" | cut -c1-300)"
		fi
		local line
		line=$(grep -m1 '^clients=' "$TMP/generate$n.out" || true)
		[ -n "$line" ] || { cat "$TMP/generate$n.out" >&2; die "no 'clients=… seconds=…' line from plan generate"; }
		python3 -c '
import json, sys
d = dict(kv.split("=", 1) for kv in sys.argv[1].split())
d = {k: (float(v) if k == "seconds" else int(v)) for k, v in d.items()}
d["wall_s"] = float(sys.argv[2])
print(json.dumps(d))' "$line" "$(secs "$t0" "$t1")" >"$OUT/generate$n.json"
		say "[$backend] plan generate run $n: $line (wall $(secs "$t0" "$t1") s)"
	}
	generate 1
	python3 "$BENCH_DIR/planning_setup.py" counts "$backend" "$DB" >"$OUT/counts_gen1.json" ||
		die "counting the visits failed"
	generate 2
	python3 "$BENCH_DIR/planning_setup.py" counts "$backend" "$DB" >"$OUT/counts_gen2.json" ||
		die "counting the visits failed"
	python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); g=json.load(open(sys.argv[2])); print("bench: planning: [%s] %d visits in the database (%d before generation); %.0f visits/s" % (sys.argv[3], a["visits"], json.load(open(sys.argv[4]))["visits"], g["inserted"] / g["seconds"] if g["seconds"] else 0))' \
		"$OUT/counts_gen1.json" "$OUT/generate1.json" "$backend" "$OUT/counts_demo.json" >&2

	# --- 2. bench setup (server stopped: plain SQL) ---------------------------------
	step="bench setup"
	python3 "$BENCH_DIR/planning_setup.py" prepare "$backend" "$DB" "$TMP" "$DAY_VISITS" "$CHECKIN_IDS" \
		>"$OUT/setup.json" || die "planning_setup.py prepare failed"
	if [ "$backend" = postgresql ]; then
		# Fresh statistics after 3 million inserts and the assignment (autovacuum would
		# get there within minutes): timed, reported.
		t0=$(now)
		psql "$PGURL" -XAtq -c "ANALYZE" || die "ANALYZE failed"
		secs "$t0" "$(now)" >"$OUT/analyze_s"
	fi
	DAY=$(cat "$TMP/day")
	NIDS=$(cat "$TMP/nids")
	python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print("bench: planning: [%s] day %s: the aide has %d visits (%d from the demo, %d assigned); %d visits of %s..%s assigned to her for the check-ins (%.1f s)" % (sys.argv[2], s["day"], s["day_visits"], s["day_visits_before"], s["day_visits_added"], s["checkin_ids"], s["checkin_first_date"], s["checkin_last_date"], s["checkin_assign_s"]))' "$OUT/setup.json" "$backend" >&2

	# --- 3. server ------------------------------------------------------------------
	step="server start"
	PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
	URL="http://127.0.0.1:$PORT"
	"${pin_server[@]}" "$BIN" serve --listen "127.0.0.1:$PORT" --data-dir "$DATA" "${db_args[@]}" \
		--pwhash min --log-level warn --threads "$SERVER_THREADS" --vigilance-seconds 0 \
		>"$TMP/server.log" 2>&1 &
	SERVER_PID=$!
	ready=0
	for _ in $(seq 1 300); do
		kill -0 "$SERVER_PID" 2>/dev/null || die "server exited at start"
		if python3 -c "import urllib.request; urllib.request.urlopen('$URL/healthz', timeout=1)" 2>/dev/null; then
			ready=1
			break
		fi
		sleep 0.1
	done
	[ "$ready" = 1 ] || die "server not answering /healthz on $URL after 30 s"
	storage=$(python3 -c "import json,urllib.request; print(json.load(urllib.request.urlopen('$URL/readyz', timeout=5)).get('storage'))" 2>/dev/null || echo unknown)
	say "[$backend] server pid $SERVER_PID on $URL (storage: $storage)"

	step="sign-in and day view"
	python3 "$BENCH_DIR/planning_setup.py" api "$URL" "$TMP" >"$OUT/dayview.json" ||
		die "sign-in or the first day view failed"
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("bench: planning: [%s] day view of %s: %d visits, %d clients, %d bytes; one read alone %.1f ms" % (sys.argv[2], d["day"], d["items"], d["clients"], d["reply_bytes"], d["single_read_ms"]))' "$OUT/dayview.json" "$backend" >&2
	TOKEN=$(cat "$TMP/token")

	# --- 4. rounds ------------------------------------------------------------------
	RUNS="$OUT/runs.jsonl"
	: >"$RUNS"
	OFFSET=0 # first check-in id not used by an earlier run
	TIMEFORMAT='%U %S'

	# run_wrk KIND ROUND SCRIPT SECONDS [record]: one line in $RUNS per run, warm-ups
	# included ("measured": false).
	run_wrk() {
		local kind=$1 round=$2 script=$3 secs=$4 record=${5:-}
		local tag="$kind-$round-${record:-warm}"
		local out="$TMP/wrk-$tag.out" before="" diag="null" other="null"
		local label=$kind
		[ "$kind" = healthz_b ] && label=healthz
		step="wrk $kind round $round${record:+ (measured)}"
		if [ -n "$record" ]; then
			before=$(python3 "$BENCH_DIR/snapshot.py" take "$SERVER_PID" "$URL")
			python3 "$BENCH_DIR/others.py" take "$TMP/others.before"
		fi
		local rc=0
		{ time BENCH_TOKEN="$TOKEN" BENCH_PL_DATE="$DAY" BENCH_PL_IDS="$TMP/ids.txt" \
			BENCH_PL_NIDS="$NIDS" BENCH_PL_OFFSET="$OFFSET" BENCH_PL_THREADS="$WRK_THREADS" \
			BENCH_PL_ACKED="$OUT/acked-$tag.txt" \
			"${pin_wrk[@]}" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${secs}s" --timeout 10s \
			-s "$BENCH_DIR/$script" "$URL" >"$out" 2>&1; } 2>"$out.cpu" || rc=$?
		[ "$rc" = 0 ] || { cat "$out" >&2; die "wrk failed (exit $rc)"; }
		kill -0 "$SERVER_PID" 2>/dev/null || die "server died during $kind round $round"
		local line
		line=$(sed -n 's/^BENCH_JSON //p' "$out")
		[ -n "$line" ] || { cat "$out" >&2; die "no BENCH_JSON line in wrk output"; }
		if [ "$kind" = checkin ]; then
			local span
			span=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["ids_span"])' "$line")
			OFFSET=$((OFFSET + span))
		fi
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
rate = d.get("checked_in_per_s", d["rps"])
extra = ("  checked in %d (409 %d, other 4xx %d, 5xx %d)" % (d["checked_in"], d["status_409"], d["status_4xx_other"], d["status_5xx"])) if "checked_in" in d else ""
if g:
    extra += "  | server %.2f cores" % g["server_cores"]
    if g.get("jobs_per_commit"):
        extra += ", %.0f commits/s x %.1f jobs" % (g["commits_per_s"], g["jobs_per_commit"])
if o:
    extra += ", outside load %.2f cores" % o["outside_cores"]
print("bench: planning: [%s] %-7s round %s: %8.0f /s  p50 %6.2f ms  p99 %6.2f ms  non-2xx %d%s" % (
    sys.argv[6], sys.argv[1], sys.argv[3], float(rate), d["p50_us"] / 1000, d["p99_us"] / 1000,
    d["non_2xx_3xx"], extra))' "$label" "$line" "$round" "$diag" "$other" "$backend" >&2
		fi
	}

	say "[$backend] $ROUNDS interleaved rounds of healthz/day view, then of healthz/check-in, ${WARMUP}s warm-up + ${DURATION}s each, wrk -t$WRK_THREADS -c$CONNECTIONS"
	for r in $(seq 1 "$ROUNDS"); do
		run_wrk healthz "$r" healthz.lua "$WARMUP"
		run_wrk healthz "$r" healthz.lua "$DURATION" record
		run_wrk day "$r" pl-day.lua "$WARMUP"
		run_wrk day "$r" pl-day.lua "$DURATION" record
	done
	for r in $(seq 1 "$ROUNDS"); do
		run_wrk healthz_b "$r" healthz.lua "$WARMUP"
		run_wrk healthz_b "$r" healthz.lua "$DURATION" record
		run_wrk checkin "$r" pl-checkin.lua "$WARMUP"
		run_wrk checkin "$r" pl-checkin.lua "$DURATION" record
	done
	echo "$OFFSET" >"$OUT/ids_used_span"

	# --- 5. the clock events against the 200s ----------------------------------------
	step="stop server"
	grep -c . "$TMP/server.log" >"$OUT/server_log_lines" 2>/dev/null || echo 0 >"$OUT/server_log_lines"
	head -n 20 "$TMP/server.log" >"$OUT/server_log_head" 2>/dev/null || true
	# Stopped first: on SQLite the count then reads a database no one writes to.
	stop_server
	step="verify clock events"
	# Exit status 1 when the check fails: verify.json says why, the summary reports it.
	python3 "$BENCH_DIR/planning_setup.py" verify "$backend" "$DB" "$TMP/ids.txt" "$OUT"/acked-checkin-*.txt \
		--before "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["clock_events"])' "$OUT/counts_gen2.json")" \
		>"$OUT/verify.json" || true
	[ -s "$OUT/verify.json" ] || die "planning_setup.py verify failed"
	python3 -c 'import json,sys; v=json.load(open(sys.argv[1])); print("bench: planning: [%s] clock events: %d new, %d check-ins answered 200, %d lost, %d doubled, %d more from requests in flight when wrk stopped: %s" % (sys.argv[2], v["clock_events_new"], v["acknowledged_200"], v["lost"], v["doubled"], v["in_flight_extra"], "ok" if v["ok"] else "NOT OK"))' "$OUT/verify.json" "$backend" >&2
	python3 "$BENCH_DIR/planning_setup.py" counts "$backend" "$DB" >"$OUT/counts_end.json" || true
	printf 'measured\t\n' >"$OUT/status"
	exit 0
fi

# ================================================================================
# Parent: build (unless run.sh just did), each backend in a child, then results.
# ================================================================================
for tool in wrk python3 meson ninja timeout; do
	command -v "$tool" >/dev/null || { say "$tool not found (scripts/deps.sh bench installs it)"; exit 1; }
done
cd "$ROOT"
# The commit the binary is built from: read before the build, not after a long run.
COMMIT=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)
DIRTY=false
[ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no -- . ':!bench' 2>/dev/null)" ] && DIRTY=true
if [ "${BENCH_PL_SKIP_BUILD:-0}" != 1 ]; then
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

PL_WORK=$(mktemp -d "${TMPDIR:-/tmp}/liaison-bench-plw.XXXXXX")
export PL_WORK
trap 'rm -rf "$PL_WORK"' EXIT
trap 'say "interrupted"; exit 130' INT TERM

rc=0
for b in $BACKENDS; do
	brc=0
	"$0" --backend "$b" || brc=$?
	if [ "$brc" = 2 ]; then
		[ "${BENCH_PL_REQUIRE_PG:-0}" = 1 ] && rc=1
	elif [ "$brc" != 0 ]; then
		rc=1
	fi
done

py_rc=0
B_COMMIT=$COMMIT B_DIRTY=$DIRTY B_BACKENDS=$BACKENDS B_ROUNDS=$ROUNDS B_DURATION=$DURATION \
	B_WARMUP=$WARMUP B_WRK_THREADS=$WRK_THREADS B_CONNECTIONS=$CONNECTIONS B_CLIENTS=$CLIENTS \
	B_DAYS=$DAYS B_DAY_VISITS=$DAY_VISITS B_CHECKIN_IDS=$CHECKIN_IDS \
	B_SERVER_THREADS=$SERVER_THREADS B_PIN=$PIN \
	python3 "$BENCH_DIR/summarize_planning.py" "$PL_WORK" "$RESULTS" || py_rc=$?
[ "$py_rc" = 0 ] || rc=1
say "results: $RESULTS/latest.json (planning), latest.md, history-planning.tsv"
exit "$rc"
