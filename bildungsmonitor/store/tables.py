"""SQLAlchemy tables. Pydantic shapes for input and output live with the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Region(Base):
    """A Gebietseinheit. ``level`` is one of bund, land, regierungsbezirk, kreis, gemeinde
    (later also custom small-area levels); ``historic`` marks dissolved units."""

    __tablename__ = "region"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(32), index=True)
    region_type: Mapped[str] = mapped_column(String(64))
    parent_code: Mapped[str | None] = mapped_column(String(16), index=True)
    historic: Mapped[bool] = mapped_column(Boolean, default=False)
    last_data_year: Mapped[int | None] = mapped_column(Integer)
    last_seen_year: Mapped[int | None] = mapped_column(Integer)


class RegionGroup(Base):
    __tablename__ = "region_group"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)


class RegionGroupMember(Base):
    __tablename__ = "region_group_member"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("region_group.id", ondelete="CASCADE"), primary_key=True
    )
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), primary_key=True)


class ImportRecord(Base):
    """One imported file with its provenance."""

    __tablename__ = "import_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    source_format: Mapped[str] = mapped_column(String(32))
    encoding: Mapped[str] = mapped_column(String(32))
    table_code: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(Text)
    stand: Mapped[dt.datetime | None] = mapped_column(DateTime)
    stand_text: Mapped[str | None] = mapped_column(String(100))
    licence: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    cell_count: Mapped[int] = mapped_column(Integer, default=0)
    replaced_count: Mapped[int] = mapped_column(Integer, default=0)
    findings: Mapped[list[Any]] = mapped_column(JSON, default=list)


class Footnote(Base):
    __tablename__ = "footnote"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int] = mapped_column(
        ForeignKey("import_record.id", ondelete="CASCADE"), index=True
    )
    column_label: Mapped[str | None] = mapped_column(Text)
    region_name: Mapped[str | None] = mapped_column(String(200))
    region_code: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    from_year: Mapped[int | None] = mapped_column(Integer)
    """First year the note is limited to (its prefix: ``Deutschland (2007):``); None: open."""
    to_year: Mapped[int | None] = mapped_column(Integer)
    """Last year the note is limited to; None: open."""


class Series(Base):
    """A Merkmal as delivered by a source: identity = table code + column path."""

    __tablename__ = "series"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    table_code: Mapped[str] = mapped_column(String(64), index=True)
    label: Mapped[str] = mapped_column(Text)
    path: Mapped[list[Any]] = mapped_column(JSON)
    unit: Mapped[str | None] = mapped_column(String(64))
    dimensions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    category_name: Mapped[str | None] = mapped_column(String(100))


class Observation(Base):
    """(series, region, category, period) -> value or symbol, with its import."""

    __tablename__ = "observation"
    __table_args__ = (
        Index("ix_observation_lookup", "series_id", "region_code", "year", "category"),
        Index("ix_observation_import", "import_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id"))
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"))
    category: Mapped[str] = mapped_column(String(200), default="")
    period_text: Mapped[str] = mapped_column(String(32))
    period_date: Mapped[dt.date | None] = mapped_column()
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float | None] = mapped_column(Float)
    symbol: Mapped[str | None] = mapped_column(String(3))
    decimals: Mapped[int] = mapped_column(SmallInteger, default=0)
    bracketed: Mapped[bool] = mapped_column(Boolean, default=False)
    import_id: Mapped[int] = mapped_column(ForeignKey("import_record.id", ondelete="CASCADE"))
    current: Mapped[bool] = mapped_column(Boolean, default=True)


class AppState(Base):
    """Small key/value facts about this installation (e.g. demo build state)."""

    __tablename__ = "app_state"
    __table_args__ = (UniqueConstraint("key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(100))
    value: Mapped[str] = mapped_column(Text)


class IndicatorRun(Base):
    """The last computation of one indicator; ``fingerprint`` covers definition and inputs."""

    __tablename__ = "indicator_run"

    indicator_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    computed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    value_count: Mapped[int] = mapped_column(Integer, default=0)
    import_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)


class IndicatorValue(Base):
    """A computed indicator value for a region (code) or a group (``group:<slug>``).

    Like the value, numerator and denominator each hold a number or an official symbol
    (``numerator_symbol``: e.g. ``-`` when the numerator is nothing, i.e. exactly 0)."""

    __tablename__ = "indicator_value"
    __table_args__ = (
        UniqueConstraint("indicator_code", "subject", "year", name="uq_indicator_value_key"),
        Index("ix_indicator_value_subject", "subject", "year"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_code: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(120))
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float | None] = mapped_column(Float)
    symbol: Mapped[str | None] = mapped_column(String(3))
    bracketed: Mapped[bool] = mapped_column(Boolean, default=False)
    numerator: Mapped[float | None] = mapped_column(Float)
    numerator_symbol: Mapped[str | None] = mapped_column(String(3))
    denominator: Mapped[float | None] = mapped_column(Float)
    denominator_symbol: Mapped[str | None] = mapped_column(String(3))
    missing_members: Mapped[list[Any] | None] = mapped_column(JSON)


class CheckFinding(Base):
    """A plausibility finding of the last ``check`` run."""

    __tablename__ = "check_finding"
    __table_args__ = (Index("ix_check_finding_region", "region_code", "year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), index=True)
    rule: Mapped[str] = mapped_column(String(100))
    region_code: Mapped[str | None] = mapped_column(String(120))
    year: Mapped[int | None] = mapped_column(Integer)
    message: Mapped[str] = mapped_column(Text)
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    checked_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ComparisonRing(Base):
    """A Vergleichsring: member regions, a coordinating organisation and a publication level
    (``intern``, ``ring`` or ``oeffentlich``); ``group_slug`` names its RegionGroup."""

    __tablename__ = "comparison_ring"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    coordinator: Mapped[str] = mapped_column(String(200))
    group_slug: Mapped[str | None] = mapped_column(String(100))
    publication: Mapped[str] = mapped_column(String(16), default="intern")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class RingMember(Base):
    __tablename__ = "ring_member"
    __table_args__ = (UniqueConstraint("ring_id", "region_code", name="uq_ring_member_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ring_id: Mapped[int] = mapped_column(ForeignKey("comparison_ring.id", ondelete="CASCADE"))
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"))


class RingContact(Base):
    """A contact person of a member (``region_code``) or of the coordination (``None``)."""

    __tablename__ = "ring_contact"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ring_id: Mapped[int] = mapped_column(
        ForeignKey("comparison_ring.id", ondelete="CASCADE"), index=True
    )
    region_code: Mapped[str | None] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320))


class RingAccess(Base):
    """An access link: only the SHA-256 of its token is kept."""

    __tablename__ = "ring_access"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ring_id: Mapped[int] = mapped_column(
        ForeignKey("comparison_ring.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(16))
    region_code: Mapped[str | None] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class SelectionRound(Base):
    """An Auswahlrunde of a ring."""

    __tablename__ = "selection_round"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ring_id: Mapped[int] = mapped_column(
        ForeignKey("comparison_ring.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="offen")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class RoundCandidate(Base):
    """A candidate of a round: a catalogue indicator or an extra topic (``indicator_code``
    is ``None``)."""

    __tablename__ = "round_candidate"
    __table_args__ = (UniqueConstraint("round_id", "code", name="uq_round_candidate_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("selection_round.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(Text)
    area_code: Mapped[str] = mapped_column(String(12))
    area_name: Mapped[str] = mapped_column(String(200))
    indicator_code: Mapped[str | None] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Selection(Base):
    """One member's answer to one candidate; ``example`` marks demo entries."""

    __tablename__ = "selection"
    __table_args__ = (UniqueConstraint("candidate_id", "region_code", name="uq_selection_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("round_candidate.id", ondelete="CASCADE"))
    region_code: Mapped[str] = mapped_column(String(16))
    interest: Mapped[bool | None] = mapped_column(Boolean)
    priority: Mapped[int | None] = mapped_column(SmallInteger)
    data_available: Mapped[str | None] = mapped_column(String(16))
    data_source: Mapped[str] = mapped_column(Text, default="")
    steering_relevant: Mapped[bool | None] = mapped_column(Boolean)
    comment: Mapped[str] = mapped_column(Text, default="")
    example: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ComparisonSetVersion(Base):
    """One version of the agreed Vergleichsset; the highest ``version`` is in force."""

    __tablename__ = "comparison_set_version"
    __table_args__ = (UniqueConstraint("ring_id", "version", name="uq_comparison_set_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ring_id: Mapped[int] = mapped_column(ForeignKey("comparison_ring.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    codes: Mapped[list[Any]] = mapped_column(JSON)
    decided_on: Mapped[dt.date] = mapped_column()
    meeting: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class RingMeeting(Base):
    """A Sitzung of a ring with its agenda and decisions (JSON lists of text)."""

    __tablename__ = "ring_meeting"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ring_id: Mapped[int] = mapped_column(
        ForeignKey("comparison_ring.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[dt.date] = mapped_column()
    place: Mapped[str] = mapped_column(String(200))
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    participants: Mapped[list[Any]] = mapped_column(JSON, default=list)
    agenda: Mapped[list[Any]] = mapped_column(JSON, default=list)
    decisions: Mapped[list[Any]] = mapped_column(JSON, default=list)


class RingTask(Base):
    """A task (Aufgabe) of a ring, usually from a meeting."""

    __tablename__ = "ring_task"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ring_id: Mapped[int] = mapped_column(
        ForeignKey("comparison_ring.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("ring_meeting.id", ondelete="SET NULL")
    )
    title: Mapped[str] = mapped_column(Text)
    responsible: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[dt.date | None] = mapped_column()
    status: Mapped[str] = mapped_column(String(16), default="offen")
