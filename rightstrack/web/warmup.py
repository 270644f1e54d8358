"""What the first page after a start would otherwise pay for, loaded beside the server instead.

Measured on the real data (profiles of a fresh app's first request, 2 shared cores): compiling
the page templates cost ~0.3–0.5 s, Babel's locale data ~0.1 s, the Council elections' reference
files ~0.05 s, the first compilation of a record's SQL statements ~0.05 s. bench/web_bench.py
(``first``) times the first request after a start.
The work runs in a daemon thread started with the app, so the server answers as soon as it did
before (readiness is not delayed); a request that comes first simply does its own share.
Compiled templates are kept in the cache folder, so only the first start after a change compiles.
Similar records and thematic clusters (scikit-learn) are not warmed here: their pages are
fetched after the page that shows them (static/fragments.js).
"""

from __future__ import annotations

import logging
import threading
from datetime import date

from fastapi.templating import Jinja2Templates
from jinja2 import FileSystemBytecodeCache

from rightstrack.config import cache_dir
from rightstrack.languages import LOCALES, Formatter, translations
from rightstrack.reference.hrc import election_data
from rightstrack.reference.membership import timeline
from rightstrack.search.engine import SearchEngine

log = logging.getLogger(__name__)


def warm_pages(templates: Jinja2Templates, search: SearchEngine) -> threading.Thread:
    if templates.env.bytecode_cache is None and (folder := cache_dir()) is not None:
        # Compiled templates kept between starts (Jinja checks each against its source's checksum).
        try:
            (folder / "templates").mkdir(parents=True, exist_ok=True)
            templates.env.bytecode_cache = FileSystemBytecodeCache(str(folder / "templates"))
        except OSError:
            log.warning("no cache of compiled templates: %s is not writable", folder)
    thread = threading.Thread(target=_warm, args=(templates, search), name="warm-pages", daemon=True)
    thread.start()
    return thread


def _warm(templates: Jinja2Templates, search: SearchEngine) -> None:
    try:
        for name in templates.env.list_templates(extensions=["html"]):
            templates.env.get_template(name)
        for locale in LOCALES:
            translations(locale)
            formatter = Formatter(locale)
            formatter.date(date(2010, 2, 16))
            formatter.number(1234)
            formatter.percent(0.5)
            formatter.session_month(1)
        search.sources(0)  # compiles a record's statements; no record has id 0
        # A state's page: the compiled Council elections and the membership timeline it reads.
        election_data()
        timeline().membership_lookup()
    except Exception:  # a warm-up never stops a server: the request that needs it does the work
        log.exception("warming the pages failed")
