"""A briefing on one year's Council election, in English, French or Spanish — the material NGOs put
in their letters to the regional groups and to the General Assembly: seats against candidates per
group, closed slates, how timely the pledges were, and each candidate's record as facts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache

from sqlalchemy import Engine

from rightstrack.analysis.coverage import FETCH_UPR, store_coverage
from rightstrack.documents.model import Chart, Labels, Report, Section, Table
from rightstrack.domain import ElectionKind, Mechanism
from rightstrack.elections.charts import competitiveness_chart
from rightstrack.elections.pledges import LATE_DAYS, statuses
from rightstrack.elections.views import candidate_view, year_view
from rightstrack.languages import LOCALES, N_, Formatter, translations
from rightstrack.reference.hrc import ElectionData, election_data
from rightstrack.reference.membership import Timeline
from rightstrack.reference.names import state_name

GROUPS = {
    "African": N_("African States"),
    "Asia-Pacific": N_("Asia-Pacific States"),
    "Eastern European": N_("Eastern European States"),
    "GRULAC": N_("Latin American and Caribbean States"),
    "WEOG": N_("Western European and other States"),
}
OUTCOMES = {"elected": N_("elected"), "defeated": N_("not elected"), "withdrawn": N_("withdrawn")}
SLATES = {
    "closed": N_("closed slate"),
    "competitive": N_("competitive"),
    "unknown": N_("not all candidates known"),
}
CONTENTS = N_("Contents")
PAGE_OF = N_("Page {page} of {pages}")
FLAGS = {
    "on time": N_("on time"),
    "late": N_("late"),
    "after the vote": N_("after the vote"),
    "date unknown": N_("date unknown"),
    "none recorded": N_("none recorded"),
}


def chart_labels(locale: str) -> dict[str, str]:
    _ = translations(locale).gettext
    return {
        "title": _("Candidates minus seats per regional group (0: closed slate)"),
        "closed": _("closed slate"),
        "competitive": _("more candidates than seats"),
        "unknown": _("not all candidates known"),
        **{group: _(label) for group, label in GROUPS.items()},
    }


@lru_cache(maxsize=len(LOCALES))
def shipped_chart(locale: str) -> bytes:
    """The chart of the data RightsTrack ships, drawn once per language (a third of a second)."""
    return competitiveness_chart(election_data(), chart_labels(locale))


def _chart(data: ElectionData, locale: str) -> bytes:
    if data is election_data():
        return shipped_chart(locale)
    return competitiveness_chart(data, chart_labels(locale))


def _coverage_notes(engine: Engine, year: int, _: Callable[[str], str]) -> list[str]:
    """Where the data the records rest on ends: a "latest review" is the latest in the data."""
    coverage = store_coverage(engine)
    upr = coverage.period(Mechanism.UPR.value)
    if upr is None:
        return [
            _("RightsTrack holds no UPR data. The command {command} fetches it.").format(command=FETCH_UPR)
        ]
    notes = [
        _("RightsTrack's UPR data covers sessions {first}–{last} ({start}–{end}).").format(
            first=upr.first_session, last=upr.last_session, start=upr.first_year, end=upr.last_year
        )
    ]
    if upr.last_year < year:
        notes.append(
            _(
                "The data ends in {end}: a candidate's latest review here is the latest in that data, and "
                "reviews held since are missing. The command {command} fetches them."
            ).format(end=upr.last_year, command=FETCH_UPR)
        )
    return notes


def build_briefing(
    engine: Engine,
    data: ElectionData,
    timeline: Timeline,
    year: int,
    locale: str,
    today: date,
    late_days: int = LATE_DAYS,
) -> Report:
    if locale not in LOCALES:
        raise ValueError(f"language must be one of {', '.join(LOCALES)}, not {locale!r}")
    _ = translations(locale).gettext
    number = Formatter(locale)
    view = year_view(data, year)
    regular = view.regular
    title = _("Human Rights Council election {year}: briefing").format(year=year)
    subtitle = _("General Assembly, {day}: {seats} seats").format(
        day=number.date(view.held), seats=number.number(view.seats)
    )
    slate_rows = [
        [
            _(GROUPS[c.group.value]),
            number.number(c.seats),
            number.number(len(c.standing)) + ("" if c.election.candidates_complete else " +?"),
            _(SLATES[c.status]),
            ", ".join(w.state for w in c.withdrawn) or "—",
            "—" if c.margin is None else number.number(c.margin),
        ]
        for c in regular
    ]
    closed = len(view.closed_groups)
    slates = Section(
        _("Seats and candidates"),
        [
            _(
                "{closed} of {groups} regional groups presented closed slates: as many candidates as seats."
            ).format(closed=number.number(closed), groups=number.number(len(regular))),
            _(
                "GA resolution 60/251 asks members to take into account the candidates' contribution to "
                "human rights and their voluntary pledges; a closed slate leaves no choice."
            ),
        ],
        [
            Table(
                [
                    _("Regional group"),
                    _("Seats"),
                    _("Candidates"),
                    _("Slate"),
                    _("Withdrawn"),
                    _("Margin (votes)"),
                ],
                slate_rows,
                [0.3, 0.08, 0.12, 0.2, 0.15, 0.15],
            )
        ],
        [Chart(_("Competitiveness since 2006"), _chart(data, locale))],
    )
    with engine.connect() as connection:
        pledge_statuses = statuses(connection, data, year, late_days)
    result_rows = []
    record_rows = []
    pledge_rows = []
    for contest in view.contests:
        for candidacy in contest.standing:
            votes = " / ".join("—" if v is None else number.number(v) for v in candidacy.votes) or "—"
            result_rows.append(
                [_(GROUPS[contest.group.value]), candidacy.state, votes, _(OUTCOMES[candidacy.outcome.value])]
            )
            if contest.election.kind is not ElectionKind.REGULAR:
                continue
            candidate = candidate_view(
                engine, data, timeline, year, candidacy.state, late_days, pledge_statuses
            )
            record = candidate.record
            review = record.review
            latest = "—" if review is None else f"{review.year} ({_('cycle')} {review.cycle})"
            if record.data_incomplete and record.upr_data_ends is not None:
                latest += " · " + _("data ends in {year}").format(year=record.upr_data_ends)
            record_rows.append(
                [
                    f"{state_name(candidacy.state, locale)} ({candidacy.state})",
                    latest,
                    number.number(record.received),
                    number.percent(record.accepted_share, 0),
                    number.number(record.cooperation_accepted)
                    + " / "
                    + number.number(len(record.cooperation)),
                    number.number(len(record.pledges)),
                    ", ".join(f"{m.start.year}–{m.term_end.year}" for m in candidate.past) or "—",
                ]
            )
            status = candidate.pledge
            if status is not None:
                pledge = status.pledge
                pledge_rows.append(
                    [
                        f"{state_name(candidacy.state, locale)} ({candidacy.state})",
                        (pledge.symbol or pledge.url or "") if pledge else "—",
                        number.date(pledge.published_on) if pledge and pledge.published_on else "—",
                        "—" if status.days_before is None else number.number(status.days_before),
                        _(FLAGS[status.flag]),
                        ", ".join(
                            f"{e.place} ({_('yes') if e.took_part else _('no')})" for e in status.events
                        )
                        or "—",
                    ]
                )
    results = Section(
        _("Candidates and votes"),
        [_("Votes per round as the sources give them; a dash where no count was found.")],
        [
            Table(
                [_("Regional group"), _("State"), _("Votes"), _("Outcome")],
                result_rows,
                [0.4, 0.15, 0.2, 0.25],
            )
        ],
    )
    pledges_section = Section(
        _("Voluntary pledges"),
        [
            _("A pledge published fewer than {days} days before the vote is marked late.").format(
                days=number.number(late_days)
            )
        ],
        [
            Table(
                [
                    _("Candidate"),
                    _("Pledges document"),
                    _("Published"),
                    _("Days before the vote"),
                    _("Timeliness"),
                    _("Pledging events"),
                ],
                pledge_rows,
                numeric=(3,),
            )
        ],
    )
    records = Section(
        _("Candidates' records"),
        [
            _(
                "From RightsTrack's own data: the candidate's latest Universal Periodic Review before the "
                "election, the recommendations it received and accepted, those on cooperation with special "
                "procedures and treaty bodies it accepted, the voluntary pledges it made at its reviews, and "
                "its earlier Council terms. These are facts, not a verdict."
            ),
            *_coverage_notes(engine, year, _),
        ],
        [
            Table(
                [
                    _("Candidate"),
                    _("Latest review"),
                    _("Recommendations"),
                    _("Accepted"),
                    _("Cooperation accepted"),
                    _("UPR pledges"),
                    _("Council terms"),
                ],
                record_rows,
                [0.19, 0.19, 0.15, 0.09, 0.11, 0.1, 0.17],
                numeric=(2, 3, 4, 5),
            )
        ],
    )
    sources = Section(
        _("Sources"),
        [f"{s.publisher}, {s.published.isoformat()}: {s.title}. {s.url}" for s in view.sources],
    )
    return Report(
        "briefing",
        locale,
        title,
        subtitle,
        number.date(today),
        [slates, results, pledges_section, records, sources],
        cover=[
            (_("Election"), _("Human Rights Council, {year}").format(year=year)),
            (_("Vote in the General Assembly"), number.date(view.held)),
            (_("Seats"), number.number(view.seats)),
            (_("Date"), number.date(today)),
            (_("Language"), number.language_name),
        ],
        footer=_(
            "Source: RightsTrack, from the General Assembly's records, UN press releases and the UPR data "
            "named in the briefing's sources. Generated on {date}."
        ).format(date=number.date(today)),
        labels=Labels(contents=_(CONTENTS), page=_(PAGE_OF)),
        name=f"hrc election {year}",
    )
