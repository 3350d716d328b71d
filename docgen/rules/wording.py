"""Walk every piece of text in a checked spec, with its key path and whether it is prose."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel

from docgen.diagnostics import KeyPath
from docgen.model.types import PROSE, REQUIRED_IN_FINAL, Marker


def texts(node: Any, path: KeyPath = (), prose: bool = False,
          ) -> Iterator[tuple[KeyPath, str, bool]]:
    """Yield (key path, text, is prose) for every string in the spec, in order."""
    if isinstance(node, str):
        yield path, node, prose
    elif isinstance(node, BaseModel):
        flags = _prose_fields(type(node))
        for name in type(node).model_fields:
            yield from texts(getattr(node, name), (*path, name), name in flags)
    elif isinstance(node, list | tuple):
        for position, item in enumerate(node):
            yield from texts(item, (*path, position), prose)


def missing_in_final(node: Any, path: KeyPath = ()) -> Iterator[KeyPath]:
    """Yield the key path of every field a final document must fill in but this spec leaves out."""
    if isinstance(node, BaseModel):
        required = _marked_fields(type(node), REQUIRED_IN_FINAL)
        for name in type(node).model_fields:
            value = getattr(node, name)
            if value is None and name in required:
                yield (*path, name)
            yield from missing_in_final(value, (*path, name))
    elif isinstance(node, list):
        for position, item in enumerate(node):
            yield from missing_in_final(item, (*path, position))


def _prose_fields(model: type[BaseModel]) -> frozenset[str]:
    return _marked_fields(model, PROSE)


@cache
def _marked_fields(model: type[BaseModel], marker: Marker) -> frozenset[str]:
    """Names of the fields whose type (or item type) carries `marker`."""
    return frozenset(name for name, field in model.model_fields.items()
                     if marker in field.metadata or _carries(field.annotation, marker))


def _carries(annotation: Any, marker: Marker) -> bool:
    if typing.get_origin(annotation) is typing.Annotated and marker in annotation.__metadata__:
        return True
    return any(_carries(arg, marker) for arg in typing.get_args(annotation))
