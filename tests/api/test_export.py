# SPDX-License-Identifier: EUPL-1.2
"""`liaison export`: an antenna's bundle from the shell, as a team relies on it when
servers or telecoms fail. The index lists every client of the antenna by name, each
client has a record, the signed manifest names every file with its SHA-256, and
`export verify` names any file altered, missing or added and any tampered manifest.
An incremental run after one client changed renders that one and copies the rest.
A kill -9 in the middle, a full disk or an output path that is a file never leave a
bundle that looks complete, and the previous bundle stays intact; the last K bundles
are kept."""
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import time
import unicodedata
import unittest

import harness
from harness import CONFIG, DEMO_PASSWORD

ctx = {}
BELLEVILLE = "Antenne Belleville"
SUMMARY = re.compile(r"(\d+) clients, (\d+) rendered, (\d+) reused, (\d+) files")
STAMP = re.compile(r"^\d{8}T\d{6}Z$")


def has_fault_injection():
    out = subprocess.run([CONFIG.liaison, "version"], capture_output=True, text=True).stdout
    return "fault injection" in out


def setUpModule():
    harness.require_local(unittest.TestCase())
    # No vigilance rules: nothing but the tests changes the antenna's clients.
    srv = harness.Server(["--demo-clients", "12", "--vigilance-seconds", "0"],
                         name="export").start()
    ctx["srv"] = srv
    ctx["coord"] = srv.api.session("coordinatrice", DEMO_PASSWORD)
    admin = srv.api.session("admin", DEMO_PASSWORD)
    r = admin.get("/api/v1/orgs")
    assert r.status == 200, r
    ctx["org"] = {o["name"]: o["id"] for o in r.json["items"]}[BELLEVILLE]
    # The antenna's clients, as the coordinator sees them.
    r = ctx["coord"].get("/api/v1/clients?limit=200")
    assert r.status == 200, r
    ctx["clients"] = {c["id"]: c for c in r.json["items"] if c["org_id"] == ctx["org"]}
    assert len(ctx["clients"]) >= 3, "the demo should put clients in %s" % BELLEVILLE


def tearDownModule():
    ctx["srv"].close()


def export(out, *extra, env=None):
    args = ["export", "--org", ctx["org"], "--out", out] + list(extra)
    if env:
        old = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
    try:
        return ctx["srv"].cli(*args, timeout=300)
    finally:
        if env:
            for k, v in old.items():
                if v is None:
                    del os.environ[k]
                else:
                    os.environ[k] = v


def verify(path, *extra):
    return ctx["srv"].cli("export", "verify", path, *extra)


def org_dir(out):
    return os.path.join(out, ctx["org"])


def complete(out):
    return sorted(n for n in os.listdir(org_dir(out)) if STAMP.match(n))


def partials(out):
    return [n for n in os.listdir(org_dir(out)) if n.startswith(".partial-")]


def latest(out):
    return os.readlink(os.path.join(org_dir(out), "latest"))


def manifest(bundle):
    with open(os.path.join(bundle, "manifest.json"), "rb") as f:
        return json.loads(f.read())


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def pdftext(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")


def ascii_key(s):
    s = unicodedata.normalize("NFKD", s or "")
    return "".join(c for c in s if not unicodedata.combining(c)).upper()


class Export(unittest.TestCase):
    maxDiff = 4000

    def ok(self, r):
        self.assertEqual(r.returncode, 0, "stdout: %s\nstderr: %s" % (r.stdout, r.stderr[-3000:]))
        m = SUMMARY.search(r.stderr)
        self.assertIsNotNone(m, r.stderr[-2000:])
        return r.stdout.strip(), [int(x) for x in m.groups()]

    def fresh(self, name, *extra):
        out = harness.tmpdir("liaison-export-%s-" % name)
        path, counts = self.ok(export(out, *extra))
        return out, path, counts

    # ---- the bundle itself ----

    def test_bundle_has_every_client_sorted_index_and_right_manifest(self):
        out, path, counts = self.fresh("full", "--threads", "2")
        self.assertEqual(os.path.realpath(os.path.join(org_dir(out), "latest")),
                         os.path.realpath(path))
        self.assertEqual(counts[0], len(ctx["clients"]))
        self.assertEqual(counts[1], len(ctx["clients"]), "a first run renders everything")
        m = manifest(path)
        self.assertEqual(m["format"], "liaison-bundle/1")
        self.assertEqual(m["org"], {"id": ctx["org"], "name": BELLEVILLE})
        self.assertEqual(m["profile"], "care")
        self.assertGreater(m["change_seq"], 0)
        key = ctx["srv"].cli("export", "key")
        self.assertEqual(key.returncode, 0, key.stderr)
        self.assertEqual(m["public_key"], key.stdout.strip())
        self.assertRegex(m["public_key"], r"^[0-9a-f]{64}$")
        # Every file listed with its true hash and size, and every client once.
        listed = {f["path"]: f for f in m["files"]}
        self.assertIn("index.pdf", listed)
        records = {f["client_id"]: f for f in m["files"] if f["kind"] == "record"}
        self.assertEqual(set(records), set(ctx["clients"]))
        for p, f in listed.items():
            full = os.path.join(path, p)
            self.assertEqual(sha256(full), f["sha256"], p)
            self.assertEqual(os.path.getsize(full), f["size"], p)
            self.assertRegex(p, r"^(index\.pdf|(clients|dlu)/[A-Za-z0-9-]+\.pdf)$")
        # Each record is about its client (names with accents print as they are).
        for cid, f in records.items():
            c = ctx["clients"][cid]
            text = pdftext(os.path.join(path, f["path"]))
            surname = (c.get("used_name") or c["birth_name"]).upper()
            self.assertIn(surname, text.upper(), f["path"])
            self.assertEqual(subprocess.run(["qpdf", "--check", os.path.join(path, f["path"])],
                                            capture_output=True).returncode, 0, f["path"])
        # The index lists them all, by the name printed first.
        text = pdftext(os.path.join(path, "index.pdf"))
        self.assertIn(BELLEVILLE, text)
        order = sorted(ctx["clients"].values(),
                       key=lambda c: (ascii_key(c.get("used_name") or c["birth_name"]),
                                      ascii_key(c.get("used_given_name") or
                                                c.get("first_given_name") or "")))
        pos = 0
        for c in order:
            surname = (c.get("used_name") or c["birth_name"]).upper()
            at = text.upper().find(surname, pos)
            self.assertGreaterEqual(at, 0, "%s missing or out of order in the index:\n%s"
                                    % (surname, text))
            pos = at + len(surname)
        # One audit entry per client exported, by the system, naming the bundle.
        stamp = os.path.basename(path)
        rows = ctx["srv"].sql("SELECT client_id, actor_role, outcome FROM audit WHERE action = "
                              "'client.export' AND detail LIKE '%%bundle=%s%%'" % stamp)
        self.assertEqual(sorted(r[0] for r in rows), sorted(ctx["clients"]))
        self.assertEqual({(r[1], r[2]) for r in rows}, {("system:export", "ok")})
        # Nothing half-done around it, and it verifies.
        self.assertEqual(partials(out), [])
        v = verify(path)
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)
        self.assertIn("OK", v.stdout)
        v = verify(path, "--public-key", m["public_key"])
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)

    def test_verify_names_altered_missing_extra_and_tampered_manifest(self):
        out, path, _ = self.fresh("verify")
        m = manifest(path)
        recs = [f["path"] for f in m["files"] if f["kind"] == "record"]

        def copy():
            d = os.path.join(harness.tmpdir("liaison-export-copy-"), "b")
            shutil.copytree(path, d, symlinks=True)
            return d

        d = copy()
        with open(os.path.join(d, recs[0]), "r+b") as f:
            f.seek(200)
            b = f.read(1)
            f.seek(200)
            f.write(bytes([b[0] ^ 1]))
        v = verify(d)
        self.assertEqual(v.returncode, 1, v.stdout)
        self.assertIn("altered: %s" % recs[0], v.stdout)
        self.assertNotIn(recs[1], v.stdout)

        d = copy()
        os.unlink(os.path.join(d, recs[1]))
        v = verify(d)
        self.assertEqual(v.returncode, 1, v.stdout)
        self.assertIn("missing: %s" % recs[1], v.stdout)

        d = copy()
        with open(os.path.join(d, "clients", "notes.txt"), "w") as f:
            f.write("ajout\n")
        v = verify(d)
        self.assertEqual(v.returncode, 1, v.stdout)
        self.assertIn("extra: clients/notes.txt", v.stdout)

        # A manifest edited to match an altered file no longer matches its signature.
        d = copy()
        with open(os.path.join(d, "manifest.json"), "rb") as f:
            raw = f.read()
        fake = raw.replace(m["files"][0]["sha256"].encode(), b"0" * 64, 1)
        self.assertNotEqual(fake, raw)
        with open(os.path.join(d, "manifest.json"), "wb") as f:
            f.write(fake)
        v = verify(d)
        self.assertEqual(v.returncode, 1, v.stdout)
        self.assertIn("bad signature", v.stdout)

        # Another installation's key does not vouch for it either.
        v = verify(path, "--public-key", "ab" * 32)
        self.assertEqual(v.returncode, 1, v.stdout)
        self.assertIn("bad signature", v.stdout)

        v = verify(os.path.join(path, "clients"))
        self.assertEqual(v.returncode, 1, v.stdout)
        self.assertIn("not a bundle", v.stdout)
        v = verify(path, "--public-key", "xyz")
        self.assertEqual(v.returncode, 2, v.stderr)

    # ---- incremental ----

    def test_incremental_renders_only_the_changed_client_and_copies_the_rest(self):
        out, first, counts = self.fresh("incr")
        n = counts[0]
        # Nothing changed: everything is copied, byte for byte, into an independent bundle.
        second, counts = self.ok(export(out, "--incremental"))
        self.assertNotEqual(first, second)
        self.assertEqual(counts[:3], [n, 0, n], "nothing changed, nothing to render")
        m1, m2 = manifest(first), manifest(second)
        for f in m2["files"]:
            if f["kind"] == "index":
                continue
            self.assertIn(f, m1["files"], "a copied file keeps its entry")
            a, b = os.stat(os.path.join(first, f["path"])), os.stat(os.path.join(second, f["path"]))
            self.assertNotEqual(a.st_ino, b.st_ino, "copied, never hard-linked")
        # One client changes through the API.
        cid = sorted(ctx["clients"])[0]
        c = ctx["coord"].get("/api/v1/clients/" + cid)
        self.assertEqual(c.status, 200, c)
        u = ctx["coord"].patch("/api/v1/clients/" + cid, {"phone": "01 23 45 67 89"},
                               if_match=c.json["version"])
        self.assertEqual(u.status, 200, u)
        third, counts = self.ok(export(out, "--incremental"))
        self.assertEqual(counts[:3], [n, 1, n - 1])
        m3 = manifest(third)
        self.assertGreater(m3["change_seq"], m2["change_seq"])
        for f in m3["files"]:
            if f.get("client_id") == cid:
                self.assertEqual(f["generated_at"], m3["generated_at"], "re-rendered")
                self.assertIn("01 23 45 67 89", pdftext(os.path.join(third, f["path"])))
            elif f["kind"] != "index":
                self.assertIn(f, m2["files"], "the others are copied as they were")
        v = verify(third)
        self.assertEqual(v.returncode, 0, v.stdout)
        # A notebook entry about another client: found through the entry's row.
        other = sorted(ctx["clients"])[1]
        r = ctx["coord"].post("/api/v1/clients/%s/notebook" % other,
                              {"category": "daily", "text": "Mme a bien mangé, à midi"})
        self.assertEqual(r.status, 201, r)
        fourth, counts = self.ok(export(out, "--incremental"))
        self.assertEqual(counts[:3], [n, 1, n - 1])
        rec = [f for f in manifest(fourth)["files"]
               if f.get("client_id") == other and f["kind"] == "record"][0]
        self.assertIn("Mme a bien mangé, à midi", pdftext(os.path.join(fourth, rec["path"])))
        # The next day, every record is redone ("the next 7 days" moved).
        if has_fault_injection():
            _, counts = self.ok(export(out, "--incremental",
                                       env={"LIA_FAULT_EXPORT_DAYS_AHEAD": "1"}))
            self.assertEqual(counts[:3], [n, n, 0])
        # An incremental run without a previous bundle is a full one.
        out2 = harness.tmpdir("liaison-export-incr-first-")
        _, counts = self.ok(export(out2, "--incremental"))
        self.assertEqual(counts[:3], [n, n, 0])

    def test_profile_and_language_are_the_bundles_and_never_mixed(self):
        out, care, counts = self.fresh("profile")
        n = counts[0]
        rec = [f["path"] for f in manifest(care)["files"] if f["kind"] == "record"][0]
        self.assertIn("Édité pour : équipe d'intervention (sans données médicales)",
                      pdftext(os.path.join(care, rec)))
        dlus = [f["path"] for f in manifest(care)["files"] if f["kind"] == "dlu"]
        self.assertTrue(dlus, "the demo gives DLUs to the aide's first clients")
        self.assertIn("Imprimé pour : équipe d'intervention (sans données médicales)",
                      pdftext(os.path.join(care, dlus[0])))
        # A health bundle never reuses files made for the care team (nor the reverse).
        health, counts = self.ok(export(out, "--profile", "health", "--incremental"))
        self.assertEqual(counts[:3], [n, n, 0])
        self.assertEqual(manifest(health)["profile"], "health")
        self.assertIn("Édité pour : professionnels de santé", pdftext(os.path.join(health, rec)))
        self.assertIn("professionnels de santé", pdftext(os.path.join(health, "index.pdf")))
        english, counts = self.ok(export(out, "--profile", "health", "--incremental",
                                         "--lang", "en"))
        self.assertEqual(counts[:3], [n, n, 0])
        self.assertEqual(manifest(english)["lang"], "en")
        self.assertIn("Client index", pdftext(os.path.join(english, "index.pdf")))

    # ---- faults ----

    def test_kill9_mid_run_leaves_no_complete_bundle_and_next_run_cleans_up(self):
        if not has_fault_injection():
            self.fail("the test build must be compiled with -DLIA_FAULT_INJECTION")
        out, before, _ = self.fresh("kill")
        bundles = complete(out)
        srv = ctx["srv"]
        cmd = [CONFIG.liaison, "export", "--org", ctx["org"], "--out", out, "--threads",
               "1"] + srv.storage_args()
        env = dict(os.environ, LIA_FAULT_EXPORT_DELAY_MS="400")
        time.sleep(1.1)  # a new stamp
        p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        try:
            def written():
                for n in partials(out):
                    d = os.path.join(org_dir(out), n, "clients")
                    if os.path.isdir(d) and os.listdir(d):
                        return n
                return None
            part = harness.wait_for(written, timeout=60)
            self.assertIsNotNone(part, "the run never wrote a file")
        finally:
            p.send_signal(signal.SIGKILL)
            p.wait()
        self.assertEqual(complete(out), bundles, "no new bundle looks complete")
        self.assertEqual(os.path.realpath(os.path.join(org_dir(out), "latest")),
                         os.path.realpath(before))
        self.assertEqual(verify(before).returncode, 0)
        after, _ = self.ok(export(out))
        self.assertEqual(partials(out), [], "the crashed run's folder is gone")
        self.assertEqual(os.path.realpath(os.path.join(org_dir(out), "latest")),
                         os.path.realpath(after))
        self.assertEqual(verify(after).returncode, 0)

    def test_full_disk_fails_clearly_and_keeps_the_previous_bundle(self):
        if not has_fault_injection():
            self.fail("the test build must be compiled with -DLIA_FAULT_INJECTION")
        out, before, _ = self.fresh("enospc")
        bundles = complete(out)
        time.sleep(1.1)
        r = export(out, env={"LIA_FAULT_EXPORT_ENOSPC_AFTER": "3"})
        self.assertEqual(r.returncode, 1, r.stderr[-2000:])
        self.assertIn("No space left on device", r.stderr)
        self.assertIn(org_dir(out), r.stderr, "the message names the path")
        self.assertEqual(r.stdout, "")
        self.assertEqual(complete(out), bundles)
        self.assertEqual(partials(out), [], "the unfinished folder is removed")
        self.assertEqual(os.path.realpath(os.path.join(org_dir(out), "latest")),
                         os.path.realpath(before))
        v = verify(before)
        self.assertEqual(v.returncode, 0, v.stdout)

    def test_output_path_that_is_a_file_fails_with_a_clear_message(self):
        d = harness.tmpdir("liaison-export-file-")
        f = os.path.join(d, "not-a-folder")
        with open(f, "w") as fh:
            fh.write("x")
        r = export(f)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn(f, r.stderr)
        self.assertIn("Not a directory", r.stderr)
        with open(f) as fh:
            self.assertEqual(fh.read(), "x")

    def test_keep_two_keeps_the_two_newest(self):
        out = harness.tmpdir("liaison-export-keep-")
        paths = []
        for _ in range(3):
            p, _ = self.ok(export(out, "--keep", "2"))
            paths.append(os.path.basename(p))
        self.assertEqual(complete(out), sorted(paths[1:]))
        self.assertEqual(latest(out), paths[2])

    def test_usage_errors(self):
        srv = ctx["srv"]
        r = srv.cli("export", "--out", "/tmp/x")
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("--org", r.stderr)
        r = srv.cli("export", "--org", ctx["org"], "--out", "/tmp/x", "--profile", "admin")
        self.assertEqual(r.returncode, 2, r.stderr)
        r = srv.cli("export", "--org", ctx["org"], "--out", "/tmp/x", "--threads", "99")
        self.assertEqual(r.returncode, 2, r.stderr)
        r = srv.cli("export", "--org", "Antenne Inconnue", "--out", "/tmp/x")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("no organisation", r.stderr)
        r = srv.cli("export", "verify")
        self.assertEqual(r.returncode, 2, r.stderr)
        r = srv.cli("export", "--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("export verify DIR", r.stdout)


if __name__ == "__main__":
    unittest.main()
