# SPDX-License-Identifier: EUPL-1.2
"""Who reads and writes which part of the notebook, one table.

One client of Antenne Belleville has an entry of every category, each written by
someone entitled to. Around the client: staff of the organisation (one account per
role), a care circle (people in their own name, organisations for their staff),
person accounts (the client, a legal representative, a daughter) and strangers from
another subtree. Every row names an actor, a category, the client's consent decision
in force for that actor (created through the client's own account just before the
row, revoked just after), and whether the actor broke the glass; it expects:

- reading: GET .../notebook?category=X (for "access_log": GET .../access-log) is
  "200 seen" (the category's entry is listed), "200 hidden" (allowed, but the entry
  is addressed to others), 403 or 404, followed by the reason the access log records
  for that read (policy, policy_default, consent, break_glass, consent_required,
  consent_refused, not_permitted, no_relation);
- writing: POST .../notebook of category X is 201, 403 or 404 ("-": not tried); what
  was refused is not in the notebook afterwards, what was accepted is.

Failing rows are collected and reported together as a table.
"""
import datetime
import time
import unittest

import harness
from harness import PASSWORD

P = "/api/v1/clients"
ctx = {}

NO, GLASS = "no", "active"

# Consent states: (decision, grantee, timing, category) created by the client for the
# row. grantee "actor" is the row's actor, "org:<key>" an organisation of the world.
# timing: "now" (no period), "past" (ended an hour ago), "future" (starts in an hour),
# "ending" (ends one second after it is made: the row runs once it has passed),
# "revoked" (made then revoked by the client). category None: the row's category.
CONSENTS = {
    "none": [],
    "granted": [("grant", "actor", "now", None)],
    "refused": [("refuse", "actor", "now", None)],
    "revoked grant": [("grant", "actor", "revoked", None)],
    "revoked refusal": [("refuse", "actor", "revoked", None)],
    "expired grant": [("grant", "actor", "past", None)],
    "expired refusal": [("refuse", "actor", "past", None)],
    "grant just ended": [("grant", "actor", "ending", None)],
    "refusal just ended": [("refuse", "actor", "ending", None)],
    "future grant": [("grant", "actor", "future", None)],
    "future refusal": [("refuse", "actor", "future", None)],
    "granted+refused": [("grant", "actor", "now", None), ("refuse", "actor", "now", None)],
    "granted care only": [("grant", "actor", "now", "care")],
    "refused to her org": [("refuse", "org:saad", "now", None)],
    "refused to another": [("refuse", "aide_dom", "now", None)],
    "granted to another": [("grant", "fille_autre", "now", None)],
}

# Actors, by key of the world (see setUpModule):
#   staff of the client's organisation: admin (root), coordinator, auditor,
#     alarm_operator (association), nurse, doctor, aide, aide_soignant_bel (antenna)
#   circle in their own name: medecin (medecin_traitant), infirmiere (infirmier),
#     as_circle (aide_soignant), aide_dom (aide_domicile), aidant_c (aidant),
#     confiance (personne_confiance), tuteur (responsable_legal)
#   circle through an organisation: nurse_cabinet (Cabinet infirmier: infirmier),
#     aide_saad (SAAD: aide_domicile)
#   persons linked to the client: usager (self), representant (legal_representative),
#     fille (caregiver)
#   strangers (EHPAD, another subtree): aide_soignant, nurse_ehpad
ROWS = [
    # actor            category      consent  glass  read                     write
    # --- staff roles in the organisation's scope
    ("admin",          "admin",      "none", NO, "200 seen policy",          "201"),
    ("admin",          "daily",      "none", NO, "403 not_permitted",        "403"),
    ("admin",          "care",       "none", NO, "403 not_permitted",        "403"),
    ("admin",          "medical",    "none", NO, "403 not_permitted",        "403"),
    ("admin",          "access_log", "none", NO, "403 not_permitted",        "-"),
    ("coordinator",    "admin",      "none", NO, "200 seen policy",          "201"),
    ("coordinator",    "daily",      "none", NO, "200 seen policy_default",  "201"),
    ("coordinator",    "care",       "none", NO, "200 seen policy_default",  "201"),
    ("coordinator",    "medical",    "none", NO, "403 not_permitted",        "403"),
    ("coordinator",    "access_log", "none", NO, "200 policy",               "-"),
    ("nurse",          "admin",      "none", NO, "200 seen policy",          "403"),
    ("nurse",          "daily",      "none", NO, "403 not_permitted",        "403"),
    ("nurse",          "care",       "none", NO, "403 not_permitted",        "403"),
    ("nurse",          "medical",    "none", NO, "403 not_permitted",        "403"),
    ("nurse",          "access_log", "none", NO, "403 not_permitted",        "-"),
    ("doctor",         "admin",      "none", NO, "200 seen policy",          "403"),
    ("doctor",         "daily",      "none", NO, "403 not_permitted",        "403"),
    ("doctor",         "care",       "none", NO, "403 not_permitted",        "403"),
    ("doctor",         "medical",    "none", NO, "403 not_permitted",        "403"),
    ("doctor",         "access_log", "none", NO, "403 not_permitted",        "-"),
    ("aide",           "admin",      "none", NO, "200 seen policy",          "403"),
    ("aide",           "daily",      "none", NO, "403 not_permitted",        "403"),
    ("aide",           "care",       "none", NO, "403 not_permitted",        "403"),
    ("aide",           "medical",    "none", NO, "403 not_permitted",        "403"),
    ("aide",           "access_log", "none", NO, "403 not_permitted",        "-"),
    ("aide_soignant_bel", "admin",   "none", NO, "200 seen policy",          "403"),
    ("aide_soignant_bel", "daily",   "none", NO, "403 not_permitted",        "403"),
    ("aide_soignant_bel", "care",    "none", NO, "403 not_permitted",        "403"),
    ("aide_soignant_bel", "medical", "none", NO, "403 not_permitted",        "403"),
    ("aide_soignant_bel", "access_log", "none", NO, "403 not_permitted",     "-"),
    ("alarm_operator", "admin",      "none", NO, "200 seen policy",          "403"),
    ("alarm_operator", "daily",      "none", NO, "403 not_permitted",        "403"),
    ("alarm_operator", "care",       "none", NO, "403 not_permitted",        "403"),
    ("alarm_operator", "medical",    "none", NO, "403 not_permitted",        "403"),
    ("alarm_operator", "access_log", "none", NO, "403 not_permitted",        "-"),
    ("auditor",        "admin",      "none", NO, "403 not_permitted",        "403"),
    ("auditor",        "daily",      "none", NO, "403 not_permitted",        "403"),
    ("auditor",        "care",       "none", NO, "403 not_permitted",        "403"),
    ("auditor",        "medical",    "none", NO, "403 not_permitted",        "403"),
    ("auditor",        "access_log", "none", NO, "200 policy",               "-"),
    # --- care circle, in one's own name
    ("medecin",        "admin",      "none", NO, "200 seen policy",          "403"),
    ("medecin",        "daily",      "none", NO, "200 seen policy_default",  "201"),
    ("medecin",        "care",       "none", NO, "200 seen policy_default",  "201"),
    ("medecin",        "medical",    "none", NO, "200 seen policy_default",  "201"),
    ("medecin",        "access_log", "none", NO, "403 not_permitted",        "-"),
    ("infirmiere",     "admin",      "none", NO, "200 seen policy",          "403"),
    ("infirmiere",     "daily",      "none", NO, "200 seen policy_default",  "201"),
    ("infirmiere",     "care",       "none", NO, "200 seen policy_default",  "201"),
    ("infirmiere",     "medical",    "none", NO, "200 seen policy_default",  "201"),
    ("infirmiere",     "access_log", "none", NO, "403 not_permitted",        "-"),
    ("as_circle",      "admin",      "none", NO, "200 seen policy",          "403"),
    ("as_circle",      "daily",      "none", NO, "200 seen policy_default",  "201"),
    ("as_circle",      "care",       "none", NO, "200 seen policy_default",  "201"),
    ("as_circle",      "medical",    "none", NO, "200 seen policy_default",  "201"),
    ("as_circle",      "access_log", "none", NO, "403 not_permitted",        "-"),
    ("aide_dom",       "admin",      "none", NO, "200 seen policy",          "403"),
    ("aide_dom",       "daily",      "none", NO, "200 seen policy_default",  "201"),
    ("aide_dom",       "care",       "none", NO, "200 seen policy_default",  "201"),
    ("aide_dom",       "medical",    "none", NO, "403 not_permitted",        "403"),
    ("aide_dom",       "access_log", "none", NO, "403 not_permitted",        "-"),
    ("aidant_c",       "admin",      "none", NO, "403 consent_required",     "403"),
    ("aidant_c",       "daily",      "none", NO, "403 consent_required",     "403"),
    ("aidant_c",       "care",       "none", NO, "403 consent_required",     "403"),
    ("aidant_c",       "medical",    "none", NO, "403 consent_required",     "403"),
    ("aidant_c",       "access_log", "none", NO, "403 not_permitted",        "-"),
    ("confiance",      "admin",      "none", NO, "403 consent_required",     "403"),
    ("confiance",      "daily",      "none", NO, "403 consent_required",     "403"),
    ("confiance",      "care",       "none", NO, "403 consent_required",     "403"),
    ("confiance",      "medical",    "none", NO, "403 consent_required",     "403"),
    ("confiance",      "access_log", "none", NO, "403 not_permitted",        "-"),
    ("tuteur",         "admin",      "none", NO, "200 seen policy",          "403"),
    ("tuteur",         "daily",      "none", NO, "200 seen policy",          "201"),
    ("tuteur",         "care",       "none", NO, "200 seen policy",          "403"),
    ("tuteur",         "medical",    "none", NO, "200 seen policy",          "403"),
    ("tuteur",         "access_log", "none", NO, "200 policy",               "-"),
    # --- care circle, through an organisation
    ("nurse_cabinet",  "admin",      "none", NO, "200 seen policy",          "403"),
    ("nurse_cabinet",  "daily",      "none", NO, "200 seen policy_default",  "201"),
    ("nurse_cabinet",  "care",       "none", NO, "200 seen policy_default",  "201"),
    ("nurse_cabinet",  "medical",    "none", NO, "200 seen policy_default",  "201"),
    ("nurse_cabinet",  "access_log", "none", NO, "403 not_permitted",        "-"),
    ("aide_saad",      "admin",      "none", NO, "200 seen policy",          "403"),
    ("aide_saad",      "daily",      "none", NO, "200 seen policy_default",  "201"),
    ("aide_saad",      "care",       "none", NO, "200 seen policy_default",  "201"),
    ("aide_saad",      "medical",    "none", NO, "403 not_permitted",        "403"),
    ("aide_saad",      "access_log", "none", NO, "403 not_permitted",        "-"),
    # --- persons linked to the client
    ("usager",         "admin",      "none", NO, "200 seen policy",          "403"),
    ("usager",         "daily",      "none", NO, "200 seen policy",          "201"),
    ("usager",         "care",       "none", NO, "200 seen policy",          "403"),
    ("usager",         "medical",    "none", NO, "200 seen policy",          "403"),
    ("usager",         "access_log", "none", NO, "200 policy",               "-"),
    ("representant",   "admin",      "none", NO, "200 seen policy",          "403"),
    ("representant",   "daily",      "none", NO, "200 seen policy",          "201"),
    ("representant",   "care",       "none", NO, "200 seen policy",          "403"),
    ("representant",   "medical",    "none", NO, "200 seen policy",          "403"),
    ("representant",   "access_log", "none", NO, "200 policy",               "-"),
    ("fille",          "admin",      "none", NO, "403 consent_required",     "403"),
    ("fille",          "daily",      "none", NO, "403 consent_required",     "403"),
    ("fille",          "care",       "none", NO, "403 consent_required",     "403"),
    ("fille",          "medical",    "none", NO, "403 consent_required",     "403"),
    ("fille",          "access_log", "none", NO, "403 not_permitted",        "-"),
    # --- strangers (another subtree)
    ("aide_soignant",  "admin",      "none", NO, "404 no_relation",          "404"),
    ("aide_soignant",  "daily",      "none", NO, "404 no_relation",          "404"),
    ("aide_soignant",  "care",       "none", NO, "404 no_relation",          "404"),
    ("aide_soignant",  "medical",    "none", NO, "404 no_relation",          "404"),
    ("aide_soignant",  "access_log", "none", NO, "404 no_relation",          "-"),
    # --- consent states, a relation allowed by default (circle aide_domicile, care)
    ("aide_dom",       "care", "granted",            NO, "200 seen policy_default",  "201"),
    ("aide_dom",       "care", "refused",            NO, "403 consent_refused",      "403"),
    ("aide_dom",       "care", "revoked refusal",    NO, "200 seen policy_default",  "201"),
    ("aide_dom",       "care", "revoked grant",      NO, "200 seen policy_default",  "201"),
    ("aide_dom",       "care", "expired refusal",    NO, "200 seen policy_default",  "201"),
    ("aide_dom",       "care", "refusal just ended", NO, "200 seen policy_default",  "201"),
    ("aide_dom",       "care", "future refusal",     NO, "200 seen policy_default",  "201"),
    ("aide_dom",       "care", "expired grant",      NO, "200 seen policy_default",  "201"),
    ("aide_dom",       "care", "granted+refused",    NO, "403 consent_refused",      "403"),
    ("aide_saad",      "care", "refused to her org", NO, "403 consent_refused",      "403"),
    ("aide_saad",      "care", "refused to another", NO, "200 seen policy_default",  "201"),
    ("coordinator",    "daily", "refused",           NO, "403 consent_refused",      "403"),
    # --- consent states, a relation allowed only if granted (caregiver, daily)
    ("fille",          "daily", "granted",           NO, "200 seen consent",         "201"),
    ("fille",          "daily", "refused",           NO, "403 consent_refused",      "403"),
    ("fille",          "daily", "revoked grant",     NO, "403 consent_required",     "403"),
    ("fille",          "daily", "expired grant",     NO, "403 consent_required",     "403"),
    ("fille",          "daily", "grant just ended",  NO, "403 consent_required",     "403"),
    ("fille",          "daily", "future grant",      NO, "403 consent_required",     "403"),
    ("fille",          "daily", "granted+refused",   NO, "403 consent_refused",      "403"),
    ("fille",          "daily", "granted care only", NO, "403 consent_required",     "403"),
    ("fille",          "daily", "granted to another", NO, "403 consent_required",    "403"),
    # granted, but care and medical entries are addressed to professionals only
    ("fille",          "care",    "granted",         NO, "200 hidden consent",       "403"),
    ("fille",          "medical", "granted",         NO, "200 hidden consent",       "403"),
    ("confiance",      "daily",   "granted",         NO, "200 seen consent",         "201"),
    # --- break-the-glass: a nurse of another subtree, before and during
    ("nurse_ehpad",    "daily",      "none", NO,    "404 no_relation",       "404"),
    ("nurse_ehpad",    "admin",      "none", GLASS, "200 seen break_glass",  "404"),
    ("nurse_ehpad",    "daily",      "none", GLASS, "200 seen break_glass",  "404"),
    ("nurse_ehpad",    "care",       "none", GLASS, "200 seen break_glass",  "404"),
    ("nurse_ehpad",    "medical",    "none", GLASS, "200 seen break_glass",  "404"),
    ("nurse_ehpad",    "access_log", "none", GLASS, "404 no_relation",       "-"),
    # a refusal does not stop an emergency read
    ("nurse_ehpad",    "daily",   "refused", GLASS, "200 seen break_glass",  "404"),
]


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def setUpModule():
    t = harness.start_target(name="access-matrix")
    ctx["t"] = t
    w = harness.World(t)
    ctx["w"] = w
    u = w.u
    bel, nation, assoc = w.orgs["belleville"], w.orgs["nation"], w.orgs["assoc"]
    w.add_staff("doctor", bel, "Claire Fontaine " + u)
    w.add_staff("aide_soignant", bel, "Lucie Perrin " + u, key="aide_soignant_bel")
    # Circle members in their own name work elsewhere (Antenne Nation): their roles
    # do not cover the client.
    w.add_staff("doctor", nation, "Dr Martin Roux " + u, key="medecin")
    w.add_staff("nurse", nation, "Inès Bouvier " + u, key="infirmiere")
    w.add_staff("aide_soignant", nation, "Yasmine Haddad " + u, key="as_circle")
    w.add_staff("aide", nation, "Mariama Sow " + u, key="aide_dom")
    w.orgs["cabinet"] = w.org(w.root_id, "establishment", "Cabinet infirmier " + u)
    w.orgs["saad"] = w.org(w.root_id, "association", "SAAD Est " + u)
    w.add_staff("nurse", w.orgs["cabinet"], "Paul Garnier " + u, key="nurse_cabinet")
    w.add_staff("aide", w.orgs["saad"], "Awa Traoré " + u, key="aide_saad")
    w.add_staff("nurse", w.orgs["ehpad"], "Julien Morel " + u, key="nurse_ehpad")
    for key, name in (("aidant_c", "Louis Mercier"), ("confiance", "Odile Caron"),
                      ("tuteur", "Maître Blanc"), ("fille_autre", "Emma Roussel")):
        login = "%s-%s" % (key.replace("_", "-"), u)
        r = w.admin.post("/api/v1/accounts", {
            "login": login, "password": PASSWORD, "display_name": name + " " + u,
            "kind": "person", "org_id": bel})
        assert r.status == 201, r
        w.logins[key] = login

    cl = w.create_client("belleville")
    ctx["client"] = cl
    path = "%s/%s" % (P, cl["id"])
    ctx["path"] = path
    w.add_person("usager", cl["id"], "self", "Jeanne Dupont " + u)
    w.add_person("representant", cl["id"], "legal_representative", "Jacques Lambert " + u)
    w.add_person("fille", cl["id"], "caregiver", "Isabelle Moreau " + u)

    coord = w.s("coordinator")
    members = [("medecin", "medecin_traitant"), ("infirmiere", "infirmier"),
               ("as_circle", "aide_soignant"), ("aide_dom", "aide_domicile"),
               ("aidant_c", "aidant"), ("confiance", "personne_confiance"),
               ("tuteur", "responsable_legal")]
    for key, role in members:
        r = coord.post(path + "/circle", {"account_id": w.s(key).id, "circle_role": role})
        assert r.status == 201, r
    for org, role in (("cabinet", "infirmier"), ("saad", "aide_domicile")):
        r = coord.post(path + "/circle", {"org_id": w.orgs[org], "circle_role": role})
        assert r.status == 201, r

    # One entry per category, by someone entitled to write it.
    ctx["entry"] = {}
    for cat, who, text in (("admin", "coordinator", "Dossier APA transmis au département"),
                           ("daily", "aide_dom", "Courses faites, frigo rempli"),
                           ("care", "infirmiere", "Pansement talon gauche refait"),
                           ("medical", "medecin", "Traitement anticoagulant ajusté")):
        r = w.s(who).post(path + "/notebook", {"category": cat, "text": text})
        assert r.status == 201, r
        ctx["entry"][cat] = r.json["id"]


def tearDownModule():
    if "t" in ctx:
        ctx["t"].close()


class AccessMatrix(unittest.TestCase):
    maxDiff = None

    def make_consents(self, actor, category, state):
        """Creates the state's decisions as the client; returns the ids to revoke after."""
        w, path = ctx["w"], ctx["path"]
        usager = w.s("usager")
        made, ending = [], None
        now = harness.now_utc()
        for decision, grantee, timing, cat in CONSENTS[state]:
            body = {"category": cat or category, "decision": decision}
            if grantee.startswith("org:"):
                body["grantee_org_id"] = w.orgs[grantee[4:]]
            else:
                body["grantee_account_id"] = w.s(actor if grantee == "actor" else grantee).id
            if timing == "past":
                body["starts_at"] = iso(now - datetime.timedelta(hours=2))
                body["ends_at"] = iso(now - datetime.timedelta(hours=1))
            elif timing == "future":
                body["starts_at"] = iso(now + datetime.timedelta(hours=1))
            elif timing == "ending":
                ending = now + datetime.timedelta(seconds=1)
                body["ends_at"] = iso(ending)
            r = usager.post(path + "/consents", body)
            if r.status != 201:
                raise AssertionError("the client could not decide %r: %r" % (body, r))
            self.assertTrue(r.json["in_force"] is (timing in ("now", "ending", "revoked")),
                            "in_force of %r: %r" % (body, r.json))
            if timing == "revoked":
                r2 = usager.delete("%s/consents/%s" % (path, r.json["id"]))
                if r2.status != 204:
                    raise AssertionError("the client could not revoke: %r" % r2)
            else:
                made.append(r.json["id"])
        if ending:
            # The decision is in force now, then lapses on its own.
            k = [x for x in usager.get(path + "/consents").json["items"] if x["id"] in made]
            self.assertTrue(all(x["in_force"] for x in k), "not yet in force: %r" % k)
            time.sleep(max(0.0, (ending - harness.now_utc()).total_seconds()) + 0.2)
        return made

    def audit_reason(self, actor_id, action):
        """The outcome and reason of the actor's latest `action` in the access log."""
        r = ctx["w"].s("usager").get(ctx["path"] + "/access-log?limit=20")
        if r.status != 200:
            return "access log unreadable: %r" % r
        for it in r.json["items"]:
            if it["actor"]["id"] == actor_id and it["action"] == action:
                return it["detail"]
        return "(no %s by the actor)" % action

    def read(self, actor, category):
        """(what was seen, as in the table's read column)."""
        s = ctx["w"].s(actor)
        if category == "access_log":
            r = s.get(ctx["path"] + "/access-log?limit=1")
            got = str(r.status)
            action = "client.access_log.read"
        else:
            r = s.get("%s/notebook?category=%s&limit=100" % (ctx["path"], category))
            got = str(r.status)
            action = "notebook.read"
            if r.status == 200:
                items = r.json["items"]
                others = sorted({it["category"] for it in items} - {category})
                if others:
                    got += " (also lists %s)" % ",".join(others)
                got += " seen" if ctx["entry"][category] in [it["id"] for it in items] \
                    else " hidden"
        if r.status not in (200, 403, 404):
            got += " %r" % r
        elif r.status != 200 and r.code != ("not_found" if r.status == 404 else "forbidden"):
            got += " (code %s)" % r.code
        return got + " " + self.audit_reason(s.id, action)

    def write(self, actor, category, text):
        s = ctx["w"].s(actor)
        r = s.post(ctx["path"] + "/notebook", {"category": category, "text": text})
        got = str(r.status)
        if r.status == 201:
            if r.json["author"]["id"] != s.id or r.json["category"] != category:
                got += " (author %s, category %s)" % (r.json["author"], r.json["category"])
        elif r.status not in (403, 404):
            got += " %r" % r
        return got

    def test_policy_matrix(self):
        w, path = ctx["w"], ctx["path"]
        glass_open = set()
        results = []       # (row number, row, read got, write got, note)
        written = {}       # text -> row number, for rows whose write was accepted
        refused = {}       # text -> row number, for rows whose write was refused
        for i, (actor, cat, consent, glass, want_read, want_write) in enumerate(ROWS):
            note = ""
            made = []
            try:
                if glass == GLASS and actor not in glass_open:
                    r = w.s(actor).post(path + "/break-glass", {"reason": "Chute, SAMU sur place"})
                    self.assertEqual(r.status, 201, r)
                    glass_open.add(actor)
                self.assertFalse(glass == NO and actor in glass_open,
                                 "table error: row without glass after the actor broke it")
                made = self.make_consents(actor, cat, consent)
                got_read = self.read(actor, cat)
                got_write = "-"
                if want_write != "-":
                    text = "Transmission de la ligne %d (%s) %s" % (i, actor, w.u)
                    got_write = self.write(actor, cat, text)
                    (written if got_write.startswith("201") else refused)[text] = i
            except AssertionError as e:
                got_read = got_write = "?"
                note = str(e)
            finally:
                for kid in made:
                    r = w.s("usager").delete("%s/consents/%s" % (path, kid))
                    if r.status != 204:
                        note += " revoking %s: %r" % (kid, r)
            results.append((i, ROWS[i], got_read, got_write, note))

        # What was refused is not in the notebook; what was accepted is (the client
        # reads every category and audience).
        texts, cursor = set(), None
        for _ in range(50):
            q = "?limit=100" + ("&cursor=" + cursor if cursor else "")
            r = w.s("usager").get(path + "/notebook" + q)
            self.assertEqual(r.status, 200, r)
            texts |= {it["text"] for it in r.json["items"]}
            cursor = r.json["next_cursor"]
            if not cursor:
                break
        leaked = {i for t, i in refused.items() if t in texts}
        lost = {i for t, i in written.items() if t not in texts}

        bad = []
        for i, row, got_read, got_write, note in results:
            want_read, want_write = row[4], row[5]
            if i in leaked:
                note += " refused write is in the notebook"
            if i in lost:
                note += " accepted write is not in the notebook"
            if got_read != want_read or got_write != want_write or note:
                bad.append("%3d  %-18s %-10s %-19s %-6s | read %-24s got %-30s | write %-3s got %s%s"
                           % (i, row[0], row[1], row[2], row[3], want_read, got_read, want_write,
                              got_write, ("  !! " + note) if note else ""))
        if bad:
            self.fail("%d of %d rows failed (row, actor, category, consent, glass):\n%s"
                      % (len(bad), len(ROWS), "\n".join(bad)))
