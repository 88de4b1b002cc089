"""The body rows of a `Table` as HTML, in Python: a Jinja macro call per cell costs a
multiple of this on tables of 400 Kreise (the Kennblatt, the map, the Werte page)."""

from __future__ import annotations

from markupsafe import Markup, escape

from bildungsmonitor.web.table import CellValue, Figure, Link, Table


def table_rows(table: Table, limit: int | None = None) -> Markup:
    """``<tr>`` per row; the first cell is the row header; numbers right-aligned."""
    numeric = [column.numeric for column in table.columns]
    rows = table.rows[:limit] if limit else table.rows
    lines = []
    for row in rows:
        cells = "".join(_cell(value, numeric[i], i == 0) for i, value in enumerate(row))
        lines.append(f"<tr>{cells}</tr>")
    return Markup("\n".join(lines))


def _cell(value: CellValue, numeric: bool, header: bool) -> str:
    tag, scope = ("th", ' scope="row"') if header else ("td", "")
    if value is None:
        return f"<{tag}{scope}></{tag}>"
    if isinstance(value, Link):
        return f'<{tag}{scope}><a href="{escape(value.href)}">{escape(value.text)}</a></{tag}>'
    if isinstance(value, Figure):
        return f'<{tag} class="num"{scope}>{_figure(value)}</{tag}>'
    if isinstance(value, bool):
        return f"<{tag}{scope}>{'ja' if value else 'nein'}</{tag}>"
    css = ' class="num"' if numeric else ""
    return f"<{tag}{css}{scope}>{escape(value)}</{tag}>"


def _figure(value: Figure) -> str:
    text = escape(value.display)
    if value.symbol:
        return f'<abbr title="{escape(value.symbol_label or "")}">{text}</abbr>'
    if value.bracketed:
        return f'<abbr title="Aussagewert eingeschränkt">{text}</abbr>'
    return str(text)
