"""The desktop client's HTTP connection to a phonghop server (no Qt).

Every call is blocking: the UI runs them on a worker thread. Failures raise `ApiError`
subclasses with a stable `code` that the UI turns into a Vietnamese message.
"""
from __future__ import annotations

import hashlib
import ipaddress
import os
import ssl
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Optional
from urllib.parse import urlsplit

import httpx

from app.fileio import fsync_directory, sha256_of

API_PREFIX = "/api/v1"


class ApiError(Exception):
    """A call failed. `code` is one of the protocol's error codes (docs/PROTOCOL.md) or a
    client-side one: "unreachable", "tls", "timeout", "bad_address", "insecure",
    "bad_response", "integrity", "disk"."""

    def __init__(self, code: str, message: str = "", status: int | None = None):
        super().__init__(message or code)
        self.code = code
        self.status = status


class AuthError(ApiError):
    """Wrong credentials, or the token expired or was revoked: log in again."""


class ConnectionFailed(ApiError):
    """The server could not be reached (address wrong, server down, network gone)."""


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    full_name: str
    title: str
    is_admin: bool


@dataclass(frozen=True)
class SessionSummary:
    id: int
    title: str
    body_name: str
    term_name: str
    status: str  # draft | published | in_progress | closed
    location: str
    starts_at: str  # ISO 8601
    ends_at: Optional[str]
    my_roles: tuple[str, ...]


OPEN_LEVELS = ("public", "internal")  # the confidentiality levels a tablet may keep in clear


@dataclass(frozen=True)
class EarlierVersion:
    version: int
    sha256: str
    size: int
    page_count: int


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    title: str
    number: str
    kind: str
    confidentiality: str  # public | internal | confidential
    version: int
    sha256: str
    size: int
    page_count: int
    filename: str
    earlier: tuple[EarlierVersion, ...] = ()  # the versions it replaced, oldest first
    superseded_by: int = 0  # on an earlier version's info: the current version (else 0)

    @property
    def restricted(self) -> bool:
        """Confidential, or of a level this client does not know (treated the same): never
        indexed, exported or kept in clear, always watermarked."""
        return self.confidentiality not in OPEN_LEVELS

    def at_version(self, version: int) -> Optional["DocumentInfo"]:
        """This document as it was at an earlier `version` (to see notes left there), or None."""
        for old in self.earlier:
            if old.version == version:
                return replace(self, version=old.version, sha256=old.sha256, size=old.size,
                               page_count=old.page_count, earlier=(),
                               superseded_by=self.version)
        return None


@dataclass(frozen=True)
class AgendaItemInfo:
    id: int
    parent_id: Optional[int]
    position: int
    label: str
    title: str
    kind: str
    presenter: str
    description: str
    documents: tuple[DocumentInfo, ...] = field(default_factory=tuple)
    children: tuple["AgendaItemInfo", ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class VoteResultInfo:
    id: int
    agenda_item_id: Optional[int]
    title: str
    vote_type: str
    status: str
    passed: Optional[bool]
    announcement: str


def _document(d: dict) -> DocumentInfo:
    return DocumentInfo(
        id=d["id"], title=d["title"], number=d.get("number") or "", kind=d["kind"],
        confidentiality=d["confidentiality"], version=d["version"], sha256=d["sha256"],
        size=d["size"], page_count=d.get("page_count") or 0, filename=d["filename"],
        earlier=tuple(earlier_versions(d.get("earlier"))),
    )


def earlier_versions(rows) -> list[EarlierVersion]:
    """The earlier versions a document names (older servers name none; bad rows are left out)."""
    found = []
    for row in rows if isinstance(rows, list) else ():
        try:
            found.append(EarlierVersion(int(row["version"]), str(row["sha256"]),
                                        int(row.get("size") or 0), int(row.get("page_count") or 0)))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return found


def _agenda_item(d: dict) -> AgendaItemInfo:
    return AgendaItemInfo(
        id=d["id"], parent_id=d.get("parent_id"), position=d["position"], label=d["label"],
        title=d["title"], kind=d["kind"], presenter=d.get("presenter") or "",
        description=d.get("description") or "",
        documents=tuple(_document(x) for x in d.get("documents", [])),
        children=tuple(_agenda_item(x) for x in d.get("children", [])),
    )


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def server_address(address: str, *, insecure: bool = False) -> str:
    """The server's base URL from what the user typed. Without a scheme it is https: a
    password typed for `hop.example.vn` never travels in clear. Plain http only to this
    machine (the demo, a local proxy) or with `insecure` (the caller warns the user)."""
    address = address.strip()
    if "://" not in address:
        address = "https://" + address
    address = address.rstrip("/")
    try:
        parts = urlsplit(address)
        host, _port = parts.hostname, parts.port
    except ValueError:
        raise ConnectionFailed("bad_address", f"invalid server address: {address}") from None
    if parts.scheme not in ("http", "https") or not host:
        raise ConnectionFailed("bad_address", f"invalid server address: {address}")
    if parts.scheme == "http" and not insecure and not is_loopback(host):
        raise ConnectionFailed("insecure", f"{address} is not encrypted: use https, or "
                                           "--insecure on a network you trust")
    return address


class ApiClient:
    def __init__(self, base_url: str, *, timeout: float = 10.0, verify: Any = True,
                 transport: httpx.BaseTransport | None = None, insecure: bool = False):
        base_url = server_address(base_url, insecure=insecure)
        try:
            self._http = httpx.Client(base_url=base_url, timeout=timeout,
                                      verify=ssl_context(verify),
                                      transport=transport)
        except (ValueError, httpx.InvalidURL) as exc:
            raise ConnectionFailed("bad_address", f"invalid server address: {base_url}") from exc
        self.base_url = base_url
        self.insecure = insecure
        self.token: Optional[str] = None
        self.user: Optional[UserInfo] = None

    # -- plumbing -----------------------------------------------------------------------
    def _request(self, method: str, path: str, **kwargs) -> httpx.Response:
        headers = kwargs.pop("headers", {})
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            response = self._http.request(method, API_PREFIX + path, headers=headers, **kwargs)
        except httpx.TimeoutException as exc:
            raise ConnectionFailed("timeout", str(exc)) from exc
        except httpx.InvalidURL as exc:
            raise ConnectionFailed("bad_address", str(exc)) from exc
        except (httpx.TransportError, OSError) as exc:
            raise ConnectionFailed(_transport_code(exc), str(exc)) from exc
        if response.status_code >= 400:
            raise _error_from(response)
        return response

    def _json(self, method: str, path: str, **kwargs) -> Any:
        response = self._request(method, path, **kwargs)
        try:
            return response.json()
        except ValueError as exc:
            raise ApiError("bad_response", "the server answered with something that is not JSON",
                           response.status_code) from exc

    def _parse(self, method: str, path: str, build: Callable[[Any], Any], **kwargs) -> Any:
        """Fetch JSON and build the result; an answer of the wrong shape is "bad_response"."""
        data = self._json(method, path, **kwargs)
        try:
            return build(data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ApiError("bad_response", f"unexpected answer from {path}: {exc!r}") from exc

    def close(self) -> None:
        self._http.close()

    # -- calls --------------------------------------------------------------------------
    def login(self, username: str, password: str, device: str = "") -> UserInfo:
        def build(data: dict) -> tuple[str, UserInfo]:
            u = data["user"]
            return str(data["token"]), UserInfo(u["id"], u["username"], u["full_name"],
                                                u.get("title") or "", u["is_admin"])

        self.token, self.user = self._parse(
            "POST", "/auth/login", build,
            json={"username": username, "password": password, "device": device})
        return self.user

    def logout(self) -> None:
        if self.token:
            try:
                self._request("POST", "/auth/logout")
            finally:
                self.token = None

    def sessions(self) -> list[SessionSummary]:
        return self._parse("GET", "/sessions", lambda rows: [
            SessionSummary(
                id=s["id"], title=s["title"], body_name=s["body_name"], term_name=s["term_name"],
                status=s["status"], location=s["location"], starts_at=s["starts_at"],
                ends_at=s.get("ends_at"), my_roles=tuple(s["my_roles"]),
            )
            for s in rows
        ])

    def agenda(self, session_id: int) -> list[AgendaItemInfo]:
        """The session's agenda as a tree (top-level items, each with its children)."""
        return self._parse("GET", f"/sessions/{session_id}/agenda",
                           lambda rows: [_agenda_item(x) for x in rows])

    def vote_results(self, session_id: int) -> list[VoteResultInfo]:
        return self._parse("GET", f"/sessions/{session_id}/votes", lambda rows: [
            VoteResultInfo(v["id"], v.get("agenda_item_id"), v["title"], v["vote_type"],
                           v["status"], v.get("passed"), v.get("announcement") or "")
            for v in rows
        ])

    def download_file(self, sha256: str, dest_dir: str | os.PathLike,
                      progress: Callable[[int, int], None] | None = None) -> Path:
        """Download a content-addressed file into dest_dir/<sha256>.pdf (kept as a cache:
        an existing file whose hash matches is not downloaded again). The hash is verified
        before the file is used; a mismatch raises ApiError("integrity")."""
        dest_dir = Path(dest_dir)
        target = dest_dir / f"{sha256}.pdf"
        if target.exists() and sha256_of(target) == sha256:
            return target
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        try:
            dest_dir.mkdir(parents=True, exist_ok=True)
            # A temporary name of its own: two downloads of one file never share a partial
            # file, and a failed download leaves nothing behind.
            fd, name = tempfile.mkstemp(dir=dest_dir, prefix=f".{sha256[:12]}-", suffix=".part")
        except OSError as exc:
            raise ApiError("disk", f"cannot write the file: {exc.strerror or exc}") from exc
        partial = Path(name)
        try:
            digest = self._stream_to(fd, sha256, headers, progress)
            if digest != sha256:
                raise ApiError("integrity", "the downloaded file does not match its SHA-256")
            os.replace(partial, target)
            fsync_directory(dest_dir)
        except OSError as exc:
            raise ApiError("disk", f"cannot write the file: {exc.strerror or exc}") from exc
        finally:
            partial.unlink(missing_ok=True)
        return target

    def _stream_to(self, fd: int, sha256: str, headers: dict,
                   progress: Callable[[int, int], None] | None) -> str:
        digest = hashlib.sha256()
        with os.fdopen(fd, "wb") as out:
            try:
                with self._http.stream("GET", f"{API_PREFIX}/files/{sha256}", headers=headers) as r:
                    if r.status_code >= 400:
                        r.read()
                        raise _error_from(r)
                    total = int(r.headers.get("content-length") or 0)
                    done = 0
                    for chunk in r.iter_bytes(256 * 1024):
                        out.write(chunk)
                        digest.update(chunk)
                        done += len(chunk)
                        if progress:
                            progress(done, total)
                    out.flush()
                    os.fsync(out.fileno())
            except httpx.TimeoutException as exc:
                raise ConnectionFailed("timeout", str(exc)) from exc
            except httpx.TransportError as exc:
                raise ConnectionFailed(_transport_code(exc), str(exc)) from exc
        return digest.hexdigest()


def ssl_context(verify: Any) -> ssl.SSLContext | bool:
    """True: the operating system's trust store (where a province installs its own CA);
    a path: that CA file; an SSLContext as it is; False: no verification (tests only)."""
    if verify is False or isinstance(verify, ssl.SSLContext):
        return verify
    if isinstance(verify, (str, os.PathLike)):
        return ssl.create_default_context(cafile=os.fspath(verify))
    return ssl.create_default_context()


def _transport_code(exc: BaseException) -> str:
    """"tls" when the server's certificate is not trusted (the fix is a CA file, not the
    network), otherwise "unreachable"."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError) or \
                "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return "tls"
        seen = seen.__cause__ or seen.__context__
    return "unreachable"


def _error_from(response: httpx.Response) -> ApiError:
    code, message = f"http_{response.status_code}", response.reason_phrase
    try:
        body = response.json()
        detail = body.get("error") or {}
        code = detail.get("code", code)
        message = detail.get("message", message)
    except (ValueError, AttributeError):
        pass
    cls = AuthError if response.status_code == 401 else ApiError
    return cls(code, message, response.status_code)
