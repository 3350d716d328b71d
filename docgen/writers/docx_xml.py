"""Low-level WordprocessingML for the Word writer: paragraphs, runs, fields, bookmarks.

In: text pieces already taken from the HTML and normalised (docx_text.Piece: text,
line break, tab or field, with bold, italic and link) and Word style ids. Out: lxml
elements of python-docx's oxml classes (`w:p`, `w:r`, `w:hyperlink`, ...) with their
children in the order the schema requires, so Word opens the file without repairing
it. Knows nothing of HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import oxml_parser
from lxml import etree

from docgen.writers.docx_text import Piece

Element = Any
"""An lxml element (lxml ships no type hints)."""

NSMAP = {"w": nsmap["w"]}
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@cache
def _clark(name: str) -> str:
    return qn(name)


def element(tag: str, **attrs: str) -> Element:
    """Make `w:tag` with `w:` attributes: element("w:jc", val="center")."""
    made = oxml_parser.makeelement(_clark(tag), nsmap=NSMAP)
    for name, value in attrs.items():
        made.set(_clark(f"w:{name}"), value)
    return made


def child(parent: Element, tag: str, **attrs: str) -> Element:
    """Append a new `tag` element to `parent` and return it."""
    return etree.SubElement(parent, _clark(tag),
                            {_clark(f"w:{name}"): value for name, value in attrs.items()})


def paragraph(style: str | None = None, *, keep_next: bool = False,
              page_break_before: bool = False, num: tuple[int, int] | None = None,
              tabs: Iterable[tuple[str, int]] = (), before: int | None = None,
              after: int | None = None, line: tuple[int, str] | None = None,
              left: int | None = None, mark_size: int | None = None,
              align: str | None = None) -> Element:
    """Make a `w:p` with its properties (twips; `num` is (numId, level); `align` a
    `w:jc` value that overrides the style's)."""
    p = element("w:p")
    ppr = child(p, "w:pPr")
    if style:
        child(ppr, "w:pStyle", val=style)
    if keep_next:
        child(ppr, "w:keepNext")
    if page_break_before:
        child(ppr, "w:pageBreakBefore")
    if num is not None:
        numpr = child(ppr, "w:numPr")
        child(numpr, "w:ilvl", val=str(num[1]))
        child(numpr, "w:numId", val=str(num[0]))
    tab_list = list(tabs)
    if tab_list:
        tabs_el = child(ppr, "w:tabs")
        for kind, pos in sorted(tab_list, key=lambda tab: tab[1]):
            child(tabs_el, "w:tab", val=kind, pos=str(pos))
    if before is not None or after is not None or line is not None:
        spacing = child(ppr, "w:spacing")
        if before is not None:
            spacing.set(qn("w:before"), str(before))
        if after is not None:
            spacing.set(qn("w:after"), str(after))
        if line is not None:
            spacing.set(qn("w:line"), str(line[0]))
            spacing.set(qn("w:lineRule"), line[1])
    _indent_align_mark(ppr, left, align, mark_size)
    return p


def _indent_align_mark(ppr: Element, left: int | None, align: str | None,
                       mark_size: int | None) -> None:
    """The last of a paragraph's properties, in schema order: w:ind, w:jc, w:rPr."""
    if left is not None:
        child(ppr, "w:ind", left=str(left))
    if align is not None:
        child(ppr, "w:jc", val=align)
    if mark_size is not None:
        rpr = child(ppr, "w:rPr")
        child(rpr, "w:sz", val=str(mark_size))
        child(rpr, "w:szCs", val=str(mark_size))


AFTER_SPACING = tuple(qn(f"w:{tag}") for tag in (
    "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr"))


def space_after(p: Element, after: int) -> None:
    """Set the space after paragraph `p`, keeping `w:pPr` in schema order."""
    ppr = p.find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    if spacing is None:
        spacing = element("w:spacing")
        later = next((node for node in ppr if node.tag in AFTER_SPACING), None)
        if later is None:
            ppr.append(spacing)
        else:
            later.addprevious(spacing)
    spacing.set(qn("w:after"), str(after))


def run(text: str | None = None, *, bold: bool = False, italic: bool = False,
        style: str | None = None, whole: bool = False) -> Element:
    """Make a `w:r` holding `text` (or nothing, for the caller to fill). `whole`: kept
    on one line, each hyphen a non-breaking one (`w:noBreakHyphen`), each space a
    no-break space."""
    r = element("w:r")
    if bold or italic or style:
        rpr = child(r, "w:rPr")
        if style:
            child(rpr, "w:rStyle", val=style)
        if bold:
            child(rpr, "w:b")
            child(rpr, "w:bCs")
        if italic:
            child(rpr, "w:i")
            child(rpr, "w:iCs")
    if text and whole:
        for index, part in enumerate(text.replace(" ", "\u00a0").split("-")):
            if index:
                child(r, "w:noBreakHyphen")
            if part:
                _text(r, part)
    elif text:
        _text(r, text)
    return r


def _text(r: Element, text: str) -> None:
    t = child(r, "w:t")
    t.text = text
    if text != text.strip():
        t.set(XML_SPACE, "preserve")


def field(parent: Element, instr: str, cached: str, *, bold: bool = False,
          italic: bool = False) -> None:
    """Append a complex field (begin, instruction, separate, cached result, end)."""
    parent.extend(field_start(instr, bold=bold, italic=italic))
    if cached:
        parent.append(run(cached, bold=bold, italic=italic))
    parent.append(field_end(bold=bold, italic=italic))


def field_start(instr: str, *, bold: bool = False, italic: bool = False) -> list[Element]:
    """The runs that open a field up to its cached result."""
    begin = run(bold=bold, italic=italic)
    child(begin, "w:fldChar", fldCharType="begin")
    code = run(bold=bold, italic=italic)
    text = child(code, "w:instrText")
    text.text = f" {instr} "
    text.set(XML_SPACE, "preserve")
    separate = run(bold=bold, italic=italic)
    child(separate, "w:fldChar", fldCharType="separate")
    return [begin, code, separate]


def field_end(*, bold: bool = False, italic: bool = False) -> Element:
    """The run that closes a field."""
    end = run(bold=bold, italic=italic)
    child(end, "w:fldChar", fldCharType="end")
    return end


def add_runs(parent: Element, pieces: Iterable[Piece],
             hyperlink: Callable[[str], Element] | None = None,
             link_style: str | None = None,
             revision: Callable[[str], Element] | None = None) -> None:
    """Append runs for `pieces`; neighbours sharing a link go in one `w:hyperlink`, and
    neighbours in one tracked change (`piece.change`, for a redline) in one `w:ins` or
    `w:del` made by `revision`."""
    holder, current = parent, None
    wrapper, change = None, ""
    for piece in pieces:
        if piece.link != current:
            holder, current = parent, piece.link
            wrapper, change = None, ""
            if piece.link is not None and hyperlink is not None:
                holder = hyperlink(piece.link)
                parent.append(holder)
        style = link_style if holder is not parent else None
        target = holder
        if piece.change and revision is not None:
            if wrapper is None or change != piece.change:
                wrapper, change = revision(piece.change), piece.change
                holder.append(wrapper)
            target = wrapper
        else:
            wrapper, change = None, ""
        made: list[Element] = []
        if piece.kind == "text":
            made.append(run(piece.text, bold=piece.bold, italic=piece.italic, style=style,
                            whole=piece.whole))
        elif piece.kind == "field":
            made.extend(field_start(piece.instr, bold=piece.bold, italic=piece.italic))
            if piece.text:
                made.append(run(piece.text, bold=piece.bold, italic=piece.italic))
            made.append(field_end(bold=piece.bold, italic=piece.italic))
        else:
            r = run(bold=piece.bold, italic=piece.italic, style=style)
            child(r, "w:br" if piece.kind == "br" else "w:tab")
            made.append(r)
        for r in made:
            target.append(_deleted(r) if target is not holder and change == "del" else r)


def _deleted(r: Element) -> Element:
    """A run inside `w:del`: its text is `w:delText` (and a field's, `w:delInstrText`)."""
    for node in r:
        if node.tag == qn("w:t"):
            node.tag = qn("w:delText")
        elif node.tag == qn("w:instrText"):
            node.tag = qn("w:delInstrText")
    return r


def bookmark(p: Element, number: int, name: str) -> None:
    """Wrap the content of paragraph `p` in a bookmark."""
    start = element("w:bookmarkStart", id=str(number), name=name)
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        p.insert(0, start)
    else:
        ppr.addnext(start)
    p.append(element("w:bookmarkEnd", id=str(number)))


def page_break_paragraph() -> Element:
    """A paragraph holding only a page break, as small as it can be."""
    p = tiny_paragraph()
    r = child(p, "w:r")
    child(r, "w:br", type="page")
    return p


def tiny_paragraph() -> Element:
    """A 1 pt empty paragraph: what Word needs after a table or to hold a section break."""
    return paragraph(before=0, after=0, line=(20, "exact"), mark_size=2)
