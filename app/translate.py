"""Translation workflow: `flask translate extract | update | init | compile | status | hash`.

pybabel is always run with an argument list (never a shell string).
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import click
from babel.messages.pofile import read_po
from flask import current_app
from flask.cli import AppGroup

from .content import INDEX_SLUG, Site, file_hash

translate_cli = AppGroup("translate", help="Translation catalogs and content status.")


@dataclass(frozen=True)
class CatalogStatus:
    total: int
    translated: int
    fuzzy: int

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.translated == self.total and self.fuzzy == 0


@dataclass(frozen=True)
class LocaleStatus:
    code: str
    name: str
    pages_total: int
    translated: tuple[str, ...]
    stale: tuple[str, ...]
    missing: tuple[str, ...]
    machine_assisted: int
    reviewed: int
    catalog: CatalogStatus | None


def catalog_status(po_path: Path) -> CatalogStatus | None:
    if not po_path.exists():
        return None
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    messages = [m for m in catalog if m.id]
    translated = [
        m
        for m in messages
        if (all(m.string) if isinstance(m.string, tuple) else bool(m.string)) and not m.fuzzy
    ]
    fuzzy = [m for m in messages if m.fuzzy]
    return CatalogStatus(len(messages), len(translated), len(fuzzy))


def content_status(site: Site, translations_dir: Path) -> list[LocaleStatus]:
    keys = site.keys()
    result = []
    for info in site.locales:
        translated, stale, missing = [], [], []
        machine = reviewed = 0
        for section, slug in keys:
            name = f"{section}/{slug}" if slug != INDEX_SLUG else f"{section}/"
            page = site.pages.get((info.code, section, slug))
            if page is None:
                missing.append(name)
                continue
            translated.append(name)
            if site.is_stale(page):
                stale.append(name)
            if page.translation is not None:
                machine += page.translation.machine_assisted
                reviewed += bool(page.translation.reviewed_by.strip())
        po = translations_dir / info.babel / "LC_MESSAGES" / "messages.po"
        catalog = None if info.code == site.default_locale else catalog_status(po)
        result.append(
            LocaleStatus(
                code=info.code,
                name=info.name,
                pages_total=len(keys),
                translated=tuple(translated),
                stale=tuple(stale),
                missing=tuple(missing),
                machine_assisted=machine,
                reviewed=reviewed,
                catalog=catalog,
            )
        )
    return result


def pybabel(*args: str) -> None:
    command = [sys.executable, "-m", "babel.messages.frontend", *args]
    click.echo("$ pybabel " + " ".join(args))
    subprocess.run(command, check=True, cwd=current_app.root_path + "/..")


def _paths() -> tuple[str, str]:
    translations = str(current_app.config["TRANSLATIONS_DIR"])
    return translations, str(Path(translations) / "messages.pot")


def extract_args(output: str) -> list[str]:
    """pybabel extract's arguments: also used by the test that the template is up to date."""
    keywords = ["-k", "_l", "-k", "lazy_gettext", "-k", "lazy_ngettext:1,2"]
    return ["extract", "-F", "babel.cfg", *keywords, "--no-location", "--sort-output",
            "--omit-header", "-o", output, "."]  # fmt: skip


@translate_cli.command("extract")
def extract() -> None:
    """Extract UI strings from app/ into translations/messages.pot."""
    _, pot = _paths()
    pybabel(*extract_args(pot))


@translate_cli.command("update")
def update() -> None:
    """Extract, then merge new strings into every locale's messages.po (no fuzzy guesses)."""
    extract.callback()
    translations, pot = _paths()
    pybabel(
        # No --omit-header: a catalog's header carries its Plural-Forms.
        "update",
        "-i",
        pot,
        "-d",
        translations,
        "--no-fuzzy-matching",
        "--no-wrap",
    )


@translate_cli.command("init")
@click.argument("locale")
def init(locale: str) -> None:
    """Start a catalog for a new locale (Babel spelling, e.g. zh_Hans)."""
    extract.callback()
    translations, pot = _paths()
    pybabel("init", "-i", pot, "-d", translations, "-l", locale, "--no-wrap")


@translate_cli.command("compile")
def compile_catalogs() -> None:
    """Compile every messages.po to messages.mo (make does this; .mo files are never committed)."""
    translations, _ = _paths()
    pybabel("compile", "-d", translations, "--statistics")


@translate_cli.command("hash")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False))
def hash_files(paths: tuple[str, ...]) -> None:
    """Print the content hash of English files, for a translation's source_hash."""
    for path in paths:
        click.echo(f"{file_hash(Path(path).read_bytes())}  {path}")


@translate_cli.command("status")
def status() -> None:
    """Per locale: pages translated, stale and missing; UI strings translated."""
    site = current_app.extensions["osl_site"]
    for entry in content_status(site, current_app.config["TRANSLATIONS_DIR"]):
        line = (
            f"{entry.code:8} pages {len(entry.translated)}/{entry.pages_total} translated, "
            f"{len(entry.stale)} stale, {len(entry.missing)} missing"
        )
        if entry.catalog:
            line += (
                f"; UI strings {entry.catalog.translated}/{entry.catalog.total}"
                f" ({entry.catalog.fuzzy} fuzzy)"
            )
        click.echo(line)
        for name in entry.stale:
            click.echo(f"         stale:   {name}")
        for name in entry.missing:
            click.echo(f"         missing: {name}")
