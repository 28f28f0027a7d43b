"""What one fuzz run found: the server's own log, each distinct failure as a finding (the
check, the operation, the smallest request that triggers it, the answer), and the run's totals."""
from __future__ import annotations

import contextlib
import json
import logging
import re
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterator
from urllib.parse import urlsplit

from tests.sync.fuzz_checks import ASSERTED_CHECKS, answers_of, is_push




class ServerLog(logging.Filter):
    """What the in-process server logs at WARNING and above during a run, one entry per distinct
    problem (logger, exception, where it was raised in our code) with a count, instead of
    thousands of tracebacks burying the report. Installed on the server's loggers, it drops the
    records it collects."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: Counter[str] = Counter()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        self.seen[f"{record.name}: {_problem(record)}"] += 1
        return False

    @contextlib.contextmanager
    def installed(self) -> Iterator["ServerLog"]:
        names = [name for name in list(logging.root.manager.loggerDict)
                 if name.split(".")[0] in ("uvicorn", "phonghop")]
        loggers = [logging.getLogger(name) for name in names]
        for logger in loggers:
            logger.addFilter(self)
        try:
            yield self
        finally:
            for logger in loggers:
                logger.removeFilter(self)


def _problem(record: logging.LogRecord) -> str:
    if not record.exc_info or record.exc_info[1] is None:
        return record.getMessage()[:200]
    exc = record.exc_info[1]
    while exc.__cause__ is not None:  # SQLAlchemy wraps the driver's error
        exc = exc.__cause__
    first = (str(exc).splitlines() or [""])[0][:160]
    frames = [f for f in traceback.extract_tb(record.exc_info[2])
              if not f.filename.startswith("<") and "/site-packages/" not in f.filename
              and "/lib/python" not in f.filename]
    where = f" at {_relative(frames[-1].filename)}:{frames[-1].lineno} in {frames[-1].name}" \
        if frames else ""
    return f"{type(exc).__name__}: {first}{where}"


def _relative(filename: str) -> str:
    for marker in ("/app/", "/sync/", "/documents/", "/signing/"):
        if marker in filename:
            return marker[1:] + filename.split(marker, 1)[1]
    return filename


# ---------------------------------------------------------------------------------------------
# One run and what it found.

@dataclass
class Finding:
    check: str
    code: str
    title: str
    message: str
    operation: str
    phase: str
    method: str
    url: str
    body: str | None
    status: int | None
    response_body: str
    response_type: str
    # What tells two failures of one asserted check on one operation apart: the inputs a
    # database chokes on (a huge id, a huge cursor, a NUL), the mutations that failed.
    signature: tuple[str, ...] = ()
    # For a push with a failed mutation: that mutation alone, as a push to try by hand.
    alone: str | None = None

    @property
    def key(self) -> tuple:
        signature = self.signature if self.check in ASSERTED_CHECKS else ()
        return (self.check, self.operation, self.code, self.title, self.status, signature)

    @property
    def size(self) -> int:
        return len(self.url) + len(self.body or "")

    @property
    def target(self) -> str:
        url = urlsplit(self.url)
        return url.path + (f"?{url.query}" if url.query else "")

    def describe(self, who: str) -> str:
        lines = [f"[{self.check}] {self.code} {self.title} — {self.operation}  (as {who}, "
                 f"{self.phase} phase)",
                 f"    request:  {self.method} {self.target}"]
        if self.body:
            lines.append(f"    body:     {_clip(self.body, 600)}")
        if self.alone:
            lines.append(f"    alone:    {_clip(self.alone, 600)}  (the failing mutation)")
        lines.append(f"    answer:   {self.status} {self.response_type} "
                     f"{_clip(self.response_body, 400)}")
        message = " ".join(self.message.split())
        if message:
            lines.append(f"    why:      {_clip(message, 600)}")
        return "\n".join(lines)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + f"… ({len(text)} chars)"


@dataclass
class FuzzResult:
    who: str
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # what kept the engine from testing
    notes: list[str] = field(default_factory=list)  # schema warnings, what `healed` changed
    statuses: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    requests: int = 0
    seconds: float = 0.0
    seed: int | None = None
    phases: dict[str, float] = field(default_factory=dict)  # seconds per schemathesis phase
    server_log: Counter = field(default_factory=Counter)  # see ServerLog

    def asserted(self, strict: bool = False) -> list[Finding]:
        return [f for f in self.findings if strict or f.check in ASSERTED_CHECKS]

    def reported(self, strict: bool = False) -> list[Finding]:
        return [] if strict else [f for f in self.findings if f.check not in ASSERTED_CHECKS]

    def coverage(self) -> str:
        """The answers seen per operation: shows the run got past the 401s and 404s."""
        return "\n".join(
            f"    {operation}: " + ", ".join(f"{status}×{n}" for status, n in sorted(
                self.statuses[operation].items(), key=lambda kv: str(kv[0])))
            for operation in sorted(self.statuses))

    def report(self, findings: list[Finding]) -> str:
        head = (f"{len(findings)} distinct failure(s) as {self.who} "
                f"({self.requests} requests in {self.seconds:.1f} s, seed {self.seed}):")
        body = "\n\n".join(f.describe(self.who) for f in findings)
        notes = "".join(f"\nnote: {note}" for note in self.notes)
        return (f"{head}\n\n{body}\n\nanswers seen per operation:\n{self.coverage()}\n"
                f"{self.logged()}{notes}")

    def logged(self) -> str:
        """What the server logged, the cause of each 500 and `error` answer among it."""
        if not self.server_log:
            return "the server logged no warning or error"
        return "the server logged (distinct warnings and errors, innermost frame of ours):\n" + \
            "\n".join(f"    {n:4}× {problem}" for problem, n in self.server_log.most_common())

    def summary(self, findings: list[Finding]) -> str:
        """One line per check and operation: the statuses seen and the smallest example."""
        groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
        for finding in findings:
            groups[(finding.check, finding.operation)].append(finding)
        lines = [f"{len(groups)} documentation gap(s) as {self.who} (not failing the test):"]
        for (check, operation), group in sorted(groups.items()):
            statuses = ", ".join(sorted({str(f.status) for f in group}))
            example = min(group, key=lambda f: f.size)
            body = f" {_clip(example.body, 160)}" if example.body else ""
            lines.append(f"  [{check}] {operation}: {group[0].title}, answered {statuses}; e.g. "
                         f"{example.method} {example.target}{body} -> {example.status} "
                         f"{_clip(example.response_body, 160)}")
        return "\n".join(lines)


def header_of(response, name: str) -> str:
    for key, values in (response.headers.items() if response is not None else ()):
        if key.lower() == name:
            return values[0] if isinstance(values, list) else str(values)
    return ""


def without_supersets(findings: list[Finding]) -> list[Finding]:
    """Drop a finding whose signature strictly contains another's of the same kind: a request
    with a huge id *and* a huge cursor adds nothing to the one with only the huge id."""
    return [finding for finding in findings
            if not (finding.signature and any(
                other.key[:5] == finding.key[:5] and other.signature
                and set(other.signature) < set(finding.signature) for other in findings))]


_DIGITS = re.compile(r"[-+]?[0-9]+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _printable(value: Any) -> str:
    return str(value).encode("unicode_escape").decode("ascii")[:40]


def _suspicious_in(value: Any, where: str, parse: bool) -> list[str]:
    """Where in `value` lies what databases choke on: an integer beyond a signed 32-bit
    (PostgreSQL INTEGER) or 64-bit (SQLite, BIGINT) column, a NUL, a lone surrogate; with
    `parse`, strings of digits count as integers (path and query values)."""
    found: set[str] = set()

    def visit(item: Any, at: str) -> None:
        if isinstance(item, dict):
            for key, inner in item.items():
                visit(key, f"{at}.<key>")
                visit(inner, f"{at}.{_printable(key)}")
        elif isinstance(item, list):
            for inner in item:
                visit(inner, f"{at}[*]")
        elif isinstance(item, str) and ("\x00" in item or _SURROGATE.search(item)):
            found.add(f"{at}:{'NUL' if chr(0) in item else 'lone surrogate'}")
        elif (isinstance(item, int) and not isinstance(item, bool)) or (
                parse and isinstance(item, str) and _DIGITS.fullmatch(item)):
            number = int(item)
            if not -(2**63) <= number < 2**63:
                found.add(f"{at}>64bit")
            elif not -(2**31) <= number < 2**31:
                found.add(f"{at}>32bit")

    visit(value, where)
    return sorted(found)


def signature_of(case, response) -> tuple[str, ...]:
    found = []
    for location in ("path_parameters", "query"):
        values = getattr(case, location, None)
        if isinstance(values, dict):
            found += _suspicious_in(values, location.split("_")[0], parse=True)
    if is_push(case):
        return tuple(found) + _failed_mutations(response)
    if isinstance(getattr(case, "body", None), (dict, list)):
        found += _suspicious_in(case.body, "body", parse=False)
    return tuple(found)


def failed_alone(response) -> str | None:
    """The first mutation a push answered with `error`, alone in a push of its own (its client
    id kept when that is the culprit, made fresh otherwise)."""
    answers = [a for a in answers_of(response) if a.get("status") == "error"]
    try:
        sent = json.loads(response.request.body or b"{}")
    except (ValueError, AttributeError):
        return None
    if not answers or not isinstance(sent, dict):
        return None
    mutation = next((m for m in sent.get("mutations") or []
                     if isinstance(m, dict) and m.get("id") == answers[0].get("id")), None)
    if mutation is None:
        return None
    client_id = sent.get("client_id")
    if not _suspicious_in(client_id, "client_id", parse=False):
        client_id = "fuzz-alone-0001"
    return json.dumps({"client_id": client_id, "mutations": [{**mutation, "id": 1}]})


def _failed_mutations(response) -> tuple[str, ...]:
    """What made a push answer `error`: its client id when that holds what a database chokes
    on, else each failed mutation as "name:what in it a database chokes on" ("name:" if none)."""
    if response is None or response.status_code != 200:
        return ()
    answers = [a for a in answers_of(response) if a.get("status") == "error"]
    try:
        sent = json.loads(response.request.body or b"{}")
    except (ValueError, AttributeError):
        return ()
    if not answers or not isinstance(sent, dict):
        return ()
    client = _suspicious_in(sent.get("client_id"), "client_id", parse=False)
    if client:
        return tuple(client)
    by_id = {m.get("id"): m for m in sent.get("mutations") or [] if isinstance(m, dict)}
    failed: set[str] = set()
    for answer in answers:
        mutation = by_id.get(answer.get("id"), {})
        odd = (_suspicious_in(mutation.get("name"), "name", parse=False)
               + _suspicious_in(mutation.get("args"), "args", parse=False)) or [""]
        failed.update(f"{_printable(mutation.get('name'))}:{where}" for where in odd)
    return tuple(sorted(failed))
