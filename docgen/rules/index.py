"""An index of a checked spec: every id with its kind, object and key path.

Rules look things up here instead of walking the spec again and again, which
keeps each rule a few lines long and every lookup constant-time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from docgen.diagnostics import KeyPath
from docgen.model import Spec

# Each kind of thing that has an id, and where the list of them is in the spec.
ID_LISTS: dict[str, KeyPath] = {
    "party": ("parties",),
    "institution": ("institutions",),
    "person": ("people",),
    "sector": ("sectors",),
    "target": ("targets",),
    "corridor": ("framework", "corridors"),
    "activity": ("roadmap",),
    "mechanism": ("coordination",),
    "risk": ("risks",),
    "agenda item": ("meeting", "agenda"),
    "action item": ("meeting", "actions"),
}


@dataclass(frozen=True)
class Entry:
    """Something with an id: what kind it is, the object, and where it is written."""

    kind: str
    item: Any
    path: KeyPath


@dataclass
class Index:
    """Lookups over one checked spec."""

    spec: Spec
    final: bool = False
    by_id: dict[str, Entry] = field(default_factory=dict)
    duplicates: list[tuple[Entry, Entry]] = field(default_factory=list)
    ghosts: set[str] = field(default_factory=set)
    """Ids of entries set aside for a type error (docgen.salvage): not unknown, not here."""

    @classmethod
    def build(cls, spec: Spec, *, final: bool = False, ghosts: set[str] | None = None) -> Index:
        """Index every id in the spec, remembering duplicates for the rule that reports them."""
        index = cls(spec, final, ghosts=set(ghosts or ()))
        for kind, path in ID_LISTS.items():
            for position, item in enumerate(_get(spec, path)):
                entry = Entry(kind, item, (*path, position))
                first = index.by_id.setdefault(item.id, entry)
                if first is not entry:
                    index.duplicates.append((first, entry))
        return index

    def of_kind(self, kind: str) -> Iterator[Entry]:
        """Yield every entry of one kind, in spec order."""
        for position, item in enumerate(_get(self.spec, ID_LISTS[kind])):
            yield Entry(kind, item, (*ID_LISTS[kind], position))

    def get(self, ref: str | None, *kinds: str) -> Any:
        """Return the object a reference names if it is of one of `kinds`, else None."""
        entry = self.by_id.get(ref) if ref is not None else None
        return entry.item if entry is not None and entry.kind in kinds else None

    def party_of(self, ref: str | None) -> str | None:
        """Return the party of an institution or a person, if the reference resolves."""
        item = self.get(ref, "institution", "person")
        return item.party if item is not None else None


def _get(spec: Spec, path: KeyPath) -> list[Any]:
    node: Any = spec
    for part in path:
        node = getattr(node, str(part), None)
        if node is None:
            return []
    return list(node)
