#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Turns the runs of bench/planning.sh into bench/results/.

  summarize_planning.py WORK_DIR RESULTS_DIR

WORK_DIR/<backend>/ holds status ("measured", "unavailable" or "failed", a tab, a
reason), generate1.json and generate2.json (the two `liaison plan generate` runs),
counts_*.json (visits and clock events counted in the database), setup.json (the bench
setup), dayview.json (the first day view), runs.jsonl (every wrk run, warm-ups
included; "measured" ones carry snapshot.py's "diag" and others.py's "others"),
verify.json (the clock events against the 200s).
Adds (replaces) the "planning" section of latest.json, the planning part of latest.md
(everything after the marker line), one line per backend to history-planning.tsv.
Exit status 1 when a backend failed or a measurement is not valid.
"""
import datetime
import json
import os
import statistics
import sys

E = os.environ
MARKER = "<!-- planning scenario (bench/planning.sh) -->"
OVERLAP_CORES = 0.25
KINDS = ("healthz", "day", "healthz_b", "checkin")


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


def read_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def backend_result(d):
    status, _, reason = read_text(os.path.join(d, "status"), "failed\tno status").partition("\t")
    res = {"status": status, "reason": reason or None}
    for name in ("demo", "generate1", "generate2", "counts_demo", "counts_gen1", "counts_gen2",
                 "counts_end", "setup", "dayview", "verify"):
        res[name] = read_json(os.path.join(d, name + ".json"))
    try:
        res["analyze_s"] = float(read_text(os.path.join(d, "analyze_s")))
    except ValueError:
        res["analyze_s"] = None
    res["demo_clients"] = (res["demo"] or {}).get("clients")
    res["demo_wall_s"] = (res["demo"] or {}).get("wall_s")
    g1, g2 = res["generate1"], res["generate2"]
    gen = {}
    if g1:
        gen = {"clients_with_plan": g1["clients"], "inserted": g1["inserted"],
               "seconds": g1["seconds"], "wall_s": g1["wall_s"],
               "visits_per_s": round(g1["inserted"] / g1["seconds"], 1) if g1["seconds"] else None,
               "visits_in_db": (res["counts_gen1"] or {}).get("visits"),
               "visits_before": (res["counts_demo"] or {}).get("visits")}
    if g2:
        gen["regenerate"] = {"inserted": g2["inserted"], "updated": g2["updated"],
                             "cancelled": g2["cancelled"], "suspended": g2["suspended"],
                             "released": g2["released"], "seconds": g2["seconds"],
                             "wall_s": g2["wall_s"],
                             "visits_in_db": (res["counts_gen2"] or {}).get("visits")}
        gen["idempotent"] = (g2["inserted"] == 0 and gen["regenerate"]["visits_in_db"]
                             == gen.get("visits_in_db"))
    res["generation"] = gen

    runs = []
    try:
        runs = [json.loads(line) for line in open(os.path.join(d, "runs.jsonl")) if line.strip()]
    except (OSError, ValueError):
        pass
    problems = []
    if status != "measured":
        problems.append("%s: %s" % (status, reason))
    if g1 and not g1["inserted"]:
        problems.append("plan generate inserted no visit")
    if g2 and not gen["idempotent"]:
        problems.append("second plan generate: inserted %d, visits %s then %s (not idempotent)" % (
            g2["inserted"], gen.get("visits_in_db"), gen["regenerate"]["visits_in_db"]))
    if not all(any(x["kind"] == k and x["measured"] for x in runs) for k in KINDS):
        res["valid"] = False if status == "failed" or problems else None
        res["problems"] = problems
        return res

    kinds = {}
    for k in KINDS:
        kinds[k] = [x["r"] | {"round": x["round"], "diag": x.get("diag"), "others": x.get("others")}
                    for x in runs if x["kind"] == k and x["measured"]]
    medians = {}
    for k, rows in kinds.items():
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
    ck, allck = medians["checkin"], [x["r"] for x in runs if x["kind"] == "checkin"]
    ck["checked_in_per_s"] = med([r["checked_in_per_s"] for r in kinds["checkin"]])
    for f in ("checked_in", "status_409", "status_4xx_other", "status_5xx", "status_other",
              "exhausted", "ids_sent"):
        ck[f] = sum(r[f] for r in kinds["checkin"])
        ck[f + "_all_runs"] = sum(r[f] for r in allck)  # warm-ups included
    ck["not_checked_in"] = sum(r["requests"] - r["checked_in"] for r in kinds["checkin"])
    if ck["server_cores"] and ck["checked_in_per_s"]:
        ck["server_cpu_us_per_checkin"] = round(1e6 * ck["server_cores"] / ck["checked_in_per_s"], 1)

    hz, hzb = medians["healthz"]["rps"], medians["healthz_b"]["rps"]
    res["rounds"] = kinds
    res["medians"] = medians
    res["ratio_day_over_healthz"] = round(medians["day"]["rps"] / hz, 4)
    res["ratio_day_over_healthz_per_round"] = [round(r["rps"] / x["rps"], 4)
                                               for r, x in zip(kinds["day"], kinds["healthz"])]
    res["ratio_checkin_over_healthz"] = round(ck["checked_in_per_s"] / hzb, 4)
    res["ratio_checkin_over_healthz_per_round"] = [
        round(r["checked_in_per_s"] / x["rps"], 4) for r, x in zip(kinds["checkin"], kinds["healthz_b"])]
    res["checkin_ids_span_used"] = int(read_text(os.path.join(d, "ids_used_span"), "0") or 0)
    res["checkin_runs"] = len(allck)
    res["in_flight_max"] = env_int("B_CONNECTIONS", 64) * len(allck)
    res["server_log_lines"] = int(read_text(os.path.join(d, "server_log_lines"), "0") or 0)
    head = read_text(os.path.join(d, "server_log_head"))
    res["server_log_head"] = head.splitlines()[:5] if head else []

    over = []
    for k, rows in kinds.items():
        for r in rows:
            o = r.get("others") or {}
            if (o.get("outside_cores") or 0) >= OVERLAP_CORES:
                over.append({"kind": k, "round": r["round"], "outside_cores": o["outside_cores"],
                             "top": o.get("outside_top")})
    res["overlap"] = {"threshold_cores": OVERLAP_CORES, "overlapped": bool(over), "runs": over}

    for k in ("healthz", "day", "healthz_b"):
        if medians[k]["non_2xx_3xx"]:
            problems.append("%s: %d non-2xx replies" % (k, medians[k]["non_2xx_3xx"]))
    for k in medians:
        if medians[k]["socket_errors"]:
            problems.append("%s: %d socket errors or timeouts" % (k, medians[k]["socket_errors"]))
    dv = res["dayview"] or {}
    if not dv.get("items"):
        problems.append("day view: no visit listed")
    if not ck["checked_in"]:
        problems.append("check-in: no 200 reply")
    if ck["status_5xx_all_runs"]:
        problems.append("check-in: %d 5xx replies" % ck["status_5xx_all_runs"])
    if ck["status_409_all_runs"] or ck["status_4xx_other_all_runs"] or ck["status_other_all_runs"]:
        problems.append("check-in: %d replies 409, %d other 4xx, %d other (every visit is sent once)" % (
            ck["status_409_all_runs"], ck["status_4xx_other_all_runs"], ck["status_other_all_runs"]))
    if ck["exhausted_all_runs"]:
        problems.append("check-in: ran out of visit ids (%d requests replaced by /healthz); raise "
                        "BENCH_PL_CHECKIN_IDS" % ck["exhausted_all_runs"])
    v = res["verify"]
    if not v:
        problems.append("clock events not verified")
    else:
        if not v["ok"]:
            problems.append("clock events: %d new for %d check-ins answered 200 (%d lost, %d doubled, "
                            "%d extra)" % (v["clock_events_new"], v["acknowledged_200"], v["lost"],
                                           v["doubled"], v["in_flight_extra"]))
        if v["acknowledged_200"] != ck["checked_in_all_runs"]:
            problems.append("clock events: %d acknowledged ids collected, wrk counted %d 200s" % (
                v["acknowledged_200"], ck["checked_in_all_runs"]))
        if v["in_flight_extra"] > res["in_flight_max"]:
            problems.append("clock events: %d beyond the 200s, more than the %d requests that can be "
                            "in flight when wrk stops" % (v["in_flight_extra"], res["in_flight_max"]))
    res["problems"] = problems
    res["valid"] = not problems
    return res


def main():
    work, out_dir = sys.argv[1], sys.argv[2]
    backends = E.get("B_BACKENDS", "sqlite postgresql").split()
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    pl = {
        "date": date,
        "git_commit": E.get("B_COMMIT", "unknown"),
        "git_dirty": E.get("B_DIRTY") == "true",
        "loadavg_1min_at_end": round(os.getloadavg()[0], 2),
        "settings": {"rounds": env_int("B_ROUNDS", 3), "duration_s": env_int("B_DURATION", 8),
                     "warmup_s": env_int("B_WARMUP", 2), "wrk_threads": env_int("B_WRK_THREADS", 2),
                     "connections": env_int("B_CONNECTIONS", 64),
                     "demo_clients": env_int("B_CLIENTS", 100000), "days": env_int("B_DAYS", 28),
                     "day_visits_target": env_int("B_DAY_VISITS", 8),
                     "checkin_ids": env_int("B_CHECKIN_IDS", 400000),
                     "server_threads": env_int("B_SERVER_THREADS"),
                     "pinned": E.get("B_PIN") == "1", "log_level": "warn",
                     "vigilance_seconds": 0},
        "backends": {b: backend_result(os.path.join(work, b)) for b in backends},
    }
    os.makedirs(out_dir, exist_ok=True)
    lj = os.path.join(out_dir, "latest.json")
    doc = read_json(lj) or {}
    doc["planning"] = pl
    with open(lj, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")

    s = pl["settings"]
    md = [MARKER, "", "## Planning — %s" % date, ""]
    md.append("A fresh demo database per backend, `liaison plan generate --days %d` timed twice "
              "(the second run must insert nothing); then, with `--vigilance-seconds 0`, "
              "`GET /api/v1/me/visits?date=…` as `aide` (her day: route order, addresses, access "
              "notes, notebook counts; audited per client) and `POST /api/v1/visits/{id}/check-in` "
              "as `aide` (a different visit assigned to her in every request, 200 only), each "
              "against the bare `GET /healthz` of the same server in rounds of its own: %d "
              "interleaved rounds of %d s after %d s of warm-up each, wrk -t%d -c%d; commit `%s`%s." % (
                  s["days"], s["rounds"], s["duration_s"], s["warmup_s"], s["wrk_threads"],
                  s["connections"], pl["git_commit"][:12],
                  " with uncommitted changes" if pl["git_dirty"] else ""))
    md.append("")
    md.append("| backend | clients | demo load s | visits generated | generate s | visits/s "
              "| regenerate s | regenerate inserted |")
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|")
    for b, r in pl["backends"].items():
        g = r.get("generation") or {}
        rg = g.get("regenerate") or {}
        if not g:
            md.append("| %s | not measured: %s (%s) | | | | | | |" % (b, r["status"], r.get("reason") or ""))
            continue
        md.append("| %s | %s | %s | %s | %.1f | %s | %s | %s |" % (
            b, r["demo_clients"], read_demo(r), g.get("visits_in_db"), g["seconds"],
            "%.0f" % g["visits_per_s"] if g.get("visits_per_s") else "—",
            "%.1f" % rg["seconds"] if rg else "—", rg.get("inserted", "—")))
    md.append("")
    md.append("| backend | endpoint | /s (median) | p50 ms | p99 ms | /s per round | non-2xx "
              "| / healthz | server cores | µs CPU/req | commits/s × jobs | outside load (cores) |")
    md.append("|---|---|---:|---:|---:|---|---:|---:|---:|---:|---|---:|")
    labels = {"healthz": "`GET /healthz` (bare, with the day views)",
              "healthz_b": "`GET /healthz` (bare, with the check-ins)",
              "day": "`GET /api/v1/me/visits?date=…` (audited per client)",
              "checkin": "`POST /api/v1/visits/{id}/check-in` (200 only)"}
    notes = []
    for b, r in pl["backends"].items():
        if "medians" not in r:
            md.append("| %s | — | not measured: %s | | | | | | | | | |" % (
                b, "%s (%s)" % (r["status"], "; ".join(r.get("problems") or []) or r.get("reason") or "")))
            continue
        for k in KINDS:
            m = r["medians"][k]
            key = "checked_in_per_s" if k == "checkin" else "rps"
            ratio = {"day": "%.1f %%" % (100 * r["ratio_day_over_healthz"]),
                     "checkin": "%.1f %%" % (100 * r["ratio_checkin_over_healthz"])}.get(k, "—")
            commits = ("%.0f × %.1f" % (m["commits_per_s"], m["jobs_per_commit"])
                       if m.get("jobs_per_commit") else "—")
            cpu = m.get("server_cpu_us_per_checkin" if k == "checkin" else "server_cpu_us_per_req")
            md.append("| %s | %s | %.0f | %s | %s | %s | %d | %s | %s | %s | %s | %s |" % (
                b, labels[k], m[key], ms(m["p50_us"]), ms(m["p99_us"]),
                ", ".join("%.0f" % x[key] for x in r["rounds"][k]),
                m["not_checked_in"] if k == "checkin" else m["non_2xx_3xx"], ratio,
                "%.2f" % m["server_cores"] if m.get("server_cores") is not None else "—",
                "%.0f" % cpu if cpu else "—", commits,
                "%.2f" % m["outside_cores"] if m.get("outside_cores") is not None else "—"))
        st, dv, v, g = r["setup"] or {}, r["dayview"] or {}, r["verify"] or {}, r["generation"]
        line = ("- %s: **day view / healthz %.1f %%** (per round: %s), **check-in / healthz %.1f %%** "
                "(per round: %s). Day %s: %d visits for the aide (%d from the demo, %d assigned for "
                "the bench), %d bytes, one read alone %.1f ms. Check-ins: %d visits of %s..%s "
                "assigned to her (%.1f s), %d used; clock events in the database after the rounds: "
                "%d new for %d check-ins answered 200 — %d lost, %d doubled, %d from requests in "
                "flight when wrk stopped (at most %d): %s" % (
                    b, 100 * r["ratio_day_over_healthz"],
                    ", ".join("%.1f %%" % (100 * x) for x in r["ratio_day_over_healthz_per_round"]),
                    100 * r["ratio_checkin_over_healthz"],
                    ", ".join("%.1f %%" % (100 * x) for x in r["ratio_checkin_over_healthz_per_round"]),
                    st.get("day"), st.get("day_visits", 0), st.get("day_visits_before", 0),
                    st.get("day_visits_added", 0), dv.get("reply_bytes", 0),
                    dv.get("single_read_ms") or 0, st.get("checkin_ids", 0),
                    st.get("checkin_first_date"), st.get("checkin_last_date"),
                    st.get("checkin_assign_s") or 0, r["checkin_ids_span_used"],
                    v.get("clock_events_new", 0), v.get("acknowledged_200", 0), v.get("lost", 0),
                    v.get("doubled", 0), v.get("in_flight_extra", 0), r["in_flight_max"],
                    "**ok**" if v.get("ok") else "**NOT OK**"))
        rg = g.get("regenerate") or {}
        line += ("; generation: %d clients with a plan, %d visits inserted in %.1f s (%.1f s wall), "
                 "second run %.1f s: inserted %d, updated %d, cancelled %d" % (
                     g["clients_with_plan"], g["inserted"], g["seconds"], g["wall_s"],
                     rg.get("seconds", 0), rg.get("inserted", -1), rg.get("updated", -1),
                     rg.get("cancelled", -1)))
        if r.get("analyze_s") is not None:
            line += "; ANALYZE after the bench setup: %.1f s" % r["analyze_s"]
        if b == "postgresql" and r["medians"]["day"].get("postgres_cores") is not None:
            line += "; PostgreSQL's processes used %.2f cores during day views, %.2f during check-ins" % (
                r["medians"]["day"]["postgres_cores"], r["medians"]["checkin"]["postgres_cores"] or 0)
        notes.append(line)
        if r["overlap"]["overlapped"]:
            notes.append("- %s: **overlapped with other work on the machine** in %d of %d measured "
                         "runs (outside load ≥ %.2f cores: %s) — compare the ratios" % (
                             b, len(r["overlap"]["runs"]), sum(len(x) for x in r["rounds"].values()),
                             OVERLAP_CORES, "; ".join(
                                 "%s r%d %.2f (%s)" % (o["kind"], o["round"], o["outside_cores"],
                                                       ", ".join(n for n, _ in (o["top"] or [])[:3])
                                                       or "short-lived processes")
                                 for o in r["overlap"]["runs"])))
    for b, r in pl["backends"].items():
        if r.get("problems"):
            notes.append("- %s: **measurement not valid:** %s" % (b, "; ".join(r["problems"])))
    md.append("")
    md.extend(notes)
    md.append("")
    md.append("Check-ins are of visits of the coming days (the check-in is recorded with the "
              "`check_in_far_from_planned` anomaly); the visits were assigned to the aide by SQL "
              "before the server started (bench setup, not the API's assignment checks).")

    lm = os.path.join(out_dir, "latest.md")
    head = read_text(lm).split(MARKER)[0].rstrip("\n") if os.path.exists(lm) else ""
    with open(lm, "w") as f:
        f.write((head + "\n\n" if head else "") + "\n".join(md) + "\n")

    hist = os.path.join(out_dir, "history-planning.tsv")
    cols = ["date", "commit", "dirty", "nproc", "backend", "status", "clients", "visits",
            "generate_s", "visits_per_s", "regenerate_s", "regenerate_inserted", "dayview_rps",
            "dayview_p99_ms", "dayview_over_healthz", "checkin_per_s", "checkin_p99_ms",
            "checkin_over_healthz", "healthz_rps", "healthz_b_rps", "demo_load_s",
            "outside_cores_max", "valid"]
    new = not os.path.exists(hist) or os.path.getsize(hist) == 0
    with open(hist, "a") as f:
        if new:
            f.write("\t".join(cols) + "\n")
        for b, r in pl["backends"].items():
            g = r.get("generation") or {}
            rg = g.get("regenerate") or {}
            row = [date, pl["git_commit"][:12], pl["git_dirty"], os.cpu_count(), b, r["status"],
                   r.get("demo_clients") or "", g.get("visits_in_db", ""),
                   g.get("seconds", ""), g.get("visits_per_s", ""), rg.get("seconds", ""),
                   rg.get("inserted", "")]
            if "medians" in r:
                m = r["medians"]
                outside = max([((x.get("others") or {}).get("outside_cores") or 0)
                               for rows in r["rounds"].values() for x in rows] or [0])
                row += [round(m["day"]["rps"]), ms(m["day"]["p99_us"]),
                        "%.3f" % r["ratio_day_over_healthz"], round(m["checkin"]["checked_in_per_s"]),
                        ms(m["checkin"]["p99_us"]), "%.3f" % r["ratio_checkin_over_healthz"],
                        round(m["healthz"]["rps"]), round(m["healthz_b"]["rps"]), read_demo(r),
                        "%.2f" % outside]
            else:
                row += [""] * 8 + [read_demo(r), ""]
            row.append(r["valid"])
            f.write("\t".join(str(x) for x in row) + "\n")

    print("\n".join(md))
    bad = [b for b, r in pl["backends"].items() if r["valid"] is False]
    return 1 if bad else 0


def read_demo(r):
    return "%.1f" % r["demo_wall_s"] if r.get("demo_wall_s") is not None else "—"


if __name__ == "__main__":
    sys.exit(main())
