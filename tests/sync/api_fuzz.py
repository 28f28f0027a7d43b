"""The harness behind tests/sync/test_api_fuzz.py: schemathesis 4.x over the server's own
`/openapi.json`, as one user at a time, every failure turned into a readable finding (the check,
the operation, the request that triggers it, the answer).

Schemathesis is driven through its Python engine (`schemathesis.engine.from_schema`, what its CLI
runs): all its phases (coverage, fuzzing, stateful) and every built-in check, plus the protocol's
own rules from docs/PROTOCOL.md as custom checks. Nothing is written to the working tree (no
`.schemathesis/` cache, no Hypothesis example database).
"""
from __future__ import annotations

import ast
import contextlib
import threading
import time
from typing import Any, Iterator

import schemathesis
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import events, from_schema

from tests.sync.fuzz_checks import ASSERTED_CHECKS, CUSTOM_CHECKS, is_push
from tests.sync.fuzz_document import fetch_openapi, healed
from tests.sync.fuzz_findings import (
    Finding, FuzzResult, ServerLog, failed_alone, header_of, signature_of, without_supersets,
)
from tests.sync.fuzz_strategies import INTERESTING_INTS, INTERESTING_STRINGS, push_strategy


# ---------------------------------------------------------------------------------------------
# Configuration and the strategies the fuzzer is given beyond the document.

FRAMING_HEADERS = {"content-length", "transfer-encoding", "host", "connection", "upgrade",
                   "expect", "te", "trailer"}

def build_config(*, base_url: str, token: str | None, logout_token: str | None,
                 max_examples: int, seed: int | None, ids: list[int], hashes: list[str],
                 usernames: list[str], password: str) -> SchemathesisConfig:
    data: dict[str, Any] = {
        "base-url": base_url,
        "cache": {"enabled": False},  # no .schemathesis/ in the working tree
        "generation": {"max-examples": max_examples, "database": "none"},
        "checks": {"enabled": True, **{name: {"enabled": True} for name in CUSTOM_CHECKS}},
        "request-timeout": 30,
        # Keep generating after a failure: otherwise the first undocumented 401 or 404 of an
        # operation ends its exploration and hides the 500 behind it. (The price: no shrinking;
        # the smallest failing request is kept instead.)
        "continue-on-failure": True,
        # Chains of calls that feed one answer into the next request: worth having, but the
        # costliest phase per request, so kept short.
        "phases": {"stateful": {"max-steps": 6, "generation": {"max-examples": 8}}},
        # Values drawn instead of the generated ones now and then ("fuzzing dictionaries").
        "dictionaries": {
            "ints": {"values": sorted(set(ids) | set(INTERESTING_INTS))},
            "hashes": {"values": hashes + [hashes[0].upper(), "0" * 64]},
            "usernames": {"values": usernames + INTERESTING_STRINGS},
            "passwords": {"values": [password] + INTERESTING_STRINGS},
            "strings": {"values": INTERESTING_STRINGS},
        },
        "parameters": {
            "path.session_id": {"dictionary": "ints", "probability": 0.5},
            "path.document_id": {"dictionary": "ints", "probability": 0.5},
            "path.sha256": {"dictionary": "hashes", "probability": 0.5},
            "query.since": {"dictionary": "ints", "probability": 0.5},
            "body.username": {"dictionary": "usernames", "probability": 0.5},
            "body.password": {"dictionary": "passwords", "probability": 0.5},
            "body.device": {"dictionary": "strings", "probability": 0.3},
        },
        # The push carries every change a tablet makes and each example reaches several
        # handlers; login is everyone's door (fuzzed only anonymously, see `fuzz`). Both get
        # more examples than a GET with one integer in its path. The push's malformed bodies
        # come from the coverage phase; its fuzzing examples are all well-formed pushes.
        "operations": [
            {"include-path": "/api/v1/mutations", "phases": {"fuzzing": {"generation": {
                "max-examples": 6 * max_examples, "mode": "positive"}}}},
            {"include-path": "/api/v1/auth/login",
             "generation": {"max-examples": 4 * max_examples}},
        ],
    }
    if seed is not None:
        data["seed"] = seed
    if token is not None:
        data["headers"] = {"Authorization": f"Bearer {token}"}
        # Logout revokes the token it is sent with: it gets one of its own.
        data["operations"].append({"include-path": "/api/v1/auth/logout",
                                   "headers": {"Authorization": f"Bearer {logout_token}"}})
    return SchemathesisConfig.from_dict(data)


@contextlib.contextmanager
def serialized_ast_parse() -> Iterator[None]:
    """CPython 3.11 keeps the AST constructor's recursion depth in per-interpreter state, so two
    threads in `ast.parse` at once can fail with "SystemError: AST constructor recursion depth
    mismatch" (python/cpython#106905). Here they do: Hypothesis parses lambda sources in the
    fuzzer's thread while the in-process server formats the traceback of a 500 (3.11's
    `traceback` parses the failing line to place its carets). A lock around `ast.parse` for the
    length of a run keeps the harness from reporting the interpreter's bug as its own."""
    original = ast.parse
    lock = threading.RLock()

    def parse(*args, **kwargs):
        with lock:
            return original(*args, **kwargs)

    ast.parse = parse
    try:
        yield
    finally:
        ast.parse = original


def fuzz(*, base_url: str, who: str, token: str | None, logout_token: str | None,
         max_examples: int, seed: int | None, session_ids: list[int], ids: list[int],
         hashes: list[str], usernames: list[str], password: str) -> FuzzResult:
    """Every phase of schemathesis over the (healed) document, as one user."""
    doc, notes = healed(fetch_openapi(base_url))
    config = build_config(base_url=base_url, token=token, logout_token=logout_token,
                          max_examples=max_examples, seed=seed, ids=ids, hashes=hashes,
                          usernames=usernames, password=password)
    schema = schemathesis.openapi.from_dict(doc, config=config)
    if token is not None:
        # Login is rate limited (a handful of attempts a minute): fuzzed only anonymously, so a
        # logged-in run never locks its own user out.
        schema = schema.exclude(path="/api/v1/auth/login")

    @schema.hook("map_case")
    def _no_framing_headers(context, case):
        # Random extra headers may be named like the ones that frame the HTTP message itself
        # (an empty "content-length"): uvicorn refuses such a message with its own plain-text
        # 400 before any application sees it. That is HTTP's layer, not the API's inputs.
        if case.headers:
            case.headers = {k: v for k, v in case.headers.items()
                            if k.lower() not in FRAMING_HEADERS}
        return case

    @schema.hook("flatmap_case")
    def _shape_pushes(context, case):
        # Only schema-valid pushes are reshaped: a negative one must stay what it was made to be.
        meta = case.meta
        if not is_push(case) or (meta is not None and meta.generation.mode.is_negative):
            return st.just(case)

        def with_body(body):
            case.body = body  # schemathesis revalidates a changed component
            return case

        return push_strategy(case.body, session_ids, ids).map(with_body)

    result = FuzzResult(who=who, seed=config.seed,
                        notes=[f"fuzzed a repaired copy of the document: {n}" for n in notes])
    best: dict[tuple, Finding] = {}
    started = time.monotonic()
    with serialized_ast_parse(), ServerLog().installed() as server_log:
        _run(schema, result, best)
    result.server_log = server_log.seen
    result.seconds = time.monotonic() - started
    result.findings = sorted(without_supersets(list(best.values())),
                             key=lambda f: (f.check not in ASSERTED_CHECKS, f.operation, f.check,
                                            f.title, f.signature))
    return result


def _run(schema, result: FuzzResult, best: dict[tuple, Finding]) -> None:
    phase_started: dict[str, float] = {}
    for event in from_schema(schema).execute():
        if isinstance(event, events.PhaseStarted):
            phase_started[event.phase.name.value] = event.timestamp
        elif isinstance(event, events.PhaseFinished) and event.phase.name.value in phase_started:
            name = event.phase.name.value
            result.phases[name] = event.timestamp - phase_started[name]
        elif isinstance(event, (events.ScenarioFinished, events.FuzzScenarioFinished)):
            _collect(event, result, best)
        elif isinstance(event, events.NonFatalError):
            result.errors.append(f"{event.label}: {event.value!r}")
        elif isinstance(event, events.FatalError):
            result.errors.append(f"fatal: {event.exception!r}")
        elif isinstance(event, events.SchemaAnalysisWarnings):
            result.notes.extend(f"schema warning: {w!r}" for w in event.warnings)


def _collect(event, result: FuzzResult, best: dict[tuple, Finding]) -> None:
    """Count the answers of a finished scenario and keep, per distinct failure, the smallest
    request that shows it."""
    recorder = event.recorder
    phase = getattr(getattr(event, "phase", None), "value", None) or "fuzz"
    for case_id, interaction in recorder.interactions.items():
        node = recorder.cases.get(case_id)
        if node is not None and interaction.response is not None:
            result.requests += 1
            result.statuses[node.value.operation.label][interaction.response.status_code] += 1
    for case_id, checks in recorder.checks.items():
        for check in checks:
            if check.failure_info is None:
                continue
            failure = check.failure_info.failure
            failing_id = failure.case_id or case_id
            interaction = recorder.interactions.get(failing_id)
            request = interaction.request if interaction else None
            response = interaction.response if interaction else None
            finding = Finding(
                check=check.name, code=getattr(failure, "code", ""), title=failure.title,
                message=failure.message or "", operation=failure.operation or recorder.label,
                phase=phase, method=request.method if request else "?",
                url=request.uri if request else "?",
                body=request.body.decode("utf-8", "replace") if request and request.body else None,
                status=response.status_code if response is not None else None,
                response_body=(response.content if response is not None else b"")
                .decode("utf-8", "replace"),
                response_type=header_of(response, "content-type"))
            node = recorder.cases.get(failing_id)
            if node is not None:
                finding.signature = signature_of(node.value, response)
                if check.name == "mutation_answers":
                    finding.alone = failed_alone(response)
            kept = best.get(finding.key)
            if kept is None or finding.size < kept.size:
                best[finding.key] = finding
