"""Faults in front of the real server, for the tests that provoke them.

`FaultyServer` is an httpx transport for the client's `ApiClient`: it forwards every request
to the real demo server (so every answer not provoked is the real server's), and answers
instead, for the paths a test names (regular expressions searched in the URL path):

- `fail(pattern, status, code)`: an error in the real server's shape
  (`{"error": {"code", "message"}}`, with its messages and headers where it has them);
- `serve(pattern, content)`: other bytes (a damaged file, one that does not match its hash,
  a proxy's HTML page);
- `refuse(pattern)`: the connection is refused; `time_out(pattern)`: no answer in time;
- `hold(pattern)`: the server thinks until the returned event is set, then answers.

`requests` records what reached it ("METHOD /path"). The sync engine never goes through it:
it talks to the server itself."""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import httpx

from sync.client import ApiClient

# What the real server says (sync/server/errors.py, deps.py, routes_auth.py).
REAL_MESSAGES = {
    "server_error": "internal server error",
    "rate_limited": "too many login attempts: wait a minute",
    "token_expired": "the token has expired: log in again",
}
REAL_HEADERS = {401: {"WWW-Authenticate": "Bearer"}, 429: {"Retry-After": "60"}}


@dataclass
class _Rule:
    pattern: str
    action: str  # fail | serve | refuse | time_out | hold
    status: int = 200
    code: str = ""
    content: bytes = b""
    content_type: str = "application/pdf"
    event: threading.Event | None = None


class FaultyServer(httpx.BaseTransport):
    def __init__(self) -> None:
        self._forward = httpx.HTTPTransport()
        self._rules: list[_Rule] = []
        self._lock = threading.Lock()
        self.requests: list[str] = []

    # -- what a test asks for ---------------------------------------------------------------
    def fail(self, pattern: str, status: int, code: str) -> None:
        self._add(_Rule(pattern, "fail", status=status, code=code))

    def serve(self, pattern: str, content: bytes, content_type: str = "application/pdf") -> None:
        self._add(_Rule(pattern, "serve", content=content, content_type=content_type))

    def refuse(self, pattern: str = "") -> None:
        self._add(_Rule(pattern, "refuse"))

    def time_out(self, pattern: str = "") -> None:
        self._add(_Rule(pattern, "time_out"))

    def hold(self, pattern: str = "") -> threading.Event:
        release = threading.Event()
        self._add(_Rule(pattern, "hold", event=release))
        return release

    def heal(self) -> None:
        """Every request goes through again (held ones are released)."""
        with self._lock:
            rules, self._rules = self._rules, []
        for rule in rules:
            if rule.event is not None:
                rule.event.set()

    def client_factory(self):
        """For `LoginDialog` and `run_client`: an ApiClient going through the faults."""
        return lambda url: ApiClient(url, transport=self)

    # -- the transport ------------------------------------------------------------------------
    def _add(self, rule: _Rule) -> None:
        with self._lock:
            self._rules.append(rule)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        with self._lock:
            self.requests.append(f"{request.method} {path}")
            rule = next((r for r in self._rules if re.search(r.pattern, path)), None)
        if rule is None:
            return self._forward.handle_request(request)
        if rule.action == "fail":
            message = REAL_MESSAGES.get(rule.code, rule.code.replace("_", " "))
            return httpx.Response(rule.status, headers=REAL_HEADERS.get(rule.status, {}),
                                  json={"error": {"code": rule.code, "message": message}})
        if rule.action == "serve":
            return httpx.Response(200, content=rule.content,
                                  headers={"content-type": rule.content_type})
        if rule.action == "refuse":
            raise httpx.ConnectError("[Errno 111] Connection refused", request=request)
        if rule.action == "time_out":
            raise httpx.ReadTimeout("timed out", request=request)
        rule.event.wait(30)  # hold
        return self._forward.handle_request(request)

    def close(self) -> None:
        """Called by each ApiClient that closes; the transport serves the others still."""

    def shutdown(self) -> None:
        self.heal()
        self._forward.close()
