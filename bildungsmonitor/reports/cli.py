"""CLI: ``report new``, ``report build``, ``report profile`` (wired in by ``register``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from bildungsmonitor.catalogue import load_catalogue
from bildungsmonitor.reports.build import BuildResult, build_report, profile_report
from bildungsmonitor.reports.starter import KINDS, new_report
from bildungsmonitor.settings import Settings

_HOOKS: dict[str, Any] = {}
commands = typer.Typer(help="Bildungsberichte aus Vorlagen erstellen.", no_args_is_help=True)
err = Console(stderr=True)


def register(app: typer.Typer, store_factory: Any, print_json: Any) -> None:
    """Add ``report …`` to ``app`` (store_factory: () -> migrated Store)."""
    _HOOKS["store"] = store_factory
    _HOOKS["print_json"] = print_json
    app.add_typer(commands, name="report")


def _formats(pdf: bool, docx: bool, html: bool) -> set[str]:
    chosen = {name for name, on in (("pdf", pdf), ("docx", docx), ("html", html)) if on}
    return chosen or {"html"}


def _run(build: Any) -> BuildResult:
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err
    ) as progress:
        task = progress.add_task("Bericht erstellen", total=None)
        result: BuildResult = build(lambda text: progress.update(task, description=text))
    return result


def _report(result: BuildResult, json_output: bool) -> None:
    summary = {
        "outputs": {k: str(v) for k, v in result.outputs.items()},
        "manifest": str(result.manifest),
        "figures": result.figures,
        "values": result.values,
        "pages": result.pages,
    }
    if json_output:
        _HOOKS["print_json"](summary)
        return
    for path in [*result.outputs.values(), result.manifest]:
        err.print(f"geschrieben: {path}")


@commands.command("new")
def new_command(
    kind: Annotated[str, typer.Argument(help=f"Berichtsart: {', '.join(KINDS)}.")],
    region: Annotated[str, typer.Option(help="Regionalschlüssel oder group:<kürzel>.")],
) -> None:
    """Eine Vorlage mit erzeugten Kernaussagen auf die Standardausgabe schreiben."""
    catalogue = load_catalogue(Settings().catalogue_files)
    typer.echo(new_report(_HOOKS["store"](), catalogue, kind, region), nl=False)


@commands.command("build")
def build_command(
    file: Annotated[Path, typer.Argument(help="Vorlage (Markdown).")],
    pdf: Annotated[bool, typer.Option("--pdf", help="PDF erzeugen.")] = False,
    docx: Annotated[bool, typer.Option("--docx", help="DOCX erzeugen.")] = False,
    html: Annotated[bool, typer.Option("--html", help="HTML erzeugen (Standard).")] = False,
    out: Annotated[Path | None, typer.Option(help="Zielverzeichnis.")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Ergebnis als JSON.")] = False,
) -> None:
    """Einen Bericht aus einer Vorlage erstellen (HTML, PDF, DOCX und Manifest)."""
    store, catalogue = _HOOKS["store"](), load_catalogue(Settings().catalogue_files)
    result = _run(
        lambda say: build_report(
            store,
            catalogue,
            file,
            out or file.parent,
            formats=_formats(pdf, docx, html),
            on_progress=say,
        )
    )
    _report(result, json_output)


@commands.command("profile")
def profile_command(
    code: Annotated[str, typer.Argument(help="Regionalschlüssel, z. B. 15082.")],
    pdf: Annotated[bool, typer.Option("--pdf", help="PDF erzeugen.")] = False,
    docx: Annotated[bool, typer.Option("--docx", help="DOCX erzeugen.")] = False,
    html: Annotated[bool, typer.Option("--html", help="HTML erzeugen.")] = False,
    out: Annotated[Path, typer.Option(help="Zielverzeichnis.")] = Path(),
    json_output: Annotated[bool, typer.Option("--json", help="Ergebnis als JSON.")] = False,
) -> None:
    """Kommunalprofil einer Region (Vorlage und Bericht im Zielverzeichnis)."""
    store, catalogue = _HOOKS["store"](), load_catalogue(Settings().catalogue_files)
    formats = _formats(pdf, docx, html) if (pdf or docx or html) else {"pdf"}
    result = _run(
        lambda say: profile_report(store, catalogue, code, out, formats=formats, on_progress=say)
    )
    _report(result, json_output)
