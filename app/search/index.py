"""Search over what a reader of each locale can open, from masks of pages built at start-up.

Each locale lists its pages and the English ones shown in place of missing translations; each
field (title, summary, body) is kept as its unique terms (text.py), each term as the masks of
the pages holding it there. A query is one group per word: the word's term or its synonyms'.
Pages rank by how many of the query's words they hold, a word counting twice in the title or
summary, then by FTS5's bm25 (WEIGHTS). Chinese, Japanese and Korean match by substring: from
three characters by SQLite FTS5's trigrams in memory, below that by the masks of the pairs of
characters each page holds. index.json carries the same masks, so static/site.js ranks the
frozen site's search the same way. Queries are never logged or stored.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import math
import os
import re
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from ..content import INDEX_SLUG, PAGES_FOLDER, Page, Shown, Site
from .text import MAX_TERMS, PAIRED, Language, clean_query, fold, grams

MAX_RESULTS = 20
WEIGHTS = (10.0, 5.0, 1.0)  # bm25 column weights: title, summary, body
K1, B = 1.2, 0.75  # FTS5's bm25 constants
SNIPPET_CHARS = 200
TRIGRAM_MIN_CHARS = 3
DIGITS = "0123456789abcdefghijklmnopqrstuv"  # page masks in index.json, in base 32
RANK = {"weights": WEIGHTS, "k1": K1, "b": B, "trigram": TRIGRAM_MIN_CHARS, "terms": MAX_TERMS}
NOT_WORD = re.compile(r"[\W_]")
MARKED_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670])+")
NONE = (0, 0, 0)
ROWS_SQL = "SELECT rowid FROM {t} WHERE {t} MATCH ?"


def ones(mask: int) -> list[int]:
    """The rowids of the pages in a mask."""
    bits = bin(mask)[:1:-1]
    if mask.bit_count() * 8 > len(bits):  # dense: look at every bit
        return [rowid for rowid, bit in enumerate(bits) if bit == "1"]
    found, at = [], bits.find("1")
    while at >= 0:
        found.append(at)
        at = bits.find("1", at + 1)
    return found


def pages(masks: list[int]) -> int:
    """How many pages hold a term, from its [title, summary, body] masks."""
    return (masks[0] | masks[1] | masks[2]).bit_count()


def base32(mask: int) -> str:
    digits = ""
    while mask:
        digits, mask = DIGITS[mask & 31] + digits, mask >> 5
    return digits


def window(text: str, start: int) -> tuple[str, str, str]:
    """Ellipsis, about SNIPPET_CHARS from a little before ``start`` cut at spaces, ellipsis."""
    begin = max(0, min(start, len(text)) - SNIPPET_CHARS // 4)
    if begin and (space := text.find(" ", begin, begin + 20)) >= 0:
        begin = space + 1
    end = begin + SNIPPET_CHARS
    if end < len(text) and (space := text.rfind(" ", begin + 1, end)) > 0:
        end = space
    return "… " if begin else "", text[begin:end].strip(), " …" if end < len(text) else ""


@dataclass(frozen=True)
class Result:
    page: Page
    fallback: bool
    title: Markup  # escaped, the query's words in <mark>
    snippet: Markup


@dataclass
class Listing:
    """One locale's pages as its readers see them, and the terms each holds."""

    language: Language
    table: str  # CJK: the FTS5 table of its folded fields, for their trigrams
    synonyms: dict[str, tuple[str, ...]]  # query term -> its synonyms' terms
    forms: dict[str, str]  # folded word written in the synonym file -> its term
    shown: list[Shown] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)  # folded, " " for all but letters and digits
    starts: list[list[int]] = field(default_factory=list)  # where each block starts in the body
    lengths: list[int] = field(default_factory=list)  # terms in the three columns (bm25's |D|)
    masks: dict[str, list[int]] = field(default_factory=dict)  # term -> [title, summary, body]
    stems: dict[str, str] = field(default_factory=dict)  # folded word -> term
    singles: dict[str, list[int]] = field(default_factory=dict)  # CJK: character -> masks

    @functools.cached_property
    def words(self) -> dict[str, list[str]]:
        """Term -> the folded words that have it."""
        found: dict[str, list[str]] = {}
        for word, term in self.stems.items():
            found.setdefault(term, []).append(word)
        return found

    def add(self, shown: Shown) -> tuple[str, str, str]:
        """Lists a page; returns its folded title, summary and body."""
        page, rowid = shown.page, len(self.shown)
        blocks = [fold(block.text) for block in page.blocks]
        fields = (fold(page.title), fold(page.summary), " ".join(blocks))
        columns = [self.language.terms(text, self.stems) for text in fields]
        for column, terms in enumerate(columns):
            for term in terms:
                self.masks.setdefault(term, [0, 0, 0])[column] |= 1 << rowid
            for char in set("".join(terms)) if self.language.cjk else ():
                self.singles.setdefault(char, [0, 0, 0])[column] |= 1 << rowid
        self.shown.append(shown)
        self.bodies.append(" " + NOT_WORD.sub(" ", fields[2]) + " ")
        self.starts.append([1 + sum(len(b) + 1 for b in blocks[:i]) for i in range(len(blocks))])
        self.lengths.append(sum(map(len, columns)))
        return fields

    def scores(self, columns: list, among: int) -> dict[int, float]:
        """Rowid -> bm25 of a group's terms, only ``among`` the pages that can still be shown
        (a word on every page would otherwise cost most of a search's time)."""
        rows, found = len(self.shown), {}
        average = sum(self.lengths) / rows
        for masks in columns:
            # FTS5's idf and bm25 (fts5_aux.c), their operations in the same order
            holding, freq = pages(masks), {}
            term_idf = math.log((rows - holding + 0.5) / (holding + 0.5))
            term_idf = term_idf if term_idf > 0 else 1e-6
            for weight, mask in zip(WEIGHTS, masks, strict=True):
                for rowid in ones(mask & among):
                    freq[rowid] = freq.get(rowid, 0.0) + weight
            for rowid, f in freq.items():
                norm = K1 * (1 - B + B * self.lengths[rowid] / average)
                found[rowid] = found.get(rowid, 0.0) + term_idf * (f * (K1 + 1) / (f + norm))
        return found


class SearchIndex:
    def __init__(self, site: Site):
        self.site = site
        self.listings: dict[str, Listing] = {}
        connection = sqlite3.connect(":memory:")
        for number, locale in enumerate(site.locale_codes):
            language, table = Language.of(locale), f"pages_{number}"
            synonyms = language.synonyms(site.root / "data" / "synonyms" / f"{locale}.toml")
            listing = self.listings[locale] = Listing(language, table, *synonyms)
            shown = [s for key in site.keys() if (s := site.page(locale, *key))]
            rows = [(rowid, *listing.add(item)) for rowid, item in enumerate(shown)]
            # Trigrams find CJK terms of three characters or more; a table for every locale, as
            # SQLite cannot serialize a database without one.
            connection.execute(
                f"CREATE VIRTUAL TABLE {table} USING fts5(title, summary, body, content='', "
                "tokenize='trigram')"
            )
            sql = f"INSERT INTO {table}(rowid, title, summary, body) VALUES (?, ?, ?, ?)"  # noqa: S608
            connection.executemany(sql, rows if language.cjk else [])
        connection.commit()
        self._image = connection.serialize()  # each process and thread opens its own copy
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        local = self._local
        if getattr(local, "pid", None) != os.getpid():  # SQLite must not cross a fork
            local.connection = sqlite3.connect(":memory:")
            local.connection.deserialize(self._image)
            local.pid = os.getpid()
        return local.connection

    def section_title(self, locale: str, page: Page) -> str:
        intro = self.site.page(locale, page.section, INDEX_SLUG)
        return intro.page.title if intro and page.section != PAGES_FOLDER else ""

    def search(self, locale: str, query: str, limit: int = MAX_RESULTS) -> list[Result]:
        """The pages of ``locale`` matching any word of ``query``, best first."""
        listing = self.listings.get(locale)
        if listing is None:
            return []
        groups = listing.language.groups(clean_query(query), listing.synonyms, listing.stems)
        hits: dict[int, list[int]] = {}  # rowid -> [places matched, of them in title/summary]
        matched = []
        for group, places in groups:
            mask = sum(1 << place for place in places)
            columns = [self._columns(listing, term) for term in group]
            headline = functools.reduce(int.__or__, (t | s for t, s, _ in columns), 0)
            for rowid in ones(functools.reduce(int.__or__, (b for *_, b in columns), headline)):
                hits.setdefault(rowid, [0, 0])[0] |= mask
            for rowid in ones(headline):
                hits[rowid][1] |= mask
            matched.append(columns)
        # A place counts twice where it is in the title or summary; bm25 orders equal pages, so
        # it is needed only for the pages that can still be among the first ``limit``.
        counts = {rowid: p.bit_count() + h.bit_count() for rowid, (p, h) in hits.items()}
        cut = (heapq.nlargest(limit, counts.values()) or [0])[-1]
        among = sum(1 << rowid for rowid, count in counts.items() if count >= cut)
        scores = dict.fromkeys(hits, 0.0)
        for columns in matched:
            for rowid, score in listing.scores(columns, among).items():
                scores[rowid] += score
        rank = {rowid: (-count, -scores[rowid], rowid) for rowid, count in counts.items()}
        terms = {term for group, _ in groups for term in group}
        cjk = listing.language.cjk
        forms = {t: [t] if cjk else listing.words.get(t, []) for t in terms}
        # Marks: one pattern of every form of the query's terms (words of the pages, not typed).
        written = {w for found in forms.values() for w in found}
        words = sorted(map(re.escape, written), key=len, reverse=True)
        pattern = re.compile(("{}" if cjk else r"\b(?:{})\b").format("|".join(words) or "(?!)"))
        # The snippet shows the rarest term a page holds.
        rarest = sorted(terms, key=lambda t: (pages(listing.masks.get(t, NONE)), t))
        needles = [(t, forms[t] if cjk else [f" {w} " for w in forms[t]]) for t in rarest]
        best = heapq.nsmallest(limit, rank, key=rank.__getitem__)
        return [self._result(listing, rowid, needles, (pattern, written)) for rowid in best]

    def _columns(self, listing: Listing, term: str) -> Sequence[int]:
        """Masks of the pages holding ``term`` in their title, summary, body (CJK: as a
        substring: FTS5's trigrams from three characters, the pairs' masks below)."""
        if len(term) == 2 or not listing.language.cjk:
            return listing.masks.get(term, NONE)
        if len(term) < TRIGRAM_MIN_CHARS:  # one character: the pages of the pairs holding it
            return listing.singles.get(term, NONE)
        # FTS5's trigrams find the pages; which of their fields hold it, the pairs tell.
        phrase = '"' + term.replace('"', '""') + '"'  # quoted: nothing typed is FTS5 syntax
        rows = self._connection().execute(ROWS_SQL.format(t=listing.table), [phrase])
        found = sum(1 << rowid for (rowid,) in rows)
        pairs = [self._columns(listing, gram) for gram in grams(term)]
        return [
            found & functools.reduce(int.__and__, column) for column in zip(*pairs, strict=True)
        ]

    def _result(self, listing: Listing, rowid: int, needles: list, marks: tuple) -> Result:
        """The page with its title marked and a marked snippet around its rarest term."""
        shown, body, starts = listing.shown[rowid], listing.bodies[rowid], listing.starts[rowid]
        snippet = ("", shown.page.summary, "")
        for term, forms in needles:
            if term in listing.masks and not listing.masks[term][2] >> rowid & 1:
                continue  # not in the body
            found = [at for form in forms if (at := body.find(form)) >= 0]
            if found:
                at = min(found) + (not listing.language.cjk)
                block = bisect.bisect_right(starts, at) - 1
                snippet = window(shown.page.blocks[block].text, at - starts[block])
                break
        before, text, after = snippet
        title, text = (mark(listing, part, *marks) for part in (shown.page.title, text))
        return Result(shown.page, shown.fallback, title, before + text + after)

    def static_entries(self, locale: str) -> dict:
        """What site.js needs to search this locale as search() does (index.json)."""
        listing = self.listings[locale]
        pages = [
            {
                "title": s.page.title,
                "section": self.section_title(locale, s.page),
                "summary": s.page.summary,
                "path": s.page.url_path,
                "lang": s.page.locale,
                "n": length,
            }
            for s, length in zip(listing.shown, listing.lengths, strict=True)
        ]
        lines = []  # "term body,title,summary form form", "|" between; "*" in a form is the term
        for term, (title, summary, body) in listing.masks.items():
            masks = ",".join(map(base32, (body, title, summary))).rstrip(",")
            words = (w.replace(term, "*", 1) for w in listing.words.get(term, ()) if w != term)
            lines.append(" ".join([term, masks, *words]))
        return {
            "pages": pages,
            "terms": "|".join(lines),
            "forms": {w: t for w, t in listing.forms.items() if w != t and w not in listing.stems},
            "synonyms": {term: " ".join(extra) for term, extra in listing.synonyms.items()},
            "stop": listing.language.stop_order,
            "particles": list(listing.language.particles),
            "paired": PAIRED if listing.language.cjk else "",
            "rank": RANK,
        }


fold_word = functools.lru_cache(maxsize=1 << 16)(fold)  # words of pages only, never queries


def mark(listing: Listing, text: str, pattern: re.Pattern, forms: set[str]) -> Markup:
    """``text`` escaped, with the words ``pattern`` finds (folded) in <mark>."""
    folded = fold(text)
    if len(folded) == len(text):  # as almost always: the positions are the same
        spans = [m.span() for m in pattern.finditer(folded)]
    else:  # a mark or ligature folded away: word by word (CJK: unmarked)
        words = () if listing.language.cjk else MARKED_WORD.finditer(text)
        spans = [m.span() for m in words if fold_word(m.group()) in forms]
    pieces, last = [], 0
    for start, end in spans:
        pieces += [escape(text[last:start]), "<mark>", escape(text[start:end]), "</mark>"]
        last = end
    return Markup("".join([*pieces, escape(text[last:])]))  # noqa: S704 (every piece escaped)
