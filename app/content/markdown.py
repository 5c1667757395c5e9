"""The site's one Python-Markdown configuration, and the outline of every page it renders.

Besides the standard extensions it adds:
- ``[[fig:ID]]`` / ``[[fig:ID:n]]`` print a figure formatted for the locale, so a number has one
  home and cannot drift between pages;
- phone numbers and number runs are kept whole and left to right (so Arabic shows 1-800-843-5678,
  not 5678-843-800-1);
- site links (``/parents/x/``) are checked and written for the reader's locale; external links
  must be on the allow-list and get ``rel="noopener noreferrer"``;
- ``- [ ] item`` becomes a printable checklist item;
- the outline: every top-level block with its HTML, plain text and, for level-2 headings, the
  part kind (step, handout, letter, disclosure), id and minutes. Views split pages by it; nothing
  parses rendered HTML again.
Problems are collected on the instance (``md.problems``) so the loader can report file and line.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .models import Block, TocEntry, locale_url

FIGURE_PATTERN = r"\[\[fig:([a-z0-9-]+)(?::(n))?\]\]"
# 1-800-843-5678, 1-800-THE-LOST, 1-800-CALL-FBI; and number runs such as 9–17, 2013–14, 3-5.
# Never inside a word, nor in an attribute list's id ({: #reports-2013-14 }) that attr_list reads.
LTR_RUN_PATTERN = (
    r"(?<![A-Za-z0-9_#-])"
    r"(?:1-800-[0-9A-Z]{3,4}-[0-9A-Z]{3,4}|[0-9]+(?:[-–/][0-9]+)+)"
    r"(?![A-Za-z0-9_-])"
)
URL_TEXT = re.compile(r"(?:https://)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/\S*)?")
PART_KINDS = ("step", "handout", "letter", "disclosure")


class FigureProcessor(InlineProcessor):
    def __init__(self, pattern: str, md: markdown.Markdown, format_figure: Callable):
        super().__init__(pattern, md)
        self.format_figure = format_figure

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 (Python-Markdown API)
        figure_id, part = m.group(1), m.group(2)
        text = self.format_figure(figure_id, part, self.md.locale)
        if text is None:
            problem = f"unknown figure '{figure_id}'" + (" or it has no n" if part else "")
            self.md.problems.append((m.group(0), problem))
            return m.group(0), m.start(0), m.end(0)
        if text[:1].isdigit():
            return text, m.start(0), m.end(0)
        # ">7,000": in a right-to-left line the sign would be mirrored to "<" (less than).
        span = etree.Element("span", {"class": "nowrap", "dir": "ltr"})
        span.text = text
        return span, m.start(0), m.end(0)


class LeftToRightRunProcessor(InlineProcessor):
    """After Arabic letters, hyphens no longer join the digit groups of a phone number, and the
    groups are laid out right to left. ``dir="ltr"`` isolates the run; ``nowrap`` keeps it whole."""

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 (Python-Markdown API)
        span = etree.Element("span", {"class": "nowrap", "dir": "ltr"})
        span.text = m.group(0)
        return span, m.start(0), m.end(0)


class LinkProcessor(Treeprocessor):
    """Checks every link; writes site links for the reader's locale (``md.link_locale``)."""

    def __init__(self, md: markdown.Markdown, link_exists: Callable, allowed_hosts: frozenset):
        super().__init__(md)
        self.link_exists = link_exists
        self.allowed_hosts = allowed_hosts

    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            href = link.get("href", "")
            if not href or href.startswith("#"):
                continue
            if href.startswith("/") and not href.startswith("//"):
                if not self.link_exists(href.split("#", 1)[0]):
                    self.md.problems.append((href, f"broken internal link '{href}'"))
                link.set("href", locale_url(self.md.link_locale, href))
                continue
            parts = urlsplit(href)
            if parts.scheme != "https":
                self.md.problems.append((href, f"link '{href}' must use https"))
            elif (parts.hostname or "") not in self.allowed_hosts:
                problem = f"link to '{parts.hostname}' is not on the allowed host list"
                self.md.problems.append((href, problem))
            link.set("rel", "noopener noreferrer")
            if URL_TEXT.fullmatch("".join(link.itertext())):
                link.set("dir", "ltr")  # a web address reads left to right in any script


class ChecklistProcessor(Treeprocessor):
    """``- [ ] item``: a list item with an empty box drawn by CSS (no form control: no forms)."""

    def run(self, root: etree.Element) -> None:
        for item in root.iter("li"):
            if item.text and item.text.startswith("[ ] "):
                item.text = item.text[4:]
                item.set("class", "check")


class OutlineProcessor(Treeprocessor):
    """Records the top-level blocks (after attr_list has set ids and classes)."""

    def run(self, root: etree.Element) -> None:
        self.md.outline = list(root)


class SiteExtension(Extension):
    def __init__(self, *, format_figure, link_exists, allowed_hosts):
        super().__init__()
        self.format_figure = format_figure
        self.link_exists = link_exists
        self.allowed_hosts = frozenset(allowed_hosts)

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown API)
        self.md = md
        md.problems, md.outline, md.locale, md.link_locale = [], [], "en", "en"
        figures = FigureProcessor(FIGURE_PATTERN, md, self.format_figure)
        md.inlinePatterns.register(figures, "osl_figure", 185)
        md.inlinePatterns.register(LeftToRightRunProcessor(LTR_RUN_PATTERN, md), "osl_ltr", 184)
        links = LinkProcessor(md, self.link_exists, self.allowed_hosts)
        md.treeprocessors.register(links, "osl_links", 1)
        md.treeprocessors.register(ChecklistProcessor(md), "osl_checklist", 0.9)
        md.treeprocessors.register(OutlineProcessor(md), "osl_outline", 0.5)
        md.registerExtension(self)

    def reset(self) -> None:
        self.md.problems, self.md.outline = [], []


def create_markdown(*, format_figure, link_exists, allowed_hosts) -> markdown.Markdown:
    site = SiteExtension(
        format_figure=format_figure, link_exists=link_exists, allowed_hosts=allowed_hosts
    )
    return markdown.Markdown(
        extensions=["toc", "attr_list", "tables", "admonition", "sane_lists", site],
        # Unicode ids keep anchors meaningful in Chinese, Vietnamese and Arabic headings.
        extension_configs={"toc": {"slugify": slugify_unicode, "toc_depth": "2-3"}},
        output_format="html",
    )


def block_of(md: markdown.Markdown, element: etree.Element) -> Block:
    html = md.serializer(element)
    for processor in md.postprocessors:
        html = processor.run(html)
    classes = element.get("class", "").split()
    minutes = element.get("data-minutes", "")
    return Block(
        html=html.strip(),
        text=" ".join(Markup(html).striptags().split()),  # noqa: S704 (our own HTML, to text)
        tag=element.tag,
        kind=next((k for k in PART_KINDS if k in classes), "") if element.tag == "h2" else "",
        id=element.get("id", ""),
        minutes=int(minutes) if minutes.isdigit() else None,
    )


def convert(md: markdown.Markdown, text: str, locale: str, link_locale: str):
    """Render ``text`` in ``locale`` with site links for ``link_locale`` readers.

    Returns (html, blocks, toc, problems); problems are (needle, message) pairs.
    """
    md.reset()
    md.locale, md.link_locale = locale, link_locale
    html = md.convert(text)
    blocks = tuple(block_of(md, element) for element in md.outline)
    toc = tuple(flatten_toc(getattr(md, "toc_tokens", [])))
    return html, blocks, toc, list(md.problems)


def flatten_toc(tokens: list) -> list[TocEntry]:
    entries = []
    for token in tokens:
        # The heading as plain text (Markdown gives it as HTML), so a page lists it as it is.
        name = Markup(token["name"]).striptags()  # noqa: S704 (the renderer's own output)
        entries.append(TocEntry(token["id"], name, token["level"]))
        entries.extend(flatten_toc(token.get("children", [])))
    return entries
