"""Changing the embedding model never mixes vector spaces; `reindex` rebuilds in the new space only."""

from companion.core.principal import Scope
from companion.retrieval.index_sync import reindex_all
from companion.retrieval.lexical_store import LexicalStore
from companion.retrieval.scoped_index import Index, IndexItem, make_chroma_client
from companion.services import build_services
from tests.support.fakes import HashEmbeddings


class OtherEmbeddings(HashEmbeddings):
    model_id = "other-32"


def _names(client):
    return sorted(c if isinstance(c, str) else c.name for c in client.list_collections())


def test_a_new_model_searches_lexically_until_reindex_and_then_only_in_its_own_space(settings):
    from companion.reflection import portfolio
    from companion.trust import people

    first = build_services(settings, embeddings=HashEmbeddings(), model=None)
    with first.sessions() as session:
        org = people.get_or_create_org(session, "Ruimte")
        person = people.create_person(session, org_id=org.id, username="rosa", password="password-1",
                                      role="professional")
        session.commit()
        me = people.principal_of(person)
        portfolio.create_situation(session, first.index, me, {"title": "Grutto", "description": "grutto in de wei"})
    first.engine.dispose()

    second = build_services(settings, embeddings=OtherEmbeddings(dim=32), model=None)
    scope = me.scope()
    assert all(n.endswith("-hash64") for n in _names(second.index.client))
    hits = second.index.search("grutto", scope)  # no vectors of the new model yet: lexical still finds it
    assert [h.kind for h in hits] == ["situation"] and "cosine" not in hits[0].meta
    with second.sessions() as session:
        reindex_all(session, second.index)
    assert _names(second.index.client) == ["units-other32"]
    hits = second.index.search("grutto", scope)
    assert [h.kind for h in hits] == ["situation"] and "cosine" in hits[0].meta
    second.engine.dispose()


def test_an_index_built_before_the_lexical_store_is_adopted(settings, tmp_path):
    client = make_chroma_client(settings)
    old = Index(client, HashEmbeddings(), LexicalStore())
    old.upsert_knowledge(1, [IndexItem(id="chunk:1", kind="knowledge", title="Kievit", text="kievit weide",
                                       meta={"teams": [4]})])
    fresh = Index(client, HashEmbeddings(), LexicalStore(tmp_path / "lexical.db"))
    assert fresh.search("kievit", Scope(person_id=1, org_id=1, team_ids=frozenset({4}))) == []
    assert fresh.adopt_existing() == 1
    hit = fresh.search("kievit", Scope(person_id=1, org_id=1, team_ids=frozenset({4})))[0]
    assert hit.id == "chunk:1" and hit.title == "Kievit" and hit.meta["teams"] == [4]
    assert fresh.search("kievit", Scope(person_id=1, org_id=1, team_ids=frozenset({5}))) == []
