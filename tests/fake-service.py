#!/usr/bin/env python3
"""fake-service.py: a loopback stand-in for the identity platform and the SMS
gateway (assets/api/identity.md, assets/api/sms.md), for tests only.

It listens on 127.0.0.1 only, on a port the system picks, and tells the port on
its first line of output (and in --port-file, written whole by a rename). It
exits by itself after --lifetime seconds, so a test that dies never leaves it
running.

  POST /identity  {"name", "id_number", "request_id"}
  POST /sms       {"phone", "template", "params": {"code"}, "request_id"}
                  (template jsd_reset_code or jsd_phone_code)
  POST /control   {"mode": MODE}  sets the mode (never affected by the mode)

Modes (--mode, /control, or the first word of --mode-file, re-read on every
request and winning over the others when present):
  up       answer properly. Identity: --people FILE is a JSON object name -> ID
           number; an ID number on file under this name is "match", under
           another name "mismatch", else "not_found". SMS: "accepted", and a
           line "PHONE<TAB>CODE" is appended to --sms-log FILE.
  reject   SMS "rejected" (identity as up)
  refuse   403             error    500
  down     close the connection without answering
  slow     sleep --slow seconds, then answer as up
  garbage  a body that is not JSON          array   a JSON array
  huge     1 MB with its Content-Length     flood   1 MB, length undeclared
  noecho   as up, with another request_id   redirect  302 to /identity
Optional TLS: --tls-cert FILE --tls-key FILE.
"""

import argparse
import http.server
import json
import os
import re
import ssl
import sys
import threading
import time

MODES = ("up", "reject", "refuse", "error", "down", "slow", "garbage", "array",
         "huge", "flood", "noecho", "redirect")
BODY_MAX = 64 * 1024
HUGE = 1024 * 1024


class State:
    def __init__(self, args):
        self.args = args
        self.mode = args.mode
        self.lock = threading.Lock()
        self.people = {}
        if args.people:
            with open(args.people, encoding="utf-8") as f:
                self.people = json.load(f)

    def current_mode(self):
        if self.args.mode_file:
            try:
                with open(self.args.mode_file, encoding="utf-8") as f:
                    words = f.read().split()
                if words and words[0] in MODES:
                    return words[0]
            except OSError:
                pass
        with self.lock:
            return self.mode

    def identity(self, name, id_number):
        for known, number in self.people.items():
            if number == id_number:
                return "match" if known == name else "mismatch"
        return "not_found"

    def log_sms(self, phone, code):
        if not self.args.sms_log:
            return
        with self.lock, open(self.args.sms_log, "a", encoding="utf-8") as f:
            f.write("%s\t%s\n" % (phone, code))


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "fake-service/1"

    def log_message(self, fmt, *args):
        if self.server.state.args.verbose:
            sys.stderr.write("fake-service: " + (fmt % args) + "\n")

    def send_body(self, status, body, length=True, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        if length:
            self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def send_json(self, status, obj):
        self.send_body(status, json.dumps(obj).encode("utf-8"))

    def read_json(self):
        if self.headers.get("Content-Type", "") != "application/json":
            self.send_json(415, {"error": "content type"})
            return None
        try:
            n = int(self.headers.get("Content-Length", "-1"))
        except ValueError:
            n = -1
        if n < 0 or n > BODY_MAX:
            self.send_json(413, {"error": "length"})
            return None
        try:
            obj = json.loads(self.rfile.read(n).decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            obj = None
        if not isinstance(obj, dict) or not isinstance(obj.get("request_id"), str):
            self.send_json(400, {"error": "request"})
            return None
        return obj

    def do_POST(self):
        self.close_connection = True
        req = self.read_json()
        if req is None:
            return
        if self.path == "/control":
            return self.control(req)
        if self.path not in ("/identity", "/sms"):
            return self.send_json(404, {"error": "path"})
        mode = self.server.state.current_mode()
        if self.misbehave(mode):
            return
        if mode == "slow":
            time.sleep(self.server.state.args.slow)
        rid = req["request_id"] if mode != "noecho" else "0" * 32
        if self.path == "/identity":
            self.identity(req, rid)
        else:
            self.sms(req, rid, mode)

    def control(self, req):
        mode = req.get("mode")
        if mode not in MODES:
            return self.send_json(400, {"error": "mode"})
        with self.server.state.lock:
            self.server.state.mode = mode
        self.send_json(200, {"mode": mode, "request_id": req["request_id"]})

    def misbehave(self, mode):
        """Answers as the mode says when it means not answering properly."""
        if mode == "down":
            return True
        if mode in ("refuse", "error"):
            self.send_json(403 if mode == "refuse" else 500, {"error": mode})
        elif mode == "garbage":
            self.send_body(200, b"<html>not json</html>")
        elif mode == "array":
            self.send_body(200, b"[]")
        elif mode in ("huge", "flood"):
            self.send_body(200, b"{\"pad\": \"" + b"x" * HUGE + b"\"}",
                           length=mode == "huge")
        elif mode == "redirect":
            self.send_body(302, b"{}", headers=[("Location", "/identity")])
        else:
            return False
        return True

    def identity(self, req, rid):
        name, number = req.get("name"), req.get("id_number")
        if not isinstance(name, str) or not isinstance(number, str):
            return self.send_json(400, {"error": "request"})
        self.send_json(200, {"result": self.server.state.identity(name, number),
                             "request_id": rid})

    def sms(self, req, rid, mode):
        phone = req.get("phone")
        params = req.get("params")
        code = params.get("code") if isinstance(params, dict) else None
        if (not isinstance(phone, str) or not re.fullmatch(r"1[0-9]{10}", phone)
                or not isinstance(code, str)
                or not re.fullmatch(r"[0-9]{6}", code)
                or req.get("template") not in ("jsd_reset_code",
                                               "jsd_phone_code")):
            return self.send_json(400, {"error": "request"})
        if mode == "reject":
            return self.send_json(200, {"status": "rejected", "request_id": rid})
        self.server.state.log_sms(phone, code)
        self.send_json(200, {"status": "accepted", "request_id": rid})


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # Clients that hang up (timeouts, size limits) are what tests do.
        if self.state.args.verbose:
            super().handle_error(request, client_address)


def write_port(path, port):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="ascii") as f:
        f.write("%d\n" % port)
    os.rename(tmp, path)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--mode", choices=MODES, default="up")
    p.add_argument("--mode-file")
    p.add_argument("--people")
    p.add_argument("--sms-log")
    p.add_argument("--port-file")
    p.add_argument("--lifetime", type=float, default=300)
    p.add_argument("--slow", type=float, default=3)
    p.add_argument("--tls-cert")
    p.add_argument("--tls-key")
    p.add_argument("--verbose", action="store_true")
    return p.parse_args()


def main():
    args = parse_args()
    server = Server(("127.0.0.1", 0), Handler)
    server.state = State(args)
    if args.tls_cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls_cert, args.tls_key)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    port = server.server_address[1]
    timer = threading.Timer(args.lifetime, os._exit, (0,))
    timer.daemon = True
    timer.start()
    if args.port_file:
        write_port(args.port_file, port)
    print(port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
