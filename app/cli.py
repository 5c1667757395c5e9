"""`flask content check`, `flask translate ...` and friends."""

from __future__ import annotations

import sys

import click
from flask import Flask, current_app
from flask.cli import AppGroup

content_cli = AppGroup("content", help="Check the lessons in content/.")


@content_cli.command("check")
def content_check() -> None:
    """Validate every content file; one line per problem, exit 1 if any."""
    site = current_app.extensions["osl_site"]
    for problem in site.problems:
        click.echo(str(problem), err=True)
    if site.problems:
        click.echo(f"{len(site.problems)} problem(s) in content/", err=True)
        sys.exit(1)
    click.echo(
        f"content OK: {len(site.pages)} pages in {len(site.locales)} locales, "
        f"{len(site.figures)} figures"
    )


def init_app(app: Flask) -> None:
    from .translate import translate_cli

    app.cli.add_command(content_cli)
    app.cli.add_command(translate_cli)
