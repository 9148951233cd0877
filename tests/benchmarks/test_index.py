"""`companion bench index` runs on a tiny organisation and writes valid JSON with its peers."""

import json

from click.testing import CliRunner

from companion.cli import main


def test_bench_index_on_a_tiny_organisation(tmp_path):
    out = tmp_path / "i.json"
    result = CliRunner().invoke(main, ["bench", "index", "--sizes", "600", "--queries", "3", "--out", str(out)])
    assert result.exit_code == 0, result.output
    size = json.loads(out.read_text())["sizes"]["600"]
    assert size["plain_chroma"]["add_chunks_per_s"] > 0 and size["companion"]["index_chunks_per_s"] > 0
    assert size["companion"]["search_scoped_hybrid"]["n"] == 3
    assert size["cold_start"]["ours_s"] > 0 and size["ratios"]["scoped_p95_vs_unfiltered_p95"] > 0
