"""Word tracked changes for a redline: `<ins>`/`<del>` and changed blocks as revisions.

In: the pieces and elements the walk makes, and what the redline's HTML marks — `ins`
and `del` around words, `data-change="inserted|deleted"` on a paragraph, list item,
heading or table row. Out: `w:ins` / `w:del` around runs (deleted text as
`w:delText`), inserted and deleted paragraph marks (`w:pPr/w:rPr/w:ins|w:del`) and
rows (`w:trPr/w:ins|w:del`), each with the redline's author and the new version's
date, so Word's and LibreOffice's "Accept all" give the new text and "Reject all" the
old. Ids start high: bookmarks use the low ones, and Word wants one id per annotation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from docx.oxml.ns import qn

from docgen.writers.docx_xml import Element, child, element

KINDS = {"ins": "w:ins", "del": "w:del", "inserted": "w:ins", "deleted": "w:del"}
"""An HTML change (inline tag or block's data-change) -> its Word revision element."""
FIRST_ID = 1_000_000


@dataclass
class Revisions:
    """Who made the changes and when, and the next revision id."""

    author: str
    date: dt.date
    next_id: int = FIRST_ID

    def make(self, kind: str) -> Element:
        """A new `w:ins` or `w:del` (kind "ins"/"inserted" or "del"/"deleted")."""
        made = element(KINDS[kind], id=str(self.next_id), author=self.author,
                       date=f"{self.date.isoformat()}T00:00:00Z")
        self.next_id += 1
        return made


def mark_paragraph(p: Element, kind: str, revisions: Revisions) -> None:
    """Record a paragraph's mark as inserted or deleted (first in its `w:pPr/w:rPr`)."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = element("w:pPr")
        p.insert(0, ppr)
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = child(ppr, "w:rPr")
        sect = ppr.find(qn("w:sectPr"))
        if sect is not None:
            sect.addprevious(rpr)
    rpr.insert(0, revisions.make(kind))


def mark_row(trpr: Element, kind: str, revisions: Revisions) -> None:
    """Record a table row as inserted or deleted (after the row's other properties)."""
    trpr.append(revisions.make(kind))
