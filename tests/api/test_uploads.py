"""Knowledge uploads by an admin: anything we cannot ingest is a clear 4xx and nothing is stored."""

from companion.knowledge.ingest import human_size

GOOD = b"---\ntitle: Feedback geven\nlanguage: nl\ntags: [feedback]\n---\n# Feedback\n\nGeef feedback over gedrag.\n"

BAD = [
    ("wrong extension", "setup.exe", b"MZ\x90\x00\x03", 422, "knowledge_unsupported_type"),
    ("broken PDF", "notes.pdf", b"%PDF-1.4 something", 422, "knowledge_file_corrupt"),
    ("no extension", "notes", b"plain words", 422, "knowledge_no_extension"),
    ("binary content", "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 422, "upload_binary"),
    ("empty file", "empty.md", b"", 422, "upload_empty"),
    ("only whitespace", "blank.txt", b"  \n\n\t ", 422, "upload_empty"),
    ("invalid UTF-8", "latin1.md", "café en crème".encode("latin-1"), 422, "upload_not_utf8"),
    ("broken front matter", "fm.md", b"---\ntitle: [unclosed\n---\n# Kop\n\nTekst", 422, "front_matter_invalid"),
    ("front matter only", "fm2.md", b"---\ntitle: Niks\n---\n", 422, "document_empty"),
    ("a path up", "../../x.md", GOOD, 422, "upload_name_has_folders"),
    ("an absolute path", "/etc/cron.d/x.md", GOOD, 422, "upload_name_has_folders"),
]


def test_malformed_uploads_are_rejected_and_nothing_stored(client, admin):
    for name, filename, data, status, code in BAD:
        r = client.post("/api/admin/knowledge", headers=admin, files={"file": (filename, data, "text/markdown")})
        assert r.status_code == status, (name, r.text)
        assert r.json()["code"] == code and r.json()["detail"], name
        assert client.get("/api/knowledge", headers=admin).json() == [], name
    assert client.get("/api/search", headers=admin, params={"q": "café crème PNG niks kop"}).json() == []


def test_too_large_upload_is_413_and_nothing_stored(client, admin, services):
    limit = services.settings.max_upload_bytes
    data = b"# Kop\n\n" + b"woord " * (limit // 6 + 10)
    r = client.post("/api/admin/knowledge", headers=admin, files={"file": ("big.md", data)})
    assert r.status_code == 413
    assert r.json()["code"] == "upload_too_large" and human_size(limit) in r.json()["detail"]
    assert client.get("/api/knowledge", headers=admin).json() == []


def test_upload_without_a_file_is_422(client, admin):
    assert client.post("/api/admin/knowledge", headers=admin).status_code == 422
    r = client.post("/api/admin/knowledge", headers=admin, data={"file": "not a file"})
    assert r.status_code == 422
    assert client.get("/api/knowledge", headers=admin).json() == []


def test_good_upload_is_stored_and_searchable(client, admin, anne):
    r = client.post("/api/admin/knowledge", headers=admin, files={"file": ("feedback.md", GOOD)},
                    data={"tags": "gesprek, team"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "created" and body["chunks"] >= 1
    assert body["document"]["title"] == "Feedback geven"
    assert sorted(body["document"]["tags"]) == ["feedback", "gesprek", "team"]
    docs = client.get("/api/knowledge", headers=anne).json()
    assert [d["title"] for d in docs] == ["Feedback geven"]
    hits = client.get("/api/search", headers=anne, params={"q": "feedback over gedrag"}).json()
    assert any(h["kind"] == "knowledge" and h["ref_id"] == body["document"]["id"] for h in hits)


def test_a_name_with_folders_never_becomes_a_version_of_another_document(client, admin):
    first = client.post("/api/admin/knowledge", headers=admin, files={"file": ("x.md", GOOD)})
    assert first.status_code == 201
    for name in ("../../x.md", "/etc/cron.d/x.md"):
        r = client.post("/api/admin/knowledge", headers={**admin, "Accept-Language": "nl"},
                        files={"file": (name, GOOD.replace(b"gedrag", b"iets anders"))})
        assert r.status_code == 422 and "bevat mappen" in r.json()["detail"], name
    versions = client.get(f"/api/knowledge/{first.json()['document']['id']}/versions", headers=admin).json()
    assert len(versions) == 1


def test_same_upload_twice_is_unchanged(client, admin):
    first = client.post("/api/admin/knowledge", headers=admin, files={"file": ("feedback.md", GOOD)}).json()
    r = client.post("/api/admin/knowledge", headers=admin, files={"file": ("feedback.md", GOOD)})
    again = r.json()
    assert r.status_code == 200 and again["status"] == "unchanged"
    assert again["document"]["version"] == first["document"]["version"] == 1
    assert len(client.get("/api/knowledge", headers=admin).json()) == 1
