"""The index works against a real Chroma server by URL, with the same scoping as embedded mode."""

import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from companion.core.config import Settings
from companion.core.principal import Scope
from companion.retrieval.scoped_index import Index, IndexItem, make_chroma_client
from tests.support.fakes import HashEmbeddings
from tests.support.servers import free_port

CHROMA = shutil.which("chroma", path=str(Path(sys.executable).parent))


@pytest.fixture
def chroma_server(tmp_path):
    if CHROMA is None:
        pytest.skip("the chroma command (from the chromadb package) is not installed")
    port = free_port()
    proc = subprocess.Popen([CHROMA, "run", "--path", str(tmp_path / "chroma-server"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            pytest.fail("chroma server did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_scoped_search_over_chroma_server(chroma_server, tmp_path):
    settings = Settings(data_dir=tmp_path / "data", chroma_url=chroma_server)
    index = Index(make_chroma_client(settings), HashEmbeddings())
    index.upsert_personal(1, [IndexItem(id="situation:1", kind="situation", title="Drukte",
                                        text="werkdruk op de afdeling canary-anne")])
    index.upsert_knowledge(1, [IndexItem(id="chunk:1", kind="knowledge", title="Werkdruk",
                                         text="werkdruk bespreken in het team")])
    own = index.search("werkdruk", Scope(person_id=1, org_id=1), k=5)
    other = index.search("werkdruk", Scope(person_id=2, org_id=1), k=5)
    assert {h.id for h in own} == {"situation:1", "chunk:1"}
    assert [h.id for h in other] == ["chunk:1"]
    assert not (tmp_path / "data" / "chroma").exists()  # nothing embedded when a server is configured


def test_bad_chroma_url_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="COMPANION_CHROMA_URL"):
        make_chroma_client(Settings(data_dir=tmp_path, chroma_url="not a url"))
