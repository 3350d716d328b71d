"""The outline: numbers, labels and keys of the example as exact values, key stability
under insertions, and every keyed block found by its key in all three formats; the
Articles of a binding agreement and the rows of signature blocks."""

from __future__ import annotations

import copy
import datetime as dt
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import dump_yaml, edition_folder, load_yaml
from lxml import etree, html

from docgen.build import build
from docgen.context import build_context
from docgen.outline import Block, Outline, Part, alpha, build_outline, letter, roman
from docgen.outline.blocks import signature_block
from docgen.render import render_html
from docgen.validation import load_spec
from docgen.writers.docx_state import bookmark_names

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "specs" / "pakistan-kazakhstan-2026.yaml"
BINDING = ROOT / "specs" / "uzbekistan-kyrgyzstan-road-2026.yaml"
SPECS = sorted((ROOT / "specs").glob("*.yaml"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def outlines() -> dict[str, Outline]:
    context = build_context(load_spec(EXAMPLE), final=False)
    return {name: build_outline(name, context) for name in ("framework", "minutes")}


def _numbered(outline: Outline) -> list[Block]:
    return [node for node in outline.walk() if isinstance(node, Block) and node.numbered]


def test_labels() -> None:
    assert [roman(n) for n in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]
    assert [letter(n) for n in (1, 26, 27, 52)] == ["A", "Z", "AA", "AZ"]
    assert alpha(3) == "c"


def test_the_framework_outline_of_the_example(outlines: dict[str, Outline]) -> None:
    framework = outlines["framework"]
    assert [(p.key, p.label) for p in framework.contents()] == [
        ("objectives", "I"), ("sectors", "II"), ("targets", "III"), ("connectivity", "IV"),
        ("roadmap", "V"), ("coordination", "VI"), ("monitoring", "VII"), ("nature", "VIII"),
        ("amendment", "IX"), ("duration", "X"), ("annex:roadmap", "A"),
        ("annex:focal-points", "B"), ("annex:institutions", "C")]
    paragraphs = _numbered(framework)
    assert [p.label for p in paragraphs] == [str(n) for n in range(1, len(paragraphs) + 1)]
    assert paragraphs[0].key == "objectives:lead"
    chart, table = framework.part("annex:roadmap").blocks
    assert chart.role == "roadmap_chart"  # the Gantt, then the table that is its text
    assert len(chart.facts["charts"]) == 2  # 21 activities and 7 workstreams: 22 rows a figure
    rows = table.children
    assert [(r.key, r.label) for r in rows[:3]] == [
        ("roadmap/R-1.1", "1"), ("roadmap/R-1.2", "2"), ("roadmap/R-1.3", "3")]
    targets = framework.part("targets").blocks[1].children
    assert [(t.key, t.label, t.facts["depth"]) for t in targets[:3]] == [
        ("targets/T-1", "1", 0), ("targets/T-1.1", "1.1", 1), ("targets/T-1.2", "1.2", 1)]
    objectives = framework.part("objectives").blocks[1].children
    assert [(o.key, o.label) for o in objectives[:2]] == [("objectives/1", "a"),
                                                          ("objectives/2", "b")]


def test_the_minutes_outline_of_the_example(outlines: dict[str, Outline]) -> None:
    minutes = outlines["minutes"]
    assert [(p.key, p.label) for p in minutes.contents()][:3] == [
        ("agenda", ""), ("items/A-1", "1"), ("items/A-2", "2")]
    assert minutes.contents()[-1].key == "annex:delegations"
    assert [p.key for p in _numbered(minutes)][:3] == ["opening:venue", "opening:chairs",
                                                        "agenda:lead"]
    actions = minutes.part("actions").blocks[1].children
    assert [(a.key, a.label) for a in actions[:2]] == [("actions/AI-1", "1"),
                                                      ("actions/AI-2", "2")]
    see = [b for p in minutes.parts for b in p.blocks if b.role == "see_actions"]
    assert sorted(int(n) for b in see for n in b.facts["actions"]) == \
        list(range(1, len(actions) + 1))  # each action item listed under exactly one item


@pytest.mark.parametrize("spec", SPECS, ids=[spec.stem for spec in SPECS])
@pytest.mark.parametrize("name", ["framework", "minutes"])
def test_keys_are_unique(spec: Path, name: str) -> None:
    keys = build_outline(name, build_context(load_spec(spec), final=False)).keys()
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"[\w.:/-]+", key) for key in keys)


def test_a_binding_agreement_is_in_articles() -> None:
    """Articles 1, 2 … instead of parts I, II …; each Article numbers its own paragraphs,
    one of a single paragraph none; the preamble ends with the words before the Articles."""
    framework = build_outline("framework", build_context(load_spec(BINDING), final=False))
    contents = {p.key: p.label for p in framework.contents()}
    assert [contents[key] for key in ("objectives", "sectors", "targets", "duration")] == [
        "1", "2", "3", "9"]
    assert [contents[key] for key in ("annex:roadmap", "annex:focal-points")] == ["A", "B"]
    assert "nature" not in contents
    assert framework.parts[0].blocks[-1].key == "preamble:agreed"
    numbered = {part.key: [b.label for b in part.blocks if b.numbered]
                for part in framework.parts}
    assert numbered["objectives"] == [""]
    assert numbered["coordination"] == ["1", "2", "3"]
    assert numbered["duration"] == ["1", "2"]


@pytest.mark.parametrize(("count", "rows"), [
    (0, []), (1, [1]), (2, [2]), (3, [3]), (4, [2, 2]), (5, [3, 2]), (6, [3, 3]), (7, [3, 3, 1]),
    (8, [3, 3, 2])])
def test_signature_blocks_stand_in_rows_of_at_most_three(count: int, rows: list[int]) -> None:
    signers = tuple(Block(f"signatures/{n}", "signature") for n in range(count))
    block = signature_block("closing:signatures", signers)
    assert [len(row) for row in block.facts["rows"]] == rows
    assert block.facts["columns"] == (rows or [1])[0]
    assert [s for row in block.facts["rows"] for s in row] == list(signers) == \
        list(block.children)


def _inserted(tmp_path: Path) -> Path:
    """The example with a new objective first and a new activity second."""
    data: dict[str, Any] = load_yaml(EXAMPLE.read_text(encoding="utf-8"))
    data["framework"]["objectives"].insert(0, "to hold a new first objective")
    new = copy.deepcopy(data["roadmap"][0])
    new.update(id="R-NEW", title="A new second activity", depends_on=[], milestones=[])
    new["start"], new["end"] = dt.date(2026, 7, 1), dt.date(2026, 12, 31)
    data["roadmap"].insert(1, new)
    path = tmp_path / "inserted.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    return path


def _html_keys(text: str) -> list[str]:
    return html.fromstring(text).xpath("//@data-key")


def test_insertions_change_no_key_that_names_an_id(tmp_path: Path) -> None:
    spec = load_spec(EXAMPLE)
    before = _html_keys(render_html("framework", build_context(spec, final=False)))
    changed = load_spec(_inserted(tmp_path))
    after = _html_keys(render_html("framework", build_context(changed, final=False)))
    ids = {a.id for a in spec.roadmap} | {t.id for t in spec.targets} | \
        {s.id for s in spec.sectors} | {r.id for r in spec.risks}
    named = [key for key in before if set(re.split(r"[/:]", key)) & ids]
    assert len(named) > 60
    assert set(named) <= set(after)
    objectives = len(spec.framework.objectives)
    # positional keys (objectives) shift, as the redline aligns them by sequence
    assert set(after) - set(before) == {"roadmap/R-NEW", f"objectives/{objectives + 1}"}
    for activity in spec.roadmap:
        assert f"roadmap/{activity.id}" in before
    for target in spec.targets:
        assert f"targets/{target.id}" in before


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example spec's English files."""
    return edition_folder(build(EXAMPLE, out=tmp_path_factory.mktemp("out"), jobs=1,
                                languages=["en"]).folder)


@pytest.mark.parametrize("name", ["framework", "minutes"])
def test_every_key_is_found_in_all_three_formats(built: Path, name: str) -> None:
    page = html.fromstring((built / f"{name}.html").read_bytes())
    keys = page.xpath("//@data-key")
    done = subprocess.run(["pdfinfo", "-dests", str(built / f"{name}.pdf")],
                          capture_output=True, text=True, check=True)
    destinations = set(re.findall(r'"([^"]+)"\s*$', done.stdout, re.MULTILINE))
    with zipfile.ZipFile(built / f"{name}.docx") as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    bookmarks = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    names = bookmark_names(page)
    assert set(keys) <= destinations
    assert {names[key] for key in keys} <= bookmarks


def test_word_numbers_its_own_paragraphs(built: Path) -> None:
    with zipfile.ZipFile(built / "framework.docx") as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    texts = ["".join(t.text or "" if t.tag == f"{W}t" else "\t" for t in
                     p.iter(f"{W}t", f"{W}tab")) for p in body.iter(f"{W}p")]
    assert not [t for t in texts if re.match(r"\s*\(?\w{1,4}[.)]\t", t)]
    styled = [p for p in body.iter(f"{W}p")
              if p.find(f"{W}pPr/{W}pStyle[@{W}val='NumberedParagraph']") is not None]
    assert len(styled) > 20
    assert all(p.find(f"{W}pPr/{W}numPr") is not None for p in styled)
    ids = {p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") for p in styled}
    assert len(ids) == 1  # one list through the body: inserting a paragraph renumbers the rest


def test_part_and_block_defaults() -> None:
    part = Part("x", "x")
    assert (part.heading, part.in_contents, part.css, part.blocks) == (True, True, "part", ())
    assert not Block("k", "r").numbered


def test_the_roadmap_says_each_side_only_when_each_side_owns_every_activity() -> None:
    from conftest import starter_data

    from docgen.model import Spec
    from docgen.render import render_html

    def lead(data: dict[str, Any]) -> str:
        html = render_html("framework", build_context(Spec.model_validate(data), final=False))
        return next(line for line in html.splitlines() if "Each activity" in line)

    data = starter_data()
    assert "Each activity has responsible bodies on each side," in lead(data)
    data["roadmap"][0]["owners"] = ["a-trade"]
    assert "Each activity names the bodies responsible for it and has a deadline" in lead(data)
