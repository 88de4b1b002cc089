"""What every chart shares: input shapes, the `Chart` result, palette, locale and layout.

Specs are plain Vega-Lite dicts (no Altair objects): typed, inline data only, no URLs.
They render offline with vl-convert; the SVG is cached per spec text.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import vl_convert

from bildungsmonitor.chart._text import wrap

VEGA_LITE_VERSION = "6.4"
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
TEXT_COLOUR = "#222222"  # contrast 16:1 on white
MUTED_TEXT_COLOUR = "#444444"  # contrast 9.7:1 on white

# Okabe–Ito, ordered for lines and categories on white (yellow last: weak contrast).
OKABE_ITO = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
)
REGION_COLOUR = "#0072B2"  # Okabe–Ito blue
HIGHLIGHT_COLOUR = "#D55E00"  # Okabe–Ito vermillion
REFERENCE_COLOUR = "#595959"  # dark grey, 7:1 on white

# Vega-Lite config.locale: German number formatting in axes and legends.
GERMAN_NUMBER_LOCALE: dict[str, Any] = {
    "decimal": ",",
    "thousands": ".",
    "grouping": [3],
    "currency": ["", " €"],
}

CONFIG: dict[str, Any] = {
    "locale": {"number": GERMAN_NUMBER_LOCALE},
    "font": FONT,
    "background": "#ffffff",
    "view": {"stroke": None},
    "axis": {
        "labelColor": TEXT_COLOUR,
        "titleColor": TEXT_COLOUR,
        "labelFontSize": 11,
        "titleFontSize": 11,
        "titleFontWeight": "normal",
        "domainColor": "#666666",
        "tickColor": "#666666",
        "gridColor": "#e3e3e3",
    },
    "legend": {
        "labelColor": TEXT_COLOUR,
        "titleColor": TEXT_COLOUR,
        "labelFontSize": 11,
        "titleFontSize": 11,
        "labelLimit": 360,
    },
    "header": {"labelColor": TEXT_COLOUR, "labelFontSize": 11, "titleFontSize": 11},
}


@dataclass(frozen=True)
class Point:
    """One value of a bar chart: a region (or reference) with a value or a symbol."""

    label: str
    value: float | None
    symbol: str | None = None
    highlight: bool = False
    kind: str = "region"  # "region" | "reference" (Land, Deutschland, group, median)


@dataclass(frozen=True)
class Line:
    """One series of a time series: ``(year, value, symbol)`` per point."""

    label: str
    points: Sequence[tuple[int, float | None, str | None]]
    highlight: bool = False


@dataclass(frozen=True)
class Chart:
    """A rendered-on-demand chart: Vega-Lite spec plus its text alternative and table."""

    title: str
    spec: dict[str, Any]
    alt_text: str
    source: str
    table: list[dict[str, Any]]

    @functools.cached_property
    def spec_json(self) -> str:
        """Canonical JSON text of the spec (sorted keys): the cache key of the SVG."""
        return spec_text(self.spec)

    def svg(self) -> str:
        """The chart as SVG (vl-convert, offline); cached per spec."""
        return _render_svg(self.spec_json)

    def png(self, scale: float = 2.0) -> bytes:
        """The chart as PNG at ``scale`` × (2.0 ≈ 144 dpi, for print and DOCX)."""
        return _render_png(self.spec_json, scale)


@dataclass(frozen=True, slots=True)
class RawJSON:
    """A value of a spec that is already JSON text (e.g. a Kreis boundary, serialised once
    per process instead of once per map)."""

    text: str


_RAW = re.compile(r'"\\u0000raw(\d+)"')


def spec_text(spec: dict[str, Any]) -> str:
    """``spec`` as compact JSON with sorted keys; `RawJSON` values are spliced in verbatim."""
    raws: list[str] = []

    def placeholder(value: object) -> str:
        if not isinstance(value, RawJSON):
            raise TypeError(f"not JSON serialisable: {type(value).__name__}")
        raws.append(value.text)
        return f"\0raw{len(raws) - 1}"

    text = json.dumps(
        spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=placeholder
    )
    return _RAW.sub(lambda match: raws[int(match.group(1))], text) if raws else text


@functools.lru_cache(maxsize=128)
def _render_svg(spec_json: str) -> str:
    # vl-convert takes the JSON text as is: no second parse on the Python side
    return str(vl_convert.vegalite_to_svg(spec_json, vl_version=VEGA_LITE_VERSION))


@functools.lru_cache(maxsize=32)
def _render_png(spec_json: str, scale: float) -> bytes:
    return bytes(vl_convert.svg_to_png(_render_svg(spec_json), scale=scale))


def compose(
    title: str,
    body: dict[str, Any],
    *,
    notes: Sequence[str],
    source: str,
    width: int,
    description: str,
) -> dict[str, Any]:
    """Title on top, the chart body, then symbol notes and source line(s) at the bottom.

    Both titles are anchored at the left edge of the figure (``frame: bounds``); the
    bottom one carries notes and source as SVG text, wrapped to ``width`` pixels.
    """
    heading = {
        "text": title,
        "anchor": "start",
        "frame": "bounds",
        "fontSize": 15,
        "color": TEXT_COLOUR,
        "offset": 14,
    }
    return {
        "description": description,
        "title": {
            "text": wrap([*notes, source], width).split("\n"),
            "orient": "bottom",
            "anchor": "start",
            "frame": "bounds",
            "fontSize": 11,
            "fontWeight": "normal",
            "lineHeight": 14,
            "color": MUTED_TEXT_COLOUR,
            "offset": 16,
        },
        "vconcat": [{**body, "title": heading}],
        # keep legends inside the body, between its title and the plot
        "resolve": {"legend": {"color": "independent"}},
        "config": CONFIG,
    }


def join_sentences(parts: Sequence[str]) -> str:
    """Alt text from sentences, skipping empty ones."""
    return " ".join(p for p in parts if p)
