"""Exchange with translators: a language's texts out as a PO file, translations back in.

PO (through Babel) is what translators' tools read (Poedit, Weblate, OmegaT,
Lokalize). Each entry's context (`msgctxt`) is the text's key, its `msgid` the
source text, its `msgstr` the translation so far; a comment says where the text is
in the spec. A translation whose source changed since is exported `fuzzy`, with
its old source as `msgid_previous`, as gettext's own tools mark it.

Import merges the translated entries into the language's translation file with a
round trip through ruamel.yaml, so the file's comments, order and layout stay as
the drafters left them; it reports what it could not take and what is still missing.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.load import Located
from docgen.model import Spec
from docgen.translation.check import translation_path
from docgen.translation.keys import printed_texts


def export_po(spec: Spec, located: Located, spec_path: Path, language: str) -> bytes:
    """Return the PO file of every printed text of `spec`, for `language`."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    current = _entries(translation_path(spec_path, language))
    catalog = Catalog(locale=language.replace("-", "_"), project=spec.document.short_title,
                      version=str(spec.document.version), charset="utf-8",
                      fuzzy=False, creation_date=_stamp(spec), revision_date=_stamp(spec))
    for text in printed_texts(spec):
        before = current.get(text.key)
        line, column = located.position(text.path)
        fuzzy = before is not None and before["source"] != text.text
        catalog.add(text.text, before["text"] if before else "", context=text.key,
                    auto_comments=[f"{spec_path.name}:{line}:{column}"],
                    flags=("fuzzy",) if fuzzy else (),
                    previous_id=[before["source"]] if fuzzy and before else ())
    out = io.BytesIO()
    write_po(out, catalog, width=0, omit_header=False, include_previous=True,
             sort_output=False)
    return out.getvalue()


def _stamp(spec: Spec) -> dt.datetime:
    """The export's date: the spec's own (signing, else the meeting), so exports repeat."""
    day = spec.document.date or (spec.meeting.end if spec.meeting else None) \
        or dt.date(2000, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


@dataclass
class Imported:
    """What an import took and what it left."""

    target: Path
    taken: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    """Entries whose source is no longer the spec's text: not taken."""
    unknown: list[str] = field(default_factory=list)
    """Entries for texts the spec does not have: not taken."""
    missing: list[str] = field(default_factory=list)
    """Printed texts still without a translation after the import."""


def import_po(spec: Spec, spec_path: Path, language: str, po_file: Path) -> Imported:
    """Merge a translated PO file into the language's translation file (comments kept)."""
    from babel.messages.pofile import read_po

    with po_file.open("rb") as handle:
        catalog = read_po(handle, locale=None)
    printed = {text.key: text for text in printed_texts(spec)}
    target = translation_path(spec_path, language)
    yaml = _yaml()
    document = _open(yaml, target, spec_path, language)
    texts = document["texts"]
    result = Imported(target)
    for message in catalog:
        key = message.context
        if not key or not message.id or not isinstance(message.string, str) \
                or not message.string.strip() or message.fuzzy:
            continue
        text = printed.get(key)
        if text is None:
            result.unknown.append(key)
        elif message.id != text.text:
            result.stale.append(key)
        else:
            _put(texts, key, text.text, message.string)
            result.taken.append(key)
    result.missing = [key for key in printed if key not in texts]
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    temporary = target.with_name(f".{target.name}.importing")
    temporary.write_text(buffer.getvalue(), encoding="utf-8")
    temporary.replace(target)
    return result


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()  # round trip: comments, order and quoting kept
    yaml.width = 100
    yaml.allow_unicode = True
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _open(yaml: Any, target: Path, spec_path: Path, language: str) -> Any:
    from ruamel.yaml.comments import CommentedMap

    if target.is_file():
        document = yaml.load(target.read_text(encoding="utf-8"))
        if document.get("texts") is None:
            document["texts"] = CommentedMap()
        return document
    document = CommentedMap()
    document["language"] = language
    document["translation_of"] = spec_path.name
    document["texts"] = CommentedMap()
    document.yaml_set_start_comment(
        f"The '{language}' texts of {spec_path.name}: each key is where a text is in the\n"
        "spec, `source` the text translated, `text` its translation.")
    return document


def _put(texts: Any, key: str, source: str, text: str) -> None:
    from ruamel.yaml.comments import CommentedMap

    entry = texts.get(key)
    if entry is None:
        entry = CommentedMap()
        texts[key] = entry
    entry["source"] = source
    entry["text"] = text


def _entries(path: Path) -> dict[str, dict[str, str]]:
    """The entries of a translation file as they stand (none if it does not exist)."""
    if not path.is_file():
        return {}
    data = _yaml().load(path.read_text(encoding="utf-8")) or {}
    texts = data.get("texts") or {}
    return {str(k): {"source": str(v.get("source", "")), "text": str(v.get("text", ""))}
            for k, v in texts.items() if isinstance(v, dict)}

