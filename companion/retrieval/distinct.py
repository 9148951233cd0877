"""Search results without repeats: one hit per item (a document's best part), and one per text.

A ranked list can name the same thing several times: two parts of one knowledge document, or two situations a
person wrote in the same words. Listed as sources or search results that reads as the same thing over and over,
so only the best-ranked of each is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from companion.retrieval.scoped_index import Hit

_SPACE = re.compile(r"\s+")


def item_key(hit: Hit) -> tuple[str, str]:
    """What the hit opens: a situation, an entry, a knowledge document (any of its parts), else the hit itself."""
    ref = hit.meta.get("ref_id")
    return (hit.kind, str(ref)) if ref is not None else (hit.kind, hit.id)


def text_key(hit: Hit) -> str:
    """The words a person reads, without case or spacing differences."""
    return _SPACE.sub(" ", f"{hit.title}\n{hit.text or hit.snippet}").strip().casefold()


def distinct(hits: Iterable[Hit], k: int | None = None) -> list[Hit]:
    """The hits in their order, leaving out every later one for an item or a text already listed; at most k."""
    items: set[tuple[str, str]] = set()
    texts: set[str] = set()
    kept: list[Hit] = []
    for hit in hits:
        item, text = item_key(hit), text_key(hit)
        if item in items or text in texts:
            continue
        items.add(item)
        texts.add(text)
        kept.append(hit)
        if k is not None and len(kept) >= k:
            break
    return kept
