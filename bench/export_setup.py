#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""API-side steps of bench/export.sh (standard library only).

  export_setup.py org URL
      signs in as admin and prints the id of the organisation that holds every demo
      client (the federation: both antennas and the care home are below it).
  export_setup.py touch URL N
      signs in as the coordinator (password $BENCH_PASSWORD, default demo-liaison) and
      changes the phone number of N clients of her association (one PATCH each, with
      If-Match), as a day's work would: these are the records an incremental bundle
      must render again. Prints {"changed": N, "ids": [...]}.
  export_setup.py sites URL
      signs in as admin and prints, one per line, "id<TAB>name" of the three demo sites
      (Antenne Belleville, Antenne Nation, EHPAD Les Tilleuls): the nodes whose care
      profile is in every client's circle (as aide_domicile), hence the bundles that
      show the care plan, the visits and the notebook.
  export_setup.py fill URL ENTRIES CONNECTIONS
      gives every demo client ENTRIES notebook entries of the last 30 days (fact_at
      spread over 28 days) through POST /api/v1/clients/{id}/notebook, over
      CONNECTIONS keep-alive connections (one thread each): realistic French
      transmissions of 200-500 characters, about 60 % daily notes (audience all) and
      40 % care "targeted" entries (cible / données / actions / résultats, audience
      care_team), all of which the care profile of the client's site reads. Authors are
      the demo accounts who may write for the client: aide and infirmier (Belleville),
      coordinatrice (Belleville and Nation), aide-soignante (EHPAD). Deterministic
      texts (seed $BENCH_EX_SEED, default 7). A 403 (the client refused daily or care
      notes to the circle) is counted, not fatal. Prints one JSON object (entries
      created, failures by status, seconds of the POSTs and total_seconds with the
      sign-ins and client listings, rate, mean characters of an entry).
"""
import http.client
import json
import os
import random
import sys
import threading
import time
import urllib.parse

PASSWORD = os.environ.get("BENCH_PASSWORD", "demo-liaison")
ROOT_NAME = "Fédération Île-de-France"


class Api:
    def __init__(self, url):
        u = urllib.parse.urlparse(url)
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
        self.token = None

    def call(self, method, path, body=None, headers=None):
        h = {"Accept": "application/json"}
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        if body is not None:
            h["Content-Type"] = "application/json"
            body = json.dumps(body).encode()
        h.update(headers or {})
        self.conn.request(method, path, body, h)
        r = self.conn.getresponse()
        data = r.read()
        return r.status, (json.loads(data) if data else None)

    def login(self, login):
        st, j = self.call("POST", "/api/v1/sessions", {"login": login, "password": PASSWORD})
        if st != 201 and st != 200:
            sys.exit("sign-in as %s failed: %s %s" % (login, st, j))
        self.token = j["token"]


def org(url):
    api = Api(url)
    api.login("admin")
    st, j = api.call("GET", "/api/v1/orgs")
    if st != 200:
        sys.exit("GET /api/v1/orgs: %s %s" % (st, j))
    for o in j["items"]:
        if o["name"] == ROOT_NAME:
            print(o["id"])
            return
    sys.exit("no organisation named %s" % ROOT_NAME)


def touch(url, n):
    api = Api(url)
    api.login("coordinatrice")
    ids, cursor = [], None
    while len(ids) < n:
        path = "/api/v1/clients?limit=200" + ("&cursor=" + urllib.parse.quote(cursor)
                                              if cursor else "")
        st, j = api.call("GET", path)
        if st != 200:
            sys.exit("GET %s: %s %s" % (path, st, j))
        ids += [c["id"] for c in j["items"]]
        cursor = j.get("next_cursor")
        if not cursor:
            break
    if len(ids) < n:
        sys.exit("only %d clients visible to the coordinator" % len(ids))
    # Spread over the list rather than the first n, as real changes would be.
    step = max(1, len(ids) // n)
    chosen = ids[::step][:n]
    for i, cid in enumerate(chosen):
        st, cl = api.call("GET", "/api/v1/clients/" + cid)
        if st != 200:
            sys.exit("GET client %s: %s %s" % (cid, st, cl))
        st, j = api.call("PATCH", "/api/v1/clients/" + cid,
                         {"phone": "01 43 %02d %02d %02d" % (i % 100, (i * 7) % 100, 42)},
                         {"If-Match": '"%d"' % cl["version"]})
        if st != 200:
            sys.exit("PATCH client %s: %s %s" % (cid, st, j))
    print(json.dumps({"changed": len(chosen), "ids": chosen}))


SITES = ("Antenne Belleville", "Antenne Nation", "EHPAD Les Tilleuls")


def sites(url):
    api = Api(url)
    api.login("admin")
    st, j = api.call("GET", "/api/v1/orgs")
    if st != 200:
        sys.exit("GET /api/v1/orgs: %s %s" % (st, j))
    by_name = {o["name"]: o["id"] for o in j["items"]}
    for name in SITES:
        if name not in by_name:
            sys.exit("no organisation named %s" % name)
        print("%s\t%s" % (by_name[name], name))


# ---- fill: realistic notebooks ----

OPENINGS = [
    "Arrivée à %s, Mme/M. est au fauteuil, accueil souriant.",
    "Passage de %s : la personne était encore au lit, réveil difficile ce matin.",
    "Visite de %s, l'usager(ère) nous attendait à la porte, de bonne humeur.",
    "À %s, trouvé(e) dans la cuisine en train de préparer un café, un peu essoufflé(e).",
    "Intervention de %s : calme, orienté(e), se plaint d'une nuit agitée.",
]
MIDDLES = [
    "Toilette complète au lavabo réalisée avec son aide ; peau sèche au niveau des jambes, "
    "crème hydratante appliquée. Pas de rougeur au sacrum ni aux talons.",
    "Repas du midi pris en totalité : purée de carottes, émincé de volaille, compote. "
    "A bu deux verres d'eau et un thé ; penser à proposer à boire plus souvent, il fait chaud.",
    "Aide à l'habillage, choix des vêtements respecté. Chaussures fermées remises, le tapis "
    "du couloir glisse toujours : à signaler à la fille pour le retirer.",
    "Courses faites à la supérette (lait, pain de mie, yaourts, bananes, eau gazeuse). "
    "Ticket et monnaie rangés dans l'enveloppe du tiroir de l'entrée.",
    "Ménage de la chambre et de la salle d'eau, changement des draps, lessive lancée et "
    "étendue. Poubelles sorties. Le réfrigérateur contenait un plat périmé, jeté avec son accord.",
    "Petite promenade jusqu'au square avec le déambulateur, une vingtaine de minutes, "
    "deux pauses sur le banc. Pas de douleur signalée au retour.",
    "Pilulier vérifié : les prises d'hier soir et de ce matin ont été faites. Aide à la prise "
    "du midi, comprimés avalés avec de la compote sans difficulté.",
    "Se plaint de douleurs au genou droit (EVA 4/10), légère chaleur mais pas d'œdème. "
    "Installé(e) jambe surélevée, l'infirmière sera prévenue au prochain passage.",
    "Conversation autour des photos de famille, évoque ses petits-enfants et l'été à "
    "Étretat ; moral meilleur que la semaine dernière, rires pendant le repas.",
    "Un peu confus(e) en fin de visite : ne retrouvait plus ses lunettes, qui étaient sur "
    "la table de nuit. A demandé deux fois quel jour on était.",
    "Le kiné est passé hier d'après la voisine ; exercices d'équilibre repris ensemble "
    "pendant cinq minutes, sans appréhension particulière.",
    "Appel de la fille pendant la visite : elle viendra samedi et apportera les bas de "
    "contention commandés à la pharmacie de la rue des Pyrénées.",
]
CLOSINGS = [
    "Départ à %s, porte fermée à clé, téléalarme au poignet.",
    "Fin de visite à %s ; repas du soir préparé et filmé au réfrigérateur.",
    "Quitté(e) à %s, installé(e) devant la télévision, boisson à portée de main.",
    "Parti(e) à %s. Rien d'autre à signaler.",
]
TARGETS = [
    ("Hydratation", "Lèvres sèches, urines foncées d'après la personne, a peu bu depuis hier.",
     "Proposé eau, tisane et gélifiés ; bouteille entamée laissée sur la table avec un repère "
     "au feutre. Fille prévenue par téléphone.",
     "A bu 400 ml pendant la visite, à surveiller au prochain passage."),
    ("Risque de chute", "Déséquilibre au lever du fauteuil, s'est rattrapé(e) au buffet. "
     "Chaussons ouverts et tapis non fixé dans l'entrée.",
     "Chaussures fermées mises, tapis roulé et rangé avec son accord, rappel d'utiliser le "
     "déambulateur et la téléalarme.",
     "Déplacements plus sûrs en fin de visite ; demande d'ergothérapeute transmise à la "
     "coordinatrice."),
    ("Douleur", "Grimaces à la mobilisation de l'épaule gauche, cotée 5/10 ; dit avoir mal "
     "depuis trois jours, sans chute rapportée.",
     "Mobilisation douce, coussin de positionnement, pas de port de charge. Infirmier "
     "informé pour évaluation.",
     "Douleur à 3/10 au repos au départ ; revoir au prochain passage."),
    ("Alimentation", "N'a mangé que la moitié du repas de midi, dit ne pas avoir faim ; "
     "perte de poids évoquée par la famille (2 kg en un mois).",
     "Fractionnement proposé, collation enrichie (crème dessert, fromage) laissée au "
     "réfrigérateur, pesée faite : 58,4 kg.",
     "A pris la collation à 16 h devant moi ; pesée à refaire lundi."),
    ("État cutané", "Rougeur persistante au talon droit, ne blanchit pas à la pression, "
     "sans plaie ouverte.",
     "Effleurage évité, talon mis en décharge avec un coussin, changement de position "
     "expliqué. Photo prise dans le dossier de soins.",
     "Rougeur inchangée en fin de visite ; infirmier prévenu pour passage demain."),
    ("Comportement", "Agitation en fin d'après-midi, cherche à sortir « pour aller "
     "chercher les enfants à l'école », ne reconnaît pas tout de suite l'intervenante.",
     "Réassurance, rappel calme du jour et de l'heure, activité de pliage du linge "
     "proposée, lumière allumée avant la tombée de la nuit.",
     "Apaisé(e) après vingt minutes ; épisode noté pour la réunion d'équipe."),
]
WRITERS = ("aide-soignante", "aide", "infirmier", "coordinatrice")


def note_text(rng):
    h = rng.randint(7, 18)
    parts = [rng.choice(OPENINGS) % ("%dh%02d" % (h, rng.choice((0, 15, 30, 45))))]
    parts += rng.sample(MIDDLES, rng.randint(1, 2))
    parts.append(rng.choice(CLOSINGS) % ("%dh%02d" % (h + 1, rng.choice((0, 10, 20, 40)))))
    return " ".join(parts)


def entry_body(rng, j, n, now):
    fact = now - (j * 28.0 / n + rng.uniform(0, 2.5)) * 86400 - rng.uniform(0, 3600)
    fact_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(fact))
    if rng.random() < 0.6:
        return {"kind": "note", "category": "daily", "audience": "all",
                "text": note_text(rng), "fact_at": fact_at}
    target, data, actions, results = rng.choice(TARGETS)
    return {"kind": "targeted", "category": "care", "audience": "care_team",
            "target": target, "data": data, "actions": actions, "results": results,
            "fact_at": fact_at}


def list_clients(api):
    ids, cursor = [], None
    while True:
        path = "/api/v1/clients?limit=200" + ("&cursor=" + urllib.parse.quote(cursor)
                                              if cursor else "")
        st, j = api.call("GET", path)
        if st != 200:
            sys.exit("GET %s: %s %s" % (path, st, j))
        ids += [c["id"] for c in j["items"]]
        cursor = j.get("next_cursor")
        if not cursor or not j["items"]:
            return ids


def fill(url, entries, conns):
    t_start = time.monotonic()
    seed = int(os.environ.get("BENCH_EX_SEED", "7"))
    tokens, writers = {}, {}  # writers: client id -> logins who see it
    for login in WRITERS:
        api = Api(url)
        api.login(login)
        tokens[login] = api.token
        for cid in list_clients(api):
            writers.setdefault(cid, []).append(login)
    clients = sorted(writers)
    now = time.time()
    jobs = []  # (client, login, body)
    chars = 0
    # Oldest entries first, all clients at a time: each notebook is written in the
    # order of its facts, as it would be day after day.
    rngs = [random.Random("%d:%d" % (seed, k)) for k in range(len(clients))]
    for j in reversed(range(entries)):
        for k, cid in enumerate(clients):
            body = entry_body(rngs[k], j, entries, now)
            chars += sum(len(body.get(f, "")) for f in ("text", "target", "data", "actions",
                                                          "results"))
            ws = writers[cid]
            jobs.append((cid, ws[(k + j) % len(ws)], body))
    lock = threading.Lock()
    state = {"next": 0, "created": 0, "failed": {}}

    def worker():
        api = Api(url)
        while True:
            with lock:
                i = state["next"]
                state["next"] += 1
            if i >= len(jobs):
                return
            cid, login, body = jobs[i]
            api.token = tokens[login]
            try:
                st, _ = api.call("POST", "/api/v1/clients/%s/notebook" % cid, body)
            except Exception as e:  # noqa: BLE001 - counted, reported
                st = type(e).__name__
                api.conn.close()
                api = Api(url)
            with lock:
                if st == 201:
                    state["created"] += 1
                else:
                    state["failed"][str(st)] = state["failed"].get(str(st), 0) + 1

    t0 = time.monotonic()
    ts = [threading.Thread(target=worker) for _ in range(conns)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    secs = time.monotonic() - t0
    failed = sum(state["failed"].values())
    print(json.dumps({"clients": len(clients), "entries_per_client": entries,
                      "requested": len(jobs), "created": state["created"],
                      "failed": state["failed"], "connections": conns,
                      "seconds": round(secs, 1),
                      "total_seconds": round(time.monotonic() - t_start, 1),
                      "per_s": round(state["created"] / secs, 1) if secs > 0 else None,
                      "mean_chars": round(chars / len(jobs)) if jobs else 0}))
    # Refusals (403) are the clients' right; anything else is a broken fill.
    if failed - state["failed"].get("403", 0) > 0:
        sys.exit("fill: unexpected failures %s" % state["failed"])


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "org":
        org(sys.argv[2])
    elif len(sys.argv) >= 3 and sys.argv[1] == "sites":
        sites(sys.argv[2])
    elif len(sys.argv) >= 5 and sys.argv[1] == "fill":
        fill(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif len(sys.argv) >= 4 and sys.argv[1] == "touch":
        touch(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
