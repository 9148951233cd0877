"""The curated knowledge: versioned documents ingested from Markdown, text, PDF, Word and HTML along their
headings; who may read a document (organisation-wide, per team, per trajectory); the admin's curation
(tags, language, retire and restore); and the trajectories teams follow.
"""

from companion.knowledge import access, curation, documents, trajectories

__all__ = ["access", "curation", "documents", "trajectories"]
