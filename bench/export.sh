#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
#
# The antenna bundle benchmark (issue 7): records per second of `liaison export` for
# bundles of 5,000 clients in all (3-page records), on one rendering thread and on two,
# full and then incremental after 1 % of the records changed. Target: at least 70
# records per second per core, so 5,000 clients in under 40 s on two cores.
#
# Per backend: a fresh database filled by `liaison demo --clients BENCH_EX_CLIENTS`
# (timed). The demo clients are sparse (no notebook, a short care plan: one page each),
# so a server first fills them through the API (export_setup.py fill, timed): each
# client gets BENCH_EX_ENTRIES notebook entries of the last 30 days, realistic French
# transmissions (daily notes to all, care "targeted" entries to the care team) that the
# care profile reads, over BENCH_EX_CONNECTIONS keep-alive connections; with the default
# 10 a record prints about 3 pages, the size issue 7's baseline was measured on. On
# PostgreSQL a VACUUM ANALYZE (psql) follows, as autovacuum would long have done on a
# notebook written over 30 days (without it the first bundle ran at half speed).
# The bundles: the care profile is a staff aide on the exported node, who reads the
# record's care plan, visits and notebook only through the client's care circle, where
# the demo puts the client's site (antenna or care home) as aide_domicile. A bundle of
# the federation (one node above every site) would therefore print identity, circle
# and consents only; so, as in issue 7 (one bundle per antenna), each run is one bundle
# per site (Antenne Belleville, Antenne Nation, EHPAD Les Tilleuls: export_setup.py
# sites), one after the other, and the run's figures are their sums (seconds, CPU,
# clients, MB; peak RSS the largest). BENCH_EX_SCOPE=federation gives the former single
# bundle of the federation (export_setup.py org).
# Then, for each thread count, a full run in a folder of its own; the pages of a sample
# of BENCH_EX_PAGES_SAMPLE records of the first full run are counted with pdfinfo (mean
# and distribution in the results); then a server changes the phone number of
# BENCH_EX_CHANGED clients through the API (PATCH with If-Match, as the coordinator:
# export_setup.py touch), and each folder gets an incremental run on the same thread
# count. Every bundle is measured by /usr/bin/time -v (wall seconds, CPU seconds, peak
# RSS); the bundle's size is that of its folder, its rendered/reused counts those the
# command prints last.
# Results: bench/results/export.json, export.md, one line per run in history-export.tsv.
#
# Settings: BENCH_EX_CLIENTS=5000 BENCH_EX_CHANGED=(1 % of the clients)
#           BENCH_EX_THREADS="1 2" BENCH_EX_BACKENDS=sqlite ("sqlite pg" for both)
#           BENCH_EX_PROFILE=care BENCH_BUILD_DIR=build-bench BENCH_EX_KEEP=0 (1: keep
#           the temporary folder) BENCH_EX_RESULTS=bench/results (trial runs elsewhere)
#           BENCH_EX_SKIP_BUILD=0 (1: bench/run.sh has built BENCH_BUILD_DIR already)
#           BENCH_EX_FILL=1 (0: the bare demo records) BENCH_EX_ENTRIES=10 (notebook
#           entries per client) BENCH_EX_CONNECTIONS=8 (fill connections)
#           BENCH_EX_SCOPE=sites (or federation) BENCH_EX_PAGES_SAMPLE=200 (records
#           whose pages are counted; 0: all) BENCH_EX_SEED=7 (fill texts)
set -Eeuo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
RESULTS=${BENCH_EX_RESULTS:-$BENCH_DIR/results}
NCLIENTS=${BENCH_EX_CLIENTS:-5000}
CHANGED=${BENCH_EX_CHANGED:-$(( NCLIENTS / 100 > 0 ? NCLIENTS / 100 : 1 ))}
THREADS=${BENCH_EX_THREADS:-1 2}
BACKENDS=${BENCH_EX_BACKENDS:-sqlite}
PROFILE=${BENCH_EX_PROFILE:-care}
BUILD_DIR=${BENCH_BUILD_DIR:-build-bench}
KEEP=${BENCH_EX_KEEP:-0}
FILL=${BENCH_EX_FILL:-1}
ENTRIES=${BENCH_EX_ENTRIES:-10}
CONNECTIONS=${BENCH_EX_CONNECTIONS:-8}
SCOPE=${BENCH_EX_SCOPE:-sites}
PAGES_SAMPLE=${BENCH_EX_PAGES_SAMPLE:-200}
case $SCOPE in sites | federation) ;; *) echo "BENCH_EX_SCOPE: sites or federation" >&2; exit 2 ;; esac
BIN="$ROOT/$BUILD_DIR/liaison"

say() { printf 'bench-export: %s\n' "$*" >&2; }

[ -x /usr/bin/time ] || { say "/usr/bin/time is needed (Debian package time)"; exit 1; }
command -v pdfinfo >/dev/null || { say "pdfinfo is needed (Debian package poppler-utils)"; exit 1; }
if [ "${BENCH_EX_SKIP_BUILD:-0}" != 1 ]; then
	if [ ! -d "$ROOT/$BUILD_DIR" ]; then
		meson setup "$ROOT/$BUILD_DIR" "$ROOT" --buildtype=release -Dtests=false >/dev/null
	fi
	ninja -C "$ROOT/$BUILD_DIR" >/dev/null
fi

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
say "load average before the runs: $LOAD_BEFORE"
TMP=$(mktemp -d /tmp/liaison-bench-export.XXXXXX)
chmod 755 "$TMP" # the PostgreSQL cluster runs as postgres under it
PID=""
PGDIR=""
cleanup() {
	[ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
	[ -n "$PGDIR" ] && "$ROOT/scripts/pg-cluster.sh" stop "$PGDIR" >/dev/null 2>&1 || true
	if [ "$KEEP" = 1 ]; then say "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT

# Options naming the run's storage: the data dir, and the database when PostgreSQL.
STORAGE=()

# Starts a server on the run's storage; sets PID and URL.
start_server() {
	"$BIN" serve --listen 127.0.0.1:0 --log-level warn --vigilance-seconds 0 "${STORAGE[@]}" \
		>"$TMP/serve.out" 2>"$TMP/serve.err" &
	PID=$!
	URL=""
	for _ in $(seq 1 600); do
		URL=$(grep -o 'http://[0-9.]*:[0-9]*' "$TMP/serve.out" 2>/dev/null |
			head -1 || true)
		[ -n "$URL" ] && break
		sleep 0.1
	done
	[ -n "$URL" ] || { cat "$TMP/serve.err" >&2; exit 1; }
}

stop_server() {
	kill "$PID" && wait "$PID" || true
	PID=""
}

# One run ($1 backend, $2 mode full|incremental, $3 threads, $4 out dir): one
# `liaison export` per organisation of ORGS, one after the other, each measured; one
# JSON line on $OUT with their sums and, under "bundles", each bundle's own figures.
export_run() {
	local backend=$1 mode=$2 threads=$3 out=$4 extra=() org
	[ "$mode" = incremental ] && extra=(--incremental)
	: >"$TMP/parts.jsonl"
	for org in "${ORGS[@]}"; do
		say "$backend: $mode bundle of ${ORG_NAME[$org]} on $threads thread(s)"
		/usr/bin/time -v -o "$TMP/time.txt" "$BIN" export --org "$org" --out "$out" \
			--threads "$threads" --profile "$PROFILE" "${extra[@]}" "${STORAGE[@]}" \
			>"$TMP/export.out" 2>"$TMP/export.err" </dev/null ||
			{ tail -20 "$TMP/export.err" >&2; exit 1; }
		python3 - "${ORG_NAME[$org]}" "$out/$org" "$TMP/time.txt" "$TMP/export.err" \
			>>"$TMP/parts.jsonl" <<'PY'
import json, os, re, sys
name, orgdir, timef, errf = sys.argv[1:5]
t = open(timef).read()
def field(name):
    m = re.search(r"^\s*" + re.escape(name) + r": (.*)$", t, re.M)
    return m.group(1).strip() if m else None
def wall(s):
    secs = 0.0
    for p in [float(x) for x in s.split(":")]:
        secs = secs * 60 + p
    return secs
seconds = wall(field("Elapsed (wall clock) time (h:mm:ss or m:ss)"))
cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
rss_mb = int(field("Maximum resident set size (kbytes)")) / 1024
latest = os.path.realpath(os.path.join(orgdir, "latest"))
size = 0
pdfs = 0
for root, _, files in os.walk(latest):
    for f in files:
        size += os.path.getsize(os.path.join(root, f))
        if root.endswith("clients") and f.endswith(".pdf"):
            pdfs += 1
# The command's last line: "liaison export: N clients, R rendered, U reused, ...".
m = re.search(r"(\d+) clients, (\d+) rendered, (\d+) reused", open(errf, errors="replace").read())
clients, rendered, reused = ((int(m.group(1)), int(m.group(2)), int(m.group(3))) if m
                             else (pdfs, None, None))
print(json.dumps({"org": name, "clients": clients, "rendered": rendered, "reused": reused,
                  "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
                  "mb": round(size / 1e6, 1), "peak_rss_mb": round(rss_mb, 1),
                  "latest": latest}))
PY
		tail -1 "$TMP/parts.jsonl" >&2
	done
	python3 - "$backend" "$mode" "$threads" "$CHANGED" "$TMP/parts.jsonl" >>"$OUT" <<'PY'
import json, sys
backend, mode, threads, changed, partsf = sys.argv[1:6]
parts = [json.loads(l) for l in open(partsf)]
def total(key):
    vals = [p[key] for p in parts]
    return None if None in vals else sum(vals)
clients, seconds = total("clients"), sum(p["seconds"] for p in parts)
rate = clients / seconds if seconds else 0
for p in parts:
    del p["latest"]
print(json.dumps({
    "backend": backend, "mode": mode, "threads": int(threads), "clients": clients,
    "changed_before": int(changed) if mode == "incremental" else 0,
    "rendered": total("rendered"), "reused": total("reused"),
    "seconds": round(seconds, 2), "cpu_seconds": round(total("cpu_seconds"), 2),
    "records_per_s": round(rate, 1), "records_per_s_per_core": round(rate / int(threads), 1),
    "mb": round(total("mb"), 1), "peak_rss_mb": max(p["peak_rss_mb"] for p in parts),
    "bundles": parts}))
PY
	tail -1 "$OUT" | cut -c1-400 >&2
}

# Pages per record ($1 backend, $2 out dir of a full run): pdfinfo on PAGES_SAMPLE
# records spread over the bundles (all when 0); one JSON line on $PAGES.
count_pages() {
	local backend=$1 out=$2 org
	local dirs=()
	for org in "${ORGS[@]}"; do dirs+=("$(realpath "$out/$org/latest")/clients"); done
	python3 - "$backend" "$PAGES_SAMPLE" "${dirs[@]}" >>"$PAGES" <<'PY'
import json, os, re, subprocess, sys
backend, sample, dirs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
files = sorted(os.path.join(d, f) for d in dirs for f in os.listdir(d) if f.endswith(".pdf"))
if sample and len(files) > sample:
    step = len(files) / sample
    files = [files[int(i * step)] for i in range(sample)]
pages = []
for f in files:
    out = subprocess.run(["pdfinfo", f], capture_output=True, text=True, check=True).stdout
    pages.append(int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1)))
dist = {}
for p in pages:
    dist[str(p)] = dist.get(str(p), 0) + 1
print(json.dumps({"backend": backend, "records": len(pages),
                  "mean": round(sum(pages) / len(pages), 2) if pages else None,
                  "distribution": dict(sorted(dist.items(), key=lambda kv: int(kv[0])))}))
PY
	say "$backend: pages per record $(tail -1 "$PAGES")"
}

OUT="$TMP/runs.jsonl"
PAGES="$TMP/pages.jsonl"
FILLS="$TMP/fill.jsonl"
: >"$OUT"
: >"$PAGES"
: >"$FILLS"
DEMO_SECONDS=()
declare -A ORG_NAME
for backend in $BACKENDS; do
	data="$TMP/$backend"
	rm -rf "$data" && mkdir -p "$data"
	STORAGE=(--data-dir "$data")
	if [ "$backend" = pg ]; then
		PGDIR="$TMP/pg"
		mkdir -p "$PGDIR"
		"$ROOT/scripts/pg-cluster.sh" start "$PGDIR" >/dev/null
		db=$("$ROOT/scripts/pg-cluster.sh" createdb "$PGDIR" "ex$RANDOM")
		STORAGE+=(--database "$db")
	fi
	say "$backend: liaison demo --clients $NCLIENTS"
	t0=$(date +%s.%N)
	"$BIN" demo --clients "$NCLIENTS" "${STORAGE[@]}" >"$TMP/demo.out" 2>&1 ||
		{ tail -20 "$TMP/demo.out" >&2; exit 1; }
	t1=$(date +%s.%N)
	DEMO_SECONDS+=("$backend=$(python3 -c "print(round($t1 - $t0, 1))")")
	start_server
	ORGS=()
	ORG_NAME=()
	if [ "$SCOPE" = federation ]; then
		org=$(python3 "$BENCH_DIR/export_setup.py" org "$URL")
		ORGS=("$org")
		ORG_NAME[$org]="Fédération Île-de-France"
	else
		while IFS=$'\t' read -r org name; do
			ORGS+=("$org")
			ORG_NAME[$org]=$name
		done < <(python3 "$BENCH_DIR/export_setup.py" sites "$URL")
	fi
	[ "${#ORGS[@]}" -gt 0 ] || { say "no organisation to export"; exit 1; }
	if [ "$FILL" = 1 ]; then
		say "$backend: filling $ENTRIES notebook entries per client over $CONNECTIONS connections"
		python3 "$BENCH_DIR/export_setup.py" fill "$URL" "$ENTRIES" "$CONNECTIONS" >"$TMP/fill.json"
		python3 -c 'import json, sys; j = json.load(open(sys.argv[1])); j["backend"] = sys.argv[2]; print(json.dumps(j))' \
			"$TMP/fill.json" "$backend" >>"$FILLS"
		say "$backend: fill $(cat "$TMP/fill.json")"
		if [ "$backend" = pg ]; then
			# 50,000 rows just inserted: the statistics are stale and autovacuum is
			# about to run, which slowed the first bundle after the fill by 2x. A
			# notebook written over 30 days would have been analysed long ago.
			t0=$(date +%s.%N)
			psql -q -X -v ON_ERROR_STOP=1 "$db" -c "VACUUM ANALYZE" >/dev/null
			t1=$(date +%s.%N)
			say "pg: VACUUM ANALYZE after the fill: $(python3 -c "print(round($t1 - $t0, 1))") s"
		fi
	fi
	stop_server
	first=1
	for t in $THREADS; do
		export_run "$backend" full "$t" "$data/out-t$t"
		[ "$first" = 1 ] && count_pages "$backend" "$data/out-t$t"
		first=0
	done
	start_server
	python3 "$BENCH_DIR/export_setup.py" touch "$URL" "$CHANGED" >"$TMP/touch.json"
	stop_server
	for t in $THREADS; do
		export_run "$backend" incremental "$t" "$data/out-t$t"
	done
	if [ "$backend" = pg ]; then
		"$ROOT/scripts/pg-cluster.sh" stop "$PGDIR" >/dev/null
		PGDIR=""
	fi
done

mkdir -p "$RESULTS"
python3 - "$OUT" "$RESULTS" "$NCLIENTS" "$(nproc)" "${DEMO_SECONDS[*]}" "$CHANGED" \
	"$PAGES" "$FILLS" "$SCOPE" "$PROFILE" "$ENTRIES" "$FILL" "${LOAD_BEFORE:-}" <<'PY'
import datetime, json, os, subprocess, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
res, n, cores = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
demo = dict(x.split("=") for x in sys.argv[5].split()) if sys.argv[5] else {}
changed = int(sys.argv[6])
pages = [json.loads(l) for l in open(sys.argv[7])]
fills = [json.loads(l) for l in open(sys.argv[8])]
scope, profile, entries, fill_on, load = sys.argv[9:14]
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                        text=True).stdout.strip()
when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
target = ">= 70 records/s/core; 5,000 clients in < 40 s on two cores (full bundle)"
def met(r):
    if r["mode"] != "full":
        return None
    ok = r["records_per_s_per_core"] >= 70
    if r["threads"] == 2 and n >= 5000:
        ok = ok and r["seconds"] * 5000 / r["clients"] < 40
    return ok
for r in runs:
    r["target_met"] = met(r)
json.dump({"when": when, "commit": commit, "clients": n, "changed": changed, "cores": cores,
           "target": target, "scope": scope, "profile": profile,
           "entries_per_client": int(entries) if fill_on == "1" else 0,
           "load_before": load or None,
           "demo_seconds": {k: float(v) for k, v in demo.items()},
           "fill": fills, "pages_per_record": pages, "runs": runs},
          open(os.path.join(res, "export.json"), "w"), indent=1)
if scope == "sites":
    how = ("one bundle per site (Antenne Belleville, Antenne Nation, EHPAD Les Tilleuls: "
           "the care profile reads a record through the circle, where the demo puts the "
           "client's site), run one after the other; a row is their sum")
else:
    how = ("one bundle of the federation (the care profile, not in the circles there, "
           "sees identity, circle and consents only)")
if fill_on == "1":
    filled = ("each filled through the API with %s notebook entries of the last 30 days "
              "(French transmissions the care profile reads) before the runs" % entries)
else:
    filled = "as the demo makes them (no notebook)"
lines = ["# Antenna bundles (`liaison export`) — %s, commit %s" % (when, commit), "",
         "%d demo clients, %s; profile %s, %s; one PDF each plus the index and the DLUs, "
         "manifest signed (Ed25519); %d cores on the machine%s. Incremental: the next "
         "bundle in the same folder after %d records changed through the API. Target: %s. "
         "records/s/core is records/s over the rendering threads; CPU s is user + system "
         "time of the export process alone (PostgreSQL's work is in its own server)." % (
             n, filled, profile, how, cores,
             (", load average %s before the runs" % load) if load else "", changed, target),
         "",
         "| backend | mode | threads | clients | rendered | reused | seconds | CPU s | "
         "records/s | records/s/core | MB | peak RSS MB | target met |",
         "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
def s(v):
    return "-" if v is None else str(v)
for r in runs:
    lines.append("| %s | %s | %d | %d | %s | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f | %s |"
                 % (r["backend"], r["mode"], r["threads"], r["clients"], s(r["rendered"]),
                    s(r["reused"]), r["seconds"], r["cpu_seconds"], r["records_per_s"],
                    r["records_per_s_per_core"], r["mb"], r["peak_rss_mb"],
                    "-" if r["target_met"] is None else ("yes" if r["target_met"] else "no")))
if pages:
    lines += ["", "Pages per record (pdfinfo, first full run): " + "; ".join(
        "%s %s mean on %d records (%s)" % (p["backend"], p["mean"], p["records"], ", ".join(
            "%s p.: %d" % kv for kv in p["distribution"].items())) for p in pages) + "."]
if demo:
    lines += ["", "Demo data load: " + ", ".join("%s %s s" % kv for kv in demo.items()) + "."]
if fills:
    lines += ["", "Fill through the API: " + "; ".join(
        "%s %d entries in %s s (%s/s over %d connections; %s s with the sign-ins and "
        "listings), mean %d characters, failed %s" % (
            f["backend"], f["created"], f["seconds"], f["per_s"], f["connections"],
            f["total_seconds"], f["mean_chars"], f["failed"] or "none") for f in fills) + "."]
open(os.path.join(res, "export.md"), "w").write("\n".join(lines) + "\n")
# history-export.tsv: the former columns, then scope, notebook entries per client and
# mean pages per record (empty in lines written before they existed).
mean_pages = {p["backend"]: p["mean"] for p in pages}
with open(os.path.join(res, "history-export.tsv"), "a") as h:
    for r in runs:
        h.write("\t".join(str(x) for x in (when, commit, r["backend"], r["mode"], r["threads"],
                r["clients"], r["seconds"], r["records_per_s"], r["records_per_s_per_core"],
                r["mb"], r["peak_rss_mb"], scope, entries if fill_on == "1" else 0,
                mean_pages.get(r["backend"], ""))) + "\n")
print("\n".join(lines))
PY
