"""Translations keep their English page's structure and its safety instructions.

A translated page has the same level-2 headings (by id and kind), boxes, list items, table rows,
``[[fig:]]`` references, site links, web addresses and 1-800 numbers as its English page (a
dropped step or hotline shows up here); and every English block that tells a parent or child what
NOT to do still says "not", in its own language's words.
"""

import re
from collections import Counter
from collections.abc import Iterator

from .models import Page, Site

FIGURE = re.compile(r"\[\[fig:[a-z0-9-]+(?::n)?\]\]")
SITE_LINK = re.compile(r"\]\((/[^)\s]*)\)")
WEB_ADDRESS = re.compile(r"https://[^\s)>\]]+")
TOLL_FREE = re.compile(r"1-800-[0-9A-Z]{3,4}-[0-9A-Z]{3,4}")
BOX = re.compile(r'^!!! (\w+) "', re.M)
# A list item's own text, up to its first nested list or its end.
ITEM = re.compile(r"<li\b[^>]*>(.*?)(?=<li\b|</li>|<ul|<ol)", re.S)
ATTRIBUTE_ID = re.compile(r"\{:[^}]*#([\w-]+)")
TAG = re.compile(r"<[^>]+>")
# Instructions to a parent or child ("do not pay", "never forward", "it is not your fault").
ENGLISH_NEGATIVE = re.compile(
    r"(?<!\bI )(?<!\byou )(?<!\bwe )(?<!\bthey )\b(?:do not|don't)\b(?! have to)"
    r"|\bnever (?:save|forward|screenshot|share|send|pay|delete|open|post|meet)\b"
    r"|\b(?:is|was) not (?:your|their|his|her|my) fault\b|\bstop paying\b",
    re.I,
)
# Words that carry "not" in each language (a block needs one of them to keep a negative).
NEGATIONS = {
    "es": r"\b(?:no|nunca|jamás|ni|nadie|dej\w* de)\b",
    "fr": r"\b(?:ne|n['’]|pas|jamais|aucun|aucune|personne|rien|cessez|arrêtez)\b|\bn['’]",
    "vi": r"(?:không|đừng|chớ|chẳng|chưa|ngừng|thôi)",
    "tl": r"\b(?:huwag|hindi|wala|walang|ayaw|itigil|tigilan|tumigil|ihinto)\b|'?\bwag\b",
    "ar": r"(?:لا|لن|ليس|ليست|لست|لسنا|لم|ألا|إياك|عدم|توقّف|توقف|أوقف|دون)",
    "zh": r"(?:不|别|勿|没|无|非|停止|切勿|莫)",
    "ko": r"(?:않|말|지 ?마|아니|없|금지|멈추|그만|안 )",
}


def shape(page: Page) -> dict[str, Counter]:
    """What a translation must keep of its English page, as counts."""
    body = page.body
    return {
        # Ids written in the Markdown ({: #what-to-do }); others come from the translated text.
        "level-2 headings": Counter(b.kind or "plain" for b in page.blocks if b.tag == "h2"),
        "anchors": Counter(ATTRIBUTE_ID.findall(body)),
        "boxes": Counter(BOX.findall(body)),
        "list items": Counter(b.html.count("<li") for b in page.blocks if "<li" in b.html),
        "table rows": Counter(b.html.count("<tr") for b in page.blocks if "<tr" in b.html),
        "figure references": Counter(FIGURE.findall(body)),
        "site links": Counter(SITE_LINK.findall(body)),
        "web addresses": Counter(url.rstrip(".,;") for url in WEB_ADDRESS.findall(body)),
        "1-800 numbers": Counter(TOLL_FREE.findall(body)),
    }


def structure_problems(translated: Page, english: Page) -> Iterator[str]:
    ours, theirs = shape(translated), shape(english)
    for name, expected in theirs.items():
        missing = expected - ours[name]
        # A translation may name a number or address again (a gloss), never drop one.
        if name not in ("1-800 numbers", "web addresses", "site links"):
            missing += ours[name] - expected
        if missing:
            shown = ", ".join(map(str, sorted(missing, key=str)[:4]))
            yield f"{name} differ from the English page ({english.path}): {shown}"


def negation_problems(translated: Page, english: Page) -> Iterator[str]:
    negation = NEGATIONS.get(translated.locale.split("-")[0])
    if negation is None:
        return
    for ours, theirs in zip(translated.parts, english.parts, strict=False):
        for mine, source in paired_texts(ours.blocks, theirs.blocks):
            if ENGLISH_NEGATIVE.search(source) and not re.search(negation, mine, re.I):
                yield f"lost a negative instruction: {source[:70]!r}"


def paired_texts(ours: tuple, theirs: tuple) -> list[tuple[str, str]]:
    """Texts to compare: list item by list item where the blocks line up, else whole sections."""
    if len(ours) != len(theirs):
        return [(" ".join(b.text for b in ours), " ".join(b.text for b in theirs))]
    pairs = []
    for mine, source in zip(ours, theirs, strict=True):
        my_items = [TAG.sub(" ", item) for item in ITEM.findall(mine.html)]
        source_items = [TAG.sub(" ", item) for item in ITEM.findall(source.html)]
        if source_items and len(my_items) == len(source_items):
            pairs += zip(my_items, source_items, strict=True)
        else:
            pairs.append((mine.text, source.text))
    return pairs


def parity(site: Site) -> Iterator[tuple[Page, str]]:
    for (code, section, slug), page in site.pages.items():
        if code == site.default_locale:
            continue
        english = site.pages.get((site.default_locale, section, slug))
        if english is None or site.is_stale(page):
            continue  # a stale page is reported as stale; its structure may differ meanwhile
        for problem in (*structure_problems(page, english), *negation_problems(page, english)):
            yield page, problem
