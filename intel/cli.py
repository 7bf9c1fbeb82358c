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


def load_settings():
    """The settings, from the environment and .env (read when a command runs, not at import)."""
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
    host: str = typer.Option("127.0.0.1", help="Address to bind (0.0.0.0 inside a container)."),
) -> None:
    """Start the Streamlit UI (no usage statistics, nothing loaded from outside)."""
    import os
    from pathlib import Path

    app_file = Path(__file__).resolve().parent.parent / "ui" / "Home.py"
    env = dict(os.environ, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    cmd = [sys.executable, "-m", "streamlit", "run", str(app_file),
           "--server.port", str(port), "--server.address", host, "--server.headless", "true",
           "--browser.gatherUsageStats", "false", "--global.developmentMode", "false"]
    console.print(f"Halqa UI on http://{host}:{port}  (Ctrl+C to stop)")
    console.file.flush()
    # Become the Streamlit server (no child process left behind when this one is stopped).
    os.chdir(app_file.parent)
    os.execve(sys.executable, cmd, env)


@app.command("demo")
def demo_cmd(
    persons: int = typer.Option(300, "--persons", help="Size of the synthetic scenario."),
    seed: int = typer.Option(2024, "--seed", help="Scenario seed."),
) -> None:
    """Load a realistic synthetic demo through the same path a unit uses: demo users and
    grants, cases, statements (az/ru/en) and tables ingested, persons resolved."""
    from ingest.demo import ACCOUNTS, DEMO_PASSWORD, load_demo

    settings = load_settings()
    rep = load_demo(settings, persons=persons, seed=seed, say=lambda line: console.print(f"[dim]{line}[/]"))
    console.print(f"demo loaded into {settings.backend} store: {len(rep.cases)} cases, {rep.statements} statements "
                  f"({rep.statements_new} new), {rep.table_rows} new table rows, {rep.merged} persons merged, "
                  f"{rep.queued} pairs queued for review")
    console.print("demo accounts (password [bold]" + DEMO_PASSWORD + "[/], demo only): "
                  + ", ".join(f"{u} ({r})" for u, r in ACCOUNTS))


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


@app.command("generate")
def generate_cmd(
    seed: int = typer.Option(7, "--seed", help="Random seed; the same seed gives byte-identical output."),
    persons: int = typer.Option(300, "--persons", help="Number of persons (statements and calls scale with it)."),
    out: str = typer.Option(..., "--out", help="Output folder (created; must be empty unless --force)."),
    force: bool = typer.Option(False, "--force", help="Replace a non-empty output folder."),
) -> None:
    """Generate a synthetic trafficking scenario with ground truth: statements (az/ru/en),
    call records, border crossings, hotline referrals and the true persons, groups and routes."""
    from pathlib import Path

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from ingest.synthetic import generate

    show_bar = persons >= 20_000 and console.is_terminal
    with Progress(TextColumn("generating"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, disable=not show_bar, transient=True) as bar:
        task = bar.add_task("persons", total=max(persons, 1))
        result = generate(seed, persons, Path(out), force=force,
                          progress=lambda n: bar.advance(task, n))
    table = Table(title=f"Synthetic scenario (seed {seed}) written to {out}")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for role, n in result["persons_by_role"].items():
        table.add_row(f"persons: {role}", f"{n:,}")
    table.add_row("persons (total)", f"{result['persons']:,}")
    for lang, n in result["statements_by_lang"].items():
        table.add_row(f"statements: {lang}", f"{n:,}")
    table.add_row("call records", f"{result['rows']['cdr']:,}")
    table.add_row("border crossings", f"{result['rows']['crossings']:,}")
    table.add_row("hotline referrals", f"{result['rows']['hotline']:,}")
    table.add_row("namesake pairs", f"{result['namesake_pairs']:,}")
    table.add_row("persons with a namesake", f"{result['share_persons_with_namesake']:.1%}")
    table.add_row("multi-statement persons spelled differently",
                  f"{result['share_multi_statement_persons_with_spelling_variants']:.1%}")
    table.add_row("mentioned persons with cross-script variants",
                  f"{result['share_mentioned_persons_with_cross_script_variants']:.1%}")
    if result["xlsx_rows_left_out"]:
        table.add_row("XLSX rows left out (Excel limit; all in the CSV)", f"{result['xlsx_rows_left_out']:,}")
    console.print(table)


# ---- security: users, login, grants, keys, audit (issue 7) ----------------------------------
user_app = typer.Typer(help="User accounts (admin).", no_args_is_help=True)
keys_app = typer.Typer(help="Data-encryption keys (admin).", no_args_is_help=True)
audit_app = typer.Typer(help="The hash-chained audit trail.", no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(keys_app, name="keys")
app.add_typer(audit_app, name="audit")
case_app = typer.Typer(help="Cases: open one, list yours.", no_args_is_help=True)
app.add_typer(case_app, name="case")


def _read_password(from_stdin: bool, confirm: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt("password", hide_input=True, confirmation_prompt=confirm)


def _secured(service_cls, bootstrap: bool = False):
    """(store, service) for the user resolved by ``resolve_principal``: the one way CLI
    commands learn who is asking."""
    import os

    from intel.audit import attach_journal
    from intel.security.crypto import open_crypto
    from intel.security.session import resolve_principal
    from intel.store import open_store

    settings = load_settings()
    store = open_store(settings)
    if store.get_meta("schema") is None:
        store.init_schema()
    crypto = open_crypto(settings, store, os.environ)
    attach_journal(store, settings.data_dir / "audit-journal")
    if bootstrap:
        from intel.services.users import BOOTSTRAP

        principal = BOOTSTRAP
    else:
        principal = resolve_principal(settings, store, os.environ)
    return store, service_cls(store, principal, crypto)


def _close(store) -> None:
    """Append the command's journaled audit events to the chain, then close the store."""
    from intel.audit import flush

    try:
        flush(store)
    finally:
        store.close()


@user_app.command("add")
def user_add_cmd(
    name: str = typer.Argument(..., help="Login name (lower case)."),
    role: str = typer.Option(..., "--role", help="analyst | investigator | prosecutor | liaison | coordinator | admin."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from stdin."),
) -> None:
    """Create a user. The first user of a new installation must be an admin and needs no login."""
    from intel.services.users import UserService, bootstrap_allowed
    from intel.store import open_store

    settings = load_settings()
    probe = open_store(settings)
    if probe.get_meta("schema") is None:
        probe.init_schema()
    first = bootstrap_allowed(probe, role)
    probe.close()
    password = _read_password(password_stdin, confirm=not password_stdin)
    store, service = _secured(UserService, bootstrap=first)
    try:
        user = service.add(name, role, password)
    finally:
        _close(store)
    console.print(f"user {user.name} ({user.role.value}) created" + (" (first admin)" if first else ""))


@app.command("login")
def login_cmd(
    name: str = typer.Argument(..., help="User name."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from stdin."),
) -> None:
    """Log in: later commands act as this user until the session expires (8 hours)."""
    from intel.security.session import TOKEN_TTL, login
    from intel.store import open_store

    settings = load_settings()
    password = _read_password(password_stdin, confirm=False)
    store = open_store(settings)
    try:
        principal = login(settings, store, name, password)
    finally:
        _close(store)
    console.print(f"logged in as {principal.user} ({principal.role.value}) for {TOKEN_TTL // 3600} hours; "
                  f"cases: {', '.join(sorted(principal.cases)) or 'none'}")


@app.command("logout")
def logout_cmd() -> None:
    """End the CLI session."""
    from intel.security.session import logout

    console.print("logged out" if logout(load_settings()) else "no session")


@case_app.command("open")
def case_open_cmd(number: str = typer.Argument(..., help="Case number, e.g. AZ-2024-017."),
                  title: str = typer.Option(None, "--title", help="A short title."),
                  opened: str = typer.Option(None, "--opened", help="Date opened (YYYY-MM-DD or DD.MM.YYYY).")
                  ) -> None:
    """Open a case (coordinator, investigator); you are granted it."""
    from intel.services.cases import CaseService

    store, service = _secured(CaseService)
    try:
        number = service.create_case(number, title=title, opened=opened)
    finally:
        _close(store)
    console.print(f"opened case {number}; granted to {service.principal.user}")


@case_app.command("list")
def case_list_cmd() -> None:
    """The cases you are granted."""
    from rich.table import Table

    from intel.services.cases import CaseService

    store, service = _secured(CaseService)
    try:
        cases = service.list_cases()
    finally:
        _close(store)
    table = Table(title=f"cases granted to {service.principal.user}")
    for col in ("number", "title", "opened", "status"):
        table.add_column(col)
    for c in cases:
        table.add_row(*(str(c.props.get(k, "")) for k in ("number", "title", "opened", "status")))
    console.print(table)


def _grant_change(user: str, case: str, note: str, revoke: bool) -> None:
    from intel.services.cases import CaseService

    store, service = _secured(CaseService)
    try:
        rec = (service.revoke if revoke else service.grant)(user, case, note)
    finally:
        _close(store)
    console.print(f"{'revoked' if revoke else 'granted'}: {rec.user} {'from' if revoke else 'on'} case {rec.case_id}")


@app.command("grant")
def grant_cmd(user: str = typer.Argument(...), case: str = typer.Argument(..., help="Case number."),
              note: str = typer.Option("", "--note", help="Reason, kept with the grant.")) -> None:
    """Give USER access to CASE (coordinator)."""
    _grant_change(user, case, note, revoke=False)


@app.command("revoke")
def revoke_cmd(user: str = typer.Argument(...), case: str = typer.Argument(..., help="Case number."),
               note: str = typer.Option("", "--note", help="Reason, kept with the revocation.")) -> None:
    """Take USER's access to CASE away (coordinator)."""
    _grant_change(user, case, note, revoke=True)


@keys_app.command("rotate")
def keys_rotate_cmd() -> None:
    """Re-encrypt every protected field under a new key, then drop the old key (admin)."""
    from intel.services.keys import KeyService

    store, service = _secured(KeyService)
    try:
        out = service.rotate()
    finally:
        _close(store)
    console.print(f"active key {out['active']}: {out['reencrypted']} values re-encrypted, "
                  f"{out['dropped']} old key(s) dropped")


@audit_app.command("verify")
def audit_verify_cmd(
    checkpoint: str = typer.Option(None, "--checkpoint", help="Signed checkpoint file to check the history against."),
    key: str = typer.Option(None, "--key", help="The coordinator's signing key (or its public key), for --checkpoint."),
) -> None:
    """Walk the audit chain; exit non-zero naming the first bad entry."""
    from pathlib import Path

    from intel.services.audit_trail import AuditService

    store, service = _secured(AuditService)
    try:
        result = service.verify(Path(checkpoint) if checkpoint else None, Path(key) if key else None)
    finally:
        _close(store)
    if not result.ok:
        err_console.print(f"[bold red]error:[/] {result.line()}", highlight=False, soft_wrap=True)
        raise typer.Exit(8)
    console.print(result.line() + (" and matches the checkpoint" if checkpoint else ""))


@audit_app.command("checkpoint")
def audit_checkpoint_cmd(
    key: str = typer.Option(..., "--key", help="Ed25519 signing key (PEM); created, 0600, if missing."),
    out: str = typer.Option(..., "--out", help="Checkpoint file to write (keep it outside the database)."),
) -> None:
    """Sign the current head of the audit chain."""
    from pathlib import Path

    from intel.services.audit_trail import AuditService

    store, service = _secured(AuditService)
    try:
        cp = service.checkpoint(Path(key), Path(out))
    finally:
        _close(store)
    console.print(f"checkpoint seq {cp.seq} {cp.hash[:16]} signed by key {cp.key_id} written to {out}")


@audit_app.command("report")
def audit_report_cmd(
    since: str = typer.Option(None, "--since", help="Start date (YYYY-MM-DD or ISO date-time)."),
) -> None:
    """Who looked at what: reads per user, access outside grants, bursts, denied attempts."""
    from datetime import datetime

    from rich.table import Table

    from intel.errors import InvalidInput
    from intel.services.audit_trail import AuditService

    try:
        start = datetime.fromisoformat(since) if since else None
    except ValueError:
        raise InvalidInput(f"--since: {since!r} is not a date (use YYYY-MM-DD)") from None
    store, service = _secured(AuditService)
    try:
        rep = service.report(start)
    finally:
        _close(store)
    table = Table(title=f"audit since {rep.since}: {rep.entries} entries")
    for col in ("user", "ok", "denied", "other"):
        table.add_column(col)
    for user, counts in sorted(rep.by_user.items()):
        other = sum(v for k, v in counts.items() if k not in ("ok", "denied"))
        table.add_row(user, str(counts.get("ok", 0)), str(counts.get("denied", 0)), str(other))
    console.print(table)
    for title, rows in (("denied attempts", rep.denied), ("access outside grants", rep.outside_grants),
                        ("protected identities revealed", rep.reveals)):
        t = Table(title=f"{title}: {len(rows)}")
        for col in ("seq", "at", "user", "action", "cases", "objects", "why"):
            t.add_column(col)
        for e in rows[-50:]:
            t.add_row(str(e.seq), e.at[:19], e.user, e.action, ",".join(e.cases), ",".join(e.object_ids[:3]),
                      e.justification or e.detail)
        console.print(t)
    b = Table(title=f"bursts of reads: {len(rep.bursts)}")
    for col in ("user", "from", "reads"):
        b.add_column(col)
    for user, start_at, n in rep.bursts:
        b.add_row(user, start_at, str(n))
    console.print(b)


# ---- ingest: statements and tables into the graph (issue 5) ---------------------------------
ingest_app = typer.Typer(help="Write statements and tables into a case, with provenance.", no_args_is_help=True)
app.add_typer(ingest_app, name="ingest")


def _holding(store):
    """Keep an embedded store open for a batch of writes (a no-op for Neo4j)."""
    import contextlib

    hold = getattr(store, "hold", None)
    return hold() if callable(hold) else contextlib.nullcontext()


@ingest_app.command("statement")
def ingest_statement_cmd(
    files: list[str] = typer.Argument(..., help="Statement text files, or folders (their *.txt files)."),
    case: str = typer.Option(..., "--case", help="Case number the statements belong to."),
    lang: str = typer.Option("auto", "--lang", help="az | ru | en | auto (detect per file)."),
    given_by: str = typer.Option(None, "--given-by", help="Who gave the statement: a person id or a name."),
    role: str = typer.Option(None, "--role", help="The giver's role in the case: victim, potential_victim, "
                             "witness, suspect, relative, other. Victims and witnesses become protected."),
) -> None:
    """Extract and write statements: Statement (text encrypted), mentioned entities, MENTIONS.
    One transaction per file; a bad file gives one line and the others go on."""
    from pathlib import Path

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ingest.statements import ingest_statement
    from ingest.statements.ingest import LANGS
    from intel.errors import InvalidInput
    from intel.services.graph import GraphService

    if lang not in LANGS:
        raise InvalidInput(f"--lang: {lang!r} is not one of {', '.join(LANGS)}")
    paths: list[Path] = []
    for item in files:
        p = Path(item)
        paths.extend(sorted(q for q in p.glob("*.txt") if q.is_file()) if p.is_dir() else [p])
    if not paths:
        raise InvalidInput(f"no statement files in {', '.join(files)}")
    store, service = _secured(GraphService)
    done = already = failed = mentions = 0
    try:
        with _holding(store), Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
                                       TimeElapsedColumn(), console=console, transient=True,
                                       disable=len(paths) < 2 or not console.is_terminal) as bar:
            task = bar.add_task("statements", total=len(paths))
            for path in paths:
                try:
                    rep = ingest_statement(store, service.principal, path, case, lang, given_by,
                                           crypto=service.crypto, giver_role=role)
                except HalqaError as exc:
                    failed += 1
                    err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
                else:
                    done += 1
                    already += rep.already
                    mentions += rep.mentions
                    if len(paths) == 1:
                        console.print(f"{path}: {rep.lang}, {rep.mentions} mentions, {rep.entities} entities -> "
                                      f"{rep.statement_id}" + (" (already ingested; nothing changed)" if rep.already
                                                               else f" ({rep.result.changed} writes)"),
                                      highlight=False, soft_wrap=True)
                bar.advance(task)
    finally:
        _close(store)
    console.print(f"case {case}: {done} statement(s) ingested ({already} already there, {mentions} mentions), "
                  f"{failed} failed; statement text stored encrypted", highlight=False)
    if failed:
        raise typer.Exit(2)


@ingest_app.command("table")
def ingest_table_cmd(
    file: str = typer.Argument(..., help="CSV (any common encoding and delimiter) or XLSX file."),
    mapping: str = typer.Option(..., "--mapping", help="Shipped mapping name (cdr, border_crossings, "
                                "hotline_referrals) or a mapping .yaml file."),
    case: str = typer.Option(..., "--case", help="Case number the rows belong to."),
    skip_invalid: bool = typer.Option(False, "--skip-invalid", help="Write the valid rows and report the rest "
                                      "(default: any invalid row means nothing is written)."),
    sheet: str = typer.Option(None, "--sheet", help="The sheet to import from a workbook with several."),
) -> None:
    """Import a table through a declarative mapping, in one transaction. Re-importing the same
    file into the same case writes nothing."""
    from pathlib import Path

    from ingest.tables import TableInvalid, import_table, load_mapping
    from intel.services.graph import GraphService

    spec = load_mapping(mapping)
    store, service = _secured(GraphService)
    try:
        with _holding(store):
            rep = import_table(store, service.principal, Path(file), spec, case, skip_invalid=skip_invalid,
                               sheet=sheet, crypto=service.crypto)
    except TableInvalid as exc:
        for e in exc.errors[:20]:
            err_console.print(e.line(), highlight=False, soft_wrap=True, markup=False)
        raise
    finally:
        _close(store)
    if rep.already:
        console.print(f"{file}: already imported into case {case} (batch {rep.source}, {rep.written} rows, "
                      f"{rep.imported_at}); nothing written", highlight=False, soft_wrap=True)
        return
    for e in rep.errors[:20]:
        err_console.print(e.line(), highlight=False, soft_wrap=True, markup=False)
    r = rep.result
    skipped = f"; {len({e.row for e in rep.errors})} invalid rows skipped" if rep.errors else ""
    console.print(f"{file}: {rep.written} of {rep.rows} rows imported into case {case} with mapping {rep.mapping} "
                  f"(batch {rep.source}): {r.nodes_created} nodes and {r.edges_created} relationships created, "
                  f"{r.nodes_updated + r.edges_updated} updated{skipped}", highlight=False, soft_wrap=True)


# ---- entity resolution (issue 6) --------------------------------------------------------------
resolve_app = typer.Typer(help="Entity resolution: link persons that are the same person.", no_args_is_help=True)
app.add_typer(resolve_app, name="resolve")


@resolve_app.command("run")
def resolve_run_cmd(
    case: str = typer.Option(None, "--case", help="Only pairs touching this case's persons (default: all you may see)."),
) -> None:
    """Resolve persons: merge the sure pairs (appended judgements + SAME_AS), queue the rest
    for review. Re-running on an unchanged store appends nothing."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from ingest.resolve.graph import run
    from intel.services.graph import GraphService

    store, service = _secured(GraphService)
    try:
        service.authorize("case.write", [case] if case else [])
        with _holding(store), Progress(TextColumn("resolving: {task.description}"), BarColumn(),
                                       TimeElapsedColumn(), console=console, transient=True,
                                       disable=not console.is_terminal) as bar:
            task = bar.add_task("loading persons", total=3)

            def step(stage: str) -> None:
                bar.update(task, advance=1, description={"loaded": "scoring pairs", "resolved": "writing",
                                                         "written": "done"}[stage])

            rep = run(store, service.principal, case=case, crypto=service.crypto, progress=step)
        service.audit("resolve.run", "ok", cases=[case] if case else [], persons=rep.records,
                      merged=rep.auto_merged, queued=rep.queued, vetoed=rep.vetoed)
    finally:
        _close(store)
    for line in rep.skipped[:20]:
        err_console.print(f"skipped {line}", highlight=False, soft_wrap=True, markup=False)
    console.print(f"{rep.records} persons, {rep.candidate_pairs} candidate pairs: {rep.auto_merged} auto-merged, "
                  f"{rep.queued} queued for review ({rep.in_review} in review in all), {rep.vetoed} vetoed"
                  + (f", {rep.repaired} links repaired" if rep.repaired else ""), highlight=False)


@resolve_app.command("file")
def resolve_file_cmd(
    file: str = typer.Argument(..., help="CSV of person records: id, name (or given, surname, patronymic), "
                               "birth_date, phone, passport or document, gender, address, case, protected."),
    out: str = typer.Option(..., "--out", help="CSV to write: row, id, cluster, cluster_size for every record."),
    review: str = typer.Option(None, "--review", help="JSON lines to write: the pairs a person should look at."),
    weights: str = typer.Option("auto", "--weights", help="auto (EM for a registry-like table, else fixed) | "
                                "fixed | estimated."),
    work_dir: str = typer.Option(None, "--work-dir", help="Folder for the temporary on-disk index (default: "
                                 "the system's temporary folder; about 1 KB a record, removed afterwards)."),
    force: bool = typer.Option(False, "--force", help="Replace existing output files."),
) -> None:
    """Deduplicate a large table of person records before import, with bounded memory (a
    million records in well under 1 GB): the same rules as 'resolve run', file to file. Reads
    and writes only the files named (no store, no login, so nothing to audit, like 'extract');
    the outputs appear only when the run succeeds."""
    import csv
    import json
    import os
    import tempfile
    from pathlib import Path

    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    from ingest.resolve.person_table import PersonTable
    from ingest.resolve.streaming import WEIGHTS, resolve_stream
    from intel.errors import InvalidInput

    if weights not in WEIGHTS:
        raise InvalidInput(f"--weights: {weights!r} is not one of {', '.join(WEIGHTS)}")
    targets = [Path(out)] + ([Path(review)] if review else [])
    for target in targets:
        if not target.parent.is_dir():
            raise InvalidInput(f"{target}: folder {target.parent} does not exist")
        if target.exists() and not force:
            raise InvalidInput(f"{target}: exists; use --force to replace it")
    if len({t.resolve() for t in targets + [Path(file)]}) < len(targets) + 1:
        raise InvalidInput("--out, --review and the input must be three different files")
    if work_dir and not Path(work_dir).is_dir():
        raise InvalidInput(f"--work-dir: {work_dir} is not a folder")
    table = PersonTable(Path(file))
    partial = [t.with_name(f".{t.name}.{os.getpid()}.partial") for t in targets]
    handles = []
    try:
        handles = [open(p, "w", encoding="utf-8", newline="") for p in partial]
        clusters_out = csv.writer(handles[0])
        clusters_out.writerow(["row", "id", "cluster", "cluster_size"])
        review_fh = handles[1] if review else None

        def to_review(item) -> None:
            if review_fh is not None:
                review_fh.write(json.dumps({
                    "left": item.left, "right": item.right, "score": round(item.score, 4), "reason": item.reason,
                    "features": [{"feature": f.feature, "score": f.score, "detail": f.detail, "veto": f.veto}
                                 for f in item.features]}, ensure_ascii=False) + "\n")

        def to_clusters(row: int, rid: str, number: int, size: int) -> None:
            clusters_out.writerow([row + 2, rid, number, size])  # spreadsheet row (header is 1)

        with tempfile.TemporaryDirectory(prefix="halqa-resolve-", dir=work_dir) as tmp, \
                Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn(),
                         console=err_console, transient=True, disable=not err_console.is_terminal) as bar:
            task = bar.add_task(f"reading {file}", total=max(table.size, 1))

            def rows():
                for n, rec in enumerate(table, 1):
                    if n % 2000 == 0:
                        bar.update(task, completed=table.bytes_read)
                    yield rec

            def step(stage: str, advance: int, total: int) -> None:
                shown = bar.tasks[0]
                if shown.description != stage:
                    bar.reset(task, total=total or None, description=stage)
                bar.update(task, advance=advance)

            rep = resolve_stream(rows(), Path(tmp), weights=weights, review_sink=to_review,
                                 cluster_sink=to_clusters, progress=step)
        for fh in handles:
            fh.close()
        for p, target in zip(partial, targets):
            os.replace(p, target)
    finally:
        for fh in handles:
            fh.close()
        for p in partial:
            p.unlink(missing_ok=True)
    if table.ignored:
        err_console.print(f"{file}: columns ignored: {', '.join(table.ignored)}", highlight=False,
                          soft_wrap=True, markup=False)
    s = rep.stats
    console.print(f"{rep.records} records ({table.encoding}): {rep.clusters} clusters; {rep.merged} merges "
                  f"({rep.already_linked} more pairs already linked), {rep.review} pairs for review"
                  f"{f' ({rep.refused} merges refused by conflicts)' if rep.refused else ''}, {rep.vetoed} vetoed; "
                  f"{s.pairs} candidate pairs in {s.blocks} blocks; {rep.scorer}", highlight=False, soft_wrap=True)
    console.print(f"written: {out}" + (f", {review}" if review else ""), highlight=False, soft_wrap=True)


@resolve_app.command("review")
def resolve_review_cmd(
    accept_id: str = typer.Option(None, "--accept", help="Queue item (judgement id) to accept: the same person."),
    reject_id: str = typer.Option(None, "--reject", help="Queue item (judgement id) to reject: different people."),
    undo_id: str = typer.Option(None, "--undo", help="Judgement id of a merge or rejection to take back."),
    reason: str = typer.Option("", "--reason", help="Why (required with --accept and --reject)."),
    limit: int = typer.Option(50, "--limit", help="Items to list."),
) -> None:
    """List the review queue with each pair's features and reasons, or decide one item."""
    from rich.markup import escape
    from rich.table import Table

    from ingest.resolve.review import accept, reject, review_names, review_queue, undo
    from intel.errors import InvalidInput
    from intel.services.graph import GraphService

    chosen = [x for x in (accept_id, reject_id, undo_id) if x]
    if len(chosen) > 1:
        raise InvalidInput("give one of --accept, --reject or --undo")
    store, service = _secured(GraphService)
    try:
        if chosen:
            service.authorize("case.write")
            if accept_id:
                jid, what = accept(store, service.principal, accept_id, reason), "accepted: merged"
            elif reject_id:
                jid, what = reject(store, service.principal, reject_id, reason), "rejected: kept apart"
            else:
                jid, what = undo(store, service.principal, undo_id, reason), "undone"
            service.audit("resolve.review", "ok", [chosen[0], jid], decision=what.split(":")[0])
            console.print(f"{chosen[0]} {what} (judgement {jid})", highlight=False)
            return
        service.authorize("entity.read")
        items = review_queue(store, service.principal)
        names = review_names(store, service.principal, service.protection.present, items[:limit])
        service.audit("resolve.review", "ok", [i.id for i in items[:limit]], results=len(items))
    finally:
        _close(store)
    table = Table(title=f"review queue: {len(items)} pair(s)" + (f", first {limit}" if len(items) > limit else ""))
    for col in ("id", "pair", "score", "features", "why in review"):
        table.add_column(col, overflow="fold")
    for item in items[:limit]:
        feats = "\n".join(f"{f.get('feature')}: {f.get('detail')} ({f.get('score')})" for f in item.features)
        left, right = (escape(n) for n in names[item.id])
        table.add_row(item.id, f"{left} ({item.left})\n{right} ({item.right})",
                      f"{item.score:.3f}" if item.score is not None else "", feats, item.reason)
    console.print(table)


# ---- store: migrate between backends ------------------------------------------------------------
@app.command("migrate")
def migrate_cmd(
    to: str = typer.Option(..., "--to", help="Target backend: neo4j or embedded (the other one)."),
    resume: bool = typer.Option(False, "--resume", help="Allow a non-empty target (finish an interrupted run)."),
) -> None:
    """Copy every node and relationship into the other backend, then verify counts and checksums."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from intel.errors import InvalidInput
    from intel.migrate import migrate, prepare_target
    from intel.principal import SYSTEM
    from intel.store import open_store

    settings = load_settings()
    if to not in ("neo4j", "embedded"):
        raise InvalidInput(f"--to must be 'neo4j' or 'embedded', not {to!r}")
    if to == settings.backend:
        raise InvalidInput(f"the configured backend is already {to!r}; migrate copies from HALQA_BACKEND "
                           f"to the other backend")
    source = open_store(settings)
    target = open_store(settings.model_copy(update={"backend": to}))
    try:
        prepare_target(target, allow_non_empty=resume)
        total = sum(source.counts(SYSTEM).values())
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err_console) as bar:
            task = bar.add_task(f"{settings.backend} -> {to}", total=total)
            report = migrate(source, target, allow_non_empty=resume,
                             progress=lambda kind, n: bar.update(task, advance=n, description=f"copying {kind}"))
    finally:
        source.close()
        target.close()
    table = Table(title=f"migrate {report.source} -> {report.target}: {report.copied} rows copied")
    for col in ("label / type", "source count", "target count", "source checksum", "target checksum", ""):
        table.add_column(col)
    for kind, (a, b) in report.kinds.items():
        if a.count or b.count:
            table.add_row(kind, str(a.count), str(b.count), a.checksum, b.checksum, "ok" if a == b else "MISMATCH")
    console.print(table)
    if not report.ok:
        err_console.print(f"[bold red]error:[/] verification failed for {', '.join(report.mismatches)}",
                          highlight=False)
        raise typer.Exit(1)
    console.print(f"verified: every label and type matches ({report.copied} rows)")
