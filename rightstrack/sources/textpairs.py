"""Pairing two lists of recommendation texts that say the same things in slightly different words.

Used where one recommendation arrives from two sources (a UPR Info row and a report paragraph, a
report paragraph and an OHCHR matrix row) and by the parser's evaluation. Texts are compared in
normalised form with rapidfuzz's ratio; pairs are taken best first, each text at most once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

from rightstrack.domain import text_key

THRESHOLD = 90.0  # rapidfuzz scores are 0–100

# The first reports (2008) word recommendations as "To adopt …" or "That Algeria take …";
# UPR Info's coders dropped those openings, so they are left out of the comparison too.
_OPENING = re.compile(r"^(?:To|That\s+(?:the\s+)?(?:State|Government|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*))\s+")


def comparable(text: str) -> str:
    return text_key(_OPENING.sub("", text.strip()))


def best_pairs(
    ours: Sequence[str], theirs: Sequence[str], threshold: float = THRESHOLD
) -> list[tuple[int, int, float]]:
    """(index in ours, index in theirs, score) for texts that match, best pairs first, one to one.
    Both sides must already be :func:`comparable`."""
    if not ours or not theirs:
        return []
    scores = process.cdist(list(ours), list(theirs), scorer=fuzz.ratio, workers=1)
    candidates = np.argwhere(scores >= threshold)
    order = np.argsort(-scores[candidates[:, 0], candidates[:, 1]], kind="stable")
    pairs: list[tuple[int, int, float]] = []
    used_ours: set[int] = set()
    used_theirs: set[int] = set()
    for i, j in candidates[order]:
        if i in used_ours or j in used_theirs:
            continue
        used_ours.add(int(i))
        used_theirs.add(int(j))
        pairs.append((int(i), int(j), float(scores[i, j])))
    return pairs
