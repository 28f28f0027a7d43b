"""One part of the live benchmarks alone, for quick experiments (not `make bench`):

    python -m bench.only fanout [TABLETS] [EVENTS] [sqlite|postgresql]
    python -m bench.only votes [DELEGATES] [VOTES] [sqlite|postgresql]

Prints one JSON line. PostgreSQL: a throwaway database (bench/databases.py)."""
from __future__ import annotations

import json
import sys

from bench import fanout, live_sync, votes
from bench.live_server import process_cpu_s


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("fanout", "votes"):
        print(__doc__, file=sys.stderr)
        return 2
    part = argv[0]
    count = int(argv[1]) if len(argv) > 1 else 500
    rounds = int(argv[2]) if len(argv) > 2 else (fanout.EVENTS if part == "fanout" else 3)
    kind = argv[3] if len(argv) > 3 else "sqlite"
    with live_sync.live_room(kind, count) as (server, world, tokens, chair, work):
        if part == "fanout":
            ours, bare = fanout.run_interleaved(server, world, tokens, chair, 1, work, rounds)
            row = live_sync.fanout_rows(ours, bare, count, database=kind,
                                        **live_sync.fanout_targets(count))[0]
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
