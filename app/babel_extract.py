"""A Babel extractor for templates: gettext calls, plus literal alt/title/aria-label attributes.

Templates should wrap those attributes in _() (a test enforces it); extracting any literal ones as
well means a forgotten wrapper still shows up in the catalogs for translators.
"""

import io
import re

from jinja2.ext import babel_extract

ATTRIBUTE = re.compile(r"""\b(?:alt|title|aria-label)\s*=\s*(["'])([^"'{}]*[^\W\d_][^"'{}]*)\1""")


def extract(fileobj, keywords, comment_tags, options):
    source = fileobj.read()  # bytes: jinja2's extractor reads them again from a file of its own
    yield from babel_extract(io.BytesIO(source), keywords, comment_tags, options)
    text = source.decode(options.get("encoding", "utf-8"))
    for match in ATTRIBUTE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        yield line, None, match.group(2).strip(), ["literal attribute"]
