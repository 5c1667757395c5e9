"""Full-text search over every locale: SQLite FTS5 in memory, built once at start-up.

Each locale gets one FTS5 table holding its own pages plus the English pages it has no translation
for yet (they are what a reader of that locale is shown, so search must find them too). The
tokenizer follows the language: trigram for Chinese, Japanese and Korean (no spaces between
words), ``unicode61 remove_diacritics 2`` for everything else, with Porter stemming for English.

FTS5 finds and ranks the pages (bm25, title weighted most, pages whose title holds every word
first). Words FTS5 finds on most of a locale's pages still filter, but are left out of bm25, which
can say little about them and spends the most on them. Chinese terms shorter than a trigram are
looked up in an in-memory index of 1- and 2-character sequences, kept in result order, rather
than by scanning every page.

The highlighted title and snippet of the results shown are made here, in Python, from the page's
paragraphs: FTS5's snippet() re-tokenizes each whole lesson, and asking FTS5 for highlights row
by row costs a fresh look-up per row; both were several times slower than the search itself
(bench/search_bench.py). Text is escaped first and only then are <mark> elements put where the
marker characters were.

A query never reaches FTS5 syntax as typed: it is cleaned, cut to ``MAX_QUERY_CHARS`` and split
into words that are each quoted, so quotes, ``*``, ``NEAR``, ``AND``, ``OR``, ``NOT`` and
parentheses are just text. Queries are never logged or stored.

The database is built once and kept as a serialized image; each process opens its own copy on
first use (SQLite connections must not cross a fork, and gunicorn forks after loading the app).
"""

from __future__ import annotations

import bisect
import functools
import heapq
import html
import itertools
import operator
import os
import re
import sqlite3
import sys
import threading
import unicodedata
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from babel import Locale
from markupsafe import Markup, escape

from .content import INDEX_SLUG, PAGES_FOLDER, Page, Site
from markupsafe import Markup as _M


def plain_text(html_: str) -> str:
    return _M(html_).striptags()

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
MAX_RESULTS = 20
SNIPPET_CHARS = 200
# Highlight markers: control characters, which are stripped from indexed text and from queries,
# so the only ones in the text being marked are the ones put there.
MARK_START, MARK_END = "\x02", "\x03"
TRIGRAM_LANGUAGES = frozenset({"zh", "ja", "ko"})
TRIGRAM_MIN_CHARS = 3  # shorter terms cannot use a trigram index (see _search_trigram)
# Column weights for bm25(): title, summary, body.
WEIGHTS = (10.0, 4.0, 1.0)
# Vietnamese "đ" has no decomposition, so remove_diacritics keeps it; "dung" must still find "đừng".
MAX_D_VARIANTS = 3
# Unicode categories Cc (controls) and Cs (surrogates).
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
TITLE, SUMMARY, FIRST_PARAGRAPH = 0, 1, 2
CANDIDATES_PER_WORD = 3  # paragraphs per query word weighed for the snippet (best_part)


@dataclass(frozen=True)
class Document:
    """One page as listed under one locale (``fallback``: English shown in that locale)."""

    page: Page
    fallback: bool
    parts: tuple[str, ...]  # plain text: title, summary, then the body paragraph by paragraph
    folded: str  # the parts as match_text() gives them, joined by a space, for finding words
    starts: tuple[int, ...]  # where each part starts in ``folded``
    maps: tuple[FoldMap | None, ...]  # per part; None where it folded character for character

    def part_end(self, index: int) -> int:
        return self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.folded)

    def folded_part(self, index: int) -> str:
        return self.folded[self.starts[index] : self.part_end(index)]

    @property
    def text(self) -> str:
        return " ".join(self.parts[FIRST_PARAGRAPH:])


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
BLOCK_END = re.compile(
    r"</(?:p|li|h[1-6]|td|th|caption|blockquote|pre|dd|dt|figcaption|summary)>", re.IGNORECASE
)
MIN_PARAGRAPH_CHARS = 80  # a heading or a short item is joined to what follows it


def clean_text(text: str) -> str:
    """NFC, with control characters (including our highlight markers) replaced by spaces."""
    return CONTROL.sub(" ", unicodedata.normalize("NFC", text))


def page_paragraphs(page: Page) -> tuple[str, ...]:
    """The plain text a reader sees in a page's body, in paragraphs (entities decoded)."""
    paragraphs: list[str] = []
    pending = ""
    for block in BLOCK_END.split(INLINE_TAG.sub("", page.html)):
        text = clean_text(html.unescape(plain_text(block))).strip()
        pending = f"{pending} {text}".strip() if pending else text
        if len(pending) >= MIN_PARAGRAPH_CHARS:
            paragraphs.append(pending)
            pending = ""
    if pending:
        paragraphs.append(pending)
    return tuple(paragraphs)


def page_text(page: Page) -> str:
    """The plain text a reader sees in a page's body."""
    return " ".join(page_paragraphs(page))


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
    """Lower case, no diacritics, "đ" as "d": how words are compared outside FTS5."""
    decomposed = unicodedata.normalize("NFKD", text).translate(_drop_marks())
    return decomposed.lower().replace("đ", "d")


NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]")


def match_text(text: str) -> str:
    """fold(text) with every character but letters and digits made a space, one for one: the
    text words are found in (a word starts after a space and ends before one)."""
    return NOT_LETTER_OR_DIGIT.sub(" ", fold(text))


def fold_tokens(text: str) -> list[str]:
    """Unique folded words of ``text`` in order of first appearance."""
    return list(dict.fromkeys(FOLDED_WORD.findall(fold(text))))


# -- queries -----------------------------------------------------------------------------------
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
ARABIC_ARTICLE = "ال"
ARABIC_PREFIXES = ("ال", "وال", "بال", "لل", "و")


def arabic_stem(term: str) -> str:
    return term[2:] if term.startswith(ARABIC_ARTICLE) and len(term) > 4 else term


def arabic_variants(term: str) -> list[str]:
    """``term`` without a leading article, and with each common prefix joined to it."""
    stem = arabic_stem(term)
    return list(dict.fromkeys([term, stem, *(prefix + stem for prefix in ARABIC_PREFIXES)]))


# -- finding the words again, to highlight them ------------------------------------------------
ENGLISH_SUFFIXES = ("ing", "ies", "ed", "es", "ly", "s", "y")


@functools.cache  # characters only, never queries
def fold_char(char: str) -> str:
    return fold(char)


@dataclass(frozen=True)
class FoldMap:
    """Where the folded text of a part stops lining up with the original, character for
    character: a character that folds to ``lengths[k]`` characters (0: a dropped vowel mark,
    2: a ligature) at ``original[k]``, whose fold starts at ``folded[k]``."""

    folded: array
    original: array
    lengths: array

    @classmethod
    def of(cls, text: str) -> FoldMap | None:
        lengths = list(map(len, map(fold_char, text)))
        irregular = [index for index, length in enumerate(lengths) if length != 1]
        if not irregular:
            return None
        folded_at, position, last = [], 0, 0
        for index in irregular:
            position += index - last
            folded_at.append(position)
            position += lengths[index]
            last = index + 1
        return cls(
            array("I", folded_at),
            array("I", irregular),
            array("I", (lengths[i] for i in irregular)),
        )

    def to_original(self, index: int) -> int:
        """The original character that folded character ``index`` came from."""
        k = bisect.bisect_right(self.folded, index) - 1
        if k < 0:
            return index
        if index < self.folded[k] + self.lengths[k]:
            return self.original[k]
        return self.original[k] + 1 + index - (self.folded[k] + self.lengths[k])


def fold_with_origins(text: str) -> tuple[str, list[int] | None]:
    """``fold(text)``, and for each folded character the index of the character it came from
    (None: the same index)."""
    if text.isascii():
        return NOT_LETTER_OR_DIGIT.sub(" ", text.lower()), None
    # Character by character, with the loops in C (map, repeat, chain): this runs per result.
    pieces = list(map(fold_char, text))
    repeated = map(itertools.repeat, range(len(text)), map(len, pieces))
    folded = NOT_LETTER_OR_DIGIT.sub(" ", "".join(pieces))
    return folded, list(itertools.chain.from_iterable(repeated))


def english_stem(word: str) -> str:
    """A crude stand-in for Porter's stemmer: enough to find "reports" in "reporting"."""
    for suffix in ENGLISH_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def word_end(folded: str, position: int) -> int:
    """The end of the word going on at ``position`` of match_text() text."""
    space = folded.find(" ", position)
    return len(folded) if space < 0 else space


def after(space: int) -> int:
    """The position after a space found by str.find (-1 stays -1)."""
    return space + 1 if space >= 0 else -1


@dataclass(frozen=True)
class Matcher:
    """Finds a query's words in plain text about as the locale's FTS5 tokenizer matched them.

    Words are compared folded (see fold()) with plain substring search; no pattern is built from
    the query, so nothing of it is compiled or cached.
    """

    needles: tuple[str, ...]  # folded
    mode: str  # "substring" (trigram), "word" (whole word), "prefix" (English stem), "inside"

    @classmethod
    def for_terms(cls, terms: list[str], language: str, trigram: bool) -> Matcher:
        needles = []
        for term in terms:
            needle = fold(term)
            if language == "en" and not trigram:
                needle = english_stem(needle)
            elif language == "ar":
                needle = arabic_stem(needle)
            if needle:
                needles.append(needle)
        if trigram:
            mode = "substring"
        else:
            mode = {"en": "prefix", "ar": "inside"}.get(language, "word")
        return cls(tuple(dict.fromkeys(needles)), mode)

    def occurrences(self, folded: str, needle: str, limit: int = 24, start: int = 0, end=None):
        """(start, end) of ``needle`` in ``folded[start:end]`` as this matcher matches words.

        ``folded`` is match_text() of the text: a word starts after a space and ends before
        one, so a whole word is found by looking for a space and the word, never by testing
        every place the letters appear inside other words.
        """
        stop = len(folded) if end is None else end
        found = 0
        if self.mode in ("substring", "inside"):
            position = folded.find(needle, start, stop)
            while position >= 0 and found < limit:
                first, last = position, position + len(needle)
                if self.mode == "inside":  # mark the whole word
                    first = folded.rfind(" ", 0, first) + 1
                    last = word_end(folded, last)
                yield first, last
                found += 1
                position = folded.find(needle, position + 1, stop)
            return
        spaced = " " + needle
        if folded.startswith(needle, start, stop) and (start == 0 or folded[start - 1] == " "):
            position = start
        else:
            position = after(folded.find(spaced, start, stop))
        while position >= 0 and found < limit:
            last = position + len(needle)
            end_of_word = word_end(folded, last)
            if self.mode == "prefix" or end_of_word == last:  # "prefix": mark the whole word
                yield position, end_of_word
                found += 1
            position = after(folded.find(spaced, last, stop))

    def first_at(self, folded: str, needle: str, start: int, stop: int) -> int:
        """Where ``needle`` first matches as a word in ``folded[start:stop]``, or -1."""
        position = folded.find(needle, start, stop)
        if position < 0 or self.mode in ("substring", "inside"):
            return position
        return next((at for at, _end in self.occurrences(folded, needle, 1, position, stop)), -1)

    def best_part(self, document: Document, first: int = SUMMARY) -> int | None:
        """The part (from ``first`` on) holding the most of the words; earliest on a tie.

        Only the parts where each word first appears are weighed: the snippet needs a good
        paragraph, not the best one, and a common word may appear hundreds of times.
        """
        folded, starts = document.folded, document.starts
        if len(self.needles) == 1:
            position = self.first_at(folded, self.needles[0], starts[first], len(folded))
            return None if position < 0 else bisect.bisect_right(starts, position) - 1
        known: dict[int, set[int]] = {}  # part -> the words seen in it so far
        for number, needle in enumerate(self.needles):
            for start, _end in self.occurrences(
                folded, needle, limit=CANDIDATES_PER_WORD, start=starts[first]
            ):
                known.setdefault(bisect.bisect_right(starts, start) - 1, set()).add(number)
        best, most = None, 0
        for part in sorted(known):
            begin, end = starts[part], document.part_end(part)
            found = len(known[part]) + sum(
                self.first_at(folded, needle, begin, end) >= 0
                for number, needle in enumerate(self.needles)
                if number not in known[part]
            )
            if found > most:
                best, most = part, found
                if found == len(self.needles):
                    break
        return best

    def contains_all(self, document: Document) -> bool:
        return all(needle in document.folded for needle in self.needles)

    def highlight(
        self,
        text: str,
        window: int | None = None,
        folded: str | None = None,
        fold_map: FoldMap | None = None,
    ) -> Markup:
        """``text`` (or ``window`` characters of it around the first match), words in <mark>.

        ``folded``: fold(text) if known, with ``fold_map`` where the two do not line up.
        """
        to_original = fold_map.to_original if fold_map else None
        if folded is None:
            folded, origins = fold_with_origins(text)
            to_original = origins.__getitem__ if origins is not None else None
        spans = []
        for needle in self.needles:
            for start, end in self.occurrences(folded, needle, limit=256):
                if to_original is not None:
                    start, end = to_original(start), to_original(end - 1) + 1
                spans.append((start, end))
        spans = merge(spans)
        prefix = suffix = ""
        if window is not None and len(text) > window:
            first = spans[0][0] if spans else 0
            start = max(0, first - window // 4)
            if start:
                space = text.find(" ", start, first)
                start = space + 1 if space >= 0 else start
            end = min(len(text), start + window)
            if end < len(text):
                space = text.rfind(" ", first + 1, end)
                end = space if space > first else end
            spans = [(max(a, start) - start, min(b, end) - start) for a, b in spans if a < end]
            prefix, suffix = ("…" if start else ""), ("…" if end < len(text) else "")
            text = text[start:end]
        pieces, last = [], 0
        for start, end in spans:
            pieces += [text[last:start], MARK_START, text[start:end], MARK_END]
            last = end
        pieces.append(text[last:])
        return marked(prefix + "".join(pieces) + suffix)


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def marked(text: str) -> Markup:
    """Escape first, then turn the markers into <mark> elements."""
    escaped = str(escape(text))
    return Markup(  # noqa: S704 (escaped above; only our own tags are added)
        escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )


# -- the index ---------------------------------------------------------------------------------
def tokenizer_for(locale: str) -> str:
    language = Locale.parse(locale, sep="-").language
    if language in TRIGRAM_LANGUAGES:
        return "trigram"
    if language == "en":
        return "porter unicode61 remove_diacritics 2"
    return "unicode61 remove_diacritics 2"


def make_document(page: Page, fallback: bool) -> Document:
    parts = (clean_text(page.title), clean_text(page.summary), *page_paragraphs(page))
    folded_parts = [match_text(part) for part in parts]
    starts, position = [], 0
    for folded in folded_parts:
        starts.append(position)
        position += len(folded) + 1
    # Usually each character folds to one (precomposed letters, CJK, Arabic without vowel
    # marks) and no map is needed; it is made here once, not per search.
    maps = tuple(FoldMap.of(part) if not part.isascii() else None for part in parts)
    return Document(page, fallback, parts, " ".join(folded_parts), tuple(starts), maps)


def listed_documents(site: Site, locale: str) -> list[Document]:
    """Every page a reader of ``locale`` can reach, in that locale or its English fallback."""
    documents = []
    for section, slug in site.keys():
        found = site.page(locale, section, slug)
        if found is not None:
            documents.append(make_document(*found))
    return documents


SHORT_GRAM = TRIGRAM_MIN_CHARS - 1
COMMON_SHARE = 0.5  # a word on more than this share of a locale's pages is "common"
MIN_PAGES_FOR_COMMON = 10


def common_words(
    connection: sqlite3.Connection, table: str, tokenizer: str, documents: list[Document]
) -> frozenset[str]:
    """Folded words whose FTS5 term is on more than ``COMMON_SHARE`` of the pages.

    Counted by FTS5 itself (an fts5vocab table), so a word counts as FTS5 matches it: English
    "reported" is common when the stem "report" is, though "reported" itself may not be.
    """
    if len(documents) < MIN_PAGES_FOR_COMMON:
        return frozenset()
    threshold = COMMON_SHARE * len(documents)
    connection.execute(f"CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, {table}, row)")
    try:
        terms = {
            term
            for term, pages in connection.execute("SELECT term, doc FROM temp.vocab")
            if pages > threshold
        }
    finally:
        connection.execute("DROP TABLE temp.vocab")
    if "porter" not in tokenizer:
        # unicode61 terms are the words lower-cased without diacritics: fold() of the word,
        # except that "đ" stays (fold() makes it "d", and so do the queries it is compared to).
        return frozenset(map(fold, terms))
    # Stemmed terms: learn each word's stem by letting the same tokenizer index the words.
    words = sorted({word for d in documents for word in FOLDED_WORD.findall(d.folded)})
    connection.execute(
        f"CREATE VIRTUAL TABLE temp.words USING fts5(word, tokenize = '{tokenizer}')"
    )
    connection.execute("CREATE VIRTUAL TABLE temp.stems USING fts5vocab(temp, words, instance)")
    try:
        connection.executemany(
            "INSERT INTO temp.words (rowid, word) VALUES (?, ?)", enumerate(words)
        )
        return frozenset(
            words[rowid]
            for term, rowid in connection.execute("SELECT term, doc FROM temp.stems")
            if term in terms
        )
    finally:
        connection.execute("DROP TABLE temp.stems")
        connection.execute("DROP TABLE temp.words")


# A short gram's entries are ints that sort as results should: pages whose title holds it, then
# by where it first appears, then by page; the low bits are the rowid.
ROWID_BITS = 24
ROWID_MASK = (1 << ROWID_BITS) - 1
NOT_IN_TITLE = 1 << 62  # above any position << ROWID_BITS


def short_gram_index(documents: list[Document]) -> dict[str, array]:
    """Every 1- and 2-character sequence of the folded pages -> its pages, in result order
    (entries as described at ROWID_BITS)."""
    index: dict[str, list[int]] = {}
    for rowid, document in enumerate(documents):
        folded, title_end = document.folded, document.starts[SUMMARY]
        grams = [*folded, *map(operator.add, folded, folded[1:])]
        positions = [*range(len(folded)), *range(len(folded) - 1)]
        # Later keys win in a dict: fed backwards, each gram keeps its first position.
        first_at = dict(zip(reversed(grams), reversed(positions), strict=True))
        for gram, position in first_at.items():
            flag = 0 if position < title_end else NOT_IN_TITLE
            index.setdefault(gram, []).append(flag | position << ROWID_BITS | rowid)
    return {gram: array("Q", sorted(entries)) for gram, entries in index.items()}


class SearchIndex:
    def __init__(self, site: Site):
        self.site = site
        self.tables: dict[str, str] = {}  # locale -> FTS5 table
        self.tokenizers: dict[str, str] = {}
        self.languages: dict[str, str] = {}
        self.documents: dict[str, list[Document]] = {}
        self.section_titles: dict[tuple[str, str], str] = {}
        # Per locale: folded words on most of its pages (see _search_words).
        self._common: dict[str, frozenset[str]] = {}
        connection = sqlite3.connect(":memory:")
        for number, code in enumerate(site.locale_codes):
            table, tokenizer = f"pages_{number}", tokenizer_for(code)
            self.tables[code], self.tokenizers[code] = table, tokenizer
            self.languages[code] = Locale.parse(code, sep="-").language
            # Contentless: the text is kept in ``documents``; FTS5 only needs its index.
            connection.execute(
                f"CREATE VIRTUAL TABLE {table} USING fts5(title, summary, body, "
                f"content = '', tokenize = '{tokenizer}')"
            )
            documents = listed_documents(site, code)
            self.documents[code] = documents
            connection.executemany(
                f"INSERT INTO {table} (rowid, title, summary, body) VALUES (?, ?, ?, ?)",  # noqa: S608 (our table name)
                (
                    (rowid, d.parts[TITLE], d.parts[SUMMARY], d.text)
                    for rowid, d in enumerate(documents)
                ),
            )
            if tokenizer != "trigram":
                self._common[code] = common_words(connection, table, tokenizer, documents)
            for section in site.sections:
                intro = site.page(code, section, INDEX_SLUG)
                if intro:
                    self.section_titles[(code, section)] = intro.page.title
        connection.commit()
        self._image = connection.serialize()
        self._connection: sqlite3.Connection | None = connection
        self._pid = os.getpid()
        self._lock = threading.Lock()
        self._grams = {
            code: short_gram_index(self.documents[code])
            for code, tokenizer in self.tokenizers.items()
            if tokenizer == "trigram"
        }

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
        trigram = self.tokenizers[locale] == "trigram"
        matcher = Matcher.for_terms(terms, self.languages[locale], trigram)
        try:
            connection = self._connect()
            with self._lock:
                if trigram:
                    rowids = self._search_trigram(connection, locale, terms, matcher, limit)
                else:
                    rowids = self._search_words(connection, locale, terms, matcher, limit)
        except sqlite3.Error:
            # Nothing about the query is logged: a failed search simply finds nothing.
            return []
        results = []
        for rowid in rowids:
            document = self.documents[locale][rowid]
            best = matcher.best_part(document)
            part = SUMMARY if best is None else best
            title = matcher.highlight(
                document.parts[TITLE],
                folded=document.folded_part(TITLE),
                fold_map=document.maps[TITLE],
            )
            snippet = matcher.highlight(
                document.parts[part],
                window=SNIPPET_CHARS,
                folded=document.folded_part(part),
                fold_map=document.maps[part],
            )
            results.append(Result(document.page, document.fallback, title, snippet))
        return results

    def _search_words(self, connection, locale, terms, matcher, limit) -> list[int]:
        expand = {"vi": d_variants, "ar": arabic_variants}.get(
            self.languages[locale], lambda term: [term]
        )

        def group(term: str) -> str:
            variants = expand(term)
            if len(variants) == 1:
                return quote(term)
            return "(" + " OR ".join(map(quote, variants)) + ")"

        every = " AND ".join(group(t) for t in terms)
        common = self._common.get(locale, frozenset())
        # A word is common when any spelling searched for it is (its OR group matches at least
        # as many pages as that spelling does).
        informative = [t for t in terms if not any(fold(v) in common for v in expand(t))]
        if len(informative) == len(terms):
            return self._ranked(connection, locale, every, limit)
        # Words found on most pages ("the", "child" on this site) say little about which page is
        # best (bm25 gives them an IDF of about zero) and cost bm25 the most. FTS5 still decides
        # which pages hold every word; only the other words are ranked.
        table = self.tables[locale]
        if not informative:  # nothing but common words: title, then summary, then page order
            rows = connection.execute(
                f"SELECT rowid FROM {table} WHERE {table} MATCH ? "  # noqa: S608 (our table name)
                f"ORDER BY rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH ?) DESC, "
                f"rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH ?) DESC, rowid "
                "LIMIT ?",
                [every, f"title : ({every})", f"summary : ({every})", limit],
            ).fetchall()
            return [row[0] for row in rows]
        return self._ranked(
            connection, locale, " AND ".join(map(group, informative)), limit, within=every
        )

    def _by_position(self, locale, rowids, matcher, limit) -> list[int]:
        """``rowids`` holding every word, those with every word in the title first, then where
        the first word appears earliest (for matches FTS5 did not make)."""
        documents = self.documents[locale]
        first, others = matcher.needles[0], matcher.needles[1:]
        hits = []
        for rowid in rowids:
            document = documents[rowid]
            folded = document.folded
            position = folded.find(first)
            if position < 0 or not all(needle in folded for needle in others):
                continue
            title_end = document.starts[SUMMARY]
            in_title = position < title_end and all(
                folded.find(needle, 0, title_end) >= 0 for needle in others
            )
            hits.append((not in_title, position, rowid))
        return [rowid for _, _, rowid in heapq.nsmallest(limit, hits)]

    def _search_trigram(self, connection, locale, terms, matcher, limit) -> list[int]:
        long_terms = [t for t in terms if len(t) >= TRIGRAM_MIN_CHARS]
        short_terms = [t for t in terms if len(t) < TRIGRAM_MIN_CHARS]
        documents = self.documents[locale]
        if long_terms:
            expression = " AND ".join(quote(t) for t in long_terms)
            rowids = self._ranked(connection, locale, expression, None if short_terms else limit)
            # Terms too short for trigrams: kept only where they occur as well.
            if short_terms:
                short = tuple(fold(t) for t in short_terms if fold(t))
                allowed = set(self._short_candidates(locale, short))
                rowids = [i for i in rowids if i in allowed]
            return [i for i in rowids if matcher.contains_all(documents[i])][:limit]
        # Only terms too short for trigrams (most Chinese words are two characters): the pages
        # holding each come from a small index of every 1- and 2-character sequence, instead of
        # an instr() scan of every page, already in result order for the first of them.
        first = matcher.needles[0] if matcher.needles else ""
        if not first or len(first) > SHORT_GRAM:
            candidates = self._short_candidates(locale, matcher.needles)
            return self._by_position(locale, candidates, matcher, limit)
        return self._by_short_gram(locale, matcher, limit)

    def _by_short_gram(self, locale, matcher, limit) -> list[int]:
        """Pages holding every word, for a first word of 1 or 2 characters: those with every
        word in the title first, then in the order of the first word's entries."""
        entries = self._grams.get(locale, {}).get(matcher.needles[0], array("Q"))
        in_title = bisect.bisect_left(entries, NOT_IN_TITLE)
        others = matcher.needles[1:]
        documents = self.documents[locale]
        titled: list[int] = []
        rest: list[int] = []
        for number, entry in enumerate(entries):
            if number >= in_title and len(titled) + len(rest) >= limit:
                break
            rowid = entry & ROWID_MASK
            folded = documents[rowid].folded
            if not all(needle in folded for needle in others):
                continue
            title_end = documents[rowid].starts[SUMMARY]
            if number < in_title and all(folded.find(n, 0, title_end) >= 0 for n in others):
                titled.append(rowid)
            else:
                rest.append(rowid)
        return (titled + rest)[:limit]

    def _short_candidates(self, locale: str, needles: tuple[str, ...]) -> Iterable[int]:
        """Rowids that may hold every needle (exactly those, for needles of 1 or 2 characters)."""
        grams = self._grams.get(locale, {})
        found: set[int] | None = None
        for needle in needles:
            if len(needle) > SHORT_GRAM:
                continue  # folding made it longer: checked by the caller
            rowids = [entry & ROWID_MASK for entry in grams.get(needle, ())]
            found = set(rowids) if found is None else found.intersection(rowids)
            if not found:
                return ()
        return sorted(found) if found is not None else range(len(self.documents[locale]))

    def _ranked(
        self, connection, locale: str, expression: str, limit: int | None, within: str = ""
    ) -> list[int]:
        """Rowids matching ``expression`` (and ``within``, which is not ranked): every word in
        the title first, then by bm25."""
        table = self.tables[locale]
        # "rowid + 0": a plain rowid IN (...) is handed to FTS5 as one look-up per rowid,
        # twenty times slower than filtering the rows FTS5 finds.
        among = f"AND rowid + 0 IN (SELECT rowid FROM {table} WHERE {table} MATCH ?) "  # noqa: S608
        rows = connection.execute(
            f"SELECT rowid FROM {table} WHERE {table} MATCH ? "  # noqa: S608 (our table name)
            f"{among if within else ''}"
            f"ORDER BY rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH ?) DESC, "
            f"bm25({table}, ?, ?, ?) LIMIT ?",
            [
                expression,
                *([within] if within else []),
                f"title : ({expression})",
                *WEIGHTS,
                -1 if limit is None else limit,
            ],
        ).fetchall()
        return [row[0] for row in rows]

    # -- the static export's prebuilt index ----------------------------------------------------
    def static_entries(self, locale: str) -> list[dict]:
        """For site.js on the frozen site: per page its title, section, summary and folded words."""
        entries = []
        for document in self.documents[locale]:
            page = document.page
            entries.append(
                {
                    "title": page.title,
                    "section": self.section_title(locale, page),
                    "summary": page.summary,
                    "path": page.url_path,
                    "lang": page.locale,
                    "words": " ".join(dict.fromkeys(FOLDED_WORD.findall(document.folded))),
                }
            )
        return entries


__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_RESULTS",
    "SearchIndex",
    "Result",
    "clean_query",
    "query_terms",
    "fold",
    "fold_tokens",
    "page_text",
]
