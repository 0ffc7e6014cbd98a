# SPDX-License-Identifier: EUPL-1.2
"""Set-up of the alarm benchmark: clients and their tele-alarm devices, through the
API of a demo server. Prints the device accounts, one per line."""
import json
import sys
import urllib.request

base, nclients, per_client = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])


def call(method, path, body=None, token=None):
    req = urllib.request.Request(base + path, method=method,
                                 data=json.dumps(body).encode() if body is not None else None)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read() or b"null")


def login(name):
    return call("POST", "/api/v1/sessions", {"login": name, "password": "demo-liaison"})


def letters(i):
    """A distinct name part per client (names hold letters, not digits)."""
    out = ""
    for _ in range(4):
        out += chr(ord("a") + i % 26)
        i //= 26
    return out


coord = login("coordinatrice")
op = login("operateur")
org = coord["account"]["roles"][0]["org_id"]
accounts = []
for i in range(nclients):
    cl = call("POST", "/api/v1/clients", {
        "org_id": org, "birth_name": "Banc" + letters(i), "birth_given_names": "Alarme",
        "sex": "F", "birth_date": "1935-03-%02d" % (i % 28 + 1), "birth_place_code": "75056",
        "address_line": "1 rue du Test", "postal_code": "75020", "city": "Paris"},
        coord["token"])
    for j in range(per_client):
        acct = "B%05d%02d" % (i, j)
        call("POST", "/api/v1/devices", {"client_id": cl["id"], "account": acct,
                                         "protocol": "adm-cid", "model_id": "generic"},
             op["token"])
        accounts.append(acct)
print("\n".join(accounts))
