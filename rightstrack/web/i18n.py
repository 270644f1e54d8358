"""The interface language of a request: ``?lang=``, the cookie, or the browser's preference."""

from __future__ import annotations

from collections.abc import Iterable

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from starlette.requests import Request

from rightstrack.domain import Mechanism
from rightstrack.languages import DEFAULT_LOCALE, LOCALES, N_, Formatter, translations
from rightstrack.reference.names import sort_key, state_name, term
from rightstrack.search.query import Dimension

__all__ = [
    "COOKIE",
    "LOCALES",
    "Formatter",
    "install_filters",
    "label",
    "negotiate",
    "shown",
    "sort_key",
    "state_name",
    "state_names",
    "term",
    "translations",
]

COOKIE = "lang"


def negotiate(request: Request) -> str:
    """The locale asked for by ``?lang=``, then the cookie, then the browser's languages."""
    for candidate in (request.query_params.get("lang"), request.cookies.get(COOKIE)):
        if candidate in LOCALES:
            return candidate
    header = request.headers.get("accept-language", "")
    weighted = []
    for part in header.split(","):
        tag, _, weight = part.strip().partition(";q=")
        try:
            weighted.append((float(weight) if weight else 1.0, tag.split("-")[0].lower()))
        except ValueError:
            continue
    for _, tag in sorted(weighted, reverse=True):
        if tag in LOCALES:
            return tag
    return DEFAULT_LOCALE


# How each dimension's values are shown in the page's language: states by their names in it, the
# taxonomies' terms from the reference translations, the app's own words (groups, responses,
# kinds) through the catalogue. Numbers, bodies and free names are shown as they are.
_STATES = frozenset({Dimension.SUR, Dimension.RECOMMENDER})
_TERMS = frozenset(
    {
        Dimension.ISSUE,
        Dimension.PREDICTED_ISSUE,
        Dimension.THEME,
        Dimension.AFFECTED,
        Dimension.SDG,
        Dimension.SUR_ORG,  # abbreviations: OIC is OCI in French and Spanish
        Dimension.RECOMMENDER_ORG,
    }
)
_WORDS = frozenset(
    {
        Dimension.TYPE,
        Dimension.MECHANISM,
        Dimension.RESPONSE,
        Dimension.SUR_GROUP,
        Dimension.RECOMMENDER_GROUP,
        Dimension.SUR_COUNCIL,
        Dimension.RECOMMENDER_COUNCIL,
        Dimension.ACTION,  # its labels ("Specific action"); the codes 1–5 have no translation
    }
)
_MECHANISMS = frozenset(m.value for m in Mechanism)  # the UPR is its own body ("UPR" → "EPU")
# Record kinds as the interface names them (pages.KIND_NAMES): "concern" is a concern or observation.
_KINDS = {"concern": N_("Concern or observation"), "other": N_("Other observation")}
# Values the index gives records without one (search/index_build.MISSING, query.UNKNOWN_STATE).
_NO_VALUE = {"(none)": N_("(none)"), "(unknown)": N_("(unknown)")}


def shown(value: str, dimension: Dimension | str, locale: str) -> str:
    """A dimension's value as a reader of ``locale`` sees it; the value itself stays in URLs."""
    dimension = Dimension(dimension)
    if value in _NO_VALUE:
        return translations(locale).gettext(_NO_VALUE[value])
    if dimension is Dimension.TYPE and value in _KINDS:
        return translations(locale).gettext(_KINDS[value])
    if dimension in _STATES:
        return state_name(value, locale)
    if dimension in _TERMS:
        return term(value, locale)
    if dimension in _WORDS or (dimension is Dimension.BODY and value in _MECHANISMS):
        return translations(locale).gettext(value)
    return value


def label(text: str, locale: str) -> str:
    """A label made of reference words or the app's own: a term ("Right to health"), one followed
    by keywords ("Right to health: access, care", a proposed cluster), or a message of the
    catalogue ("All recommendations"); anything else (a name someone typed) as it is."""
    found = term(text, locale)
    if found != text:
        return found
    head, colon, rest = text.partition(": ")
    if colon and (translated := label(head, locale)) != head:
        return f"{translated}: {rest}"
    return translations(locale).gettext(text) if text else text


def _locale(context: Context) -> str:
    locale = context.get("locale", DEFAULT_LOCALE)
    return locale if isinstance(locale, str) else DEFAULT_LOCALE


@pass_context
def _state_filter(context: Context, value: str) -> str:
    return state_name(value, _locale(context))


@pass_context
def _term_filter(context: Context, value: str) -> str:
    return term(value, _locale(context))


@pass_context
def _label_filter(context: Context, value: str) -> str:
    return label(value, _locale(context))


@pass_context
def _shown_filter(context: Context, value: str, dimension: Dimension | str) -> str:
    return shown(value, dimension, _locale(context))


def install_filters(environment: Environment) -> None:
    """``state_name``, ``term`` and ``shown(dimension)`` for templates; each reads the page's locale."""
    environment.filters["state_name"] = _state_filter
    environment.filters["term"] = _term_filter
    environment.filters["label"] = _label_filter
    environment.filters["shown"] = _shown_filter


def state_names(codes: Iterable[str], locale: str) -> dict[str, str]:
    """Code → name in ``locale``, in the alphabetical order of those names (lists, menus)."""
    named = [(code, state_name(code, locale)) for code in codes]
    return dict(sorted(named, key=lambda pair: (sort_key(pair[1]), pair[1])))
