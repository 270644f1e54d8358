"""Searches run in a lane of a few threads, not in the default pool of forty.

Python runs one thread at a time; twenty requests searching in twenty threads took turns so
often that throughput fell by half (106 against 211 searches/s, 20 threads against 1, on the
same searches). Requests for a search wait their turn for the lane instead, and the work that is
not a quick search (exports, statistics, charts) keeps the default pool, so it never holds up a
search for long.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import anyio.to_thread
from anyio import CapacityLimiter

P = ParamSpec("P")
T = TypeVar("T")

SEARCH_THREADS = min(2, os.cpu_count() or 1)

_search_lane = CapacityLimiter(SEARCH_THREADS)


async def in_search_lane(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    return await anyio.to_thread.run_sync(functools.partial(function, *args, **kwargs), limiter=_search_lane)
