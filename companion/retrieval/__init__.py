"""Finding what a person may see: the scoped hybrid index (Chroma vectors fused with Dutch/English BM25, one
unit per person, per organisation's knowledge and per team's knowledge), the embeddings seam, and keeping the
index in step with SQL, which stays the source of truth. Every search takes a scope; none means an error.
"""

from companion.retrieval import index_sync, team_items, text_match
from companion.retrieval.distinct import distinct
from companion.retrieval.embeddings import E5Embeddings, UseEmbeddings, load_embeddings, model_id
from companion.retrieval.fusion import Fusion
from companion.retrieval.index_sync import chunk_item, entry_item, reindex_all, situation_item
from companion.retrieval.lexical_store import LexicalStore
from companion.retrieval.scoped_index import Hit, Index, IndexItem, clip, make_chroma_client

__all__ = ["E5Embeddings", "Fusion", "Hit", "Index", "IndexItem", "LexicalStore", "UseEmbeddings", "chunk_item",
           "clip", "distinct", "entry_item", "index_sync", "load_embeddings", "make_chroma_client", "model_id",
           "reindex_all",
           "situation_item", "team_items", "text_match"]
