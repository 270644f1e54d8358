"""What the tracking API answers: sign-in, plans with their parts, dashboards, progress, history.

Answers only (request bodies are declared beside their routes). Checked against real answers by
``tests/web/test_openapi.py``; the routes send orjson answers built as before.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import Field

from rightstrack.domain import Implementation, ProgressStatus
from rightstrack.web.api_models import CYCLE, RESPONSE, Out

GOVERNMENT_STATUS = (
    'The government\'s status, from its measures: "no measure", "not started", "in progress", '
    '"delayed" or "completed".'
)
COUNTS = (
    'Recommendations (or measures) by status: "no measure", "not started", "in progress" … (zeros left out).'
)


class UserOut(Out):
    id: int
    username: str
    display_name: str
    is_admin: bool
    email: str | None
    elections_editor: bool = Field(description="May edit Council candidates' pledges and pledging events.")


class SignedInOut(Out):
    token: str = Field(description="Send back as ``Authorization: Bearer <token>``.")
    expires_in: int = Field(description="Seconds the token stays valid.")
    user: UserOut


class SignedOutOut(Out):
    signed_out: bool


class CreatedOut(Out):
    id: int = Field(description="The new item's id.")


class PlanSummaryOut(Out):
    id: int
    title: str
    state: str = Field(description="The state's name.")
    cycles: list[int] = Field(description="UPR cycles whose recommendations the plan answers.")
    published: bool = Field(description="Whether everyone may read it.")
    member: bool = Field(description="Whether the reader is a member of the plan.")


class PlansOut(Out):
    plans: list[PlanSummaryOut]


class PlanStateOut(Out):
    code: str = Field(description="ISO alpha-3 code.")
    name: str


class PlanClusterOut(Out):
    id: int | None = Field(description='None for "Not clustered", the recommendations in no cluster.')
    name: str
    version: int
    recommendation_ids: list[int]


class AssessmentOut(Out):
    id: int
    organisation: str = Field(description="The assessor's organisation (an NHRI, an NGO).")
    status: Implementation
    sources: str
    comment: str
    assessed_on: date
    author_id: int
    version: int


class PlanRecommendationOut(Out):
    id: int = Field(description="The record's id in the store.")
    link_id: int = Field(description="Its row in the plan.")
    version: int = Field(description="The version of that row (for moving it between clusters).")
    cluster_id: int | None
    text: str
    response: str | None = Field(description=RESPONSE)
    session: int
    cycle: int = Field(description=CYCLE)
    paragraph: str | None
    recommenders: list[str] = Field(description="Recommending states' names.")
    issues: list[str]
    sdgs: list[str] = Field(description="Sustainable Development Goals the OHCHR matrix links it to.")
    measure_ids: list[int] = Field(description="Measures that answer it.")
    assessments: list[AssessmentOut]
    overlaps: list[tuple[int, int | None, float]] = Field(
        description="[other recommendation's id, its cycle (None outside the UPR), similarity 0–1]."
    )
    status: str = Field(description=GOVERNMENT_STATUS)


class AgencyOut(Out):
    id: int
    name: str


class MeasureOut(Out):
    id: int
    version: int
    title: str
    description: str
    lead_agency_id: int | None
    supporting_agency_ids: list[int]
    start_date: date | None
    target_date: date | None
    budget: float | None
    currency: str = Field(description="ISO 4217 code, or empty.")
    expected_outcome: str
    status: ProgressStatus
    recommendation_ids: list[int]
    indicator_ids: list[int]


class IndicatorOut(Out):
    id: int
    version: int
    name: str
    unit: str
    baseline: float | None
    target: float | None
    due_date: date | None
    current_value: float | None = Field(description="The value of the latest progress report.")
    status: ProgressStatus
    measure_ids: list[int]
    recommendation_ids: list[int]


class MemberOut(Out):
    id: int
    user_id: int
    username: str
    display_name: str
    role: str = Field(description='"owner", "contributor" or "assessor".')
    agency_id: int | None = Field(description="A contributor's agency.")
    organisation: str | None = Field(description="An assessor's organisation.")


class PlanOut(Out):
    id: int
    version: int = Field(
        description="Send it back with a change (409 if someone changed the plan meanwhile)."
    )
    title: str
    state: PlanStateOut
    cycles: list[int]
    description: str
    published: bool
    your_role: str | None = Field(
        description='"owner", "contributor", "assessor", "admin", or None for a reader of a published plan.'
    )
    clusters: list[PlanClusterOut]
    recommendations: list[PlanRecommendationOut]
    agencies: list[AgencyOut]
    measures: list[MeasureOut]
    indicators: list[IndicatorOut]
    members: list[MemberOut] = Field(description="Shown to members only; empty for other readers.")


class MeasureRowOut(Out):
    """A measure's stored row after a change."""

    id: int
    plan_id: int
    title: str
    description: str
    lead_agency_id: int | None
    start_date: date | None
    target_date: date | None
    budget: float | None
    currency: str
    expected_outcome: str
    status: ProgressStatus
    version: int
    deleted_at: datetime | None


class AssessmentRowOut(Out):
    """An assessment's stored row after a change."""

    id: int
    plan_id: int
    recommendation_id: int
    author_id: int
    organisation: str
    status: Implementation
    sources: str
    comment: str
    assessed_on: date
    version: int
    deleted_at: datetime | None


class StatusCountsOut(Out):
    label: str = Field(description='The cluster, issue, SDG or agency (or "overall").')
    counts: dict[str, int] = Field(description=COUNTS)


class AgreementOut(Out):
    government: str = Field(description=GOVERNMENT_STATUS)
    assessor: Implementation = Field(description="An assessor's latest finding.")
    recommendations: int


class MonthOut(Out):
    month: date = Field(description="The month's last day.")
    measures: dict[str, int] = Field(description="Measures by status at the month's end.")


class DashboardOut(Out):
    by_cluster: list[StatusCountsOut]
    by_issue: list[StatusCountsOut]
    by_sdg: list[StatusCountsOut]
    by_agency: list[StatusCountsOut]
    overall: StatusCountsOut
    overdue_measures: list[MeasureOut]
    overdue_indicators: list[IndicatorOut]
    due_soon_measures: list[MeasureOut] = Field(description="Due within 30 days.")
    due_soon_indicators: list[IndicatorOut]
    timeline: list[MonthOut]
    agreement: list[AgreementOut] = Field(
        description="The government's status beside each assessor's finding."
    )


class ProgressReportOut(Out):
    id: int
    subject: str = Field(description='"measure" or "indicator".')
    subject_id: int
    status: ProgressStatus
    narrative: str
    value: float | None = Field(description="An indicator's value.")
    evidence_links: list[str]
    author: str
    reported_on: date
    files: list[tuple[int, str]] = Field(description="[evidence file id, file name] pairs.")


class ProgressListOut(Out):
    progress: list[ProgressReportOut] = Field(description="Newest first.")


class ChangeOut(Out):
    id: int
    plan_id: int | None
    entity: str = Field(description='The table changed: "measures", "assessments" …')
    entity_id: int
    action: str = Field(description='"create", "update", "delete", "restore", "link" or "unlink".')
    user_id: int | None
    user: str | None = Field(description="Display name of who made the change.")
    at: datetime = Field(description="When, in UTC.")
    # Free-form on purpose: the row of whichever table changed, as it was stored.
    before: dict[str, Any] | None = Field(description="The row before the change (None for a creation).")
    after: dict[str, Any] | None = Field(description="The row after the change (None for an unlink).")


class HistoryOut(Out):
    changes: list[ChangeOut] = Field(description="Newest first, at most 1000.")
