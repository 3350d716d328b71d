"""The Word writer's state while it walks the HTML, and inline HTML read as text pieces.

In: the parsed HTML of one document (lxml.html elements) and the python-docx Document
being built. Out: `State` (style ids, lists, bookmarks, a pending page break, the
paragraph maker every handler uses, the error for an element outside the subset),
`check_subset()`, and `inline()`, which turns an element's inline content (text,
`strong`, `em`, `br`, `a`, `span`; a `span.code` kept whole) into `Piece`s.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from docgen.errors import DocgenError
from docgen.writers.columns import CODE
from docgen.writers.docx_css import ColumnRule
from docgen.writers.docx_lists import Numbering
from docgen.writers.docx_revisions import Revisions, mark_paragraph
from docgen.writers.docx_text import Piece, normalize
from docgen.writers.docx_xml import Element, add_runs, bookmark, element
from docgen.writers.docx_xml import paragraph as make_paragraph

INLINE = frozenset({"strong", "em", "br", "a", "span", "ins", "del"})
ALLOWED = INLINE | {"html", "head", "title", "meta", "link", "style", "body", "div", "header",
                    "nav", "main", "section", "h1", "h2", "h3", "h4", "p", "ol", "li", "table",
                    "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "svg"}
"""templates/README.md, "The HTML subset"."""
DRAWING = frozenset({"rect", "line", "polyline", "path", "circle", "text", "title", "desc"})
"""What a chart's `svg` may hold (docgen.charts.raster draws each)."""
SPACED = frozenset({"heading 1", "heading 2", "heading 3", "Title", "TOC Heading"})
"""Styles whose own space before exceeds the 12 pt a table or the contents keep."""
BOOKMARK = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,39}")
"""An id Word keeps as a bookmark name as it is; others are rewritten."""


def classes(el: Element) -> set[str]:
    """The element's classes."""
    return set((el.get("class") or "").split())


def where(el: Element, name: str) -> str:
    """" (line 12 of the framework HTML)", when lxml knows the line."""
    return f" (line {el.sourceline} of the {name} HTML)" if el.sourceline else ""


def check_subset(root: Element, name: str) -> None:
    """Refuse the first element outside the subset, naming it and its line."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        in_drawing = next(el.iterancestors("svg"), None) is not None
        if el.tag not in (DRAWING if in_drawing else ALLOWED):
            raise DocgenError(f"the Word writer cannot show <{el.tag}>{where(el, name)}; "
                              "templates may use only the elements listed in "
                              "templates/README.md")


def bookmark_names(root: Element) -> dict[str, str]:
    """Map every id in the HTML to a unique Word bookmark name (the id, if Word takes it)."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for el in root.iter():
        ident = el.get("id") if isinstance(el.tag, str) else None
        if not ident or ident in names:
            continue
        base = ident if BOOKMARK.fullmatch(ident) else \
            ("b_" + re.sub(r"[^A-Za-z0-9_]", "_", ident))[:40]
        name, number = base, 2
        while name in used:
            suffix = f"_{number}"
            name, number = base[:40 - len(suffix)] + suffix, number + 1
        names[ident] = name
        used.add(name)
    return names


@dataclass
class Sink:
    """Where blocks go: the body (before its last section properties) or a table cell."""

    append: Callable[[Element], None]
    width: int
    """The width blocks may take, in twips."""
    in_cell: bool = False
    indent: int = 0
    """Extra left indent for paragraphs, in twips."""


@dataclass
class State:
    """What the walk knows and has made so far."""

    document: Any
    name: str
    styles: dict[str, str]
    numbering: Numbering
    page_of: dict[str, int]
    anchors: dict[str, str]
    levels: dict[str, int]
    """Heading id -> outline level (h2 -> 1), for the contents entries."""
    columns: list[ColumnRule] = field(default_factory=list)
    """Column widths document.css sets."""
    body_classes: set[str] = field(default_factory=set)
    running: Element | None = None
    body: Sink | None = None
    bookmarked: set[str] = field(default_factory=set)
    next_bookmark: int = 0
    paragraph_list: tuple[int, int] | None = None
    """The Word list that numbers the body's paragraphs, and the number it gives next."""
    pending_ids: list[str] = field(default_factory=list)
    """Ids of elements that make no paragraph of their own (a row, a cell, a section):
    their bookmarks go on the next paragraph written, so every keyed block has one."""
    break_pending: bool = False
    gap: int = 0
    """Space (twips) the next body paragraph keeps from what ended: a table, the contents."""
    restore_portrait: bool = False
    charts: int = 0
    """Charts written so far (each names its picture and its SVG part by its number)."""
    revisions: Revisions | None = None
    """A redline's author and date: its `ins`/`del` become tracked changes."""

    def paragraph_number(self, number: int) -> tuple[int, int]:
        """The `num` (numId, level) under which Word gives a numbered paragraph `number`.

        One Word list numbers the body's paragraphs through, so a paragraph inserted in
        Word renumbers the rest; should the HTML's numbers ever jump, a new list starts
        at the printed number, so Word shows exactly what the PDF shows.
        """
        if self.paragraph_list is None or self.paragraph_list[1] != number:
            self.paragraph_list = (self.numbering.new_list("para", 0, number), number)
        num_id = self.paragraph_list[0]
        self.paragraph_list = (num_id, number + 1)
        return (num_id, 0)

    def next_chart(self) -> int:
        """The number of the next chart: 1, 2, 3 … in document order."""
        self.charts += 1
        return self.charts

    def style(self, name: str) -> str:
        """The style id of a docgen style name."""
        return self.styles[name]

    def take_break(self, sink: Sink) -> bool:
        """Whether the next block in `sink` starts a new page (and the break is used up)."""
        if sink.in_cell or not self.break_pending:
            return False
        self.break_pending = False
        return True

    def refuse(self, el: Element, inside: Element | None = None) -> DocgenError:
        """The error for an element the Word writer cannot show where it is."""
        context = f" inside <{inside.tag}>" if inside is not None else ""
        return DocgenError(f"the Word writer cannot show <{el.tag}>{context}"
                           f"{where(el, self.name)}; templates/README.md lists the "
                           "elements templates may use and what each may hold")

    def hyperlink(self, link: str) -> Element:
        """A `w:hyperlink` to a bookmark ("#id") or to an external address."""
        if link.startswith("#"):
            anchor = self.anchors.get(link[1:], link[1:])
            return element("w:hyperlink", anchor=anchor, history="1")
        rid = self.document.part.relate_to(link, RT.HYPERLINK, is_external=True)
        made = element("w:hyperlink", history="1")
        made.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id", rid)
        return made

    def paragraph(self, sink: Sink, style: str, pieces: list[Piece], el: Element = None,
                  **props: Any) -> Element:
        """Make a paragraph of docgen style `style`, fill it and hand it to `sink`."""
        if self.take_break(sink):
            props["page_break_before"] = True
        if not sink.in_cell and self.gap:
            if style not in SPACED:
                props.setdefault("before", self.gap)
            self.gap = 0
        if sink.indent and "left" not in props:
            props["left"] = sink.indent
        p = make_paragraph(self.style(style), **props)
        add_runs(p, normalize(pieces), self.hyperlink, self.style("Hyperlink"),
                 None if self.revisions is None else self.revisions.make)
        change = el.get("data-change") if el is not None else None
        if change in ("inserted", "deleted") and self.revisions is not None:
            mark_paragraph(p, change, self.revisions)
        idents, self.pending_ids = self.pending_ids, []
        if el is not None and el.get("id"):
            idents.append(el.get("id") or "")
        for ident in idents:
            if ident not in self.bookmarked:
                self.bookmarked.add(ident)
                bookmark(p, self.next_bookmark, self.anchors[ident])
                self.next_bookmark += 1
        sink.append(p)
        return p


def inline(state: State, el: Element, out: list[Piece], *, bold: bool = False,
           italic: bool = False, link: str | None = None, fields: bool = False,
           change: str = "") -> None:
    """Append the pieces of `el`'s content (not its tail) to `out`.

    `fields`: `span.page-number` / `span.page-count` become PAGE / NUMPAGES fields.
    """
    if el.text:
        out.append(Piece(el.text, bold=bold, italic=italic, link=link, change=change))
    for node in el:
        if isinstance(node.tag, str):
            inline_node(state, node, out, bold=bold, italic=italic, link=link, fields=fields,
                        change=change)
        if node.tail:
            out.append(Piece(node.tail, bold=bold, italic=italic, link=link, change=change))


def inline_node(state: State, node: Element, out: list[Piece], *, bold: bool = False,
                italic: bool = False, link: str | None = None, fields: bool = False,
                change: str = "") -> None:
    """Append the pieces of one inline element (not its tail), refusing anything else."""
    tag, names = node.tag, classes(node)
    if tag == "br":
        out.append(Piece(kind="br", bold=bold, italic=italic, link=link, change=change))
    elif tag in ("ins", "del"):
        inline(state, node, out, bold=bold, italic=italic, link=link, fields=fields, change=tag)
    elif tag in ("strong", "em"):
        inline(state, node, out, bold=bold or tag == "strong", italic=italic or tag == "em",
               link=link, fields=fields, change=change)
    elif tag == "a":
        inline(state, node, out, bold=bold, italic=italic, link=node.get("href") or link,
               fields=fields, change=change)
    elif tag == "span" and fields and names & {"page-number", "page-count"}:
        instr = "PAGE" if "page-number" in names else "NUMPAGES"
        out.append(Piece(node.text_content().strip(), kind="field", instr=instr))
    elif tag == "span" and CODE in names:
        inside: list[Piece] = []
        inline(state, node, inside, bold=bold, italic=italic, link=link, fields=fields,
               change=change)
        out.extend(replace(piece, whole=True) if piece.kind == "text" else piece
                   for piece in inside)
    elif tag == "span":
        inline(state, node, out, bold=bold, italic=italic, link=link, fields=fields,
               change=change)
    else:
        raise state.refuse(node, inside=node.getparent())
