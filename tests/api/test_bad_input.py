# SPDX-License-Identifier: EUPL-1.2
"""Bad requests, one table: every row is refused with the right problem, and nothing
changes.

Each row is (description, method, path, headers, body, expected status, expected
code, expected field errors (a subset of errors[])), plus options. Paths, headers and
bodies may be callables of the fixture, for ids only known at run time. The pseudo
header "@as" names the account whose bearer token is sent ("coordinator" unless
given; None sends no Authorization at all).

After every row the test reads, as the users would, what the row must not have
changed: the clients the coordinator and the EHPAD's aide-soignante can list (ids and
versions), the two records used by the rows (body and ETag), and for account rows the
account concerned. Rows that need a server configured otherwise (session TTL of one
second, login throttling) run on servers of their own, started for them.
"""
import datetime
import json
import time
import unittest
import uuid

import harness
from harness import OID_NIR, OID_TEST, PASSWORD, assert_problem

P = "/api/v1/clients"
TOKEN_LEN = 43  # base64url of 32 random bytes, the length of a real token

ctx = {}


def setUpModule():
    t = harness.start_target(name="bad-input")
    ctx["target"] = t
    w = harness.World(t)
    ctx["w"] = w
    # A client of Antenne Belleville, already changed once (version 2): a stale
    # If-Match "1" is then a real, earlier version.
    c1 = w.create_client("belleville")
    r = w.s("coordinator").patch("%s/%s" % (P, c1["id"]), {"phone": "01 40 00 00 02"}, if_match=1)
    assert r.status == 200, r
    ctx["c1"] = r.json
    ctx["ehpad"] = w.create_client("ehpad", who="admin")


def tearDownModule():
    if "target" in ctx:
        ctx["target"].close()


def body(**over):
    """A valid client body, unique each call, with fields replaced or removed (...)."""
    return ctx["w"].client_body("belleville", **over)


def raw(obj):
    return json.dumps(obj).encode()


def ins(matricule, oid=OID_NIR):
    return {"matricule": matricule, "oid": oid}


INSI = {"insi_lookup": True, "document": None}
TOMORROW = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
C1 = lambda f: "%s/%s" % (P, ctx["c1"]["id"])  # noqa: E731
EH = lambda f: "%s/%s" % (P, ctx["ehpad"]["id"])  # noqa: E731
IF2 = {"If-Match": '"2"'}
JSON = {"Content-Type": "application/json"}


def row(desc, method, path, headers, body_, status, code, fields=(), **opts):
    return dict(desc=desc, method=method, path=path, headers=headers, body=body_,
                status=status, code=code, fields=tuple(fields), opts=opts)


def nested(depth):
    return b'{"birth_name": ' + b"[" * depth + b"]" * depth + b"}"


def dup_field_body(f):
    b = body()
    text = json.dumps(b)
    return (text[:-1] + ', "birth_name": "Autre"}').encode()


def oversized(f):
    return raw(body(address_line=None, city="x" * (20 * 1024)))


def oversized_chunks(f):
    data = oversized(f)
    return [data[i:i + 4096] for i in range(0, len(data), 4096)]


def allow_header(tc, r):
    # RFC 9110 15.5.6: a 405 reply must list the methods the resource supports.
    tc.assertTrue(r.header("Allow"), "405 without an Allow header")


def www_authenticate(tc, r):
    # RFC 9110 15.5.2: a 401 reply must carry a challenge.
    tc.assertTrue(r.header("WWW-Authenticate"), "401 without WWW-Authenticate")


ROWS = [
    # --- body syntax
    row("malformed JSON", "POST", P, JSON, b'{"birth_name": "Dupont",', 400, "malformed_json"),
    row("JSON array instead of object", "POST", P, JSON, lambda f: raw([body()]), 400,
        "malformed_json"),
    row("JSON string instead of object", "POST", P, JSON, b'"Dupont"', 400, "malformed_json"),
    row("empty body", "POST", P, JSON, b"", 400, "malformed_json"),
    row("escaped NUL in a string", "POST", P, JSON,
        lambda f: raw(body(birth_name="Du\u0000pont")), 400, "malformed_json"),
    row("JSON nested 40 levels deep", "POST", P, JSON, nested(40), 400, "malformed_json"),
    row("bad UTF-8 bytes", "POST", P, JSON,
        lambda f: raw(body(city="@@")).replace(b"@@", b"\xff\xfe"), 400, "invalid_utf8"),
    row("overlong UTF-8 encoding of '/'", "POST", P, JSON,
        lambda f: raw(body(city="@@")).replace(b"@@", b"\xc0\xaf"), 400, "invalid_utf8"),
    row("no Content-Type", "POST", P, {}, lambda f: raw(body()), 415, "unsupported_media_type"),
    row("Content-Type text/plain", "POST", P, {"Content-Type": "text/plain"},
        lambda f: raw(body()), 415, "unsupported_media_type"),
    row("Content-Type application/jsonx", "POST", P, {"Content-Type": "application/jsonx"},
        lambda f: raw(body()), 415, "unsupported_media_type"),
    row("body of 20 KB, over the route's 16 KiB", "POST", P, JSON, oversized, 413,
        "body_too_large"),
    row("body of 20 KB sent chunked (no Content-Length)", "POST", P, JSON, oversized_chunks,
        413, "body_too_large"),
    # --- field validation
    row("wrong JSON types", "POST", P, JSON,
        lambda f: raw(body(birth_name=42, birth_given_names=["Jeanne"], gir="4",
                           identity_evidence="oui")), 422, "validation_failed",
        [("birth_name", "invalid_type"), ("birth_given_names", "invalid_type"),
         ("gir", "invalid_type"), ("identity_evidence", "invalid_type")]),
    row("gir not an integer", "POST", P, JSON, lambda f: raw(body(gir=2.5)), 422,
        "validation_failed", [("gir", "invalid_type")]),
    row("unknown field", "POST", P, JSON, lambda f: raw(body(nickname="Jeannette")), 422,
        "validation_failed", [("nickname", "unknown_field")]),
    row("duplicate field", "POST", P, JSON, dup_field_body, 422, "validation_failed",
        [("birth_name", "duplicate_field")]),
    row("required fields missing", "POST", P, JSON,
        lambda f: raw({"org_id": ctx["w"].orgs["belleville"]}), 422, "validation_failed",
        [("birth_name", "required"), ("birth_given_names", "required"), ("sex", "required"),
         ("birth_date", "required")]),
    row("birth name null", "POST", P, JSON, lambda f: raw(body(birth_name=None)), 422,
        "validation_failed", [("birth_name", "required")]),
    row("empty birth name", "POST", P, JSON, lambda f: raw(body(birth_name="")), 422,
        "validation_failed", [("birth_name", "too_short")]),
    row("birth name of 101 characters", "POST", P, JSON,
        lambda f: raw(body(birth_name="é" * 101)), 422, "validation_failed",
        [("birth_name", "too_long")]),
    row("sex X", "POST", P, JSON, lambda f: raw(body(sex="X")), 422, "validation_failed",
        [("sex", "invalid_value")]),
    row("org_id not a UUID", "POST", P, JSON, lambda f: raw(body(org_id="belleville")), 422,
        "validation_failed", [("org_id", "invalid_id")]),
    row("org_id unknown", "POST", P, JSON, lambda f: raw(body(org_id=str(uuid.uuid4()))), 422,
        "validation_failed", [("org_id", "unknown_reference")]),
    row("org_id out of the coordinator's scope (EHPAD)", "POST", P, JSON,
        lambda f: raw(body(org_id=ctx["w"].orgs["ehpad"])), 422, "validation_failed",
        [("org_id", "unknown_reference")]),
    row("postal code of 4 digits", "POST", P, JSON, lambda f: raw(body(postal_code="7502")),
        422, "validation_failed", [("postal_code", "invalid_format")]),
    row("phone with letters", "POST", P, JSON, lambda f: raw(body(phone="zero six")), 422,
        "validation_failed", [("phone", "invalid_format")]),
    row("birth place code 7505X", "POST", P, JSON,
        lambda f: raw(body(birth_place_code="7505X")), 422, "validation_failed",
        [("birth_place_code", "invalid_format")]),
    row("birth date in the future", "POST", P, JSON, lambda f: raw(body(birth_date=TOMORROW)),
        422, "validation_failed", [("birth_date", "invalid_date")]),
    row("birth date 1950-02-30", "POST", P, JSON, lambda f: raw(body(birth_date="1950-02-30")),
        422, "validation_failed", [("birth_date", "invalid_date")]),
    row("birth date 'hier'", "POST", P, JSON, lambda f: raw(body(birth_date="hier")), 422,
        "validation_failed", [("birth_date", "invalid_date")]),
    row("birth date 15/03/1950", "POST", P, JSON, lambda f: raw(body(birth_date="15/03/1950")),
        422, "validation_failed", [("birth_date", "invalid_date")]),
    row("gir 7", "POST", P, JSON, lambda f: raw(body(gir=7)), 422, "validation_failed",
        [("gir", "out_of_range")]),
    row("gir 0", "POST", P, JSON, lambda f: raw(body(gir=0)), 422, "validation_failed",
        [("gir", "out_of_range")]),
    row("identity document PERMIS", "POST", P, JSON,
        lambda f: raw(body(identity_evidence={"insi_lookup": False, "document": "PERMIS"})), 422,
        "validation_failed", [("identity_evidence.document", "invalid_value")]),
    # --- INS
    row("INS matricule with a wrong key", "POST", P, JSON,
        lambda f: raw(body(sex="F", birth_date="1995-10-12", ins=ins("295109912611199"),
                           identity_evidence=INSI)), 422, "validation_failed",
        [("ins.matricule", "invalid_ins_key")]),
    row("INS matricule badly formed", "POST", P, JSON,
        lambda f: raw(body(sex="M", birth_date="1953-07-01", ins=ins("253072C07300443"),
                           identity_evidence=INSI)), 422, "validation_failed",
        [("ins.matricule", "invalid_format")]),
    row("INS on a provisional identity (no evidence)", "POST", P, JSON,
        lambda f: raw(body(sex="F", birth_date="1979-03-15", ins=ins("279035121518989"))), 422,
        "validation_failed", [("ins", "ins_not_allowed")]),
    row("INS with evidence all negative (PROV)", "POST", P, JSON,
        lambda f: raw(body(sex="F", birth_date="1979-03-15", ins=ins("279035121518989"),
                           identity_evidence={"insi_lookup": False, "document": None})), 422,
        "validation_failed", [("ins", "ins_not_allowed")]),
    row("INS with an unknown OID", "POST", P, JSON,
        lambda f: raw(body(sex="F", birth_date="1979-03-15",
                           ins=ins("279035121518989", "1.2.3.4"), identity_evidence=INSI)),
        422, "validation_failed", [("ins.oid", "ins_not_allowed")]),
    row("INS without OID", "POST", P, JSON,
        lambda f: raw(body(sex="F", birth_date="1979-03-15",
                           ins={"matricule": "279035121518989"}, identity_evidence=INSI)),
        422, "validation_failed", [("ins.oid", "required")]),
    row("INS of a woman on a man", "POST", P, JSON,
        lambda f: raw(body(sex="M", birth_date="1979-03-15", ins=ins("279035121518989", OID_TEST),
                           identity_evidence=INSI)), 422, "validation_failed",
        [("ins.matricule", "ins_traits_mismatch")]),
    row("INS born 1979-03, traits 1979-04", "POST", P, JSON,
        lambda f: raw(body(sex="F", birth_date="1979-04-15", ins=ins("279035121518989"),
                           identity_evidence=INSI)), 422, "validation_failed",
        [("ins.matricule", "ins_traits_mismatch")]),
    row("Idempotency-Key of 300 characters", "POST", P, dict(JSON, **{"Idempotency-Key": "k" * 300}),
        lambda f: raw(body()), 422, "validation_failed"),
    # --- PATCH and versions
    row("PATCH with a stale If-Match", "PATCH", C1, dict(JSON, **{"If-Match": '"1"'}),
        b'{"phone": "01 40 00 00 99"}', 412, "version_mismatch"),
    row("PATCH with If-Match of a future version", "PATCH", C1, dict(JSON, **{"If-Match": '"3"'}),
        b'{"phone": "01 40 00 00 99"}', 412, "version_mismatch"),
    row("PATCH without If-Match", "PATCH", C1, JSON, b'{"phone": "01 40 00 00 99"}', 428,
        "if_match_required"),
    row("PATCH with If-Match 'abc'", "PATCH", C1, dict(JSON, **{"If-Match": "abc"}),
        b'{"phone": "01 40 00 00 99"}', 412, "version_mismatch"),
    row("PATCH malformed JSON", "PATCH", C1, dict(JSON, **IF2), b'{"phone": ', 400,
        "malformed_json"),
    row("PATCH text/plain", "PATCH", C1, {"Content-Type": "text/plain", "If-Match": '"2"'},
        b'{"phone": "01 40 00 00 99"}', 415, "unsupported_media_type"),
    row("PATCH org_id (not changeable)", "PATCH", C1, dict(JSON, **IF2),
        lambda f: raw({"org_id": ctx["w"].orgs["nation"]}), 422, "validation_failed",
        [("org_id", "unknown_field")]),
    row("PATCH birth name null", "PATCH", C1, dict(JSON, **IF2), b'{"birth_name": null}', 422,
        "validation_failed", [("birth_name", "required")]),
    row("PATCH wrong types", "PATCH", C1, dict(JSON, **IF2), b'{"gir": "deux", "city": 75}',
        422, "validation_failed", [("gir", "invalid_type"), ("city", "invalid_type")]),
    row("PATCH gir 7", "PATCH", C1, dict(JSON, **IF2), b'{"gir": 7}', 422, "validation_failed",
        [("gir", "out_of_range")]),
    row("PATCH birth date in the future", "PATCH", C1, dict(JSON, **IF2),
        raw({"birth_date": TOMORROW}), 422, "validation_failed", [("birth_date", "invalid_date")]),
    row("PATCH INS with a wrong key", "PATCH", C1, dict(JSON, **IF2),
        raw({"ins": ins("295109912611199"), "identity_evidence": INSI}), 422,
        "validation_failed", [("ins.matricule", "invalid_ins_key")]),
    row("PATCH INS on a provisional identity", "PATCH", C1, dict(JSON, **IF2),
        raw({"sex": "F", "birth_date": "1979-03-15", "ins": ins("279035121518989")}), 422,
        "validation_failed", [("ins", "ins_not_allowed")]),
    row("PATCH 20 KB body", "PATCH", C1, dict(JSON, **IF2),
        raw({"city": "x" * 20 * 1024}), 413, "body_too_large"),
    row("PATCH unknown client", "PATCH", lambda f: "%s/%s" % (P, uuid.uuid4()),
        dict(JSON, **{"If-Match": '"1"'}), b'{"phone": "01 40 00 00 99"}', 404, "not_found"),
    row("PATCH by the alarm operator (in scope, not permitted)", "PATCH", C1,
        dict(JSON, **IF2, **{"@as": "alarm_operator"}), b'{"phone": "01 40 00 00 99"}', 403,
        "forbidden"),
    row("PATCH by the aide (in scope, not permitted)", "PATCH", C1,
        dict(JSON, **IF2, **{"@as": "aide"}), b'{"phone": "01 40 00 00 99"}', 403, "forbidden"),
    row("PATCH by the EHPAD's aide-soignante (out of scope)", "PATCH", C1,
        dict(JSON, **IF2, **{"@as": "aide_soignant"}), b'{"phone": "01 40 00 00 99"}', 404,
        "not_found"),
    row("POST a client by the aide (not permitted)", "POST", P, dict(JSON, **{"@as": "aide"}),
        lambda f: raw(body()), 403, "forbidden"),
    # --- reading
    row("GET unknown client id", "GET", lambda f: "%s/%s" % (P, uuid.uuid4()), {}, None, 404,
        "not_found"),
    row("GET non-UUID client id", "GET", P + "/not-a-uuid", {}, None, 404, "not_found"),
    row("GET access log of an unknown client", "GET",
        lambda f: "%s/%s/access-log" % (P, uuid.uuid4()), {}, None, 404, "not_found"),
    row("aide of Antenne Belleville reads a client of the EHPAD", "GET", EH, {"@as": "aide"},
        None, 404, "not_found"),
    row("aide of Antenne Belleville reads its access log", "GET", lambda f: EH(f) + "/access-log",
        {"@as": "aide"}, None, 404, "not_found"),
    row("alarm operator reads the access log (in scope, not permitted)", "GET",
        lambda f: C1(f) + "/access-log", {"@as": "alarm_operator"}, None, 403, "forbidden"),
    row("unknown route", "GET", "/api/v1/clientz", {}, None, 404, "route_not_found"),
    row("unknown API version", "GET", "/api/v2/clients", {}, None, 404, "route_not_found"),
    row("wrong method DELETE on a client", "DELETE", C1, {}, None, 405, "method_not_allowed",
        extra=allow_header),
    row("wrong method PUT on the client list", "PUT", P, JSON, lambda f: raw(body()), 405,
        "method_not_allowed", extra=allow_header),
    row("no token", "GET", P, {"@as": None}, None, 401, "unauthenticated",
        extra=www_authenticate),
    row("no token on a create", "POST", P, dict(JSON, **{"@as": None}), lambda f: raw(body()),
        401, "unauthenticated", extra=www_authenticate),
    row("garbage token", "GET", P, {"@as": None, "Authorization": "Bearer garbage"}, None, 401,
        "unauthenticated", extra=www_authenticate),
    row("well-formed but unknown token", "PATCH", C1,
        dict(JSON, **IF2, **{"@as": None, "Authorization": "Bearer " + "A" * TOKEN_LEN}),
        b'{"phone": "01 40 00 00 99"}', 401, "unauthenticated", extra=www_authenticate),
    row("Basic authentication", "GET", P, {"@as": None, "Authorization": "Basic YWRtaW46YWRtaW4="},
        None, 401, "unauthenticated"),
    # --- query strings
    row("unknown query parameter", "GET", P + "?nom=dupont", {}, None, 400, "invalid_query",
        [("nom", "unknown_field")]),
    row("query parameter on a record", "GET", lambda f: C1(f) + "?fields=all", {}, None, 400,
        "invalid_query", [("fields", "unknown_field")]),
    row("limit=0", "GET", P + "?limit=0", {}, None, 400, "invalid_query",
        [("limit", "out_of_range")]),
    row("limit=abc", "GET", P + "?limit=abc", {}, None, 400, "invalid_query",
        [("limit", "invalid_format")]),
    row("limit=201", "GET", P + "?limit=201", {}, None, 400, "invalid_query",
        [("limit", "out_of_range")]),
    row("limit given twice", "GET", P + "?limit=5&limit=6", {}, None, 400, "invalid_query",
        [("limit", "duplicate_field")]),
    row("cursor garbage", "GET", P + "?cursor=%21%21%21", {}, None, 400, "invalid_query",
        [("cursor", "invalid_format")]),
    row("birth_date=1950-13-01", "GET", P + "?birth_date=1950-13-01", {}, None, 400,
        "invalid_query", [("birth_date", "invalid_date")]),
    row("ins=123", "GET", P + "?ins=123", {}, None, 400, "invalid_query",
        [("ins", "invalid_format")]),
    row("bad percent-encoding", "GET", P + "?name=%zz", {}, None, 400, "invalid_query"),
    row("access log limit=0", "GET", lambda f: C1(f) + "/access-log?limit=0", {}, None, 400,
        "invalid_query", [("limit", "out_of_range")]),
    # --- sign-in and accounts
    row("sign-in with malformed JSON", "POST", "/api/v1/sessions", dict(JSON, **{"@as": None}),
        b'{"login": ', 400, "malformed_json"),
    row("sign-in without password", "POST", "/api/v1/sessions", dict(JSON, **{"@as": None}),
        b'{"login": "admin"}', 422, "validation_failed", [("password", "required")]),
    row("sign-in as text/plain", "POST", "/api/v1/sessions",
        {"@as": None, "Content-Type": "text/plain"}, b'{"login": "a", "password": "b"}', 415,
        "unsupported_media_type"),
    row("account with a weak password", "POST", "/api/v1/accounts", dict(JSON, **{"@as": "admin"}),
        lambda f: raw({"login": "weak-" + ctx["w"].u, "password": "court", "display_name": "X",
                       "kind": "staff", "org_id": ctx["w"].orgs["belleville"],
                       "roles": [{"role": "aide", "org_id": ctx["w"].orgs["belleville"]}]}),
        422, "validation_failed", [("password", "weak_password")], account=("weak", "court")),
    row("account with an unknown role", "POST", "/api/v1/accounts",
        dict(JSON, **{"@as": "admin"}),
        lambda f: raw({"login": "chef-" + ctx["w"].u, "password": PASSWORD, "display_name": "X",
                       "kind": "staff", "org_id": ctx["w"].orgs["belleville"],
                       "roles": [{"role": "chef", "org_id": ctx["w"].orgs["belleville"]}]}),
        422, "validation_failed", [("roles[0].role", "invalid_value")], account=("chef", PASSWORD)),
    row("account whose login is taken", "POST", "/api/v1/accounts",
        dict(JSON, **{"@as": "admin"}),
        lambda f: raw({"login": ctx["w"].logins["aide"], "password": "un-autre-mot-de-passe",
                       "display_name": "Imposteur", "kind": "staff",
                       "org_id": ctx["w"].orgs["belleville"],
                       "roles": [{"role": "coordinator", "org_id": ctx["w"].orgs["assoc"]}]}),
        409, "login_taken", account=("aide", PASSWORD)),
    row("account created by a coordinator", "POST", "/api/v1/accounts",
        dict(JSON, **{"@as": "coordinator"}),
        lambda f: raw({"login": "parcoord-" + ctx["w"].u, "password": PASSWORD,
                       "display_name": "X", "kind": "staff",
                       "org_id": ctx["w"].orgs["belleville"],
                       "roles": [{"role": "aide", "org_id": ctx["w"].orgs["belleville"]}]}),
        403, "forbidden", account=("parcoord", PASSWORD)),
]


class BadInput(unittest.TestCase):
    maxDiff = 4000

    def snapshot(self):
        w = ctx["w"]
        snap = {
            "coordinator lists": w.all_clients("coordinator"),
            "aide-soignante lists": w.all_clients("aide_soignant"),
        }
        for key, who in (("c1", "coordinator"), ("ehpad", "admin")):
            r = w.s(who).get("%s/%s" % (P, ctx[key]["id"]))
            self.assertEqual(r.status, 200, r)
            snap[key] = (r.header("ETag"), r.json)
        return snap

    def account_state(self, acct):
        """What an administrator sees of the account a row touched."""
        key, password = acct
        w = ctx["w"]
        login = w.logins.get(key)
        if not login:
            # A login the row tried to create: it must not exist (sign-in refused).
            return ("login usable", w.api.login("%s-%s" % (key, w.u), password).status == 201)
        s = w.api.session(login, PASSWORD)  # still signs in with its own password
        r = w.s("admin").get("/api/v1/accounts/" + s.id)
        return (r.status, r.json)

    def check_reply(self, r, rw, where):
        assert_problem(self, r, rw["status"], rw["code"], rw["fields"], where)
        self.assertEqual(r.json.get("request_id"), r.header("X-Request-Id"), where)
        self.assertFalse(r.header("Set-Cookie"), "an error reply sets a cookie " + where)
        self.assertNotIn("token", r.json, where)
        if rw["opts"].get("extra"):
            rw["opts"]["extra"](self, r)

    def send(self, rw):
        w = ctx["w"]
        val = lambda v: v(ctx) if callable(v) else v  # noqa: E731
        headers = dict(val(rw["headers"]) or {})
        who = headers.pop("@as", "coordinator")
        if who:
            headers["Authorization"] = "Bearer " + w.s(who).token
        b = val(rw["body"])
        if isinstance(b, list):
            return self.send_chunked(rw["method"], val(rw["path"]), headers, b)
        return w.api.request(rw["method"], val(rw["path"]), b, headers)

    def send_chunked(self, method, path, headers, chunks):
        import http.client
        api = ctx["w"].api
        conn = http.client.HTTPConnection(api.host, api.port, timeout=60)
        try:
            try:
                conn.request(method, path, body=iter(chunks), headers=headers,
                             encode_chunked=True)
            except (BrokenPipeError, ConnectionResetError):
                pass
            resp = conn.getresponse()
            return harness.Response(resp.status, resp.getheaders(), resp.read())
        finally:
            conn.close()

    def test_bad_requests_are_refused_and_change_nothing(self):
        failures = []
        before = self.snapshot()
        for i, rw in enumerate(ROWS):
            where = "[row %d: %s]" % (i, rw["desc"])
            try:
                acct = rw["opts"].get("account")
                acct_before = self.account_state(acct) if acct else None
                r = self.send(rw)
                self.check_reply(r, rw, where)
                after = self.snapshot()
                self.assertEqual(after, before, "data changed " + where)
                if acct:
                    self.assertEqual(self.account_state(acct), acct_before,
                                     "account changed " + where)
            except AssertionError as e:
                failures.append("%s %s" % (where, e))
                before = self.snapshot()
        for name, fn in SPECIAL_ROWS:
            try:
                fn(self)
            except AssertionError as e:
                failures.append("[%s] %s" % (name, e))
            except unittest.SkipTest as e:
                print("    (row skipped: %s: %s)" % (name, e))
        if failures:
            self.fail("%d of %d rows failed:\n\n%s" % (
                len(failures), len(ROWS) + len(SPECIAL_ROWS), "\n\n".join(failures)))


# --- rows that need a server of their own ------------------------------------------


def expired_session(tc):
    """--session-ttl 1: two seconds later the token answers 401 session_expired."""
    harness.require_local(tc)
    srv = harness.Server(["--session-ttl", "1"], name="ttl").start()
    try:
        t = harness.Target(srv)
        r = t.api.login(t.admin_login, t.admin_password)
        tc.assertEqual(r.status, 201, r)
        token = r.json["token"]
        time.sleep(2.1)
        r = t.api.request("GET", "/api/v1/me", token=token)
        assert_problem(tc, r, 401, "session_expired", msg="[expired session, GET /me]")
        www_authenticate(tc, r)
        r = t.api.request("POST", "/api/v1/orgs", {"parent_id": str(uuid.uuid4()),
                                                   "kind": "antenna", "name": "Expirée"},
                          token=token)
        assert_problem(tc, r, 401, "session_expired", msg="[expired session, POST /orgs]")
        # Nothing changed: a fresh session still sees the same organisations.
        s = t.admin()
        names = [o["name"] for o in s.get("/api/v1/orgs").json["items"]]
        tc.assertNotIn("Expirée", names)
    finally:
        srv.close()


def throttled_logins(tc):
    """--login-max-failures 3: the account is locked, even for the right password;
    --ip-max-failures 5: then the address is refused for every login."""
    harness.require_local(tc)
    srv = harness.Server(["--login-max-failures", "3", "--ip-max-failures", "5"],
                         name="throttle").start()
    try:
        t = harness.Target(srv)
        admin = t.admin()
        root = admin.account["roles"][0]["org_id"]
        ids = {}
        for login in ("verrou", "autre"):
            r = admin.post("/api/v1/accounts", {
                "login": login, "password": PASSWORD, "display_name": login.capitalize(),
                "kind": "staff", "org_id": root, "roles": [{"role": "aide", "org_id": root}]})
            tc.assertEqual(r.status, 201, r)
            ids[login] = r.json["id"]
        state = lambda: admin.get("/api/v1/accounts/" + ids["verrou"]).json  # noqa: E731
        before = state()
        for i in range(3):
            r = t.api.login("verrou", "mauvais-mot-de-passe")
            assert_problem(tc, r, 401, "invalid_credentials", msg="[failure %d]" % (i + 1))
        r = t.api.login("verrou", PASSWORD)
        assert_problem(tc, r, 429, "too_many_attempts", msg="[locked account, right password]")
        ra = r.header("Retry-After")
        tc.assertTrue(ra and ra.isdigit() and 1 <= int(ra) <= 901, "Retry-After %r" % ra)
        tc.assertFalse(r.header("Set-Cookie"), "a refused sign-in sets a cookie")
        tc.assertEqual(state(), before, "the locked account changed")
        # The lock is per account: another account of the same address signs in.
        tc.assertEqual(t.api.login("autre", PASSWORD).status, 201)

        # Per address: 3 failures so far; 2 more reach --ip-max-failures 5.
        for i in range(2):
            r = t.api.login("inconnu-%d" % i, "mauvais-mot-de-passe")
            assert_problem(tc, r, 401, "invalid_credentials", msg="[address failure %d]" % (4 + i))
        r = t.api.login("autre", PASSWORD)
        assert_problem(tc, r, 429, "too_many_attempts", msg="[address throttled, right password]")
        ra = r.header("Retry-After")
        tc.assertTrue(ra and ra.isdigit() and 1 <= int(ra) <= 901, "Retry-After %r" % ra)
        tc.assertFalse(r.header("Set-Cookie"), "a refused sign-in sets a cookie")
        # Sessions opened before still work: throttling refuses sign-ins only.
        tc.assertEqual(admin.get("/api/v1/me").status, 200)
        tc.assertEqual(state(), before, "the locked account changed")
    finally:
        srv.close()


SPECIAL_ROWS = [
    ("expired session (--session-ttl 1)", expired_session),
    ("too many failed logins: per account, then per address", throttled_logins),
]
