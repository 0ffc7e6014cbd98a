# SPDX-License-Identifier: EUPL-1.2
"""Planning, the coordinator's side: field workers' profiles and absences, assigning
a worker to a visit (and every reason to refuse), ranked suggestions, the client's
home, an organisation's planning settings with inheritance, and the planning board.

Visits are one-off visits (POST /api/v1/clients/{id}/visits) some weeks ahead, each
test with workers of its own, so that tests never see each other's bookings. Times
are checked through the server's own local fields (local_date, local_start), so that
the tests do not depend on the organisation's zone.
"""
import datetime
import unittest

import harness
from harness import assert_problem

ctx = {}


def setUpModule():
    t = harness.start_target(name="planning-workers")
    ctx["t"] = t
    w = harness.World(t)
    ctx["w"] = w
    # A Monday four weeks ahead, 00:00 UTC: each test books its own days from there.
    today = datetime.date.today()
    monday = today + datetime.timedelta(days=28 - today.weekday())
    ctx["base"] = datetime.datetime(monday.year, monday.month, monday.day,
                                    tzinfo=datetime.timezone.utc)


def tearDownModule():
    if "t" in ctx:
        ctx["t"].close()


def W():
    return ctx["w"]


def coord():
    return W().s("coordinator")


def at(day, hour, minute=0):
    """An instant `day` days after the base Monday, at hour:minute UTC."""
    return ctx["base"] + datetime.timedelta(days=day, hours=hour, minutes=minute)


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def new_worker(tc, key, org="belleville", role="aide"):
    w = W()
    org_id = w.orgs.get(org, org)
    acc = w.add_staff(role, org_id, "Intervenant %s %s" % (key, w.u), key=key + w.u)
    return acc["id"]


def new_visit(tc, client_id, start, minutes=60, qualification=None, who="coordinator"):
    body = {"type": "aide_repas", "planned_start": iso(start),
            "planned_end": iso(start + datetime.timedelta(minutes=minutes)),
            "tasks": ["Préparer le repas"]}
    if qualification:
        body["qualification"] = qualification
    r = W().s(who).post("/api/v1/clients/%s/visits" % client_id, body)
    tc.assertEqual(r.status, 201, r)
    return r.json


def get_visit(tc, vid):
    r = coord().get("/api/v1/visits/%s" % vid)
    tc.assertEqual(r.status, 200, r)
    return r.json


def assign(vid, worker_id, version, who="coordinator"):
    h = {} if version is None else {"If-Match": '"%s"' % version}
    return W().s(who).request("PUT", "/api/v1/visits/%s/assignment" % vid,
                              {"worker_id": worker_id}, h)


def put_profile(account_id, body, version=None, who="coordinator"):
    h = {} if version is None else {"If-Match": '"%s"' % version}
    return W().s(who).request("PUT", "/api/v1/workers/%s/profile" % account_id, body, h)


def workers(org="belleville", query=""):
    r = coord().get("/api/v1/workers?org=%s%s" % (W().orgs.get(org, org), query))
    assert r.status == 200, r
    return {it["account_id"]: it for it in r.json["items"]}


class Workers(unittest.TestCase):
    def test_list_shows_field_workers_with_empty_profile(self):
        wid = new_worker(self, "liste")
        ws = workers("assoc")
        self.assertIn(wid, ws)
        it = ws[wid]
        self.assertEqual(it["qualifications"], [])
        self.assertIsNone(it["home"])
        self.assertEqual(it["availability"], [])
        self.assertEqual(it["version"], 0)
        self.assertEqual(it["org_id"], W().orgs["belleville"])
        # The coordinator is staff but not a field worker.
        self.assertNotIn(coord().id, ws)

    def test_list_outside_reach(self):
        r = W().s("aide").get("/api/v1/workers?org=%s" % W().orgs["belleville"])
        self.assertIn(r.status, (403, 404), r)
        r = coord().get("/api/v1/workers?org=%s" % W().orgs["ehpad"])
        self.assertIn(r.status, (403, 404), r)
        r = coord().get("/api/v1/workers?org=not-an-id")
        assert_problem(self, r, 404, "not_found")

    def test_profile_put_and_if_match(self):
        wid = new_worker(self, "profil")
        body = {"qualifications": ["toilette", "diabete"],
                "home": {"latitude": 48.8722, "longitude": 2.3775},
                "availability": [{"day": 1, "from": "08:00", "to": "12:00"},
                                 {"day": 3, "from": "14:00", "to": "18:30"}]}
        # First write: no profile yet, If-Match optional.
        r = put_profile(wid, body)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("ETag"), '"1"')
        self.assertEqual(r.json["version"], 1)
        self.assertEqual(r.json["qualifications"], ["toilette", "diabete"])
        self.assertAlmostEqual(r.json["home"]["latitude"], 48.8722, places=6)
        self.assertEqual(r.json["availability"][1], {"day": 3, "from": "14:00", "to": "18:30"})
        # Now it exists: If-Match required, and must be current.
        assert_problem(self, put_profile(wid, body), 428, "if_match_required")
        assert_problem(self, put_profile(wid, body, version=7), 412, "version_mismatch")
        body2 = dict(body, qualifications=["toilette"], home=None)
        r = put_profile(wid, body2, version=1)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["version"], 2)
        self.assertIsNone(r.json["home"])
        it = workers()[wid]
        self.assertEqual(it["version"], 2)
        self.assertEqual(it["qualifications"], ["toilette"])
        # Filter by qualification.
        self.assertIn(wid, workers(query="&qualification=toilette"))
        self.assertNotIn(wid, workers(query="&qualification=diabete"))

    def test_profile_validation(self):
        wid = new_worker(self, "profilko")
        r = put_profile(wid, {"home": {"latitude": 91, "longitude": "2"},
                              "availability": [{"day": 8, "from": "08:00", "to": "07:00"},
                                               {"day": 2, "from": "10:00", "to": "09:00"},
                                               {"day": 2, "from": "25:00", "to": "26:00"}],
                              "qualifications": ["x" * 41]})
        assert_problem(self, r, 422, "validation_failed", [
            ("home.latitude", "out_of_range"), ("home.longitude", "invalid_type"),
            ("availability[0].day", "out_of_range"), ("availability[1].to", "end_before_start"),
            ("availability[2].from", "invalid_format"), ("qualifications", "invalid_value")])
        r = put_profile(wid, {"qualifications": ["q%d" % i for i in range(21)]})
        assert_problem(self, r, 422, "validation_failed", [("qualifications", "too_long")])
        r = put_profile(wid, {"home": {"latitude": 1}, "colour": "blue"})
        assert_problem(self, r, 422, "validation_failed",
                       [("home.longitude", "required"), ("colour", "unknown_field")])
        self.assertEqual(workers()[wid]["version"], 0)

    def test_profile_refusals(self):
        wid = new_worker(self, "profilrefus")
        # Not a field worker, unknown account, no right.
        assert_problem(self, put_profile(coord().id, {}), 409, "not_a_worker")
        assert_problem(self, put_profile("0190f0f0-0000-7000-8000-000000000000", {}), 404,
                       "not_found")
        r = put_profile(wid, {}, who="aide")
        self.assertIn(r.status, (403, 404), r)
        self.assertEqual(workers()[wid]["version"], 0)

    def test_absences(self):
        wid = new_worker(self, "absence")
        path = "/api/v1/workers/%s/absences" % wid
        body = {"starts_at": iso(at(2, 0)), "ends_at": iso(at(4, 0)), "reason": "Congés"}
        r = coord().post(path, body)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["account_id"], wid)
        aid = r.json["id"]
        day = at(0, 0).date()
        r = coord().get(path + "?from=%s&to=%s" % (day.isoformat(),
                                                     (day + datetime.timedelta(days=7)).isoformat()))
        self.assertEqual(r.status, 200, r)
        self.assertEqual([a["id"] for a in r.json["items"]], [aid])
        # A period that does not overlap it.
        r = coord().get(path + "?from=%s&to=%s" % (iso(at(4, 0)), iso(at(6, 0))))
        self.assertEqual(r.json["items"], [])
        r = coord().get(path + "?from=yesterday")
        assert_problem(self, r, 400, "invalid_query", [("from", "invalid_format")])
        r = coord().post(path, dict(body, ends_at=iso(at(1, 0))))
        assert_problem(self, r, 422, "validation_failed", [("ends_at", "end_before_start")])
        r = coord().post(path, dict(body, ends_at=iso(at(400, 0))))
        assert_problem(self, r, 422, "validation_failed", [("ends_at", "out_of_range")])
        r = W().s("aide").post(path, body)
        self.assertIn(r.status, (403, 404), r)
        r = coord().get(path)
        self.assertEqual(len(r.json["items"]), 1, r)


class Assignment(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = W().create_client("belleville")

    def visit(self, day, hour, minutes=60, qualification=None, client=None):
        return new_visit(self, (client or self.client)["id"], at(day, hour), minutes,
                         qualification)

    def assert_unchanged(self, v):
        now = get_visit(self, v["id"])
        self.assertEqual(now["version"], v["version"])
        self.assertEqual(now["worker_id"], v["worker_id"])

    def test_assign_and_unassign(self):
        wid = new_worker(self, "assign")
        v = self.visit(7, 9)
        self.assertIsNone(v["worker_id"])
        assert_problem(self, assign(v["id"], wid, None), 428, "if_match_required")
        assert_problem(self, assign(v["id"], wid, v["version"] + 3), 412, "version_mismatch")
        r = assign(v["id"], wid, v["version"])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["worker_id"], wid)
        self.assertEqual(r.json["version"], v["version"] + 1)
        self.assertEqual(r.header("ETag"), '"%d"' % r.json["version"])
        self.assertEqual(get_visit(self, v["id"])["worker_id"], wid)
        r2 = assign(v["id"], None, r.json["version"])
        self.assertEqual(r2.status, 200, r2)
        self.assertIsNone(r2.json["worker_id"])
        # Bad bodies.
        r3 = coord().request("PUT", "/api/v1/visits/%s/assignment" % v["id"], {},
                             {"If-Match": '"%d"' % r2.json["version"]})
        assert_problem(self, r3, 422, "validation_failed", [("worker_id", "required")])
        r3 = assign(v["id"], "nobody", r2.json["version"])
        assert_problem(self, r3, 422, "validation_failed", [("worker_id", "invalid_id")])
        # An aide may not plan.
        r3 = assign(v["id"], wid, r2.json["version"], who="aide")
        self.assertIn(r3.status, (403, 404), r3)

    def test_not_a_worker(self):
        v = self.visit(7, 11)
        # Staff without a field role; a field worker of another branch of the tree.
        assert_problem(self, assign(v["id"], coord().id, v["version"]), 409, "not_a_worker")
        other = new_worker(self, "ehpad", org="ehpad", role="aide_soignant")
        assert_problem(self, assign(v["id"], other, v["version"]), 409, "not_a_worker")
        assert_problem(self, assign(v["id"], "0190f0f0-0000-7000-8000-000000000000",
                                    v["version"]), 409, "not_a_worker")
        # The association's field worker may go to a client of its antenna.
        assoc_worker = new_worker(self, "assoc", org="assoc")
        self.assertEqual(assign(v["id"], assoc_worker, v["version"]).status, 200)
        self.assertEqual(get_visit(self, v["id"])["worker_id"], assoc_worker)

    def test_qualification_missing(self):
        wid = new_worker(self, "qualif")
        v = self.visit(8, 9, qualification="toilette")
        assert_problem(self, assign(v["id"], wid, v["version"]), 409, "qualification_missing")
        self.assert_unchanged(v)
        self.assertEqual(put_profile(wid, {"qualifications": ["toilette"]}).status, 200)
        self.assertEqual(assign(v["id"], wid, v["version"]).status, 200)

    def test_worker_absent(self):
        wid = new_worker(self, "absent")
        v = self.visit(8, 13)
        r = coord().post("/api/v1/workers/%s/absences" % wid,
                         {"starts_at": iso(at(8, 0)), "ends_at": iso(at(9, 0)),
                          "reason": "Formation"})
        self.assertEqual(r.status, 201, r)
        r2 = assign(v["id"], wid, v["version"])
        assert_problem(self, r2, 409, "worker_absent")
        self.assertEqual(r2.json.get("existing_id"), r.json["id"])
        self.assert_unchanged(v)
        # The refused attempt is in the client's access log, as failed.
        r3 = coord().get("/api/v1/clients/%s/access-log" % self.client["id"])
        self.assertEqual(r3.status, 200, r3)
        self.assertIn(("visit.assign", "failed"),
                      {(e["action"], e["outcome"]) for e in r3.json["items"]})

    def test_assign_generated_visit(self):
        """A visit generated from the care plan is assigned like a one-off one, and
        regenerating the plan keeps the assignment."""
        wid = new_worker(self, "plan")
        client = W().create_client("belleville")
        tomorrow = datetime.date.today() + datetime.timedelta(days=1)
        path = "/api/v1/clients/%s" % client["id"]
        r = coord().post(path + "/care-plan/interventions", {
            "type": "aide_repas", "label": "Déjeuner", "days": [1, 2, 3, 4, 5, 6, 7],
            "every_weeks": 1, "start_time": "11:30", "duration_min": 45,
            "tasks": ["Repas"], "funder": "apa", "valid_from": tomorrow.isoformat()})
        self.assertEqual(r.status, 201, r)
        r = coord().get(path + "/visits?from=%s&to=%s" % (
            tomorrow.isoformat(), (tomorrow + datetime.timedelta(days=7)).isoformat()))
        self.assertEqual(r.status, 200, r)
        plan_visits = [v for v in r.json["items"] if v["kind"] == "plan"]
        self.assertTrue(plan_visits, r)
        v = plan_visits[0]
        r = assign(v["id"], wid, v["version"])
        self.assertEqual(r.status, 200, r)
        r = coord().post(path + "/care-plan/generate", {})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(get_visit(self, v["id"])["worker_id"], wid)
        # The next day's visit at the same time is not a conflict for the same worker.
        if len(plan_visits) > 1:
            v2 = plan_visits[1]
            self.assertEqual(assign(v2["id"], wid, v2["version"]).status, 200)

    def test_double_booking(self):
        wid = new_worker(self, "double")
        other_client = W().create_client("belleville")
        v1 = self.visit(9, 9, minutes=90)
        v2 = new_visit(self, other_client["id"], at(9, 10), 60)   # overlaps v1's end
        self.assertEqual(assign(v1["id"], wid, v1["version"]).status, 200)
        r = assign(v2["id"], wid, v2["version"])
        assert_problem(self, r, 409, "schedule_conflict")
        self.assertEqual(r.json.get("existing_id"), v1["id"])
        self.assert_unchanged(v2)
        # Back to back is not a conflict.
        v3 = new_visit(self, other_client["id"], at(9, 8), 60)
        self.assertEqual(assign(v3["id"], wid, v3["version"]).status, 200)
        # A cancelled visit no longer occupies the worker...
        v1now = get_visit(self, v1["id"])
        r = coord().request("POST", "/api/v1/visits/%s/cancel" % v1["id"],
                            {"reason": "client_refused"}, {"If-Match": '"%d"' % v1now["version"]})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(assign(v2["id"], wid, v2["version"]).status, 200)
        # ... and is not (re)assigned any more.
        v1now = get_visit(self, v1["id"])
        assert_problem(self, assign(v1["id"], None, v1now["version"]), 409, "visit_cancelled")

    def test_availability(self):
        wid = new_worker(self, "dispo")
        v = self.visit(10, 9)
        day = datetime.date.fromisoformat(v["local_date"]).isoweekday()
        other_day = day % 7 + 1
        r = put_profile(wid, {"availability": [{"day": other_day, "from": "00:00", "to": "23:59"},
                                               {"day": day, "from": "00:00",
                                                "to": v["local_start"]}]})
        self.assertEqual(r.status, 200, r)
        assert_problem(self, assign(v["id"], wid, v["version"]), 409, "worker_unavailable")
        self.assert_unchanged(v)
        r = put_profile(wid, {"availability": [{"day": day, "from": v["local_start"],
                                                "to": v["local_end"]}]}, version=1)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(assign(v["id"], wid, v["version"]).status, 200)

    def test_suggestions_rank(self):
        w = W()
        org = w.org(w.orgs["assoc"], "antenna", "Antenne Suggestions " + w.u)
        client = w.create_client(org)
        r = coord().request("PUT", "/api/v1/clients/%s/home" % client["id"],
                            {"latitude": 48.8566, "longitude": 2.3522})
        self.assertEqual(r.status, 201, r)
        regular = new_worker(self, "habitue", org=org)
        free = new_worker(self, "libre", org=org)
        busy = new_worker(self, "chargee", org=org)
        absent = new_worker(self, "absente", org=org)
        unqualified = new_worker(self, "nonqualifiee", org=org)
        for wid in (regular, free, busy, absent):
            self.assertEqual(put_profile(wid, {"qualifications": ["repas"],
                                               "home": {"latitude": 48.86,
                                                        "longitude": 2.36}}).status, 200)
        self.assertEqual(put_profile(busy, {"qualifications": ["repas"]}, version=1).status, 200)
        # The regular worker went there last week (a planned visit counts).
        past = new_visit(self, client["id"], at(14, 9), 60, "repas")
        self.assertEqual(assign(past["id"], regular, past["version"]).status, 200)
        # The busy one has two hours elsewhere that week.
        other = w.create_client(org)
        busy_v = new_visit(self, other["id"], at(22, 14), 120)
        self.assertEqual(assign(busy_v["id"], busy, busy_v["version"]).status, 200)
        r = coord().post("/api/v1/workers/%s/absences" % absent,
                         {"starts_at": iso(at(21, 0)), "ends_at": iso(at(28, 0)),
                          "reason": "Congés"})
        self.assertEqual(r.status, 201, r)
        v = new_visit(self, client["id"], at(21, 9), 60, "repas")
        r = coord().get("/api/v1/visits/%s/suggestions" % v["id"])
        self.assertEqual(r.status, 200, r)
        items = r.json["items"]
        self.assertEqual([it["worker_id"] for it in items], [regular, free, busy], items)
        self.assertEqual([it["rank"] for it in items], [1, 2, 3])
        self.assertEqual(items[0]["score"]["continuity_visits"], 1)
        self.assertEqual(items[1]["score"]["continuity_visits"], 0)
        self.assertEqual(items[2]["score"]["week_minutes"], 120)
        self.assertGreater(items[0]["score"]["distance_m"], 0)
        self.assertIsNone(items[2]["score"]["distance_m"])   # no home coordinates
        self.assertIsNone(r.json["next_cursor"])
        self.assertNotIn(unqualified, [it["worker_id"] for it in items])
        r = W().s("aide").get("/api/v1/visits/%s/suggestions" % v["id"])
        self.assertIn(r.status, (403, 404), r)


class Home(unittest.TestCase):
    def test_home_put_get(self):
        client = W().create_client("belleville")
        path = "/api/v1/clients/%s/home" % client["id"]
        assert_problem(self, coord().get(path), 404, "not_found")
        body = {"latitude": 48.8712, "longitude": 2.3841, "access_notes": "Code 4521B",
                "nfc_tags": ["04A2B3C4D5E6F7"], "qr_code": "LIA-QR-1"}
        r = coord().request("PUT", path, body)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.header("ETag"), '"1"')
        self.assertEqual(r.json["nfc_tags"], ["04A2B3C4D5E6F7"])
        r = coord().get(path)
        self.assertEqual(r.status, 200, r)
        self.assertAlmostEqual(r.json["latitude"], 48.8712, places=6)
        self.assertEqual(r.json["access_notes"], "Code 4521B")
        self.assertEqual(r.json["qr_code"], "LIA-QR-1")
        self.assertEqual(r.json["version"], 1)
        assert_problem(self, coord().request("PUT", path, body), 428, "if_match_required")
        assert_problem(self, coord().request("PUT", path, body, {"If-Match": '"5"'}), 412,
                       "version_mismatch")
        r = coord().request("PUT", path, {"nfc_tags": []}, {"If-Match": '"1"'})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["version"], 2)
        self.assertIsNone(r.json["latitude"])
        self.assertIsNone(r.json["qr_code"])

    def test_home_validation_and_rights(self):
        client = W().create_client("belleville")
        path = "/api/v1/clients/%s/home" % client["id"]
        r = coord().request("PUT", path, {"latitude": 48.1})
        assert_problem(self, r, 422, "validation_failed", [("longitude", "required")])
        r = coord().request("PUT", path, {"latitude": 100, "longitude": "2",
                                          "nfc_tags": ["t%d" % i for i in range(11)],
                                          "qr_code": "q" * 129, "floor": 3})
        assert_problem(self, r, 422, "validation_failed", [
            ("latitude", "out_of_range"), ("longitude", "invalid_type"),
            ("nfc_tags", "too_long"), ("qr_code", "too_long"), ("floor", "unknown_field")])
        r = coord().request("PUT", path, {"access_notes": "x" * 2001})
        assert_problem(self, r, 422, "validation_failed", [("access_notes", "too_long")])
        assert_problem(self, coord().get(path), 404, "not_found")
        r = W().s("aide").request("PUT", path, {"latitude": 48.1, "longitude": 2.3})
        self.assertIn(r.status, (403, 404), r)
        assert_problem(self, coord().get(path), 404, "not_found")
        # Another organisation's client: nothing to see.
        r = W().s("aide_soignant").get(path)
        assert_problem(self, r, 404, "not_found")


class Settings(unittest.TestCase):
    def path(self, org):
        return "/api/v1/orgs/%s/planning-settings" % W().orgs.get(org, org)

    def test_settings_inheritance(self):
        w = W()
        assoc = w.org(w.root_id, "association", "Association Réglages " + w.u)
        antenna = w.org(assoc, "antenna", "Antenne Réglages " + w.u)
        r = w.admin.get(self.path(antenna))
        self.assertEqual(r.status, 200, r)
        self.assertIsNone(r.json["own"])
        self.assertEqual(r.json["version"], 0)
        defaults = r.json["effective"]
        for k in ("rounding_min", "tolerance_min", "geofence_m", "late_after_min",
                  "checkout_grace_min", "horizon_days"):
            self.assertIn(k, defaults)
        r = w.admin.request("PUT", self.path(assoc), {"geofence_m": 350, "rounding_min": 15})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("ETag"), '"1"')
        self.assertEqual(r.json["own"], {"geofence_m": 350, "rounding_min": 15})
        self.assertEqual(r.json["effective"]["geofence_m"], 350)
        self.assertEqual(r.json["effective"]["late_after_min"], defaults["late_after_min"])
        r = w.admin.get(self.path(antenna))
        self.assertIsNone(r.json["own"])
        self.assertEqual(r.json["inherited_from"], assoc)
        self.assertEqual(r.json["effective"]["geofence_m"], 350)
        # The antenna's own settings replace the association's.
        r = w.admin.request("PUT", self.path(antenna), {"late_after_min": 20})
        self.assertEqual(r.status, 200, r)
        r = w.admin.get(self.path(antenna))
        self.assertEqual(r.json["own"], {"late_after_min": 20})
        self.assertIsNone(r.json["inherited_from"])
        self.assertEqual(r.json["effective"]["geofence_m"], defaults["geofence_m"])
        self.assertEqual(r.json["version"], 1)
        # Updates need If-Match once the node has its own.
        assert_problem(self, w.admin.request("PUT", self.path(assoc), {"geofence_m": 400}), 428,
                       "if_match_required")
        assert_problem(self, w.admin.request("PUT", self.path(assoc), {"geofence_m": 400},
                                             {"If-Match": '"9"'}), 412, "version_mismatch")
        r = w.admin.request("PUT", self.path(assoc), {"geofence_m": 400}, {"If-Match": '"1"'})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["version"], 2)
        self.assertEqual(r.json["own"], {"geofence_m": 400})

    def test_settings_bad_keys_and_rights(self):
        path = self.path("nation")
        r = coord().request("PUT", path, {"geofence_m": 5, "colour": 1, "rounding_min": "5",
                                          "horizon_days": 7.5})
        assert_problem(self, r, 422, "validation_failed", [
            ("geofence_m", "out_of_range"), ("colour", "unknown_field"),
            ("rounding_min", "invalid_type"), ("horizon_days", "out_of_range")])
        r = coord().get(path)
        self.assertEqual(r.status, 200, r)
        self.assertIsNone(r.json["own"])
        r = W().s("aide").get(path)
        self.assertIn(r.status, (403, 404), r)
        r = W().s("aide").request("PUT", path, {"geofence_m": 300})
        self.assertIn(r.status, (403, 404), r)
        r = coord().get(self.path("ehpad"))
        self.assertIn(r.status, (403, 404), r)
        r = coord().get("/api/v1/orgs/0190f0f0-0000-7000-8000-000000000000/planning-settings")
        assert_problem(self, r, 404, "not_found")
        # The coordinator may set her own association's.
        r = coord().request("PUT", path, {"tolerance_min": 5})
        self.assertEqual(r.status, 200, r)


class Board(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = W().create_client("belleville")

    def board(self, query, who="coordinator"):
        return W().s(who).get("/api/v1/visits?" + query)

    def test_board_scope_and_filters(self):
        w = W()
        v1 = new_visit(self, self.client["id"], at(35, 8), 60)
        v2 = new_visit(self, self.client["id"], at(35, 10), 60)
        v3 = new_visit(self, self.client["id"], at(35, 12), 60)
        day = datetime.date.fromisoformat(v1["local_date"])
        q = "org=%s&from=%s&to=%s" % (w.orgs["belleville"], day.isoformat(),
                                     (day + datetime.timedelta(days=1)).isoformat())
        r = self.board(q)
        self.assertEqual(r.status, 200, r)
        ids = [it["id"] for it in r.json["items"]]
        for v in (v1, v2, v3):
            self.assertIn(v["id"], ids)
        starts = [it["planned_start"] for it in r.json["items"]]
        self.assertEqual(starts, sorted(starts))
        # Without org: the coordinator's whole scope, same visits.
        r = self.board("from=%s&to=%s" % (iso(at(35, 0)), iso(at(36, 0))))
        self.assertEqual(r.status, 200, r)
        self.assertTrue({v1["id"], v2["id"], v3["id"]} <= {it["id"] for it in r.json["items"]})
        # Paging with the cursor.
        got, cursor = [], None
        for _ in range(10):
            r = self.board(q + "&limit=1" + ("&cursor=" + cursor if cursor else ""))
            self.assertEqual(r.status, 200, r)
            got += [it["id"] for it in r.json["items"]]
            cursor = r.json["next_cursor"]
            if not cursor:
                break
        self.assertEqual(got, ids)
        # Filters.
        wid = new_worker(self, "tableau")
        self.assertEqual(assign(v2["id"], wid, v2["version"]).status, 200)
        r = self.board(q + "&worker=" + wid)
        self.assertEqual([it["id"] for it in r.json["items"]], [v2["id"]])
        r = self.board(q + "&unassigned=true")
        self.assertNotIn(v2["id"], [it["id"] for it in r.json["items"]])
        self.assertIn(v1["id"], [it["id"] for it in r.json["items"]])
        r = self.board(q + "&status=cancelled")
        self.assertEqual(r.json["items"], [])
        # Out of scope, malformed.
        assert_problem(self, self.board("org=%s" % w.orgs["ehpad"]), 404, "not_found")
        assert_problem(self, self.board("org=0190f0f0-0000-7000-8000-000000000000"), 404,
                       "not_found")
        assert_problem(self, self.board(q + "&cursor=garbage"), 400, "invalid_query",
                       [("cursor", "invalid_format")])
        assert_problem(self, self.board(q + "&limit=501"), 400, "invalid_query",
                       [("limit", "out_of_range")])
        assert_problem(self, self.board(q + "&status=lost&unassigned=maybe"), 400,
                       "invalid_query", [("status", "invalid_value"),
                                         ("unassigned", "invalid_value")])
        assert_problem(self, self.board("from=%s&to=%s" % (day.isoformat(), (
            day + datetime.timedelta(days=63)).isoformat())), 400, "invalid_query",
            [("to", "out_of_range")])
        assert_problem(self, self.board("from=%s&to=%s" % (day.isoformat(), day.isoformat())),
                       400, "invalid_query", [("to", "end_before_start")])
        # A field worker has no planning scope; the EHPAD's aide-soignante sees none of
        # the association's visits.
        r = self.board(q, who="aide")
        self.assertIn(r.status, (403, 404), r)
        r = self.board("from=%s&to=%s" % (iso(at(35, 0)), iso(at(36, 0))), who="aide_soignant")
        if r.status == 200:
            self.assertFalse({v1["id"], v2["id"], v3["id"]} & {it["id"] for it in r.json["items"]})
        else:
            self.assertIn(r.status, (403, 404), r)


if __name__ == "__main__":
    unittest.main()
