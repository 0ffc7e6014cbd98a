#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Interoperability test of Liaison's SIA DC-09 code against an independent receiver.

dc09-tool (built on src/dc09/) sends a matrix of frames to the receiver of the npm
package iobroker.sia (tests/interop/sia_receiver.js), over TCP and UDP: SIA-DCS and
ADM-CID, with and without receiver number, with extra data, with a timestamp,
encrypted with AES-128/192/256 hex keys, with a binary CRC. For each frame we check
that iobroker extracted the account, sequence, id, R, L, data (code and zone),
extra data and timestamp we sent, that dc09-tool accepted iobroker's ACK, and that
the reply body dc09-tool read is byte for byte what iobroker sent (the reverse
direction: iobroker's framing through our scan and parse).

Usage: run.py --tool PATH/dc09-tool [--node node] [--verbose]
Needs node_modules: cd tests/interop && npm ci --ignore-scripts (this script
installs nothing). Prints "ok - ..." / "not ok - ..." per check, then
"interop: N passed, M failed"; exit 1 on any failure, 2 when it cannot run.

iobroker's known quirks, tested around (each case says which):
- it refuses NULL link tests (its pattern needs a non-empty data block): it NAKs;
- it reads only the first extra-data block;
- it never sends DUH (an unknown account gets a NAK);
- its *ACK ends with a PKCS#7 block after the timestamp (DC-09 has nothing after
  it), which our parser refuses; we then check our decryption on the same ACK
  without that block (see sia_receiver.js).
"""

import argparse
import calendar
import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# Accounts configured in iobroker. Keys are synthetic test keys.
KEY128 = "ABCDABCDABCDABCDABCDABCDABCDABCD"
KEY192 = "28376EF26E782E1A4A160E3276E5FB9300112233445566AA"
KEY256 = "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F"
ACCOUNTS = {
    "1234": None,
    "080027E62A64": None,
    "0123456789ABCDEF": None,
    "5678": KEY128,
    "5679": KEY192,
    "567A": KEY256,
}
# iobroker's timestamp window (seconds either side of its clock).
WINDOW_S = 20
TOOL_TIMEOUT_MS = 3000

EXIT_NAMES = {0: "ACK", 1: "error", 2: "NAK", 3: "DUH", 4: "no reply", 5: "invalid"}


def sia_time(secs):
    """The DC-09 timestamp text (UTC) of Unix seconds, without the '_'."""
    return time.strftime("%H:%M:%S,%m-%d-%Y", time.gmtime(secs))


class Receiver:
    """sia_receiver.js in a child process; its stdout and stderr lines in queues."""

    def __init__(self, node, verbose):
        args = [node, os.path.join(HERE, "sia_receiver.js"), "--timeout", str(WINDOW_S)]
        for account, key in ACCOUNTS.items():
            args += ["--account", f"{account}:{key}" if key else account]
        self.verbose = verbose
        self.proc = subprocess.Popen(args, cwd=HERE, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.out = queue.Queue()
        self.err = queue.Queue()
        for stream, q in ((self.proc.stdout, self.out), (self.proc.stderr, self.err)):
            threading.Thread(target=self._pump, args=(stream, q), daemon=True).start()
        ready = self.next(self.out, 10)
        if not ready or ready.get("event") != "ready":
            self.stop()
            raise RuntimeError(f"sia_receiver.js did not start: {ready or self.errors()}")
        self.tcp = ready["tcp"]
        self.udp = ready["udp"]

    def _pump(self, stream, q):
        for raw in stream:
            if self.verbose:
                print(f"# receiver: {raw.rstrip()}")
            try:
                q.put(json.loads(raw))
            except ValueError:
                q.put({"event": "text", "text": raw.rstrip()})

    @staticmethod
    def next(q, timeout):
        try:
            return q.get(timeout=timeout)
        except queue.Empty:
            return None

    def next_message(self, timeout=2.0):
        return self.next(self.out, timeout)

    def next_error(self, timeout=2.0):
        """The next refusal, skipping iobroker's own log lines."""
        deadline = time.monotonic() + timeout
        while True:
            e = self.next(self.err, max(0.0, deadline - time.monotonic()))
            if e is None or e.get("event") == "error":
                return e

    def errors(self):
        lines = []
        while not self.err.empty():
            lines.append(self.err.get())
        return lines

    def drain(self):
        for q in (self.out, self.err):
            while not q.empty():
                q.get()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.stdin.close()  # sia_receiver.js exits when its stdin ends
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Replayer:
    """A TCP peer that answers any frame with preset bytes: feeds bytes that came
    from iobroker (slightly changed, see Receiver's ack_trimmed_hex) to dc09-tool."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.port = self.sock.getsockname()[1]
        self.reply = b""
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                data = b""
                try:
                    while not data.endswith(b"\r"):
                        chunk = conn.recv(4096)
                        if not chunk:
                            break
                        data += chunk
                    conn.sendall(self.reply)
                except OSError:
                    pass

    def close(self):
        self.sock.close()


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, problems):
        if problems:
            self.failed += 1
            print(f"not ok - {name}: {'; '.join(problems)}")
        else:
            self.passed += 1
            print(f"ok - {name}")


def run_tool(tool, port, udp, frame_args):
    cmd = [tool, "send", "--host", "127.0.0.1", "--port", str(port),
           "--timeout-ms", str(TOOL_TIMEOUT_MS)] + (["--udp"] if udp else []) + frame_args
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=TOOL_TIMEOUT_MS / 1000 + 10)
    try:
        out = json.loads(p.stdout)
    except ValueError:
        out = None
    return p.returncode, out, p.stderr.strip()


def frame_args(c):
    args = ["--id", c["id"], "--account", c["account"], "--seq", str(c["seq"])]
    for opt in ("receiver", "line", "data", "extra"):
        if c.get(opt):
            args += [f"--{opt}", c[opt]]
    key = ACCOUNTS.get(c["account"].upper())
    if c.get("encrypt") and key:
        args += ["--key", key, "--key-format", "hex"]
    if c.get("ts") is not None:
        args += ["--timestamp", str(c["ts"])]
    if c.get("binary_crc"):
        args.append("--binary-crc")
    return args


def expected_fields(c):
    """What iobroker should extract from the frame of case c."""
    data = c.get("data", "")
    if c.get("encrypt"):
        # Our builder encrypts the payload only (what follows the first '|'):
        # the account is in the clear header already, and iobroker gives what
        # follows the '|' that ends the pad.
        data = data.split("|", 1)[1] if "|" in data else data
    extra = c.get("extra", "")
    # iobroker quirk: only the first extra-data block is read.
    first_extra = extra[1:extra.index("]")] if extra else ""
    return {
        "id": ("*" if c.get("encrypt") else "") + c["id"],
        "seq": f"{c['seq']:04d}",
        "rpref": c.get("receiver", "").upper(),
        "lpref": (c.get("line") or "0").upper(),
        "act": c["account"].upper(),
        "data_message": data,
        "data_extended": first_extra,
        "ts": sia_time(c["ts"]) if c.get("ts") is not None else "",
        "crcformat": "bin" if c.get("binary_crc") else "hex",
    }


def ack_body(frame_hex, crcformat):
    raw = bytes.fromhex(frame_hex)
    return raw[(7 if crcformat == "bin" else 9):-1]


def tool_body(out):
    # dc09-tool escapes bytes outside printable ASCII as \u00XX: latin-1 gives
    # them back one to one.
    return (out or {}).get("body", "").encode("latin-1") if out and out.get("body") else b""


def check_ack_case(res, rcv, replay, tool, c, udp):
    name = f"{'udp' if udp else 'tcp'} {c['name']}"
    rcv.drain()
    rc, out, err = run_tool(tool, rcv.udp if udp else rcv.tcp, udp, frame_args(c))
    msg = rcv.next_message()

    problems = []
    if msg is None:
        problems.append(f"iobroker parsed nothing ({rcv.errors() or 'no error either'})")
    else:
        for field, want in expected_fields(c).items():
            if msg.get(field) != want:
                problems.append(f"{field}: iobroker read {msg.get(field)!r}, we sent {want!r}")
    res.check(f"{name}: iobroker parsed account, seq, id, R, L, data, extra, timestamp", problems)
    if msg is None:
        return

    encrypted = c.get("encrypt")
    problems = []
    if rc == 0:
        if not out or out.get("reply") != "ACK" or out.get("seq") != c["seq"] or \
                out.get("account") != c["account"].upper():
            problems.append(f"unexpected report {out}")
        if encrypted and not out.get("encrypted"):
            problems.append("the ACK of an encrypted message was not encrypted")
    elif encrypted and rc == 5 and msg.get("ack_pkcs7"):
        # iobroker quirk: its *ACK carries a PKCS#7 block after the timestamp.
        # Our refusal is right; the decryption itself is checked below.
        pass
    else:
        problems.append(f"dc09-tool exit {rc} ({EXIT_NAMES.get(rc)}): {out or err}")
    quirk = " (refused: PKCS#7 block after the timestamp, an iobroker quirk)" \
        if rc == 5 and not problems else ""
    res.check(f"{name}: dc09-tool judged iobroker's ACK{quirk}", problems)

    # Reverse direction: the body dc09-tool read is exactly iobroker's ACK body.
    want = ack_body(msg.get("ack_hex", ""), msg.get("crcformat"))
    got = tool_body(out)
    res.check(f"{name}: our scan read iobroker's ACK bytes",
              [] if got == want else [f"read {got!r}, iobroker sent {want!r}"])

    if encrypted and msg.get("ack_pkcs7"):
        # The same *ACK without its last ciphertext block, from a local peer:
        # dc09-tool must decrypt it and find iobroker's timestamp.
        replay.reply = bytes.fromhex(msg["ack_trimmed_hex"])
        rc2, out2, err2 = run_tool(tool, replay.port, False, frame_args(c))
        plain = bytes.fromhex(msg["ack_plain_hex"])
        ts_text = plain[plain.index(b"_") + 1:plain.index(b"_") + 20].decode()
        ts = time.strptime(ts_text, "%H:%M:%S,%m-%d-%Y")
        want_iso = time.strftime("%Y-%m-%dT%H:%M:%SZ", ts)
        problems = []
        if rc2 != 0 or not out2:
            problems.append(f"dc09-tool exit {rc2} ({EXIT_NAMES.get(rc2)}): {out2 or err2}")
        elif out2.get("timestamp") != want_iso or not out2.get("encrypted"):
            problems.append(f"timestamp {out2.get('timestamp')}, iobroker wrote {want_iso}")
        res.check(f"{name}: we decrypt iobroker's *ACK (without its PKCS#7 block)", problems)


def check_nak_case(res, rcv, tool, c, udp):
    """A frame iobroker refuses: it must NAK, and dc09-tool must read that NAK."""
    name = f"{'udp' if udp else 'tcp'} {c['name']}"
    rcv.drain()
    rc, out, err = run_tool(tool, rcv.udp if udp else rcv.tcp, udp, frame_args(c))
    refusal = rcv.next_error()
    problems = []
    if refusal is None:
        problems.append("iobroker did not refuse it")
    elif c["why"] not in refusal.get("error", ""):
        problems.append(f"iobroker refused it for another reason: {refusal.get('error')}")
    if rc != 2 or not out or out.get("reply") != "NAK":
        problems.append(f"dc09-tool exit {rc} ({EXIT_NAMES.get(rc)}): {out or err}")
    elif refusal and refusal.get("nak_hex"):
        want = ack_body(refusal["nak_hex"], "hex")
        if tool_body(out) != want:
            problems.append(f"read {tool_body(out)!r}, iobroker sent {want!r}")
        if not out.get("timestamp"):
            problems.append("no timestamp read from the NAK")
    res.check(f"{name}: iobroker NAKs, dc09-tool reads its NAK ({c['note']})", problems)


def cases(now):
    ack = [
        dict(name="SIA-DCS clear", id="SIA-DCS", account="1234", seq=1,
             data="#1234|Nri1/RP0000"),
        dict(name="SIA-DCS with R, L, extra data, timestamp", id="SIA-DCS",
             account="080027E62A64", seq=2, receiver="C0FFD", line="1234",
             data="#080027E62A64|NHB0003", extra="[E115000]", ts=now),
        dict(name="SIA-DCS account omitted in the data block, timestamp", id="SIA-DCS",
             account="1234", seq=6002, data="|Nri1/CL501", ts=now),
        dict(name="SIA-DCS lower-case account, seq 0000", id="SIA-DCS", account="080027e62a64",
             seq=0, data="#080027E62A64|Nid12/MA0001"),
        dict(name="ADM-CID clear", id="ADM-CID", account="1234", seq=9999,
             data="#1234|1602 00 001"),
        # iobroker quirk: only the first of two extra-data blocks is read.
        dict(name="ADM-CID with R, two extra blocks", id="ADM-CID", account="0123456789ABCDEF",
             seq=42, receiver="12", line="3", data="#0123456789ABCDEF|1101 01 015",
             extra="[X2E1234][Y48N1234]"),
        dict(name="SIA-DCS AES-128", id="SIA-DCS", account="5678", seq=7, receiver="5678",
             line="1234", data="#5678|Nri1/MA0001", encrypt=True, ts=now),
        dict(name="ADM-CID AES-192 with extra data", id="ADM-CID", account="5679", seq=8,
             data="#5679|1100 00 001", extra="[X2E1234]", encrypt=True, ts=now),
        dict(name="ADM-CID AES-256 with R", id="ADM-CID", account="567A", seq=9,
             receiver="ABCDEF", line="1", data="#567A|3301 00 000", encrypt=True, ts=now),
        # iobroker reads a 2-byte binary CRC (and answers in the same form).
        dict(name="SIA-DCS binary CRC", id="SIA-DCS", account="1234", seq=10,
             data="#1234|Nri2/PA0003", binary_crc=True),
        dict(name="ADM-CID binary CRC, timestamp", id="ADM-CID", account="1234", seq=11,
             data="#1234|1120 02 003", ts=now, binary_crc=True),
        dict(name="SIA-DCS AES-128 binary CRC", id="SIA-DCS", account="5678", seq=12,
             data="#5678|NYT0000", encrypt=True, ts=now, binary_crc=True),
    ]
    nak = [
        # iobroker quirk: NULL link tests are refused (DC-09 says ACK them).
        dict(name="NULL link test", id="NULL", account="1234", seq=13, ts=now,
             why="Incorrect format of data message", note="iobroker refuses NULL, a quirk"),
        # iobroker quirk: an unknown account gets a NAK (DC-09 says DUH).
        dict(name="unknown account", id="SIA-DCS", account="9999", seq=14,
             data="#9999|NRP0000", why="unknown", note="iobroker never sends DUH, a quirk"),
        # DC-09: an encrypted message outside the timestamp window is NAKed.
        dict(name="AES-128 timestamp an hour old", id="SIA-DCS", account="5678", seq=15,
             data="#5678|NRP0000", encrypt=True, ts=now - 3600, why="to old",
             note="timestamp outside the window, as DC-09 says"),
    ]
    return ack, nak


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tool", required=True, help="path to the dc09-tool executable")
    ap.add_argument("--node", default="node", help="the node executable (default: node)")
    ap.add_argument("--verbose", action="store_true", help="echo the receiver's lines")
    args = ap.parse_args()

    tool = os.path.abspath(args.tool)
    if not os.access(tool, os.X_OK):
        print(f"interop: {args.tool} is not an executable dc09-tool", file=sys.stderr)
        return 2
    if not shutil.which(args.node):
        print(f"interop: {args.node} not found: Node.js 20 or later is needed", file=sys.stderr)
        return 2
    if not os.path.isfile(os.path.join(HERE, "node_modules", "iobroker.sia", "build", "lib",
                                       "sia.js")):
        print(f"interop: iobroker.sia is not installed; run:\n"
              f"  cd {HERE} && npm ci --ignore-scripts", file=sys.stderr)
        return 2

    try:
        rcv = Receiver(args.node, args.verbose)
    except RuntimeError as e:
        print(f"interop: {e}", file=sys.stderr)
        return 2
    replay = Replayer()
    res = Results()
    try:
        ack, nak = cases(calendar.timegm(time.gmtime()))
        for udp in (False, True):
            for c in ack:
                check_ack_case(res, rcv, replay, tool, c, udp)
            for c in nak:
                check_nak_case(res, rcv, tool, c, udp)
    finally:
        replay.close()
        rcv.stop()
    print(f"interop: {res.passed} passed, {res.failed} failed")
    return 1 if res.failed else 0


if __name__ == "__main__":
    sys.exit(main())
