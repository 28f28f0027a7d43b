"""The live benchmarks: fan-out to 500 and to 1,000 tablets, a 10,000-event catch-up, votes.

First one SQLite database in a temporary directory (a commune's single-process deployment):
the fan-out to 500 tablets, the catch-up and the votes; then the fan-out to 1,000 tablets on
SQLite, and both fan-outs again with the server on PostgreSQL (the production database; a
throwaway database, bench/databases.py). The server runs as its own process (`python -m
phonghop server`), the tablets in TABLET_PROCESSES other processes, the chair and the catch-up
client in this one. Environment knobs for experiments: PHONGHOP_BENCH_TABLETS (default 500),
PHONGHOP_BENCH_TABLET_PROCESSES (default 1)."""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from bench import catchup, fanout, live_world, votes
from bench.databases import database
from bench.live_server import ServerProcess, login_all
from bench.tablets import raise_file_limit

TABLETS = int(os.environ.get("PHONGHOP_BENCH_TABLETS", "500"))
MANY_TABLETS = 1000
TABLET_PROCESSES = int(os.environ.get("PHONGHOP_BENCH_TABLET_PROCESSES", "1"))
CATCHUP_EVENTS = 10_000
TARGET_P95_MS = 150.0
TARGET_RATIO = 1.5  # issue 7 (issue 3 asked for 2.0)
MANY_TARGET_P95_MS = 250.0  # issue 7, at 1,000 tablets
MANY_TARGET_RATIO = 2.0


def _row(name: str, value: float, baseline: float, target: str, **extra) -> dict:
    return {"name": name, "value": round(value, 2), "unit": "ms", "baseline": round(baseline, 2),
            "ratio": round(value / baseline, 2) if baseline else 0.0, "target": target, **extra}


def fanout_rows(ours: fanout.FanoutRun, bare: fanout.FanoutRun, tablets: int, *,
                name: str = "fanout", database: str = "sqlite", target_p95_ms: float = TARGET_P95_MS,
                target_ratio: float = TARGET_RATIO, information: bool = True) -> list[dict]:
    details = {
        "p50_ms": round(ours.pct(50), 2), "max_ms": round(ours.pct(100), 2),
        "baseline_p50_ms": round(bare.pct(50), 2), "baseline_max_ms": round(bare.pct(100), 2),
        "first_tablet_p50_ms": round(ours.pct(50, first=True), 2),
        "baseline_first_tablet_p50_ms": round(bare.pct(50, first=True), 2),
        "tablets": tablets, "events": len(ours.latencies_ms),
        "tablet_processes": TABLET_PROCESSES,
        "missing": ours.missing, "gaps": ours.gaps, "baseline_missing": bare.missing,
        "sockets_closed_as_revoked_while_opening": ours.reopened,
        "sockets_closed_during_run": ours.closed_early,
        "server_cpu_ms_per_event": round(ours.server_cpu_ms_per_event, 2),
        "baseline_server_cpu_ms_per_event": round(bare.server_cpu_ms_per_event, 2),
        "tablet_cpu_s": ours.client_cpu_s, "baseline_tablet_cpu_s": bare.client_cpu_s,
        "pushed_bytes": len(ours.sample.encode()), "permessage_deflate": ours.deflate,
        "baseline_permessage_deflate": bare.deflate,
        "baseline_pushed_bytes": len(bare.sample.encode()), "database": database,
        "baseline_method": "bare websockets server (bench/bare_server.py), websockets.broadcast, "
                           "triggered by a WebSocket message from the chair; the chair "
                           "alternates between the two servers every "
                           f"{fanout.INTERVAL_S * 1000:g} ms"}
    p95_ok = ours.pct(95) <= target_p95_ms and ours.pct(95) <= target_ratio * bare.pct(95)
    complete = ours.missing == 0 and ours.gaps == 0
    rows = [_row(f"{name}_p95_ms", ours.pct(95), bare.pct(95),
                 f"p95 <= {target_p95_ms:g} ms and ratio <= {target_ratio:g}",
                 met=p95_ok and complete, **details)]
    if information:
        rows += [_row(f"{name}_p50_ms", ours.pct(50), bare.pct(50), "information"),
                 _row(f"{name}_max_ms", ours.pct(100), bare.pct(100), "information")]
    return rows


@contextlib.contextmanager
def live_room(kind: str, tablets: int):
    """A world of `tablets` delegates on a fresh database of `kind`, its server running and
    everyone logged in: yields (server, world, delegates' tokens, the chair's token, work dir)."""
    raise_file_limit(4 * tablets + 256)
    with tempfile.TemporaryDirectory(prefix="phonghop-bench-") as tmp:
        work = Path(tmp)
        with database(kind, work) as url:
            world = live_world.build(url, tablets, 10)
            with ServerProcess(url, work / "data", work / "server.log") as server:
                tokens = login_all(server.url, world.delegates, live_world.PASSWORD)
                chair = login_all(server.url, [world.chair], live_world.PASSWORD)[0]
                yield server, world, tokens, chair, work


def fanout_targets(tablets: int) -> dict:
    """Issue 7's bounds: at 1,000 tablets p95 <= 250 ms and 2x; below, 150 ms and 1.5x."""
    many = tablets >= MANY_TABLETS
    return {"target_p95_ms": MANY_TARGET_P95_MS if many else TARGET_P95_MS,
            "target_ratio": MANY_TARGET_RATIO if many else TARGET_RATIO}


def fanout_alone(kind: str, tablets: int, events: int) -> tuple[fanout.FanoutRun,
                                                                   fanout.FanoutRun]:
    """The fan-out on its own database of `kind`, against the bare baseline in the same run."""
    with live_room(kind, tablets) as (server, world, tokens, chair, work):
        return fanout.run_interleaved(server, world, tokens, chair, TABLET_PROCESSES, work,
                                      events)


def more_fanout_rows(events: int, tablets: int = TABLETS,
                     many_tablets: int = MANY_TABLETS) -> list[dict]:
    """1,000 tablets on SQLite; 500 and 1,000 on PostgreSQL."""
    rows = []
    for kind, count, name in (("sqlite", many_tablets, "fanout_1000"),
                              ("postgresql", tablets, "fanout_pg"),
                              ("postgresql", many_tablets, "fanout_pg_1000")):
        ours, bare = fanout_alone(kind, count, events)
        targets = fanout_targets(MANY_TABLETS if count == many_tablets else TABLETS)
        rows += fanout_rows(ours, bare, count, name=name, database=kind, information=False,
                            **targets)
    return rows


def run(tablets: int = TABLETS, events: int = fanout.EVENTS,
        catchup_events: int = CATCHUP_EVENTS, vote_count: int = votes.VOTES,
        spread_s: float = votes.SPREAD_S, many_tablets: int = MANY_TABLETS,
        more: bool = True) -> list[dict]:
    """Every live row; without `more`, not the 1,000-tablet and PostgreSQL fan-outs."""
    raise_file_limit(4 * tablets + 256)
    with tempfile.TemporaryDirectory(prefix="phonghop-bench-") as tmp:
        work = Path(tmp)
        db_path = work / "phonghop.sqlite3"
        url = f"sqlite:///{db_path}"
        world = live_world.build(url, tablets, catchup_events)
        with ServerProcess(url, work / "data", work / "server.log") as server:
            tokens = login_all(server.url, world.delegates, live_world.PASSWORD)
            chair_token = login_all(server.url, [world.chair], live_world.PASSWORD)[0]
            ours, bare = fanout.run_interleaved(server, world, tokens, chair_token,
                                                TABLET_PROCESSES, work, events)
            rows = catchup.run(server, world, tokens[0], str(db_path), work)
            voting = votes.run(server, world, tokens, chair_token, work, vote_count, spread_s)
    return (fanout_rows(ours, bare, tablets) + rows + vote_rows(voting, bare, tablets)
            + (more_fanout_rows(events, tablets, many_tablets) if more else []))


def vote_rows(run: votes.VoteRun, bare: fanout.FanoutRun, tablets: int) -> list[dict]:
    result_p95, ack_p95 = votes.pct(run.result_ms, 95), votes.pct(run.acks_ms, 95)
    exact = run.missing == 0 and run.wrong_counts == 0 and set(run.statuses) == {"applied"}
    common = {"tablets": tablets, "votes": len(run.result_ms), "database": "sqlite",
              "ballot_statuses": run.statuses, "missing": run.missing,
              "votes_with_a_wrong_count": run.wrong_counts}
    return [
        _row("vote_result_p95_ms", result_p95, bare.pct(95), "p95 <= 300 ms",
             met=result_p95 <= 300 and exact, **common,
             p50_ms=round(votes.pct(run.result_ms, 50), 2),
             max_ms=round(votes.pct(run.result_ms, 100), 2),
             first_tablet_p50_ms=round(votes.pct(run.first_ms, 50), 2),
             baseline_method="the bare websockets broadcast of the fan-out benchmark, same run"),
        _row("ballot_ack_p95_ms", ack_p95, votes.pct(run.unloaded_acks_ms, 95), "p95 <= 150 ms",
             met=ack_p95 <= 150 and exact, **common, ballots=len(run.acks_ms),
             p50_ms=round(votes.pct(run.acks_ms, 50), 2),
             max_ms=round(votes.pct(run.acks_ms, 100), 2),
             spread_s=votes.SPREAD_S,
             baseline_method=f"{votes.UNLOADED_BALLOTS} ballots one after the other, nobody "
                             "else voting, same server, same run"),
    ]
