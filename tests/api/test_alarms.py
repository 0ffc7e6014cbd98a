# SPDX-License-Identifier: EUPL-1.2
"""The tele-alarm chain: SIA DC-09 frames in over TCP and UDP, the ACK only once the
event is stored, duplicates recorded once, redundant paths, the code mapping of
each device model, escalation on a controllable clock, the live SSE stream with
resume, supervision of silent devices and lost paths, bad input and floods, and
kill -9 right after an ACK."""
import http.client
import json
import os
import random
import socket
import threading
import time
import unittest

import dc09
import harness
from harness import CONFIG

ctx = {}
LISTEN = ("op1=tcp://127.0.0.1:0,op1=udp://127.0.0.1:0,op2=tcp://127.0.0.1:0")


def ports(session):
    r = session.get("/api/v1/alarm/receiver")
    assert r.status == 200, r
    return {(p["name"], p["transport"]): p["port"] for p in r.json["paths"]}


def setUpModule():
    harness.require_local(unittest.TestCase())
    srv = harness.Server(["--alarm-listen", LISTEN, "--escalation-tick-ms", "100",
                          "--alarm-path-silence", "0"], name="alarms").start()
    ctx["srv"] = srv
    w = harness.World(harness.Target(srv))
    ctx["w"] = w
    ctx["ports"] = ports(w.s("alarm_operator"))


def tearDownModule():
    ctx["srv"].close()


def device(w, account, client=None, **over):
    body = {"account": account, "protocol": "adm-cid", "model_id": "generic"}
    if client:
        body["client_id"] = client["id"]
    else:
        body["org_id"] = w.orgs["belleville"]
    body.update(over)
    r = w.s("alarm_operator").post("/api/v1/devices", body)
    assert r.status == 201, r
    return r.json


def events(w, dev):
    r = w.s("alarm_operator").get("/api/v1/devices/%s/events?limit=100" % dev["id"])
    assert r.status == 200, r
    return r.json["items"]


def alerts_of(w, client, who="alarm_operator"):
    r = w.s(who).get("/api/v1/alerts?client_id=%s&limit=100" % client["id"])
    assert r.status == 200, r
    return r.json["items"]


def account():
    return "%08X" % random.getrandbits(32)


class Vectors(unittest.TestCase):
    """The frames of ../shared/reference/dc09-vectors.md, as a panel sends them."""

    def setUp(self):
        self.w = ctx["w"]
        self.tcp = dc09.Tcp(ctx["ports"][("op1", "tcp")])

    def tearDown(self):
        self.tcp.close()

    def test_vector_1_gets_the_exact_ack(self):
        dev = device(self.w, "7099")
        got = self.tcp.ask(b'\nB0AC0027"ADM-CID"0001L0#7099[#7099|1628 01 000]\r')
        self.assertEqual(got, [b'\nA62A0012"ACK"0001L0#7099[]\r'])
        ev = events(self.w, dev)
        self.assertEqual(len(ev), 1)
        self.assertEqual((ev[0]["seq"], ev[0]["code"], ev[0]["qualifier"]), (1, "628", "1"))
        # 628 is mapped by no model: recorded, and an alert asks a person to look.
        self.assertIsNone(ev[0]["alarm_type"])
        self.assertIsNotNone(ev[0]["alert_id"])

    def test_vector_2_periodic_test_no_alert(self):
        client = self.w.create_client()
        dev = device(self.w, "1002", client)
        got = self.tcp.ask(b'\n9EC40027"ADM-CID"0001L0#1002[#1002|1602 00 001]\r')
        self.assertEqual([dc09.reply_id(f) for f in got], ["ACK"])
        ev = events(self.w, dev)
        self.assertEqual([e["alarm_type"] for e in ev], ["periodic_test"])
        self.assertIsNone(ev[0]["alert_id"])
        self.assertEqual(alerts_of(self.w, client), [])
        r = self.w.s("alarm_operator").get("/api/v1/devices/" + dev["id"])
        self.assertIsNotNone(r.json["last_seen_at"])
        self.assertEqual(r.json["last_path"], "op1")

    def test_vector_4_and_9_receiver_prefix_extra_data_and_link_test(self):
        dev = device(self.w, "080027E62A64", protocol="sia-dcs")
        got = self.tcp.ask(b'\n9B6D0059"SIA-DCS"0000RC0FFDL1234#080027E62A64'
                           b'[#080027E62A64|NHB0003][E115000]_14:25:17,06-22-2015\r')
        self.assertEqual(got, [dc09.frame(b'"ACK"0000RC0FFDL1234#080027E62A64[]')])
        ev = events(self.w, dev)
        self.assertEqual((ev[0]["code"], ev[0]["zone"]), ("HB", "0003"))
        got = self.tcp.ask(b'\nC26E0038"NULL"0000RC0FFDL1234#080027E62A64[]'
                           b'_13:40:27,06-22-2015\r')
        self.assertEqual(got, [dc09.frame(b'"ACK"0000RC0FFDL1234#080027E62A64[]')])
        self.assertEqual(len(events(self.w, dev)), 1, "a link test is not an event")

    def test_vectors_6_and_7_sia(self):
        dev6 = device(self.w, "0000", protocol="sia-dcs")
        got = self.tcp.ask(b'\n70C4003B"SIA-DCS"1707L0#0000[#0000|Nri0/RP0000]'
                           b'_13:36:41,12-22-2021\r')
        self.assertEqual([dc09.reply_id(f) for f in got], ["ACK"])
        self.assertEqual([e["alarm_type"] for e in events(self.w, dev6)], ["periodic_test"])
        dev7 = device(self.w, "AAA", protocol="sia-dcs")
        got = self.tcp.ask(b'\nE5D50034"SIA-DCS"6002L0#AAA[|Nri1/CL501]_14:12:04,09-25-2019\r')
        self.assertEqual([dc09.reply_id(f) for f in got], ["ACK"])
        self.assertEqual([e["code"] for e in events(self.w, dev7)], ["CL"])

    def test_vector_11_bad_crc_is_met_with_silence(self):
        dev = device(self.w, "1234", protocol="sia-dcs")
        got = self.tcp.ask(b'\n4E670024"SIA-DCS"0001L0#1234[1234|Nri1/BA01]\r', timeout=1.5)
        self.assertEqual(got, [])
        self.assertEqual(events(self.w, dev), [])
        # The same message with its right CRC (405C) is taken.
        got = self.tcp.ask(b'\n405C0024"SIA-DCS"0001L0#1234[1234|Nri1/BA01]\r')
        self.assertEqual([dc09.reply_id(f) for f in got], ["ACK"])

    def test_unknown_account_gets_duh(self):
        got = self.tcp.ask(dc09.cid(5, account(), "1100"))
        self.assertEqual([dc09.reply_id(f) for f in got], ["DUH"])

    def test_retired_device_gets_duh(self):
        acct = account()
        dev = device(self.w, acct)
        r = self.w.s("alarm_operator").patch("/api/v1/devices/" + dev["id"], {"active": False},
                                             if_match=dev["version"])
        self.assertEqual(r.status, 200, r)
        got = self.tcp.ask(dc09.cid(5, acct, "1100"))
        self.assertEqual([dc09.reply_id(f) for f in got], ["DUH"])

    def test_partial_multiple_binary_crc_and_garbage(self):
        acct = account()
        dev = device(self.w, acct)
        f1 = dc09.cid(10, acct, "1602")
        for b in f1:  # one byte per write
            self.tcp.send(bytes([b]))
            time.sleep(0.001)
        self.assertEqual([dc09.reply_id(f) for f in dc09.read_frames(self.tcp.sock)], ["ACK"])
        two = dc09.cid(11, acct, "1602", zone="002") + dc09.cid(12, acct, "1602", zone="003")
        got = self.tcp.ask(b"\x00garbage\xff\n\n" + two, want=2)
        self.assertEqual([dc09.reply_id(f) for f in got], ["ACK", "ACK"])
        bin_crc = dc09.frame(dc09.body("ADM-CID", 13, acct, "#%s|1602 00 004" % acct),
                             binary_crc=True)
        lower = dc09.cid(14, acct, "1602", zone="005")
        lower = lower[:1] + lower[1:5].lower() + lower[5:]  # the CRC in lower-case hex
        got = self.tcp.ask(bin_crc + lower, want=2)
        self.assertEqual([dc09.reply_id(f) for f in got], ["ACK", "ACK"])
        self.assertEqual(sorted(e["seq"] for e in events(self.w, dev)), [10, 11, 12, 13, 14])

    def test_udp(self):
        acct = account()
        dev = device(self.w, acct)
        got = dc09.udp_ask(ctx["ports"][("op1", "udp")], dc09.cid(1, acct, "1602"))
        self.assertEqual([dc09.reply_id(f) for f in got], ["ACK"])
        self.assertEqual(len(events(self.w, dev)), 1)


class Duplicates(unittest.TestCase):
    def test_repeat_and_second_path_recorded_once(self):
        w = ctx["w"]
        client = w.create_client()
        acct = account()
        dev = device(w, acct, client)
        fr = dc09.cid(42, acct, "1100")
        a = dc09.Tcp(ctx["ports"][("op1", "tcp")])
        b = dc09.Tcp(ctx["ports"][("op2", "tcp")])
        try:
            self.assertEqual([dc09.reply_id(f) for f in a.ask(fr)], ["ACK"])
            self.assertEqual([dc09.reply_id(f) for f in a.ask(fr)], ["ACK"])  # repeated
            self.assertEqual([dc09.reply_id(f) for f in b.ask(fr)], ["ACK"])  # other path
            self.assertEqual([dc09.reply_id(f) for f in dc09.udp_ask(
                ctx["ports"][("op1", "udp")], fr)], ["ACK"])
        finally:
            a.close()
            b.close()
        ev = events(w, dev)
        self.assertEqual(len(ev), 1)
        self.assertEqual(ev[0]["path"], "op1")
        al = alerts_of(w, client)
        self.assertEqual([x["type"] for x in al], ["medical"])
        # The same seq with another content is another event (the sequence wrapped).
        with_zone = dc09.cid(42, acct, "1100", zone="009")
        self.assertEqual([dc09.reply_id(f) for f in dc09.udp_ask(
            ctx["ports"][("op1", "udp")], with_zone)], ["ACK"])
        self.assertEqual(len(events(w, dev)), 2)


class Encrypted(unittest.TestCase):
    KEY = "000102030405060708090A0B0C0D0E0F"

    def setUp(self):
        if not os.access(dc09.tool(CONFIG.liaison), os.X_OK):
            self.skipTest("dc09-tool not built")

    def send(self, acct, *args, udp=False):
        port = ctx["ports"][("op1", "udp" if udp else "tcp")]
        return dc09.tool_send(CONFIG.liaison, port, "--account", acct, *args, udp=udp)

    def test_hex_and_ascii_keys_window_and_wrong_key(self):
        w = ctx["w"]
        acct = account()
        dev = device(w, acct, protocol="sia-dcs", key=self.KEY, key_format="hex")
        self.assertTrue(dev["encrypted"])
        self.assertNotIn("key", dev)
        common = ["--id", "SIA-DCS", "--data", "#%s|Nri1/MA01" % acct, "--key", self.KEY,
                  "--key-format", "hex"]
        out = self.send(acct, "--seq", "1", *common)
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        reply = json.loads(out.stdout)
        self.assertEqual(reply["reply"], "ACK")
        self.assertTrue(reply["encrypted"])
        self.assertIsNotNone(reply["timestamp"])
        # A replay with a timestamp two minutes old: NAK with our time, nothing stored.
        old = str(int(time.time()) - 120)
        out = self.send(acct, "--seq", "2", "--timestamp", old, *common)
        self.assertEqual(out.returncode, 2, out.stdout + out.stderr)
        self.assertEqual(json.loads(out.stdout)["reply"], "NAK")
        # In clear from a device that must encrypt, or with the wrong key: DUH.
        out = self.send(acct, "--seq", "3", "--id", "SIA-DCS", "--data",
                        "#%s|Nri1/MA01" % acct)
        self.assertEqual(out.returncode, 3, out.stdout + out.stderr)
        out = self.send(acct, "--seq", "4", "--id", "SIA-DCS", "--data", "|Nri1/MA01",
                        "--key", "F" * 32, "--key-format", "hex")
        self.assertEqual(out.returncode, 3, out.stdout + out.stderr)
        ev = events(w, dev)
        self.assertEqual([(e["seq"], e["alarm_type"]) for e in ev], [(1, "medical")])
        # A key entered as 16 ASCII characters, over UDP.
        acct2 = account()
        device(w, acct2, protocol="sia-dcs", key="Cle-de-16-octets", key_format="ascii")
        out = self.send(acct2, "--seq", "1", "--id", "SIA-DCS", "--data", "|Nri1/RP0000",
                        "--key", "Cle-de-16-octets", "--key-format", "ascii", udp=True)
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)


class SseClient:
    """A minimal EventSource: reads `id:`/`data:` events from the stream."""

    def __init__(self, srv, token, last_id=None):
        self.conn = http.client.HTTPConnection("127.0.0.1", srv.api.port, timeout=10)
        h = {"Authorization": "Bearer " + token, "Accept": "text/event-stream"}
        if last_id is not None:
            h["Last-Event-ID"] = str(last_id)
        self.conn.request("GET", "/api/v1/alerts/stream", headers=h)
        self.resp = self.conn.getresponse()
        self.events = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.read, daemon=True)
        self.thread.start()

    def read(self):
        cur = {}
        try:
            for raw in self.resp:
                line = raw.decode().rstrip("\n")
                if not line:
                    if "data" in cur:
                        with self.lock:
                            self.events.append((int(cur["id"]), json.loads(cur["data"])))
                    cur = {}
                elif not line.startswith(":") and ":" in line:
                    k, v = line.split(":", 1)
                    cur[k] = v[1:] if v.startswith(" ") else v
        except (OSError, ValueError, http.client.HTTPException):
            pass

    def got(self):
        with self.lock:
            return list(self.events)

    def close(self):
        sock = self.conn.sock or getattr(self.resp, "fp", None) and self.resp.fp.raw._sock
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except (OSError, AttributeError):
            pass
        self.conn.close()
        self.thread.join(timeout=2)


class EscalationStory(unittest.TestCase):
    """A fall at night: nobody on duty answers, the daughter does not pick up, the
    neighbour does; the operator sends help and closes the alert. On a test clock."""

    def test_story(self):
        w = ctx["w"]
        srv = ctx["srv"]
        op = w.s("alarm_operator")
        client = w.create_client()
        acct = account()
        device(w, acct, client, model_id="lampe-chute-102")
        plan = {"steps": [
            {"kind": "on_duty", "label": "Permanence", "timeout_s": 60},
            {"kind": "caregiver", "label": "Fille (Claire)", "phone": "+33 6 12 34 56 78",
             "timeout_s": 120},
            {"kind": "contact", "label": "Voisin (M. Petit)", "phone": "01 43 55 00 00",
             "timeout_s": 120},
            {"kind": "emergency", "label": "SAMU 75 (ligne directe)", "phone": "01 40 27 00 00",
             "timeout_s": 300}]}
        r = op.request("PUT", "/api/v1/clients/%s/escalation-plan" % client["id"], plan)
        self.assertEqual(r.status, 201, r)
        sse = SseClient(srv, op.token)
        try:
            self.run_story(w, srv, op, client, acct, sse)
        finally:
            sse.close()
            w.admin.post("/api/v1/test/clock", {"offset_seconds": 0})

    def run_story(self, w, srv, op, client, acct, sse):
        time.sleep(0.3)
        t0 = time.time()
        # CID 102 means "fall" for this model only (generic: "failure to report").
        got = dc09.Tcp(ctx["ports"][("op2", "tcp")]).ask(dc09.cid(7, acct, "1102", zone="004"))
        self.assertEqual([dc09.reply_id(f) for f in got], ["ACK"])
        mine = lambda: [e for e in sse.got() if e[1]["alert"]["client_id"] == client["id"]]
        self.assertTrue(harness.wait_for(mine, timeout=2), "no live event")
        self.assertLess(time.time() - t0, 1.5, "the live view must show it within a second")
        first = mine()[0][1]
        self.assertEqual((first["kind"], first["alert"]["type"], first["alert"]["severity"]),
                         ("raised", "fall", "critical"))
        al = first["alert"]
        esc = al["escalation"]
        self.assertEqual((esc["status"], esc["current"]), ("running", 0))
        self.assertEqual(esc["steps"][0]["state"], "active")
        # 61 seconds later nobody on duty took it: the daughter's step begins.
        self.assertEqual(w.admin.post("/api/v1/test/clock", {"offset_seconds": 61}).status, 200)
        step1 = lambda: [e for e in mine() if e[1]["kind"] == "escalated"]
        self.assertTrue(harness.wait_for(step1, timeout=3), mine())
        esc = step1()[0][1]["alert"]["escalation"]
        self.assertEqual([s["state"] for s in esc["steps"]],
                         ["timed_out", "active", "waiting", "waiting"])
        # The operator calls her: no answer. The neighbour's step starts at once.
        r = op.post("/api/v1/alerts/%s/escalation" % al["id"],
                    {"step": 1, "result": "no_answer", "note": "messagerie"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["escalation"]["current"], 2)
        # A stale step number is refused.
        r = op.post("/api/v1/alerts/%s/escalation" % al["id"], {"step": 1, "result": "answered"})
        harness.assert_problem(self, r, 409, "alert_state_conflict")
        r = op.post("/api/v1/alerts/%s/escalation" % al["id"],
                    {"step": 2, "result": "answered", "note": "M. Petit y va"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json["state"], r.json["escalation"]["status"]),
                         ("in_progress", "answered"))
        # Time passes: an answered escalation does not move.
        w.admin.post("/api/v1/test/clock", {"offset_seconds": 2000})
        time.sleep(0.5)
        r = op.post("/api/v1/alerts/%s/resolve" % al["id"],
                    {"outcome": "resolved", "note": "Relevée par le voisin, pas de blessure"})
        self.assertEqual(r.status, 200, r)
        kinds = [e["kind"] for e in op.get("/api/v1/alerts/%s/events" % al["id"]).json["items"]]
        self.assertEqual(kinds, ["raised", "escalated", "escalated", "escalation_answered",
                                 "resolved"])
        self.assertTrue(harness.wait_for(
            lambda: [e for e in mine() if e[1]["kind"] == "resolved"], timeout=2))
        ids = [e[0] for e in mine()]
        self.assertEqual(ids, sorted(ids))

    def test_unanswered_plan_is_exhausted_and_ack_stops_escalation(self):
        w = ctx["w"]
        op = w.s("alarm_operator")
        client = w.create_client()
        acct = account()
        device(w, acct, client)
        try:
            got = dc09.Tcp(ctx["ports"][("op1", "tcp")]).ask(dc09.cid(1, acct, "1120"))
            self.assertEqual([dc09.reply_id(f) for f in got], ["ACK"])
            al = alerts_of(w, client)[0]
            self.assertEqual(al["type"], "panic")
            # No plan: the default one, the operators on duty for 2 minutes.
            self.assertEqual(len(al["escalation"]["steps"]), 1)
            w.admin.post("/api/v1/test/clock", {"offset_seconds": 121})
            done = lambda: alerts_of(w, client)[0]["escalation"]["status"] == "exhausted"
            self.assertTrue(harness.wait_for(done, timeout=3))
            al = alerts_of(w, client)[0]
            self.assertEqual(al["state"], "raised", "an exhausted alert stays open")
            # A second alarm, acknowledged before its deadline: the escalation stops.
            got = dc09.Tcp(ctx["ports"][("op1", "tcp")]).ask(dc09.cid(2, acct, "1100"))
            second = [a for a in alerts_of(w, client) if a["type"] == "medical"][0]
            r = op.request("POST", "/api/v1/alerts/%s/acknowledge" % second["id"])
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.json["escalation"]["status"], "stopped")
            w.admin.post("/api/v1/test/clock", {"offset_seconds": 500})
            time.sleep(0.5)
            r = op.get("/api/v1/alerts/" + second["id"])
            self.assertEqual(r.json["escalation"]["status"], "stopped")
        finally:
            w.admin.post("/api/v1/test/clock", {"offset_seconds": 0})


class LiveStream(unittest.TestCase):
    def test_resume_from_last_event_id_loses_nothing(self):
        w = ctx["w"]
        srv = ctx["srv"]
        op = w.s("alarm_operator")
        client = w.create_client()
        acct = account()
        device(w, acct, client)
        tcp = dc09.Tcp(ctx["ports"][("op1", "tcp")])
        sse = SseClient(srv, op.token)
        time.sleep(0.3)
        tcp.ask(dc09.cid(1, acct, "1100", zone="001"))
        mine = lambda s: [e for e in s.got() if e[1]["alert"]["client_id"] == client["id"]]
        self.assertTrue(harness.wait_for(lambda: mine(sse), timeout=2))
        last = mine(sse)[-1][0]
        sse.close()
        for z in range(2, 5):  # while the console is away
            tcp.ask(dc09.cid(z, acct, "1100", zone="%03d" % z))
        sse2 = SseClient(srv, op.token, last_id=last)
        try:
            self.assertTrue(harness.wait_for(lambda: len(mine(sse2)) >= 3, timeout=3))
            time.sleep(0.3)
            got = mine(sse2)
            self.assertEqual(len(got), 3, got)
            self.assertTrue(all(e[0] > last for e in got))
            self.assertEqual(sorted(e[1]["alert"]["details"]["zone"] for e in got),
                             ["002", "003", "004"])
        finally:
            sse2.close()
            tcp.close()
        r = op.get("/api/v1/alerts/stream?last_event_id=abc")
        harness.assert_problem(self, r, 400, "invalid_query",
                               [("last_event_id", "invalid_format")])

    def test_person_alert_from_the_app_escalates(self):
        w = ctx["w"]
        client = w.create_client()
        w.add_person("fille-" + client["id"][:8], client["id"], "caregiver", "Claire Dupont")
        s = w.s("fille-" + client["id"][:8])
        r = s.post("/api/v1/clients/%s/alerts" % client["id"], {"type": "fall",
                                                                  "note": "Maman ne répond pas"})
        self.assertEqual(r.status, 201, r)
        self.assertEqual((r.json["source"], r.json["type"]), ("person", "fall"))
        self.assertEqual(r.json["escalation"]["status"], "running")
        other = w.create_client()
        r = s.post("/api/v1/clients/%s/alerts" % other["id"], {})
        self.assertEqual(r.status, 404, r)


class Supervision(unittest.TestCase):
    def test_silent_device_raises_one_technical_alert(self):
        w = ctx["w"]
        client = w.create_client()
        acct = account()
        dev = device(w, acct, client, supervision_s=3600)
        tcp = dc09.Tcp(ctx["ports"][("op1", "tcp")])
        try:
            self.assertEqual([dc09.reply_id(f) for f in tcp.ask(dc09.null(1, acct))], ["ACK"])
            time.sleep(0.5)
            self.assertEqual(alerts_of(w, client), [])
            # An hour and five minutes later: 3600 s + the 120 s grace not yet passed.
            w.admin.post("/api/v1/test/clock", {"offset_seconds": 3600 + 60})
            time.sleep(0.6)
            self.assertEqual(alerts_of(w, client), [])
            w.admin.post("/api/v1/test/clock", {"offset_seconds": 3600 + 130})
            silent = lambda: [a for a in alerts_of(w, client) if a["type"] == "device_silent"]
            self.assertTrue(harness.wait_for(silent, timeout=3))
            time.sleep(0.5)
            self.assertEqual(len(silent()), 1, "one alert per silence")
            self.assertEqual(silent()[0]["details"]["device_id"], dev["id"])
        finally:
            w.admin.post("/api/v1/test/clock", {"offset_seconds": 0})
            tcp.close()


class Faults(unittest.TestCase):
    """Garbage, slow senders, a flood from one address, a lost path: the receiver
    stays up, answers the others, and loses nothing it acknowledged."""

    @classmethod
    def setUpClass(cls):
        cls.srv = harness.Server(["--alarm-listen", "a=tcp://127.0.0.1:0,b=tcp://127.0.0.1:0",
                                  "--alarm-frame-seconds", "1", "--alarm-idle-seconds", "3",
                                  "--alarm-inflight-per-address", "8",
                                  "--alarm-path-silence", "2", "--escalation-tick-ms", "200"],
                                 name="alarm-faults").start()
        cls.w = harness.World(harness.Target(cls.srv), roles=["alarm_operator", "coordinator"])
        # The receiver's own alerts go to alarm-org, by default the root: an
        # operator of the national platform sees them, an association's does not.
        cls.w.add_staff("alarm_operator", cls.w.root_id, "Plateau national", key="op_root")
        cls.ports = ports(cls.w.s("alarm_operator"))

    @classmethod
    def tearDownClass(cls):
        cls.srv.close()

    def test_garbage_and_slow_loris(self):
        acct = account()
        device(self.w, acct)
        port = self.ports[("a", "tcp")]
        rnd = random.Random(7)
        junk = dc09.Tcp(port)
        junk.send(bytes(rnd.getrandbits(8) for _ in range(200000)))
        slow = []
        for _ in range(30):  # begin a frame, never finish it
            t = dc09.Tcp(port)
            t.send(b"\n1234004")
            slow.append(t)
        ok = dc09.Tcp(port, source="127.0.0.2")
        try:
            self.assertEqual([dc09.reply_id(f) for f in ok.ask(dc09.cid(1, acct, "1602"))],
                             ["ACK"])
            time.sleep(2.5)  # alarm-frame-seconds 1: the slow ones are cut
            for t in slow:
                t.sock.settimeout(1)
                self.assertEqual(t.sock.recv(10), b"", "a slow sender must be disconnected")
            self.assertEqual([dc09.reply_id(f) for f in ok.ask(dc09.cid(2, acct, "1602"))],
                             ["ACK"])
        finally:
            for t in slow + [junk, ok]:
                t.close()
        r = self.w.s("alarm_operator").get("/api/v1/alarm/receiver")
        self.assertGreater(sum(p["garbage_bytes"] for p in r.json["paths"]), 100000)

    def test_flood_from_one_address_loses_nothing_acknowledged(self):
        acct_flood, acct_other = account(), account()
        dev = device(self.w, acct_flood)
        device(self.w, acct_other)
        port = self.ports[("b", "tcp")]
        flood = dc09.Tcp(port)
        acked = set()
        n = 3000
        data = b"".join(dc09.cid(i % 9999 + 1, acct_flood, "1602", zone="%03d" % (i // 9999))
                        for i in range(n))
        sender = threading.Thread(target=flood.send, args=(data,))
        sender.start()
        other = dc09.Tcp(port, source="127.0.0.3")
        try:
            got = other.ask(dc09.cid(1, acct_other, "1602"), timeout=5)
            self.assertEqual([dc09.reply_id(f) for f in got], ["ACK"], "the others are served")
            sender.join()
            for f in dc09.read_frames(flood.sock, want=n, timeout=8):
                if dc09.reply_id(f) == "ACK":
                    acked.add(int(f[f.index(b'"ACK"') + 5:][:4]))
        finally:
            flood.close()
            other.close()
        self.assertGreater(len(acked), 0)
        stored = set()
        r = self.w.s("alarm_operator").get("/api/v1/devices/%s/events?limit=500" % dev["id"])
        cursor = None
        while True:
            q = "/api/v1/devices/%s/events?limit=500" % dev["id"]
            if cursor:
                q += "&cursor=" + cursor
            r = self.w.s("alarm_operator").get(q)
            stored |= {e["seq"] for e in r.json["items"]}
            cursor = r.json.get("next_cursor")
            if not cursor:
                break
        self.assertFalse(acked - stored, "acknowledged but not stored")
        rx = self.w.s("alarm_operator").get("/api/v1/alarm/receiver").json
        self.assertGreater(rx["stats"]["dropped"] + len(acked), 0)

    def test_lost_path_raises_its_own_alert(self):
        acct = account()
        device(self.w, acct)
        t = dc09.Tcp(self.ports[("a", "tcp")])
        t.ask(dc09.cid(77, acct, "1602"))
        t.close()
        op = self.w.s("alarm_operator")

        def path_a():
            r = op.get("/api/v1/alarm/receiver")
            return [p for p in r.json["paths"] if (p["name"], p["transport"]) == ("a", "tcp")][0]
        self.assertEqual(path_a()["health"], "up")
        self.assertTrue(harness.wait_for(lambda: path_a()["health"] == "lost", timeout=6))
        last = path_a()["last_frame_at"]
        lost = lambda: [a for a in self.w.s("op_root").get(
            "/api/v1/alerts?type=alarm_path_lost&limit=50").json["items"]
            if a["details"]["path"] == "a" and a["details"]["last_frame"] == last]
        self.assertTrue(harness.wait_for(lost, timeout=3), last)
        self.assertEqual(len(lost()), 1)
        mine = op.get("/api/v1/alerts?type=alarm_path_lost")
        self.assertEqual(mine.json["items"], [], "not the association's to see")


class KillAfterAck(unittest.TestCase):
    def test_kill9_right_after_ack_keeps_the_alarm_and_its_escalation(self):
        harness.require_local(self)
        srv = harness.Server(["--alarm-listen", "k=tcp://127.0.0.1:0",
                              "--escalation-tick-ms", "100"], name="alarm-kill").start()
        try:
            w = harness.World(harness.Target(srv), roles=["alarm_operator", "coordinator"])
            client = w.create_client()
            acct = account()
            dev = device(w, acct, client)
            port = ports(w.s("alarm_operator"))[("k", "tcp")]
            t = dc09.Tcp(port)
            got = t.ask(dc09.cid(9, acct, "1101"))
            srv.kill9()  # right after the ACK: nothing else had time to happen
            t.close()
            self.assertEqual([dc09.reply_id(f) for f in got], ["ACK"])
            srv.start()
            op = w.s("alarm_operator")
            ev = op.get("/api/v1/devices/%s/events" % dev["id"]).json["items"]
            self.assertEqual([e["seq"] for e in ev], [9])
            al = op.get("/api/v1/alerts/" + ev[0]["alert_id"]).json
            self.assertEqual((al["type"], al["escalation"]["status"]),
                             ("personal_emergency", "running"))
            # The pending deadline lives in the database: the restarted server's
            # watch picks it up.
            r = srv.api.session("admin", harness.DEMO_PASSWORD).post(
                "/api/v1/test/clock", {"offset_seconds": 121})
            self.assertEqual(r.status, 200, r)
            done = lambda: op.get("/api/v1/alerts/" + al["id"]).json["escalation"]["status"]
            self.assertTrue(harness.wait_for(lambda: done() == "exhausted", timeout=3))
        finally:
            srv.close()
