"""The interface language of a request: ``?lang=``, the cookie, or the browser's preference."""

from __future__ import annotations

from starlette.requests import Request

from rightstrack.languages import DEFAULT_LOCALE, LOCALES, Formatter, translations

__all__ = ["COOKIE", "LOCALES", "Formatter", "negotiate", "translations"]

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
