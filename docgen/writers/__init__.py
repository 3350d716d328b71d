"""Writers: one rendered document (semantic HTML) in, the bytes of one file format out.

A plain registry, as WeasyPrint registers its PDF variants: `WRITERS[fmt]` is the
import path of a function `write(document: RenderedDocument) -> bytes`, imported
only when that format is built, so `docgen validate` never loads a writer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from docgen.archive import Archive
from docgen.errors import DocgenError
from docgen.paths import template_folders

WRITERS = {
    "html": "docgen.writers.html:write",
    "pdf": "docgen.writers.pdf:write",
    "docx": "docgen.writers.docx:write",
}
"""One writer for each of docgen.paths.FORMATS."""
folders = template_folders
"""The folders a document may read from: its templates folder, then docgen's own."""


def asset(templates: Path, name: str) -> Path:
    """Return the file `name` of the templates folder, or else docgen's own of that name.

    A user's folder may hold only what it changes (a stylesheet, say) and use docgen's
    fonts. A file whose real path (symlinks followed) leaves its folder is refused.
    """
    roots = folders(templates)
    for root in roots:
        path = (root / name).resolve()
        if not path.is_relative_to(root):
            raise DocgenError(f"{root / name} leads outside the templates folder; docgen "
                              "reads only files inside it")
        if path.is_file():
            return path
    return roots[0] / name


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
    archive: Archive | None = None
    """A final's embedded files (the spec and the build record); None for a draft."""
    changes_by: str | None = None
    """A redline's author: its `<ins>`/`<del>` become Word tracked changes by this name,
    dated `date` (docgen.redline); None for any other build."""
