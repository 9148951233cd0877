"""The portfolio service: owner-only access and an index that follows every change."""

import pytest

from companion.core.errors import Invalid, NotFound
from companion.models import PortfolioEntry, WorkSituation
from companion.reflection import portfolio
from companion.trust import people


@pytest.fixture
def me_and_other(services, org):
    with services.sessions() as session:
        anne = people.principal_of(people.authenticate(session, "anne", "password-1"))
        bram = people.principal_of(people.authenticate(session, "bram", "password-1"))
    return anne, bram


def _found(services, me, query) -> set[str]:
    return {h.id for h in services.index.search(query, me.scope(), k=20)}


def test_changes_are_reflected_in_search(services, me_and_other):
    anne, _ = me_and_other
    with services.sessions() as session:
        s = portfolio.create_situation(session, services.index, anne, {"title": "Eerste", "description": "plevier"})
        assert f"situation:{s.id}" in _found(services, anne, "plevier")
        portfolio.update_situation(session, services.index, anne, s.id, {"description": "scholekster"})
        hit = services.index.search("scholekster", anne.scope())[0]
        assert hit.id == f"situation:{s.id}" and "plevier" not in hit.text
        portfolio.delete_situation(session, services.index, anne, s.id)
        assert f"situation:{s.id}" not in _found(services, anne, "scholekster plevier eerste")


def test_someone_elses_items_are_not_found(services, me_and_other):
    anne, bram = me_and_other
    with services.sessions() as session:
        s = portfolio.create_situation(session, services.index, bram, {"title": "Van Bram", "description": "d"})
        e = portfolio.create_entry(session, services.index, bram, {"title": "Van Bram", "body": "b"})
        calls = [
            lambda: portfolio.get_situation(session, anne, s.id),
            lambda: portfolio.update_situation(session, services.index, anne, s.id, {"title": "x"}),
            lambda: portfolio.delete_situation(session, services.index, anne, s.id),
            lambda: portfolio.get_entry(session, anne, e.id),
            lambda: portfolio.update_entry(session, services.index, anne, e.id, {"body": "x"}),
            lambda: portfolio.delete_entry(session, services.index, anne, e.id),
            lambda: portfolio.create_entry(session, services.index, anne, {"title": "t", "body": "b",
                                                                          "situation_id": s.id}),
        ]
        for call in calls:
            with pytest.raises(NotFound):
                call()
        session.rollback()
        assert session.get(WorkSituation, s.id).title == "Van Bram"
        assert session.get(PortfolioEntry, e.id).body == "b"
        assert session.query(PortfolioEntry).count() == 1


@pytest.mark.parametrize("bad_id", [0, -1, 2**63, 2**100])
def test_impossible_ids_are_not_found(services, me_and_other, bad_id):
    anne, _ = me_and_other
    with services.sessions() as session:
        with pytest.raises(NotFound):
            portfolio.get_situation(session, anne, bad_id)
        with pytest.raises(NotFound):
            portfolio.get_entry(session, anne, bad_id)


def test_values_are_trimmed_and_unknown_fields_ignored(services, me_and_other):
    anne, _ = me_and_other
    with services.sessions() as session:
        e = portfolio.create_entry(session, services.index, anne,
                                   {"title": "  Titel ", "body": " Tekst ", "owner_id": 999, "kind": None})
        assert (e.title, e.body, e.kind, e.owner_id) == ("Titel", "Tekst", "reflection", anne.person_id)


def test_updates_cannot_empty_required_text(services, me_and_other):
    anne, _ = me_and_other
    with services.sessions() as session:
        s = portfolio.create_situation(session, services.index, anne, {"title": "T", "description": "D"})
        e = portfolio.create_entry(session, services.index, anne, {"title": "T", "body": "B"})
        for call in (lambda: portfolio.update_situation(session, services.index, anne, s.id, {"description": ""}),
                     lambda: portfolio.update_situation(session, services.index, anne, s.id, {"title": " "}),
                     lambda: portfolio.update_entry(session, services.index, anne, e.id, {"body": " "})):
            with pytest.raises(Invalid):
                call()


def test_nul_characters_are_dropped_from_text(services, me_and_other):
    anne, _ = me_and_other
    with services.sessions() as session:
        s = portfolio.create_situation(session, services.index, anne, {"title": "A\x00B", "description": "x\x00y"})
        assert (s.title, s.description) == ("AB", "xy")
