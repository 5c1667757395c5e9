"""`flask content check` and `flask translate ...`.

Both groups are registered as ``flask.commands`` entry points (pyproject.toml), so they work when
the app itself cannot start: a writer with broken content still gets every problem with its file
and line, and a new checkout compiles its catalogs before the first server start.
"""

import subprocess
import sys
from pathlib import Path

import click

from .config import PROJECT_ROOT, load_config, load_content
from .content import file_hash, lint
from .content.status import content_status

content_cli = click.Group("content", help="Check the lessons in content/.")
translate_cli = click.Group("translate", help="Translation catalogs and content status.")


@content_cli.command("check")
def content_check() -> None:
    """Validate every content file and the editorial rules; one line per problem, exit 1 if any."""
    site, problems = load_content(load_config())
    problems = [*problems, *lint(site)]
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s) in content/", err=True)
        sys.exit(1)
    click.echo(
        f"content OK: {len(site.pages)} pages in {len(site.locales)} locales, "
        f"{len(site.figures)} figures"
    )


def pybabel(*args: str) -> None:
    click.echo("$ pybabel " + " ".join(args))
    command = [sys.executable, "-m", "babel.messages.frontend", *args]
    subprocess.run(command, check=True, cwd=PROJECT_ROOT)


def catalog_paths() -> tuple[str, str]:
    """The translations folder and its messages.pot."""
    translations = load_config()["TRANSLATIONS_DIR"]
    return str(translations), str(translations / "messages.pot")


def extract_args(output: str) -> list[str]:
    """pybabel extract's arguments: also used by the test that the template is up to date."""
    keywords = ["-k", "_l", "-k", "lazy_gettext", "-k", "lazy_ngettext:1,2"]
    options = ["--no-location", "--sort-output", "--omit-header"]
    return ["extract", "-F", "babel.cfg", *keywords, *options, "-o", output, "."]


@translate_cli.command("extract")
def extract() -> None:
    """Extract UI strings from app/ into translations/messages.pot."""
    pybabel(*extract_args(catalog_paths()[1]))


@translate_cli.command("update")
def update() -> None:
    """Extract, then merge new strings into every locale's messages.po (no fuzzy guesses)."""
    extract.callback()
    translations, pot = catalog_paths()
    # No --omit-header: a catalog's header carries its Plural-Forms.
    pybabel("update", "-i", pot, "-d", translations, "--no-fuzzy-matching", "--no-wrap")


@translate_cli.command("init")
@click.argument("locale")
def init(locale: str) -> None:
    """Start a catalog for a new locale (Babel spelling, e.g. zh_Hans)."""
    extract.callback()
    translations, pot = catalog_paths()
    pybabel("init", "-i", pot, "-d", translations, "-l", locale, "--no-wrap")


@translate_cli.command("compile")
def compile_catalogs() -> None:
    """Compile every messages.po to messages.mo (make does this; .mo files are never committed)."""
    pybabel("compile", "-d", catalog_paths()[0], "--statistics")


@translate_cli.command("hash")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False))
def hash_files(paths: tuple[str, ...]) -> None:
    """Print the content hash of English files, for a translation's source_hash."""
    for path in paths:
        click.echo(f"{file_hash(Path(path).read_bytes())}  {path}")


@translate_cli.command("status")
def status() -> None:
    """Per locale: pages translated, stale and missing; UI strings translated."""
    config = load_config()
    site, _ = load_content(config)
    for entry in content_status(site, config["TRANSLATIONS_DIR"]):
        line = (
            f"{entry.code:8} pages {len(entry.translated)}/{entry.pages_total} translated, "
            f"{len(entry.stale)} stale, {len(entry.missing)} missing"
        )
        if entry.catalog:
            line += f"; UI strings {entry.catalog.translated}/{entry.catalog.total}"
            line += f" ({entry.catalog.fuzzy} fuzzy)"
        click.echo(line)
        for name in entry.stale:
            click.echo(f"         stale:   {name}")
        for name in entry.missing:
            click.echo(f"         missing: {name}")
