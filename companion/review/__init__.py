"""Nothing drafted counts until its owner sent it and an expert approved it: suggestions and the expert's decision,
sharing only what the owner chose (sharing), the kinds the queue knows (products, learning goals, giving account:
registered in `companion.registry`), drafting products offline or by the model, the audit trail, and exports to
Markdown, Word and PDF.
"""

from companion.review import audit, drafting, exports, kinds, offline_wording, products, sharing, suggestions

__all__ = ["audit", "drafting", "exports", "kinds", "offline_wording", "products", "sharing", "suggestions"]
