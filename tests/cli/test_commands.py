"""The `companion` command, run in-process with its data in a temp folder."""

import re
import shutil

import click
import pytest
from chromadb.api.client import SharedSystemClient
from click.testing import CliRunner

from companion.cli import main
from companion.core.config import PROJECT_ROOT, Settings, get_settings
from companion.services import build_services
from companion.trust import people
from tests.support.fakes import HashEmbeddings


@pytest.fixture(autouse=True)
def _fast_embeddings(monkeypatch):
    """The CLI builds its own services; give them the fast fake embeddings."""
    monkeypatch.setattr("companion.retrieval.embeddings.make_embeddings", lambda settings: HashEmbeddings())


def _run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def _services():
    return build_services(get_settings(), embeddings=HashEmbeddings(), model=None)


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, cmd in group.commands.items():
        found.append((*prefix, name))
        if isinstance(cmd, click.Group):
            found += _commands(cmd, (*prefix, name))
    return found


def _add_admin(username="root", org="Zorg X"):
    return _run("person", "add", username, "--role", "admin", "--org", org, "--password-stdin", input="password-1\n")


def test_person_add_creates_someone_who_can_log_in():
    r = _add_admin()
    assert r.exit_code == 0, r.output
    assert "created root (admin) in Zorg X" in r.output
    svc = _services()
    with svc.sessions() as session:
        person = people.authenticate(session, "root", "password-1")
        assert person.role == "admin"


def test_duplicate_person_is_a_clear_error():
    assert _add_admin().exit_code == 0
    r = _add_admin()
    assert r.exit_code != 0
    assert "already taken" in r.output


def test_person_add_refuses_a_short_password_and_a_missing_org():
    r = _run("person", "add", "kim", "--role", "admin", "--org", "X", "--password-stdin", input="short\n")
    assert r.exit_code != 0 and "at least 8" in r.output
    assert _add_admin(org="Eerste").exit_code == 0
    assert _add_admin("two", org="Tweede").exit_code == 0
    r = _run("person", "add", "kim", "--role", "professional", "--password-stdin", input="password-1\n")
    assert r.exit_code != 0 and "--org" in r.output


def test_ingest_shows_progress_and_is_idempotent(tmp_path):
    folder = tmp_path / "kennis"
    (folder / "nl").mkdir(parents=True)
    (folder / "en").mkdir()
    (folder / "nl" / "feedback.md").write_text("# Feedback\n\nGeef feedback over gedrag.", encoding="utf-8")
    (folder / "en" / "feedback.md").write_text("# Feedback\n\nGive feedback on behaviour.", encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG")  # not a knowledge format: left alone
    assert _add_admin().exit_code == 0
    r = _run("ingest", str(folder))
    assert r.exit_code == 0, r.output
    assert "ingesting" in r.output and "[1/2] created" in r.output and "[2/2] created" in r.output
    assert "en/feedback.md" in r.output and "nl/feedback.md" in r.output
    again = _run("ingest", str(folder))
    assert again.exit_code == 0 and again.output.count("unchanged") >= 2


def test_ingest_of_a_bad_file_fails_clearly(tmp_path):
    bad = tmp_path / "kapot.md"
    bad.write_bytes(b"\xff\xfe\x00binary")
    assert _add_admin().exit_code == 0
    r = _run("ingest", str(bad))
    assert r.exit_code != 0 and "kapot.md" in r.output and "binary" in r.output


def test_ingest_needs_an_existing_organisation(tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text("# A\n\ntekst", encoding="utf-8")
    r = _run("ingest", str(doc))
    assert r.exit_code != 0 and "--org" in r.output


def test_starter_knowledge_ingests_from_the_cli():
    assert _add_admin().exit_code == 0
    r = _run("ingest", str(PROJECT_ROOT / "knowledge"))
    assert r.exit_code == 0, r.output
    total = len(list((PROJECT_ROOT / "knowledge").rglob("*.md")))
    assert f"ingested {total} file(s)" in r.output and f"{total} created" in r.output


def test_reindex_rebuilds_after_the_index_is_lost(tmp_path):
    doc = tmp_path / "kievit.md"
    doc.write_text("# Kievit\n\nDe kievit broedt in de weide.", encoding="utf-8")
    assert _add_admin().exit_code == 0
    assert _run("ingest", str(doc)).exit_code == 0
    shutil.rmtree(Settings().chroma_path)
    SharedSystemClient.clear_system_cache()
    svc = _services()
    with svc.sessions() as session:
        me = people.principal_of(people.authenticate(session, "root", "password-1"))
    lost = svc.index.search("kievit", me.scope())
    assert all("cosine" not in h.meta for h in lost)  # the vectors are gone; the lexical index still answers

    r = _run("reindex")
    assert r.exit_code == 0, r.output
    assert re.search(r"\b1 knowledge\b", r.output)
    found = svc.index.search("kievit weide", me.scope())[0]
    assert found.title == "Kievit" and "cosine" in found.meta


def test_init_creates_the_database():
    r = _run("init")
    assert r.exit_code == 0 and "database ready" in r.output
    assert (Settings().data_dir / "companion.db").exists()


@pytest.mark.parametrize("command", [(), *_commands(main)], ids=lambda c: " ".join(c) or "companion")
def test_every_command_has_help(command):
    r = _run(*command, "--help")
    assert r.exit_code == 0, r.output
    assert "Usage:" in r.output


def test_readme_documents_every_command_and_setting():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    leaves = [c for c in _commands(main) if not any(other[:len(c)] == c and other != c for other in _commands(main))]
    missing = [" ".join(c) for c in leaves if f"companion {' '.join(c)}" not in readme]
    for name, field in Settings.model_fields.items():
        env = field.validation_alias if isinstance(field.validation_alias, str) else f"COMPANION_{name.upper()}"
        if env not in readme:
            missing.append(env)
    assert not missing, f"README.md does not mention: {', '.join(missing)}"
