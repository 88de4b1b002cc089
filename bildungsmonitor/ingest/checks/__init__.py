"""Plausibility checks over the whole store, one module per check.

``run_checks`` runs every check in ``CHECKS`` and replaces the findings of the
previous run in table ``check_finding``; ``list_check_findings`` reads them back.
A municipality's own check is a module of the same shape added to ``CHECKS``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from bildungsmonitor.catalogue.model import Catalogue
from bildungsmonitor.ingest.checks import (
    kreise_vs_land,
    missing_years,
    out_of_range,
    parts_exceed_total,
    year_jump,
)
from bildungsmonitor.ingest.checks._check import Check, CheckContext, PlausibilityFinding
from bildungsmonitor.store.database import Store
from bildungsmonitor.store.tables import CheckFinding

CHECKS: tuple[Check, ...] = (
    parts_exceed_total.CHECK,
    kreise_vs_land.CHECK,
    year_jump.CHECK,
    missing_years.CHECK,
    out_of_range.CHECK,
)

CHECK_FINDING_TYPES: tuple[type[PlausibilityFinding], ...] = tuple(
    kind for check in CHECKS for kind in check.finding_types
)

__all__ = [
    "CHECKS",
    "CHECK_FINDING_TYPES",
    "Check",
    "CheckContext",
    "PlausibilityFinding",
    "StoredCheckFinding",
    "list_check_findings",
    "run_checks",
]


def run_checks(store: Store, catalogue: Catalogue) -> list[PlausibilityFinding]:
    """Run every check, replace the stored findings in one transaction, return them."""
    with store.transaction() as session:
        context = CheckContext(session, catalogue)
        findings = [finding for check in CHECKS for finding in check.run(context)]
        session.execute(delete(CheckFinding))
        checked_at = dt.datetime.now(dt.UTC)
        if findings:
            session.execute(insert(CheckFinding), [_row(f, checked_at) for f in findings])
    return findings


def _row(finding: PlausibilityFinding, checked_at: dt.datetime) -> dict[str, Any]:
    return {
        "code": finding.code,
        "rule": finding.rule,
        "region_code": finding.region_code,
        "year": finding.year,
        "message": finding.message,
        "params": finding.params,
        "checked_at": checked_at,
    }


@dataclass(frozen=True)
class StoredCheckFinding:
    """A finding of the last check run as stored, with title and severity of its type."""

    code: str
    title: str
    severity: str
    rule: str
    region_code: str | None
    year: int | None
    message: str
    checked_at: dt.datetime
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "severity": self.severity,
            "rule": self.rule,
            "region_code": self.region_code,
            "year": self.year,
            "message": self.message,
            "checked_at": self.checked_at.isoformat(),
            "params": self.params,
        }


def _stored(row: CheckFinding) -> StoredCheckFinding:
    kinds = {kind.code: kind for kind in CHECK_FINDING_TYPES}
    kind = kinds.get(row.code)
    return StoredCheckFinding(
        code=row.code,
        title=kind.title if kind else row.code,
        severity=kind.severity if kind else "warnung",
        rule=row.rule,
        region_code=row.region_code,
        year=row.year,
        message=row.message,
        checked_at=row.checked_at,
        params=dict(row.params or {}),
    )


def list_check_findings(
    session: Session, *, region: str | None = None, code: str | None = None
) -> list[StoredCheckFinding]:
    """Findings of the last run, optionally of one region and/or one finding code."""
    query = select(CheckFinding)
    if region is not None:
        query = query.where(CheckFinding.region_code == region)
    if code is not None:
        query = query.where(CheckFinding.code == code)
    query = query.order_by(
        CheckFinding.code, CheckFinding.region_code, CheckFinding.year, CheckFinding.id
    )
    return [_stored(row) for row in session.scalars(query)]
