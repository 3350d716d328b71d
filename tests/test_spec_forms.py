"""What negotiators write, the spec says, and every format prints it the same.

One spec is generated from the starter with every form of issue 9 item 6: a range,
approximate figures, money in an indicator, due dates to the month and the year, action
items due within days and months of the meeting, an ongoing activity, existing
coordination bodies and indicators that name targets. Each of those inputs gave DG120
or DG122 before; here the spec validates with no diagnostic, matches the committed JSON
Schema, and each form reads back from the HTML as the documents state it; the PDF and
the Word file say the same words (as in test_parity).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import dump_yaml, edition_folder, starter_data
from extract import docx_words, html_running, html_table_headers, html_words, pdf_words
from jsonschema import Draft202012Validator

from docgen.build import build
from docgen.cache import document_keys
from docgen.load import load_text
from docgen.spec_schema import SCHEMA_FILE
from docgen.validation import validate_text


def negotiated() -> dict[str, Any]:
    """The starter, written as negotiators write: every form of issue 9 item 6."""
    spec = starter_data()
    freight = spec["targets"][0]
    del freight["currency"]
    freight.update(value={"min": 8_000_000, "max": 10_000_000}, unit="tonnes", by=2028)
    freight["baseline"]["value"] = 5_000_000
    spec["targets"].append({
        "id": "T-2", "title": "Kazakh investment", "metric": "investment flows",
        "value": 400_000_000, "currency": "USD", "approximate": True, "by": "2027-06",
        "baseline": {"value": 100_000_000, "approximate": True, "period": 2025,
                     "source": "TBD"}})
    forum = spec["roadmap"][0]
    forum["end"] = "ongoing"
    forum["indicators"] += [
        {"text": "Investment facilitated", "value": 50_000_000, "currency": "USD",
         "approximate": True},
        {"text": "Freight carried", "target": "T-1"},
        {"text": "Investment", "target": "T-2"}]
    spec["roadmap"].append({
        "id": "R-2", "title": "Joint corridor study", "sectors": ["agri-food"],
        "owners": ["a-trade", "b-trade"], "start": dt.date(2026, 4, 1), "end": "2027-06",
        "milestones": [{"date": 2026, "title": "Terms of reference agreed"}],
        "indicators": [{"text": "Study reports", "value": {"min": 2, "max": 3},
                        "unit": "reports"}]})
    spec["coordination"][0]["established"] = 2019
    spec["coordination"].append({"id": "jc", "name": "Joint Commission on Trade",
                                 "meets": "yearly", "established": True})
    spec["coordination"].append({"id": "tsg", "name": "Transport Subgroup",
                                 "meets": "quarterly", "reports_to": "jwg"})
    spec["meeting"]["actions"][0]["due"] = {"within_days": 30}
    spec["meeting"]["actions"] += [
        {"id": "AI-2", "text": "Share trade data.", "agenda_item": "A-1", "owner": "b-trade",
         "due": {"within_months": 3}},
        {"id": "AI-3", "text": "Name the study team.", "agenda_item": "A-1",
         "owner": "a-trade", "due": "2026-06"}]
    return spec


# What each form prints, as a reader finds it in the documents (words joined by spaces).
PRINTED = {
    "a range": ["8–10 million tonnes", "Study reports: 2–3 reports"],
    "approximate figures": ["about US$400 million", "about US$100 million (2025)"],
    "money in an indicator": ["Investment facilitated: about US$50 million"],
    "a year or a month": ["8–10 million tonnes 2028", "about US$400 million Jun 2027",
                          "1 Apr 2026 Jun 2027", "Jun 2026"],
    "within days or months of the meeting": ["13 Mar 2026 (within 30 days)",
                                             "11 May 2026 (within 3 months)"],
    "an ongoing activity": ["1 Mar 2026 Ongoing",
                            "from 1 March 2026 to June 2027; 1 of them is ongoing, with no "
                            "end date.", "a deadline, unless it is ongoing, and a measurable"],
    "an existing body": ["The Sides will continue to work through the Joint Working Group on "
                         "Trade, established in 2019, co-chaired by",
                         "The Sides will continue to work through the Joint Commission on "
                         "Trade. It will meet once a year.",
                         "The Sides establish the Transport Subgroup."],
    "a target's value": ["Freight carried (target T-1: 8–10 million tonnes by 2028)",
                         "Investment (target T-2: about US$400 million by Jun 2027)"],
}


@pytest.fixture(scope="module")
def text() -> str:
    return dump_yaml(negotiated())


@pytest.fixture(scope="module")
def built(text: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("forms")
    spec = folder / "negotiated.yaml"
    spec.write_text(text, encoding="utf-8")
    return edition_folder(build(spec, out=folder / "out").folder)


def test_the_forms_validate_with_no_diagnostic(text: str) -> None:
    report = validate_text(text, "negotiated.yaml")
    assert report.spec is not None
    assert report.diagnostics == []


def test_the_forms_match_the_committed_schema(text: str) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert [error.message for error in validator.iter_errors(load_text(text).data)] == []


@pytest.mark.parametrize("form", PRINTED)
def test_each_form_is_printed_as_negotiators_write_it(built: Path, form: str) -> None:
    page = " ".join(html_words(built / "framework.html") + html_words(built / "minutes.html"))
    missing = [phrase for phrase in PRINTED[form] if phrase not in page]
    assert missing == []


@pytest.mark.parametrize("name", ["framework", "minutes"])
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_every_format_says_the_same(built: Path, name: str, fmt: str) -> None:
    page = built / f"{name}.html"
    found = {"html": html_words(page),
             "pdf": pdf_words(built / f"{name}.pdf", html_running(page),
                              html_table_headers(page)),
             "docx": docx_words(built / f"{name}.docx")}
    assert len(found["html"]) > 200
    assert found[fmt] == found["html"]


def test_how_a_date_is_written_is_part_of_the_input_key(tmp_path: Path) -> None:
    """`by: 2028` prints "2028", `by: 2028-12-31` "31 Dec 2028": the same day, other words."""
    keys = []
    for by in (2028, dt.date(2028, 12, 31)):
        spec = starter_data()
        spec["targets"][0]["by"] = by
        checked = validate_text(dump_yaml(spec)).spec
        assert checked is not None
        keys.append(document_keys(checked, ["framework"], final=False, stamp=dt.date(2026, 1, 1),
                                  templates=tmp_path, templates_digest="-"))
    assert keys[0] != keys[1]
