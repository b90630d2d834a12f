#!/usr/bin/python3
"""A stand-in for the WhatsApp Business Cloud API on 127.0.0.1, for tests (Python stdlib only).

  whatsapp-standin.py --port 0 --out DIR --token TOKEN

--port 0 takes a free port. Once listening, the port is printed on stdout ("PORT\\n").

POST /{version}/{phone_number_id}/messages
    What the Cloud API's "send message" endpoint does, as far as a sender can tell:
    `Authorization: Bearer TOKEN` or 401 (OAuthException, code 190); a JSON body or 400;
    then, as the mode for the body's `to` says:
      ok       200 {"messaging_product":"whatsapp","contacts":[{"input":to,"wa_id":to}],
                    "messages":[{"id":"wamid.N"}]}   (N counts from 1)
      400      400 {"error":{"message":"(#132001) Template name does not exist in the
                    translation","type":"OAuthException","code":132001}}
      500      500 {"error":{"message":"An unexpected error has occurred. ...","code":2}}
      timeout  waits `seconds` (30 by default), then answers as ok
    Every request (to any path) is recorded in memory and appended to DIR/requests.jsonl:
    {"n","time","method","path","version","phone_number_id","headers","body","raw",
    "status","response"} (`body` is the parsed JSON or null, `raw` the body as text).

POST /_control {"mode": "ok"|"400"|"500"|"timeout", "to": "<digits>"|"*", "seconds"?}
    The mode for one recipient number, or for every number without a mode of its own ("*").
    Answers {"modes": {...}}.
POST /_reset        forgets the recorded requests and the modes.
GET  /_requests     the recorded requests of the messages endpoint, oldest first (JSON array).
GET  /_requests?all=1  every recorded request, control ones excluded.

POST /_webhook {"url", "secret", "statuses": [...], "forge": false, "omit_signature": false,
                "phone_number_id": "...", "payload": {...}?}
    POSTs the Meta webhook body
      {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages",
       "value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":...},
       "statuses":[...]}}]}]}
    (or `payload` as given) to `url` with `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of
    the raw body with secret>` (with a wrong secret when `forge`; no header at all when
    `omit_signature`). Answers {"status": <the target's status>, "body": "<its body>",
    "content_type": "...", "sent": "<the raw body sent>"}; status 0 when it could not connect.

SIGTERM or SIGINT stops it.
"""
import argparse
import hashlib
import hmac
import json
import os
import re
import signal
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MESSAGES_PATH = re.compile(r"^/([^/]+)/([^/]+)/messages/?$")
MODES = ("ok", "400", "500", "timeout")

ERROR_400 = {"error": {"message": "(#132001) Template name does not exist in the translation",
                       "type": "OAuthException", "code": 132001,
                       "error_data": {"messaging_product": "whatsapp",
                                      "details": "template name does not exist"},
                       "fbtrace_id": "AbCdEfGhIjK"}}
ERROR_500 = {"error": {"message": "An unexpected error has occurred. Please retry your request "
                                  "later.", "type": "OAuthException", "code": 2,
                       "is_transient": True, "fbtrace_id": "AbCdEfGhIjK"}}
ERROR_401 = {"error": {"message": "Invalid OAuth access token - Cannot parse access token",
                       "type": "OAuthException", "code": 190, "fbtrace_id": "AbCdEfGhIjK"}}


class State:
    def __init__(self, out, token):
        self.out = out
        self.token = token
        self.lock = threading.Lock()
        self.requests = []
        self.modes = {}  # number or "*" -> {"mode", "seconds"}
        self.counter = 0
        self.n = 0

    def mode_for(self, to):
        with self.lock:
            return self.modes.get(to) or self.modes.get("*") or {"mode": "ok", "seconds": 0}

    def next_wamid(self):
        with self.lock:
            self.counter += 1
            return "wamid.%d" % self.counter

    def record(self, entry):
        with self.lock:
            self.n += 1
            entry["n"] = self.n
            self.requests.append(entry)
            with open(os.path.join(self.out, "requests.jsonl"), "a", encoding="utf-8") as f:
                f.write(json.dumps(entry, ensure_ascii=False) + "\n")


def make_handler(state):
    class Handler(BaseHTTPRequestHandler):
        # http.server writes a response's head and body separately; with Nagle's algorithm on a
        # kept-alive connection the body then waits ~40 ms for the client's delayed ACK, which
        # would cap any keep-alive client (such as Cartera's sender) near 22 requests/s.
        disable_nagle_algorithm = True
        protocol_version = "HTTP/1.1"
        server_version = "WhatsAppStandIn/1.0"

        def log_message(self, format, *args):  # quiet: the tests read /_requests instead
            pass

        def read_body(self):
            if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
                chunks = []
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                    if size == 0:
                        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                            pass
                        break
                    chunks.append(self.rfile.read(size))
                    self.rfile.readline()
                return b"".join(chunks)
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length > 0 else b""

        def answer(self, status, payload, content_type="application/json"):
            data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a time-out)

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            if url.path == "/_requests":
                everything = "all" in urllib.parse.parse_qs(url.query)
                with state.lock:
                    items = [r for r in state.requests
                             if everything or r.get("phone_number_id") is not None]
                    self.answer(200, items)
                return
            if url.path == "/_healthz":
                self.answer(200, {"ok": True})
                return
            self.answer(404, {"error": {"message": "Unknown path", "code": 803}})

        def do_POST(self):
            raw = self.read_body()
            url = urllib.parse.urlsplit(self.path)
            if url.path == "/_control":
                self.control(raw)
                return
            if url.path == "/_reset":
                with state.lock:
                    state.requests.clear()
                    state.modes.clear()
                self.answer(200, {"ok": True})
                return
            if url.path == "/_webhook":
                self.webhook(raw)
                return
            self.messages(url, raw)

        def control(self, raw):
            try:
                body = json.loads(raw or b"{}")
                mode = str(body["mode"])
                to = str(body.get("to") or "*")
                seconds = float(body.get("seconds", 30))
            except (ValueError, KeyError, TypeError) as error:
                self.answer(400, {"error": "bad control request: %s" % error})
                return
            if mode not in MODES:
                self.answer(400, {"error": "mode must be one of %s" % ", ".join(MODES)})
                return
            with state.lock:
                if mode == "ok" and to != "*":
                    state.modes.pop(to, None)
                else:
                    state.modes[to] = {"mode": mode, "seconds": seconds}
                self.answer(200, {"modes": state.modes})

        def messages(self, url, raw):
            match = MESSAGES_PATH.match(url.path)
            headers = {k.lower(): v for k, v in self.headers.items()}
            text = raw.decode("utf-8", "replace")
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                body = None
            entry = {"time": time.time(), "method": "POST", "path": self.path,
                     "version": match.group(1) if match else None,
                     "phone_number_id": match.group(2) if match else None,
                     "headers": headers, "body": body, "raw": text}
            if not match:
                status, response = 404, {"error": {"message": "Unknown path", "code": 803}}
            elif headers.get("authorization") != "Bearer " + state.token:
                status, response = 401, ERROR_401
            elif not isinstance(body, dict):
                status, response = 400, {"error": {
                    "message": "(#100) The parameter messaging_product is required.",
                    "type": "OAuthException", "code": 100}}
            else:
                to = str(body.get("to", ""))
                mode = state.mode_for(to)
                if mode["mode"] == "400":
                    status, response = 400, ERROR_400
                elif mode["mode"] == "500":
                    status, response = 500, ERROR_500
                else:
                    if mode["mode"] == "timeout":
                        entry["delayed"] = mode["seconds"]
                        time.sleep(mode["seconds"])
                    status = 200
                    response = {"messaging_product": "whatsapp",
                                "contacts": [{"input": to, "wa_id": to}],
                                "messages": [{"id": state.next_wamid()}]}
            entry["status"] = status
            entry["response"] = response
            state.record(entry)
            self.answer(status, response)

        def webhook(self, raw):
            try:
                body = json.loads(raw or b"{}")
                target = str(body["url"])
                secret = str(body.get("secret") or "")
            except (ValueError, KeyError, TypeError) as error:
                self.answer(400, {"error": "bad webhook request: %s" % error})
                return
            payload = body.get("payload")
            if payload is None:
                payload = {"object": "whatsapp_business_account", "entry": [{
                    "id": "1", "changes": [{"field": "messages", "value": {
                        "messaging_product": "whatsapp",
                        "metadata": {"display_phone_number": "34900000000",
                                     "phone_number_id": str(body.get("phone_number_id") or "1")},
                        "statuses": body.get("statuses") or []}}]}]}
            data = json.dumps(payload, ensure_ascii=False).encode()
            key = (secret + "-forged" if body.get("forge") else secret).encode()
            headers = {"Content-Type": "application/json"}
            if not body.get("omit_signature"):
                digest = hmac.new(key, data, hashlib.sha256).hexdigest()
                headers["X-Hub-Signature-256"] = "sha256=" + digest
            request = urllib.request.Request(target, data=data, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=20) as reply:
                    result = {"status": reply.status, "body": reply.read().decode("utf-8", "replace"),
                              "content_type": reply.headers.get("Content-Type")}
            except urllib.error.HTTPError as error:
                result = {"status": error.code, "body": error.read().decode("utf-8", "replace"),
                          "content_type": error.headers.get("Content-Type")}
            except (urllib.error.URLError, OSError) as error:
                result = {"status": 0, "body": str(error), "content_type": None}
            result["sent"] = data.decode()
            self.answer(200, result)

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--out", required=True, help="folder for requests.jsonl")
    parser.add_argument("--token", required=True, help="the access token to require")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    state = State(args.out, args.token)
    server = ThreadingHTTPServer((args.host, args.port), make_handler(state))
    server.daemon_threads = True  # a handler sleeping in "timeout" mode does not hold the exit

    def stop(signum, frame):
        # shutdown() waits for serve_forever(), which runs in this thread: use another one.
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
    sys.exit(0)


if __name__ == "__main__":
    main()
