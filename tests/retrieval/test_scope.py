"""Scope is enforced inside retrieval, fail-closed: other people's and other teams' items are never returned."""

import pytest

from companion.core.errors import ScopeError
from companion.core.principal import Principal, Scope
from companion.retrieval.scoped_index import IndexItem

MODES = ["hybrid", "dense", "lexical"]


def _item(id_, kind, title, text, **meta):
    return IndexItem(id=id_, kind=kind, title=title, text=text, meta=meta)


@pytest.fixture
def index(services):
    idx = services.index
    idx.upsert_personal(1, [_item("situation:1", "situation", "Avonddienst", "te weinig collega's vanavond")])
    # bram's item is the best lexical match for anne's query: it repeats every query word
    idx.upsert_personal(2, [_item(f"situation:{n}", "situation", "Werkdruk avonddienst",
                                  "werkdruk avonddienst werkdruk avonddienst bewoners") for n in range(2, 40)])
    idx.upsert_knowledge(1, [_item("chunk:1", "knowledge", "Werkdruk", "werkdruk bespreekbaar maken")])
    idx.upsert_knowledge(1, [_item("chunk:2", "knowledge", "Werkdruk thuiszorg", "werkdruk avonddienst wijkteam",
                                   teams=[2])])
    idx.upsert_knowledge(2, [_item("chunk:3", "knowledge", "Werkdruk school", "werkdruk avonddienst")])
    return idx


@pytest.mark.parametrize("scope", [None, {"person_id": 1, "org_id": 1}, (1, 1), "1"])
def test_a_search_without_a_scope_is_an_error_in_every_mode(index, scope):
    for mode in MODES:
        with pytest.raises(ScopeError):
            index.search("werkdruk", scope, mode=mode)
    with pytest.raises(ScopeError):
        index.units(scope)


@pytest.mark.parametrize("mode", MODES)
def test_trap_documents_of_others_never_come_back_even_with_a_large_k(index, mode):
    anne = Scope(person_id=1, org_id=1, team_ids=frozenset({1}))
    hits = index.search("werkdruk avonddienst", anne, k=100, mode=mode)
    assert {h.id for h in hits} <= {"situation:1", "chunk:1"}
    assert "chunk:1" in {h.id for h in hits}  # the visible match is there, not crowded out by masked ones
    only_own = index.search("werkdruk avonddienst bewoners", anne, k=100, knowledge=False, mode=mode)
    assert {h.id for h in only_own} <= {"situation:1"}


def test_team_knowledge_is_visible_to_that_team_and_to_admins_only(index):
    team2 = Scope(person_id=3, org_id=1, team_ids=frozenset({2}))
    assert {h.id for h in index.search("werkdruk wijkteam", team2, k=10)} == {"chunk:1", "chunk:2"}
    no_team = Scope(person_id=4, org_id=1)
    assert {h.id for h in index.search("werkdruk wijkteam", no_team, k=10)} == {"chunk:1"}
    admin = Scope(person_id=5, org_id=1, all_teams=True)
    assert {h.id for h in index.search("werkdruk wijkteam", admin, k=10)} == {"chunk:1", "chunk:2"}


def test_reassigning_a_document_to_other_teams_removes_the_old_copies(index):
    index.upsert_knowledge(1, [_item("chunk:2", "knowledge", "Werkdruk thuiszorg", "werkdruk wijkteam", teams=[3])])
    assert "chunk:2" not in {h.id for h in index.search("wijkteam", Scope(4, 1, frozenset({2})), k=10)}
    assert "chunk:2" in {h.id for h in index.search("wijkteam", Scope(4, 1, frozenset({3})), k=10)}
    index.upsert_knowledge(1, [_item("chunk:2", "knowledge", "Werkdruk thuiszorg", "werkdruk wijkteam", teams=[])])
    assert "chunk:2" in {h.id for h in index.search("wijkteam", Scope(4, 1), k=10)}
    assert [u for u in index.lexical.units("k1") if "chunk:2" in index.lexical.ids(u)] == ["k1"]
    index.delete_knowledge(1, ["chunk:2"])
    assert "chunk:2" not in {h.id for h in index.search("wijkteam", Scope(4, 1, all_teams=True), k=10)}


def test_a_principal_scope_carries_its_team_and_admins_see_every_team():
    pro = Principal(person_id=1, org_id=1, team_id=7, role="professional", username="a", display_name="A")
    assert pro.scope().team_ids == frozenset({7}) and not pro.scope().all_teams
    admin = Principal(person_id=2, org_id=1, team_id=None, role="admin", username="b", display_name="B")
    assert admin.scope().all_teams and admin.scope().team_ids == frozenset()
    with pytest.raises(TypeError):
        Scope(person_id=1, org_id=1, team_ids={1})  # a mutable set could change after the check
