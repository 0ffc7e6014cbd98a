#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Turns the runs of bench/notebook.sh into bench/results/.

  summarize_notebook.py WORK_DIR RESULTS_DIR

WORK_DIR/<backend>/ holds status ("measured", "unavailable" or "failed", a tab, a
reason), setup.json (client, fill), runs.jsonl (every wrk run, warm-ups included;
"measured" ones carry snapshot.py's "diag" and others.py's "others"), final_count.
Adds (replaces) the "notebook" section of latest.json, the notebook part of latest.md
(everything after the marker line), one line per backend to history-notebook.tsv.
Exit status 1 when a backend failed or a measurement is not valid (non-2xx replies,
socket errors, an append not answered 201, entries missing at the final count).
"""
import datetime
import json
import os
import statistics
import sys

E = os.environ
MARKER = "<!-- notebook scenario (bench/notebook.sh) -->"
OVERLAP_CORES = 0.25  # outside load above this in a measured run: the run overlapped


def env_int(name, default=0):
    try:
        return int(E.get(name, default))
    except ValueError:
        return default


def med(vals):
    vals = [v for v in vals if v is not None]
    return statistics.median(vals) if vals else None


def ms(us):
    return "%.2f" % (us / 1000) if us is not None else "—"


def read_text(path, default=""):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return default


def backend_result(d):
    status, _, reason = read_text(os.path.join(d, "status"), "failed\tno status").partition("\t")
    res = {"status": status, "reason": reason or None}
    try:
        res["setup"] = json.load(open(os.path.join(d, "setup.json")))
    except (OSError, ValueError):
        res["setup"] = None
    runs = []
    try:
        runs = [json.loads(line) for line in open(os.path.join(d, "runs.jsonl")) if line.strip()]
    except (OSError, ValueError):
        pass
    if not res["setup"] or not all(any(x["kind"] == k and x["measured"] for x in runs)
                                   for k in ("healthz", "read", "healthz_b", "append")):
        res["valid"] = False if status == "failed" else None
        res["problems"] = [reason] if status == "failed" and reason else []
        return res

    setup = res["setup"]
    size = setup["entries_after_fill"]
    sizes_at_read = []
    appended_all = 0
    for x in runs:  # chronological
        if x["kind"] == "read" and x["measured"]:
            sizes_at_read.append(size)
        if x["kind"] == "append":
            size += x["r"].get("created", 0)
            appended_all += x["r"].get("created", 0)

    kinds = {}
    # healthz: the rounds interleaved with the reads; healthz_b: with the appends.
    for k in ("healthz", "read", "healthz_b", "append"):
        kinds[k] = [x["r"] | {"round": x["round"], "diag": x.get("diag"), "others": x.get("others")}
                    for x in runs if x["kind"] == k and x["measured"]]
    h, rd, hb, ap = kinds["healthz"], kinds["read"], kinds["healthz_b"], kinds["append"]
    medians = {}
    for k, rows in kinds.items():
        if not rows:
            continue
        m = {"rps": med([r["rps"] for r in rows]), "p50_us": med([r["p50_us"] for r in rows]),
             "p99_us": med([r["p99_us"] for r in rows]),
             "non_2xx_3xx": sum(r["non_2xx_3xx"] for r in rows),
             "socket_errors": sum(r["socket_errors"] for r in rows),
             "server_cores": med([(r["diag"] or {}).get("server_cores") for r in rows]),
             "commits_per_s": med([(r["diag"] or {}).get("commits_per_s") for r in rows]),
             "jobs_per_commit": med([(r["diag"] or {}).get("jobs_per_commit") for r in rows]),
             "postgres_cores": med([(r["others"] or {}).get("postgres_cores") for r in rows]),
             "wrk_cores": med([(r["others"] or {}).get("wrk_cores") for r in rows]),
             "outside_cores": med([(r["others"] or {}).get("outside_cores") for r in rows])}
        if m["server_cores"] and m["rps"]:
            m["server_cpu_us_per_req"] = round(1e6 * m["server_cores"] / m["rps"], 1)
        medians[k] = m
    if ap:
        m = medians["append"]
        m["created_per_s"] = med([r["created_per_s"] for r in ap])
        m["created"] = sum(r["created"] for r in ap)
        m["not_created"] = sum(r["requests"] - r["created"] for r in ap)
        m["status_4xx"] = sum(r["status_4xx"] for r in ap)
        m["status_other"] = sum(r["status_other"] for r in ap)

    hz, hzb = medians["healthz"]["rps"], medians["healthz_b"]["rps"]
    res["rounds"] = kinds
    res["medians"] = medians
    res["ratio_read_over_healthz"] = round(medians["read"]["rps"] / hz, 4)
    res["ratio_read_over_healthz_per_round"] = [round(r["rps"] / x["rps"], 4) for r, x in zip(rd, h)]
    res["ratio_append_over_healthz"] = round(medians["append"]["created_per_s"] / hzb, 4)
    res["ratio_append_over_healthz_per_round"] = [round(r["created_per_s"] / x["rps"], 4)
                                                  for r, x in zip(ap, hb)]
    res["notebook_entries_at_read_rounds"] = sizes_at_read
    res["entries_appended_during_rounds"] = appended_all
    def num(name, conv=int):
        try:
            return conv(read_text(os.path.join(d, name)))
        except ValueError:
            return None
    # Counted in the database (every entry of the client, whatever the reader sees).
    res["db_entries_before_rounds"] = num("db_count_before")
    res["final_count"] = num("db_count_after")
    res["final_count_expected"] = (res["db_entries_before_rounds"] or 0) + appended_all
    res["single_read_ms"] = {"at_fill": num("probe_before_ms", float),
                             "after_appends": num("probe_after_ms", float),
                             "entries_after_appends": res["final_count"]}
    # wrk stops with requests in flight: the server may append up to `connections`
    # entries per append run that wrk never saw answered.
    n_append_runs = sum(1 for x in runs if x["kind"] == "append")
    res["final_count_in_flight_max"] = env_int("B_CONNECTIONS", 64) * n_append_runs
    res["server_log_lines"] = int(read_text(os.path.join(d, "server_log_lines"), "0") or 0)
    head = read_text(os.path.join(d, "server_log_head"))
    res["server_log_head"] = head.splitlines()[:5] if head else []

    # Outside load: other sessions' builds/tests on the machine during a measured run.
    over = []
    for k, rows in kinds.items():
        for r in rows:
            o = r.get("others") or {}
            if (o.get("outside_cores") or 0) >= OVERLAP_CORES:
                over.append({"kind": k, "round": r["round"], "outside_cores": o["outside_cores"],
                             "top": o.get("outside_top")})
    res["overlap"] = {"threshold_cores": OVERLAP_CORES, "overlapped": bool(over), "runs": over}

    problems = []
    for k in ("healthz", "read", "healthz_b"):
        if medians[k]["non_2xx_3xx"]:
            problems.append("%s: %d non-2xx replies" % (k, medians[k]["non_2xx_3xx"]))
    for k in medians:
        if medians[k]["socket_errors"]:
            problems.append("%s: %d socket errors or timeouts" % (k, medians[k]["socket_errors"]))
    if medians["append"]["not_created"]:
        problems.append("append: %d replies other than 201 (4xx: %d, other: %d)" % (
            medians["append"]["not_created"], medians["append"]["status_4xx"],
            medians["append"]["status_other"]))
    if not medians["append"]["created"]:
        problems.append("append: no entry created")
    if setup.get("fill_failed"):
        problems.append("fill: %d appends failed %s" % (setup["fill_failed"],
                                                        setup.get("fill_failed_statuses")))
    fc, fe = res["final_count"], res["final_count_expected"]
    if fc is None or not fe <= fc <= fe + res["final_count_in_flight_max"]:
        problems.append("final count %s entries, expected %d to %d" % (
            fc, fe, fe + res["final_count_in_flight_max"]))
    if status != "measured":
        problems.insert(0, "%s: %s" % (status, reason))
    res["problems"] = problems
    res["valid"] = not problems
    return res


def main():
    work, out_dir = sys.argv[1], sys.argv[2]
    backends = E.get("B_BACKENDS", "sqlite postgresql").split()
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    nb = {
        "date": date,
        "git_commit": E.get("B_COMMIT", "unknown"),
        "git_dirty": E.get("B_DIRTY") == "true",
        "loadavg_1min_at_end": round(os.getloadavg()[0], 2),
        "settings": {"rounds": env_int("B_ROUNDS", 3), "duration_s": env_int("B_DURATION", 8),
                     "warmup_s": env_int("B_WARMUP", 2), "wrk_threads": env_int("B_WRK_THREADS", 2),
                     "connections": env_int("B_CONNECTIONS", 64),
                     "demo_clients": env_int("B_CLIENTS", 1000),
                     "entries": env_int("B_ENTRIES", 5000), "limit": env_int("B_LIMIT", 50),
                     "server_threads": env_int("B_SERVER_THREADS"),
                     "pinned": E.get("B_PIN") == "1", "log_level": "warn"},
        "backends": {b: backend_result(os.path.join(work, b)) for b in backends},
    }

    os.makedirs(out_dir, exist_ok=True)
    lj = os.path.join(out_dir, "latest.json")
    try:
        doc = json.load(open(lj))
    except (OSError, ValueError):
        doc = {}
    doc["notebook"] = nb
    with open(lj, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")

    s = nb["settings"]
    md = [MARKER, "", "## Notebook — %s" % date, ""]
    md.append("The client linked to `usager`, its notebook filled to %d entries through the API "
              "(as `aide`) in a fresh %d-client demo database per backend; "
              "`GET /api/v1/clients/{id}/notebook?limit=%d` as `infirmier` (audited, group commit; "
              "steady state: nothing unread) on that notebook, then "
              "`POST /api/v1/clients/{id}/notebook` as `aide` (a new `daily` entry, 201 only), "
              "each against the bare `GET /healthz` of the same server in rounds of its own: "
              "%d interleaved rounds of %d s after %d s of warm-up each, wrk -t%d -c%d; "
              "commit `%s`%s." % (
                  s["entries"], s["demo_clients"], s["limit"], s["rounds"], s["duration_s"],
                  s["warmup_s"], s["wrk_threads"], s["connections"], nb["git_commit"][:12],
                  " with uncommitted changes" if nb["git_dirty"] else ""))
    md.append("")
    md.append("| backend | endpoint | req/s (median) | p50 ms | p99 ms | req/s per round | non-2xx "
              "| / healthz | server cores | µs CPU/req | commits/s × jobs | outside load (cores) |")
    md.append("|---|---|---:|---:|---:|---|---:|---:|---:|---:|---|---:|")
    labels = {"healthz": "`GET /healthz` (bare, with the reads)",
              "healthz_b": "`GET /healthz` (bare, with the appends)",
              "read": "`GET …/notebook?limit=%d` (audited)" % s["limit"],
              "append": "`POST …/notebook` (201 only)"}
    notes = []
    for b, r in nb["backends"].items():
        if "medians" not in r:
            md.append("| %s | — | not measured: %s | | | | | | | | | |" % (
                b, "%s (%s)" % (r["status"], r.get("reason") or "")))
            continue
        for k in ("healthz", "read", "healthz_b", "append"):
            m = r["medians"][k]
            key = "created_per_s" if k == "append" else "rps"
            ratio = {"healthz": "—", "healthz_b": "—", "read": "%.1f %%" % (100 * r["ratio_read_over_healthz"]),
                     "append": "%.1f %%" % (100 * r["ratio_append_over_healthz"])}[k]
            commits = ("%.0f × %.1f" % (m["commits_per_s"], m["jobs_per_commit"])
                       if m.get("jobs_per_commit") else "—")
            md.append("| %s | %s | %.0f | %s | %s | %s | %d | %s | %s | %s | %s | %s |" % (
                b, labels[k], m[key], ms(m["p50_us"]), ms(m["p99_us"]),
                ", ".join("%.0f" % x[key] for x in r["rounds"][k]),
                m["not_created"] if k == "append" else m["non_2xx_3xx"], ratio,
                "%.2f" % m["server_cores"] if m.get("server_cores") is not None else "—",
                "%.0f" % m["server_cpu_us_per_req"] if m.get("server_cpu_us_per_req") else "—",
                commits, "%.2f" % m["outside_cores"] if m.get("outside_cores") is not None else "—"))
        st = r["setup"]
        line = ("- %s: **read / healthz %.1f %%** (per round: %s), **append / healthz %.1f %%** "
                "(per round: %s); notebook at the read rounds: %s entries (fill: %d appended in "
                "%.1f s, %s/s over %d connections); final count %s (expected %d, up to %d more "
                "from requests in flight when wrk stopped; counted in the database)" % (
                    b, 100 * r["ratio_read_over_healthz"],
                    ", ".join("%.1f %%" % (100 * x) for x in r["ratio_read_over_healthz_per_round"]),
                    100 * r["ratio_append_over_healthz"],
                    ", ".join("%.1f %%" % (100 * x) for x in r["ratio_append_over_healthz_per_round"]),
                    ", ".join(str(x) for x in r["notebook_entries_at_read_rounds"]),
                    st["fill_created"], st["fill_s"], st["fill_per_s"], st["fill_connections"],
                    r["final_count"], r["final_count_expected"], r["final_count_in_flight_max"]))
        sr = r["single_read_ms"]
        if sr["at_fill"] is not None:
            line += ("; one read alone (no concurrency): %.1f ms on the %s-entry notebook, %s ms "
                     "on the %s entries left by the appends" % (
                         sr["at_fill"], r["db_entries_before_rounds"],
                         "%.1f" % sr["after_appends"] if sr["after_appends"] is not None else "—",
                         sr["entries_after_appends"]))
        if r["medians"]["read"].get("postgres_cores") and b == "postgresql":
            line += "; PostgreSQL's processes used %.2f cores during reads, %.2f during appends" % (
                r["medians"]["read"]["postgres_cores"], r["medians"]["append"]["postgres_cores"] or 0)
        notes.append(line)
        if r["overlap"]["overlapped"]:
            notes.append("- %s: **overlapped with other work on the machine** in %d of %d measured "
                         "runs (outside load ≥ %.2f cores: %s) — the figures are medians of "
                         "interleaved rounds, compare the ratios" % (
                             b, len(r["overlap"]["runs"]), sum(len(v) for v in r["rounds"].values()),
                             OVERLAP_CORES, "; ".join(
                                 "%s r%d %.2f (%s)" % (o["kind"], o["round"], o["outside_cores"],
                                                       ", ".join(n for n, _ in (o["top"] or [])[:3])
                                                       or "short-lived processes")
                                 for o in r["overlap"]["runs"])))
        if r["problems"]:
            notes.append("- %s: **measurement not valid:** %s" % (b, "; ".join(r["problems"])))
    md.append("")
    md.extend(notes)
    md.append("")
    md.append("The outside-load column is the machine's busy time minus the server, wrk and the "
              "private PostgreSQL cluster (others.py): other sessions' builds and tests.")

    lm = os.path.join(out_dir, "latest.md")
    head = read_text(lm).split(MARKER)[0].rstrip("\n") if os.path.exists(lm) else ""
    with open(lm, "w") as f:
        f.write((head + "\n\n" if head else "") + "\n".join(md) + "\n")

    hist = os.path.join(out_dir, "history-notebook.tsv")
    cols = ["date", "commit", "dirty", "nproc", "backend", "status", "entries", "healthz_rps",
            "read_rps", "read_over_healthz", "read_p50_ms", "read_p99_ms", "healthz_b_rps", "append_per_s",
            "append_over_healthz", "append_p50_ms", "append_p99_ms", "outside_cores_max", "valid"]
    new = not os.path.exists(hist) or os.path.getsize(hist) == 0
    with open(hist, "a") as f:
        if new:
            f.write("\t".join(cols) + "\n")
        for b, r in nb["backends"].items():
            if "medians" in r:
                m = r["medians"]
                outside = max([((x.get("others") or {}).get("outside_cores") or 0)
                               for rows in r["rounds"].values() for x in rows] or [0])
                row = [date, nb["git_commit"][:12], nb["git_dirty"], os.cpu_count(), b, r["status"],
                       r["setup"]["entries_after_fill"], round(m["healthz"]["rps"]),
                       round(m["read"]["rps"]), "%.3f" % r["ratio_read_over_healthz"],
                       ms(m["read"]["p50_us"]), ms(m["read"]["p99_us"]),
                       round(m["healthz_b"]["rps"]), round(m["append"]["created_per_s"]), "%.3f" % r["ratio_append_over_healthz"],
                       ms(m["append"]["p50_us"]), ms(m["append"]["p99_us"]), "%.2f" % outside,
                       r["valid"]]
            else:
                row = [date, nb["git_commit"][:12], nb["git_dirty"], os.cpu_count(), b, r["status"]] \
                    + [""] * 12 + [r["valid"]]
            f.write("\t".join(str(x) for x in row) + "\n")

    print("\n".join(md))
    bad = [b for b, r in nb["backends"].items() if r["valid"] is False]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
