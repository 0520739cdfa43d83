"""A LibreTranslate-compatible server for tests, on a port the system picks.

`FakeLibreTranslate().start()` serves `POST /translate` and `GET /languages` from a
thread on 127.0.0.1:<free port>. `mode` decides the answer: "ok" (each text prefixed
with "[<target>] "), "slow" (waits `delay` seconds first), "drip" (sends a valid answer
one byte every `delay` seconds), "error" (HTTP 500), "refuse" (HTTP 400 with an error
message, as LibreTranslate does for a bad key), "garbage" (not JSON), "wrong" (JSON of
the wrong shape), "huge" (a very long answer). `requests` records what it received.
"""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LANGUAGES = [
    {"code": "en", "name": "English", "targets": ["ar", "fr", "pl"]},
    {"code": "ar", "name": "Arabic", "targets": ["en"]},
    {"code": "fr", "name": "French", "targets": ["en"]},
]


def free_port_with_nothing_listening():
    """A port on 127.0.0.1 that nothing listens on (a service that is down)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _send(self, status, body, content_type="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path != "/languages":
            return self._send(404, b'{"error": "Not found"}')
        return self._send(200, json.dumps(LANGUAGES).encode())

    def do_POST(self):
        fake = self.server.fake
        length = int(self.headers.get("Content-Length", "0"))
        payload = json.loads(self.rfile.read(length) or b"{}")
        fake.requests.append({"path": self.path, "payload": payload})
        if self.path != "/translate":
            return self._send(404, b'{"error": "Not found"}')
        mode = fake.mode
        if mode == "slow":
            time.sleep(fake.delay)
        if mode == "error":
            return self._send(500, b'{"error": "Internal error"}')
        if mode == "refuse":
            return self._send(400, b'{"error": "Invalid API key"}')
        if mode == "garbage":
            return self._send(200, b"<html>Bad gateway</html>", "text/html")
        if mode == "wrong":
            return self._send(200, json.dumps({"translatedText": ["one only", 2, None]}).encode())
        if mode == "huge":
            return self._send(200, json.dumps({"translatedText": "x" * 400_000}).encode())
        texts = payload["q"] if isinstance(payload["q"], list) else [payload["q"]]
        translated = [f"[{payload['target']}] {text}" for text in texts]
        body = json.dumps(
            {"translatedText": translated if isinstance(payload["q"], list) else translated[0]}
        ).encode()
        if mode == "drip":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            for byte in body:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(fake.delay)
            return None
        return self._send(200, body)


class FakeLibreTranslate:
    def __init__(self):
        self.mode = "ok"
        self.delay = 2.0
        self.requests = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.fake = self
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def translate_calls(self):
        return [request for request in self.requests if request["path"] == "/translate"]

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
