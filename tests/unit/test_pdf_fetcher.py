"""PDFs never reach the network (app/render/pdf.py): WeasyPrint may read this site's static files
and nothing else."""

import io
import socket

import pytest
from pypdf import PdfReader

from app.render.pdf import StaticFiles, render_pdf, unlink_site_links


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
