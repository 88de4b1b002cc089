"""Reading the options of one block: typed getters that fail with file and line.

Every block module reads its options through ``Options``; ``finish()`` rejects any
option the block did not ask for, so typos never pass silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bildungsmonitor.catalogue.model import Catalogue, Indicator
from bildungsmonitor.compute.computation import GROUP_PREFIX
from bildungsmonitor.errors import InputError, NotFound
from bildungsmonitor.reports._data import ReportData
from bildungsmonitor.reports.model import Location

_RANGE = re.compile(r"^\s*(\d{4})\s*[-–]\s*(\d{4})\s*$")


@dataclass(frozen=True)
class Years:
    """``latest``, an inclusive range ``2015-2023`` or explicit years ``[2015, 2023]``."""

    mode: str  # "latest" | "range" | "list"
    values: tuple[int, ...] = ()

    def pick(self, available: list[int]) -> list[int]:
        if self.mode == "latest":
            return available[-1:]
        if self.mode == "range":
            low, high = self.values
            return [y for y in available if low <= y <= high]
        return list(self.values)


@dataclass
class Options:
    """The options of one block with the line of every key."""

    values: dict[str, Any]
    lines: dict[str, int]
    where: Location
    data: ReportData
    subject: str
    used: set[str] = field(default_factory=set)

    @property
    def catalogue(self) -> Catalogue:
        return self.data.catalogue

    def fail(self, reason: str, key: str | None = None) -> InputError:
        line = self.lines.get(key, self.where.line) if key else self.where.line
        return InputError(reason, file=self.where.file, line=line)

    def raw(self, key: str, default: Any = None) -> Any:
        self.used.add(key)
        return self.values.get(key, default)

    def has(self, key: str) -> bool:
        return key in self.values

    def indicator(self, key: str = "indicator") -> Indicator:
        code = self.raw(key)
        if code is None:
            raise self.fail(f"Option »{key}« fehlt.")
        return self._indicator(str(code), key)

    def indicators(self, key: str = "indicators") -> list[Indicator]:
        codes = self.raw(key)
        if codes is None:
            raise self.fail(f"Option »{key}« fehlt.")
        if not isinstance(codes, list) or not codes:
            raise self.fail(
                f"»{key}« muss eine Liste von Kennzahlen sein, z. B. [D7.2, D7.3].", key
            )
        return [self._indicator(str(c), key) for c in codes]

    def _indicator(self, code: str, key: str) -> Indicator:
        try:
            indicator = self.catalogue.indicator(code)
        except NotFound:
            raise self.fail(f"Kennzahl »{code}« ist im Katalog nicht vorhanden.", key) from None
        if not indicator.computable:
            raise self.fail(f"Kennzahl »{code}« ist noch nicht berechenbar.", key)
        return indicator

    def region(self, key: str = "region") -> str:
        value = self.raw(key)
        return self.subject if value is None else self._code(value, key)

    def regions(self) -> list[str] | None:
        """Explicit ``regions`` or the members of ``group``; None: the report default."""
        regions, group = self.raw("regions"), self.raw("group")
        if regions is not None and group is not None:
            raise self.fail("Bitte entweder »regions« oder »group« angeben, nicht beides.", "group")
        if group is not None:
            slug = str(group).removeprefix(GROUP_PREFIX)
            if slug not in self.data.groups:
                raise self.fail(f"Regionsgruppe »{slug}« ist nicht bekannt.", "group")
            return self.data.members(GROUP_PREFIX + slug)
        if regions is None:
            return None
        if not isinstance(regions, list) or not regions:
            raise self.fail("»regions« muss eine Liste von Regionalschlüsseln sein.", "regions")
        return [self._code(r, "regions") for r in regions]

    def _code(self, value: Any, key: str) -> str:
        code = str(value).strip()
        if isinstance(value, int) and len(code) in (1, 4):
            code = code.zfill(len(code) + 1)  # YAML reads 01 / 01001 as numbers
        if code.startswith(GROUP_PREFIX):
            if code.removeprefix(GROUP_PREFIX) not in self.data.groups:
                raise self.fail(f"Regionsgruppe »{code}« ist nicht bekannt.", key)
            return code
        if code not in self.data.regions:
            raise self.fail(f"Gebietseinheit »{code}« ist nicht bekannt.", key)
        return code

    def years(self, key: str = "years", default: str = "latest") -> Years:
        value = self.raw(key, default)
        if value == "latest":
            return Years("latest")
        if isinstance(value, int):
            return Years("list", (value,))
        if isinstance(value, list) and value and all(isinstance(v, int) for v in value):
            return Years("list", tuple(sorted(set(value))))
        match = _RANGE.match(str(value))
        if match and int(match[1]) <= int(match[2]):
            return Years("range", (int(match[1]), int(match[2])))
        raise self.fail(
            f"»{key}: {value}« ist keine gültige Jahresangabe "
            "(erlaubt: latest, 2015-2023, [2015, 2023]).",
            key,
        )

    def choice(self, key: str, allowed: tuple[str, ...], default: str) -> str:
        value = str(self.raw(key, default))
        if value not in allowed:
            raise self.fail(
                f"»{key}: {value}« ist nicht erlaubt (möglich: {', '.join(allowed)}).", key
            )
        return value

    def flag(self, key: str, default: bool) -> bool:
        value = self.raw(key, default)
        if not isinstance(value, bool):
            raise self.fail(f"»{key}« muss true oder false sein.", key)
        return value

    def text(self, key: str, default: str = "") -> str:
        value = self.raw(key, default)
        if not isinstance(value, str | int | float):
            raise self.fail(f"»{key}« muss ein Text sein.", key)
        return str(value)

    def finish(self) -> None:
        for key in self.values:
            if key not in self.used:
                raise self.fail(f"Unbekannte Option »{key}« in diesem Block.", key)
