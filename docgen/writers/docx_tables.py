"""Tables for the Word writer: `table.grid` data tables and `table.signature-block`.

In: a `<table>` element, the `Sink` it goes into, and a function that writes one cell's
content. Out: a `w:tbl` built directly with lxml (no python-docx row or cell objects,
so a 1,000-row roadmap stays linear) with a named table style, fixed column widths that
add up to the width available (document.css's, widened where a column cannot hold its
longest word: `columns.fit`, as in the PDF), `<thead>` rows repeating on every page,
rows that never split across pages, and shaded heading cells. Signature blocks have no borders and
their one row stays on one page. Widths, type sizes, padding, the heading shade and the
space after a table are the build's document.css's (docx_geometry). A table's name
and description in the HTML (`aria-label`, or the text of what `aria-labelledby` and
`aria-describedby` point at) become its title and description in Word (Alt Text).
"""

from __future__ import annotations

from collections.abc import Callable

from docx.oxml.ns import qn

from docgen.errors import DocgenError
from docgen.writers import docx_css as css
from docgen.writers.columns import fit, type_size
from docgen.writers.docx_geometry import geometry_of
from docgen.writers.docx_revisions import mark_row
from docgen.writers.docx_state import Sink, State, classes, where
from docgen.writers.docx_xml import Element, child, element, page_break_paragraph, paragraph

CellFlow = Callable[[Element, Sink, str], None]
"""Writes a cell's content into a sink, with the cell's default paragraph style."""


def table(state: State, el: Element, sink: Sink, flow: CellFlow) -> None:
    """Write `el` into `sink` as a Word table."""
    names = classes(el)
    signature = "signature-block" in names
    small = "matrix" in names
    geometry = geometry_of(state.document)
    font = type_size(geometry, names)
    rows = _rows(state, el)
    pad = geometry.signature_padding if signature else geometry.cell_padding
    padding = pad[1] + pad[3]
    if signature:
        count = max((sum(_span(cell) for cell in cells) for _, _, cells in rows), default=1)
        first = [classes(cell) for cell in rows[0][2]] if rows else []
        first += [set()] * (count - len(first))
        widths = css.widths(state.columns, names, first[:count], sink.width, font)
    else:
        widths, _ = fit(el, state.columns, sink.width, font, padding=padding,
                        indent=geometry.depth_indent)
    if state.take_break(sink):
        sink.append(page_break_paragraph())
    state.gap = 0
    tbl = _table(state, signature, widths, *_names(el))
    if signature:
        text_style = head_style = "Signature Name"
    else:
        text_style, head_style = ("Matrix Text", "Matrix Heading") if small else \
            ("Table Text", "Table Heading")
    for row, head, cells in rows:
        tr = _row(state, tbl, row, head)
        depth = _depth(row)
        column = 0
        for index, cell in enumerate(cells):
            span = _span(cell)
            width = sum(widths[column:column + span])
            column += span
            tc = child(tr, "w:tc")
            tcpr = child(tc, "w:tcPr")
            child(tcpr, "w:tcW", w=str(width), type="dxa")
            if span > 1:
                child(tcpr, "w:gridSpan", val=str(span))
            heading = cell.tag == "th"
            if heading and not signature:
                child(tcpr, "w:shd", val="clear", color="auto", fill=geometry.heading_fill)
            indent = geometry.depth_indent(depth) if index == 1 else 0
            flow(cell, Sink(tc.append, max(width - padding, 400), in_cell=True, indent=indent),
                 head_style if heading else text_style)
            if tc[-1].tag != qn("w:p"):
                tc.append(paragraph(state.style(text_style)))
    sink.append(tbl)
    if not sink.in_cell:
        state.gap = 0 if signature else geometry.table_gap


def _row(state: State, tbl: Element, row: Element, head: bool) -> Element:
    """A new `w:tr`: never split, repeated if a header row, and, in a redline, marked
    inserted or deleted as the HTML row's `data-change` says."""
    tr = child(tbl, "w:tr")
    trpr = child(tr, "w:trPr")
    child(trpr, "w:cantSplit")
    if head:
        child(trpr, "w:tblHeader")
    if row.get("data-change") in ("inserted", "deleted") and state.revisions is not None:
        mark_row(trpr, row.get("data-change") or "", state.revisions)
    return tr


def _names(el: Element) -> tuple[str, str]:
    """The table's name and description, as a screen reader finds them in the HTML:
    `aria-labelledby` before `aria-label`, each whitespace-normalised."""
    root = el.getroottree().getroot()

    def text(attribute: str) -> str:
        found = (root.get_element_by_id(ident, None) for ident in (el.get(attribute) or
                                                                    "").split())
        return " ".join(" ".join(node.text_content() for node in found if node is not None)
                        .split())

    return (text("aria-labelledby") or " ".join((el.get("aria-label") or "").split()),
            text("aria-describedby"))


def _table(state: State, signature: bool, widths: list[int], name: str = "",
           description: str = "") -> Element:
    """An empty `w:tbl`: its style, fixed layout, title and description, column grid."""
    tbl = element("w:tbl")
    tblpr = child(tbl, "w:tblPr")
    child(tblpr, "w:tblStyle", val=state.style("Signature Block" if signature else "Data Table"))
    child(tblpr, "w:tblW", w=str(sum(widths)), type="dxa")
    child(tblpr, "w:tblLayout", type="fixed")
    child(tblpr, "w:tblLook", val="0000" if signature else "0620",
          firstRow="0" if signature else "1", lastRow="0", firstColumn="0", lastColumn="0",
          noHBand="1", noVBand="1")
    if name:
        child(tblpr, "w:tblCaption", val=name)
    if description:
        child(tblpr, "w:tblDescription", val=description)
    grid = child(tbl, "w:tblGrid")
    for width in widths:
        child(grid, "w:gridCol", w=str(width))
    return tbl


def _rows(state: State, el: Element) -> list[tuple[Element, bool, list[Element]]]:
    """Every row with whether it is a header row and its cells, refusing strays."""
    rows: list[tuple[Element, bool, list[Element]]] = []
    for part in _elements(el):
        if part.tag == "tr":
            rows.append((part, False, _cells(state, part)))
        elif part.tag in ("thead", "tbody"):
            for row in _elements(part):
                if row.tag != "tr":
                    raise state.refuse(row, inside=part)
                rows.append((row, part.tag == "thead", _cells(state, row)))
        else:
            raise state.refuse(part, inside=el)
    return rows


def _cells(state: State, row: Element) -> list[Element]:
    cells = _elements(row)
    for cell in cells:
        if cell.tag not in ("th", "td"):
            raise state.refuse(cell, inside=row)
        if _number(cell.get("rowspan")) > 1:
            raise DocgenError(f"the Word writer cannot merge table rows (rowspan on <{cell.tag}>"
                              f"{where(cell, state.name)}); use one row per line instead")
    return cells


def _elements(el: Element) -> list[Element]:
    return [node for node in el if isinstance(node.tag, str)]


def _number(value: str | None) -> int:
    try:
        return max(int(value or "1"), 1)
    except ValueError:
        return 1


def _span(cell: Element) -> int:
    return _number(cell.get("colspan"))


def _depth(row: Element) -> int:
    for name in sorted(classes(row)):
        if name.startswith("depth-") and name[6:].isdigit():
            return int(name[6:])
    return 0
