# SPDX-License-Identifier: EUPL-1.2
"""A user's story with the liaison notebook: the aide writes a daily note and an
urgent care transmission; the nurse of the care circle reads both, acknowledges the
urgent one and answers it; the daughter sees nothing until her mother grants her daily
life, then sees the daily note and nothing else; her mother revokes it and she sees
nothing again at once; a nurse of another organisation breaks the glass in an
emergency and reads; the mother's access log shows all of it, and the audit journal
verifies."""
import datetime
import unittest

import harness
from harness import assert_problem

P = "/api/v1/clients"
ctx = {}


def setUpModule():
    ctx["t"] = harness.start_target(name="notebook-story")


def tearDownModule():
    if "t" in ctx:
        ctx["t"].close()


def ids(r):
    return [it["id"] for it in r.json["items"]]


class NotebookStory(unittest.TestCase):
    maxDiff = 6000

    def test_the_notebook_of_a_client_at_home(self):
        t = ctx["t"]
        w = harness.World(t)
        u = w.u
        w.add_staff("nurse", w.orgs["ehpad"], "Julien Morel " + u, key="nurse_ehpad")
        client = w.create_client("belleville", birth_name="Legrand" + u.capitalize(),
                                 birth_given_names="Marcelle", sex="F")
        path = "%s/%s" % (P, client["id"])
        nb = path + "/notebook"
        w.add_person("mere", client["id"], "self", "Marcelle Legrand " + u)
        w.add_person("fille", client["id"], "caregiver", "Sophie Legrand " + u)
        coord, aide, nurse = w.s("coordinator"), w.s("aide"), w.s("nurse")
        mere, fille = w.s("mere"), w.s("fille")

        # The coordinator puts the aide and the nurse in the care circle.
        for acc, role in ((aide, "aide_domicile"), (nurse, "infirmier")):
            r = coord.post(path + "/circle", {"account_id": acc.id, "circle_role": role})
            self.assertEqual(r.status, 201, r)
            self.assertTrue(r.json["current"], r)
        circle = coord.get(path + "/circle").json["items"]
        self.assertEqual({(m["account_id"], m["circle_role"]) for m in circle},
                         {(aide.id, "aide_domicile"), (nurse.id, "infirmier")})

        # The aide writes a daily note and an urgent care transmission.
        r = aide.post(nb, {"category": "daily", "text": "Repas du midi pris en entier"})
        self.assertEqual(r.status, 201, r)
        daily = r.json
        self.assertEqual((daily["audience"], daily["author"]["role"],
                          daily["author"]["display_name"]),
                         ("all", "circle:aide_domicile", w.names["aide"]))
        r = aide.post(nb, {"category": "care", "urgent": True,
                           "text": "Rougeur au talon gauche, à surveiller"})
        self.assertEqual(r.status, 201, r)
        urgent = r.json
        self.assertEqual(urgent["audience"], "care_team")
        # The nurse also writes a medical note (the doctor is called).
        r = nurse.post(nb, {"category": "medical", "text": "Glycémie 2,1 g/l à jeun"})
        self.assertEqual(r.status, 201, r)
        medical = r.json
        self.assertEqual(medical["audience"], "health")

        # The nurse reads both, acknowledges the urgent one and answers it.
        r = nurse.get(nb)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(ids(r), [medical["id"], urgent["id"], daily["id"]])
        self.assertEqual(r.json["urgent_unacknowledged"], [urgent["id"]])
        self.assertTrue(r.json["items"][1]["needs_ack"])
        r = nurse.post("%s/%s/ack" % (nb, urgent["id"]), None)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["role"], "circle:infirmier")
        r = nurse.post(nb, {"category": "care", "reply_to": urgent["id"],
                            "text": "Vu, protection du talon mise en place"})
        self.assertEqual(r.status, 201, r)
        reply = r.json
        self.assertEqual(reply["reply_to"], urgent["id"])
        # The aide sees the acknowledgement and the answer.
        r = aide.get(nb)
        self.assertEqual(ids(r), [reply["id"], urgent["id"], daily["id"]],
                         "the aide sees the medical note")
        acked = r.json["items"][1]["acknowledgements"]
        self.assertEqual([(k["account_id"], k["display_name"]) for k in acked],
                         [(nurse.id, w.names["nurse"])])

        # The daughter sees nothing without her mother's consent.
        assert_problem(self, fille.get(nb), 403, "forbidden", msg="daughter before consent")
        assert_problem(self, fille.get("%s/%s" % (nb, daily["id"])), 403, "forbidden")

        # The mother grants her daily life.
        r = mere.post(path + "/consents", {"grantee_account_id": fille.id, "category": "daily",
                                           "decision": "grant"})
        self.assertEqual(r.status, 201, r)
        consent = r.json
        self.assertTrue(consent["in_force"])
        self.assertEqual((consent["decided_by"], consent["decided_as"]), (mere.id, "self"))
        r = fille.get(nb)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(ids(r), [daily["id"]], "the daughter sees more than daily life")
        self.assertEqual(r.json["items"][0]["text"], "Repas du midi pris en entier")
        self.assertEqual(r.json["urgent_unacknowledged"], [])
        self.assertFalse(r.json["items"][0]["needs_ack"])
        self.assertEqual(fille.get("%s/%s" % (nb, daily["id"])).status, 200)
        assert_problem(self, fille.get("%s/%s" % (nb, medical["id"])), 403, "forbidden",
                       msg="daughter reads the medical note")
        assert_problem(self, fille.get("%s/%s" % (nb, urgent["id"])), 403, "forbidden",
                       msg="daughter reads the care transmission")
        assert_problem(self, fille.get(nb + "?category=care"), 403, "forbidden")

        # The mother revokes it: the very next request is refused.
        r = mere.delete("%s/consents/%s" % (path, consent["id"]))
        self.assertEqual(r.status, 204, r)
        r = fille.get(nb)
        assert_problem(self, r, 403, "forbidden", msg="daughter after revocation")
        self.assertNotIn("Repas du midi", r.body.decode())
        ks = mere.get(path + "/consents").json["items"]
        self.assertEqual([(k["id"], k["in_force"], k["revoked_at"] is not None) for k in ks],
                         [(consent["id"], False, True)])

        # A nurse of the EHPAD, called at night, breaks the glass and reads.
        ehpad = w.s("nurse_ehpad")
        assert_problem(self, ehpad.get(nb), 404, "not_found", msg="before the emergency")
        r = ehpad.post(path + "/break-glass", {"reason": "Appel SAMU, malaise à domicile"})
        self.assertEqual(r.status, 201, r)
        glass = r.json
        expires = datetime.datetime.strptime(glass["expires_at"][:19], "%Y-%m-%dT%H:%M:%S")
        started = datetime.datetime.strptime(glass["started_at"][:19], "%Y-%m-%dT%H:%M:%S")
        self.assertEqual(round((expires - started).total_seconds() / 60), 60, glass)
        r = ehpad.get(nb)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(set(ids(r)), {daily["id"], urgent["id"], medical["id"], reply["id"]})
        assert_problem(self, ehpad.post(nb, {"category": "care", "text": "x"}), 404, "not_found",
                       msg="writing under break-the-glass")
        r = coord.get(path + "/break-glass")
        self.assertEqual(r.status, 200, r)
        self.assertEqual([(g["account_id"], g["reason"]) for g in r.json["items"]],
                         [(ehpad.id, "Appel SAMU, malaise à domicile")])

        # The mother's access log shows every read and every decision.
        r = mere.get(path + "/access-log?limit=200")
        self.assertEqual(r.status, 200, r)
        seen = [(it["actor"]["id"], it["action"], it["outcome"], it["detail"])
                for it in reversed(r.json["items"])]   # oldest first
        want = [
            (aide.id, "notebook.write", "ok", "policy_default"),
            (aide.id, "notebook.write", "ok", "policy_default"),
            (nurse.id, "notebook.write", "ok", "policy_default"),
            (nurse.id, "notebook.read", "ok", "policy"),
            (nurse.id, "notebook.ack", "ok", "policy_default"),
            (nurse.id, "notebook.write", "ok", "policy_default"),
            (aide.id, "notebook.read", "ok", "policy"),
            (fille.id, "notebook.read", "denied", "consent_required"),
            (fille.id, "notebook.read", "denied", "consent_required"),
            (mere.id, "consent.grant", "ok", "daily"),
            (fille.id, "notebook.read", "ok", "consent"),
            (fille.id, "notebook.read", "ok", "consent"),
            (fille.id, "notebook.read", "denied", "consent_required"),
            (fille.id, "notebook.read", "denied", "consent_required"),
            (fille.id, "notebook.read", "denied", "consent_required"),
            (mere.id, "consent.revoke", "ok", "daily"),
            (fille.id, "notebook.read", "denied", "consent_required"),
            (ehpad.id, "notebook.read", "denied", "no_relation"),
            (ehpad.id, "break_glass.open", "ok", "break_glass"),
            (ehpad.id, "notebook.read", "ok", "break_glass"),
        ]
        interesting = {"notebook.write", "notebook.read", "notebook.ack", "consent.grant",
                       "consent.revoke", "break_glass.open"}
        got = [x for x in seen if x[1] in interesting]
        names = {aide.id: "aide", nurse.id: "nurse", fille.id: "daughter", mere.id: "mother",
                 ehpad.id: "EHPAD nurse"}

        def show(xs):
            return "\n".join("  %-11s %-17s %-7s %s" % ((names.get(x[0], x[0]),) + tuple(x[1:]))
                             for x in xs)

        self.assertEqual(got[:len(want)], want, "access log, oldest first:\n%s\nwanted:\n%s"
                         % (show(got), show(want)))
        # The refused write under break-the-glass is in it too.
        self.assertIn((ehpad.id, "notebook.write", "denied", "no_relation"), seen)
        names_shown = {it["actor"]["display_name"] for it in r.json["items"]}
        self.assertTrue({w.names["aide"], w.names["nurse"], w.names["mere"], w.names["fille"],
                         w.names["nurse_ehpad"]} <= names_shown)

        if t.server:
            v = t.server.audit_verify()
            self.assertEqual(v.returncode, 0, v.stdout + v.stderr)
