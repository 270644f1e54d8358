"""Recommendations a report's conclusions cite by paragraph of its interactive dialogue.

The first reports (2008–2009) often list the recommendations that did not enjoy support, or that
the state will examine, by reference only: "The recommendations noted in paragraphs 27 (b), (c),
28 (a) and 31 did not enjoy the support of China". The recommendations themselves stand in the
summary of the dialogue: "27. Australia … recommended that China (a) …; (b) …". This module
finds those references and reads each cited recommendation, with the state that made it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rightstrack.reference.states import UnknownStateError, resolve_state

_REFERENCE_SENTENCE = re.compile(
    r"recommendations?\s+(?:noted|contained|mentioned|made|listed)?\s*(?:in\s+the\s+report\s+)?"
    r"in\s+paragraphs?\s+(?P<list>\d{1,3}[^.]{0,1500}?)\s*"
    r"(?:in\s+section\s+[IVX]+\s+)?(?:above\s*)?,?\s*"
    r"(?P<verdict>did not|do not|will be|were|are|have|enjoy|enjoyed)",
    re.I,
)
# "Burundi takes note of the recommendations reflected in paragraphs 23, 24 (b) …": verdict first.
_VERDICT_FIRST = re.compile(
    r"(?:takes?\s+note\s+of|took\s+note\s+of|notes|rejects?|rejected|accepts?|accepted|supports?|supported|"
    r"will\s+examine|examined)\s+the\s+recommendations?\s+(?:\w+\s+)?(?:in|under)\s+paragraphs?\s+"
    r"(?:numbers?\s+)?(?P<list>\d{1,3}[^.]{0,1500}?)(?=\.\s|$)",
    re.I,
)
_REFERENCE = re.compile(r"(?P<number>\d{1,3})(?!\d)|\((?P<letter>[a-z])\)")
# "(a) ", and the "a) " or "c)taking" some reports print.
_MARKER = re.compile(r"(?:\(|(?<=\s))([a-h])\)\s*(?=[a-zA-Z])")
_RECOMMENDING = re.compile(
    r"\b(?:recommend(?:ed|s)?|encourag(?:ed|es)|urg(?:ed|es)|invit(?:ed|es)|call(?:ed|s) (?:up)?on|"
    r"suggest(?:ed|s)|request(?:ed|s))\b",
    re.I,
)
_OPENING = re.compile(
    r"^(?:(?:strongly\s+|also\s+|further\s+)?(?:recommend(?:ed|s)?|encourag(?:ed|es)|urg(?:ed|es)|invit(?:ed|es)"
    r"|call(?:ed|s)\s+(?:up)?on|suggest(?:ed|s)|request(?:ed|s))\s+)?"
    r"(?:to\s+|that\s+)?(?:the\s+(?:Government|authorities)\s+(?:of\s+)?)?",
    re.I,
)


@dataclass(frozen=True)
class CitedRecommendation:
    paragraph: str  # "27(b)", or "36" for a paragraph that holds one recommendation
    text: str
    recommender: str | None  # ISO code of the state that spoke


def references(sentence: str) -> list[tuple[int, str | None]]:
    """ "27 (b), (c), 28 (a) and 31" → (27, "b"), (27, "c"), (28, "a"), (31, None)."""
    found: list[tuple[int, str | None]] = []
    number: int | None = None
    lettered = False
    for match in _REFERENCE.finditer(sentence):
        if match.group("number"):
            if number is not None and not lettered:
                found.append((number, None))
            number, lettered = int(match.group("number")), False
        elif number is not None:
            found.append((number, match.group("letter")))
            lettered = True
    if number is not None and not lettered:
        found.append((number, None))
    return found


def _paragraphs(text: str) -> dict[int, str]:
    """The dialogue's numbered paragraphs: "27. Australia welcomed …" up to the next number."""
    # In sequence only: "article 91. Israel …" inside paragraph 53 does not start paragraph 91.
    starts: list[tuple[int, int, int]] = []
    for match in re.finditer(r"(?<![\d.(/])(\d{1,3})\.\s+(?=[A-Z])", text):
        number = int(match.group(1))
        if number == (starts[-1][0] + 1 if starts else 1):
            starts.append((number, match.start(), match.end()))
    paragraphs: dict[int, str] = {}
    for i, (number, _, end) in enumerate(starts):
        stop = starts[i + 1][1] if i + 1 < len(starts) else len(text)
        paragraphs.setdefault(number, text[end:stop])
    return paragraphs


def _speaker(paragraph: str) -> str | None:
    words = paragraph.split()[:7]
    for size in range(min(6, len(words)), 0, -1):
        try:
            return resolve_state(" ".join(words[:size]).strip(",;")).code
        except UnknownStateError:
            continue
    return None


def _tidy(text: str, sur_name: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ;,.")
    sur = rf"^(?:that\s+)?{re.escape(sur_name)}\s*,?\s*(?:to\s+)?"
    text = re.sub(sur, "", _OPENING.sub("", re.sub(sur, "", text, flags=re.I)), flags=re.I)
    text = re.sub(r"(?:;|,)?\s+(?:and|as well as)$", "", text).strip(" ;,.")
    return text[:1].upper() + text[1:]


def _lettered(paragraph: str, letter: str, sur_name: str) -> str | None:
    markers = list(_MARKER.finditer(paragraph))
    for i, marker in enumerate(markers):
        if marker.group(1) != letter:
            continue
        stop = markers[i + 1].start() if i + 1 < len(markers) else len(paragraph)
        sentence_end = re.search(r"\.\s+(?=[A-Z])", paragraph[marker.end() : stop])
        end = marker.end() + sentence_end.start() if sentence_end else stop
        return _tidy(paragraph[marker.end() : end], sur_name) or None
    return None


def _unlettered(paragraph: str, sur_name: str) -> str | None:
    for sentence in re.split(r"(?<=\.)\s+(?=[A-Z])", paragraph):
        verb = _RECOMMENDING.search(sentence)
        if verb:
            return _tidy(sentence[verb.start() :], sur_name) or None
    return None


def cited_recommendations(
    text: str, conclusions: str, sur_name: str
) -> list[tuple[CitedRecommendation, str]]:
    """Each recommendation the conclusions cite by paragraph, with the sentence that cites it
    (which says whether it was supported, noted or is to be examined)."""
    dialogue = text[: text.find(conclusions[:200])] if conclusions[:200] in text else text
    paragraphs = _paragraphs(dialogue)
    cited: list[tuple[CitedRecommendation, str]] = []
    citations = [
        (m, conclusions[m.start() : m.end() + 120]) for m in _REFERENCE_SENTENCE.finditer(conclusions)
    ]
    citations += [
        (m, conclusions[max(0, m.start() - 80) : m.end()]) for m in _VERDICT_FIRST.finditer(conclusions)
    ]
    for sentence, verdict in citations:
        for number, letter in references(sentence.group("list")):
            paragraph = paragraphs.get(number)
            if paragraph is None:
                continue
            speaker = _speaker(paragraph)
            # A paragraph cited whole whose recommendations are lettered gives each of them.
            letters = [letter] if letter else [m.group(1) for m in _MARKER.finditer(paragraph)]
            for each in letters:
                found = _lettered(paragraph, each, sur_name)
                if found:
                    cited.append((CitedRecommendation(f"{number}({each})", found, speaker), verdict))
            if not letters:
                found = _unlettered(paragraph, sur_name)
                if found:
                    cited.append((CitedRecommendation(str(number), found, speaker), verdict))
    return cited
