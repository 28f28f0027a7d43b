"""HTTP and WebSocket plumbing of the sync engine, with the errors it needs to tell apart."""
from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any, AsyncIterator

import httpx
import websockets

from sync.client import API_PREFIX, server_address, ssl_context


class Offline(Exception):
    """The network is down or the server cannot be reached."""


class AuthProblem(Exception):
    """The token expired or was revoked: the user must log in again."""


class ServerTrouble(Exception):
    """The server answered with a fault; try again later."""


class Gone(Exception):
    """The server says this thing does not exist for this user (404/403): do not retry it."""


class PushRefused(Exception):
    """The server could not read this push (413 too large, 422 malformed): nothing of it was
    applied. Sending fewer changes at once finds the one it cannot take."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


class ClientIdTaken(Exception):
    """403 client_mismatch: this client id belongs to another user of the server."""


class Transport:
    def __init__(self, server_url: str, token: str, verify: Any = True, insecure: bool = False):
        base = server_address(server_url, insecure=insecure)
        self.base = base
        self.token = token
        self.network = True
        self._ssl = ssl_context(verify)
        self._http = httpx.AsyncClient(base_url=base + API_PREFIX, timeout=15,
                                       verify=self._ssl if base.startswith("https") else True)

    async def close(self) -> None:
        await self._http.aclose()

    def _headers(self, extra: dict | None = None) -> dict:
        return {"Authorization": f"Bearer {self.token}"} | (extra or {})

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
            headers = self._headers(kwargs.pop("headers", None))
            response = await self._http.request(method, path, headers=headers, **kwargs)
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

    async def get_answer(self, path: str) -> tuple[int, Any]:
        """(status, JSON body) of a GET whose refusals the caller tells apart (401 and 5xx
        still raise)."""
        response = await self._request("GET", path)
        try:
            return response.status_code, response.json()
        except ValueError:
            return response.status_code, None

    async def push(self, client_id: str, mutations: list[str]) -> list[dict]:
        """Send mutations, each already JSON text ({"id", "name", "args"}); their answers."""
        body = f'{{"client_id":{json.dumps(client_id)},"mutations":[{",".join(mutations)}]}}'
        response = await self._request("POST", "/mutations", content=body.encode("utf-8"),
                                       headers={"Content-Type": "application/json"})
        if response.status_code in (413, 422):  # the server cannot read it: never will
            error = _error_of(response)
            raise PushRefused(error.get("code", "invalid"), error.get("message", ""))
        if response.status_code == 403 and _error_of(response).get("code") == "client_mismatch":
            raise ClientIdTaken(client_id)
        if response.status_code >= 400:
            raise ServerTrouble(f"push refused: HTTP {response.status_code} {response.text[:200]}")
        return response.json()["answers"]

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


def _error_of(response: httpx.Response) -> dict:
    try:
        error = response.json().get("error")
    except (ValueError, AttributeError):
        return {}
    return error if isinstance(error, dict) else {}
