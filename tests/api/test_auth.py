# SPDX-License-Identifier: EUPL-1.2
"""Signing in and out: tokens, the session cookie and its CSRF guard, refusals that
do not tell which logins exist, the lock after failed logins, and their audit trail."""
import datetime
import re
import time
import unittest

import harness
from harness import PASSWORD, assert_problem

LOCK_SECONDS = 3
MAX_FAILURES = 3
COOKIE = "liaison_session"

ctx = {}


def setUpModule():
    # A short lock so that "until the lock ends" fits in a test; the per-address
    # limit is out of the way (test_bad_input covers it).
    t = harness.start_target(["--login-max-failures", str(MAX_FAILURES),
                              "--login-lock-seconds", str(LOCK_SECONDS),
                              "--ip-max-failures", "10000"], name="auth")
    ctx["t"] = t
    ctx["w"] = harness.World(t, roles=["coordinator", "aide"])


def tearDownModule():
    if "t" in ctx:
        ctx["t"].close()


def cookie_of(r):
    for v in r.header_all("Set-Cookie"):
        if v.startswith(COOKIE + "="):
            return v
    return None


class Auth(unittest.TestCase):
    maxDiff = 4000

    @property
    def w(self):
        return ctx["w"]

    def new_account(self, key):
        self.w.add_staff("aide", self.w.orgs["belleville"], "Compte " + key, key=key)
        return self.w.logins[key]

    def test_login_me_logout(self):
        api = self.w.api
        login = self.w.logins["coordinator"]
        r = api.login(login, PASSWORD)
        self.assertEqual(r.status, 201, r)
        for k in ("token", "csrf_token", "expires_at", "account"):
            self.assertIn(k, r.json)
        self.assertEqual(r.json["account"]["login"], login)
        self.assertNotIn("password", r.json["account"])
        self.assertNotIn("password_hash", r.json["account"])
        self.assertEqual([x["role"] for x in r.json["account"]["roles"]], ["coordinator"])
        exp = datetime.datetime.strptime(r.json["expires_at"], "%Y-%m-%dT%H:%M:%S.%fZ") \
            if "." in r.json["expires_at"] else \
            datetime.datetime.strptime(r.json["expires_at"], "%Y-%m-%dT%H:%M:%SZ")
        exp = exp.replace(tzinfo=datetime.timezone.utc)
        self.assertGreater(exp, harness.now_utc(), "expires_at is in the past")
        token = r.json["token"]
        self.assertNotIn(token, r.json["csrf_token"])

        me = api.request("GET", "/api/v1/me", token=token)
        self.assertEqual(me.status, 200, me)
        self.assertEqual(me.json["id"], r.json["account"]["id"])
        self.assertEqual(me.json["display_name"], self.w.names["coordinator"])
        self.assertEqual(me.header("Cache-Control"), "no-store")

        # A second session of the same account is independent of the first.
        other = api.session(login, PASSWORD)
        out = api.request("DELETE", "/api/v1/sessions/current", token=token)
        self.assertEqual(out.status, 204, out)
        c = cookie_of(out)
        self.assertTrue(c and re.search(r"Max-Age=0", c), "sign-out does not clear the cookie: %r" % c)
        r = api.request("GET", "/api/v1/me", token=token)
        assert_problem(self, r, 401, "unauthenticated", msg="token after sign-out")
        r = api.request("DELETE", "/api/v1/sessions/current", token=token)
        assert_problem(self, r, 401, "unauthenticated", msg="second sign-out")
        self.assertEqual(other.get("/api/v1/me").status, 200, "the other session was ended too")

    def test_cookie_attributes_and_cookie_session(self):
        r = self.w.api.login(self.w.logins["coordinator"], PASSWORD)
        c = cookie_of(r)
        self.assertTrue(c, "no %s cookie: %r" % (COOKIE, r.headers))
        attrs = [a.strip().lower() for a in c.split(";")]
        self.assertEqual(c.split(";")[0], "%s=%s" % (COOKIE, r.json["token"]))
        self.assertIn("httponly", attrs)
        self.assertIn("samesite=strict", attrs)
        self.assertIn("path=/", attrs)
        cookie = {"Cookie": "other=1; %s=%s" % (COOKIE, r.json["token"])}
        me = self.w.api.request("GET", "/api/v1/me", headers=cookie)
        self.assertEqual(me.status, 200, me)

    def test_cookie_changes_need_the_csrf_token(self):
        api = self.w.api
        r = api.login(self.w.logins["coordinator"], PASSWORD)
        token, csrf = r.json["token"], r.json["csrf_token"]
        cookie = {"Cookie": "%s=%s" % (COOKIE, token)}
        coord = self.w.s("coordinator")
        before = self.w.all_clients()

        for desc, extra in (("no X-CSRF-Token", {}),
                            ("a wrong X-CSRF-Token", {"X-CSRF-Token": "0" * 64}),
                            ("another session's X-CSRF-Token", {"X-CSRF-Token": coord.csrf})):
            body = self.w.client_body()
            r = api.request("POST", "/api/v1/clients", body, dict(cookie, **extra))
            assert_problem(self, r, 403, "forbidden", msg="cookie POST with " + desc)
            self.assertEqual(self.w.all_clients(), before, "a client was created with " + desc)

        cl = self.w.create_client()
        path = "/api/v1/clients/" + cl["id"]
        r = api.request("PATCH", path, {"city": "Lyon"}, dict(cookie, **{"If-Match": '"1"'}))
        assert_problem(self, r, 403, "forbidden", msg="cookie PATCH without X-CSRF-Token")
        self.assertEqual(coord.get(path).json["city"], cl["city"])
        r = api.request("DELETE", "/api/v1/sessions/current", headers=cookie)
        assert_problem(self, r, 403, "forbidden", msg="cookie sign-out without X-CSRF-Token")
        self.assertEqual(api.request("GET", "/api/v1/me", headers=cookie).status, 200,
                         "the refused sign-out ended the session")

        # Reads need no CSRF token; changes go through with the right one.
        self.assertEqual(api.request("GET", path, headers=cookie).status, 200)
        r = api.request("PATCH", path, {"city": "Lyon"},
                        dict(cookie, **{"If-Match": '"1"', "X-CSRF-Token": csrf}))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["city"], "Lyon")
        r = api.request("DELETE", "/api/v1/sessions/current",
                        headers=dict(cookie, **{"X-CSRF-Token": csrf}))
        self.assertEqual(r.status, 204, r)
        r = api.request("GET", "/api/v1/me", headers=cookie)
        assert_problem(self, r, 401, "unauthenticated", msg="cookie after sign-out")

    def test_bearer_needs_no_csrf_token(self):
        r = self.w.s("coordinator").post("/api/v1/clients", self.w.client_body())
        self.assertEqual(r.status, 201, r)

    def test_unknown_login_and_wrong_password_look_the_same(self):
        login = self.new_account("pareil")
        unknown = self.w.api.login("personne-" + self.w.u, PASSWORD)
        wrong = self.w.api.login(login, "pas-le-bon-mot-de-passe")
        assert_problem(self, unknown, 401, "invalid_credentials", msg="unknown login")
        assert_problem(self, wrong, 401, "invalid_credentials", msg="wrong password")
        strip = lambda j: {k: v for k, v in j.items() if k != "request_id"}  # noqa: E731
        self.assertEqual(strip(unknown.json), strip(wrong.json))
        self.assertEqual(unknown.header("WWW-Authenticate"), wrong.header("WWW-Authenticate"))
        self.assertFalse(cookie_of(unknown) or cookie_of(wrong))
        # The wrong password did not change the account: the right one still works.
        self.assertEqual(self.w.api.login(login, PASSWORD).status, 201)

    def test_locked_account_refused_until_the_lock_ends(self):
        harness.require_local(self)
        login = self.new_account("verrou")
        api = self.w.api
        for i in range(MAX_FAILURES):
            r = api.login(login, "mauvais-mot-de-passe")
            assert_problem(self, r, 401, "invalid_credentials", msg="failure %d" % (i + 1))
        locked_at = time.time()
        r = api.login(login, PASSWORD)
        assert_problem(self, r, 429, "too_many_attempts", msg="right password while locked")
        ra = r.header("Retry-After")
        self.assertTrue(ra and ra.isdigit() and 1 <= int(ra) <= LOCK_SECONDS + 1,
                        "Retry-After %r" % ra)
        self.assertNotIn("token", r.json)
        r = api.login(login, "mauvais-mot-de-passe")
        assert_problem(self, r, 429, "too_many_attempts", msg="wrong password while locked")
        # English title for the same refusal.
        r = api.login(login, PASSWORD, headers={"Accept-Language": "en"})
        self.assertEqual(r.json["title"], "Too many attempts, try again later")
        time.sleep(max(0.0, locked_at + LOCK_SECONDS + 0.3 - time.time()))
        r = api.login(login, PASSWORD)
        self.assertEqual(r.status, 201, "still refused after the lock ended: %r" % r)

    def test_success_resets_the_failure_count(self):
        harness.require_local(self)
        login = self.new_account("remise")
        api = self.w.api
        for _ in range(MAX_FAILURES - 1):
            self.assertEqual(api.login(login, "mauvais-mot-de-passe").status, 401)
        self.assertEqual(api.login(login, PASSWORD).status, 201)
        for _ in range(MAX_FAILURES - 1):
            self.assertEqual(api.login(login, "mauvais-mot-de-passe").status, 401)
        r = api.login(login, PASSWORD)
        self.assertEqual(r.status, 201, "failures before a success still counted: %r" % r)

    def test_failed_logins_are_in_the_audit_journal(self):
        harness.require_local(self)
        srv = ctx["t"].server
        login = self.new_account("trace")
        acc_id = self.w.api.session(login, PASSWORD).id
        ids = {}
        for name, (lg, pw) in {"bad_password": (login, "mauvais-mot-de-passe"),
                               "unknown_login": ("inconnu-" + self.w.u, PASSWORD)}.items():
            rid = "test-%s-%s" % (name, self.w.u)
            r = self.w.api.login(lg, pw, headers={"X-Request-Id": rid})
            self.assertEqual(r.status, 401)
            self.assertEqual(r.header("X-Request-Id"), rid)
            ids[name] = rid
        rows = srv.sql("SELECT request_id, action, outcome, detail, actor_id, ip FROM audit "
                       "WHERE request_id IN ('%s', '%s')" % (ids["bad_password"],
                                                             ids["unknown_login"]))
        got = {r[0]: tuple(x if x != "" else None for x in r[1:]) for r in rows}
        self.assertEqual(got.get(ids["bad_password"]),
                         ("session.login", "failed", "bad_password", acc_id, "127.0.0.1"), rows)
        self.assertEqual(got.get(ids["unknown_login"]),
                         ("session.login", "failed", "unknown_login", None, "127.0.0.1"), rows)
        v = srv.audit_verify()
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)

    def test_first_administrator_from_the_command_line(self):
        """An installation starts empty: `liaison user add` creates the root node and
        its administrator, who then signs in through the API."""
        harness.require_local(self)
        srv = harness.Server([], demo=False, name="bootstrap")
        try:
            r = srv.cli("user", "add", "--login", "premiere-admin", "--role", "admin",
                        "--org", "Réseau de test", "--display-name", "Première Admin",
                        "--password-stdin", "--pwhash", "min", stdin=PASSWORD + "\n")
            self.assertEqual(r.returncode, 0, "liaison user add failed (%d): %s%s" % (
                r.returncode, r.stdout, r.stderr[-2000:]))
            srv.start()
            s = srv.api.session("premiere-admin", PASSWORD)
            self.assertEqual(s.account["display_name"], "Première Admin")
            self.assertEqual([x["role"] for x in s.account["roles"]], ["admin"])
            orgs = s.get("/api/v1/orgs").json["items"]
            self.assertEqual([(o["name"], o["kind"]) for o in orgs],
                             [("Réseau de test", "national")])
        finally:
            srv.close()

    def test_english_and_french_titles(self):
        api = self.w.api
        r = api.request("GET", "/api/v1/me", headers={"Accept-Language": "en-GB,en;q=0.8"})
        assert_problem(self, r, 401, "unauthenticated")
        self.assertEqual(r.json["title"], "Authentication required")
        r = api.request("GET", "/api/v1/me", headers={"Accept-Language": "fr-FR,en;q=0.5"})
        self.assertEqual(r.json["title"], "Authentification requise")
        r = api.request("GET", "/api/v1/me")
        self.assertEqual(r.json["title"], "Authentification requise")
