"""One part of the live benchmarks alone, for quick experiments (not `make bench`):

    python -m bench.only fanout [TABLETS] [EVENTS] [sqlite|postgresql]
    python -m bench.only votes [DELEGATES] [VOTES] [sqlite|postgresql]

Prints one JSON line. PostgreSQL: a throwaway database (bench/databases.py)."""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from bench import fanout, live_sync, live_world, votes
from bench.databases import database
from bench.live_server import ServerProcess, login_all, process_cpu_s
from bench.tablets import raise_file_limit


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("fanout", "votes"):
        print(__doc__, file=sys.stderr)
        return 2
    part = argv[0]
    count = int(argv[1]) if len(argv) > 1 else 500
    rounds = int(argv[2]) if len(argv) > 2 else (fanout.EVENTS if part == "fanout" else 3)
    kind = argv[3] if len(argv) > 3 else "sqlite"
    raise_file_limit(4 * count + 256)
    with tempfile.TemporaryDirectory(prefix="phonghop-bench-") as tmp:
        work = Path(tmp)
        with database(kind, work) as url:
            world = live_world.build(url, count, 10)
            with ServerProcess(url, work / "data", work / "server.log") as server:
                tokens = login_all(server.url, world.delegates, live_world.PASSWORD)
                chair = login_all(server.url, [world.chair], live_world.PASSWORD)[0]
                if part == "fanout":
                    ours, bare = fanout.run_interleaved(server, world, tokens, chair, 1, work,
                                                        rounds)
                    many = count >= live_sync.MANY_TABLETS  # issue 7's bounds at 1,000
                    row = live_sync.fanout_rows(
                        ours, bare, count, database=kind,
                        target_p95_ms=live_sync.MANY_TARGET_P95_MS if many else
                        live_sync.TARGET_P95_MS,
                        target_ratio=live_sync.MANY_TARGET_RATIO if many else
                        live_sync.TARGET_RATIO)[0]
                    print(json.dumps(row, ensure_ascii=False))
                    return 0
                before = process_cpu_s(server.proc.pid)
                run = votes.run(server, world, tokens, chair, work, rounds, votes.SPREAD_S)
                print(json.dumps({
                    "database": kind, "delegates": count, "votes": rounds,
                    "ack_p50_ms": votes.pct(run.acks_ms, 50),
                    "ack_p95_ms": votes.pct(run.acks_ms, 95),
                    "unloaded_ack_p95_ms": votes.pct(run.unloaded_acks_ms, 95),
                    "result_p50_ms": votes.pct(run.result_ms, 50),
                    "result_p95_ms": votes.pct(run.result_ms, 95),
                    "first_tablet_p50_ms": votes.pct(run.first_ms, 50),
                    "statuses": run.statuses, "missing": run.missing,
                    "wrong_counts": run.wrong_counts,
                    "server_cpu_s": round(process_cpu_s(server.proc.pid) - before, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
