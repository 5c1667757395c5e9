"""The site's one Python-Markdown configuration.

Besides the standard extensions it adds two small ones:
- ``[[fig:ID]]`` / ``[[fig:ID:n]]`` print a figure from content/data/figures, formatted for the
  locale, so a number has one home and cannot drift between pages;
- links are checked and marked: site links (``/parents/x/``) become a locale-free placeholder that
  views turn into a real URL for the reader's locale; external links must be on the allow-list and
  get ``rel="noopener noreferrer"``.
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

# Views replace this prefix with the URL of the page in the reader's locale.
INTERNAL_PREFIX = "osl-internal:"
FIGURE_PATTERN = r"\[\[fig:([a-z0-9-]+)(?::(n))?\]\]"


class FigureProcessor(InlineProcessor):
    def __init__(self, pattern: str, md: markdown.Markdown, ext: SiteExtension):
        super().__init__(pattern, md)
        self.ext = ext

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 (Python-Markdown API)
        figure_id, part = m.group(1), m.group(2)
        text = self.ext.format_figure(figure_id, part, self.md)
        if text is None:
            self.md.problems.append(
                (m.group(0), f"unknown figure '{figure_id}'" + (" or it has no n" if part else ""))
            )
            text = m.group(0)
        elif not text[:1].isdigit():
            # ">7,000": in a right-to-left line the sign would be mirrored to "<" (less than).
            span = etree.Element("span", {"class": "nowrap", "dir": "ltr"})
            span.text = text
            return span, m.start(0), m.end(0)
        return text, m.start(0), m.end(0)


class LeftToRightRunProcessor(InlineProcessor):
    """Keeps a phone number or a run of numbers joined by dashes in order, on one line.

    After Arabic letters, the digits of 1-800-843-5678 are Arabic-context numbers that hyphens do
    not join, so a browser (or WeasyPrint) lays the groups out right to left: 5678-843-800-1, a
    number a parent would dial wrongly. ``dir="ltr"`` isolates the run; ``nowrap`` keeps it whole.
    """

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 (Python-Markdown API)
        span = etree.Element("span", {"class": "nowrap", "dir": "ltr"})
        span.text = m.group(0)
        return span, m.start(0), m.end(0)


# 1-800-843-5678, 1-800-THE-LOST, 1-800-CALL-FBI; and number runs such as 9–17, 2013–14, 3-5.
# Never inside a word, nor in an attribute list's id ({: #reports-2013-14 }) that attr_list reads.
LTR_RUN_PATTERN = (
    r"(?<![A-Za-z0-9_#-])"
    r"(?:1-800-[0-9A-Z]{3,4}-[0-9A-Z]{3,4}|[0-9]+(?:[-–/][0-9]+)+)"
    r"(?![A-Za-z0-9_-])"
)


URL_TEXT = re.compile(r"(?:https://)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/\S*)?")


class LinkProcessor(Treeprocessor):
    def __init__(self, md: markdown.Markdown, ext: SiteExtension):
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            href = link.get("href", "")
            if href.startswith("#") or not href:
                continue
            if href.startswith("/") and not href.startswith("//"):
                path = href.split("#", 1)[0]
                if not self.ext.internal_link_exists(path):
                    self.md.problems.append((href, f"broken internal link '{href}'"))
                self.md.internal_links.append(href)
                link.set("href", INTERNAL_PREFIX + href)
                continue
            parts = urlsplit(href)
            if parts.scheme == "tel":
                continue
            if parts.scheme != "https":
                self.md.problems.append((href, f"link '{href}' must use https"))
            elif (parts.hostname or "") not in self.ext.allowed_hosts:
                self.md.problems.append(
                    (href, f"link to '{parts.hostname}' is not on the allowed host list")
                )
            link.set("rel", "noopener noreferrer")
            if URL_TEXT.fullmatch("".join(link.itertext())):
                link.set("dir", "ltr")  # a web address reads left to right in any script


class SiteExtension(Extension):
    def __init__(
        self,
        *,
        format_figure: Callable[[str, str | None, markdown.Markdown], str | None],
        internal_link_exists: Callable[[str], bool],
        allowed_hosts: frozenset[str],
    ):
        super().__init__()
        self.format_figure = format_figure
        self.internal_link_exists = internal_link_exists
        self.allowed_hosts = allowed_hosts

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        self.md = md
        md.problems = []
        md.internal_links = []
        md.locale = "en"
        md.inlinePatterns.register(FigureProcessor(FIGURE_PATTERN, md, self), "osl_figure", 185)
        md.inlinePatterns.register(LeftToRightRunProcessor(LTR_RUN_PATTERN, md), "osl_ltr_run", 184)
        md.treeprocessors.register(LinkProcessor(md, self), "osl_links", 1)
        md.registerExtension(self)

    def reset(self) -> None:
        self.md.problems = []
        self.md.internal_links = []


def create_markdown(
    *,
    format_figure: Callable[[str, str | None, markdown.Markdown], str | None],
    internal_link_exists: Callable[[str], bool],
    allowed_hosts: frozenset[str],
) -> markdown.Markdown:
    site = SiteExtension(
        format_figure=format_figure,
        internal_link_exists=internal_link_exists,
        allowed_hosts=allowed_hosts,
    )
    md = markdown.Markdown(
        extensions=["toc", "attr_list", "tables", "admonition", "sane_lists", site],
        extension_configs={
            # Unicode ids keep anchors meaningful in Chinese, Vietnamese and Arabic headings.
            "toc": {"slugify": slugify_unicode, "toc_depth": "2-3"},
        },
        output_format="html",
    )
    return md


CHECKBOX = re.compile(r"<li>\[ \] ")


def convert(md: markdown.Markdown, text: str, locale: str) -> tuple[str, list, list]:
    """Render ``text``; return (html, toc_tokens, problems)."""
    md.reset()
    md.locale = locale
    html = md.convert(text)
    # Printable checklists: "- [ ] item" becomes a list item with an empty box drawn by CSS.
    html = CHECKBOX.sub('<li class="check">', html)
    return html, list(getattr(md, "toc_tokens", [])), list(md.problems)


def resolve_links(html: str, url_for_path: Callable[[str], str]) -> str:
    """Replace internal-link placeholders with URLs for the current locale."""
    return re.sub(
        re.escape(INTERNAL_PREFIX) + r"(/[^\"#]*)(#[^\"]*)?",
        lambda m: url_for_path(m.group(1)) + (m.group(2) or ""),
        html,
    )


def plain_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


__all__ = [
    "INTERNAL_PREFIX",
    "create_markdown",
    "convert",
    "resolve_links",
    "plain_text",
]
