"""The Word writer's walk over the HTML: every block element in document order.

In: the parsed HTML of one document (already checked against the subset) and a
`State`. Out: the body of the Word document — the cover, the contents field,
headings, paragraphs, lists, tables and section breaks — with `div.running` kept for
the page header and footer instead of the body. Each element of the subset in
templates/README.md has one handler here; one out of place stops the build.
"""

from __future__ import annotations

from docx.oxml.ns import qn

from docgen.writers.docx_figures import chart, is_chart
from docgen.writers.docx_geometry import geometry_of
from docgen.writers.docx_page import contents, first_section, new_section
from docgen.writers.docx_state import INLINE, Sink, State, classes, inline, inline_node
from docgen.writers.docx_tables import table
from docgen.writers.docx_text import Piece
from docgen.writers.docx_xml import Element, space_after, tiny_paragraph

P_STYLES = {
    "draft-banner": "Draft Banner", "para": "Numbered Paragraph", "clause": "Clause",
    "closing-formula": "Closing Formula", "see-actions": "See Actions",
    "cover-kind": "Cover Kind", "cover-parties": "Cover Parties", "cover-party": "Cover Party",
    "cover-meta": "Cover Meta", "sign-for": "Signature For", "sign-line": "Signature Line",
    "sign-name": "Signature Name", "sign-title": "Signature Name",
}
"""p class -> Word paragraph style; any other p takes its container's style."""
HOLDERS = frozenset({"section", "ol", "table"})
"""Elements that make no paragraph of their own: a key on one marks its first paragraph."""
HEADINGS = {"h1": "Title", "h2": "heading 1", "h3": "heading 2", "h4": "heading 3"}
SCROLL = "table-scroll"
"""The class of the box around a data table that scrolls it on a narrow screen."""
LANDSCAPE = "wide"
"""The class of sections on landscape pages: document.css `section.wide { page: wide }`."""


def walk(state: State, root: Element) -> None:
    """Write the whole document body."""
    body = state.document.element.body
    sentinel = body.get_or_add_sectPr()

    def append(block: Element) -> None:
        if state.restore_portrait:
            state.restore_portrait = False
            new_section(state, landscape=False)
        sentinel.addprevious(block)

    state.body = Sink(append, geometry_of(state.document).portrait.text_width)
    html_body = None
    for part in root:
        if part.tag == "head":
            _head(state, part)
        elif part.tag == "body":
            html_body = part
        elif isinstance(part.tag, str):
            raise state.refuse(part, inside=root)
    if html_body is None:
        return
    state.body_classes = classes(html_body)
    state.running = next((div for div in html_body.iter("div") if "running" in classes(div)),
                         None)
    first_section(state)
    flow(state, html_body, state.body, "Normal")
    last = sentinel.getprevious()
    if last is None or last.tag != qn("w:p"):
        sentinel.addprevious(tiny_paragraph())


def _head(state: State, head: Element) -> None:
    for node in head:
        if isinstance(node.tag, str) and node.tag not in ("title", "meta", "link", "style"):
            raise state.refuse(node, inside=head)


def flow(state: State, parent: Element, sink: Sink, style: str) -> None:
    """Write `parent`'s content: loose text and inline elements become paragraphs of
    `style` between the blocks."""
    pending: list[Piece] = [Piece(parent.text)] if parent.text else []
    for node in parent:
        if isinstance(node.tag, str) and node.tag in INLINE:
            inline_node(state, node, pending)
        elif isinstance(node.tag, str):
            _flush(state, sink, style, pending)
            block(state, node, sink, style)
        if node.tail:
            pending.append(Piece(node.tail))
    _flush(state, sink, style, pending)


def _flush(state: State, sink: Sink, style: str, pending: list[Piece]) -> None:
    if any(piece.kind != "text" or piece.text.strip(" \t\n\r\f") for piece in pending):
        state.paragraph(sink, style, pending)
    pending.clear()


def block(state: State, el: Element, sink: Sink, style: str) -> None:
    """Write one block element."""
    tag, names = el.tag, classes(el)
    if tag in HOLDERS and el.get("id"):
        state.pending_ids.append(el.get("id") or "")
    if tag == "p":
        _p(state, el, sink, style)
    elif tag in HEADINGS:
        pieces: list[Piece] = []
        inline(state, el, pieces)
        state.paragraph(sink, HEADINGS[tag], pieces, el)
    elif tag == "ol":
        ordered_list(state, el, sink, 0)
    elif tag == "table":
        table(state, el, sink, lambda cell, cell_sink, cell_style: _cell(
            state, cell, cell_sink, cell_style))
    elif tag in ("main", "section"):
        _section(state, el, sink, style)
    elif tag == "header" and "cover" in names:
        _cover(state, el, sink)
    elif tag == "nav" and "toc" in names:
        contents(state, el, sink)
    elif tag == "div" and "running" in names and el is state.running:
        return
    elif is_chart(el):
        chart(state, el, sink)
    elif tag == "div" and SCROLL in names:
        flow(state, el, sink, style)  # a box that scrolls on a screen: no mark in Word
    else:
        raise state.refuse(el, inside=el.getparent())


def _cell(state: State, cell: Element, sink: Sink, style: str) -> None:
    """A table cell: a keyed row's or cell's bookmark goes on its first paragraph."""
    row = cell.getparent()
    if row is not None and row.get("id") and cell is next(
            (c for c in row if isinstance(c.tag, str)), None):
        state.pending_ids.append(row.get("id") or "")
    if cell.get("id"):
        state.pending_ids.append(cell.get("id") or "")
    flow(state, cell, sink, style)


def _p(state: State, el: Element, sink: Sink, default: str, **props: object) -> None:
    """A `p`: the style of its first class that has one, else its container's.

    A numbered paragraph (`p.para`) is numbered by Word's own list, not typed: its
    `span.num` ("12.") gives the number the list must show, and is not written.
    """
    names = classes(el)
    style = next((P_STYLES[name] for name in sorted(names) if name in P_STYLES), default)
    pieces: list[Piece] = []
    number = _paragraph_number(el) if "para" in names else None
    if number is None:
        inline(state, el, pieces)
    else:
        props["num"] = state.paragraph_number(number)
        _inline_after_number(state, el, pieces)
    if "lead" in names:
        props["keep_next"] = True  # a lead-in stays on the page of the table it introduces
    state.paragraph(sink, style, pieces, el, **props)


def _paragraph_number(el: Element) -> int | None:
    """The number a `p.para` prints in its leading `span.num` ("12." -> 12), if any."""
    first = next((node for node in el if isinstance(node.tag, str)), None)
    if first is None or first.tag != "span" or "num" not in classes(first) or \
            (el.text or "").strip():
        return None
    text = first.text_content().strip().rstrip(".")
    return int(text) if text.isdigit() else None


def _inline_after_number(state: State, el: Element, pieces: list[Piece]) -> None:
    """The paragraph's content without its leading number and the space after it."""
    number = next(node for node in el if isinstance(node.tag, str))
    tail = (number.tail or "").lstrip()
    if tail:
        pieces.append(Piece(tail))
    for node in number.itersiblings():
        if isinstance(node.tag, str):
            inline_node(state, node, pieces)
        if node.tail:
            pieces.append(Piece(node.tail))


def _section(state: State, el: Element, sink: Sink, style: str) -> None:
    landscape = LANDSCAPE in classes(el) and not sink.in_cell
    if landscape:
        new_section(state, landscape=True)
    elif "annex" in classes(el) and not sink.in_cell:
        if state.restore_portrait:
            state.restore_portrait = False
            new_section(state, landscape=False)
        else:
            state.break_pending = True
    flow(state, el, sink, style)
    if landscape:
        state.restore_portrait = True


def _cover(state: State, el: Element, sink: Sink) -> None:
    """The cover: its own page, unless it is the minutes' heading block."""
    own_page = "minutes-cover" not in classes(el)
    previous: set[str] = set()
    first = True
    geometry = geometry_of(state.document)
    for node in el:
        if not isinstance(node.tag, str):
            continue
        names = classes(node)
        before = None
        if first and own_page:
            before = geometry.cover_top
        elif "cover-meta" in names and "cover-meta" in previous:
            before = geometry.cover_meta_gap
        if node.tag == "p" and before is not None:
            _p(state, node, sink, "Normal", before=before)
        else:
            block(state, node, sink, "Normal")
        previous, first = names, False
    if own_page:
        state.break_pending = True


def ordered_list(state: State, ol: Element, sink: Sink, level: int) -> None:
    """A Word list that starts again at its first number, one paragraph per item."""
    kind = "alpha" if "alpha" in classes(ol) else "decimal"
    try:
        start = int(ol.get("start") or "1")
    except ValueError:
        start = 1
    number = state.numbering.new_list(kind, min(level, 2), start)
    items = [li for li in ol if isinstance(li.tag, str)]
    for index, li in enumerate(items):
        if li.tag != "li":
            raise state.refuse(li, inside=ol)
        last = index == len(items) - 1 and level == 0  # document.css: ol margin-bottom
        _item(state, li, sink, (number, min(level, 2)), level=level, last=last)


def _item(state: State, li: Element, sink: Sink, num: tuple[int, int], *, level: int,
          last: bool) -> None:
    """One list item: its first paragraph numbered, further ones indented below it."""
    made: list[Element] = []  # this item's own paragraphs
    pending: list[Piece] = [Piece(li.text)] if li.text else []

    def flush() -> None:
        if not made or any(p.kind != "text" or p.text.strip() for p in pending):
            if made:
                indent = geometry_of(state.document).list_indent * (level + 1)
                made.append(state.paragraph(sink, "List Continue", pending, left=indent))
            else:
                made.append(state.paragraph(sink, "List Number", pending, li, num=num))
        pending.clear()

    for node in li:
        if isinstance(node.tag, str) and node.tag in INLINE:
            inline_node(state, node, pending)
        elif node.tag == "p":
            flush()
            inline(state, node, pending)
            flush()
        elif node.tag == "ol":
            flush()
            ordered_list(state, node, sink, level + 1)
        elif isinstance(node.tag, str):
            raise state.refuse(node, inside=li)
        if node.tail:
            pending.append(Piece(node.tail))
    flush()
    if last and made:
        space_after(made[-1], geometry_of(state.document).list_gap)
