#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Counters taken around each measured wrk run by bench/run.sh.

  snapshot.py take PID URL        one JSON line: clocks, machine CPU, the server's
                                  threads (schedstat) and the committer counters
                                  of /readyz
  snapshot.py diff BEFORE AFTER   one JSON object of rates over the interval:
                                  machine idle %, server cores used, per thread
                                  on-CPU / run-queue wait / off-CPU shares,
                                  commits per second and jobs per commit

Linux only (/proc). A missing counter gives null, never a failure: these figures
explain a measurement, they are not the measurement.
"""
import json
import os
import sys
import time
import urllib.request


def take(pid, url):
    snap = {"t": time.monotonic()}
    try:
        with open("/proc/stat") as f:
            cpu = [int(x) for x in f.readline().split()[1:]]
        # user nice system idle iowait irq softirq steal
        snap["cpu_total"] = sum(cpu[:8])
        snap["cpu_idle"] = cpu[3] + cpu[4]
        snap["cpu_steal"] = cpu[7] if len(cpu) > 7 else 0
    except (OSError, ValueError, IndexError):
        pass
    threads = {}
    try:
        for tid in os.listdir("/proc/%s/task" % pid):
            try:
                with open("/proc/%s/task/%s/comm" % (pid, tid)) as f:
                    comm = f.read().strip()
                with open("/proc/%s/task/%s/schedstat" % (pid, tid)) as f:
                    run_ns, wait_ns, slices = (int(x) for x in f.read().split()[:3])
                threads[tid] = {"comm": comm, "run_ns": run_ns, "wait_ns": wait_ns}
            except (OSError, ValueError):
                continue
    except OSError:
        pass
    snap["threads"] = threads
    try:
        with urllib.request.urlopen(url + "/readyz", timeout=5) as r:
            ready = json.load(r)
        snap["commit_batches"] = ready.get("commit_batches")
        snap["commit_jobs"] = ready.get("commit_jobs")
    except Exception:  # noqa: BLE001 - a diagnostic only
        pass
    return snap


def diff(a, b):
    dt = b["t"] - a["t"]
    out = {"interval_s": round(dt, 3)}
    if "cpu_total" in a and "cpu_total" in b and b["cpu_total"] > a["cpu_total"]:
        tot = b["cpu_total"] - a["cpu_total"]
        out["machine_idle_pct"] = round(100 * (b["cpu_idle"] - a["cpu_idle"]) / tot, 1)
        out["machine_steal_pct"] = round(100 * (b["cpu_steal"] - a["cpu_steal"]) / tot, 1)
    threads = []
    cores = 0.0
    for tid, tb in sorted(b.get("threads", {}).items()):
        ta = a.get("threads", {}).get(tid)
        if not ta or dt <= 0:
            continue
        run = (tb["run_ns"] - ta["run_ns"]) / 1e9 / dt
        wait = (tb["wait_ns"] - ta["wait_ns"]) / 1e9 / dt
        cores += run
        if run < 0.005 and wait < 0.005:
            continue  # idle thread (main thread, unused worker)
        threads.append({"tid": int(tid), "comm": tb["comm"], "on_cpu_pct": round(100 * run, 1),
                        "runqueue_wait_pct": round(100 * wait, 1),
                        "off_cpu_pct": round(100 * max(0.0, 1 - run - wait), 1)})
    out["server_cores"] = round(cores, 2)
    out["server_threads"] = threads
    if a.get("commit_batches") is not None and b.get("commit_batches") is not None:
        nb = b["commit_batches"] - a["commit_batches"]
        nj = b["commit_jobs"] - a["commit_jobs"]
        out["commits_per_s"] = round(nb / dt, 1) if dt > 0 else None
        out["jobs_per_commit"] = round(nj / nb, 2) if nb else None
    return out


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "take":
        print(json.dumps(take(sys.argv[2], sys.argv[3])))
    elif len(sys.argv) == 4 and sys.argv[1] == "diff":
        print(json.dumps(diff(json.loads(sys.argv[2]), json.loads(sys.argv[3]))))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
