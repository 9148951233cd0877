"""Nothing the AI drafts counts until an expert approved it: suggestions and the expert's decision, the kinds
the queue knows (products, learning goals, giving account: registered in `companion.registry`), drafting
products offline or by the model, the audit trail, and exports to Markdown, Word and PDF.
"""

from companion.review import audit, drafting, exports, kinds, products, suggestions

__all__ = ["audit", "drafting", "exports", "kinds", "products", "suggestions"]
