"""`companion serve --workers N`: more than one worker only on shared state (PostgreSQL and a Chroma server)."""

from __future__ import annotations

from click.testing import CliRunner

from companion import serving
from companion.cli import main
from companion.core.config import Settings


def test_several_workers_need_postgres_and_a_chroma_server(tmp_path):
    embedded = Settings(data_dir=tmp_path)
    assert serving.refuse_reason(embedded, 1) is None
    reason = serving.refuse_reason(embedded, 2)
    assert "COMPANION_DATABASE_URL" in reason and "COMPANION_CHROMA_URL" in reason
    half = Settings(data_dir=tmp_path, database_url="postgresql+psycopg://db/companion")
    assert "COMPANION_DATABASE_URL" not in serving.refuse_reason(half, 4)
    shared = Settings(data_dir=tmp_path, database_url="postgresql+psycopg://db/companion",
                      chroma_url="http://chroma:8000")
    assert serving.refuse_reason(shared, 4) is None


def test_the_command_refuses_with_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COMPANION_DATABASE_URL", raising=False)
    monkeypatch.delenv("COMPANION_CHROMA_URL", raising=False)
    result = CliRunner().invoke(main, ["serve", "--workers", "3"])
    assert result.exit_code != 0 and "--workers 3 needs state every worker shares" in result.output
