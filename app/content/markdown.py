"""The site's one Python-Markdown configuration, and the outline of every page it renders.

Figures (``[[fig:ID]]``) are formatted for the locale, so a number has one home; site links are
written for the reader's locale. The outline (each top-level block's HTML, text and, for a
level-2 heading, part kind, id and minutes) lets views split pages without parsing HTML again.
"""

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from urllib.parse import urlsplit

import markdown
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


def left_to_right(text: str) -> etree.Element:
    """Isolated and kept whole: among Arabic letters, 1-800-843-5678 would read 5678-843-800-1."""
    span = etree.Element("span", {"class": "nowrap", "dir": "ltr"})
    span.text = text
    return span


class FigureProcessor(InlineProcessor):
    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 (Python-Markdown API)
        figure_id, part = m.group(1), m.group(2)
        text = self.md.format_figure(figure_id, part, self.md.locale)
        if text is None:
            problem = f"unknown figure '{figure_id}'" + (" or it has no n" if part else "")
            self.md.problems.append((m.group(0), problem))
            return m.group(0), m.start(0), m.end(0)
        # ">7,000": in a right-to-left line the sign would be mirrored to "<" (less than).
        return text if text[:1].isdigit() else left_to_right(text), m.start(0), m.end(0)


class LeftToRightRunProcessor(InlineProcessor):
    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 (Python-Markdown API)
        return left_to_right(m.group(0)), m.start(0), m.end(0)


class SiteTreeprocessor(Treeprocessor):
    """Checks links, marks checklist items, records the blocks (attr_list has set their ids)."""

    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            self.check_link(link)
        for item in root.iter("li"):
            # "- [ ] item": an empty box drawn by CSS (no form control: the site has no forms).
            if item.text and item.text.startswith("[ ] "):
                item.text = item.text[4:]
                item.set("class", "check")
        self.md.outline = list(root)

    def check_link(self, link: etree.Element) -> None:
        """Site links are written for the reader's locale (``md.link_locale``)."""
        href = link.get("href", "")
        if not href or href.startswith("#"):
            return
        if href.startswith("/") and not href.startswith("//"):
            if not self.md.link_exists(href.split("#", 1)[0]):
                self.md.problems.append((href, f"broken internal link '{href}'"))
            link.set("href", locale_url(self.md.link_locale, href))
            return
        parts = urlsplit(href)
        if parts.scheme != "https":
            self.md.problems.append((href, f"link '{href}' must use https"))
        elif (parts.hostname or "") not in self.md.allowed_hosts:
            problem = f"link to '{parts.hostname}' is not on the allowed host list"
            self.md.problems.append((href, problem))
        link.set("rel", "noopener noreferrer")
        if URL_TEXT.fullmatch("".join(link.itertext())):
            link.set("dir", "ltr")  # a web address reads left to right in any script


def create_markdown(*, format_figure, link_exists, allowed_hosts) -> markdown.Markdown:
    md = markdown.Markdown(
        extensions=["toc", "attr_list", "tables", "admonition", "sane_lists"],
        # Unicode ids keep anchors meaningful in Chinese, Vietnamese and Arabic headings.
        extension_configs={"toc": {"slugify": slugify_unicode, "toc_depth": "2-3"}},
        output_format="html",
    )
    # The site's processors read these, and convert() sets the rest (locale, problems, outline).
    md.format_figure, md.link_exists = format_figure, link_exists
    md.allowed_hosts = frozenset(allowed_hosts)
    md.inlinePatterns.register(FigureProcessor(FIGURE_PATTERN, md), "osl_figure", 185)
    md.inlinePatterns.register(LeftToRightRunProcessor(LTR_RUN_PATTERN, md), "osl_ltr", 184)
    md.treeprocessors.register(SiteTreeprocessor(md), "osl_site", 1)
    return md


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
    """(html, blocks, toc, problems) of ``text``; problems are (needle, message) pairs."""
    md.reset()
    md.locale, md.link_locale, md.problems, md.outline = locale, link_locale, [], []
    html = md.convert(text)
    blocks = tuple(block_of(md, element) for element in md.outline)
    return html, blocks, tuple(flatten_toc(md.toc_tokens)), md.problems


def flatten_toc(tokens: list) -> Iterator[TocEntry]:
    for token in tokens:
        # The heading as plain text (Markdown gives it as HTML), so a page lists it as it is.
        name = Markup(token["name"]).striptags()  # noqa: S704 (the renderer's own output)
        yield TocEntry(token["id"], name, token["level"])
        yield from flatten_toc(token.get("children", []))
