# SPDX-License-Identifier: EUPL-1.2
"""A user's story: an administrator opens an antenna and gives it a coordinator; the
coordinator admits a client; the aide of the antenna reads the record; the client,
with an account of their own, sees who read it; the family caregiver does not see the
identity; an auditor reads the same trail; and the audit journal shows any tampering."""
import re
import unittest

import harness
from harness import assert_problem

P = "/api/v1/clients"
ctx = {}


def setUpModule():
    t = harness.start_target(name="story")
    ctx["t"] = t


def tearDownModule():
    if "t" in ctx:
        ctx["t"].close()


def actions_by(items):
    """{(display name, action, outcome)} of an access log page."""
    return {(it["actor"]["display_name"], it["action"], it["outcome"]) for it in items}


class Story(unittest.TestCase):
    maxDiff = 6000

    def test_a_client_sees_who_read_the_record(self):
        t = ctx["t"]
        w = harness.World(t, roles=[])       # our own association, no accounts yet
        u = w.u
        admin = w.admin

        # The administrator opens an antenna and gives it a coordinator and an aide.
        r = admin.post("/api/v1/orgs", {"parent_id": w.orgs["assoc"], "kind": "antenna",
                                        "name": "Antenne Ménilmontant " + u})
        self.assertEqual(r.status, 201, r)
        antenna = r.json["id"]
        self.assertEqual(r.json["parent_id"], w.orgs["assoc"])
        names = [o["name"] for o in admin.get("/api/v1/orgs").json["items"]]
        self.assertIn("Antenne Ménilmontant " + u, names)
        w.add_staff("coordinator", antenna, "Nathalie Lefèvre " + u)
        w.add_staff("aide", antenna, "Fatou Diallo " + u)
        w.add_staff("auditor", w.orgs["assoc"], "Hélène Marchand " + u)
        w.add_staff("aide", w.orgs["nation"], "Paul Nation " + u, key="aide_nation")
        coord, aide = w.s("coordinator"), w.s("aide")
        me = coord.get("/api/v1/me").json
        self.assertEqual([(x["role"], x["org_id"]) for x in me["roles"]],
                         [("coordinator", antenna)])

        # The coordinator admits a client.
        client = w.create_client(antenna, birth_name="Legrand" + u.capitalize(),
                                 birth_given_names="Albert Jules", sex="M")
        path = "%s/%s" % (P, client["id"])

        # The aide of the antenna reads the record; the aide of another antenna cannot.
        r = aide.get(path)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["birth_name"], client["birth_name"])
        assert_problem(self, w.s("aide_nation").get(path), 404, "not_found")
        assert_problem(self, aide.get(path + "/access-log"), 403, "forbidden")

        # The client gets an account linked to the record, and so do the family.
        w.add_person("usager", client["id"], "self", "Albert Legrand " + u, org=antenna)
        w.add_person("aidant", client["id"], "caregiver", "Isabelle Moreau " + u, org=antenna)
        w.add_person("representant", client["id"], "legal_representative",
                     "Jacques Lambert " + u, org=antenna)
        usager = w.s("usager")
        me = usager.get("/api/v1/me").json
        self.assertEqual(me["kind"], "person")
        self.assertEqual([(x["client_id"], x["relation"]) for x in me["links"]],
                         [(client["id"], "self")])

        # The client reads their own record, but cannot change it.
        r = usager.get(path)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json, aide.get(path).json)
        assert_problem(self, usager.patch(path, {"phone": "06 00 00 00 01"}, if_match=1), 403,
                       "forbidden")

        # ... and sees who read it, with names, newest first.
        r = usager.get(path + "/access-log")
        self.assertEqual(r.status, 200, r)
        items = r.json["items"]
        seqs = [it["seq"] for it in items]
        self.assertEqual(seqs, sorted(seqs, reverse=True), "not newest first")
        seen = actions_by(items)
        self.assertIn(("Nathalie Lefèvre " + u, "client.create", "ok"), seen)
        self.assertIn(("Fatou Diallo " + u, "client.read", "ok"), seen)
        aide_read = [it for it in items if it["actor"]["display_name"] == "Fatou Diallo " + u
                     and it["action"] == "client.read"][0]
        self.assertEqual(aide_read["actor"]["role"], "role:aide")
        self.assertRegex(aide_read["at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
        # Nobody outside the circle read it successfully.
        readers = {it["actor"]["display_name"] for it in items if it["outcome"] == "ok"}
        self.assertNotIn("Paul Nation " + u, readers)

        # The family caregiver, without the client's consent, does not see the identity.
        # (Asserted at the end of the story, so that the rest runs whatever happens.)
        aidant = w.s("aidant")
        caregiver_read = aidant.get(path)
        self.assertNotIn(client["birth_name"], caregiver_read.body.decode())
        r = aidant.get(path + "/access-log")
        self.assertIn(r.status, (403, 404), r)

        # The legal representative reads record and trail.
        rep = w.s("representant")
        self.assertEqual(rep.get(path).status, 200)
        self.assertEqual(rep.get(path + "/access-log").status, 200)

        # An auditor of the association reads the same trail, which now shows the
        # client's own look at it.
        r = w.s("auditor").get(path + "/access-log")
        self.assertEqual(r.status, 200, r)
        seen = actions_by(r.json["items"])
        self.assertIn(("Albert Legrand " + u, "client.access_log.read", "ok"), seen)
        self.assertIn(("Fatou Diallo " + u, "client.read", "ok"), seen)
        # The auditor has no business reading the record itself.
        self.assertIn(w.s("auditor").get(path).status, (403, 404))

        # Paging the trail returns each entry once.
        got, cursor = [], None
        for _ in range(100):
            q = "?limit=2" + ("&cursor=" + cursor if cursor else "")
            r = usager.get(path + "/access-log" + q)
            self.assertEqual(r.status, 200, r)
            got += [it["seq"] for it in r.json["items"]]
            cursor = r.json["next_cursor"]
            if not cursor:
                break
        self.assertEqual(len(got), len(set(got)))
        self.assertTrue(set(seqs) <= set(got))

        if t.server:
            v = t.server.audit_verify()
            self.assertEqual(v.returncode, 0, v.stdout + v.stderr)

        # Without consent the caregiver is refused (403): they are related to the
        # client, so the record's existence is no secret to them, but nothing of the
        # identity leaks. Outsiders get 404 instead (test_bad_input).
        assert_problem(self, caregiver_read, 403, "forbidden", msg="caregiver reads the identity")

    def test_a_role_granted_or_revoked_takes_effect_at_once(self):
        t = ctx["t"]
        w = harness.World(t, roles=["aide", "coordinator"])
        eh = w.create_client("ehpad", who="admin")
        path = "%s/%s" % (P, eh["id"])
        aide = w.s("aide")                      # signed in before the change
        assert_problem(self, aide.get(path), 404, "not_found")
        acc = aide.account["id"]

        # Only an administrator grants roles.
        r = w.s("coordinator").post("/api/v1/accounts/%s/roles" % acc,
                                    {"role": "aide", "org_id": w.orgs["ehpad"]})
        self.assertIn(r.status, (403, 404), r)
        self.assertEqual(aide.get(path).status, 404)

        r = w.admin.post("/api/v1/accounts/%s/roles" % acc,
                         {"role": "aide", "org_id": w.orgs["ehpad"]})
        self.assertEqual(r.status, 201, r)
        role_id = r.json["id"]
        self.assertEqual(aide.get(path).status, 200, "the new role is not effective")
        roles = w.admin.get("/api/v1/accounts/" + acc).json["roles"]
        self.assertIn((role_id, "aide", w.orgs["ehpad"]),
                      [(x["id"], x["role"], x["org_id"]) for x in roles])

        r = w.admin.delete("/api/v1/accounts/%s/roles/%s" % (acc, role_id))
        self.assertEqual(r.status, 204, r)
        assert_problem(self, aide.get(path), 404, "not_found", msg="after the revocation")
        r = w.admin.delete("/api/v1/accounts/%s/roles/%s" % (acc, role_id))
        assert_problem(self, r, 404, "not_found", msg="revoking twice")
        # The other role still works.
        bel = w.create_client("belleville")
        self.assertEqual(aide.get("%s/%s" % (P, bel["id"])).status, 200)

    def test_audit_verify_detects_tampering(self):
        harness.require_local(self)
        if not harness.private_database():
            self.skipTest("the shared database must not be tampered with")
        srv = harness.Server([], name="tamper").start()
        try:
            w = harness.World(harness.Target(srv), roles=["coordinator"])
            cl = w.create_client()
            for _ in range(3):
                w.s("coordinator").get("%s/%s" % (P, cl["id"]))
            v = srv.audit_verify()
            self.assertEqual(v.returncode, 0, v.stdout + v.stderr)
            srv.stop()
            n = int(srv.sql("SELECT count(*) FROM audit")[0][0])
            self.assertGreaterEqual(n, 8)

            action = srv.sql("SELECT action FROM audit WHERE seq = 3")[0][0]
            srv.sql("UPDATE audit SET action = 'x' WHERE seq = 3")
            v = srv.audit_verify()
            self.assertEqual(v.returncode, 1, "edited entry not detected: " + v.stdout + v.stderr)
            self.assertRegex(v.stdout + v.stderr, r"\bentry 3\b")

            srv.sql("UPDATE audit SET action = '%s' WHERE seq = 3" % action)
            v = srv.audit_verify()
            self.assertEqual(v.returncode, 0, "restored journal: " + v.stdout + v.stderr)

            srv.sql("DELETE FROM audit WHERE seq = 5")
            v = srv.audit_verify()
            self.assertEqual(v.returncode, 1, "deleted entry not detected: " + v.stdout + v.stderr)
            m = re.search(r"entry (\d+)", v.stdout + v.stderr)
            self.assertTrue(m and m.group(1) in ("5", "6"), v.stdout + v.stderr)
        finally:
            srv.close()

    def test_audit_verify_detects_a_removed_tail(self):
        harness.require_local(self)
        if not harness.private_database():
            self.skipTest("the shared database must not be tampered with")
        srv = harness.Server([], name="tamper-tail").start()
        try:
            w = harness.World(harness.Target(srv), roles=["coordinator"])
            w.create_client()
            srv.stop()
            srv.sql("DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)")
            v = srv.audit_verify()
            self.assertEqual(v.returncode, 1, "removed last entry not detected: " + v.stdout)
        finally:
            srv.close()
