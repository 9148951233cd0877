"""A professional's reflection on their own work: the chat turn, conversations, the reflection cycles (ALACT,
STARR, Gibbs) as state, the offline reflection guide that asks without a model, proposing and switching a
cycle, and the portfolio of work situations and entries the conversation draws on.
"""

from companion.reflection import (
    chat_turn,
    conversations,
    cycle_actions,
    cycle_proposal,
    cycle_state,
    cycles,
    offline_guide,
    portfolio,
)
from companion.reflection.chat_turn import message_dict
from companion.reflection.portfolio import get_situation

__all__ = ["chat_turn", "conversations", "cycle_actions", "cycle_proposal", "cycle_state", "cycles", "get_situation",
           "message_dict", "offline_guide", "portfolio"]
