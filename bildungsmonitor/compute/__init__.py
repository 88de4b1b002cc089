"""Indicator computation: formulas, evaluation, binding of aliases, aggregation."""

from bildungsmonitor.compute.aggregate import distribution, group_value, summarize
from bildungsmonitor.compute.binding import Binding, BindingError, normalize_label, select
from bildungsmonitor.compute.evaluate import evaluate, evaluate_parts
from bildungsmonitor.compute.formula import Expr, FormulaError, describe_de, parse

__all__ = [
    "Binding",
    "BindingError",
    "Expr",
    "FormulaError",
    "describe_de",
    "distribution",
    "evaluate",
    "evaluate_parts",
    "group_value",
    "normalize_label",
    "parse",
    "select",
    "summarize",
]
