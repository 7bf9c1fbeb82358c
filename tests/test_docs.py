"""Docs that are tested: generated references are current, README commands exist."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from graph_models.docs import schema_markdown
from intel.cli import app
from intel.settings_doc import settings_markdown

REPO = Path(__file__).resolve().parent.parent


def test_schema_reference_is_current():
    assert (REPO / "docs" / "schema.md").read_text(encoding="utf-8") == schema_markdown(), \
        "docs/schema.md is stale: run `halqa docs`"


def test_settings_reference_is_current():
    assert (REPO / "docs" / "settings.md").read_text(encoding="utf-8") == settings_markdown(), \
        "docs/settings.md is stale: run `halqa docs`"


def test_readme_opens_with_the_two_commands():
    head = (REPO / "README.md").read_text(encoding="utf-8").splitlines()[:10]
    assert any(line.startswith("make demo") for line in head)
    assert any(line.startswith("make test") for line in head)


def test_every_halqa_command_in_the_readme_exists():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    used = set(re.findall(r"halqa (\w[\w-]*)", readme)) - {"init"} | {"init"}
    runner = CliRunner()
    for cmd in sorted(used):
        if cmd.startswith("-"):
            continue
        result = runner.invoke(app, [cmd, "--help"])
        assert result.exit_code == 0, f"README mentions `halqa {cmd}` but it fails: {result.output}"


def test_makefile_has_the_readme_targets():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for target in ("demo:", "test:", "lint:"):
        assert re.search(rf"^{target}", makefile, re.M), target
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_links_to_files_that_exist():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(((?!https?:)[^)#]+)\)", text)
    assert links, "README links to no local file"
    missing = [link for link in links if not (REPO / link).exists()]
    assert not missing, f"README links to missing files: {missing}"
