"""Region group pages: all groups and one group with its members."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field
from sqlalchemy.orm import Session

from bildungsmonitor.store.group import GroupView, list_groups
from bildungsmonitor.store.region import get_region
from bildungsmonitor.web.models import GroupDetail, GroupOut, RegionOut
from bildungsmonitor.web.table import CellValue, Column, Link, Table
from bildungsmonitor.web.view import PageView
from bildungsmonitor.web.views.region import REGION_COLUMNS, region_rows


class GroupListPage(PageView):
    template: ClassVar[str] = "groups.html"

    data: list[GroupOut] = Field(description="Die Regionsgruppen.")
    count: int = Field(description="Anzahl.")

    def table(self) -> Table:
        columns = [
            Column("slug", "Kürzel"),
            Column("name", "Name"),
            Column("description", "Beschreibung"),
            Column("members", "Mitglieder", numeric=True),
            Column("builtin", "mitgeliefert"),
        ]
        rows: list[list[CellValue]] = [
            [Link(g.slug, f"/gruppen/{g.slug}"), g.name, g.description, len(g.members), g.builtin]
            for g in self.data
        ]
        return Table(f"Regionsgruppen ({self.count})", columns, rows, name="gruppen")


class GroupPage(PageView):
    template: ClassVar[str] = "group.html"

    group: GroupDetail = Field(description="Die Gruppe mit ihren Mitgliedern.")

    def table(self) -> Table:
        return Table(
            f"Mitglieder der Gruppe {self.group.name}",
            REGION_COLUMNS,
            region_rows(self.group.regions),
            name=f"gruppe-{self.group.slug}",
        )


def find_groups(session: Session) -> list[GroupOut]:
    return [GroupOut.of(g) for g in list_groups(session)]


def group_detail(session: Session, group: GroupView) -> GroupDetail:
    regions = [RegionOut.of(get_region(session, code)) for code in group.members]
    return GroupDetail(**GroupOut.of(group).model_dump(), regions=regions)


def group_list_page(session: Session) -> GroupListPage:
    data = find_groups(session)
    return GroupListPage(title="Regionsgruppen", data=data, count=len(data))


def group_page(session: Session, group: GroupView) -> GroupPage:
    return GroupPage(title=f"Regionsgruppe {group.name}", group=group_detail(session, group))
