"""Named warnings for values a reader of a live source does not know: (field, problem, value) and
how many records had it, never a crash and never a silent drop. Bounded: past ``max_distinct``
values for one field and problem, the rest are counted together as "(other values)", so a hostile
file with a million odd values cannot fill memory with them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class FieldWarning:
    field: str
    problem: str
    value: str
    count: int

    def __str__(self) -> str:
        times = f" ({self.count:,} records)" if self.count != 1 else ""
        return f"{self.field}: {self.problem}: {self.value!r}{times}"


class Warnings:
    """Named warnings aggregated by (field, problem, value), bounded in distinct values."""

    OTHER = "(other values)"

    def __init__(self, max_distinct: int = 500) -> None:
        self._counts: Counter[tuple[str, str, str]] = Counter()
        self._distinct: Counter[tuple[str, str]] = Counter()
        self._max = max_distinct

    def add(self, field: str, problem: str, value: object, count: int = 1) -> None:
        text = " ".join(str(value).split())[:120]
        key = (field, problem, text)
        if key not in self._counts:
            if self._distinct[(field, problem)] >= self._max:
                key = (field, problem, self.OTHER)
            else:
                self._distinct[(field, problem)] += 1
        self._counts[key] += count

    def merge(self, other: Warnings) -> None:
        for (field, problem, value), count in other._counts.items():
            self.add(field, problem, value, count)

    def count(self, field: str, problem: str | None = None) -> int:
        return sum(n for (f, p, _), n in self._counts.items() if f == field and problem in (None, p))

    def items(self) -> list[FieldWarning]:
        return [FieldWarning(f, p, v, n) for (f, p, v), n in self._counts.most_common()]

    def __len__(self) -> int:
        return len(self._counts)
