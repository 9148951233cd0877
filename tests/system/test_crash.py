"""A process SIGKILLed while writing or ingesting leaves a consistent store that `doctor --repair` reconciles."""

import pytest

from companion.benchmarks.crash import kill_once


@pytest.mark.parametrize("mode", ["writes", "ingest"])
def test_kill_9_leaves_a_consistent_store(tmp_path, mode):
    result = kill_once(tmp_path / "data", mode, min_s=0.2, max_s=0.8)
    assert result["acked"] >= 1
    assert result["integrity_ok"] and result["orphan_rows"] == 0, result
    assert result["acked_lost"] == 0 and result["half_stored_documents"] == 0, result
    assert result["ok_after_repair"], result
