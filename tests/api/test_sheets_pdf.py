# SPDX-License-Identifier: EUPL-1.2
"""The printable sheets through the HTTP API, on the demo data: the month's medication
administration record (MAR) as PDF, the week's pill-organiser sheet and a field
worker's day sheet, the worker's own and one a coordinator prints.

Each PDF is read back with pdftotext and compared with the JSON its twin endpoint
serves (the same view): the drug names, the days of the month, the marks of the doses
recorded and the totals; the compartments and who prepared the organiser; the visits
in route order with the clients' names and addresses, accents included. Whoever may
not read the JSON may not print it either; bad month, week or date are 400 problems;
every PDF passes qpdf --check.
"""
import datetime
import os
import re
import subprocess
import tempfile
import unittest
import zoneinfo

import harness
from harness import DEMO_PASSWORD, assert_problem

ctx = {}
P = "/api/v1/clients"
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
NOBODY = "00000000-0000-7000-8000-000000000000"  # a well-formed id of nothing
TOOLS = ("/usr/bin/pdftotext", "/usr/bin/qpdf", "/usr/bin/pdfinfo")


def setUpModule():
    harness.require_local(unittest.TestCase())
    # A few demo clients: the first ones get the demo aide's week of visits and the
    # demo medication (three lines, this week's and next week's organisers ready).
    # Sessions outlive the MAR test's move of the clock to tomorrow morning.
    srv = harness.Server(["--demo-clients", "6", "--session-ttl", "259200"],
                         name="sheets").start()
    ctx["srv"] = srv
    for login in ("aide", "aide-soignante", "infirmier", "coordinatrice", "medecin", "admin"):
        ctx[login] = srv.api.session(login, DEMO_PASSWORD)
    aide = ctx["aide"]
    # The aide's first day with at least two visits (the demo plans the coming week).
    today = datetime.datetime.now(PARIS).date()
    for k in range(1, 9):
        day = (today + datetime.timedelta(days=k)).isoformat()
        r = aide.get("/api/v1/me/visits?date=" + day)
        assert r.status == 200, r
        if len(r.json["items"]) >= 2:
            ctx["day"], ctx["visits"] = day, r.json
            break
    assert "day" in ctx, "the demo aide has no day with two visits"
    ctx["client"] = ctx["visits"]["items"][0]["client"]


def tearDownModule():
    ctx["srv"].close()


def pdf_text(tc, r, layout=True):
    """The text of a PDF reply (checked: 200, application/pdf, inline file name, qpdf
    --check), white space squeezed unless layout."""
    tc.assertEqual(r.status, 200, r)
    tc.assertEqual(r.header("Content-Type"), "application/pdf")
    disp = r.header("Content-Disposition") or ""
    tc.assertRegex(disp, r'^inline; filename="[A-Za-z0-9._-]+\.pdf"$')
    tc.assertTrue(r.body.startswith(b"%PDF-"))
    for tool in TOOLS:
        # scripts/deps.sh installs them: a missing one is a broken set-up, not a skip.
        tc.assertTrue(os.access(tool, os.X_OK), "%s not installed (poppler-utils, qpdf)" % tool)
    with tempfile.NamedTemporaryFile(suffix=".pdf", dir=harness.CONFIG.tmp_root) as f:
        f.write(r.body)
        f.flush()
        check = subprocess.run(["qpdf", "--check", f.name], capture_output=True, text=True)
        tc.assertEqual(check.returncode, 0, check.stdout + check.stderr)
        info = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True).stdout
        args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [f.name, "-"]
        text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    if not layout:
        text = re.sub(r"\s+", " ", text)
    return text, info


def name_of(c):
    return "%s %s" % (c.get("used_name") or c["birth_name"], c["first_given_name"])


def address_of(c):
    a = c["address"]
    return "%s, %s %s" % (a["line"], a["postal_code"], a["city"])


class Mar(unittest.TestCase):
    def setUp(self):
        self.c = "%s/%s" % (P, ctx["client"]["id"])
        self.nurse = ctx["infirmier"]

    def test_mar_pdf_shows_lines_days_marks_and_totals(self):
        nurse, doctor = self.nurse, ctx["medecin"]
        # The server's clock is set to tomorrow 10:00 in Paris, whatever the hour the
        # test runs at. Three doses due a few minutes later; two recorded then (a dose
        # may be recorded up to two hours early): one given, one refused; the third never.
        admin = ctx["admin"]
        now = datetime.datetime.now(PARIS)
        base = datetime.datetime.combine(now.date() + datetime.timedelta(days=1),
                                         datetime.time(10, 0), tzinfo=PARIS)
        offset = int((base - now).total_seconds())
        r = admin.post("/api/v1/test/clock", {"offset_seconds": offset})
        self.assertEqual(r.status, 200, r)
        self.addCleanup(admin.post, "/api/v1/test/clock", {"offset_seconds": 0})
        t1, t2, t3 = (base + datetime.timedelta(minutes=m) for m in (5, 7, 9))
        day = t1.date().isoformat()
        r = doctor.post(self.c + "/prescriptions", {
            "drug_label": "Lévothyroxine 50 µg", "form": "comprimé", "dose": "1 comprimé",
            "route": "orale", "times": [t.strftime("%H:%M") for t in (t1, t2, t3)],
            "starts_on": day, "prescriber_name": "Dr Claire Moreau"})
        self.assertEqual(r.status, 201, r)
        sid = r.json["series_id"]
        for t, outcome, extra in ((t1, "given", {}),
                                  (t2, "refused", {"reason": "Nausées"})):
            due = t.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            body = {"series_id": sid, "due_at": due, "outcome": outcome}
            body.update(extra)
            r = nurse.post(self.c + "/medication/administrations", body)
            self.assertEqual(r.status, 201, r)
        # Two and a half hours later (test clock), the third is a gap: no record.
        r = admin.post("/api/v1/test/clock", {"offset_seconds": offset + 150 * 60})
        self.assertEqual(r.status, 200, r)
        month = day[:7]
        r = nurse.get(self.c + "/medication/mar?month=" + month)
        self.assertEqual(r.status, 200, r)
        mar = r.json
        text, info = pdf_text(self, nurse.get(self.c + "/medication/mar.pdf?month=" + month))
        flow, _ = pdf_text(self, nurse.get(self.c + "/medication/mar.pdf?month=" + month),
                           layout=False)
        self.assertIn("A4", info)
        self.assertRegex(info, r"Page size:\s+841\.89 x 595\.2")  # landscape
        self.assertIn("Feuille d'administration des médicaments", text)
        self.assertIn(name_of(mar), text)
        born = datetime.date.fromisoformat(mar["birth_date"]).strftime("%d/%m/%Y")
        self.assertIn(born, text)
        for line in mar["lines"]:
            self.assertIn(line["drug_label"], flow)
        self.assertIn("Lévothyroxine 50 µg", flow)  # drug names are medical: shown
        # One column per day of the month in the grid's header row.
        ndays = (datetime.date(int(month[:4]) + int(month[5:]) // 12, int(month[5:]) % 12 + 1, 1)
                 - datetime.timedelta(days=1)).day
        header = next(l for l in text.splitlines() if l.startswith("Médicament") and "Heure" in l)
        self.assertEqual(header.split()[2:], [str(d) for d in range(1, ndays + 1)])
        # The two recorded doses: given (✓) and refused (R), on the row of their time.
        rows = [l for l in text.splitlines() if "Lévothyroxine" in l]
        self.assertTrue(any(t1.strftime("%H:%M") in l and "✓" in l for l in rows), rows)
        self.assertTrue(any(t2.strftime("%H:%M") in l and re.search(r"\bR\b", l)
                            for l in rows), rows)
        self.assertTrue(any(t3.strftime("%H:%M") in l and "∅" in l for l in rows), rows)
        # The totals, as the JSON counts them (the demo's own lines are not recorded at
        # this later hour: more gaps than ours).
        t = mar["totals"]
        self.assertEqual((t["given"], t["refused"]), (1, 1))
        self.assertGreaterEqual(t["no_record"], 1)
        for label, key in (("Doses prévues", "due"), ("Données", "given"),
                           ("Refusées", "refused"), ("Sans enregistrement", "no_record"),
                           ("À venir", "pending")):
            self.assertRegex(text, r"%s\s+%d\b" % (re.escape(label), t[key]), label)
        # In English on request.
        r = nurse.get(self.c + "/medication/mar.pdf?month=" + month,
                      headers={"Accept-Language": "en"})
        text, _ = pdf_text(self, r)
        self.assertIn("Medication administration record", text)
        self.assertIn("Month totals", text)

    def test_who_may_not_read_the_mar_may_not_print_it(self):
        for who in ("aide", "coordinatrice", "aide-soignante"):
            s = ctx[who]
            json_status = s.get(self.c + "/medication/mar").status
            self.assertIn(json_status, (403, 404), who)
            r = s.get(self.c + "/medication/mar.pdf")
            self.assertEqual(r.status, json_status, "%s: %r" % (who, r))
            self.assertTrue(r.header("Content-Type").startswith("application/problem+json"))
            self.assertNotIn(b"Furos", r.body)
        r = self.nurse.get("%s/%s/medication/mar.pdf" % (P, NOBODY))
        self.assertEqual(r.status, 404, r)

    def test_bad_month_is_400(self):
        for month in ("2026-13", "2026-1", "novembre", "2026-00"):
            r = self.nurse.get(self.c + "/medication/mar.pdf?month=" + month)
            assert_problem(self, r, 400, "invalid_query", [("month", "invalid_format")],
                           msg=month)


class Organiser(unittest.TestCase):
    def setUp(self):
        self.c = "%s/%s" % (P, ctx["client"]["id"])
        self.nurse = ctx["infirmier"]

    def test_the_week_sheet_shows_the_compartments(self):
        sheet = self.nurse.get(self.c + "/pill-organisers/sheet").json
        r = self.nurse.get(self.c + "/pill-organisers/sheet.pdf")
        text, info = pdf_text(self, r)
        flow, _ = pdf_text(self, self.nurse.get(self.c + "/pill-organisers/sheet.pdf"),
                           layout=False)
        self.assertRegex(info, r"Page size:\s+595\.2\d* x 841\.89")  # portrait
        self.assertIn("Préparation du pilulier", text)
        for label in ("Matin", "Midi", "Soir", "Coucher"):
            self.assertIn(label, text)
        monday = datetime.date.fromisoformat(sheet["week_start"])
        self.assertIn("lundi", text)
        self.assertIn(monday.strftime("%d/%m/%Y"), flow)
        drugs = {d["drug_label"] for day in sheet["days"]
                 for m in ("matin", "midi", "soir", "coucher") for d in day[m]}
        for drug in drugs:
            # A compartment's text may wrap: compare without the line breaks.
            self.assertIn(drug.split()[0], flow)
        # Who prepared it (the demo nurse), and whether it is still right.
        prep = sheet["preparation"]
        self.assertIsNotNone(prep)
        self.assertIn(ctx["infirmier"].account["display_name"], flow)
        self.assertIn("À jour" if prep["up_to_date"] else "À refaire", flow)
        self.assertIn("Paracétamol 1 g", flow)  # as needed: outside the organiser
        self.assertIn("Vérifié par", flow)

    def test_refusals(self):
        r = ctx["aide"].get(self.c + "/pill-organisers/sheet.pdf")
        self.assertEqual(r.status, ctx["aide"].get(self.c + "/pill-organisers/sheet").status)
        self.assertIn(r.status, (403, 404))
        r = self.nurse.get(self.c + "/pill-organisers/sheet.pdf?week=2026-02-30")
        assert_problem(self, r, 400, "invalid_query", [("week", "invalid_date")])


class DaySheet(unittest.TestCase):
    def check_sheet(self, r, visits, worker_name):
        text, _ = pdf_text(self, r)
        flow, _ = pdf_text(self, r, layout=False)
        self.assertIn(worker_name, text)
        date = datetime.date.fromisoformat(visits["date"]).strftime("%d/%m/%Y")
        self.assertIn("Feuille de route — %s" % date, flow)
        # Every visit, in route order, with its time, client and address.
        pos = -1
        for i, v in enumerate(visits["items"], 1):
            c = v["client"]
            head = "%d. %s–%s · %s" % (i, v["local_start"], v["local_end"], name_of(c))
            at = flow.find(head, pos + 1)
            self.assertGreater(at, pos, "visit %d (%s) missing or out of order" % (i, head))
            pos = at
            self.assertIn(address_of(c), flow)
            for task in v["tasks"]:
                self.assertIn(task, flow)
        self.assertIn("Arrivée à", flow)
        return text, flow

    def test_my_day_sheet(self):
        aide = ctx["aide"]
        r = aide.get("/api/v1/me/day-sheet.pdf?date=" + ctx["day"])
        self.assertIn(ctx["day"], r.header("Content-Disposition") or "")
        text, flow = self.check_sheet(r, ctx["visits"], aide.account["display_name"])
        self.assertIn("Cahier de liaison", flow)
        # Accents survive: some demo address or name has one.
        joined = " ".join(name_of(v["client"]) + address_of(v["client"])
                          for v in ctx["visits"]["items"])
        accented = [w for w in joined.split() if re.search(r"[^\x00-\x7f]", w)]
        for w in accented:
            self.assertIn(w, flow)

    def test_key_risks_as_far_as_the_reader_may_know(self):
        """The DLU's observations (care) print for the aide; the allergies (medical)
        only for a reader of medical data, which the aide is not."""
        aide, nurse = ctx["aide"], ctx["infirmier"]
        first = ctx["visits"]["items"][0]["client"]
        self.assertIsNotNone(first.get("id"))
        c = "%s/%s" % (P, first["id"])
        # The aide in the client's care circle reads care data (she may be already).
        r = ctx["coordinatrice"].post(c + "/circle", {"account_id": aide.id,
                                                      "circle_role": "aide_domicile"})
        self.assertIn(r.status, (201, 409), r)
        r = nurse.get(c + "/dlu")
        self.assertEqual(r.status, 200, r)
        etag = r.header("ETag")
        r = nurse.request("PATCH", c + "/dlu", {
            "falls": "Deux chutes en octobre, se lève seule la nuit",
            "swallowing": "Fausses routes : eau gélifiée",
            "allergies": [{"substance": "Pénicilline", "reaction": "œdème"}]},
            dict({"If-Match": etag} if etag else {}))
        self.assertIn(r.status, (200, 201), r)
        r = aide.get("/api/v1/me/day-sheet.pdf?date=" + ctx["day"])
        flow, _ = pdf_text(self, r, layout=False)
        visits = aide.get("/api/v1/me/visits?date=" + ctx["day"]).json
        self.assertIn(name_of(first), flow)
        self.assertIn("Deux chutes en octobre, se lève seule la nuit", flow)
        self.assertIn("Déglutition", flow)
        self.assertIn("Fausses routes : eau gélifiée", flow)
        self.assertNotIn("Pénicilline", flow)  # medical: not the aide's to read
        self.assertNotIn("key_risks", str(visits))  # the phone's JSON is unchanged

    def test_day_without_visits_and_default_date(self):
        r = ctx["infirmier"].get("/api/v1/me/day-sheet.pdf")
        text, _ = pdf_text(self, r)
        today = datetime.datetime.now(PARIS).date().isoformat()
        self.assertIn(today, r.header("Content-Disposition"))
        r = ctx["infirmier"].get("/api/v1/me/day-sheet.pdf?date=2026-01-05",
                                 headers={"Accept-Language": "en"})
        text, _ = pdf_text(self, r)
        self.assertIn("No visit this day.", text)

    def test_coordinator_prints_a_workers_day_sheet(self):
        aide, coord = ctx["aide"], ctx["coordinatrice"]
        path = "/api/v1/workers/%s/day-sheet.pdf?date=%s" % (aide.id, ctx["day"])
        r = coord.get(path)
        text, flow = self.check_sheet(r, ctx["visits"], aide.account["display_name"])
        self.assertNotIn("Cahier de liaison", flow)  # counts are the reader's own
        self.assertEqual(ctx["admin"].get(path).status, 200)
        # Other workers may not.
        for who in ("infirmier", "aide-soignante"):
            r = ctx[who].get(path)
            self.assertIn(r.status, (403, 404), "%s: %r" % (who, r))
            self.assertNotIn(b"%PDF", r.body)
        # Not a field worker; nobody at all.
        r = ctx["admin"].get("/api/v1/workers/%s/day-sheet.pdf" % coord.id)
        assert_problem(self, r, 409, "not_a_worker")
        r = coord.get("/api/v1/workers/%s/day-sheet.pdf" % NOBODY)
        assert_problem(self, r, 404, "not_found")

    def test_bad_date_is_400(self):
        for date in ("demain", "2026-02-30", "2026-1-5"):
            r = ctx["aide"].get("/api/v1/me/day-sheet.pdf?date=" + date)
            assert_problem(self, r, 400, "invalid_query", [("date", "invalid_date")], msg=date)
            r = ctx["coordinatrice"].get("/api/v1/workers/%s/day-sheet.pdf?date=%s"
                                         % (ctx["aide"].id, date))
            assert_problem(self, r, 400, "invalid_query", [("date", "invalid_date")], msg=date)


if __name__ == "__main__":
    unittest.main()
