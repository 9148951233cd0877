"""People's and teams' vectors share one collection, hold no text, and are read and erased per unit only."""

from companion.core.principal import Scope
from companion.retrieval.lexical_store import LexicalStore
from companion.retrieval.scoped_index import Index, IndexItem, make_chroma_client
from companion.retrieval.unit_vectors import collection_names
from tests.support.fakes import HashEmbeddings


def _situation(n: int, text: str) -> IndexItem:
    return IndexItem(id=f"situation:{n}", kind="situation", title=f"Titel {n}", text=text)


def test_many_people_share_one_collection_and_each_finds_only_their_own(settings):
    index = Index(make_chroma_client(settings), HashEmbeddings())
    for person in range(1, 6):
        index.upsert_personal(person, [_situation(person, f"overdracht avonddienst collega {person}")])
    index.upsert_team(3, [IndexItem(id="session:1", kind="team_session", title="Intervisie", text="overdracht")])
    index.upsert_knowledge(1, [IndexItem(id="chunk:1", kind="knowledge", title="Overdracht", text="overdracht")])
    assert sorted(collection_names(index.client)) == ["k1-hash64", "units-hash64"]
    for person in range(1, 6):
        hits = index.search("overdracht avonddienst", Scope(person_id=person, org_id=2), knowledge=False)
        assert [h.id for h in hits] == [f"situation:{person}"] and "cosine" in hits[0].meta
    team = Scope(person_id=9, org_id=2, session_team_ids=frozenset({3}))
    assert [h.id for h in index.search("overdracht", team, knowledge=False)] == ["session:1"]


def test_the_shared_collection_holds_vectors_but_no_words(settings):
    index = Index(make_chroma_client(settings), HashEmbeddings())
    index.upsert_personal(1, [_situation(1, "geheim-canary-7731 in de nachtdienst")])
    got = index.client.get_collection("units-hash64").get(include=["documents", "metadatas"])
    assert got["documents"] == [None]
    assert got["metadatas"] == [{"unit": "p1", "kind": "situation"}]


def test_erasing_a_person_removes_their_vectors_and_leaves_the_others(settings):
    index = Index(make_chroma_client(settings), HashEmbeddings())
    index.upsert_personal(1, [_situation(1, "grutto weide")])
    index.upsert_personal(2, [_situation(2, "grutto weide")])
    index.drop_person(1)
    assert index.vectors.ids_by_unit() == {"p2": {"situation:2"}}
    assert index.search("grutto", Scope(person_id=1, org_id=1), knowledge=False) == []
    assert [h.id for h in index.search("grutto", Scope(person_id=2, org_id=1), knowledge=False)] == ["situation:2"]


def test_a_deleted_item_is_no_longer_found(settings):
    index = Index(make_chroma_client(settings), HashEmbeddings())
    index.upsert_personal(1, [_situation(1, "kievit"), _situation(2, "kievit sloot")])
    index.delete_personal(1, ["situation:1"])
    assert index.vectors.ids_by_unit() == {"p1": {"situation:2"}}
    assert [h.id for h in index.search("kievit", Scope(person_id=1, org_id=1), knowledge=False)] == ["situation:2"]


def test_a_person_collection_of_an_earlier_version_moves_into_the_shared_one(settings, tmp_path):
    client = make_chroma_client(settings)
    emb = HashEmbeddings()
    old = client.get_or_create_collection("p4-hash64", embedding_function=None,
                                          configuration={"hnsw": {"space": "cosine"}})
    old.add(ids=["entry:8"], embeddings=emb.embed_documents(["Reiger\nreiger bij de sloot"]),
            documents=["reiger bij de sloot"], metadatas=[{"kind": "entry", "title": "Reiger"}])
    index = Index(client, emb, LexicalStore(tmp_path / "lexical.db"))
    assert index.adopt_existing() == 1  # the words come back from the old collection's documents first
    assert index.vectors.move_own_collections() == 1
    assert collection_names(client) == ["units-hash64"]
    hit = index.search("reiger sloot", Scope(person_id=4, org_id=1), knowledge=False)[0]
    assert hit.id == "entry:8" and hit.title == "Reiger" and "cosine" in hit.meta


def test_a_write_after_another_worker_rebuilt_the_index_still_lands(settings):
    client = make_chroma_client(settings)
    one, two = Index(client, HashEmbeddings()), Index(client, HashEmbeddings(), LexicalStore())
    one.upsert_personal(1, [_situation(1, "grutto")])
    two.upsert_personal(1, [_situation(2, "grutto")])  # two caches its handle of the shared collection
    one.vectors.reset()  # e.g. `companion reindex` in another process
    two.upsert_personal(1, [_situation(3, "tureluur")])
    assert two.vectors.ids_by_unit() == {"p1": {"situation:3"}}
