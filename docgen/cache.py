"""Decide what a build may skip: one content key per document, checked against the manifest.

In: the checked spec, the build options and the templates folder. Out: a key per
document, a SHA-256 over everything that document's files are made from (its part of
the spec, the templates with their fonts (and docgen's own, which a user's folder
falls back on), docgen's own code and the versions of the
libraries that write the bytes, draft or final); and, given the output folder, which
of its files are still valid: there exactly as the last manifest recorded them, under
the key their document has now. A document whose files are all valid is not rendered
again; a build keeps the other valid files and drops the rest, so a partial build
leaves nothing stale. No Jinja, no writer is imported here, so a rebuild with nothing
to do costs about one `docgen validate`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.output import MANIFEST, sha256, tree_digest
from docgen.paths import DOCUMENTS, FORMATS, PACKAGE, file_name, template_folders
from docgen.version import __version__

if TYPE_CHECKING:
    import datetime as dt

    from docgen.model import Spec

# The libraries whose version can change the bytes of a file docgen writes.
LIBRARIES = ("weasyprint", "pydyf", "python-docx", "fonttools", "jinja2", "babel")
# The tags that bring in another template, and a template named by a plain string.
_TEMPLATE_TAG = re.compile(r"\{%[-+]?\s*(?:extends|include|import|from)\s+([^\s%]+)")
_STRING = re.compile(r"""(["'])([^"'/\\]+)\1""")


@functools.cache
def digest(*parts: str) -> str:
    """A key made of other keys (a bilingual edition's, of its two editions')."""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def library_versions() -> dict[str, str]:
    """Return the versions of the libraries that write the bytes, Python's and the system's.

    The manifest records them, so a byte difference between two machines can be
    explained; the input keys include them, so an upgrade renders again.
    """
    from importlib import metadata

    from docgen import system

    versions = {}
    for library in LIBRARIES:
        try:
            versions[library] = metadata.version(library)
        except metadata.PackageNotFoundError:
            versions[library] = "-"
    return {**versions, **system.library_versions()}


@functools.cache
def code_digest() -> str:
    """Return one SHA-256 over docgen's own code and the versions of its writing libraries."""
    digest = hashlib.sha256(__version__.encode() + b"\0")
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for library, version in library_versions().items():
        digest.update(f"{library}={version}\0".encode())
    return digest.hexdigest()


def _framework_reads_meeting(templates: Path) -> bool:
    """True if the framework's template, or one it extends, imports or includes, mentions `meeting`.

    Then the framework may print the meeting, and its key covers it. A template named
    by an expression rather than a string, or not found inside the folders, counts as
    one that mentions it.
    """
    folders = template_folders(templates)
    todo, seen = [DOCUMENTS["framework"]], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        found = [folder / name for folder in folders if (folder / name).is_file()
                 and (folder / name).resolve().is_relative_to(folder)]
        if not found:
            return True
        text = found[0].read_text(encoding="utf-8", errors="replace")
        if "meeting" in text:
            return True
        for argument in _TEMPLATE_TAG.findall(text):
            literal = _STRING.fullmatch(argument)
            if literal is None:
                return True
            todo.append(literal.group(2))
    return False


def document_keys(spec: Spec, documents: Iterable[str], *, final: bool, stamp: dt.date,
                  templates: Path, templates_digest: str,
                  source: str | None = None, language: str = "") -> dict[str, str]:
    """Return each document's input key.

    The minutes print the meeting and cross-reference names and activities from the
    rest of the spec, so their key covers the whole spec. The framework's covers the
    spec without `meeting` (unless a framework template mentions it), plus the one date
    it may take from the meeting, so editing the meeting text re-renders only the minutes.
    A final embeds the spec file and prints its SHA-256 (`source`), so any change to
    the file, a comment included, renders a final again. `spec` is the edition's own,
    its texts in `language` (docgen.translation), so a translation's change renders
    that language alone again.
    """
    model: dict[str, Any] = spec.model_dump(mode="json")
    without_meeting = model if _framework_reads_meeting(templates) else \
        {key: value for key, value in model.items() if key != "meeting"}
    fallback = [tree_digest(folder) for folder in template_folders(templates)[1:]]
    common = {"code": code_digest(), "templates": [templates_digest, *fallback],
              "final": final, "stamp": stamp.isoformat(), "source": source,
              "language": language, "catalogue": _catalogue_digest(language)}
    parts = {"framework": without_meeting, "minutes": model}
    return {document: sha256(json.dumps({**common, "document": document,
                                         "spec": parts[document]},
                                        sort_keys=True, separators=(",", ":")).encode())
            for document in documents}


def _catalogue_digest(language: str) -> str:
    """The SHA-256 of docgen's compiled wording in `language` (empty for the source's)."""
    from docgen.i18n import catalogue_path

    for candidate in (language, language.split("-", maxsplit=1)[0]):
        path = catalogue_path(candidate)
        if path.is_file():
            return sha256(path.read_bytes())
    return ""


def read_manifest(folder: Path) -> dict[str, Any]:
    """Return the manifest of the last build in `folder`, or {} if there is none to trust."""
    try:
        data = json.loads((folder / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def valid_files(folder: Path, manifest: Mapping[str, Any],
                keys: Mapping[str, str]) -> dict[str, dict[str, bytes]]:
    """Return, per document, its files in `folder` that are still valid, by name, with their bytes.

    A file is valid if the manifest lists it with the SHA-256 it has now, under the key
    (`keys`) its document has now; each is read back, so a file edited or damaged by
    hand, or made from other inputs, is rebuilt or dropped, never trusted.
    """
    inputs = manifest.get("inputs")
    listed = manifest.get("files")
    if not isinstance(inputs, dict) or not isinstance(listed, dict):
        return {}
    valid: dict[str, dict[str, bytes]] = {}
    for document, key in keys.items():
        if inputs.get(document) != key:
            continue
        for fmt in FORMATS:
            name = file_name(document, fmt)
            entry = listed.get(name)
            if not isinstance(entry, dict):
                continue
            data = _regular_file(folder / name)
            if data is not None and sha256(data) == entry.get("sha256"):
                valid.setdefault(document, {})[name] = data
    return valid


def _regular_file(path: Path) -> bytes | None:
    """Return the bytes of a regular file (a symlink is not one), or None."""
    try:
        return path.read_bytes() if stat.S_ISREG(path.lstat().st_mode) else None
    except OSError:
        return None
