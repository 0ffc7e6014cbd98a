#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
#
# The engine of `make bench` (see bench/README.md).
#   1. release build in build-bench/, fresh temporary data dir, 100,000 demo clients
#      (timed), server on a free loopback port, sign-in, 2,000 client ids listed;
#   2. wrk, interleaved rounds: GET /healthz then GET /api/v1/clients/{id} (audited,
#      group commit), then POST /api/v1/clients rounds;
#   3. bench/results/latest.json, latest.md, one line appended to history.tsv;
#   4. the server is stopped and the temp dir removed on every exit (trap).
# Exits non-zero when a step fails or a measurement is not valid (errors, non-2xx
# replies on reads). Missing a target is reported, not an error (BENCH_STRICT=1
# makes it one). Whole run: about 2 minutes with the defaults.
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
set -Eeuo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
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
BIN="$ROOT/$BUILD_DIR/liaison"

step="start"
TMP=""
SERVER_PID=""

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "FAILED at step '$step': $*"; exit 1; }

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
			say "server $SERVER_PID did not stop on SIGTERM; sending SIGKILL"
			kill -KILL "$SERVER_PID" 2>/dev/null || true
		fi
		wait "$SERVER_PID" 2>/dev/null || true
	fi
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
	meson setup "$BUILD_DIR" --buildtype=release -Dtests=false >/dev/null
fi
ninja -C "$BUILD_DIR" liaison >/dev/null || die "ninja -C $BUILD_DIR liaison failed"
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
# BENCH_JSON line goes into $RUNS tagged with kind and round.
run_wrk() {
	local kind=$1 round=$2 script=$3 secs=$4 record=${5:-}
	local out="$TMP/wrk-$kind-$round-$record.out"
	step="wrk $kind round $round${record:+ (measured)}"
	BENCH_DIR="$BENCH_DIR" BENCH_IDS="$TMP/ids.txt" BENCH_TOKEN="$TOKEN" BENCH_ORG="$ORG" \
		BENCH_ROUND="$round" \
		"${pin_wrk[@]}" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${secs}s" --timeout 10s \
		-s "$BENCH_DIR/$script" "$URL" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed"; }
	kill -0 "$SERVER_PID" 2>/dev/null || die "server died during $kind round $round"
	local line
	line=$(sed -n 's/^BENCH_JSON //p' "$out")
	[ -n "$line" ] || { cat "$out" >&2; die "no BENCH_JSON line in wrk output"; }
	if [ -n "$record" ]; then
		printf '{"kind":"%s","round":%d,"r":%s}\n' "$kind" "$round" "$line" >>"$RUNS"
		python3 -c 'import json,sys; d=json.loads(sys.argv[2]); print("bench:   %-7s round %s: %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  non-2xx %d%s" % (sys.argv[1], sys.argv[3], d["rps"], d["p50_us"]/1000, d["p99_us"]/1000, d["non_2xx_3xx"], ("  created %d" % d["created"]) if "created" in d else ""))' \
			"$kind" "$line" "$round" >&2
	fi
}

say "reads: $ROUNDS rounds of healthz/read, ${WARMUP}s warm-up + ${DURATION}s each, wrk -t$WRK_THREADS -c$CONNECTIONS"
for r in $(seq 1 "$ROUNDS"); do
	run_wrk healthz "$r" healthz.lua "$WARMUP"
	run_wrk healthz "$r" healthz.lua "$DURATION" record
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
[ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ] && DIRTY=true
set +e
B_COMMIT=$COMMIT B_DIRTY=$DIRTY B_ROUNDS=$ROUNDS B_DURATION=$DURATION B_WARMUP=$WARMUP \
B_WRK_THREADS=$WRK_THREADS B_CONNECTIONS=$CONNECTIONS B_SERVER_THREADS=$SERVER_THREADS \
B_PIN=$PIN B_LOGIN=$LOGIN B_IDS=$NIDS_GOT B_CLIENTS=$CLIENTS B_DEMO_WALL=$DEMO_WALL \
B_DEMO_SELF=$DEMO_SELF \
python3 - "$RUNS" "$RESULTS" <<'PY'
import json, os, statistics, sys, datetime, platform
runs_path, out_dir = sys.argv[1], sys.argv[2]
E = os.environ
ROUNDS, DURATION, WARMUP = int(E["B_ROUNDS"]), int(E["B_DURATION"]), int(E["B_WARMUP"])
WRK_THREADS, CONNECTIONS = int(E["B_WRK_THREADS"]), int(E["B_CONNECTIONS"])
CLIENTS, DEMO_WALL = int(E["B_CLIENTS"]), float(E["B_DEMO_WALL"])
DEMO_SELF = None if E["B_DEMO_SELF"] == "null" else float(E["B_DEMO_SELF"])
runs = [json.loads(l) for l in open(runs_path) if l.strip()]
def of(kind): return [x["r"] | {"round": x["round"]} for x in runs if x["kind"] == kind]
def med(rows, key): return statistics.median(r[key] for r in rows) if rows else None
h, rd, cr = of("healthz"), of("read"), of("create")
cpu = "unknown"
try:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip(); break
except OSError:
    pass
wrk_version = os.popen("wrk -v 2>&1 | head -n1").read().strip()
res = {
    "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "git_commit": E["B_COMMIT"], "git_dirty": E["B_DIRTY"] == "true",
    "machine": {"nproc": os.cpu_count(), "cpu": cpu, "kernel": platform.release(),
                "loadavg_after": os.getloadavg()[0]},
    "wrk": wrk_version,
    "settings": {"rounds": ROUNDS, "duration_s": DURATION, "warmup_s": WARMUP,
                 "wrk_threads": WRK_THREADS, "connections": CONNECTIONS,
                 "server_threads": int(E["B_SERVER_THREADS"]), "pinned": E["B_PIN"] == "1",
                 "log_level": "warn", "login": E["B_LOGIN"], "ids": int(E["B_IDS"])},
    "demo_load": {"clients": CLIENTS, "wall_s": DEMO_WALL, "generator_s": DEMO_SELF,
                  "target_s": 60},
    "rounds": {"healthz": h, "read": rd, "create": cr},
}
m = {}
for name, rows in (("healthz", h), ("read", rd), ("create", cr)):
    m[name] = {"rps": med(rows, "rps"), "p50_us": med(rows, "p50_us"),
               "p99_us": med(rows, "p99_us"),
               "non_2xx_3xx": sum(r["non_2xx_3xx"] for r in rows),
               "socket_errors": sum(r["socket_errors"] for r in rows)}
m["create"]["created_per_s"] = med(cr, "created_per_s")
m["create"]["created"] = sum(r["created"] for r in cr)
m["create"]["not_created"] = sum(r["requests"] - r["created"] for r in cr)
res["medians"] = m
ratio = m["read"]["rps"] / m["healthz"]["rps"]
per_round = [r["rps"] / hh["rps"] for r, hh in zip(rd, h)]
res["ratio_read_over_healthz"] = round(ratio, 4)
res["ratio_per_round"] = [round(x, 4) for x in per_round]
res["targets"] = {
    "read_at_least_half_of_healthz": {"target": 0.5, "value": round(ratio, 4), "met": ratio >= 0.5},
    "demo_100k_under_60s": {"target_s": 60, "value_s": DEMO_WALL,
                            "met": (DEMO_WALL < 60) if CLIENTS >= 100000 else None},
}
problems = []
if m["read"]["non_2xx_3xx"]: problems.append("non-2xx replies on reads: %d" % m["read"]["non_2xx_3xx"])
if m["healthz"]["non_2xx_3xx"]: problems.append("non-2xx replies on healthz")
for k in ("healthz", "read", "create"):
    if m[k]["socket_errors"]: problems.append("%s: %d socket errors/timeouts" % (k, m[k]["socket_errors"]))
if not m["create"]["created"]: problems.append("no client created")
res["problems"] = problems
res["valid"] = not problems
json.dump(res, open(out_dir + "/latest.json", "w"), indent=2)

ms = lambda us: "%.2f" % (us / 1000)
md = []
md.append("# Liaison bench — %s\n" % res["date"])
md.append("Commit `%s`%s, %d cores (%s), wrk -t%d -c%d, %d rounds × %d s (after %d s warm-up), "
          "server --log-level warn, wrk on the same machine.\n" % (
          res["git_commit"][:12], " (dirty tree)" if res["git_dirty"] else "", res["machine"]["nproc"],
          cpu, WRK_THREADS, CONNECTIONS, ROUNDS, DURATION, WARMUP))
md.append("| endpoint | req/s (median) | p50 ms | p99 ms | per round req/s | non-2xx |")
md.append("|---|---:|---:|---:|---|---:|")
for name, label, rows in (("healthz", "GET /healthz (bare)", h),
                          ("read", "GET /api/v1/clients/{id} (audited)", rd),
                          ("create", "POST /api/v1/clients (201 only)", cr)):
    key = "created_per_s" if name == "create" else "rps"
    md.append("| %s | %.0f | %s | %s | %s | %d |" % (label, m[name][key], ms(m[name]["p50_us"]),
              ms(m[name]["p99_us"]), ", ".join("%.0f" % r[key] for r in rows),
              m[name]["non_2xx_3xx"] if name != "create" else m["create"]["not_created"]))
md.append("")
md.append("- audited read / healthz: **%.1f %%** (per round: %s) — target ≥ 50 %%: **%s**" % (
    100 * ratio, ", ".join("%.1f %%" % (100 * x) for x in per_round),
    "met" if ratio >= 0.5 else "NOT met"))
md.append("- demo load, %d clients: **%.2f s** wall (generator: %s s) — target < 60 s: **%s**" % (
    CLIENTS, DEMO_WALL, DEMO_SELF, {True: "met", False: "NOT met", None: "n/a (fewer than 100,000 clients)"}[
    res["targets"]["demo_100k_under_60s"]["met"]]))
if problems:
    md.append("- **measurement problems:** " + "; ".join(problems))
md.append("\nNumbers swing ±30 % between runs on this shared machine: compare the ratio, "
          "and medians of the same run (see bench/README.md).")
open(out_dir + "/latest.md", "w").write("\n".join(md) + "\n")

hist = out_dir + "/history.tsv"
cols = ["date", "commit", "dirty", "nproc", "healthz_rps", "read_rps", "ratio", "read_p50_ms",
        "read_p99_ms", "create_per_s", "create_p99_ms", "demo_100k_s", "valid"]
new = not os.path.exists(hist) or os.path.getsize(hist) == 0
with open(hist, "a") as f:
    if new:
        f.write("\t".join(cols) + "\n")
    f.write("\t".join(str(x) for x in [res["date"], res["git_commit"][:12], res["git_dirty"],
        res["machine"]["nproc"], round(m["healthz"]["rps"]), round(m["read"]["rps"]),
        "%.3f" % ratio, ms(m["read"]["p50_us"]), ms(m["read"]["p99_us"]),
        round(m["create"]["created_per_s"]), ms(m["create"]["p99_us"]), DEMO_WALL,
        res["valid"]]) + "\n")

print("\n".join(md))
sys.exit(0 if not problems else 1)
PY
py_rc=$?
set -e
if [ "$py_rc" -ne 0 ]; then
	step="validity"
	die "results written to bench/results/ but the measurement is not valid (see 'problems' in latest.json)"
fi
say "results: bench/results/latest.json, latest.md, history.tsv"
if [ "$STRICT" = 1 ]; then
	met=$(python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["targets"]; print(all(v["met"] is not False for v in t.values()))' "$RESULTS/latest.json")
	if [ "$met" != True ]; then say "BENCH_STRICT=1: a target is missed"; exit 3; fi
fi
exit 0
