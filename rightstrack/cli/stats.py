"""``rightstrack stats`` and ``states``: counts, shares and acceptance rates of any search, and each
state's profile as state under review and as recommending state."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from rightstrack.analysis.options import Basis
from rightstrack.cli.common import console, print_json, state_code
from rightstrack.cli.history import print_history
from rightstrack.cli.searching import FilterOpt, FromOpt, JsonOpt, TextArg, ToOpt, build_query, search_engine
from rightstrack.search.options import Dimension

if TYPE_CHECKING:
    from rich.table import Table

    from rightstrack.analysis.stats import Breakdown


def _breakdown_table(result: Breakdown, limit: int = 0) -> Table:
    from rich.table import Table

    table = Table(title=f"By {result.dimension.label} — {result.basis.label}")
    for column in (result.dimension.label, "count", "share", "accepted"):
        table.add_column(column, justify="left" if column == result.dimension.label else "right")
    for row in result.rows[: limit or None]:
        rate = row.acceptance_rate
        table.add_row(row.label, f"{row.count:,}", f"{row.share:.1%}", "—" if rate is None else f"{rate:.1%}")
    return table


def stats(
    ctx: typer.Context,
    text: TextArg = "",
    filters: FilterOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    by: Annotated[list[Dimension] | None, typer.Option(help="Break down by these dimensions.")] = None,
    cross: Annotated[tuple[Dimension, Dimension] | None, typer.Option(help="Cross-tab ROWS COLUMNS.")] = None,
    basis: Annotated[Basis | None, typer.Option(help="Count rows or records (default: both).")] = None,
    limit: Annotated[int, typer.Option(help="Rows shown per breakdown (0: all).")] = 15,
    as_json: JsonOpt = False,
) -> None:
    """Counts, shares and acceptance rates for any search (recommendations unless -f type=…)."""
    from rightstrack.analysis.coverage import store_coverage
    from rightstrack.analysis.stats import breakdown, crosstab, headline
    from rightstrack.search.query import SearchQuery

    query = build_query(text, filters, date_from, date_to)
    if Dimension.TYPE not in query.filters:
        query = query.with_filter(Dimension.TYPE, "recommendation")
    engine = search_engine(ctx)
    selection = engine.select(query)
    universe = engine.select(SearchQuery(filters={Dimension.TYPE: query.filters[Dimension.TYPE]}))
    bases = [basis] if basis else list(Basis)
    dimensions = by or [Dimension.RECOMMENDER_GROUP, Dimension.SUR_GROUP, Dimension.CYCLE]
    coverage = store_coverage(engine.engine)
    if as_json:
        payload: dict[str, object] = {
            b.value: {
                "headline": asdict(headline(selection, universe, b)),
                "breakdowns": {d.value: asdict(breakdown(selection, d, b)) for d in dimensions},
            }
            for b in bases
        }
        payload["coverage"] = coverage.to_dict()
        print_json(payload, default=float)
        return
    console.print(Text(coverage.summary(), style="dim"))
    for b in bases:
        h = headline(selection, universe, b)
        rate = "—" if h.accepted_rate is None else f"{h.accepted_rate:.1%}"
        console.print(f"\n[bold]Counting {b.label}[/]")
        console.print(f"  {h.count:,} of {h.universe:,} ({h.share_of_universe:.2%})")
        console.print(f"  accepted: {rate}")
        console.print(f"  made by WEOG, EEG and GRULAC states: {h.made_by_north_west:.1%}")
        console.print(f"  addressed to African and Asia-Pacific states: {h.addressed_to_africa_asia:.1%}")
        if cross:
            console.print(crosstab(selection, cross[0], cross[1], b).to_string())
        for dimension in dimensions:
            console.print(_breakdown_table(breakdown(selection, dimension, b), limit))


def states(
    ctx: typer.Context, name: Annotated[str | None, typer.Argument(help="A state's name or ISO code.")] = None
) -> None:
    """List states, or show one state's profile as state under review and as recommending state."""
    from rich.table import Table

    from rightstrack.analysis.profiles import state_profile
    from rightstrack.search.query import SearchQuery

    engine = search_engine(ctx)
    if name is None:
        result = engine.search(SearchQuery(per_page=0))
        received = {v.value: v.count for v in result.facets[Dimension.SUR]}
        made = {v.value: v.count for v in result.facets[Dimension.RECOMMENDER]}
        index = engine.index()
        table = Table(title="States")
        for column in ("code", "name", "group", "records received", "records recommended"):
            table.add_column(column)
        for code, state_name in sorted(index.state_names.items(), key=lambda item: item[1]):
            group = index.state_groups.get(code, "")
            table.add_row(code, state_name, group, f"{received.get(code, 0):,}", f"{made.get(code, 0):,}")
        console.print(table)
        return
    code = state_code(name)
    profile = state_profile(engine, code)
    sur = profile.as_sur
    state = profile.state
    console.print(f"[bold]{state.name}[/] ({state.code}) — {state.regional_group or 'no regional group'}")
    console.print(f"Organisations: {', '.join(sorted(profile.organisations)) or '—'}")
    rate = "—" if sur.acceptance_rate is None else f"{sur.acceptance_rate:.1%}"
    console.print(
        f"\n[bold]As state under review[/]: {sur.recommendations:,} recommendations "
        f"({sur.recommendation_rows:,} rows), {rate} accepted; {sur.pledges} voluntary pledges"
    )
    for part in (sur.by_cycle, sur.by_response, sur.by_action, sur.by_recommending_group):
        console.print(_breakdown_table(part))
    console.print(_breakdown_table(sur.by_issue, 10))
    given = profile.as_recommender
    rate = "—" if given.acceptance_rate is None else f"{given.acceptance_rate:.1%}"
    console.print(f"\n[bold]As recommending state[/]: {given.rows:,} recommendations made, {rate} accepted")
    for part in (given.by_cycle, given.by_sur_group):
        console.print(_breakdown_table(part))
    console.print(_breakdown_table(given.by_sur, 10))
    console.print(_breakdown_table(given.by_issue, 10))
    print_history(console, engine.engine, code)
