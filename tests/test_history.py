"""Every change is kept; nothing is deleted physically; concurrent edits are detected."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select

from rightstrack.errors import StaleEdit
from rightstrack.history import history
from rightstrack.store.tracking_schema import MeasureRow
from rightstrack.tracking.inputs import MeasureChange, NewMeasure
from rightstrack.tracking.measures import MEASURES, create_measure, update_measure
from rightstrack.tracking.plans import CLUSTERS, delete_item, move_recommendation, restore_item
from rightstrack.tracking.views import plan_view
from tests.conftest import Team


def test_two_editors_of_one_version_cannot_overwrite_each_other(slovenia_store: Engine, team: Team) -> None:
    with slovenia_store.begin() as connection:
        measure = create_measure(
            connection, team.owner, team.plan_id, NewMeasure(title="Legal aid", lead_agency_id=team.justice)
        )
    # both load version 1; the owner saves first, the agency second
    with slovenia_store.begin() as connection:
        update_measure(
            connection, team.owner, team.plan_id, measure, MeasureChange(description="Owner's text"), 1
        )
    with (
        slovenia_store.begin() as connection,
        pytest.raises(StaleEdit, match="changed by someone else") as stale,
    ):
        update_measure(
            connection, team.ministry, team.plan_id, measure, MeasureChange(description="Agency's text"), 1
        )
    assert stale.value.current["description"] == "Owner's text"
    with slovenia_store.connect() as connection:
        stored = connection.execute(
            select(MeasureRow.description, MeasureRow.version).where(MeasureRow.id == measure)
        ).one()
    assert tuple(stored) == ("Owner's text", 2)


def test_history_says_who_changed_what_when(slovenia_store: Engine, team: Team) -> None:
    with slovenia_store.begin() as connection:
        measure = create_measure(
            connection, team.owner, team.plan_id, NewMeasure(title="Legal aid", lead_agency_id=team.justice)
        )
        update_measure(
            connection, team.ministry, team.plan_id, measure, MeasureChange(expected_outcome="More grants"), 1
        )
        changes = history(connection, team.plan_id, "measures", measure)
    assert [(c.action, c.user) for c in changes] == [("update", "Ministry"), ("create", "Owner")]
    assert changes[0].changed_fields() == {"expected_outcome": ("", "More grants")}
    assert (
        changes[1].before is None
        and changes[1].after is not None
        and changes[1].after["title"] == "Legal aid"
    )
    with slovenia_store.connect() as connection:
        plan_changes = history(connection, team.plan_id)
    assert {"plans", "plan_members", "agencies", "plan_clusters", "measures"} <= {
        c.entity for c in plan_changes
    }


def test_deleting_hides_and_restoring_brings_back(slovenia_store: Engine, team: Team) -> None:
    with slovenia_store.connect() as connection:
        cluster = plan_view(connection, team.plan_id, team.owner).clusters[0]
    with slovenia_store.begin() as connection:
        delete_item(connection, team.owner, team.plan_id, CLUSTERS, int(cluster.id or 0), cluster.version)
        view = plan_view(connection, team.plan_id, team.owner)
    assert cluster.id not in [c.id for c in view.clusters]
    unclustered = next(c for c in view.clusters if c.id is None)
    assert set(cluster.recommendation_ids) <= set(unclustered.recommendation_ids)  # nothing lost with it
    with slovenia_store.begin() as connection:
        restore_item(connection, team.owner, team.plan_id, CLUSTERS, int(cluster.id or 0))
        view = plan_view(connection, team.plan_id, team.owner)
        actions = [c.action for c in history(connection, team.plan_id, "plan_clusters", cluster.id)]
    assert (
        next(c for c in view.clusters if c.id == cluster.id).recommendation_ids == cluster.recommendation_ids
    )
    assert actions[:2] == ["restore", "delete"]


def test_moving_a_recommendation_to_another_cluster_is_an_edit(slovenia_store: Engine, team: Team) -> None:

    with slovenia_store.connect() as connection:
        view = plan_view(connection, team.plan_id, team.owner)
    source, target = view.clusters[0], view.clusters[1]
    record = view.recommendations[source.recommendation_ids[0]]
    with slovenia_store.begin() as connection:
        move_recommendation(connection, team.owner, team.plan_id, record.link_id, record.version, target.id)
        moved = plan_view(connection, team.plan_id, team.owner)
    assert record.id in next(c for c in moved.clusters if c.id == target.id).recommendation_ids
    with slovenia_store.begin() as connection, pytest.raises(StaleEdit):
        move_recommendation(connection, team.owner, team.plan_id, record.link_id, record.version, source.id)


def test_a_deleted_measure_stays_in_the_store(slovenia_store: Engine, team: Team) -> None:
    from rightstrack.tracking.plans import delete_item as delete

    with slovenia_store.begin() as connection:
        measure = create_measure(connection, team.owner, team.plan_id, NewMeasure(title="Temporary"))
        delete(connection, team.owner, team.plan_id, MEASURES, measure, 1)
        assert measure not in plan_view(connection, team.plan_id, team.owner).measures
        assert connection.scalar(select(MeasureRow.deleted_at).where(MeasureRow.id == measure)) is not None


def test_simultaneous_edits_in_two_transactions_keep_one_and_refuse_the_other(
    slovenia_store: Engine, team: Team
) -> None:
    """Both editors read version 1 and write at the same moment, each in its own transaction:
    the database serialises the writes and the second finds the version gone."""
    import threading

    with slovenia_store.begin() as connection:
        measure = create_measure(connection, team.owner, team.plan_id, NewMeasure(title="Legal aid"))
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def edit(user_name: str, user: object) -> None:
        try:
            with slovenia_store.begin() as connection:
                barrier.wait(timeout=10)
                update_measure(
                    connection, user, team.plan_id, measure, MeasureChange(description=user_name), 1
                )  # type: ignore[arg-type]
            outcomes[user_name] = "saved"
        except StaleEdit:
            outcomes[user_name] = "refused"

    threads = [
        threading.Thread(target=edit, args=("owner", team.owner)),
        threading.Thread(target=edit, args=("admin", team.admin)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes.values()) == ["refused", "saved"]
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    with slovenia_store.connect() as connection:
        stored = connection.execute(
            select(MeasureRow.description, MeasureRow.version).where(MeasureRow.id == measure)
        ).one()
    assert tuple(stored) == (winner, 2)
