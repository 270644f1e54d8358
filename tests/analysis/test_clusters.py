from rightstrack.analysis.clusters import MAX_CLUSTERS, SPLIT_ABOVE, thematic_clusters
from rightstrack.search.engine import SearchEngine


def test_clusters_hold_every_recommendation_once(loaded: SearchEngine) -> None:
    clusters = thematic_clusters(loaded.engine, "SVN", 1)
    ids = [i for c in clusters for i in c.ids]
    assert len(ids) == len(set(ids))
    with loaded.engine.connect() as connection:
        from sqlalchemy import func, select

        from rightstrack.store.schema import RecommendationRow

        total = connection.scalar(
            select(func.count()).where(
                RecommendationRow.sur_code == "SVN",
                RecommendationRow.cycle == 1,
                RecommendationRow.kind == "recommendation",
            )
        )
    assert len(ids) == total
    assert clusters == sorted(clusters, key=lambda c: -c.size)
    assert clusters[0].issue == "Women's rights" and not clusters[0].predicted
    assert all(c.accepted + c.noted <= c.size and c.terms for c in clusters)


def test_large_clusters_are_split_by_text_and_named(loaded: SearchEngine) -> None:
    clusters = thematic_clusters(loaded.engine, "USA", 1)  # 228 rows of UPR Info: large themes
    assert len({c.issue for c in clusters}) <= MAX_CLUSTERS
    split = [c for c in clusters if ":" in c.name]
    assert split and all(c.size <= SPLIT_ABOVE * 2 for c in split)
    assert all(c.name.startswith(f"{c.issue}: ") for c in split if c.issue)


def test_no_recommendations_no_clusters(loaded: SearchEngine) -> None:
    assert thematic_clusters(loaded.engine, "SVN", 4) == []
