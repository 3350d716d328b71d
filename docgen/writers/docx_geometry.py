"""Page geometry and type for the Word writer, from the document.css the build uses.

In: a templates folder (its document.css, else docgen's own; see `asset()`). Out: a
`Geometry` in Word's units (twips, points, eighths of a point, "RRGGBB"): each page
type's size, orientation and margins (`@page`, `@page wide`), the body font, and for
each kind of block docgen styles its type size, line height, space before and after
and colour, with indents, cell padding, borders, column widths and where words are
hyphenated (`hyphens`). Nothing here is a
copy of the stylesheet: a house style's document.css changes the Word file as it
changes the PDF. `geometry_of()` gives the geometry a Word document was styled with,
for the sections the walk starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from docgen.writers import asset
from docgen.writers.docx_css import ColumnRule, Stylesheet, load, own
from docgen.writers.docx_css_values import Declared

BLOCKS: dict[str, tuple[tuple[str, ...], str]] = {
    "p": (("p",), "body"), "h2": (("h2",), "body"), "h3": (("h3",), "body"),
    "h4": (("h4",), "body"), "title": (("h1.title", "h1"), "body"),
    "toc-title": ((".toc-title", "h2"), "body"), "toc-entry": ((".toc-entries li", "li"), "body"),
    "li": (("li",), "body"), "cover-kind": ((".cover-kind", "p"), "body"),
    "cover-parties": ((".cover-parties", "p"), "body"),
    "cover-party": ((".cover-party", "p"), "body"), "cover-meta": ((".cover-meta", "p"), "body"),
    "draft-banner": ((".draft-banner", "p"), "body"), "sign-line": ((".sign-line", "p"), "body"),
    "sign-name": ((".sign-name", "p"), "body"), "table": (("table.grid",), "body"),
    "matrix": (("table.matrix",), "table"), "header": (("@page @top-left",), "body"),
    "footer": (("@page @bottom-center",), "body"),
    "sign-for": ((".sign-for", "p"), "body"),
    "chart": (("figure.chart",), "body"), "caption": (("figure.chart figcaption",), "body"),
}
"""Each kind of block: the rules that style it (most specific first), and its parent."""
ROOT = ("body", "html", ":root")
CELL = ("table.grid td", "table.grid th")
SIGNATURE_CELL = ("table.signature-block td",)
DEPTH = "table.targets tr.depth-{} td:nth-child(2)"
HYPHENS = {"body": ("p", "body", "html"), "cell": ("table.grid td", "td", "body", "html")}
"""Where the Word writer reads `hyphens`: body text, and data table cells."""
A4 = (595.2755905511812, 841.8897637795277)
"""WeasyPrint's page when a stylesheet names none: A4, in points."""
PAGE_MARGIN = 56.25
"""WeasyPrint's page margin when a stylesheet sets none: 75px."""


def twips(points: float) -> int:
    """Points to twentieths of a point."""
    return round(points * 20)


@dataclass(frozen=True)
class Page:
    """One page type: its size and margins in twips."""

    width: int
    height: int
    margins: tuple[int, int, int, int]
    """Top, right, bottom, left."""

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def text_width(self) -> int:
        return self.width - self.margins[1] - self.margins[3]


@dataclass(frozen=True)
class Block:
    """One kind of block: type size (points), line height and spacing (twips), colour."""

    size: float
    line: int
    before: int
    after: int
    color: str
    leading: Declared | None = field(default=None, compare=False, repr=False)
    """The line-height declaration it inherits, recomputed at each size."""


@dataclass(frozen=True)
class Border:
    """A border: width in eighths of a point (0: none) and colour."""

    size: int
    color: str


@dataclass(frozen=True)
class Geometry:
    """Everything the Word writer takes from document.css."""

    portrait: Page
    wide: Page
    font: str
    blocks: dict[str, Block]
    list_indent: int
    number_width: int
    clause_indent: int
    cover_top: int
    cover_meta_gap: int
    list_gap: int
    toc_gap: int
    table_gap: int
    cell_padding: tuple[int, int, int, int]
    signature_padding: tuple[int, int, int, int]
    depth_indents: tuple[int, ...]
    table_border: Border
    heading_fill: str
    banner_border: Border
    banner_padding: int
    """Points between the draft banner's border and its text."""
    sign_border: Border
    sign_height: int
    columns: list[ColumnRule]
    hyphens: frozenset[str] = frozenset()
    """"body" and/or "cell": what `hyphens: auto` hyphenates (`p`, `table.grid td`)."""

    def depth_indent(self, depth: int) -> int:
        """Extra indent of a table row at `depth` (beyond the rules: the last step on)."""
        known = self.depth_indents
        if depth <= 0 or not known:
            return 0
        return known[depth - 1] if depth <= len(known) else round(known[-1] * depth / len(known))


def from_sheet(sheet: Stylesheet) -> Geometry:
    """Read the geometry of one stylesheet."""
    body = _block(sheet, ROOT, None)
    blocks = {"body": body}
    for name, (selectors, parent) in BLOCKS.items():
        blocks[name] = _block(sheet, selectors, blocks[parent])
    em, cell = body.size, _box(sheet, "padding", CELL, blocks["table"].size)
    depths: list[int] = []
    while len(depths) < 9 and (found := sheet.find("padding-left",
                                                   DEPTH.format(len(depths) + 1))) is not None:
        depths.append(twips(found.points(em=blocks["table"].size)) - cell[3])
    return Geometry(
        portrait=_page(sheet, ("@page",), em), wide=_page(sheet, ("@page wide", "@page"), em),
        font=_font(sheet), blocks=blocks,
        list_indent=_twips(sheet, "padding-left", ("ol.decimal", "ol.alpha", "ol"), em),
        number_width=_twips(sheet, "min-width", ("p.para .num",), em),
        clause_indent=_twips(sheet, "text-indent", (".preamble .clause", ".clause"), em),
        cover_top=_twips(sheet, "padding-top", (".cover",), em),
        cover_meta_gap=_twips(sheet, "margin-top", (".cover-meta + .cover-meta",), em),
        list_gap=_twips(sheet, "margin-bottom", ("ol.decimal", "ol.alpha", "ol"), em),
        toc_gap=_twips(sheet, "margin-bottom", (".minutes .toc", ".toc"), em),
        table_gap=_twips(sheet, "margin-bottom", ("table.grid",), blocks["table"].size),
        cell_padding=cell, signature_padding=_box(sheet, "padding", SIGNATURE_CELL, em),
        depth_indents=tuple(depths), table_border=_border(sheet, CELL, "top", body),
        heading_fill=_color(sheet, "background-color", ("table.grid th",), "FFFFFF"),
        banner_border=_border(sheet, (".draft-banner",), "top", blocks["draft-banner"]),
        banner_padding=round(_points(sheet, "padding-top", (".draft-banner",), em)),
        sign_border=_border(sheet, (".sign-line",), "bottom", body),
        sign_height=_twips(sheet, "height", (".sign-line",), em), columns=sheet.columns,
        hyphens=frozenset(name for name, selectors in HYPHENS.items()
                          if _keyword(sheet, "hyphens", selectors) == "auto"))


def _points(sheet: Stylesheet, prop: str, selectors: tuple[str, ...], em: float, *,
            default: float = 0.0, percent: float | None = None) -> float:
    found = sheet.find(prop, *selectors)
    return default if found is None else found.points(em=em, percent=percent)


def _twips(sheet: Stylesheet, prop: str, selectors: tuple[str, ...], em: float) -> int:
    return twips(_points(sheet, prop, selectors, em))


def _box(sheet: Stylesheet, prop: str, selectors: tuple[str, ...],
         em: float) -> tuple[int, int, int, int]:
    top, right, bottom, left = (_twips(sheet, f"{prop}-{side}", selectors, em)
                                for side in ("top", "right", "bottom", "left"))
    return top, right, bottom, left


def _keyword(sheet: Stylesheet, prop: str, selectors: tuple[str, ...]) -> str:
    """A keyword value ("auto"), lower case; "" where none is declared."""
    found = sheet.find(prop, *selectors)
    if found is None:
        return ""
    if len(found.tokens) != 1 or found.tokens[0].type != "ident":
        raise found.fail("a keyword")
    return str(found.tokens[0].lower_value)


def _color(sheet: Stylesheet, prop: str, selectors: tuple[str, ...], default: str) -> str:
    found = sheet.find(prop, *selectors)
    if found is None or (len(found.tokens) == 1 and found.tokens[0].type == "ident" and
                         found.tokens[0].lower_value in ("transparent", "currentcolor")):
        return default
    return found.color()


def _block(sheet: Stylesheet, selectors: tuple[str, ...], parent: Block | None) -> Block:
    """A block's type and spacing: its own declarations, else inherited from `parent`."""
    base = parent.size if parent is not None else 12.0  # CSS's medium: 16px
    found = sheet.find("font-size", *selectors)
    size = base if found is None else found.points(em=base, percent=base)
    leading = sheet.find("line-height", *selectors) or (parent.leading if parent else None)
    line = twips(leading.leading(size)) if leading is not None else twips(1.15 * size)
    return Block(size, line, _twips(sheet, "margin-top", selectors, size),
                 _twips(sheet, "margin-bottom", selectors, size),
                 _color(sheet, "color", selectors, parent.color if parent else "000000"),
                 leading)


def _page(sheet: Stylesheet, chain: tuple[str, ...], em: float) -> Page:
    """A page type from its `@page` rule, else the general `@page`."""
    found = sheet.find("size", *chain)
    width, height = A4 if found is None else found.page_size()
    top, right, bottom, left = (
        twips(_points(sheet, f"margin-{side}", chain, em, default=PAGE_MARGIN, percent=across))
        for side, across in (("top", height), ("right", width), ("bottom", height),
                             ("left", width)))
    return Page(twips(width), twips(height), (top, right, bottom, left))


def _font(sheet: Stylesheet) -> str:
    """The body font Word uses: the first family the stylesheet does not bring itself
    (an @font-face font travels with the HTML and PDF, not with the .docx)."""
    found = sheet.find("font-family", *ROOT)
    families = found.families() if found is not None else []
    faces = sheet.faces | (sheet.fallback.faces if sheet.fallback else set())
    return next((f for f in families if f.lower() not in faces),
                families[0] if families else "Times New Roman")


def _border(sheet: Stylesheet, selectors: tuple[str, ...], side: str, block: Block) -> Border:
    style = sheet.find(f"border-{side}-style", *selectors)
    if style is None or not style.tokens or style.tokens[0].type != "ident" or \
            style.tokens[0].lower_value in ("none", "hidden"):
        return Border(0, block.color)
    width = _points(sheet, f"border-{side}-width", selectors, block.size, default=2.25)
    color = _color(sheet, f"border-{side}-color", selectors, block.color)
    return Border(round(width * 8), color)


DEFAULT = from_sheet(own())
"""docgen's own geometry: for a reference.docx, and the fallback of a document."""
_OF: WeakKeyDictionary[Any, Geometry] = WeakKeyDictionary()


def for_templates(templates: Path) -> Geometry:
    """The geometry of the document.css a build with `templates` uses."""
    sheet = load(asset(templates, "document.css"))
    return DEFAULT if sheet is own() else from_sheet(sheet)


def attach(document: Any, geometry: Geometry) -> None:
    """Remember that the python-docx `document` is styled with `geometry`."""
    _OF[document.part] = geometry  # the Document proxy itself is not hashable


def geometry_of(document: Any) -> Geometry:
    """The geometry `document` was styled with (docgen's own if none was attached)."""
    return _OF.get(document.part, DEFAULT)
