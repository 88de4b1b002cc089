"""The selection round as an Excel workbook (the coordinator's "homework") and back.

Layout: a sheet »Hinweise« naming ring, round and member (Regionalschlüssel in B5), then
one sheet per area with one row per candidate. Answer columns carry data validation
lists. An upload is checked completely before anything is stored; every problem names
sheet, row and column, and a damaged file changes nothing.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError

from bildungsmonitor.comparison.ring import RingView
from bildungsmonitor.comparison.round import RoundView
from bildungsmonitor.comparison.selection import EXAMPLE_NOTE, Answer, Recorded
from bildungsmonitor.errors import BadRequest

INFO_SHEET = "Hinweise"
MEMBER_CELL = (5, 2)
ROUND_CELL = (4, 2)
HEADER = (
    "Code",
    "Kennzahl / Thema",
    "Interesse (ja/nein)",
    "Priorität (1–3)",
    "Daten in der Kommune vorhanden (ja/teilweise/nein)",
    "Datenquelle",
    "Steuerungsrelevant (ja/nein)",
    "Bemerkung",
)
WIDTHS = (10, 60, 12, 12, 20, 30, 14, 40)
YES_NO = {"ja": True, "nein": False}
LISTS = {3: '"ja,nein"', 4: '"1,2,3"', 5: '"ja,teilweise,nein"', 7: '"ja,nein"'}


@dataclass(frozen=True)
class SheetProblem:
    sheet: str
    row: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = f"Blatt »{self.sheet}«"
        if self.row is not None:
            where += f", Zeile {self.row}"
        if self.column is not None:
            where += f", Spalte {self.column}"
        return f"{where}: {self.reason}"


class SheetError(BadRequest):
    """The uploaded workbook cannot be taken over; ``problems`` lists every problem."""

    code = "tabelle_ungueltig"

    def __init__(self, problems: list[SheetProblem]) -> None:
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:20])
        more = f" (und {len(problems) - 20} weitere)" if len(problems) > 20 else ""
        super().__init__(
            f"Die Datei wurde nicht übernommen ({len(problems)} Fehler): {shown}{more}"
        )


@dataclass(frozen=True)
class Upload:
    region_code: str
    answers: list[Answer]


def sheet_title(area_code: str, area_name: str) -> str:
    return re.sub(r"[\\/*?:\[\]]", "-", f"{area_code} {area_name}")[:31]


def round_workbook(
    ring: RingView,
    round_: RoundView,
    region_code: str | None = None,
    answers: dict[str, list[Recorded]] | None = None,
) -> bytes:
    """The round as XLSX, for one member (prefilled with its answers) or blank."""
    workbook = Workbook()
    info = workbook.active
    assert info is not None
    info.title = INFO_SHEET
    _info_sheet(info, ring, round_, region_code, answers or {})
    for area_code, area_name in round_.areas():
        sheet = workbook.create_sheet(sheet_title(area_code, area_name))
        sheet.append(HEADER)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for candidate in (c for c in round_.candidates if c.area_code == area_code):
            recorded = (answers or {}).get(candidate.code, [])
            sheet.append([candidate.code, candidate.name, *_answer_cells(recorded)])
        _validations(sheet)
        for index, width in enumerate(WIDTHS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "C2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _info_sheet(
    info: Worksheet,
    ring: RingView,
    round_: RoundView,
    region_code: str | None,
    answers: dict[str, list[Recorded]],
) -> None:
    member = ring.member(region_code).name if region_code else "bitte Regionalschlüssel eintragen"
    info.append(["Vergleichsring", ring.name])
    info.append(["Koordination", ring.coordinator])
    info.append(["Auswahlrunde", round_.title])
    info.append(["Nummer der Auswahlrunde", round_.id])
    info.append(["Regionalschlüssel des Mitglieds", region_code or ""])
    info.append(["Mitglied", member])
    info.append([])
    info.append(["Bitte je Bereich (ein Blatt je Bereich) die Spalten C bis H ausfüllen."])
    info.append(["Zulässige Werte stehen in den Auswahllisten der Zellen."])
    if any(r.example for rows in answers.values() for r in rows):
        info.append([f"Vorbelegt mit {EXAMPLE_NOTE}."])
    info.column_dimensions["A"].width = 34
    info.column_dimensions["B"].width = 50


def _answer_cells(recorded: list[Recorded]) -> list[Any]:
    if not recorded:
        return [None] * 6
    a = recorded[0].answer
    return [
        _yes_no(a.interest),
        a.priority,
        a.data_available,
        a.data_source or None,
        _yes_no(a.steering_relevant),
        a.comment or None,
    ]


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("ja" if value else "nein")


def _validations(sheet: Worksheet) -> None:
    last = max(sheet.max_row, 2)
    for column, formula in LISTS.items():
        letter = get_column_letter(column)
        rule = DataValidation(type="list", formula1=formula, allow_blank=True)
        rule.error = "Bitte einen Wert aus der Liste wählen."
        rule.errorTitle = "Unzulässiger Wert"
        rule.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(rule)


def read_upload(data: bytes, ring: RingView, round_: RoundView, file_name: str) -> Upload:
    """Parse and check an uploaded workbook completely; raises ``SheetError``."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise BadRequest(f"Datei {file_name}: keine lesbare Excel-Datei (XLSX).") from exc
    problems: list[SheetProblem] = []
    region_code = _member(workbook, ring, round_, problems)
    answers: list[Answer] = []
    seen: dict[str, str] = {}
    for sheet in workbook.worksheets:
        if sheet.title != INFO_SHEET:
            answers += _read_sheet(sheet, round_, seen, problems)
    workbook.close()
    if problems:
        raise SheetError(problems)
    assert region_code is not None
    return Upload(region_code, answers)


def _member(
    workbook: Any, ring: RingView, round_: RoundView, problems: list[SheetProblem]
) -> str | None:
    if INFO_SHEET not in workbook.sheetnames:
        problems.append(SheetProblem(INFO_SHEET, None, None, "Blatt fehlt."))
        return None
    info = workbook[INFO_SHEET]
    row, col = MEMBER_CELL
    code = _text(info.cell(row, col).value)
    letter = get_column_letter(col)
    if not code:
        problems.append(SheetProblem(INFO_SHEET, row, letter, "Regionalschlüssel fehlt."))
    elif code not in {m.code for m in ring.members}:
        reason = f"»{code}« ist kein Mitglied des Vergleichsrings »{ring.name}«."
        problems.append(SheetProblem(INFO_SHEET, row, letter, reason))
    round_row, round_col = ROUND_CELL
    if _text(info.cell(round_row, round_col).value) != str(round_.id):
        reason = f"Die Datei gehört nicht zur Auswahlrunde {round_.id} »{round_.title}«."
        problems.append(SheetProblem(INFO_SHEET, round_row, get_column_letter(round_col), reason))
    return code or None


def _read_sheet(
    sheet: Any, round_: RoundView, seen: dict[str, str], problems: list[SheetProblem]
) -> list[Answer]:
    title = str(sheet.title)
    rows = list(sheet.iter_rows(values_only=True))
    if not rows or tuple(_text(v) for v in rows[0][: len(HEADER)]) != HEADER:
        problems.append(SheetProblem(title, 1, None, "Kopfzeile entspricht nicht der Vorlage."))
        return []
    codes = {c.code for c in round_.candidates}
    answers: list[Answer] = []
    for number, values in enumerate(rows[1:], start=2):
        cells = [*values, *([None] * len(HEADER))][: len(HEADER)]
        code = _text(cells[0])
        filled = any(_text(v) for v in cells[2:])
        if not code:
            if filled:
                problems.append(SheetProblem(title, number, "A", "Code fehlt."))
            continue
        if code not in codes:
            problems.append(SheetProblem(title, number, "A", f"Unbekannter Code »{code}«."))
            continue
        if code in seen:
            reason = f"Code »{code}« steht schon auf Blatt »{seen[code]}«."
            problems.append(SheetProblem(title, number, "A", reason))
            continue
        seen[code] = title
        answer = _answer(code, cells, title, number, problems)
        if answer is not None and not answer.is_empty:
            answers.append(answer)
    return answers


def _answer(
    code: str, cells: list[Any], sheet: str, row: int, problems: list[SheetProblem]
) -> Answer | None:
    before = len(problems)

    def bad(column: str, reason: str) -> None:
        problems.append(SheetProblem(sheet, row, column, reason))

    interest = _choice(cells[2], YES_NO, "C", "ja oder nein", bad)
    priority = _choice(cells[3], {"1": 1, "2": 2, "3": 3}, "D", "1, 2 oder 3", bad)
    available = _choice(
        cells[4], {a: a for a in ("ja", "teilweise", "nein")}, "E", "ja, teilweise oder nein", bad
    )
    steering = _choice(cells[6], YES_NO, "G", "ja oder nein", bad)
    if len(problems) > before:
        return None
    try:
        return Answer(
            code=code,
            interest=interest,
            priority=priority,
            data_available=available,
            data_source=_text(cells[5]),
            steering_relevant=steering,
            comment=_text(cells[7]),
        )
    except ValidationError:
        bad("F", "Text zu lang (Datenquelle höchstens 500, Bemerkung 2000 Zeichen).")
        return None


def _choice(value: Any, allowed: dict[str, Any], column: str, expected: str, bad: Any) -> Any:
    text = _text(value).casefold()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if isinstance(value, bool):
        text = "ja" if value else "nein"
    if not text:
        return None
    if text not in allowed:
        bad(column, f"Unzulässiger Wert »{_text(value)}«, erwartet {expected}.")
        return None
    return allowed[text]


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()
