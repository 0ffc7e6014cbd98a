#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
#
# The engine of `make bench` (see bench/README.md).
#   1. release build in build-bench/, fresh temporary data dir, 100,000 demo clients
#      (timed), server on a free loopback port, sign-in, 2,000 client ids listed;
#   2. wrk, interleaved rounds: GET /healthz (bare), GET /api/v1/me (session, not
#      audited: a diagnostic), GET /api/v1/clients/{id} (audited, group commit); then
#      POST /api/v1/clients rounds; counters around each run (snapshot.py);
#   3. bench/results/latest.json, latest.md, one line appended to history.tsv;
#   4. the notebook scenario, bench/notebook.sh (SQLite and PostgreSQL): a "notebook"
#      section in latest.json, a table in latest.md, history-notebook.tsv;
#   5. the planning scenario, bench/planning.sh (SQLite and PostgreSQL): a "planning"
#      section in latest.json, a table in latest.md, history-planning.tsv;
#   6. the antenna bundle benchmark, bench/export.sh (SQLite; BENCH_EX_BACKENDS): its own
#      results/export.json, export.md, history-export.tsv;
#   7. the server is stopped and the temp dir removed on every exit (trap).
# Exits non-zero when a step fails or a measurement is not valid (errors, non-2xx
# replies on reads). Missing a target is reported, not an error (BENCH_STRICT=1
# makes it one). Whole run: about 40 minutes with the defaults: 2.5 for the main
# scenario, 4 for the notebook one, 33 for the planning one (BENCH_PLANNING=0 skips it).
#
# Settings (environment):
#   BENCH_ROUNDS=3 BENCH_DURATION=10 BENCH_WARMUP=2       rounds, seconds per run
#   BENCH_WRK_THREADS=2 BENCH_CONNECTIONS=64               wrk load
#   BENCH_CLIENTS=100000 BENCH_IDS=2000                    demo size, ids read
#   BENCH_LOGIN=admin                                      account that lists, reads, creates
#   BENCH_SERVER_THREADS=0                                 server --threads (0: one per core)
#   BENCH_PIN=0                                            1: server on CPU 0, wrk on CPU 1
#   BENCH_BUILD_DIR=build-bench BENCH_KEEP=0 (1: keep the temp dir and server log)
#   BENCH_STRICT=0                                         1: exit 3 when a target is missed
#   BENCH_ME=1                                             0: skip the GET /api/v1/me rounds
#   BENCH_NOTEBOOK=1                                       0: skip the notebook scenario
#   (bench/notebook.sh: SQLite and PostgreSQL, its own BENCH_NB_* settings)
#   BENCH_PLANNING=1                                       0: skip the planning scenario
#   (bench/planning.sh: SQLite and PostgreSQL, its own BENCH_PL_* settings)
#   BENCH_EXPORT=1                                         0: skip the antenna bundle benchmark
#   (bench/export.sh: 5,000 clients, its own BENCH_EX_* settings)
set -Eeuo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export BENCH_DIR # the lua scripts load report.lua from there
ROOT=$(cd "$BENCH_DIR/.." && pwd)
RESULTS="$BENCH_DIR/results"

ROUNDS=${BENCH_ROUNDS:-3}
DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-2}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
CLIENTS=${BENCH_CLIENTS:-100000}
NIDS=${BENCH_IDS:-2000}
LOGIN=${BENCH_LOGIN:-admin}
PASSWORD=${BENCH_PASSWORD:-demo-liaison}
SERVER_THREADS=${BENCH_SERVER_THREADS:-0}
PIN=${BENCH_PIN:-0}
BUILD_DIR=${BENCH_BUILD_DIR:-build-bench}
KEEP=${BENCH_KEEP:-0}
STRICT=${BENCH_STRICT:-0}
WITH_ME=${BENCH_ME:-1}
WITH_NOTEBOOK=${BENCH_NOTEBOOK:-1}
WITH_PLANNING=${BENCH_PLANNING:-1}
WITH_EXPORT=${BENCH_EXPORT:-1}
BIN="$ROOT/$BUILD_DIR/liaison"

step="start"
TMP=""
SERVER_PID=""

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "FAILED at step '$step': $*"; exit 1; }

stop_server() {
	if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
		kill -TERM "$SERVER_PID" 2>/dev/null || true
		for _ in $(seq 1 50); do
			kill -0 "$SERVER_PID" 2>/dev/null || break
			sleep 0.1
		done
		if kill -0 "$SERVER_PID" 2>/dev/null; then
			say "server $SERVER_PID did not stop on SIGTERM; sending SIGKILL"
			kill -KILL "$SERVER_PID" 2>/dev/null || true
		fi
		wait "$SERVER_PID" 2>/dev/null || true
	fi
}

# shellcheck disable=SC2317 # called through the EXIT trap
cleanup() {
	local rc=$?
	trap - EXIT
	stop_server
	if [ "$rc" -ne 0 ] && [ -n "$TMP" ] && [ -s "$TMP/server.log" ]; then
		say "last server log lines:"
		tail -n 20 "$TMP/server.log" >&2 || true
	fi
	if [ -n "$TMP" ] && [ -d "$TMP" ]; then
		if [ "$KEEP" = 1 ]; then say "kept $TMP"; else rm -rf "$TMP"; fi
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT TERM
trap 'say "command failed (step: $step): $BASH_COMMAND"' ERR

for tool in wrk python3 meson ninja; do
	command -v "$tool" >/dev/null || { step="tools"; die "$tool not found (scripts/deps.sh bench installs it)"; }
done

pin_server=() pin_wrk=()
if [ "$PIN" = 1 ]; then
	command -v taskset >/dev/null || { step="tools"; die "BENCH_PIN=1 needs taskset"; }
	pin_server=(taskset -c 0) pin_wrk=(taskset -c 1)
fi

# --- 1. build -------------------------------------------------------------------
step="build"
cd "$ROOT"
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
	say "configuring $BUILD_DIR (release)"
	meson setup "$BUILD_DIR" --buildtype=release -Dtests=false >/dev/null ||
		die "meson setup $BUILD_DIR failed"
fi
BUILD_LOG=$(mktemp "${TMPDIR:-/tmp}/liaison-bench-build.XXXXXX")
if ! ninja -C "$BUILD_DIR" liaison >"$BUILD_LOG" 2>&1; then
	tail -n 30 "$BUILD_LOG" >&2
	rm -f "$BUILD_LOG"
	die "ninja -C $BUILD_DIR liaison failed (a half-written source file? retry in a minute)"
fi
rm -f "$BUILD_LOG"
[ -x "$BIN" ] || die "no binary at $BIN"

# --- demo data ------------------------------------------------------------------
step="demo load"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/liaison-bench.XXXXXX")
DATA="$TMP/data"
mkdir -p "$DATA"
say "loading $CLIENTS demo clients into $DATA"
t0=$(date +%s.%N)
"$BIN" demo --data-dir "$DATA" --clients "$CLIENTS" --pwhash min --log-level warn \
	>"$TMP/demo.out" 2>"$TMP/demo.err" || { cat "$TMP/demo.err" >&2; die "liaison demo failed"; }
t1=$(date +%s.%N)
DEMO_WALL=$(python3 -c "print(f'{$t1 - $t0:.2f}')")
# The generator's own figure ("demo: N clients loaded in S s"), without start-up.
DEMO_SELF=$(sed -n 's/.*clients loaded in \([0-9.]*\) s.*/\1/p' "$TMP/demo.out" "$TMP/demo.err" | head -n1)
DEMO_SELF=${DEMO_SELF:-null}
say "demo load: ${DEMO_WALL} s wall (generator says ${DEMO_SELF} s)"

# --- server ---------------------------------------------------------------------
step="server start"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
URL="http://127.0.0.1:$PORT"
"${pin_server[@]}" "$BIN" serve --listen "127.0.0.1:$PORT" --data-dir "$DATA" --pwhash min \
	--accept-test-ins --log-level warn --threads "$SERVER_THREADS" \
	>"$TMP/server.log" 2>&1 &
SERVER_PID=$!
ready=0
for _ in $(seq 1 100); do
	kill -0 "$SERVER_PID" 2>/dev/null || die "server exited at start"
	if python3 -c "import urllib.request,sys; urllib.request.urlopen('$URL/healthz', timeout=1)" 2>/dev/null; then
		ready=1
		break
	fi
	sleep 0.1
done
[ "$ready" = 1 ] || die "server not answering /healthz on $URL after 10 s"
say "server pid $SERVER_PID on $URL"

# --- sign in, ids, org ----------------------------------------------------------
step="sign in and list ids"
python3 - "$URL" "$LOGIN" "$PASSWORD" "$NIDS" "$TMP" <<'PY' || die "sign-in or listing failed"
import json, sys, urllib.error, urllib.request, urllib.parse
url, login, password, nids, tmp = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
def call(method, path, body=None, token=None):
    req = urllib.request.Request(url + path, method=method,
                                 data=json.dumps(body).encode() if body is not None else None)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        sys.exit("%s %s: HTTP %d %s" % (method, path, e.code, e.read()[:300].decode("utf-8", "replace")))
token = call("POST", "/api/v1/sessions", {"login": login, "password": password})["token"]
ids, orgs, cursor = [], {}, None
while len(ids) < nids:
    q = {"limit": str(min(200, nids - len(ids)))}
    if cursor:
        q["cursor"] = cursor
    page = call("GET", "/api/v1/clients?" + urllib.parse.urlencode(q), token=token)
    for it in page["items"]:
        ids.append(it["id"])
        orgs[it["org_id"]] = orgs.get(it["org_id"], 0) + 1
    cursor = page.get("next_cursor")
    if not cursor:
        break
if not ids:
    sys.exit("no client listed")
# Create in the organisation that holds most of the listed clients.
org = max(orgs, key=orgs.get)
open(tmp + "/token", "w").write(token)
open(tmp + "/ids.txt", "w").write("\n".join(ids) + "\n")
open(tmp + "/org", "w").write(org)
print(f"bench: signed in as {login}; {len(ids)} ids listed; create org {org}", file=sys.stderr)
PY
TOKEN=$(cat "$TMP/token")
ORG=$(cat "$TMP/org")
NIDS_GOT=$(wc -l <"$TMP/ids.txt")

# --- 2. measure -----------------------------------------------------------------
RUNS="$TMP/runs.jsonl"
: >"$RUNS"

# run_wrk KIND ROUND SCRIPT SECONDS [record]: one wrk run; with "record", its
# BENCH_JSON line, with the counters of snapshot.py around it under "diag", goes
# into $RUNS tagged with kind and round.
run_wrk() {
	local kind=$1 round=$2 script=$3 secs=$4 record=${5:-}
	local out="$TMP/wrk-$kind-$round-$record.out" before="" after="" diag="null"
	step="wrk $kind round $round${record:+ (measured)}"
	[ -n "$record" ] && before=$(python3 "$BENCH_DIR/snapshot.py" take "$SERVER_PID" "$URL")
	BENCH_IDS="$TMP/ids.txt" BENCH_TOKEN="$TOKEN" BENCH_ORG="$ORG" \
		BENCH_ROUND="$round" \
		"${pin_wrk[@]}" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${secs}s" --timeout 10s \
		-s "$BENCH_DIR/$script" "$URL" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed"; }
	kill -0 "$SERVER_PID" 2>/dev/null || die "server died during $kind round $round"
	local line
	line=$(sed -n 's/^BENCH_JSON //p' "$out")
	[ -n "$line" ] || { cat "$out" >&2; die "no BENCH_JSON line in wrk output"; }
	if [ -n "$record" ]; then
		after=$(python3 "$BENCH_DIR/snapshot.py" take "$SERVER_PID" "$URL")
		diag=$(python3 "$BENCH_DIR/snapshot.py" diff "$before" "$after") || diag="null"
		printf '{"kind":"%s","round":%d,"r":%s,"diag":%s}\n' "$kind" "$round" "$line" "$diag" >>"$RUNS"
		python3 -c '
import json, sys
d, g = json.loads(sys.argv[2]), json.loads(sys.argv[4])
extra = ("  created %d" % d["created"]) if "created" in d else ""
if g:
    extra += "  | server %.2f cores, machine idle %s %%" % (g["server_cores"], g.get("machine_idle_pct"))
    if g.get("jobs_per_commit"):
        extra += ", %.0f commits/s x %.1f jobs" % (g["commits_per_s"], g["jobs_per_commit"])
print("bench:   %-7s round %s: %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  non-2xx %d%s" % (
    sys.argv[1], sys.argv[3], d["rps"], d["p50_us"] / 1000, d["p99_us"] / 1000,
    d["non_2xx_3xx"], extra))' "$kind" "$line" "$round" "$diag" >&2
	fi
}

say "reads: $ROUNDS rounds of healthz$([ "$WITH_ME" = 1 ] && echo /me)/read, ${WARMUP}s warm-up + ${DURATION}s each, wrk -t$WRK_THREADS -c$CONNECTIONS"
for r in $(seq 1 "$ROUNDS"); do
	run_wrk healthz "$r" healthz.lua "$WARMUP"
	run_wrk healthz "$r" healthz.lua "$DURATION" record
	if [ "$WITH_ME" = 1 ]; then
		run_wrk me "$r" me.lua "$WARMUP"
		run_wrk me "$r" me.lua "$DURATION" record
	fi
	run_wrk read "$r" read.lua "$WARMUP"
	run_wrk read "$r" read.lua "$DURATION" record
done
say "creates: $ROUNDS rounds"
for r in $(seq 1 "$ROUNDS"); do
	# Warm-up rounds use round numbers of their own, so every identity stays unique.
	run_wrk create "$((100 + r))" create.lua "$WARMUP"
	run_wrk create "$r" create.lua "$DURATION" record
done

# --- 3. results -----------------------------------------------------------------
step="results"
mkdir -p "$RESULTS"
COMMIT=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)
DIRTY=false
# Uncommitted changes outside bench/ (those are what the binary is built from).
[ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no -- . ':!bench' 2>/dev/null)" ] && DIRTY=true
py_rc=0
B_COMMIT=$COMMIT B_DIRTY=$DIRTY B_ROUNDS=$ROUNDS B_DURATION=$DURATION B_WARMUP=$WARMUP \
	B_WRK_THREADS=$WRK_THREADS B_CONNECTIONS=$CONNECTIONS B_SERVER_THREADS=$SERVER_THREADS \
	B_PIN=$PIN B_LOGIN=$LOGIN B_IDS=$NIDS_GOT B_CLIENTS=$CLIENTS B_DEMO_WALL=$DEMO_WALL \
	B_DEMO_SELF=$DEMO_SELF python3 "$BENCH_DIR/summarize.py" "$RUNS" "$RESULTS" || py_rc=$?
say "results: bench/results/latest.json, latest.md, history.tsv"

# --- 4. the notebook scenario (bench/notebook.sh), on SQLite and PostgreSQL -------
nb_rc=0
if [ "$WITH_NOTEBOOK" = 1 ]; then
	# Its own servers and data: stop this one first, so that it takes no memory or CPU.
	step="notebook scenario"
	stop_server
	BENCH_NB_SKIP_BUILD=1 BENCH_BUILD_DIR="$BUILD_DIR" "$BENCH_DIR/notebook.sh" || nb_rc=$?
fi

# --- 5. the planning scenario (bench/planning.sh), on SQLite and PostgreSQL -------
pl_rc=0
if [ "$WITH_PLANNING" = 1 ]; then
	step="planning scenario"
	stop_server
	BENCH_PL_SKIP_BUILD=1 BENCH_BUILD_DIR="$BUILD_DIR" "$BENCH_DIR/planning.sh" || pl_rc=$?
fi

# --- 6. the antenna bundle benchmark (bench/export.sh) ------------------------------
ex_rc=0
if [ "$WITH_EXPORT" = 1 ]; then
	step="export benchmark"
	stop_server
	BENCH_EX_SKIP_BUILD=1 BENCH_BUILD_DIR="$BUILD_DIR" "$BENCH_DIR/export.sh" || ex_rc=$?
fi
if [ "$py_rc" -ne 0 ]; then
	step="validity"
	die "results written to bench/results/ but the measurement is not valid (see 'problems' in latest.json)"
fi
if [ "$nb_rc" -ne 0 ]; then
	step="notebook scenario"
	die "bench/notebook.sh failed or its measurement is not valid (see 'notebook' in latest.json)"
fi
if [ "$pl_rc" -ne 0 ]; then
	step="planning scenario"
	die "bench/planning.sh failed or its measurement is not valid (see 'planning' in latest.json)"
fi
if [ "$ex_rc" -ne 0 ]; then
	step="export benchmark"
	die "bench/export.sh failed (see its output above)"
fi
if [ "$STRICT" = 1 ]; then
	met=$(python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["targets"]; print(all(v["met"] is not False for v in t.values()))' "$RESULTS/latest.json")
	if [ "$met" != True ]; then say "BENCH_STRICT=1: a target is missed"; exit 3; fi
fi
exit 0
