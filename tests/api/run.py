#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Entry point of the black-box API tests (standard library only).

Local mode: every module starts the servers it needs from the given binary.

    python3 tests/api/run.py --liaison build-test/liaison
    python3 tests/api/run.py --liaison build-test/liaison --database postgresql://...
    python3 tests/api/run.py --liaison build-test/liaison \\
        --createdb-cmd 'scripts/pg-cluster.sh createdb /tmp/pg'

--database names one empty PostgreSQL database shared by every server of the run
(tests keep their data apart with unique names; tests that must edit the database
behind the server's back skip). --createdb-cmd is a shell command that prints the URL
of a new empty database; it gets a unique database name ([a-z0-9_]) in place of
"{name}", or as its last argument when "{name}" does not appear (so that
"scripts/pg-cluster.sh createdb DIR" works as is), and in $LIAISON_TEST_DBNAME; every
server then gets a database of its own.

External-server mode: the tests that need not start or kill a server run against a
running deployment; the account must be an administrator of a national or federation
node (the tests create their own organisations below it).

    python3 tests/api/run.py --base-url http://host:8080 --login admin --password ...

Prints each failure with its details and ends with one line "N passed, M failed"
(", K skipped" when tests were skipped); exit status 1 when M > 0.
"""
import argparse
import importlib
import os
import shutil
import sys
import tempfile
import time
import traceback
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import harness  # noqa: E402


class Result(unittest.TestResult):
    def __init__(self, verbose):
        super().__init__()
        self.verbose = verbose
        self.passed = 0
        self.failed_names = []
        self.t0 = 0.0

    def startTest(self, test):
        super().startTest(test)
        self.t0 = time.time()
        if self.verbose:
            print("… %s" % test.id(), flush=True)

    def _took(self):
        return "%.1fs" % (time.time() - self.t0)

    def addSuccess(self, test):
        super().addSuccess(test)
        self.passed += 1
        print("ok      %s (%s)" % (test.id(), self._took()), flush=True)

    def _fail(self, test, err, kind):
        self.failed_names.append(test.id())
        print("FAIL    %s (%s, %s)" % (test.id(), kind, self._took()), flush=True)
        text = "".join(traceback.format_exception(*err))
        print("    " + text.rstrip().replace("\n", "\n    "), flush=True)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._fail(test, err, "failure")

    def addError(self, test, err):
        super().addError(test, err)
        # Errors in setUpModule/setUpClass arrive with a placeholder "test".
        self._fail(test, err, "error")

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        print("skip    %s: %s" % (test.id(), reason), flush=True)

    def addSubTest(self, test, subtest, err):
        if err is not None:
            self.addFailure(subtest, err)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--liaison", help="the liaison binary (local mode)")
    ap.add_argument("--database", help="an empty postgresql:// database shared by the run")
    ap.add_argument("--createdb-cmd", help="shell command printing a new empty database URL")
    ap.add_argument("--base-url", help="run against a running server (external mode)")
    ap.add_argument("--login", help="administrator login (external mode)")
    ap.add_argument("--password", help="administrator password (external mode)")
    ap.add_argument("-k", action="append", default=[],
                    help="only tests whose id contains this string (repeatable)")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep temporary directories")
    a = ap.parse_args()

    c = harness.CONFIG
    if a.base_url:
        if not (a.login and a.password):
            ap.error("--base-url needs --login and --password")
        c.base_url = a.base_url
        c.login, c.password = a.login, a.password
    elif not a.liaison:
        ap.error("give --liaison PATH (local mode) or --base-url (external mode)")
    if a.liaison:
        c.liaison = os.path.abspath(a.liaison)
        if not os.access(c.liaison, os.X_OK):
            ap.error("%s is not an executable" % c.liaison)
    c.database = a.database
    c.createdb_cmd = a.createdb_cmd
    c.verbose = a.verbose
    c.keep = a.keep
    c.tmp_root = tempfile.mkdtemp(prefix="liaison-api-")

    loader = unittest.TestLoader()
    suite = unittest.TestSuite()
    names = sorted(f[:-3] for f in os.listdir(HERE) if f.startswith("test_") and f.endswith(".py"))
    load_errors = []
    for name in names:
        try:
            mod = importlib.import_module(name)
        except Exception:  # a broken test file is a failure, not a crash of the run
            load_errors.append((name, traceback.format_exc()))
            continue
        tests = loader.loadTestsFromModule(mod)
        if a.k:
            tests = _filter(tests, a.k)
        suite.addTests(tests)

    print("API tests: backend %s, %s" % (harness.backend(), c.base_url or c.liaison), flush=True)
    t0 = time.time()
    res = Result(a.verbose)
    for name, tb in load_errors:
        res.failed_names.append(name)
        print("FAIL    %s (cannot import)\n    %s" % (name, tb.replace("\n", "\n    ")))
    suite.run(res)
    for sig, (count, first, excerpt) in harness.SERVER_PROBLEMS.items():
        name = "server: " + sig
        res.failed_names.append(name)
        print("FAIL    %s (%d server run(s); first: %s)\n    %s" % (
            name, count, first, excerpt.replace("\n", "\n    ")), flush=True)
    if not c.keep:
        shutil.rmtree(c.tmp_root, ignore_errors=True)
    failed = len(res.failed_names)
    skipped = len(res.skipped)
    print("-- %.1f s" % (time.time() - t0))
    if failed:
        print("failed: " + ", ".join(res.failed_names))
    line = "%d passed, %d failed" % (res.passed, failed)
    if skipped:
        line += ", %d skipped" % skipped
    print(line, flush=True)
    return 1 if failed else 0


def _filter(suite, patterns):
    out = unittest.TestSuite()
    for t in suite:
        if isinstance(t, unittest.TestSuite):
            out.addTests(_filter(t, patterns))
        elif any(p in t.id() for p in patterns):
            out.addTest(t)
    return out


if __name__ == "__main__":
    sys.exit(main())
