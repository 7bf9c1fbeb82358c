"""The bulk paths pause the cyclic collector and always give it back."""

import gc

import pytest

from intel.errors import InvalidInput
from intel.gc_pause import paused_gc
from intel.principal import SYSTEM
from intel.store.embedded import EmbeddedStore


def test_paused_gc_restores_state_even_on_error():
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with paused_gc():
            assert not gc.isenabled()
            with paused_gc():
                assert not gc.isenabled()
            assert not gc.isenabled(), "the inner block must not resume collection"
            raise RuntimeError("boom")
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled(), "a caller's own pause is left as it was"
    finally:
        gc.enable()


def test_bulk_write_with_a_bad_row_resumes_collection(tmp_path):
    store = EmbeddedStore(tmp_path / "s.lbdb")
    store.init_schema()
    prov = {"source": "test", "recorded_by": "tester"}
    rows = [{"id": "p1", "name": "Əliyev Tural", **prov},
            {"id": "p2", "name": "Məmmədov Elçin", "birth_date": "1990-02-30", **prov}]
    with pytest.raises(InvalidInput, match="row 2.*birth_date"):
        store.write_chunks(SYSTEM, nodes={"Person": rows})
    assert gc.isenabled()
    assert store.counts(SYSTEM).get("Person", 0) == 0
