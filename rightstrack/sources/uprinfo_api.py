"""A client for UPR Info's Database of Recommendations, an Uwazi instance.

``/api/thesauris`` gives the values of each select (UUIDs and labels), ``/api/templates`` the
properties of each template. ``/api/search`` returns ``{rows, totalRows, relation, aggregations}``
and stops counting at 10,000 (relation ``gte``), and Elasticsearch does not page beyond that: the
client reads one UPR session at a time and, where a session still reports the cap, one state under
review at a time within it. A slice still capped is reported (``CappedSlice``), never passed over
in silence. Filters take full thesaurus UUIDs: a shortened one silently returns nothing, so the
UUIDs are always read from ``/api/thesauris``, never written here. The search parameters
(``types`` and ``filters`` as JSON, ``from``, ``limit``, ``sort``, ``order``; the language also as
a ``locale`` cookie) are those HURIDOCS's own Python client sends (huridocs/python_uwazi_API,
``search_repository.py``).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from rightstrack.domain import SourceRecord
from rightstrack.sources.http import Downloader
from rightstrack.sources.http_errors import ChangedFormatError
from rightstrack.sources.uprinfo_entities import LEADING_NUMBER, EntityReader, UnknownValue

BASE_URL = "https://upr-info-database.uwazi.io"
RECOMMENDATION_TEMPLATE = "5d8ce04361cde0408222e9a8"
SEARCH_CAP = 10_000
MAX_RESPONSE_BYTES = 64 * 1024**2


@dataclass(frozen=True)
class Limits:
    """Bounds on one harvest: the database is someone else's, and its answers are input."""

    page_size: int = 100
    max_requests: int = 5_000
    max_rows: int = 400_000
    max_seconds: float = 4 * 3600.0


@dataclass(frozen=True)
class ThesaurusValue:
    id: str
    label: str


@dataclass(frozen=True)
class CappedSlice:
    """A slice of the search that still reports the cap: some of its entities could not be read."""

    session: str
    state: str | None
    reported: int
    read: int

    def __str__(self) -> str:
        where = f"session {self.session!r}" + (f", state {self.state!r}" if self.state else "")
        return (
            f"UPR Info database: {where} still reports {self.reported:,}+ results (the search cap); "
            f"{self.read:,} read, the rest could not be reached"
        )


@dataclass
class Harvest:
    records: list[SourceRecord] = field(default_factory=list)
    warnings: list[UnknownValue] = field(default_factory=list)
    capped: list[CappedSlice] = field(default_factory=list)
    sessions: list[str] = field(default_factory=list)  # the session labels read
    missing_sessions: list[int] = field(default_factory=list)  # asked for, unknown to the database
    entities: int = 0  # entities received, duplicates across slices counted once
    requests: int = 0
    stopped: str | None = None  # the limit that ended the harvest early
    total_reported: int | None = None  # what the unsliced search said
    total_relation: str = "eq"


class LimitReachedError(Exception):
    pass


Progress = Callable[[int, int | None], None]  # entities read, entities expected


class UprInfoClient:
    def __init__(
        self,
        downloader: Downloader,
        base_url: str = BASE_URL,
        *,
        language: str = "en",
        limits: Limits | None = None,
        template: str = RECOMMENDATION_TEMPLATE,
    ) -> None:
        self.downloader = downloader
        self.base_url = base_url.rstrip("/")
        if not re.fullmatch(r"[a-z]{2}", language):
            raise ValueError(f"not a two-letter language code: {language!r}")
        self.language = language
        self.limits = limits or Limits()
        self.template_id = template
        self._requests = 0
        self._started = time.monotonic()

    def _get(self, path: str, params: Mapping[str, str] | None = None) -> Any:
        if self._requests >= self.limits.max_requests:
            raise LimitReachedError(f"{self.limits.max_requests:,} requests")
        if time.monotonic() - self._started > self.limits.max_seconds:
            raise LimitReachedError(f"{self.limits.max_seconds:.0f} s")
        self._requests += 1
        return self.downloader.get_json(
            self.base_url + path,
            params=params,
            headers={"Accept-Language": self.language, "Cookie": f"locale={self.language}"},
            max_bytes=MAX_RESPONSE_BYTES,
        )

    def thesauri(self) -> dict[str, list[ThesaurusValue]]:
        """Every thesaurus's values by thesaurus id, groups flattened."""
        payload = self._get("/api/thesauris")
        rows = _rows(payload, self.base_url + "/api/thesauris")
        return {str(row["_id"]): list(_flatten(row.get("values"))) for row in rows if "_id" in row}

    def properties(self) -> dict[str, Mapping[str, Any]]:
        """The recommendation template's properties by name."""
        url = self.base_url + "/api/templates"
        rows = _rows(self._get("/api/templates"), url)
        template = next((row for row in rows if row.get("_id") == self.template_id), None)
        if template is None:
            raise ChangedFormatError(url, f"no template {self.template_id} (recommendation)")
        properties = template.get("properties")
        if not isinstance(properties, list):
            raise ChangedFormatError(url, "the recommendation template has no properties list")
        return {str(p["name"]): p for p in properties if isinstance(p, Mapping) and "name" in p}

    def _select_values(
        self,
        properties: Mapping[str, Mapping[str, Any]],
        thesauri: Mapping[str, list[ThesaurusValue]],
        name: str,
    ) -> list[ThesaurusValue]:
        content = properties.get(name, {}).get("content")
        if not content or str(content) not in thesauri:
            raise ChangedFormatError(
                self.base_url + "/api/templates", f"property {name!r} has no thesaurus (content {content!r})"
            )
        return thesauri[str(content)]

    def _search(self, filters: Mapping[str, list[str]], offset: int, limit: int) -> Mapping[str, Any]:
        params = {
            "types": json.dumps([self.template_id]),
            "filters": json.dumps({name: {"values": values} for name, values in filters.items()}),
            "from": str(offset),
            "limit": str(limit),
            "sort": "creationDate",
            "order": "asc",
        }
        payload = self._get("/api/search", params)
        url = self.base_url + "/api/search"
        _rows(payload, url)
        if not isinstance(payload.get("totalRows"), int):
            raise ChangedFormatError(url, "no totalRows in the search answer")
        return payload  # type: ignore[no-any-return]

    def _slice(self, filters: Mapping[str, list[str]]) -> tuple[Mapping[str, Any], bool]:
        first = self._search(filters, 0, self.limits.page_size)
        return first, _capped(first)

    def _pages(
        self, filters: Mapping[str, list[str]], first: Mapping[str, Any]
    ) -> Iterator[Mapping[str, Any]]:
        """Every entity of a slice, page after page, up to what the search lets one reach."""
        reachable = min(int(first["totalRows"]), SEARCH_CAP)
        page = first
        offset = 0
        while True:
            rows = page["rows"]
            yield from (row for row in rows if isinstance(row, Mapping))
            offset += len(rows)
            if not rows or offset >= reachable:
                return
            page = self._search(filters, offset, min(self.limits.page_size, reachable - offset))

    def harvest(self, sessions: Iterable[int] | None = None, progress: Progress | None = None) -> Harvest:
        """Read every recommendation (or those of the given UPR sessions) as SourceRecords."""
        harvest = Harvest()
        reader = EntityReader()
        seen: set[str] = set()
        try:
            properties = self.properties()
            thesauri = self.thesauri()
            session_values = self._select_values(properties, thesauri, "session")
            state_values = self._select_values(properties, thesauri, "state_under_review")
            wanted = set(sessions) if sessions is not None else None
            chosen = [v for v in session_values if wanted is None or _number(v.label) in wanted]
            if wanted is not None:
                found = {_number(v.label) for v in chosen}
                harvest.missing_sessions = sorted(n for n in wanted if n not in found)
            overall = self._search({}, 0, 0)
            harvest.total_reported = int(overall["totalRows"])
            harvest.total_relation = str(overall.get("relation", "eq"))
            expected = harvest.total_reported if wanted is None else None
            for session in chosen:
                harvest.sessions.append(session.label)
                for entity in self._session_entities(session, state_values, harvest):
                    if len(seen) >= self.limits.max_rows:
                        raise LimitReachedError(f"{self.limits.max_rows:,} entities")
                    shared_id = entity.get("sharedId")
                    if isinstance(shared_id, str):
                        if shared_id in seen:
                            continue  # met in another slice
                        seen.add(shared_id)
                    else:
                        seen.add(f"(no sharedId {len(seen)})")  # counted; the reader warns
                    record = reader.record(entity, len(seen))
                    if record is not None:
                        harvest.records.append(record)
                    if progress:
                        progress(len(seen), expected)
        except LimitReachedError as exc:
            harvest.stopped = str(exc)
        harvest.entities = len(seen)
        harvest.requests = self._requests
        harvest.warnings = reader.warnings
        return harvest

    def _session_entities(
        self, session: ThesaurusValue, states: list[ThesaurusValue], harvest: Harvest
    ) -> Iterator[Mapping[str, Any]]:
        first, capped = self._slice({"session": [session.id]})
        if not capped:
            yield from self._pages({"session": [session.id]}, first)
            return
        # Too many for one slice: one state under review at a time, those the session's
        # aggregation counts where it gives them (else every state in the thesaurus).
        counted = _bucket_keys(first, "state_under_review")
        for state in (s for s in states if counted is None or s.id in counted):
            filters = {"session": [session.id], "state_under_review": [state.id]}
            page, still_capped = self._slice(filters)
            read = 0
            for entity in self._pages(filters, page):
                read += 1
                yield entity
            if still_capped:
                harvest.capped.append(CappedSlice(session.label, state.label, int(page["totalRows"]), read))


def _rows(payload: Any, url: str) -> list[Mapping[str, Any]]:
    if not isinstance(payload, Mapping) or not isinstance(payload.get("rows"), list):
        raise ChangedFormatError(url, "expected an object with a 'rows' list")
    return [row for row in payload["rows"] if isinstance(row, Mapping)]


def _flatten(values: Any) -> Iterator[ThesaurusValue]:
    """A thesaurus's values; a group holds its own ``values``."""
    for value in values if isinstance(values, list) else []:
        if not isinstance(value, Mapping):
            continue
        if isinstance(value.get("values"), list):
            yield from _flatten(value["values"])
        elif isinstance(value.get("id"), str) and isinstance(value.get("label"), str):
            yield ThesaurusValue(value["id"], " ".join(value["label"].split()))


def _number(label: str) -> int | None:
    match = LEADING_NUMBER.match(label)
    return int(match.group(1)) if match else None


def _capped(page: Mapping[str, Any]) -> bool:
    return page.get("relation") == "gte" or int(page["totalRows"]) >= SEARCH_CAP


def _bucket_keys(page: Mapping[str, Any], name: str) -> set[str] | None:
    """The values an aggregation counts in this slice, or None where the answer has none."""
    aggregations = page.get("aggregations")
    try:
        buckets = aggregations["all"][name]["buckets"]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    if not isinstance(buckets, list):
        return None
    keys = set()
    for bucket in buckets:
        if not isinstance(bucket, Mapping):
            continue
        count = bucket.get("filtered", {}).get("doc_count", bucket.get("doc_count", 0))
        if isinstance(bucket.get("key"), str) and isinstance(count, int) and count > 0:
            keys.add(bucket["key"])
    return keys
