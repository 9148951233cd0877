"""The kinds of suggestion the review queue knows: each kind's payload model, its Markdown and its approval.

Kinds are registered explicitly, once per process, by :func:`companion.registry.register_review_kinds` (the
products of this package and the account of giving account); nothing registers itself by being imported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from companion.core.principal import Principal
from companion.models import Person, Suggestion
from companion.retrieval.scoped_index import Index


@dataclass
class Approval:
    """What an approval hook gets: the suggestion (final already set), its owner, the reviewer and the stores."""

    session: Session
    index: Index
    suggestion: Suggestion
    owner: Person
    reviewer: Principal


Render = Callable[[dict[str, Any], str], str]
ApprovalHook = Callable[[Approval], int | None]


@dataclass(frozen=True)
class ReviewKind:
    """One kind: the model that validates a draft and an edited final, how to render it, what approval does."""

    name: str
    payload: type[BaseModel] | None = None
    render: Render | None = None
    on_approved: ApprovalHook | None = None  # None: the default (a portfolio entry of the owner)


_KINDS: dict[str, ReviewKind] = {}


def register(name: str, *, payload: type[BaseModel] | None = None, render: Render | None = None,
             on_approved: ApprovalHook | None = None) -> ReviewKind:
    """Add (or replace) a kind; registering the same kind again is harmless."""
    kind = ReviewKind(name=name, payload=payload, render=render, on_approved=on_approved)
    _KINDS[name] = kind
    return kind


def get(name: str) -> ReviewKind | None:
    return _KINDS.get(name)


def names() -> tuple[str, ...]:
    return tuple(_KINDS)


def unregister(name: str) -> None:
    """Remove a kind (tests that add one of their own clean up with this)."""
    _KINDS.pop(name, None)
