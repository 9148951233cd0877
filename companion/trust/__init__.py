"""Who may do what, and what happens to personal data: passwords and revocable tokens, organisations, teams
and people, per-person limits and login throttling, and the privacy export and erasure.
"""

from companion.trust import auth, limits, people, privacy, privacy_document

__all__ = ["auth", "limits", "people", "privacy", "privacy_document"]
