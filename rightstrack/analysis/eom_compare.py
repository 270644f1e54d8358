"""Election observation missions' recommendations set beside the UPR's: for each one a mission made
to a state, the UPR recommendations to the same state that concern elections and say the same
thing, with how alike they are and whether the state supported them at the UPR.

Election-related means coded ``Elections`` by a person (UPR Info) or using an election word
(:data:`rightstrack.classify.elections.ELECTION_TERMS`): UPR Info coded only 241 rows
``Elections``, and recommendations on voter lists or observers are often coded otherwise.

Alike means the cosine of TF-IDF vectors of words and word pairs, as "more like this" measures it
(:mod:`rightstrack.search.similar`), fitted on the state's election-related texts and the missions'
texts together: words every one of them uses ("election", "ensure") weigh little, and the words
that set one recommendation apart (counting, observers, media regulator) weigh most.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from sqlalchemy import select
from sqlalchemy.engine import Connection

from rightstrack.analysis.options import DEFAULT_LIMIT, MIN_SIMILARITY
from rightstrack.classify.elections import ELECTION_TERMS, ELECTIONS
from rightstrack.domain import Mechanism, RecordKind
from rightstrack.ingest.eom import StoredEom, eom_recommendations
from rightstrack.store.schema import RecommendationIssueRow, RecommendationRow, RecommenderRow


@dataclass(frozen=True)
class UprMatch:
    id: int
    session: int | None
    text: str
    response: str | None  # "Accepted" (supported), "Noted", or None where no response is known
    recommenders: tuple[str, ...]
    similarity: float  # cosine, 0–1
    coded_elections: bool  # coded Elections by a person; otherwise found by its election words


@dataclass(frozen=True)
class EomComparison:
    eom: StoredEom
    matches: tuple[UprMatch, ...]


@dataclass(frozen=True)
class _Upr:
    id: int
    session: int | None
    text: str
    response: str | None
    coded: bool


def election_related_upr(connection: Connection, sur: str) -> list[_Upr]:
    rows = connection.execute(
        select(
            RecommendationRow.id,
            RecommendationRow.session,
            RecommendationRow.text,
            RecommendationRow.response,
        )
        .where(
            RecommendationRow.sur_code == sur,
            RecommendationRow.mechanism == Mechanism.UPR.value,
            RecommendationRow.kind == RecordKind.RECOMMENDATION.value,
        )
        .order_by(RecommendationRow.id)
    ).all()
    coded = set(
        connection.execute(
            select(RecommendationIssueRow.recommendation_id)
            .join(RecommendationRow, RecommendationRow.id == RecommendationIssueRow.recommendation_id)
            .where(
                RecommendationRow.sur_code == sur,
                RecommendationIssueRow.issue == ELECTIONS,
                RecommendationIssueRow.coding == "human",
            )
        ).scalars()
    )
    return [
        _Upr(row.id, row.session, row.text, row.response, row.id in coded)
        for row in rows
        if row.id in coded or ELECTION_TERMS.search(row.text)
    ]


def _recommenders(connection: Connection, ids: list[int]) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = defaultdict(list)
    if ids:
        for rec_id, code in connection.execute(
            select(RecommenderRow.recommendation_id, RecommenderRow.state_code)
            .where(RecommenderRow.recommendation_id.in_(ids))
            .order_by(RecommenderRow.id)
        ):
            if code and code not in found[rec_id]:
                found[rec_id].append(code)
    return {rec_id: tuple(codes) for rec_id, codes in found.items()}


def compare_state(
    connection: Connection, sur: str, limit: int = DEFAULT_LIMIT, threshold: float = MIN_SIMILARITY
) -> list[EomComparison]:
    """Each stored mission recommendation to ``sur`` with its closest election-related UPR
    recommendations (at most ``limit``, at least ``threshold`` alike), most alike first."""
    missions = eom_recommendations(connection, sur)
    upr = election_related_upr(connection, sur)
    if not missions:
        return []
    if not upr:
        return [EomComparison(eom, ()) for eom in missions]
    from sklearn.feature_extraction.text import TfidfVectorizer  # seconds to import: only here

    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english")
    vectors = vectorizer.fit_transform([u.text for u in upr] + [m.text for m in missions])
    similarity = np.asarray((vectors[len(upr) :] @ vectors[: len(upr)].T).toarray())
    chosen: list[list[tuple[int, float]]] = []
    for row in similarity:
        order = np.argsort(-row, kind="stable")[:limit]
        chosen.append([(int(k), float(row[k])) for k in order if row[k] >= threshold])
    named = _recommenders(connection, sorted({upr[k].id for picks in chosen for k, _ in picks}))
    return [
        EomComparison(
            eom,
            tuple(
                UprMatch(
                    upr[k].id,
                    upr[k].session,
                    upr[k].text,
                    upr[k].response,
                    named.get(upr[k].id, ()),
                    score,
                    upr[k].coded,
                )
                for k, score in picks
            ),
        )
        for eom, picks in zip(missions, chosen, strict=True)
    ]


__all__ = [
    "DEFAULT_LIMIT",
    "MIN_SIMILARITY",
    "EomComparison",
    "UprMatch",
    "compare_state",
    "election_related_upr",
]
