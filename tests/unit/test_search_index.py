"""app/search/index.py on a tiny site built here: ranking, stems, synonyms, CJK, spellings,
marks, hostile queries, threads and the browser's index.json. Relevance on the shipped content is
tests/content/test_search.py."""

import datetime as dt
import threading
from html import escape
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.content import Site
from app.content.loader import locale_info
from app.content.models import Block, Page
from app.search import SearchIndex


def page(locale, section, slug, title, summary, *paragraphs, order=1):
    blocks = tuple(Block(f"<p>{escape(text)}</p>", text, "p") for text in paragraphs)
    return Page(
        locale=locale,
        section=section,
        slug=slug,
        path=f"content/{locale}/{section}/{slug}.md",
        title=title,
        summary=summary,
        audience="parents",
        order=order,
        updated=dt.date(2026, 1, 1),
        sources=(),
        reading_time=1,
        body="",
        html="".join(block.html for block in blocks),
        blocks=blocks,
        toc=(),
        content_hash="sha256:" + "0" * 64,
    )


ENGLISH = [
    page("en", "parents", "_index", "Guidance for parents", "Short lessons."),
    page(
        "en",
        "parents",
        "sextortion",
        "Sextortion",
        "What to do if someone threatens your child.",
        "Someone threatens to share sexual pictures of a child unless they get money.",
        "Do not pay. Save the messages, block the account and report it.",
    ),
    page(
        "en",
        "parents",
        "how-to-report",
        "How to report",
        "Where to make a report and what happens next.",
        "Reports go to the CyberTipline. <script>alert(1)</script> is shown as text.",
    ),
    page(
        "en",
        "parents",
        "talking",
        "Talking with your child",
        "What to say at each age.",
        "Talk early and often. Pictures of your child are yours to share or not.",
    ),
    page("en", "pages", "about", "About this site", "Who writes the lessons."),
]
SPANISH = [
    page("es", "parents", "_index", "Guía para padres", "Lecciones cortas."),
    page(
        "es",
        "parents",
        "sextortion",
        "Sextorsión",
        "Qué hacer si alguien amenaza a su hijo.",
        "Alguien amenaza con compartir imágenes sexuales. No pague; denuncie.",
    ),
]
CHINESE = [
    page("zh-Hans", "parents", "_index", "给家长的指南", "简短的课程。"),
    page("zh-Hans", "parents", "how-to-report", "如何向 CyberTipline 举报", "举报前要收集什么。"),
    page("zh-Hans", "parents", "sextortion", "性勒索", "有人威胁孩子时怎么做。", "不要付钱。"),
]
KOREAN = [
    page("ko", "parents", "_index", "부모를 위한 안내", "짧은 수업."),
    page("ko", "parents", "talking", "아이와 대화하기", "부모님과 아이가 이야기하는 방법."),
    page("ko", "parents", "sextortion", "성착취 협박", "누군가 부모가 모르게 아이를 위협할 때."),
]
ARABIC_VIETNAMESE = [
    page("ar", "parents", "_index", "إرشادات للأهل", "دروس قصيرة."),
    page("ar", "parents", "sextortion", "الابتزاز الجنسي", "ما تفعله إذا كان أحدٌ يهدّد طفلك."),
    page("vi", "parents", "_index", "Hướng dẫn cho cha mẹ", "Bài học ngắn."),
    page("vi", "parents", "sextortion", "Tống tiền tình dục", "Đừng trả tiền cho kẻ đe dọa."),
]
LOCALES = ("en", "es", "zh-Hans", "ko", "ar", "vi")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("content")
    (root / "data" / "synonyms").mkdir(parents=True)
    (root / "data" / "synonyms" / "en.toml").write_text(
        'blackmail = ["sextortion"]\nblackmailed = ["sextortion", "threatens"]\n'
        'nudes = ["pictures"]\n',
        encoding="utf-8",
    )
    pages, fallbacks = {}, {}
    for item in ENGLISH + SPANISH + CHINESE + KOREAN + ARABIC_VIETNAMESE:
        pages[(item.locale, item.section, item.slug)] = item
    for locale in LOCALES[1:]:  # the English pages a locale has no translation of
        for item in ENGLISH:
            if (locale, item.section, item.slug) not in pages:
                fallbacks[(locale, item.section, item.slug)] = item
    empty = MappingProxyType({})
    return Site(
        root=root,
        default_locale="en",
        locales=tuple(locale_info(code) for code in LOCALES),
        sections=("parents",),
        pages=MappingProxyType(pages),
        fallbacks=MappingProxyType(fallbacks),
        figures=empty,
        figure_labels=empty,
        chart_labels=empty,
        sources=empty,
    )


@pytest.fixture(scope="module")
def index(site):
    return SearchIndex(site)


def slugs(results) -> list[str]:
    return [result.page.slug for result in results]


def test_any_word_matches_and_more_words_rank_first(index):
    assert slugs(index.search("en", "zzzqqq pictures"))[:2] == ["talking", "sextortion"]
    assert slugs(index.search("en", "pay pictures"))[0] == "sextortion"
    assert index.search("en", "zzzqqq") == []


def test_a_word_in_the_title_or_summary_ranks_first(index):
    assert slugs(index.search("en", "report")) == ["how-to-report", "sextortion"]
    assert slugs(index.search("en", "say"))[0] == "talking"


def test_stop_words_and_stems(index):
    assert slugs(index.search("en", "how do I report it?"))[0] == "how-to-report"
    assert slugs(index.search("en", "reporting"))[0] == "how-to-report"
    assert index.search("en", "how do I") == []


def test_synonyms_from_the_content_folder(index):
    assert slugs(index.search("en", "my son is being blackmailed"))[0] == "sextortion"
    assert slugs(index.search("en", "nudes"))[:2] == ["talking", "sextortion"]


def test_fallback_pages_are_searched_in_the_reader_locale(index):
    results = index.search("es", "report")
    assert [(r.page.locale, r.fallback) for r in results][0] == ("en", True)
    assert [(r.page.slug, r.fallback) for r in index.search("es", "amenaza")][0] == (
        "sextortion",
        False,
    )
    assert index.search("xx", "report") == []


def test_chinese_words_inside_phrases(index):
    assert slugs(index.search("zh-Hans", "如何举报"))[0] == "how-to-report"
    assert slugs(index.search("zh-Hans", "勒索"))[0] == "sextortion"
    assert slugs(index.search("zh-Hans", "性勒索"))[0] == "sextortion"  # trigram
    assert "sextortion" in slugs(index.search("zh-Hans", "钱"))  # one character
    assert slugs(index.search("zh-Hans", "cybertipline"))[0] == "how-to-report"


def test_korean_words_with_particles(index):
    assert set(slugs(index.search("ko", "부모"))) >= {"talking", "sextortion"}  # 부모님과, 부모가
    assert slugs(index.search("ko", "부모가 대화"))[0] == "talking"


def test_arabic_and_vietnamese_spellings(index):
    assert slugs(index.search("ar", "ابتزاز"))[0] == "sextortion"
    assert slugs(index.search("ar", "يهدد"))[0] == "sextortion"  # without the shadda
    assert slugs(index.search("vi", "dung tra tien"))[0] == "sextortion"


def test_titles_and_snippets_are_escaped_and_marked(index):
    result = index.search("en", "cybertipline")[0]
    assert result.title == "How to report"
    assert "<mark>CyberTipline</mark>" in result.snippet
    assert "&lt;script&gt;" in result.snippet and "<script>" not in result.snippet
    sextortion = index.search("en", "pay threatens")[0]
    assert sextortion.snippet.count("<mark>") >= 1
    assert "<mark>Sextortion</mark>" in index.search("en", "sextortion")[0].title
    assert "<mark>举报</mark>" in index.search("zh-Hans", "举报")[0].title


@pytest.mark.parametrize(
    "query",
    [
        "report OR zzz",
        '"report',
        "report*",
        "NEAR(report zzz)",
        "title:report",
        "report)(",
        "-report",
    ],
)
def test_fts_syntax_is_just_text(index, query):
    assert slugs(index.search("en", query))[0] == "how-to-report"


@settings(max_examples=200, deadline=None)
@given(query=st.text(max_size=400), locale=st.sampled_from(LOCALES))
def test_hostile_queries_never_raise(index, query, locale):
    assert len(index.search(locale, query)) <= 20


def test_limit_and_section_titles(index, site):
    assert len(index.search("en", "child pictures report", limit=1)) == 1
    sextortion = site.pages[("en", "parents", "sextortion")]
    assert index.section_title("en", sextortion) == "Guidance for parents"
    assert index.section_title("es", sextortion) == "Guía para padres"
    assert index.section_title("en", site.pages[("en", "pages", "about")]) == ""


def test_each_thread_searches_its_own_copy(index):
    found = []
    thread = threading.Thread(target=lambda: found.append(slugs(index.search("en", "report"))))
    thread.start()
    thread.join()
    assert found == [slugs(index.search("en", "report"))]


def test_static_entries_carry_terms_stems_and_synonyms(index):
    entries = index.static_entries("en")
    assert [p["path"] for p in entries["pages"]][:2] == ["/about/", "/parents/"]  # site.keys()
    assert set(entries["pages"][0]) == {"title", "section", "summary", "path", "lang", "n"}
    lines = {line.split(" ")[0]: line.split(" ")[1:] for line in entries["terms"].split("|")}
    masks, *forms = lines["report"]
    assert "*s" in forms and "*ing" not in forms  # reports, in the corpus; not reporting
    assert entries["synonyms"]["blackmail"] == "sextort threaten"
    assert entries["forms"]["blackmailed"] == "blackmail"
    assert "the" in entries["stop"] and entries["paired"] == ""
    assert index.static_entries("zh-Hans")["paired"]
