"""One numbered item of a report → its recommendations, each with its recommending states.

An item may hold several recommendations, each closed by the states that made it in parentheses
("Ratify the OP (Spain); ratify it promptly (Chile)"), or name each state's verb and the object
once for all, as the compiled reports of 2010–2012 do.
"""

from __future__ import annotations

import re

from rightstrack.domain import InputProblem
from rightstrack.sources.reportnames import split_state_names


def _parentheses(text: str) -> list[tuple[int, int]]:
    """Spans (start of "(", end after ")") of the top-level parentheses in text."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                start = i
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    return spans


_LEADING_CONNECTOR = re.compile(r"^(?:(?:and|or|as well as|and to|et|ou|ainsi que|y|o|así como)\s+)+", re.I)


def split_item(
    item_text: str, source: str, paragraph: str, problems: list[InputProblem], line: int = 0
) -> list[tuple[str, tuple[str, ...]]]:
    """The recommendations of one numbered item: (text, recommending states) each."""
    found: list[tuple[str, tuple[str, ...]]] = []
    begin = 0
    for start, end in _parentheses(item_text):
        after = item_text[end : end + 6].lstrip()
        at_boundary = not after or after[:1] in {";", ".", ",", "("} or after.startswith(("and", "et ", "y "))
        codes, unknown = split_state_names(item_text[start + 1 : end - 1])
        # States named mid-sentence still end a recommendation when nothing else is in the
        # parenthesis: "Ratify ILO Conventions 169 and 189 (Iraq) as well as … (Philippines)".
        if not codes or not (at_boundary or not unknown):
            continue
        if unknown:
            for name in unknown:
                problems.append(
                    InputProblem(
                        source, line, f"paragraph {paragraph}", f"unknown recommending state {name!r}"
                    )
                )
        text = item_text[begin:start].strip(" ;,.")
        text = _LEADING_CONNECTOR.sub("", text)
        if text:
            found.append((text, tuple(dict.fromkeys(codes))))
        elif found:  # "(Spain) (Austria)" or states split over two parentheses: same text
            previous_text, previous_codes = found[-1]
            found[-1] = (previous_text, tuple(dict.fromkeys(previous_codes + tuple(codes))))
        begin = end
    rest = item_text[begin:].strip(" ;,.")
    if rest and not re.fullmatch(r"(?:and|et|y)", rest):
        if found:
            problems.append(
                InputProblem(
                    source,
                    0,
                    f"paragraph {paragraph}",
                    f"text after the last state: {rest[:60]!r}",
                    "warning",
                )
            )
        else:
            problems.append(
                InputProblem(source, line, f"paragraph {paragraph}", f"no recommending state: {rest[:60]!r}")
            )
    return _share_object(found)


_OBJECT_START = re.compile(r"^(?:the|its|all|an?|of|to|[a-z])")
_ARTICLE = re.compile(r"^(?:the|its|their|an?)\b")
MAX_VERB_WORDS = 10


def _share_object(found: list[tuple[str, tuple[str, ...]]]) -> list[tuple[str, tuple[str, ...]]]:
    """Compiled recommendations (2010–2012) name each state's verb, then the object once for all:
    "Consider ratifying (Slovenia), consider signing (Indonesia) the Convention … (Slovenia,
    Indonesia) and its Optional Protocol (Indonesia)". Each verb gets the object, and the
    additions after it go to the states that made them; neither is a recommendation of its own."""
    for k in range(2, len(found)):
        verbs = found[:k]
        object_text, object_codes = found[k]
        named = {code for _, codes in verbs for code in codes}
        if (
            _OBJECT_START.match(object_text)
            and set(object_codes) == named
            and all(len(text.split()) <= MAX_VERB_WORDS for text, _ in verbs)
        ):
            break
    else:
        return _object_in_full_recommendation(found)
    shared = [(f"{text[:1].upper()}{text[1:]} {object_text}", codes) for text, codes in verbs]
    rest: list[tuple[str, tuple[str, ...]]] = []
    for text, codes in found[k + 1 :]:
        if rest or not _OBJECT_START.match(text) or not set(codes) <= named:
            rest.append((text, codes))
            continue
        joiner = " and " if _ARTICLE.match(text) else " "
        shared = [
            (f"{verb}{joiner}{text}" if set(verb_codes) & set(codes) else verb, verb_codes)
            for verb, verb_codes in shared
        ]
    return shared + rest


_BARE_VERB = re.compile(r"^[^A-Z]?[^A-Z]*$")  # no capital after the first letter: no treaty named
_NAMED_OBJECT = re.compile(r"\b(?:the|its)\s+(?=[A-Z0-9])|\b(?=[A-Z]{2,})")
_JOINERS = {
    "accession": " to ",
    "adherence": " to ",
    "ratification": " of ",
    "process": " of ",
    "party": " to ",
}
MAX_BARE_VERB_WORDS = 6


# Words a bare verb ends on: it still wants its object ("consider the ratification", "become a party").
_DANGLING = {
    "ratify", "ratifying", "ratification", "accede", "acceding", "accession", "sign", "signing",
    "signature", "party", "process", "adhere", "adhering", "adherence", "join", "joining", "to", "of",
    "consider", "considering", "possibility", "withdraw", "withdrawing", "lift", "lifting",
}  # fmt: skip


def _is_bare_verb(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= MAX_BARE_VERB_WORDS
        and bool(_BARE_VERB.match(text[1:]))
        and words[-1].lower().strip(",;") in _DANGLING
    )


def _object_in_full_recommendation(
    found: list[tuple[str, tuple[str, ...]]],
) -> list[tuple[str, tuple[str, ...]]]:
    """The other compiled form: bare verbs, then one full recommendation, then qualifications:
    "Complete the ratification process (Indonesia), consider the ratification (Chile) …, ratify
    the Convention on … (Austria, Canada) already signed in 2007 (Algeria)". The verbs take the
    full one's object; a qualification is the full recommendation as its states worded it."""
    k = 0
    while k < len(found) and _is_bare_verb(found[k][0]):
        k += 1
    if k == 0 or k >= len(found):
        return found
    full_text, full_codes = found[k]
    named = _NAMED_OBJECT.search(full_text)
    if named is None or named.start() == 0:
        return found
    object_text = full_text[named.start() :]
    result = []
    for verb, codes in found[:k]:
        last_word = verb.rsplit(None, 1)[-1].lower()
        result.append((f"{verb[:1].upper()}{verb[1:]}{_JOINERS.get(last_word, ' ')}{object_text}", codes))
    result.append((full_text, full_codes))
    for text, codes in found[k + 1 :]:
        if len(text.split()) <= MAX_VERB_WORDS and _BARE_VERB.match(text) and text[:1].islower():
            result.append((f"{full_text} {text}", codes))
        else:
            result.append((text, codes))
    return result
