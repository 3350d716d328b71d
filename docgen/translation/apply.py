"""The spec in another language: every translated text put in place of its source.

Pydantic models are frozen; the translated spec is built with `model_copy`, which
copies only what changes and validates nothing again (the texts were checked where
they were read).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel

from docgen.diagnostics import KeyPath
from docgen.model.negotiation import Negotiated

Model = TypeVar("Model", bound=BaseModel)


def translated(spec: Model, texts: Mapping[KeyPath, str]) -> Model:
    """Return `spec` with the text at each path of `texts` replaced by its translation."""
    if not texts:
        return spec
    prefixes = {path[:end] for path in texts for end in range(len(path) + 1)}
    result: Model = _replace(spec, (), texts, prefixes)
    return result


def _replace(node: Any, path: KeyPath, texts: Mapping[KeyPath, str],
             prefixes: set[KeyPath]) -> Any:
    if path not in prefixes:
        return node
    if isinstance(node, Negotiated):
        return node.replaced(lambda place, text: texts.get((*path, *place), text))
    if isinstance(node, str):
        return texts.get(path, node)
    if isinstance(node, BaseModel):
        updates = {}
        for name in type(node).model_fields:
            value = getattr(node, name)
            new = _replace(value, (*path, name), texts, prefixes)
            if new is not value:
                updates[name] = new
        return node.model_copy(update=updates) if updates else node
    if isinstance(node, list):
        return [_replace(item, (*path, position), texts, prefixes)
                for position, item in enumerate(node)]
    return node
