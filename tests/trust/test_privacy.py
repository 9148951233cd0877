"""Privacy rights: export everything linked to me (JSON and a readable document), and erase it for good."""

from pathlib import Path

from sqlalchemy import select

from companion.models import Base, Person, Review, Suggestion
from companion.trust import privacy
from tests.support.app import login

CANARY_ANNE = "KANARIE-anne-7f3a91"
CANARY_BRAM = "KANARIE-bram-52c0de"
ERASE = {"confirmation": "WIS MIJN ACCOUNT", "password": "password-1"}


def _seed(client, headers, canary: str) -> int:
    client.post("/api/situations", headers=headers, json={
        "title": f"Overdracht {canary}", "description": f"De overdracht liep mis {canary}", "felt": "onrustig"})
    client.post("/api/portfolio", headers=headers, json={"kind": "reflection", "title": "Leerdoel",
                                                          "body": f"Ik wil rustiger overdragen {canary}"})
    conv = client.post("/api/conversations", headers=headers, json={}).json()["id"]
    r = client.post(f"/api/conversations/{conv}/messages", headers=headers,
                    json={"content": f"Vandaag bij de overdracht {canary} ging het weer mis", "client_id": "m-1"})
    assert r.status_code == 200, r.text
    return conv


def _files_with(data_dir: Path, needle: str) -> list[str]:
    """Every file under the data folder whose raw bytes hold needle (SQLite, WAL, -shm, Chroma, lexical)."""
    raw = needle.encode()
    return sorted(str(p.relative_to(data_dir)) for p in data_dir.rglob("*") if p.is_file() and raw in p.read_bytes())


def _suggestion_reviewed_by(services, owner: str, reviewer: str, comment: str) -> int:
    with services.transaction() as session:
        owner_id = session.scalar(select(Person.id).where(Person.username == owner))
        reviewer_id = session.scalar(select(Person.id).where(Person.username == reviewer))
        s = Suggestion(owner_id=owner_id, kind="product", title="Werkafspraak", draft={"text": "concept"},
                       drafted_by="offline guide", reviewer_id=reviewer_id, review_comment=comment,
                       status="approved")
        session.add(s)
        session.flush()
        session.add(Review(suggestion_id=s.id, reviewer_id=reviewer_id, decision="approved", comment=comment))
        return s.id


def test_export_holds_all_my_data_and_nothing_of_others(client, services, anne, bram):
    conv = _seed(client, anne, CANARY_ANNE)
    _seed(client, bram, CANARY_BRAM)
    _suggestion_reviewed_by(services, "anne", "eva", "Mooi geformuleerd")
    r = client.get("/api/privacy/export", headers=anne)
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    data = r.json()
    assert data["format"] == "companion-export/1" and data["person"]["username"] == "anne"
    assert "password_hash" not in data["person"] and CANARY_BRAM not in r.text
    tables = data["data"]
    assert [c["id"] for c in tables["conversations"]] == [conv]
    assert {m["role"] for m in tables["messages"]} == {"user", "assistant"}
    assert CANARY_ANNE in tables["work_situations"][0]["description"]
    assert CANARY_ANNE in tables["portfolio_entries"][0]["body"]
    assert tables["suggestions"][0]["review_comment"] == "Mooi geformuleerd"  # tables of other areas are found
    assert tables["reviews"][0]["comment"] == "Mooi geformuleerd"
    eva = client.get("/api/privacy/export", headers=login(client, "eva")).json()
    assert eva["authored"]["reviews"][0]["comment"] == "Mooi geformuleerd"
    assert "draft" not in eva["authored"]["suggestions"][0]  # anne's draft is not the expert's data


def test_readable_document_in_my_language(client, anne):
    _seed(client, anne, CANARY_ANNE)
    r = client.get("/api/privacy/export.md", headers=anne)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/markdown")
    text = r.text
    assert text.startswith("# Mijn gegevens en portfolio") and "## Werksituaties" in text
    assert f"Overdracht {CANARY_ANNE}" in text and "## Gesprekken" in text and "**Ik**" in text


def test_export_needs_login(client):
    assert client.get("/api/privacy/export").status_code == 401
    assert client.post("/api/privacy/erase", json=ERASE).status_code == 401


def test_erasure_leaves_no_canary_anywhere_in_the_data_folder(client, services, anne, bram):
    _seed(client, anne, CANARY_ANNE)
    _seed(client, bram, CANARY_BRAM)
    data_dir = services.settings.data_dir
    assert _files_with(data_dir, CANARY_ANNE)  # the grep finds what is there
    r = client.post("/api/privacy/erase", headers=anne, json={**ERASE, "confirmation": "wis mijn"})
    assert r.status_code == 422 and r.json()["code"] == "erase_confirmation_wrong"
    r = client.post("/api/privacy/erase", headers=anne, json={**ERASE, "password": "wrong-pass-1"})
    assert r.status_code == 422
    assert client.post("/api/privacy/erase", headers=anne, json=ERASE).status_code == 204
    assert _files_with(data_dir, CANARY_ANNE) == []
    assert _files_with(data_dir, CANARY_BRAM)  # bram's data is untouched and still found
    assert client.get("/api/search", params={"q": "overdracht"}, headers=bram).status_code == 200
    assert client.get("/api/me", headers=anne).status_code == 401
    assert client.post("/api/auth/token", data={"username": "anne", "password": "password-1"}).status_code == 401


def test_an_erased_experts_reviews_stay_anonymous(client, services):
    sid = _suggestion_reviewed_by(services, "anne", "eva", "Goed onderbouwd, akkoord")
    assert client.post("/api/privacy/erase", headers=login(client, "eva"), json=ERASE).status_code == 204
    with services.sessions() as session:
        s = session.get(Suggestion, sid)
        review = session.scalar(select(Review).where(Review.suggestion_id == sid))
        assert s.review_comment == "Goed onderbouwd, akkoord" and s.reviewer_id is None
        assert review.comment == "Goed onderbouwd, akkoord" and review.reviewer_id is None


def test_the_last_admin_cannot_erase_themselves(client, admin):
    r = client.post("/api/privacy/erase", headers=admin, json=ERASE)
    assert r.status_code == 409 and r.json()["code"] == "last_admin"


def test_ids_of_erased_people_and_conversations_are_never_reused(client, services, admin):
    client.post("/api/admin/people", headers=admin, json={"username": "zed", "password": "password-1"})
    zed = login(client, "zed")
    zed_id = client.get("/api/me", headers=zed).json()["id"]
    conv = _seed(client, zed, "KANARIE-zed")
    assert client.post("/api/privacy/erase", headers=zed, json=ERASE).status_code == 204
    r = client.post("/api/admin/people", headers=admin, json={"username": "yara", "password": "password-1"})
    assert r.json()["id"] > zed_id  # the highest id was erased: SQLite would otherwise hand it out again
    yara = login(client, "yara")
    assert client.post("/api/conversations", headers=yara, json={}).json()["id"] > conv
    assert client.get("/api/search", params={"q": "overdracht"}, headers=yara).json() == [] or all(
        "KANARIE-zed" not in str(h) for h in client.get("/api/search", params={"q": "overdracht"}, headers=yara).json())


def test_every_mandatory_link_to_a_person_cascades():
    """A NOT NULL foreign key to people without ON DELETE CASCADE would make erasure fail: catch new tables."""
    for table, column, owned in privacy.person_links():
        fk = next(fk for fk in table.c[column].foreign_keys if fk.column.table.name == "people")
        if owned:
            assert fk.ondelete == "CASCADE", f"{table.name}.{column}"
        else:
            assert fk.ondelete in ("SET NULL", "CASCADE"), f"{table.name}.{column}"
    assert "people" in Base.metadata.tables
