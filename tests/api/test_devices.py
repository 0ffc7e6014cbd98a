# SPDX-License-Identifier: EUPL-1.2
"""Tele-alarm devices, device models and escalation plans through the HTTP API.

The coordinator registers a transmitter for a client (its DC-09 account, its model,
its AES key, how often it must call), reads, lists and changes it; the key never
comes back in any answer, nor does its sealed form. Every validation error is
asserted with its field and code, and shown to leave nothing behind. Devices are
the alarm managers' business: an operator of another antenna does not see them, an
aide is refused. The events of a device are listed newest first (the receiver's
tests fill them from real frames; here rows put in the database behind the server's
back check the paging). The models' code tables are read by any staff member and
changed by the root administrator only, with If-Match once they exist. A client's
escalation plan starts as the default one and is set, then replaced, with If-Match;
a caregiver step may only name a person linked to the client.
"""
import base64
import random
import unittest
import urllib.parse
import uuid

import harness

ctx = {}
D = "/api/v1/devices"
M = "/api/v1/device-models"
P = "/api/v1/clients"
HEX_KEY = "000102030405060708090A0B0C0D0E0F"          # 16 bytes as hex
ASCII_KEY = "Liaison-cle-1234"                         # 16 bytes as text


def setUpModule():
    t = harness.start_target(name="devices")
    ctx["t"] = t
    w = harness.World(t)
    w.add_staff("alarm_operator", w.orgs["nation"], "Julie Roux " + w.u, key="operator_nation")
    ctx["w"] = w


def tearDownModule():
    ctx["t"].close()


def account():
    """A DC-09 account unique enough for a run (and for a shared database)."""
    return "%012x" % random.getrandbits(48)


def cursor_of(text):
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


class Base(unittest.TestCase):
    def setUp(self):
        self.w = w = ctx["w"]
        self.coord = w.s("coordinator")
        self.client = w.create_client("belleville")

    def device_body(self, **over):
        body = {"client_id": self.client["id"], "account": account(), "protocol": "sia-dcs",
                "label": "Transmetteur salon", "key": HEX_KEY, "key_format": "hex",
                "supervision_s": 3600}
        body.update(over)
        return {k: v for k, v in body.items() if v is not ...}

    def create(self, who=None, **over):
        r = (who or self.coord).post(D, self.device_body(**over))
        self.assertEqual(r.status, 201, r)
        return r.json

    def assert_no_key(self, r, sealed=()):
        """No answer carries the key, in any form."""
        text = r.body.decode("utf-8", "replace")
        for secret in (HEX_KEY, HEX_KEY.lower(), ASCII_KEY) + tuple(sealed):
            self.assertNotIn(secret, text, r)

        def walk(v):
            if isinstance(v, dict):
                self.assertNotIn("key", v, r)
                self.assertNotIn("key_sealed", v, r)
                for x in v.values():
                    walk(x)
            elif isinstance(v, list):
                for x in v:
                    walk(x)
        walk(r.json)

    def sealed_key(self, device_id):
        """The key as stored, when the test can read the database (else None)."""
        if harness.external():
            return None
        rows = ctx["t"].server.sql("SELECT key_sealed FROM devices WHERE id = '%s'" % device_id)
        return rows[0][0] if rows and rows[0][0] else None


class Devices(Base):
    def test_create_read_list_change(self):
        acc = account()
        r = self.coord.post(D, self.device_body(account=acc))
        self.assertEqual(r.status, 201, r)
        d = r.json
        self.assertEqual(r.header("ETag"), '"1"')
        self.assertEqual(r.header("Location"), "%s/%s" % (D, d["id"]))
        self.assertEqual(d["org_id"], self.w.orgs["belleville"])   # the client's
        self.assertEqual(d["client_id"], self.client["id"])
        self.assertEqual(d["account"], acc.upper())
        self.assertEqual((d["protocol"], d["model_id"]), ("sia-dcs", "generic"))
        self.assertEqual((d["encrypted"], d["key_format"]), (True, "hex"))
        self.assertEqual((d["supervision_s"], d["active"], d["version"]), (3600, True, 1))
        self.assertIsNone(d["last_seen_at"])
        self.assertIsNone(d["last_path"])
        self.assertEqual(d["created_by"], self.coord.id)
        self.assertEqual(d["label"], "Transmetteur salon")
        self.assertTrue(d["created_at"].endswith("Z"))
        sealed = self.sealed_key(d["id"])
        if not harness.external():
            self.assertTrue(sealed, "the key is stored sealed")
            self.assertNotIn(HEX_KEY, sealed)
        seal = (sealed,) if sealed else ()
        self.assert_no_key(r, seal)

        r = self.coord.get("%s/%s" % (D, d["id"]))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json, d)
        self.assertEqual(r.header("ETag"), '"1"')
        self.assert_no_key(r, seal)

        r = self.coord.get("%s?client_id=%s" % (D, self.client["id"]))
        self.assertEqual(r.status, 200, r)
        self.assertEqual([it["id"] for it in r.json["items"]], [d["id"]])
        self.assertIsNone(r.json["next_cursor"])
        self.assert_no_key(r, seal)
        r = self.w.s("alarm_operator").get(D + "?limit=500")
        self.assertEqual(r.status, 200, r)
        self.assertIn(d["id"], [it["id"] for it in r.json["items"]])

        # A device in stock at the antenna (no client), without a key.
        r = self.coord.post(D, {"org_id": self.w.orgs["belleville"], "account": account(),
                                "protocol": "adm-cid", "model_id": "lampe-chute-102"})
        self.assertEqual(r.status, 201, r)
        self.assertEqual((r.json["client_id"], r.json["encrypted"], r.json["key_format"],
                          r.json["supervision_s"], r.json["label"]), (None, False, None, 0, None))

        path = "%s/%s" % (D, d["id"])
        r = self.coord.patch(path, {"label": "Transmetteur chambre", "supervision_s": 0,
                                    "active": False}, if_match=1)
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json["label"], r.json["supervision_s"], r.json["active"],
                          r.json["version"]), ("Transmetteur chambre", 0, False, 2))
        self.assertEqual(r.header("ETag"), '"2"')
        self.assertEqual((r.json["encrypted"], r.json["account"]), (True, acc.upper()))
        self.assert_no_key(r, seal)

        # A new key in another format, then no key at all.
        r = self.coord.patch(path, {"key": ASCII_KEY, "key_format": "ascii"}, if_match=2)
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json["encrypted"], r.json["key_format"]), (True, "ascii"))
        self.assert_no_key(r, seal)
        sealed2 = self.sealed_key(d["id"])
        if not harness.external():
            self.assertNotEqual(sealed2, sealed)
        # A key alone keeps the format the device has.
        r = self.coord.patch(path, {"key": "Liaison-cle-5678"}, if_match=3)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["key_format"], "ascii")
        r = self.coord.patch(path, {"key": None}, if_match=4)
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json["encrypted"], r.json["key_format"]), (False, None))
        if not harness.external():
            self.assertIsNone(self.sealed_key(d["id"]))

        # Taken back from the client, then installed at another client of the antenna.
        r = self.coord.patch(path, {"client_id": None}, if_match=5)
        self.assertEqual(r.status, 200, r)
        self.assertIsNone(r.json["client_id"])
        self.assertEqual(r.json["org_id"], self.w.orgs["belleville"])
        other = self.w.create_client("belleville")
        r = self.coord.patch(path, {"client_id": other["id"], "model_id": "lampe-chute-102",
                                    "protocol": "adm-cid", "active": True}, if_match=6)
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json["client_id"], r.json["model_id"], r.json["protocol"],
                          r.json["active"], r.json["version"]),
                         (other["id"], "lampe-chute-102", "adm-cid", True, 7))
        r = self.coord.get("%s?client_id=%s" % (D, self.client["id"]))
        self.assertEqual(r.json["items"], [])

    def test_bad_creations_are_refused_and_write_nothing(self):
        acc = account()
        nation_client = self.w.create_client("nation")
        cases = [
            ({"account": "12"}, "account", "invalid_format"),
            ({"account": "12G45"}, "account", "invalid_format"),
            ({"account": ""}, "account", "too_short"),
            ({"account": "1" * 17}, "account", "too_long"),
            ({"account": ...}, "account", "required"),
            ({"account": 1234}, "account", "invalid_type"),
            ({"protocol": "contact-id"}, "protocol", "invalid_value"),
            ({"protocol": ...}, "protocol", "required"),
            ({"model_id": "pas-un-modele"}, "model_id", "unknown_reference"),
            ({"model_id": None}, "model_id", "invalid_type"),
            ({"key_format": ...}, "key_format", "required"),
            ({"key": ...}, "key_format", "invalid_value"),
            ({"key_format": "base64"}, "key_format", "invalid_value"),
            ({"key": "ZZ" * 16}, "key", "invalid_format"),
            ({"key": HEX_KEY[:-2]}, "key", "invalid_format"),
            ({"key": "court", "key_format": "ascii"}, "key", "invalid_format"),
            ({"supervision_s": 30}, "supervision_s", "out_of_range"),
            ({"supervision_s": 604801}, "supervision_s", "out_of_range"),
            ({"supervision_s": -1}, "supervision_s", "out_of_range"),
            ({"supervision_s": "3600"}, "supervision_s", "invalid_type"),
            ({"client_id": "pas-un-id"}, "client_id", "invalid_id"),
            ({"client_id": str(uuid.uuid4())}, "client_id", "unknown_reference"),
            ({"org_id": self.w.orgs["nation"]}, "org_id", "invalid_value"),
            ({"client_id": ...}, "org_id", "required"),
            ({"client_id": None}, "org_id", "required"),
            ({"client_id": ..., "org_id": str(uuid.uuid4())}, "org_id", "unknown_reference"),
            ({"client_id": ..., "org_id": "x"}, "org_id", "invalid_id"),
            ({"label": "x" * 121}, "label", "too_long"),
            ({"active": True}, "active", "unknown_field"),
            ({"key_sealed": "abc"}, "key_sealed", "unknown_field"),
        ]
        for over, field, code in cases:
            with self.subTest(over=over):
                body = self.device_body(account=acc)
                body.update(over)
                body = {k: v for k, v in body.items() if v is not ...}
                r = self.coord.post(D, body)
                harness.assert_problem(self, r, 422, "validation_failed", [(field, code)])
                self.assert_no_key(r)
        # Several faults are told in one answer.
        r = self.coord.post(D, self.device_body(account="xyz", protocol="x", supervision_s=5))
        harness.assert_problem(self, r, 422, "validation_failed", [
            ("account", "invalid_format"), ("protocol", "invalid_value"),
            ("supervision_s", "out_of_range")])
        r = self.coord.post(D, b"{", {"Content-Type": "application/json"})
        harness.assert_problem(self, r, 400, "malformed_json")
        r = self.coord.post(D, b"{}", {"Content-Type": "text/plain"})
        harness.assert_problem(self, r, 415, "unsupported_media_type")
        # A client of the other antenna is fine for someone who manages both.
        r = self.coord.post(D, self.device_body(account=account(),
                                                client_id=nation_client["id"]))
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["org_id"], self.w.orgs["nation"])
        # Nothing was written: the account is still free.
        r = self.coord.get("%s?client_id=%s" % (D, self.client["id"]))
        self.assertEqual(r.json["items"], [])
        self.create(account=acc)

    def test_a_taken_account_is_a_conflict(self):
        acc = account()
        self.create(account=acc)
        other = self.w.create_client("belleville")
        r = self.coord.post(D, self.device_body(account=acc.upper(), client_id=other["id"]))
        harness.assert_problem(self, r, 409, "already_exists")
        r = self.coord.get("%s?client_id=%s" % (D, other["id"]))
        self.assertEqual(r.json["items"], [])

    def test_scope(self):
        d = self.create()
        path = "%s/%s" % (D, d["id"])
        far = self.w.s("operator_nation")
        for method, p in (("GET", path), ("GET", path + "/events")):
            harness.assert_problem(self, far.request(method, p), 404, "not_found")
        harness.assert_problem(self, far.patch(path, {"label": "x"}, if_match=1), 404,
                               "not_found")
        r = far.get(D + "?limit=500")
        self.assertEqual(r.status, 200, r)
        self.assertNotIn(d["id"], [it["id"] for it in r.json["items"]])
        r = far.get("%s?client_id=%s" % (D, self.client["id"]))
        self.assertEqual(r.json["items"], [])
        # A client or an organisation out of reach does not exist for them.
        r = far.post(D, self.device_body())
        harness.assert_problem(self, r, 422, "validation_failed",
                               [("client_id", "unknown_reference")])
        r = far.post(D, self.device_body(client_id=..., org_id=self.w.orgs["belleville"]))
        harness.assert_problem(self, r, 422, "validation_failed",
                               [("org_id", "unknown_reference")])
        # Their own antenna is theirs.
        r = far.post(D, self.device_body(client_id=..., org_id=self.w.orgs["nation"]))
        self.assertEqual(r.status, 201, r)

        aide = self.w.s("aide")
        harness.assert_problem(self, aide.get(D), 403, "forbidden")
        harness.assert_problem(self, aide.post(D, self.device_body()), 403, "forbidden")
        harness.assert_problem(self, aide.get(path), 403, "forbidden")
        harness.assert_problem(self, aide.get(path + "/events"), 403, "forbidden")
        harness.assert_problem(self, aide.patch(path, {"label": "x"}, if_match=1), 403,
                               "forbidden")
        # The nurse of the antenna manages its alarms.
        for who in ("nurse",):
            r = self.w.s(who).get(path)
            self.assertEqual(r.status, 200, (who, r))
        harness.assert_problem(self, self.coord.get("%s/%s" % (D, uuid.uuid4())), 404,
                               "not_found")
        harness.assert_problem(self, self.coord.get(D + "/pas-un-id"), 404, "not_found")
        r = self.w.api.request("GET", D)
        self.assertEqual(r.status, 401, r)

    def test_change_rules(self):
        d = self.create()
        path = "%s/%s" % (D, d["id"])
        harness.assert_problem(self, self.coord.patch(path, {"label": "x"}), 428,
                               "if_match_required")
        harness.assert_problem(self, self.coord.patch(path, {"label": "x"}, if_match=2), 412,
                               "version_mismatch")
        harness.assert_problem(self, self.coord.patch(path, {"label": "x"}, if_match="abc"),
                               412, "version_mismatch")
        nation_client = self.w.create_client("nation")
        cases = [
            ({"account": "ABCDEF"}, "account", "unknown_field"),
            ({"org_id": self.w.orgs["nation"]}, "org_id", "unknown_field"),
            ({"client_id": nation_client["id"]}, "client_id", "invalid_value"),
            ({"client_id": str(uuid.uuid4())}, "client_id", "unknown_reference"),
            ({"client_id": "x"}, "client_id", "invalid_id"),
            ({"model_id": "pas-un-modele"}, "model_id", "unknown_reference"),
            ({"model_id": None}, "model_id", "invalid_type"),
            ({"supervision_s": 10}, "supervision_s", "out_of_range"),
            ({"supervision_s": None}, "supervision_s", "invalid_type"),
            ({"active": "yes"}, "active", "invalid_type"),
            ({"active": None}, "active", "invalid_type"),
            ({"protocol": "x"}, "protocol", "invalid_value"),
            ({"key_format": "ascii"}, "key_format", "invalid_value"),
            ({"key": None, "key_format": "hex"}, "key_format", "invalid_value"),
            ({"key": "pas une clé"}, "key", "invalid_format"),
            ({"key": ASCII_KEY, "key_format": None}, "key_format", "required"),
            ({"label": "x" * 121}, "label", "too_long"),
        ]
        for body, field, code in cases:
            with self.subTest(body=body):
                r = self.coord.patch(path, body, if_match=1)
                harness.assert_problem(self, r, 422, "validation_failed", [(field, code)])
        r = self.coord.get(path)
        self.assertEqual(r.json, d)   # untouched, still version 1
        # A key without a format, on a device that never had one.
        r = self.coord.post(D, self.device_body(key=..., key_format=...))
        self.assertEqual(r.status, 201, r)
        r = self.coord.patch("%s/%s" % (D, r.json["id"]), {"key": ASCII_KEY}, if_match=1)
        harness.assert_problem(self, r, 422, "validation_failed", [("key_format", "required")])
        r = self.coord.patch(path, {}, if_match=1)
        self.assertEqual((r.status, r.json["version"]), (200, 2), r)

    def test_list_pages(self):
        ids = sorted(self.create()["id"] for _ in range(3))
        q = "%s?client_id=%s&limit=2" % (D, self.client["id"])
        r = self.coord.get(q)
        self.assertEqual(r.status, 200, r)
        self.assertEqual([it["id"] for it in r.json["items"]], ids[:2])
        cur = r.json["next_cursor"]
        self.assertTrue(cur)
        r = self.coord.get(q + "&cursor=" + urllib.parse.quote(cur))
        self.assertEqual([it["id"] for it in r.json["items"]], ids[2:])
        self.assertIsNone(r.json["next_cursor"])
        for query, field, code in (("limit=0", "limit", "out_of_range"),
                                   ("limit=501", "limit", "out_of_range"),
                                   ("limit=x", "limit", "invalid_format"),
                                   ("client_id=x", "client_id", "invalid_id"),
                                   ("cursor=***", "cursor", "invalid_format"),
                                   ("cursor=" + cursor_of("pas-un-id"), "cursor",
                                    "invalid_format"),
                                   ("colour=red", "colour", "unknown_field")):
            with self.subTest(query=query):
                r = self.coord.get(D + "?" + query)
                harness.assert_problem(self, r, 400, "invalid_query", [(field, code)])

    def test_events(self):
        d = self.create()
        path = "%s/%s/events" % (D, d["id"])
        r = self.coord.get(path)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json, {"device_id": d["id"], "items": [], "next_cursor": None})
        r = self.coord.get(path + "?limit=1&cursor=" + cursor_of("1700000000000000"))
        self.assertEqual((r.status, r.json["items"], r.json["next_cursor"]), (200, [], None), r)
        for query, field, code in (("limit=0", "limit", "out_of_range"),
                                   ("limit=501", "limit", "out_of_range"),
                                   ("cursor=***", "cursor", "invalid_format"),
                                   ("cursor=" + cursor_of("0"), "cursor", "invalid_format"),
                                   ("cursor=" + cursor_of("12x"), "cursor", "invalid_format"),
                                   ("client_id=" + self.client["id"], "client_id",
                                    "unknown_field")):
            with self.subTest(query=query):
                r = self.coord.get(path + "?" + query)
                harness.assert_problem(self, r, 400, "invalid_query", [(field, code)])
        if harness.external():
            return
        # Three events put behind the server's back, as the receiver would record them.
        base = 1_800_000_000_000_000
        for i in range(3):
            ctx["t"].server.sql(
                "INSERT INTO alarm_events (id, org_id, device_id, client_id, seq, fingerprint, "
                "path, message_id, qualifier, code, zone, alarm_type, event_time, received_at, "
                "body) VALUES ('%s', '%s', '%s', '%s', %d, %d, 'tcp:0.0.0.0:9000', 'ADM-CID', "
                "'1', '602', '000', 'periodic_test', 0, %d, 'x')" % (
                    uuid.uuid4(), d["org_id"], d["id"], d["client_id"], i + 1, 1000 + i,
                    base + i * 1_000_000))
        r = self.coord.get(path + "?limit=2")
        self.assertEqual(r.status, 200, r)
        self.assertEqual([it["seq"] for it in r.json["items"]], [3, 2])
        it = r.json["items"][0]
        self.assertEqual(set(it), {"id", "seq", "message_id", "qualifier", "code", "zone",
                                   "alarm_type", "event_time", "received_at", "path",
                                   "alert_id", "client_id"})
        self.assertEqual((it["message_id"], it["code"], it["alarm_type"], it["event_time"],
                          it["alert_id"], it["client_id"], it["received_at"]),
                         ("ADM-CID", "602", "periodic_test", None, None, d["client_id"],
                          "2027-01-15T08:00:02Z"))
        r = self.coord.get(path + "?limit=2&cursor=" + urllib.parse.quote(r.json["next_cursor"]))
        self.assertEqual([it["seq"] for it in r.json["items"]], [1])
        self.assertIsNone(r.json["next_cursor"])

    def test_every_call_is_in_the_clients_access_log(self):
        d = self.create()
        path = "%s/%s" % (D, d["id"])
        self.coord.get(path)
        self.coord.get(path + "/events")
        self.coord.patch(path, {"label": "y"}, if_match=1)
        want = {"device.create", "device.read", "device.events", "device.update"}

        def seen():
            r = self.coord.get("%s/%s/access-log?limit=50" % (P, self.client["id"]))
            self.assertEqual(r.status, 200, r)
            return want <= {it["action"] for it in r.json["items"]}
        self.assertTrue(harness.wait_for(seen), "missing audit entries")


class Models(Base):
    def test_list(self):
        for who in ("aide", "coordinator", "admin"):
            r = self.w.s(who).get(M)
            self.assertEqual(r.status, 200, (who, r))
        types = {t["type"]: t for t in r.json["alarm_types"]}
        self.assertEqual(types["fall"], {"type": "fall", "kind": "alarm", "severity": "critical",
                                         "escalate": True, "label_fr": "Chute détectée",
                                         "label_en": "Fall detected"})
        self.assertFalse(types["periodic_test"]["escalate"])
        models = {m["id"]: m for m in r.json["items"]}
        g = models["generic"]
        self.assertEqual(set(g), {"id", "label", "version", "updated_at", "codes"})
        self.assertIn({"protocol": "cid", "code": "602", "alarm_type": "periodic_test"},
                      g["codes"])
        self.assertIn({"protocol": "sia", "code": "MA", "alarm_type": "medical"}, g["codes"])
        self.assertIn({"protocol": "cid", "code": "102", "alarm_type": "fall"},
                      models["lampe-chute-102"]["codes"])
        # People linked to a client have no use for them.
        self.w.add_person("famille_" + self.client["id"][-6:], self.client["id"], "caregiver",
                          "Paul Martin")
        person = self.w.s("famille_" + self.client["id"][-6:])
        harness.assert_problem(self, person.get(M), 403, "forbidden")

    def put(self, who, mid, body, if_match=None):
        h = {"If-Match": '"%s"' % if_match} if if_match is not None else None
        return self.w.s(who).request("PUT", "%s/%s" % (M, mid), body, h)

    def test_create_replace_and_versions(self):
        if harness.external():
            self.skipTest("changes the server's shared models (root administrator)")
        mid = "bracelet-" + self.w.u + "-" + uuid.uuid4().hex[:6]
        body = {"label": "Bracelet chute", "codes": [
            {"protocol": "sia", "code": "MF", "alarm_type": "fall"},
            {"protocol": "cid", "code": "140", "alarm_type": "inactivity"},
            {"protocol": "cid", "code": "102", "alarm_type": "fall"}]}
        r = self.put("admin", mid, body, if_match=5)     # no such model yet
        harness.assert_problem(self, r, 412, "version_mismatch")
        r = self.put("admin", mid, body)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.header("ETag"), '"1"')
        self.assertEqual(r.header("Location"), "%s/%s" % (M, mid))
        self.assertEqual((r.json["id"], r.json["label"], r.json["version"]),
                         (mid, "Bracelet chute", 1))
        self.assertEqual(r.json["codes"], [   # in (protocol, code) order
            {"protocol": "cid", "code": "102", "alarm_type": "fall"},
            {"protocol": "cid", "code": "140", "alarm_type": "inactivity"},
            {"protocol": "sia", "code": "MF", "alarm_type": "fall"}])
        created = r.json
        r = self.coord.get(M)
        self.assertEqual({m["id"]: m for m in r.json["items"]}[mid], created)
        # A device may use it.
        self.create(model_id=mid)

        body2 = {"label": "Bracelet chute v2",
                 "codes": [{"protocol": "cid", "code": "101", "alarm_type": "medical"}]}
        harness.assert_problem(self, self.put("admin", mid, body2), 428, "if_match_required")
        r = self.put("admin", mid, body2, if_match=1)
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json["version"], r.json["label"], r.json["codes"]),
                         (2, "Bracelet chute v2", body2["codes"]))
        self.assertEqual(r.header("ETag"), '"2"')
        harness.assert_problem(self, self.put("admin", mid, body, if_match=1), 412,
                               "version_mismatch")
        r = self.coord.get(M)
        self.assertEqual({m["id"]: m for m in r.json["items"]}[mid]["codes"], body2["codes"])

    def test_bad_models(self):
        mid = "modele-" + self.w.u
        ok = {"protocol": "cid", "code": "602", "alarm_type": "periodic_test"}

        def codes(*items):
            return {"label": "Modèle", "codes": list(items)}
        cases = [
            (codes(dict(ok, code="60")), "codes[0].code", "invalid_format"),
            (codes(dict(ok, code="6O2")), "codes[0].code", "invalid_format"),
            (codes(ok, dict(ok, protocol="sia", code="rp")), "codes[1].code", "invalid_format"),
            (codes(dict(ok, protocol="sia", code="RPX")), "codes[0].code", "invalid_format"),
            (codes(dict(ok, protocol="ademco")), "codes[0].protocol", "invalid_value"),
            (codes(dict(ok, alarm_type="tsunami")), "codes[0].alarm_type", "unknown_reference"),
            (codes(ok, dict(ok, alarm_type="medical")), "codes[1].code", "duplicate_field"),
            (codes(dict(ok, zone="1")), "codes[0].zone", "unknown_field"),
            (codes({"protocol": "cid", "code": "602"}), "codes[0].alarm_type", "required"),
            (codes("602"), "codes[0]", "invalid_type"),
            (codes(*[dict(ok, code="%03d" % i) for i in range(201)]), "codes", "too_long"),
            ({"label": "Modèle", "codes": "602"}, "codes", "invalid_type"),
            ({"label": "Modèle"}, "codes", "required"),
            ({"codes": [ok]}, "label", "required"),
            ({"label": "", "codes": [ok]}, "label", "too_short"),
            (dict(codes(ok), version=1), "version", "unknown_field"),
        ]
        for body, field, code in cases:
            with self.subTest(field=field, code=code):
                r = self.put("admin", mid, body)
                harness.assert_problem(self, r, 422, "validation_failed", [(field, code)])
        for bad in ("Majuscule", "sous_tiret", "x" * 65):
            r = self.put("admin", bad, codes(ok))
            harness.assert_problem(self, r, 422, "validation_failed", [("id", "invalid_format")])
        r = self.coord.get(M)
        self.assertNotIn(mid, [m["id"] for m in r.json["items"]])
        # 200 codes is the most a model holds.
        if not harness.external():
            r = self.put("admin", mid, codes(*[dict(ok, code="%03d" % i) for i in range(200)]))
            self.assertEqual((r.status, len(r.json["codes"])), (201, 200), r)

    def test_only_the_root_administrator_changes_models(self):
        body = {"label": "Modèle", "codes": []}
        for who in ("coordinator", "alarm_operator", "nurse", "aide"):
            r = self.put(who, "interdit-" + self.w.u, body)
            harness.assert_problem(self, r, 403, "forbidden", msg=who)
        r = self.coord.get(M)
        self.assertNotIn("interdit-" + self.w.u, [m["id"] for m in r.json["items"]])


class EscalationPlans(Base):
    def plan_path(self, client=None):
        return "%s/%s/escalation-plan" % (P, (client or self.client)["id"])

    def put(self, steps, if_match=None, who=None, client=None, body=None):
        h = {"If-Match": '"%s"' % if_match} if if_match is not None else None
        return (who or self.coord).request("PUT", self.plan_path(client),
                                           body if body is not None else {"steps": steps}, h)

    def test_default_set_replace(self):
        r = self.coord.get(self.plan_path())
        self.assertEqual(r.status, 200, r)
        self.assertIsNone(r.header("ETag"))
        self.assertEqual(r.json, {
            "client_id": self.client["id"], "version": 0, "default": True,
            "updated_at": None, "updated_by": None,
            "steps": [{"kind": "on_duty", "label": "Opérateur de permanence", "phone": None,
                       "account_id": None, "timeout_s": 120}]})

        fam = self.w.add_person("aidant_" + self.client["id"][-6:], self.client["id"],
                                "caregiver", "Marie Dupont")
        steps = [
            {"kind": "on_duty", "label": "Permanence", "timeout_s": 60},
            {"kind": "caregiver", "label": "Sa fille", "phone": "+33 6 12 34 56 78",
             "account_id": fam["id"], "timeout_s": 300},
            {"kind": "emergency", "label": "SAMU", "phone": "112", "timeout_s": 60}]
        r = self.put(steps)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.header("ETag"), '"1"')
        self.assertEqual((r.json["version"], r.json["default"], r.json["updated_by"]),
                         (1, False, self.coord.id))
        self.assertEqual(r.json["steps"][0], dict(steps[0], phone=None, account_id=None))
        self.assertEqual(r.json["steps"][1], steps[1])
        self.assertEqual(r.json["steps"][2], dict(steps[2], account_id=None))
        r2 = self.coord.get(self.plan_path())
        self.assertEqual((r2.status, r2.json, r2.header("ETag")), (200, r.json, '"1"'), r2)

        again = steps[:1]
        harness.assert_problem(self, self.put(again), 428, "if_match_required")
        r = self.put(again, if_match=1)
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json["version"], len(r.json["steps"])), (2, 1))
        self.assertEqual(r.header("ETag"), '"2"')
        harness.assert_problem(self, self.put(steps, if_match=1), 412, "version_mismatch")
        # No plan yet: an If-Match of a version that does not exist is stale.
        other = self.w.create_client("belleville")
        harness.assert_problem(self, self.put(steps[:1], if_match=2, client=other), 412,
                               "version_mismatch")
        r = self.put(steps[:1], if_match=0, client=other)
        self.assertEqual(r.status, 201, r)

    def test_bad_plans(self):
        step = {"kind": "on_duty", "label": "Permanence", "timeout_s": 60}
        cases = [
            (None, {}, "steps", "required"),
            (None, {"steps": None}, "steps", "required"),
            (None, {"steps": "x"}, "steps", "invalid_type"),
            (None, {"steps": [step], "mode": "x"}, "mode", "unknown_field"),
            ([], None, "steps", "too_short"),
            ([step] * 9, None, "steps", "too_long"),
            (["x"], None, "steps[0]", "invalid_type"),
            ([dict(step, kind="pompiers")], None, "steps[0].kind", "invalid_value"),
            ([{"kind": "emergency", "label": "SAMU", "phone": "112", "timeout_s": 60}, step],
             None, "steps[0].kind", "invalid_value"),
            ([dict(step, kind="caregiver")], None, "steps[0].phone", "required"),
            ([step, dict(step, timeout_s=10)], None, "steps[1].timeout_s", "out_of_range"),
            ([dict(step, timeout_s=3601)], None, "steps[0].timeout_s", "out_of_range"),
            ([dict(step, label="")], None, "steps[0].label", "too_short"),
            ([dict(step, colour="red")], None, "steps[0].colour", "unknown_field"),
            ([dict(step, account_id="x")], None, "steps[0].account_id", "invalid_id"),
            ([dict(step, phone="appelez-moi")], None, "steps[0].phone", "invalid_format"),
        ]
        for steps, body, field, code in cases:
            with self.subTest(field=field, code=code):
                r = self.put(steps, body=body)
                harness.assert_problem(self, r, 422, "validation_failed", [(field, code)])
        r = self.coord.get(self.plan_path())
        self.assertEqual((r.json["default"], r.json["version"]), (True, 0))

    def test_a_caregiver_step_names_a_person_linked_to_the_client(self):
        other = self.w.create_client("belleville")
        stranger = self.w.add_person("voisin_" + other["id"][-6:], other["id"], "caregiver",
                                     "Luc Bernard")
        cg = {"kind": "caregiver", "label": "Aidant", "phone": "0612345678", "timeout_s": 120}
        for account_id in (stranger["id"], self.coord.id, str(uuid.uuid4())):
            with self.subTest(account_id=account_id):
                r = self.put([{"kind": "on_duty", "label": "Permanence", "timeout_s": 60},
                              dict(cg, account_id=account_id)])
                harness.assert_problem(self, r, 422, "validation_failed",
                                       [("steps[1].account_id", "unknown_reference")])
        r = self.put([dict(cg, account_id=stranger["id"])], client=other)
        self.assertEqual(r.status, 201, r)
        # Without an account the caregiver is just a number to dial.
        r = self.put([cg])
        self.assertEqual(r.status, 201, r)

    def test_scope(self):
        step = [{"kind": "on_duty", "label": "Permanence", "timeout_s": 60}]
        far = self.w.s("operator_nation")
        harness.assert_problem(self, far.get(self.plan_path()), 404, "not_found")
        harness.assert_problem(self, self.put(step, who=far), 404, "not_found")
        aide = self.w.s("aide")
        harness.assert_problem(self, aide.get(self.plan_path()), 403, "forbidden")
        harness.assert_problem(self, self.put(step, who=aide), 403, "forbidden")
        for who in ("nurse", "alarm_operator"):
            r = self.w.s(who).get(self.plan_path())
            self.assertEqual(r.status, 200, (who, r))
        r = self.put(step, who=self.w.s("alarm_operator"))
        self.assertEqual(r.status, 201, r)
        harness.assert_problem(self, self.coord.get("%s/%s/escalation-plan" % (P, uuid.uuid4())),
                               404, "not_found")
        harness.assert_problem(self, self.coord.get("%s/x/escalation-plan" % P), 404,
                               "not_found")

        def audited():
            r = self.coord.get("%s/%s/access-log?limit=50" % (P, self.client["id"]))
            return {"escalation_plan.read", "escalation_plan.update"} <= \
                {it["action"] for it in r.json["items"]}
        self.assertTrue(harness.wait_for(audited), "missing audit entries")


if __name__ == "__main__":
    unittest.main()
