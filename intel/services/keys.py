"""Key rotation: re-encrypt every protected field under a new data key, then drop the old
keys. Old keys stay in the ring until every value is re-encrypted, so an interrupted rotation
is finished by running it again."""

from __future__ import annotations

import json

from graph_models.schema import load_schema
from intel.principal import SYSTEM
from intel.security.crypto import KEY_IDS_META, Crypto
from intel.security.protection import protected_props
from intel.services.base import Service


class KeyService(Service):
    def rotate(self) -> dict[str, int | str]:
        self.authorize("keys.rotate")
        ring = self.crypto.ring
        ring.save()  # fails with one clear line when the keys come from the environment
        if len(ring.keys) == 1:
            old = ring.active
            ring.add_key()
            ring.save()
        else:
            old = ",".join(k for k in ring.keys if k != ring.active)
        self.store.set_meta(KEY_IDS_META, json.dumps(sorted(ring.keys)))
        changed = 0
        for label, ntype in load_schema().nodes.items():
            fields = protected_props(label)
            if not fields:
                continue
            cols = ", ".join(f"n.`{f}` AS `{f}`" for f in fields)
            rows = self.store.execute(SYSTEM, f"MATCH (n:`{label}`) RETURN n.id AS id, {cols}")
            for f in fields:
                updates = []
                for r in rows:
                    token = r.get(f)
                    kid = Crypto.key_id(token) if token else None
                    if kid is None or kid == ring.active:
                        continue
                    plain = self.crypto.decrypt(token, r["id"], f)
                    updates.append({"id": r["id"], "v": self.crypto.encrypt(plain, r["id"], f)})
                if updates:
                    self.store.execute(SYSTEM, f"UNWIND $rows AS r MATCH (n:`{label}` {{id: r.id}}) "
                                               f"SET n.`{f}` = r.v", {"rows": updates}, write=True)
                    changed += len(updates)
        dropped = ring.drop_inactive()
        ring.save()
        self.store.set_meta(KEY_IDS_META, json.dumps(sorted(ring.keys)))
        self.audit("keys.rotate", "ok", [ring.active], old=old, dropped=len(dropped), reencrypted=changed)
        return {"active": ring.active, "reencrypted": changed, "dropped": len(dropped)}
