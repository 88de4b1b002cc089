"""CLI commands around the indicator catalogue: indicators, compute, value, sheet."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from bildungsmonitor.catalogue import load_catalogue
from bildungsmonitor.catalogue.model import Catalogue
from bildungsmonitor.compute.figure import Figure, get_figure
from bildungsmonitor.compute.kennblatt import build_kennblatt, render_text
from bildungsmonitor.compute.run import run_compute
from bildungsmonitor.settings import Settings
from bildungsmonitor.store.database import Store

console = Console()


def catalogue_for(settings: Settings) -> Catalogue:
    """The built-in catalogue plus the municipality's own files from the settings."""
    return load_catalogue(settings.catalogue_files)


_HOOKS: dict[str, Any] = {}
commands = typer.Typer()


def register(app: typer.Typer, store_factory: Any, print_json: Any) -> None:
    """Add the indicator commands to ``app`` (store_factory: () -> migrated Store)."""
    _HOOKS["store"] = store_factory
    _HOOKS["print_json"] = print_json
    app.registered_commands.extend(commands.registered_commands)


@commands.command("indicators")
def indicators_command(
    area: Annotated[str | None, typer.Option(help="Bereich, z. B. D.")] = None,
    search: Annotated[str | None, typer.Option(help="Suchwort in Name/Definition.")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Ausgabe als JSON.")] = False,
) -> None:
    """Der Kennzahlenkatalog, nach Bereichen (A–H …)."""
    catalogue = catalogue_for(Settings())
    chosen = [i for i in catalogue.indicators if area is None or i.area == area]
    if search:
        needle = search.casefold()
        chosen = [i for i in chosen if needle in (i.name + i.definition).casefold()]
    if json_output:
        _HOOKS["print_json"]([i.model_dump(mode="json") for i in chosen])
        return
    table = Table("Code", "Kennzahl", "Einheit", "Kategorie", "Status")
    for i in chosen:
        status = "berechenbar" if i.computable else "wartet auf Daten"
        table.add_row(i.code, i.name, i.unit, i.category.value, status)
    console.print(table)


@commands.command("compute")
def compute_command(
    code: Annotated[list[str] | None, typer.Option(help="Nur diese Kennzahl(en).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Auch Unverändertes neu.")] = False,
) -> None:
    """Kennzahlen für alle Regionen, Jahre und Regionsgruppen berechnen."""
    store: Store = _HOOKS["store"]()
    catalogue = catalogue_for(Settings())
    summary = _compute_with_progress(store, catalogue, code, force)
    console.print(
        f"{len(summary.computed)} Kennzahlen berechnet ({summary.values} Werte), "
        f"{len(summary.unchanged)} unverändert."
    )


@commands.command("value")
def value_command(
    code: Annotated[str, typer.Argument(help="Kennzahl-Code, z. B. D7.2.")],
    subject: Annotated[str, typer.Argument(help="Regionalschlüssel oder group:<kürzel>.")],
    year: Annotated[int, typer.Argument(help="Berichtsjahr.")],
    json_output: Annotated[
        bool, typer.Option("--json", help="Volle Genauigkeit als JSON.")
    ] = False,
) -> None:
    """Ein Kennzahlwert mit Zähler, Nenner, Vergleichswerten und Quellen."""
    store: Store = _HOOKS["store"]()
    catalogue = catalogue_for(Settings())
    with store.transaction() as session:
        figure = get_figure(session, catalogue, code, subject, year)
    if json_output:
        _HOOKS["print_json"](figure_json(figure))
        return
    _print_figure(figure)


@commands.command("check")
def check_command(
    region: Annotated[str | None, typer.Option(help="Nur diese Region.")] = None,
    rerun: Annotated[
        bool, typer.Option("--rerun/--stored", help="Neu prüfen oder gespeicherte Befunde.")
    ] = True,
    json_output: Annotated[bool, typer.Option("--json", help="Ausgabe als JSON.")] = False,
) -> None:
    """Plausibilitätsbefunde nach Region, Zeitraum und Regel."""
    from bildungsmonitor.ingest.checks import list_check_findings, run_checks

    store: Store = _HOOKS["store"]()
    if rerun:
        run_checks(store, catalogue_for(Settings()))
    with store.transaction() as session:
        findings = list_check_findings(session, region=region)
    if json_output:
        _HOOKS["print_json"]([f.to_dict() for f in findings])
        return
    table = Table("Region", "Jahr", "Regel", "Befund")
    for f in findings:
        table.add_row(f.region_code or "", str(f.year or ""), f.rule, f.message)
    console.print(table)
    console.print(f"{len(findings)} Befunde.")


@commands.command("sheet")
def sheet_command(
    code: Annotated[str, typer.Argument(help="Kennzahl-Code.")],
) -> None:
    """Das Kennblatt einer Kennzahl (Definition, Formel, Quellen, Abdeckung)."""
    store: Store = _HOOKS["store"]()
    catalogue = catalogue_for(Settings())
    with store.transaction() as session:
        sheet = build_kennblatt(session, catalogue, code)
    typer.echo(render_text(sheet), nl=False)


def _compute_with_progress(
    store: Store, catalogue: Catalogue, codes: list[str] | None, force: bool
) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    total = len(codes) if codes else len(catalogue.computable())
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
    ) as progress:
        task = progress.add_task("Kennzahlen berechnen", total=total)

        def advance(indicator: Any, _changed: bool) -> None:
            progress.update(task, advance=1, description=f"Kennzahl {indicator.code}")

        summary = run_compute(store, catalogue, codes=codes, force=force, on_indicator=advance)
        progress.update(task, completed=total)
    return summary


def figure_json(figure: Figure) -> dict[str, Any]:
    indicator = figure.indicator
    return {
        "indicator": {
            "code": indicator.code,
            "name": indicator.name,
            "unit": indicator.unit,
            "decimals": indicator.decimals,
            "factor": indicator.factor,
            "numerator": indicator.numerator,
            "denominator": indicator.denominator,
        },
        "value": asdict(figure.value),
        "references": [{"kind": kind, **asdict(v)} for kind, v in figure.references],
        "distribution": asdict(figure.distribution) if figure.distribution else None,
        "inputs": [asdict(i) for i in figure.inputs],
        "members": [asdict(m) for m in figure.members],
        "sources": figure.sources,
        "footnotes": figure.footnotes,
    }


def _print_figure(figure: Figure) -> None:
    i, v = figure.indicator, figure.value
    unit = "" if i.unit == "Anzahl" else f" {i.unit}"
    console.print(f"[bold]{i.code} {i.name}[/bold]", highlight=False)
    console.print(f"{v.name}, {v.year}: [bold]{v.display}{unit}[/bold]", highlight=False)
    numerator = _part(v.numerator, v.numerator_symbol)
    denominator = _part(v.denominator, v.denominator_symbol)
    if numerator and denominator:
        console.print(f"  Zähler {numerator}, Nenner {denominator}", highlight=False)
    if v.missing_members:
        console.print(f"  Es fehlen Werte von: {', '.join(v.missing_members)}", highlight=False)
    if figure.members:
        console.print("  Mitglieder:", highlight=False)
    for member in figure.members:
        console.print(f"    {member.name}: {member.display or '–'}{unit}", highlight=False)
    for kind, ref in figure.references:
        label = ref.name if ref.name == kind else f"{kind} {ref.name}"  # once: »Deutschland«
        console.print(f"  {label}: {ref.display}{unit}", highlight=False)
    d = figure.distribution
    if d is not None and d.rank is not None:
        console.print(
            f"  Rang {d.rank} von {d.n} ({d.region_type}); Median {_num(d.median)}, "
            f"Quartile {_num(d.q1)}–{_num(d.q3)}",
            highlight=False,
        )
    for source in figure.sources:
        console.print(f"  Quelle: {source}", highlight=False)
    for number, note in enumerate(figure.footnotes, start=1):
        console.print(f"  Anmerkung {number}: {note}", highlight=False)


def _part(value: float | None, symbol: str | None) -> str | None:
    """A numerator or denominator: its symbol (``-`` = nichts vorhanden) or its number."""
    if symbol is not None:
        return symbol
    return None if value is None else f"{value:g}"


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}".replace(".", ",")
