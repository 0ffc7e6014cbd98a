# SPDX-License-Identifier: EUPL-1.2
"""A commit that fails (a full disk, a lost database) acknowledges nothing and leaves
nothing half-done; and no client data leaves without its audit entry on disk.

Uses the test build's fault injection: while the file named by LIAISON_FAULT_FILE
exists, every commit fails (src/store/store.c)."""
import os
import subprocess
import unittest

import harness
from harness import CONFIG, assert_problem

P = "/api/v1/clients"


def has_fault_injection():
    out = subprocess.run([CONFIG.liaison, "version"], capture_output=True, text=True).stdout
    return "fault injection" in out


class Faults(unittest.TestCase):
    maxDiff = 4000

    def test_failed_commit_acknowledges_nothing_and_changes_nothing(self):
        harness.require_local(self)
        if not has_fault_injection():
            self.fail("the test build must be compiled with -DLIA_FAULT_INJECTION (scripts/test.sh)")
        fault = os.path.join(harness.tmpdir("liaison-fault-"), "fail-commits")
        os.environ["LIAISON_FAULT_FILE"] = fault
        try:
            srv = harness.Server([], name="faults").start()
        finally:
            del os.environ["LIAISON_FAULT_FILE"]
        try:
            w = harness.World(harness.Target(srv), roles=["coordinator"])
            coord = w.s("coordinator")
            kept = w.create_client()
            before = w.all_clients()
            body = w.client_body()

            open(fault, "w").close()   # from now on every commit fails
            r = coord.post(P, body)
            assert_problem(self, r, 503, "storage_unavailable", msg="create during the fault")
            self.assertIsNone(r.header("Location"), "no Location for what was not created")
            self.assertIsNone(r.header("ETag"))
            r = coord.patch(P + "/" + kept["id"], {"phone": "06 00 00 00 01"}, if_match=1)
            assert_problem(self, r, 503, "storage_unavailable", msg="update during the fault")
            # A read whose audit entry cannot be written is refused: no data leaves.
            r = coord.get(P + "/" + kept["id"])
            assert_problem(self, r, 503, "storage_unavailable", msg="read during the fault")
            self.assertNotIn(kept["birth_name"], r.body.decode())

            os.remove(fault)           # the disk has room again
            self.assertEqual(w.all_clients(), before, "nothing was created or changed")
            r = coord.get(P + "/" + kept["id"])
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.json["version"], 1)
            self.assertEqual(r.json["phone"], kept["phone"])
            r = coord.post(P, body)    # the same person: no trace of the failed create
            self.assertEqual(r.status, 201, r)
            v = srv.audit_verify()
            self.assertEqual(v.returncode, 0, v.stdout + v.stderr)
        finally:
            srv.close()


if __name__ == "__main__":
    unittest.main()
