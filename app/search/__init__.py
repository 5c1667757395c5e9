"""Full-text search: how words compare (text.py) and the index over every locale (index.py)."""

from .index import MAX_RESULTS, Result, SearchIndex, page_text
from .text import MAX_QUERY_CHARS, Language, clean_query, fold

__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_RESULTS",
    "Language",
    "Result",
    "SearchIndex",
    "clean_query",
    "fold",
    "page_text",
]
