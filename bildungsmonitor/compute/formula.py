"""The formula language of indicators: parse, print, describe.

Formulas combine series aliases with numbers, ``+ - * /`` (also ``× ÷ −``),
unary minus, parentheses, ``lag(expr, n)`` (value of ``expr`` in year t−n) and
``sum(a, b, …)``. Numbers take a decimal point or a German decimal comma
(``0,5``); inside a function call a decimal comma is refused as ambiguous
(``sum(1,5)``), write ``sum(1.5)`` or ``sum(1, 5)``. Nothing is ever passed to
``eval``; see ``docs/formulas.md`` for the full description.
"""

from __future__ import annotations

from bildungsmonitor.compute._formula_ast import (
    FUNCTIONS,
    MAX_LAG,
    BinOp,
    Call,
    Expr,
    FormulaError,
    Name,
    Neg,
    Num,
    describe_de,
    format_number,
)
from bildungsmonitor.compute._formula_parser import MAX_DEPTH, MAX_NESTING, Parser

__all__ = [
    "FUNCTIONS",
    "MAX_DEPTH",
    "MAX_LAG",
    "MAX_NESTING",
    "BinOp",
    "Call",
    "Expr",
    "FormulaError",
    "Name",
    "Neg",
    "Num",
    "describe_de",
    "format_number",
    "parse",
]


def parse(text: str) -> Expr:
    """Parse a formula; raises ``FormulaError`` (a ``BadRequest``) on any fault."""
    return Parser(text).parse()
