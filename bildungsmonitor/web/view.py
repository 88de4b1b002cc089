"""The base of every page's view model.

A page view model is a Pydantic model: its JSON dump is the page's ``.json`` twin; its
``template`` renders it as HTML; ``table()`` (if the page has one) feeds the HTML table,
the ``.csv`` and the ``.xlsx`` twins. Indicator pages add their own subclasses.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, Field

from bildungsmonitor.web.table import Table


class PageView(BaseModel):
    template: ClassVar[str] = "base.html"
    # False for the answer to a form (shown once): it has no address of its own in JSON/CSV
    twin: ClassVar[bool] = True

    title: str = Field(description="Überschrift der Seite.")

    def table(self) -> Table | None:
        """The page's table for HTML, CSV and XLSX; ``None`` if it has none."""
        return None
