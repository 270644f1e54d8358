"""Election relevance: which recommendations concern elections, coded so or not.

UPR Info codes 241 rows ``Elections``; analysts also want what touches elections without that
code (voter registration, political participation, campaign freedoms, hate speech around a vote).
Relevance is the tagger's calibrated ``Elections`` score; the election words a text uses are listed
beside it, so a reviewer sees why it was found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rightstrack.classify.models import TrainedModels  # and with it scikit-learn: types only

ELECTIONS = "Elections"
ELECTION_TERMS = re.compile(
    r"\b(?:elections?|electoral|elect(?:ed)?|vot(?:e|es|ing|ers?)|ballots?|polling|referend(?:um|a)|"
    r"candidates?|campaign(?:s|ing)?|political participation|political part(?:y|ies)|suffrage|"
    r"constituenc(?:y|ies)|observers?|franchise)\b",
    re.I,
)


@dataclass(frozen=True)
class Relevance:
    score: float  # calibrated probability that UPR Info would code it Elections
    terms: tuple[str, ...]  # the election words in the text


def election_relevance(models: TrainedModels, texts: Sequence[str]) -> list[Relevance]:
    if not texts:
        return []
    column = list(models.issues.labels.classes_).index(ELECTIONS)
    scores = models.issues.scores(models.issues.decision(texts))[:, column]
    return [
        Relevance(
            float(score), tuple(dict.fromkeys(m.group(0).lower() for m in ELECTION_TERMS.finditer(text)))
        )
        for text, score in zip(texts, scores, strict=True)
    ]
