"""One indicator figure with everything needed to show and trust it.

A figure is the value of an indicator for a region or group in a year, with its
numerator and denominator, the inputs it was computed from (each with source file
and *Stand*), reference values (Land, Deutschland, region groups, distribution over
the Kreise of the same type) and the footnotes that apply. CLI, web pages and
reports all render from ``Figure``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from difflib import SequenceMatcher

import polars as pl
from sqlalchemy import select
from sqlalchemy.orm import Session

from bildungsmonitor.catalogue.model import Catalogue, Indicator
from bildungsmonitor.compute import inputs as input_frames
from bildungsmonitor.compute.binding import matching_series
from bildungsmonitor.compute.binding import select as select_alias
from bildungsmonitor.compute.computation import GROUP_PREFIX, aliases_of, bindings_for
from bildungsmonitor.compute.formula import Call, Expr, Name, Num, parse
from bildungsmonitor.errors import NotFound
from bildungsmonitor.store.tables import (
    ImportRecord,
    IndicatorValue,
    Region,
    RegionGroup,
    RegionGroupMember,
)


def round_half_up(value: float, decimals: int) -> Decimal:
    """Round as official statistics do (half away from zero), ignoring binary float noise:
    100 × 51 / 80 = 63.74999999999999 in floating point is 63.75 and rounds to 63.8."""
    cleaned = Decimal(repr(round(value, 9)))
    return cleaned.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


MINUS_SIGN = "\u2212"
"""The true minus sign of displayed negative numbers, so »−2,5« never looks like the
official symbol ``-`` (nichts vorhanden). Machine formats (CSV) write a hyphen-minus."""


def format_number(value: float | None, decimals: int) -> str:
    """German display, rounded half up, with a true minus sign:
    16.78487 → »16,8«; 1269 → »1.269«; −41.95 → »−42,0«."""
    if value is None:
        return ""
    text = f"{round_half_up(value, decimals):,.{decimals}f}"
    text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return text.replace("-", MINUS_SIGN)


def display(value: float | None, symbol: str | None, bracketed: bool, decimals: int) -> str:
    """What pages, CLI and reports show: the symbol, or the number (true minus sign),
    in parentheses if the value is of limited reliability; »keine Daten« if neither."""
    text = symbol if symbol is not None else format_number(value, decimals)
    if not text:
        return "keine Daten"
    return f"({text})" if bracketed else text


@dataclass(frozen=True)
class ValueView:
    subject: str
    name: str
    year: int
    value: float | None
    symbol: str | None
    bracketed: bool
    display: str
    numerator: float | None = None
    denominator: float | None = None
    missing_members: tuple[str, ...] = ()
    numerator_symbol: str | None = None
    denominator_symbol: str | None = None


@dataclass(frozen=True)
class InputView:
    alias: str
    year: int
    value: float | None
    symbol: str | None
    file_name: str
    stand: str | None


@dataclass(frozen=True)
class DistributionView:
    region_type: str
    n: int
    minimum: float | None
    q1: float | None
    median: float | None
    q3: float | None
    maximum: float | None
    rank: int | None


@dataclass
class Figure:
    indicator: Indicator
    value: ValueView
    references: list[tuple[str, ValueView]] = field(default_factory=list)
    distribution: DistributionView | None = None
    inputs: list[InputView] = field(default_factory=list)
    members: list[ValueView] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


def subject_name(session: Session, subject: str) -> str:
    if subject.startswith(GROUP_PREFIX):
        group = session.scalar(
            select(RegionGroup).where(RegionGroup.slug == subject.removeprefix(GROUP_PREFIX))
        )
        if group is None:
            raise NotFound(
                f"Regionsgruppe »{subject.removeprefix(GROUP_PREFIX)}« ist nicht bekannt."
            )
        return group.name
    region = session.get(Region, subject)
    if region is None:
        raise NotFound(f"Gebietseinheit »{subject}« ist nicht bekannt.")
    return region.name


def stored_value(
    session: Session, indicator: Indicator, subject: str, year: int, name: str | None = None
) -> ValueView:
    row = session.scalar(
        select(IndicatorValue).where(
            IndicatorValue.indicator_code == indicator.code,
            IndicatorValue.subject == subject,
            IndicatorValue.year == year,
        )
    )
    label = name if name is not None else subject_name(session, subject)
    if row is None:
        return ValueView(subject, label, year, None, None, False, "keine Daten")
    return ValueView(
        subject,
        label,
        year,
        row.value,
        row.symbol,
        row.bracketed,
        display(row.value, row.symbol, row.bracketed, indicator.decimals),
        row.numerator,
        row.denominator,
        tuple(row.missing_members or ()),
        row.numerator_symbol,
        row.denominator_symbol,
    )


def get_figure(
    session: Session, catalogue: Catalogue, code: str, subject: str, year: int
) -> Figure:
    indicator = catalogue.indicator(code)
    value = stored_value(session, indicator, subject, year)
    figure = Figure(indicator, value)
    if subject.startswith(GROUP_PREFIX):
        figure.members.extend(_members(session, indicator, subject, year))
        figure.references.extend(_land_references(session, indicator, figure.members, year))
        # the members' inputs are not listed one by one, but their files are the sources
        shown = [m.subject for m in figure.members]
        inputs = explain_inputs(session, catalogue, indicator, shown, year)
    else:
        figure.references.extend(_region_references(session, indicator, subject, year))
        figure.distribution = _distribution(session, indicator, subject, value)
        shown = [subject]
        inputs = explain_inputs(session, catalogue, indicator, shown, year)
        figure.inputs.extend(inputs)
    _attach_sources(session, catalogue, figure, inputs, shown)
    return figure


def _region_references(
    session: Session, indicator: Indicator, code: str, year: int
) -> list[tuple[str, ValueView]]:
    references: list[tuple[str, ValueView]] = []
    if len(code) > 2 and code != "DG":
        references.append(("Land", stored_value(session, indicator, code[:2], year)))
    if code != "DG":
        references.append(("Deutschland", stored_value(session, indicator, "DG", year)))
    slugs = session.scalars(
        select(RegionGroup.slug)
        .join(RegionGroupMember, RegionGroupMember.group_id == RegionGroup.id)
        .where(RegionGroupMember.region_code == code)
        .order_by(RegionGroup.slug)
    )
    for slug in slugs:
        references.append(
            ("Regionsgruppe", stored_value(session, indicator, GROUP_PREFIX + slug, year))
        )
    return references


def _land_references(
    session: Session, indicator: Indicator, members: list[ValueView], year: int
) -> list[tuple[str, ValueView]]:
    lands = sorted({m.subject[:2] for m in members if len(m.subject) > 2})
    refs = [("Land", stored_value(session, indicator, land, year)) for land in lands]
    return [*refs, ("Deutschland", stored_value(session, indicator, "DG", year))]


def _members(session: Session, indicator: Indicator, subject: str, year: int) -> list[ValueView]:
    slug = subject.removeprefix(GROUP_PREFIX)
    codes = session.scalars(
        select(RegionGroupMember.region_code)
        .join(RegionGroup, RegionGroup.id == RegionGroupMember.group_id)
        .where(RegionGroup.slug == slug)
        .order_by(RegionGroupMember.region_code)
    )
    return [stored_value(session, indicator, code, year) for code in codes]


def _distribution(
    session: Session, indicator: Indicator, code: str, value: ValueView
) -> DistributionView | None:
    """Where ``code`` stands among the Kreise of its type (`compute.type_distribution`);
    ``None`` without a stored value."""
    from bildungsmonitor.compute.type_distribution import kreis_distribution

    if value.value is None and value.symbol is None:
        return None
    own = value.value if value.symbol is None else None
    return kreis_distribution(session, indicator.code, value.year, code, own)


def lag_offsets(expr: Expr, offset: int = 0) -> dict[str, set[int]]:
    """Which years (as offsets back from t) each alias is read at."""
    if isinstance(expr, Name):
        return {expr.name: {offset}}
    if isinstance(expr, Call) and expr.func == "lag":
        inner, years = expr.args
        assert isinstance(years, Num)
        return lag_offsets(inner, offset + int(years.value))
    found: dict[str, set[int]] = {}
    for child in expr.children():
        for name, offsets in lag_offsets(child, offset).items():
            found.setdefault(name, set()).update(offsets)
    return found


def explain_inputs(
    session: Session, catalogue: Catalogue, indicator: Indicator, regions: list[str], year: int
) -> list[InputView]:
    """The observations the regions' values were computed from, with file and *Stand*."""
    if not indicator.numerator:
        return []
    offsets: dict[str, set[int]] = {}
    for formula in (indicator.numerator, indicator.denominator):
        if formula:
            for name, found in lag_offsets(parse(formula)).items():
                offsets.setdefault(name, set()).update(found)
    bindings = bindings_for(catalogue, aliases_of(indicator))
    tables = {b.table for b in bindings.values()}
    series = input_frames.series_frame(session, tables)
    ids = {i for b in bindings.values() for i in matching_series(b, series)}
    observations = input_frames.observation_frame(session, ids).filter(
        pl.col("region_code").is_in(regions)
    )
    imports = {
        i: (name, stand)
        for i, name, stand in session.execute(
            select(ImportRecord.id, ImportRecord.file_name, ImportRecord.stand_text)
        )
    }
    views: list[InputView] = []
    for alias, binding in bindings.items():
        frame = select_alias(binding, series, observations)
        for offset in sorted(offsets.get(alias, {0})):
            hit = frame.filter(pl.col("year") == year - offset)
            for row in hit.iter_rows(named=True):
                views.append(
                    InputView(
                        alias,
                        row["year"],
                        row["value"],
                        row["symbol"],
                        *imports.get(row["import_id"], ("?", None)),
                    )
                )
    return views


def footnote_text(region_name: str | None, text: str) -> str:
    """A footnote with its region in front, unless the text already names its (first)
    region near its start: »Hamburg und Schleswig-Holstein: …«, »Deutschland (2007): …«,
    »Berichtjahre 2008-2013: Rheinland-Pfalz, Sachsen: …«, also misspelt as the source
    may have it (»Niedersachen (ab 2015): …«)."""
    if not region_name or _names_near_start(text, region_name.split(", ")[0]):
        return text
    return f"{region_name}: {text}"


_NEAR_START = 40
"""Characters after the length of a region name in which a note may name it: a period
or a second region may come first."""
_MISSPELT = 0.9


def _names_near_start(text: str, region: str) -> bool:
    if region in text[: len(region) + _NEAR_START]:
        return True
    return SequenceMatcher(None, text[: len(region)], region).ratio() >= _MISSPELT


def _attach_sources(
    session: Session,
    catalogue: Catalogue,
    figure: Figure,
    inputs: list[InputView],
    shown: list[str],
) -> None:
    """Source lines (file, Stand, licence) of the imports behind the ``inputs`` and the
    footnotes that apply to this value: general ones, those on its ``shown`` regions (a
    group: its members) and their Länder, and those on its input columns, without the
    notes limited to other years than the value's (`indicator_value.footnotes_for`)."""
    from bildungsmonitor.compute.indicator_value import indicator_footnotes

    files = {(i.file_name, i.stand) for i in inputs}
    named = select(ImportRecord).where(ImportRecord.file_name.in_({f for f, _ in files}))
    records = [
        r
        for r in session.scalars(named.order_by(ImportRecord.file_name, ImportRecord.id))
        if (r.file_name, r.stand_text) in files  # not an older import of the same name
    ]
    for record in records:
        figure.sources.append(
            f"{record.file_name} (Tabelle {record.table_code}), Stand {record.stand_text}; "
            f"{record.licence or 'Lizenzvermerk fehlt'}"
        )
    regions = [*shown, "DG"]
    figure.footnotes.extend(
        indicator_footnotes(
            session,
            catalogue,
            [figure.indicator],
            [r.id for r in records],
            regions,
            years=[figure.value.year],
        )
    )
