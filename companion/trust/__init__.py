"""Who may do what, and what happens to personal data: passwords and revocable tokens, personal API keys,
organisations, teams and people, per-person limits and login throttling, and the privacy export and erasure.
"""

from companion.trust import api_keys, auth, limits, people, privacy, privacy_document
from companion.trust.api_keys import principal_for_api_key

__all__ = ["api_keys", "auth", "limits", "people", "principal_for_api_key", "privacy", "privacy_document"]
