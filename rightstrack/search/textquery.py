"""The full-text query language, and its translation to SQLite FTS5 and PostgreSQL tsquery.

    women rights          both words (AND is implied)
    "death penalty"       a phrase
    torture OR cruel      either word
    NOT death, -death     without the word
    ratif*                any word starting so
    (a OR b) AND c        grouping

Words are reduced to their forms (see ``rightstrack.store.fulltext``) so ``woman`` finds
"women"; a prefix is matched as typed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rightstrack.store.fulltext import strip_accents, word_form, words

MAX_QUERY_LENGTH = 500
# Brackets and NOTs inside one another: the parser (and every walk of the tree after it) recurses
# once per level, so without a bound 250 "(" exhaust Python's stack. No real query nears it.
MAX_NESTING = 32


class QuerySyntaxError(ValueError):
    pass


@dataclass(frozen=True)
class Term:
    form: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


Node = Term | Phrase | Not | And | Or

_TOKEN = re.compile(
    r'\s*(?:(?P<phrase>"[^"]*"?)|(?P<open>\()|(?P<close>\))|(?P<minus>-(?=[\w"(]))|(?P<word>[^\s()"]+))'
)


_HAS_WORD = re.compile(r"\w")


def _tokens(query: str) -> list[tuple[str, str]]:
    tokens = []
    position = 0
    while position < len(query):
        match = _TOKEN.match(query, position)
        if match is None or match.end() == position:
            break
        position = match.end()
        kind = match.lastgroup
        assert kind is not None
        value = match.group(kind)
        # Punctuation on its own ("--", ";") is no word: drop it, as search engines do.
        if kind == "word" and not _HAS_WORD.search(value):
            continue
        tokens.append((kind, value))
    return tokens


class _Parser:
    def __init__(self, query: str) -> None:
        self.tokens = _tokens(query)
        self.index = 0
        self.depth = 0

    def nested(self) -> None:
        """Called on entering a bracket or a NOT: refuses a query nested past ``MAX_NESTING``."""
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise QuerySyntaxError(
                f"the query is too deeply nested (more than {MAX_NESTING} brackets or NOTs)"
            )

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def is_operator(self, name: str) -> bool:
        token = self.peek()
        return token is not None and token[0] == "word" and token[1] == name

    def parse(self) -> Node | None:
        if not self.tokens:
            return None
        node = self.or_expression()
        if self.peek() is not None:
            raise QuerySyntaxError(f"unexpected {self.peek()[1]!r}")  # type: ignore[index]
        return node

    def or_expression(self) -> Node:
        children = [self.and_expression()]
        while self.is_operator("OR"):
            self.take()
            children.append(self.and_expression())
        return children[0] if len(children) == 1 else Or(tuple(children))

    def and_expression(self) -> Node:
        children = [self.unary()]
        while True:
            token = self.peek()
            if token is None or token[0] == "close" or self.is_operator("OR"):
                break
            if self.is_operator("AND"):
                self.take()
            children.append(self.unary())
        return children[0] if len(children) == 1 else And(tuple(children))

    def unary(self) -> Node:
        if self.is_operator("NOT") or (self.peek() or ("", ""))[0] == "minus":
            self.take()
            self.nested()
            node = Not(self.unary())
            self.depth -= 1
            return node
        return self.atom()

    def atom(self) -> Node:
        token = self.peek()
        if token is None:
            raise QuerySyntaxError("the query ends where a word was expected")
        kind, value = self.take()
        if kind == "open":
            self.nested()
            node = self.or_expression()
            if (self.peek() or ("", ""))[0] != "close":
                raise QuerySyntaxError("a '(' is not closed")
            self.take()
            self.depth -= 1
            return node
        if kind == "close":
            raise QuerySyntaxError("a ')' has no '(' before it")
        if kind == "phrase":
            forms = tuple(word_form(w) for w in words(value.strip('"')))
            if not forms:
                raise QuerySyntaxError("an empty phrase")
            return Phrase(forms) if len(forms) > 1 else Term(forms[0])
        if value in {"AND", "OR"}:
            raise QuerySyntaxError(f"{value} needs a word on each side")
        if value.endswith("*"):
            stem = strip_accents(value.rstrip("*").casefold())
            parts = words(stem)
            if len(parts) != 1:
                raise QuerySyntaxError(f"a prefix must be one word: {value!r}")
            return Term(parts[0], prefix=True)
        forms = tuple(word_form(w) for w in words(value))
        if not forms:
            raise QuerySyntaxError(f"no word in {value!r}")
        # "women's" or "follow-up" hold several words: they must stand together.
        return Term(forms[0]) if len(forms) == 1 else Phrase(forms)


@functools.lru_cache(maxsize=256)
def parse_query(query: str) -> Node | None:
    """Parse a full-text query; None when it holds no words. Cached (the nodes are frozen): a
    query is parsed where it is built, to be refused early, and again where the search runs."""
    if len(query) > MAX_QUERY_LENGTH:
        raise QuerySyntaxError(f"the query is longer than {MAX_QUERY_LENGTH} characters")
    return _Parser(query).parse()


def positive_forms(node: Node | None) -> tuple[set[str], tuple[str, ...]]:
    """Word forms and prefixes the query looks for (not under NOT): for highlighting."""
    forms: set[str] = set()
    prefixes: list[str] = []

    def visit(n: Node) -> None:
        if isinstance(n, Term):
            (prefixes.append(n.form) if n.prefix else forms.add(n.form))
        elif isinstance(n, Phrase):
            forms.update(n.forms)
        elif isinstance(n, And | Or):
            for child in n.children:
                visit(child)

    if node is not None:
        visit(node)
    return forms, tuple(prefixes)


# --- translation of one leaf (a word, a prefix or a phrase) ---------------------------------


Leaf = Term | Phrase


def leaves(node: Node | None) -> list[Leaf]:
    """Every word and phrase of the query, once each, in order (negated ones too)."""
    found: list[Leaf] = []

    def visit(n: Node) -> None:
        if isinstance(n, Term | Phrase):
            if n not in found:
                found.append(n)
        elif isinstance(n, Not):
            visit(n.child)
        else:
            for child in n.children:
                visit(child)

    if node is not None:
        visit(node)
    return found


def to_fts5(leaf: Leaf) -> str:
    """An SQLite FTS5 MATCH expression. Forms are \\w+ runs, so quoting makes them plain strings."""
    if isinstance(leaf, Term):
        return f'"{leaf.form}"' + ("*" if leaf.prefix else "")
    return '"' + " ".join(leaf.forms) + '"'


def _quote(form: str) -> str:
    return "'" + form.replace("'", "''").replace("\\", "\\\\") + "'"


def to_tsquery(leaf: Leaf) -> str:
    """A PostgreSQL ``to_tsquery('simple', …)`` expression."""
    if isinstance(leaf, Term):
        return _quote(leaf.form) + (":*" if leaf.prefix else "")
    return " <-> ".join(_quote(f) for f in leaf.forms)
