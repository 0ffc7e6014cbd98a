# SPDX-License-Identifier: EUPL-1.2
"""The emergency liaison file (DLU, HAS model) and the transfer sheet, as the people
around a resident use them: the nurse of the care circle writes the medical fields
(allergies, a multi-resistant bacteria, advance directives), the coordinator the
contacts, the aide the functional observations, but not the allergies (403); an aide
reading the DLU does not see medical fields; a bad patch is refused whole (422) and a
patch made against an old version is refused (412); a transfer is recorded by the
nurse (201, Location) and printed with its vital signs; without one the sheet has
lines to fill in, the doses given in the last 24 hours and the treatments in progress.

The PDF text is checked with pdftotext, against the data written through the API.
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
DRUG = "Tramadol 50 mg gélule"


def setUpModule():
    t = harness.start_target(name="dlu")
    ctx["t"] = t
    w = harness.World(t)
    w.add_staff("doctor", w.orgs["belleville"], "Dr Anaïs Château " + w.u, key="doctor")
    ctx["w"] = w


def tearDownModule():
    ctx["t"].close()


def pdf_text(tc, r):
    """The reply's PDF as text (pdftotext -layout), after qpdf --check."""
    tc.assertEqual(r.status, 200, r)
    tc.assertEqual(r.header("Content-Type"), "application/pdf")
    disp = r.header("Content-Disposition") or ""
    tc.assertTrue(disp.startswith("inline;") and ".pdf" in disp, disp)
    tc.assertTrue(r.body.startswith(b"%PDF-"), r.body[:20])
    d = tempfile.mkdtemp(prefix="lia-dlu-")
    try:
        path = os.path.join(d, "dlu.pdf")
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


def flat(text):
    """pdftotext -layout spreads a row over columns: one space between words."""
    return " ".join(text.split())


class Base(unittest.TestCase):
    def setUp(self):
        self.w = ctx["w"]
        self.cl = self.w.create_client(birth_name="Lefèvre-Müller",
                                       birth_given_names="Hélène Zoé", used_name="Dupré",
                                       sex="F", birth_date=harness.random_birth_date())
        self.c = "%s/%s" % (P, self.cl["id"])
        coord = self.w.s("coordinator")
        for key, role in (("nurse", "infirmier"), ("aide", "aide_domicile"),
                          ("doctor", "medecin_traitant")):
            r = coord.post(self.c + "/circle", {"account_id": self.w.s(key).id,
                                                "circle_role": role})
            self.assertEqual(r.status, 201, r)
        self.nurse = self.w.s("nurse")
        self.aide = self.w.s("aide")
        self.coord = coord

    def get(self, who):
        r = who.get(self.c + "/dlu")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("ETag"), '"%d"' % r.json["version"])
        return r.json

    def patch(self, who, body, version=None):
        return who.patch(self.c + "/dlu", body, if_match=version)


MEDICAL = {
    "allergies": [{"substance": "Pénicilline", "reaction": "œdème de Quincke"}],
    "bmr": {"carrier": True, "organism": "SARM", "identified_on": "2025-09-02"},
    "advance_directives": {"exists": True, "location": "Classeur bleu, commode"},
    "pathologies": ["Insuffisance cardiaque", "Maladie d'Alzheimer"],
}


class Dlu(Base):
    def test_empty_then_written_by_category(self):
        d = self.get(self.nurse)
        self.assertEqual((d["version"], d["fields"], d["updated_at"]), (0, {}, None))
        # The nurse of the circle writes medical fields (first write: no If-Match).
        r = self.patch(self.nurse, MEDICAL)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["version"], 1)
        self.assertEqual(r.header("ETag"), '"1"')
        self.assertEqual(r.json["fields"]["allergies"], MEDICAL["allergies"])
        # Later writes need If-Match.
        r = self.patch(self.aide, {"falls": "2 chutes en mai"})
        harness.assert_problem(self, r, 428, "if_match_required")
        # The aide writes care observations...
        r = self.patch(self.aide, {"falls": "2 chutes en mai",
                                   "swallowing": "Eau gélifiée"}, 1)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["version"], 2)
        # ... and reads them, but no medical field.
        d = self.get(self.aide)
        self.assertEqual(d["version"], 2)
        self.assertEqual(d["fields"], {"falls": "2 chutes en mai", "swallowing": "Eau gélifiée"})
        self.assertIn("medical", d["withheld"])
        self.assertNotIn("care", d["withheld"])
        # ... but not allergies: 403, nothing written, even with a care field beside.
        r = self.patch(self.aide, {"allergies": [{"substance": "Iode"}], "falls": "x"}, 2)
        harness.assert_problem(self, r, 403, "forbidden")
        self.assertEqual(set(r.json) & {"allergies", "fields"}, set())
        # The coordinator writes the contacts, not the medical data.
        r = self.patch(self.coord, {"personne_confiance": {"name": "François Lefèvre",
                                                           "relation": "fils",
                                                           "phone": "06 12 34 56 78"}}, 2)
        self.assertEqual(r.status, 200, r)
        r = self.patch(self.coord, {"bmr": None}, 3)
        harness.assert_problem(self, r, 403, "forbidden")
        # The nurse sees medical and care; null removes a field; objects merge.
        r = self.patch(self.nurse, {"pathologies": None, "bmr": {"organism": "BLSE"}}, 3)
        self.assertEqual(r.status, 200, r)
        d = self.get(self.nurse)
        self.assertEqual(d["version"], 4)
        self.assertNotIn("pathologies", d["fields"])
        self.assertEqual(d["fields"]["bmr"], {"carrier": True, "organism": "BLSE",
                                              "identified_on": "2025-09-02"})
        self.assertEqual(d["fields"]["falls"], "2 chutes en mai")
        self.assertEqual(d["fields"]["personne_confiance"]["name"], "François Lefèvre")
        self.assertEqual(d["withheld"], [])

    def test_bad_patch_changes_nothing(self):
        r = self.patch(self.nurse, MEDICAL)
        self.assertEqual(r.status, 201, r)
        r = self.patch(self.nurse, {
            "allergies": [{"substance": ""}],
            "bmr": {"carrier": "oui"},
            "advance_directives": {"written_on": "2025-02-30"},
            "nope": 1}, 1)
        harness.assert_problem(self, r, 422, "validation_failed", [("nope", "unknown_field")])
        r = self.patch(self.nurse, {
            "allergies": [{"substance": ""}],
            "bmr": {"carrier": "oui"},
            "advance_directives": {"written_on": "2025-02-30"},
            "vaccinations": [{"vaccine": "Grippe", "date": "hier"}]}, 1)
        harness.assert_problem(self, r, 422, "validation_failed", [
            ("allergies[0].substance", "too_short"), ("bmr.carrier", "invalid_type"),
            ("advance_directives.written_on", "invalid_date"),
            ("vaccinations[0].date", "invalid_date")])
        r = self.patch(self.nurse, {"diet": "x" * 501}, 1)
        harness.assert_problem(self, r, 422, "validation_failed", [("diet", "too_long")])
        d = self.get(self.nurse)
        self.assertEqual(d["version"], 1)
        self.assertEqual(d["fields"]["allergies"], MEDICAL["allergies"])

    def test_stale_if_match(self):
        r = self.patch(self.nurse, {"falls": "Aucune"})
        self.assertEqual(r.status, 201, r)
        r = self.patch(self.nurse, {"falls": "Une"}, 1)
        self.assertEqual(r.status, 200, r)
        r = self.patch(self.aide, {"falls": "Deux"}, 1)
        harness.assert_problem(self, r, 412, "version_mismatch")
        # A second "first" write when one exists.
        r = self.patch(self.aide, {"falls": "Trois"}, 0)
        self.assertEqual(r.status, 412, r)
        self.assertEqual(self.get(self.nurse)["fields"]["falls"], "Une")

    def test_unrelated_user_gets_404_and_reads_are_audited(self):
        r = self.w.s("aide_soignant").get(self.c + "/dlu")
        harness.assert_problem(self, r, 404, "not_found")
        r = self.w.s("aide_soignant").patch(self.c + "/dlu", {"falls": "x"})
        harness.assert_problem(self, r, 404, "not_found")
        self.get(self.aide)
        r = self.coord.get(self.c + "/access-log?limit=50")
        self.assertEqual(r.status, 200, r)
        mine = {(e["action"], e["outcome"]) for e in r.json["items"]
                if e["action"].startswith("dlu.") and e["actor"]["id"] == self.aide.id}
        self.assertEqual(mine, {("dlu.admin.read", "ok"), ("dlu.care.read", "ok"),
                                ("dlu.medical.read", "denied")})


class Transfers(Base):
    def test_record_and_list(self):
        body = {"reason": "Chute, douleur de la hanche droite",
                "vital_signs": {"blood_pressure": "145/90", "pulse": "92",
                                "temperature": "37,8 °C", "spo2": "95 %"},
                "prostheses": ["dentaire_haut", "lunettes"], "belongings": "Sac, alliance"}
        r = self.aide.post(self.c + "/transfers", body)
        harness.assert_problem(self, r, 403, "forbidden")
        r = self.nurse.post(self.c + "/transfers", {"vital_signs": {"pulse": 92},
                                                    "prostheses": ["jambe"]})
        harness.assert_problem(self, r, 422, "validation_failed", [
            ("reason", "required"), ("vital_signs.pulse", "invalid_type"),
            ("prostheses[0]", "invalid_value")])
        r = self.nurse.post(self.c + "/transfers", body)
        self.assertEqual(r.status, 201, r)
        tid = r.json["id"]
        self.assertEqual(r.header("Location"), self.c + "/dlu.pdf?transfer=" + tid)
        self.assertEqual(r.json["fields"], body)
        r = self.nurse.get(self.c + "/transfers")
        self.assertEqual(r.status, 200, r)
        self.assertEqual([t["id"] for t in r.json["items"]], [tid])
        r = self.aide.get(self.c + "/transfers")
        harness.assert_problem(self, r, 403, "forbidden")


@unittest.skipUnless(shutil.which("pdftotext") and shutil.which("pdfinfo"), "poppler-utils")
class Pdf(Base):
    def fill(self):
        r = self.patch(self.nurse, dict(MEDICAL, falls="Deux chutes en six mois",
                                        swallowing="Troubles légers : eau gélifiée"))
        self.assertEqual(r.status, 201, r)
        r = self.patch(self.coord, {
            "medecin_traitant": {"name": "Dr Éloïse Müller", "phone": "03 20 45 67 89"},
            "documents": [{"document": "ecg", "present": True}]}, 1)
        self.assertEqual(r.status, 200, r)
        today = datetime.datetime.now(PARIS).date().isoformat()
        r = self.w.s("doctor").post(self.c + "/prescriptions", {
            "drug_label": DRUG, "form": "gélule", "dose": "1 gélule", "route": "orale",
            "as_needed": True, "max_per_day": 3, "starts_on": today,
            "prescriber_name": "Dr Anaïs Château"})
        self.assertEqual(r.status, 201, r)
        r = self.nurse.post(self.c + "/medication/administrations", {
            "series_id": r.json["series_id"], "outcome": "given", "reason": "Douleur 6/10"})
        self.assertEqual(r.status, 201, r)

    def common(self, text):
        self.assertIn("DUPRÉ Hélène (née LEFÈVRE-MÜLLER)", text)
        y, m, d = self.cl["birth_date"].split("-")
        self.assertIn("Née le %s/%s/%s" % (d, m, y), text)
        self.assertIn("Confidentiel — données de santé", text)
        self.assertIn("Dossier de liaison d'urgence (DLU)", text)
        for heading in ("1. Identité et personnes à contacter", "2. Informations médicales",
                        "3. Autonomie, observations fonctionnelles et cognitives",
                        "4. Documents joints", "Fiche de transfert vers les urgences"):
            self.assertIn(heading, text)
        self.assertIn("page 1 / ", text)

    def test_nurse_blank_transfer_sheet(self):
        self.fill()
        text = pdf_text(self, self.nurse.get(self.c + "/dlu.pdf"))
        self.common(text)
        f = flat(text)
        self.assertIn("Pénicilline — œdème de Quincke", f)
        self.assertIn("SARM", f)
        self.assertIn("Classeur bleu, commode", f)
        self.assertIn("Dr Éloïse Müller", f)
        # Who to call back: the care circle by name.
        self.assertIn("Intervenants (cercle de soins)", f)
        self.assertIn("Infirmier(ère) " + self.w.names["nurse"], f)
        self.assertIn("Aide à domicile " + self.w.names["aide"], f)
        self.assertIn("Deux chutes en six mois", f)
        self.assertIn("Troubles légers : eau gélifiée", f)
        self.assertIn("À remplir au moment du transfert.", f)
        self.assertIn("Motif du transfert Paramètres vitaux", f)  # blank lines between
        self.assertNotIn("Transfert enregistré", f)
        self.assertIn("Derniers médicaments administrés (24 h)", f)
        self.assertIn("Traitements en cours", f)
        self.assertIn(DRUG, f)
        self.assertIn("donné", f)
        # Missing fields print "—".
        self.assertIn("Personne à prévenir —", f)
        self.assertIn("Vaccinations —", f)

    def test_recorded_transfer_prints_its_vitals(self):
        self.fill()
        r = self.nurse.post(self.c + "/transfers", {
            "reason": "Dyspnée aiguë", "last_meal": "Déjeuner à 12 h, pris à moitié",
            "vital_signs": {"blood_pressure": "160/95", "pulse": "112", "spo2": "88 %"},
            "prostheses": ["auditive_gauche"], "accompanied_by": "Aucun"})
        self.assertEqual(r.status, 201, r)
        text = pdf_text(self, self.nurse.get(r.header("Location")))
        self.common(text)
        f = flat(text)
        self.assertIn("Transfert enregistré le", f)
        self.assertIn("Dyspnée aiguë", f)
        # One column per vital sign: blood pressure, pulse, temperature (not taken),
        # SpO2, glucose, consciousness.
        self.assertIn("Paramètres vitaux Tension Pouls Température SpO2", f)
        self.assertIn("160/95 112 — 88 % — —", f)
        self.assertIn("Déjeuner à 12 h, pris à moitié", f)
        self.assertIn("Appareil auditif gauche", f)
        # A transfer of another client, a malformed id.
        other = self.w.create_client()
        r = self.nurse.get("%s/%s/dlu.pdf?transfer=%s" % (P, other["id"],
                                                          r.json["id"]))
        self.assertIn(r.status, (403, 404), r)
        r = self.nurse.get(self.c + "/dlu.pdf?transfer=nope")
        harness.assert_problem(self, r, 400, "invalid_query", [("transfer", "invalid_id")])

    def test_aide_copy_has_no_medical_data(self):
        self.fill()
        text = pdf_text(self, self.aide.get(self.c + "/dlu.pdf"))
        self.common(text)
        f = flat(text)
        self.assertNotIn("Pénicilline", f)
        self.assertNotIn("SARM", f)
        self.assertNotIn(DRUG, f)
        self.assertIn("Section non communiquée", f)
        self.assertIn("Deux chutes en six mois", f)
        self.assertIn("Dr Éloïse Müller", f)

    def test_english(self):
        self.fill()
        r = self.nurse.get(self.c + "/dlu.pdf", {"Accept-Language": "en"})
        f = flat(pdf_text_en(self, r))
        self.assertIn("Emergency liaison file (DLU)", f)
        self.assertIn("Transfer sheet to the emergency department", f)
        self.assertIn("Pénicilline", f)


def pdf_text_en(tc, r):
    tc.assertEqual(r.status, 200, r)
    d = tempfile.mkdtemp(prefix="lia-dlu-")
    try:
        path = os.path.join(d, "dlu.pdf")
        with open(path, "wb") as f:
            f.write(r.body)
        out = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True,
                             check=True)
        return out.stdout.decode("utf-8")
    finally:
        shutil.rmtree(d)


if __name__ == "__main__":
    unittest.main()
