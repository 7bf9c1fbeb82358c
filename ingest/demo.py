"""The demo: a synthetic scenario generated with a fixed seed and loaded through exactly the
path a unit uses — users and grants, cases opened by the coordinator, statements and tables
ingested by an investigator, entity resolution run — so what the UI shows is what real use
produces. Re-running it changes nothing."""

from __future__ import annotations

import contextlib
import csv
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from intel.config import Settings
from intel.principal import Principal
from intel.security.crypto import open_crypto
from intel.security.session import principal_for
from intel.security.users import Users
from intel.services.cases import CaseService
from intel.services.graph import GraphService
from intel.services.users import BOOTSTRAP, UserService
from intel.store import GraphStore

DEMO_SEED = 2024
DEMO_PERSONS = 300
DEMO_PASSWORD = "halqa-demo"  # demo accounts only; printed by `halqa demo`
TABLES_CASE = "AZ-IMPORTS-2024"  # court-ordered call records and border data
TABLES = [("cdr.csv", "cdr"), ("border_crossings.csv", "border_crossings"),
          ("hotline_referrals.csv", "hotline_referrals")]
# (user, role): the investigator and coordinator work every case; the analyst and the
# prosecutor are granted only some, so need-to-know is visible in the demo.
ACCOUNTS = [("admin", "admin"), ("coordinator", "coordinator"), ("investigator", "investigator"),
            ("analyst", "analyst"), ("prosecutor", "prosecutor"), ("liaison", "liaison")]


@dataclass
class DemoReport:
    scenario: Path
    cases: list[str] = field(default_factory=list)
    statements: int = 0
    statements_new: int = 0
    table_rows: int = 0
    merged: int = 0
    queued: int = 0
    users: list[str] = field(default_factory=list)


def _ensure_users(store: GraphStore, crypto) -> list[str]:
    users = Users(store)
    created = []
    if users.count() == 0:
        UserService(store, BOOTSTRAP, crypto).add("admin", "admin", DEMO_PASSWORD)
        created.append("admin")
    admin = principal_for(store, "admin")
    for name, role in ACCOUNTS:
        if users.get(name) is None:
            UserService(store, admin, crypto).add(name, role, DEMO_PASSWORD)
            created.append(name)
    return created


_INTRO = re.compile(r"(?:^|\n)\s*(?:Mən|Я|I)\s*,\s*", re.M)


def _speaker(path: Path, lang: str) -> str | None:
    """Who gave the statement, as the interviewing officer records it: the person who
    introduces themselves ("Mən, …", "Я, …", "I, …"), not the officer named in the header."""
    from ingest.extract import extract
    from ingest.extract.source import read_statement

    text = read_statement(path)
    intro = _INTRO.search(text)
    if intro is None:
        return None
    first = next((m for m in extract(text, lang) if m.type == "person" and m.start >= intro.end()), None)
    return first.text if first is not None and first.start - intro.end() <= 2 else None


def _statement_index(scenario: Path) -> list[dict[str, str]]:
    with open(scenario / "statements" / "index.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_demo(settings: Settings, persons: int = DEMO_PERSONS, seed: int = DEMO_SEED,
              say: Callable[[str], None] = lambda line: None) -> DemoReport:
    from ingest.synthetic import generate
    from intel.store import open_store

    scenario = settings.data_dir / f"demo-scenario-{seed}-{persons}"
    if not (scenario / "summary.json").exists():
        say(f"generating the synthetic scenario (seed {seed}, {persons} persons)")
        generate(seed, persons, scenario, force=True)
    report = DemoReport(scenario=scenario)
    store = open_store(settings)
    hold = getattr(store, "hold", None)  # embedded: keep the database open for the whole load
    try:
        with hold() if callable(hold) else contextlib.nullcontext():
            _load(store, settings, scenario, report, say)
    finally:
        store.close()
    return report


def _load(store: GraphStore, settings: Settings, scenario: Path, report: DemoReport,
          say: Callable[[str], None]) -> None:
    from ingest.resolve.graph import run as resolve_run
    from ingest.statements import ingest_statement
    from ingest.tables import import_table

    store.init_schema()
    crypto = open_crypto(settings, store, os.environ)
    report.users = _ensure_users(store, crypto)
    index = _statement_index(scenario)
    cases = sorted({row["case_id"] for row in index}) + [TABLES_CASE]
    report.cases = cases
    coordinator = principal_for(store, "coordinator")
    case_service = CaseService(store, coordinator, crypto)
    existing = {n.props.get("number") for n in case_service.list_cases()}
    for number in cases:
        if number not in existing:
            case_service.create_case(number, title=f"Trafficking investigation {number}")
    granted = {"investigator": cases, "analyst": cases[: max(1, len(cases) * 2 // 3)] + [TABLES_CASE],
               "prosecutor": cases[:2], "liaison": cases[:1]}
    for user, numbers in granted.items():
        have = principal_for(store, user).cases
        for number in numbers:
            if number not in have:
                case_service.grant(user, number, note="demo")
    investigator: Principal = principal_for(store, "investigator")
    say(f"ingesting {len(index)} statements into {len(cases) - 1} cases")
    for row in index:
        path = scenario / "statements" / row["file"]
        speaker = _speaker(path, row["lang"])
        rep = ingest_statement(store, investigator, path, row["case_id"], row["lang"], given_by=speaker,
                               crypto=crypto, giver_role=row["speaker_role"] if speaker else None)
        report.statements += 1
        report.statements_new += 0 if rep.already else 1
    say("importing call records, border crossings and hotline referrals")
    for name, mapping in TABLES:
        rep = import_table(store, investigator, scenario / "tables" / name, mapping, TABLES_CASE, crypto=crypto)
        report.table_rows += 0 if rep.already else rep.written
    say("resolving persons across statements, scripts and tables")
    res = resolve_run(store, investigator, crypto=crypto)
    report.merged, report.queued = res.auto_merged, res.queued
    GraphService(store, investigator, crypto).audit("demo.load", "ok", cases=cases)
