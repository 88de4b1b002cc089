"""Session-shared report builds (used by ``conftest.py`` and the tests)."""

from __future__ import annotations

from pathlib import Path

from bildungsmonitor.catalogue.model import Catalogue
from bildungsmonitor.reports import BuildResult, build_report, new_report
from bildungsmonitor.store.database import Store

GROUP = "group:mitteldeutsches-revier"
KREIS = "15082"


class Builds:
    """Builds templates on demand and remembers them for the session."""

    def __init__(self, store: Store, catalogue: Catalogue, root: Path) -> None:
        self.store, self.catalogue, self.root = store, catalogue, root
        self.done: dict[tuple[str, str, frozenset[str]], BuildResult] = {}

    def __call__(self, kind: str, subject: str, formats: frozenset[str]) -> BuildResult:
        key = (kind, subject, formats)
        if key not in self.done:
            folder = self.root / f"{kind}-{subject.replace(':', '-')}-{'-'.join(sorted(formats))}"
            folder.mkdir(parents=True)
            template = folder / f"{kind}.md"
            template.write_text(
                new_report(self.store, self.catalogue, kind, subject), encoding="utf-8"
            )
            self.done[key] = build_report(
                self.store, self.catalogue, template, folder, formats=formats
            )
        return self.done[key]
