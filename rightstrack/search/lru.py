"""A small thread-safe least-recently-used cache, for results that stay valid for one data version."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LRUCache(Generic[K, V]):
    """Holds at most ``size`` entries; ``size=0`` turns the cache off (nothing is kept).

    With ``max_bytes`` and ``weigh`` (an entry's size in bytes), it also holds at most that many
    bytes: at 500,000 records one word's match is half a megabyte, and a count of entries alone
    would let a worker's caches grow past a gigabyte."""

    def __init__(
        self, size: int, *, max_bytes: int | None = None, weigh: Callable[[V], int] | None = None
    ) -> None:
        if size < 0:
            raise ValueError("a cache size cannot be negative")
        self.size = size
        self.max_bytes = max_bytes
        self._weigh = weigh
        self._weights: dict[K, int] = {}
        self.bytes = 0
        self._entries: OrderedDict[K, V] = OrderedDict()
        self._lock = Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        if not self.size:
            return
        weight = self._weigh(value) if self._weigh is not None else 0
        if self.max_bytes is not None and weight > self.max_bytes:
            return  # larger than the whole budget: keeping it would evict everything else
        with self._lock:
            self.bytes -= self._weights.pop(key, 0)
            self._entries[key] = value
            self._entries.move_to_end(key)
            self._weights[key] = weight
            self.bytes += weight
            while len(self._entries) > self.size or (
                self.max_bytes is not None and self.bytes > self.max_bytes
            ):
                evicted, _ = self._entries.popitem(last=False)
                self.bytes -= self._weights.pop(evicted, 0)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._weights.clear()
            self.bytes = 0

    def __len__(self) -> int:
        return len(self._entries)
