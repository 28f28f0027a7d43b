"""What fails an API fuzz run (tests/sync/api_fuzz.py), what is only reported, and the
protocol's own rules (docs/PROTOCOL.md) as schemathesis checks, registered on import."""
from __future__ import annotations

import json

import schemathesis

from app import protocol as p


# ---------------------------------------------------------------------------------------------
# What fails the test, what is only reported, and what the fuzzer tries.

# A 5xx (also one hidden in a mutation answer), an answer that contradicts the documented schema
# (body, content type, headers), a route that ignores its documented security, an error body
# without the protocol's envelope.
ASSERTED_CHECKS = frozenset({
    "not_a_server_error", "response_schema_conformance", "content_type_conformance",
    "response_headers_conformance", "ignored_auth", "error_envelope", "mutation_answers",
})
# Every other check (schemathesis runs them all) reports a gap between the document and the
# server that is not a bug by itself: an undocumented 401/404/429 (status_code_conformance), a
# format the schema does not state (positive_data_acceptance), ... Warnings, unless strict.

ERROR_CODES = frozenset({  # PROTOCOL.md, "Errors"; the last two from sync/server/errors.py
    "bad_request", "invalid_credentials", "token_invalid", "token_expired", "forbidden",
    "client_mismatch", "not_found", "too_large", "validation_error", "rate_limited",
    "server_error", "method_not_allowed", "range_not_satisfiable",
})
ANSWER_STATUSES = p.ANSWER_STATUSES  # PROTOCOL.md, "Mutations"
REJECTION_CODES = p.REJECTION_CODES


# ---------------------------------------------------------------------------------------------
# The protocol's rules as schemathesis checks (registered on import, enabled in the config).

def is_push(case) -> bool:
    return case.operation.path.endswith("/mutations")


def answers_of(response) -> list:
    try:
        body = json.loads(response.content)
    except ValueError:
        return []
    answers = body.get("answers") if isinstance(body, dict) else None
    return [a for a in answers if isinstance(a, dict)] if isinstance(answers, list) else []


@schemathesis.check
def error_envelope(ctx, response, case) -> bool | None:
    """PROTOCOL.md: every 4xx/5xx answer has the body {"error": {"code", "message"}}."""
    if response.status_code < 400:
        return None
    try:
        body = json.loads(response.content)
    except ValueError:
        raise AssertionError(f"a {response.status_code} answer whose body is not JSON: "
                             f"{response.content[:200]!r}") from None
    error = body.get("error") if isinstance(body, dict) else None
    if not (isinstance(error, dict) and isinstance(error.get("code"), str)
            and isinstance(error.get("message"), str)):
        raise AssertionError(f"a {response.status_code} answer without the error envelope "
                             f'{{"error": {{"code", "message"}}}}: {response.content[:200]!r}')
    if error["code"] not in ERROR_CODES:
        raise AssertionError(f"error code {error['code']!r} is not one PROTOCOL.md lists")
    return True


@schemathesis.check
def mutation_answers(ctx, response, case) -> bool | None:
    """PROTOCOL.md: each mutation of a push is answered with a documented status; `error` is a
    server fault, a 500 in a 200's clothing."""
    if not is_push(case) or response.status_code != 200:
        return None
    for answer in answers_of(response):
        status = answer.get("status")
        if status not in ANSWER_STATUSES:
            raise AssertionError(f"mutation answer with undocumented status {status!r}: {answer}")
        if status == "error":
            raise AssertionError(f"the server failed applying mutation "
                                 f"{_sent_mutation(case, answer.get('id'))} (answer {answer})")
    return True


@schemathesis.check
def mutation_rejection_codes(ctx, response, case) -> bool | None:
    """PROTOCOL.md lists the codes of a rejected mutation; anything else is undocumented."""
    if not is_push(case) or response.status_code != 200:
        return None
    for answer in answers_of(response):
        code = (answer.get("error") or {}).get("code")
        if answer.get("status") == "rejected" and code not in REJECTION_CODES:
            raise AssertionError(f"rejection code {code!r} is not one PROTOCOL.md lists: {answer}")
    return True


CUSTOM_CHECKS = ("error_envelope", "mutation_answers", "mutation_rejection_codes")


def _sent_mutation(case, mutation_id) -> str:
    body = case.body if isinstance(case.body, dict) else {}
    for mutation in body.get("mutations") or []:
        if isinstance(mutation, dict) and mutation.get("id") == mutation_id:
            return json.dumps(mutation, ensure_ascii=False)
    return f"#{mutation_id}"
