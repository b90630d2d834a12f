#!/usr/bin/python3
"""A real SMTP server on 127.0.0.1 for tests and benchmarks (Debian's python3-aiosmtpd).

Attached files are recorded with their name, type, size, SHA-256 and base64 bytes.
Every message received is written to OUTDIR as NNNNNN.eml (the bytes as received) and, unless
--no-parse, NNNNNN.json beside it: the message parsed with Python's `email` package (policy
default): decoded subject, from, to, Message-ID, date, content types, charsets and the decoded
text and HTML parts. OUTDIR/stats.json counts messages, SMTP sessions and refusals per recipient.

  smtp-sink.py --port 0 --out DIR [--temporary ADDR]... [--permanent ADDR]...

--port 0 takes a free port. Once listening, the port is printed on stdout ("PORT\\n").
--temporary answers RCPT TO for ADDR with 451 (try later), --permanent with 550 (no such user).
--starttls CERT KEY offers STARTTLS and requires it before MAIL; --auth USER:PASSWORD requires
AUTH (PLAIN or LOGIN) with these credentials. The .json says whether the session used TLS
("tls") and who signed in ("auth_user").
SIGTERM or SIGINT stops it. Started again with the same OUTDIR, it goes on counting.
"""
import argparse
import base64
import hashlib
import email
import email.policy
import json
import os
import signal
import socket
import ssl

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def parse(data):
    # Line ends as "\n" in the decoded texts; the raw lines are checked below.
    message = email.message_from_bytes(data.replace(b"\r\n", b"\n"), policy=email.policy.default)
    raw_lines = data.split(b"\r\n")
    parts = []
    for part in message.walk():
        if part.is_multipart():
            continue
        content = part.get_content()
        record = {
            "content_type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "transfer_encoding": part.get("Content-Transfer-Encoding"),
            "disposition": part.get_content_disposition(),
            "filename": part.get_filename(),
            "content": content,
        }
        if isinstance(content, bytes):
            # An attached file: its bytes as base64, with their size and SHA-256.
            record["content"] = None
            record["content_base64"] = base64.b64encode(content).decode("ascii")
            record["size"] = len(content)
            record["sha256"] = hashlib.sha256(content).hexdigest()
        parts.append(record)

    def first(kind):
        return next((p["content"] for p in parts if p["content_type"] == kind), None)

    return {
        "subject": str(message["Subject"]) if message["Subject"] is not None else None,
        "from": str(message["From"]) if message["From"] is not None else None,
        "from_name": message["From"].addresses[0].display_name if message["From"] else None,
        "from_address": message["From"].addresses[0].addr_spec if message["From"] else None,
        "to": str(message["To"]) if message["To"] is not None else None,
        "to_name": message["To"].addresses[0].display_name if message["To"] else None,
        "to_address": message["To"].addresses[0].addr_spec if message["To"] else None,
        "message_id": str(message["Message-ID"]) if message["Message-ID"] else None,
        "date": str(message["Date"]) if message["Date"] else None,
        "mime_version": str(message["MIME-Version"]) if message["MIME-Version"] else None,
        "content_type": message.get_content_type(),
        "defects": [type(d).__name__ for d in message.defects]
        + [type(d).__name__ for p in message.walk() for d in p.defects],
        "parts": parts,
        # Every line of the raw message ends in CRLF, and the longest one (RFC 5322: <= 998).
        "only_crlf": b"\n" not in data.replace(b"\r\n", b"") and b"\r" not in data.replace(b"\r\n", b""),
        "max_line_length": max(len(line) for line in raw_lines),
        "eight_bit": any(byte > 127 for byte in data),
        "text": first("text/plain"),
        "html": first("text/html"),
    }


class Handler:
    def __init__(self, out, temporary, permanent, parse_messages):
        self.out = out
        self.temporary = {a.lower() for a in temporary}
        self.permanent = {a.lower() for a in permanent}
        self.parse_messages = parse_messages
        self.count = 0
        self.sessions = 0
        self.refused = {}  # address -> refusals
        # Started again on the same folder: go on counting (and numbering files) from there.
        try:
            with open(os.path.join(out, "stats.json")) as f:
                stats = json.load(f)
            self.count, self.sessions, self.refused = (stats["messages"], stats["sessions"],
                                                       stats["refused"])
        except FileNotFoundError:
            pass

    def write_stats(self):
        path = os.path.join(self.out, "stats.json")
        with open(path + ".tmp", "w") as f:
            json.dump({"messages": self.count, "sessions": self.sessions,
                       "refused": self.refused}, f)
        os.replace(path + ".tmp", path)

    def refuse(self, address):
        self.refused[address.lower()] = self.refused.get(address.lower(), 0) + 1
        self.write_stats()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        self.sessions += 1
        self.write_stats()
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.temporary:
            self.refuse(address)
            return "451 4.3.0 Mailbox temporarily unavailable, try again later"
        if address.lower() in self.permanent:
            self.refuse(address)
            return "550 5.1.1 <%s>: Recipient address rejected: no such user" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.out, "%06d" % self.count)
        data = envelope.original_content or envelope.content
        with open(base + ".eml.tmp", "wb") as f:
            f.write(data)
        if self.parse_messages:
            record = parse(data)
            record["envelope_from"] = envelope.mail_from
            record["envelope_to"] = envelope.rcpt_tos
            record["size"] = len(data)
            record["tls"] = session.ssl is not None
            record["auth_user"] = session.auth_data if session.authenticated else None
            with open(base + ".json.tmp", "w") as f:
                json.dump(record, f, ensure_ascii=False, indent=1)
            os.replace(base + ".json.tmp", base + ".json")
        # The .eml last: a reader that sees it finds the .json too.
        os.replace(base + ".eml.tmp", base + ".eml")
        self.write_stats()
        return "250 2.0.0 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--out", required=True)
    parser.add_argument("--temporary", action="append", default=[],
                        help="answer 451 to RCPT TO this address")
    parser.add_argument("--permanent", action="append", default=[],
                        help="answer 550 to RCPT TO this address")
    parser.add_argument("--no-parse", action="store_true", help="write .eml files only")
    parser.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"),
                        help="offer STARTTLS with this certificate and require it")
    parser.add_argument("--auth", metavar="USER:PASSWORD", help="require AUTH with these")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    port = args.port
    if port == 0:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
    handler = Handler(args.out, args.temporary, args.permanent, not args.no_parse)
    handler.write_stats()
    tls = None
    if args.starttls:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(*args.starttls)
    auth = {}
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, login):
            ok = (isinstance(login, LoginPassword) and login.login.decode() == user
                  and login.password.decode() == password)
            return AuthResult(success=ok, handled=False, auth_data=user if ok else None)

        auth = {"authenticator": authenticator, "auth_required": True,
                "auth_require_tls": tls is not None}
    # SMTPUTF8 off: what we send must be 7-bit clean, as with a strict relay.
    controller = Controller(handler, hostname="127.0.0.1", port=port, decode_data=False,
                            enable_SMTPUTF8=False, data_size_limit=10 * 1024 * 1024, timeout=30,
                            tls_context=tls, require_starttls=tls is not None, **auth)
    # Signals go to this thread only (blocked before the server's thread starts).
    signals = {signal.SIGTERM, signal.SIGINT}
    signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    controller.start()
    print(port, flush=True)
    signal.sigwait(signals)
    controller.stop()


if __name__ == "__main__":
    main()
