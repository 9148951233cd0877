"""Fixtures of the knowledge tests."""

from __future__ import annotations

import pytest

from companion.trust import people


@pytest.fixture
def org_id(services) -> int:
    """An organisation without people, for documents only."""
    with services.sessions() as session:
        org = people.get_or_create_org(session, "Kennisorg")
        session.commit()
        return org.id
