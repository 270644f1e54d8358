"""Writes the French and Spanish catalogues (rightstrack/locales/*/LC_MESSAGES/messages.po).

Run after ``make messages`` has extracted new strings: every extracted msgid must have an entry
here (the test suite checks that the catalogues cover the templates).
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from messages_elections import TRANSLATIONS as ELECTIONS  # tools/ is on the path when run as a script
from messages_eom import TRANSLATIONS as EOM
from messages_site import TRANSLATIONS as SITE
from messages_tracking import TRANSLATIONS as TRACKING

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "rightstrack" / "locales" / "messages.pot"

# msgid: (French, Spanish), from the catalogues beside this file
TRANSLATIONS: dict[str, tuple[str, str]] = {**TRACKING, **SITE, **ELECTIONS, **EOM}


def main() -> None:
    with TEMPLATE.open("rb") as handle:
        template = read_po(handle)
    missing = [m.id for m in template if m.id and m.id not in TRANSLATIONS]
    if missing:
        raise SystemExit("no translation for: " + "; ".join(map(str, missing)))
    for column, locale in enumerate(("fr", "es")):
        catalog = Catalog(locale=locale, project="RightsTrack", fuzzy=False)
        for message in template:
            if message.id:
                catalog.add(message.id, TRANSLATIONS[str(message.id)][column])
        target = TEMPLATE.parent / locale / "LC_MESSAGES" / "messages.po"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            write_po(handle, catalog, omit_header=False, width=100)
        print(f"wrote {target.relative_to(ROOT)} ({len(catalog)} messages)")


if __name__ == "__main__":
    main()
