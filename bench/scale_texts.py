"""New recommendation texts varied from real ones, for the scale dataset (``scale_data.py``).

A copy of a real text would be dropped by the loaders (same state, session and text is one record)
and would leave the full-text index with the vocabulary of 38,000 texts repeated thirteen times.
So each text is a real one changed the ways UN texts vary among themselves: a clause taken from
another real text on the same issue, a verb or an adjective for a near-synonym, a clause added or
dropped. The words stay the real texts' words, in their real proportions; the sentences are new.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from rightstrack.domain import text_key

# Near-synonyms the texts themselves use at the start of a recommendation.
VERB_GROUPS: tuple[tuple[str, ...], ...] = (
    ("Ensure", "Guarantee", "Make sure"),
    ("Strengthen", "Reinforce", "Step up", "Intensify", "Redouble", "Enhance"),
    ("Continue", "Pursue", "Maintain", "Keep up"),
    ("Adopt", "Enact", "Pass"),
    ("Take", "Undertake"),
    ("Establish", "Set up", "Create"),
    ("Promote", "Foster", "Encourage", "Advance"),
    ("Consider", "Examine", "Study", "Explore"),
    ("Implement", "Carry out", "Apply", "Give effect to"),
    ("Ratify", "Accede to", "Become party to"),
    ("Combat", "Fight", "Tackle", "Address"),
    ("Increase", "Expand", "Raise", "Extend"),
    ("Improve", "Upgrade", "Better"),
)
ADJECTIVE_GROUPS: tuple[tuple[str, ...], ...] = (
    ("effective", "efficient", "concrete", "appropriate", "adequate"),
    ("comprehensive", "thorough", "full", "complete"),
    ("independent", "impartial"),
    ("national", "domestic"),
    ("further", "additional", "more"),
    ("necessary", "required", "needed"),
    ("prompt", "swift", "timely"),
    ("all", "every"),
)
LINKS = ("and", "including", "in particular", "as well as", "especially", "with a view to")
_VERB_OF = {verb.casefold(): group for group in VERB_GROUPS for verb in group}
_ADJECTIVE_OF = {word: group for group in ADJECTIVE_GROUPS for word in group}
_ADJECTIVE_WORD = re.compile(r"\b(" + "|".join(sorted(_ADJECTIVE_OF, key=len, reverse=True)) + r")\b")
_CLAUSE_BREAK = re.compile(r"(?<=[,;])\s+|\s+(?=(?:and|including|in particular|as well as) )")


def clauses(text: str) -> list[str]:
    """A text cut where its own punctuation or links cut it."""
    return [part for part in _CLAUSE_BREAK.split(text.strip().rstrip(".")) if part]


def borrowable_clauses(texts: Sequence[str]) -> list[str]:
    """Clauses after the first of every text: what another text may borrow."""
    return [c for text in texts for c in clauses(text)[1:] if 12 <= len(c) <= 220]


class TextVariety:
    """Varies real texts into texts never seen before (by :func:`text_key`), reproducibly."""

    def __init__(self, tails: Sequence[str], rng: random.Random) -> None:
        """``tails``: clauses any text may borrow (:func:`borrowable_clauses` of the real texts)."""
        self._rng = rng
        self._seen: set[str] = set()
        self._tails = list(tails)

    def vary(self, text: str, related: Sequence[str] = ()) -> str:
        """A new text from ``text``, borrowing clauses from ``related`` texts (same issue) first."""
        base = clauses(text) or [text]
        for attempt in range(12):
            parts = list(base)
            changes = 1 + attempt // 3 + self._rng.choice((0, 0, 1, 2))
            for _ in range(changes):
                parts = self._change(parts, related)
            candidate = _sentence(parts)
            key = text_key(candidate)
            if key and key not in self._seen:
                self._seen.add(key)
                return candidate
        # Still not new after twelve tries (a very short, very common text): lengthen it until it is.
        parts = list(base)
        while True:
            parts.append(self._borrow(related))
            candidate = _sentence(parts)
            if (key := text_key(candidate)) not in self._seen:
                self._seen.add(key)
                return candidate

    def _borrow(self, related: Sequence[str]) -> str:
        if related and self._rng.random() < 0.7:
            tails = clauses(self._rng.choice(related))[1:]
            if tails:
                return self._rng.choice(tails)
        return self._rng.choice(self._tails)

    def _change(self, parts: list[str], related: Sequence[str]) -> list[str]:
        roll = self._rng.random()
        if roll < 0.25:
            return [_swap_verb(parts[0], self._rng), *parts[1:]]
        if roll < 0.45:
            index = self._rng.randrange(len(parts))
            return [*parts[:index], _swap_adjective(parts[index], self._rng), *parts[index + 1 :]]
        if roll < 0.65 and len(parts) > 1:
            index = self._rng.randrange(1, len(parts))
            return [*parts[:index], self._borrow(related), *parts[index + 1 :]]
        if roll < 0.8 and len(parts) > 2:
            return parts[:-1]
        return [*parts, self._link(self._borrow(related))]

    def _link(self, clause: str) -> str:
        first = clause.split(" ", 1)[0].casefold()
        if first in {"and", "including", "in", "as", "especially", "with", "to", "by", "through"}:
            return clause
        return f"{self._rng.choice(LINKS)} {clause[:1].lower()}{clause[1:]}"


def _swap_verb(clause: str, rng: random.Random) -> str:
    for length in (3, 2, 1):
        words = clause.split(" ")
        head = " ".join(words[:length])
        group = _VERB_OF.get(head.casefold())
        if group:
            return " ".join([rng.choice(group), *words[length:]])
    return clause


def _swap_adjective(clause: str, rng: random.Random) -> str:
    found = list(_ADJECTIVE_WORD.finditer(clause))
    if not found:
        return clause
    match = rng.choice(found)
    return clause[: match.start()] + rng.choice(_ADJECTIVE_OF[match.group(1)]) + clause[match.end() :]


def _sentence(parts: list[str]) -> str:
    text = " ".join(part.strip() for part in parts if part.strip())
    text = re.sub(r"[,;]\s*$", "", text).strip()
    text = re.sub(r"\s+([,;])", r"\1", text)
    return f"{text[:1].upper()}{text[1:]}."
