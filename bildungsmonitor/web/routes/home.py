"""Start page and Hinweise (symbols, finding catalogue)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from bildungsmonitor.web.deps import SessionDep
from bildungsmonitor.web.render import render
from bildungsmonitor.web.routes._page import add_page
from bildungsmonitor.web.views.home import home_page
from bildungsmonitor.web.views.notes import notes_page

router = APIRouter()


def home(request: Request, session: SessionDep) -> Response:
    return render(request, home_page(session))


def notes(request: Request) -> Response:
    return render(request, notes_page())


add_page(router, "/", home, name="home")
add_page(router, "/hinweise", notes, name="notes")
