"""Thematic clusters of one state's recommendations in one cycle: the view a government plans by.

Clusters start from the issues (UPR Info's coding, or the model's prediction for records no person
coded): the issue shared by most recommendations not yet placed forms the next cluster, until a
few large clusters hold nearly all. A cluster too large to plan as one is split by text similarity
(k-means over TF-IDF, fixed seed) and each part named by its most telling words.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import ColumnElement, Engine, select

from rightstrack.domain import RecordKind, Vocabulary
from rightstrack.store.schema import RecommendationIssueRow, RecommendationRow, RecommendationTagRow

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

MAX_CLUSTERS = 12
SPLIT_ABOVE = 30  # recommendations; a larger cluster is split by text
PART_SIZE = 20
UNSPECIFIC = {"General", "Other"}
BROADEST = 0.4  # share of all the records


@dataclass(frozen=True)
class Cluster:
    name: str
    issue: str | None
    ids: tuple[int, ...]
    accepted: int
    noted: int
    terms: tuple[str, ...]
    examples: tuple[str, ...]
    predicted: bool  # the issue is the model's prediction (records no person coded)

    @property
    def size(self) -> int:
        return len(self.ids)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "size": self.size}


@dataclass(frozen=True)
class _Record:
    id: int
    text: str
    response: str | None
    issues: frozenset[str]
    predicted: bool


def _records(engine: Engine, *conditions: ColumnElement[bool]) -> list[_Record]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(RecommendationRow.id, RecommendationRow.text, RecommendationRow.response)
            .where(*conditions)
            .order_by(RecommendationRow.id)
        ).all()
        ids = [row.id for row in rows]
        codings: dict[int, dict[str, set[str]]] = {}
        for record_id, issue, coding in connection.execute(
            select(
                RecommendationIssueRow.recommendation_id,
                RecommendationIssueRow.issue,
                RecommendationIssueRow.coding,
            ).where(RecommendationIssueRow.recommendation_id.in_(ids))
        ):
            codings.setdefault(record_id, {}).setdefault(coding, set()).add(issue)
        for record_id, theme in connection.execute(
            select(RecommendationTagRow.recommendation_id, RecommendationTagRow.tag).where(
                RecommendationTagRow.recommendation_id.in_(ids),
                RecommendationTagRow.vocabulary == Vocabulary.UHRI_THEME.value,
            )
        ):
            codings.setdefault(record_id, {}).setdefault("uhri", set()).add(theme)
    records = []
    for row in rows:
        found = codings.get(row.id, {})
        # People's coding first (UPR Info's issues, then OHCHR's themes), the model's where none
        issues = found.get("human") or found.get("uhri") or found.get("predicted") or set()
        human = bool(found.get("human") or found.get("uhri"))
        records.append(_Record(row.id, row.text, row.response, frozenset(issues), not human))
    return records


def _terms(texts: list[str], vectorizer: TfidfVectorizer, count: int = 4) -> tuple[str, ...]:
    weights = np.asarray(vectorizer.transform(texts).mean(axis=0)).ravel()
    names = vectorizer.get_feature_names_out()
    return tuple(str(names[i]) for i in np.argsort(-weights)[:count] if weights[i] > 0)


def _cluster(name: str, issue: str | None, members: list[_Record], vectorizer: TfidfVectorizer) -> Cluster:
    responses = Counter(m.response for m in members)
    texts = [m.text for m in members]
    return Cluster(
        name,
        issue,
        tuple(m.id for m in members),
        responses["Accepted"],
        responses["Noted"],
        _terms(texts, vectorizer),
        tuple(sorted(texts, key=len)[:3]),
        all(m.predicted for m in members),
    )


def thematic_clusters(engine: Engine, sur: str, cycle: int) -> list[Cluster]:
    """Clusters of the recommendations (not pledges) ``sur`` received in ``cycle``."""
    return _clusters(
        _records(
            engine,
            RecommendationRow.sur_code == sur,
            RecommendationRow.cycle == cycle,
            RecommendationRow.kind == RecordKind.RECOMMENDATION.value,
        )
    )


def clusters_of(engine: Engine, ids: list[int]) -> list[Cluster]:
    """Clusters of any chosen records, e.g. the recommendations of an implementation plan."""
    return _clusters(_records(engine, RecommendationRow.id.in_(ids))) if ids else []


def _clusters(records: list[_Record]) -> list[Cluster]:
    if not records:
        return []
    # scikit-learn (three seconds to import) only where clusters are made, not in every server.
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(stop_words="english", ngram_range=(1, 2), sublinear_tf=True, min_df=1)
    vectorizer.fit([r.text for r in records])
    unplaced = list(records)
    groups: list[tuple[str | None, list[_Record]]] = []
    while unplaced and len(groups) < MAX_CLUSTERS - 1:
        counts = Counter(issue for r in unplaced for issue in r.issues if issue not in UNSPECIFIC)
        if not counts:
            break
        # A theme that covers most of what is left ("Equality & non-discrimination") plans nothing:
        # the largest theme short of that forms the cluster, the broad one only if nothing else does.
        ceiling = max(BROADEST * len(records), SPLIT_ABOVE)
        largest = next(
            (issue for issue, count in counts.most_common() if count <= ceiling), counts.most_common(1)[0][0]
        )
        groups.append((largest, [r for r in unplaced if largest in r.issues]))
        unplaced = [r for r in unplaced if largest not in r.issues]
    if unplaced:
        groups.append((None, unplaced))
    clusters: list[Cluster] = []
    for issue, members in groups:
        label = issue or "Other themes"  # shown translated (web/i18n.label, messages.py)
        if len(members) <= SPLIT_ABOVE:
            clusters.append(_cluster(label, issue, members, vectorizer))
            continue
        parts = math.ceil(len(members) / PART_SIZE)
        matrix = vectorizer.transform([m.text for m in members])
        labels = KMeans(n_clusters=parts, n_init=4, random_state=0).fit_predict(matrix)
        for part in range(parts):
            chosen = [m for m, k in zip(members, labels, strict=True) if k == part]
            if chosen:
                terms = _terms([m.text for m in chosen], vectorizer, 2)
                clusters.append(_cluster(f"{label}: {', '.join(terms)}", issue, chosen, vectorizer))
    return sorted(clusters, key=lambda c: -c.size)
