#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Outside load during a measured run of bench/notebook.sh: did other work (another
session's build or tests) share the machine?

  others.py take FILE                       CPU ticks of the machine and of every process
  others.py diff BEFORE AFTER SERVER_PID WRK_CPU_S [POSTMASTER_PID]
      one JSON object: machine busy cores over the interval, the cores used by the
      bench itself (server, wrk, the private PostgreSQL cluster's processes), what is
      left ("outside_cores") and the busiest outside processes by name.

Processes that start and end between the two snapshots (compilers, short tests) are
not seen one by one but are in the machine's busy time, hence in outside_cores.
Linux only; a diagnostic, never a failure.
"""
import json
import os
import sys
import time

HZ = os.sysconf("SC_CLK_TCK")


def proc_table():
    procs = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % pid) as f:
                s = f.read()
        except OSError:
            continue
        comm = s[s.index("(") + 1:s.rindex(")")]
        rest = s[s.rindex(")") + 2:].split()
        # rest[1] ppid, rest[11] utime, rest[12] stime, rest[19] starttime
        procs[pid] = [comm, int(rest[1]), int(rest[11]) + int(rest[12]), int(rest[19])]
    return procs


def take(path):
    with open("/proc/stat") as f:
        cpu = [int(x) for x in f.readline().split()[1:]]
    snap = {"t": time.monotonic(), "total": sum(cpu[:8]), "idle": cpu[3] + cpu[4],
            "steal": cpu[7] if len(cpu) > 7 else 0, "procs": proc_table()}
    with open(path, "w") as f:
        json.dump(snap, f)


def diff(before, after, server_pid, wrk_cpu_s, postmaster):
    a, b = json.load(open(before)), json.load(open(after))
    dt = b["t"] - a["t"]
    busy = ((b["total"] - b["idle"] - b["steal"]) - (a["total"] - a["idle"] - a["steal"])) / HZ / dt

    def ticks(pid):
        pb, pa = b["procs"].get(pid), a["procs"].get(pid)
        if not pb:
            return 0
        if pa and pa[3] == pb[3]:
            return pb[2] - pa[2]
        return pb[2]  # started during the interval

    ours = {str(server_pid)}
    if postmaster:
        ours.add(str(postmaster))
        ours.update(p for p, v in b["procs"].items() if str(v[1]) == str(postmaster))
    me = str(os.getpid())
    server = ticks(str(server_pid)) / HZ / dt
    pg = sum(ticks(p) for p in ours if p != str(server_pid)) / HZ / dt
    wrk = float(wrk_cpu_s) / dt
    # Kernel threads (children of kthreadd) work mostly for the bench itself: block
    # I/O of its fsyncs, network softirqs. Counted apart, not as outside load.
    kernel = sum(ticks(p) for p, v in b["procs"].items() if str(v[1]) == "2") / HZ / dt
    outside = busy - server - pg - wrk - kernel
    top = []
    for p, v in b["procs"].items():
        if p in ours or p == me or v[0] == "wrk" or str(v[1]) in ("0", "2"):
            continue
        t = ticks(p) / HZ / dt
        if t >= 0.02:
            top.append((v[0], round(t, 2)))
    top.sort(key=lambda x: -x[1])
    return {"interval_s": round(dt, 2), "machine_busy_cores": round(busy, 2),
            "server_cores": round(server, 2), "postgres_cores": round(pg, 2),
            "wrk_cores": round(wrk, 2), "kernel_threads_cores": round(kernel, 2),
            "outside_cores": round(max(outside, 0.0), 2),
            "outside_top": top[:5]}


if __name__ == "__main__":
    if sys.argv[1] == "take":
        take(sys.argv[2])
    else:
        print(json.dumps(diff(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5],
                              sys.argv[6] if len(sys.argv) > 6 else "")))
