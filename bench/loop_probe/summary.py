"""Summarise a `bench.load --probe DIR` run: per process, the event loop's busy time and
lag, collections, slow callbacks (grouped by where they resumed and stopped), pool waits.

    .venv/bin/python bench/loop_probe/summary.py DIR [FROM_EPOCH [TO_EPOCH]]
"""

import collections
import json
import statistics
import sys
from pathlib import Path
from typing import Any


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))] if xs else 0.0


def summarise(evs: list[dict[str, Any]]) -> None:
    secs = [e for e in evs if e["ev"] == "sec"]
    busy = [e["busy_ms"] for e in secs]
    lag = [e["max_lag_ms"] for e in secs]
    print(
        f"  {len(secs)} s: loop busy {statistics.mean(busy):.0f} ms/s (p95 {pct(busy, 0.95):.0f});"
        f" heartbeat lag per s p50 {pct(lag, 0.5):.0f} / p95 {pct(lag, 0.95):.0f} /"
        f" max {max(lag):.0f} ms; pool waits {sum(e['pool_wait_ms'] for e in secs) / 1000:.1f} s"
        f" over {sum(e['pool_n'] for e in secs)} checkouts"
    )
    by: dict[tuple[int, bool], list[dict[str, Any]]] = collections.defaultdict(list)
    for e in (e for e in evs if e["ev"] == "gc"):
        by[(e["gen"], e["thread"] == "MainThread")].append(e)
    for (gen, main), es in sorted(by.items()):
        ms = [e["ms"] for e in es]
        cpu = [e.get("cpu_ms", 0) for e in es]
        tracked = [e["tracked"] for e in es if e.get("tracked")]
        print(
            f"  gc gen {gen} ({'loop thread' if main else 'other threads'}; >2 ms or full):"
            f" {len(es)}, wall p50 {pct(ms, 0.5):.0f} max {max(ms):.0f} ms,"
            f" CPU p50 {pct(cpu, 0.5):.0f} max {max(cpu):.0f} ms"
            + (f", tracked {min(tracked):,}–{max(tracked):,}" if tracked else "")
        )
    cbs = [e for e in evs if e["ev"] == "cb"]
    if cbs:
        ms = [e["ms"] for e in cbs]
        cpu = [e.get("cpu_ms", 0) for e in cbs]
        print(
            f"  callbacks > 20 ms: {len(cbs)}, wall {sum(ms) / 1000:.1f} s (max {max(ms):.0f} ms),"
            f" CPU {sum(cpu) / 1000:.1f} s = {sum(cpu) / max(sum(ms), 1):.0%} of their wall time"
        )
        count: collections.Counter[str] = collections.Counter()
        wall: dict[str, float] = collections.defaultdict(float)
        for e in cbs:
            before = e.get("before") or [e["what"]]
            k = " | ".join(before[-2:]) + "  →  " + " | ".join((e.get("after") or [])[-2:])
            count[k] += 1
            wall[k] += e["ms"]
        for k, w in sorted(wall.items(), key=lambda kv: -kv[1])[:10]:
            print(f"    {count[k]:4d}× {w:7.0f} ms  {k[:200]}")
    pools = [e["ms"] for e in evs if e["ev"] == "pool"]
    if pools:
        print(
            f"  pool waits > 5 ms: {len(pools)}, p50 {pct(pools, 0.5):.0f} max {max(pools):.0f} ms"
        )
    holds = [e["ms"] for e in evs if e["ev"] == "hold"]
    if holds:
        print(
            f"  connections held: {len(holds)}, {sum(holds) / 1000:.1f} s in all, p50"
            f" {pct(holds, 0.5):.0f} p95 {pct(holds, 0.95):.0f} max {max(holds):.0f} ms"
        )
    for h in (e for e in evs if e["ev"] == "hist"):
        print(f"  tracked objects ({h['n']:,}): " + ", ".join(f"{k} {n}" for k, n in h["top"][:12]))


def main() -> None:
    where = Path(sys.argv[1])
    t0 = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0
    t1 = float(sys.argv[3]) if len(sys.argv) > 3 else 1e12
    for f in sorted(where.glob("probe-*.jsonl")):
        lines = [json.loads(x) for x in f.read_text().splitlines() if x.strip()]
        argv = lines[0].get("argv")
        evs = [e for e in lines if t0 <= e["t"] <= t1]
        if any(e["ev"] == "sec" for e in evs):
            print(f"{f.name} {argv}")
            summarise(evs)


if __name__ == "__main__":
    main()
