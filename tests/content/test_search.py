"""Search on the shipped content: the natural questions of tests/search_questions.toml find
their pages in the top three in every locale, index.json stays small, and static/site.js (run with
node) ranks it as the server ranks."""

import json
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from app.content import url_path
from app.state import state
from tests.support.tools import tool_missing

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = tomllib.loads((ROOT / "tests" / "search_questions.toml").read_text(encoding="utf-8"))
TOP = 3
TARGET = 0.9
CJK_AGREEMENT = 0.8
KB = 1024


@pytest.fixture(scope="module")
def real_index(real_app):
    with real_app.app_context():
        return state().search


def top(results) -> list[str]:
    return [f"{r.page.section}/{r.page.slug}" for r in results[:TOP]]


@pytest.mark.parametrize("locale", list(QUESTIONS))
def test_natural_questions_find_their_page_in_the_top_three(real_index, locale):
    asked = QUESTIONS[locale]
    assert len(asked) >= 20
    missed = {
        question: top(real_index.search(locale, question, TOP))
        for question, wanted in asked.items()
        if not set(wanted) & set(top(real_index.search(locale, question, TOP)))
    }
    assert len(missed) <= (1 - TARGET) * len(asked), missed


@pytest.fixture(scope="module")
def static_indexes(real_app):
    client = real_app.test_client()
    return {locale: client.get(f"/{locale}/search/index.json").data for locale in QUESTIONS}


@pytest.mark.parametrize("locale", list(QUESTIONS))
def test_static_index_is_small_and_complete(real_app, static_indexes, locale):
    body = static_indexes[locale]
    data = json.loads(body)
    with real_app.app_context():
        site = state().site
    assert data["locale"] == locale
    assert len(data["pages"]) == len(site.keys())
    assert all(p["url"].startswith(f"/{locale}/") and p["n"] > 0 for p in data["pages"])
    # Every term of a locale with its page masks and forms; Chinese: every pair of characters.
    limit = 140 * KB if data["paired"] else 70 * KB
    assert len(body) <= limit, f"{locale}: {len(body) / KB:.0f} KB"


NODE = r"""
const search = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const ranked = {};
for (const [locale, data] of Object.entries(input)) {
  const index = search.loadIndex(data.index);
  ranked[locale] = data.questions.map(
    (q) => search.rankPages(index, q).slice(0, 3).map((hit) => hit.page.url));
}
process.stdout.write(JSON.stringify(ranked));
"""


def test_the_browser_ranks_as_the_server(real_index, static_indexes):
    if shutil.which("node") is None:
        tool_missing("node is not installed (scripts/system-deps.sh installs it)")
    payload = {
        locale: {"index": json.loads(static_indexes[locale]), "questions": list(asked)}
        for locale, asked in QUESTIONS.items()
    }
    run = subprocess.run(
        ["node", "-e", NODE, str(ROOT / "static" / "site.js")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
    )
    ranked = json.loads(run.stdout)
    for locale, asked in QUESTIONS.items():
        server = [
            [f"/{locale}{r.page.url_path}" for r in real_index.search(locale, question, TOP)]
            for question in asked
        ]
        same = sum(a == b for a, b in zip(server, ranked[locale], strict=True))
        # The browser finds a CJK term of three characters or more by its pairs of characters,
        # the server by FTS5's trigrams: a page holding the pairs apart matches only in the browser.
        agree = CJK_AGREEMENT if json.loads(static_indexes[locale])["paired"] else TARGET
        assert same >= agree * len(asked), (locale, same)
        wanted = [
            [f"/{locale}{url_path(*p.split('/'))}" for p in pages] for pages in asked.values()
        ]
        found = sum(bool(set(w) & set(r)) for w, r in zip(wanted, ranked[locale], strict=True))
        assert found >= TARGET * len(asked), (locale, found)
