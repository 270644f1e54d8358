"""Where one vocabulary across sources lives: the search engine widens an issue or theme filter.

A filter on a UPR Info issue (``Dimension.ISSUE``, human coding) also selects the records OHCHR
tagged with a UHRI theme paired with that issue (``reference/theme_issues.csv``), and a filter on
a UHRI theme also selects the records coded with a paired issue: a search for "Right to health"
finds the UPR Info records, the matrices' and the treaty bodies' alike. The widening happens here,
in the engine, once for every interface (web, API, command line, statistics, exports), and is
always said: the result names the values added and counts the records found only through them,
and each such hit says so (``Hit.matched_through_mapping``).

A model's predicted issues (``Dimension.PREDICTED_ISSUE``) are never widened nor widen anything:
a prediction stays marked as one.
"""

from __future__ import annotations

from rightstrack.reference.theme_issues import issues_for_themes, themes_for_issues
from rightstrack.search.query import Dimension

MAPPED = (Dimension.ISSUE, Dimension.THEME)


def mapped_filter(dimension: Dimension, values: frozenset[str]) -> tuple[Dimension, frozenset[str]] | None:
    """The other vocabulary's dimension and values a filter also selects, or None."""
    if dimension is Dimension.ISSUE:
        themes = themes_for_issues(values)
        return (Dimension.THEME, themes) if themes else None
    if dimension is Dimension.THEME:
        issues = issues_for_themes(values)
        return (Dimension.ISSUE, issues) if issues else None
    return None
