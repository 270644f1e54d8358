"""How long the drafting aid takes to answer (issue #5: under a second on CPU).

A served process keeps the models and the similarity index in memory; the command line loads
both for each call. Both are measured: the warm answer (percentiles over real recommendations used
as drafts) and the cold start.
"""

from __future__ import annotations

import random
import statistics
import time

from rightstrack import config
from rightstrack.analysis.drafting import draft_report
from rightstrack.classify.data import labelled_recommendations
from rightstrack.classify.models import trained_models
from rightstrack.search.engine import SearchEngine
from rightstrack.store.database import open_store

TARGET_SECONDS = 1.0


def main() -> None:
    started = time.perf_counter()
    models = trained_models()
    search = SearchEngine(open_store())
    draft_report(search, models, "Ratify the Convention against Torture")
    cold = time.perf_counter() - started
    random.seed(0)
    drafts = [r.text for r in random.sample(labelled_recommendations(config.upr_info_dir()), 200)]
    timings = []
    for text in drafts:
        begin = time.perf_counter()
        draft_report(search, models, text)
        timings.append(time.perf_counter() - begin)
    timings.sort()
    p50, p95, p99 = (timings[int(q * (len(timings) - 1))] for q in (0.5, 0.95, 0.99))
    print(f"drafting aid, {len(timings)} real recommendations as drafts (store: {config.database_url()})")
    print(
        f"  warm: p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, "
        f"mean {statistics.mean(timings) * 1000:.1f} ms; p95 / target {p95 / TARGET_SECONDS:.3f}"
    )
    print(f"  cold start (load models, build the similarity index, first answer): {cold:.2f} s")


if __name__ == "__main__":
    main()
