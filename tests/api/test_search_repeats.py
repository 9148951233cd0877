"""Search results and a reply's sources list every item once, and a text written twice once (bug 1 of issue 12)."""

SAME = "Overdracht ging rommelig, twee punten vergeten bij de overdracht van de avonddienst"
GUIDE = ("# Overdracht\n\n## Vaste volgorde\n\nBij de overdracht eerst de cliënt, dan de risico's.\n\n"
         "## Na de overdracht\n\nVraag na de overdracht een collega om feedback.\n\n"
         "## Drukte\n\nHoud de overdracht kort als het druk is.\n")


def _situations(client, headers, n: int) -> None:
    for _ in range(n):
        r = client.post("/api/situations", headers=headers, json={"title": SAME, "description": SAME})
        assert r.status_code == 201, r.text
    r = client.post("/api/situations", headers=headers,
                    json={"title": "Overdracht met een nieuwe collega", "description": "Bij de overdracht vroeg "
                          "een nieuwe collega of we de volgorde op het whiteboard konden houden."})
    assert r.status_code == 201, r.text


def _no_repeats(hits: list[dict]) -> None:
    items = [(h["kind"], h["ref_id"]) for h in hits]
    texts = [(h["title"], h["snippet"]) for h in hits]
    assert len(items) == len(set(items)), items
    assert len(texts) == len(set(texts)), texts


def test_search_lists_a_text_written_many_times_once(client, anne, admin):
    _situations(client, anne, 8)
    r = client.post("/api/admin/knowledge", headers=admin, files={"file": ("overdracht.md", GUIDE.encode())})
    assert r.status_code == 201, r.text
    hits = client.get("/api/search", headers=anne, params={"q": "overdracht", "k": 10}).json()
    _no_repeats(hits)
    assert [h["title"] for h in hits].count(SAME) == 1
    assert sum(h["kind"] == "knowledge" for h in hits) == 1  # one document, however many of its parts match
    assert len(hits) == 3  # the repeated text, the other situation, the document: nothing else was stored


def test_search_still_fills_k_after_leaving_repeats_out(client, anne):
    _situations(client, anne, 6)
    for n in range(6):
        client.post("/api/situations", headers=anne,
                    json={"title": f"Overdracht {n}", "description": f"Overdracht op afdeling {n} liep uit."})
    hits = client.get("/api/search", headers=anne, params={"q": "overdracht", "k": 5}).json()
    assert len(hits) == 5
    _no_repeats(hits)


def test_a_replys_sources_list_a_repeated_situation_once(client, anne):
    _situations(client, anne, 5)
    conv = client.post("/api/conversations", headers=anne, json={"cycle": "alact"}).json()["id"]
    r = client.post(f"/api/conversations/{conv}/messages", headers=anne,
                    json={"content": "Bij de overdracht van de avonddienst gingen twee punten verloren."})
    assert r.status_code == 200, r.text
    sources = client.get(f"/api/conversations/{conv}", headers=anne).json()["messages"][-1]["sources"]
    assert sources, "the situations about the handover should be cited"
    _no_repeats(sources)
    assert [s["title"] for s in sources].count(SAME) == 1
