"""Zip bombs and pathological files are refused before parsing, and parsing runs in a child with a budget."""

import functools
import io
import os
import time
import zipfile

import pytest

from companion.core.errors import Invalid, TooLarge
from companion.knowledge.ingest import archive, isolated, read_upload
from tests.support.knowledge_files import docx_bytes

NL = {"Accept-Language": "nl-NL,nl;q=0.9"}
SECTIONS = [("Feedback", ["Benoem het gedrag dat je zag."])]


def _docx_with(document_xml: bytes | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    """A real Word file with its body (or extra parts) swapped for the given bytes, packed as tight as can be."""
    src = zipfile.ZipFile(io.BytesIO(docx_bytes(SECTIONS)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml" and document_xml is not None:
                data = document_xml
            dst.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


def _body(inner: bytes) -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.'
            b'openxmlformats.org/wordprocessingml/2006/main"><w:body>' + inner + b"</w:body></w:document>")


@functools.cache
def _big_bomb() -> bytes:
    return _docx_with(_body(b"<w:p><w:r><w:t>" + b"a" * (archive.LIMITS.max_part_bytes + 1) + b"</w:t></w:r></w:p>"))


def test_a_part_that_unpacks_beyond_the_limit_is_413_before_parsing():
    bomb = _big_bomb()
    assert len(bomb) < 200_000  # tiny on disk, 60 MB unpacked
    with pytest.raises(TooLarge) as caught:
        read_upload("bom.docx", bomb, 5_000_000)
    assert caught.value.code == "knowledge_archive_unpacks_too_large"


def test_a_highly_compressed_part_is_refused_even_under_the_size_limit():
    bomb = _docx_with(extra={"word/media/fill.bin": b"\0" * 3_000_000})  # ratio about 1000:1
    with pytest.raises(TooLarge):
        read_upload("vol.docx", bomb, 5_000_000)


def test_a_million_little_paragraphs_are_refused_before_parsing():
    limit = archive.LIMITS.max_paragraphs
    bomb = _docx_with(_body(b"<w:p/>" * (limit + 1)))
    t = time.perf_counter()
    with pytest.raises(Invalid) as caught:
        read_upload("alineas.docx", bomb, 5_000_000)
    assert caught.value.code == "knowledge_too_many_paragraphs" and time.perf_counter() - t < 5
    assert str(limit) in caught.value.text("nl") and "alinea" in caught.value.text("nl")


def test_too_many_parts_are_refused():
    bomb = _docx_with(extra={f"bom/part{n}.xml": b"<a/>" for n in range(archive.LIMITS.max_parts)})
    with pytest.raises(Invalid) as caught:
        read_upload("delen.docx", bomb, 5_000_000)
    assert caught.value.code == "knowledge_archive_too_many_parts"


def test_paragraphs_split_over_read_chunks_are_counted_once(monkeypatch):
    monkeypatch.setattr(archive, "READ_CHUNK", 7)  # every tag straddles a chunk boundary somewhere
    archive.check_zip(_docx_with(_body(b"<w:p/>" * 50)), "docx", "DOCX", archive.ZipLimits(max_paragraphs=50))
    with pytest.raises(Invalid):
        archive.check_zip(_docx_with(_body(b"<w:p/>" * 51)), "docx", "DOCX", archive.ZipLimits(max_paragraphs=50))


def test_parsing_runs_in_another_process_with_a_time_budget_and_a_memory_cap():
    assert isolated.run(os.getpid) != os.getpid()
    with pytest.raises(Invalid) as caught:
        isolated.run(time.sleep, 30, seconds=0.3)
    assert caught.value.code == "knowledge_parse_timeout"
    with pytest.raises(TooLarge) as caught:
        isolated.run(bytearray, 4_000_000_000, memory=300_000_000)
    assert caught.value.code == "knowledge_file_too_complex"


def test_the_api_refuses_a_bomb_with_a_code_in_dutch_and_stores_nothing(client, admin):
    bomb = _big_bomb()
    r = client.post("/api/admin/knowledge", headers={**admin, **NL}, files={"file": ("bom.docx", bomb)})
    assert r.status_code == 413, r.text
    assert r.json()["code"] == "knowledge_archive_unpacks_too_large" and "uitgepakt" in r.json()["detail"]
    assert client.get("/api/knowledge", headers=admin).json() == []
    assert client.get("/api/health").status_code == 200
