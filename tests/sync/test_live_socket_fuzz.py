"""The live socket, fuzzed (OpenAPI does not describe it, so schemathesis does not reach it):
whatever a logged-in tablet sends, text or binary, well-formed or not, the server answers or
ignores it, the connection stays up, and nothing fails inside the server."""
from __future__ import annotations

import json
import logging

from hypothesis import HealthCheck, given, settings, strategies as st

from tests.sync.engine_helpers import ws_connect
from tests.sync.test_server_api import login

BOUNDARIES = [1, 2, 2 ** 31 - 1, 2 ** 31, 2 ** 53 + 1, 2 ** 63, -(2 ** 63) - 1, -1, 0]
IDS = st.one_of(st.sampled_from(BOUNDARIES), st.sampled_from(BOUNDARIES), st.integers(),
                st.floats(allow_nan=False), st.text(max_size=5), st.booleans(), st.none())
JSON = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20),
                              st.floats(allow_nan=False)),
                    lambda inner: st.one_of(st.lists(inner, max_size=3),
                                            st.dictionaries(st.text(max_size=8), inner,
                                                            max_size=3)), max_leaves=10)
SUBSCRIBE = st.fixed_dictionaries({"type": st.sampled_from(["subscribe", "unsubscribe"]),
                                   "session_id": IDS})
MESSAGES = st.one_of(
    SUBSCRIBE, SUBSCRIBE,
    st.fixed_dictionaries({"type": st.just("ping"), "id": JSON}),
    st.dictionaries(st.text(max_size=8), JSON, max_size=4).map(lambda d: {"type": "x", **d}),
    JSON,
).map(lambda value: json.dumps(value)) | st.text(max_size=50) | st.binary(max_size=50)


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


def test_nothing_a_tablet_sends_breaks_the_live_socket(world):
    token = login(world, "delegate").headers["Authorization"].split()[1]
    errors = _Errors()
    watched = [logging.getLogger(name) for name in ("uvicorn.error", "phonghop.hub")]
    for logger in watched:
        logger.addHandler(errors)
    try:
        with ws_connect(world.url, token) as ws:
            ws.recv(timeout=5)

            @settings(max_examples=300, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
            @given(message=MESSAGES)
            def one(message) -> None:
                ws.send(message)
                ws.send(json.dumps({"type": "ping", "id": "after"}))
                while True:  # every answer up to the ping's: the connection carries on
                    answer = json.loads(ws.recv(timeout=5))
                    assert answer.get("type") in ("pong", "error", "subscribed", "event",
                                                  "resync"), answer
                    if answer == {"type": "pong", "id": "after"}:
                        break

            one()
    finally:
        for logger in watched:
            logger.removeHandler(errors)
    assert errors.records == []
