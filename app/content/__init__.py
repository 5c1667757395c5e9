"""The content of the site: loaded once from content/ into frozen objects, and checked."""

from .lint import lint
from .loader import file_hash, load_site
from .models import (
    CLASSROOM,
    GRADE_BANDS,
    HOME_SLUG,
    INDEX_SLUG,
    PAGES_FOLDER,
    Page,
    Shown,
    Site,
    locale_url,
    url_path,
)
from .problems import ContentError, Problem

__all__ = [
    "CLASSROOM",
    "GRADE_BANDS",
    "HOME_SLUG",
    "INDEX_SLUG",
    "PAGES_FOLDER",
    "ContentError",
    "Page",
    "Problem",
    "Shown",
    "Site",
    "file_hash",
    "lint",
    "load_site",
    "locale_url",
    "url_path",
]
