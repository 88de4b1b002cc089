"""Shared pieces of the indicator pages: value shapes, source lines, charts with downloads."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from bildungsmonitor.catalogue import Indicator
from bildungsmonitor.chart import Chart, Line, Point
from bildungsmonitor.compute.figure import DistributionView, display, format_number
from bildungsmonitor.compute.indicator_value import SourceRecord, StoredValue
from bildungsmonitor.errors import NotFound
from bildungsmonitor.symbol import symbol_labels
from bildungsmonitor.web.table import Figure

COPYRIGHT = "© Statistische Ämter des Bundes und der Länder, dl-de/by-2-0"
BOUNDARY_ATTRIBUTION = (
    "Grenzen der Kreise: © GeoBasis-DE / BKG (Daten verändert), dl-de/by-2-0 "
    "(Verwaltungsgebiete über OpenDataSoft »georef-germany-kreis«)"
)
CHART_TYPES = {".svg": "image/svg+xml", ".png": "image/png"}


class SourceLine(BaseModel):
    model_config = ConfigDict(title="Quelle einer Kennzahl")

    file_name: str = Field(description="Quelldatei.")
    table_code: str = Field(description="Tabellencode.")
    title: str = Field(description="Titel der Tabelle.")
    stand: str | None = Field(description="Stand der Quelldatei.")

    @classmethod
    def of(cls, record: SourceRecord) -> SourceLine:
        return cls(
            file_name=record.file_name,
            table_code=record.table_code,
            title=record.title,
            stand=record.stand,
        )


def source_text(sources: Sequence[SourceLine]) -> str:
    """»Quelle: <Datei>, Tabelle <Code>, Stand <…>; © Statistische Ämter …, dl-de/by-2-0«."""
    parts = [
        f"{s.file_name}, Tabelle {s.table_code}" + (f", Stand {s.stand}" if s.stand else "")
        for s in sources
    ]
    if not parts:
        return f"Quelle: {COPYRIGHT}"
    return "Quelle: " + "; ".join(parts) + f"; {COPYRIGHT}"


class IndicatorValueOut(BaseModel):
    model_config = ConfigDict(title="Kennzahlwert")

    indicator: str = Field(description="Code der Kennzahl.")
    subject: str = Field(description="Regionalschlüssel oder group:<Kürzel>.")
    name: str = Field(description="Name der Region oder Gruppe.")
    year: int = Field(description="Jahr.")
    value: float | None = Field(description="Wert in voller Genauigkeit; leer bei Zeichen.")
    symbol: str | None = Field(description="Zeichen der amtlichen Statistik statt eines Werts.")
    symbol_label: str | None = Field(description="Bedeutung des Zeichens.")
    bracketed: bool = Field(description="In Klammern: Aussagewert eingeschränkt.")
    display: str = Field(description="Darstellung (gerundet, Dezimalkomma, Zeichen).")
    numerator: float | None = Field(description="Zähler; leer bei Zeichen.")
    numerator_symbol: str | None = Field(
        default=None, description="Zeichen der amtlichen Statistik statt des Zählers."
    )
    denominator: float | None = Field(description="Nenner; leer bei Zeichen.")
    denominator_symbol: str | None = Field(
        default=None, description="Zeichen der amtlichen Statistik statt des Nenners."
    )

    @property
    def cell(self) -> Figure:
        return Figure(self.value, self.symbol, self.display, self.bracketed, self.symbol_label)

    @property
    def numerator_cell(self) -> Figure | None:
        return part_cell(self.numerator, self.numerator_symbol)

    @property
    def denominator_cell(self) -> Figure | None:
        return part_cell(self.denominator, self.denominator_symbol)


def value_out(
    indicator: Indicator, subject: str, name: str, year: int, stored: StoredValue | None
) -> IndicatorValueOut:
    """A stored value (or its absence: »keine Daten«) in the public shape."""
    if stored is None:
        stored = StoredValue(indicator.code, subject, year, None, None, False, None, None)
    return IndicatorValueOut(
        indicator=indicator.code,
        subject=subject,
        name=name,
        year=year,
        value=stored.value,
        symbol=stored.symbol,
        symbol_label=symbol_labels().get(stored.symbol) if stored.symbol else None,
        bracketed=stored.bracketed,
        display=display(stored.value, stored.symbol, stored.bracketed, indicator.decimals),
        numerator=stored.numerator,
        numerator_symbol=stored.numerator_symbol,
        denominator=stored.denominator,
        denominator_symbol=stored.denominator_symbol,
    )


def number_cell(value: float | None, decimals: int) -> Figure:
    return Figure(value, None, display(value, None, False, decimals) if value is not None else "")


def part_cell(value: float | None, symbol: str | None) -> Figure | None:
    """A numerator or denominator as a table cell: its symbol (with its meaning, for the
    legend) or the number with as many decimals as it has; None if there is neither."""
    if symbol is not None:
        return Figure(None, symbol, symbol, symbol_label=symbol_labels().get(symbol))
    if value is None:
        return None
    exponent = Decimal(repr(round(value, 9))).normalize().as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return Figure(value, None, format_number(value, decimals))


class DistributionOut(BaseModel):
    model_config = ConfigDict(title="Verteilung über die Kreise desselben Typs")

    region_type: str = Field(description="Typ: Landkreis oder kreisfreie Stadt.")
    n: int = Field(description="Anzahl der Kreise dieses Typs mit Zahlenwert.")
    minimum: float | None = Field(description="Kleinster Wert.")
    q1: float | None = Field(description="Unteres Quartil.")
    median: float | None = Field(description="Median.")
    q3: float | None = Field(description="Oberes Quartil.")
    maximum: float | None = Field(description="Größter Wert.")
    rank: int | None = Field(description="Rang (1 = höchster Wert).")

    @classmethod
    def of(cls, view: DistributionView | None) -> DistributionOut | None:
        if view is None:
            return None
        return cls(
            region_type=view.region_type,
            n=view.n,
            minimum=view.minimum,
            q1=view.q1,
            median=view.median,
            q3=view.q3,
            maximum=view.maximum,
            rank=view.rank,
        )


class ChartOut(BaseModel):
    """A chart of a page: shown as inline SVG, downloadable as SVG and PNG."""

    model_config = ConfigDict(title="Grafik")

    name: str = Field(description="Kurzname (Teil der Download-Adresse).")
    title: str = Field(description="Titel.")
    alt_text: str = Field(description="Textalternative.")
    source: str = Field(description="Quellenangabe.")
    svg_url: str = Field(description="Adresse der SVG-Datei.")
    png_url: str = Field(description="Adresse der PNG-Datei.")
    _chart: Chart | None = PrivateAttr(default=None)

    def svg(self) -> str:
        assert self._chart is not None
        return self._chart.svg()

    def file(self, suffix: str) -> Response:
        assert self._chart is not None
        body: str | bytes = self._chart.svg() if suffix == ".svg" else self._chart.png()
        return Response(
            body,
            media_type=CHART_TYPES[suffix],
            headers={"Content-Disposition": f'attachment; filename="{self.name}{suffix}"'},
        )


def chart_out(request: Request, base: str, name: str, chart: Chart) -> ChartOut:
    """Wrap ``chart``; downloads live at ``<base>/grafik/<name>.svg|png`` with this query."""
    query = request.url.query
    url = f"{base}/grafik/{quote(name)}"
    suffix = f"?{query}" if query else ""
    out = ChartOut(
        name=name,
        title=chart.title,
        alt_text=chart.alt_text,
        source=chart.source,
        svg_url=f"{url}.svg{suffix}",
        png_url=f"{url}.png{suffix}",
    )
    out._chart = chart
    return out


def chart_file(charts: Iterable[ChartOut], file_name: str) -> Response:
    """The download ``<name>.svg`` or ``<name>.png`` of one of ``charts``."""
    for suffix in CHART_TYPES:
        name = file_name.removesuffix(suffix)
        if name != file_name:
            for chart in charts:
                if chart.name == name:
                    return chart.file(suffix)
    raise NotFound(f"Grafik »{file_name}« gibt es auf dieser Seite nicht.")


def point(
    label: str, value: IndicatorValueOut | None, *, highlight: bool = False, kind: str = "region"
) -> Point:
    if value is None:
        return Point(label, None, None, highlight, kind)
    return Point(label, value.value, value.symbol, highlight, kind)


def line(label: str, values: Sequence[IndicatorValueOut], *, highlight: bool = False) -> Line:
    return Line(label, [(v.year, v.value, v.symbol) for v in values], highlight=highlight)


def by_subject(values: Iterable[IndicatorValueOut]) -> Mapping[str, IndicatorValueOut]:
    return {v.subject: v for v in values}
