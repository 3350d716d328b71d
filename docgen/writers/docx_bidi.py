"""Right to left in Word: what python-docx has no API for (python-docx#349, #421, #827).

A document whose language is written right to left (Urdu) gets, after the walk:
`w:bidi` on every paragraph (its direction; Word then reads `w:jc="left"` and
`w:ind/@w:left` from the leading edge, so alignment and indents mirror by
themselves), `w:rtl` on every run of right-to-left script (a run of Latin letters or
digits keeps left to right, which is how an id like R-2.1 stays whole), the complex-
script twins of bold, italic and size (`w:bCs`, `w:iCs`, `w:szCs`, which Word applies to
such runs instead of `w:b`, `w:i`, `w:sz`), `w:bidiVisual` on every table (columns
from the right), `w:bidi` on every section, and in the defaults the complex-script font
(`w:rFonts/@w:cs`) and language (`w:lang/@w:bidi`). Every element is put where
the schema's sequence wants it, so strict validators accept the file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from docx.oxml.ns import qn
from lxml import etree

RTL_SCRIPT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
"""Hebrew, Arabic (Urdu's letters and digits), Syriac, Thaana and their presentation forms."""
COMPLEX_FONT = "Noto Nastaliq Urdu"

# Where each element goes among its siblings (ECMA-376 Part 1, the sequences of
# CT_PPrBase, CT_RPr, CT_TblPr and CT_SectPr; only the members docgen writes or meets).
P_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
           "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
           "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
           "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
           "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
           "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
           "sectPr", "pPrChange")
R_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
           "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
           "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
           "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em",
           "lang", "eastAsianLayout", "specVanish", "oMath")
TBL_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
             "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
             "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")
SECT_ORDER = ("headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz",
              "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt",
              "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter",
              "docGrid", "printerSettings", "sectPrChange")
TWINS = {"b": "bCs", "i": "iCs", "sz": "szCs"}


def right_to_left(word: Any, language: str) -> None:
    """Make a Word document read right to left, everywhere it has text."""
    parts = [word.element.body]
    for relation in word.part.rels.values():  # the headers and footers the document has
        if relation.reltype.endswith(("/header", "/footer")) and not relation.is_external:
            parts.append(relation.target_part.element)
    for root in parts:
        _mark(root)
    for sect in word.element.body.iter(qn("w:sectPr")):
        _put(sect, "bidi", SECT_ORDER)
    _defaults(word, language)
    for style in word.styles.element.iter(qn("w:style")):
        for rpr in style.iter(qn("w:rPr")):
            _twins(rpr)
        ppr = style.find(qn("w:pPr"))
        if style.get(qn("w:type")) == "paragraph":
            _put(ppr if ppr is not None else _child(style, "pPr", ("name", "aliases",
                 "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority",
                 "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal",
                 "personalCompose", "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr",
                 "tcPr", "tblStylePr")), "bidi", P_ORDER)


def _mark(root: Any) -> None:
    for paragraph in root.iter(qn("w:p")):
        _put(_child(paragraph, "pPr", ("pPr",), first=True), "bidi", P_ORDER)
    for run in root.iter(qn("w:r")):
        text = "".join(t.text or "" for t in run.iter(qn("w:t"), qn("w:delText")))
        rpr = run.find(qn("w:rPr"))
        if RTL_SCRIPT.search(text):
            rpr = rpr if rpr is not None else _child(run, "rPr", ("rPr",), first=True)
            _put(rpr, "rtl", R_ORDER)
        if rpr is not None:
            _twins(rpr)
    for table in root.iter(qn("w:tbl")):
        _put(_child(table, "tblPr", ("tblPr",), first=True), "bidiVisual", TBL_ORDER)


def _twins(rpr: Any) -> None:
    """Bold, italic and size, for complex-script runs too."""
    for latin, twin in TWINS.items():
        found = rpr.find(qn(f"w:{latin}"))
        if found is not None and rpr.find(qn(f"w:{twin}")) is None:
            copy = _put(rpr, twin, R_ORDER)
            for name, value in found.attrib.items():
                copy.set(name, value)


def _defaults(word: Any, language: str) -> None:
    styles = word.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = etree.SubElement(styles, qn("w:docDefaults"))
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = etree.Element(qn("w:rPrDefault"))
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = etree.SubElement(rpr_default, qn("w:rPr"))
    fonts = _put(rpr, "rFonts", R_ORDER)
    fonts.set(qn("w:cs"), COMPLEX_FONT)
    lang = _put(rpr, "lang", R_ORDER)
    lang.set(qn("w:bidi"), _region(language))
    _twins(rpr)


def _region(language: str) -> str:
    """Word names a complex-script language with its region: ur -> ur-PK."""
    return {"ur": "ur-PK", "ar": "ar-SA", "fa": "fa-IR", "he": "he-IL"}.get(language, language)


def _child(parent: Any, name: str, order: Sequence[str], *, first: bool = False) -> Any:
    """The parent's child `w:name`, made if missing (first, as a properties element is)."""
    found = parent.find(qn(f"w:{name}"))
    if found is not None:
        return found
    made = etree.Element(qn(f"w:{name}"))
    if first:
        parent.insert(0, made)
    else:
        _insert(parent, made, order)
    return made


def _put(parent: Any, name: str, order: Sequence[str]) -> Any:
    """The parent's `w:name`, made where the schema's sequence puts it if missing."""
    found = parent.find(qn(f"w:{name}"))
    if found is not None:
        return found
    made = etree.Element(qn(f"w:{name}"))
    _insert(parent, made, order)
    return made


def _insert(parent: Any, child: Any, order: Sequence[str]) -> None:
    rank = order.index(etree.QName(child).localname)
    for position, sibling in enumerate(parent):
        local = etree.QName(sibling).localname
        if local in order and order.index(local) > rank:
            parent.insert(position, child)
            return
    parent.append(child)
