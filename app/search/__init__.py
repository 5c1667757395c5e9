"""Full-text search: how words compare (text.py) and the index over every locale (index.py)."""

from .index import MAX_RESULTS, SearchIndex
from .text import MAX_QUERY_CHARS, clean_query

__all__ = ["MAX_QUERY_CHARS", "MAX_RESULTS", "SearchIndex", "clean_query"]
