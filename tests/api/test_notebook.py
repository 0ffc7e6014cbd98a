# SPDX-License-Identifier: EUPL-1.2
"""The liaison notebook: bad requests, corrections, threads, unread markers, urgent
acknowledgements, idempotent writes and durability of an acknowledgement.

The bad-input table follows test_bad_input: each row is (description, method, path,
headers, body, expected status, expected code, expected field errors (a subset of
errors[])); paths and bodies may be callables of the fixture. The pseudo header "@as"
names the account whose token is sent ("coordinator" unless given). After every row
the test reads what the row must not have changed: the notebook as the coordinator
and as the client list it, the other client's notebook, the consents, the care circle
and the emergency accesses.
"""
import datetime
import uuid
import unittest

import harness
from harness import assert_problem

P = "/api/v1/clients"
ctx = {}


def setUpModule():
    t = harness.start_target(name="notebook")
    ctx["t"] = t
    w = harness.World(t)
    ctx["w"] = w
    u = w.u
    w.add_staff("nurse", w.orgs["ehpad"], "Julien Morel " + u, key="nurse_ehpad")
    c1 = w.create_client("belleville")
    c2 = w.create_client("belleville")
    ctx["c1"], ctx["c2"] = c1, c2
    w.add_person("usager", c1["id"], "self", "Jeanne Dupont " + u)
    w.add_person("fille", c1["id"], "caregiver", "Isabelle Moreau " + u)
    coord = w.s("coordinator")
    # The antenna's nurse is the client's nurse (infirmier, in her own name).
    r = coord.post(C1() + "/circle", {"account_id": w.s("nurse").id, "circle_role": "infirmier"})
    assert r.status == 201, r
    # A membership already changed once: If-Match "1" is a real, earlier version.
    r = coord.post(C1() + "/circle", {"org_id": w.orgs["nation"], "circle_role": "aide_domicile"})
    assert r.status == 201, r
    later = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    r = coord.request("POST", "%s/circle/%s/end" % (C1(), r.json["id"]), {"ends_on": later},
                      {"If-Match": '"1"'})
    assert r.status == 200 and r.json["version"] == 2, r
    ctx["member"] = r.json["id"]

    def post(who, client, body):
        r = w.s(who).post("%s/%s/notebook" % (P, client["id"]), body)
        assert r.status == 201, r
        return r.json["id"]

    ctx["note"] = post("coordinator", c1, {"category": "daily", "text": "Courses faites"})
    ctx["nurse_care"] = post("nurse", c1, {"category": "care", "text": "Pansement refait"})
    ctx["other_client"] = post("coordinator", c2, {"category": "daily", "text": "Autre usager"})
    ctx["corrected"] = post("coordinator", c1, {"category": "daily", "text": "Visite lundi"})
    post("coordinator", c1, {"category": "daily", "text": "Visite mardi",
                             "supersedes": ctx["corrected"], "correction_reason": "jour"})


def tearDownModule():
    if "t" in ctx:
        ctx["t"].close()


def C1(f=None):
    return "%s/%s" % (P, ctx["c1"]["id"])


def NB(f=None):
    return C1() + "/notebook"


def row(desc, method, path, headers, body_, status, code, fields=(), **opts):
    return dict(desc=desc, method=method, path=path, headers=headers, body=body_,
                status=status, code=code, fields=tuple(fields), opts=opts)


def note(**over):
    b = {"category": "daily", "text": "Mme a bien mangé"}
    b.update(over)
    return {k: v for k, v in b.items() if v is not ...}


def grantee(key):
    return lambda f: {"grantee_account_id": ctx["w"].s(key).id, "category": "daily",
                      "decision": "grant"}


def soon(days):
    t = harness.now_utc() + datetime.timedelta(days=days)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


NURSE = {"@as": "nurse"}

ROWS = [
    # --- entries
    row("empty text", "POST", NB, {}, note(text=""), 422, "validation_failed",
        [("text", "required")]),
    row("whitespace text", "POST", NB, {}, note(text="  \n\t "), 422, "validation_failed",
        [("text", "required")]),
    row("note without text", "POST", NB, {}, note(text=...), 422, "validation_failed",
        [("text", "required")]),
    row("unknown category", "POST", NB, {}, note(category="sante"), 422, "validation_failed",
        [("category", "invalid_value")]),
    row("no category", "POST", NB, {}, note(category=...), 422, "validation_failed",
        [("category", "required")]),
    row("unknown kind", "POST", NB, {}, note(kind="memo"), 422, "validation_failed",
        [("kind", "invalid_value")]),
    row("medical note addressed to the care team", "POST", NB, NURSE,
        note(category="medical", audience="care_team"), 422, "validation_failed",
        [("audience", "audience_too_wide")]),
    row("medical note addressed to all", "POST", NB, NURSE,
        note(category="medical", audience="all"), 422, "validation_failed",
        [("audience", "audience_too_wide")]),
    row("care note addressed to all", "POST", NB, {}, note(category="care", audience="all"), 422,
        "validation_failed", [("audience", "audience_too_wide")]),
    row("admin note addressed to all", "POST", NB, {}, note(category="admin", audience="all"),
        422, "validation_failed", [("audience", "audience_too_wide")]),
    row("reply to an entry of another client", "POST", NB, {},
        lambda f: note(reply_to=ctx["other_client"]), 422, "validation_failed",
        [("reply_to", "unknown_reference")]),
    row("reply to no entry", "POST", NB, {}, lambda f: note(reply_to=str(uuid.uuid4())), 422,
        "validation_failed", [("reply_to", "unknown_reference")]),
    row("results for a plain note", "POST", NB, {},
        lambda f: note(kind="results", text=..., results="Tension 12/8",
                       results_for=ctx["note"]), 422, "validation_failed",
        [("results_for", "invalid_value")]),
    row("results for an entry of another client", "POST", NB, {},
        lambda f: note(kind="results", text=..., results="Tension 12/8",
                       results_for=ctx["other_client"]), 422, "validation_failed",
        [("results_for", "unknown_reference")]),
    row("results without results_for", "POST", NB, {},
        note(kind="results", text=..., results="Tension 12/8"), 422, "validation_failed",
        [("results_for", "required")]),
    row("targeted without target", "POST", NB, {},
        note(kind="targeted", text=..., data="Douleur"), 422, "validation_failed",
        [("target", "required")]),
    row("correcting someone else's entry", "POST", NB, {},
        lambda f: note(category="care", supersedes=ctx["nurse_care"], correction_reason="x"),
        422, "validation_failed", [("supersedes", "not_author")]),
    row("correcting an entry twice", "POST", NB, {},
        lambda f: note(supersedes=ctx["corrected"], correction_reason="encore"), 422,
        "validation_failed", [("supersedes", "already_corrected")]),
    row("correction without a reason", "POST", NB, {},
        lambda f: note(supersedes=ctx["note"]), 422, "validation_failed",
        [("correction_reason", "required")]),
    row("correction in another category", "POST", NB, {},
        lambda f: note(category="care", supersedes=ctx["note"], correction_reason="x"), 422,
        "validation_failed", [("category", "invalid_value")]),
    row("correction of another client's entry", "POST", NB, {},
        lambda f: note(supersedes=ctx["other_client"], correction_reason="x"), 422,
        "validation_failed", [("supersedes", "unknown_reference")]),
    row("fact_at tomorrow", "POST", NB, {}, lambda f: note(fact_at=soon(1)), 422,
        "validation_failed", [("fact_at", "in_the_future")]),
    row("fact_at garbage", "POST", NB, {}, note(fact_at="hier soir"), 422, "validation_failed",
        [("fact_at", "invalid_time")]),
    row("fact_at a date without time", "POST", NB, {}, note(fact_at="2024-03-01"), 422,
        "validation_failed", [("fact_at", "invalid_time")]),
    row("tags not strings", "POST", NB, {}, note(tags=[1, 2]), 422, "validation_failed",
        [("tags", "invalid_value")]),
    row("eleven tags", "POST", NB, {}, note(tags=["t%d" % i for i in range(11)]), 422,
        "validation_failed", [("tags", "too_long")]),
    row("tags not a list", "POST", NB, {}, note(tags="chute"), 422, "validation_failed",
        [("tags", "invalid_type")]),
    row("unknown field", "POST", NB, {}, note(couleur="rouge"), 422, "validation_failed",
        [("couleur", "unknown_field")]),
    row("urgent as a string", "POST", NB, {}, note(urgent="oui"), 422, "validation_failed",
        [("urgent", "invalid_type")]),
    row("bad entry by a stranger: no relation shown first", "POST", NB,
        {"@as": "aide_soignant"}, note(text=""), 404, "not_found"),
    row("listing with an unknown category", "GET", lambda f: NB() + "?category=sante", {}, None,
        400, "invalid_query", [("category", "invalid_value")]),
    row("listing with urgent=oui", "GET", lambda f: NB() + "?urgent=oui", {}, None, 400,
        "invalid_query", [("urgent", "invalid_value")]),
    row("listing with a garbage cursor", "GET", lambda f: NB() + "?cursor=abc", {}, None, 400,
        "invalid_query", [("cursor", "invalid_format")]),
    row("one entry of another client", "GET",
        lambda f: "%s/%s" % (NB(), ctx["other_client"]), {}, None, 404, "not_found"),
    # --- consent
    row("consent decided by the coordinator", "POST", lambda f: C1() + "/consents", {},
        grantee("coordinator"), 403, "not_consent_owner"),
    row("consent decided by the caregiver", "POST", lambda f: C1() + "/consents",
        {"@as": "fille"}, grantee("fille"), 403, "not_consent_owner"),
    row("consent with both grantee fields", "POST", lambda f: C1() + "/consents",
        {"@as": "usager"},
        lambda f: dict(grantee("fille")(f), grantee_org_id=ctx["w"].orgs["assoc"]), 422,
        "validation_failed", extra=lambda tc, r: tc.assertTrue(
            {f for f, _ in r.field_errors()} & {"grantee_account_id", "grantee_org_id"},
            "no error on the grantee fields")),
    row("consent with no grantee", "POST", lambda f: C1() + "/consents", {"@as": "usager"},
        {"category": "daily", "decision": "grant"}, 422, "validation_failed",
        [("grantee_account_id", "required")]),
    row("consent ending before it starts", "POST", lambda f: C1() + "/consents",
        {"@as": "usager"}, lambda f: dict(grantee("fille")(f), starts_at=soon(2), ends_at=soon(1)),
        422, "validation_failed", [("ends_at", "out_of_range")]),
    row("consent revoked by the coordinator", "DELETE",
        lambda f: "%s/consents/%s" % (C1(), uuid.uuid4()), {}, None, 403, "not_consent_owner"),
    # --- care circle
    row("circle member with an unknown account", "POST", lambda f: C1() + "/circle", {},
        lambda f: {"account_id": str(uuid.uuid4()), "circle_role": "infirmier"}, 422,
        "validation_failed", [("account_id", "unknown_reference")]),
    row("circle member with an unknown role", "POST", lambda f: C1() + "/circle", {},
        lambda f: {"account_id": ctx["w"].s("aide").id, "circle_role": "voisin"}, 422,
        "validation_failed", [("circle_role", "invalid_value")]),
    row("circle member added by the nurse", "POST", lambda f: C1() + "/circle", NURSE,
        lambda f: {"account_id": ctx["w"].s("aide").id, "circle_role": "aide_domicile"}, 403,
        "forbidden"),
    row("ending a membership with a stale If-Match", "POST",
        lambda f: "%s/circle/%s/end" % (C1(), ctx["member"]), {"If-Match": '"1"'}, {}, 412,
        "version_mismatch"),
    row("ending a membership without If-Match", "POST",
        lambda f: "%s/circle/%s/end" % (C1(), ctx["member"]), {}, {}, 428,
        "if_match_required"),
    # --- break-the-glass
    row("break-glass by an auditor", "POST", lambda f: C1() + "/break-glass",
        {"@as": "auditor"}, {"reason": "curiosité"}, 403, "forbidden"),
    row("break-glass by the client's daughter", "POST", lambda f: C1() + "/break-glass",
        {"@as": "fille"}, {"reason": "inquiète"}, 403, "forbidden"),
    row("break-glass without a reason", "POST", lambda f: C1() + "/break-glass",
        {"@as": "nurse_ehpad"}, {}, 422, "validation_failed", [("reason", "required")]),
]


class NotebookBadInput(unittest.TestCase):
    maxDiff = 6000

    def snapshot(self):
        w = ctx["w"]
        snap = {}
        for name, who, path in (
                ("coordinator's notebook", "coordinator", NB() + "?limit=100"),
                ("client's notebook", "usager", NB() + "?limit=100"),
                ("other client's notebook", "coordinator",
                 "%s/%s/notebook?limit=100" % (P, ctx["c2"]["id"])),
                ("consents", "usager", C1() + "/consents"),
                ("circle", "coordinator", C1() + "/circle"),
                ("break-glass", "coordinator", C1() + "/break-glass")):
            r = w.s(who).get(path)
            self.assertEqual(r.status, 200, "%s: %r" % (name, r))
            snap[name] = r.json
        return snap

    def send(self, rw):
        w = ctx["w"]
        val = lambda v: v(ctx) if callable(v) else v  # noqa: E731
        headers = dict(val(rw["headers"]) or {})
        who = headers.pop("@as", "coordinator")
        headers["Authorization"] = "Bearer " + w.s(who).token
        return w.api.request(rw["method"], val(rw["path"]), val(rw["body"]), headers)

    def test_bad_requests_are_refused_and_change_nothing(self):
        self.snapshot()      # the readers' markers settle on the newest entry
        before = self.snapshot()
        failures = []
        for i, rw in enumerate(ROWS):
            where = "[row %d: %s]" % (i, rw["desc"])
            try:
                r = self.send(rw)
                assert_problem(self, r, rw["status"], rw["code"], rw["fields"], where)
                if rw["opts"].get("extra"):
                    rw["opts"]["extra"](self, r)
                self.assertEqual(self.snapshot(), before, "data changed " + where)
            except AssertionError as e:
                failures.append("%s %s" % (where, e))
                before = self.snapshot()
        if failures:
            self.fail("%d of %d rows failed:\n\n%s" % (len(failures), len(ROWS),
                                                       "\n\n".join(failures)))


def fresh_client(w):
    """A new client of Antenne Belleville with the antenna's nurse in the circle."""
    cl = w.create_client("belleville")
    path = "%s/%s" % (P, cl["id"])
    r = w.s("coordinator").post(path + "/circle", {"account_id": w.s("nurse").id,
                                                   "circle_role": "infirmier"})
    assert r.status == 201, r
    return path


def by_id(listing):
    return {it["id"]: it for it in listing["items"]}


class Notebook(unittest.TestCase):
    maxDiff = 6000

    def test_a_correction_keeps_the_old_entry_readable(self):
        w = ctx["w"]
        path = fresh_client(w)
        nurse, coord = w.s("nurse"), w.s("coordinator")
        r = nurse.post(path + "/notebook", {"category": "care", "text": "Escarre stade 1 talon"})
        self.assertEqual(r.status, 201, r)
        old = r.json
        self.assertFalse(old["corrected"])
        self.assertEqual((old["author"]["id"], old["author"]["role"]),
                         (nurse.id, "circle:infirmier"))
        r = nurse.post(path + "/notebook", {"category": "care", "text": "Escarre stade 2 talon",
                                            "supersedes": old["id"],
                                            "correction_reason": "stade mal évalué"})
        self.assertEqual(r.status, 201, r)
        new = r.json
        self.assertEqual((new["supersedes"], new["correction_reason"]),
                         (old["id"], "stade mal évalué"))
        self.assertFalse(new["corrected"])
        for who in ("nurse", "coordinator"):
            r = w.s(who).get("%s/notebook/%s" % (path, old["id"]))
            self.assertEqual(r.status, 200, "%s reads the corrected entry: %r" % (who, r))
            self.assertEqual(r.json["text"], "Escarre stade 1 talon", who)
            self.assertTrue(r.json["corrected"], who)
            self.assertEqual(r.json["superseded_by"], new["id"], who)
            items = by_id(w.s(who).get(path + "/notebook").json)
            self.assertEqual(set(items), {old["id"], new["id"]}, who)
            self.assertTrue(items[old["id"]]["corrected"], who)
            self.assertEqual(items[old["id"]]["superseded_by"], new["id"], who)
            self.assertEqual(items[new["id"]]["supersedes"], old["id"], who)
        # The coordinator cannot correct the nurse's entry; the nurse cannot correct
        # the old one again, but may correct the correction.
        r = coord.post(path + "/notebook", {"category": "care", "text": "x",
                                            "supersedes": new["id"], "correction_reason": "x"})
        assert_problem(self, r, 422, "validation_failed", [("supersedes", "not_author")])
        r = nurse.post(path + "/notebook", {"category": "care", "text": "Escarre stade 3",
                                            "supersedes": old["id"], "correction_reason": "x"})
        assert_problem(self, r, 422, "validation_failed", [("supersedes", "already_corrected")])
        r = nurse.post(path + "/notebook", {"category": "care", "text": "Escarre stade 2 talon D",
                                            "supersedes": new["id"], "correction_reason": "côté"})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(len(w.s("coordinator").get(path + "/notebook").json["items"]), 3)

    def test_replies_and_results_thread_on_a_targeted_entry(self):
        w = ctx["w"]
        path = fresh_client(w)
        nurse, coord = w.s("nurse"), w.s("coordinator")
        r = nurse.post(path + "/notebook", {
            "kind": "targeted", "category": "care", "target": "Douleur genou droit",
            "data": "EVA 6 au lever", "actions": "Paracétamol 1 g, glace", "tags": ["douleur"]})
        self.assertEqual(r.status, 201, r)
        dar = r.json
        self.assertEqual((dar["kind"], dar["target"], dar["data"], dar["actions"], dar["tags"]),
                         ("targeted", "Douleur genou droit", "EVA 6 au lever",
                          "Paracétamol 1 g, glace", ["douleur"]))
        r = coord.post(path + "/notebook", {"category": "care", "reply_to": dar["id"],
                                            "text": "Le médecin passe jeudi"})
        self.assertEqual(r.status, 201, r)
        reply = r.json
        self.assertEqual(reply["reply_to"], dar["id"])
        r = nurse.post(path + "/notebook", {"kind": "results", "category": "care",
                                            "results": "EVA 2 à 18 h", "results_for": dar["id"]})
        self.assertEqual(r.status, 201, r)
        res = r.json
        self.assertEqual((res["kind"], res["results_for"], res["results"]),
                         ("results", dar["id"], "EVA 2 à 18 h"))
        # Results of results are refused: they answer a targeted entry only.
        r = nurse.post(path + "/notebook", {"kind": "results", "category": "care",
                                            "results": "EVA 1", "results_for": res["id"]})
        assert_problem(self, r, 422, "validation_failed", [("results_for", "invalid_value")])
        listing = w.s("nurse").get(path + "/notebook").json
        self.assertEqual([it["id"] for it in listing["items"]], [res["id"], reply["id"], dar["id"]],
                         "not newest first")
        items = by_id(listing)
        self.assertEqual(items[reply["id"]]["reply_to"], dar["id"])
        self.assertEqual(items[res["id"]]["results_for"], dar["id"])
        self.assertEqual(items[reply["id"]]["author"]["display_name"], w.names["coordinator"])
        r = coord.get("%s/notebook/%s" % (path, res["id"]))
        self.assertEqual((r.status, r.json and r.json["results_for"]), (200, dar["id"]), r)

    def test_unread_markers_follow_each_reader(self):
        w = ctx["w"]
        path = fresh_client(w)
        coord, nurse = w.s("coordinator"), w.s("nurse")
        for who in ("coordinator", "nurse"):
            r = w.s(who).get(path + "/notebook")
            self.assertEqual((r.status, r.json["unread_count"]), (200, 0), r)
        ids = []
        for text in ("Mme a bien dormi", "Repas pris en entier", "Bonne humeur ce matin"):
            r = nurse.post(path + "/notebook", {"category": "daily", "text": text})
            self.assertEqual(r.status, 201, r)
            ids.append(r.json["id"])
        r = coord.get(path + "/notebook")
        self.assertEqual(r.json["unread_count"], 3, r)
        self.assertFalse(r.json["unread_count_capped"])
        self.assertEqual([(it["id"], it["unread"]) for it in r.json["items"]],
                         [(i, True) for i in reversed(ids)])
        r = coord.get(path + "/notebook")
        self.assertEqual(r.json["unread_count"], 0, "after reading: %r" % r)
        self.assertEqual([it["unread"] for it in r.json["items"]], [False] * 3)
        # A fourth entry: only it is new for the coordinator.
        r = nurse.post(path + "/notebook", {"category": "care", "text": "Toilette faite"})
        self.assertEqual(r.status, 201, r)
        r = coord.get(path + "/notebook")
        self.assertEqual(r.json["unread_count"], 1, r)
        self.assertEqual([it["unread"] for it in r.json["items"]], [True, False, False, False])
        self.assertEqual(coord.get(path + "/notebook").json["unread_count"], 0)
        # The aide of the circle has not read anything: the coordinator's reading did
        # not move her marker.
        w.s("coordinator").post(path + "/circle", {"account_id": w.s("aide").id,
                                                   "circle_role": "aide_domicile"})
        r = w.s("aide").get(path + "/notebook")
        self.assertEqual(r.json["unread_count"], 4, r)
        self.assertEqual(w.s("aide").get(path + "/notebook").json["unread_count"], 0)
        # The author has read what she wrote (her reply to POST said so).
        r = nurse.get(path + "/notebook")
        self.assertEqual(r.json["unread_count"], 0,
                         "the author's own entries count as unread to her: %r" % r)
        self.assertEqual([it["unread"] for it in r.json["items"]], [False] * 4)

    def test_urgent_entries_are_acknowledged_once_by_professionals(self):
        w = ctx["w"]
        path = fresh_client(w)
        nurse, coord = w.s("nurse"), w.s("coordinator")
        r = nurse.post(path + "/notebook", {"category": "care", "urgent": True,
                                            "text": "Chute ce matin, hématome hanche"})
        self.assertEqual(r.status, 201, r)
        urgent = r.json
        self.assertFalse(urgent["needs_ack"], "the author must not acknowledge her own entry")
        r = nurse.post(path + "/notebook", {"category": "care", "text": "Pas de fièvre"})
        plain = r.json

        r = coord.get(path + "/notebook")
        items = by_id(r.json)
        self.assertTrue(items[urgent["id"]]["needs_ack"], r)
        self.assertFalse(items[plain["id"]]["needs_ack"], r)
        self.assertEqual(r.json["urgent_unacknowledged"], [urgent["id"]])
        # Read but not acknowledged: still waiting.
        r = coord.get(path + "/notebook")
        self.assertEqual(r.json["urgent_unacknowledged"], [urgent["id"]], "after reading")
        r = coord.get(path + "/notebook?urgent=true")
        self.assertEqual([it["id"] for it in r.json["items"]], [urgent["id"]])
        r = nurse.get(path + "/notebook")
        self.assertEqual(r.json["urgent_unacknowledged"], [], "the author is asked to ack")
        self.assertFalse(by_id(r.json)[urgent["id"]]["needs_ack"])

        ack = "%s/notebook/%s/ack" % (path, urgent["id"])
        r = coord.post(ack, None)
        self.assertEqual(r.status, 201, r)
        self.assertEqual((r.json["entry_id"], r.json["account_id"], r.json["role"]),
                         (urgent["id"], coord.id, "role:coordinator"))
        assert_problem(self, coord.post(ack, None), 409, "already_exists", msg="second ack")
        assert_problem(self, coord.post("%s/notebook/%s/ack" % (path, plain["id"]), None), 422,
                       "validation_failed", [("urgent", "invalid_value")], "ack of a plain entry")
        for who in ("coordinator", "nurse"):
            r = w.s(who).get("%s/notebook/%s" % (path, urgent["id"]))
            self.assertEqual(r.status, 200, r)
            acks = [(k["account_id"], k["display_name"], k["role"])
                    for k in r.json["acknowledgements"]]
            self.assertEqual(acks, [(coord.id, w.names["coordinator"], "role:coordinator")], who)
            self.assertFalse(r.json["needs_ack"], who)
        r = coord.get(path + "/notebook")
        self.assertEqual(r.json["urgent_unacknowledged"], [])

        # The client and her family read, but do not acknowledge.
        cid = path.rsplit("/", 1)[1]
        w.add_person("usager_u", cid, "self", "Albert Legrand " + w.u)
        w.add_person("fille_u", cid, "caregiver", "Sophie Legrand " + w.u)
        r = w.s("usager_u").get("%s/notebook/%s" % (path, urgent["id"]))
        self.assertEqual(r.status, 200, r)
        self.assertFalse(r.json["needs_ack"])
        assert_problem(self, w.s("usager_u").post(ack, None), 403, "forbidden", msg="client acks")
        r = w.s("usager_u").post(path + "/consents", {
            "grantee_account_id": w.s("fille_u").id, "category": "care", "decision": "grant"})
        self.assertEqual(r.status, 201, r)
        r = w.s("fille_u").post(ack, None)
        self.assertIn(r.status, (403, 404), "daughter acks: %r" % r)
        r = w.s("nurse").get("%s/notebook/%s" % (path, urgent["id"]))
        self.assertEqual(len(r.json["acknowledgements"]), 1, r)

    def test_an_idempotent_post_writes_one_entry(self):
        w = ctx["w"]
        path = fresh_client(w)
        coord = w.s("coordinator")
        key = {"Idempotency-Key": "carnet-" + w.u}
        body = {"category": "daily", "text": "Passage de 10 h effectué"}
        r1 = coord.post(path + "/notebook", body, headers=key)
        self.assertEqual(r1.status, 201, r1)
        r2 = coord.post(path + "/notebook", body, headers=key)
        self.assertEqual(r2.status, 201, r2)
        self.assertEqual(r2.json["id"], r1.json["id"])
        self.assertEqual(r2.header("Location"), r1.header("Location"))
        r = coord.post(path + "/notebook", dict(body, text="Autre chose"), headers=key)
        assert_problem(self, r, 422, "idempotency_key_reused")
        items = coord.get(path + "/notebook").json["items"]
        self.assertEqual([it["id"] for it in items], [r1.json["id"]])

    def test_an_acknowledgement_survives_kill9(self):
        harness.require_local(self)
        srv = harness.Server([], name="notebook-kill9").start()
        try:
            w = harness.World(harness.Target(srv), roles=["coordinator", "nurse"])
            path = fresh_client(w)
            r = w.s("nurse").post(path + "/notebook", {"category": "care", "urgent": True,
                                                       "text": "Fièvre 39,2"})
            self.assertEqual(r.status, 201, r)
            eid = r.json["id"]
            r = w.s("coordinator").post("%s/notebook/%s/ack" % (path, eid), None)
            self.assertEqual(r.status, 201, r)
            srv.kill9()
            srv.start()
            coord = w.api.session(w.logins["coordinator"], harness.PASSWORD)
            r = coord.get("%s/notebook/%s" % (path, eid))
            self.assertEqual(r.status, 200, r)
            self.assertEqual([k["account_id"] for k in r.json["acknowledgements"]], [coord.id])
            self.assertFalse(r.json["needs_ack"])
            assert_problem(self, coord.post("%s/notebook/%s/ack" % (path, eid), None), 409,
                           "already_exists", msg="ack after the restart")
            v = srv.audit_verify()
            self.assertEqual(v.returncode, 0, v.stdout + v.stderr)
        finally:
            srv.close()
