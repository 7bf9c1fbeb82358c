"""The `halqa` command. The one composition root allowed to import ingest/ and analytics/
(inside the command functions)."""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from intel.errors import HalqaError

app = typer.Typer(
    name="halqa",
    help="Halqa: investigation intelligence and evidence for an anti-trafficking unit.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console()
err_console = Console(stderr=True)


def main() -> None:
    """Entry point: run the app, turning every HalqaError into one clear line on stderr."""
    try:
        code = app(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except HalqaError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except typer.Abort:
        err_console.print("aborted")
        sys.exit(1)
    except KeyboardInterrupt:
        err_console.print("interrupted")
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # usage errors from the command-line parser
        if callable(getattr(exc, "show", None)) and isinstance(getattr(exc, "exit_code", None), int):
            exc.show()
            sys.exit(exc.exit_code)
        raise


# Commands are registered below, grouped by the area they belong to.


def load_settings() -> "Settings":
    from intel.config import Settings

    return Settings()


# ---- foundation: init, doctor, schema, ui, demo ------------------------------------------------
@app.command("init")
def init_cmd() -> None:
    """Create the store's schema (tables, constraints, indexes) from graph_models."""
    from intel.store import open_store

    settings = load_settings()
    store = open_store(settings)
    try:
        fp = store.init_schema()
    finally:
        store.close()
    console.print(f"initialised {settings.backend} store ({store.version()}), schema {fp}")


@app.command("doctor")
def doctor_cmd() -> None:
    """Check the backend is reachable, the schema current, and print versions."""
    import platform

    from rich.table import Table

    from intel import __version__
    from intel.errors import HalqaError
    from intel.store import open_store

    settings = load_settings()
    table = Table(title="halqa doctor", show_header=True)
    table.add_column("check")
    table.add_column("result")
    table.add_row("halqa", __version__)
    table.add_row("python", platform.python_version())
    where = settings.embedded_path if settings.backend == "embedded" else settings.neo4j_uri
    table.add_row("backend", f"{settings.backend} ({where})")
    ok = True
    if settings.backend == "embedded" and not settings.embedded_path.exists():
        table.add_row("store", f"[red]no store at {settings.embedded_path}[/] (run: halqa init)")
        console.print(table)
        raise typer.Exit(1)
    store = open_store(settings)
    try:
        table.add_row("engine", store.version())
        stored, current = store.schema_status()
        if stored is None:
            table.add_row("schema", f"[red]not initialised[/] (run: halqa init; code schema {current})")
            ok = False
        elif stored != current:
            table.add_row("schema", f"[red]out of date[/] (store {stored}, code {current}; run: halqa init)")
            ok = False
        else:
            table.add_row("schema", f"current ({current})")
    except HalqaError as exc:
        table.add_row("store", f"[red]{exc}[/]")
        console.print(table)
        raise
    finally:
        store.close()
    console.print(table)
    if not ok:
        raise typer.Exit(1)


@app.command("docs")
def docs_cmd(
    out: str = typer.Option("docs", help="Folder to write schema.md and settings.md into."),
) -> None:
    """Regenerate the schema and settings references from the code."""
    from pathlib import Path

    from graph_models.docs import schema_markdown
    from intel.settings_doc import settings_markdown

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "schema.md").write_text(schema_markdown(), encoding="utf-8")
    (folder / "settings.md").write_text(settings_markdown(), encoding="utf-8")
    console.print(f"wrote {folder / 'schema.md'} and {folder / 'settings.md'}")


@app.command("ui")
def ui_cmd(
    port: int = typer.Option(8501, help="Port to serve on."),
    address: str = typer.Option("127.0.0.1", help="Address to bind (0.0.0.0 inside a container)."),
) -> None:
    """Start the Streamlit UI (no usage statistics, nothing loaded from outside)."""
    import os
    import subprocess
    from pathlib import Path

    app_file = Path(__file__).resolve().parent.parent / "ui" / "app.py"
    env = dict(os.environ, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    cmd = [sys.executable, "-m", "streamlit", "run", str(app_file),
           "--server.port", str(port), "--server.address", address, "--server.headless", "true",
           "--browser.gatherUsageStats", "false", "--global.developmentMode", "false"]
    console.print(f"Halqa UI on http://{address}:{port}  (Ctrl+C to stop)")
    raise typer.Exit(subprocess.call(cmd, env=env, cwd=str(app_file.parent)))


@app.command("demo")
def demo_cmd() -> None:
    """Load the built-in demo scenario into the configured store."""
    from intel.demo import load_demo
    from intel.store import open_store

    settings = load_settings()
    store = open_store(settings)
    try:
        store.init_schema()
        result = load_demo(store)
    finally:
        store.close()
    console.print(f"demo loaded: {result.nodes_created} nodes and {result.edges_created} relationships "
                  f"created, {result.nodes_unchanged + result.edges_unchanged} already there")


# --- ingest: statement extraction (dry run) ---------------------------------------------------
@app.command("extract")
def extract_command(
    file: str = typer.Argument(..., help="Statement text file (UTF-8 or a legacy encoding)."),
    lang: str = typer.Option("auto", "--lang", help="az | ru | en | auto (detect)."),
    fmt: str = typer.Option("table", "--format", help="json | table."),
) -> None:
    """Show the mentions a statement would yield (persons, phones, documents, dates, money,
    places, organisations, plates). Writes nothing."""
    import json
    from pathlib import Path

    from rich.table import Table

    from ingest.extract import detect_language, extract
    from ingest.extract.source import read_statement
    from intel.errors import InvalidInput

    if lang not in ("auto", "az", "ru", "en"):
        raise InvalidInput(f"--lang: {lang!r} is not one of az, ru, en, auto")
    if fmt not in ("json", "table"):
        raise InvalidInput(f"--format: {fmt!r} is not one of json, table")
    text = read_statement(Path(file))
    language = detect_language(text) if lang == "auto" else lang
    mentions = extract(text, language)
    if fmt == "json":
        payload = {"file": file, "lang": language, "mentions": [m.as_dict() for m in mentions]}
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{file} ({language}): {len(mentions)} mentions")
    for column in ("type", "text", "start", "end", "value", "conf."):
        table.add_column(column)
    for m in mentions:
        table.add_row(m.type, m.text, str(m.start), str(m.end), m.value, f"{m.confidence:.2f}")
    console.print(table)
