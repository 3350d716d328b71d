"""Where docgen's files are and what they are called, each decided once for every module.

docgen's own templates folder, the documents with their templates, the formats, the
names of the files a build writes, and the user's cache folder. Standard library only:
`docgen validate` imports this, and must never load Jinja, WeasyPrint or python-docx.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
"""docgen's own code (what a build's input key hashes)."""
TEMPLATES = PACKAGE / "templates"
"""docgen's own templates folder: trusted, and what a user's folder falls back on."""
DOCUMENTS = {"framework": "framework.html.j2", "minutes": "minutes.html.j2"}
"""Each document docgen builds, in build order, with the file name of its template."""
PROGRESS = "progress"
"""A progress report is the document `progress-<as_of>` (progress-2027-03-31)."""
PROGRESS_TEMPLATE = "progress.html.j2"
FORMATS = ("html", "pdf", "docx")
"""The formats docgen writes, in build order."""
OUT = Path("out")
"""The default output folder: a spec's files go to `OUT/<spec-stem>/`."""


def file_name(document: str, fmt: str) -> str:
    """Return the name of a document's file in a format: framework.pdf, or ur/framework.pdf
    for a document of one language (see `edition`)."""
    return f"{document}.{fmt}"


def edition(language: str, document: str) -> str:
    """Name one document in one language, as the build folder holds it: `ur/framework`."""
    return f"{language}/{document}"


def progress_document(as_of: object) -> str:
    """The document name of the progress report at a date: progress-2027-03-31."""
    return f"{PROGRESS}-{as_of}"


def is_progress(document: str) -> bool:
    """True for a progress report's document name."""
    return document.startswith(f"{PROGRESS}-")


def template_of(document: str) -> str:
    """The template file a document is rendered from."""
    return PROGRESS_TEMPLATE if is_progress(document) else DOCUMENTS[document]


def document_of(name: str) -> str:
    """The document an edition is of: `ur/framework` -> `framework`."""
    return name.rsplit("/", 1)[-1]


def template_folders(templates: Path) -> list[Path]:
    """The folders a document may read from: its templates folder, then docgen's own."""
    first, own = templates.resolve(), TEMPLATES.resolve()
    return [first] if first == own else [first, own]


def cache_folder() -> Path:
    """Return the user's cache folder: `$XDG_CACHE_HOME/docgen`, else `~/.cache/docgen`."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "docgen"


REDLINE = "redline"
"""The folder of a spec's output folder that holds its redline."""


def redline_folder(out: Path, stem: str) -> Path:
    """Return where a spec's redline goes: `<out>/<stem>/redline/`."""
    return out / stem / REDLINE
