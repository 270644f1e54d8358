"""Word forms for full-text search, shared by the index and the queries.

Both sides reduce words to lemmas (simplemma: "women" → "woman", "children" → "child",
"ratified" → "ratify") and strip accents, so a search for one form finds the others on SQLite
(FTS5) and PostgreSQL (tsvector, 'simple' configuration) alike.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"\w+", re.UNICODE)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def word_form(word: str) -> str:
    lowered = word.casefold()
    if not lowered.isalpha():
        return strip_accents(lowered)
    # Imported here: loading simplemma (and, at its first word, its English dictionary) costs a
    # third of a second that a command reading no text should not pay.
    import simplemma

    lemma = simplemma.lemmatize(lowered, lang="en")
    return strip_accents(lemma.casefold())


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def index_text(text: str) -> str:
    """The text as the full-text index stores it: lemmas separated by spaces."""
    return " ".join(map(word_form, _WORD.findall(text)))


def highlight_terms(text: str, forms: set[str], prefixes: tuple[str, ...]) -> list[tuple[int, int]]:
    """Spans of the words in ``text`` whose word form is searched for (for highlighting)."""
    spans = []
    for match in _WORD.finditer(text):
        form = word_form(match.group())
        if form in forms or (prefixes and form.startswith(prefixes)):
            spans.append(match.span())
    return spans
