# SPDX-License-Identifier: EUPL-1.2
"""docs/api.md is generated from the route table: it contains the exact output of
`liaison routes`, so the documented contract is the one the server enforces."""
import os
import subprocess
import unittest

import harness


class Docs(unittest.TestCase):
    def test_api_md_contains_the_route_table(self):
        if not harness.CONFIG.liaison:
            self.skipTest("needs --liaison to print the route table")
        out = subprocess.run([harness.CONFIG.liaison, "routes"], capture_output=True,
                             text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("| method | path |", out.stdout)
        doc = os.path.join(harness.REPO, "docs", "api.md")
        self.assertTrue(os.path.exists(doc), "docs/api.md does not exist (generate it from "
                        "`liaison routes`)")
        with open(doc, encoding="utf-8") as f:
            text = f.read()
        if out.stdout not in text:
            # Name the first route-table line that differs, for a useful failure.
            missing = [ln for ln in out.stdout.splitlines() if ln and ln not in text]
            self.fail("docs/api.md is not up to date with `liaison routes`; first missing "
                      "line:\n%s" % (missing[0] if missing else "(lines reordered)"))
