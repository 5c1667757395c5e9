"""How search compares words: the contract app/search/index.py and static/site.js share.

Text is folded (marks dropped, lower case, Vietnamese "đ" as "d", the Arabic alef forms, ta
marbuta and alef maksura as plain letters), cut into words (runs of letters and digits) and, in
the languages Snowball knows, stemmed after folding, so "informacion" finds "información".
Stop words are left out of the index and of queries. Chinese, Japanese and Korean are matched by
substring: runs of Han or kana in a query lose their stop words and are cut into pairs of
characters ("如何举报" is 举报); a Korean query word loses one trailing particle (부모가 is 부모).
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import snowballstemmer
from babel import Locale

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
WORD = re.compile(r"[^\W_]+")
PAIRED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Han and kana
PIECE = re.compile(rf"[{PAIRED}]+|[^\W_{PAIRED}]+")
PARTICLES = {  # and polite endings; the first that ends a word is taken off
    "ko": "에게서 했어요 하나요 되나요 인가요 할까요 에서 에게 한테 으로 "
    "까지 부터 처럼 보다 하고 해요 어요 아요 나요 까요 세요 "
    "은 는 이 가 을 를 에 의 와 과 도 로 만 께"
}
STOP_WORDS = {
    "en": "a about am an and are as at be been being by can could did do does for from get got "
    "has have he her him his how i if in into is it its me my of on or our she should so that the "
    "their them then there they this to us was we were what when where which who why will with "
    "would you your s t d ll re ve m",
    "es": "a al con cual cuando de del donde el ella en es esta estan este esto fue ha hay la las "
    "le les lo los me mi mis muy nos o para pero por que se si siendo son su sus te tu tus un una "
    "uno unos unas y yo como debo debe deben puedo puede pueden",
    "fr": "a au aux avec ce ces comment dans de des du elle en est et il je la le les leur ma mes "
    "mon ne nous on ou par pas pour quand que qui sa se ses son sur ta te tes ton tu un une vous "
    "quel quelle quels quelles faut est-ce c d j l m n qu s t y il ils ai as avoir",
    "vi": "là và của có cho với các những một được thì mà này tôi mình ở làm sao thế nào gì "
    "khi nếu vậy à trên về",
    "ar": "في من على الي عن ان ما ماذا كيف هل هذا هذه ذلك التي الذي او ثم مع كان عند لم لن قد "
    "اذا انا هو هي نحن انت لي لك به بها له لها يا",
    "fil": "ang ng sa na mga at ay si ni kay ko mo ka ako ikaw siya kami tayo sila ito iyan iyon "
    "paano ano bakit saan kailan sino kung para may po ba lang din rin naman kong",
    "ko": "어떻게 무엇 무엇을 무엇인가요 뭐 뭐라고 왜 어디 어디서 어디에 "
    "제 저 저는 제가 내 우리 그 이 하나요 해요 할까요 있나요 되나요 있어요 했어요",
    "zh": "为什么 怎么办 怎么 怎样 如何 什么 哪些 应该 可以 如果 我们 他们 你们 这个 那个 一个 "
    "我的 你的 的 了 吗 呢 吧 被 在 我 你 他 她 和",
}
Group = tuple[tuple[str, ...], frozenset[int]]
LETTERS = str.maketrans({"đ": "d", "ٱ": "ا", "ة": "ه", "ى": "ي", "ـ": None})
# Characters that may be combining marks: all but ASCII, Arabic letters, Hangul, kana and Han.
MAYBE_MARK = re.compile(
    r"[^\x00-\x7f\u0621-\u064a\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
)


def _drop_mark(match: re.Match) -> str:
    return "" if unicodedata.category(match.group())[0] == "M" else match.group()


def fold(text: str) -> str:
    """Lower case, no marks, "đ" as "d", one spelling of the Arabic letter variants."""
    if text.isascii():
        return text.lower()
    text = MAYBE_MARK.sub(_drop_mark, unicodedata.normalize("NFKD", text))
    return unicodedata.normalize("NFC", text).lower().translate(LETTERS)


def clean_query(query: str) -> str:
    """The query as it is searched: printable, spaces collapsed, at most MAX_QUERY_CHARS."""
    kept = []
    for ch in query[: MAX_QUERY_CHARS * 4]:  # enough to survive the cleaning; never 10 kB
        category = unicodedata.category(ch)
        if ch.isspace() or category == "Cc":
            kept.append(" ")
        elif category[0] != "C":  # format, surrogate, private and unassigned characters go
            kept.append(ch)
    text = " ".join("".join(kept).split())
    head = text[: MAX_QUERY_CHARS + 1]
    if len(text) <= MAX_QUERY_CHARS or " " not in head:
        return text[:MAX_QUERY_CHARS]
    return head.rsplit(" ", 1)[0]  # never search a word cut in half


def grams(folded: str) -> list[str]:
    """What a CJK page is matched by: every pair of characters of each run (a lone one alone)."""
    found = []
    for piece in PIECE.findall(folded):
        found += [piece] if len(piece) == 1 else [piece[i : i + 2] for i in range(len(piece) - 1)]
    return found


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639 language: "en", "zh"
    stemmer: str  # Snowball algorithm, or ""

    @classmethod
    @functools.cache
    def of(cls, locale: str) -> Language:
        code = Locale.parse(locale, sep="-").language
        name = Locale(code).english_name.lower()
        return cls(code, name if name in snowballstemmer.algorithms() else "")

    @property
    def cjk(self) -> bool:
        return self.code in ("zh", "ja", "ko")

    @functools.cached_property
    def stop(self) -> frozenset[str]:
        return frozenset(fold(word) for word in STOP_WORDS.get(self.code, "").split())

    @functools.cached_property
    def stop_order(self) -> list[str]:
        """Stop words longest first: the order they are cut out of a run of Han or kana."""
        return sorted(self.stop, key=lambda word: (-len(word), word))

    @property
    def particles(self) -> tuple[str, ...]:
        return tuple(PARTICLES.get(self.code, "").split())

    def stem_function(self) -> Callable[[str], str]:
        """A new stemmer each time: Snowball's are not safe to share between threads."""
        return snowballstemmer.stemmer(self.stemmer).stemWord if self.stemmer else str

    def terms(self, folded: str, stems: dict[str, str]) -> list[str]:
        """Unique index terms of folded text; ``stems`` caches and collects word -> stem."""
        if self.cjk:
            return list(dict.fromkeys(grams(folded)))
        stem, found = self.stem_function(), {}
        for word in WORD.findall(folded):
            if word not in self.stop:
                found[stems[word] if word in stems else stems.setdefault(word, stem(word))] = 1
        return [term for term in found if term]

    def query_terms(self, query: str, known: dict[str, str] | None = None) -> dict[str, set[int]]:
        """The terms a query searches for, in order, each with the places of the query it stands
        for: the number of its word or, in Chinese, Japanese and Korean, of its characters."""
        found: dict[str, set[int]] = {}
        folded = fold(query)
        if not self.cjk:
            stem, known = self.stem_function(), known or {}
            for number, word in enumerate(w for w in WORD.findall(folded) if w not in self.stop):
                if term := known.get(word) or stem(word):
                    found.setdefault(term, set()).add(number)
            return found
        for match in PIECE.finditer(folded):
            piece, start = match.group(), match.start()
            if not re.match(f"[{PAIRED}]", piece):
                ending = next((p for p in self.particles if piece.endswith(p)), "")
                if ending and len(piece) - len(ending) >= 2:
                    piece = piece[: -len(ending)]
                if piece in self.stop:
                    continue
                found.setdefault(piece, set()).update(range(start, start + len(piece)))
                continue
            for word in self.stop_order:
                piece = piece.replace(word, " " * len(word))
            for part in re.finditer(r"\S+", piece):
                at, text = start + part.start(), part.group()
                for offset, gram in enumerate(grams(text)):
                    found.setdefault(gram, set()).update({at + offset, at + offset + len(gram) - 1})
        return found

    def groups(self, query: str, synonyms: dict, known: dict | None = None) -> list[Group]:
        """One group per query term: the term, then its synonyms' terms (a page matches the
        group when it holds any of them), and the places of the query it stands for."""
        found = [
            ((term, *(s for s in synonyms.get(term, ()) if s != term)), frozenset(places))
            for term, places in self.query_terms(query, known).items()
        ]
        return found[:MAX_TERMS]

    def synonyms(self, path: Path) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
        """A locale's synonym file: (query term -> extra terms, folded written word -> term)."""
        extra: dict[str, tuple[str, ...]] = {}
        forms: dict[str, str] = {}
        if not path.is_file():
            return extra, forms
        try:
            entries = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise ValueError(f"{path}: {error}") from error
        for word, values in entries.items():
            values = [v for v in ([values] if isinstance(values, str) else values) if str(v) == v]
            # A Chinese synonym is a phrase found as it is written, not cut into pairs.
            found = [t for v in values for t in ([fold(v)] if self.cjk else self.query_terms(v))]
            for key in list(self.query_terms(word))[:1]:
                extra[key] = tuple(dict.fromkeys((*extra.get(key, ()), *found)))
                forms[fold(word)] = key
        return extra, forms
