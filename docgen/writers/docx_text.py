"""Text pieces for the Word writer: what a paragraph holds, in reading order.

In: the pieces an HTML walk collects (text with bold, italic and link; line breaks;
tabs; fields). Out: the same pieces with white space collapsed the way a browser
does, and neighbours with the same formatting merged into one, ready to become runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

SPACES = re.compile(r"[ \t\n\r\f]+")
"""HTML white space: collapsed to one space. A no-break space is kept."""


@dataclass(frozen=True)
class Piece:
    """One piece of a paragraph's content, in reading order."""

    text: str = ""
    """The text; for a field, its cached result."""
    kind: str = "text"
    """"text", "br" (line break), "tab" or "field"."""
    bold: bool = False
    italic: bool = False
    link: str | None = None
    """"#anchor" for a link inside the document, or an external address."""
    instr: str = ""
    """The field instruction, for kind "field": "PAGE", "NUMPAGES"."""
    whole: bool = False
    """Kept on one line (an id, `span.code`): its hyphens and spaces do not break."""
    change: str = ""
    """"ins" or "del" inside a redline's `<ins>`/`<del>` (a tracked change), else ""."""


def normalize(pieces: Iterable[Piece]) -> list[Piece]:
    """Collapse white space the way a browser does: one space between words, none at
    the start or end of a paragraph or around a line break; merge like neighbours."""
    out: list[Piece] = []
    after_space = True
    for piece in pieces:
        if piece.kind == "text":
            text = SPACES.sub(" ", piece.text)
            if after_space:
                text = text.lstrip(" ")
            if not text:
                continue
            after_space = text.endswith(" ")
            last = out[-1] if out else None
            if last and last.kind == "text" and (last.bold, last.italic, last.link,
                                                 last.whole, last.change) == (
                    piece.bold, piece.italic, piece.link, piece.whole, piece.change):
                out[-1] = replace(last, text=last.text + text)
            else:
                out.append(piece if text == piece.text else replace(piece, text=text))
            continue
        if piece.kind in ("br", "tab"):
            _strip_end(out)
            after_space = True
        else:
            after_space = False
        out.append(piece)
    _strip_end(out)
    return out


def _strip_end(out: list[Piece]) -> None:
    """Drop the trailing space of the last text piece (before a break or the end)."""
    if out and out[-1].kind == "text":
        text = out[-1].text.rstrip(" ")
        if text:
            out[-1] = replace(out[-1], text=text)
        else:
            out.pop()
