"""The parts of a plan as readers see them (plain dataclasses, for pages, API, reports).

Every item is built with keywords (``kw_only``): a plan view has fifteen parts, and a positional
list that long swaps two of the same type without a word from the type checker."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from rightstrack.domain import ProgressStatus
from rightstrack.tracking.access import PlanAccess


@dataclass(kw_only=True)
class Assessment:
    id: int
    organisation: str
    status: str
    sources: str
    comment: str
    assessed_on: date
    author_id: int
    version: int


@dataclass(kw_only=True)
class PlanRecommendation:
    id: int  # the record's id in the store
    link_id: int  # its row in the plan
    version: int
    cluster_id: int | None
    text: str
    response: str | None
    session: int
    cycle: int
    paragraph: str | None
    recommenders: list[str]
    issues: list[str]
    sdgs: list[str] = field(default_factory=list)
    measure_ids: list[int] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    # (other id, its cycle (None outside the UPR), similarity)
    overlaps: list[tuple[int, int | None, float]] = field(default_factory=list)
    status: str = "no measure"  # the government's, from its measures


@dataclass(kw_only=True)
class Measure:
    id: int
    version: int
    title: str
    description: str
    lead_agency_id: int | None
    supporting_agency_ids: list[int]
    start_date: date | None
    target_date: date | None
    budget: float | None
    currency: str
    expected_outcome: str
    status: str
    recommendation_ids: list[int]
    indicator_ids: list[int] = field(default_factory=list)

    def overdue(self, today: date) -> bool:
        return (
            self.target_date is not None
            and self.target_date < today
            and self.status != ProgressStatus.COMPLETED
        )


@dataclass(kw_only=True)
class Indicator:
    id: int
    version: int
    name: str
    unit: str
    baseline: float | None
    target: float | None
    due_date: date | None
    current_value: float | None
    status: str
    measure_ids: list[int]
    recommendation_ids: list[int]

    def overdue(self, today: date) -> bool:
        return self.due_date is not None and self.due_date < today and self.status != ProgressStatus.COMPLETED

    @property
    def achieved(self) -> float | None:
        """How far from baseline to target the current value has come (0–1), where both are set."""
        if (
            self.baseline is None
            or self.target is None
            or self.current_value is None
            or self.target == self.baseline
        ):
            return None
        return max(0.0, min(1.0, (self.current_value - self.baseline) / (self.target - self.baseline)))


@dataclass(kw_only=True)
class Cluster:
    id: int | None
    name: str
    version: int
    recommendation_ids: list[int]


@dataclass(kw_only=True)
class Member:
    id: int
    user_id: int
    username: str
    display_name: str
    role: str
    agency_id: int | None
    organisation: str | None


@dataclass(frozen=True, kw_only=True)
class PlanSummary:
    """A plan in the list of plans a reader may open."""

    id: int
    title: str
    state: str  # the state's name
    cycles: list[int]
    published: bool
    member: bool  # the reader is one of its members


@dataclass(kw_only=True)
class PlanView:
    id: int
    version: int
    title: str
    state_code: str
    state_name: str
    cycles: list[int]
    description: str
    published: bool
    access: PlanAccess
    clusters: list[Cluster]
    recommendations: dict[int, PlanRecommendation]
    agencies: dict[int, str]
    measures: dict[int, Measure]
    indicators: dict[int, Indicator]
    members: list[Member]

    def cluster_of(self, recommendation_id: int) -> str:
        found = self.recommendations[recommendation_id].cluster_id
        return next((c.name for c in self.clusters if c.id == found), "Not clustered")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "state": {"code": self.state_code, "name": self.state_name},
            "cycles": self.cycles,
            "description": self.description,
            "published": self.published,
            "your_role": self.access.role.value
            if self.access.role
            else ("admin" if self.access.is_admin else None),
            "clusters": [asdict(c) for c in self.clusters],
            "recommendations": [asdict(r) for r in self.recommendations.values()],
            "agencies": [{"id": k, "name": v} for k, v in self.agencies.items()],
            "measures": [asdict(m) for m in self.measures.values()],
            "indicators": [asdict(i) for i in self.indicators.values()],
            "members": [asdict(m) for m in self.members],
        }


def government_status(statuses: list[str]) -> str:
    """One recommendation's status from the statuses of the measures that answer it."""
    if not statuses:
        return "no measure"
    if all(s == ProgressStatus.COMPLETED for s in statuses):
        return ProgressStatus.COMPLETED.value
    if ProgressStatus.DELAYED.value in statuses:
        return ProgressStatus.DELAYED.value
    if any(s in (ProgressStatus.IN_PROGRESS, ProgressStatus.COMPLETED) for s in statuses):
        return ProgressStatus.IN_PROGRESS.value
    return ProgressStatus.NOT_STARTED.value


@dataclass(frozen=True, kw_only=True)
class Progress:
    id: int
    subject: str
    subject_id: int
    status: str
    narrative: str
    value: float | None
    evidence_links: list[str]
    author: str
    reported_on: date
    files: list[tuple[int, str]]
