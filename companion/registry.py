"""What one domain adds to another, registered here and only here.

The review queue (``companion.review``) knows nothing of the areas that send it work; the kinds it reviews are
registered by :func:`register_review_kinds`, which every entry point calls once before serving: the API app,
the command line, and the test suite. Registering twice is harmless.
"""

from __future__ import annotations

from functools import partial

from companion.accountability import reports
from companion.review import kinds, products
from companion.teams import team_products

__all__ = ["register_review_kinds"]


def register_review_kinds() -> None:
    """The four product kinds (action plan, advice note, annual plan, learning goal) and giving account."""
    for name, model in products.PRODUCT_TYPES.items():
        kinds.register(name, payload=model, render=partial(products.render, name))
    kinds.register(reports.KIND, payload=reports.AccountPayload, render=reports.render_payload,
                   on_approved=reports.on_approved)
    kinds.register(team_products.KIND, payload=team_products.TeamProductPayload, render=team_products.render_payload,
                   on_approved=team_products.on_approved)  # a team product files into the team portfolio
