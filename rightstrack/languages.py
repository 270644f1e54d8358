"""Languages of RightsTrack's pages and reports: English, French and Spanish — the working
languages of the Council's documents. Catalogues are Babel .po files under ``locales/``, compiled in
memory when first used (no build step); numbers and dates follow the chosen locale."""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from datetime import date
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import Translations

from rightstrack.reference.sessions import session

LOCALES = ("en", "fr", "es")


def N_(message: str) -> str:
    """Marks a message for ``pybabel extract -k N_`` where it is defined; it is translated later,
    where it is shown, with ``_()``."""
    return message


DEFAULT_LOCALE = "en"
LOCALE_DIR = Path(__file__).parent / "locales"


@cache
def translations(locale: str) -> gettext.NullTranslations:
    path = LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po"
    if locale == DEFAULT_LOCALE or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(fp=compiled)


@dataclass(frozen=True)
class Formatter:
    locale: str

    def number(self, value: float | int) -> str:
        return format_decimal(value, locale=self.locale)

    def percent(self, value: float | None, digits: int = 1) -> str:
        """A percentage in the locale's own pattern ("75.9%", "75,9 %"), with ``digits`` decimals."""
        if value is None:
            return "—"
        pattern = Locale.parse(self.locale).percent_formats[None].pattern
        head, zero, tail = pattern.rpartition("0")
        return format_percent(value, format=f"{head}{zero}.{'0' * digits}{tail}", locale=self.locale)

    def date(self, value: date) -> str:
        return format_date(value, format="long", locale=self.locale)

    def session_month(self, number: int) -> str:
        """When a UPR session opened, as "January 2014" / "janvier 2014" / "enero de 2014"."""
        opened = session(number)
        return format_skeleton("yMMMM", date(opened.year, opened.month, 1), locale=self.locale)

    @property
    def language_name(self) -> str:
        return Locale.parse(self.locale).get_display_name(self.locale) or self.locale
