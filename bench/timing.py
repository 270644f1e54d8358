"""Timing helpers the page benchmarks share: repeated runs, percentiles, ratio to a budget."""

from __future__ import annotations

import time
from collections.abc import Callable

PAGE_BUDGET = 0.5  # seconds: what a reader waits without noticing


def timed(work: Callable[[], object], repeats: int) -> list[float]:
    """Seconds each of ``repeats`` runs of ``work`` took, sorted."""
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return sorted(timings)


def line(name: str, timings: list[float], budget: float | None = None) -> None:
    """Prints p50 and p95 (nearest rank), and p95's ratio to ``budget`` when given."""
    p50 = timings[len(timings) // 2]
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    ratio = f"  ratio to {budget:.1f} s: {p95 / budget:.2f}" if budget else ""
    print(f"{name:<46} p50 {p50 * 1000:8.1f} ms   p95 {p95 * 1000:8.1f} ms{ratio}")
