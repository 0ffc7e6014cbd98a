# SPDX-License-Identifier: EUPL-1.2
"""Raw SIA DC-09 frames for the receiver tests: the CRC and framing written again
in a few lines of Python, on purpose independent of the C code under test (the
C sender, tools/dc09_tool.c, is used for encrypted frames and is itself checked
against the independent iobroker.sia receiver in tests/interop)."""
import os
import socket
import subprocess
import time


def crc16_arc(data):
    crc = 0
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def frame(body, binary_crc=False, crc=None):
    """body: bytes from the opening quote to before CR."""
    c = crc16_arc(body) if crc is None else crc
    head = c.to_bytes(2, "big") if binary_crc else b"%04X" % c
    return b"\n" + head + b"0%03X" % len(body) + body + b"\r"


def body(msg_id, seq, account, data, receiver=None, line="0", extra=b"", ts=None):
    b = b'"%s"%04d' % (msg_id.encode(), seq)
    if receiver:
        b += b"R" + receiver.encode()
    b += b"L" + line.encode() + b"#" + account.encode() + b"[" + data.encode() + b"]" + extra
    if ts:
        b += time.strftime("_%H:%M:%S,%m-%d-%Y", time.gmtime(ts)).encode()
    return b


def cid(seq, account, qeee, zone="001", group="00"):
    """An ADM-CID frame: qeee like "1100" (new medical)."""
    return frame(body("ADM-CID", seq, account, "#%s|%s %s %s" % (account, qeee, group, zone)))


def sia(seq, account, payload, ts=None):
    return frame(body("SIA-DCS", seq, account, "#%s|%s" % (account, payload), ts=ts))


def null(seq, account):
    return frame(body("NULL", seq, account, ""))


def read_frames(sock, want=1, timeout=3.0):
    """Reads until `want` frames (LF...CR) arrived or timeout; returns the bodies."""
    sock.settimeout(0.2)
    buf, out, deadline = b"", [], time.time() + timeout
    while len(out) < want and time.time() < deadline:
        try:
            chunk = sock.recv(4096)
        except socket.timeout:
            continue
        if not chunk:
            break
        buf += chunk
        while b"\r" in buf:
            f, buf = buf.split(b"\r", 1)
            if b"\n" in f:
                out.append(f[f.index(b"\n"):] + b"\r")
    return out


def reply_id(fr):
    """The id of a reply frame: ACK, *ACK, NAK, DUH."""
    q = fr.index(b'"')
    return fr[q + 1:fr.index(b'"', q + 1)].decode()


class Tcp:
    def __init__(self, port, source="127.0.0.1"):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5,
                                             source_address=(source, 0))

    def send(self, data):
        self.sock.sendall(data)

    def ask(self, data, want=1, timeout=3.0):
        self.send(data)
        return read_frames(self.sock, want, timeout)

    def close(self):
        self.sock.close()


def udp_ask(port, data, timeout=2.0):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.settimeout(timeout)
        s.sendto(data, ("127.0.0.1", port))
        try:
            d, _ = s.recvfrom(4096)
            return [d]
        except socket.timeout:
            return []
    finally:
        s.close()


def tool(liaison_path):
    """Path of our own sender (built next to the liaison binary)."""
    return os.path.join(os.path.dirname(os.path.abspath(liaison_path)), "dc09-tool")


def tool_send(liaison_path, port, *args, udp=False):
    cmd = [tool(liaison_path), "send", "--host", "127.0.0.1", "--port", str(port)]
    if udp:
        cmd.append("--udp")
    out = subprocess.run(cmd + list(args), capture_output=True, text=True, timeout=30)
    return out
