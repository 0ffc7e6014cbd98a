# SPDX-License-Identifier: EUPL-1.2
"""Helpers of the black-box API tests: start the real server, talk HTTP, build data.

The tests see Liaison only from the outside: the HTTP API, the `liaison` command line
and, for the tamper test, the database file an operator could edit. Two modes
(STYLE.md, "Tests"):

- local: each module starts the servers it needs (`liaison serve --listen
  127.0.0.1:0`) on a fresh data directory and, for PostgreSQL, a fresh database when
  --createdb-cmd is given, else the shared database named by --database;
- external (--base-url): tests run against a running deployment with the given
  administrator login; tests that must start, configure or kill a server skip.

Every test builds its own organisations, accounts and clients through the API with
names unique to the run, so that tests never depend on each other's data, even in one
shared database.
"""
import datetime
import http.client
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


class Config:
    liaison = None        # path to the binary (local mode)
    database = None       # shared postgresql:// URL, or None for SQLite
    createdb_cmd = None   # shell command printing a new empty database URL
    base_url = None       # external mode
    login = None
    password = None
    verbose = False
    tmp_root = None       # parent of every temporary directory of the run
    keep = False          # keep temporary directories (debugging)


CONFIG = Config()

# Problems seen in servers' logs or exits (sanitizer reports, unclean exits): each
# kind is reported once as a failure by run.py, whichever test was running.
SERVER_PROBLEMS = {}   # signature -> [count, first server, excerpt]


def server_problem(signature, server, excerpt):
    p = SERVER_PROBLEMS.setdefault(signature, [0, "%s (%s)" % (server.name, server.err_path),
                                               excerpt])
    p[0] += 1

DEMO_PASSWORD = "demo-liaison"
PASSWORD = "motdepasse-de-test-1"   # >= 12 characters
OID_NIR = "1.2.250.1.213.1.4.8"       # production NIR OID: always accepted
OID_TEST = "1.2.250.1.213.1.4.10"     # test OID: only with --accept-test-ins
PROBLEM_KEYS = ("type", "title", "status", "detail", "code", "request_id")


def external():
    return CONFIG.base_url is not None


def backend():
    if external():
        return "external"
    return "postgresql" if (CONFIG.database or CONFIG.createdb_cmd) else "sqlite"


def require_local(tc):
    """Skips the calling test in external mode (it starts or kills servers)."""
    if external():
        tc.skipTest("needs to start its own server (external-server mode)")


_uid_lock = threading.Lock()
_uid_n = [0]
_RUN = "".join(random.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(4))


def uid():
    """A short string unique to this run: letters only, so it can sit in a name."""
    with _uid_lock:
        _uid_n[0] += 1
        n = _uid_n[0]
    s = ""
    while True:
        s = "abcdefghijklmnopqrstuvwxyz"[n % 26] + s
        n //= 26
        if n == 0:
            break
    return _RUN + s


def tmpdir(prefix):
    return tempfile.mkdtemp(prefix=prefix, dir=CONFIG.tmp_root)


# --------------------------------------------------------------------------- HTTP


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers          # list of (name, value)
        self.body = body
        try:
            self.json = json.loads(body.decode("utf-8")) if body else None
        except (ValueError, UnicodeDecodeError):
            self.json = None

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def header_all(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    @property
    def code(self):
        return self.json.get("code") if isinstance(self.json, dict) else None

    def field_errors(self):
        if not isinstance(self.json, dict):
            return set()
        return {(e.get("field"), e.get("code")) for e in self.json.get("errors") or []}

    def __repr__(self):
        body = self.body[:600].decode("utf-8", "replace")
        return "HTTP %d %s" % (self.status, body)


class Api:
    """A tiny HTTP client: one connection per request, nothing hidden."""

    def __init__(self, base_url):
        u = urllib.parse.urlsplit(base_url)
        self.base_url = base_url.rstrip("/")
        self.host = u.hostname
        self.port = u.port or 80

    def request(self, method, path, body=None, headers=None, token=None, timeout=60):
        """body: bytes sent as is, or any other value sent as JSON."""
        hdrs = dict(headers or {})
        if body is not None and not isinstance(body, (bytes, bytearray)):
            body = json.dumps(body).encode("utf-8")
            hdrs.setdefault("Content-Type", "application/json")
        if token:
            hdrs.setdefault("Authorization", "Bearer " + token)
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            try:
                conn.request(method, path, body=body, headers=hdrs)
            except (BrokenPipeError, ConnectionResetError):
                # The server may answer (413) and close before reading the whole body.
                pass
            resp = conn.getresponse()
            data = resp.read()
            return Response(resp.status, resp.getheaders(), data)
        finally:
            conn.close()

    def login(self, login, password, headers=None):
        return self.request("POST", "/api/v1/sessions", {"login": login, "password": password},
                            headers=headers)

    def session(self, login, password):
        r = self.login(login, password)
        if r.status != 201:
            raise AssertionError("sign-in of %r failed: %r" % (login, r))
        return Session(self, r.json)


class Session:
    """A signed-in account (bearer token)."""

    def __init__(self, api, login_reply):
        self.api = api
        self.token = login_reply["token"]
        self.csrf = login_reply["csrf_token"]
        self.account = login_reply["account"]
        self.id = self.account["id"]

    def request(self, method, path, body=None, headers=None):
        return self.api.request(method, path, body, headers, token=self.token)

    def get(self, path, headers=None):
        return self.request("GET", path, None, headers)

    def post(self, path, body, headers=None):
        return self.request("POST", path, body, headers)

    def patch(self, path, body, if_match=None, headers=None):
        h = dict(headers or {})
        if if_match is not None:
            h["If-Match"] = '"%s"' % if_match
        return self.request("PATCH", path, body, h)

    def delete(self, path, headers=None):
        return self.request("DELETE", path, None, headers)


# --------------------------------------------------------------------------- servers


def _new_database_url():
    """A database for one server: None (SQLite in the data dir), a fresh PostgreSQL
    database from --createdb-cmd, or the shared --database URL."""
    if CONFIG.createdb_cmd:
        name = "lia_api_%s_%d" % (uid(), os.getpid())
        cmd = CONFIG.createdb_cmd
        if "{name}" in cmd:
            cmd = cmd.replace("{name}", name)
        else:
            cmd += " " + name   # e.g. "scripts/pg-cluster.sh createdb DIR" + NAME
        env = dict(os.environ, LIAISON_TEST_DBNAME=name)
        out = subprocess.run(cmd, shell=True, cwd=REPO, env=env, capture_output=True,
                             text=True, timeout=120)
        lines = [ln.strip() for ln in out.stdout.splitlines() if ln.strip()]
        if out.returncode != 0 or not lines:
            raise RuntimeError("--createdb-cmd failed (%d): %s" % (out.returncode, out.stderr))
        return lines[-1]
    return CONFIG.database


def private_database():
    """True when each server has a database of its own (so it may be tampered with)."""
    return not external() and (CONFIG.createdb_cmd is not None or CONFIG.database is None)


class Server:
    """One `liaison serve` process on an ephemeral port."""

    def __init__(self, args=(), demo=True, name="server", accept_test_ins=True):
        self.args = list(args)
        self.accept_test_ins = accept_test_ins
        self.demo = demo
        self.name = name
        self.dir = tmpdir("liaison-api-%s-" % name)
        self.data_dir = os.path.join(self.dir, "data")
        os.makedirs(self.data_dir)
        self.database = _new_database_url()
        self.proc = None
        self.url = None
        self.api = None
        self.starts = 0

    # The options every command of this server's installation gets.
    def storage_args(self):
        a = ["--data-dir", self.data_dir]
        if self.database:
            a += ["--database", self.database]
        return a

    def start(self, timeout=60):
        self.starts += 1
        out_path = os.path.join(self.dir, "stdout.%d.txt" % self.starts)
        err_path = os.path.join(self.dir, "stderr.%d.txt" % self.starts)
        # A restart listens on the same port, so that clients (and their Api
        # objects) find the server where it was.
        listen = "127.0.0.1:%d" % self.api.port if self.api else "127.0.0.1:0"
        cmd = [CONFIG.liaison, "serve", "--listen", listen, "--pwhash", "min",
               "--log-level", "warn"] + self.storage_args()
        if self.accept_test_ins:
            cmd.append("--accept-test-ins")
        if self.demo:
            cmd += ["--demo", "--demo-clients", "0"]
        cmd += self.args
        self.out_path, self.err_path = out_path, err_path
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            self.proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                         cwd=self.dir)
        deadline = time.time() + timeout
        while time.time() < deadline:
            with open(out_path, "rb") as f:
                m = re.search(rb"serving on (http://[0-9.]+:[0-9]+)/", f.read())
            if m:
                self.url = m.group(1).decode()
                if not self.api:
                    self.api = Api(self.url)
                return self
            if self.proc.poll() is not None:
                break
            time.sleep(0.02)
        self.kill9()
        raise RuntimeError("%s did not start: %s\n%s" % (
            " ".join(cmd), self.stderr_tail(), open(out_path, "rb").read()[-2000:]))

    def stderr_tail(self, n=3000):
        try:
            with open(self.err_path, "rb") as f:
                return f.read()[-n:].decode("utf-8", "replace")
        except OSError:
            return ""

    def stop(self):
        """SIGTERM and wait: the server finishes what it acknowledged and exits 0."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                SERVER_PROBLEMS.append("%s: did not stop within 30 s of SIGTERM" % self.name)
        rc = self.proc.returncode if self.proc else None
        self.proc = None
        if not self.check_log() and rc not in (0, None):
            server_problem("exited with status %s after SIGTERM" % rc, self,
                           self.stderr_tail())

    def check_log(self):
        """Sanitizer reports in the server's log are failures of the run. Returns
        True when one was found."""
        checked = self.__dict__.setdefault("_checked", set())
        if not getattr(self, "err_path", None) or self.err_path in checked:
            return False
        checked.add(self.err_path)
        text = self.stderr_tail(10 ** 6)
        for marker in ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",
                       "WARNING: ThreadSanitizer"):
            i = text.find(marker)
            if i >= 0:
                excerpt = text[max(0, i - 200):i + 3000]
                # The first frame in our sources names the problem across servers.
                frames = [f for f, path in re.findall(r" in (\w+) \.\./src/(\S+?):", excerpt)
                          if not path.startswith(("core/alloc", "core/arena"))]
                server_problem("%s%s" % (marker, " in " + frames[0] if frames else ""), self,
                               excerpt)
                return True
        return False

    def kill9(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
        self.proc = None
        if getattr(self, "err_path", None):
            self.check_log()

    def restart(self):
        self.stop()
        return self.start()

    def cli(self, *args, stdin=None, timeout=120):
        """Runs `liaison <args...>` on this server's storage."""
        cmd = [CONFIG.liaison] + list(args) + self.storage_args()
        return subprocess.run(cmd, input=stdin, capture_output=True, text=True,
                              timeout=timeout, cwd=self.dir)

    def audit_verify(self):
        return self.cli("audit", "verify")

    def sql(self, statement):
        """Runs SQL directly on the database, as someone with file access could."""
        if not self.database:
            db = sqlite3.connect(os.path.join(self.data_dir, "liaison.db"), timeout=30)
            try:
                cur = db.execute(statement)
                rows = cur.fetchall()
                db.commit()
                return rows
            finally:
                db.close()
        psql = find_psql()
        if not psql:
            raise unittest.SkipTest("psql not found")
        out = subprocess.run([psql, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                              "-d", self.database, "-c", statement],
                             capture_output=True, text=True, timeout=60, cwd="/")
        if out.returncode != 0:
            raise RuntimeError("psql: %s" % out.stderr)
        return [tuple(ln.split("|")) for ln in out.stdout.splitlines() if ln]

    def close(self):
        self.stop()
        if not CONFIG.keep:
            shutil.rmtree(self.dir, ignore_errors=True)


def find_psql():
    p = shutil.which("psql")
    if p:
        return p
    for d in sorted(os.listdir("/usr/lib/postgresql"), reverse=True) \
            if os.path.isdir("/usr/lib/postgresql") else []:
        c = os.path.join("/usr/lib/postgresql", d, "bin", "psql")
        if os.access(c, os.X_OK):
            return c
    return None


class Target:
    """Where the API under test lives: a server of our own, or the external one."""

    def __init__(self, server=None):
        self.server = server
        if server:
            self.api = server.api
            self.admin_login, self.admin_password = "admin", DEMO_PASSWORD
        else:
            self.api = Api(CONFIG.base_url)
            self.admin_login, self.admin_password = CONFIG.login, CONFIG.password

    def admin(self):
        return self.api.session(self.admin_login, self.admin_password)

    def close(self):
        if self.server:
            self.server.close()


def start_target(args=(), name="shared"):
    """The module's shared target: its own server in local mode."""
    if external():
        return Target(None)
    return Target(Server(args, name=name).start())


# --------------------------------------------------------------------------- data

# Kinds by rank (see POST /api/v1/orgs): a child sits strictly below its parent.
_RANK = {"national": 0, "federation": 1, "association": 2, "establishment": 2,
         "antenna": 3, "team": 4}


def make_ins(sex, birth_date, rng=random):
    """A valid INS matricule (NIR) matching the traits, unique enough for a run."""
    first = "1" if sex == "M" else "2"
    yy, mm = birth_date[2:4], birth_date[5:7]
    body = first + yy + mm + "%02d" % rng.randint(1, 95) + "%03d" % rng.randint(1, 990) \
        + "%03d" % rng.randint(1, 999)
    key = 97 - int(body) % 97
    return body + "%02d" % key


def random_birth_date(rng=random):
    return "%04d-%02d-%02d" % (rng.randint(1925, 1965), rng.randint(1, 12), rng.randint(1, 28))


class World:
    """An organisation subtree of our own with one account per role.

        root (the admin's node)
        ├── association "Aide à domicile <u>"     coordinator, alarm operator, auditor
        │   ├── antenna "Antenne Belleville <u>"  aide, nurse
        │   └── antenna "Antenne Nation <u>"
        └── establishment "EHPAD Les Tilleuls <u>"  aide-soignant(e)
    """

    ROLES = {
        "coordinator": ("assoc", "Nathalie Lefèvre"),
        "alarm_operator": ("assoc", "Thomas Girard"),
        "auditor": ("assoc", "Hélène Marchand"),
        "aide": ("belleville", "Fatou Diallo"),
        "nurse": ("belleville", "Karim Benali"),
        "aide_soignant": ("ehpad", "Sandrine Petit"),
    }

    def __init__(self, target, roles=None):
        self.target = target
        self.api = target.api
        self.u = uid()
        self.admin = target.admin()
        self.root_id = self.admin.account["roles"][0]["org_id"]
        self.orgs = {}
        self.orgs["assoc"] = self.org(self.root_id, "association", "Aide à domicile " + self.u)
        self.orgs["belleville"] = self.org(self.orgs["assoc"], "antenna",
                                           "Antenne Belleville " + self.u)
        self.orgs["nation"] = self.org(self.orgs["assoc"], "antenna", "Antenne Nation " + self.u)
        self.orgs["ehpad"] = self.org(self.root_id, "establishment",
                                      "EHPAD Les Tilleuls " + self.u)
        self.logins = {}
        self.names = {}
        self._sessions = {}
        for role in (self.ROLES if roles is None else roles):
            where, name = self.ROLES[role]
            self.add_staff(role, self.orgs[where], name + " " + self.u)

    def org(self, parent_id, kind, name):
        r = self.admin.post("/api/v1/orgs", {"parent_id": parent_id, "kind": kind, "name": name})
        if r.status != 201:
            raise AssertionError("creating org %r failed: %r" % (name, r))
        return r.json["id"]

    def add_staff(self, role, org_id, display_name, key=None):
        key = key or role
        login = "%s-%s" % (key.replace("_", "-"), self.u)
        r = self.admin.post("/api/v1/accounts", {
            "login": login, "password": PASSWORD, "display_name": display_name,
            "kind": "staff", "org_id": org_id, "roles": [{"role": role, "org_id": org_id}]})
        if r.status != 201:
            raise AssertionError("creating account %r failed: %r" % (login, r))
        self.logins[key] = login
        self.names[key] = display_name
        return r.json

    def add_person(self, key, client_id, relation, display_name, org=None):
        login = "%s-%s" % (key.replace("_", "-"), self.u)
        r = self.admin.post("/api/v1/accounts", {
            "login": login, "password": PASSWORD, "display_name": display_name,
            "kind": "person", "org_id": org or self.orgs["belleville"],
            "links": [{"client_id": client_id, "relation": relation}]})
        if r.status != 201:
            raise AssertionError("creating person %r failed: %r" % (login, r))
        self.logins[key] = login
        self.names[key] = display_name
        return r.json

    def s(self, key):
        """The (cached) session of an account of this world."""
        if key == "admin":
            return self.admin
        if key not in self._sessions:
            self._sessions[key] = self.api.session(self.logins[key], PASSWORD)
        return self._sessions[key]

    def client_body(self, org="belleville", **over):
        """A valid new client (provisional identity, no INS) with a unique name."""
        body = {
            "org_id": self.orgs.get(org, org),
            "birth_name": "Dupont" + uid().capitalize(),
            "birth_given_names": "Jeanne Marie",
            "sex": "F",
            "birth_date": random_birth_date(),
            "birth_place_code": "75056",
            "address_line": "12 rue des Lilas",
            "postal_code": "75020",
            "city": "Paris",
            "phone": "01 43 55 12 34",
            "gir": 4,
        }
        body.update(over)
        return {k: v for k, v in body.items() if v is not ...}

    def create_client(self, org="belleville", who="coordinator", **over):
        body = self.client_body(org, **over)
        r = self.s(who).post("/api/v1/clients", body)
        if r.status != 201:
            raise AssertionError("creating client failed: %r\nbody: %r" % (r, body))
        return r.json

    def all_clients(self, who="coordinator", query=""):
        """Every client the account can list, as {id: version}, through the pages."""
        seen = {}
        cursor = None
        for _ in range(1000):
            q = "limit=200" + (("&" + query) if query else "")
            if cursor:
                q += "&cursor=" + urllib.parse.quote(cursor)
            r = self.s(who).get("/api/v1/clients?" + q)
            if r.status != 200:
                raise AssertionError("search failed: %r" % r)
            for it in r.json["items"]:
                seen[it["id"]] = it["version"]
            cursor = r.json.get("next_cursor")
            if not cursor:
                return seen
        raise AssertionError("search never ended")


def wait_for(pred, timeout=10.0, step=0.05):
    deadline = time.time() + timeout
    while time.time() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(step)
    return pred()


def assert_problem(tc, r, status, code, fields=(), msg=""):
    """Asserts an RFC 9457 problem reply: status, code, shape, and field errors."""
    ctx = "%s\n  got: %r" % (msg, r)
    tc.assertEqual(r.status, status, ctx)
    ctype = r.header("Content-Type") or ""
    tc.assertTrue(ctype.startswith("application/problem+json"), "Content-Type %r %s" % (ctype, ctx))
    tc.assertIsInstance(r.json, dict, ctx)
    for k in PROBLEM_KEYS:
        tc.assertIn(k, r.json, "problem lacks %r %s" % (k, ctx))
    tc.assertEqual(r.json["status"], status, ctx)
    tc.assertEqual(r.json["code"], code, ctx)
    missing = set(fields) - r.field_errors()
    tc.assertFalse(missing, "field errors %r missing %s" % (sorted(missing), ctx))


def now_utc():
    return datetime.datetime.now(datetime.timezone.utc)
