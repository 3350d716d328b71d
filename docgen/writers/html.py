"""HTML: the document's own semantic HTML, made standalone.

In: a `RenderedDocument`. Out: one UTF-8 file that opens from disk with no network:
the stylesheet is inlined, and its fonts are embedded as `data:` URLs, subset to
the blocks of characters the document uses (WOFF), so the file stays small and looks the
same on every machine.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html as html_lib
import io
import os
import re
from pathlib import Path

import fontTools

from docgen.errors import DocgenError
from docgen.paths import cache_folder
from docgen.writers import RenderedDocument, asset

STYLESHEET_LINK = '<link rel="stylesheet" href="document.css">'
FONT_URL = re.compile(r'url\("(assets/fonts/[A-Za-z0-9._-]+\.ttf)"\)')
TAG = re.compile(r"<[^>]*>")
BLOCK = 128
# Characters the stylesheet itself prints (list markers, generated text).
CSS_CHARACTERS = "0123456789()abcdefghijklmnopqrstuvwxyz. "


def write(document: RenderedDocument) -> bytes:
    """Return the standalone HTML file of one document."""
    if STYLESHEET_LINK not in document.html:
        raise DocgenError(f"{document.name}: the template does not link document.css")
    characters = set(html_lib.unescape(TAG.sub("", document.html))) | set(CSS_CHARACTERS)
    blocks = frozenset(ord(c) // BLOCK for c in characters)
    css_path = asset(document.templates, "document.css")
    try:
        css = FONT_URL.sub(lambda m: _font_url(asset(document.templates, m.group(1)), blocks),
                           css_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise DocgenError(f"{document.name}: cannot read the stylesheet or a font it names "
                          f"({error})") from None
    inlined = document.html.replace(STYLESHEET_LINK, f"<style>\n{css}</style>", 1)
    return inlined.encode("utf-8")


def _font_url(path: Path, blocks: frozenset[int]) -> str:
    """Return a `data:` URL of the font at `path`, subset to whole blocks of characters (WOFF).

    Subsetting to blocks of 128 code points, not to the exact characters, lets the two
    documents of a build (and rebuilds after small edits) share one subset. Subsets are
    kept in memory and in the user's cache folder, keyed by the font's content, the blocks
    and the fontTools version, so a changed font is never served stale.
    """
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    key = hashlib.sha256(f"{digest}|{sorted(blocks)}|{fontTools.version}".encode()).hexdigest()
    return _data_url(key, path, blocks)


@functools.lru_cache(maxsize=32)
def _data_url(key: str, path: Path, blocks: frozenset[int]) -> str:
    cached = _cache_folder() / f"{key}.woff"
    try:
        woff = cached.read_bytes()
    except OSError:
        woff = _subset(path, blocks)
        _store(cached, woff)
    encoded = base64.b64encode(woff).decode("ascii")
    return f'url("data:font/woff;base64,{encoded}") format("woff")'


def _cache_folder() -> Path:
    return cache_folder() / "fonts"


def _store(target: Path, data: bytes) -> None:
    """Keep a subset for the next build; a cache that cannot be written is no error."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{os.getpid()}")
        temporary.write_bytes(data)
        os.replace(temporary, target)
    except OSError:
        pass


def _subset(path: Path, blocks: frozenset[int]) -> bytes:
    """Subset the font at `path` to every character of `blocks`, as WOFF bytes."""
    from fontTools import subset  # only on a cache miss: importing it costs ~0.1 s
    from fontTools.ttLib import TTFont

    characters = [chr(code) for block in sorted(blocks)
                  for code in range(block * BLOCK, (block + 1) * BLOCK)]
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.drop_tables = [*options.drop_tables, "FFTM"]
    font = TTFont(str(path), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in characters
                                 if not c.isspace() or c == " "])
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.flavor = "woff"
    font.save(buffer)
    return buffer.getvalue()
