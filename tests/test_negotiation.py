"""Points under negotiation: brackets with each side's wording, "ad ref.", the draft's
status annex, `docgen status`, the final that refuses them, translation and redline.

The real example is specs/uzbekistan-kyrgyzstan-road-2026.yaml, a draft of the fourth
round with an open objective, an open target value, an open activity and a decision
agreed ad referendum (test_parity holds its three formats to the same words). The
generated cases are three parties with long names, which no example has.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import dump_yaml, load_yaml
from extract import docx_words, html_words
from lxml import html
from pypdf import PdfReader

from docgen.build import build
from docgen.cli import main
from docgen.load import load_file
from docgen.model import Spec
from docgen.model.negotiation import Negotiated, OpenFigure, points
from docgen.redline import redline
from docgen.translation.apply import translated
from docgen.translation.keys import printed_texts

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ROOT / "specs" / "uzbekistan-kyrgyzstan-road-2026.yaml"
OPEN_OBJECTIVE = ("To replace paper permits and transit documents by electronic ones by the "
                  "end of 2027.")
AGREED_OBJECTIVE = "To replace paper permits and transit documents by electronic ones."


def _text(element: html.HtmlElement) -> str:
    """The words of an element, a line break between two of them."""
    for br in element.iter("br"):
        br.tail = " " + (br.tail or "")
    return " ".join(element.text_content().split())


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("negotiation")
    return build(DRAFT, out=out, languages=["en"]).folder / "en"


def test_an_open_text_prints_each_sides_wording_in_brackets(drafted: Path) -> None:
    root = html.fromstring((drafted / "framework.html").read_bytes())
    item = root.get_element_by_id("objectives/3")
    sides = [(node.get("data-side"), _text(node)) for node in item.iter("span")
             if node.get("class") == "proposal"]
    assert sides == [("UZ", f"[UZ: {OPEN_OBJECTIVE}]"), ("KG", f"[KG: {AGREED_OBJECTIVE}]")]
    target = _text(root.get_element_by_id("targets/T-2"))
    assert "[UZ: 6 million tonnes] [KG: 5 million tonnes]" in target
    assert "[proposed by KG]" in _text(root.get_element_by_id("roadmap/R-7"))
    minutes = html.fromstring((drafted / "minutes.html").read_bytes())
    assert any(_text(li).endswith("round the clock from June 2026. (ad ref.)")
               for li in minutes.iter("li"))


def test_the_draft_lists_every_point_in_its_status_annex(drafted: Path) -> None:
    root = html.fromstring((drafted / "framework.html").read_bytes())
    heading = _text(root.get_element_by_id("annex:negotiation"))
    assert heading == "Annex D. Status of negotiation"
    rows = [[_text(cell) for cell in row.iter("td")]
            for row in root.get_element_by_id("annex:negotiation-table").iter("tr")][1:]
    assert [row[:3] for row in rows] == [
        ["1", "Article 1. Objectives, item c", "Open"],
        ["2", "Article 3. Trade and investment targets, item 2", "Open"],
        ["3", "Annex A. Roadmap of activities, item 7", "Open"]]
    assert rows[1][3] == "UZ: 6 million tonnes KG: 5 million tonnes"
    minutes = html.fromstring((drafted / "minutes.html").read_bytes())
    rows = [[_text(cell) for cell in row.iter("td")]
            for row in minutes.get_element_by_id("annex:negotiation-table").iter("tr")][1:]
    assert [row[2] for row in rows] == ["Agreed ad referendum"]


def test_pdf_and_word_carry_the_brackets_and_the_annex(drafted: Path) -> None:
    pdf = " ".join(" ".join(page.extract_text().split())
                   for page in PdfReader(drafted / "framework.pdf").pages)
    for words in ("[UZ: 6 million tonnes] [KG: 5 million tonnes]", "[proposed by KG]",
                  "Status of negotiation"):
        assert words in pdf
    word = " ".join(docx_words(drafted / "framework.docx"))
    assert " ".join(html_words(drafted / "framework.html")) == word
    assert "[UZ: 6 million tonnes] [KG: 5 million tonnes]" in word


def test_a_final_with_open_points_fails_at_each_and_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["build", str(DRAFT), "--final", "--out", str(out)]) == 1
    captured = capsys.readouterr()
    errors = [line for line in (captured.out + captured.err).splitlines() if " DG627 " in line]
    text = DRAFT.read_text(encoding="utf-8").splitlines()
    lines = [int(re.match(r"[^:]+:(\d+):\d+:", line).group(1)) for line in errors]  # type: ignore[union-attr]
    assert [text[n - 1].strip() for n in lines] == [
        "status: open", "- status: open", "status: open"]
    assert "targets[1].value is still open (UZ, KG proposing)" in errors[0]
    assert not out.exists() or not any(out.rglob("*.pdf"))


def test_status_lists_the_points_with_their_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", str(DRAFT), "--as-of", "2026-05-01", "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)["findings"]
    pending = [(f["kind"], f["id"]) for f in found if f["kind"] in ("open", "ad-referendum")]
    assert pending == [("open", "T-2"), ("open", "framework.objectives[2]"), ("open", "R-7"),
                       ("ad-referendum", "A-3")]
    assert main(["status", str(DRAFT), "--as-of", "2026-05-01", "--format", "github"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith(f"::warning file={DRAFT},line=") and "UZ: 6 million tonnes | "
               "KG: 5 million tonnes" in line for line in lines)
    assert any(line.startswith("::notice ") and "title=ad-referendum" in line for line in lines)


def _parties(count: int) -> dict[str, object]:
    """A starter-like spec of `count` parties whose names are long, with open points."""
    data = load_yaml((ROOT / "docgen" / "data" / "starter.yaml").read_text(encoding="utf-8"))
    sides = [party["id"] for party in data["parties"]]
    data["framework"]["objectives"][0] = {"status": "open", "proposals": {
        side: f"Wording of the side {side}, with its own commas, and quotes “so”."
        for side in sides}}
    data["targets"][0]["value"] = {"status": "ad-referendum", "value": 125}
    return data


def test_translation_keeps_each_proposal_apart() -> None:
    spec = Spec.model_validate(_parties(2))
    keys = [p.key for p in printed_texts(spec) if ".proposals." in p.key]
    assert keys == ["framework.objectives[0].proposals.A", "framework.objectives[0].proposals.B"]
    changed = translated(spec, {p.path: f"«{p.text}»" for p in printed_texts(spec)
                                if ".proposals." in p.key})
    objective = changed.framework.objectives[0]
    assert isinstance(objective, Negotiated)
    assert objective.is_open
    assert [text[:2] for _, text in objective.proposals] == ["«W", "«W"]
    assert isinstance(changed.targets[0].value, OpenFigure)
    assert [p.status for p in points(changed)] == ["ad-referendum", "open"]


def test_a_bad_point_is_reported_where_it_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _parties(2)
    data["framework"]["objectives"][0] = {"status": "open", "text": "Both."}
    data["targets"][0]["value"] = {"status": "open", "proposals": {"A": "many"}}
    path = tmp_path / "spec.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    lines = path.read_text(encoding="utf-8").splitlines()
    found = {m.group(3): (lines[int(m.group(1)) - 1].strip(), m.group(2)) for m in re.finditer(
        r"spec\.yaml:(\d+):(\d+): DG122 ([^:]+):", captured.out + captured.err)}
    assert found == {"targets[0].value.proposals.A": ("A: many", "10"),
                     "framework.objectives[0]": ("- status: open", "5")}


def test_resolving_a_bracket_redlines_as_the_other_proposal_struck(tmp_path: Path) -> None:
    folder = tmp_path / "specs"
    folder.mkdir()
    new = folder / DRAFT.name
    text = DRAFT.read_text(encoding="utf-8")
    written = ("    - status: open\n      proposals:\n        UZ: " + OPEN_OBJECTIVE +
               "\n        KG: " + AGREED_OBJECTIVE + "\n")
    assert written in text
    new.write_text(text.replace(written, "    - " + AGREED_OBJECTIVE + "\n"), encoding="utf-8")
    if (DRAFT.parent / DRAFT.stem).is_dir():
        shutil.copytree(DRAFT.parent / DRAFT.stem, folder / DRAFT.stem)
    made = redline(str(DRAFT), new, out=tmp_path / "out", formats=["html"])
    root = html.fromstring((made.folder / "framework.html").read_bytes())
    item = root.get_element_by_id("objectives/3")
    assert item.find(".//del") is not None
    before = copy.deepcopy(item)
    for node in [*before.iter("ins")]:
        node.drop_tree()
    assert _text(before) == f"[UZ: {OPEN_OBJECTIVE}] [KG: {AGREED_OBJECTIVE}]"
    for node in [*item.iter("del")]:
        node.drop_tree()
    assert _text(item) == AGREED_OBJECTIVE
    annex = root.get_element_by_id("annex:negotiation-table")
    assert len([r for r in annex.iter("tr") if r.get("data-change") == "deleted"]) == 1


def test_three_parties_each_bracketed_in_order(tmp_path: Path) -> None:
    data = _parties(2)
    data["parties"].append({"id": "C", "name": "the Government of the Very Long Name "
                            "Federal Democratic Republic of Somewhere", "short_name": "Somewhere"})
    data["framework"]["objectives"][0]["proposals"]["C"] = "Wording of C."
    path = tmp_path / "three.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    spec = Spec.model_validate(load_file(path).data)
    objective = spec.framework.objectives[0]
    assert isinstance(objective, Negotiated)
    assert [side for side, _ in objective.proposals] == ["A", "B", "C"]
