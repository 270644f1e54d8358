"""The mid-term report's sections: what a state submits between two reviews.

Its reader wants what was done: the overview, each cluster's measures and indicators, then each
measure with the progress its agencies recorded (the narrative and the evidence, latest first),
the delays, and an annex. The annex quotes in full the recommendations some measure answers; the
others are listed by paragraph, so a plan of 200 recommendations and one measure stays a few pages
(the plan's spreadsheet holds every text)."""

from __future__ import annotations

from collections import defaultdict

from rightstrack.documents.model import Section, Table
from rightstrack.reference.names import state_name
from rightstrack.tracking.items import PlanView, Progress
from rightstrack.tracking.monitoring import Dashboard
from rightstrack.tracking.report_words import Words, status_by_cluster, summary_table, timeline

MEASURE_WIDTHS = [0.44, 0.3, 0.13, 0.13]
HISTORY_SHOWN = 12  # progress updates quoted per measure, latest first; the rest are counted


def _agencies(view: PlanView, measure_id: int) -> str:
    measure = view.measures[measure_id]
    names = [view.agencies.get(measure.lead_agency_id or -1, "")]
    names += [view.agencies.get(a, "") for a in measure.supporting_agency_ids]
    return ", ".join(n for n in names if n) or "—"


def _measure_table(view: PlanView, measure_ids: list[int], _: Words) -> Table:
    rows = [
        [
            view.measures[m].title,
            _agencies(view, m),
            _.format.date(view.measures[m].target_date) if view.measures[m].target_date else "—",  # type: ignore[arg-type]
            _.status(view.measures[m].status),
        ]
        for m in measure_ids
    ]
    return Table(
        [_("Measure"), _("Responsible agencies"), _("Target date"), _("Status")], rows, MEASURE_WIDTHS
    )


def _paragraphs(view: PlanView, ids: list[int]) -> str:
    return ", ".join(view.recommendations[i].paragraph or f"#{i}" for i in ids if i in view.recommendations)


def _indicator_table(view: PlanView, measure_ids: list[int], _: Words) -> Table | None:
    indicators = [i for i in view.indicators.values() if set(i.measure_ids) & set(measure_ids)]
    if not indicators:
        return None
    return Table(
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
        [0.4, 0.14, 0.14, 0.14, 0.18],
        numeric=(1, 2, 3),
    )


def _measure_section(view: PlanView, measure_id: int, history: list[Progress], _: Words) -> Section:
    measure = view.measures[measure_id]
    facts = [
        (_("Status"), _.status(measure.status)),
        (_("Responsible agencies"), _agencies(view, measure_id)),
    ]
    if measure.start_date or measure.target_date:
        start = _.format.date(measure.start_date) if measure.start_date else "—"
        target = _.format.date(measure.target_date) if measure.target_date else "—"
        facts.append((_("Start and target dates"), f"{start} → {target}"))
    if measure.budget is not None:
        facts.append((_("Budget"), f"{_.format.number(measure.budget)} {measure.currency}".strip()))
    facts.append((_("Recommendations"), _paragraphs(view, measure.recommendation_ids) or "—"))
    section = Section(measure.title, level=3, facts=facts)
    if measure.description:
        section.paragraphs.append(measure.description)
    if measure.expected_outcome:
        section.paragraphs.append(_("Expected outcome: {outcome}").format(outcome=measure.expected_outcome))
    if not history:
        section.paragraphs.append(_("No progress has been reported on this measure yet."))
    for update in history[:HISTORY_SHOWN]:  # one item per report, its evidence with it
        said = update.narrative.strip() or _("(no narrative)")
        line = _("{date} · {status}: {narrative}").format(
            date=_.format.date(update.reported_on), status=_.status(update.status), narrative=said
        )
        evidence = [*update.evidence_links, *(name for _id, name in update.files)]
        if evidence:
            line += " — " + _("Evidence: {item}").format(item="; ".join(evidence))
        section.bullets.append(line)
    if len(history) > HISTORY_SHOWN:
        section.paragraphs.append(
            _("{count} earlier progress reports are in the plan's history.").format(
                count=_.format.number(len(history) - HISTORY_SHOWN)
            )
        )
    return section


def midterm_sections(view: PlanView, board: Dashboard, progress: list[Progress], _: Words) -> list[Section]:
    total = len(view.recommendations)
    answered = [r for r in view.recommendations.values() if r.measure_ids]
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
                answered=_.format.number(len(answered)),
                total=_.format.number(total),
                measures=_.format.number(len(view.measures)),
            ),
        ],
    )
    if view.description:
        introduction.paragraphs.append(view.description)
    overview = Section(
        _("Overview of implementation"),
        [_("Recommendations by the status of the measures that answer them, cluster by cluster.")],
        tables=[summary_table(board, _, "by_cluster")],
        charts=[status_by_cluster(board, _), *timeline(board, _)],
    )
    if board.by_agency:
        overview.tables.append(summary_table(board, _, "by_agency"))
    sections = [introduction, overview, *_clusters(view, _)]
    measures = Section(_("Measures and progress reported"))
    if not view.measures:
        measures.paragraphs.append(_("No measure has been adopted yet."))
    sections.append(measures)
    history: dict[int, list[Progress]] = defaultdict(list)
    for update in progress:  # latest first, as progress_of gives them
        if update.subject == "measure":
            history[update.subject_id].append(update)
    sections += [_measure_section(view, m, history[m], _) for m in sorted(view.measures)]
    sections.append(_challenges(view, board, _))
    sections += _annex(view, _)
    return sections


def _clusters(view: PlanView, _: Words) -> list[Section]:
    sections = [Section(_("Implementation by cluster"))]
    idle = []
    for cluster in view.clusters:
        measure_ids = sorted(
            {m for i in cluster.recommendation_ids for m in view.recommendations[i].measure_ids}
        )
        if not measure_ids:
            idle.append([cluster.name, _.format.number(len(cluster.recommendation_ids))])
            continue
        section = Section(
            cluster.name,
            [
                _("{count} recommendations; {measures} measures.").format(
                    count=_.format.number(len(cluster.recommendation_ids)),
                    measures=_.format.number(len(measure_ids)),
                )
            ],
            [_measure_table(view, measure_ids, _)],
            level=2,
        )
        indicators = _indicator_table(view, measure_ids, _)
        if indicators is not None:
            section.tables.append(indicators)
        sections.append(section)
    if idle:
        sections.append(
            Section(
                _("Clusters without a measure yet"),
                tables=[Table([_("Cluster"), _("Recommendations")], idle, [0.8, 0.2], numeric=(1,))],
                level=2,
            )
        )
    return sections


def _challenges(view: PlanView, board: Dashboard, _: Words) -> Section:
    delayed = [m.id for m in view.measures.values() if m.status == "delayed" or m in board.overdue_measures]
    challenges = Section(_("Challenges and delays"))
    if delayed:
        challenges.tables.append(_measure_table(view, delayed, _))
    else:
        challenges.paragraphs.append(_("No measure is delayed or overdue."))
    return challenges


def _annex(view: PlanView, _: Words) -> list[Section]:
    quoted = [r for r in view.recommendations.values() if r.measure_ids]
    waiting = [r.id for r in view.recommendations.values() if not r.measure_ids]
    annex = Section(_("Annex: recommendations and their status"))
    if quoted:
        annex.paragraphs.append(_("The recommendations that measures answer, as the UN documents give them."))
        annex.tables.append(
            Table(
                [_("Paragraph"), _("Recommendation"), _("Recommending states"), _("Response"), _("Status")],
                [
                    [
                        r.paragraph or "—",
                        r.text,
                        ", ".join(state_name(name, _.locale) for name in r.recommenders),
                        _.status(r.response or ""),
                        _.status(r.status),
                    ]
                    for r in quoted
                ],
                [0.1, 0.48, 0.18, 0.11, 0.13],
            )
        )
    if not waiting:
        return [annex]
    rest = Section(
        _("Recommendations without a measure yet"),
        [
            _("{count} recommendations have no measure yet (by paragraph): {paragraphs}.").format(
                count=_.format.number(len(waiting)), paragraphs=_paragraphs(view, waiting)
            )
        ],
        level=2,
    )
    return [annex, rest]
