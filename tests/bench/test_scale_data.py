"""The scale dataset (bench/scale_data.py): built from the real data, loaded by the real loaders,
as many records as asked, facets in the real proportions, no text twice, the same for a seed."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from rightstrack.domain import text_key
from rightstrack.reference.issues import canonical_issue
from rightstrack.store.database import open_store
from rightstrack.store.schema import RecommendationIssueRow, RecommendationRow

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import scale_data
import scale_store

RECORDS = 2_000


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[scale_data.Dataset, scale_store.Store]:
    root = tmp_path_factory.mktemp("scale")
    dataset = scale_data.build(RECORDS, root=root)
    return dataset, scale_store.sqlite_store(scale_store.scale_spec(dataset, "2k"), root=root)


def _real_shares() -> tuple[float, Counter[str]]:
    """Share of Accepted among the real recommendations, and the real issues' counts."""
    real = scale_data.read_real()
    templates = [t for ts in real.templates.values() for t in ts]
    accepted = sum(t.rows[0]["Response"] == "Accepted" for t in templates) / len(templates)
    return accepted, Counter(canonical_issue(issue) for t in templates for issue in t.issues)


def test_as_many_records_as_asked_each_text_once(built: tuple[scale_data.Dataset, scale_store.Store]) -> None:
    dataset, store = built
    engine = open_store(store.url)
    with engine.connect() as connection:
        texts = connection.scalars(select(RecommendationRow.text)).all()
        mechanisms = Counter(connection.execute(select(RecommendationRow.mechanism)).scalars())
        sessions = set(
            connection.scalars(select(RecommendationRow.session).where(RecommendationRow.session.isnot(None)))
        )
    assert store.load.records == len(texts) == RECORDS
    assert len({text_key(t) for t in texts}) == len(texts)
    # UPR Info's export for the UPR, the UHRI export for the treaty bodies and special procedures
    assert mechanisms["UPR"] == RECORDS - round(RECORDS * scale_data.DEFAULT_UHRI_SHARE)
    assert mechanisms["Treaty body"] > 0 and mechanisms["Special procedure"] > 0
    assert min(sessions) == 1 and max(sessions) == scale_data.LAST_SESSION
    assert store.load.rows >= RECORDS and {p.suffix for p in dataset.paths} == {".csv", ".json"}


def test_facets_in_the_real_proportions(built: tuple[scale_data.Dataset, scale_store.Store]) -> None:
    real_accepted, real_issues = _real_shares()
    engine = open_store(built[1].url)
    upr = (RecommendationRow.mechanism == "UPR") & (RecommendationRow.kind == "recommendation")
    with engine.connect() as connection:
        responses = Counter(
            dict(
                connection.execute(
                    select(RecommendationRow.response, func.count())
                    .where(upr)
                    .group_by(RecommendationRow.response)
                ).all()
            )
        )
        issues = Counter(
            dict(
                connection.execute(
                    select(RecommendationIssueRow.issue, func.count())
                    .join(RecommendationRow, RecommendationRow.id == RecommendationIssueRow.recommendation_id)
                    .where(upr)
                    .group_by(RecommendationIssueRow.issue)
                ).all()
            )
        )
    accepted = responses["Accepted"] / sum(responses.values())
    assert abs(accepted - real_accepted) < 0.04, (accepted, real_accepted)
    top_real = [issue for issue, _ in real_issues.most_common(5)]
    top_made = [issue for issue, _ in issues.most_common(12)]
    assert len(set(top_real) & set(top_made)) >= 4, (top_real, top_made)


def test_the_same_for_a_seed_and_new_for_another(
    tmp_path: Path, built: tuple[scale_data.Dataset, scale_store.Store]
) -> None:
    dataset = built[0]
    again, other = tmp_path / "again", tmp_path / "other"
    again.mkdir()
    other.mkdir()
    scale_data.generate(again, RECORDS)
    scale_data.generate(other, RECORDS, seed=scale_data.DEFAULT_SEED + 1)
    for path in dataset.paths:
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name
    first = dataset.upr_files[0].name
    assert (other / first).read_bytes() != (again / first).read_bytes()
