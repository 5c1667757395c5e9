"""Configuration: defaults, then FLASK_* environment variables, then a test mapping."""

from pathlib import Path

from flask import Config

from .content import load_site

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# External hosts content may link to. Each is where a reader goes for help:
ALLOWED_LINK_HOSTS = (
    "report.cybertip.org",  # the CyberTipline: where reports are made
    "www.missingkids.org",  # NCMEC: the sources, Team HOPE, support for families
    "missingkids.org",
    "takeitdown.ncmec.org",  # NCMEC's service for removing images of minors
    "988lifeline.org",  # the US Suicide & Crisis Lifeline
    # The FBI takes sextortion tips and publishes guidance for families; NCMEC's own steps for
    # parents point to both (shared/sources/current/108, 109).
    "tips.fbi.gov",
    "www.fbi.gov",
)


def load_config(test_config: dict | None = None) -> dict:
    config = Config(PROJECT_ROOT)
    config.update(
        CONTENT_DIR=PROJECT_ROOT / "content",
        TRANSLATIONS_DIR=PROJECT_ROOT / "translations",
        DEFAULT_LOCALE="en",
        ALLOWED_LINK_HOSTS=ALLOWED_LINK_HOSTS,
        REPORT_URL="https://report.cybertip.org/",
        HOTLINE="1-800-843-5678",
        EXIT_URL="https://www.weather.gov/",
        # Where the site is published: sitemap.xml needs absolute URLs (FLASK_SITE_URL=...).
        SITE_URL="https://opensafetylessons.org",
        # Hosts the app answers for; any other Host header is a 400, never a redirect to it.
        TRUSTED_HOSTS=["opensafetylessons.org", "localhost", "127.0.0.1", "[::1]"],
        # Broken content must never reach a reader: create_app refuses it (tests may relax it).
        CONTENT_STRICT=True,
        MAX_CONTENT_LENGTH=0,
        # The offline copy's ZIPs (`flask offline`), served at /downloads/ when they exist.
        OFFLINE_DIR=PROJECT_ROOT / "build" / "offline",
    )
    config.from_prefixed_env()
    config.update(test_config or {})
    for key in ("CONTENT_DIR", "TRANSLATIONS_DIR", "OFFLINE_DIR"):
        config[key] = Path(config[key])
    return dict(config)


def load_content(config):
    """(Site, problems) from the configured content folder: for the app and the commands."""
    return load_site(
        config["CONTENT_DIR"],
        default_locale=config["DEFAULT_LOCALE"],
        allowed_hosts=config["ALLOWED_LINK_HOSTS"],
    )
