"""API services for indicators and their values (with references and provenance)."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import ConfigDict, Field
from sqlalchemy.orm import Session

from bildungsmonitor.catalogue import Catalogue, Indicator
from bildungsmonitor.compute.computation import GROUP_PREFIX
from bildungsmonitor.compute.figure import DistributionView
from bildungsmonitor.compute.indicator_value import (
    StoredValue,
    find_values,
    indicator_sources,
    latest_years,
    values_in_year,
)
from bildungsmonitor.compute.type_distribution import kreis_types_now, type_numbers
from bildungsmonitor.errors import BadRequest
from bildungsmonitor.store.data_version import remembered
from bildungsmonitor.store.group import get_group, list_groups
from bildungsmonitor.store.region import get_region, list_regions
from bildungsmonitor.web.views.indicator_catalogue import IndicatorOut
from bildungsmonitor.web.views.indicator_figure import (
    DistributionOut,
    IndicatorValueOut,
    SourceLine,
    value_out,
)

MAX_WITH_REFERENCES = 5000


class ReferenceOut(IndicatorValueOut):
    model_config = ConfigDict(title="Vergleichswert")

    role: str = Field(description="Land, Deutschland oder Regionsgruppe.")


class IndicatorValueDetail(IndicatorValueOut):
    model_config = ConfigDict(title="Kennzahlwert mit Bezügen")

    references: list[ReferenceOut] | None = Field(
        default=None, description="Land, Deutschland, Regionsgruppen (mit references=true)."
    )
    distribution: DistributionOut | None = Field(
        default=None, description="Verteilung über die Kreise gleicher Art (mit references=true)."
    )
    provenance: list[SourceLine] | None = Field(
        default=None, description="Quelldateien mit Stand (mit references=true)."
    )


def indicator_detail(session: Session, catalogue: Catalogue, indicator: Indicator) -> IndicatorOut:
    return IndicatorOut.of(
        catalogue, indicator, remembered(session, latest_years).get(indicator.code)
    )


def _subjects(session: Session, regions: Sequence[str], group: str | None) -> list[str]:
    subjects = [get_region(session, code).code for code in regions]
    if group is not None:
        found = get_group(session, group)
        subjects += [GROUP_PREFIX + found.slug, *found.members]
    return list(dict.fromkeys(subjects))


def _names(session: Session) -> dict[str, str]:
    names = {r.code: r.name for r in list_regions(session, include_historic=True)}
    names.update({GROUP_PREFIX + g.slug: g.name for g in list_groups(session)})
    return names


class _References:
    """Reference values and distributions, each (indicator, year) read once."""

    def __init__(self, session: Session, catalogue: Catalogue, names: dict[str, str]) -> None:
        self.session = session
        self.catalogue = catalogue
        self.names = names
        self.types = kreis_types_now(session)
        self.memberships: dict[str, list[str]] = {}
        for g in list_groups(session):
            for code in g.members:
                self.memberships.setdefault(code, []).append(GROUP_PREFIX + g.slug)
        self.years: dict[tuple[str, int], dict[str, StoredValue]] = {}
        self.sources: dict[str, list[SourceLine]] = {}

    def year(self, code: str, year: int) -> dict[str, StoredValue]:
        if (code, year) not in self.years:
            self.years[code, year] = values_in_year(self.session, code, year)
        return self.years[code, year]

    def distribution(
        self, indicator: Indicator, value: IndicatorValueDetail
    ) -> DistributionView | None:
        region_type = self.types.get(value.subject)
        if region_type is None:
            return None
        numbers = type_numbers(self.session, [(indicator.code, value.year)])
        own = value.value if value.symbol is None else None
        return numbers[indicator.code, value.year].distribution(region_type, own)

    def provenance(self, indicator: Indicator) -> list[SourceLine]:
        if indicator.code not in self.sources:
            found = indicator_sources(self.session, self.catalogue, [indicator])
            self.sources[indicator.code] = [SourceLine.of(r) for r in found[indicator.code]]
        return self.sources[indicator.code]

    def detail(self, indicator: Indicator, value: IndicatorValueDetail) -> IndicatorValueDetail:
        values = self.year(indicator.code, value.year)
        subject = value.subject
        roles: list[tuple[str, str]] = []
        if not subject.startswith(GROUP_PREFIX) and subject != "DG":
            if len(subject) > 2:
                roles.append((subject[:2], "Land"))
            roles.append(("DG", "Deutschland"))
            roles += [(g, "Regionsgruppe") for g in self.memberships.get(subject, [])]
        references = [
            ReferenceOut(
                **value_out(
                    indicator, s, self.names.get(s, s), value.year, values.get(s)
                ).model_dump(),
                role=role,
            )
            for s, role in roles
        ]
        return value.model_copy(
            update={
                "references": references,
                "distribution": DistributionOut.of(self.distribution(indicator, value)),
                "provenance": self.provenance(indicator),
            }
        )


def find_indicator_values(
    session: Session,
    catalogue: Catalogue,
    *,
    indicators: Sequence[str],
    regions: Sequence[str],
    group: str | None,
    years: Sequence[int],
    references: bool,
) -> list[IndicatorValueDetail]:
    """Stored values by indicator, region/group and year; at least one filter of the first
    two kinds is required."""
    if not indicators and not regions and group is None:
        raise BadRequest("Bitte mindestens eine Kennzahl (indicator), Region oder Gruppe angeben.")
    chosen = {code: catalogue.indicator(code) for code in dict.fromkeys(indicators)}
    subjects = _subjects(session, regions, group)
    stored = find_values(session, indicators=list(chosen), subjects=subjects, years=years)
    if references and len(stored) > MAX_WITH_REFERENCES:
        raise BadRequest(
            f"Mit references=true höchstens {MAX_WITH_REFERENCES} Werte; bitte enger filtern."
        )
    names = _names(session)
    known = {i.code: i for i in catalogue.indicators}
    helper = _References(session, catalogue, names) if references else None
    found = []
    for v in stored:
        indicator = known.get(v.indicator_code)
        if indicator is None:
            continue
        base = value_out(indicator, v.subject, names.get(v.subject, v.subject), v.year, v)
        detail = IndicatorValueDetail(**base.model_dump())
        found.append(helper.detail(indicator, detail) if helper else detail)
    return found
