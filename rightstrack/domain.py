"""The domain types every layer shares.

Kept small on purpose: plain enums and frozen dataclasses, no behaviour that needs the store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache


class RegionalGroup(StrEnum):
    AFRICAN = "African"
    ASIA_PACIFIC = "Asia-Pacific"
    EASTERN_EUROPEAN = "Eastern European"
    GRULAC = "GRULAC"
    WEOG = "WEOG"


class RecordKind(StrEnum):
    RECOMMENDATION = "recommendation"
    PLEDGE = "pledge"
    # UHRI's other annotation types: treaty bodies' concerns and observations, and the rest.
    CONCERN = "concern"
    OTHER = "other"


class Mechanism(StrEnum):
    """The UN human rights mechanism (or, for election observation, the kind of body) behind a record."""

    UPR = "UPR"
    TREATY_BODY = "Treaty body"
    SPECIAL_PROCEDURE = "Special procedure"
    ELECTION_OBSERVATION = "Election observation"


class Response(StrEnum):
    """The position of the state under review. "Accepted" is UPR Info's word for "Supported"."""

    ACCEPTED = "Accepted"
    NOTED = "Noted"
    # OHCHR's "Supported/Noted", or an addendum that accepts part of a recommendation.
    PARTLY = "Partly accepted"


# The responses that accept a recommendation, in whole or in part.
ACCEPTING = (Response.ACCEPTED.value, Response.PARTLY.value)


def accepted_share(accepted: int, noted: int) -> float | None:
    """Accepted among the answered; None, not 0 %, where nothing was answered."""
    answered = accepted + noted
    return accepted / answered if answered else None


@dataclass(frozen=True)
class State:
    code: str  # ISO 3166-1 alpha-3
    name: str
    regional_group: RegionalGroup | None  # None for observer states
    un_status: str  # "member" or "observer"


@dataclass(frozen=True)
class Session:
    number: int
    cycle: int
    year: int
    month: int


@dataclass(frozen=True)
class SourceRef:
    """Where one piece of a record was read: a file and a line (or a paragraph for documents)."""

    source: str
    line: int


@dataclass
class Recommendation:
    """A recommendation or pledge as an importer hands it to the store."""

    kind: RecordKind
    sur: str
    session: int
    text: str
    response: Response | None
    action_category: int | None
    issues: set[str] = field(default_factory=set)
    # One entry per source row: the recommending state (None where the source says "unknown").
    recommenders: list[tuple[str | None, SourceRef]] = field(default_factory=list)
    document_symbol: str | None = None
    paragraph: str | None = None


class Vocabulary(StrEnum):
    """Codings a document brings besides UPR Info's issues."""

    UHRI_THEME = "uhri-theme"
    AFFECTED_PERSONS = "affected-persons"
    SDG = "sdg"
    # Regions UHRI files a record under, and further states a record concerns beside its first.
    REGION = "region"
    ALSO_CONCERNS = "also-concerns"


@dataclass(frozen=True)
class DocumentRecommendation:
    """A recommendation as one UN document states it (report, addendum or OHCHR matrix),
    handed to the store, which merges it with what other sources said of the same one."""

    sur: str
    session: int
    paragraph: str  # "140.7", "111.1a"
    text: str
    recommenders: tuple[str, ...]
    document_symbol: str | None  # the Working Group report, e.g. "A/HRC/59/15"
    position: str | None  # the document's own word: "supported", "noted", "to be examined" …
    response: Response | None
    position_source: str | None = None  # e.g. "A/HRC/59/15/Add.1 - Para.3"
    comment: str | None = None
    tags: tuple[tuple[Vocabulary, str], ...] = ()
    line: int = 0


@dataclass(frozen=True)
class SourceRecord:
    """A record as any source states it (UHRI, UPR Info's database, a UN document, a mission's
    report), handed to the store, which merges it with what other sources said of the same one.

    ``locator`` says where in the source it was read (a paragraph, an annotation or entity id,
    a row) and keys the source's word on it, so loading the same source again adds nothing."""

    locator: str
    mechanism: Mechanism
    body: str  # canonical body (reference/mechanisms.csv): "UPR", "CRC", "SR Freedom of expression"
    kind: RecordKind
    sur: str  # ISO3 code of the state concerned (the state under review at the UPR)
    text: str
    session: int | None = None  # UPR only
    published: date | None = None
    recommenders: tuple[str, ...] = ()
    document_symbol: str | None = None
    paragraph: str | None = None
    position: str | None = None  # the source's own word: "Supported", "Noted", "to be examined" …
    response: Response | None = None
    position_source: str | None = None
    comment: str | None = None
    issues: tuple[str, ...] = ()  # UPR Info's issues, as a person coded them
    action_category: int | None = None
    tags: tuple[tuple[Vocabulary, str], ...] = ()
    uhri_id: str | None = None
    line: int = 0


@dataclass(frozen=True)
class InputProblem:
    """A problem found in input, located precisely enough for a person to fix it."""

    file: str
    line: int
    field: str
    message: str
    severity: str = "error"  # "error" rejects the row; "warning" keeps it

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


@dataclass(frozen=True)
class SourceFile:
    name: str
    kind: str  # e.g. "upr-info-csv"
    path: str
    sha256: str
    encoding: str
    rows_read: int


_NOT_WORD = re.compile(r"[\W_]+")
# For ASCII text, the same key from bytes methods at a third of the regular expression's cost (it
# is computed for every row loaded): ASCII letters and digits kept, lower-cased, all else a space.
_ASCII_KEPT = bytes(b if chr(b).isascii() and chr(b).isalnum() else ord(" ") for b in range(256))


@lru_cache(maxsize=16_384)
def text_key(text: str) -> str:
    """What two spellings of one recommendation share: case, spacing, punctuation aside.

    Kept for the last texts seen: an import keys every text twice (the reader, grouping its
    rows; the writer, naming the record), and a file holds a few thousand."""
    if text.isascii():
        return b" ".join(text.encode().lower().translate(_ASCII_KEPT).split()).decode()
    return _NOT_WORD.sub(" ", text.casefold()).strip()


class PlanRole(StrEnum):
    """What a user may do in one implementation plan (administrators may do everything)."""

    OWNER = "owner"  # the government focal point
    CONTRIBUTOR = "contributor"  # an agency: edits only the measures assigned to it
    ASSESSOR = "assessor"  # an NHRI or civil society: its own assessments, beside the government's


class ProgressStatus(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    COMPLETED = "completed"
    DELAYED = "delayed"


class Implementation(StrEnum):
    """An independent assessor's view of how far a recommendation is implemented."""

    FULLY = "fully implemented"
    PARTIALLY = "partially implemented"
    NOT = "not implemented"


class CandidacyOutcome(StrEnum):
    ELECTED = "elected"
    DEFEATED = "defeated"
    WITHDRAWN = "withdrawn"  # announced, then withdrawn before the vote


class ElectionKind(StrEnum):
    REGULAR = "regular"  # the General Assembly's yearly election
    BY_ELECTION = "by-election"  # for the rest of a term a member left


@dataclass(frozen=True)
class FactSource:
    """Where a fact about a Council election was read: a UN text or, where none was found, another."""

    id: str
    publisher: str
    kind: str  # "UN" or "secondary"
    published: date
    title: str
    url: str


@dataclass(frozen=True)
class GroupElection:
    """One regional group's seats in one Human Rights Council election."""

    year: int
    held: date
    kind: ElectionKind
    group: RegionalGroup
    seats: int
    candidates_complete: bool  # False where the sources do not establish every candidate
    valid_ballots: int | None
    abstentions: int | None
    members_voting: int | None
    required_majority: int
    rounds: int
    sources: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Candidacy:
    year: int
    kind: ElectionKind
    group: RegionalGroup
    state: str  # ISO alpha-3
    outcome: CandidacyOutcome
    votes: tuple[int | None, ...]  # per round; None where not found in the sources
    term_start: date | None
    term_end: date | None  # as elected; a member may leave earlier (see MembershipEvent)
    sources: tuple[str, ...]
    note: str

    @property
    def final_votes(self) -> int | None:
        counted = [v for v in self.votes if v is not None]
        return counted[-1] if counted else None


@dataclass(frozen=True)
class MembershipEvent:
    day: date
    state: str
    event: str  # "suspended", "reinstated", "withdrew"
    sources: tuple[str, ...]
    note: str
