"""The audit trail for the coordinator and admin: verify the chain, sign checkpoints, report."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from intel import audit
from intel.services.base import Service


class AuditService(Service):
    def verify(self, checkpoint_file: Path | None = None, key_file: Path | None = None) -> audit.Verification:
        self.authorize("audit.verify")
        cp = audit.read_checkpoint(checkpoint_file) if checkpoint_file else None
        pub = audit.load_public_key(key_file) if key_file else None
        result = audit.verify(self.store, cp, pub)
        self.audit("audit.verify", "ok" if result.ok else "error", checked=result.count,
                   bad_seq=result.bad_seq or 0, checkpoint=cp.seq if cp else 0)
        return result

    def checkpoint(self, key_file: Path, out: Path) -> audit.Checkpoint:
        self.authorize("audit.verify")
        key = audit.load_signing_key(key_file) if key_file.exists() else audit.new_signing_key(key_file)
        cp = audit.checkpoint(self.store, key, out)
        self.audit("audit.checkpoint", "ok", seq=cp.seq)
        return cp

    def report(self, since: datetime | None = None) -> audit.Report:
        self.authorize("audit.read")
        rep = audit.report(self.store, since)
        self.audit("audit.read", "ok", entries=rep.entries)
        return rep
