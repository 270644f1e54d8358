"""The search request every interface builds: text, filters on each dimension, sort and page."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from rightstrack.domain import Mechanism, RecordKind, Response
from rightstrack.reference.issues import canonical_issue
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
        return _number(dimension, raw, range(1, 6))
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


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    filters: Mapping[Dimension, frozenset[str]] = field(default_factory=dict)
    sort: Sort = Sort.RELEVANCE
    page: int = 1
    per_page: int = 20

    def __post_init__(self) -> None:
        if self.page < 1:
            raise ValueError("page starts at 1")
        if not 0 <= self.per_page <= MAX_PER_PAGE:
            raise ValueError(f"per_page must be between 0 and {MAX_PER_PAGE}")

    @classmethod
    def build(
        cls,
        text: str = "",
        filters: Mapping[Dimension | str, Iterable[str]] | None = None,
        sort: Sort | str = Sort.RELEVANCE,
        page: int = 1,
        per_page: int = 20,
    ) -> SearchQuery:
        """A query from loose input: dimension names as strings, values as people type them."""
        normalised: dict[Dimension, frozenset[str]] = {}
        for name, values in (filters or {}).items():
            try:
                dimension = Dimension(name)
            except ValueError:
                choices = ", ".join(d.value for d in Dimension)
                raise InvalidFilterError(str(name), f"unknown filter (one of {choices})") from None
            cleaned = frozenset(normalise_value(dimension, v) for v in values)
            if cleaned:
                normalised[dimension] = cleaned
        try:
            sort_value = Sort(sort)
        except ValueError:
            raise ValueError(f"unknown sort {sort!r} (one of {', '.join(s.value for s in Sort)})") from None
        # The text is parsed here, not first when the search runs: a query that cannot run is
        # refused where it is built, before any interface has started to answer (a streamed export).
        parse_query(text.strip())
        return cls(text.strip(), normalised, sort_value, page, per_page)

    def with_filter(self, dimension: Dimension, *values: str) -> SearchQuery:
        filters = dict(self.filters)
        filters[dimension] = frozenset(normalise_value(dimension, v) for v in values)
        return SearchQuery(self.text, filters, self.sort, self.page, self.per_page)
