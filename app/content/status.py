"""How complete each locale's translation is: pages, stale pages and the interface catalog."""

from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

from .models import INDEX_SLUG, Site


@dataclass(frozen=True)
class CatalogStatus:
    total: int
    translated: int  # neither fuzzy nor missing a plural form
    fuzzy: int

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.translated == self.total


@dataclass(frozen=True)
class LocaleStatus:
    code: str
    name: str
    pages_total: int
    translated: tuple[str, ...]
    stale: tuple[str, ...]
    missing: tuple[str, ...]
    reviewed: int
    catalog: CatalogStatus | None


def catalog_status(po_path: Path) -> CatalogStatus | None:
    if not po_path.exists():
        return None
    with po_path.open("rb") as handle:
        messages = [message for message in read_po(handle) if message.id]
    translated = sum(
        not message.fuzzy
        and (all(message.string) if isinstance(message.string, tuple) else bool(message.string))
        for message in messages
    )
    return CatalogStatus(len(messages), translated, sum(message.fuzzy for message in messages))


def catalog_path(translations: Path, babel: str) -> Path:
    return translations / babel / "LC_MESSAGES" / "messages.po"


def content_status(site: Site, translations: Path) -> list[LocaleStatus]:
    names = {key: f"{key[0]}/" if key[1] == INDEX_SLUG else "/".join(key) for key in site.keys()}
    result = []
    for info in site.locales:
        pages = {name: site.pages.get((info.code, *key)) for key, name in names.items()}
        found = {name: page for name, page in pages.items() if page is not None}
        default = info.code == site.default_locale
        result.append(
            LocaleStatus(
                code=info.code,
                name=info.name,
                pages_total=len(names),
                translated=tuple(found),
                stale=tuple(name for name, page in found.items() if site.is_stale(page)),
                missing=tuple(name for name in pages if name not in found),
                reviewed=sum(
                    bool(page.translation and page.translation.reviewed_by.strip())
                    for page in found.values()
                ),
                catalog=None if default else catalog_status(catalog_path(translations, info.babel)),
            )
        )
    return result
