"""Links to the UN's documents by symbol (the data README, "The UN's document system")."""

from __future__ import annotations

from urllib.parse import quote

DOCUMENT_BASE = "https://docs.un.org/en/"


def document_url(symbol: str) -> str:
    """The UN Official Document System's page of a document: ``https://docs.un.org/en/CAT/C/SVN/CO/4``.

    The symbol's slashes are the path; anything else a symbol may hold (spaces, brackets) is quoted."""
    return DOCUMENT_BASE + quote(symbol.strip(), safe="/.-")
