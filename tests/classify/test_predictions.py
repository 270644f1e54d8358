from pathlib import Path

import pytest
from sqlalchemy import func, select

from rightstrack import config
from rightstrack.classify.models import trained_models
from rightstrack.classify.predictions import predict_untagged
from rightstrack.ingest.pipeline import ingest_paths
from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import Dimension, SearchQuery
from rightstrack.store.database import open_store
from rightstrack.store.schema import RecommendationIssueRow, RecommendationRow

HEADER = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session"


@pytest.mark.models
def test_documents_get_predictions_apart_from_human_coding(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    row = 'Slovenia,EEG,EU,"Ratify the Convention on Migrant Workers",Egypt,Africa,AU,Noted,5,Migrants,48'
    export.write_bytes(f"{HEADER}\r{row}\r".encode("mac_roman"))
    engine = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    ingest_paths(engine, [export, config.data_dir() / "ohchr-documents" / "slovenia" / "cycle4"])
    models = trained_models()
    first = predict_untagged(engine, models)
    assert first.records == 254 and first.issues >= 254 and first.model == models.version
    assert predict_untagged(engine, models).records == 0  # the same model again: nothing to do

    with engine.connect() as connection:
        human = connection.execute(
            select(
                RecommendationIssueRow.issue,
                RecommendationIssueRow.coding,
                RecommendationRow.prediction_model,
            )
            .join(RecommendationRow, RecommendationRow.id == RecommendationIssueRow.recommendation_id)
            .where(RecommendationRow.text == "Ratify the Convention on Migrant Workers")
        ).all()
        assert [tuple(row) for row in human] == [("Migrants", "human", None)]
        scores = connection.execute(
            select(func.min(RecommendationIssueRow.score), func.max(RecommendationIssueRow.score)).where(
                RecommendationIssueRow.coding == "predicted"
            )
        ).one()
        assert 0 < scores[0] <= scores[1] <= 1

    search = SearchEngine(engine)
    children = search.search(SearchQuery.build("", {"predicted_issue": ["Rights of the Child"]}))
    assert 0 < children.total < 254
    # No person coded the issue: what the issue filter finds, it finds through OHCHR's themes
    # (the theme mapping), each hit marked so, and never through the model's predictions.
    by_issue = search.search(SearchQuery.build("", {"issue": ["Rights of the Child"]}))
    assert by_issue.total == by_issue.mapped[Dimension.ISSUE].records
    assert by_issue.mapped[Dimension.ISSUE].through is Dimension.THEME
    assert all(hit.matched_through_mapping == ("issue",) for hit in by_issue.hits)
    human_issues = {v.value for v in children.facets[Dimension.ISSUE]}
    assert human_issues <= {"Migrants"}
    sources = search.sources(children.hits[0].id)
    assert sources.prediction is not None and sources.prediction.model == models.version
    assert "Rights of the Child" in [issue for issue, _ in sources.prediction.issues]
    assert sources.prediction.action in range(1, 6)
    engine.dispose()
