# SPDX-License-Identifier: EUPL-1.2
"""Antenna bundles in the server: a scheduled antenna is exported at start, the run's
progress and then its last complete bundle show in GET /api/v1/exports; the bundle
verifies with the key the server publishes and not once altered; an export asked for
twice is refused while it runs; unknown organisations and lesser profiles are turned
away; a bad export setting stops the server at start with a message that names it."""
import datetime
import os
import shutil
import subprocess
import time
import unittest
import urllib.parse
import uuid

import harness
from harness import CONFIG, DEMO_PASSWORD, assert_problem, wait_for

ctx = {}
BELLEVILLE = "Antenne Belleville"
NATION = "Antenne Nation"
ASSOC = "Aide à domicile Paris Est"


def setUpModule():
    harness.require_local(unittest.TestCase())
    # Demo clients spread over the antennas and the care home; Belleville on
    # the shortest schedule allowed, so that its first run starts with the server.
    srv = harness.Server(["--demo-clients", "150", "--export-schedule", BELLEVILLE + "=1",
                          "--export-threads", "2"], name="exports").start()
    ctx["srv"] = srv
    api = srv.api
    ctx["coord"] = api.session("coordinatrice", DEMO_PASSWORD)
    ctx["aide"] = api.session("aide", DEMO_PASSWORD)
    ctx["admin"] = api.session("admin", DEMO_PASSWORD)
    r = ctx["admin"].get("/api/v1/orgs")
    assert r.status == 200, r
    ctx["orgs"] = {o["name"]: o["id"] for o in r.json["items"]}


def tearDownModule():
    ctx["srv"].close()


def item(session, org_name):
    r = session.get("/api/v1/exports")
    assert r.status == 200, r
    for it in r.json["items"]:
        if it["org_id"] == ctx["orgs"][org_name]:
            return it
    return None


def wait_last(session, org_name, timeout=180):
    """The organisation's status once a complete bundle is reported."""
    return wait_for(lambda: (lambda it: it if it and it["last"] else None)(
        item(session, org_name)), timeout=timeout, step=0.1)


def all_clients(session):
    out, cursor = [], None
    while True:
        q = "/api/v1/clients?limit=200" + ("&cursor=" + urllib.parse.quote(cursor)
                                           if cursor else "")
        r = session.get(q)
        assert r.status == 200, r
        out += r.json["items"]
        cursor = r.json.get("next_cursor")
        if not cursor:
            return out


def verify(path, key):
    return subprocess.run([CONFIG.liaison, "export", "verify", path, "--public-key", key],
                          capture_output=True, text=True, timeout=120)


class Scheduled(unittest.TestCase):
    def test_scheduled_antenna_gets_a_bundle(self):
        coord = ctx["coord"]
        it = item(coord, BELLEVILLE)
        self.assertIsNotNone(it, "a scheduled antenna is listed from the start")
        it = wait_last(coord, BELLEVILLE)
        self.assertIsNotNone(it, "no complete bundle within 3 minutes: %r"
                             % item(coord, BELLEVILLE))
        self.assertEqual(it["org_name"], BELLEVILLE)
        self.assertEqual(it["interval_minutes"], 1)
        self.assertEqual(it["profile"], "care")
        self.assertIsNone(it["last_error"])
        # The next run is due a minute after this one started.
        nxt = datetime.datetime.fromisoformat(it["next_run_at"].replace("Z", "+00:00"))
        self.assertLess(abs((nxt - harness.now_utc()).total_seconds()), 120)
        # The bundle holds one record per client of the antenna.
        belleville = ctx["orgs"][BELLEVILLE]
        clients = [c for c in all_clients(coord) if c["org_id"] == belleville]
        self.assertTrue(clients, "the demo puts clients in Belleville")
        last = it["last"]
        self.assertEqual(last["clients"], len(clients), last)
        self.assertEqual(last["rendered"] + last["reused"], last["clients"], last)
        self.assertGreater(last["bytes"], 0)
        path = last["path"]
        self.assertTrue(path.startswith(os.path.join(ctx["srv"].data_dir, "exports",
                                                     belleville)), path)
        self.assertTrue(os.path.isfile(os.path.join(path, "index.pdf")))
        self.assertTrue(os.path.isfile(os.path.join(path, "manifest.json")))
        pdfs = [f for f in os.listdir(os.path.join(path, "clients")) if f.endswith(".pdf")]
        self.assertEqual(len(pdfs), len(clients))
        # Nothing half-written is left beside it.
        parent = os.path.dirname(path)
        self.assertFalse([d for d in os.listdir(parent) if d.startswith(".partial")])

    def test_progress_while_running_then_last(self):
        # The association holds both antennas: a run long enough to be watched.
        coord = ctx["coord"]
        assoc = ASSOC
        r = coord.post("/api/v1/orgs/%s/exports" % ctx["orgs"][assoc], None)
        self.assertEqual(r.status, 202, r)
        seen = []

        def poll():
            it = item(coord, assoc)
            if it["running"]:
                seen.append(it["running"])
            return it if it["last"] and not it["running"] and not it["queued"] else None

        it = wait_for(poll, timeout=300, step=0.01)
        self.assertIsNotNone(it, "no complete bundle: %r" % item(coord, assoc))
        self.assertTrue(seen, "the run in progress was never reported")
        for run in seen:
            for k in ("done", "total", "reused", "rate_per_s", "eta_s", "started_at"):
                self.assertIn(k, run)
            self.assertLessEqual(run["done"], max(run["total"], 0) or run["done"])
            self.assertGreaterEqual(run["rate_per_s"], 0)
        # done only grows, up to the number of clients of the finished bundle.
        dones = [run["done"] for run in seen]
        self.assertEqual(dones, sorted(dones))
        self.assertLessEqual(dones[-1], it["last"]["clients"])
        self.assertIsNone(it["last_error"])

    def test_bundle_verifies_with_published_key(self):
        it = wait_last(ctx["coord"], BELLEVILLE)
        self.assertIsNotNone(it)
        # Any signed-in user may fetch the key (it is public): an antenna pins it.
        r = ctx["aide"].get("/api/v1/exports/signing-key")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["algorithm"], "Ed25519")
        key = r.json["public_key"]
        self.assertRegex(key, r"^[0-9a-f]{64}$")
        self.assertEqual(ctx["admin"].get("/api/v1/exports/signing-key").json, r.json)
        ok = verify(it["last"]["path"], key)
        self.assertEqual(ok.returncode, 0, ok.stdout + ok.stderr)
        # A copy with one record altered no longer verifies, nor with another key.
        copy = os.path.join(ctx["srv"].dir, "bundle-copy")
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(it["last"]["path"], copy)
        other = "%064x" % (int(key, 16) ^ 1)
        bad_key = verify(copy, other)
        self.assertNotEqual(bad_key.returncode, 0, bad_key.stdout)
        with open(os.path.join(copy, "index.pdf"), "ab") as f:
            f.write(b"%altered\n")
        bad = verify(copy, key)
        self.assertNotEqual(bad.returncode, 0, bad.stdout)
        self.assertIn("index.pdf", bad.stdout + bad.stderr)


class Asked(unittest.TestCase):
    def test_post_starts_then_409_while_running(self):
        coord = ctx["coord"]
        nation = ctx["orgs"][NATION]
        r = coord.post("/api/v1/orgs/%s/exports" % nation, None)
        self.assertEqual(r.status, 202, r)
        self.assertEqual(r.json["org_id"], nation)
        self.assertEqual(r.json["org_name"], NATION)
        self.assertIsNone(r.json["interval_minutes"], "asked for, not scheduled")
        self.assertIsNone(r.json["next_run_at"])
        self.assertTrue(r.json["queued"] or r.json["running"], r.json)
        again = coord.post("/api/v1/orgs/%s/exports" % nation, None)
        assert_problem(self, again, 409, "export_running")
        it = wait_last(coord, NATION)
        self.assertIsNotNone(it, "the asked-for bundle never completed")
        self.assertIsNone(it["last_error"])
        self.assertFalse(it["queued"])
        # Once done, it may be asked for again.
        r = coord.post("/api/v1/orgs/%s/exports" % nation, None)
        self.assertEqual(r.status, 202, r)
        wait_for(lambda: not item(coord, NATION)["queued"] and
                 not item(coord, NATION)["running"], timeout=180, step=0.1)

    def test_unknown_org_404(self):
        coord = ctx["coord"]
        for bad in (str(uuid.uuid4()), "0190f0a2-7c1e-7d6a-8a3b-2f1e5c9d4b11", "nowhere"):
            r = coord.post("/api/v1/orgs/%s/exports" % bad, None)
            assert_problem(self, r, 404, "not_found", msg=bad)

    def test_lesser_profiles_turned_away(self):
        aide = ctx["aide"]
        r = aide.post("/api/v1/orgs/%s/exports" % ctx["orgs"][BELLEVILLE], None)
        self.assertIn(r.status, (403, 404), r)
        r = aide.get("/api/v1/exports")
        self.assertEqual(r.status, 403, r)
        usager = ctx["srv"].api.session("usager", DEMO_PASSWORD)
        r = usager.get("/api/v1/exports")
        self.assertEqual(r.status, 403, r)
        r = usager.post("/api/v1/orgs/%s/exports" % ctx["orgs"][BELLEVILLE], None)
        self.assertIn(r.status, (403, 404), r)
        r = ctx["srv"].api.request("GET", "/api/v1/exports/signing-key")
        self.assertEqual(r.status, 401, r)

    def test_listing_is_scoped(self):
        # A coordinator of another association sees none of the demo antennas.
        w = harness.World(harness.Target(ctx["srv"]), roles=["coordinator"])
        r = w.s("coordinator").get("/api/v1/exports")
        self.assertEqual(r.status, 200, r)
        demo_ids = set(ctx["orgs"].values())
        self.assertFalse([i for i in r.json["items"] if i["org_id"] in demo_ids], r.json)
        # Asking for one of them is refused without saying more.
        r = w.s("coordinator").post("/api/v1/orgs/%s/exports" % ctx["orgs"][NATION], None)
        self.assertIn(r.status, (403, 404), r)


class Shutdown(unittest.TestCase):
    """SIGTERM while a bundle is being written: the server waits for it a while (20 s),
    then cancels it and exits 0; only complete bundles ever look complete."""

    def start_server(self, delay_ms):
        # LIA_FAULT_EXPORT_DELAY_MS (test builds, -DLIA_FAULT_INJECTION) slows each file.
        os.environ["LIA_FAULT_EXPORT_DELAY_MS"] = str(delay_ms)
        try:
            return harness.Server(["--demo-clients", "150"], name="exports-stop").start()
        finally:
            del os.environ["LIA_FAULT_EXPORT_DELAY_MS"]

    def stop_during_run(self, srv):
        coord = srv.api.session("coordinatrice", DEMO_PASSWORD)
        orgs = {o["name"]: o["id"] for o in srv.api.session("admin", DEMO_PASSWORD).get(
            "/api/v1/orgs").json["items"]}
        assoc = orgs[ASSOC]
        r = coord.post("/api/v1/orgs/%s/exports" % assoc, None)
        self.assertEqual(r.status, 202, r)

        def running():
            return [it for it in coord.get("/api/v1/exports").json["items"]
                    if it["org_id"] == assoc and it["running"]]
        self.assertTrue(wait_for(running, timeout=60, step=0.01), "the run never started")
        t0 = time.time()
        srv.stop()  # SIGTERM; a problem is recorded if the server does not exit 0
        return assoc, time.time() - t0

    def complete_bundles(self, srv, org):
        base = os.path.join(srv.data_dir, "exports", org)
        out = []
        for d in os.listdir(base) if os.path.isdir(base) else []:
            p = os.path.join(base, d)
            if d.startswith(".") or os.path.islink(p) or not os.path.isdir(p):
                continue  # the .partial folder, the engine's lock, the latest link
            self.assertTrue(os.path.isfile(os.path.join(p, "manifest.sig")), d)
            out.append(d)
        return out

    def test_sigterm_waits_for_a_short_run(self):
        srv = self.start_server(0)
        try:
            org, took = self.stop_during_run(srv)
            self.assertLess(took, 20, "a short run is waited for, well within the grace")
            self.assertEqual(len(self.complete_bundles(srv, org)), 1)
        finally:
            srv.close()

    def test_sigterm_cancels_a_long_run(self):
        # About 130 files at 400 ms on two threads: longer than the grace.
        srv = self.start_server(400)
        try:
            org, took = self.stop_during_run(srv)
            self.assertGreater(took, 15, "the run should have been given its grace (is this "
                               "a -DLIA_FAULT_INJECTION build?)")
            self.assertLess(took, 28, "the server must stop once the grace is over")
            self.assertEqual(self.complete_bundles(srv, org), [])
            self.assertFalse(os.path.exists(os.path.join(srv.data_dir, "exports", org,
                                                         "latest")))
            # The cancelled run removed its .partial folder on its way out.
            left = os.listdir(os.path.join(srv.data_dir, "exports", org))
            self.assertFalse([d for d in left if d.startswith(".partial")], left)
        finally:
            srv.close()


class Restart(unittest.TestCase):
    def test_a_restart_keeps_the_last_bundle_and_goes_on_incrementally(self):
        """After a restart the last complete bundle is the one on disk (its run's
        figures unknown), and the next run copies what did not change from it."""
        srv = harness.Server(["--demo-clients", "30", "--export-schedule",
                              BELLEVILLE + "=60"], name="exports-restart").start()
        try:
            coord = srv.api.session("coordinatrice", DEMO_PASSWORD)
            orgs = {o["name"]: o["id"] for o in srv.api.session(
                "admin", DEMO_PASSWORD).get("/api/v1/orgs").json["items"]}

            def last():
                r = coord.get("/api/v1/exports")
                assert r.status == 200, r
                it = [i for i in r.json["items"] if i["org_id"] == orgs[BELLEVILLE]]
                return it[0]["last"] if it else None
            start = wait_for(last, timeout=120, step=0.1)
            self.assertIsNotNone(start, "no bundle within 2 minutes")
            # A second bundle, once the start's own writes (the visits it generates)
            # are behind: the steady state, where nothing changes between runs.
            r = coord.post("/api/v1/orgs/%s/exports" % orgs[BELLEVILLE], None)
            self.assertEqual(r.status, 202, r)
            first = wait_for(lambda: (lambda b: b if b and b["path"] != start["path"]
                                      else None)(last()), timeout=120, step=0.1)
            self.assertIsNotNone(first, "no second bundle")
            srv.restart()
            coord = srv.api.session("coordinatrice", DEMO_PASSWORD)
            # Known at once: the bundle on disk, or the new run's if it was quick.
            seen = last()
            self.assertIsNotNone(seen)
            self.assertEqual(seen["clients"], first["clients"])
            if seen["path"] == first["path"]:
                self.assertIsNone(seen["rendered"])  # found on disk: not run here
            # The run at start is incremental: nothing changed, everything copied.
            again = wait_for(lambda: (lambda b: b if b and b["path"] != first["path"]
                                      else None)(last()), timeout=120, step=0.1)
            self.assertIsNotNone(again, "no new bundle after the restart")
            self.assertEqual((again["rendered"], again["reused"]), (0, first["clients"]))
        finally:
            srv.close()


class Unwritable(unittest.TestCase):
    def test_failed_run_reports_its_error(self):
        # A folder that cannot be made (below a file): the run fails, says why, and
        # the next request may try again.
        srv = harness.Server(["--demo-clients", "6"], name="exports-unwritable")
        blocker = os.path.join(srv.dir, "not-a-folder")
        with open(blocker, "w") as f:
            f.write("x")
        srv.args += ["--export-dir", os.path.join(blocker, "exports")]
        srv.start()
        try:
            coord = srv.api.session("coordinatrice", DEMO_PASSWORD)
            orgs = {o["name"]: o["id"] for o in srv.api.session("admin", DEMO_PASSWORD).get(
                "/api/v1/orgs").json["items"]}
            org = orgs[NATION]
            r = coord.post("/api/v1/orgs/%s/exports" % org, None)
            self.assertEqual(r.status, 202, r)

            def failed():
                for it in coord.get("/api/v1/exports").json["items"]:
                    if it["org_id"] == org and it["last_error"] and not it["running"]:
                        return it
                return None
            it = wait_for(failed, timeout=60, step=0.05)
            self.assertIsNotNone(it, "the failure was never reported")
            self.assertIsNone(it["last"])
            self.assertIsNotNone(it["last_error_at"])
            self.assertIn("exports", it["last_error"])
            r = coord.post("/api/v1/orgs/%s/exports" % org, None)
            self.assertEqual(r.status, 202, r)
        finally:
            srv.close()


class BadConfig(unittest.TestCase):
    def refused(self, args, words):
        srv = harness.Server(list(args), name="exports-bad")
        try:
            with self.assertRaises(RuntimeError, msg="started with %r" % (args,)):
                srv.start(timeout=60)
            err = srv.stderr_tail()
            for w in words:
                self.assertIn(w, err, "stderr of %r: %s" % (args, err))
            self.assertIsNone(srv.proc)
        finally:
            srv.close()

    def test_bad_values_stop_the_start(self):
        self.refused(["--export-schedule", BELLEVILLE + "=0"], ["export-schedule", "1 to"])
        self.refused(["--export-schedule", BELLEVILLE + "=15/medical"],
                     ["export-schedule", "care or health"])
        self.refused(["--export-schedule", "Antenne Inconnue=15"],
                     ["export-schedule", "Antenne Inconnue"])
        self.refused(["--export-keep", "0"], ["export-keep"])
        self.refused(["--export-threads", "64"], ["export-threads"])
        self.refused(["--export-profile", "doctor"], ["export-profile"])
        # With a schedule, an export folder that cannot be made stops the start too.
        blocker = os.path.join(harness.tmpdir("liaison-api-exports-file-"), "file")
        with open(blocker, "w") as f:
            f.write("x")
        self.refused(["--export-schedule", BELLEVILLE + "=5", "--export-dir",
                      os.path.join(blocker, "exports")], ["export-dir"])


if __name__ == "__main__":
    unittest.main()
