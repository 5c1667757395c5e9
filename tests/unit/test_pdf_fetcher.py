"""PDFs never reach the network (app/render/pdf.py): WeasyPrint may read this site's static files
and nothing else. Korean PDFs break lines between words only."""

import io
import socket

import pytest
from pypdf import PdfReader

from app.render.pdf import StaticFiles, keep_korean_words, render_pdf, unlink_site_links


@pytest.fixture
def files(tmp_path):
    folder = tmp_path / "static"
    (folder / "img").mkdir(parents=True)
    (folder / "site.css").write_text("h1 { color: rgb(1, 2, 3) }")
    (folder / "img" / "a b.svg").write_text("<svg/>")
    (tmp_path / "secret.txt").write_text("no")
    (tmp_path / "static-other").mkdir()
    (tmp_path / "static-other" / "x.css").write_text("no")
    return StaticFiles(folder, origin="http://localhost/", aliases={"site.abc123.css": "site.css"})


def test_static_files_and_their_hashed_names_are_served(files):
    assert files.path_for("http://localhost/static/site.css").name == "site.css"
    assert files.path_for("http://localhost/static/site.abc123.css").name == "site.css"
    assert files.path_for("http://localhost/static/img/a%20b.svg").name == "a b.svg"
    assert files.path_for("http://localhost/static/site.css?v=1#x").name == "site.css"


@pytest.mark.parametrize(
    "url",
    [
        "http://evil.example/static/site.css",
        "https://localhost/static/site.css",
        "http://localhost:8000/static/site.css",
        "http://localhost/en/",
        "http://localhost/static/",
        "http://localhost/static/img",
        "http://localhost/static/../secret.txt",
        "http://localhost/static/%2e%2e/secret.txt",
        "http://localhost/static/..%2fsecret.txt",
        "http://localhost/static-other/x.css",
        "http://localhost/static/missing.css",
        "http://localhost/static/%00",
        "file:///etc/passwd",
        "data:text/css,body{}",
        "ftp://localhost/static/site.css",
        "",
    ],
)
def test_everything_else_is_refused(files, url):
    with pytest.raises(ValueError):
        files.path_for(url)


def test_site_links_lose_their_href_without_a_public_origin():
    html = '<a href="/en/parents/">in</a> <a class="x" href="https://report.cybertip.org/">out</a>'
    assert unlink_site_links(html) == (
        '<a>in</a> <a class="x" href="https://report.cybertip.org/">out</a>'
    )
    assert unlink_site_links('<a href="//evil.example/">x</a>') == '<a href="//evil.example/">x</a>'


def test_render_pdf_never_touches_the_network(files, monkeypatch):
    attempts = []

    def refuse(self, address):
        attempts.append(address)
        raise OSError("network used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    html = (
        '<html lang="en"><head><title>T</title><link rel="stylesheet" href="/static/site.css">'
        '<link rel="stylesheet" href="https://fonts.example/x.css"></head><body><h1>Title</h1>'
        '<img src="http://images.example/a.png" alt=""><img src="file:///etc/hostname" alt="">'
        '<img src="/static/../secret.txt" alt=""></body></html>'
    )
    data = render_pdf(html, base_url="http://localhost/", files=files)
    assert attempts == []
    assert data.startswith(b"%PDF-")
    assert "Title" in PdfReader(io.BytesIO(data)).pages[0].extract_text()


def test_hangul_words_are_joined_in_text_only():
    def joined(html: str) -> str:
        return keep_korean_words(html).replace("\u2060", "|")

    assert joined('<p class="a" title="신고 방법">학생은 신고</p>') == (
        '<p class="a" title="신고 방법">학|생|은 신|고</p>'
    )
    # Across an inline tag that cuts a word; beside other letters, digits and entities.
    assert (
        joined('<a href="/ko/report/">신고 방법</a>도')
        == '<a href="/ko/report/">신|고 방|법</a>|도'
    )
    assert joined("CyberTipline에 <span>1-800</span>로") == "CyberTipline|에 <span>1-800</span>|로"
    assert (
        joined("&#39;피싱&#39; 또는 <b>https://x.org/</b>")
        == "&#39;|피|싱|&#39; 또|는 <b>https://x.org/</b>"
    )
    # Text that is not the page's, and text without Hangul, stay as they are.
    for html in (
        "<title>좋은 날</title><!-- 주석 --><svg><text>한글</text></svg>",
        "<p>Hello, <b>world</b>: 你好世界</p>",
    ):
        assert keep_korean_words(html) == html


def test_a_korean_pdf_breaks_lines_at_spaces_and_still_fits_a_long_address(files):
    words = (
        "학생은 남에게 보여 주면 안 되는 이미지를 전달하거나, 저장하거나, 캡처하는 것이 왜 피해를"
        " 주고 범죄가 될 수 있는지 설명할 수 있어요. 그다음 참여하는 앱과 사이트가 복사본을 찾아서"
        " 지울 수 있어요. 한 페이지짜리"
    ).split()
    address = "https://www.missingkids.org/gethelpnow/isyourexplicitcontentoutthere"
    html = (
        '<html lang="ko"><style>@page { size: 70mm 150mm; margin: 5mm }'
        ' p { font: 11pt "Noto Sans CJK KR"; overflow-wrap: anywhere }</style>'
        f"<p>{' '.join(words)} <strong>지금 도움받기</strong> 페이지에서 {address}에서 보세요.</p>"
    )
    pdf = render_pdf(keep_korean_words(html), base_url="http://localhost/", files=files)
    lines = PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split("\n")
    assert len(lines) > 8
    text = " ".join(lines)
    assert [word for word in words if word not in text] == []
    assert "지금 도움받기 페이지에서" in text
    assert address not in text  # wider than the page: broken to fit, not overflowing
