# SPDX-License-Identifier: EUPL-1.2
"""Nothing acknowledged is lost, nothing is silently overwritten.

kill -9 in the middle of a stream of writes: every write the server acknowledged
(2xx) is there after a restart, at least at the acknowledged version, and the audit
chain is intact. Concurrent editors holding the same version: exactly one wins."""
import http.client
import threading
import time
import unittest

import harness
from harness import assert_problem

P = "/api/v1/clients"
WRITERS = 4
RUN_SECONDS = 1.5


class Durability(unittest.TestCase):
    maxDiff = 4000

    def test_kill9_loses_no_acknowledged_write(self):
        harness.require_local(self)
        srv = harness.Server([], name="durability").start()
        try:
            self.run_stream_and_kill(srv)
        finally:
            srv.close()

    def run_stream_and_kill(self, srv):
        w = harness.World(harness.Target(srv), roles=["coordinator"])
        coord = w.s("coordinator")
        acked = {}            # client id -> highest acknowledged version
        lock = threading.Lock()
        stop = threading.Event()
        errors = []
        counts = {"creates": 0, "patches": 0, "unacknowledged": 0}

        def writer(n):
            i = 0
            while not stop.is_set():
                i += 1
                try:
                    r = coord.post(P, w.client_body(org="belleville"))
                except (OSError, http.client.HTTPException):
                    counts["unacknowledged"] += 1
                    return  # the server is gone
                if r.status != 201:
                    errors.append("create: %r" % r)
                    return
                cid = r.json["id"]
                with lock:
                    acked[cid] = 1
                    counts["creates"] += 1
                if i % 3:
                    continue
                try:
                    r = coord.patch("%s/%s" % (P, cid), {"phone": "06 00 00 %02d %02d" % (n, i % 100)},
                                    if_match=1)
                except (OSError, http.client.HTTPException):
                    counts["unacknowledged"] += 1
                    return
                if r.status != 200:
                    errors.append("patch: %r" % r)
                    return
                with lock:
                    acked[cid] = max(acked[cid], r.json["version"])
                    counts["patches"] += 1

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
        for t in threads:
            t.start()
        time.sleep(RUN_SECONDS)
        srv.kill9()
        stop.set()
        for t in threads:
            t.join(120)
        self.assertFalse(errors, "refused writes before the crash: %s" % errors[:3])
        self.assertGreater(counts["creates"], 5, "too few writes to say anything: %r" % counts)

        srv.start()
        # The session was acknowledged too: the same token still works.
        self.assertEqual(coord.get("/api/v1/me").status, 200, "session lost in the crash")
        lost, older = [], []
        for cid, version in sorted(acked.items()):
            r = coord.get("%s/%s" % (P, cid))
            if r.status != 200:
                lost.append((cid, r.status))
            elif r.json["version"] < version:
                older.append((cid, version, r.json["version"]))
        self.assertFalse(lost, "%d of %d acknowledged clients lost: %s" % (
            len(lost), len(acked), lost[:5]))
        self.assertFalse(older, "acknowledged changes lost (id, acked, found): %s" % older[:5])
        listed = w.all_clients()
        self.assertTrue(set(acked) <= set(listed), "acknowledged clients missing from the list")
        # Writes still work after the restart.
        self.assertEqual(coord.post(P, w.client_body()).status, 201)
        srv.stop()
        v = srv.audit_verify()
        self.assertEqual(v.returncode, 0, "audit chain broken by the crash: " + v.stdout + v.stderr)
        if harness.CONFIG.verbose:
            print("    %r" % counts)


class Concurrency(unittest.TestCase):
    maxDiff = 4000

    @classmethod
    def setUpClass(cls):
        cls.t = harness.start_target(name="concurrency")
        cls.w = harness.World(cls.t, roles=["coordinator"])

    @classmethod
    def tearDownClass(cls):
        cls.t.close()

    def race(self, n, fn):
        barrier = threading.Barrier(n)
        results = [None] * n

        def run(i):
            barrier.wait()
            results[i] = fn(i)

        threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        return results

    def test_concurrent_patches_with_the_same_version_one_wins(self):
        coord = self.w.s("coordinator")
        for _ in range(3):
            cl = self.w.create_client()
            path = "%s/%s" % (P, cl["id"])
            res = self.race(8, lambda i: coord.patch(path, {"phone": "06 10 20 30 %02d" % i},
                                                     if_match=1))
            winners = [r for r in res if r.status == 200]
            self.assertEqual(len(winners), 1, "winners: %r" % res)
            for r in res:
                if r.status != 200:
                    assert_problem(self, r, 412, "version_mismatch")
            g = coord.get(path)
            self.assertEqual(g.json["version"], 2)
            self.assertEqual(g.json["phone"], winners[0].json["phone"])
            self.assertEqual(g.header("ETag"), '"2"')

    def test_simultaneous_creations_of_one_person_record_one(self):
        coord = self.w.s("coordinator")
        body = self.w.client_body()
        before = self.w.all_clients()
        res = self.race(6, lambda i: coord.post(P, dict(body, phone="06 00 00 00 %02d" % i)))
        created = [r for r in res if r.status == 201]
        self.assertEqual(len(created), 1, "created: %r" % res)
        for r in res:
            if r.status != 201:
                assert_problem(self, r, 409, "duplicate_identity")
                self.assertEqual(r.json.get("existing_id"), created[0].json["id"])
        self.assertEqual(set(self.w.all_clients()) - set(before), {created[0].json["id"]})
