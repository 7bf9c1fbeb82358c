"""``halqa init`` on an embedded store made by an older schema adds the columns the schema
has gained since (``CREATE ... IF NOT EXISTS`` leaves an existing table as it was), so a
write that sets a new property works and the old rows are kept."""

from __future__ import annotations

from intel.config import Settings
from intel.principal import SYSTEM
from intel.store import open_store

PROV = {"source": "upgrade-test", "recorded_by": "tester"}


def test_init_adds_a_column_the_schema_gained(tmp_path):
    store = open_store(Settings(_env_file=None, data_dir=tmp_path))
    try:
        store.init_schema()
        store.write(SYSTEM, nodes={"Statement": [{**PROV, "content_hash": "h1", "title": "t", "cases": ["C"]}],
                                   "Person": [{**PROV, "id": "p", "name": "Ramil Quliyev", "cases": ["C"]}]})
        sid = store.scan(SYSTEM, "Statement")[0]["id"]
        old = {**PROV, "src": sid, "dst": "person:p", "start": 0, "end": 5, "case_id": "C"}
        store.write(SYSTEM, edges={"MENTIONS": [old]})
        # the store as an older schema made it: MENTIONS without ``role``
        store.execute(SYSTEM, "ALTER TABLE MENTIONS DROP role", write=True)
        assert "role" not in {r["name"] for r in store.execute(SYSTEM, "CALL table_info('MENTIONS') RETURN name")}
        store.init_schema()
        assert "role" in {r["name"] for r in store.execute(SYSTEM, "CALL table_info('MENTIONS') RETURN name")}
        store.write(SYSTEM, edges={"MENTIONS": [{**old, "start": 7, "end": 12, "role": "speaker"}]})
        rows = store.execute(SYSTEM, "MATCH (:Statement)-[m:MENTIONS]->(:Person) RETURN m.start AS s, m.role AS r "
                                     "ORDER BY s")
        assert [(r["s"], r["r"]) for r in rows] == [(0, None), (7, "speaker")]
    finally:
        store.close()
