"""Pages for the Word writer: page setup, section breaks, running header and footer, contents.

In: the `State` (with `div.running` found) and the `nav.toc` element. Out: sections
with the size, orientation and margins of the build's document.css, `@page` or, for a
wide annex, `@page wide` (see docx_geometry); each with a header (running title left,
status right-aligned at the margin) and a footer "Page N of M" built from PAGE and
NUMPAGES fields, the first page without a header; and a TOC field whose entries are
already filled in: one paragraph per contents entry, a link to its heading, with the
page number the PDF layout gave it.
"""

from __future__ import annotations

from dataclasses import replace

from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Twips

from docgen.writers.docx_geometry import geometry_of
from docgen.writers.docx_state import Sink, State, classes, inline, inline_node
from docgen.writers.docx_text import Piece, normalize
from docgen.writers.docx_xml import (
    Element,
    add_runs,
    child,
    element,
    field,
    field_end,
    field_start,
    paragraph,
    tiny_paragraph,
)

TOC_FIELD = 'TOC \\o "1-{deepest}" \\h \\z \\u'
"""The contents field: heading levels 1 to the deepest level the stored entries have."""
HEADINGS = ("h1", "h2", "h3", "h4")
HEADER_DISTANCE, FOOTER_DISTANCE = 680, 567
"""12 mm and 10 mm from the page's edge, in twips: Word's own (a CSS page-margin box
fills the margin instead); every other measure of the page comes from document.css."""


def first_section(state: State) -> None:
    """Set up the document's first section: portrait, no header on its first page."""
    _configure(state, state.document.element.body.get_or_add_sectPr(), False, first=True)


def new_section(state: State, landscape: bool) -> None:
    """End the current section here and start a new one on a new page."""
    body = state.document.element.body
    sentinel = body.get_or_add_sectPr()
    last = sentinel.getprevious()
    state.break_pending = False
    if last is None:
        _configure(state, sentinel, landscape, first=True)
        return
    if last.tag != qn("w:p") or last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
        last = tiny_paragraph()
        sentinel.addprevious(last)
    last.set_sectPr(sentinel.clone())
    for reference in sentinel.xpath("w:headerReference|w:footerReference"):
        sentinel.remove(reference)
    _configure(state, sentinel, landscape, first=False)


def _configure(state: State, sect_pr: Element, landscape: bool, first: bool) -> None:
    """Page size, orientation and margins of `@page` (or `@page wide` when `landscape`)."""
    section = Section(sect_pr, state.document.part)
    geometry = geometry_of(state.document)
    paper = geometry.wide if landscape else geometry.portrait
    top, right, bottom, left = paper.margins
    section.orientation = WD_ORIENT.LANDSCAPE if paper.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Twips(paper.width), Twips(paper.height)
    section.top_margin, section.right_margin = Twips(top), Twips(right)
    section.bottom_margin, section.left_margin = Twips(bottom), Twips(left)
    section.header_distance, section.footer_distance = Twips(HEADER_DISTANCE), Twips(
        FOOTER_DISTANCE)
    section.gutter = Twips(0)
    section.different_first_page_header_footer = first
    text_width = paper.text_width
    if state.body is not None:
        state.body.width = text_width
    title, status, page, source = _running(state)
    header_line = title + ([Piece(kind="tab")] if status else []) + status

    def footer() -> list[Element]:  # a final's spec digest below the page number
        return [_line(state, "footer", page, text_width)] + (  # (paged.css: @bottom-right)
            [_line(state, "footer", source, text_width, align="right")] if source else [])

    if not first:
        section.header.is_linked_to_previous = False
    _fill(section.header.part.element, _line(state, "header", header_line, text_width))
    if first:
        _fill(section.first_page_header.part.element, _line(state, "header", [], text_width))
        _fill(section.footer.part.element, *footer())
        _fill(section.first_page_footer.part.element, *footer())


def _running(state: State) -> tuple[list[Piece], list[Piece], list[Piece], list[Piece]]:
    """The pieces of the running title, status, page line and source (`div.running`)."""
    parts: dict[str, list[Piece]] = {"running-title": [], "running-status": [],
                                     "running-page": [], "running-source": []}
    if state.running is not None:
        for span in state.running:
            if not isinstance(span.tag, str):
                continue
            if span.tag != "span":
                raise state.refuse(span, inside=state.running)
            for name in sorted(classes(span) & parts.keys()):
                inline(state, span, parts[name], fields=True)
    return (parts["running-title"], parts["running-status"], parts["running-page"],
            parts["running-source"])


def _line(state: State, style: str, pieces: list[Piece], width: int,
          align: str | None = None) -> Element:
    """A header or footer paragraph; the style's own tab stops are cleared."""
    style_id = state.style(style)
    stops = state.document.styles.element.xpath(
        f'w:style[@w:styleId="{style_id}"]/w:pPr/w:tabs/w:tab/@w:pos')
    tabs = [("clear", int(pos)) for pos in stops if int(pos) != width]
    p = paragraph(style_id, tabs=[*tabs, ("right", width)], align=align)
    add_runs(p, normalize(replace(piece, link=None) for piece in pieces))
    return p


def _fill(part_root: Element, *paragraphs: Element) -> None:
    for old in list(part_root):
        part_root.remove(old)
    part_root.extend(paragraphs)


def contents(state: State, nav: Element, sink: Sink) -> None:
    """Write `nav.toc`: its title, then a TOC field already filled with its entries."""
    entries: list[tuple[int, str | None, list[Piece]]] = []
    for node in nav:
        if not isinstance(node.tag, str):
            continue
        if node.tag in HEADINGS:
            pieces: list[Piece] = []
            inline(state, node, pieces)
            state.paragraph(sink, "TOC Heading", pieces, node)
        elif node.tag == "ol":
            _entries(state, node, 1, entries)
        else:
            raise state.refuse(node, inside=nav)
    _toc_field(state, sink, entries)
    if "minutes" not in state.body_classes:
        state.break_pending = True
    else:
        state.gap = geometry_of(state.document).toc_gap


def _entries(state: State, ol: Element, depth: int,
             out: list[tuple[int, str | None, list[Piece]]]) -> None:
    for li in ol:
        if not isinstance(li.tag, str):
            continue
        if li.tag != "li":
            raise state.refuse(li, inside=ol)
        pieces = [Piece(li.text)] if li.text else []
        anchor, nested = None, []
        for node in li:
            if node.tag == "ol":
                nested.append(node)
            elif isinstance(node.tag, str):
                href = node.get("href") or ""
                if node.tag == "a" and anchor is None and href.startswith("#"):
                    anchor = href[1:]
                inline_node(state, node, pieces)
            if node.tail:
                pieces.append(Piece(node.tail))
        level = state.levels.get(anchor, depth) if anchor else depth
        out.append((min(level, 3), anchor, [replace(p, link=None) for p in pieces]))
        for sub in nested:
            _entries(state, sub, depth + 1, out)


def _toc_field(state: State, sink: Sink,
               entries: list[tuple[int, str | None, list[Piece]]]) -> None:
    if not entries:
        p = paragraph(state.style("toc 1"), page_break_before=state.take_break(sink))
        p.extend([*field_start(TOC_FIELD.format(deepest=3)), field_end()])
        sink.append(p)
        return
    # The field collects the levels the stored entries have, no more: updating it in
    # Word or LibreOffice then finds exactly these entries (and their pages).
    instruction = TOC_FIELD.format(deepest=max(level for level, _, _ in entries))
    for index, (level, anchor, pieces) in enumerate(entries):
        p = paragraph(state.style(f"toc {level}"), page_break_before=state.take_break(sink))
        if index == 0:
            p.extend(field_start(instruction))
        holder = p
        if anchor is not None:
            name = state.anchors.get(anchor, anchor)
            holder = child(p, "w:hyperlink", anchor=name, history="1")
        add_runs(holder, normalize(pieces))
        page = state.page_of.get(anchor) if anchor is not None else None
        if page is not None:
            tab = element("w:r")
            child(tab, "w:tab")
            holder.append(tab)
            field(holder, f"PAGEREF {state.anchors.get(anchor or '', anchor)} \\h", str(page))
        if index == len(entries) - 1:
            p.append(field_end())
        sink.append(p)
