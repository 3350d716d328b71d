"""The alternat: in each party's original, that party is named first and signs first.

Treaty practice (the alternat, still followed in bilateral treaties): every original of
the text goes to one party, and in its own original that party comes first: in the
title, on the cover, in the preamble and every list of the parties, and its signature
block takes the place of honour (the first, which is the left in a left-to-right text
and the right in a right-to-left one). docgen makes each original from the same spec:
the parties reordered, the others keeping their order, and, where the title names
every party word for word, their names in the title swapped into the same order. A
title that names the parties in another form (a declined noun in Russian or Kazakh)
keeps its words; the drafter then words it per original in the translation.
"""

from __future__ import annotations

import itertools

from docgen.model import Spec


def original_of(spec: Spec, party: str) -> Spec:
    """The spec as the original of `party` presents it."""
    first = [p for p in spec.parties if p.id == party]
    parties = first + [p for p in spec.parties if p.id != party]
    document = spec.document.model_copy(update={
        "title": _reordered(spec.document.title, [p.name for p in spec.parties],
                            [p.name for p in parties])})
    return spec.model_copy(update={"parties": parties, "document": document})


def _reordered(title: str, names: list[str], order: list[str]) -> str:
    """The title with the parties' names, where it holds each once, in `order`."""
    lowered = title.lower()
    spans = []
    for name in names:
        start = lowered.find(name.lower())
        if start < 0 or lowered.find(name.lower(), start + 1) >= 0:
            return title
        spans.append((start, start + len(name)))
    spans.sort()
    if any(a[1] > b[0] for a, b in itertools.pairwise(spans)):
        return title
    pieces, last = [], 0
    for (start, end), name in zip(spans, order, strict=True):
        pieces += [title[last:start], _cased(name, title[start])]
        last = end
    return "".join([*pieces, title[last:]])


def _cased(name: str, first: str) -> str:
    """Keep the title's capital (or small) letter where the name now starts."""
    return (name[:1].upper() if first.isupper() else name[:1].lower()) + name[1:]
