"""The outline: what a document is made of, numbered, each block with a stable key.

In: a `DocumentContext` (the checked spec with its names resolved). Out: for each
document, a typed `Outline` — parts with their headings, numbered paragraphs, list
items, table rows and signature blocks, in reading order, each with the number or
label a reader sees and a key. Everything that must line up (the three formats, two
versions of a draft, the language versions) lines up by these keys; templates lay the
outline out with their wording and never number, count or decide structure.

Keys name what a block shows, not where it sits: anything with an id in the spec
carries that id (`roadmap/R-2.1`, `targets/T-1.2`, `actions/AI-4`), so inserting an
activity or an objective changes no other id-bearing block's key. Blocks without an id
(preamble clauses, objectives, discussion paragraphs) take their list and position
(`objectives/2`); a redline aligns those by sequence. Keys are unique in a document.
"""

from __future__ import annotations

from typing import Any

from docgen.outline.blocks import Block, Numbers, Outline, Part, alpha, items, letter, roman
from docgen.outline.framework import framework
from docgen.outline.minutes import minutes
from docgen.outline.progress import progress_report
from docgen.paths import is_progress

__all__ = ["Block", "Numbers", "Outline", "Part", "alpha", "build_outline", "items", "letter",
           "roman"]


def build_outline(document: str, context: Any) -> Outline:
    """Return the outline of one document ("framework", "minutes" or a progress report)."""
    if is_progress(document):
        return progress_report(context)
    return framework(context) if document == "framework" else minutes(context)
