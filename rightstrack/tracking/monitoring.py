"""Dashboards of one plan: progress by cluster, issue, SDG and agency; what is overdue or due soon;
how the measures' statuses moved month by month; and the government's status beside the
independent assessors'."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.engine import Connection

from rightstrack.domain import ProgressStatus
from rightstrack.store.tracking_schema import ChangeRow, ProgressUpdateRow
from rightstrack.tracking.items import Indicator, Measure, PlanView

# The order a reader scans: nothing yet, started, stuck, done.
STATUSES = (
    "no measure",
    ProgressStatus.NOT_STARTED.value,
    ProgressStatus.IN_PROGRESS.value,
    ProgressStatus.DELAYED.value,
    ProgressStatus.COMPLETED.value,
)
DUE_SOON = timedelta(days=30)


@dataclass(frozen=True)
class Breakdown:
    label: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def completed_share(self) -> float:
        return self.counts.get(ProgressStatus.COMPLETED.value, 0) / self.total if self.total else 0.0


@dataclass
class Dashboard:
    by_cluster: list[Breakdown]
    by_issue: list[Breakdown]
    by_sdg: list[Breakdown]
    by_agency: list[Breakdown]
    overall: Breakdown
    overdue_measures: list[Measure]
    overdue_indicators: list[Indicator]
    due_soon_measures: list[Measure]
    due_soon_indicators: list[Indicator]
    timeline: list[tuple[date, dict[str, int]]]
    # (government's status, assessor's finding) -> recommendations, for the latest finding of each assessor
    agreement: dict[tuple[str, str], int] = field(default_factory=dict)


def _breakdown(label: str, statuses: Iterable[str]) -> Breakdown:
    counts = Counter(statuses)
    return Breakdown(label, {status: counts[status] for status in STATUSES if counts[status]})


def _grouped(pairs: Iterable[tuple[str, str]]) -> list[Breakdown]:
    groups: dict[str, list[str]] = defaultdict(list)
    for label, status in pairs:
        groups[label].append(status)
    return sorted((_breakdown(k, v) for k, v in groups.items()), key=lambda b: (-b.total, b.label))


def _month_ends(first: date, last: date) -> list[date]:
    ends = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        following = date(year + (month == 12), month % 12 + 1, 1)
        ends.append(following - timedelta(days=1))
        year, month = following.year, following.month
    return ends


def _timeline(connection: Connection, view: PlanView, today: date) -> list[tuple[date, dict[str, int]]]:
    """Measures by status at the end of each month, from their creation and their progress reports."""
    if not view.measures:
        return []
    created = {
        entity_id: at.date()
        for entity_id, at in connection.execute(
            select(ChangeRow.entity_id, ChangeRow.at).where(
                ChangeRow.plan_id == view.id, ChangeRow.entity == "measures", ChangeRow.action == "create"
            )
        )
        if entity_id in view.measures
    }
    reports: dict[int, list[tuple[date, int, str]]] = defaultdict(list)
    for subject_id, reported_on, report_id, status in connection.execute(
        select(
            ProgressUpdateRow.subject_id,
            ProgressUpdateRow.reported_on,
            ProgressUpdateRow.id,
            ProgressUpdateRow.status,
        ).where(
            ProgressUpdateRow.plan_id == view.id,
            ProgressUpdateRow.subject == "measure",
            ProgressUpdateRow.deleted_at.is_(None),
        )
    ):
        if subject_id in view.measures:
            reports[subject_id].append((reported_on, report_id, status))
    starts = [*created.values(), *(r[0] for rs in reports.values() for r in rs)]
    timeline = []
    for end in _month_ends(min(starts, default=today), today):
        statuses = []
        for measure_id in view.measures:
            known = sorted(r for r in reports[measure_id] if r[0] <= end)
            if known:
                statuses.append(known[-1][2])
            elif created.get(measure_id, today) <= end:
                statuses.append(ProgressStatus.NOT_STARTED.value)
        timeline.append((end, dict(Counter(statuses))))
    return timeline


def dashboard(connection: Connection, view: PlanView, today: date) -> Dashboard:
    records = view.recommendations.values()
    by_agency = []
    for agency_id, name in view.agencies.items():
        statuses = [
            m.status
            for m in view.measures.values()
            if m.lead_agency_id == agency_id or agency_id in m.supporting_agency_ids
        ]
        if statuses:
            by_agency.append(_breakdown(name, statuses))
    agreement: Counter[tuple[str, str]] = Counter()
    for record in records:
        latest = {a.organisation: a.status for a in record.assessments}  # in date order: the last one stays
        for finding in latest.values():
            agreement[(record.status, finding)] += 1
    return Dashboard(
        by_cluster=[
            _breakdown(c.name, [view.recommendations[i].status for i in c.recommendation_ids])
            for c in view.clusters
        ],
        by_issue=_grouped((issue, r.status) for r in records for issue in r.issues or ["Not coded"]),
        by_sdg=_grouped((sdg, r.status) for r in records for sdg in r.sdgs),
        by_agency=sorted(by_agency, key=lambda b: (-b.total, b.label)),
        overall=_breakdown("All recommendations", [r.status for r in records]),
        overdue_measures=[m for m in view.measures.values() if m.overdue(today)],
        overdue_indicators=[i for i in view.indicators.values() if i.overdue(today)],
        due_soon_measures=[m for m in view.measures.values() if due_soon(m.target_date, m.status, today)],
        due_soon_indicators=[i for i in view.indicators.values() if due_soon(i.due_date, i.status, today)],
        timeline=_timeline(connection, view, today),
        agreement=dict(agreement),
    )


def due_soon(due: date | None, status: str, today: date) -> bool:
    return due is not None and today <= due <= today + DUE_SOON and status != ProgressStatus.COMPLETED
