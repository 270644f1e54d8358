"""UN documents by symbol, from the UN's document system.

``https://documents.un.org/api/symbol/access?s=SYMBOL&l=en&t=pdf`` redirects to the file (``t=docx``
or ``t=doc`` for Word); a symbol it does not know redirects to an ``/error`` page. The fallback,
``https://docs.un.org/en/SYMBOL?direct=true``, serves the PDF itself, and an HTML page with status
200 for a symbol it does not know: the downloader checks the first bytes, not the status.

A UPR session's documents: the Working Group's own ``A/HRC/WG.6/<session>/<ISO3>/1|2|3`` (national
report, UN compilation, stakeholders' summary) for each state reviewed, and the Working Group's
reports ``A/HRC/<Council session>/<n>`` with their addenda.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from rightstrack import config
from rightstrack.reference.states import UnknownStateError, resolve_state
from rightstrack.sources.http import Downloader, Progress
from rightstrack.sources.http_errors import (
    ChangedFormatError,
    ClientError,
    DownloadError,
    Expect,
    HtmlInsteadOfDataError,
    NotFoundError,
    UnknownSymbolError,
)

ACCESS_BASE = "https://documents.un.org"
DIRECT_BASE = "https://docs.un.org"
MAX_SYMBOL = 80
# Symbols are parts of letters, digits and dots between slashes: "A/HRC/WG.6/20/SVN/1",
# "A/HRC/28/16/Add.1", "CRC/C/PER/CO/6-7", "E/CN.4/2005/L.10/Rev.1" (hyphens in ranges of reports).
_SYMBOL = re.compile(r"[A-Za-z][A-Za-z0-9.\-]{0,15}(?:/[A-Za-z0-9.\-]{1,15}){1,9}")
_SUFFIX_PART = re.compile(r"(?:add|rev|corr|amend|sub)\.\d+", re.I)
_REPORT = re.compile(r"A/HRC/\d{1,2}/\d{1,3}")
FORMATS: dict[str, Expect] = {"pdf": Expect.PDF, "docx": Expect.DOCX, "doc": Expect.DOC}
LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh")


class InvalidSymbolError(ValueError):
    pass


def normalise_symbol(text: str) -> str:
    """The symbol as the UN writes it, or InvalidSymbolError: bounded, and only the characters
    symbols use (a symbol goes into a URL and a file name)."""
    symbol = re.sub(r"\s*/\s*", "/", text.strip())
    if len(symbol) > MAX_SYMBOL or not _SYMBOL.fullmatch(symbol) or ".." in symbol:
        shown = symbol if len(symbol) <= MAX_SYMBOL else symbol[:MAX_SYMBOL] + "…"
        raise InvalidSymbolError(
            f"not a UN document symbol: {shown!r} (expected parts of letters, digits, '.' and '-' "
            f"between slashes, like A/HRC/28/16, at most {MAX_SYMBOL} characters)"
        )
    # The series parts are upper case ("a/hrc/28/16" is A/HRC/28/16); "Add.1", "Rev.1" keep theirs.
    return "/".join(
        part.title() if _SUFFIX_PART.fullmatch(part) else part.upper() for part in symbol.split("/")
    )


def access_url(symbol: str, file_format: str = "pdf", language: str = "en", base: str = ACCESS_BASE) -> str:
    """The document system's address for a symbol in one format (pdf, docx or doc)."""
    if file_format not in FORMATS:
        raise ValueError(f"no format {file_format!r}: one of {', '.join(FORMATS)}")
    if language not in LANGUAGES:
        raise ValueError(f"no language {language!r}: one of {', '.join(LANGUAGES)}")
    query = urlencode({"s": normalise_symbol(symbol), "l": language, "t": file_format})
    return f"{base.rstrip('/')}/api/symbol/access?{query}"


def direct_url(symbol: str, language: str = "en", base: str = DIRECT_BASE) -> str:
    """The fallback address, which serves the PDF itself."""
    if language not in LANGUAGES:
        raise ValueError(f"no language {language!r}: one of {', '.join(LANGUAGES)}")
    return f"{base.rstrip('/')}/{language}/{normalise_symbol(symbol)}?direct=true"


def file_name(symbol: str, file_format: str = "pdf") -> str:
    """A file name for a symbol: slashes become underscores (A_HRC_28_16_Add.1.pdf)."""
    return normalise_symbol(symbol).replace("/", "_") + "." + file_format


def wg_document_symbols(session: int, states: Iterable[str]) -> list[str]:
    """The Working Group's own documents for each state reviewed in a session."""
    return [f"A/HRC/WG.6/{session}/{code}/{n}" for code in sorted(set(states)) for n in (1, 2, 3)]


def report_symbols(symbols: Iterable[str]) -> list[str]:
    """Working Group report symbols and their first addendum, from whatever symbols were stored."""
    reports = sorted({m.group(0) for s in symbols if (m := _REPORT.match(s or ""))})
    return [symbol for report in reports for symbol in (report, f"{report}/Add.1")]


def reviewed_in_reference(session: int, path: Path | None = None) -> tuple[list[str], list[str]]:
    """States reviewed in a session per the shared reference table (sessions 1–20): their codes,
    and the names it gives that no state resolves (reported, never guessed)."""
    path = path or config.data_dir() / "reference" / "upr-sessions-1-20.csv"
    if not path.is_file():
        return [], []
    codes: list[str] = []
    unknown: list[str] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if (row.get("Session") or "").strip() != str(session):
                continue
            name = (row.get("To") or "").strip()
            try:
                codes.append(resolve_state(name).code)
            except UnknownStateError:
                unknown.append(name)
    return codes, unknown


@dataclass(frozen=True)
class Fetched:
    symbol: str
    path: Path | None  # None when it could not be fetched
    url: str = ""
    outcome: str = ""  # the downloader's outcome ("downloaded", "unchanged", …)
    error: DownloadError | None = None


# What the fallback may still find: the document system said no, or served a page, not a file.
_TRY_FALLBACK = (UnknownSymbolError, NotFoundError, HtmlInsteadOfDataError, ChangedFormatError, ClientError)


def fetch_symbol(
    downloader: Downloader,
    symbol: str,
    folder: Path,
    *,
    file_format: str = "pdf",
    language: str = "en",
    access_base: str = ACCESS_BASE,
    direct_base: str = DIRECT_BASE,
    progress: Progress | None = None,
) -> Fetched:
    """Fetch one document into ``folder``; the direct address is tried when the document system's
    API does not give the file (PDF only: the direct address serves nothing else). Network failures
    other than "no such document" (5xx after retries, a cut connection) are raised."""
    symbol = normalise_symbol(symbol)
    target = folder / file_name(symbol, file_format)
    url = access_url(symbol, file_format, language, access_base)
    try:
        result = downloader.fetch(url, target, expect=FORMATS[file_format], progress=progress)
        return Fetched(symbol, result.path, url, result.outcome.value)
    except _TRY_FALLBACK as first:
        if file_format != "pdf":
            return Fetched(symbol, None, url, error=first)
        fallback = direct_url(symbol, language, direct_base)
        try:
            result = downloader.fetch(fallback, target, expect=Expect.PDF, progress=progress)
        except _TRY_FALLBACK:
            # The API's word ("unknown symbol", 404) says more than the fallback's page.
            return Fetched(symbol, None, url, error=first)
        return Fetched(symbol, result.path, fallback, result.outcome.value)
