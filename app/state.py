"""What the app computes once and keeps: one object, in one place (``app.extensions["osl"]``)."""

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from flask import Flask, current_app

from .content import Problem, Site
from .search import SearchIndex


class OnceCache:
    """Values made on first use and kept; each made once even under concurrent requests."""

    def __init__(self) -> None:
        self.values: dict[Hashable, object] = {}
        self.locks: dict[Hashable, threading.Lock] = {}
        self.guard = threading.Lock()

    def __contains__(self, key: Hashable) -> bool:
        return key in self.values

    def get(self, key: Hashable, make: Callable[[], object]):
        if key not in self.values:
            with self.guard:
                lock = self.locks.setdefault(key, threading.Lock())
            with lock:
                if key not in self.values:
                    self.values[key] = make()
        return self.values[key]


@dataclass
class State:
    site: Site
    problems: tuple[Problem, ...]
    search: SearchIndex
    assets: dict[str, str] = field(default_factory=dict)  # file name -> hashed name
    asset_files: dict[str, str] = field(default_factory=dict)  # hashed name -> file name
    integrity: dict[str, str] = field(default_factory=dict)  # file name -> SRI hash
    pdfs: OnceCache = field(default_factory=OnceCache)  # (locale, slug, kind) -> bytes
    # (locale, slug, docx | odt | pptx | odp) -> bytes: the editable plans (app/render/office.py)
    office: OnceCache = field(default_factory=OnceCache)
    charts: OnceCache = field(default_factory=OnceCache)  # locale -> chart views
    chrome: OnceCache = field(default_factory=OnceCache)  # (template, locale) -> Markup
    catalogs: OnceCache = field(default_factory=OnceCache)  # locale -> gettext catalog
    fragments: OnceCache = field(default_factory=OnceCache)  # (name, URL path) -> Markup
    freezer: object = None  # flask_frozen.Freezer (app/export.py)


def init_app(app: Flask, **values) -> None:
    app.extensions["osl"] = State(**values)


def state() -> State:
    return current_app.extensions["osl"]


def site() -> Site:
    return state().site
