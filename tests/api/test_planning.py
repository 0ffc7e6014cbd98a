# SPDX-License-Identifier: EUPL-1.2
"""Care plans, visit generation, absences, clocking (télégestion), the field day and the
late-visit alert, through the HTTP API.

Each test builds its own client in a World of its own organisations. Plans are written
in Europe/Paris local time; the tests check the UTC instants the server stores, so a
wrong offset (or a daylight-saving slip) shows. Dates are chosen in the future so that
"the past is what happened" (nothing is generated before now) never hides a visit.
"""
import datetime
import json
import time
import unittest
import uuid

import harness

ctx = {}
P = "/api/v1/clients"


def assert_problem(tc, r, status, code, fields=(), msg=""):
    """harness.assert_problem, with field errors given by name only."""
    harness.assert_problem(tc, r, status, code, msg=msg)
    got = {f for f, _ in r.field_errors()}
    tc.assertFalse(set(fields) - got, "field errors %r missing in %r %s" % (
        sorted(set(fields) - got), r, msg))


def setUpModule():
    t = harness.start_target(name="planning")
    ctx["t"] = t
    w = harness.World(t)
    ctx["w"] = w
    w.add_staff("aide", w.orgs["belleville"], "Awa Traoré " + w.u, key="aide2")
    w.add_staff("aide", w.orgs["belleville"], "Inès Roux " + w.u, key="aide3")


def tearDownModule():
    ctx["t"].close()


def day(n):
    """The local date n days from today."""
    return (datetime.date.today() + datetime.timedelta(days=n)).isoformat()


def next_weekday(weekday, after=2):
    """The first date at least `after` days ahead falling on weekday (1 = Monday)."""
    d = datetime.date.today() + datetime.timedelta(days=after)
    while d.isoweekday() != weekday:
        d += datetime.timedelta(days=1)
    return d


def intervention(**over):
    body = {"type": "aide_toilette", "label": "Toilette", "days": [1, 3, 5],
            "start_time": "08:30", "duration_min": 45, "tasks": ["Toilette", "Habillage"],
            "funder": "apa", "valid_from": day(0)}
    body.update(over)
    return {k: v for k, v in body.items() if v is not ...}


def visits(session, client_id, frm, to, status=None):
    q = "from=%s&to=%s&limit=500" % (frm, to) + ("&status=" + status if status else "")
    r = session.get("%s/%s/visits?%s" % (P, client_id, q))
    assert r.status == 200, r
    return r.json["items"]


class CarePlan(unittest.TestCase):
    def setUp(self):
        self.w = ctx["w"]
        self.coord = self.w.s("coordinator")
        self.client = self.w.create_client("belleville")
        self.cp = "%s/%s/care-plan" % (P, self.client["id"])

    def add(self, **over):
        r = self.coord.post(self.cp + "/interventions", intervention(**over))
        self.assertEqual(r.status, 201, r)
        return r

    def test_generation_follows_the_recurrence_in_local_time(self):
        r = self.add(days=[1, 3, 5], start_time="08:30", duration_min=45)
        start = next_weekday(1, after=1)
        end = start + datetime.timedelta(days=14)
        vs = visits(self.coord, self.client["id"], start.isoformat(), end.isoformat())
        # Monday, Wednesday, Friday over two weeks.
        self.assertEqual(len(vs), 6, vs)
        for v in vs:
            d = datetime.date.fromisoformat(v["local_date"])
            self.assertIn(d.isoweekday(), (1, 3, 5))
            self.assertEqual(v["local_start"], "08:30")
            self.assertEqual(v["local_end"], "09:15")
            self.assertEqual(v["series_id"], r.json["series_id"])
            self.assertEqual(v["tasks"], ["Toilette", "Habillage"])
            self.assertEqual(v["status"], "planned")
        # Winter in Paris is UTC+1 (the tests run from November to March, and the DST
        # test below checks summer time explicitly).
        for v in vs:
            off = 1 if datetime.date.fromisoformat(v["local_date"]).month in (11, 12, 1, 2) else None
            if off:
                self.assertTrue(v["planned_start"].endswith("T07:30:00Z"), v["planned_start"])

    def test_daylight_saving_changes_keep_the_local_time(self):
        # 2027-03-28 and 2027-10-31: Europe/Paris changes offset.
        for frm, to, change in (("2027-03-22", "2027-04-05", "2027-03-28"),
                                ("2027-10-25", "2027-11-08", "2027-10-31")):
            client = self.w.create_client("belleville")
            cp = "%s/%s/care-plan" % (P, client["id"])
            r = self.coord.post(cp + "/interventions",
                                intervention(days=[1, 2, 3, 4, 5, 6, 7], valid_from=frm,
                                             start_time="08:30", duration_min=60))
            self.assertEqual(r.status, 201, r)
            r = self.coord.post(cp + "/generate", {"from": frm, "to": to})
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.json["inserted"], 14, r)
            vs = visits(self.coord, client["id"], frm, to)
            self.assertEqual(len(vs), 14)
            for v in vs:
                self.assertEqual(v["local_start"], "08:30", v)
                self.assertEqual(v["duration_min"], 60)
                summer = (v["local_date"] >= change) == frm.startswith("2027-03")
                want = "T06:30:00Z" if summer else "T07:30:00Z"
                self.assertTrue(v["planned_start"].endswith(want), (v["local_date"], v["planned_start"]))

    def test_month_end_and_every_two_weeks(self):
        r = self.coord.post(self.cp + "/interventions",
                            intervention(days=[2], every_weeks=2, valid_from="2027-01-04",
                                         anchor_date="2027-01-04", start_time="15:00"))
        self.assertEqual(r.status, 201, r)
        r = self.coord.post(self.cp + "/generate", {"from": "2027-01-25", "to": "2027-03-08"})
        self.assertEqual(r.status, 200, r)
        vs = visits(self.coord, self.client["id"], "2027-01-25", "2027-03-08")
        # Tuesdays of even weeks from the anchor Monday 2027-01-04: across the end of
        # January and of February.
        self.assertEqual([v["local_date"] for v in vs],
                         ["2027-02-02", "2027-02-16", "2027-03-02"])

    def test_regeneration_is_idempotent_and_keeps_manual_changes(self):
        self.add(days=[1, 2, 3, 4, 5], start_time="10:00")
        frm, to = day(1), day(15)
        before = visits(self.coord, self.client["id"], frm, to)
        moved = before[0]
        r = self.coord.patch("/api/v1/visits/" + moved["id"],
                             {"planned_start": moved["planned_start"].replace(":00:00Z", ":30:00Z")},
                             if_match=moved["version"])
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.json["manual"])
        for _ in range(2):
            r = self.coord.post(self.cp + "/generate", {"from": frm, "to": to})
            self.assertEqual(r.status, 200, r)
            self.assertEqual((r.json["inserted"], r.json["updated"], r.json["cancelled"]),
                             (0, 0, 0), r)
        after = visits(self.coord, self.client["id"], frm, to)
        self.assertEqual(sorted(v["id"] for v in after), sorted(v["id"] for v in before))
        kept = [v for v in after if v["id"] == moved["id"]][0]
        self.assertEqual(kept["local_start"], "10:30")

    def test_change_from_a_date_keeps_history(self):
        r = self.add(days=[1, 2, 3, 4, 5, 6, 7], start_time="09:00")
        series = r.json["series_id"]
        change = day(5)
        r = self.coord.request("POST", "%s/interventions/%s/versions" % (self.cp, series),
                               intervention(days=[1, 2, 3, 4, 5, 6, 7], start_time="14:00",
                                            valid_from=..., effective_from=change),
                               {"If-Match": '"1"'})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["seq"], 2)
        vs = visits(self.coord, self.client["id"], day(1), day(10))
        for v in vs:
            want = "14:00" if v["local_date"] >= change else "09:00"
            self.assertEqual(v["local_start"], want, v)
            self.assertEqual(v["status"], "planned")
        hist = self.coord.get(self.cp + "/history").json["interventions"]
        self.assertEqual([(i["seq"], i["valid_until"]) for i in hist], [(1, change), (2, None)])
        # The plan of a day before the change still shows the first version.
        old = self.coord.get(self.cp + "?date=" + day(1)).json["interventions"]
        self.assertEqual([i["start_time"] for i in old], ["09:00"])
        # A stale If-Match changes nothing.
        r = self.coord.request("POST", "%s/interventions/%s/versions" % (self.cp, series),
                               intervention(start_time="16:00", valid_from=...,
                                            effective_from=day(7)),
                               {"If-Match": '"1"'})
        assert_problem(self, r, 412, "version_mismatch")
        self.assertEqual(len(self.coord.get(self.cp + "/history").json["interventions"]), 2)

    def test_ending_an_intervention_cancels_later_visits(self):
        r = self.add(days=[1, 2, 3, 4, 5, 6, 7], start_time="18:00")
        series = r.json["series_id"]
        r = self.coord.request("POST", "%s/interventions/%s/end" % (self.cp, series),
                               {"effective_from": day(4)}, {"If-Match": '"1"'})
        self.assertEqual(r.status, 200, r)
        later = visits(self.coord, self.client["id"], day(4), day(20))
        self.assertTrue(later)
        self.assertTrue(all(v["status"] == "cancelled" and v["cancel_reason"] == "plan_changed"
                            for v in later), later)
        earlier = visits(self.coord, self.client["id"], day(1), day(4))
        self.assertTrue(all(v["status"] == "planned" for v in earlier))

    def test_overlapping_and_impossible_recurrences_are_refused(self):
        self.add(days=[1, 3], start_time="08:00", duration_min=60)
        before = self.coord.get(self.cp + "/history").json
        n_before = len(visits(self.coord, self.client["id"], day(0), day(28)))
        r = self.coord.post(self.cp + "/interventions",
                            intervention(days=[3, 4], start_time="08:30", duration_min=30))
        assert_problem(self, r, 409, "plan_overlap")
        bad = [
            ({"days": []}, "days"), ({"days": [0]}, "days"), ({"days": [8]}, "days"),
            ({"days": [1, 1]}, "days"), ({"start_time": "25:00"}, "start_time"),
            ({"start_time": "8h30"}, "start_time"), ({"duration_min": 0}, "duration_min"),
            ({"duration_min": 721}, "duration_min"), ({"every_weeks": 9}, "every_weeks"),
            ({"valid_from": "2026-02-30"}, "valid_from"),
            ({"valid_until": day(-3)}, "valid_until"),
            ({"anchor_date": "2026-11-24"}, "anchor_date"),
            ({"type": "teleportation"}, "type"), ({"funder": "lottery"}, "funder"),
        ]
        for over, field in bad:
            r = self.coord.post(self.cp + "/interventions", intervention(**over))
            assert_problem(self, r, 422, "validation_failed", [field], msg=repr(over))
        self.assertEqual(self.coord.get(self.cp + "/history").json, before)
        self.assertEqual(len(visits(self.coord, self.client["id"], day(0), day(28))), n_before)

    def test_absence_suspends_and_its_cancellation_releases(self):
        self.add(days=[1, 2, 3, 4, 5, 6, 7], start_time="11:00")
        r = self.coord.post("%s/%s/absences" % (P, self.client["id"]),
                            {"starts_on": day(3), "ends_on": day(5), "reason": "hospital"})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["visits"]["suspended"], 3, r)
        absence = r.json["id"]
        vs = visits(self.coord, self.client["id"], day(1), day(8))
        for v in vs:
            inside = day(3) <= v["local_date"] <= day(5)
            self.assertEqual(v["status"], "suspended" if inside else "planned", v)
            self.assertEqual(v["suspended_by"], absence if inside else None)
        r = self.coord.request("DELETE", "%s/%s/absences/%s" % (P, self.client["id"], absence))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["visits"]["released"], 3, r)
        self.assertTrue(all(v["status"] == "planned"
                            for v in visits(self.coord, self.client["id"], day(1), day(8))))
        r = self.coord.post("%s/%s/absences" % (P, self.client["id"]),
                            {"starts_on": day(5), "ends_on": day(3), "reason": "holiday"})
        assert_problem(self, r, 422, "validation_failed", ["ends_on"])

    def test_funding_and_hours(self):
        r = self.coord.post("%s/%s/funding" % (P, self.client["id"]),
                            {"funder": "apa", "hours_per_month": 22.5, "starts_on": day(0),
                             "decision_ref": "APA-2026-001", "funder_name": "Département"})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["minutes_per_month"], 1350)
        plan = self.coord.get(self.cp).json
        self.assertEqual([g["decision_ref"] for g in plan["funding"]], ["APA-2026-001"])
        r = self.coord.post("%s/%s/funding" % (P, self.client["id"]),
                            {"funder": "apa", "hours_per_month": -1, "starts_on": day(0)})
        assert_problem(self, r, 422, "validation_failed", ["hours_per_month"])

    def test_plan_generate_from_the_shell_is_idempotent(self):
        harness.require_local(self)
        self.add(days=[1, 2, 3, 4, 5, 6, 7], start_time="20:00", duration_min=30)
        srv = ctx["t"].server
        # Beside the running server, which must go on reading and writing (a command
        # that once closed a descriptor of the database file made it fail).
        r = srv.cli("plan", "generate")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(" inserted=0 ", r.stdout)  # the server's horizon is already there
        r = srv.cli("plan", "generate", "--days", "40")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn(" inserted=0 ", r.stdout)
        vs = visits(self.coord, self.client["id"], day(30), day(38))
        self.assertEqual(len(vs), 8)
        r = srv.cli("plan", "generate", "--days", "0")
        self.assertEqual(r.returncode, 2)

    def test_an_aide_outside_the_circle_cannot_plan(self):
        r = self.w.s("aide").post(self.cp + "/interventions", intervention())
        self.assertIn(r.status, (403, 404), r)
        self.assertEqual(self.coord.get(self.cp + "/history").json["interventions"], [])


class Clocking(unittest.TestCase):
    """Check-in and check-out at the client's home."""

    def setUp(self):
        self.w = ctx["w"]
        self.coord = self.w.s("coordinator")
        self.aide = self.w.s("aide")
        self.other = self.w.s("aide2")
        self.client = self.w.create_client("belleville")
        r = self.coord.request("PUT", "%s/%s/home" % (P, self.client["id"]),
                               {"latitude": 48.8718, "longitude": 2.3775,
                                "access_notes": "Digicode 4521B", "nfc_tags": ["04A1B2C3"],
                                "qr_code": "LIAISON-QR-1"})
        self.assertIn(r.status, (200, 201), r)
        # The second aide is in the care circle (she may write the daily record) but
        # the visits are not hers.
        r = self.coord.post("%s/%s/circle" % (P, self.client["id"]),
                            {"account_id": self.other.id, "circle_role": "aide_domicile"})
        self.assertEqual(r.status, 201, r)
        self.visit = self.one_off(minutes_from_now=10, length=60)

    slot = [0]

    def one_off(self, minutes_from_now, length, assign=True, tasks=("Repas", "Vaisselle")):
        # Each visit of these tests in its own day, so that the one aide is never
        # booked twice (the assignment would refuse it).
        self.slot[0] += 1
        start = harness.now_utc() + datetime.timedelta(minutes=minutes_from_now,
                                                       days=2 * self.slot[0])
        end = start + datetime.timedelta(minutes=length)
        r = self.coord.post("%s/%s/visits" % (P, self.client["id"]), {
            "type": "aide_repas", "planned_start": start.strftime("%Y-%m-%dT%H:%M:00Z"),
            "planned_end": end.strftime("%Y-%m-%dT%H:%M:00Z"), "tasks": list(tasks),
            "funder": "apa"})
        self.assertEqual(r.status, 201, r)
        v = r.json
        if assign:
            r = self.coord.request("PUT", "/api/v1/visits/%s/assignment" % v["id"],
                                   {"worker_id": self.aide.id}, {"If-Match": '"%d"' % v["version"]})
            self.assertEqual(r.status, 200, r)
            v = r.json
        return v

    def url(self, v, what):
        return "/api/v1/visits/%s/%s" % (v["id"], what)

    def events(self, v):
        r = self.coord.get(self.url(v, "clock-events"))
        self.assertEqual(r.status, 200, r)
        return r.json["items"]

    def test_check_in_retried_with_its_key_records_once(self):
        key = {"Idempotency-Key": str(uuid.uuid4())}
        body = {"method": "nfc", "tag": "04A1B2C3", "device_time":
                harness.now_utc().strftime("%Y-%m-%dT%H:%M:%SZ"),
                "latitude": 48.8719, "longitude": 2.3776, "accuracy_m": 12}
        first = self.aide.post(self.url(self.visit, "check-in"), body, key)
        self.assertEqual(first.status, 200, first)
        again = self.aide.post(self.url(self.visit, "check-in"), body, key)
        self.assertEqual(again.status, 200, again)
        self.assertEqual(again.json, first.json)
        self.assertEqual(first.json["status"], "in_progress")
        self.assertEqual(first.json["clocking"]["check_in_method"], "nfc")
        ev = self.events(self.visit)
        self.assertEqual(len(ev), 1)
        self.assertLess(ev[0]["distance_m"], 50)
        self.assertFalse(ev[0]["outside_radius"])
        # Without the key, a second check-in is refused and records nothing.
        r = self.aide.post(self.url(self.visit, "check-in"), {"method": "app"})
        assert_problem(self, r, 409, "already_checked_in")
        self.assertEqual(len(self.events(self.visit)), 1)

    def test_bad_clockings_are_refused_and_change_nothing(self):
        v = self.visit
        cases = [
            (self.aide, "check-out", {"method": "app"}, 409, "visit_not_started", ()),
            (self.other, "check-in", {"method": "app"}, 403, "not_assigned", ()),
            (self.aide, "check-in", {"method": "nfc", "tag": "DEADBEEF"}, 422,
             "validation_failed", ("tag",)),
            (self.aide, "check-in", {"method": "qr"}, 422, "validation_failed", ("tag",)),
            (self.aide, "check-in", {"method": "pigeon"}, 422, "validation_failed", ("method",)),
            (self.aide, "check-in", {"method": "app", "latitude": 123, "longitude": 2}, 422,
             "validation_failed", ("latitude",)),
            (self.aide, "check-in", {"method": "app", "device_time": "hier"}, 422,
             "validation_failed", ("device_time",)),
            (self.coord, "check-in", {"method": "manual"}, 422, "validation_failed", ("reason",)),
        ]
        for who, what, body, status, code, fields in cases:
            r = who.post(self.url(v, what), body)
            assert_problem(self, r, status, code, fields, msg="%s %r" % (what, body))
        self.assertEqual(self.events(v), [])
        self.assertEqual(self.coord.get("/api/v1/visits/" + v["id"]).json["status"], "planned")
        # A cancelled visit cannot be clocked.
        r = self.coord.post(self.url(v, "cancel"), {"reason": "client_hospitalised"},
                            {"If-Match": '"%d"' % v["version"]})
        self.assertEqual(r.status, 200, r)
        r = self.aide.post(self.url(v, "check-in"), {"method": "app"})
        assert_problem(self, r, 409, "visit_cancelled")
        self.assertEqual(self.events(v), [])

    def test_check_out_computes_retained_times_and_tasks(self):
        v = self.visit
        r = self.aide.post(self.url(v, "check-in"), {"method": "app"})
        self.assertEqual(r.status, 200, r)
        r = self.aide.post(self.url(v, "check-out"), {"method": "app", "tasks": [
            {"task": "Repas", "done": True},
            {"task": "Vaisselle", "done": False, "reason": "Pas d'eau chaude"}]})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["status"], "done")
        c = r.json["clocking"]
        self.assertIsNone(c["correction_code"])
        self.assertEqual(c["retained_start"][-4:], ":00Z")  # whole minutes
        self.assertEqual(r.json["tasks_done"][1],
                         {"task": "Vaisselle", "done": False, "reason": "Pas d'eau chaude"})
        r = self.aide.post(self.url(v, "check-out"), {"method": "app"})
        assert_problem(self, r, 409, "already_checked_out")
        r = self.aide.post(self.url(v, "check-out"), {"method": "app", "tasks": [
            {"task": "Jardinage", "done": True}]})
        self.assertEqual(r.status, 422, r)
        self.assertEqual(len(self.events(v)), 2)

    def test_manual_clocking_by_the_coordinator_carries_the_correction_code(self):
        v = self.one_off(minutes_from_now=-90, length=60)
        r = self.coord.post(self.url(v, "check-in"), {"method": "manual",
                                                      "reason": "Téléphone de l'aide en panne"})
        self.assertEqual(r.status, 200, r)
        r = self.aide.post(self.url(v, "check-out"), {"method": "app"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["clocking"]["correction_code"], "COA")
        # The aide cannot enter times by hand for herself.
        v2 = self.one_off(minutes_from_now=30, length=30)
        r = self.aide.post(self.url(v2, "check-in"), {"method": "manual", "reason": "oubli"})
        self.assertIn(r.status, (403, 404), r)

    def test_far_check_in_is_flagged(self):
        v = self.visit
        r = self.aide.post(self.url(v, "check-in"), {"method": "app", "latitude": 48.80,
                                                     "longitude": 2.30})
        self.assertEqual(r.status, 200, r)
        self.assertIn("check_in_outside_radius", r.json["anomalies"])
        self.assertTrue(self.events(v)[0]["outside_radius"])

    def test_moving_an_assigned_visit_onto_another_of_hers_is_refused(self):
        other = self.one_off(minutes_from_now=10, length=60)
        r = self.coord.patch("/api/v1/visits/" + other["id"],
                             {"planned_start": self.visit["planned_start"],
                              "planned_end": self.visit["planned_end"]},
                             if_match=other["version"])
        assert_problem(self, r, 409, "schedule_conflict")
        self.assertEqual(r.json["existing_id"], self.visit["id"])
        after = self.coord.get("/api/v1/visits/" + other["id"]).json
        self.assertEqual((after["planned_start"], after["version"]),
                         (other["planned_start"], other["version"]))

    def test_after_the_fact_visit_is_cre(self):
        start = harness.now_utc() - datetime.timedelta(days=1)
        r = self.coord.post("%s/%s/visits" % (P, self.client["id"]), {
            "type": "courses", "after_the_fact": True,
            "planned_start": start.strftime("%Y-%m-%dT10:00:00Z"),
            "planned_end": start.strftime("%Y-%m-%dT11:00:00Z")})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["status"], "done")
        self.assertEqual(r.json["clocking"]["correction_code"], "CRE")
        self.assertEqual(r.json["clocking"]["retained_min"], 60)


class FieldDay(unittest.TestCase):
    def test_the_day_of_a_worker(self):
        """The story: a coordinator plans, the aide sees her day in order with what she
        needs at the door, clocks each visit, and the coordinator sees it done."""
        w = ctx["w"]
        coord, aide = w.s("coordinator"), w.s("aide3")
        date = next_weekday(2, after=2)  # a Tuesday
        clients = [w.create_client("belleville") for _ in range(3)]
        times = ["14:00", "08:00", "11:00"]
        for c, t in zip(clients, times):
            r = coord.post("%s/%s/care-plan/interventions" % (P, c["id"]),
                           intervention(days=[2], start_time=t, duration_min=45))
            self.assertEqual(r.status, 201, r)
            r = coord.request("PUT", "%s/%s/home" % (P, c["id"]),
                              {"access_notes": "Clé dans la boîte " + t})
            self.assertIn(r.status, (200, 201), r)
            r = coord.post("%s/%s/notebook" % (P, c["id"]),
                           {"category": "daily", "text": "Rendez-vous dentiste jeudi",
                            "urgent": t == "11:00"})
            self.assertEqual(r.status, 201, r)
            v = visits(coord, c["id"], date.isoformat(),
                       (date + datetime.timedelta(days=1)).isoformat())[0]
            r = coord.request("PUT", "/api/v1/visits/%s/assignment" % v["id"],
                              {"worker_id": aide.id}, {"If-Match": '"%d"' % v["version"]})
            self.assertEqual(r.status, 200, r)
        r = aide.get("/api/v1/me/visits?date=" + date.isoformat())
        self.assertEqual(r.status, 200, r)
        items = r.json["items"]
        self.assertEqual([i["local_start"] for i in items], ["08:00", "11:00", "14:00"])
        self.assertEqual([i["route_position"] for i in items], [1, 2, 3])
        for i in items:
            self.assertEqual(i["client"]["address"]["line"], "12 rue des Lilas")
            self.assertTrue(i["client"]["access_notes"].startswith("Clé dans la boîte"))
            self.assertEqual(i["tasks"], ["Toilette", "Habillage"])
            self.assertIn("unread", i["notebook"])
        # Another aide has nothing of these clients that day.
        r = w.s("aide2").get("/api/v1/me/visits?date=" + date.isoformat())
        self.assertFalse({i["client_id"] for i in r.json["items"]} & {c["id"] for c in clients})
        r = aide.get("/api/v1/me/visits?date=2026-02-30")
        assert_problem(self, r, 400, "invalid_query", ["date"])
        # She clocks each visit (early, so flagged, but recorded).
        for i in items:
            r = aide.post("/api/v1/visits/%s/check-in" % i["id"], {"method": "app"})
            self.assertEqual(r.status, 200, r)
            r = aide.post("/api/v1/visits/%s/check-out" % i["id"], {"method": "app", "tasks": [
                {"task": "Toilette", "done": True}, {"task": "Habillage", "done": True}]})
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.json["status"], "done")
        for c in clients:
            v = visits(coord, c["id"], date.isoformat(),
                       (date + datetime.timedelta(days=1)).isoformat())[0]
            self.assertEqual(v["status"], "done")
            # The access log of each client shows her reading the day.
            log = coord.get("%s/%s/access-log" % (P, c["id"]))
            if log.status == 200:
                actions = [e["action"] for e in log.json["items"]]
                self.assertIn("visit.field_day.read", actions)


class LateVisitAlert(unittest.TestCase):
    """The vigilance rule on a controllable clock (test builds: POST /api/v1/test/clock)."""

    def setUp(self):
        harness.require_local(self)
        self.srv = harness.Server(["--vigilance-seconds", "1"], name="vigilance").start()
        self.addCleanup(self.srv.close)
        self.t = harness.Target(self.srv)
        self.w = harness.World(self.t, roles=("coordinator", "aide"))

    def alerts(self, session, client_id):
        r = session.get("/api/v1/alerts?state=open&client_id=" + client_id)
        self.assertEqual(r.status, 200, r)
        return r.json["items"]

    def test_late_then_not_checked_out(self):
        w = self.w
        coord, aide = w.s("coordinator"), w.s("aide")
        client = w.create_client("belleville")
        start = harness.now_utc() + datetime.timedelta(minutes=10)
        r = coord.post("%s/%s/visits" % (P, client["id"]), {
            "type": "aide_repas", "planned_start": start.strftime("%Y-%m-%dT%H:%M:00Z"),
            "planned_end": (start + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:00Z")})
        self.assertEqual(r.status, 201, r)
        v = r.json
        r = coord.request("PUT", "/api/v1/visits/%s/assignment" % v["id"],
                          {"worker_id": aide.id}, {"If-Match": '"1"'})
        self.assertEqual(r.status, 200, r)
        admin = w.admin
        time.sleep(2.5)
        self.assertEqual(self.alerts(coord, client["id"]), [])  # not late yet
        # 30 minutes later (default rule: late 15 minutes after the planned start).
        r = admin.post("/api/v1/test/clock", {"offset_seconds": 30 * 60})
        self.assertEqual(r.status, 200, r)
        self.assertTrue(harness.wait_for(lambda: self.alerts(coord, client["id"]), timeout=10))
        time.sleep(2.5)  # more passes of the rule: still one alert
        al = self.alerts(coord, client["id"])
        self.assertEqual([a["type"] for a in al], ["visit_late"])
        self.assertEqual(al[0]["source_ref"], v["id"])
        self.assertEqual(al[0]["details"]["worker_id"], aide.id)
        # She arrives; two hours later she has not checked out (grace 30 minutes).
        r = aide.post("/api/v1/visits/%s/check-in" % v["id"], {"method": "app"})
        self.assertEqual(r.status, 200, r)
        r = admin.post("/api/v1/test/clock", {"offset_seconds": 150 * 60})
        self.assertEqual(r.status, 200, r)
        self.assertTrue(harness.wait_for(
            lambda: len(self.alerts(coord, client["id"])) == 2, timeout=10))
        types = sorted(a["type"] for a in self.alerts(coord, client["id"]))
        self.assertEqual(types, ["visit_late", "visit_not_checked_out"])
        # The aide does not see the coordinator's alerts.
        r = aide.get("/api/v1/alerts")
        self.assertEqual(r.status, 403, r)
        self.assertEqual(self.srv.audit_verify().returncode, 0)


if __name__ == "__main__":
    unittest.main()
