"""Static files get content-hashed names, cached for a year, and Subresource Integrity hashes.

``url_for('static', filename='site.css')`` returns ``/static/site.3f2a9c1b2d.css``; that name is
immutable. Flask's own static view serves it (``send_static_file`` maps the name back), so
Frozen-Flask's static generator exports exactly these files. The plain name still works, with a
short cache, for anything that links to it directly.
"""

import base64
import hashlib
from pathlib import Path

from flask import Flask, abort

from .state import state

YEAR = 31_536_000
HOUR = 3_600


def hashed_name(filename: str, digest: str) -> str:
    stem, dot, suffix = filename.rpartition(".")
    return f"{stem}.{digest}.{suffix}" if dot else f"{filename}.{digest}"


def scan(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(file name -> hashed name, file name -> integrity) for every file in the static folder."""
    names, integrity = {}, {}
    for path in sorted(file for file in folder.rglob("*") if file.is_file()):
        name = path.relative_to(folder).as_posix()
        data = path.read_bytes()
        names[name] = hashed_name(name, hashlib.sha256(data).hexdigest()[:10])
        integrity[name] = "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()
    return names, integrity


class HashedStaticFlask(Flask):
    def send_static_file(self, filename: str):
        original = state().asset_files.get(filename)
        if original is not None:
            response = super().send_static_file(original)
            response.cache_control.max_age = YEAR
            response.cache_control.immutable = True
        elif filename in state().assets or self.debug:
            response = super().send_static_file(filename)
            response.cache_control.max_age = HOUR
        else:
            abort(404)
        response.cache_control.no_cache = None  # send_file's default would override max-age
        response.cache_control.public = True
        return response


def init_app(app: Flask) -> None:
    kept = app.extensions["osl"]
    # In debug mode files change under a running server: plain names, no integrity hashes.
    if not app.debug:
        kept.assets, kept.integrity = scan(Path(app.static_folder))
        kept.asset_files = {name: plain for plain, name in kept.assets.items()}

    @app.url_defaults
    def hash_static(endpoint, values):
        if endpoint == "static" and values.get("filename") in state().assets:
            values["filename"] = state().assets[values["filename"]]
