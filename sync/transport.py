"""HTTP and WebSocket plumbing of the sync engine, with the errors it needs to tell apart."""
from __future__ import annotations

import asyncio
import contextlib
import uuid
from typing import Any, AsyncIterator

import httpx
import websockets

from sync.client import API_PREFIX, ssl_context


class Offline(Exception):
    """The network is down or the server cannot be reached."""


class AuthProblem(Exception):
    """The token expired or was revoked: the user must log in again."""


class ServerTrouble(Exception):
    """The server answered with a fault; try again later."""


class Gone(Exception):
    """The server says this thing does not exist for this user (404/403): do not retry it."""


class Transport:
    def __init__(self, server_url: str, token: str, verify: Any = True):
        base = server_url.rstrip("/")
        if not base.startswith(("http://", "https://")):
            base = "http://" + base
        self.base = base
        self.token = token
        self.network = True
        self._ssl = ssl_context(verify)
        self._http = httpx.AsyncClient(base_url=base + API_PREFIX, timeout=15,
                                       verify=self._ssl if base.startswith("https") else True)

    async def close(self) -> None:
        await self._http.aclose()

    def _headers(self) -> dict:
        return {"Authorization": f"Bearer {self.token}"}

    def _check(self, response: httpx.Response) -> httpx.Response:
        if response.status_code == 401:
            raise AuthProblem(f"HTTP 401 for {response.request.url.path}")
        if response.status_code >= 500:
            raise ServerTrouble(f"HTTP {response.status_code}")
        return response

    async def _request(self, method: str, path: str, **kwargs) -> httpx.Response:
        if not self.network:
            raise Offline("network disabled")
        try:
            response = await self._http.request(method, path, headers=self._headers(), **kwargs)
        except httpx.TransportError as exc:
            raise Offline(str(exc)) from exc
        return self._check(response)

    async def get_json(self, path: str, **kwargs) -> Any:
        response = await self._request("GET", path, **kwargs)
        if response.status_code in (403, 404):
            raise Gone(path)
        if response.status_code >= 400:
            raise ServerTrouble(f"{path}: HTTP {response.status_code} {response.text[:200]}")
        return response.json()

    async def push(self, client_id: str, entries) -> list[dict]:
        body = {"client_id": client_id, "mutations": [
            {"id": e.mutation_id, "name": e.name, "args": e.args} for e in entries]}
        response = await self._request("POST", "/mutations", json=body)
        if response.status_code in (413, 422):  # the server cannot read it: never will
            error = response.json().get("error", {})
            return [{"id": entries[0].mutation_id, "status": "rejected",
                     "error": {"code": error.get("code", "invalid"),
                               "message": error.get("message", "")}}]
        if response.status_code >= 400:
            raise ServerTrouble(f"push refused: HTTP {response.status_code} {response.text[:200]}")
        return response.json()["answers"]

    async def call_direct(self, replica, name: str, args: dict, tries: int = 3) -> dict:
        """One mutation outside the outbox, under a client id of its own, retried with the same
        id (so at most once on the server) and never queued."""
        client_id = f"{replica.client_id()}-d{uuid.uuid4().hex[:12]}"[:64]
        body = {"client_id": client_id, "mutations": [{"id": 1, "name": name, "args": args}]}
        for attempt in range(tries):
            try:
                response = await self._request("POST", "/mutations", json=body)
                if response.status_code >= 400:
                    raise ServerTrouble(f"HTTP {response.status_code}")
                return response.json()["answers"][0]
            except Offline:
                if attempt == tries - 1:
                    raise
                await asyncio.sleep(0.3 * (attempt + 1))
        raise Offline("unreachable")

    @contextlib.asynccontextmanager
    async def stream(self, path: str, headers: dict | None = None) -> AsyncIterator[httpx.Response]:
        if not self.network:
            raise Offline("network disabled")
        try:
            async with self._http.stream("GET", path,
                                         headers=self._headers() | (headers or {})) as response:
                self._check(response)
                yield response
        except httpx.TransportError as exc:
            raise Offline(str(exc)) from exc

    @contextlib.asynccontextmanager
    async def websocket(self):
        if not self.network:
            raise Offline("network disabled")
        url = "ws" + self.base[4:] + API_PREFIX + "/ws"
        try:
            connection = await websockets.connect(
                url, additional_headers=self._headers(), open_timeout=10, max_size=2 ** 22,
                ssl=self._ssl if url.startswith("wss") else None, ping_interval=20)
        except websockets.InvalidStatus as exc:
            if exc.response.status_code in (401, 403):  # closed before accepting: bad token
                raise AuthProblem(f"refused: {exc}") from exc
            raise Offline(f"refused: {exc}") from exc
        except (OSError, asyncio.TimeoutError) as exc:
            raise Offline(str(exc)) from exc
        try:
            yield connection
        finally:
            await connection.close()
