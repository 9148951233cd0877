"""xAPI 1.0.3 statements to an organisation's Learning Record Store, through an outbox that loses nothing.

The domains emit learning events (``companion.core.events``); :func:`install` makes every event of a database
whose person and organisation both opted in a statement in the outbox, in the event's own transaction.
:func:`send_due` (the ``companion xapi send`` command, and the API's background sender) posts them in batches,
retries with backoff, and keeps what the LRS refused for good as dead letters for the admin.
docs/xapi.md has the verb table and what is (and is never) sent.
"""

from companion.interop.xapi import outbox, preferences, sender, statements, verbs
from companion.interop.xapi.outbox import install, uninstall
from companion.interop.xapi.sender import BackgroundSender, Report, send_due

__all__ = ["BackgroundSender", "Report", "install", "outbox", "preferences", "send_due", "sender", "statements",
           "uninstall", "verbs"]
