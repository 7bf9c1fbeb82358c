"""A long-lived embedded session (the UI, a demo load, a big import inside ``hold()``) runs
hundreds of transactions in one open database without exhausting its buffer pool."""

from __future__ import annotations

from intel.config import Settings
from intel.principal import SYSTEM
from intel.store import open_store

PROV = {"source": "long", "recorded_by": "tester"}


def test_hundreds_of_small_transactions_in_one_open_database(tmp_path):
    store = open_store(Settings(_env_file=None, data_dir=tmp_path, buffer_pool_mb=256))
    store.init_schema()
    with store.hold():
        for i in range(300):
            store.write(SYSTEM, nodes={"Person": [{"id": f"p{i}-{j}", "name": f"Person {i} {j}", "cases": ["C"], **PROV}
                                                  for j in range(3)]},
                        edges={"ASSOCIATE_OF": [{"src": f"person:p{i}-0", "dst": f"person:p{i}-1", "case_id": "C",
                                                 **PROV}]})
    counts = store.counts(SYSTEM)
    assert counts["Person"] == 900 and counts["ASSOCIATE_OF"] == 300
