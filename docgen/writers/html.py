"""HTML: the document's own semantic HTML, made standalone.

In: a `RenderedDocument`. Out: one UTF-8 file that opens from disk with no network:
the stylesheet is inlined, and its fonts are embedded as `data:` URLs, subset to
the characters the document uses (WOFF2), so the file stays small and looks the
same on every machine.
"""

from __future__ import annotations

import base64
import html as html_lib
import io
import re
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from docgen.errors import DocgenError
from docgen.writers import RenderedDocument

STYLESHEET_LINK = '<link rel="stylesheet" href="document.css">'
FONT_URL = re.compile(r'url\("(assets/fonts/[A-Za-z0-9._-]+\.ttf)"\)')
TAG = re.compile(r"<[^>]*>")
# Characters the stylesheet itself prints (list markers, generated text).
CSS_CHARACTERS = "0123456789()abcdefghijklmnopqrstuvwxyz. "


def write(document: RenderedDocument) -> bytes:
    """Return the standalone HTML file of one document."""
    css_path = document.templates / "document.css"
    if STYLESHEET_LINK not in document.html:
        raise DocgenError(f"{document.name}: the template does not link document.css")
    characters = set(html_lib.unescape(TAG.sub("", document.html))) | set(CSS_CHARACTERS)
    css = FONT_URL.sub(lambda m: _font_url(document.templates / m.group(1), characters),
                       css_path.read_text(encoding="utf-8"))
    inlined = document.html.replace(STYLESHEET_LINK, f"<style>\n{css}</style>", 1)
    return inlined.encode("utf-8")


def _font_url(path: Path, characters: set[str]) -> str:
    """Return a `data:` URL of the font at `path`, subset to `characters`, as WOFF2."""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.drop_tables = [*options.drop_tables, "FFTM"]
    font = TTFont(str(path), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in characters if not c.isspace() or c == " "))
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.flavor = "woff2"
    font.save(buffer)
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'url("data:font/woff2;base64,{encoded}") format("woff2")'
