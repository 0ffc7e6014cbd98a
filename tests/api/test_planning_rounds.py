# SPDX-License-Identifier: EUPL-1.2
"""Meal rounds, deliveries, alerts, hours per funder and the ESPPADOM export.

One world (harness.World): the coordinator and the alarm operator on the association,
the aide on the Belleville antenna, clients in Belleville. The association's planning
settings retain the planned times when the clocking is within 60 minutes of them, so
that visits clocked in and out right now have a known retained period.

- rounds: creation (visits in order, worker set on each), refusals (not a delivery,
  wrong date, already in a round, unknown visit, not a worker, no right) with nothing
  written, listing and reading (coordinator, the round's worker; others refused);
- deliveries: delivered, failed with client_absent raising one alert (a retry with the
  same Idempotency-Key gives the same answer and no second alert), state conflicts,
  someone else's delivery refused;
- alerts: scope (an aide sees none: 403), list filters and cursor, acknowledge and
  resolve with their state conflicts and If-Match;
- hours: one client's month per funder after visits clocked in and out, one cancelled
  and one still open;
- ESPPADOM: the XML parses, has one advice per done visit of the funder, and the total
  header equals the sum of the retained minutes; the CSV has its header row; refusals
  of bad funders and months; one audit entry per client exported.
"""
import datetime
import unittest
import urllib.parse
import uuid
import xml.etree.ElementTree as ET

import harness
from harness import assert_problem

ctx = {}


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def setUpModule():
    t = harness.start_target(name="rounds")
    ctx["t"] = t
    w = harness.World(t, roles=["coordinator", "alarm_operator", "aide", "auditor"])
    ctx["w"] = w
    coord = w.s("coordinator")
    # Clocking within an hour of the planned times retains the planned times.
    r = coord.request("PUT", "/api/v1/orgs/%s/planning-settings" % w.orgs["assoc"],
                      {"tolerance_min": 60})
    assert r.status in (200, 201), r
    ctx["c1"] = w.create_client("belleville")
    ctx["c2"] = w.create_client("belleville")
    ctx["c3"] = w.create_client("belleville")
    # Deliveries tomorrow between 10:00 and 12:00 UTC: the same local date in any zone
    # from UTC-9 to UTC+11, whatever the time of the run.
    tomorrow = (harness.now_utc() + datetime.timedelta(days=1)).date()
    ctx["day"] = tomorrow.isoformat()
    base = datetime.datetime.combine(tomorrow, datetime.time(10, 0),
                                     tzinfo=datetime.timezone.utc)
    ctx["base"] = base


def tearDownModule():
    if "t" in ctx:
        ctx["t"].close()


def W():
    return ctx["w"]


def S(who):
    return ctx["w"].s(who)


def new_visit(client, start, minutes=20, type_="livraison_repas", funder=None,
              tasks=("repas",), who="coordinator"):
    body = {"type": type_, "planned_start": iso(start),
            "planned_end": iso(start + datetime.timedelta(minutes=minutes)),
            "tasks": list(tasks)}
    if funder:
        body["funder"] = funder
    r = S(who).post("/api/v1/clients/%s/visits" % client["id"], body)
    assert r.status == 201, r
    return r.json


def get_visit(vid):
    r = S("coordinator").get("/api/v1/visits/" + vid)
    assert r.status == 200, r
    return r.json


def assign(visit, who="aide"):
    # The vigilance rule may stamp a late visit between the read and the write: retry.
    for _ in range(5):
        v = get_visit(visit["id"])
        r = S("coordinator").request("PUT", "/api/v1/visits/%s/assignment" % v["id"],
                                     {"worker_id": S(who).id},
                                     {"If-Match": '"%d"' % v["version"]})
        if r.status != 412:
            break
    assert r.status == 200, r
    return r.json


def delivery_alerts(visit_id):
    """The delivery_failed alerts raised about one visit."""
    r = alerts(type="delivery_failed", limit=500)
    assert r.status == 200, r
    return [a for a in r.json["items"] if a["source_ref"] == visit_id]


def delivery(vid, body, who="aide", key=None):
    h = {"Idempotency-Key": key} if key else None
    return S(who).post("/api/v1/visits/%s/delivery" % vid, body, headers=h)


def alerts(who="coordinator", **q):
    r = S(who).get("/api/v1/alerts?" + urllib.parse.urlencode(q))
    return r


class Rounds(unittest.TestCase):
    """Creation, refusals, listing and reading of rounds."""

    @classmethod
    def setUpClass(cls):
        b = ctx["base"]
        c1, c2, c3 = ctx["c1"], ctx["c2"], ctx["c3"]
        cls.d1 = new_visit(c1, b)
        cls.d2 = new_visit(c2, b + datetime.timedelta(minutes=20))
        cls.d3 = new_visit(c3, b + datetime.timedelta(minutes=40))
        cls.meal = new_visit(c1, b + datetime.timedelta(minutes=60), type_="aide_repas")
        cls.later = new_visit(c2, b + datetime.timedelta(days=1))

    def create(self, ids, who="coordinator", org="assoc", worker="aide", **over):
        body = {"org_id": W().orgs.get(org, org), "date": ctx["day"],
                "name": "Tournée Est " + W().u,
                "worker_id": S(worker).id if worker else None, "visit_ids": ids}
        body.update(over)
        return S(who).post("/api/v1/rounds", body)

    def assert_untouched(self, *visits):
        for v in visits:
            now = get_visit(v["id"])
            self.assertIsNone(now["round_id"], now)
            self.assertEqual(now["version"], v["version"], now)

    def test_1_refusals_write_nothing(self):
        d1, d2, d3 = self.d1, self.d2, self.d3
        r = self.create([d1["id"], self.meal["id"]])
        assert_problem(self, r, 409, "not_a_delivery")
        self.assertEqual(r.json.get("existing_id"), self.meal["id"])
        r = self.create([d1["id"], self.later["id"]])
        assert_problem(self, r, 422, "validation_failed", [("visit_ids[1]", "invalid_date")])
        r = self.create([d1["id"], str(uuid.uuid4())])
        assert_problem(self, r, 422, "validation_failed",
                       [("visit_ids[1]", "unknown_reference")])
        r = self.create([d1["id"], d1["id"]])
        assert_problem(self, r, 422, "validation_failed", [("visit_ids[1]", "invalid_value")])
        r = self.create([])
        assert_problem(self, r, 422, "validation_failed", [("visit_ids", "too_short")])
        r = self.create([d1["id"]], name="")
        assert_problem(self, r, 422, "validation_failed", [("name", "too_short")])
        r = self.create([d1["id"]], date="2026-02-30")
        assert_problem(self, r, 422, "validation_failed", [("date", "invalid_date")])
        r = self.create([d1["id"]] * 101)
        assert_problem(self, r, 422, "validation_failed", [("visit_ids", "too_long")])
        # The coordinator is not a field worker; the aide works in another antenna.
        r = self.create([d1["id"]], worker="coordinator")
        assert_problem(self, r, 409, "not_a_worker")
        r = self.create([d1["id"]], org="nation")
        assert_problem(self, r, 409, "not_a_worker")
        # No planning right: the aide on her antenna (403), on the association she
        # does not see (the node is an unknown reference).
        r = self.create([d1["id"]], who="aide", org="belleville")
        assert_problem(self, r, 403, "forbidden")
        r = self.create([d1["id"]], who="aide", org="assoc")
        assert_problem(self, r, 422, "validation_failed", [("org_id", "unknown_reference")])
        # The Nation antenna's round cannot take Belleville's clients.
        r = self.create([d1["id"]], org="nation", worker=None)
        assert_problem(self, r, 422, "validation_failed", [("visit_ids[0]", "unknown_reference")])
        self.assert_untouched(d1, d2, d3)

    def test_2_create_read_list(self):
        d1, d2, d3 = self.d1, self.d2, self.d3
        r = self.create([d2["id"], d1["id"]])
        self.assertEqual(r.status, 201, r)
        rd = r.json
        Rounds.round = rd
        self.assertEqual(rd["date"], ctx["day"])
        self.assertEqual(rd["worker_id"], S("aide").id)
        self.assertEqual(rd["version"], 1)
        self.assertEqual([v["id"] for v in rd["visits"]], [d2["id"], d1["id"]])
        for i, v in enumerate(rd["visits"]):
            self.assertEqual(v["round_id"], rd["id"])
            self.assertEqual(v["round_position"], i + 1)
            self.assertEqual(v["worker_id"], S("aide").id)
            self.assertEqual(v["version"], 2)
        # Already in a round: refused, and the new visit is left alone.
        r = self.create([d3["id"], d1["id"]])
        assert_problem(self, r, 422, "validation_failed", [("visit_ids[1]", "invalid_value")])
        self.assert_untouched(d3)
        # Read by the coordinator and by the round's worker, in order, with addresses.
        for who in ("coordinator", "aide"):
            r = S(who).get("/api/v1/rounds/" + rd["id"])
            self.assertEqual(r.status, 200, (who, r))
            self.assertEqual([v["id"] for v in r.json["visits"]], [d2["id"], d1["id"]])
            cl = r.json["visits"][0]["client"]
            self.assertEqual(cl["id"], ctx["c2"]["id"])
            self.assertEqual(cl["address_line"], "12 rue des Lilas")
            self.assertEqual(cl["city"], "Paris")
        # Neither a planner nor the worker.
        r = S("alarm_operator").get("/api/v1/rounds/" + rd["id"])
        assert_problem(self, r, 403, "forbidden")
        r = S("coordinator").get("/api/v1/rounds/" + str(uuid.uuid4()))
        assert_problem(self, r, 404, "not_found")
        # Listing.
        r = S("coordinator").get("/api/v1/rounds?org=%s&date=%s" % (W().orgs["assoc"],
                                                                    ctx["day"]))
        self.assertEqual(r.status, 200, r)
        mine = [it for it in r.json["items"] if it["id"] == rd["id"]]
        self.assertEqual(len(mine), 1, r)
        self.assertEqual(mine[0]["visit_counts"]["total"], 2)
        self.assertNotIn("visits", mine[0])
        r = S("coordinator").get("/api/v1/rounds?date=" + ctx["day"])
        self.assertEqual(r.status, 200, r)
        self.assertIn(rd["id"], [it["id"] for it in r.json["items"]])
        r = S("coordinator").get("/api/v1/rounds?org=%s&date=2020-01-01" % W().orgs["assoc"])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["items"], [])
        r = S("aide").get("/api/v1/rounds?date=" + ctx["day"])
        assert_problem(self, r, 403, "forbidden")
        r = S("coordinator").get("/api/v1/rounds?date=tomorrow")
        assert_problem(self, r, 400, "invalid_query", [("date", "invalid_date")])
        # The access log of a client of the round shows the round's reads.
        r = S("coordinator").get("/api/v1/clients/%s/access-log" % ctx["c2"]["id"])
        self.assertEqual(r.status, 200, r)
        actions = {e["action"] for e in r.json["items"]}
        self.assertIn("visit.round.assign", actions)
        self.assertIn("round.client.read", actions)

    def test_3_deliveries_and_alert(self):
        rd = getattr(Rounds, "round", None)
        if not rd:
            self.skipTest("no round (creation failed)")
        d1, d2, d3 = self.d1, self.d2, self.d3
        # Bad bodies.
        r = delivery(d1["id"], {"outcome": "failed"})
        assert_problem(self, r, 422, "validation_failed", [("reason", "required")])
        r = delivery(d1["id"], {"outcome": "lost"})
        assert_problem(self, r, 422, "validation_failed", [("outcome", "invalid_value")])
        r = delivery(d1["id"], {"outcome": "delivered", "device_time": "hier"})
        assert_problem(self, r, 422, "validation_failed", [("device_time", "invalid_time")])
        # Not a delivery; a delivery not assigned to the aide.
        r = delivery(self.meal["id"], {"outcome": "delivered"}, who="coordinator")
        assert_problem(self, r, 409, "not_a_delivery")
        r = delivery(d3["id"], {"outcome": "delivered"})
        assert_problem(self, r, 403, "not_assigned")
        # Delivered.
        r = delivery(d1["id"], {"outcome": "delivered",
                                "device_time": iso(harness.now_utc())})
        self.assertEqual(r.status, 200, r)
        v = r.json
        self.assertEqual(v["status"], "done")
        self.assertEqual(v["delivery_outcome"], "delivered")
        self.assertIsNone(v["delivery_reason"])
        self.assertEqual(v["clocking"]["retained_start"], v["planned_start"])
        self.assertEqual(v["clocking"]["retained_end"], v["planned_end"])
        self.assertEqual(v["clocking"]["check_in_method"], "app")
        self.assertEqual(r.header("ETag"), '"%d"' % v["version"])
        r = delivery(d1["id"], {"outcome": "delivered"})
        assert_problem(self, r, 409, "visit_closed")
        # Failed, client absent: one alert, even when the phone retries.
        key = "deliv-" + W().u
        body = {"outcome": "failed", "reason": "client_absent", "note": "Volets fermés"}
        r1 = delivery(d2["id"], body, key=key)
        self.assertEqual(r1.status, 200, r1)
        self.assertEqual(r1.json["status"], "done")
        self.assertEqual(r1.json["delivery_outcome"], "failed")
        self.assertEqual(r1.json["delivery_reason"], "client_absent")
        self.assertIsNone(r1.json["clocking"]["retained_min"])
        r2 = delivery(d2["id"], body, key=key)
        self.assertEqual(r2.status, 200, r2)
        self.assertEqual(r2.json, r1.json)
        self.assertEqual(r2.header("Idempotent-Replayed"), "true")
        r = delivery(d2["id"], body)   # without the key: a second report is refused
        assert_problem(self, r, 409, "visit_closed")
        found = delivery_alerts(d2["id"])
        self.assertEqual(len(found), 1, found)
        al = found[0]
        self.assertEqual(al["client_id"], ctx["c2"]["id"])
        self.assertEqual(al["state"], "raised")
        self.assertEqual(al["severity"], "high")
        self.assertEqual(al["source"], "rule")
        self.assertEqual(al["source_ref"], d2["id"])
        self.assertEqual(al["details"]["visit_id"], d2["id"])
        self.assertEqual(al["details"]["round_id"], rd["id"])
        self.assertEqual(al["details"]["reason"], "client_absent")
        # Refused by the client: no alert.
        assign(d3)
        r = delivery(d3["id"], {"outcome": "failed", "reason": "client_refused"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(delivery_alerts(d3["id"]), [])
        # Counts in the round list.
        r = S("coordinator").get("/api/v1/rounds?org=%s&date=%s" % (W().orgs["assoc"],
                                                                    ctx["day"]))
        it = [x for x in r.json["items"] if x["id"] == rd["id"]][0]
        self.assertEqual(it["visit_counts"], {"total": 2, "done": 2, "delivered": 1,
                                              "failed": 1})

    def test_4_cancelled_delivery(self):
        v = new_visit(ctx["c3"], ctx["base"] + datetime.timedelta(minutes=90))
        r = S("coordinator").post("/api/v1/visits/%s/cancel" % v["id"],
                                  {"reason": "client_hospitalised"},
                                  headers={"If-Match": '"%d"' % v["version"]})
        self.assertEqual(r.status, 200, r)
        r = delivery(v["id"], {"outcome": "delivered"}, who="coordinator")
        assert_problem(self, r, 409, "visit_cancelled")


class Alerts(unittest.TestCase):
    """List, read, acknowledge and resolve: scope and state rules."""

    @classmethod
    def setUpClass(cls):
        b = ctx["base"] + datetime.timedelta(hours=3)
        cls.ids = []
        for i, c in enumerate((ctx["c1"], ctx["c2"], ctx["c3"])):
            v = new_visit(c, b + datetime.timedelta(minutes=30 * i))
            r = delivery(v["id"], {"outcome": "failed", "reason": "client_absent"},
                         who="coordinator")
            assert r.status == 200, r
            cls.ids.append(v["id"])

    def find(self, visit_id):
        r = alerts(type="delivery_failed", limit=500)
        self.assertEqual(r.status, 200, r)
        for a in r.json["items"]:
            if a["source_ref"] == visit_id:
                return a
        self.fail("no alert for visit %s" % visit_id)

    def test_scope(self):
        assert_problem(self, alerts("aide"), 403, "forbidden")
        assert_problem(self, alerts("auditor"), 403, "forbidden")
        a = self.find(self.ids[0])
        r = S("aide").get("/api/v1/alerts/" + a["id"])
        assert_problem(self, r, 404, "not_found")
        r = S("alarm_operator").get("/api/v1/alerts/" + a["id"])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["id"], a["id"])
        self.assertEqual(r.header("ETag"), '"%d"' % a["version"])
        r = S("coordinator").get("/api/v1/alerts/" + str(uuid.uuid4()))
        assert_problem(self, r, 404, "not_found")
        r = S("aide").request("POST", "/api/v1/alerts/%s/acknowledge" % a["id"])
        assert_problem(self, r, 404, "not_found")

    def test_list_filters_and_cursor(self):
        assert_problem(self, alerts(state="closed"), 400, "invalid_query",
                       [("state", "invalid_value")])
        assert_problem(self, alerts(client_id="x"), 400, "invalid_query",
                       [("client_id", "invalid_id")])
        assert_problem(self, alerts(cursor="!!"), 400, "invalid_query",
                       [("cursor", "invalid_format")])
        assert_problem(self, alerts(limit=0), 400, "invalid_query", [("limit", "out_of_range")])
        seen, cursor = [], None
        for _ in range(50):
            q = {"type": "delivery_failed", "limit": 1}
            if cursor:
                q["cursor"] = cursor
            r = alerts(**q)
            self.assertEqual(r.status, 200, r)
            seen += [(a["raised_at"], a["id"]) for a in r.json["items"]]
            cursor = r.json["next_cursor"]
            if not cursor:
                break
        self.assertEqual(len(seen), len(set(seen)))
        self.assertEqual(seen, sorted(seen, reverse=True), "newest first")
        every = alerts(type="delivery_failed", limit=500).json["items"]
        self.assertEqual([a["id"] for a in every], [i for _, i in seen])
        refs = {a["source_ref"] for a in every}
        for vid in self.ids:
            self.assertIn(vid, refs)
        r = alerts(type="delivery_failed", client_id=ctx["c1"]["id"])
        self.assertTrue(all(a["client_id"] == ctx["c1"]["id"] for a in r.json["items"]))

    def test_acknowledge_and_resolve(self):
        a = self.find(self.ids[1])
        op = S("alarm_operator")
        ack = "/api/v1/alerts/%s/acknowledge" % a["id"]
        res = "/api/v1/alerts/%s/resolve" % a["id"]
        r = op.request("POST", ack, None, {"If-Match": '"%d"' % (a["version"] + 5)})
        assert_problem(self, r, 412, "version_mismatch")
        r = op.request("POST", ack)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["state"], "acknowledged")
        self.assertEqual(r.json["acknowledged_by"], op.id)
        self.assertIsNotNone(r.json["acknowledged_at"])
        self.assertEqual(r.json["version"], a["version"] + 1)
        r = op.request("POST", ack)
        assert_problem(self, r, 409, "alert_state_conflict")
        # The open list holds it; resolving takes it out.
        ids = [x["id"] for x in alerts(state="open", type="delivery_failed",
                                       limit=500).json["items"]]
        self.assertIn(a["id"], ids)
        r = op.post(res, {"outcome": "done"})
        assert_problem(self, r, 422, "validation_failed", [("outcome", "invalid_value")])
        r = op.post(res, {"outcome": "resolved", "note": "x" * 2001})
        assert_problem(self, r, 422, "validation_failed", [("note", "too_long")])
        r = op.post(res, {"outcome": "resolved", "note": "Voisine a ouvert, Mme va bien"},
                    headers={"If-Match": '"%d"' % (a["version"] + 1)})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["state"], "resolved")
        self.assertEqual(r.json["outcome"], "resolved")
        self.assertEqual(r.json["resolved_by"], op.id)
        r = op.post(res, {"outcome": "resolved"})
        assert_problem(self, r, 409, "alert_state_conflict")
        r = op.request("POST", ack)
        assert_problem(self, r, 409, "alert_state_conflict")
        ids = [x["id"] for x in alerts(state="open", type="delivery_failed",
                                       limit=500).json["items"]]
        self.assertNotIn(a["id"], ids)
        ids = [x["id"] for x in alerts(state="resolved", type="delivery_failed",
                                       limit=500).json["items"]]
        self.assertIn(a["id"], ids)

    def test_false_alarm(self):
        a = self.find(self.ids[2])
        res = "/api/v1/alerts/%s/resolve" % a["id"]
        coord = S("coordinator")
        r = coord.post(res, {"outcome": "false_alarm"})
        assert_problem(self, r, 422, "validation_failed", [("note", "required")])
        r = coord.post(res, {"outcome": "false_alarm", "note": "Mme était chez sa fille"})
        self.assertEqual(r.status, 200, r)   # straight from raised
        self.assertEqual(r.json["state"], "cancelled")
        self.assertEqual(r.json["outcome"], "false_alarm")
        self.assertEqual(r.json["note"], "Mme était chez sa fille")
        r = coord.post(res, {"outcome": "false_alarm", "note": "encore"})
        assert_problem(self, r, 409, "alert_state_conflict")
        ids = [x["id"] for x in alerts(state="cancelled", limit=500).json["items"]]
        self.assertIn(a["id"], ids)


class HoursAndExport(unittest.TestCase):
    """Visits clocked in and out now, then the month's hours and the ESPPADOM files."""

    @classmethod
    def setUpClass(cls):
        w = W()
        coord = S("coordinator")
        now = harness.now_utc().replace(second=0, microsecond=0)
        c1, c2 = ctx["c1"], ctx["c2"]
        for c, ref in ((c1, "B-001"), (c2, "B-002")):
            r = coord.post("/api/v1/clients/%s/funding" % c["id"], {
                "funder": "apa", "funder_name": "Conseil départemental de Paris",
                "funder_id": "CD75-" + w.u, "decision_ref": "APA-2026-" + ref,
                "beneficiary_ref": ref, "hours_per_month": 20, "starts_on": "2020-01-01"})
            assert r.status == 201, r
        r = coord.post("/api/v1/clients/%s/funding" % c1["id"], {
            "funder": "caisse_retraite", "funder_name": "CARSAT", "funder_id": "CARSAT-75",
            "hours_per_month": 4, "starts_on": "2020-01-01"})
        assert r.status == 201, r
        # Two apa visits clocked now (one per client, apart so that the aide can take
        # both), one cancelled, one still open.
        cls.done = []
        for c, start, minutes in ((c1, now - datetime.timedelta(minutes=10), 30),
                                  (c2, now - datetime.timedelta(minutes=55), 25)):
            v = new_visit(c, start, minutes, type_="aide_repas", funder="apa",
                          tasks=["repas", "vaisselle"])
            assign(v)
            r = S("aide").post("/api/v1/visits/%s/check-in" % v["id"],
                               {"method": "app", "device_time": iso(harness.now_utc())})
            assert r.status == 200, r
            r = S("aide").post("/api/v1/visits/%s/check-out" % v["id"], {
                "method": "app", "tasks": [{"task": "repas", "done": True},
                                           {"task": "vaisselle", "done": False,
                                            "reason": "pas le temps"}]})
            assert r.status == 200, r
            assert r.json["status"] == "done", r
            cls.done.append(r.json)
        cls.cancelled = new_visit(c1, now + datetime.timedelta(minutes=60), 45, type_="courses",
                                  funder="apa")
        r = coord.post("/api/v1/visits/%s/cancel" % cls.cancelled["id"],
                       {"reason": "client_refused"}, headers={"If-Match": '"1"'})
        assert r.status == 200, r
        cls.open = new_visit(c1, now + datetime.timedelta(minutes=120), 60, type_="menage",
                             funder="apa")
        cls.month = cls.done[0]["local_date"][:7]

    def in_month(self, v):
        return v["local_date"][:7] == self.month

    def test_hours(self):
        c1 = ctx["c1"]
        r = S("coordinator").get("/api/v1/clients/%s/hours?month=%s" % (c1["id"], self.month))
        self.assertEqual(r.status, 200, r)
        h = r.json
        self.assertEqual(h["client_id"], c1["id"])
        self.assertEqual(h["month"], self.month)
        self.assertEqual(h["time_zone"], self.done[0]["time_zone"])
        rows = {f["funder"]: f for f in h["funders"]}
        # (The meal deliveries of the other tests, without funder, may add "none".)
        self.assertLessEqual({"apa", "caisse_retraite"}, set(rows), h)
        self.assertLessEqual(set(rows), {"apa", "caisse_retraite", "none"}, h)
        apa = rows["apa"]
        self.assertEqual(apa["granted_min"], 1200)
        self.assertEqual(apa["granted_hours"], 20)
        done = self.done[0]
        retained = done["clocking"]["retained_min"]
        self.assertEqual(retained, 30, done)   # planned times retained (tolerance)
        self.assertEqual(apa["delivered_min"], retained)
        self.assertEqual(apa["delivered_hours"], 0.5)
        self.assertEqual(apa["remaining_min"], 1200 - retained)
        self.assertEqual(apa["visits"]["done"], 1)
        self.assertEqual(apa["visits"]["cancelled"], 1 if self.in_month(self.cancelled) else 0)
        self.assertEqual(apa["visits"]["open"], 1 if self.in_month(self.open) else 0)
        planned = 30 + (60 if self.in_month(self.open) else 0)
        self.assertEqual(apa["planned_min"], planned)
        self.assertEqual(apa["visits"]["planned"], 1 + (1 if self.in_month(self.open) else 0))
        cr = rows["caisse_retraite"]
        self.assertEqual((cr["granted_min"], cr["delivered_min"]), (240, 0))
        # The current month by default, a bad month, someone without the right.
        r = S("coordinator").get("/api/v1/clients/%s/hours" % c1["id"])
        self.assertEqual(r.status, 200, r)
        self.assertRegex(r.json["month"], r"^\d{4}-\d{2}$")
        r = S("coordinator").get("/api/v1/clients/%s/hours?month=2026-13" % c1["id"])
        assert_problem(self, r, 400, "invalid_query", [("month", "invalid_format")])
        r = S("coordinator").get("/api/v1/clients/%s/hours?month=2020-01" % c1["id"])
        self.assertEqual(r.status, 200, r)
        apa0 = [f for f in r.json["funders"] if f["funder"] == "apa"][0]
        self.assertEqual((apa0["delivered_min"], apa0["visits"]["done"]), (0, 0))
        r = S("aide").get("/api/v1/clients/%s/hours" % c1["id"])
        assert_problem(self, r, 403, "forbidden")

    def export(self, who="coordinator", org="assoc", **q):
        q.setdefault("funder", "apa")
        q.setdefault("month", self.month)
        q = {k: v for k, v in q.items() if v is not None}
        return S(who).get("/api/v1/orgs/%s/esppadom?%s" % (W().orgs.get(org, org),
                                                          urllib.parse.urlencode(q)))

    def test_export_xml(self):
        r = self.export(format="xml")
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.header("Content-Type").startswith("application/xml"), r.headers)
        self.assertIn('filename="esppadom-apa-%s.xml"' % self.month,
                      r.header("Content-Disposition"))
        root = ET.fromstring(r.body)
        self.assertTrue(root.tag.endswith("delivery"), root.tag)
        self.assertEqual(root.get("versionID"), "1.4")
        advices = [e for e in root if e.tag.endswith("CrossIndustryDespatchAdvice")]
        mine = [v for v in self.done if self.in_month(v)]
        self.assertEqual(len(advices), len(mine))
        text = r.body.decode("utf-8")
        for v in mine:
            self.assertIn(v["id"], text)
        self.assertIn("CD75-" + W().u, text)      # the funder's id, from the grant
        total = sum(v["clocking"]["retained_min"] for v in mine)
        self.assertEqual(int(r.header("X-Liaison-Total-Minutes")), total)
        if len(mine) == 2:
            self.assertEqual(total, 55)
        # An antenna exports its own subtree; the default format is XML.
        r = self.export(org="belleville")
        self.assertEqual(r.status, 200, r)
        ET.fromstring(r.body)
        r = self.export(org="nation")
        assert_problem(self, r, 404, "not_found")   # nothing delivered there
        # One audit entry per client included.
        for c in (ctx["c1"], ctx["c2"]):
            log = S("coordinator").get("/api/v1/clients/%s/access-log" % c["id"]).json
            self.assertIn("client.export.esppadom", {e["action"] for e in log["items"]})

    def test_export_csv(self):
        r = self.export(format="csv")
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.header("Content-Type").startswith("text/csv"), r.headers)
        self.assertIn('filename="esppadom-apa-%s.csv"' % self.month,
                      r.header("Content-Disposition"))
        text = r.body.decode("utf-8-sig")
        lines = text.split("\r\n")
        self.assertTrue(lines[0].startswith("visit_id;client_id;"), lines[0])
        rows = [ln for ln in lines[1:] if ln]
        mine = [v for v in self.done if self.in_month(v)]
        self.assertEqual(len(rows), len(mine))
        self.assertEqual(int(r.header("X-Liaison-Total-Minutes")),
                         sum(v["clocking"]["retained_min"] for v in mine))
        # A month without visits: the header row alone.
        r = self.export(format="csv", month="2020-01")
        self.assertEqual(r.status, 200, r)
        self.assertEqual([ln for ln in r.body.decode("utf-8-sig").split("\r\n") if ln][1:], [])
        self.assertEqual(r.header("X-Liaison-Total-Minutes"), "0")
        r = self.export(format="xml", month="2020-01")
        assert_problem(self, r, 404, "not_found")

    def test_export_refusals(self):
        r = self.export(funder="private")
        assert_problem(self, r, 400, "invalid_query", [("funder", "invalid_value")])
        r = self.export(funder=None)
        assert_problem(self, r, 400, "invalid_query", [("funder", "required")])
        r = self.export(month=None)
        assert_problem(self, r, 400, "invalid_query", [("month", "required")])
        future = (harness.now_utc() + datetime.timedelta(days=62)).strftime("%Y-%m")
        r = self.export(month=future)
        assert_problem(self, r, 400, "invalid_query", [("month", "in_the_future")])
        r = self.export(month="2026-1")
        assert_problem(self, r, 400, "invalid_query", [("month", "invalid_format")])
        r = self.export(format="pdf")
        assert_problem(self, r, 400, "invalid_query", [("format", "invalid_value")])
        r = self.export(extra="1")
        assert_problem(self, r, 400, "invalid_query")
        # Without the planning right: the alarm operator (403), the aide who does not
        # see the association (404), the aide on her antenna (403).
        assert_problem(self, self.export("alarm_operator"), 403, "forbidden")
        assert_problem(self, self.export("aide"), 404, "not_found")
        assert_problem(self, self.export("aide", org="belleville"), 403, "forbidden")
        assert_problem(self, self.export(org=str(uuid.uuid4())), 404, "not_found")
        # caisse_retraite: no visit this month (CSV header only).
        r = self.export(funder="caisse_retraite", format="csv")
        self.assertEqual(r.status, 200, r)


if __name__ == "__main__":
    unittest.main()
