"""A tiny Learning Record Store on a loopback port: stores statements like a real one, or fails on request.

`mode` decides what POST /statements does: "ok" stores (an equal duplicate is ignored, a different one with a
known id is 409, like ralph), "refuse" answers `refuse_status`, "slow" holds the answer until the test ends (the
client times out first), and a statement whose id is in `poison` makes the whole POST a 400. Every request is
kept in `requests` (path, headers, body). `down_url()` is an address where nothing listens.
"""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeLRS:
    def __init__(self, key: str = "lrs-key", secret: str = "lrs-secret"):
        self.key, self.secret = key, secret
        self.mode = "ok"
        self.refuse_status = 500
        self.poison: set[str] = set()
        self.stored: dict[str, dict[str, Any]] = {}
        self.requests: list[dict[str, Any]] = []
        self.release = threading.Event()  # frees a "slow" answer
        self.answered = threading.Event()  # set after each answer (a background sender's test waits on it)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/xapi"

    def __enter__(self) -> FakeLRS:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()

    def reset(self) -> None:
        self.mode, self.refuse_status, self.poison = "ok", 500, set()
        self.stored.clear()
        self.requests.clear()
        self.answered.clear()

    def _answer(self, headers: dict[str, str], body: list[dict[str, Any]]) -> tuple[int, Any]:
        import base64

        expected = "Basic " + base64.b64encode(f"{self.key}:{self.secret}".encode()).decode()
        if headers.get("authorization") != expected:
            return 401, {"error": "bad credentials"}
        if headers.get("x-experience-api-version") != "1.0.3":
            return 400, {"error": "X-Experience-API-Version 1.0.3 expected"}
        if self.mode == "slow":
            self.release.wait(30)
            return 503, {"error": "too late"}
        if self.mode == "refuse":
            return self.refuse_status, {"error": "refused"}
        if any(s.get("id") in self.poison for s in body):
            return 400, {"error": "invalid statement"}
        if any(s["id"] in self.stored and self.stored[s["id"]] != s for s in body):
            return 409, {"error": "conflict"}
        for statement in body:
            self.stored.setdefault(statement["id"], statement)
        return 200, [s["id"] for s in body]

    def _handler(self):
        lrs = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet test output
                pass

            def do_POST(self) -> None:  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("content-length", 0)))
                body = json.loads(raw or b"[]")
                headers = {k.lower(): v for k, v in self.headers.items()}
                lrs.requests.append({"path": self.path, "headers": headers, "body": body})
                if self.path != "/xapi/statements":
                    status, answer = 404, {"error": "not found"}
                else:
                    status, answer = lrs._answer(headers, body if isinstance(body, list) else [body])
                data = json.dumps(answer).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:  # the client gave up waiting (the "slow" mode)
                    pass
                lrs.answered.set()

        return Handler


def down_url() -> str:
    """An LRS address where nothing listens: connecting is refused at once."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}/xapi"
