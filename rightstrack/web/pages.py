"""Server-rendered pages (Jinja2). Every page works without JavaScript; its URL is its permalink."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from rightstrack.analysis.coverage import Coverage, fetch_command, store_coverage
from rightstrack.analysis.drafting import draft_report
from rightstrack.domain import RecordKind, Vocabulary
from rightstrack.languages import N_
from rightstrack.reference.issues import ACTION_CATEGORIES
from rightstrack.reference.undocs import document_url
from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import Dimension, SearchQuery
from rightstrack.search.records import Hit
from rightstrack.web.appstate import models_of
from rightstrack.web.auth import current_user
from rightstrack.web.i18n import (
    COOKIE,
    LOCALES,
    Formatter,
    install_filters,
    negotiate,
    translations,
)
from rightstrack.web.lanes import in_search_lane
from rightstrack.web.params import lenient_search_query, query_string, search_query
from rightstrack.web.search_view import (
    FACET_SHOWN,
    ValueLinks,
    chips,
    clear_url,
    facet_link,
    facet_links,
    matching,
    value_counts,
)
from rightstrack.web.security import CSRF_FIELD, check_csrf, csrf_token, remember_csrf, safe_next

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
install_filters(templates.env)


def _engine(request: Request) -> SearchEngine:
    engine: SearchEngine = request.app.state.search
    return engine


def highlighted(hit: Hit) -> Markup:
    """The text with matched words in <mark>, everything else escaped."""
    parts: list[str] = []
    cursor = 0
    for start, end in hit.highlights:
        parts.append(str(escape(hit.text[cursor:start])))
        parts.append(f"<mark>{escape(hit.text[start:end])}</mark>")
        cursor = end
    parts.append(str(escape(hit.text[cursor:])))
    return Markup("".join(parts))


# N_ marks the names for translation; the template translates them when it shows them.
KIND_NAMES = {
    RecordKind.RECOMMENDATION.value: N_("Recommendation"),
    RecordKind.PLEDGE.value: N_("Voluntary pledge"),
    RecordKind.CONCERN.value: N_("Concern or observation"),
    RecordKind.OTHER.value: N_("Other observation"),
}
# Marked for translation: templates show a record's mechanism through _().
MECHANISM_NAMES = [N_("UPR"), N_("Treaty body"), N_("Special procedure"), N_("Election observation")]

VOCABULARY_NAMES = {
    Vocabulary.UHRI_THEME.value: N_("UHRI themes"),
    Vocabulary.AFFECTED_PERSONS.value: N_("Affected persons"),
    Vocabulary.SDG.value: N_("Sustainable Development Goals"),
}


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    locale = negotiate(request)
    gettext = translations(locale).gettext
    base = {
        "_": gettext,
        "fmt": Formatter(locale),
        "locale": locale,
        "locales": LOCALES,
        "csrf_field": CSRF_FIELD,
        "csrf_token": csrf_token(request),
        "current_url": str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""),
        "dimensions": list(Dimension),
        "action_categories": ACTION_CATEGORIES,
        "vocabulary_names": VOCABULARY_NAMES,
        "kind_names": KIND_NAMES,
        "document_url": document_url,
        "fetch_command": fetch_command,
        "user": current_user(request),
        # Every page says what the data covers (where it ends), computed from the store.
        "coverage": _coverage(request),
    }
    response = templates.TemplateResponse(request, template, {**base, **context}, status_code=status_code)
    remember_csrf(request, response)
    if request.query_params.get("lang") in LOCALES:
        response.set_cookie(COOKIE, request.query_params["lang"], samesite="lax", max_age=365 * 86400)
    return response


def _coverage(request: Request) -> Coverage | None:
    search = getattr(request.app.state, "search", None)
    return store_coverage(search.engine) if isinstance(search, SearchEngine) else None


@router.get("/", response_class=HTMLResponse)
async def search_page(request: Request) -> HTMLResponse:
    # A part of the search that cannot be read is said on the page, beside the rest of the search.
    query, problems = lenient_search_query(request.query_params)
    return await in_search_lane(_search_page, request, query, problems)


def _search_page(request: Request, query: SearchQuery, problems: list[str]) -> HTMLResponse:
    result = _engine(request).search(query)
    return render(
        request,
        "search.html",
        {
            "query": query,
            "result": result,
            "problems": problems,
            "facets": facet_links(result),
            "value_counts": value_counts(result),
            "facet_shown": FACET_SHOWN,
            "chips": chips(result),
            "clear_url": clear_url(query),
            "highlighted": highlighted,
            "qs": query_string(query),
            "page_url": lambda page: "/?" + query_string(query, page=page if page > 1 else None),
            "sorts": ["relevance", "recent", "session", "state"],
        },
        status_code=400 if problems else 200,
    )


@router.get("/facets/{dimension}", response_class=HTMLResponse)
async def facet_page(request: Request, dimension: Dimension, find: str = "") -> HTMLResponse:
    """Every value of one facet under a search, with its counts: the facet complete without
    script (the search page lists its first values; type-ahead finds the others)."""
    query = replace(search_query(request.query_params, strict=False), page=1, per_page=0)
    engine = _engine(request)
    values = await in_search_lane(engine.facet, query, dimension)
    result = await in_search_lane(engine.search, query)  # the search's own: evaluated already
    links = ValueLinks(query)
    return render(
        request,
        "facet.html",
        {
            "query": query,
            "dimension": dimension,
            "find": find.strip()[:100],
            "every": len(values),
            "links": [facet_link(links, dimension, v) for v in matching(values, find[:100])],
            "chips": chips(result),
            "total": result.total,
            "qs": query_string(query),
        },
    )


@router.post("/language")
def set_language(
    request: Request,
    lang: Annotated[str, Form()],
    csrf_token_field: Annotated[str, Form(alias=CSRF_FIELD)] = "",
    next_url: Annotated[str, Form(alias="next")] = "/",
) -> RedirectResponse:
    check_csrf(request, csrf_token_field)
    response = RedirectResponse(safe_next(next_url), status_code=303)
    if lang in LOCALES:
        response.set_cookie(COOKIE, lang, samesite="lax", max_age=365 * 86400)
    return response


@router.get("/draft", response_class=HTMLResponse)
async def draft_page(request: Request, text: str = "") -> HTMLResponse:
    """SMART help for a draft recommendation, and how similar ones fared."""
    text = text.strip()[:2000]
    report = None
    if len(text) >= 3:
        report = await in_search_lane(lambda: draft_report(_engine(request), models_of(request), text))
    return render(request, "draft.html", {"text": text, "report": report})
