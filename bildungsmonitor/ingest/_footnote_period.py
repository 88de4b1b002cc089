"""The years a GENESIS footnote is limited to: private helper of
:mod:`bildungsmonitor.ingest._genesis_foot`.

Many notes name a period in their leading prefix: ``Deutschland (2007): …``,
``Baden-Württemberg (Berichtsjahr 2008-2010): …``, ``Saarland (von 2011 bis 2015): …``,
``Ab 2011: …``, ``ab dem Berichtsjahr 2011: …``, ``2017: …``, ``Berichtsjahre
2001-2007: …``, ``Sachsen-Anhalt: ab 2017/18 sind …``. Only these clear forms are read,
conservatively: anything else — a period after one of several Länder (``Thüringen,
Hessen (ab 2001): …``), a date (``(31.12.2010)``), a second period later in the text
(``…, (ab Berichtsjahr 2011): …``), a year in the running text (``Ab 2012 mit …``) —
leaves the note unlimited: it applies to every year, as a note without period.

A school year ``2017/18`` counts as both calendar years it touches (2017 and 2018): an
export labels it by the year the school year ends (Absolvierende, 21111-02-06-4) or by
the year of its start (Schülerinnen und Schüler at the start of the school year), so the
note is kept for both rather than dropped from a year it may concern. A list of years
(``(1995, 1996)``) counts as the span from the first to the last.
"""

from __future__ import annotations

import re

Period = tuple[int | None, int | None]
"""(from_year, to_year), both inclusive; None: open on that side."""
UNLIMITED: Period = (None, None)

_YEAR = r"(?:19|20)\d\d"
_SCHOOL_YEAR = rf"{_YEAR}/\d{{2}}(?:\d{{2}})?"
_ITEM = rf"{_SCHOOL_YEAR}|{_YEAR}"
_KIND = r"(?:(?:dem\s+)?(?:Berichts?|Schul)jahre?s?\s+)?"
_SPAN = re.compile(
    rf"^(?:(?:Berichts?|Schul)jahre?s?\s+)?(?:(?P<from_word>ab|von)\s+)?{_KIND}(?P<a>{_ITEM})"
    rf"(?:\s*(?:-|–|bis)\s*{_KIND}(?P<b>{_ITEM}))?$",
    re.IGNORECASE,
)
_UNTIL = re.compile(rf"^bis\s+{_KIND}(?P<b>{_ITEM})$", re.IGNORECASE)
_LIST = re.compile(rf"^{_YEAR}(?:\s*,\s*{_YEAR})+$")

_REGION_WITH_PERIOD = re.compile(r"^(?P<region>[^():,]{2,60}?)\s*:?\s*\((?P<period>[^()]*)\)\s*:")
_LEADING_PARENTHESIS = re.compile(r"^\((?P<period>[^()]*)\)\s*:?")
_LEADING_PERIOD = re.compile(r"^(?P<period>[^:()]{4,40}?)\s*:")
_LEADING_PARENTHESISED_KIND = re.compile(
    r"^(?:Berichts?|Schul)jahre?\s*\((?P<period>[^()]*)\)\s*:", re.IGNORECASE
)
_AFTER_REGION = re.compile(rf"^[^:()]{{2,60}}:\s*(?P<period>ab\s+{_SCHOOL_YEAR})\s", re.IGNORECASE)
_ANOTHER_PERIOD = re.compile(
    rf"\(\s*(?:(?:ab|bis|von|seit)\s+)?{_KIND}{_YEAR}|\b(?:ab|bis)\s+(?:dem\s+)?Berichtsjahr",
    re.IGNORECASE,
)


def note_period(text: str, region_name: str | None) -> Period:
    """The years the note ``text`` is limited to, by its leading prefix; ``UNLIMITED``
    when it names none or not clearly. ``region_name``: the region(s) the note is on,
    as the foot parser found them (a period after a region counts for a single one)."""
    for pattern, needs_single_region in _PREFIXES:
        m = pattern.match(text)
        if m is None or (needs_single_region and not _single(region_name)):
            continue
        period = parse_period(m.group("period"))
        if period == UNLIMITED:
            continue
        return UNLIMITED if _ANOTHER_PERIOD.search(text, m.end()) else period
    return UNLIMITED


def _single(region_name: str | None) -> bool:
    return bool(region_name) and "," not in (region_name or "")


_PREFIXES = (
    (_LEADING_PARENTHESIS, False),
    (_LEADING_PARENTHESISED_KIND, False),
    (_LEADING_PERIOD, False),
    (_REGION_WITH_PERIOD, True),
    (_AFTER_REGION, False),
)


def parse_period(text: str) -> Period:
    """``2007``, ``2008-2010``, ``1995 bis 2000``, ``von 2011 bis 2015``, ``ab 2011``,
    ``ab dem Berichtsjahr 2011``, ``bis Schuljahr 2007/08``, ``Berichtsjahre 2001-2007``,
    ``1995, 1996`` …; ``UNLIMITED`` for anything else."""
    words = " ".join(text.split())
    if _LIST.match(words):
        years = [int(y) for y in re.findall(_YEAR, words)]
        return min(years), max(years)
    m = _UNTIL.match(words)
    if m is not None:
        return None, _bounds(m.group("b"))[1]
    m = _SPAN.match(words)
    if m is None or _bounds(m.group("a")) == UNLIMITED:
        return UNLIMITED
    first, last = _bounds(m.group("a"))
    if m.group("b") is not None:
        end = _bounds(m.group("b"))[1]
        if end is None or first is None or end < first:
            return UNLIMITED
        return first, end
    if (m.group("from_word") or "").lower() == "ab":
        return first, None
    if m.group("from_word"):  # »von 2011« without end
        return UNLIMITED
    return first, last


def _bounds(item: str) -> Period:
    """A year as (year, year); a school year ``2017/18`` as (2017, 2018); ``UNLIMITED``
    for a school year whose second year does not follow (``2021/21``)."""
    if "/" not in item:
        return int(item), int(item)
    start, end = item.split("/")
    last = int(start[:2] + end) if len(end) == 2 else int(end)
    if last != int(start) + 1:
        return UNLIMITED
    return int(start), last
