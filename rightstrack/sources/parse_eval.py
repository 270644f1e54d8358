"""How well the report parser reads the UN's reports, measured against UPR Info's hand coding.

For each report the recommendations it yields are matched one to one with UPR Info's records of
the same state under review and session, by the similarity of their normalised texts (rapidfuzz
ratio ≥ 0.9, best pairs first). Precision, recall and F1 count the matches; recommending states
are right when the sets agree; responses are compared where the report itself states them
(supported or noted: "to be examined" is answered later, in the addendum).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rightstrack.domain import Recommendation, RecordKind, Response
from rightstrack.sources import uprinfo
from rightstrack.sources.textpairs import best_pairs, comparable
from rightstrack.sources.wgreport import NotAReportError, Position, WorkingGroupReport, read_report


@dataclass
class Pair:
    ours: str
    theirs: str
    score: float
    our_states: tuple[str, ...]
    their_states: tuple[str, ...]
    our_position: Position | None
    their_response: Response | None


class _Rates:
    """Precision, recall and F1 of anything that counts matched, extracted and expected items."""

    def _counts(self) -> tuple[int, int, int]:
        raise NotImplementedError

    @property
    def precision(self) -> float:
        matched, extracted, _ = self._counts()
        return matched / extracted if extracted else 0.0

    @property
    def recall(self) -> float:
        matched, _, expected = self._counts()
        return matched / expected if expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ReportScore(_Rates):
    report: str
    sur: str | None
    session: int | None
    extracted: int
    expected: int
    pairs: list[Pair]
    unmatched_ours: list[str]
    unmatched_theirs: list[str]
    error: str | None = None

    @property
    def matched(self) -> int:
        return len(self.pairs)

    def _counts(self) -> tuple[int, int, int]:
        return self.matched, self.extracted, self.expected

    @property
    def states_right(self) -> int:
        return sum(set(p.our_states) == set(p.their_states) for p in self.pairs)

    @property
    def responses_compared(self) -> list[Pair]:
        return [
            p
            for p in self.pairs
            if p.our_position in (Position.SUPPORTED, Position.NOTED) and p.their_response
        ]

    @property
    def responses_right(self) -> int:
        wanted = {Position.SUPPORTED: Response.ACCEPTED, Position.NOTED: Response.NOTED}
        return sum(
            wanted[p.our_position] == p.their_response for p in self.responses_compared if p.our_position
        )


@dataclass
class Totals(_Rates):
    extracted: int
    expected: int
    matched: int
    states_right: int
    responses_compared: int
    responses_right: int

    def _counts(self) -> tuple[int, int, int]:
        return self.matched, self.extracted, self.expected

    @property
    def state_accuracy(self) -> float:
        return self.states_right / self.matched if self.matched else 0.0

    @property
    def response_accuracy(self) -> float:
        return self.responses_right / self.responses_compared if self.responses_compared else 0.0


def totals(scores: Iterable[ReportScore]) -> Totals:
    scores = list(scores)
    return Totals(
        extracted=sum(s.extracted for s in scores),
        expected=sum(s.expected for s in scores),
        matched=sum(s.matched for s in scores),
        states_right=sum(s.states_right for s in scores),
        responses_compared=sum(len(s.responses_compared) for s in scores),
        responses_right=sum(s.responses_right for s in scores),
    )


def upr_info_by_review(folder: Path) -> dict[tuple[str, int], list[Recommendation]]:
    by_review: dict[tuple[str, int], list[Recommendation]] = defaultdict(list)
    for path in sorted(folder.glob("*.csv")):
        if not uprinfo.looks_like_export(path):
            continue
        for record in uprinfo.parse_file(path).records:
            if record.kind is RecordKind.RECOMMENDATION:
                by_review[(record.sur, record.session)].append(record)
    return by_review


def match(report: WorkingGroupReport, expected: list[Recommendation]) -> ReportScore:
    ours = [comparable(r.text) for r in report.recommendations]
    theirs = [comparable(r.text) for r in expected]
    pairs: list[Pair] = []
    found = best_pairs(ours, theirs)
    used_ours = {i for i, _, _ in found}
    used_theirs = {j for _, j, _ in found}
    for i, j, score in found:
        mine, other = report.recommendations[i], expected[j]
        their_states = tuple(sorted({code for code, _ in other.recommenders if code}))
        pairs.append(
            Pair(mine.text, other.text, score, mine.recommenders, their_states, mine.position, other.response)
        )
    return ReportScore(
        report=report.source,
        sur=report.sur,
        session=report.session,
        extracted=len(ours),
        expected=len(theirs),
        pairs=pairs,
        unmatched_ours=[r.text for k, r in enumerate(report.recommendations) if k not in used_ours],
        unmatched_theirs=[r.text for k, r in enumerate(expected) if k not in used_theirs],
    )


def evaluate(
    paths: Iterable[Path], by_review: dict[tuple[str, int], list[Recommendation]]
) -> list[ReportScore]:
    """Scores for every report that has counterparts in UPR Info's data (others are skipped)."""
    scores = []
    for path in paths:
        try:
            report = read_report(path)
        except (NotAReportError, ValueError) as exc:
            scores.append(ReportScore(path.name, None, None, 0, 0, [], [], [], error=str(exc)))
            continue
        if report.sur is None or report.session is None:
            scores.append(
                ReportScore(path.name, report.sur, report.session, 0, 0, [], [], [], "no SuR/session")
            )
            continue
        expected = by_review.get((report.sur, report.session))
        if not expected:
            continue
        scores.append(match(report, expected))
    return scores
