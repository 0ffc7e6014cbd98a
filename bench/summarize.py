#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Turns the runs recorded by bench/run.sh into bench/results/.

  summarize.py RUNS.jsonl RESULTS_DIR

RUNS.jsonl: one line per measured wrk run, {"kind", "round", "r": wrk figures from
report.lua, "diag": counters from snapshot.py}. The run's settings come from
B_* environment variables set by run.sh. Writes latest.json and latest.md,
appends one line to history.tsv, prints the Markdown. Exit status 1 when the
measurement is not valid (socket errors, non-2xx replies where none are
expected, nothing created); missing a target is not an error here.
"""
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys

E = os.environ


def env_int(name, default=0):
    try:
        return int(E.get(name, default))
    except ValueError:
        return default


def med(rows, key):
    vals = [r[key] for r in rows if r.get(key) is not None]
    return statistics.median(vals) if vals else None


def med_diag(rows, key):
    vals = [r["diag"][key] for r in rows if r.get("diag") and r["diag"].get(key) is not None]
    return statistics.median(vals) if vals else None


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def wrk_version():
    try:
        out = subprocess.run(["wrk", "-v"], capture_output=True, text=True, timeout=5)
        return (out.stdout + out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "unknown"


def ms(us):
    return "%.2f" % (us / 1000) if us is not None else "—"


def main():
    runs_path, out_dir = sys.argv[1], sys.argv[2]
    rounds_n = env_int("B_ROUNDS", 3)
    duration, warmup = env_int("B_DURATION", 10), env_int("B_WARMUP", 2)
    wrk_threads, connections = env_int("B_WRK_THREADS", 2), env_int("B_CONNECTIONS", 64)
    clients = env_int("B_CLIENTS", 0)
    demo_wall = float(E.get("B_DEMO_WALL", "nan"))
    demo_self = None if E.get("B_DEMO_SELF", "null") == "null" else float(E["B_DEMO_SELF"])

    runs = [json.loads(line) for line in open(runs_path) if line.strip()]

    def of(kind):
        return [x["r"] | {"round": x["round"], "diag": x.get("diag")} for x in runs
                if x["kind"] == kind]

    kinds = {k: of(k) for k in ("healthz", "me", "read", "create")}
    h, me, rd, cr = kinds["healthz"], kinds["me"], kinds["read"], kinds["create"]

    medians = {}
    for name, rows in kinds.items():
        if not rows:
            continue
        medians[name] = {
            "rps": med(rows, "rps"), "p50_us": med(rows, "p50_us"), "p99_us": med(rows, "p99_us"),
            "non_2xx_3xx": sum(r["non_2xx_3xx"] for r in rows),
            "socket_errors": sum(r["socket_errors"] for r in rows),
            "server_cores": med_diag(rows, "server_cores"),
            "machine_idle_pct": med_diag(rows, "machine_idle_pct"),
            "commits_per_s": med_diag(rows, "commits_per_s"),
            "jobs_per_commit": med_diag(rows, "jobs_per_commit"),
        }
        if medians[name]["server_cores"] and medians[name]["rps"]:
            # Server CPU time per request, from the same medians (an estimate).
            medians[name]["server_cpu_us_per_req"] = round(
                1e6 * medians[name]["server_cores"] / medians[name]["rps"], 1)
    if cr:
        medians["create"]["created_per_s"] = med(cr, "created_per_s")
        medians["create"]["created"] = sum(r["created"] for r in cr)
        medians["create"]["not_created"] = sum(r["requests"] - r["created"] for r in cr)
        medians["create"]["status_409"] = sum(r["status_409"] for r in cr)
        medians["create"]["status_400_422"] = sum(r["status_400_422"] for r in cr)
        medians["create"]["status_other"] = sum(r["status_other"] for r in cr)

    ratio = medians["read"]["rps"] / medians["healthz"]["rps"]
    per_round = [r["rps"] / x["rps"] for r, x in zip(rd, h)]
    demo_met = (demo_wall < 60) if clients >= 100000 else None

    problems = []
    for name in ("healthz", "me", "read"):
        if name in medians and medians[name]["non_2xx_3xx"]:
            problems.append("%s: %d non-2xx replies" % (name, medians[name]["non_2xx_3xx"]))
    for name in medians:
        if medians[name]["socket_errors"]:
            problems.append("%s: %d socket errors or timeouts" % (name, medians[name]["socket_errors"]))
    if cr and not medians["create"]["created"]:
        problems.append("create: no client created")

    res = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "git_commit": E.get("B_COMMIT", "unknown"),
        "git_dirty": E.get("B_DIRTY") == "true",
        "machine": {"nproc": os.cpu_count(), "cpu": cpu_model(), "kernel": platform.release(),
                    "loadavg_1min_at_end": round(os.getloadavg()[0], 2)},
        "wrk": wrk_version(),
        "settings": {"rounds": rounds_n, "duration_s": duration, "warmup_s": warmup,
                     "wrk_threads": wrk_threads, "connections": connections,
                     "server_threads": env_int("B_SERVER_THREADS"),
                     "pinned": E.get("B_PIN") == "1", "log_level": "warn",
                     "login": E.get("B_LOGIN"), "ids": env_int("B_IDS")},
        "demo_load": {"clients": clients, "wall_s": demo_wall, "generator_s": demo_self,
                      "target_s": 60},
        "rounds": kinds,
        "medians": medians,
        "ratio_read_over_healthz": round(ratio, 4),
        "ratio_read_over_healthz_per_round": [round(x, 4) for x in per_round],
        "targets": {
            "read_at_least_half_of_healthz": {"target": 0.5, "value": round(ratio, 4),
                                              "met": ratio >= 0.5},
            "demo_100k_under_60s": {"target_s": 60, "value_s": demo_wall, "met": demo_met},
        },
        "problems": problems,
        "valid": not problems,
    }
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "latest.json"), "w") as f:
        json.dump(res, f, indent=2)
        f.write("\n")

    md = ["# Liaison bench — %s" % res["date"], ""]
    md.append("Commit `%s`%s; %d cores (%s); wrk -t%d -c%d on the same machine; %d interleaved "
              "rounds of %d s after %d s of warm-up each; server `--log-level warn`%s." % (
                  res["git_commit"][:12], " with uncommitted changes" if res["git_dirty"] else "",
                  res["machine"]["nproc"], res["machine"]["cpu"], wrk_threads, connections,
                  rounds_n, duration, warmup, ", server on CPU 0 and wrk on CPU 1"
                  if res["settings"]["pinned"] else ""))
    md.append("")
    md.append("| endpoint | req/s (median) | p50 ms | p99 ms | req/s per round | non-2xx "
              "| server cores | µs CPU/req | commits/s × jobs |")
    md.append("|---|---:|---:|---:|---|---:|---:|---:|---|")
    labels = {"healthz": "`GET /healthz` (bare)",
              "me": "`GET /api/v1/me` (session, not audited)",
              "read": "`GET /api/v1/clients/{id}` (audited, group commit)",
              "create": "`POST /api/v1/clients` (201 only)"}
    for name, rows in kinds.items():
        if not rows:
            continue
        m = medians[name]
        key = "created_per_s" if name == "create" else "rps"
        commits = ("%.0f × %.1f" % (m["commits_per_s"], m["jobs_per_commit"])
                   if m.get("jobs_per_commit") else "—")
        md.append("| %s | %.0f | %s | %s | %s | %d | %s | %s | %s |" % (
            labels[name], m[key], ms(m["p50_us"]), ms(m["p99_us"]),
            ", ".join("%.0f" % r[key] for r in rows),
            m["not_created"] if name == "create" else m["non_2xx_3xx"],
            "%.2f" % m["server_cores"] if m.get("server_cores") is not None else "—",
            "%.0f" % m["server_cpu_us_per_req"] if m.get("server_cpu_us_per_req") else "—",
            commits))
    md.append("")
    md.append("- **audited read / healthz: %.1f %%** (per round: %s) — target ≥ 50 %%: **%s**" % (
        100 * ratio, ", ".join("%.1f %%" % (100 * x) for x in per_round),
        "met" if ratio >= 0.5 else "not met"))
    if "me" in medians:
        md.append("- authenticated, not audited (`/me`) / healthz: %.1f %%; audited read / `/me`: "
                  "%.1f %%" % (100 * medians["me"]["rps"] / medians["healthz"]["rps"],
                               100 * medians["read"]["rps"] / medians["me"]["rps"]))
    if cr:
        m = medians["create"]
        md.append("- creates: %d created in all, %d not (409: %d, 400/422: %d, other: %d)" % (
            m["created"], m["not_created"], m["status_409"], m["status_400_422"],
            m["status_other"]))
    md.append("- demo load, %d clients: **%.2f s** wall (generator's own figure: %s s) — "
              "target < 60 s for 100,000: **%s**" % (
                  clients, demo_wall, demo_self,
                  {True: "met", False: "not met", None: "n/a (fewer clients)"}[demo_met]))
    if problems:
        md.append("- **measurement not valid:** " + "; ".join(problems))
    md.append("")
    md.append("Absolute numbers swing ±30 % between runs on this shared 2-core machine: compare "
              "ratios and medians within one run (bench/README.md).")
    with open(os.path.join(out_dir, "latest.md"), "w") as f:
        f.write("\n".join(md) + "\n")

    hist = os.path.join(out_dir, "history.tsv")
    cols = ["date", "commit", "dirty", "nproc", "healthz_rps", "me_rps", "read_rps",
            "read_over_healthz", "read_p50_ms", "read_p99_ms", "create_per_s", "create_p99_ms",
            "demo_clients", "demo_s", "valid"]
    new = not os.path.exists(hist) or os.path.getsize(hist) == 0
    row = [res["date"], res["git_commit"][:12], res["git_dirty"], res["machine"]["nproc"],
           round(medians["healthz"]["rps"]),
           round(medians["me"]["rps"]) if "me" in medians else "",
           round(medians["read"]["rps"]), "%.3f" % ratio, ms(medians["read"]["p50_us"]),
           ms(medians["read"]["p99_us"]),
           round(medians["create"]["created_per_s"]) if cr else "",
           ms(medians["create"]["p99_us"]) if cr else "", clients, demo_wall, res["valid"]]
    with open(hist, "a") as f:
        if new:
            f.write("\t".join(cols) + "\n")
        f.write("\t".join(str(x) for x in row) + "\n")

    print("\n".join(md))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
