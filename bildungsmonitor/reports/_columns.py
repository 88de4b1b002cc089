"""Wide tables in print: split the value columns into blocks that fit the text width.

A table whose columns do not fit the page is printed as consecutive tables of the same
number: each block repeats the row-header columns (indicator, region, year) and the later
blocks say »Fortsetzung« in their caption, as printed statistical reports do. The widths
are estimated from the text (the narrowest a column can get without overflowing: its
longest unbreakable word) for the stylesheet's fonts, so HTML, PDF and DOCX split a
table in the same places and keep the same numbers.

The estimate is cautious (the widest average glyph widths measured for Liberation Sans);
``tests/reports/test_columns.py`` lays wide tables out with WeasyPrint and checks that no
block overflows the page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bildungsmonitor.reports.model import TableElement

HEADER_EM = 0.66
"""Widest average width of a bold header character in em (measured with WeasyPrint on
region names, Liberation Sans: 0.60–0.66)."""
CELL_EM = 0.6
"""The same for regular cell text and digits (measured: 0.53–0.64)."""
PADDING_PX = 12.0
"""Left and right cell padding (5 px each in ``report.css``) plus the border."""
ROW_HEADER_CHARS = 20
"""A row-header column (indicator name, region) wraps, but not narrower than this."""
TEXT_WIDTH_PX = 650.0
"""A4 width less the page margins (210 − 18 − 20 mm) in CSS pixels."""
_BREAKS = re.compile(r"(?<=-)|\s+")


@dataclass(frozen=True)
class Measure:
    """Where a table is set: its font size and the width available."""

    font_px: float
    width_px: float

    def px(self, chars: int, em: float) -> float:
        return chars * em * self.font_px + PADDING_PX


BODY = Measure(font_px=12.0, width_px=TEXT_WIDTH_PX)  # 9 pt tables on the full width
PROFILE_BODY = Measure(font_px=10.67, width_px=TEXT_WIDTH_PX)  # Kommunalprofil: 8 pt
PROFILE_APPENDIX = Measure(font_px=9.33, width_px=(TEXT_WIDTH_PX - 23.0) / 2)  # 7 pt, 2 columns


def measure(kind: str, *, appendix: bool) -> Measure:
    """The measure of a report kind's tables (see ``assets/report.css``)."""
    if kind == "kommunalprofil":
        return PROFILE_APPENDIX if appendix else PROFILE_BODY
    return BODY


def _longest_piece(text: str) -> int:
    """Characters of the longest piece a line can hold (lines break at blanks and after
    hyphens: »Mansfeld-« »Südharz«)."""
    return max((len(piece) for piece in _BREAKS.split(text)), default=0)


def column_px(table: TableElement, where: Measure) -> list[float]:
    """Per column, its narrowest width without overflow, in CSS pixels."""
    widths = []
    for index, head in enumerate(table.header):
        cells = [row[index] for row in table.rows if index < len(row)]
        header = where.px(_longest_piece(head), HEADER_EM)
        if index < table.numeric_from:
            longest = max(map(len, cells), default=0)
            pieces = max(map(_longest_piece, cells), default=0)
            chars = max(pieces, min(longest, ROW_HEADER_CHARS))
        else:
            chars = max(map(len, cells), default=0)
        widths.append(max(header, where.px(chars, CELL_EM)))
    return widths


def column_blocks(table: TableElement, where: Measure) -> list[list[int]]:
    """The value columns (indices) of each block, as few blocks as fit, evenly filled."""
    pixels = column_px(table, where)
    fixed = sum(pixels[: table.numeric_from])
    values = list(range(table.numeric_from, len(table.header)))
    room = max(where.width_px - fixed, 0.0)
    if sum(pixels[i] for i in values) <= room or not values:
        return [values]
    count = len(_greedy(values, pixels, room))
    while True:
        blocks = _even(values, count)
        if all(sum(pixels[i] for i in block) <= room for block in blocks):
            return blocks
        if count >= len(values):
            return blocks  # one value column per block: the narrowest it gets
        count += 1


def _greedy(values: list[int], pixels: Sequence[float], room: float) -> list[list[int]]:
    blocks: list[list[int]] = [[]]
    used = 0.0
    for index in values:
        if blocks[-1] and used + pixels[index] > room:
            blocks.append([])
            used = 0.0
        blocks[-1].append(index)
        used += pixels[index]
    return blocks


def _even(values: list[int], count: int) -> list[list[int]]:
    size, extra = divmod(len(values), count)
    blocks, start = [], 0
    for number in range(count):
        end = start + size + (1 if number < extra else 0)
        blocks.append(values[start:end])
        start = end
    return blocks
