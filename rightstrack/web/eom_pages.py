"""Election observation missions on the web: the template to download (CSV or XLSX, blank or with
worked examples), the states whose missions' recommendations are stored, and a page per state that
sets each one beside the UPR recommendations saying the same, with the state's response."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from rightstrack.analysis.eom_compare import MIN_SIMILARITY, compare_state
from rightstrack.ingest.eom import states_with_eom
from rightstrack.reference.states import UnknownStateError, resolve_state
from rightstrack.sources.eom import COLUMNS
from rightstrack.sources.eom_template import template_csv, template_xlsx
from rightstrack.web.auth import store
from rightstrack.web.i18n import negotiate, state_names
from rightstrack.web.pages import render

router = APIRouter(include_in_schema=False)
BASE = "/election-observation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(body: bytes, media_type: str, filename: str) -> Response:
    return Response(
        body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


@router.get(BASE, response_class=HTMLResponse)
def overview_page(request: Request) -> HTMLResponse:
    with store(request).connect() as connection:
        counts = states_with_eom(connection)
    names = state_names(counts, negotiate(request))
    rows = [(name, code, counts[code]) for code, name in names.items()]
    return render(request, "eom_overview.html", {"rows": rows, "columns": COLUMNS})


@router.get(f"{BASE}/template.csv")
def template_as_csv(example: bool = False) -> Response:
    name = "eom-example.csv" if example else "eom-template.csv"
    return _download(template_csv(example), "text/csv; charset=utf-8", name)


@router.get(f"{BASE}/template.xlsx")
def template_as_xlsx(example: bool = False) -> Response:
    name = "eom-example.xlsx" if example else "eom-template.xlsx"
    return _download(template_xlsx(example), XLSX, name)


@router.get(BASE + "/{name}", response_class=HTMLResponse)
def state_page(request: Request, name: str) -> HTMLResponse:
    try:
        state = resolve_state(name)
    except UnknownStateError as exc:
        return render(request, "error.html", {"message": str(exc)}, status_code=404)
    with store(request).connect() as connection:
        found = compare_state(connection, state.code)
    context = {
        "state": state,
        "comparisons": found,
        "threshold": MIN_SIMILARITY,
    }
    return render(request, "eom_state.html", context)
