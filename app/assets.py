"""Static assets get content-hashed names so browsers can keep them for a year.

``url_for('static', filename='site.css')`` returns ``/static/site.3f2a9c1b2d.css``; that name is
immutable. The plain name still works (short cache) for anything that links to it directly.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, abort, send_from_directory

YEAR = 31_536_000
HOUR = 3_600


def hashed_name(filename: str, digest: str) -> str:
    stem, dot, suffix = filename.rpartition(".")
    return f"{stem}.{digest}.{suffix}" if dot else f"{filename}.{digest}"


def scan(folder: Path) -> dict[str, str]:
    """filename -> hashed filename, for every file in the static folder."""
    names = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            relative = path.relative_to(folder).as_posix()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
            names[relative] = hashed_name(relative, digest)
    return names


def init_app(app: Flask) -> None:
    folder = Path(app.static_folder)
    # In debug mode files change under a running server, so names stay plain there.
    hashed = {} if app.debug else scan(folder)
    real = {name: original for original, name in hashed.items()}
    app.extensions["osl_assets"] = hashed

    @app.url_defaults
    def hash_static(endpoint, values):
        if endpoint == "static" and values.get("filename") in hashed:
            values["filename"] = hashed[values["filename"]]

    def static(filename: str):
        if filename in real:
            response = send_from_directory(folder, real[filename], max_age=YEAR)
            response.cache_control.public = True
            response.cache_control.immutable = True
            return response
        if filename in hashed or (app.debug and (folder / filename).is_file()):
            response = send_from_directory(folder, filename, max_age=HOUR)
            response.cache_control.public = True
            return response
        abort(404)

    app.view_functions["static"] = static
