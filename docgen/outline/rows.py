"""Rows of the two big tables: targets (each whole followed by its parts) and activities.

In: the spec's targets, or the context for the roadmap. Out: `Block`s keyed by id
(`targets/T-1.2`, `roadmap/R-2.1`) with their printed numbers: "1", "1.1", "1.2" for a
whole and its parts, depth first; 1, 2, 3 for the activities in the order written.
"""

from __future__ import annotations

from typing import Any

from docgen.model.targets import Target
from docgen.outline.blocks import Block


def target_rows(targets: list[Target]) -> tuple[Block, ...]:
    """Order targets as a table reads them: each whole followed by its parts, depth-first."""
    children: dict[str | None, list[Target]] = {}
    known = {target.id for target in targets}
    for target in targets:
        parent = target.part_of if target.part_of in known else None
        children.setdefault(parent, []).append(target)
    rows: list[Block] = []
    stack = [(target, 0, str(n)) for n, target in reversed(list(
        enumerate(children.get(None, []), start=1)))]
    seen: set[str] = set()
    while stack:
        target, depth, label = stack.pop()
        if target.id in seen:
            continue
        seen.add(target.id)
        rows.append(Block(f"targets/{target.id}", "target", label, target, {"depth": depth}))
        parts = children.get(target.id, [])
        stack.extend((part, depth + 1, f"{label}.{n}")
                     for n, part in reversed(list(enumerate(parts, start=1))))
    return tuple(rows)


def activity_rows(ctx: Any) -> tuple[Block, ...]:
    """Return the roadmap's activities, numbered, with owners grouped by party and the
    targets their indicators count towards."""
    targets = {target.id: target for target in ctx.spec.targets}
    rows = []
    for number, activity in enumerate(ctx.spec.roadmap, start=1):
        by_party: dict[str, list[str]] = {party.id: [] for party in ctx.spec.parties}
        for owner in activity.owners:
            by_party.setdefault(ctx.party_of(owner), []).append(ctx.name(owner))
        rows.append(Block(f"roadmap/{activity.id}", "activity", str(number), activity, {
            "sectors": [ctx.name(s) for s in activity.sectors], "owners": by_party,
            "targets": {i.target: targets[i.target] for i in activity.indicators
                        if i.target in targets}}))
    return tuple(rows)
