#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""API-side steps of bench/notebook.sh (standard library only).

  notebook_setup.py prepare URL OUT_DIR TARGET CONNECTIONS
      signs in as usager, infirmier and aide (password $BENCH_PASSWORD, default
      demo-liaison); the client is links[0].client_id of usager's /api/v1/me;
      counts its notebook (as infirmier), appends entries as aide over CONNECTIONS
      keep-alive connections until it holds TARGET, counts again. Writes
      OUT_DIR/{client,token_reader,token_author} and prints one JSON object.
  notebook_setup.py count URL OUT_DIR
      prints the number of entries the reader sees in the client's notebook (pages of
      100: slow on a large notebook).
  notebook_setup.py probe URL OUT_DIR [N]
      one read of the newest entries, then N (3) timed sequential reads; prints the
      median in ms.
"""
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse

PASSWORD = os.environ.get("BENCH_PASSWORD", "demo-liaison")
READER = os.environ.get("BENCH_NB_READER", "infirmier")
AUTHOR = os.environ.get("BENCH_NB_AUTHOR", "aide")
PERSON = os.environ.get("BENCH_NB_PERSON", "usager")


class Api:
    def __init__(self, url):
        u = urllib.parse.urlsplit(url)
        self.host, self.port = u.hostname, u.port
        self.conn = None

    def call(self, method, path, body=None, token=None):
        headers = {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = "Bearer " + token
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                self.conn.request(method, path, body=data, headers=headers)
                r = self.conn.getresponse()
                raw = r.read()
                if r.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return r.status, raw
            except (ConnectionError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise

    def json(self, method, path, body=None, token=None, want=(200, 201)):
        st, raw = self.call(method, path, body, token)
        if st not in want:
            sys.exit("%s %s: HTTP %d %s" % (method, path, st, raw[:300].decode("utf-8", "replace")))
        return json.loads(raw)


def count(api, client, token):
    n, cursor, pages = 0, None, 0
    while True:
        q = {"limit": "100"}
        if cursor:
            q["cursor"] = cursor
        page = api.json("GET", "/api/v1/clients/%s/notebook?%s" % (client, urllib.parse.urlencode(q)),
                        token=token)
        n += len(page["items"])
        pages += 1
        cursor = page.get("next_cursor")
        if not cursor or not page["items"]:
            return n


def fill(url, client, token, need, conns):
    """Appends `need` entries over `conns` connections; returns (created, failures, seconds)."""
    lock = threading.Lock()
    state = {"left": need, "created": 0, "failed": 0, "statuses": {}}

    def worker(k):
        api = Api(url)
        i = 0
        while True:
            with lock:
                if state["left"] <= 0:
                    return
                state["left"] -= 1
            i += 1
            body = {"category": "daily",
                    "text": "Repas pris, bonne humeur. Remplissage du cahier (c%d n%d)." % (k, i)}
            try:
                st, _ = api.call("POST", "/api/v1/clients/%s/notebook" % client, body, token)
            except Exception as e:  # noqa: BLE001 - counted, reported
                st = type(e).__name__
            with lock:
                if st == 201:
                    state["created"] += 1
                else:
                    state["failed"] += 1
                    state["statuses"][str(st)] = state["statuses"].get(str(st), 0) + 1

    t0 = time.monotonic()
    ts = [threading.Thread(target=worker, args=(k,)) for k in range(conns)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return state["created"], state["failed"], state["statuses"], time.monotonic() - t0


def main():
    mode, url, out = sys.argv[1], sys.argv[2], sys.argv[3]
    api = Api(url)
    if mode == "probe":
        # Sequential single reads (no concurrency): the first one reads what is
        # unread and moves the marker, the next ones are timed. Prints median ms.
        client = open(os.path.join(out, "client")).read().strip()
        token = open(os.path.join(out, "token_reader")).read().strip()
        path = "/api/v1/clients/%s/notebook?limit=%s" % (client, os.environ.get("BENCH_NB_LIMIT", "50"))
        api.json("GET", path, token=token)
        times = []
        for _ in range(int(sys.argv[4]) if len(sys.argv) > 4 else 3):
            t0 = time.monotonic()
            api.json("GET", path, token=token)
            times.append(1000 * (time.monotonic() - t0))
        times.sort()
        print("%.2f" % times[len(times) // 2])
        return 0
    if mode == "count":
        client = open(os.path.join(out, "client")).read().strip()
        token = open(os.path.join(out, "token_reader")).read().strip()
        print(count(api, client, token))
        return 0
    target, conns = int(sys.argv[4]), int(sys.argv[5])
    tok = {}
    for login in (PERSON, READER, AUTHOR):
        tok[login] = api.json("POST", "/api/v1/sessions", {"login": login, "password": PASSWORD})["token"]
    me = api.json("GET", "/api/v1/me", token=tok[PERSON])
    if not me.get("links"):
        sys.exit("%s has no linked client" % PERSON)
    client = me["links"][0]["client_id"]
    before = count(api, client, tok[READER])
    need = max(0, target - before)
    created, failed, statuses, secs = fill(url, client, tok[AUTHOR], need, conns)
    after = count(api, client, tok[READER])
    for name, value in (("client", client), ("token_reader", tok[READER]), ("token_author", tok[AUTHOR])):
        with open(os.path.join(out, name), "w") as f:
            f.write(value)
    print(json.dumps({"client_id": client, "reader": READER, "author": AUTHOR,
                      "entries_before_fill": before, "fill_requested": need,
                      "fill_created": created, "fill_failed": failed,
                      "fill_failed_statuses": statuses, "fill_connections": conns,
                      "fill_s": round(secs, 2),
                      "fill_per_s": round(created / secs, 1) if secs > 0 else None,
                      "entries_after_fill": after}))
    if failed or after < target:
        print("notebook: fill incomplete: %d failed %s, %d entries (target %d)" % (
            failed, statuses, after, target), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
