"""One vocabulary across sources: OHCHR's UHRI themes and UPR Info's issues, paired.

``theme_issues.csv`` pairs each UHRI theme (as ``uhri_themes.csv`` labels it) with the UPR Info
issues (``issues.py``) that cover the same subject, each pair with its reason. The pairs are
RightsTrack's reading of the two taxonomies' labels, not a table either publisher gives: see
SOURCES.md. A theme without a counterpart (budgets, statistics, business …) is left unpaired
rather than sent to UPR Info's catch-all "General" or "Other", which would say nothing.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rightstrack.reference.issues import canonical_issue
from rightstrack.reference.uhri import theme_label


@dataclass(frozen=True)
class ThemeIssue:
    theme: str
    issue: str
    reason: str


@cache
def theme_issue_pairs() -> tuple[ThemeIssue, ...]:
    text = resources.files(__package__).joinpath("theme_issues.csv").read_text(encoding="utf-8")
    pairs = []
    for line, row in enumerate(csv.DictReader(text.splitlines()), start=2):
        try:
            issue = canonical_issue(row["issue"])
        except ValueError as exc:
            raise ValueError(f"theme_issues.csv, line {line}, issue: {exc}") from None
        pairs.append(ThemeIssue(theme_label(row["theme"]), issue, row["reason"].strip()))
    return tuple(pairs)


def _grouped(by_theme: bool) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for pair in theme_issue_pairs():
        key, value = (pair.theme, pair.issue) if by_theme else (pair.issue, pair.theme)
        found[key].add(value)
    return {key: frozenset(values) for key, values in found.items()}


@cache
def _by_theme() -> dict[str, frozenset[str]]:
    return _grouped(by_theme=True)


@cache
def _by_issue() -> dict[str, frozenset[str]]:
    return _grouped(by_theme=False)


def issues_for_themes(themes: frozenset[str]) -> frozenset[str]:
    return frozenset().union(*(_by_theme().get(theme, frozenset()) for theme in themes))


def themes_for_issues(issues: frozenset[str]) -> frozenset[str]:
    return frozenset().union(*(_by_issue().get(issue, frozenset()) for issue in issues))
