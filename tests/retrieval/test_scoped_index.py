"""The vector index: scoped search, real multilingual retrieval, rebuild from SQL, separate vector spaces."""

import pytest

from companion.core.errors import ScopeError
from companion.core.principal import Scope
from companion.knowledge import documents
from companion.reflection import portfolio
from companion.retrieval.embeddings import E5Embeddings
from companion.retrieval.index_sync import reindex_all
from companion.retrieval.scoped_index import Index, IndexItem, make_chroma_client
from companion.trust import people
from tests.support.fakes import HashEmbeddings

DOCS = {
    "nl-feedback": ("Feedback geven", "Geef feedback over concreet gedrag: benoem wat je zag en welk effect het had."),
    "nl-medicatie": ("Medicatie veilig toedienen",
                     "Controleer bij het toedienen van medicijnen altijd de naam van de cliënt en de dosering."),
    "nl-rooster": ("Roosters maken", "De planning van de diensten en het rooster maakt de teamleider elke maand."),
    "en-feedback": ("Giving feedback", "Give feedback about concrete behaviour: name what you saw and its effect."),
    "en-handover": ("Structured handover", "A structured handover at the end of a shift keeps information from "
                                           "getting lost."),
}


def _items(docs=DOCS) -> list[IndexItem]:
    return [IndexItem(id=f"chunk:{n}", kind="knowledge", title=title, text=text, meta={"key": key})
            for n, (key, (title, text)) in enumerate(docs.items())]


@pytest.fixture
def e5_index(settings) -> Index:
    index = Index(make_chroma_client(settings), E5Embeddings())
    index.upsert_knowledge(1, _items())
    return index


@pytest.mark.parametrize("scope", [None, {"person_id": 1, "org_id": 1}, (1, 1), 1])
def test_search_without_a_scope_is_an_error(services, scope):
    with pytest.raises(ScopeError):
        services.index.search("feedback", scope)
    with pytest.raises(ScopeError):
        services.index.count(scope)


def test_scope_needs_real_ids():
    with pytest.raises(TypeError):
        Scope(person_id="1", org_id=1)


@pytest.mark.parametrize(("query", "expected"), [
    ("Hoe geef ik een collega feedback op zijn gedrag?", "nl-feedback"),
    ("Welke controle doe ik voordat ik medicijnen geef?", "nl-medicatie"),
    ("Wie maakt het dienstrooster?", "nl-rooster"),
    ("How do I give a colleague feedback?", "en-feedback"),
])
def test_real_embeddings_find_the_relevant_document_first(e5_index, query, expected):
    hits = e5_index.search(query, Scope(person_id=1, org_id=1), k=3)
    assert hits[0].meta["key"] == expected, [(h.meta["key"], h.score) for h in hits]
    assert all(hits[0].score >= h.score for h in hits)


def test_scoped_collections_keep_people_and_organisations_apart(services):
    index = services.index
    index.upsert_personal(1, [IndexItem(id="situation:1", kind="situation", title="Eigen", text="kievit weide")])
    index.upsert_personal(2, [IndexItem(id="situation:2", kind="situation", title="Ander", text="kievit weide")])
    index.upsert_knowledge(7, [IndexItem(id="chunk:1", kind="knowledge", title="Org 7", text="kievit weide")])
    index.upsert_knowledge(8, [IndexItem(id="chunk:2", kind="knowledge", title="Org 8", text="kievit weide")])
    hits = index.search("kievit weide", Scope(person_id=1, org_id=7), k=10)
    assert {h.id for h in hits} == {"situation:1", "chunk:1"}
    only_own = index.search("kievit", Scope(person_id=1, org_id=7), k=10, knowledge=False)
    assert [h.id for h in only_own] == ["situation:1"]
    assert index.search("kievit", Scope(person_id=1, org_id=7), k=10, kinds={"knowledge"})[0].id == "chunk:1"
    assert index.count(Scope(person_id=1, org_id=7)) == 2


def test_deleted_items_are_not_found(services):
    index = services.index
    index.upsert_personal(1, [IndexItem(id="entry:1", kind="entry", title="Reiger", text="reiger sloot")])
    index.delete_personal(1, ["entry:1"])
    assert index.search("reiger sloot", Scope(person_id=1, org_id=1)) == []


def test_collections_of_different_models_never_mix(settings):
    class OtherEmbeddings(HashEmbeddings):
        model_id = "other-32"

    client = make_chroma_client(settings)
    first, second = Index(client, HashEmbeddings()), Index(client, OtherEmbeddings(dim=32))
    first.upsert_personal(1, [IndexItem(id="entry:1", kind="entry", title="Eerste", text="grutto")])
    second.upsert_personal(1, [IndexItem(id="entry:2", kind="entry", title="Tweede", text="grutto")])
    names = sorted(c if isinstance(c, str) else c.name for c in client.list_collections())
    assert names == ["units-hash64", "units-other32"]
    scope = Scope(person_id=1, org_id=1)
    assert [h.id for h in first.search("grutto", scope)] == ["entry:1"]
    assert [h.id for h in second.search("grutto", scope)] == ["entry:2"]


def test_reindex_rebuilds_everything_from_sql(services, tmp_path):
    with services.sessions() as session:
        org = people.get_or_create_org(session, "Herbouw")
        person = people.create_person(session, org_id=org.id, username="rita", password="password-1",
                                      role="professional")
        session.commit()
        me = people.principal_of(person)
        sit = portfolio.create_situation(session, services.index, me, {"title": "Situatie wulp",
                                                                       "description": "wulp in het overleg"})
        entry = portfolio.create_entry(session, services.index, me, {"title": "Entry wulp", "body": "wulp leerdoel"})
        doc = tmp_path / "tureluur.md"
        doc.write_text("# Tureluur\n\nDe tureluur staat in de kennisbank over wulp.\n", encoding="utf-8")
        documents.ingest_path(session, services.index, org.id, doc)
        expected = {f"situation:{sit.id}", f"entry:{entry.id}"}

        scope = me.scope()
        services.index.reset()
        assert services.index.search("wulp", scope, k=10) == []
        counts = reindex_all(session, services.index)
    assert counts == {"situation": 1, "entry": 1, "knowledge": 1, "team": 0}
    ids = {h.id for h in services.index.search("wulp tureluur", scope, k=10)}
    assert expected <= ids and any(i.startswith("chunk:") for i in ids)
