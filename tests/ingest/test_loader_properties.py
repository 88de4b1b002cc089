"""Damaged exports never leave a partial import: a file lands completely or not at all."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bildungsmonitor.errors import InputError
from bildungsmonitor.ingest.loader import import_file
from bildungsmonitor.store.database import Store
from bildungsmonitor.store.tables import ImportRecord, Observation, Region, Series

SPECIMEN = Path(__file__).parents[2] / "bildungsmonitor/data/genesis/82411-01-03-4.csv"


def _state(store: Store) -> tuple[int, ...]:
    with store.transaction() as session:
        return tuple(
            int(session.scalar(select(func.count()).select_from(table)) or 0)
            for table in (ImportRecord, Observation, Series, Region)
        )


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    lines = SPECIMEN.read_bytes().split(b"\n")
    action = draw(st.sampled_from(["truncate", "delete", "junk", "duplicate", "field"]))
    index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
    if action == "truncate":
        return b"\n".join(lines[:index])
    if action == "delete":
        return b"\n".join(lines[:index] + lines[index + 1 :])
    if action == "duplicate":
        return b"\n".join(lines[: index + 1] + lines[index:])
    junk = draw(st.binary(min_size=1, max_size=12).filter(lambda b: b"\n" not in b))
    if action == "junk":
        lines[index] = junk
    else:
        lines[index] = lines[index] + b";" + junk
    return b"\n".join(lines)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=damaged())
def test_damaged_export_is_imported_whole_or_not_at_all(
    store: Store, tmp_path: Path, data: bytes
) -> None:
    before = _state(store)
    path = tmp_path / "beschaedigt.csv"
    path.write_bytes(data)
    try:
        result = import_file(store.sessions, path)
    except InputError as error:
        assert error.line is not None
        assert "beschaedigt.csv" in error.message
        assert _state(store) == before
        return
    if result.status == "unverändert":
        assert _state(store) == before
        return
    with store.transaction() as session:
        stored = session.scalar(
            select(func.count())
            .select_from(Observation)
            .where(Observation.import_id == result.import_id)
        )
    assert stored == result.cells
