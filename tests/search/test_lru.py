import pytest

from rightstrack.search.lru import LRUCache


def test_least_recently_used_entry_goes_first() -> None:
    cache: LRUCache[str, int] = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "a" is now the most recent
    cache.put("c", 3)
    assert cache.get("b") is None
    assert (cache.get("a"), cache.get("c"), len(cache)) == (1, 3, 2)


def test_size_zero_keeps_nothing() -> None:
    cache: LRUCache[str, int] = LRUCache(0)
    cache.put("a", 1)
    assert cache.get("a") is None and len(cache) == 0


def test_negative_size_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        LRUCache(-1)


def test_a_byte_budget_evicts_the_oldest_until_the_rest_fit() -> None:
    cache: LRUCache[str, bytes] = LRUCache(100, max_bytes=10, weigh=len)
    cache.put("a", b"1234")
    cache.put("b", b"1234")
    assert cache.get("a") == b"1234"  # now the most recently used
    cache.put("c", b"1234")  # 12 bytes: "b", the least recently used, goes
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (b"1234", None, b"1234")
    assert cache.bytes == 8
    cache.put("a", b"12")  # replacing an entry counts its new size only
    assert cache.bytes == 6
    cache.put("huge", b"x" * 11)  # larger than the whole budget: not kept, nothing evicted
    assert cache.get("huge") is None and len(cache) == 2
    cache.clear()
    assert cache.bytes == 0 and len(cache) == 0
