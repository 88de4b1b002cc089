"""Access links of a ring: the address of a link, and a new link for the coordination or
one member that replaces the old one (shown once, like the links of a new ring)."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from bildungsmonitor.comparison.access import Role
from bildungsmonitor.comparison.ring import RingView
from bildungsmonitor.web.view import PageView
from bildungsmonitor.web.views.ring_access import RingContext
from bildungsmonitor.web.views.ring_models import RingOut

COORDINATION = "koordination"


def access_link(base_url: str, slug: str, token: str) -> str:
    """The full address of an access link: the ring's overview with the token."""
    return f"{base_url.rstrip('/')}/ringe/{slug}?token={token}"


class LinkIn(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Neuer Zugangslink")

    role: Literal["koordination", "mitglied"] = Field(description="Für wen der Link gilt.")
    region_code: str | None = Field(
        default=None, description="Mitglied (nur bei »mitglied«; leer für die Koordination)."
    )


class LinkOut(BaseModel):
    model_config = ConfigDict(title="Neuer Zugangslink (der bisherige gilt nicht mehr)")

    role: str = Field(description="koordination oder mitglied.")
    region_code: str | None = Field(description="Mitglied (leer: Koordination).")
    token: str = Field(description="Token des neuen Links (nur jetzt sichtbar).")
    path: str = Field(description="Adresse des Links ohne Server (mit Token).")


class RingLinkPage(PageView):
    template: ClassVar[str] = "ring_link.html"
    twin: ClassVar[bool] = False  # the answer to a form: the API returns it as JSON

    ring: RingOut = Field(description="Der Vergleichsring.")
    holder: str = Field(description="Für wen der neue Link gilt.")
    region_code: str | None = Field(description="Mitglied (leer: Koordination).")
    link: str = Field(description="Der neue Zugangslink (nur jetzt sichtbar).")
    token: str | None = Field(default=None, exclude=True)


def parse_link_target(
    value: str, ring: RingView, errors: list[str]
) -> tuple[Role, str | None] | None:
    """``koordination`` or a member's Regionalschlüssel from the form's field ``fuer``."""
    if value == COORDINATION:
        return Role.COORDINATOR, None
    if value in {m.code for m in ring.members}:
        return Role.MEMBER, value
    errors.append("Bitte die Koordination oder ein Mitglied des Rings wählen.")
    return None


def holder_name(ring: RingView, region_code: str | None) -> str:
    if region_code is None:
        return "die Koordination"
    return f"{ring.member(region_code).name} ({region_code})"


def link_out(slug: str, role: Role, region_code: str | None, token: str) -> LinkOut:
    return LinkOut(
        role=role.value, region_code=region_code, token=token, path=access_link("", slug, token)
    )


def link_page(ctx: RingContext, region_code: str | None, token: str, base_url: str) -> RingLinkPage:
    """The new link, shown once; after replacing its own link the coordination goes on
    with the new token (the old one no longer opens the ring)."""
    return RingLinkPage(
        title=f"Neuer Zugangslink – {ctx.ring.name}",
        ring=RingOut.of(ctx.ring, ctx.viewer),
        holder=holder_name(ctx.ring, region_code),
        region_code=region_code,
        link=access_link(base_url, ctx.ring.slug, token),
        token=token if region_code is None else ctx.token,
    )
