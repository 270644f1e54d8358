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
from rightstrack.languages import LOCALES, N_, Formatter, translations
from rightstrack.reference.names import state_name
from rightstrack.tracking.charts import status_chart, timeline_chart
from rightstrack.tracking.items import PlanView
from rightstrack.tracking.monitoring import STATUSES, Dashboard, dashboard
from rightstrack.tracking.options import KINDS as KINDS
from rightstrack.tracking.options import ReportKind as ReportKind
from rightstrack.tracking.views import plan_view

STATUS_LABELS = {
    "no measure": N_("no measure yet"),
    "not started": N_("not started"),
    "in progress": N_("in progress"),
    "delayed": N_("delayed"),
    "completed": N_("completed"),
    "fully implemented": N_("fully implemented"),
    "partially implemented": N_("partially implemented"),
    "not implemented": N_("not implemented"),
    "Accepted": N_("Accepted"),
    "Partly accepted": N_("Partly accepted"),
    "Noted": N_("Noted"),
}


class _Words:
    def __init__(self, locale: str) -> None:
        if locale not in LOCALES:
            raise ValueError(f"language must be one of {', '.join(LOCALES)}, not {locale!r}")
        self.locale = locale
        self.gettext = translations(locale).gettext
        self.format = Formatter(locale)

    def __call__(self, message: str) -> str:
        return self.gettext(message)

    def status(self, status: str) -> str:
        return self.gettext(STATUS_LABELS.get(status, status))


def dashboard_charts(board: Dashboard, locale: str) -> list[Chart]:
    """The status-by-cluster chart and (with two months or more) the timeline, in ``locale``."""
    words = _Words(locale)
    return [_chart(board, words), *_timeline(board, words)]


def build_report(
    connection: Connection, plan_id: int, user: User | None, kind: ReportKind, locale: str, today: date
) -> Report:
    """The report as this reader may see it (a published plan for the public, all of it for members)."""
    if kind not in KINDS:
        raise ValueError(f"report must be one of {', '.join(KINDS)}, not {kind!r}")
    _ = _Words(locale)
    view = plan_view(connection, plan_id, user)
    board = dashboard(connection, view, today)
    cycles = ", ".join(str(c) for c in view.cycles)
    if kind == "midterm":
        title = _(
            "Mid-term report on the implementation of the recommendations of the Universal Periodic Review"
        )
        sections = _midterm(view, board, _)
    else:
        title = _(
            "Independent assessment of the implementation of the Universal Periodic Review recommendations"
        )
        sections = _shadow(view, board, _)
    cycle_word = _("UPR cycle")
    subtitle = f"{state_name(view.state_code, _.locale)} · {cycle_word} {cycles} · {view.title}"
    return Report(kind, locale, title, subtitle, _.format.date(today), sections)


def _summary_table(board: Dashboard, _: _Words, breakdowns: str) -> Table:
    rows = []
    for breakdown in [*getattr(board, breakdowns), board.overall]:
        rows.append(
            [
                breakdown.label if breakdown is not board.overall else _("All recommendations"),
                _.format.number(breakdown.total),
                *(_.format.number(breakdown.counts.get(status, 0)) for status in STATUSES),
                _.format.percent(breakdown.completed_share, 0),
            ]
        )
    return Table(
        [
            _("Cluster") if breakdowns == "by_cluster" else _("Agency"),
            _("Recommendations"),
            *(_.status(s) for s in STATUSES),
            _("Completed"),
        ],
        rows,
    )


def _chart(board: Dashboard, _: _Words) -> Chart:
    title = _("Implementation status by cluster")
    png = status_chart(
        [(b.label, b.counts) for b in board.by_cluster],
        [(s, _.status(s)) for s in STATUSES],
        title,
        _("Recommendations"),
    )
    return Chart(title, png)


def _timeline(board: Dashboard, _: _Words) -> list[Chart]:
    if len(board.timeline) < 2:
        return []
    title = _("Measures by status, month by month")
    png = timeline_chart(
        [(month.strftime("%Y-%m"), counts) for month, counts in board.timeline],
        [(s, _.status(s)) for s in STATUSES[1:]],
        title,
        _("Measures"),
    )
    return [Chart(title, png)]


def _measure_rows(view: PlanView, measure_ids: list[int], _: _Words) -> list[list[str]]:
    rows = []
    for measure_id in measure_ids:
        measure = view.measures[measure_id]
        agencies = [view.agencies.get(measure.lead_agency_id or -1, "")] + [
            view.agencies.get(a, "") for a in measure.supporting_agency_ids
        ]
        rows.append(
            [
                measure.title,
                ", ".join(a for a in agencies if a) or "—",
                _.format.date(measure.target_date) if measure.target_date else "—",
                _.status(measure.status),
            ]
        )
    return rows


def _midterm(view: PlanView, board: Dashboard, _: _Words) -> list[Section]:
    total = len(view.recommendations)
    answered = sum(1 for r in view.recommendations.values() if r.measure_ids)
    introduction = Section(
        _("Introduction"),
        [
            _(
                "This report sets out the progress made by {state} in implementing the recommendations it "
                "accepted at its Universal Periodic Review, grouped into {clusters} thematic clusters."
            ).format(
                state=state_name(view.state_code, _.locale),
                clusters=_.format.number(len([c for c in view.clusters if c.id])),
            ),
            _(
                "{answered} of {total} recommendations are answered by at least one of {measures} measures."
            ).format(
                answered=_.format.number(answered),
                total=_.format.number(total),
                measures=_.format.number(len(view.measures)),
            ),
        ],
    )
    if view.description:
        introduction.paragraphs.append(view.description)
    overview = Section(
        _("Overview of implementation"),
        tables=[_summary_table(board, _, "by_cluster"), _summary_table(board, _, "by_agency")],
        charts=dashboard_charts(board, _.locale),
    )
    sections = [introduction, overview]
    for cluster in view.clusters:
        section = Section(cluster.name, level=2)
        measure_ids = sorted(
            {m for i in cluster.recommendation_ids for m in view.recommendations[i].measure_ids}
        )
        section.paragraphs.append(
            _("{count} recommendations; {measures} measures.").format(
                count=_.format.number(len(cluster.recommendation_ids)),
                measures=_.format.number(len(measure_ids)),
            )
        )
        if measure_ids:
            section.tables.append(
                Table(
                    [_("Measure"), _("Responsible agencies"), _("Target date"), _("Status")],
                    _measure_rows(view, measure_ids, _),
                    [0.45, 0.3, 0.13, 0.12],
                )
            )
        indicators = [i for i in view.indicators.values() if set(i.measure_ids) & set(measure_ids)]
        if indicators:
            section.tables.append(
                Table(
                    [_("Indicator"), _("Baseline"), _("Target"), _("Current value"), _("Due")],
                    [
                        [
                            f"{i.name} ({i.unit})" if i.unit else i.name,
                            *(
                                _.format.number(v) if v is not None else "—"
                                for v in (i.baseline, i.target, i.current_value)
                            ),
                            _.format.date(i.due_date) if i.due_date else "—",
                        ]
                        for i in indicators
                    ],
                )
            )
        sections.append(section)
    delayed = [m for m in view.measures.values() if m.status == "delayed" or m in board.overdue_measures]
    challenges = Section(_("Challenges and delays"))
    if delayed:
        challenges.tables.append(
            Table(
                [_("Measure"), _("Responsible agencies"), _("Target date"), _("Status")],
                _measure_rows(view, [m.id for m in delayed], _),
                [0.45, 0.3, 0.13, 0.12],
            )
        )
    else:
        challenges.paragraphs.append(_("No measure is delayed or overdue."))
    sections.append(challenges)
    sections.append(
        Section(
            _("Annex: recommendations and their status"),
            tables=[
                Table(
                    [
                        _("Paragraph"),
                        _("Recommendation"),
                        _("Recommending states"),
                        _("Response"),
                        _("Status"),
                    ],
                    [
                        [
                            r.paragraph or "—",
                            r.text,
                            ", ".join(state_name(name, _.locale) for name in r.recommenders),
                            _.status(r.response or ""),
                            _.status(r.status),
                        ]
                        for r in view.recommendations.values()
                    ],
                    [0.09, 0.5, 0.17, 0.11, 0.13],
                )
            ],
        )
    )
    return sections


def _shadow(view: PlanView, board: Dashboard, _: _Words) -> list[Section]:
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
        _("Government's status and independent findings"), tables=[agreement], charts=[_chart(board, _)]
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
