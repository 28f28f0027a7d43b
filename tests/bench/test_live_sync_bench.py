"""The sync benchmarks run end to end at a small scale: 20 tablets (30 for the "1,000"), 4
events, 300 logged events, SQLite and PostgreSQL. Checks the harness (processes, clocks,
results), not the speed."""
from __future__ import annotations

import pytest

from bench import live_sync


def test_the_live_sync_benchmark_runs_and_reports_every_row():
    rows = {r["name"]: r for r in live_sync.run(tablets=20, events=4, catchup_events=300,
                                                vote_count=2, spread_s=0.5, more=False)}
    assert set(rows) == {"fanout_p95_ms", "fanout_p50_ms", "fanout_max_ms", "catchup_10k_s",
                         "catchup_10k_http_dict_s", "vote_result_p95_ms", "ballot_ack_p95_ms"}
    for row in rows.values():
        assert {"name", "value", "unit", "baseline", "ratio", "target"} <= set(row)
        assert row["value"] > 0 and row["baseline"] > 0
    fanout = rows["fanout_p95_ms"]
    assert fanout["events"] == 4 and fanout["tablets"] == 20
    assert fanout["missing"] == 0 and fanout["baseline_missing"] == 0 and fanout["gaps"] == 0
    assert fanout["pushed_bytes"] == fanout["baseline_pushed_bytes"]
    assert fanout["permessage_deflate"] == fanout["baseline_permessage_deflate"]
    assert fanout["p50_ms"] <= fanout["value"] <= fanout["max_ms"]
    result, ack = rows["vote_result_p95_ms"], rows["ballot_ack_p95_ms"]
    assert result["votes"] == 2 and result["missing"] == 0 and result["votes_with_a_wrong_count"] == 0
    assert ack["ballots"] == 40 and ack["ballot_statuses"] == {"applied": 40}
    catchup = rows["catchup_10k_s"]
    assert catchup["events_in_log"] == 300 and catchup["entities_in_replica"] > 0


@pytest.mark.slow
def test_the_larger_and_postgresql_fanouts_run_and_report_their_rows(pg_admin_url, monkeypatch):
    monkeypatch.setenv("PHONGHOP_BENCH_PG", pg_admin_url)
    rows = {r["name"]: r for r in live_sync.more_fanout_rows(4, tablets=20, many_tablets=30)}
    assert set(rows) == {"fanout_1000_p95_ms", "fanout_pg_p95_ms", "fanout_pg_1000_p95_ms"}
    for name, database, tablets, bound in (("fanout_1000_p95_ms", "sqlite", 30, "250 ms"),
                                           ("fanout_pg_p95_ms", "postgresql", 20, "150 ms"),
                                           ("fanout_pg_1000_p95_ms", "postgresql", 30, "250 ms")):
        row = rows[name]
        assert (row["database"], row["tablets"], row["events"]) == (database, tablets, 4)
        assert row["missing"] == 0 and row["baseline_missing"] == 0 and row["gaps"] == 0
        assert row["value"] > 0 and row["baseline"] > 0 and bound in row["target"]
