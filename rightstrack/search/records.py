"""Full records (recommendations and pledges) as search results show them, read by id.

Records only change when the store's data version does, so recently read ones are kept in a
cache keyed by (version, id), as search servers keep a document cache beside their query cache.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import BindParameter

from rightstrack.search.facets import FacetIndex
from rightstrack.search.lru import LRUCache
from rightstrack.search.textquery import Node, positive_forms
from rightstrack.store.fulltext import highlight_terms
from rightstrack.store.schema import RecommendationIssueRow, RecommendationRow, RecommenderRow, SourceRow

RECORD_CACHE_SIZE = 8192


@dataclass(frozen=True)
class Recommender:
    code: str | None
    name: str
    source: str
    line: int

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "source": self.source, "line": self.line}


@dataclass(frozen=True)
class Hit:
    id: int
    kind: str
    sur: str
    sur_name: str
    session: int | None  # the UPR's own: other mechanisms' records have none
    cycle: int | None
    year: int
    text: str
    response: str | None
    response_comment: str | None
    action_category: int | None
    document_symbol: str | None
    paragraph: str | None
    mechanism: str = "UPR"
    body: str = "UPR"
    published: date | None = None  # the document's publication date, where a source gives it
    issues: tuple[str, ...] = ()
    recommenders: tuple[Recommender, ...] = ()
    highlights: tuple[tuple[int, int], ...] = ()
    # The filters (issue, theme) this record met only through the theme mapping (search/mapping.py).
    matched_through_mapping: tuple[str, ...] = ()

    @property
    def origin(self) -> str:
        """Where and when, in words: "UPR session 7 (cycle 1, 2010)", "Treaty body CAT, 2023-01-01"."""
        if self.session is not None:
            return f"UPR session {self.session} (cycle {self.cycle}, {self.year})"
        when = self.published.isoformat() if self.published else str(self.year)
        return (
            f"{self.mechanism} {self.body}, {when}" if self.body != self.mechanism else f"{self.body}, {when}"
        )

    def to_dict(self) -> dict[str, Any]:
        # Written out: dataclasses.asdict deep-copies, and costs more than the search itself.
        return {
            "id": self.id,
            "kind": self.kind,
            "mechanism": self.mechanism,
            "body": self.body,
            "sur": self.sur,
            "sur_name": self.sur_name,
            "session": self.session,
            "cycle": self.cycle,
            "year": self.year,
            "published": self.published.isoformat() if self.published else None,
            "text": self.text,
            "response": self.response,
            "response_comment": self.response_comment,
            "action_category": self.action_category,
            "document_symbol": self.document_symbol,
            "paragraph": self.paragraph,
            "issues": list(self.issues),
            "recommenders": [r.to_dict() for r in self.recommenders],
            "highlights": [list(span) for span in self.highlights],
            "matched_through_mapping": list(self.matched_through_mapping),
        }


class RecordReader:
    def __init__(self, cache_size: int = RECORD_CACHE_SIZE) -> None:
        self._cache: LRUCache[tuple[int, int], Hit] = LRUCache(cache_size)

    def clear(self) -> None:
        self._cache.clear()

    def read(
        self,
        connection: Connection,
        index: FacetIndex,
        ids: list[int],
        node: Node | None = None,
        *,
        use_cache: bool = True,
    ) -> list[Hit]:
        """The records with these ids, in that order, their matches with ``node`` highlighted.

        ``use_cache=False`` reads past the cache and leaves it as it was: an export of the whole
        database would otherwise push out every record that searches are showing."""
        found: dict[int, Hit] = {}
        if use_cache:
            for record_id in ids:
                cached = self._cache.get((index.version, record_id))
                if cached is not None:
                    found[record_id] = cached
        missing = [record_id for record_id in ids if record_id not in found]
        if missing:
            loaded = _load(connection, index, missing)
            found.update(loaded)
            if use_cache:
                for record_id, hit in loaded.items():
                    self._cache.put((index.version, record_id), hit)
        forms, prefixes = positive_forms(node)
        ordered = [found[record_id] for record_id in ids if record_id in found]
        if not (forms or prefixes):
            return ordered
        return [replace(hit, highlights=tuple(highlight_terms(hit.text, forms, prefixes))) for hit in ordered]


# Built once: SQLAlchemy then reuses their compiled form, where building them per call cost
# as much as running them.
_IDS: BindParameter[list[int]] = bindparam("ids", expanding=True)
_RECORDS = select(RecommendationRow.__table__).where(RecommendationRow.id.in_(_IDS))
_ISSUES = (
    select(RecommendationIssueRow.recommendation_id, RecommendationIssueRow.issue)
    .where(RecommendationIssueRow.recommendation_id.in_(_IDS), RecommendationIssueRow.coding == "human")
    .order_by(RecommendationIssueRow.issue)
)
_RECOMMENDERS = (
    select(RecommenderRow.recommendation_id, RecommenderRow.state_code, SourceRow.name, RecommenderRow.line)
    .join(SourceRow, SourceRow.id == RecommenderRow.source_id)
    .where(RecommenderRow.recommendation_id.in_(_IDS))
    .order_by(RecommenderRow.id)
)


def _load(connection: Connection, index: FacetIndex, ids: list[int]) -> dict[int, Hit]:
    parameters = {"ids": ids}
    rows = connection.execute(_RECORDS, parameters).all()
    issues: dict[int, list[str]] = defaultdict(list)
    for record_id, issue in connection.execute(_ISSUES, parameters):
        issues[record_id].append(issue)
    recommenders: dict[int, list[Recommender]] = defaultdict(list)
    for record_id, code, source, line in connection.execute(_RECOMMENDERS, parameters):
        name = index.state_names.get(code, code) if code else "(unknown)"
        recommenders[record_id].append(Recommender(code, name, source, line))
    return {
        row.id: Hit(
            id=row.id,
            kind=row.kind,
            sur=row.sur_code,
            sur_name=index.state_names.get(row.sur_code, row.sur_code),
            session=row.session,
            cycle=row.cycle,
            year=row.year,
            text=row.text,
            response=row.response,
            response_comment=row.response_comment,
            action_category=row.action_category,
            document_symbol=row.document_symbol,
            paragraph=row.paragraph,
            mechanism=row.mechanism,
            body=row.body,
            published=_as_date(row.published),
            issues=tuple(issues[row.id]),
            recommenders=tuple(recommenders[row.id]),
        )
        for row in rows
    }


def _as_date(value: object) -> date | None:
    """SQLite hands a date column back as text where a raw insert stored it so."""
    if isinstance(value, date) or value is None:
        return value
    return date.fromisoformat(str(value)[:10])
