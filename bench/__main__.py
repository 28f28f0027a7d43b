"""Run every benchmark, print a table and write bench/results.json.

Each result: {"name", "value", "unit", "baseline", "ratio", "target"}; `ratio` is value/baseline
measured in the same run, `target` the issue's bound on that ratio (or on the value)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from bench import ballot_faults, ink, live_sync, page_render, search_index, viewer

BENCHMARKS = [page_render.run, viewer.run, search_index.run, ink.run, live_sync.run,
              lambda: ballot_faults.rows(ballot_faults.run())]


def main() -> int:
    results = []
    for bench in BENCHMARKS:
        results.extend(bench())
    print(f"{'name':<28}{'value':>10}{'unit':>6}{'baseline':>10}{'ratio':>8}  target")
    for r in results:
        print(f"{r['name']:<28}{r['value']:>10.3f}{r['unit']:>6}{r['baseline']:>10.3f}"
              f"{r['ratio']:>8.2f}  {r['target']}")
    out = Path(__file__).resolve().parent / "results.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {out.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
