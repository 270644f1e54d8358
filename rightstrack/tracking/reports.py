"""The content of a plan's reports, in English, French or Spanish, ready for any format:

- the *mid-term report* a state submits between two reviews: how each cluster of recommendations
  is being implemented, by which measures and agencies, with indicators, delays and an annex;
- the *shadow assessment* of civil society and the NHRI: each recommendation's status as the
  government reports it beside the independent assessors' findings and their sources.

Recommendations are quoted as the source documents give them (in English for these documents).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Connection

from rightstrack.accounts import User
from rightstrack.documents.model import Chart, Report, Section, Table
from rightstrack.reference.names import state_name
from rightstrack.tracking.items import PlanView
from rightstrack.tracking.midterm import midterm_sections
from rightstrack.tracking.monitoring import STATUSES, Dashboard, dashboard
from rightstrack.tracking.options import KINDS as KINDS
from rightstrack.tracking.options import ReportKind as ReportKind
from rightstrack.tracking.report_words import STATUS_LABELS as STATUS_LABELS
from rightstrack.tracking.report_words import Words, cover, footer, status_by_cluster, timeline
from rightstrack.tracking.views import plan_view, progress_of


def dashboard_charts(board: Dashboard, locale: str) -> list[Chart]:
    """The status-by-cluster chart and (with two months or more) the timeline, in ``locale``."""
    words = Words(locale)
    return [status_by_cluster(board, words), *timeline(board, words)]


def build_report(
    connection: Connection, plan_id: int, user: User | None, kind: ReportKind, locale: str, today: date
) -> Report:
    """The report as this reader may see it (a published plan for the public, all of it for members)."""
    if kind not in KINDS:
        raise ValueError(f"report must be one of {', '.join(KINDS)}, not {kind!r}")
    _ = Words(locale)
    view = plan_view(connection, plan_id, user)
    board = dashboard(connection, view, today)
    cycles = ", ".join(str(c) for c in view.cycles)
    if kind == "midterm":
        title = _(
            "Mid-term report on the implementation of the recommendations of the Universal Periodic Review"
        )
        sections = midterm_sections(view, board, progress_of(connection, plan_id, user), _)
    else:
        title = _(
            "Independent assessment of the implementation of the Universal Periodic Review recommendations"
        )
        sections = _shadow(view, board, _)
    cycle_word = _("UPR cycle")
    subtitle = f"{state_name(view.state_code, _.locale)} · {cycle_word} {cycles} · {view.title}"
    return Report(
        kind,
        locale,
        title,
        subtitle,
        _.format.date(today),
        sections,
        cover=cover(view, _, today),
        footer=footer(view, _, today),
        labels=_.labels(),
        name=f"{view.state_name} cycle {cycles} {today.isoformat()}",
    )


def _shadow(view: PlanView, board: Dashboard, _: Words) -> list[Section]:
    organisations = sorted({a.organisation for r in view.recommendations.values() for a in r.assessments})
    assessed = [r for r in view.recommendations.values() if r.assessments]
    introduction = Section(
        _("Introduction"),
        [
            _(
                "This assessment sets the status that the government of {state} reports for each "
                "recommendation beside the findings of independent assessors: {organisations}."
            ).format(
                state=state_name(view.state_code, _.locale), organisations=", ".join(organisations) or "—"
            ),
            _("{assessed} of {total} recommendations have been assessed independently.").format(
                assessed=_.format.number(len(assessed)), total=_.format.number(len(view.recommendations))
            ),
        ],
    )
    findings = ("fully implemented", "partially implemented", "not implemented")
    agreement = Table(
        [_("Government's status"), *(_.status(f) for f in findings)],
        [
            [_.status(status), *(_.format.number(board.agreement.get((status, f), 0)) for f in findings)]
            for status in STATUSES
            if any(board.agreement.get((status, f)) for f in findings)
        ],
    )
    comparison = Section(
        _("Government's status and independent findings"),
        tables=[agreement],
        charts=[status_by_cluster(board, _)],
    )
    rows = []
    for record in assessed:
        for assessment in record.assessments:
            rows.append(
                [
                    record.paragraph or "—",
                    record.text,
                    _.status(record.status),
                    assessment.organisation,
                    _.status(assessment.status),
                    "; ".join(part for part in (assessment.comment, assessment.sources) if part) or "—",
                ]
            )
    details = Section(
        _("Findings by recommendation"),
        tables=[
            Table(
                [
                    _("Paragraph"),
                    _("Recommendation"),
                    _("Government's status"),
                    _("Assessor"),
                    _("Finding"),
                    _("Comments and sources"),
                ],
                rows,
                [0.08, 0.36, 0.12, 0.14, 0.12, 0.18],
            )
        ]
        if rows
        else [],
        paragraphs=[] if rows else [_("No recommendation has been assessed yet.")],
    )
    return [introduction, comparison, details]
