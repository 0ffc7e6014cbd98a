#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
#
# The tele-alarm benchmark (issue 6): frames per second sustained by the SIA DC-09
# receiver over TCP and UDP, and the latency from frame received to ACK sent, with
# SQLite and PostgreSQL. Target: p99 under 50 ms at 1,000 alarms/s, nothing lost.
#
# Per backend and transport and rate: a fresh server (release build, demo accounts)
# with BENCH_AL_CLIENTS clients and BENCH_AL_DEVICES devices each (bench/alarms_setup.py),
# then our own load generator (build-bench/dc09-tool load) sends medical alarms
# (ADM-CID 1100: each one stores an event, raises a critical alert with the client's
# escalation, and is audited) on schedule (open loop) for BENCH_AL_DURATION seconds.
# Reported: frames sent, ACKed, unanswered; the sender's round trip p50/p99; the
# server's own read-to-ACK p50/p99 (GET /api/v1/alarm/receiver; its histogram stops at
# 1 s, so 1000.1 means "a second or more"); the group committer's jobs per batch
# (GET /readyz); and "lost": ACKed frames missing from the database (must be 0).
# Results: bench/results/alarms.json, alarms.md, one line per run in history-alarms.tsv
# (BENCH_AL_RESULTS=DIR writes them elsewhere, for trial runs).
#
# Settings: BENCH_AL_RATES="1000 2000 4000" BENCH_AL_DURATION=15 BENCH_AL_CLIENTS=50
#           BENCH_AL_DEVICES=4 BENCH_AL_CONNECTIONS=8 BENCH_AL_BACKENDS="sqlite pg"
#           BENCH_BUILD_DIR=build-bench
set -Eeuo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
RESULTS=${BENCH_AL_RESULTS:-$BENCH_DIR/results}
RATES=${BENCH_AL_RATES:-1000 2000 4000}
DURATION=${BENCH_AL_DURATION:-15}
NCLIENTS=${BENCH_AL_CLIENTS:-50}
NDEVICES=${BENCH_AL_DEVICES:-4}
CONNS=${BENCH_AL_CONNECTIONS:-8}
BACKENDS=${BENCH_AL_BACKENDS:-sqlite pg}
BUILD_DIR=${BENCH_BUILD_DIR:-build-bench}
BIN="$ROOT/$BUILD_DIR/liaison"
TOOL="$ROOT/$BUILD_DIR/dc09-tool"

if [ ! -d "$ROOT/$BUILD_DIR" ]; then
	meson setup "$ROOT/$BUILD_DIR" "$ROOT" --buildtype=release -Dtests=false >/dev/null
fi
ninja -C "$ROOT/$BUILD_DIR" >/dev/null

TMP=$(mktemp -d /tmp/liaison-bench-alarms.XXXXXX)
chmod 755 "$TMP" # the PostgreSQL cluster runs as postgres under it
PID=""
PGDIR=""
cleanup() {
	[ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
	[ -n "$PGDIR" ] && "$ROOT/scripts/pg-cluster.sh" stop "$PGDIR" >/dev/null 2>&1 || true
	rm -rf "$TMP"
}
trap cleanup EXIT

# Starts a server on db ($1: "" for SQLite) in $TMP/run; sets PID, URL, TCP, UDP.
start_server() {
	local db=$1 dir="$TMP/run"
	rm -rf "$dir" && mkdir -p "$dir"
	local args=(--data-dir "$dir" --listen 127.0.0.1:0 --demo --demo-clients 0
		--log-level warn --alarm-listen "bench=tcp://127.0.0.1:0,bench=udp://127.0.0.1:0"
		--alarm-inflight-per-address 100000 --alarm-path-silence 0)
	[ -n "$db" ] && args+=(--database "$db")
	"$BIN" serve "${args[@]}" >"$dir/out" 2>"$dir/err" &
	PID=$!
	for _ in $(seq 1 600); do
		URL=$(grep -o 'http://[0-9.]*:[0-9]*' "$dir/out" 2>/dev/null | head -1 || true)
		[ -n "$URL" ] && break
		sleep 0.1
	done
	[ -n "$URL" ] || { cat "$dir/err" >&2; exit 1; }
	local tok
	tok=$(curl -s -X POST "$URL/api/v1/sessions" -H 'Content-Type: application/json' \
		-d '{"login":"operateur","password":"demo-liaison"}' |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
	TOKEN=$tok
	read -r TCP UDP < <(curl -s "$URL/api/v1/alarm/receiver" -H "Authorization: Bearer $tok" |
		python3 -c 'import json,sys; p={x["transport"]:x["port"] for x in json.load(sys.stdin)["paths"]}; print(p["tcp"], p["udp"])')
}

stop_server() {
	kill "$PID" && wait "$PID" || true
	PID=""
}

# Counts stored events of the bench devices.
count_events() {
	local db=$1
	if [ -z "$db" ]; then
		sqlite3 "$TMP/run/liaison.db" "SELECT count(*) FROM alarm_events"
	else
		psql -X -A -t -d "$db" -c "SELECT count(*) FROM alarm_events"
	fi
}

OUT="$TMP/runs.jsonl"
: >"$OUT"
for backend in $BACKENDS; do
	db=""
	if [ "$backend" = pg ]; then
		PGDIR="$TMP/pg"
		mkdir -p "$PGDIR"
		"$ROOT/scripts/pg-cluster.sh" start "$PGDIR" >/dev/null
	fi
	for transport in tcp udp; do
		for rate in $RATES; do
			[ "$backend" = pg ] && db=$("$ROOT/scripts/pg-cluster.sh" createdb "$PGDIR" "al$RANDOM")
			start_server "$db"
			python3 "$BENCH_DIR/alarms_setup.py" "$URL" "$NCLIENTS" "$NDEVICES" >"$TMP/accounts"
			port=$TCP
			extra=(--connections "$CONNS")
			if [ "$transport" = udp ]; then port=$UDP; extra=(--udp); fi
			before=$(count_events "$db")
			ready_before=$(curl -s "$URL/readyz")
			"$TOOL" load --host 127.0.0.1 --port "$port" "${extra[@]}" \
				--account-file "$TMP/accounts" --id ADM-CID --data '#%s|1100 00 001' \
				--rate "$rate" --duration "$DURATION" --json >"$TMP/load.json"
			sleep 1
			after=$(count_events "$db")
			srvstats=$(curl -s "$URL/api/v1/alarm/receiver" -H "Authorization: Bearer $TOKEN")
			ready_after=$(curl -s "$URL/readyz")
			stop_server
			python3 - "$backend" "$transport" "$rate" "$((after - before))" "$srvstats" \
				"$TMP/load.json" "$ready_before" "$ready_after" >>"$OUT" <<'PY'
import json, sys
backend, transport, rate, stored, srv, load, rb, ra = sys.argv[1:9]
l = json.load(open(load))
s = json.loads(srv)["stats"]
rb, ra = json.loads(rb), json.loads(ra)
batches = ra["commit_batches"] - rb["commit_batches"]
print(json.dumps({
    "backend": backend, "transport": transport, "target_rate": int(rate),
    "sent": l["sent"], "acked": l["acked"], "unanswered": l["unanswered"],
    "achieved_rate": l["achieved_rate"], "acked_rate": round(l["acked"] / l["elapsed_s"], 1),
    "client_p50_ms": l["latency_ms"]["p50"], "client_p99_ms": l["latency_ms"]["p99"],
    "server_p50_ms": s["latency_p50_us"] / 1000, "server_p99_ms": s["latency_p99_us"] / 1000,
    "server_max_ms": s["latency_max_us"] / 1000, "dropped": s["dropped"],
    "jobs_per_batch": round((ra["commit_jobs"] - rb["commit_jobs"]) / batches, 1) if batches else 0,
    "stored": int(stored), "lost": max(0, l["acked"] - int(stored)) if l["duplicate_acks"] == 0
    else None}))
PY
			tail -1 "$OUT" >&2
		done
	done
	if [ "$backend" = pg ]; then "$ROOT/scripts/pg-cluster.sh" stop "$PGDIR" >/dev/null; PGDIR=""; fi
done

python3 - "$OUT" "$RESULTS" <<'PY'
import datetime, json, os, subprocess, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
res = sys.argv[2]
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                        text=True).stdout.strip()
when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
json.dump({"when": when, "commit": commit, "target": "p99 < 50 ms at 1000 alarms/s, 0 lost",
           "runs": runs}, open(os.path.join(res, "alarms.json"), "w"), indent=1)
lines = ["# Tele-alarm receiver (SIA DC-09) — %s, commit %s" % (when, commit), "",
         "Medical alarms (ADM-CID 1100): each stores an event, raises a critical alert with "
         "its escalation, and is audited; the ACK leaves only after the commit.", "",
         "| backend | transport | target/s | acked/s | sent | acked | unanswered | lost | "
         "server p50 ms | server p99 ms | round trip p99 ms | jobs/batch | target met |",
         "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
for r in runs:
    met = (r["target_rate"] <= 1000 and r["server_p99_ms"] < 50 and r["lost"] == 0
           and r["unanswered"] == 0)
    lines.append("| %s | %s | %d | %.0f | %d | %d | %d | %s | %.1f | %.1f | %.1f | %s | %s |" % (
        r["backend"], r["transport"], r["target_rate"], r["acked_rate"], r["sent"], r["acked"],
        r["unanswered"], r["lost"], r["server_p50_ms"], r["server_p99_ms"], r["client_p99_ms"],
        r.get("jobs_per_batch", "-"),
        ("yes" if met else "no") if r["target_rate"] == 1000 else "-"))
open(os.path.join(res, "alarms.md"), "w").write("\n".join(lines) + "\n")
with open(os.path.join(res, "history-alarms.tsv"), "a") as h:
    for r in runs:
        h.write("\t".join(str(x) for x in (when, commit, r["backend"], r["transport"],
                r["target_rate"], r["acked_rate"], r["server_p99_ms"], r["client_p99_ms"],
                r["lost"])) + "\n")
print("\n".join(lines))
PY
