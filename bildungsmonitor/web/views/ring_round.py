"""The Auswahlrunde page: candidates per area, the member's form, Excel download/upload."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, ValidationError
from starlette.datastructures import FormData

from bildungsmonitor.comparison.access import require_intern, require_member_or_coordinator
from bildungsmonitor.comparison.round import RoundView, round_row, round_view
from bildungsmonitor.comparison.selection import (
    AVAILABILITY,
    EXAMPLE_NOTE,
    Answer,
    answered_members,
    selections,
)
from bildungsmonitor.errors import BadRequest
from bildungsmonitor.web.view import PageView
from bildungsmonitor.web.views.ring_access import RingContext
from bildungsmonitor.web.views.ring_models import MemberOut, RingOut, RoundOut, SelectionOut


class RoundPage(PageView):
    template: ClassVar[str] = "ring_round.html"

    ring: RingOut = Field(description="Der Vergleichsring.")
    round: RoundOut = Field(description="Die Auswahlrunde.")
    member: MemberOut | None = Field(description="Mitglied, dessen Auswahl bearbeitet wird.")
    answers: dict[str, SelectionOut] = Field(description="Eingetragene Auswahl des Mitglieds.")
    answered_members: list[str] = Field(description="Mitglieder, die schon geantwortet haben.")
    problems: list[str] = Field(default=[], description="Fehler der letzten Hochladung.")
    notice: str | None = Field(default=None, description="Rückmeldung.")
    availability: list[str] = Field(default=list(AVAILABILITY), description="Zulässige Werte.")
    example_note: str = Field(default=EXAMPLE_NOTE, description="Kennzeichnung.")
    token: str | None = Field(default=None, exclude=True)


def editing_member(ctx: RingContext, requested: str | None) -> str | None:
    """The member whose selection is shown: the member link's own, or for the coordination
    the requested one."""
    code = ctx.viewer.region_code if not ctx.viewer.is_coordinator else requested
    if code is None:
        return None
    ctx.ring.member(code)
    require_member_or_coordinator(ctx.viewer, code)
    return code


def load_round(ctx: RingContext, round_id: int) -> RoundView:
    require_intern(ctx.viewer)
    return round_view(ctx.session, round_row(ctx.session, ctx.row, round_id))


def round_page(
    ctx: RingContext,
    round_id: int,
    member: str | None = None,
    *,
    problems: list[str] | None = None,
    notice: str | None = None,
) -> RoundPage:
    round_ = load_round(ctx, round_id)
    code = editing_member(ctx, member)
    answers = selections(ctx.session, round_, code) if code else {}
    return RoundPage(
        title=f"Auswahlrunde {round_.title}",
        ring=RingOut.of(ctx.ring, ctx.viewer),
        round=RoundOut.of(round_),
        member=MemberOut(**ctx.ring.member(code).__dict__) if code else None,
        answers={k: SelectionOut.of(v[0]) for k, v in answers.items()},
        answered_members=answered_members(ctx.session, round_),
        problems=problems or [],
        notice=notice,
        token=ctx.token,
    )


def _yes_no(value: str) -> bool | None:
    return {"ja": True, "nein": False}.get(value)


def answers_from_form(round_: RoundView, form: FormData) -> list[Answer]:
    """One ``Answer`` per candidate with any field filled; a wrong value is a 400."""
    answers = []
    for candidate in round_.candidates:

        def field(name: str, code: str = candidate.code) -> str:
            value = form.get(f"{name}-{code}")
            return value.strip() if isinstance(value, str) else ""

        priority = field("prioritaet")
        available = field("daten")
        if priority not in ("", "1", "2", "3") or available not in ("", *AVAILABILITY):
            raise BadRequest(f"{candidate.code}: unzulässige Priorität oder Datenangabe.")
        try:
            answer = Answer.model_validate(
                {
                    "code": candidate.code,
                    "interest": _yes_no(field("interesse")),
                    "priority": int(priority) if priority else None,
                    "data_available": available or None,
                    "data_source": field("quelle"),
                    "steering_relevant": _yes_no(field("steuerung")),
                    "comment": field("bemerkung"),
                }
            )
        except ValidationError as exc:
            raise BadRequest(f"{candidate.code}: Text zu lang.") from exc
        if not answer.is_empty:
            answers.append(answer)
    return answers
