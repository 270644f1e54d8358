"""What the API answers about states and statistics: lists, profiles, timelines, clusters, figures.

Declared for the OpenAPI schema and checked against real answers by ``tests/web/test_openapi.py``;
the routes send orjson answers built as before (see :mod:`rightstrack.web.api_models`).
"""

from __future__ import annotations

from pydantic import Field

from rightstrack.analysis.stats import Basis
from rightstrack.domain import RegionalGroup
from rightstrack.search.query import Dimension
from rightstrack.web.api_models import CYCLE, SHARE, Out

ACCEPTANCE = "Accepted ÷ (accepted + noted), " + SHARE + " None where none was answered."


class StateCountsOut(Out):
    code: str = Field(description="ISO 3166-1 alpha-3 code.")
    name: str
    regional_group: str | None = Field(
        description='UN regional group ("African", "Asia-Pacific", "Eastern European", "GRULAC", "WEOG"), '
        'or "Observer"; None for a code the reference does not know.'
    )
    records_received: int = Field(description="Records the state received as state under review.")
    records_recommended: int = Field(description="Records the state made as recommending state.")


class StateOut(Out):
    code: str = Field(description="ISO 3166-1 alpha-3 code.")
    name: str
    regional_group: RegionalGroup | None = Field(description="UN regional group; None for observer states.")
    un_status: str = Field(description='"member" or "observer".')


class BreakdownRowOut(Out):
    value: str = Field(description="The dimension's value (the filter to narrow a search to it).")
    label: str
    count: int
    share: float = Field(description="Of all units in the selection, " + SHARE)
    accepted: int
    noted: int
    acceptance_rate: float | None = Field(description=ACCEPTANCE)


class BreakdownOut(Out):
    dimension: Dimension
    basis: Basis = Field(
        description='"rows": one per recommending state; "records": a joint recommendation once.'
    )
    total: int
    rows: list[BreakdownRowOut]


class AsStateUnderReviewOut(Out):
    recommendations: int = Field(description="UPR recommendations received (records).")
    recommendation_rows: int = Field(description="The same, one per recommending state.")
    pledges: int = Field(description="Voluntary pledges made at its reviews.")
    acceptance_rate: float | None = Field(description=ACCEPTANCE)
    by_cycle: BreakdownOut
    by_response: BreakdownOut
    by_action: BreakdownOut
    by_issue: BreakdownOut
    by_recommending_group: BreakdownOut


class AsRecommendingStateOut(Out):
    rows: int = Field(description="UPR recommendations it made (one per state it made them to).")
    acceptance_rate: float | None = Field(description=ACCEPTANCE)
    by_cycle: BreakdownOut
    by_sur_group: BreakdownOut
    by_sur: BreakdownOut
    by_issue: BreakdownOut


class TimelineEntryOut(Out):
    """One document the store holds records of: a UPR review, a concluding observation, a visit."""

    date: str = Field(
        description='At the precision the data has: "2010-11" (a UPR session), "2023-05-12", "2023".'
    )
    mechanism: str
    body: str
    symbol: str | None = Field(description="UN document symbol (a UPR review: its Working Group report).")
    session: int | None = Field(description="The UPR session; None for other mechanisms.")
    cycle: int | None = Field(description=CYCLE)
    records: int
    by_kind: dict[str, int] = Field(description='Records by kind: "recommendation", "pledge", "concern" …')
    url: str | None = Field(description="The UN's copy of the document.")


class ReviewDocumentOut(Out):
    role: str = Field(
        description='"report" (the Working Group\'s), "addendum" (the state\'s views), "national-report", '
        '"compilation" (UN information), "stakeholders" (their summary).'
    )
    symbol: str = Field(description="UN document symbol.")
    url: str = Field(description="The UN's copy of the document.")
    read: bool = Field(description="The store holds records read from this document.")


class ReviewOut(Out):
    """One UPR review of the state."""

    cycle: int = Field(description=CYCLE)
    session: int = Field(description="The Working Group session.")
    date: str = Field(description='The review\'s day ("2025-01-28"), or the session\'s month ("2010-02").')
    date_is_session_month: bool = Field(description="No report in the data gives the day.")
    documents: list[ReviewDocumentOut]
    responses: dict[str, int] = Field(
        description='Recommendations by response ("none": no response recorded).'
    )
    recommendations: int
    pledges: int
    sources: list[str] = Field(description='Kinds of sources its records were read from ("wg-report" …).')


class CycleReviewsOut(Out):
    cycle: int = Field(description=CYCLE)
    sessions: list[int] = Field(description="The cycle's first and last session.")
    years: list[int] = Field(description="The cycle's first and last year.")
    reviews: list[ReviewOut] = Field(description="Empty where the store holds no data of this cycle.")


class StateProfileOut(Out):
    state: StateOut
    organisations: list[str] = Field(description="Organisations the state belongs to (EU, OIC, AU …).")
    as_state_under_review: AsStateUnderReviewOut
    as_recommending_state: AsRecommendingStateOut
    reviews: list[CycleReviewsOut] = Field(description="Every UPR cycle, oldest first, with its reviews.")
    timeline: list[TimelineEntryOut] = Field(description="Newest first.")
    data_ends: dict[str, str] = Field(description="Mechanism → the last date the store's data for it covers.")
    notes: list[str] = Field(description="Where the data ends, and how to fetch more.")


class ClusterOut(Out):
    name: str
    issue: str | None = Field(description="The issue the cluster was formed by; None for a split by text.")
    ids: list[int] = Field(description="The recommendations' ids.")
    accepted: int
    noted: int
    terms: list[str] = Field(description="The cluster's most telling words.")
    examples: list[str] = Field(description="A few of its recommendations' texts.")
    predicted: bool = Field(description="The issue is a model's prediction (records no person coded).")
    size: int


class ClustersOut(Out):
    state: str = Field(description="ISO alpha-3 code.")
    cycle: int = Field(description=CYCLE)
    clusters: list[ClusterOut]


class HeadlineOut(Out):
    basis: Basis
    count: int = Field(description="Units the search selects.")
    universe: int = Field(description="Units of the same type in the whole store.")
    accepted_rate: float | None = Field(description=ACCEPTANCE)
    by_recommending_group: dict[str, float] = Field(description="Regional group → share of the units.")
    by_sur_group: dict[str, float] = Field(description="Regional group → share of the units.")
    made_by_north_west: float = Field(
        description="Share of the units with a recommending state of WEOG, EEG or GRULAC (a joint "
        "recommendation once, however many of these groups made it)."
    )
    addressed_to_africa_asia: float = Field(
        description="Share of the units addressed to a state of the African or Asia-Pacific group."
    )
    share_of_universe: float = Field(description="count ÷ universe, " + SHARE)


class BasisStatsOut(Out):
    label: str = Field(description="The basis in words.")
    headline: HeadlineOut
    breakdowns: list[BreakdownOut] = Field(description="One per ``by`` dimension, in the order asked.")


class StatsOut(Out):
    """One entry per ``basis`` asked for (both by default)."""

    rows: BasisStatsOut | None = Field(None, description="Counting one unit per recommending state.")
    records: BasisStatsOut | None = Field(None, description="Counting a joint recommendation once.")


class CrosstabOut(Out):
    rows: Dimension
    columns: Dimension
    basis: Basis
    row_labels: list[str]
    column_labels: list[str]
    counts: list[list[int]] = Field(
        description="counts[i][j]: units with row_labels[i] and column_labels[j]."
    )


class TableCellOut(Out):
    count: int = Field(description="Units with the row's value in this column.")
    accepted: int = Field(description="Of them, accepted.")
    noted: int = Field(description="Of them, noted.")
    value: float | None = Field(
        description="What ``measure`` asks: the count, its share (of the row's units in a cross-table, "
        "of the column's otherwise), or the acceptance rate (None where nothing was answered)."
    )


class TableRowOut(Out):
    value: str = Field(description="The row dimension's value (the filter to narrow a search to it).")
    label: str
    total: int = Field(description="Units with this value (a unit counts once, whatever its columns).")
    cells: list[TableCellOut] = Field(description="One per column, in the order of ``columns``.")


class TableColumnOut(Out):
    value: str = Field(
        description="The column dimension's value; in a comparison, ``dimension:value`` of the compared "
        "selection; empty for a single breakdown's one column."
    )
    label: str
    total: int = Field(description="Units in this column.")


class StatTableOut(Out):
    rows_dimension: Dimension = Field(description="``by``.")
    columns_dimension: Dimension | None = Field(
        description="``split``; None for one dimension or a comparison."
    )
    compared: bool = Field(description="Whether the columns are the compared selections (``compare``).")
    basis: Basis
    measure: str = Field(description='"count", "share" or "accepted".')
    total: int = Field(description="Units counted (the compared selections' units added up).")
    omitted: int = Field(description="Row values left out below the largest ``top``.")
    columns: list[TableColumnOut]
    rows: list[TableRowOut]
