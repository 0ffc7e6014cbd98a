# SPDX-License-Identifier: EUPL-1.2
"""Behind a reverse proxy (TLS termination, operations.md), the client's address
comes from X-Forwarded-For, but only when the peer is a proxy named in
--trusted-proxies: the per-address login throttle and the audit journal then see the
real client; anyone else's X-Forwarded-For is ignored."""
import unittest

import harness
from harness import assert_problem

LOGIN = "/api/v1/sessions"


def fail_login(api, forwarded):
    return api.request("POST", LOGIN, {"login": "nobody-" + harness.uid(), "password": "wrong"},
                       {"X-Forwarded-For": forwarded})


class Proxy(unittest.TestCase):
    maxDiff = 4000

    def test_trusted_proxy_names_the_client(self):
        harness.require_local(self)
        srv = harness.Server(["--trusted-proxies", "10.9.9.9, 127.0.0.1",
                              "--ip-max-failures", "2"], name="proxy").start()
        try:
            api = srv.api
            # The proxy appends the peer it saw; the left part is the client's say.
            for _ in range(2):
                assert_problem(self, fail_login(api, "198.51.100.7, 203.0.113.5"), 401,
                               "invalid_credentials")
            r = fail_login(api, "203.0.113.5")
            assert_problem(self, r, 429, "too_many_attempts", msg="same client again")
            self.assertTrue(r.header("Retry-After"))
            # Another client behind the same proxy is not punished for the first.
            assert_problem(self, fail_login(api, "203.0.113.6, 10.9.9.9"), 401,
                           "invalid_credentials", msg="other client, through two proxies")
            rows = srv.sql("SELECT ip FROM audit WHERE action = 'session.login' "
                           "ORDER BY seq DESC LIMIT 1")
            self.assertEqual(rows[0][0], "203.0.113.6", "the audit names the real client")
        finally:
            srv.close()

    def test_untrusted_forwarded_for_is_ignored(self):
        harness.require_local(self)
        srv = harness.Server(["--ip-max-failures", "2"], name="noproxy").start()
        try:
            api = srv.api
            assert_problem(self, fail_login(api, "203.0.113.1"), 401, "invalid_credentials")
            assert_problem(self, fail_login(api, "203.0.113.2"), 401, "invalid_credentials")
            # Changing the header does not escape the throttle of the real address.
            assert_problem(self, fail_login(api, "203.0.113.3"), 429, "too_many_attempts")
            rows = srv.sql("SELECT ip FROM audit WHERE action = 'session.login' "
                           "ORDER BY seq DESC LIMIT 1")
            self.assertEqual(rows[0][0], "127.0.0.1")
        finally:
            srv.close()


if __name__ == "__main__":
    unittest.main()
