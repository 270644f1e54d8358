"""The search request every interface builds: text, filters on each dimension, sort and page."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from rightstrack.domain import Mechanism, RecordKind, Response
from rightstrack.reference.issues import ACTION_CATEGORIES, canonical_issue
from rightstrack.reference.sessions import all_sessions, cycles
from rightstrack.reference.states import UnknownStateError, parse_group, resolve_state
from rightstrack.reference.uhri import theme_label
from rightstrack.search.options import Dimension as Dimension
from rightstrack.search.options import Sort as Sort
from rightstrack.search.textquery import parse_query

MAX_PER_PAGE = 500


# Values of the two Council dimensions.
COUNCIL_MEMBER = "Council member"
NOT_MEMBER = "not a member"

# Values of the group dimensions for records whose state has no group.
NO_GROUP = "Observer"
UNKNOWN_STATE = "(unknown)"


class InvalidFilterError(ValueError):
    def __init__(self, dimension: Dimension | str, message: str) -> None:
        super().__init__(f"{dimension}: {message}")
        self.dimension = dimension


def _number(dimension: Dimension, raw: str, allowed: Iterable[int]) -> str:
    try:
        value = int(raw)
    except ValueError:
        raise InvalidFilterError(dimension, f"not a number: {raw!r}") from None
    if value not in set(allowed):
        raise InvalidFilterError(dimension, f"no such {dimension.value}: {value}")
    return str(value)


# What people type for each mechanism (folded, spaces collapsed) → the stored name.
_MECHANISM_WORDS = {
    **{m.value.casefold(): m.value for m in Mechanism},
    "upr": Mechanism.UPR.value,
    "universal periodic review": Mechanism.UPR.value,
    "treaty bodies": Mechanism.TREATY_BODY.value,
    "tb": Mechanism.TREATY_BODY.value,
    "special procedures": Mechanism.SPECIAL_PROCEDURE.value,
    "sp": Mechanism.SPECIAL_PROCEDURE.value,
    "election observation mission": Mechanism.ELECTION_OBSERVATION.value,
    "election observation missions": Mechanism.ELECTION_OBSERVATION.value,
    "eom": Mechanism.ELECTION_OBSERVATION.value,
}

# Record kinds by what people (and UHRI's annotation types) call them.
_KIND_WORDS = {
    **{kind.value: kind.value for kind in RecordKind},
    "concerns/observations": RecordKind.CONCERN.value,
    "observation": RecordKind.CONCERN.value,
    "others": RecordKind.OTHER.value,
    "commitment": RecordKind.PLEDGE.value,
}

# The first year a UN human rights record can carry (the Commission on Human Rights first met in
# 1946); publication years outside the UPR's sessions are checked against this, not a session list.
FIRST_YEAR = 1946


def _collapsed(raw: str) -> str:
    return " ".join(raw.split())


def normalise_value(dimension: Dimension, raw: str) -> str:
    """The canonical filter value for what a person typed (a state's name → its code, …)."""
    raw = raw.strip()
    if not raw:
        raise InvalidFilterError(dimension, "empty value")
    if dimension in (Dimension.SUR, Dimension.RECOMMENDER):
        try:
            return resolve_state(raw).code
        except UnknownStateError:
            raise InvalidFilterError(dimension, f"unknown state {raw!r}") from None
    if dimension in (Dimension.SUR_GROUP, Dimension.RECOMMENDER_GROUP):
        if raw.casefold() == NO_GROUP.casefold():
            return NO_GROUP
        try:
            return parse_group(raw).value
        except ValueError as exc:
            raise InvalidFilterError(dimension, str(exc)) from None
    if dimension is Dimension.TYPE:
        folded = _collapsed(raw).casefold()
        kind = _KIND_WORDS.get(folded) or _KIND_WORDS.get(folded.removesuffix("s"))
        if kind is None:
            choices = ", ".join(kind.value for kind in RecordKind)
            raise InvalidFilterError(dimension, f"{raw!r} is not one of {choices}")
        return kind
    if dimension is Dimension.MECHANISM:
        mechanism = _MECHANISM_WORDS.get(_collapsed(raw).casefold().lstrip("- "))
        if mechanism is None:
            choices = ", ".join(m.value for m in Mechanism)
            raise InvalidFilterError(dimension, f"{raw!r} is not one of {choices} (or UPR, TB, SP, EOM)")
        return mechanism
    if dimension is Dimension.BODY:
        # Bodies are free canonical names ("CRC", "SR Freedom of expression"); the facet index
        # matches them without regard to case, so only the spacing is tidied here.
        return _collapsed(raw.lstrip("- ")) or raw
    if dimension is Dimension.RESPONSE:
        folded = raw.casefold()
        if folded in {"accepted", "supported"}:
            return Response.ACCEPTED.value
        if folded == "noted":
            return Response.NOTED.value
        if folded in {"partly", "partly accepted", "partly supported", "supported in part", "partially"}:
            return Response.PARTLY.value
        raise InvalidFilterError(dimension, f"{raw!r} is not Accepted/Supported, Noted or Partly accepted")
    if dimension is Dimension.ACTION:
        # By number (UPR Info's code) or by name ("Specific action", or just "specific").
        folded = _collapsed(raw).casefold()
        for category, (name, _) in ACTION_CATEGORIES.items():
            if folded in {name.casefold(), name.casefold().removesuffix(" action")}:
                return str(category)
        if not folded.isdigit():
            names = ", ".join(f"{n} ({name})" for n, (name, _) in ACTION_CATEGORIES.items())
            raise InvalidFilterError(dimension, f"{raw!r} is not an action category: {names}")
        return _number(dimension, raw, ACTION_CATEGORIES)
    if dimension is Dimension.SESSION:
        return _number(dimension, raw, all_sessions())
    if dimension is Dimension.CYCLE:
        return _number(dimension, raw, cycles())
    if dimension is Dimension.YEAR:
        # Other mechanisms' records carry publication years outside the UPR's sessions.
        return _number(dimension, raw, range(FIRST_YEAR, date.today().year + 2))
    if dimension in (Dimension.ISSUE, Dimension.PREDICTED_ISSUE):
        try:
            return canonical_issue(raw)
        except ValueError as exc:
            raise InvalidFilterError(dimension, str(exc)) from None
    if dimension is Dimension.THEME:
        return theme_label(raw)
    if dimension in (Dimension.RECOMMENDER_COUNCIL, Dimension.SUR_COUNCIL):
        folded = raw.casefold()
        if folded in {"member", "council member", "yes", "true"}:
            return COUNCIL_MEMBER
        if folded in {"non-member", "not a member", "no", "false"}:
            return NOT_MEMBER
        raise InvalidFilterError(dimension, f"{raw!r} is not 'member' or 'non-member'")
    if dimension is Dimension.SDG:
        number = raw.upper().removeprefix("SDG").strip()
        if not (number.isascii() and number.isdigit()) or not 1 <= int(number) <= 17:
            raise InvalidFilterError(dimension, f"{raw!r} is not one of the 17 goals (1-17 or 'SDG 5')")
        return f"SDG {int(number)}"
    return raw  # organisations: free names as the sources give them


def parse_day(name: str, raw: str, *, end: bool = False) -> date:
    """A range's bound from what a person typed: a day (2015-06-30), a month (2015-06) or a year
    (2015). A month or year stands for its first day as a start and its last day as an end, so
    ``from=2015&to=2015`` is the whole year."""
    text = raw.strip()
    parts = text.split("-")
    try:
        if len(parts) == 1 and len(text) == 4 and text.isdigit():
            return date(int(text), 12, 31) if end else date(int(text), 1, 1)
        if len(parts) == 2 and len(parts[0]) == 4 and len(parts[1]) == 2:
            first = date(int(parts[0]), int(parts[1]), 1)
            if not end:
                return first
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        if len(parts) == 3 and len(parts[0]) == 4:
            return date.fromisoformat(text)
    except ValueError:
        pass  # a month 13, a 30 February: said below as for any other bad date
    raise InvalidFilterError(name, f"{raw!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")


def _day(name: str, value: date | str | None, *, end: bool) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return parse_day(name, value, end=end) if value.strip() else None


def _dimension(name: Dimension | str) -> Dimension:
    try:
        return Dimension(name)
    except ValueError:
        choices = ", ".join(d.value for d in Dimension)
        raise InvalidFilterError(str(name), f"unknown filter (one of {choices})") from None


def _normalised(filters: Mapping[Dimension | str, Iterable[str]] | None) -> dict[Dimension, frozenset[str]]:
    normalised: dict[Dimension, frozenset[str]] = {}
    for name, values in (filters or {}).items():
        dimension = _dimension(name)
        cleaned = frozenset(normalise_value(dimension, v) for v in values)
        if cleaned:
            normalised[dimension] = cleaned
    return normalised


@dataclass(frozen=True)
class SearchQuery:
    """What to find. Within a dimension the values of ``filters`` are alternatives (OR), and a
    record holding any value of ``excluded`` is left out (NOT); dimensions combine with AND, as
    do the text and the range of days (``date_from`` and ``date_to``, both included: a UPR
    record's review day, another mechanism's publication date)."""

    text: str = ""
    filters: Mapping[Dimension, frozenset[str]] = field(default_factory=dict)
    sort: Sort = Sort.RELEVANCE
    page: int = 1
    per_page: int = 20
    excluded: Mapping[Dimension, frozenset[str]] = field(default_factory=dict)
    date_from: date | None = None
    date_to: date | None = None

    def __post_init__(self) -> None:
        if self.page < 1:
            raise ValueError("page starts at 1")
        if not 0 <= self.per_page <= MAX_PER_PAGE:
            raise ValueError(f"per_page must be between 0 and {MAX_PER_PAGE}")
        if self.date_from is not None and self.date_to is not None and self.date_from > self.date_to:
            raise InvalidFilterError(
                "to",
                f"the range ends ({self.date_to.isoformat()}) "
                f"before it starts ({self.date_from.isoformat()})",
            )
        for dimension, values in self.excluded.items():
            both = sorted(values & self.filters.get(dimension, frozenset()))
            if both:
                raise InvalidFilterError(dimension, f"{both[0]!r} is both required and excluded")

    @classmethod
    def build(
        cls,
        text: str = "",
        filters: Mapping[Dimension | str, Iterable[str]] | None = None,
        sort: Sort | str = Sort.RELEVANCE,
        page: int = 1,
        per_page: int = 20,
        *,
        excluded: Mapping[Dimension | str, Iterable[str]] | None = None,
        date_from: date | str | None = None,
        date_to: date | str | None = None,
    ) -> SearchQuery:
        """A query from loose input: dimension names as strings, values as people type them,
        bounds of the range as days, months or years (``parse_day``)."""
        normalised = _normalised(filters)
        left_out = _normalised(excluded)
        try:
            sort_value = Sort(sort)
        except ValueError:
            raise ValueError(f"unknown sort {sort!r} (one of {', '.join(s.value for s in Sort)})") from None
        # The text is parsed here, not first when the search runs: a query that cannot run is
        # refused where it is built, before any interface has started to answer (a streamed export).
        parse_query(text.strip())
        return cls(
            text.strip(),
            normalised,
            sort_value,
            page,
            per_page,
            left_out,
            _day("from", date_from, end=False),
            _day("to", date_to, end=True),
        )

    def with_filter(self, dimension: Dimension, *values: str) -> SearchQuery:
        filters = dict(self.filters)
        filters[dimension] = frozenset(normalise_value(dimension, v) for v in values)
        return replace(self, filters=filters)

    @property
    def restricted(self) -> bool:
        """Whether anything narrows the search (text, a filter, an exclusion, a range)."""
        return bool(self.text or self.filters or self.excluded or self.date_from or self.date_to)
