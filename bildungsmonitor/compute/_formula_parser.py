"""Tokenizer and recursive-descent parser of the formula language.

Grammar (``×``, ``÷`` and ``−`` are read as ``*``, ``/`` and ``-``)::

    formula   := additive END
    additive  := term (("+" | "-") term)*
    term      := unary (("*" | "/") unary)*
    unary     := "-" unary | primary
    primary   := NUMBER | NAME | NAME "(" [additive ("," additive)*] ")" | "(" additive ")"
    NUMBER    := [0-9]+ ([.,] [0-9]+)?
    NAME      := [a-z_] [a-z0-9_]*

Recursion is bounded (``MAX_NESTING`` and ``MAX_DEPTH``) so that any input
either parses or raises ``FormulaError``.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from bildungsmonitor.compute._formula_ast import (
    FUNCTIONS,
    BinOp,
    Call,
    Expr,
    FormulaError,
    Name,
    Neg,
    Num,
    call_problem,
)

MAX_NESTING = 40
MAX_DEPTH = 100

_SYNONYMS = {"×": "*", "÷": "/", "−": "-"}
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)?")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_LOWER_WORD = re.compile(r"[a-z_][a-z0-9_]*\Z")
_OPERAND = "eine Zahl, ein Name oder »(«"


class _Kind(enum.Enum):
    NUMBER = "Zahl"
    NAME = "Name"
    OPERATOR = "Rechenzeichen"
    OPEN = "("
    CLOSE = ")"
    COMMA = ","
    END = "Ende"


@dataclass(frozen=True, slots=True)
class _Token:
    kind: _Kind
    text: str
    position: int


def _single_char_token(char: str, position: int) -> _Token | None:
    char = _SYNONYMS.get(char, char)
    if char in "+-*/":
        return _Token(_Kind.OPERATOR, char, position)
    kinds = {"(": _Kind.OPEN, ")": _Kind.CLOSE, ",": _Kind.COMMA}
    return _Token(kinds[char], char, position) if char in kinds else None


def tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char.isspace():
            position += 1
            continue
        match = _NUMBER.match(text, position) or _WORD.match(text, position)
        if match:
            kind = _Kind.NUMBER if char.isdigit() else _Kind.NAME
            tokens.append(_Token(kind, match.group(), position))
            position = match.end()
            continue
        token = _single_char_token(char, position)
        if token is None:
            raise FormulaError(text, position, f"steht das unerwartete Zeichen »{char}«")
        tokens.append(token)
        position += 1
    tokens.append(_Token(_Kind.END, "", len(text)))
    return tokens


class Parser:
    """Parses one formula text; use ``Parser(text).parse()``."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._tokens = tokenize(text)
        self._index = 0
        self._contexts: list[_Kind] = []
        self._depths: dict[int, int] = {}

    # --- helpers -------------------------------------------------------------

    def _error(self, position: int, reason: str) -> FormulaError:
        return FormulaError(self._text, position, reason)

    def _peek(self) -> _Token:
        return self._tokens[self._index]

    def _advance(self) -> _Token:
        token = self._tokens[self._index]
        if token.kind is not _Kind.END:
            self._index += 1
        return token

    def _unexpected(self, token: _Token, expected: str) -> FormulaError:
        if token.kind is _Kind.END:
            return self._error(token.position, f"fehlt {expected}")
        return self._error(token.position, f"steht »{token.text}«, erwartet wird {expected}")

    @contextmanager
    def _nested(self, kind: _Kind, token: _Token) -> Iterator[None]:
        if len(self._contexts) >= MAX_NESTING:
            raise self._error(
                token.position,
                f"ist die Formel zu tief verschachtelt (höchstens {MAX_NESTING} Klammerebenen)",
            )
        self._contexts.append(kind)
        try:
            yield
        finally:
            self._contexts.pop()

    def _node(self, node: Expr, token: _Token) -> Expr:
        """Record the depth of a new node; refuse trees deeper than MAX_DEPTH."""
        depth = 1 + max((self._depths.get(id(child), 1) for child in node.children()), default=0)
        if depth > MAX_DEPTH:
            raise self._error(
                token.position,
                f"ist die Formel zu tief geschachtelt (höchstens {MAX_DEPTH} Ebenen; "
                "lange Summen als sum(…) schreiben)",
            )
        self._depths[id(node)] = depth
        return node

    # --- grammar -------------------------------------------------------------

    def parse(self) -> Expr:
        if self._peek().kind is _Kind.END:
            raise self._error(0, "fehlt ein Ausdruck")
        expr = self._additive()
        token = self._peek()
        if token.kind is not _Kind.END:
            raise self._unexpected(token, "ein Rechenzeichen oder das Ende der Formel")
        return expr

    def _additive(self) -> Expr:
        left = self._term()
        while self._peek().kind is _Kind.OPERATOR and self._peek().text in "+-":
            token = self._advance()
            left = self._node(BinOp(token.text, left, self._term()), token)
        return left

    def _term(self) -> Expr:
        left = self._unary()
        while self._peek().kind is _Kind.OPERATOR and self._peek().text in "*/":
            token = self._advance()
            left = self._node(BinOp(token.text, left, self._unary()), token)
        return left

    def _unary(self) -> Expr:
        token = self._peek()
        if token.kind is _Kind.OPERATOR and token.text == "-":
            self._advance()
            with self._nested(_Kind.OPERATOR, token):
                return self._node(Neg(self._unary()), token)
        return self._primary()

    def _primary(self) -> Expr:
        token = self._advance()
        if token.kind is _Kind.NUMBER:
            return self._number(token)
        if token.kind is _Kind.NAME:
            return self._name_or_call(token)
        if token.kind is _Kind.OPEN:
            with self._nested(_Kind.OPEN, token):
                expr = self._additive()
                self._expect_close()
            return expr
        raise self._unexpected(token, _OPERAND)

    def _expect_close(self) -> None:
        token = self._peek()
        if token.kind is not _Kind.CLOSE:
            raise self._unexpected(token, "»)«")
        self._advance()

    def _number(self, token: _Token) -> Expr:
        if "," in token.text and self._contexts and self._contexts[-1] is _Kind.NAME:
            raise self._error(
                token.position,
                f"ist »{token.text}« mehrdeutig: Dezimalpunkt verwenden oder "
                "nach dem trennenden Komma ein Leerzeichen setzen",
            )
        value = float(token.text.replace(",", "."))
        if value == float("inf"):
            raise self._error(token.position, "ist die Zahl zu groß")
        return Num(value)

    def _name_or_call(self, token: _Token) -> Expr:
        if not _LOWER_WORD.match(token.text):
            raise self._error(
                token.position,
                f"ist »{token.text}« kein gültiger Name: erlaubt sind Kleinbuchstaben a–z, "
                "Ziffern und »_«",
            )
        if self._peek().kind is _Kind.OPEN:
            return self._call(token)
        if token.text in FUNCTIONS:
            raise self._unexpected(self._peek(), f"»(« nach der Funktion »{token.text}«")
        return Name(token.text)

    def _call(self, name: _Token) -> Expr:
        if name.text not in FUNCTIONS:
            raise self._error(name.position, call_problem(name.text, ()) or "")
        self._advance()  # "("
        args: list[Expr] = []
        starts: list[_Token] = []
        with self._nested(_Kind.NAME, name):
            if self._peek().kind is not _Kind.CLOSE:
                starts.append(self._peek())
                args.append(self._additive())
                while self._peek().kind is _Kind.COMMA:
                    self._advance()
                    starts.append(self._peek())
                    args.append(self._additive())
            self._expect_close()
        problem = call_problem(name.text, tuple(args))
        if problem is None and name.text == "lag" and not starts[1].text.isdigit():
            problem = call_problem("lag", (args[0], Num(0.0)))
        if problem is not None:
            position = starts[1].position if len(starts) == 2 else name.position
            raise self._error(position, problem)
        return self._node(Call(name.text, tuple(args)), name)
