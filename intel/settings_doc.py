"""docs/settings.md, generated from the Settings class."""

from __future__ import annotations

from intel.config import settings_reference


def settings_markdown() -> str:
    lines = ["# Settings", "",
             "Generated from `intel/config.py` (`halqa docs`); do not edit by hand.",
             "Each setting is read from its environment variable or from a `.env` file in the",
             "working directory.", "", "| setting | variable | default | meaning |", "|---|---|---|---|"]
    for name, env, default, help_text in settings_reference():
        lines.append(f"| `{name}` | `{env}` | `{default}` | {help_text} |")
    return "\n".join(lines) + "\n"
