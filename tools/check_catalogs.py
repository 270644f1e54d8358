"""Fails when a French or Spanish catalogue leaves a message of the template untranslated or fuzzy.

The .po files under rightstrack/locales are the translations' source of truth, edited with Poedit or
any editor. ``make messages`` extracts the template and merges it into them with ``pybabel update
--no-fuzzy-matching``, so a new or changed message arrives there empty; this check is what makes
that run fail, naming the locale and the messages, instead of shipping English on a French page.
Fuzzy entries fail too: the app drops them (as msgfmt does), so a fuzzy translation is a missing one.

Usage: ``python tools/check_catalogs.py [LOCALE_DIR]`` (default: rightstrack/locales).
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "rightstrack" / "locales"
DOMAIN = "messages"
LOCALES = ("fr", "es")


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def problems(locale_dir: Path = LOCALE_DIR, locales: tuple[str, ...] = LOCALES) -> dict[str, list[str]]:
    """Per locale, one line per message of the template that its catalogue does not translate:
    missing, empty or fuzzy. A locale whose catalogue is complete is left out."""
    template = _read(locale_dir / f"{DOMAIN}.pot")
    found: dict[str, list[str]] = {}
    for locale in locales:
        path = locale_dir / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not path.exists():
            found[locale] = [f"no catalogue at {path}"]
            continue
        catalog = _read(path, locale)
        lines = []
        for message in template:
            if not message.id:
                continue
            entry = catalog.get(message.id, message.context)
            if entry is None:
                lines.append(f"missing: {message.id!r}")
            elif entry.fuzzy:
                lines.append(f"fuzzy: {message.id!r}")
            elif not entry.string or (isinstance(entry.string, tuple) and not all(entry.string)):
                lines.append(f"untranslated: {message.id!r}")
        if lines:
            found[locale] = lines
    return found


def main(argv: list[str]) -> int:
    locale_dir = Path(argv[0]) if argv else LOCALE_DIR
    found = problems(locale_dir)
    for locale, lines in found.items():
        print(f"{locale}: {len(lines)} message(s) to translate in {locale}/LC_MESSAGES/{DOMAIN}.po")
        for line in lines:
            print(f"  {line}")
    if found:
        print("Translate them (Poedit or any editor), then run `make messages` again.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
