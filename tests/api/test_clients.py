# SPDX-License-Identifier: EUPL-1.2
"""Client records as a coordinator uses them: create, read, change with the version
read, search, page through, duplicates, RNIV identity status, idempotent retries."""
import threading
import unittest
import urllib.parse
import uuid

import harness
from harness import OID_NIR, OID_TEST, assert_problem, make_ins

P = "/api/v1/clients"
ctx = {}


def setUpModule():
    t = harness.start_target(name="clients")
    ctx["t"] = t
    ctx["w"] = harness.World(t, roles=["coordinator", "aide", "aide_soignant"])


def tearDownModule():
    if "t" in ctx:
        ctx["t"].close()


QUAL = {"insi_lookup": True, "document": "CNI"}


class Clients(unittest.TestCase):
    maxDiff = 6000

    @property
    def w(self):
        return ctx["w"]

    @property
    def coord(self):
        return self.w.s("coordinator")

    def names(self, query, who="coordinator"):
        r = self.w.s(who).get(P + "?" + query)
        self.assertEqual(r.status, 200, r)
        return sorted(c["birth_name"] for c in r.json["items"])

    # --------------------------------------------------------------- create/read/update

    def test_create_read_update_with_etag(self):
        body = self.w.client_body(used_name="Martin", used_given_name="Jeannette")
        r = self.coord.post(P, body)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.header("ETag"), '"1"')
        cl = r.json
        self.assertEqual(r.header("Location"), "%s/%s" % (P, cl["id"]))
        for k, v in body.items():
            self.assertEqual(cl[k], v, k)
        self.assertEqual(cl["version"], 1)
        self.assertEqual(cl["first_given_name"], "Jeanne")
        self.assertEqual(cl["identity_status"], "PROV")
        self.assertIsNone(cl["ins"])
        self.assertRegex(cl["id"], r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
        self.assertRegex(cl["created_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")

        g = self.coord.get(r.header("Location"))
        self.assertEqual(g.status, 200, g)
        self.assertEqual(g.header("ETag"), '"1"')
        self.assertEqual(g.json, cl)

        u = self.coord.patch("%s/%s" % (P, cl["id"]), {"phone": "06 12 34 56 78", "gir": 2,
                                                       "used_name": None}, if_match=1)
        self.assertEqual(u.status, 200, u)
        self.assertEqual(u.header("ETag"), '"2"')
        self.assertEqual(u.json["version"], 2)
        self.assertEqual(u.json["phone"], "06 12 34 56 78")
        self.assertEqual(u.json["gir"], 2)
        self.assertIsNone(u.json["used_name"], "null does not clear an optional field")
        unchanged = {k: v for k, v in cl.items()
                     if k not in ("phone", "gir", "used_name", "version", "updated_at")}
        self.assertEqual({k: u.json[k] for k in unchanged}, unchanged)

        g = self.coord.get("%s/%s" % (P, cl["id"]))
        self.assertEqual(g.json, u.json, "the record read differs from the update's answer")
        self.assertEqual(g.header("ETag"), '"2"')

        # The version read is required: an editor holding version 1 cannot overwrite.
        s = self.coord.patch("%s/%s" % (P, cl["id"]), {"phone": "01 00 00 00 00"}, if_match=1)
        assert_problem(self, s, 412, "version_mismatch")
        self.assertEqual(self.coord.get("%s/%s" % (P, cl["id"])).json, u.json)

    def test_staff_in_scope_read_and_others_do_not_see(self):
        bel = self.w.create_client("belleville")
        eh = self.w.create_client("ehpad", who="admin")
        aide, aso = self.w.s("aide"), self.w.s("aide_soignant")
        self.assertEqual(aide.get("%s/%s" % (P, bel["id"])).status, 200)
        assert_problem(self, aide.get("%s/%s" % (P, eh["id"])), 404, "not_found")
        self.assertEqual(aso.get("%s/%s" % (P, eh["id"])).status, 200)
        assert_problem(self, aso.get("%s/%s" % (P, bel["id"])), 404, "not_found")
        ids = set(self.w.all_clients("aide"))
        self.assertIn(bel["id"], ids)
        self.assertNotIn(eh["id"], ids)
        ids = set(self.w.all_clients("aide_soignant"))
        self.assertIn(eh["id"], ids)
        self.assertNotIn(bel["id"], ids)

    # --------------------------------------------------------------- search

    def test_search_by_name_prefix_folds_accents_and_case(self):
        # An antenna and a coordinator of its own: "lefe" then finds only these.
        u = harness.uid().capitalize()
        org = self.w.org(self.w.orgs["assoc"], "antenna", "Antenne République " + u)
        self.w.add_staff("coordinator", org, "Coordinatrice " + u, key="coord" + u)
        for name, given in (("Lefèvre", "Jeanne"), ("Lefebvre", "Paul"), ("Martin", "Lefèvre"),
                            ("Le Fèvre", "Anne")):
            self.w.create_client(org, who="coord" + u, birth_name=name, birth_given_names=given,
                                 sex="M" if given == "Paul" else "F")
        q = lambda s: self.names("name=" + urllib.parse.quote(s), who="coord" + u)  # noqa: E731
        self.assertEqual(q("lefe"), ["Lefebvre", "Lefèvre"])
        self.assertEqual(q("LÉFE"), ["Lefebvre", "Lefèvre"])
        self.assertEqual(q("lefèvre"), ["Lefèvre"])
        self.assertEqual(q("Lefevre J"), ["Lefèvre"])
        self.assertEqual(q("Lefevre P"), [])
        self.assertEqual(q("le f"), ["Le Fèvre"])
        self.assertEqual(q("lefx"), [])

    def test_search_finds_the_used_name(self):
        u = harness.uid().capitalize()
        self.w.create_client(birth_name="Naissance" + u, used_name="Épouse" + u)
        self.assertEqual(self.names("name=" + urllib.parse.quote("epouse" + u)),
                         ["Naissance" + u])

    def test_search_by_birth_date_and_ins(self):
        u = harness.uid().capitalize()
        a = self.w.create_client(birth_name="Date" + u + "a", birth_date="1931-02-03")
        b = self.w.create_client(birth_name="Date" + u + "b", birth_date="1931-02-03",
                                 birth_given_names="Louise")
        self.w.create_client(birth_name="Date" + u + "c", birth_date="1931-02-04")
        self.assertEqual(self.names("birth_date=1931-02-03&name=date" + u),
                         sorted([a["birth_name"], b["birth_name"]]))
        matricule = make_ins("F", "1952-06-11")
        q = self.w.create_client(birth_name="Ins" + u, sex="F", birth_date="1952-06-11",
                                 ins={"matricule": matricule, "oid": OID_NIR},
                                 identity_evidence=QUAL)
        r = self.coord.get(P + "?ins=" + matricule)
        self.assertEqual([c["id"] for c in r.json["items"]], [q["id"]])
        other = make_ins("F", "1952-06-11")
        self.assertEqual(self.coord.get(P + "?ins=" + other).json["items"], [])

    def test_cursor_pagination_returns_every_client_once(self):
        u = harness.uid().capitalize()
        created = set()
        for i in range(22):
            # Some differ only after the prefix, some share a birth name.
            c = self.w.create_client(birth_name="Page" + u + "abcdefg"[i % 7],
                                     birth_given_names="Prénom%s" % "abcdefghijklmnopqrstuvwxyz"[i])
            created.add(c["id"])
        for i in range(3):  # found through their used name only
            c = self.w.create_client(birth_name="Autre" + u + "abc"[i], used_name="Page" + u)
            created.add(c["id"])
        for limit in (1, 4, 7, 25, 200):
            seen, pages, cursor, keys = [], 0, None, []
            while True:
                q = "name=page%s&limit=%d" % (u.lower(), limit)
                if cursor:
                    q += "&cursor=" + urllib.parse.quote(cursor)
                r = self.coord.get(P + "?" + q)
                self.assertEqual(r.status, 200, r)
                self.assertLessEqual(len(r.json["items"]), limit)
                seen += [c["id"] for c in r.json["items"]]
                pages += 1
                cursor = r.json["next_cursor"]
                if not cursor:
                    break
                self.assertLess(pages, 100, "pagination does not end")
            self.assertEqual(len(seen), len(set(seen)), "a client listed twice (limit %d)" % limit)
            self.assertEqual(set(seen), created, "limit %d" % limit)

    # --------------------------------------------------------------- duplicates

    def test_duplicate_identity_names_the_existing_record(self):
        u = harness.uid().capitalize()
        first = self.w.create_client(birth_name="Lefèvre" + u, birth_given_names="Jeanne Marie",
                                     birth_date="1940-05-06")
        before = self.w.all_clients()
        for desc, over in (
                ("same traits", {}),
                ("other given names after the first", {"birth_given_names": "Jeanne Louise"}),
                ("other case and accents", {"birth_name": "LEFEVRE" + u.upper()}),
                ("other contacts", {"phone": "06 00 00 00 00", "city": "Lyon"})):
            body = self.w.client_body(birth_name="Lefèvre" + u, birth_given_names="Jeanne Marie",
                                      birth_date="1940-05-06")
            body.update(over)
            r = self.coord.post(P, body)
            assert_problem(self, r, 409, "duplicate_identity", msg=desc)
            self.assertEqual(r.json.get("existing_id"), first["id"], desc)
        self.assertEqual(self.w.all_clients(), before, "a duplicate was recorded")

        # Not a duplicate: another first given name, birth date or sex.
        for over in ({"birth_given_names": "Marie Jeanne"}, {"birth_date": "1940-05-07"},
                     {"sex": "M"}):
            body = self.w.client_body(birth_name="Lefèvre" + u, birth_given_names="Jeanne Marie",
                                      birth_date="1940-05-06")
            body.update(over)
            self.assertEqual(self.coord.post(P, body).status, 201, over)

    def test_duplicate_by_ins_and_by_patch(self):
        u = harness.uid().capitalize()
        m = make_ins("M", "1947-11-20")
        first = self.w.create_client(birth_name="Ins" + u, birth_given_names="Jean", sex="M",
                                     birth_date="1947-11-20",
                                     ins={"matricule": m, "oid": OID_NIR}, identity_evidence=QUAL)
        body = self.w.client_body(birth_name="Autre" + u, birth_given_names="Pierre", sex="M",
                                  birth_date="1947-11-21", ins={"matricule": m, "oid": OID_NIR},
                                  identity_evidence=QUAL)
        r = self.coord.post(P, body)
        assert_problem(self, r, 409, "duplicate_identity", msg="same INS")
        self.assertEqual(r.json.get("existing_id"), first["id"])

        # Changing a record into the identity of another is refused too.
        second = self.w.create_client(birth_name="Second" + u, birth_given_names="Jean", sex="M",
                                      birth_date="1947-11-20")
        path = "%s/%s" % (P, second["id"])
        r = self.coord.patch(path, {"birth_name": "Ins" + u}, if_match=1)
        assert_problem(self, r, 409, "duplicate_identity", msg="PATCH into another identity")
        self.assertEqual(r.json.get("existing_id"), first["id"])
        g = self.coord.get(path)
        self.assertEqual((g.header("ETag"), g.json), ('"1"', second))

    # --------------------------------------------------------------- identity status

    def test_identity_status_follows_the_evidence(self):
        cases = [
            (None, None, "PROV"),
            ({"insi_lookup": True, "document": None}, True, "RECUP"),
            ({"insi_lookup": False, "document": "PASSEPORT"}, True, "VALI"),
            ({"insi_lookup": True, "document": "CNI"}, True, "QUAL"),
        ]
        for ev, with_ins, status in cases:
            over = {"sex": "F", "birth_date": "1944-08-09"}
            if ev:
                over["identity_evidence"] = ev
            if with_ins:
                over["ins"] = {"matricule": make_ins("F", "1944-08-09"), "oid": OID_TEST}
            cl = self.w.create_client(**over)
            self.assertEqual(cl["identity_status"], status, ev)
            if with_ins:
                self.assertEqual(cl["ins"]["transmissible"], status == "QUAL", ev)
                self.assertEqual(cl["ins"]["matricule"], over["ins"]["matricule"])
            ie = cl["identity_evidence"]
            self.assertEqual(ie["insi_lookup"], bool(ev and ev["insi_lookup"]))
            self.assertEqual(ie["document"], ev["document"] if ev else None)
            self.assertEqual(ie["insi_checked_at"] is not None, bool(ev and ev["insi_lookup"]))

    def qual_client(self):
        m = make_ins("F", "1938-01-17")
        return self.w.create_client(sex="F", birth_date="1938-01-17", birth_place_code="69123",
                                    ins={"matricule": m, "oid": OID_NIR}, identity_evidence=QUAL)

    def test_strict_trait_change_downgrades_to_provisional(self):
        for trait, value in (("birth_place_code", "13055"), ("birth_given_names", "Jeanne Lucie"),
                             ("birth_name", "Changé" + harness.uid()),
                             ("birth_date", "1938-01-18")):
            cl = self.qual_client()
            self.assertEqual(cl["identity_status"], "QUAL")
            path = "%s/%s" % (P, cl["id"])
            r = self.coord.patch(path, {trait: value}, if_match=1)
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.json[trait], value)
            self.assertEqual(r.json["identity_status"], "PROV", trait)
            self.assertIs(r.json["ins"]["transmissible"], False, trait)
            self.assertEqual(r.json["identity_evidence"]["insi_lookup"], False, trait)
            self.assertIsNone(r.json["identity_evidence"]["document"], trait)
            self.assertEqual(self.coord.get(path).json, r.json)

    def test_strict_trait_change_with_new_evidence_keeps_the_status(self):
        cl = self.qual_client()
        r = self.coord.patch("%s/%s" % (P, cl["id"]),
                             {"birth_place_code": "13055", "identity_evidence": QUAL}, if_match=1)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["identity_status"], "QUAL")
        self.assertIs(r.json["ins"]["transmissible"], True)

    def test_other_changes_keep_the_status(self):
        cl = self.qual_client()
        path = "%s/%s" % (P, cl["id"])
        r = self.coord.patch(path, {"phone": "06 11 22 33 44", "used_name": "Durand",
                                    "address_line": "3 place de la Nation"}, if_match=1)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["identity_status"], "QUAL")
        self.assertIs(r.json["ins"]["transmissible"], True)
        # Sending a strict trait with its current value changes nothing.
        r = self.coord.patch(path, {"birth_name": cl["birth_name"], "sex": "F"}, if_match=2)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["identity_status"], "QUAL")

    def test_test_oid_refused_in_production(self):
        harness.require_local(self)
        srv = harness.Server([], name="prod-oid", accept_test_ins=False).start()
        try:
            w = harness.World(harness.Target(srv), roles=["coordinator"])
            body = w.client_body(sex="F", birth_date="1979-03-15",
                                 ins={"matricule": "279035121518989", "oid": OID_TEST},
                                 identity_evidence=QUAL)
            before = w.all_clients()
            r = w.s("coordinator").post(P, body)
            assert_problem(self, r, 422, "validation_failed", [("ins.oid", "ins_not_allowed")])
            self.assertEqual(w.all_clients(), before)
            body["ins"]["oid"] = OID_NIR
            self.assertEqual(w.s("coordinator").post(P, body).status, 201)
        finally:
            srv.close()

    # --------------------------------------------------------------- idempotency

    def test_idempotent_post_records_once(self):
        key = str(uuid.uuid4())
        body = self.w.client_body()
        before = self.w.all_clients()
        a = self.coord.post(P, body, headers={"Idempotency-Key": key})
        self.assertEqual(a.status, 201, a)
        b = self.coord.post(P, body, headers={"Idempotency-Key": key})
        self.assertEqual(b.status, 201, b)
        self.assertEqual(b.header("Idempotent-Replayed"), "true")
        self.assertIsNone(a.header("Idempotent-Replayed"))
        self.assertEqual(b.json, a.json)
        self.assertEqual(b.header("Location"), a.header("Location"))
        self.assertEqual(b.header("ETag"), a.header("ETag"), "the replay lacks the ETag")
        after = self.w.all_clients()
        self.assertEqual(set(after) - set(before), {a.json["id"]})

        other = dict(body, phone="06 99 99 99 99")
        c = self.coord.post(P, other, headers={"Idempotency-Key": key})
        assert_problem(self, c, 422, "idempotency_key_reused")
        self.assertEqual(self.w.all_clients(), after)
        self.assertEqual(self.coord.get("%s/%s" % (P, a.json["id"])).json, a.json)

    def test_refused_request_does_not_use_up_its_key(self):
        key = str(uuid.uuid4())
        body = self.w.client_body(gir=9)
        r = self.coord.post(P, body, headers={"Idempotency-Key": key})
        assert_problem(self, r, 422, "validation_failed", [("gir", "out_of_range")])
        body["gir"] = 3
        r = self.coord.post(P, body, headers={"Idempotency-Key": key})
        self.assertEqual(r.status, 201, r)

    def test_simultaneous_retries_record_once(self):
        key = str(uuid.uuid4())
        body = self.w.client_body()
        before = self.w.all_clients()
        results = []
        barrier = threading.Barrier(6)

        def send():
            barrier.wait()
            results.append(self.coord.post(P, body, headers={"Idempotency-Key": key}))

        threads = [threading.Thread(target=send) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual([r.status for r in results], [201] * 6, results)
        self.assertEqual(len({r.json["id"] for r in results}), 1)
        self.assertEqual(len(set(self.w.all_clients()) - set(before)), 1)

    # --------------------------------------------------------------- language

    def test_english_problem_titles(self):
        en = {"Accept-Language": "en"}
        r = self.coord.get("%s/%s" % (P, uuid.uuid4()), headers=en)
        assert_problem(self, r, 404, "not_found")
        self.assertEqual(r.json["title"], "Not found")
        r = self.coord.post(P, self.w.client_body(gir=7), headers=en)
        self.assertEqual(r.json["title"], "Validation failed")
        r = self.coord.request("POST", P, b"{}", dict(en, **{"Content-Type": "text/plain"}))
        self.assertEqual(r.json["title"], "Unsupported media type")
        self.assertEqual(r.json["detail"], "Send Content-Type: application/json")
        cl = self.w.create_client()
        r = self.coord.patch("%s/%s" % (P, cl["id"]), {"gir": 1}, if_match=5, headers=en)
        self.assertEqual(r.json["title"], "The record was changed meanwhile")
        r = self.coord.post(P, dict(self.w.client_body(), birth_name=cl["birth_name"],
                                    birth_given_names=cl["birth_given_names"],
                                    birth_date=cl["birth_date"]), headers=en)
        self.assertEqual(r.json["title"], "Identity already recorded")
        # French by default, and when French comes first.
        r = self.coord.get("%s/%s" % (P, uuid.uuid4()))
        self.assertEqual(r.json["title"], "Introuvable")
        r = self.coord.get("%s/%s" % (P, uuid.uuid4()), headers={"Accept-Language": "fr, en"})
        self.assertEqual(r.json["title"], "Introuvable")
