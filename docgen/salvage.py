"""Every problem at once: check what did validate when some values do not.

A type error (DG12x) stops the spec becoming a model, and so would hide every reference,
date and target error (DG2xx-DG6xx) until it is fixed. Instead the values at fault are
set aside: the list entry holding one (an activity with a bad date, a whole activity
for a bad indicator) is left out, a bad value elsewhere is dropped from its mapping,
and the rest is validated again, a few rounds at most. The rules then run on what is
left, and their findings are kept only where leaving things out cannot have caused them:
- nothing inside a mapping that lost a value is reported (a target whose currency was
  dropped is not "neither currency nor unit");
- a reference to an entry that was left out is not "unknown" (its id is a ghost);
- rules that need the whole spec ("each party signs", "every sector has an activity")
  do not run (`Rule.needs_all`).
Paths are reported as they are in the file: a finding in roadmap[4] after roadmap[2] was
left out is put back at roadmap[5].
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docgen.diagnostics import KeyPath

if TYPE_CHECKING:
    from docgen.model import Spec

ROUNDS = 5


@dataclass
class Salvaged:
    """What could be checked: the spec without the values at fault, and how to read it."""

    spec: Spec
    ghosts: set[str] = field(default_factory=set)
    """The ids of list entries left out: references to them are not errors."""
    dropped: set[KeyPath] = field(default_factory=set)
    """The mappings that lost a value, and the entries left out (paths in the file)."""
    kept: dict[KeyPath, list[int]] = field(default_factory=dict)
    """For each list that lost entries, the positions in the file of those it kept."""

    def original(self, path: KeyPath) -> KeyPath:
        """The path in the file of a path in the salvaged spec."""
        return _original(self.kept, path)

    def allows(self, path: KeyPath) -> bool:
        """False if a finding at `path` (in the file) may come from what was left out."""
        return not any(path[:len(cut)] == cut for cut in self.dropped)


def salvage(data: Any, locs: Iterable[KeyPath]) -> Salvaged | None:
    """Validate `data` without the values at `locs`; None if nothing sound is left."""
    from pydantic import ValidationError

    from docgen.model import Spec

    items: set[KeyPath] = set()
    leaves: set[KeyPath] = set()
    todo = list(locs)
    for _ in range(ROUNDS):
        for loc in todo:
            cut = _cut(data, loc)
            if cut is None:
                return None
            (items if isinstance(cut[-1], int) else leaves).add(cut)
        pruned, kept = _prune(data, items, leaves)
        try:
            spec = Spec.model_validate(pruned)
        except ValidationError as error:
            todo = [_original(kept, tuple(item["loc"])) for item in error.errors()]
            continue
        ghosts = {entry["id"] for entry in (_at(data, path) for path in items)
                  if isinstance(entry, dict) and isinstance(entry.get("id"), str)}
        return Salvaged(spec, ghosts, items | {leaf[:-1] for leaf in leaves}, kept)
    return None


def _original(kept: dict[KeyPath, list[int]], path: KeyPath) -> KeyPath:
    out: list[Any] = []
    for part in path:
        positions = kept.get(tuple(out))
        in_file = positions[part] if isinstance(part, int) and positions is not None \
            and part < len(positions) else part
        out.append(in_file)
    return tuple(out)


def _at(data: Any, path: KeyPath) -> Any:
    for part in path:
        data = data[part]
    return data


def _cut(data: Any, loc: KeyPath) -> KeyPath | None:
    """What to leave out for an error at `loc`: the outermost list entry holding it (the
    whole activity, not its one indicator: an activity without it would trip rules of
    its own) if that is a mapping, else the value itself (a list of words as a whole);
    None for an error at the top of the spec."""
    existing: list[Any] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
                isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)):
            if isinstance(node, list) and not isinstance(node[int(part)], dict):
                break  # an entry of a list of words or ids: the list goes, as a value
            existing.append(part)
            node = node[part] if isinstance(node, dict) else node[int(part)]
            if isinstance(part, int):
                return tuple(existing)
        else:
            break
    return tuple(existing) if len(existing) >= 2 else None


def _prune(data: Any, items: set[KeyPath],
           leaves: set[KeyPath]) -> tuple[Any, dict[KeyPath, list[int]]]:
    """A copy of `data` without `items` (list entries) and `leaves` (mapping values)."""
    pruned = copy.deepcopy(data)
    kept: dict[KeyPath, list[int]] = {}
    for leaf in sorted(leaves, key=len, reverse=True):
        if any(leaf[:len(item)] == item for item in items):
            continue
        parent = _at(pruned, leaf[:-1])
        parent.pop(leaf[-1], None)
    # Deepest lists first, and within a list the highest position first, so each
    # removal leaves the paths still to remove as they were in the file.
    for item in sorted(items, key=lambda path: (len(path), path[-1]), reverse=True):
        if any(item[:len(other)] == other and item != other for other in items | leaves):
            continue  # inside an entry or a value that goes anyway
        parent = _at(pruned, item[:-1])
        positions = kept.setdefault(item[:-1], list(range(len(parent))))
        position = item[-1]
        assert isinstance(position, int)
        del parent[positions.index(position)]
        positions.remove(position)
    return pruned, kept
