"""Writers: one rendered document (semantic HTML) in, the bytes of one file format out.

A plain registry, as WeasyPrint registers its PDF variants: `WRITERS[fmt]` is the
import path of a function `write(document: RenderedDocument) -> bytes`, imported
only when that format is built, so `docgen validate` never loads a writer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

WRITERS = {
    "html": "docgen.writers.html:write",
    "pdf": "docgen.writers.pdf:write",
    "docx": "docgen.writers.docx:write",
}
FORMATS = tuple(WRITERS)


@dataclass(frozen=True)
class RenderedDocument:
    """One document, rendered once, ready for every writer."""

    name: str
    """"framework" or "minutes": the output file's stem."""
    html: str
    """The semantic HTML of the document, in the subset templates/README.md defines."""
    title: str
    subject: str
    keywords: list[str]
    language: str
    date: dt.date
    """The document's own date: every timestamp in every file is this, never the clock."""
    templates: Path
    """The templates folder: the only place (with its assets) files may be read from."""
    page_of: dict[str, int] = field(default_factory=dict)
    """Page number of each heading anchor, from the PDF layout (for the Word contents)."""
