"""Which footnotes of a source table apply to a figure: private helper of
``indicator_value.footnotes_for``.

A GENESIS footnote may name a region (``Sachsen-Anhalt: …``, ``Berlin, Brandenburg: …``)
and a column (``zu "Absolventen/Abgänger ohne Hauptschulabschluss":``). The loader stores
the region's code when it knows the name (``ingest.loader._store_footnotes``); names it
did not resolve (a list of Länder, also with periods: ``Bayern, Mecklenburg-Vorpommern
(2015) und Saarland``; an import made before the Länder were stored) are resolved here
by the fixed official codes of Deutschland (``DG``) and the Länder (``01``–``16``). A
note on »alle Länder« or on a region that is no Land is general.

Column labels of footnotes are GENESIS wording, not the export's header
(»Absolventen/Abgänger ohne Hauptschulabschluss« for the header path »Absolvierende/
Abgehende … nach dem Abschluss › ohne Hauptschulabschluss › Insgesamt«), so a column
note belongs to the stored header paths of its table that share the most words with its
label (normalised as in ``compute.binding``, without parentheses and filler words); it
applies when one of them is an input series. A label that shares no word with any
column applies nowhere.

A note limited to a period (``footnote.from_year``/``to_year``, read on import from
``Deutschland (2007): …``) applies when one of the shown years lies in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bildungsmonitor.compute.binding import ANY_MANY, ANY_ONE, normalize_label, path_matches
from bildungsmonitor.store.region import land_code
from bildungsmonitor.store.tables import Footnote, Series

_PARENTHESES = re.compile(r"\([^)]*\)?")
_WORD_BREAK = re.compile(r"[\s.]+")
_NAME_SEPARATOR = re.compile(r"\s*,\s*|\s+und\s+")
_FILLERS = frozenset({"der", "die", "das", "des", "dem", "den", "und", "im", "in", "an", "am"})
_WILDCARDS = (ANY_ONE, ANY_MANY)
_Columns = tuple[dict[tuple[str, ...], list[str]], set[tuple[str, ...]]]


def _words(text: str) -> list[str]:
    """Normalised words without parentheses, punctuation and filler words; a dot ends a
    word (»Rechn.Zahl d.Vollzeitstellen i.pädagogisch.Bereich«)."""
    plain = normalize_label(_PARENTHESES.sub(" ", text))
    words = (w.strip(",:;\"'") for w in _WORD_BREAK.split(plain))
    return [w for w in words if w and w not in _FILLERS]


@dataclass
class FootnoteScope:
    """Decides per footnote; reads the series paths of a table once, when needed."""

    session: Session
    regions: set[str] | None
    columns: list[tuple[str, tuple[str, ...]]] | None
    years: set[int] | None = None
    _tables: dict[str, _Columns] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        session: Session,
        regions: Iterable[str] | None,
        columns: Iterable[tuple[str, Sequence[str]]] | None,
        years: Iterable[int] | None = None,
    ) -> FootnoteScope:
        wanted = None if columns is None else [(t.strip(), tuple(p)) for t, p in columns]
        shown = None if years is None else set(years)
        return cls(session, None if regions is None else set(regions), wanted, shown)

    def applies(self, note: Footnote, table_code: str) -> bool:
        return (
            self._period_applies(note)
            and self._region_applies(note)
            and self._column_applies(note, table_code.strip())
        )

    def _period_applies(self, note: Footnote) -> bool:
        return self.years is None or overlaps((note.from_year, note.to_year), self.years)

    def _region_applies(self, note: Footnote) -> bool:
        if self.regions is None:
            return True
        if note.region_code is not None:
            scope: set[str] | None = {note.region_code}
        else:
            scope = region_codes(note.region_name or "")
        if scope is None:
            return True
        return any(_within(code, area) for code in self.regions for area in scope)

    def _column_applies(self, note: Footnote, table_code: str) -> bool:
        if self.columns is None or not note.column_label:
            return True
        candidates, inputs = self._table(table_code)
        label = _words(note.column_label)
        scores = {path: _score(label, words) for path, words in candidates.items()}
        best = max(scores.values(), default=0)
        return best > 0 and any(scores[path] == best for path in inputs)

    def _table(self, table_code: str) -> _Columns:
        """The table's stored header paths (with their words) and those that are inputs."""
        if table_code not in self._tables:
            patterns = [p for t, p in self.columns or [] if t == table_code]
            stored = self.session.scalars(
                select(Series.path).where(func.trim(Series.table_code) == table_code)
            ).all()
            paths = {tuple(s) for s in stored} | {p for p in patterns if not _wild(p)}
            inputs = {p for p in paths if any(path_matches(x, p) for x in patterns)}
            self._tables[table_code] = ({p: _words(" ".join(p)) for p in paths}, inputs)
        return self._tables[table_code]


def overlaps(period: tuple[int | None, int | None], years: set[int]) -> bool:
    """One of ``years`` lies in ``period`` (first, last year; None: open)."""
    first, last = period
    return any((first is None or y >= first) and (last is None or y <= last) for y in years)


def region_codes(region_name: str) -> set[str] | None:
    """Codes of Deutschland and the Länder a footnote's region names (``Sachsen``,
    ``Berlin, Brandenburg``, ``Bremen, Hessen (bis 2000) und Saarland``); None for a
    general note: no region, »alle Länder«, or a name that is neither."""
    names = [n for n in _NAME_SEPARATOR.split(_PARENTHESES.sub(" ", region_name)) if n.strip()]
    codes = [land_code(name) for name in names]
    if not codes or None in codes:
        return None
    return {code for code in codes if code is not None}


def _wild(pattern: tuple[str, ...]) -> bool:
    return any(x in _WILDCARDS for x in pattern)


def _score(label: list[str], path: list[str]) -> int:
    """How many words of a footnote's column label occur in a header path (a word of
    at least four letters also matches as the start of a longer one: »allg.« and
    »allgemeiner«, »integrativ« and »integrativer«)."""
    return sum(1 for word in label if any(_same(word, other) for other in path))


def _same(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) >= 4 and long.startswith(short))


def _within(code: str, area: str) -> bool:
    """``code`` is ``area`` or lies in the Land ``area`` (a Kreis code starts with it)."""
    return code == area or (len(area) == 2 and area != "DG" and code.startswith(area))
