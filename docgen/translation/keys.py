"""Every text a document prints, with its translation key: where it is in the spec.

A key names a list item by its id where it has one, so a key survives reordering:
`roadmap[R-2.1].title`, `parties[PK].name`; by position where it has none:
`framework.preamble[2]`, `roadmap[R-2.1].indicators[0].text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from docgen.diagnostics import KeyPath
from docgen.model.negotiation import Negotiated
from docgen.model.types import TEXT
from docgen.rules.wording import _marked_fields


@dataclass(frozen=True)
class Printed:
    """One printed text of the spec: its key, its place in the tree and its words."""

    key: str
    path: KeyPath
    text: str


def printed_texts(spec: BaseModel) -> list[Printed]:
    """Return every text the documents print, in the spec's order."""
    return list(_walk(spec, (), ""))


def _walk(node: Any, path: KeyPath, key: str) -> Iterator[Printed]:
    if isinstance(node, BaseModel):
        texts = _marked_fields(type(node), TEXT)
        for name in type(node).model_fields:
            value = getattr(node, name)
            child = f"{key}.{name}" if key else name
            if name in texts:
                yield from _texts(value, (*path, name), child)
            elif isinstance(value, BaseModel | list):
                yield from _walk(value, (*path, name), child)
    elif isinstance(node, list):
        for position, item in enumerate(node):
            yield from _walk(item, (*path, position), f"{key}[{_label(item, position)}]")


def _texts(value: Any, path: KeyPath, key: str) -> Iterator[Printed]:
    if isinstance(value, Negotiated):  # each side's wording is translated on its own
        for side, text in value.proposals:
            place = ("proposals", side) if side else ("text",)
            yield Printed(".".join((key, *place)), (*path, *place), text)
    elif isinstance(value, str):
        yield Printed(key, path, value)
    elif isinstance(value, list):
        for position, item in enumerate(value):
            yield from _texts(item, (*path, position), f"{key}[{position}]")


def _label(item: Any, position: int) -> str:
    ident = getattr(item, "id", None)
    return ident if isinstance(ident, str) else str(position)


_PART = re.compile(r"\[([^\]]+)\]|\.?([A-Za-z_][A-Za-z0-9_]*)")


def closest(key: str, known: list[str]) -> str | None:
    """The known key a mistyped or outdated one most likely meant, if any is close."""
    import difflib

    found = difflib.get_close_matches(key, known, n=1, cutoff=0.8)
    return found[0] if found else None
