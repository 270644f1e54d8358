"""What a plan's reports share: the words in the reader's language, the status labels, the charts
and the cover, footer and file name every report carries."""

from __future__ import annotations

from datetime import date

from rightstrack.documents.model import Chart, Labels, Table
from rightstrack.languages import LOCALES, N_, Formatter, translations
from rightstrack.reference.names import state_name
from rightstrack.reference.sessions import all_sessions
from rightstrack.tracking.charts import status_chart, timeline_chart
from rightstrack.tracking.items import PlanView
from rightstrack.tracking.monitoring import STATUSES, Dashboard

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

CONTENTS = N_("Contents")
PAGE_OF = N_("Page {page} of {pages}")


class Words:
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

    def labels(self) -> Labels:
        return Labels(contents=self(CONTENTS), page=self(PAGE_OF))


def cycle_years(cycles: list[int]) -> str:
    """The years a plan's UPR cycles span, from the sessions' calendar ("2022–2027")."""
    years = [s.year for s in all_sessions().values() if s.cycle in cycles]
    return f"{min(years)}–{max(years)}" if years else ""


def cover(view: PlanView, _: Words, today: date) -> list[tuple[str, str]]:
    cycles = ", ".join(str(c) for c in view.cycles)
    period = cycle_years(view.cycles)
    return [
        (_("State"), state_name(view.state_code, _.locale)),
        (_("Plan"), view.title),
        (_("Period"), f"{_('UPR cycle')} {cycles}" + (f" ({period})" if period else "")),
        (_("Date"), _.format.date(today)),
        (_("Language"), _.format.language_name),
    ]


def footer(view: PlanView, _: Words, today: date) -> str:
    return _(
        "Source: the implementation plan “{plan}” in RightsTrack, with the recommendations as the UN "
        "documents and UPR Info give them. Generated on {date}."
    ).format(plan=view.title, date=_.format.date(today))


def summary_table(board: Dashboard, _: Words, breakdowns: str) -> Table:
    """Statuses by cluster (recommendations counted) or by agency (measures counted: an agency
    answers for measures, not for recommendations)."""
    by_agency = breakdowns == "by_agency"
    rows = [
        [
            breakdown.label,
            _.format.number(breakdown.total),
            *(_.format.number(breakdown.counts.get(status, 0)) for status in STATUSES[int(by_agency) :]),
            _.format.percent(breakdown.completed_share, 0),
        ]
        for breakdown in getattr(board, breakdowns)
    ]
    if not by_agency:
        overall = board.overall
        rows.append(
            [
                _("All recommendations"),
                _.format.number(overall.total),
                *(_.format.number(overall.counts.get(status, 0)) for status in STATUSES),
                _.format.percent(overall.completed_share, 0),
            ]
        )
    statuses = STATUSES[int(by_agency) :]
    return Table(
        [
            _("Agency") if by_agency else _("Cluster"),
            _("Measures") if by_agency else _("Recommendations"),
            *(_.status(s) for s in statuses),
            _("Completed"),
        ],
        rows,
        numeric=tuple(range(1, len(statuses) + 3)),
    )


def status_by_cluster(board: Dashboard, _: Words) -> Chart:
    title = _("Implementation status by cluster")
    png = status_chart(
        [(b.label, b.counts) for b in board.by_cluster],
        [(s, _.status(s)) for s in STATUSES],
        title,
        _("Recommendations"),
    )
    return Chart(title, png)


def timeline(board: Dashboard, _: Words) -> list[Chart]:
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
