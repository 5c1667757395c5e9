"""app/search/text.py: how words compare (folding, stemming, stop words, CJK, synonyms, queries)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.search.text import MAX_QUERY_CHARS, MAX_TERMS, Language, clean_query, fold, grams

LOCALES = ("en", "es", "fr", "ar", "vi", "zh-Hans", "ko", "ja", "de")


def terms(locale: str, query: str) -> list[str]:
    return list(Language.of(locale).query_terms(query))


def index_terms(locale: str, text: str) -> list[str]:
    return Language.of(locale).terms(fold(text), {})


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Sextorsión ÉTÉ", "sextorsion ete"),
        ("Đừng trả tiền", "dung tra tien"),  # Vietnamese: tones and đ
        ("أبلغ إلى آخر ٱلبيت", "ابلغ الي اخر البيت"),  # alef forms, alef maksura
        ("مكتبة", "مكتبه"),  # ta marbuta
        ("تُبلِّغ", "تبلغ"),  # vowel marks
        ("جـمـيـل", "جميل"),  # tatweel
        ("ﬁle", "file"),  # ligature
        ("부모님과", "부모님과"),  # Hangul stays whole syllables
        ("如何举报", "如何举报"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_languages_snowball_knows_are_stemmed_and_others_are_not():
    assert Language.of("en").stemmer == "english"
    assert Language.of("es").stemmer == "spanish"
    assert Language.of("ar").stemmer == "arabic"
    assert Language.of("de").stemmer == "german"  # any language Snowball supports
    assert Language.of("vi").stemmer == ""
    assert Language.of("zh-Hans").cjk and Language.of("ko").cjk and not Language.of("vi").cjk


@pytest.mark.parametrize(
    ("locale", "words"),
    [
        ("en", ["report", "reports", "reporting", "reported"]),
        ("en", ["blackmail", "blackmailed", "blackmailing"]),
        ("es", ["denuncia", "denuncias", "denunciar"]),
        ("es", ["información", "informacion"]),  # accents folded before stemming
        ("fr", ["signalement", "signalements"]),
        ("ar", ["الابتزاز", "ابتزاز"]),  # the article
        ("ar", ["صورة", "الصور", "صور"]),
    ],
)
def test_forms_of_a_word_share_one_term_in_index_and_query(locale, words):
    found = {term for word in words for term in terms(locale, word)}
    assert len(found) == 1
    assert {term for word in words for term in index_terms(locale, word)} == found


def test_stop_words_are_neither_indexed_nor_searched():
    assert terms("en", "How do I report?") == ["report"]
    assert terms("en", "how do I") == []
    assert index_terms("en", "What to do if it happens") == ["happen"]
    assert terms("es", "¿Cómo lo denuncio?") == terms("es", "denuncio")
    assert terms("ar", "كيف أبلغ") == terms("ar", "أبلغ")


def test_words_are_numbered_for_counting_what_a_page_matches():
    places = Language.of("en").query_terms("report the report pictures")
    assert places == {"report": {0, 1}, "pictur": {2}}


def test_chinese_queries_lose_stop_words_and_are_cut_into_pairs():
    assert terms("zh-Hans", "如何举报") == ["举报"]
    assert terms("zh-Hans", "我的儿子被勒索了") == ["儿子", "勒索"]
    assert terms("zh-Hans", "性勒索") == ["性勒", "勒索"]
    assert terms("zh-Hans", "钱") == ["钱"]
    places = Language.of("zh-Hans").query_terms("举报后")
    assert places == {"举报": {0, 1}, "报后": {1, 2}}  # the characters each pair covers


def test_korean_query_words_lose_one_particle():
    assert terms("ko", "부모가") == ["부모"]
    assert terms("ko", "부모님과 대화") == ["부모님", "대화"]
    assert terms("ko", "보냈어요") == ["보냈"]  # and a polite ending
    assert terms("ko", "가") == ["가"]  # never less than the word


def test_cjk_pages_are_indexed_by_pairs_of_characters():
    assert grams("举报 cyber") == ["举报", "cy", "yb", "be", "er"]
    assert grams("钱。a") == ["钱", "a"]
    assert index_terms("zh-Hans", "举报举报") == ["举报", "报举"]


def test_synonyms_are_read_and_stemmed_like_queries(tmp_path):
    path = tmp_path / "en.toml"
    path.write_text(
        'blackmail = ["sextortion", "threatened"]\nblackmailed = ["sextortion"]\n'
        'nudes = "images"\n',
        encoding="utf-8",
    )
    extra, forms = Language.of("en").synonyms(path)
    assert extra == {"blackmail": ("sextort", "threaten"), "nude": ("imag",)}
    assert forms["blackmailed"] == "blackmail"
    groups = Language.of("en").groups("blackmailed for nudes", extra)
    assert [group for group, _ in groups] == [
        ("blackmail", "sextort", "threaten"),
        ("nude", "imag"),
    ]


def test_chinese_synonyms_are_phrases_found_as_written(tmp_path):
    path = tmp_path / "zh-Hans.toml"
    path.write_text('"勒索" = ["性勒索", "性敲诈"]\n', encoding="utf-8")
    extra, _ = Language.of("zh-Hans").synonyms(path)
    assert extra == {"勒索": ("性勒索", "性敲诈")}


def test_a_missing_synonym_file_is_none_and_a_broken_one_names_itself(tmp_path):
    assert Language.of("en").synonyms(tmp_path / "none.toml") == ({}, {})
    broken = tmp_path / "es.toml"
    broken.write_text("extorsión = [", encoding="utf-8")
    with pytest.raises(ValueError, match="es.toml"):
        Language.of("es").synonyms(broken)


def test_groups_are_capped():
    query = " ".join(f"word{n}" for n in range(40))
    assert len(Language.of("en").groups(query, {})) == MAX_TERMS


@pytest.mark.parametrize(
    ("query", "cleaned"),
    [
        ("  how\tdo\nI   report ", "how do I report"),
        ("a\x00b\x1fc", "a b c"),  # control characters separate
        ("re\u200bport", "report"),  # format characters go
        ("x" * 500, "x" * MAX_QUERY_CHARS),  # one huge word is cut
        ("word " * 100, ("word " * 40).strip()),  # else the cut falls between words
    ],
)
def test_clean_query(query, cleaned):
    assert clean_query(query) == cleaned


@settings(max_examples=300, deadline=None)
@given(query=st.text(max_size=1000), locale=st.sampled_from(LOCALES))
def test_hostile_input_never_raises(query, locale):
    cleaned = clean_query(query)
    assert len(cleaned) <= MAX_QUERY_CHARS
    groups = Language.of(locale).groups(cleaned, {})
    assert len(groups) <= MAX_TERMS
    assert all(term and '"' not in term for group, _ in groups for term in group)
    fold(query)
