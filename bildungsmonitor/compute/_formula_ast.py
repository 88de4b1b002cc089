"""AST nodes of the formula language, the error type and the text renderers.

The public entry points live in ``bildungsmonitor.compute.formula``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from bildungsmonitor.errors import BadRequest

NAME_PATTERN = re.compile(r"[a-z_][a-z0-9_]*\Z")
FUNCTIONS: tuple[str, ...] = ("lag", "sum")
MAX_LAG = 200
BINARY_OPERATORS: tuple[str, ...] = ("+", "-", "*", "/")

_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}
_UNARY = 3
_ATOM = 4


class FormulaError(BadRequest):
    """A formula text that cannot be parsed; ``position`` is a 0-based offset."""

    code = "formelfehler"

    def __init__(self, formula: str, position: int, reason: str) -> None:
        self.formula = formula
        self.position = position
        self.reason = reason
        super().__init__(f"Formel »{formula}«: an Stelle {position} {reason}")


class Expr:
    """Base of all formula nodes (immutable, comparable, hashable)."""

    __slots__ = ()

    def children(self) -> tuple[Expr, ...]:
        return ()

    def names(self) -> frozenset[str]:
        """All series aliases the expression reads."""
        found: set[str] = set()
        stack: list[Expr] = [self]
        while stack:
            node = stack.pop()
            if isinstance(node, Name):
                found.add(node.name)
            stack.extend(node.children())
        return frozenset(found)

    def to_text(self) -> str:
        """Canonical formula text; ``parse(e.to_text()) == e``."""
        return _render(self, _PLAIN)[0]

    def __str__(self) -> str:
        return self.to_text()


@dataclass(frozen=True, slots=True)
class Num(Expr):
    """A non-negative finite number literal (negative numbers are ``Neg(Num)``)."""

    value: float

    def __post_init__(self) -> None:
        if not math.isfinite(self.value) or self.value < 0:
            raise ValueError(f"Num needs a non-negative finite value, got {self.value!r}")


@dataclass(frozen=True, slots=True)
class Name(Expr):
    """A series alias."""

    name: str

    def __post_init__(self) -> None:
        if not NAME_PATTERN.match(self.name) or self.name in FUNCTIONS:
            raise ValueError(f"invalid alias {self.name!r}")


@dataclass(frozen=True, slots=True)
class BinOp(Expr):
    """``left op right`` with op one of ``+ - * /``."""

    op: str
    left: Expr
    right: Expr

    def __post_init__(self) -> None:
        if self.op not in BINARY_OPERATORS:
            raise ValueError(f"unknown operator {self.op!r}")

    def children(self) -> tuple[Expr, ...]:
        return (self.left, self.right)


@dataclass(frozen=True, slots=True)
class Neg(Expr):
    """Unary minus."""

    operand: Expr

    def children(self) -> tuple[Expr, ...]:
        return (self.operand,)


@dataclass(frozen=True, slots=True)
class Call(Expr):
    """``lag(expr, n)`` or ``sum(a, b, ...)``."""

    func: str
    args: tuple[Expr, ...]

    def __post_init__(self) -> None:
        problem = call_problem(self.func, self.args)
        if problem is not None:
            raise ValueError(problem)

    def children(self) -> tuple[Expr, ...]:
        return self.args

    @property
    def lag_years(self) -> int:
        """``n`` of ``lag(expr, n)``."""
        years = self.args[1]
        assert isinstance(years, Num)
        return int(years.value)


def call_problem(func: str, args: tuple[Expr, ...]) -> str | None:
    """German description of what is wrong with a call, or None."""
    if func not in FUNCTIONS:
        return f"steht die unbekannte Funktion »{func}«; erlaubt sind {', '.join(FUNCTIONS)}"
    if func == "sum":
        return None if args else "braucht »sum« mindestens ein Argument"
    if len(args) != 2:
        return f"braucht »lag« genau 2 Argumente (Ausdruck, Jahre), gefunden {len(args)}"
    years = args[1]
    if not (isinstance(years, Num) and years.value.is_integer() and 1 <= years.value <= MAX_LAG):
        return (
            "muss das zweite Argument von »lag« eine ganze Zahl "
            f"von 1 bis {MAX_LAG} sein (Anzahl der Jahre)"
        )
    return None


def format_number(value: float) -> str:
    """Canonical number text: no exponent, no trailing ``.0``."""
    if value.is_integer():
        return str(int(value))
    return format(Decimal(repr(value)), "f")


# --- rendering ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Style:
    operators: Mapping[str, str]
    number: Callable[[float], str]
    name: Callable[[str], str]
    call: Callable[[Call, list[tuple[str, int]]], tuple[str, int]]


def _plain_call(node: Call, args: list[tuple[str, int]]) -> tuple[str, int]:
    return f"{node.func}({', '.join(text for text, _ in args)})", _ATOM


_PLAIN = _Style(
    operators={op: op for op in BINARY_OPERATORS},
    number=format_number,
    name=lambda alias: alias,
    call=_plain_call,
)


def _wrap(text: str, needed: bool) -> str:
    return f"({text})" if needed else text


def _render(node: Expr, style: _Style) -> tuple[str, int]:
    """Text of ``node`` and its precedence (for parenthesising by the parent)."""
    if isinstance(node, Num):
        return style.number(node.value), _ATOM
    if isinstance(node, Name):
        return style.name(node.name), _ATOM
    if isinstance(node, Neg):
        text, precedence = _render(node.operand, style)
        return style.operators["-"] + _wrap(text, precedence <= _UNARY), _UNARY
    if isinstance(node, BinOp):
        return _render_binop(node, style)
    if isinstance(node, Call):
        return style.call(node, [_render(arg, style) for arg in node.args])
    raise TypeError(f"not a formula node: {node!r}")


def _render_binop(node: BinOp, style: _Style) -> tuple[str, int]:
    precedence = _PRECEDENCE[node.op]
    left, left_prec = _render(node.left, style)
    right, right_prec = _render(node.right, style)
    left = _wrap(left, left_prec < precedence)
    right = _wrap(right, right_prec <= precedence or right_prec == _UNARY)
    return f"{left} {style.operators[node.op]} {right}", precedence


# --- German description ------------------------------------------------------


def _german_number(value: float) -> str:
    return format_number(value).replace(".", ",")


def _german_call(node: Call, args: list[tuple[str, int]]) -> tuple[str, int]:
    if node.func == "lag":
        text, precedence = args[0]
        years = node.lag_years
        when = "Vorjahr" if years == 1 else f"vor {years} Jahren"
        return f"{_wrap(text, precedence < _ATOM)} ({when})", _ATOM
    parts = [args[0][0]]
    parts += [_wrap(text, precedence <= 1 or precedence == _UNARY) for text, precedence in args[1:]]
    return " + ".join(parts), (1 if len(parts) > 1 else args[0][1])


def describe_de(expr: Expr, labels: Mapping[str, str]) -> str:
    """The formula in German words, e.g. ``100 × (Abgehende ohne HSA ÷ Abgehende insgesamt)``.

    Aliases without a label are shown as they are. ``lag(x, 1)`` reads
    ``x (Vorjahr)``, ``sum(a, b)`` reads ``a + b``.
    """
    style = _Style(
        operators={"+": "+", "-": "−", "*": "×", "/": "÷"},
        number=_german_number,
        name=lambda alias: labels.get(alias, alias),
        call=_german_call,
    )
    return _render(expr, style)[0]
