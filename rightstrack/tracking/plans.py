"""Plans: a state's recommendations of chosen cycles, grouped into clusters, with agencies and
members. The clusters start from the thematic clustering of ``analysis.clusters``; people edit them.
"""

from __future__ import annotations

import numpy as np
from sqlalchemy import Engine, Table, delete, insert, select
from sqlalchemy.engine import Connection

from rightstrack.accounts import User
from rightstrack.analysis.clusters import clusters_of
from rightstrack.domain import ACCEPTING, PlanRole, RecordKind, Response
from rightstrack.errors import Forbidden, InvalidInput, NotFound
from rightstrack.history import Recorder, now
from rightstrack.limits import MAX_ID, check_id, check_row
from rightstrack.reference.states import UnknownStateError, resolve_state
from rightstrack.store.schema import RecommendationRow
from rightstrack.store.tracking_schema import (
    AgencyRow,
    PlanClusterRow,
    PlanMemberRow,
    PlanOverlapRow,
    PlanRecommendationRow,
    PlanRow,
    UserRow,
)
from rightstrack.tracking.access import plan_access
from rightstrack.tracking.inputs import NewAgency, NewMember, NewPlan, PlanChange

PLANS: Table = PlanRow.__table__  # type: ignore[assignment]
MEMBERS: Table = PlanMemberRow.__table__  # type: ignore[assignment]
AGENCIES: Table = AgencyRow.__table__  # type: ignore[assignment]
CLUSTERS: Table = PlanClusterRow.__table__  # type: ignore[assignment]
PLAN_RECOMMENDATIONS: Table = PlanRecommendationRow.__table__  # type: ignore[assignment]

# Cosine similarity of TF-IDF vectors above which two recommendations to one state are the same
# request made again (e.g. "ratify the Optional Protocol …" in cycles 2, 3 and 4). Measured on
# Slovenia's four reviews: from 0.45 up the pairs read as the same request.
OVERLAP_SIMILARITY = 0.45
# The UN's stock phrasing says how, not what: "redouble efforts to combat trafficking" and
# "redouble efforts to combat hate speech" are different requests.
STOCK_PHRASING = frozenset(
    [
        "continue",
        "strengthen",
        "redouble",
        "ensure",
        "take",
        "adopt",
        "consider",
        "efforts",
        "measures",
        "steps",
        "step",
        "necessary",
        "further",
        "including",
        "particular",
        "particularly",
        "promote",
        "effective",
        "effectively",
        "appropriate",
        "implement",
        "implementation",
        "national",
        "intensify",
        "pursue",
        "enhance",
        "increase",
        "guarantee",
        "relevant",
        "undertake",
        "all",
        "forms",
        "combat",
        "improve",
        "accordance",
        "view",
    ]
)


def _cycles_text(cycles: tuple[int, ...]) -> str:
    return ",".join(str(c) for c in sorted(set(cycles)))


def plan_cycles(value: str) -> list[int]:
    return [int(part) for part in value.split(",") if part]


def create_plan(engine: Engine, user: User, draft: NewPlan) -> int:
    """A new plan owned by ``user``, holding the state's accepted recommendations of the cycles,
    grouped into the proposed thematic clusters (unless ``draft.propose_clusters`` is false),
    with repeated recommendations linked."""
    try:
        state = resolve_state(draft.state)
    except UnknownStateError:
        raise InvalidInput("state", f"unknown state {draft.state!r}") from None
    cycles = _cycles_text(draft.cycles)
    title = draft.title or f"{state.name}: implementation of UPR cycle {cycles.replace(',', ' and ')}"
    check_row(PLANS, {"title": title})  # the title made when none is given
    responses = ACCEPTING + ((Response.NOTED.value,) if draft.include_noted else ())
    with engine.connect() as connection:
        ids = list(
            connection.scalars(
                select(RecommendationRow.id)
                .where(
                    RecommendationRow.sur_code == state.code,
                    RecommendationRow.cycle.in_(plan_cycles(cycles)),
                    RecommendationRow.kind == RecordKind.RECOMMENDATION.value,
                    RecommendationRow.response.in_(responses),
                )
                .order_by(RecommendationRow.id)
            )
        )
    proposed = clusters_of(engine, ids) if draft.propose_clusters else []
    with engine.begin() as connection:
        recorder = Recorder(connection, user.id)
        plan_id = recorder.insert(
            PLANS,
            {
                "state_code": state.code,
                "title": title,
                "cycles": cycles,
                "description": draft.description,
                "published": False,
                "created_by": user.id,
                "created_at": now(),
            },
        )
        recorder.plan_id = plan_id
        recorder.insert(MEMBERS, {"plan_id": plan_id, "user_id": user.id, "role": PlanRole.OWNER.value})
        cluster_of: dict[int, int] = {}
        for position, cluster in enumerate(proposed):
            cluster_id = recorder.insert(
                CLUSTERS, {"plan_id": plan_id, "name": cluster.name, "position": position}
            )
            cluster_of.update({record_id: cluster_id for record_id in cluster.ids})
        if ids:
            connection.execute(
                insert(PLAN_RECOMMENDATIONS),
                [{"plan_id": plan_id, "recommendation_id": i, "cluster_id": cluster_of.get(i)} for i in ids],
            )
        link_overlaps(connection, plan_id)
    return plan_id


def plan_recommendation_ids(connection: Connection, plan_id: int) -> list[int]:
    return list(
        connection.scalars(
            select(PlanRecommendationRow.recommendation_id)
            .where(PlanRecommendationRow.plan_id == plan_id, PlanRecommendationRow.deleted_at.is_(None))
            .order_by(PlanRecommendationRow.recommendation_id)
        )
    )


def link_overlaps(connection: Connection, plan_id: int) -> int:
    """Links each recommendation of the plan to the state's other recommendations (any cycle, any
    mechanism in the store) that ask the same; returns how many links the plan now has."""
    state_code = connection.scalar(select(PlanRow.state_code).where(PlanRow.id == plan_id))
    in_plan = set(plan_recommendation_ids(connection, plan_id))
    rows = connection.execute(
        select(RecommendationRow.id, RecommendationRow.text)
        .where(
            RecommendationRow.sur_code == state_code,
            RecommendationRow.kind == RecordKind.RECOMMENDATION.value,
        )
        .order_by(RecommendationRow.id)
    ).all()
    connection.execute(delete(PlanOverlapRow).where(PlanOverlapRow.plan_id == plan_id))
    if not in_plan or len(rows) < 2:
        return 0
    # scikit-learn (seconds to import) only where a plan is grouped, not in every server.
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    stop_words = sorted(ENGLISH_STOP_WORDS | STOCK_PHRASING)
    vectors = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words=stop_words).fit_transform(
        [row.text for row in rows]
    )
    ids = np.array([row.id for row in rows])
    chosen = np.array([i for i, row in enumerate(rows) if row.id in in_plan])
    similarity = (vectors[chosen] @ vectors.T).toarray()
    links = []
    for position, row_index in enumerate(chosen):
        similarity[position, row_index] = 0.0
        for other in np.flatnonzero(similarity[position] >= OVERLAP_SIMILARITY):
            links.append(
                {
                    "plan_id": plan_id,
                    "recommendation_id": int(ids[row_index]),
                    "other_id": int(ids[other]),
                    "similarity": round(float(similarity[position, other]), 4),
                }
            )
    if links:
        connection.execute(insert(PlanOverlapRow), links)
    return len(links)


def update_plan(
    connection: Connection,
    user: User | None,
    plan_id: int,
    change: PlanChange,
    version: int,
) -> None:
    """Applies the fields ``change`` gives (not null: a null field stays as it is)."""
    access = plan_access(connection, plan_id, user)
    access.require_manager()
    values = {name: value for name, value in change.changes().items() if value is not None}
    access.recorder(connection).update(PLANS, plan_id, version, values)


def delete_plan(connection: Connection, user: User | None, plan_id: int, version: int) -> None:
    access = plan_access(connection, plan_id, user)
    access.require_manager()
    access.recorder(connection).delete(PLANS, plan_id, version)


def restore_plan(connection: Connection, user: User, plan_id: int) -> None:
    """Only an administrator brings back a deleted plan (its owner no longer sees it)."""
    if not user.is_admin:
        raise Forbidden("only an administrator restores a deleted plan")
    Recorder(connection, user.id, plan_id).restore(PLANS, plan_id)


def add_agency(connection: Connection, user: User | None, plan_id: int, agency: NewAgency) -> int:
    access = plan_access(connection, plan_id, user)
    access.require_manager()
    existing = connection.scalar(
        select(AgencyRow.id).where(
            AgencyRow.plan_id == plan_id, AgencyRow.name == agency.name, AgencyRow.deleted_at.is_(None)
        )
    )
    if existing is not None:
        raise InvalidInput("name", f"the plan already has an agency {agency.name!r}")
    return access.recorder(connection).insert(
        AGENCIES, {"plan_id": plan_id, "name": agency.name, "kind": agency.kind}
    )


def _managed(
    connection: Connection, user: User | None, plan_id: int, table: Table, entity_id: int
) -> Recorder:
    """The recorder of an owner's change to ``entity_id`` of ``table``, once the user is known to
    manage the plan and the row to be part of it (a row of another plan is not found)."""
    access = plan_access(connection, plan_id, user)
    access.require_manager()
    _owned(connection, table, entity_id, plan_id)
    return access.recorder(connection)


def _owned(connection: Connection, table: Table, entity_id: int, plan_id: int) -> None:
    in_range = 1 <= entity_id <= MAX_ID  # a larger id names no row, and SQLite cannot look it up
    found = connection.scalar(select(table.c.plan_id).where(table.c.id == entity_id)) if in_range else None
    if found != plan_id:
        raise NotFound(f"{table.name} {entity_id} is not part of plan {plan_id}")


def rename_item(
    connection: Connection,
    user: User | None,
    plan_id: int,
    table: Table,
    entity_id: int,
    version: int | None,
    name: str,
) -> dict[str, object]:
    """An owner's new name for one of the plan's agencies or clusters."""
    if table is not CLUSTERS and table is not AGENCIES:
        raise InvalidInput("entity", f"{table.name} has no name to change")
    name = name.strip()
    if not name:
        raise InvalidInput("name", "must not be empty")
    recorder = _managed(connection, user, plan_id, table, entity_id)
    check_row(table, {"name": name})
    return recorder.update(table, entity_id, version, {"name": name})


def move_recommendation(
    connection: Connection, user: User | None, plan_id: int, link_id: int, version: int | None, into: int
) -> dict[str, object]:
    """An owner's move of a plan recommendation into another live cluster of the same plan."""
    recorder = _managed(connection, user, plan_id, PLAN_RECOMMENDATIONS, link_id)
    check_row(PLAN_RECOMMENDATIONS, {"cluster_id": into})  # SQLite cannot bind an id over 2⁶³
    cluster = connection.execute(
        select(PlanClusterRow.plan_id, PlanClusterRow.deleted_at).where(PlanClusterRow.id == into)
    ).first()
    if cluster is None or cluster.plan_id != plan_id:
        raise InvalidInput("cluster_id", f"plan {plan_id} has no cluster {into}")
    if cluster.deleted_at is not None:
        raise InvalidInput("cluster_id", f"cluster {into} was deleted: restore it first")
    return recorder.update(PLAN_RECOMMENDATIONS, link_id, version, {"cluster_id": into})


def delete_item(
    connection: Connection, user: User | None, plan_id: int, table: Table, entity_id: int, version: int | None
) -> None:
    _managed(connection, user, plan_id, table, entity_id).delete(table, entity_id, version)


def restore_item(
    connection: Connection, user: User | None, plan_id: int, table: Table, entity_id: int
) -> None:
    _managed(connection, user, plan_id, table, entity_id).restore(table, entity_id)


def add_cluster(connection: Connection, user: User | None, plan_id: int, name: str) -> int:
    access = plan_access(connection, plan_id, user)
    access.require_manager()
    if not name.strip():
        raise InvalidInput("name", "a cluster needs a name")
    position = connection.scalar(
        select(PlanClusterRow.position)
        .where(PlanClusterRow.plan_id == plan_id)
        .order_by(PlanClusterRow.position.desc())
        .limit(1)
    )
    return access.recorder(connection).insert(
        CLUSTERS, {"plan_id": plan_id, "name": name.strip(), "position": (position or 0) + 1}
    )


def add_recommendation(
    connection: Connection, user: User | None, plan_id: int, recommendation_id: int
) -> int:
    """Adds a recommendation of the plan's state (e.g. a noted one), or brings back a removed one."""
    access = plan_access(connection, plan_id, user)
    access.require_manager()
    check_id("recommendation_id", recommendation_id)
    plan = connection.execute(select(PlanRow.state_code).where(PlanRow.id == plan_id)).one()
    sur = connection.scalar(
        select(RecommendationRow.sur_code).where(RecommendationRow.id == recommendation_id)
    )
    if sur is None:
        raise InvalidInput("recommendation", f"recommendation {recommendation_id} does not exist")
    if sur != plan.state_code:
        raise InvalidInput("recommendation", f"recommendation {recommendation_id} was made to another state")
    existing = connection.execute(
        select(PlanRecommendationRow.id, PlanRecommendationRow.deleted_at).where(
            PlanRecommendationRow.plan_id == plan_id,
            PlanRecommendationRow.recommendation_id == recommendation_id,
        )
    ).first()
    recorder = access.recorder(connection)
    if existing is not None:
        if existing.deleted_at is not None:
            recorder.restore(PLAN_RECOMMENDATIONS, existing.id)
        return int(existing.id)
    entity_id = recorder.insert(
        PLAN_RECOMMENDATIONS, {"plan_id": plan_id, "recommendation_id": recommendation_id}
    )
    link_overlaps(connection, plan_id)
    return entity_id


def add_member(connection: Connection, user: User | None, plan_id: int, new: NewMember) -> int:
    access = plan_access(connection, plan_id, user)
    access.require_manager()
    role, agency_id, organisation = new.role, new.agency_id, new.organisation
    member = connection.execute(select(UserRow.id).where(UserRow.username == new.username.lower())).first()
    if member is None:
        raise InvalidInput("username", f"no user {new.username!r}")
    if role is PlanRole.CONTRIBUTOR:
        if agency_id is None:
            raise InvalidInput("agency", "a contributor works for one of the plan's agencies")
        _owned(connection, AGENCIES, agency_id, plan_id)
    else:
        agency_id = None
    if role is PlanRole.ASSESSOR and not (organisation or "").strip():
        raise InvalidInput("organisation", "an assessor speaks for an organisation (NHRI, NGO …)")
    values = {
        "role": role.value,
        "agency_id": agency_id,
        "organisation": (organisation or "").strip() or None,
    }
    recorder = access.recorder(connection)
    existing = connection.execute(
        select(PlanMemberRow.id).where(PlanMemberRow.plan_id == plan_id, PlanMemberRow.user_id == member.id)
    ).first()
    if existing is not None:
        recorder.update(MEMBERS, existing.id, None, {**values, "deleted_at": None})
        return int(existing.id)
    return recorder.insert(MEMBERS, {"plan_id": plan_id, "user_id": member.id, **values})
