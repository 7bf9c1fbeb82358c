"""Reading an input file the user named: one place for the checks every importer makes, each
failing with one line that names the file."""

from __future__ import annotations

from pathlib import Path

from intel.errors import InvalidInput


def read_input(path: Path, max_bytes: int, kind: str) -> bytes:
    """The bytes of ``path``: it exists, is a regular file, is at most ``max_bytes`` and is
    not empty (``kind`` names what the file should be, for the message)."""
    if not path.exists():
        raise InvalidInput(f"{path}: file not found")
    if not path.is_file():
        raise InvalidInput(f"{path}: not a regular file")
    size = path.stat().st_size
    if size > max_bytes:
        raise InvalidInput(f"{path}: file is {size} bytes, over the {max_bytes // 2**20} MB limit for a {kind}")
    data = path.read_bytes()
    if not data.strip():
        raise InvalidInput(f"{path}: file is empty")
    return data
