"""The states' pages: every state with its counts, and one state as the UN sees it — its reviews
cycle by cycle (session, day, documents, responses), what it received and recommended, its
implementation plans and its Human Rights Council candidacies and terms.

Thematic clusters need k-means over the state's texts (scikit-learn: seconds to load after a start,
a few hundred milliseconds per cycle after), so they are a page of their own, fetched by the
state's page once it is shown (static/fragments.js) and linked from it without script.
"""

from __future__ import annotations

from functools import lru_cache

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Engine

from rightstrack.analysis.clusters import Cluster, thematic_clusters
from rightstrack.analysis.profiles import (
    coding_by_cycle,
    state_counts,
    state_profile,
    states_reviewed_by_cycle,
)
from rightstrack.analysis.reviews import ADDENDUM, WG_REPORT, state_reviews
from rightstrack.analysis.timeline import state_history
from rightstrack.elections.council_upr import state_split
from rightstrack.languages import N_
from rightstrack.reference.hrc import election_data
from rightstrack.reference.membership import timeline
from rightstrack.reference.states import UnknownStateError, resolve_state
from rightstrack.search.query import Dimension
from rightstrack.store.database import data_fingerprint
from rightstrack.tracking.views import list_plans
from rightstrack.web.auth import current_user
from rightstrack.web.i18n import negotiate, sort_key, state_name
from rightstrack.web.pages import _engine, render

router = APIRouter(include_in_schema=False)

# Marked for translation; the templates translate them where they show them.
DOCUMENT_ROLES = {
    WG_REPORT: N_("Report of the Working Group"),
    ADDENDUM: N_("Addendum: the state's views on the recommendations"),
    "national-report": N_("National report"),
    "compilation": N_("Compilation of UN information"),
    "stakeholders": N_("Summary of stakeholders' information"),
}
SOURCE_KINDS = {
    "upr-info-csv": N_("UPR Info's database"),
    "uhri": N_("OHCHR's Universal Human Rights Index"),
    "wg-report": N_("Working Group report"),
    "wg-addendum": N_("Addendum"),
    "ohchr-matrix": N_("OHCHR's thematic list"),
}


@router.get("/states", response_class=HTMLResponse)
def states_page(request: Request) -> HTMLResponse:
    locale = negotiate(request)
    rows = [
        (
            c.code,
            state_name(c.code, locale),
            c.regional_group or "",
            c.records_received,
            c.records_recommended,
        )
        for c in state_counts(_engine(request))
    ]
    rows.sort(key=lambda row: (sort_key(row[1]), row[1]))  # by the name the reader sees
    return render(request, "states.html", {"rows": rows})


def _cycles_with_records(code: str, request: Request) -> list[int]:
    profile = state_profile(_engine(request), code)
    return [int(row.value) for row in profile.as_sur.by_cycle.rows if row.value.isdigit() and row.count]


def _chosen_cycle(request: Request, cycles: list[int]) -> int:
    asked = request.query_params.get("cycle", "")
    return int(asked) if asked.isdigit() else (cycles[-1] if cycles else 0)


@router.get("/states/{name}", response_class=HTMLResponse)
def state_page(request: Request, name: str) -> HTMLResponse:
    try:
        state = resolve_state(name)
    except UnknownStateError as exc:
        return render(request, "error.html", {"message": str(exc)}, status_code=404)
    code = state.code
    engine = _engine(request)
    profile = state_profile(engine, code)
    cycles = [int(row.value) for row in profile.as_sur.by_cycle.rows if row.value.isdigit() and row.count]
    with engine.engine.connect() as connection:
        plans = [p for p in list_plans(connection, current_user(request)) if p.state == state.name]
    context = {
        "profile": profile,
        "reviews": state_reviews(engine.engine, code),
        "source_kinds": SOURCE_KINDS,
        "document_roles": DOCUMENT_ROLES,
        "issues_by_cycle": coding_by_cycle(engine, code, Dimension.ISSUE),
        "themes_by_cycle": coding_by_cycle(engine, code, Dimension.THEME),
        "reviewed": states_reviewed_by_cycle(engine),
        "cycle": _chosen_cycle(request, cycles),
        "cycles": cycles,
        "plans": plans,
        "candidacies": sorted(
            (c for c in election_data().candidacies if c.state == code), key=lambda c: c.year, reverse=True
        ),
        "council_terms": timeline().history(code),
        "council_split": state_split(engine.engine, timeline(), code),
        "history": state_history(engine.engine, code),
    }
    return render(request, "state.html", context)


@lru_cache(maxsize=64)
def _clusters(engine: Engine, fingerprint: str, code: str, cycle: int) -> list[Cluster]:
    """Cached per store, its data (fingerprint: another server may have written), state and cycle."""
    return thematic_clusters(engine, code, cycle)


@router.get("/states/{name}/clusters", response_class=HTMLResponse)
def clusters_page(request: Request, name: str) -> HTMLResponse:
    try:
        state = resolve_state(name)
    except UnknownStateError as exc:
        return render(request, "error.html", {"message": str(exc)}, status_code=404)
    cycles = _cycles_with_records(state.code, request)
    cycle = _chosen_cycle(request, cycles)
    engine = _engine(request).engine
    clusters: list[Cluster] = []
    if cycle in cycles:
        with engine.connect() as connection:
            fingerprint = data_fingerprint(connection)
        clusters = _clusters(engine, fingerprint, state.code, cycle)
    context = {"state": state, "cycle": cycle, "cycles": cycles, "clusters": clusters}
    return render(request, "state_clusters.html", context)
