"""A process that journals audit events and dies before they reach the chain (journal test)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from intel.audit import Event, attach_journal, record
from intel.config import Settings
from intel.store import open_store


def main(directory: str, n: int) -> None:
    store = open_store(Settings(_env_file=None))
    attach_journal(store, Path(directory), batch=1000, max_delay=3600)
    for i in range(n):
        record(store, Event(user="crasher", role="analyst", action="entity.read", object_ids=(f"person:c{i}",)))
    print("journaled", flush=True)
    os._exit(1)  # no atexit, no flush: as if killed


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
