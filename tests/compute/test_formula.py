"""Parser, canonical text, German description and error messages."""

from __future__ import annotations

import pytest

from bildungsmonitor.compute.formula import (
    BinOp,
    Call,
    FormulaError,
    Name,
    Neg,
    Num,
    describe_de,
    parse,
)
from bildungsmonitor.errors import BadRequest


def test_precedence_and_left_associativity() -> None:
    # a - b - c == (a - b) - c ; a + b * c == a + (b * c)
    assert parse("a - b - c") == BinOp("-", BinOp("-", Name("a"), Name("b")), Name("c"))
    assert parse("a + b * c") == BinOp("+", Name("a"), BinOp("*", Name("b"), Name("c")))
    assert parse("a / b / c") == BinOp("/", BinOp("/", Name("a"), Name("b")), Name("c"))


def test_unary_minus_binds_tighter_than_multiplication() -> None:
    assert parse("-a * b") == BinOp("*", Neg(Name("a")), Name("b"))
    assert parse("--a") == Neg(Neg(Name("a")))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("100", 100.0), ("0.5", 0.5), ("0,5", 0.5), ("12,25", 12.25)],
)
def test_numbers_with_point_or_german_comma(text: str, expected: float) -> None:
    assert parse(text) == Num(expected)


def test_unicode_operator_synonyms() -> None:
    assert parse("100 × (a ÷ b) − c") == parse("100 * (a / b) - c")


def test_functions() -> None:
    assert parse("lag(bev, 1)") == Call("lag", (Name("bev"), Num(1.0)))
    assert parse("sum(a, b, c)") == Call("sum", (Name("a"), Name("b"), Name("c")))
    assert parse("sum(a)") == Call("sum", (Name("a"),))


def test_names() -> None:
    expr = parse("100 * sum(a, lag(b, 2)) / (c - a)")
    assert expr.names() == frozenset({"a", "b", "c"})
    assert parse("1 + 2").names() == frozenset()


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("100*(a/b)", "100 * (a / b)"),
        ("(a*b)/c", "a * b / c"),
        ("a-(b-c)", "a - (b - c)"),
        ("a - -b", "a - (-b)"),
        ("-(a*b)", "-(a * b)"),
        ("0,25 × a", "0.25 * a"),
        ("lag( a+b ,1)", "lag(a + b, 1)"),
        ("sum(a,b)", "sum(a, b)"),
    ],
)
def test_canonical_text(text: str, canonical: str) -> None:
    assert parse(text).to_text() == canonical
    assert parse(canonical) == parse(text)


def test_describe_de() -> None:
    labels = {
        "abg_ohne_hsa": "Abgehende ohne Hauptschulabschluss",
        "abg": "Abgehende insgesamt",
    }
    expr = parse("100 * (abg_ohne_hsa / abg)")
    assert describe_de(expr, labels) == (
        "100 × (Abgehende ohne Hauptschulabschluss ÷ Abgehende insgesamt)"
    )


def test_describe_de_lag_sum_and_german_numbers() -> None:
    labels = {"kita": "Kinder in Kitas", "tp": "Kinder in Tagespflege", "bev": "Bevölkerung"}
    expr = parse("100 * sum(kita, tp) / lag(bev, 1) - 0.5")
    assert describe_de(expr, labels) == (
        "100 × (Kinder in Kitas + Kinder in Tagespflege) ÷ Bevölkerung (Vorjahr) − 0,5"
    )
    assert describe_de(parse("lag(a + b, 2)"), {}) == "(a + b) (vor 2 Jahren)"


def test_error_is_bad_request_with_position_and_german_message() -> None:
    with pytest.raises(FormulaError) as info:
        parse("100 * (a / b")
    assert isinstance(info.value, BadRequest)
    assert info.value.position == 12
    assert info.value.message == "Formel »100 * (a / b«: an Stelle 12 fehlt »)«"


@pytest.mark.parametrize(
    ("text", "position", "fragment"),
    [
        ("", 0, "fehlt ein Ausdruck"),
        ("a +", 3, "fehlt eine Zahl, ein Name oder »(«"),
        ("a b", 2, "steht »b«"),
        ("a $ b", 2, "unerwartete Zeichen »$«"),
        ("Abc", 0, "kein gültiger Name"),
        ("foo(a)", 0, "unbekannte Funktion »foo«"),
        ("lag(a)", 0, "genau 2 Argumente"),
        ("lag(a, 1, 2)", 0, "genau 2 Argumente"),
        ("lag(a, 1.5)", 7, "ganze Zahl"),
        ("lag(a, 1.0)", 7, "ganze Zahl"),
        ("lag(a, 0)", 7, "ganze Zahl"),
        ("lag(a, b)", 7, "ganze Zahl"),
        ("lag(a, 201)", 7, "ganze Zahl"),
        ("sum()", 0, "mindestens ein Argument"),
        ("sum", 3, "»(«"),
        ("sum(1,5)", 4, "mehrdeutig"),
        (")", 0, "steht »)«"),
        ("(" * 60 + "a" + ")" * 60, 40, "verschachtelt"),
        ("+".join(["a"] * 120), 199, "geschachtelt"),
        ("9" * 400, 0, "zu groß"),
    ],
)
def test_errors(text: str, position: int, fragment: str) -> None:
    with pytest.raises(FormulaError) as info:
        parse(text)
    assert info.value.position == position
    assert fragment in info.value.message
    assert info.value.message.startswith(f"Formel »{text}«: an Stelle {position} ")


def test_decimal_comma_allowed_inside_parentheses_within_call() -> None:
    # "(0,5)" is unambiguous: a parenthesised group is no argument list
    assert parse("sum((0,5), a)") == Call("sum", (Num(0.5), Name("a")))


def test_nodes_validate_construction() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        Num(-1.0)
    with pytest.raises(ValueError, match="invalid alias"):
        Name("Sum")
    with pytest.raises(ValueError, match="lag"):
        Call("lag", (Name("a"), Num(0.5)))
    with pytest.raises(ValueError, match="operator"):
        BinOp("^", Name("a"), Name("b"))
