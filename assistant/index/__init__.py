"""Stage 3: the index folder (passage store, FAISS, BM25), incremental indexing and hybrid search."""
