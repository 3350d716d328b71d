"""The draft's annex "Status of negotiation": every open point of a document, by section.

In: a document's outline (its other parts). Out: the annex part, or None when nothing in
the document is open or ad referendum, or the document is final (a final with an open
point is refused before it is laid out: DG627). Points are found in what each block
shows, so the annex lists them in reading order, each under the section it stands in.
"""

from __future__ import annotations

from docgen.model.negotiation import Point, points
from docgen.outline.blocks import Block, Part, table


def negotiation_annex(parts: list[Part], label: str) -> Part | None:
    """Return the status annex of a draft whose other parts are `parts`, labelled `label`."""
    rows: list[Block] = []
    keys: set[str] = set()
    for part, block, point in _placed(parts):
        item = block.item
        key = f"negotiation/{block.key}"  # by the block it is in: a redline keeps the row
        key = next(f"{key}/{n}" for n in range(2, len(keys) + 3)
                   if f"{key}/{n}" not in keys) if key in keys else key
        keys.add(key)
        rows.append(Block(key, "negotiation_point",
                          str(len(rows) + 1), point, {
                              "part": part, "block": block,
                              "figure": not isinstance(point.subject, str)
                              and hasattr(item, "currency"),
                              "unit": getattr(item, "unit", None),
                              "currency": getattr(item, "currency", None)}))
    if not rows:
        return None
    return Part("annex:negotiation", "annex_negotiation", label, (table(
        "annex:negotiation-table", "negotiation_table", tuple(rows),
        title="annex:negotiation"),), css="annex")


def _placed(parts: list[Part]) -> list[tuple[Part, Block, Point]]:
    """Each point once, at the block that shows it: the block whose item it is, else the
    first block that holds it (an activity's row for its indicators), in reading order."""
    chosen: dict[int, tuple[int, Part, Block, Point]] = {}
    order = 0
    for part in parts:
        stack = list(reversed(part.blocks))
        while stack:
            block = stack.pop()
            order += 1
            for point in points(block.item) if block.item is not None else ():
                exact = block.item is point.subject
                if id(point.subject) not in chosen or exact:
                    chosen[id(point.subject)] = (order, part, block, point)
            stack.extend(reversed(block.children))
    return [(part, block, point) for _, part, block, point in sorted(
        chosen.values(), key=lambda found: found[0])]
