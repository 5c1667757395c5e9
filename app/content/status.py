"""How complete each locale's translation is: pages, stale pages and the interface catalog."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

from .models import INDEX_SLUG, Site


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
        messages = [message for message in read_po(handle) if message.id]
    done = [
        message
        for message in messages
        if not message.fuzzy
        and (all(message.string) if isinstance(message.string, tuple) else message.string)
    ]
    return CatalogStatus(len(messages), len(done), sum(1 for m in messages if m.fuzzy))


def catalog_path(translations: Path, babel: str) -> Path:
    return translations / babel / "LC_MESSAGES" / "messages.po"


def content_status(site: Site, translations: Path) -> list[LocaleStatus]:
    keys = site.keys()
    result = []
    for info in site.locales:
        translated, stale, missing = [], [], []
        machine = reviewed = 0
        for section, slug in keys:
            name = f"{section}/" if slug == INDEX_SLUG else f"{section}/{slug}"
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
        default = info.code == site.default_locale
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
                catalog=None if default else catalog_status(catalog_path(translations, info.babel)),
            )
        )
    return result
