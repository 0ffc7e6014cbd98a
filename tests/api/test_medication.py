# SPDX-License-Identifier: EUPL-1.2
"""Medication through the HTTP API: prescriptions and their versions, the doses due in
local time (daylight-saving days and a change in the middle of a day), the
administration record with its refusals, the pill organiser and its weekly sheet, the
monthly record (MAR), who may do what with medical data, and the missed-dose alert on
a controllable clock with the whole story: the doctor prescribes, the nurse prepares
the week, the aide helps the client take it, one dose is refused and one is missed.

Doses are computed from the time the line was written: a dose due before that is not
due at all. So the tests write lines whose times fall a little after now (Paris
time), and record them within the two hours a dose may be recorded early.
"""
import datetime
import time
import unittest
import uuid
import zoneinfo

import harness

ctx = {}
P = "/api/v1/clients"
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(200)


def setUpModule():
    t = harness.start_target(name="medication")
    ctx["t"] = t
    w = harness.World(t)
    w.add_staff("doctor", w.orgs["belleville"], "Dr Claire Moreau " + w.u, key="doctor")
    w.add_staff("nurse", w.orgs["nation"], "Paul Nguyen " + w.u, key="nurse_nation")
    ctx["w"] = w


def tearDownModule():
    ctx["t"].close()


def paris_now():
    return datetime.datetime.now(PARIS)


def soon(minutes):
    """The Paris local time `minutes` from now as (date, "HH:MM"), and its UTC instant."""
    t = (paris_now() + datetime.timedelta(minutes=minutes)).replace(second=0, microsecond=0)
    return t.date().isoformat(), t.strftime("%H:%M"), utc(t)


def utc(t):
    return t.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def line(**over):
    body = {"drug_label": "Paracétamol 500 mg comprimé", "drug_code": "3400935955838",
            "drug_code_system": "cip13", "form": "comprimé", "dose": "1 comprimé",
            "route": "orale", "times": ["08:00", "20:00"], "starts_on": "2027-03-01",
            "prescriber_name": "Dr Claire Moreau", "prescriber_rpps": "10003456789",
            "instructions": "Au milieu du repas"}
    body.update(over)
    return {k: v for k, v in body.items() if v is not ...}


def cip13(body12):
    """A CIP13 with its EAN-13 check digit (weights 1, 3 from the left)."""
    s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body12))
    return body12 + str((10 - s % 10) % 10)


class Base(unittest.TestCase):
    def setUp(self):
        self.w = w = ctx["w"]
        self.coord = w.s("coordinator")
        self.doctor, self.nurse, self.aide = w.s("doctor"), w.s("nurse"), w.s("aide")
        self.client = w.create_client("belleville")
        self.c = "%s/%s" % (P, self.client["id"])
        for key, role in (("doctor", "medecin_traitant"), ("nurse", "infirmier"),
                          ("aide", "aide_domicile")):
            r = self.coord.post(self.c + "/circle", {"account_id": w.s(key).id,
                                                     "circle_role": role})
            self.assertEqual(r.status, 201, r)

    def prescribe(self, who=None, **over):
        r = (who or self.doctor).post(self.c + "/prescriptions", line(**over))
        self.assertEqual(r.status, 201, r)
        return r.json

    def doses(self, date, who=None):
        r = (who or self.nurse).get(self.c + "/medication/doses?date=" + date)
        self.assertEqual(r.status, 200, r)
        return r.json

    def record(self, who, **body):
        return who.post(self.c + "/medication/administrations", body)

    def lines(self):
        r = self.doctor.get(self.c + "/prescriptions")
        self.assertEqual(r.status, 200, r)
        return r.json["items"]


class Prescriptions(Base):
    def test_write_read_change_stop_with_history(self):
        p = self.prescribe(times=["20:00", "08:00"])
        self.assertEqual(p["times"], ["08:00", "20:00"])  # kept in order
        self.assertEqual(p["seq"], 1)
        self.assertEqual(p["source"], "prescribed")
        self.assertEqual(p["status"], "future")
        sid = p["series_id"]
        r = self.doctor.request("POST", "%s/prescriptions/%s/versions" % (self.c, sid),
                                line(dose="2 comprimés"), {"If-Match": '"1"'})
        self.assertEqual(r.status, 201, r)
        self.assertEqual((r.json["seq"], r.json["dose"]), (2, "2 comprimés"))
        self.assertEqual(r.header("ETag"), '"2"')
        # A stale version number changes nothing.
        r = self.doctor.request("POST", "%s/prescriptions/%s/versions" % (self.c, sid),
                                line(dose="3 comprimés"), {"If-Match": '"1"'})
        harness.assert_problem(self, r, 412, "version_mismatch")
        r = self.doctor.get("%s/prescriptions/%s" % (self.c, sid))
        self.assertEqual(r.status, 200, r)
        v1, v2 = r.json["versions"]
        self.assertEqual(v1["end_reason"], "changed")
        self.assertEqual(v1["valid_until"], v2["valid_from"])
        self.assertIsNone(v2["valid_until"])
        r = self.doctor.request("POST", "%s/prescriptions/%s/stop" % (self.c, sid),
                                {"reason": "Douleurs résolues"}, {"If-Match": '"2"'})
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json["status"], r.json["end_note"]), ("stopped", "Douleurs résolues"))
        r = self.doctor.request("POST", "%s/prescriptions/%s/versions" % (self.c, sid),
                                line(), {"If-Match": '"2"'})
        harness.assert_problem(self, r, 409, "prescription_stopped")
        self.assertEqual([it["status"] for it in self.lines()], ["stopped"])
        r = self.doctor.get(self.c + "/prescriptions?status=active")
        self.assertEqual(r.json["items"], [])

    def test_bad_lines_are_refused_and_write_nothing(self):
        good = cip13("340093000001")
        self.prescribe(drug_code=good)
        bad_digit = good[:-1] + str((int(good[-1]) + 1) % 10)
        cases = [
            (line(drug_code=bad_digit), [("drug_code", "invalid_check_digit")]),
            (line(drug_code="3400935"), [("drug_code", "invalid_format")]),
            (line(drug_code_system=None), [("drug_code_system", "required")]),
            (line(times=["8:00"]), [("times", "invalid_value")]),
            (line(times=["08:00", "08:00"]), [("times", "invalid_value")]),
            (line(times=[]), [("times", "required")]),
            (line(times=None, as_needed=True), [("max_per_day", "required")]),
            (line(max_per_day=3), [("max_per_day", "invalid_value")]),
            (line(as_needed=True, max_per_day=3), [("times", "invalid_value")]),
            (line(ends_on="2027-02-01"), [("ends_on", "end_before_start")]),
            (line(starts_on="2027-02-30"), [("starts_on", "invalid_date")]),
            (line(prescribed_on="2099-01-01"), [("prescribed_on", "in_the_future")]),
            (line(prescriber_rpps="123"), [("prescriber_rpps", "invalid_format")]),
            (line(source="transcribed"), [("attachment_id", "required")]),
            (line(dose=None), [("dose", "required")]),
            (line(colour="blue"), [("colour", "unknown_field")]),
        ]
        for body, fields in cases:
            r = self.doctor.post(self.c + "/prescriptions", body)
            harness.assert_problem(self, r, 422, "validation_failed", fields, msg=repr(body))
        self.assertEqual(len(self.lines()), 1)
        self.assertEqual(self.lines()[0]["drug_code"], good)

    def test_who_may_write(self):
        # A nurse transcribes from the photographed original; she does not prescribe.
        r = self.nurse.post(self.c + "/prescriptions", line())
        harness.assert_problem(self, r, 403, "forbidden")
        r = self.nurse.request("POST", self.c + "/attachments?category=medical", PNG,
                               {"Content-Type": "image/png"})
        self.assertEqual(r.status, 201, r)
        att = r.json["id"]
        p = self.prescribe(self.nurse, source="transcribed", attachment_id=att)
        self.assertEqual((p["source"], p["attachment_id"]), ("transcribed", att))
        # Another client's attachment is not a reference.
        other = self.w.create_client("belleville")
        r = self.coord.post("%s/%s/circle" % (P, other["id"]),
                            {"account_id": self.nurse.id, "circle_role": "infirmier"})
        r = self.nurse.request("POST", "%s/%s/attachments?category=medical" % (P, other["id"]),
                               PNG, {"Content-Type": "image/png"})
        self.assertEqual(r.status, 201, r)
        r = self.nurse.post(self.c + "/prescriptions",
                            line(source="transcribed", attachment_id=r.json["id"]))
        harness.assert_problem(self, r, 422, "validation_failed",
                               [("attachment_id", "unknown_reference")])
        for who in (self.aide, self.coord):
            r = who.post(self.c + "/prescriptions", line())
            harness.assert_problem(self, r, 403, "forbidden")
        self.assertEqual(len(self.lines()), 1)


class Schedule(Base):
    def test_daylight_saving_days_keep_the_local_times(self):
        self.prescribe(times=["02:30", "03:30", "08:00", "20:00"], starts_on="2027-03-27",
                       ends_on="2027-03-28")
        d27 = self.doses("2027-03-27")["doses"]
        self.assertEqual([d["due_at"] for d in d27], [
            "2027-03-27T01:30:00Z", "2027-03-27T02:30:00Z", "2027-03-27T07:00:00Z",
            "2027-03-27T19:00:00Z"])
        # Spring forward: 02:30 does not exist and is given at 03:30, once.
        d28 = self.doses("2027-03-28")["doses"]
        self.assertEqual([d["due_at"] for d in d28], [
            "2027-03-28T01:30:00Z", "2027-03-28T06:00:00Z", "2027-03-28T18:00:00Z"])
        self.assertEqual(self.doses("2027-03-29")["doses"], [])  # ends_on is inclusive
        # Fall back: 02:30 happens twice; the dose is given at the first.
        self.prescribe(times=["02:30"], starts_on="2027-10-31", ends_on="2027-10-31")
        d = self.doses("2027-10-31")["doses"]
        self.assertEqual([x["due_at"] for x in d], ["2027-10-31T00:30:00Z"])
        self.assertEqual((d[0]["time"], d[0]["moment"], d[0]["state"]), ("02:30", "matin", "due"))

    def test_a_change_in_the_middle_of_a_day(self):
        p = self.prescribe(times=["08:00", "12:00", "20:00"], starts_on="2027-03-30")
        r = self.doctor.request(
            "POST", "%s/prescriptions/%s/versions" % (self.c, p["series_id"]),
            line(times=["08:00", "20:00"], dose="2 comprimés", starts_on="2027-03-30",
                 effective_at="2027-03-30T14:00:00+02:00"), {"If-Match": '"1"'})
        self.assertEqual(r.status, 201, r)
        v2 = r.json["id"]
        d = self.doses("2027-03-30")["doses"]
        self.assertEqual([(x["time"], x["prescription_id"], x["dose"]) for x in d], [
            ("08:00", p["id"], "1 comprimé"), ("12:00", p["id"], "1 comprimé"),
            ("20:00", v2, "2 comprimés")])
        d = self.doses("2027-03-31")["doses"]
        self.assertEqual([(x["time"], x["prescription_id"]) for x in d],
                         [("08:00", v2), ("20:00", v2)])
        # A change may not reach into the past.
        r = self.doctor.request(
            "POST", "%s/prescriptions/%s/versions" % (self.c, p["series_id"]),
            line(effective_at="2020-01-01T00:00:00Z"), {"If-Match": '"2"'})
        harness.assert_problem(self, r, 422, "validation_failed", [("effective_at", "out_of_range")])

    def test_drug_names_only_for_readers_of_medical_data(self):
        self.prescribe(starts_on="2027-03-01")
        d = self.doses("2027-03-02", self.nurse)
        self.assertTrue(d["drug_names"])
        self.assertEqual(d["doses"][0]["drug_label"], "Paracétamol 500 mg comprimé")
        for who in (self.aide, self.coord):
            d = self.doses("2027-03-02", who)
            self.assertFalse(d["drug_names"])
            self.assertNotIn("drug_label", d["doses"][0])
            self.assertEqual(d["doses"][0]["dose"], "1 comprimé")


class Administration(Base):
    def line_soon(self, minutes=(10,), who=None, **over):
        times = [soon(m) for m in minutes]
        p = self.prescribe(who, times=sorted(t for _, t, _ in times), starts_on=times[0][0], **over)
        return p, [u for _, _, u in times]

    def test_record_once_and_replay_with_the_same_key(self):
        if paris_now().hour >= 23:
            self.skipTest("the dose would fall tomorrow")
        p, (due,) = self.line_soon()
        key = {"Idempotency-Key": str(uuid.uuid4())}
        body = {"series_id": p["series_id"], "due_at": due, "outcome": "given"}
        first = self.nurse.post(self.c + "/medication/administrations", body, headers=key)
        self.assertEqual(first.status, 201, first)
        self.assertEqual((first.json["mode"], first.json["late"]), ("administered", False))
        self.assertEqual(first.json["recorded_as"], "circle:infirmier")
        again = self.nurse.post(self.c + "/medication/administrations", body, headers=key)
        self.assertEqual((again.status, again.json["id"]), (201, first.json["id"]))
        r = self.record(self.nurse, **body)
        harness.assert_problem(self, r, 409, "dose_already_recorded")
        r = self.nurse.get(self.c + "/medication/administrations")
        self.assertEqual([a["id"] for a in r.json["items"]], [first.json["id"]])
        today = self.doses(paris_now().date().isoformat())["doses"]
        self.assertEqual(today[0]["state"], "recorded")
        self.assertEqual(today[0]["record"]["outcome"], "given")

    def test_bad_records_change_nothing(self):
        if paris_now().hour >= 22:
            self.skipTest("the doses would fall tomorrow")
        p, (due, later) = self.line_soon((10, 70))
        sid = p["series_id"]
        tomorrow = (datetime.datetime.strptime(due, "%Y-%m-%dT%H:%M:%SZ") +
                    datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        five_past = (datetime.datetime.strptime(due, "%Y-%m-%dT%H:%M:%SZ") +
                     datetime.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
        future = utc(paris_now() + datetime.timedelta(hours=1))
        cases = [
            ({"series_id": sid, "due_at": tomorrow, "outcome": "given"}, 422,
             "validation_failed", [("due_at", "in_the_future")]),
            ({"series_id": sid, "due_at": due, "outcome": "given", "occurred_at": future}, 422,
             "validation_failed", [("occurred_at", "in_the_future")]),
            ({"series_id": sid, "due_at": due, "outcome": "missed"}, 422,
             "validation_failed", [("due_at", "in_the_future")]),
            ({"series_id": sid, "due_at": due, "outcome": "held"}, 422, "validation_failed",
             [("reason", "required")]),
            ({"series_id": sid, "due_at": due, "outcome": "lost"}, 422, "validation_failed",
             [("outcome", "invalid_value")]),
            ({"series_id": str(uuid.uuid4()), "due_at": due, "outcome": "given"}, 422,
             "validation_failed", [("series_id", "unknown_reference")]),
            ({"series_id": sid, "due_at": five_past, "outcome": "given"}, 409, "dose_not_due",
             []),
            ({"series_id": sid, "outcome": "given", "reason": "douleur"}, 422,
             "validation_failed", [("due_at", "required")]),
        ]
        for body, status, code, fields in cases:
            harness.assert_problem(self, self.record(self.nurse, **body), status, code, fields,
                                   msg=repr(body))
        # Stopped now: the later dose is no longer due.
        r = self.doctor.request("POST", "%s/prescriptions/%s/stop" % (self.c, sid),
                                {"reason": "Allergie"}, {"If-Match": '"1"'})
        self.assertEqual(r.status, 200, r)
        harness.assert_problem(self, self.record(self.nurse, series_id=sid, due_at=later,
                                                 outcome="given"), 409, "prescription_stopped")
        r = self.nurse.get(self.c + "/medication/administrations")
        self.assertEqual(r.json["items"], [])

    def test_as_needed_doses_up_to_the_daily_maximum(self):
        p = self.prescribe(times=None, as_needed=True, max_per_day=2,
                           starts_on=paris_now().date().isoformat(), drug_label="Tramadol 50 mg")
        sid = p["series_id"]
        r = self.record(self.nurse, series_id=sid, outcome="given")
        harness.assert_problem(self, r, 422, "validation_failed", [("reason", "required")])
        # Given before the line existed: not a dose of it.
        r = self.record(self.nurse, series_id=sid, outcome="given", reason="Douleur 6/10",
                        occurred_at=utc(paris_now() - datetime.timedelta(hours=2)))
        harness.assert_problem(self, r, 409, "prescription_stopped")
        r = self.record(self.nurse, series_id=sid, outcome="given", reason="Douleur 6/10")
        self.assertEqual(r.status, 201, r)
        self.assertIsNone(r.json["due_at"])
        r = self.record(self.nurse, series_id=sid, outcome="given", reason="Douleur 5/10")
        self.assertEqual(r.status, 201, r)
        r = self.record(self.nurse, series_id=sid, outcome="given", reason="Douleur 7/10")
        harness.assert_problem(self, r, 409, "max_doses_reached")
        # An aide does not give "as needed" doses.
        r = self.record(self.aide, series_id=sid, outcome="given", reason="Douleur")
        harness.assert_problem(self, r, 403, "outcome_not_allowed")
        d = self.doses(paris_now().date().isoformat())
        self.assertEqual(d["as_needed"][0]["given"], 2)

    def test_repeated_refusals_raise_one_alert(self):
        if paris_now().hour >= 23:
            self.skipTest("the doses would fall tomorrow")
        p, dues = self.line_soon((5, 6, 7, 8))
        sid = p["series_id"]
        ids = []
        for due in dues:
            r = self.record(self.nurse, series_id=sid, due_at=due, outcome="refused",
                            reason="Refuse d'avaler")
            self.assertEqual(r.status, 201, r)
            ids.append(r.json["alert_id"])
        # The third refusal (default rule: 3 in 72 hours) raises it; the fourth does not again.
        self.assertEqual([i is not None for i in ids], [False, False, True, False])
        r = self.coord.get("/api/v1/alerts?state=open&client_id=" + self.client["id"])
        self.assertEqual(r.status, 200, r)
        al = r.json["items"]
        self.assertEqual([a["type"] for a in al], ["dose_refused_repeatedly"])
        self.assertEqual(al[0]["details"]["series_id"], sid)
        self.assertNotIn("drug_label", al[0]["details"])
        # The nurse follows these alerts too.
        r = self.nurse.get("/api/v1/alerts?state=open&client_id=" + self.client["id"])
        self.assertEqual([a["id"] for a in r.json["items"]], [ids[2]])


class Organiser(Base):
    def test_prepare_the_week_and_its_sheet(self):
        sid = self.prescribe(times=["08:00", "12:30", "19:00", "22:00"],
                             starts_on="2027-03-01")["series_id"]
        self.prescribe(times=None, as_needed=True, max_per_day=3, drug_label="Doliprane",
                       starts_on="2027-03-01")
        self.prescribe(times=["09:00"], in_organiser=False, drug_label="Insuline",
                       form="solution injectable", route="sous-cutanée",
                       starts_on="2027-03-01")
        r = self.nurse.get(self.c + "/pill-organisers/sheet?week=2027-03-03")
        self.assertEqual(r.status, 200, r)
        sheet = r.json
        self.assertEqual(sheet["week_start"], "2027-03-01")
        self.assertIsNone(sheet["preparation"])
        self.assertEqual(len(sheet["days"]), 7)
        mon = sheet["days"][0]
        self.assertEqual([(m, [d["time"] for d in mon[m]]) for m in
                          ("matin", "midi", "soir", "coucher")],
                         [("matin", ["08:00"]), ("midi", ["12:30"]), ("soir", ["19:00"]),
                          ("coucher", ["22:00"])])
        self.assertEqual(sorted(x["drug_label"] for x in sheet["not_in_organiser"]),
                         ["Doliprane", "Insuline"])
        r = self.nurse.post(self.c + "/pill-organisers", {"week_start": "2027-03-01",
                                                          "note": "Semainier bleu"})
        self.assertEqual(r.status, 201, r)
        first = r.json
        self.assertEqual((first["doses"], len(first["prescriptions"])), (28, 1))
        # The week is prepared once; again only by naming the one replaced.
        r = self.nurse.post(self.c + "/pill-organisers", {"week_start": "2027-03-01"})
        harness.assert_problem(self, r, 409, "already_prepared")
        self.assertEqual(r.json.get("existing_id"), first["id"])
        r = self.nurse.post(self.c + "/pill-organisers", {"week_start": "2027-03-01",
                                                          "supersedes": first["id"]})
        self.assertEqual(r.status, 201, r)
        r = self.nurse.get(self.c + "/pill-organisers?from=2027-03-01&to=2027-03-01")
        self.assertEqual([(o["id"] == first["id"], o["current"]) for o in r.json["items"]],
                         [(True, False), (False, True)])
        r = self.nurse.get(self.c + "/pill-organisers/sheet?week=2027-03-01")
        self.assertTrue(r.json["preparation"]["up_to_date"])
        # The doctor changes the line: the organiser must be prepared again.
        r = self.doctor.request("POST", "%s/prescriptions/%s/versions" % (self.c, sid),
                                line(times=["08:00", "19:00"], starts_on="2027-03-01"),
                                {"If-Match": '"1"'})
        self.assertEqual(r.status, 201, r)
        r = self.nurse.get(self.c + "/pill-organisers/sheet?week=2027-03-01")
        self.assertFalse(r.json["preparation"]["up_to_date"])
        self.assertEqual([d["time"] for d in r.json["days"][0]["coucher"]], [])
        for body, field in (({"week_start": "2027-03-02"}, ("week_start", "invalid_date")),
                            ({"week_start": "2020-03-02"}, ("week_start", "out_of_range")),
                            ({"week_start": "2027-03-08", "supersedes": "x"},
                             ("supersedes", "invalid_id"))):
            r = self.nurse.post(self.c + "/pill-organisers", body)
            harness.assert_problem(self, r, 422, "validation_failed", [field], msg=repr(body))
        # Only the nurse prepares.
        for who in (self.aide, self.doctor, self.coord):
            r = who.post(self.c + "/pill-organisers", {"week_start": "2027-03-08"})
            self.assertEqual(r.status, 403, r)


class AccessMatrix(Base):
    """Who may do what with a client's medication, as a table: relation × act."""

    def test_matrix(self):
        w = self.w
        p = self.prescribe(starts_on="2027-03-01")
        w.add_person("fille_%s" % self.client["id"][:8], self.client["id"], "caregiver",
                     "Sophie Dupont")
        fille = w.s("fille_%s" % self.client["id"][:8])
        w.add_person("self_%s" % self.client["id"][:8], self.client["id"], "self",
                     "Jeanne Dupont")
        usager = w.s("self_%s" % self.client["id"][:8])
        reads = {
            "prescriptions": self.c + "/prescriptions",
            "doses": self.c + "/medication/doses?date=2027-03-02",
            "mar": self.c + "/medication/mar?month=2027-03",
            "sheet": self.c + "/pill-organisers/sheet?week=2027-03-01",
            "records": self.c + "/medication/administrations",
        }
        expected = {  # who: (prescriptions, doses, mar, sheet, records, may prescribe)
            "doctor": (200, 200, 200, 200, 200, 201),
            "nurse": (200, 200, 200, 200, 200, 403),
            "aide": (403, 200, 403, 403, 403, 403),
            "coordinator": (403, 200, 403, 403, 403, 403),
            "alarm_operator": (403, 403, 403, 403, 403, 403),
            "auditor": (403, 403, 403, 403, 403, 403),
            "nurse_nation": (404, 404, 404, 404, 404, 404),
            "fille": (403, 403, 403, 403, 403, 403),
            "usager": (200, 200, 200, 200, 200, 403),
        }
        sessions = {k: w.s(k) for k in expected if k not in ("fille", "usager")}
        sessions.update(fille=fille, usager=usager)

        def check():
            for who, want in expected.items():
                s = sessions[who]
                got = tuple(s.get(reads[k]).status for k in
                            ("prescriptions", "doses", "mar", "sheet", "records"))
                got += (s.post(self.c + "/prescriptions", line()).status,)
                self.assertEqual(got, want, who)
        check()
        # The daughter sees the doses once the client grants her care data, and the
        # prescriptions only with medical data.
        for cat in ("care", "medical"):
            r = usager.post(self.c + "/consents", {"grantee_account_id": fille.id,
                                                    "category": cat, "decision": "grant"})
            self.assertEqual(r.status, 201, r)
            if cat == "care":
                expected["fille"] = (403, 200, 403, 403, 403, 403)
                check()
        expected["fille"] = (200, 200, 200, 200, 200, 403)
        check()
        # The client refuses medical data to the nurse: reads and records stop.
        r = usager.post(self.c + "/consents", {"grantee_account_id": self.nurse.id,
                                                "category": "medical", "decision": "refuse"})
        self.assertEqual(r.status, 201, r)
        expected["nurse"] = (403, 200, 403, 403, 403, 403)
        check()
        r = self.record(self.nurse, series_id=p["series_id"], due_at="2026-01-01T07:00:00Z",
                        outcome="given")
        self.assertEqual(r.status, 403, r)
        # Every refusal is in the access log.
        r = usager.get(self.c + "/access-log")
        self.assertEqual(r.status, 200, r)
        denied = [e for e in r.json["items"] if e["outcome"] == "denied"]
        self.assertTrue(any(e["action"] == "client.prescription.list" for e in denied), denied)


class MissedDoseStory(unittest.TestCase):
    """The missed-dose rule on a controllable clock, in the story of one client's day."""

    def setUp(self):
        harness.require_local(self)
        self.srv = harness.Server(["--vigilance-seconds", "1"], name="med-vigilance").start()
        self.addCleanup(self.srv.close)
        self.t = harness.Target(self.srv)
        self.w = harness.World(self.t, roles=("coordinator", "aide", "nurse", "alarm_operator"))
        self.w.add_staff("doctor", self.w.orgs["belleville"], "Dr Moreau " + self.w.u,
                         key="doctor")

    def alerts(self, session, client_id):
        r = session.get("/api/v1/alerts?state=open&client_id=" + client_id)
        self.assertEqual(r.status, 200, r)
        return r.json["items"]

    def test_story(self):
        if paris_now().hour >= 21:
            self.skipTest("the day's doses would fall tomorrow")
        w = self.w
        coord, doctor, nurse, aide = (w.s(k) for k in ("coordinator", "doctor", "nurse", "aide"))
        client = w.create_client("belleville")
        c = "%s/%s" % (P, client["id"])
        for key, role in (("doctor", "medecin_traitant"), ("nurse", "infirmier"),
                          ("aide", "aide_domicile")):
            r = coord.post(c + "/circle", {"account_id": w.s(key).id, "circle_role": role})
            self.assertEqual(r.status, 201, r)
        # The doctor prescribes three doses today, at +10, +40 and +70 minutes.
        slots = [soon(m) for m in (10, 40, 70)]
        r = doctor.post(c + "/prescriptions", line(
            times=[t for _, t, _ in slots], starts_on=slots[0][0],
            drug_label="Donépézil 5 mg", drug_code=cip13("340093000002")))
        self.assertEqual(r.status, 201, r)
        sid = r.json["series_id"]
        d1, d2, d3 = (u for _, _, u in slots)
        # Before the week is prepared, the aide cannot help the client take it.
        r = aide.post(c + "/medication/administrations",
                      {"series_id": sid, "due_at": d1, "outcome": "given"})
        harness.assert_problem(self, r, 409, "organiser_not_prepared")
        # The nurse prepares the week's pill organiser.
        today = datetime.date.fromisoformat(slots[0][0])
        monday = today - datetime.timedelta(days=today.weekday())
        r = nurse.post(c + "/pill-organisers", {"week_start": monday.isoformat()})
        self.assertEqual(r.status, 201, r)
        organiser = r.json["id"]
        # The aide helps with the first dose (given), the second is refused.
        r = aide.post(c + "/medication/administrations",
                      {"series_id": sid, "due_at": d1, "outcome": "given"})
        self.assertEqual(r.status, 201, r)
        self.assertEqual((r.json["mode"], r.json["organiser_id"]), ("assisted", organiser))
        self.assertEqual(r.json["recorded_as"], "circle:aide_domicile")
        r = aide.post(c + "/medication/administrations",
                      {"series_id": sid, "due_at": d2, "outcome": "held", "reason": "x"})
        harness.assert_problem(self, r, 403, "outcome_not_allowed")
        r = aide.post(c + "/medication/administrations",
                      {"series_id": sid, "due_at": d2, "outcome": "refused",
                       "reason": "Dit l'avoir déjà pris"})
        self.assertEqual(r.status, 201, r)
        # Nobody records the third. Nothing is raised before its time plus the grace delay.
        time.sleep(2.5)
        self.assertEqual(self.alerts(coord, client["id"]), [])
        # Two and a half hours later (default grace: 60 minutes after 70 minutes).
        r = w.admin.post("/api/v1/test/clock", {"offset_seconds": 150 * 60})
        self.assertEqual(r.status, 200, r)
        self.assertTrue(harness.wait_for(lambda: self.alerts(coord, client["id"]), timeout=10))
        time.sleep(2.5)  # more passes: still one alert
        al = self.alerts(coord, client["id"])
        self.assertEqual([a["type"] for a in al], ["dose_missed"])
        self.assertEqual(al[0]["details"]["due_at"], d3)
        self.assertEqual(al[0]["details"]["series_id"], sid)
        self.assertNotIn("Donépézil", str(al[0]["details"]))
        self.assertEqual([a["id"] for a in self.alerts(nurse, client["id"])], [al[0]["id"]])
        self.assertEqual([a["id"] for a in self.alerts(w.s("alarm_operator"), client["id"])],
                         [al[0]["id"]])
        # The month's record shows it all, the gap included.
        r = nurse.get(c + "/medication/mar?month=" + slots[0][0][:7])
        self.assertEqual(r.status, 200, r)
        (mar_line,) = r.json["lines"]
        states = [d["state"] for d in mar_line["days"][slots[0][0]]]
        self.assertEqual(states, ["given", "refused", "no_record"])
        t = r.json["totals"]
        self.assertEqual((t["given"], t["refused"], t["no_record"]), (1, 1, 1))
        self.assertEqual(t["pending"], t["due"] - 3)  # the rest of the month
        # The nurse learns it was in fact given, and writes it late: flagged.
        r = nurse.post(c + "/medication/administrations",
                       {"series_id": sid, "due_at": d3, "outcome": "given", "occurred_at": d3,
                        "note": "Donné par la fille, noté au retour"})
        self.assertEqual(r.status, 201, r)
        self.assertTrue(r.json["late"])
        self.assertEqual(self.srv.audit_verify().returncode, 0)


if __name__ == "__main__":
    unittest.main()
