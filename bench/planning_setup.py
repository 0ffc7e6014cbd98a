#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Database- and API-side steps of bench/planning.sh (standard library only; PostgreSQL
through the psql client).

DB is the SQLite file (opened read-only except by `prepare`) or the PostgreSQL URL.
On SQLite, nothing here opens the database read-write while a server runs on it
(`prepare` runs before the server starts; `counts` and `verify` open it read-only).

  planning_setup.py counts BACKEND DB
      prints {"visits", "visits_by_status", "clock_events"}.
  planning_setup.py prepare BACKEND DB OUT_DIR DAY_TARGET NIDS
      bench setup, with the server stopped: the day of the day view (BENCH_PL_DATE, else
      tomorrow in the aide's organisation's time zone, moved on to the next Monday when
      it falls on a weekend: the demo plans have few visits then); the demo aide given
      that day's visits of her antenna's clients that overlap none of hers
      (BENCH_PL_GAP_MIN minutes between two, default 0), one per client, until she has
      DAY_TARGET (one UPDATE); NIDS planned visits of the
      following days assigned to her (one UPDATE) and their ids written to
      OUT_DIR/ids.txt (36 characters + newline per line, in planned order). Writes
      OUT_DIR/{day,aide_id,nids}; prints one JSON object.
  planning_setup.py api URL OUT_DIR
      signs in as the aide (password $BENCH_PASSWORD, default demo-liaison), reads her
      day once (checks it), then times 3 sequential reads (median ms). Writes
      OUT_DIR/token; prints one JSON object.
  planning_setup.py verify BACKEND DB IDS_FILE ACKED_FILE... [--before N]
      the clock events in the database against the check-ins wrk saw answered 200:
      every acknowledged visit has exactly one check-in event (none lost, none doubled),
      and any other event is one of the ids sent (a request in flight when wrk stopped).
      Prints one JSON object.
"""
import datetime
import http.client
import json
import os
import sqlite3
import subprocess
import sys
import time
import urllib.parse

PASSWORD = os.environ.get("BENCH_PASSWORD", "demo-liaison")
LOGIN = os.environ.get("BENCH_PL_LOGIN", "aide")
# Between two of her visits (minutes): 0, the visits only must not overlap; the demo's
# start times leave no room for more on a weekday with a quarter of an hour between homes.
GAP_US = int(os.environ.get("BENCH_PL_GAP_MIN", "0")) * 60 * 1000000


class Db:
    def __init__(self, backend, db, write=False):
        self.backend, self.db = backend, db
        if backend == "sqlite":
            uri = "file:%s%s" % (db, "" if write else "?mode=ro")
            self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=60)
        elif backend != "postgresql":
            sys.exit("unknown backend %s" % backend)

    @staticmethod
    def lit(v):
        return "'" + str(v).replace("'", "''") + "'"

    def rows(self, sql):
        if self.backend == "sqlite":
            return [tuple(r) for r in self.conn.execute(sql).fetchall()]
        out = subprocess.run(["psql", self.db, "-XAtq", "-v", "ON_ERROR_STOP=1", "-F", "\t",
                              "-c", sql], check=True, capture_output=True, text=True).stdout
        return [tuple(line.split("\t")) for line in out.splitlines() if line]

    def one(self, sql):
        r = self.rows(sql)
        return r[0][0] if r else None


def counts(db):
    by = {s: int(n) for s, n in db.rows("SELECT status, count(*) FROM visits GROUP BY status")}
    return {"visits": sum(by.values()), "visits_by_status": by,
            "clock_events": int(db.one("SELECT count(*) FROM visit_clock_events"))}


def update_count(db, sql):
    """UPDATE ... ; returns rows changed (PostgreSQL: through a CTE, one statement)."""
    if db.backend == "sqlite":
        return db.conn.execute(sql).rowcount
    return int(db.one("WITH u AS (%s RETURNING 1) SELECT count(*) FROM u" % sql))


def prepare(backend, path, out, day_target, nids):
    db = Db(backend, path, write=True)
    q = db.lit
    aide = db.one("SELECT id FROM accounts WHERE login = %s" % q(LOGIN))
    if not aide:
        sys.exit("no account %s" % LOGIN)
    org = db.one("SELECT org_id FROM worker_profiles WHERE account_id = %s" % q(aide))
    if not org:
        sys.exit("%s has no worker profile" % LOGIN)
    tz = db.one("SELECT tz FROM orgs WHERE id = %s" % q(org)) or "Europe/Paris"
    if os.environ.get("BENCH_PL_DATE"):
        day = datetime.date.fromisoformat(os.environ["BENCH_PL_DATE"])
    else:
        from zoneinfo import ZoneInfo
        day = datetime.datetime.now(ZoneInfo(tz)).date() + datetime.timedelta(days=1)
        while day.weekday() >= 5:
            day += datetime.timedelta(days=1)
    d = day.isoformat()

    # The day view: her visits that day, then more of her antenna's, without overlap.
    t0 = time.monotonic()
    mine = [(int(s), int(e), c) for s, e, c in db.rows(
        "SELECT planned_start, planned_end, client_id FROM visits WHERE worker_id = %s "
        "AND occurrence_date = %s AND status <> 'cancelled'" % (q(aide), q(d)))]
    before = len(mine)
    picked = []
    if before < day_target:
        busy = [(s - GAP_US, e + GAP_US) for s, e, _ in mine]
        clients = {c for _, _, c in mine}
        for vid, cid, s, e in db.rows(
                "SELECT id, client_id, planned_start, planned_end FROM visits "
                "WHERE occurrence_date = %s AND org_id = %s AND worker_id IS NULL "
                "AND status = 'planned' ORDER BY planned_start, id" % (q(d), q(org))):
            s, e = int(s), int(e)
            if cid in clients or any(not (e <= b0 or b1 <= s) for b0, b1 in busy):
                continue
            picked.append(vid)
            clients.add(cid)
            busy.append((s - GAP_US, e + GAP_US))
            if before + len(picked) >= day_target:
                break
        if picked:
            update_count(db, "UPDATE visits SET worker_id = %s WHERE id IN (%s)" % (
                q(aide), ", ".join(q(v) for v in picked)))
    after = int(db.one("SELECT count(*) FROM visits WHERE worker_id = %s AND occurrence_date = %s "
                       "AND status <> 'cancelled'" % (q(aide), q(d))))
    day_s = time.monotonic() - t0

    # The check-ins: planned visits of the following days, assigned with one UPDATE.
    t0 = time.monotonic()
    assigned = update_count(db, (
        "UPDATE visits SET worker_id = %s WHERE id IN (SELECT id FROM visits "
        "WHERE occurrence_date > %s AND status = 'planned' AND worker_id IS NULL "
        "ORDER BY planned_start, id LIMIT %d)") % (q(aide), q(d), nids))
    ids = [r[0] for r in db.rows(
        "SELECT id FROM visits WHERE worker_id = %s AND occurrence_date > %s "
        "AND status = 'planned' ORDER BY planned_start, id" % (q(aide), q(d)))]
    assign_s = time.monotonic() - t0
    if any(len(i) != 36 for i in ids):
        sys.exit("a visit id is not 36 characters long")
    with open(os.path.join(out, "ids.txt"), "w") as f:
        f.write("".join(i + "\n" for i in ids))
    for name, value in (("day", d), ("aide_id", aide), ("nids", str(len(ids)))):
        with open(os.path.join(out, name), "w") as f:
            f.write(value)
    print(json.dumps({
        "login": LOGIN, "aide_id": aide, "aide_org": org, "time_zone": tz, "day": d,
        "day_visits_before": before, "day_visits_added": len(picked), "day_visits": after,
        "day_setup_s": round(day_s, 2), "checkin_ids_assigned": assigned,
        "checkin_ids": len(ids), "checkin_first_date": db.one(
            "SELECT min(occurrence_date) FROM visits WHERE worker_id = %s AND occurrence_date > %s"
            % (q(aide), q(d))),
        "checkin_last_date": db.one(
            "SELECT max(occurrence_date) FROM visits WHERE worker_id = %s AND occurrence_date > %s"
            % (q(aide), q(d))),
        "checkin_assign_s": round(assign_s, 2)}))
    return 0 if after >= min(day_target, 1) and ids else 1


class Api:
    def __init__(self, url):
        u = urllib.parse.urlsplit(url)
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)

    def call(self, method, path, body=None, token=None):
        headers = {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = "Bearer " + token
        self.conn.request(method, path, body=data, headers=headers)
        r = self.conn.getresponse()
        return r.status, r.read()


def api(url, out):
    a = Api(url)
    st, raw = a.call("POST", "/api/v1/sessions", {"login": LOGIN, "password": PASSWORD})
    if st not in (200, 201):
        sys.exit("sign-in as %s: HTTP %d %s" % (LOGIN, st, raw[:200]))
    token = json.loads(raw)["token"]
    day = open(os.path.join(out, "day")).read().strip()
    path = "/api/v1/me/visits?date=" + day
    st, raw = a.call("GET", path, token=token)
    if st != 200:
        sys.exit("GET %s: HTTP %d %s" % (path, st, raw[:300]))
    d = json.loads(raw)
    items = d.get("items", [])
    missing = [i["id"] for i in items if "address" not in (i.get("client") or {})]
    times = []
    for _ in range(3):
        t0 = time.monotonic()
        st, _ = a.call("GET", path, token=token)
        times.append(1000 * (time.monotonic() - t0))
        if st != 200:
            sys.exit("GET %s: HTTP %d" % (path, st))
    times.sort()
    with open(os.path.join(out, "token"), "w") as f:
        f.write(token)
    print(json.dumps({"day": day, "items": len(items), "reply_bytes": len(raw),
                      "clients": len({i["client"]["id"] for i in items}),
                      "items_without_client_record": len(missing),
                      "route": [[i.get("local_start"), i.get("type")] for i in items],
                      "single_read_ms": round(times[1], 2)}))
    return 0 if items and not missing else 1


def verify(backend, path, ids_file, acked_files, before):
    db = Db(backend, path)
    events = {}
    for vid, kind, n in db.rows("SELECT visit_id, kind, count(*) FROM visit_clock_events "
                                "GROUP BY visit_id, kind"):
        events.setdefault(vid, {})[kind] = int(n)
    total = sum(sum(k.values()) for k in events.values())
    acked = []
    for f in acked_files:
        try:
            acked += [line.strip() for line in open(f) if line.strip()]
        except OSError:
            pass
    sent = {line.strip() for line in open(ids_file) if line.strip()}
    aset = set(acked)
    lost = [v for v in aset if events.get(v, {}).get("check_in", 0) == 0]
    doubled = [v for v, k in events.items() if k.get("check_in", 0) > 1]
    acked_twice = len(acked) - len(aset)
    other = [v for v in events if v not in aset]
    other_not_sent = [v for v in other if v not in sent]
    new = total - before
    extra_events = sum(sum(events[v].values()) for v in other) - before
    res = {"clock_events_before": before, "clock_events_after": total, "clock_events_new": new,
           "acknowledged_200": len(acked), "acknowledged_twice": acked_twice,
           "lost": len(lost), "doubled": len(doubled),
           "check_out_events": sum(k.get("check_out", 0) for k in events.values()),
           "in_flight_extra": extra_events,
           "extra_not_among_ids_sent": len(other_not_sent) if not before else None,
           "equal": new == len(acked),
           "examples": {"lost": lost[:3], "doubled": doubled[:3],
                        "extra_not_sent": other_not_sent[:3]}}
    # Every acknowledged check-in is in the database exactly once; the other new events
    # are requests wrk sent but had not seen answered when it stopped.
    res["ok"] = (not lost and not doubled and not acked_twice and extra_events >= 0
                 and (before or not other_not_sent) and new == len(acked) + extra_events)
    print(json.dumps(res))
    return 0 if res["ok"] else 1


def main():
    mode = sys.argv[1]
    if mode == "counts":
        print(json.dumps(counts(Db(sys.argv[2], sys.argv[3]))))
        return 0
    if mode == "prepare":
        return prepare(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]))
    if mode == "api":
        return api(sys.argv[2], sys.argv[3])
    if mode == "verify":
        args = sys.argv[2:]
        before = 0
        if "--before" in args:
            k = args.index("--before")
            before = int(args[k + 1])
            del args[k:k + 2]
        return verify(args[0], args[1], args[2], args[3:], before)
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
