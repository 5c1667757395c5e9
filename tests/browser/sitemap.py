"""Which pages the browser visits: a crawl of the real site from every locale's home page.

The crawl runs over Flask's test client (fast, no browser) at collection time, so every test can
be parametrised by URL and new views are covered as soon as something links to them. Each page is
labelled with its endpoint, the template that rendered it and its section; pages with the same
label in the same locale look alike, so the costlier checks visit one of each ("representative"
pages), while the English site is visited page by page.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

from flask import template_rendered
from werkzeug.exceptions import HTTPException

from tests.support.apps import make_app
from tests.support.crawl import is_internal, links_of

# A path that can never be a page (the 404 page is a view people see too).
MISSING_PATH = "no-such-page-osl/"
# A query no lesson matches, for the search page's "nothing found" state.
NO_MATCH_QUERY = "zqxjv"
# Endpoints whose names say what they are: the views people rely on, asserted explicitly.
KNOWN_VIEWS = ("search", "handout", "letter", "presenter", "bilingual", "figures")


@dataclass(frozen=True)
class SitePage:
    url: str  # path and query, no origin
    locale: str
    endpoint: str  # "error" for error pages
    template: str  # the template render_template was called with
    status: int = 200
    fallback: bool = False  # English content shown in another locale's chrome
    section: str = ""  # for views of a section's pages: a bilingual plan is not a lesson

    @property
    def kind(self) -> tuple:
        return (self.endpoint, self.template, self.fallback, self.status, self.section)


@dataclass
class SiteMap:
    app: object
    pages: list[SitePage] = field(default_factory=list)

    @property
    def site(self):
        return self.app.extensions["osl"].site

    @property
    def locales(self) -> tuple[str, ...]:
        return self.site.locale_codes

    @property
    def default_locale(self) -> str:
        return self.site.default_locale

    def every_page(self) -> list[SitePage]:
        """Every English page, plus one page of each kind in every other locale."""
        english = [p for p in self.pages if p.locale == self.default_locale]
        return english + [p for p in self.representative() if p.locale != self.default_locale]

    def representative(self) -> list[SitePage]:
        """One page of each kind (endpoint, template, fallback, status, section) per locale."""
        chosen: dict[tuple, SitePage] = {}
        for page in self.pages:
            chosen.setdefault((page.locale, *page.kind), page)
        return list(chosen.values())

    def english_sample(self) -> list[SitePage]:
        return [p for p in self.representative() if p.locale == self.default_locale]

    def first(self, locale: str, endpoint: str, **match) -> SitePage | None:
        for page in self.pages:
            if page.locale == locale and page.endpoint == endpoint:
                if all(getattr(page, k) == v for k, v in match.items()):
                    return page
        return None

    def lesson(self, locale: str, section: str = "parents") -> SitePage:
        """A lesson page in ``locale`` (the first one of ``section`` the crawl found)."""
        for page in self.pages:
            if page.locale == locale and page.endpoint == "lessons.lesson":
                if page.url.startswith(f"/{locale}/{section}/"):
                    return page
        raise LookupError(f"no {section} lesson crawled in {locale}")

    def rtl_locales(self) -> list[str]:
        return [loc.code for loc in self.site.locales if loc.rtl]


class _FormParser(HTMLParser):
    """GET forms with a text or search box: the site's search form, wherever it is."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._current: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = {"action": attrs.get("action") or "", "method": attrs.get("method")}
            self._current["fields"] = {}
            self._current["query"] = None
        elif tag == "input" and self._current is not None and attrs.get("name"):
            kind = (attrs.get("type") or "text").lower()
            if kind in ("search", "text") and self._current["query"] is None:
                self._current["query"] = attrs["name"]
            elif kind == "hidden":
                self._current["fields"][attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form" and self._current is not None:
            method = (self._current["method"] or "get").lower()
            if method == "get" and self._current["query"]:
                self.forms.append(self._current)
            self._current = None


def _search_urls(html: str, base: str, term: str) -> list[str]:
    parser = _FormParser()
    parser.feed(html)
    urls = []
    for form in parser.forms[:1]:
        action = urlsplit(urljoin(base, form["action"]))
        for query in (term, NO_MATCH_QUERY):
            values = {**form["fields"], form["query"]: query}
            urls.append(f"{action.path}?{urlencode(values)}")
    return urls


def _search_term(site, locale: str) -> str:
    """A title the search should find in ``locale``: its first lesson's."""
    for section in site.sections:
        lessons = site.lessons(locale, section)
        if lessons:
            return lessons[0][0].title
    return "report"


def _is_page_path(path: str) -> bool:
    """Pages end in a slash; files (stylesheet, script, PDFs) are not pages to look at."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return not path.startswith("/static/") and "." not in last


def crawl_site(app) -> SiteMap:
    site = app.extensions["osl"].site
    adapter = app.url_map.bind("localhost")
    rendered: list[tuple[str, dict]] = []

    def record(sender, template, context, **extra):
        rendered.append((template.name, context))

    template_rendered.connect(record, app)
    client = app.test_client()
    site_map = SiteMap(app=app)
    seen: set[str] = set()
    queue = [f"/{code}/" for code in site.locale_codes]
    queue += [f"/{code}/{MISSING_PATH}" for code in site.locale_codes]
    searched: set[str] = set()
    try:
        while queue:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            rendered.clear()
            response = client.get(url)
            if response.status_code in (301, 302, 307, 308):
                queue.append(urlsplit(response.headers["Location"]).path)
                continue
            if response.mimetype != "text/html" or not rendered:
                continue
            template, context = rendered[0]
            locale = urlsplit(url).path.strip("/").split("/", 1)[0]
            try:
                endpoint, values = adapter.match(urlsplit(url).path, method="GET")
            except HTTPException:
                endpoint, values = "error", {}
            if response.status_code != 200:
                endpoint = "error"
            site_map.pages.append(
                SitePage(
                    url=url,
                    locale=locale,
                    endpoint=endpoint,
                    template=template,
                    status=response.status_code,
                    fallback=bool(context.get("fallback", False)),
                    section=values.get("section", ""),
                )
            )
            if response.status_code != 200:
                continue
            html = response.get_data(as_text=True)
            if locale not in searched and locale in site.locale_codes:
                found = _search_urls(html, url, _search_term(site, locale))
                if found:
                    searched.add(locale)
                    queue.extend(found)
            for link in links_of(html, url):
                if is_internal(link):
                    path = urlsplit(link).path
                    if path not in seen and _is_page_path(path):
                        queue.append(path)
    finally:
        template_rendered.disconnect(record, app)
    return site_map


@functools.cache
def site_map() -> SiteMap:
    """The real site (content/ as shipped), crawled once per test session."""
    return crawl_site(make_app())
