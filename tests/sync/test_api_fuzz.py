"""Property-based fuzzing of the whole HTTP API from the server's own `/openapi.json`
(schemathesis 4.x), logged in as every role and anonymously, against a real uvicorn on SQLite and
on PostgreSQL (the `world` fixture); and the published document itself.

Fails on: a 5xx (also one hidden in a mutation answer `"status": "error"`), an answer that breaks
the documented schema (body, content type, headers), a route that ignores its documented bearer
security, an error body without PROTOCOL.md's `{"error": {"code", "message"}}`; a document with
a `$ref` to nothing, a route PROTOCOL.md lists but OpenAPI does not, an error response documented
with a body the server never sends. Gaps between the document and the server that are not bugs
by themselves (undocumented 401/404/429, a format the schema does not state) are warnings.

    .venv/bin/python -m pytest tests/sync/test_api_fuzz.py -q -rw
    PHONGHOP_FUZZ_EXAMPLES=50 ...    examples per operation (default 10; the push 6x, login 4x)
    PHONGHOP_FUZZ_SEED=random ...    a new seed each run (default: a fixed one, reproducible)
    PHONGHOP_FUZZ_STRICT=1 ...       the reported gaps fail too
    PHONGHOP_FUZZ_REPORT=f.jsonl ... append every finding as a JSON line

The WebSocket route is not in OpenAPI and not fuzzed here (tests/sync/test_live_socket.py).
Login is rate limited (5 a minute in the world): it is fuzzed only anonymously; each logged-in
run logs its user in twice, a token for the run and one for `POST /auth/logout` to revoke.
"""
from __future__ import annotations

import json
import os
import re
import warnings
from dataclasses import asdict
from pathlib import Path

import httpx
import pytest

import schemathesis  # a test dependency: never skipped when missing
from schemathesis.core.result import Err  # noqa: E402

from tests.sync import api_fuzz, fuzz_document  # noqa: E402
from tests.sync.conftest import PASSWORD  # noqa: E402

ROLES = ["anonymous", "delegate", "chair", "secretary", "guest", "admin", "outsider"]
USERS = ["delegate", "chair", "secretary", "guest", "outsider", "admin"]
MAX_EXAMPLES = int(os.environ.get("PHONGHOP_FUZZ_EXAMPLES", "10"))
_SEED = os.environ.get("PHONGHOP_FUZZ_SEED", "20261208")
SEED = None if _SEED == "random" else int(_SEED)
STRICT = os.environ.get("PHONGHOP_FUZZ_STRICT") == "1"
REPORT = os.environ.get("PHONGHOP_FUZZ_REPORT")
PROTOCOL_MD = Path(__file__).resolve().parents[2] / "docs" / "PROTOCOL.md"
PUBLIC = {("get", "/api/v1/health"), ("post", "/api/v1/auth/login")}  # no token needed
METHODS = ("get", "put", "post", "delete", "patch")


class ApiFuzzGap(UserWarning):
    """A gap between the OpenAPI document and the server that does not fail the test (see
    api_fuzz.ASSERTED_CHECKS); PHONGHOP_FUZZ_STRICT=1 makes it fail."""


def _login(world, username: str) -> str:
    response = httpx.post(world.url + "/api/v1/auth/login", timeout=10,
                          json={"username": username, "password": PASSWORD, "device": "fuzz"})
    assert response.status_code == 200, response.text
    return response.json()["token"]


def _operations(doc: dict):
    for path, item in doc.get("paths", {}).items():
        for method, operation in item.items():
            if method in METHODS:
                yield method, path, operation


def _protocol_routes() -> set[tuple[str, str]]:
    """The HTTP routes of PROTOCOL.md's table, parameters written `{}`."""
    return {(method.lower(), re.sub(r"\{[^}]*\}", "{}", path.split("?")[0]))
            for method, path in re.findall(r"`(GET|POST|PUT|PATCH|DELETE) (/api/v1/[^`\s,]*)`",
                                           PROTOCOL_MD.read_text(encoding="utf-8"))}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the document is the same on both
def test_openapi_document_is_complete_and_valid(world):
    doc = api_fuzz.fetch_openapi(world.url)
    problems = [f"$ref {ref!r} points at nothing (it is used at "
                f"{fuzz_document.readable_pointer(where)})"
                for where, ref in fuzz_document.unresolved_refs(doc)]

    schema = schemathesis.openapi.from_dict(doc)
    try:
        schema.validate()  # against the OpenAPI meta-schema of its version
    except Exception as exc:  # noqa: BLE001 - jsonschema_rs.ValidationError, shown as text
        problems.append(f"not a valid OpenAPI {doc.get('openapi')} document: {exc}")
    for result in schema.get_all_operations():
        if isinstance(result, Err):
            problems.append(f"schemathesis cannot load {result.err().label}: {result.err()}")

    documented = {(method, re.sub(r"\{[^}]*\}", "{}", path))
                  for method, path, _ in _operations(doc)}
    problems += [f"{method.upper()} {path} is in docs/PROTOCOL.md but not in /openapi.json"
                 for method, path in sorted(_protocol_routes() - documented)]
    schemes = doc.get("components", {}).get("securitySchemes", {})
    for method, path, operation in _operations(doc):
        if (method, path) not in PUBLIC and not operation.get("security"):
            problems.append(f"{method.upper()} {path} needs a bearer token but documents none")
        problems += [f"{method.upper()} {path}: security scheme {name!r} is not defined"
                     for requirement in operation.get("security") or [] for name in requirement
                     if name not in schemes]

    if problems:
        pytest.fail("the published /openapi.json is incomplete or invalid:\n  "
                    + "\n  ".join(problems), pytrace=False)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_openapi_error_responses_are_the_protocols(world):
    """A documented 4xx/5xx body must be PROTOCOL.md's {"error": {"code", "message"}}: that is
    all the server sends (schemathesis cannot tell, as FastAPI's default 422 schema requires
    nothing and so accepts any object)."""
    doc = api_fuzz.fetch_openapi(world.url)
    wrong: dict[tuple[str, str], list[str]] = {}
    for method, path, operation in _operations(doc):
        for status, response in operation.get("responses", {}).items():
            for media in (response.get("content") or {}).values():
                schema = media.get("schema") or {}
                name = schema.get("$ref", "an inline schema").rsplit("/", 1)[-1]
                try:
                    schema = fuzz_document.resolve_pointer(doc, schema["$ref"]) \
                        if "$ref" in schema else schema
                except KeyError:
                    continue  # the document test reports it
                if status[:1] in "45" and "error" not in (schema.get("properties") or {}):
                    fields = ", ".join(schema.get("properties") or {}) or "nothing"
                    wrong.setdefault((status, f"{name} ({fields})"), []).append(
                        f"{method.upper()} {path}")
    if wrong:
        pytest.fail("error responses documented with a body the server never sends (it answers "
                    '{"error": {"code", "message"}}):\n  ' + "\n  ".join(
                        f"{status} documented as {name} on {len(ops)} operation(s): "
                        + ", ".join(ops) for (status, name), ops in sorted(wrong.items())),
                    pytrace=False)


@pytest.mark.parametrize("who", ROLES)
def test_api_fuzz(world, who, request):
    token = logout_token = None
    if who != "anonymous":
        token, logout_token = _login(world, who), _login(world, who)
    ids = sorted({world.session_id, world.draft_session_id}
                 | {doc["id"] for doc in world.docs.values()})
    result = api_fuzz.fuzz(
        base_url=world.url, who=who, token=token, logout_token=logout_token,
        max_examples=MAX_EXAMPLES, seed=SEED,
        session_ids=[world.session_id, world.draft_session_id], ids=ids,
        hashes=[doc["sha256"] for doc in world.docs.values()], usernames=USERS,
        password=PASSWORD)
    database = request.node.callspec.params.get("db_url", "?")
    phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in result.phases.items()
                       if seconds >= 0.05)
    print(f"\n{who} on {database}: {result.requests} requests in {result.seconds:.1f} s "
          f"({phases}), {len(result.findings)} distinct findings")
    if REPORT:
        with open(REPORT, "a", encoding="utf-8") as out:
            for finding in result.findings:
                out.write(json.dumps({"who": who, "database": database,
                                      "asserted": finding.check in api_fuzz.ASSERTED_CHECKS,
                                      **asdict(finding)}, ensure_ascii=False) + "\n")
            out.write(json.dumps({"who": who, "database": database, "run": {
                "requests": result.requests, "seconds": result.seconds, "phases": result.phases,
                "server_log": result.server_log, "errors": result.errors}},
                ensure_ascii=False) + "\n")

    assert not result.errors, "the fuzzer itself could not run everything:\n" + \
        "\n".join(result.errors)
    if token is not None:  # the run really was logged in
        assert 200 in result.statuses["GET /api/v1/auth/me"], result.coverage()
    reported = result.reported(STRICT)
    if reported:
        warnings.warn(ApiFuzzGap(f"on {database}: " + result.summary(reported)), stacklevel=1)
    asserted = result.asserted(STRICT)
    if asserted:
        pytest.fail(f"on {database}: " + result.report(asserted), pytrace=False)
