"""Full-text search over every locale: SQLite FTS5 in memory, built once at start-up.

Each locale gets one FTS5 table holding its own pages plus the English pages it has no translation
for yet (they are what a reader of that locale is shown, so search must find them too). The
tokenizer follows the language: trigram for Chinese, Japanese and Korean (no spaces between
words), ``unicode61 remove_diacritics 2`` for everything else, with Porter stemming for English.

A query never reaches FTS5 syntax as typed: it is cleaned, cut to ``MAX_QUERY_CHARS`` and split
into words that are each quoted, so quotes, ``*``, ``NEAR``, ``AND``, ``OR``, ``NOT`` and
parentheses are just text. Queries are never logged or stored.

The database is built once and kept as a serialized image; each process opens its own copy on
first use (SQLite connections must not cross a fork, and gunicorn forks after loading the app).
"""

from __future__ import annotations

import functools
import html
import itertools
import os
import re
import sqlite3
import sys
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from babel import Locale
from markupsafe import Markup, escape

from .content import INDEX_SLUG, PAGES_FOLDER, Page, Site
from .markdown import plain_text

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
MAX_RESULTS = 20
# Highlight markers: control characters, which are stripped from indexed text and from queries,
# so the only ones in FTS5 output are the ones it inserted around matches.
MARK_START, MARK_END = "\x02", "\x03"
TRIGRAM_LANGUAGES = frozenset({"zh", "ja", "ko"})
TRIGRAM_MIN_CHARS = 3  # shorter terms cannot use a trigram index: they are matched with instr()
# Column weights for bm25(): title, summary, body.
WEIGHTS = (10.0, 4.0, 1.0)
# Vietnamese "đ" has no decomposition, so remove_diacritics keeps it; "dung" must still find "đừng".
MAX_D_VARIANTS = 3
# Unicode categories Cc (controls) and Cs (surrogates).
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


@dataclass(frozen=True)
class Document:
    """One page as listed under one locale (``fallback``: English shown in that locale)."""

    page: Page
    fallback: bool
    text: str  # plain text of the body


@dataclass(frozen=True)
class Result:
    page: Page
    fallback: bool
    title: Markup  # HTML-escaped, matches wrapped in <mark>
    snippet: Markup


# -- text --------------------------------------------------------------------------------------
# Inline elements vanish without a trace ("<a>signs</a>." is "signs."); every other tag separates.
INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|cite|code|em|i|mark|q|s|small|span|strong|sub|sup|u)\b[^>]*>"
)


def page_text(page: Page) -> str:
    """The plain text a reader sees in a page's body (entities decoded, markers stripped)."""
    return clean_text(html.unescape(plain_text(INLINE_TAG.sub("", page.html))))


def clean_text(text: str) -> str:
    """NFC, with control characters (including our highlight markers) replaced by spaces."""
    return CONTROL.sub(" ", unicodedata.normalize("NFC", text))


def is_word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LMN"


def clean_query(query: str) -> str:
    """The query as it is searched: no control characters, at most ``MAX_QUERY_CHARS``."""
    head = query[: MAX_QUERY_CHARS * 4]  # enough to survive stripping; never scan 10 kB
    cleaned = "".join(
        " " if ch.isspace() else ch
        for ch in head
        if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn")
    )
    text = " ".join(cleaned.split())
    if len(text) <= MAX_QUERY_CHARS:
        return text
    # Cut at a space, so the last word is not searched half-typed; one huge word is just cut.
    cut = text[: MAX_QUERY_CHARS + 1].rsplit(" ", 1)[0]
    return cut if " " in text[: MAX_QUERY_CHARS + 1] else text[:MAX_QUERY_CHARS]


def query_terms(query: str) -> list[str]:
    """Words of a cleaned query: runs of letters, marks and digits; everything else separates."""
    text = unicodedata.normalize("NFKC", query)
    words = ["".join(group) for is_word, group in itertools.groupby(text, is_word_char) if is_word]
    # A lone combining mark is no word (the tokenizer would drop it and leave an empty phrase).
    words = [w for w in words if any(unicodedata.category(ch)[0] in "LN" for ch in w)]
    unique = list(dict.fromkeys(words))
    return unique[:MAX_TERMS]


def quote(term: str) -> str:
    # Terms hold only letters, marks and digits, so there is no '"' to double; quote anyway.
    return '"' + term.replace('"', '""') + '"'


def d_variants(term: str) -> list[str]:
    """``term`` with each "d" also spelled "đ" (up to ``MAX_D_VARIANTS`` of them)."""
    positions = [i for i, ch in enumerate(term) if ch in "dD"][:MAX_D_VARIANTS]
    variants = []
    for choice in itertools.product("dđ", repeat=len(positions)):
        chars = list(term)
        for position, letter in zip(positions, choice, strict=True):
            chars[position] = letter
        variants.append("".join(chars))
    return variants


# Arabic joins "the", "and", "with the", "for the" to the word: "الابتزاز" is "the blackmail".
ARABIC_PREFIXES = ("ال", "وال", "بال", "لل", "و")


def arabic_variants(term: str) -> list[str]:
    """``term`` without a leading article, and with each common prefix joined to it."""
    stem = term[2:] if term.startswith("ال") and len(term) > 4 else term
    return list(dict.fromkeys([term, stem, *(prefix + stem for prefix in ARABIC_PREFIXES)]))


@functools.cache
def _drop_marks() -> dict[int, None]:
    """A str.translate table deleting every combining mark (Unicode category M)."""
    return {
        code: None
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code))[0] == "M"
    }


# Letters and digits (as JavaScript's [\p{L}\p{N}]); marks are gone by then.
FOLDED_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case, no diacritics, "đ" as "d": what the static search compares."""
    decomposed = unicodedata.normalize("NFKD", text).translate(_drop_marks())
    return decomposed.lower().replace("đ", "d")


def fold_tokens(text: str) -> list[str]:
    """Unique folded words of ``text`` in order of first appearance."""
    return list(dict.fromkeys(FOLDED_WORD.findall(fold(text))))


def marked(text: str) -> Markup:
    """Escape FTS5 output first, then turn its markers into <mark> elements."""
    escaped = str(escape(text))
    return Markup(  # noqa: S704 (escaped above; only our own tags are added)
        escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )


def mark_terms(text: str, terms: Iterable[str], *, window: int | None = None) -> Markup:
    """Wrap case-insensitive occurrences of ``terms`` in <mark> (for matches made with instr())."""
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return escape(text[:window] if window else text)
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    if window is not None:
        first = pattern.search(text)
        start = max(0, (first.start() if first else 0) - window // 4)
        end = start + window
        text = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces.append(str(escape(text[last : match.start()])))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    pieces.append(str(escape(text[last:])))
    return Markup("".join(pieces))  # noqa: S704 (every piece escaped)


# -- the index ---------------------------------------------------------------------------------
def tokenizer_for(locale: str) -> str:
    language = Locale.parse(locale, sep="-").language
    if language in TRIGRAM_LANGUAGES:
        return "trigram"
    if language == "en":
        return "porter unicode61 remove_diacritics 2"
    return "unicode61 remove_diacritics 2"


def listed_documents(site: Site, locale: str) -> list[Document]:
    """Every page a reader of ``locale`` can reach, in that locale or its English fallback."""
    documents = []
    for section, slug in site.keys():
        found = site.page(locale, section, slug)
        if found is not None:
            page, fallback = found
            documents.append(Document(page, fallback, page_text(page)))
    return documents


class SearchIndex:
    def __init__(self, site: Site):
        self.site = site
        self.tables: dict[str, str] = {}  # locale -> table name
        self.tokenizers: dict[str, str] = {}
        self.documents: dict[str, list[Document]] = {}
        self.section_titles: dict[tuple[str, str], str] = {}
        connection = sqlite3.connect(":memory:")
        for number, code in enumerate(site.locale_codes):
            table = f"pages_{number}"
            tokenizer = tokenizer_for(code)
            self.tables[code], self.tokenizers[code] = table, tokenizer
            connection.execute(
                f"CREATE VIRTUAL TABLE {table} USING fts5(title, summary, body, "
                f"tokenize = '{tokenizer}')"
            )
            documents = listed_documents(site, code)
            self.documents[code] = documents
            connection.executemany(
                f"INSERT INTO {table} (rowid, title, summary, body) VALUES (?, ?, ?, ?)",  # noqa: S608 (our table name)
                (
                    (rowid, clean_text(d.page.title), clean_text(d.page.summary), d.text)
                    for rowid, d in enumerate(documents)
                ),
            )
            for section in site.sections:
                intro = site.page(code, section, INDEX_SLUG)
                if intro:
                    self.section_titles[(code, section)] = intro[0].title
        connection.commit()
        self._image = connection.serialize()
        self._connection: sqlite3.Connection | None = connection
        self._pid = os.getpid()
        self._lock = threading.Lock()
        self._lowered: dict[str, list[str]] = {}
        for code, tokenizer in self.tokenizers.items():
            if tokenizer == "trigram":
                self._haystacks(code)  # at start-up, so forked workers share it

    # -- connection per process ----------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        if self._connection is None or self._pid != os.getpid():
            connection = sqlite3.connect(":memory:", check_same_thread=False)
            connection.deserialize(self._image)
            self._connection, self._pid, self._lock = connection, os.getpid(), threading.Lock()
        return self._connection

    def section_title(self, locale: str, page: Page) -> str:
        if page.section == PAGES_FOLDER:
            return ""
        return self.section_titles.get((locale, page.section), "")

    # -- queries -------------------------------------------------------------------------------
    def search(self, locale: str, query: str, limit: int = MAX_RESULTS) -> list[Result]:
        """Pages of ``locale`` matching every word of ``query``, best first. Never raises."""
        terms = query_terms(clean_query(query))
        if not terms or locale not in self.tables:
            return []
        try:
            connection = self._connect()
            with self._lock:
                if self.tokenizers[locale] == "trigram":
                    rows = self._search_trigram(connection, locale, terms, limit)
                else:
                    rows = self._search_words(connection, locale, terms, limit)
        except sqlite3.Error:
            # Nothing about the query is logged: a failed search simply finds nothing.
            return []
        documents = self.documents[locale]
        return [
            Result(documents[rowid].page, documents[rowid].fallback, title, snippet)
            for rowid, title, snippet in rows
        ]

    def _search_words(self, connection, locale: str, terms: list[str], limit: int):
        language = Locale.parse(locale, sep="-").language
        expand = {"vi": d_variants, "ar": arabic_variants}.get(language, lambda term: [term])
        parts = []
        for term in terms:
            variants = expand(term)
            parts.append(
                quote(term) if len(variants) == 1 else "(" + " OR ".join(map(quote, variants)) + ")"
            )
        expression = " AND ".join(parts)
        return self._match(connection, locale, expression, [], limit, snippet_tokens=24)

    def _search_trigram(self, connection, locale: str, terms: list[str], limit: int):
        long_terms = [t for t in terms if len(t) >= TRIGRAM_MIN_CHARS]
        short_terms = [t.lower() for t in terms if len(t) < TRIGRAM_MIN_CHARS]
        if long_terms:
            expression = " AND ".join(quote(t) for t in long_terms)
            return self._match(
                connection, locale, expression, short_terms, limit, snippet_tokens=48
            )
        # Only terms too short for trigrams: a substring scan (SQL's instr(), done on the texts
        # already in memory, which is several times faster than reading them back from FTS5).
        haystacks = self._haystacks(locale)
        found = [i for i, text in enumerate(haystacks) if all(t in text for t in short_terms)]
        documents = self.documents[locale]

        def rank(rowid: int) -> tuple:
            title = documents[rowid].page.title.lower()
            in_title = all(t in title for t in short_terms)
            return (not in_title, -sum(haystacks[rowid].count(t) for t in short_terms), rowid)

        results = []
        for rowid in sorted(found, key=rank)[:limit]:
            document = documents[rowid]
            lowered = document.text.lower()
            source = (
                document.text if any(t in lowered for t in short_terms) else document.page.summary
            )
            results.append(
                (
                    rowid,
                    mark_terms(document.page.title, short_terms),
                    mark_terms(source, short_terms, window=120),
                )
            )
        return results

    def _haystacks(self, locale: str) -> list[str]:
        """Lower-cased title, summary and text of each document, for substring matching."""
        haystacks = self._lowered.get(locale)
        if haystacks is None:
            haystacks = [
                "\n".join((d.page.title, d.page.summary, d.text)).lower()
                for d in self.documents[locale]
            ]
            self._lowered[locale] = haystacks
        return haystacks

    def _match(self, connection, locale, expression, extra_terms, limit, *, snippet_tokens):
        table = self.tables[locale]
        # 1. Rank: pages whose title holds every word first, then bm25 with the title weighted
        # most. Only rowids here: snippets cost, and only the pages shown need them.
        ranked = connection.execute(
            f"SELECT rowid FROM {table} WHERE {table} MATCH ? "  # noqa: S608 (our table name)
            f"ORDER BY rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH ?) DESC, "
            f"bm25({table}, ?, ?, ?)" + ("" if extra_terms else " LIMIT ?"),
            [expression, f"title : ({expression})", *WEIGHTS, *([] if extra_terms else [limit])],
        ).fetchall()
        rowids = [row[0] for row in ranked]
        if extra_terms:  # short terms in a trigram table: kept only where they occur too
            haystacks = self._haystacks(locale)
            rowids = [i for i in rowids if all(t in haystacks[i] for t in extra_terms)][:limit]
        if not rowids:
            return []
        # 2. Highlights and snippets for the pages shown.
        marks = [MARK_START, MARK_END]
        rows = connection.execute(
            f"SELECT rowid, highlight({table}, 0, ?, ?), highlight({table}, 1, ?, ?), "  # noqa: S608
            f"snippet({table}, 2, ?, ?, '…', ?) FROM {table} "
            f"WHERE {table} MATCH ? AND rowid IN ({', '.join('?' * len(rowids))})",
            [*marks, *marks, *marks, snippet_tokens, expression, *rowids],
        ).fetchall()
        marked_rows = {}
        for rowid, title, summary, snippet in rows:
            # The body's best passage, or the summary when only the title or summary matched.
            if MARK_START not in snippet and MARK_START in summary:
                snippet = summary
            text = marked(snippet)
            if extra_terms and "<mark>" not in text:
                text = mark_terms(
                    snippet.replace(MARK_START, "").replace(MARK_END, ""), extra_terms
                )
            marked_rows[rowid] = (rowid, marked(title), text)
        return [marked_rows[rowid] for rowid in rowids if rowid in marked_rows]

    # -- the static export's prebuilt index ----------------------------------------------------
    def static_entries(self, locale: str) -> list[dict]:
        """For site.js on the frozen site: per page its title, section, summary and folded words."""
        entries = []
        for document in self.documents[locale]:
            page = document.page
            words = fold_tokens(" ".join((page.title, page.summary, document.text)))
            entries.append(
                {
                    "title": page.title,
                    "section": self.section_title(locale, page),
                    "summary": page.summary,
                    "path": page.site_path,
                    "lang": page.locale,
                    "words": " ".join(words),
                }
            )
        return entries


__all__ = [
    "MAX_QUERY_CHARS",
    "SearchIndex",
    "Result",
    "clean_query",
    "query_terms",
    "fold",
    "fold_tokens",
]
