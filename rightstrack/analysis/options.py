"""What the analyses' callers choose, apart from the analyses themselves (numpy, pandas,
scikit-learn): the basis counts are made on, and the defaults of the comparison of missions'
recommendations with the UPR's. The command line builds its options from them when it starts,
and ``rightstrack --help`` must not wait for the libraries the analyses need."""

from __future__ import annotations

from enum import StrEnum


class Basis(StrEnum):
    ROWS = "rows"
    RECORDS = "records"

    @property
    def label(self) -> str:
        if self is Basis.ROWS:
            return "rows (one per recommending state)"
        return "recommendations (joint recommendations once)"


# Below this, texts share words but not a point. Measured on the worked examples (Belarus, Cambodia)
# against UPR Info's texts: pairs that ask for the same thing scored 0.10 to 0.20 (observers' access,
# the election body's independence, electoral reform along ODIHR's recommendations); pairs that
# only both concern elections scored 0.05 and less.
MIN_SIMILARITY = 0.08
DEFAULT_LIMIT = 5
