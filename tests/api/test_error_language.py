"""Domain errors come back as {"detail", "code"}: the detail in the request's language, the code always the same."""

import pytest
from fastapi import Request
from sqlalchemy.exc import IntegrityError

NL = {"Accept-Language": "nl-NL,nl;q=0.9,en;q=0.8"}


def both(send) -> tuple[dict, dict]:
    """The same request in Dutch (Accept-Language: nl) and without a language (English)."""
    dutch, english = send(NL), send({})
    assert dutch.status_code == english.status_code
    assert dutch.headers["content-language"] == "nl" and english.headers["content-language"] == "en"
    assert set(dutch.json()) == set(english.json()) == {"detail", "code"}
    assert dutch.json()["code"] == english.json()["code"]
    return dutch.json(), english.json()


def test_empty_message(client, anne):
    conv = client.post("/api/conversations", headers=anne, json={"language": "nl"}).json()["id"]
    nl, en = both(lambda h: client.post(f"/api/conversations/{conv}/messages", headers={**anne, **h},
                                        json={"content": "  "}))
    assert nl == {"detail": "Je bericht is leeg.", "code": "message_empty"}
    assert en == {"detail": "Your message is empty.", "code": "message_empty"}


def test_too_long_message_has_its_limit_in_both(client, anne, services):
    limit = services.settings.max_message_chars
    conv = client.post("/api/conversations", headers=anne, json={}).json()["id"]
    nl, en = both(lambda h: client.post(f"/api/conversations/{conv}/messages", headers={**anne, **h},
                                        json={"content": "a" * (limit + 1)}))
    assert nl["detail"] == f"Je bericht is langer dan {limit} tekens."
    assert en["detail"] == f"Your message is longer than {limit} characters."


def test_wrong_password_keeps_its_www_authenticate_header(client):
    def send(h):
        r = client.post("/api/auth/token", headers=h, data={"username": "anne", "password": "wrong-password"})
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        return r

    nl, en = both(send)
    assert nl == {"detail": "Gebruikersnaam of wachtwoord klopt niet.", "code": "wrong_credentials"}
    assert en == {"detail": "Wrong username or password.", "code": "wrong_credentials"}


def test_unknown_conversation(client, anne):
    nl, en = both(lambda h: client.get("/api/conversations/999999", headers={**anne, **h}))
    assert nl == {"detail": "Dit gesprek is niet gevonden.", "code": "conversation_not_found"}
    assert en == {"detail": "This conversation was not found.", "code": "conversation_not_found"}


def test_someone_elses_conversation_looks_unknown_in_dutch_too(client, anne, bram):
    theirs = client.post("/api/conversations", headers=bram, json={}).json()["id"]
    mine = client.get(f"/api/conversations/{theirs}", headers={**anne, **NL})
    unknown = client.get("/api/conversations/999999", headers={**anne, **NL})
    assert mine.status_code == unknown.status_code == 404 and mine.json() == unknown.json()


def test_unsupported_upload(client, admin):
    nl, en = both(lambda h: client.post("/api/admin/knowledge", headers={**admin, **h},
                                        files={"file": ("notes.exe", b"MZ\x90", "application/octet-stream")}))
    formats = ".docx, .html, .md, .pdf, .txt"
    assert nl == {"detail": f"Dit bestandstype wordt niet ondersteund (.exe); upload een van: {formats}.",
                  "code": "knowledge_unsupported_type"}
    assert en["detail"] == f"This file type is not supported (.exe); upload one of: {formats}."


def test_save_before_describing(client, anne):
    conv = client.post("/api/conversations", headers=anne, json={}).json()["id"]
    nl, en = both(lambda h: client.post(f"/api/conversations/{conv}/situation", headers={**anne, **h}))
    assert nl == {"detail": "Vertel eerst in het gesprek over de situatie.", "code": "situation_not_described"}


def test_no_token_and_wrong_role(client, anne):
    nl, _ = both(lambda h: client.get("/api/me", headers=h))
    assert nl == {"detail": "Je bent niet ingelogd; log eerst in.", "code": "not_authenticated"}
    nl, _ = both(lambda h: client.get("/api/admin/people", headers={**anne, **h}))
    assert nl["code"] == "role_required" and nl["detail"].startswith("Alleen iemand met de rol admin")


def test_a_race_for_a_unique_value_is_a_localised_409(client, admin):
    def boom(_request: Request):
        raise IntegrityError("INSERT ...", {}, Exception("UNIQUE constraint failed"))

    client.app.add_api_route("/api/test-integrity", boom, methods=["POST"])
    nl, en = both(lambda h: client.post("/api/test-integrity", headers=h))
    assert nl["code"] == en["code"] == "conflict"
    assert nl["detail"].startswith("Dit botst met gegevens") and en["detail"].startswith("This conflicts")


@pytest.mark.parametrize("header", ["en-GB,en;q=0.9", "fr-FR,fr;q=0.9", "*"])
def test_other_languages_get_english(client, header):
    r = client.post("/api/auth/token", headers={"Accept-Language": header},
                    data={"username": "anne", "password": "wrong-password"})
    assert r.json()["detail"] == "Wrong username or password."


def test_a_request_fastapi_cannot_read_gets_a_code_and_a_reason_in_the_callers_language(client, anne):
    r = client.post("/api/conversations/abc/messages", headers={**anne, **NL}, json={"content": "hallo"})
    body = r.json()
    assert r.status_code == 422 and body["code"] == "request_field_type"
    assert body["detail"].startswith("Het veld ‘conversation_id’ heeft een waarde van de verkeerde soort")
    assert body["errors"][0]["loc"] == ["path", "conversation_id"]  # every problem stays listed for integrators

    missing = client.post("/api/conversations/1/messages", headers=anne, json={})
    assert missing.json()["code"] == "request_field_missing"
    assert missing.json()["detail"] == "The field ‘content’ is missing."
    broken = client.post("/api/conversations/1/messages", headers={**anne, **NL, "Content-Type": "application/json"},
                         content=b"{not json")
    assert broken.status_code == 422 and broken.json()["code"] == "request_body_invalid"
    assert broken.json()["detail"].startswith("Het verzoek kon niet gelezen worden")
