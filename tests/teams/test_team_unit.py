"""The team's unit in the index: opened only by a scope that names the team; an ordinary scope never opens it."""

from __future__ import annotations

import pytest

from companion.core.principal import Principal, Scope
from companion.retrieval.lexical_store import LexicalStore
from companion.retrieval.scoped_index import Index, IndexItem
from companion.teams import access

ME = Principal(person_id=7, org_id=1, team_id=3, role="professional", username="anne", display_name="Anne")


@pytest.fixture
def index() -> Index:
    return Index(client=None, embeddings=None, lexical=LexicalStore())


def test_only_a_scope_naming_the_team_opens_its_unit(index):
    assert "g3" not in index.units(ME.scope())  # the chat, search and every ordinary read
    assert index.units(access.team_scope(ME, 3), personal=False, knowledge=False) == ["g3"]
    with pytest.raises(TypeError):
        Scope(person_id=1, org_id=1, session_team_ids={3})  # a set, not a frozenset: refused


def test_a_finished_session_is_found_by_its_team_only(index):
    index.upsert_team(3, [IndexItem(id="teamsession:1", kind="team_session", title="Nachtdienst",
                                    text="Een collega ruilde de nachtdienst zonder overleg.")])
    found = index.search("nachtdienst ruilen", access.team_scope(ME, 3), personal=False, knowledge=False)
    assert [h.id for h in found] == ["teamsession:1"]
    assert index.search("nachtdienst ruilen", ME.scope()) == []
    other = Principal(person_id=8, org_id=1, team_id=4, role="professional", username="otto", display_name="Otto")
    assert index.search("nachtdienst ruilen", access.team_scope(other, 4), personal=False, knowledge=False) == []
    index.delete_team(3, ["teamsession:1"])
    assert index.search("nachtdienst", access.team_scope(ME, 3), personal=False, knowledge=False) == []
