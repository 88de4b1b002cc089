"""Command line: a thin shell over the same service functions the web layer uses."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from bildungsmonitor import _cli_indicators
from bildungsmonitor import demo as demo_module
from bildungsmonitor.errors import AppError
from bildungsmonitor.ingest.loader import ImportResult, import_file
from bildungsmonitor.reports import cli as report_cli
from bildungsmonitor.settings import Settings
from bildungsmonitor.store import group as group_service
from bildungsmonitor.store import observation as observation_service
from bildungsmonitor.store import region as region_service
from bildungsmonitor.store.database import Store

app = typer.Typer(
    help="Bildungsmonitor – amtliche Statistik einlesen, Kennzahlen berechnen und vergleichen.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
groups_app = typer.Typer(
    help="Regionsgruppen (z. B. Vergleichsringe) verwalten.", no_args_is_help=True
)
app.add_typer(groups_app, name="groups")

console = Console()
err_console = Console(stderr=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Ausgabe als JSON.")]


_OPEN_STORES: list[Store] = []


@app.callback()
def _root(ctx: typer.Context) -> None:
    """Bildungsmonitor – amtliche Statistik einlesen, Kennzahlen berechnen und vergleichen."""
    ctx.call_on_close(_close_stores)


def _close_stores() -> None:
    while _OPEN_STORES:
        _OPEN_STORES.pop().dispose()


def _store() -> Store:
    """The configured database, migrated; closed when the command ends."""
    settings = Settings()
    store = Store(settings.resolved_database_url, echo=settings.echo_sql)
    _OPEN_STORES.append(store)
    store.migrate()
    return store


def _jsonable(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _jsonable(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _print_json(data: Any) -> None:
    payload = {"data": _jsonable(data), "count": len(data)} if isinstance(data, list) else data
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def _progress() -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err_console,
        transient=False,
    )


@app.command("import")
def import_command(
    files: Annotated[list[Path], typer.Argument(help="GENESIS-Exporte oder Dateien der Vorlage.")],
    json_output: JsonOption = False,
) -> None:
    """Dateien einlesen: jede Datei in einer Transaktion, ganz oder gar nicht."""
    store = _store()
    results: list[ImportResult] = []
    failed = 0
    with _progress() as progress:
        task = progress.add_task("Einlesen", total=len(files))
        for path in files:
            progress.update(task, description=f"Einlesen {path.name}")
            try:
                results.append(import_file(store.sessions, path))
            except (AppError, OSError) as exc:
                failed += 1
                message = exc.message if isinstance(exc, AppError) else f"{path}: {exc}"
                err_console.print(f"[red]Fehler:[/red] {message}", highlight=False)
            progress.advance(task)
    if json_output:
        _print_json([r.to_dict() for r in results])
    else:
        _print_import_results(results)
    if failed:
        raise typer.Exit(1)


def _print_import_results(results: Sequence[ImportResult]) -> None:
    table = Table("Datei", "Tabelle", "Stand", "Status", "Werte", "ersetzt", "Befunde")
    for r in results:
        table.add_row(
            r.file_name,
            r.table_code,
            r.stand_text or "",
            r.status,
            str(r.cells),
            str(r.replaced),
            str(len(r.findings)),
        )
    console.print(table)
    for r in results:
        for finding in r.findings:
            console.print(f"[yellow]{finding.title}:[/yellow] {finding.message}", highlight=False)


@app.command("imports")
def imports_command(json_output: JsonOption = False) -> None:
    """Was eingelesen wurde: Datei, Tabelle, Stand, Lizenz."""
    store = _store()
    with store.transaction() as session:
        imports = observation_service.list_imports(session)
    if json_output:
        _print_json(imports)
        return
    table = Table("Nr.", "Datei", "Tabelle", "Stand", "Werte", "ersetzt", "Lizenz")
    for i in imports:
        table.add_row(
            str(i.id),
            i.file_name,
            i.table_code,
            i.stand or "",
            str(i.cells),
            str(i.replaced),
            (i.licence or "")[:60],
        )
    console.print(table)


@app.command("regions")
def regions_command(
    under: Annotated[
        str | None, typer.Option(help="Nur Einheiten unterhalb dieses Schlüssels.")
    ] = None,
    level: Annotated[
        str | None, typer.Option(help="Ebene: bund, land, regierungsbezirk, kreis, gemeinde.")
    ] = None,
    historic: Annotated[
        bool, typer.Option("--historic", help="Auch aufgelöste Einheiten.")
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Gebietseinheiten mit Namen, Ebene und Typ."""
    store = _store()
    with store.transaction() as session:
        regions = region_service.list_regions(
            session, under=under, level=level, include_historic=historic
        )
    if json_output:
        _print_json(regions)
        return
    table = Table("Schlüssel", "Name", "Ebene", "Typ", "übergeordnet", "Status")
    for r in regions:
        status = f"aufgelöst (Daten bis {r.last_data_year})" if r.historic else "aktuell"
        table.add_row(r.code, r.name, r.level, r.region_type, r.parent_code or "", status)
    console.print(table)


@app.command("series")
def series_command(
    table_code: Annotated[str | None, typer.Option("--table", help="Tabellencode.")] = None,
    json_output: JsonOption = False,
) -> None:
    """Merkmale (Datenreihen), die eine Tabelle geliefert hat."""
    store = _store()
    with store.transaction() as session:
        series = observation_service.list_series(session, table_code=table_code)
    if json_output:
        _print_json(series)
        return
    table = Table("Schlüssel", "Tabelle", "Merkmal", "Einheit", "Kategorien")
    for s in series:
        table.add_row(s.key[:12], s.table_code, s.label, s.unit or "", str(len(s.categories)))
    console.print(table)


@app.command("values")
def values_command(
    table_code: Annotated[str | None, typer.Option("--table", help="Tabellencode.")] = None,
    region: Annotated[list[str] | None, typer.Option(help="Regionalschlüssel (mehrfach).")] = None,
    year: Annotated[list[int] | None, typer.Option(help="Berichtsjahr (mehrfach).")] = None,
    history: Annotated[bool, typer.Option("--history", help="Auch ersetzte Werte.")] = False,
    json_output: JsonOption = False,
) -> None:
    """Werte mit Zeichen, Quelle und Stand."""
    store = _store()
    with store.transaction() as session:
        values = observation_service.list_values(
            session,
            table_code=table_code,
            region_codes=region,
            years=year,
            include_history=history,
        )
    if json_output:
        _print_json(values)
        return
    table = Table("Region", "Zeitraum", "Merkmal", "Kategorie", "Wert", "Einheit", "Quelle")
    for v in values:
        table.add_row(
            v.region_code,
            v.period,
            v.label,
            v.category or "",
            v.display,
            v.unit or "",
            f"{v.file_name}, Stand {v.stand}",
        )
    console.print(table)


@groups_app.command("list")
def groups_list(json_output: JsonOption = False) -> None:
    """Alle Regionsgruppen."""
    store = _store()
    with store.transaction() as session:
        groups = group_service.list_groups(session)
    if json_output:
        _print_json(groups)
        return
    table = Table("Kürzel", "Name", "Mitglieder")
    for g in groups:
        table.add_row(g.slug, g.name, ", ".join(g.members))
    console.print(table)


@groups_app.command("create")
def groups_create(
    name: Annotated[str, typer.Argument(help="Name der Gruppe.")],
    members: Annotated[list[str], typer.Argument(help="Regionalschlüssel der Mitglieder.")],
    slug: Annotated[str | None, typer.Option(help="Kürzel (sonst aus dem Namen).")] = None,
) -> None:
    """Eine Regionsgruppe anlegen."""
    store = _store()
    with store.transaction() as session:
        group = group_service.create_group(session, name, members, slug=slug)
    count = len(group.members)
    console.print(f"Regionsgruppe »{group.name}« ({group.slug}) mit {count} Mitgliedern angelegt.")


@groups_app.command("show")
def groups_show(slug: str, json_output: JsonOption = False) -> None:
    """Eine Regionsgruppe mit ihren Mitgliedern."""
    store = _store()
    with store.transaction() as session:
        group = group_service.get_group(session, slug)
        regions = [region_service.get_region(session, c) for c in group.members]
    if json_output:
        _print_json({"group": _jsonable(group), "regions": _jsonable(regions)})
        return
    console.print(f"[bold]{group.name}[/bold] ({group.slug})")
    for r in regions:
        console.print(f"  {r.code}  {r.name}  ({r.region_type})", highlight=False)


@groups_app.command("delete")
def groups_delete(slug: str) -> None:
    """Eine Regionsgruppe löschen."""
    store = _store()
    with store.transaction() as session:
        group_service.delete_group(session, slug)
    console.print(f"Regionsgruppe {slug} gelöscht.")


@app.command("demo")
def demo_command(
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Auch wenn schon gebaut.")] = False,
) -> None:
    """Die Demo-Datenbank aus den mitgelieferten amtlichen Exporten bauen."""
    store = _store()
    if demo_module.demo_is_built(store) and not rebuild:
        console.print("Demo-Datenbank ist schon vorhanden.")
        return
    build_demo_with_progress(store)


def build_demo_with_progress(store: Store) -> None:
    files = demo_module.demo_files()
    with _progress() as progress:
        task = progress.add_task("Demo-Daten einlesen", total=len(files))

        def advance(path: Path, _result: ImportResult) -> None:
            progress.update(task, advance=1, description=f"Demo-Daten: {path.name}")

        def step(text: str) -> None:
            progress.update(task, description=text)

        build = demo_module.build_demo(store, on_file=advance, on_step=step)
    if build.ring is not None:
        _write_demo_links(build.ring)


def _write_demo_links(ring: Any) -> None:
    """The demo ring's access links exist once: print them and keep them in the data folder."""
    settings = Settings()
    base = f"http://{settings.host}:{settings.port}/ringe/{ring.ring.slug}"
    lines = [f"Koordination: {base}?token={ring.coordinator_token}"]
    lines += [f"Mitglied {code}: {base}?token={t}" for code, t in ring.member_tokens.items()]
    target = settings.home / "demo-vergleichsring-links.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    console.print(f"Zugangslinks des Demo-Vergleichsrings: {target}")


@app.command("template")
def template_command(
    out: Annotated[Path, typer.Option(help="Zieldatei der Beispielvorlage.")] = Path(
        "eigene-daten-beispiel.csv"
    ),
) -> None:
    """Beispieldatei der Vorlage für eigene Daten (Langformat) schreiben."""
    from bildungsmonitor.ingest.long_format import EXAMPLE

    out.write_bytes(EXAMPLE.read_bytes())
    console.print(f"Vorlage geschrieben: {out}")


@app.command("serve")
def serve_command(
    host: Annotated[
        str | None, typer.Option(help="Adresse (Standard aus den Einstellungen).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port (Standard 8000).")] = None,
) -> None:
    """Die Weboberfläche starten; beim ersten Start wird die Demo-Datenbank gebaut."""
    import uvicorn

    from bildungsmonitor.web.app import create_app

    settings = Settings()
    store = _store()
    if settings.is_embedded_default and not demo_module.demo_is_built(store):
        console.print("Erster Start: die Demo-Datenbank wird aus den amtlichen Exporten gebaut …")
        build_demo_with_progress(store)
    bind_host = host or settings.host
    bind_port = port or settings.port
    console.print(f"Bildungsmonitor läuft auf http://{bind_host}:{bind_port}/ (Beenden mit Strg+C)")
    if settings.workers == 1:
        uvicorn.run(
            create_app(settings, store=store), host=bind_host, port=bind_port, log_level="warning"
        )
        return
    store.dispose()  # each worker process opens its own connections from the same settings
    uvicorn.run(
        "bildungsmonitor.web.app:create_app",
        factory=True,
        workers=settings.workers,
        host=bind_host,
        port=bind_port,
        log_level="warning",
    )


@app.command("docs")
def docs_command(
    write: Annotated[bool, typer.Option("--write", help="docs/ neu schreiben.")] = False,
    target: Annotated[Path, typer.Option(help="Zielordner.")] = Path("docs"),
) -> None:
    """Referenzdokumentation (Einstellungen, Befunde, Kommandos) aus dem Code erzeugen."""
    from bildungsmonitor import _docs

    pages = _docs.render_all(app)
    if not write:
        for name in pages:
            console.print(name)
        return
    target.mkdir(parents=True, exist_ok=True)
    for name, content in pages.items():
        (target / name).write_text(content, encoding="utf-8")
        console.print(f"geschrieben: {target / name}")


_cli_indicators.register(app, _store, _print_json)
report_cli.register(app, _store, _print_json)


def main() -> None:
    """Entry point: faults become a German message and exit code 1, never a traceback."""
    try:
        app()
    except AppError as exc:
        err_console.print(f"[red]Fehler:[/red] {exc.message}", highlight=False)
        sys.exit(1)
