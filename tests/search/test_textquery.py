import pytest

from rightstrack.search.textquery import (
    And,
    Not,
    Or,
    Phrase,
    QuerySyntaxError,
    Term,
    leaves,
    parse_query,
    positive_forms,
    to_fts5,
    to_tsquery,
)


def test_words_are_reduced_to_their_forms() -> None:
    assert parse_query("women") == Term("woman")
    assert parse_query("children") == Term("child")
    assert parse_query("Ratified") == Term("ratify")


def test_implicit_and_explicit_operators() -> None:
    assert parse_query("torture prison") == And((Term("torture"), Term("prison")))
    assert parse_query("torture AND prison") == And((Term("torture"), Term("prison")))
    assert parse_query("torture OR prison") == Or((Term("torture"), Term("prison")))
    assert parse_query("a OR b c") == Or((Term("a"), And((Term("b"), Term("c")))))


def test_phrase_prefix_not_and_groups() -> None:
    assert parse_query('"death penalties"') == Phrase(("death", "penalty"))
    assert parse_query("ratif*") == Term("ratif", prefix=True)
    assert parse_query("NOT torture") == Not(Term("torture"))
    assert parse_query("-torture prison") == And((Not(Term("torture")), Term("prison")))
    assert parse_query("(a OR b) c") == And((Or((Term("a"), Term("b"))), Term("c")))


def test_lowercase_operators_are_words() -> None:
    assert parse_query("freedom or death") == And((Term("freedom"), Term("or"), Term("death")))


def test_leaves_are_translated_for_each_backend() -> None:
    assert to_fts5(Term("death")) == '"death"'
    assert to_fts5(Term("execut", prefix=True)) == '"execut"*'
    assert to_fts5(Phrase(("death", "penalty"))) == '"death penalty"'
    assert to_tsquery(Phrase(("death", "penalty"))) == "'death' <-> 'penalty'"
    assert to_tsquery(Term("ratif", prefix=True)) == "'ratif':*"


def test_leaves_of_a_query() -> None:
    node = parse_query('women OR (girls -"death penalty") women')
    assert leaves(node) == [Term("woman"), Term("girl"), Phrase(("death", "penalty"))]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("(torture", "not closed"),
        ("torture)", "unexpected"),
        ("OR torture", "needs a word"),
        ('""', "empty phrase"),
        ("x" * 501, "longer than 500"),
        ("(" * 250 + "torture", "too deeply nested"),  # was a RecursionError
        ("NOT " * 33 + "torture", "too deeply nested"),
        ("-(" * 17 + "torture" + ")" * 17, "too deeply nested"),
    ],
)
def test_syntax_errors_say_what_is_wrong(query: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError, match=message):
        parse_query(query)


def test_nesting_up_to_the_bound_is_parsed() -> None:
    assert parse_query("(" * 32 + "torture" + ")" * 32) == Term("torture")
    assert isinstance(parse_query("(a OR (b AND NOT (c))) " * 10), And)


def test_hostile_input_is_only_words() -> None:
    node = parse_query("'; DROP TABLE recommendations; --")
    assert leaves(node) == [Term("drop"), Term("table"), Term("recommendation")]
    assert to_tsquery(Term("o'brien")) == "'o''brien'"


def test_positive_forms_skip_negations() -> None:
    forms, prefixes = positive_forms(parse_query('women "death penalty" -torture ratif*'))
    assert forms == {"woman", "death", "penalty"}
    assert prefixes == ("ratif",)


def test_empty_query() -> None:
    assert parse_query("   ") is None
