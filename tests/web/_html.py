"""A small HTML reader for the accessibility checks."""

from __future__ import annotations

from html.parser import HTMLParser


class Page(HTMLParser):
    """The few facts about an HTML page the accessibility tests check."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.tables_without_caption = 0
        self._awaiting_caption = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if self._awaiting_caption and tag != "caption":
            self.tables_without_caption += 1
        self._awaiting_caption = tag == "table"

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def parse(text: str) -> Page:
    return Page(text)
