"""Word lists for the Word writer: one fresh list per HTML `<ol>`, so each restarts.

In: a python-docx Document (its numbering part, created if missing) and, per `<ol>`,
its kind ("decimal": 1. 2. 3., "alpha": (a) (b) (c)), level and first number. Out: the
`w:numId` its items point at — a new `w:num` with a start override, over one shared
`w:abstractNum` per kind, so no list continues the numbers of the one before.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from docgen.writers.docx_geometry import DEFAULT, Geometry
from docgen.writers.docx_xml import child, element

LIST_FORMATS = {"decimal": ("decimal", "{}."), "alpha": ("lowerLetter", "({})"),
                "para": ("decimal", "{}.")}
"""ol class (or "para", the body's numbered paragraphs) -> Word number format and label:
1. 2. / (a) (b). A numbered paragraph's number stands at the margin, its text at the
first tab stop, and its further lines at the margin, as in the PDF."""


class Numbering:
    """Word lists: one abstract definition per kind, one fresh list per HTML list."""

    def __init__(self, document: Any, geometry: Geometry = DEFAULT) -> None:
        self.geometry = geometry
        self.root = document.part.numbering_part.element
        abstract = [int(a.get(qn("w:abstractNumId")))
                    for a in self.root.findall(qn("w:abstractNum"))]
        nums = [int(n.get(qn("w:numId"))) for n in self.root.findall(qn("w:num"))]
        self.next_abstract = max(abstract, default=-1) + 1
        self.next_num = max(nums, default=0) + 1
        self.abstract: dict[str, int] = {}

    def new_list(self, kind: str, level: int = 0, start: int = 1) -> int:
        """Add a list that starts at `start` on `level`; return its numId."""
        if kind not in self.abstract:
            self.abstract[kind] = self._add_abstract(kind)
        num = element("w:num", numId=str(self.next_num))
        child(num, "w:abstractNumId", val=str(self.abstract[kind]))
        override = child(num, "w:lvlOverride", ilvl=str(level))
        child(override, "w:startOverride", val=str(start))
        cleanup = self.root.find(qn("w:numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(num)
        else:
            self.root.append(num)
        self.next_num += 1
        return self.next_num - 1

    def _add_abstract(self, kind: str) -> int:
        number_format, label = LIST_FORMATS[kind]
        ident = self.next_abstract
        self.next_abstract += 1
        step, number = self.geometry.list_indent, self.geometry.number_width

        def indent(level: int) -> str:
            if kind == "para":
                return (f'<w:tabs><w:tab w:val="num" w:pos="{number}"/></w:tabs>'
                        '<w:ind w:left="0" w:firstLine="0"/>')
            return f'<w:ind w:left="{step * (level + 1)}" w:hanging="{step}"/>'

        levels = "".join(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{number_format}"/>'
            f'<w:lvlText w:val="{label.format(f"%{level + 1}")}"/><w:lvlJc w:val="left"/>'
            f"<w:pPr>{indent(level)}</w:pPr></w:lvl>" for level in range(3))
        made = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ident}">'
                         f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')
        existing = self.root.findall(qn("w:abstractNum"))
        if existing:
            existing[-1].addnext(made)
        else:
            first_num = self.root.find(qn("w:num"))
            if first_num is not None:
                first_num.addprevious(made)
            else:
                self.root.insert(0, made)
        return ident
