# SPDX-License-Identifier: EUPL-1.2
"""The client record as PDF (GET /api/v1/clients/{id}/record.pdf), as the people around
a client print it: the coordinator, the nurse, the aide and the doctor each get the
record with their name, birth date and sections, and only what their profile may read
(an aide's copy has no prescriptions and no medical notes; the nurse's has them); a
user with no relation to the client learns nothing (404); every print is in the access
log, category by category; the file is a sound PDF (qpdf --check); a name in Chinese
characters still prints.

The text is checked with pdftotext, against the data written through the API.
"""
import datetime
import os
import shutil
import subprocess
import tempfile
import unittest
import zoneinfo

import harness

ctx = {}
P = "/api/v1/clients"
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
DRUG = "Amoxicilline 1 g comprimé"
MEDICAL_NOTE = "Souffle cardiaque à réévaluer, échographie demandée."
CARE_NOTE = "Rougeur au talon droit, coussin de décharge posé."
DAILY_NOTE = "Repas pris en entier, a parlé de sa petite-fille Léonie."
QUAL = {"insi_lookup": True, "document": "CNI"}
# What identifies each datum in the text: short enough never to be wrapped in its cell.
DRUG_WORD = "Amoxicilline"
MEDICAL_WORDS = "Souffle cardiaque"
CARE_WORDS = "Rougeur au talon"
DAILY_WORDS = "Repas pris en entier"
PHONE = "06 12 34 56 78"
ALLERGY = "Pénicilline"


def setUpModule():
    t = harness.start_target(name="record_pdf")
    ctx["t"] = t
    w = harness.World(t)
    w.add_staff("doctor", w.orgs["belleville"], "Dr Anne Rousseau " + w.u, key="doctor")
    ctx["w"] = w
    ctx["client"] = make_record(w)


def tearDownModule():
    ctx["t"].close()


def today():
    return datetime.datetime.now(PARIS).date()


def make_record(w):
    """A client with a qualified identity, an accented name, a circle, a care plan, a
    prescription, an open alert and notes of every category."""
    birth = "1938-01-17"
    cl = w.create_client(birth_name="Lefèvre-Müller", birth_given_names="Hélène Zoé",
                         used_name="Dupré", sex="F", birth_date=birth,
                         birth_place_code="69123",
                         ins={"matricule": harness.make_ins("F", birth), "oid": harness.OID_NIR},
                         identity_evidence=QUAL, gir=2)
    assert cl["identity_status"] == "QUAL", cl
    c = "%s/%s" % (P, cl["id"])
    coord = w.s("coordinator")
    for key, role in (("doctor", "medecin_traitant"), ("nurse", "infirmier"),
                      ("aide", "aide_domicile")):
        r = coord.post(c + "/circle", {"account_id": w.s(key).id, "circle_role": role})
        assert r.status == 201, r
    r = coord.post(c + "/care-plan/interventions", {
        "type": "aide_toilette", "label": "Toilette du matin", "days": [1, 2, 3, 4, 5, 6, 7],
        "start_time": "08:30", "duration_min": 45, "tasks": ["Douche", "Habillage"],
        "funder": "apa", "valid_from": today().isoformat()})
    assert r.status == 201, r
    r = w.s("doctor").post(c + "/prescriptions", {
        "drug_label": DRUG, "form": "comprimé", "dose": "1 comprimé", "route": "orale",
        "times": ["08:00", "20:00"],
        "starts_on": (today() - datetime.timedelta(days=1)).isoformat(),
        "prescriber_name": "Dr Anne Rousseau", "instructions": "Au milieu du repas"})
    assert r.status == 201, r
    for who, body in (("doctor", {"category": "medical", "audience": "health",
                                  "text": MEDICAL_NOTE}),
                      ("nurse", {"category": "care", "audience": "care_team", "text": CARE_NOTE}),
                      ("aide", {"category": "daily", "text": DAILY_NOTE})):
        r = w.s(who).post(c + "/notebook", body)
        assert r.status == 201, r
    r = w.s("aide").post(c + "/alerts", {"type": "fall", "note": "Chute dans le couloir"})
    assert r.status == 201, r
    # The DLU's contacts (admin: the coordinator) and allergies (medical: the nurse).
    r = coord.patch(c + "/dlu", {"personne_a_prevenir": {
        "name": "Léonie Dupré", "relation": "petite-fille", "phone": PHONE}})
    assert r.status == 201, r
    r = w.s("nurse").patch(c + "/dlu", {"allergies": [
        {"substance": ALLERGY, "reaction": "urticaire"}]}, if_match=r.json["version"])
    assert r.status == 200, r
    return cl


def pdf_text(tc, r):
    """The reply's PDF as text (pdftotext -layout), after qpdf --check."""
    tc.assertEqual(r.status, 200, r)
    tc.assertEqual(r.header("Content-Type"), "application/pdf")
    disp = r.header("Content-Disposition") or ""
    tc.assertTrue(disp.startswith("inline;") and ".pdf" in disp, disp)
    tc.assertTrue(r.body.startswith(b"%PDF-"), r.body[:20])
    d = tempfile.mkdtemp(prefix="lia-record-")
    try:
        path = os.path.join(d, "record.pdf")
        with open(path, "wb") as f:
            f.write(r.body)
        if shutil.which("qpdf"):
            q = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)
            tc.assertEqual(q.returncode, 0, q.stdout + q.stderr)
        info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True)
        tc.assertIn("595.276 x 841.89", info.stdout)  # A4 portrait
        out = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True,
                             check=True)
        return out.stdout.decode("utf-8")
    finally:
        shutil.rmtree(d)


def record(session, client_id):
    return session.get("%s/%s/record.pdf" % (P, client_id))


@unittest.skipUnless(shutil.which("pdftotext") and shutil.which("pdfinfo"), "poppler-utils")
class RecordPdf(unittest.TestCase):
    def setUp(self):
        self.w = ctx["w"]
        self.cl = ctx["client"]

    def common(self, text):
        self.assertIn("DUPRÉ Hélène (née LEFÈVRE-MÜLLER)", text)
        self.assertIn("Née le 17/01/1938", text)
        ins = self.cl["ins"]["matricule"]
        spaced = " ".join((ins[0], ins[1:3], ins[3:5], ins[5:7], ins[7:10], ins[10:13],
                           ins[13:15]))
        self.assertIn("INS " + spaced, text)
        self.assertIn("Confidentiel — données de santé", text)
        for heading in ("Identité et coordonnées", "Cercle de soins", "Consentements",
                        "Plan d'aide", "Visites des 7 prochains jours", "Traitements en cours",
                        "Allergies", "Alertes en cours", "Cahier de liaison"):
            self.assertIn(heading, text)
        self.assertIn("page 1 / ", text)

    def test_nurse_reads_everything_of_the_circle(self):
        text = pdf_text(self, record(self.w.s("nurse"), self.cl["id"]))
        self.common(text)
        self.assertIn(DRUG_WORD, text)
        self.assertIn("08:00 (matin)", text)
        self.assertIn(MEDICAL_WORDS, text)
        self.assertIn(CARE_WORDS, text)
        self.assertIn(DAILY_WORDS, text)
        self.assertIn("Toilette du matin", text)
        self.assertIn(self.w.names["nurse"], text)     # circle and author
        self.assertIn("Chute", text)                   # the open alert
        self.assertIn(ALLERGY + " (urticaire)", text)  # from the DLU
        self.who_to_call(text)

    def who_to_call(self, text):
        """The DLU's person to notify, with the phone the circle's accounts lack."""
        line = next((l for l in text.splitlines() if "Personne à prévenir" in l), "")
        self.assertIn("Léonie Dupré (petite-fille)", line, text)
        self.assertIn(PHONE, line)

    def test_doctor_reads_prescriptions(self):
        text = pdf_text(self, record(self.w.s("doctor"), self.cl["id"]))
        self.common(text)
        self.assertIn(DRUG_WORD, text)
        self.assertIn(MEDICAL_WORDS, text)

    def test_aide_sees_no_medical_data(self):
        text = pdf_text(self, record(self.w.s("aide"), self.cl["id"]))
        self.common(text)
        self.assertNotIn(DRUG_WORD, text)
        self.assertNotIn(MEDICAL_WORDS, text)
        self.assertIn("Non visible avec votre profil", text)
        self.assertNotIn(ALLERGY, text)
        self.who_to_call(text)
        self.assertIn(CARE_WORDS, text)
        self.assertIn(DAILY_WORDS, text)
        self.assertIn("Toilette du matin", text)

    def test_coordinator_sees_no_medical_data(self):
        text = pdf_text(self, record(self.w.s("coordinator"), self.cl["id"]))
        self.common(text)
        self.assertNotIn(DRUG_WORD, text)
        self.assertNotIn(MEDICAL_WORDS, text)
        self.assertIn(DAILY_WORDS, text)

    def test_english(self):
        r = self.w.s("nurse").get("%s/%s/record.pdf" % (P, self.cl["id"]),
                                  {"Accept-Language": "en"})
        text = pdf_text(self, r)
        self.assertIn("Confidential — health data", text)
        self.assertIn("Current treatments", text)
        self.assertIn(DRUG_WORD, text)

    def test_unrelated_user_gets_404(self):
        r = record(self.w.s("aide_soignant"), self.cl["id"])
        harness.assert_problem(self, r, 404, "not_found")
        r = record(self.w.s("nurse"), "01900000-0000-7000-8000-000000000000")
        harness.assert_problem(self, r, 404, "not_found")
        r = record(self.w.s("nurse"), "not-a-uuid")
        harness.assert_problem(self, r, 404, "not_found")
        r = self.w.api.request("GET", "%s/%s/record.pdf" % (P, self.cl["id"]))
        self.assertEqual(r.status, 401, r)

    def test_each_category_is_audited(self):
        client = self.w.create_client()
        aide = self.w.s("aide")
        r = self.w.s("coordinator").post("%s/%s/circle" % (P, client["id"]),
                                         {"account_id": aide.id,
                                          "circle_role": "aide_domicile"})
        self.assertEqual(r.status, 201, r)
        pdf_text(self, record(aide, client["id"]))
        r = self.w.s("coordinator").get("%s/%s/access-log?limit=50" % (P, client["id"]))
        self.assertEqual(r.status, 200, r)
        mine = {e["action"]: e for e in r.json["items"]
                if e["action"].startswith("client.record.print.")
                and e["actor"]["id"] == aide.id}
        self.assertEqual(set(mine), {"client.record.print.admin", "client.record.print.daily",
                                     "client.record.print.care",
                                     "client.record.print.medical"}, r.json)
        self.assertEqual(mine["client.record.print.daily"]["outcome"], "ok")
        self.assertEqual(mine["client.record.print.medical"]["outcome"], "denied")
        # A refused print is audited too.
        other = self.w.s("aide_soignant")
        record(other, client["id"])
        r = self.w.s("coordinator").get("%s/%s/access-log?limit=50" % (P, client["id"]))
        denied = [e for e in r.json["items"] if e["actor"]["id"] == other.id]
        self.assertTrue(denied and denied[0]["outcome"] == "denied", r.json)

    def test_cjk_name_prints(self):
        client = self.w.create_client(birth_name="王", birth_given_names="秀英",
                                      used_name=..., sex="F", birth_date="1950-01-02")
        nurse = self.w.s("nurse")
        r = self.w.s("coordinator").post("%s/%s/circle" % (P, client["id"]),
                                         {"account_id": nurse.id, "circle_role": "infirmier"})
        self.assertEqual(r.status, 201, r)
        r = nurse.post("%s/%s/notebook" % (P, client["id"]),
                       {"category": "care", "text": "今天很好 — très bien ✓"})
        self.assertEqual(r.status, 201, r)
        text = pdf_text(self, record(nurse, client["id"]))
        self.assertIn("Née le 02/01/1950", text)
        self.assertIn("très bien", text)
        if subprocess.run(["fc-list", ":lang=zh"], capture_output=True,
                          text=True).stdout.strip():
            self.assertIn("王", text)
            self.assertIn("今天很好", text)


if __name__ == "__main__":
    unittest.main()
