"""The downloader's small parts: back-off, the sidecar and part files, limits, header parsing."""

from __future__ import annotations

import hashlib
import json
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import httpx

from rightstrack.sources.http_errors import TimeLimitError, TooLargeError

CHUNK = 64 * 1024


@dataclass(frozen=True)
class Backoff:
    """How often and how long to wait before trying again. ``sleep`` and ``jitter`` are injectable
    so that tests run without waiting."""

    attempts: int = 4  # tries in all
    base_delay: float = 1.0
    max_delay: float = 60.0
    max_retry_after: float = 300.0  # a server asking for longer is not waited for beyond this
    sleep: Callable[[float], None] = time.sleep
    jitter: Callable[[], float] = random.random

    def delay(self, retry: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_retry_after)
        # Full back-off times a factor in [0.5, 1): clients retrying together spread out.
        return min(self.max_delay, self.base_delay * 2.0**retry) * (0.5 + self.jitter() / 2)


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + ".fetch.json")


def part_path(path: Path) -> Path:
    return path.with_name(path.name + ".part")


def read_sidecar(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(sidecar_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class Budget:
    url: str
    max_bytes: int
    max_seconds: float
    started: float = field(default_factory=time.monotonic)

    def check_time(self) -> None:
        if time.monotonic() - self.started > self.max_seconds:
            raise TimeLimitError(self.url, f"over {self.max_seconds:.0f} s")

    def check_size(self, size: int) -> None:
        if size > self.max_bytes:
            raise TooLargeError(self.url, f"{size:,} bytes, the cap is {self.max_bytes:,}")


def header_int(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


def range_start(response: httpx.Response) -> int | None:
    """Where a 206's ``Content-Range: bytes START-END/TOTAL`` begins."""
    value = response.headers.get("Content-Range", "")
    unit, _, spec = value.partition(" ")
    start = spec.partition("-")[0]
    return int(start) if unit == "bytes" and start.isdigit() else None


def write_json(path: Path, data: dict[str, Any]) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(data, indent=1), encoding="utf-8")
    os.replace(temporary, temporary.with_name(path.name))
