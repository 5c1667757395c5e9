"""The offline copy (app/offline.py): links made relative per ZIP, the ZIPs' contents, their sizes
as each locale writes them, and the download links on the about and classroom pages."""

from __future__ import annotations

import re
import zipfile

import pytest

from app.offline import format_size, relink, write_zip
from tests.support.apps import make_app
from tests.support.trees import FIXTURE, classroom_tree

PAGE = "/es/parents/guide/"
LIVE = "https://example.org"
SWITCHER = (
    '      <li><a href="/en/parents/guide/" hreflang="en" lang="en" dir="ltr">English</a></li>\n'
)


def present(*files):
    return set(files).__contains__


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ('href="/es/"', 'href="../../index.html"'),
        ('href="/es/parents/guide/#step-2"', 'href="index.html#step-2"'),
        ('action="/es/search/"', 'action="../../search/index.html"'),
        ('src="../../../static/site.css"', 'src="../../../static/site.css"'),  # Frozen-Flask's
        ('href="/static/site.css"', 'href="../../../static/site.css"'),
        ('href="https://report.cybertip.org/"', 'href="https://report.cybertip.org/"'),
        ('href="#main"', 'href="#main"'),
        ('href="/en/parents/guide/"', f'href="{LIVE}/en/parents/guide/"'),  # not in this ZIP
    ],
)
def test_links_become_relative_or_go_to_the_live_site(link, expected):
    files = present("es/index.html", "es/parents/guide/index.html", "es/search/index.html")
    files_and_static = lambda name: files(name) or name == "static/site.css"  # noqa: E731
    assert relink(f"<a {link}>", PAGE, files_and_static, LIVE) == f"<a {expected}>"


def test_without_a_live_site_links_to_absent_pages_are_dropped():
    html = (
        '<link rel="alternate" hreflang="en" href="/en/parents/guide/">\n'
        '<link rel="alternate" hreflang="es" href="/es/parents/guide/">\n'
        f'<ul>\n{SWITCHER}</ul>\n<p><a href="/en/help-now/">Help</a></p>'
    )
    out = relink(html, PAGE, present("es/parents/guide/index.html"), "")
    assert out == (
        '<link rel="alternate" hreflang="es" href="index.html">\n<ul>\n</ul>\n<p><a >Help</a></p>'
    )
    with_live = relink(html, PAGE, present("es/parents/guide/index.html"), LIVE)
    assert f'<a href="{LIVE}/en/parents/guide/" hreflang="en"' in with_live  # switcher kept
    assert 'hreflang="en" href=' not in with_live  # the alternate is gone either way


@pytest.mark.parametrize(
    ("size", "locale", "expected"),
    [
        (4_213_000, "en", "4.2 MB"),
        (4_213_000, "es", "4,2 MB"),
        (12_600_000, "fr", "13\u202fMo"),
        (850_400, "en", "850 kB"),
        (4_213_000, "zh_Hans", "4.2 MB"),
    ],
)
def test_sizes_are_rounded_and_written_as_the_locale_writes_them(size, locale, expected):
    assert format_size(size, locale) == expected


def test_zips_are_deterministic_and_sorted(tmp_path):
    files = {"b/index.html": b"<p>b</p>", "a.pdf": b"%PDF", "index.html": b"<h1>x</h1>"}
    first, second = tmp_path / "1.zip", tmp_path / "2.zip"
    write_zip(first, files)
    write_zip(second, dict(reversed(files.items())))
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist() == sorted(files)
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The fixture tree's offline copy, built twice (the second into another folder)."""
    app = make_app(FIXTURE)
    folders = [tmp_path_factory.mktemp("offline"), tmp_path_factory.mktemp("again")]
    for folder in folders:
        result = app.test_cli_runner().invoke(args=["offline", str(folder)])
        assert result.exit_code == 0, result.output or repr(result.exception)
    return folders


def test_the_offline_build_writes_one_zip_per_locale_and_one_of_all(built):
    names = sorted(p.name for p in built[0].glob("*.zip"))
    assert names == [f"open-safety-lessons{s}.zip" for s in ("-en", "-es", "")]
    for name in names:
        assert (built[0] / name).read_bytes() == (built[1] / name).read_bytes(), name


def read(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_zips_hold_pages_that_need_no_server(built):
    whole, spanish = (
        read(built[0] / n) for n in ("open-safety-lessons.zip", "open-safety-lessons-es.zip")
    )
    assert {"index.html", "en/index.html", "es/index.html", "es/search/index.html"} <= set(whole)
    assert not [n for n in whole if re.search(r"\.(gz|br)$|sitemap\.xml|404\.html|index\.json", n)]
    assert {n.split("/")[0] for n in spanish} == {"index.html", "es", "static"}
    for name, data in {**whole, **spanish}.items():
        if name.endswith(".html"):
            html = data.decode()
            assert not re.search(r'(href|src|action)="/', html), name
            assert "integrity=" not in html and 'http-equiv="Content-Security-Policy"' in html
            assert "https://opensafetylessons.org/downloads/" not in html, name
    assert 'hreflang="es"' in spanish["index.html"].decode()
    assert 'hreflang="en"' not in spanish["index.html"].decode()  # its chooser: Spanish only
    search = spanish["es/search/index.html"].decode()
    assert "data-offline-search" in search and "data-static-search" not in search
    assert 'href="https://opensafetylessons.org/es/search/"' in search


def test_every_folder_in_the_zips_has_an_index_page(built):
    for zip_file in built[0].glob("*.zip"):
        names = set(read(zip_file))
        folders = {name.rsplit("/", 1)[0] for name in names if "/" in name}
        assert {folder for folder in folders if f"{folder}/index.html" not in names} == set()
        static = read(zip_file)["static/index.html"].decode()  # no page: it leads up a folder
        assert 'content="0; url=../index.html"' in static


def fake_zips(folder, sizes):
    folder.mkdir(parents=True, exist_ok=True)
    for name, size in sizes.items():
        (folder / name).write_bytes(b"PK" + b"\0" * (size - 2))
    return folder


def test_about_and_classroom_pages_link_the_zips_with_their_sizes(tmp_path):
    sizes = {"open-safety-lessons.zip": 4_213_000, "open-safety-lessons-es.zip": 612_000}
    app = make_app(
        classroom_tree(tmp_path / "content"), OFFLINE_DIR=fake_zips(tmp_path / "z", sizes)
    )
    client = app.test_client()
    for url in ("/es/about/", "/es/classroom/"):
        html = client.get(url).get_data(as_text=True)
        assert 'href="/downloads/open-safety-lessons.zip"' in html, url
        assert "Todos los idiomas (ZIP, unos 4,2 MB)" in html, url
        assert "Solo español (ZIP, unos 612 kB)" in html, url
        assert 'href="/downloads/open-safety-lessons-es.zip"' in html, url
    english = client.get("/en/about/").get_data(as_text=True)
    assert "All languages (ZIP, about 4.2 MB)" in english
    assert "open-safety-lessons-en.zip" not in english  # not built: not offered
    response = client.get("/downloads/open-safety-lessons-es.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert len(response.data) == 612_000 and "Content-Security-Policy" in response.headers
    assert client.get("/downloads/open-safety-lessons-en.zip").status_code == 404
    assert client.get("/downloads/other.zip").status_code == 404


def test_without_zips_the_about_page_says_the_copy_is_not_ready(tmp_path):
    client = make_app(FIXTURE, OFFLINE_DIR=tmp_path / "none").test_client()
    html = client.get("/en/about/").get_data(as_text=True)
    assert "The offline copy is not ready yet." in html and "/downloads/" not in html
    assert client.get("/downloads/open-safety-lessons.zip").status_code == 404


def test_without_site_url_a_locale_zip_links_nowhere_outside_itself(tmp_path):
    app = make_app(FIXTURE, SITE_URL="")
    result = app.test_cli_runner().invoke(args=["offline", str(tmp_path)])
    assert result.exit_code == 0, result.output or repr(result.exception)
    spanish = read(tmp_path / "open-safety-lessons-es.zip")
    for name, data in spanish.items():
        if name.endswith(".html"):
            html = data.decode()
            assert "opensafetylessons.org" not in html, name
            assert not re.search(r'href="[^"]*" hreflang="en"|href="(\.\./)*en/', html), name
    # The stale notice's link to the newer English page stays as text, not a broken link.
    assert '<a  hreflang="en" lang="en">' in spanish["es/parents/other/index.html"].decode()
    assert "data-offline-search" in spanish["es/search/index.html"].decode()
