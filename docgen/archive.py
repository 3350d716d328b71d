"""What a final carries inside it, so an archived PDF can be matched to its source.

A final PDF is PDF/A-3u with associated files: the spec exactly as it was read
(AFRelationship Source), the translation files its texts come from (Source too, for an
edition in another language than the spec's) and a build record (AFRelationship
Data): docgen's version, the libraries that wrote the bytes, the document's input key
and the SHA-256 of the spec, of those translation files and of the templates. The record
is not the manifest: the manifest lists the SHA-256 of the PDF itself, which the PDF
cannot contain. Its footer prints the first `SHORT` hex digits of the spec's SHA-256, so
a printed page can be matched too. `docgen verify` reads the spec and the record back.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docgen.version import __version__

SHORT = 12
"""Hex digits of the spec's SHA-256 printed in a final's footer (48 bits)."""
RECORD = "docgen-build.json"
"""The file name of the build record inside a final PDF."""
SPEC_TYPE = "application/yaml"
RECORD_TYPE = "application/json"


@dataclass(frozen=True)
class Source:
    """The spec file exactly as read: its name and bytes."""

    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def short(self) -> str:
        """What the footer prints."""
        return self.sha256[:SHORT]


def source_of(path: Path) -> Source:
    """The spec at `path` as a Source."""
    return Source(path.name, path.read_bytes())


@dataclass(frozen=True)
class Archive:
    """What one final PDF embeds: the spec, its texts in the PDF's language(s), the record."""

    spec: Source
    record: bytes
    translations: tuple[Source, ...] = ()
    """The translation files the edition's texts come from (named by their path beside
    the spec, `<stem>/translations/ur.yaml`); none for the spec's own language."""


def archive_for(source: Source, *, document: str, key: str, libraries: dict[str, str],
                templates_digest: str, translations: Sequence[Source] = ()) -> Archive:
    """The embedded files of one document's final PDF; the same inputs give the same bytes."""
    record: dict[str, object] = {
        "docgen": __version__, "document": document, "input": key, "libraries": libraries,
        "spec": {"file": source.name, "sha256": source.sha256},
        "templates": {"sha256": templates_digest}}
    if translations:
        record["translations"] = [{"file": t.name, "sha256": t.sha256} for t in translations]
    data = json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return Archive(source, data.encode("utf-8"), tuple(translations))
