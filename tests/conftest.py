"""Shared test helpers: the starter spec as plain data, and checking a spec given as data.

Tests build specs as small mutations of the starter: take `starter` (a fresh dict per
test), change a few keys, then `validate_data(spec)` dumps it to YAML text and checks it
the way `docgen validate` does. `dump_yaml` gives the exact text, so a test can find the
line a diagnostic should point at; `with_parties` adds parties beyond the starter's two.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import signal
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

import docgen
from docgen.output import sha256
from docgen.validation import Report, validate_text

STARTER = Path(docgen.__file__).parent / "data" / "starter.yaml"


def load_yaml(text: str) -> Any:
    """Parse YAML 1.2 text into plain dicts, lists, numbers, strings and dates."""
    return YAML(typ="safe", pure=True).load(text)


def dump_yaml(data: Any) -> str:
    """Write plain data as block-style YAML, keys in their given order, one value a line."""
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    yaml.sort_base_mapping_type_on_output = False
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def starter_data() -> dict[str, Any]:
    """Return a fresh copy of docgen/data/starter.yaml as a dict."""
    data = load_yaml(STARTER.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def finalised(spec: dict[str, Any]) -> dict[str, Any]:
    """Fill in what the starter leaves open so that it passes as a final document."""
    spec["document"]["place"] = "Capital of A"
    spec["document"]["date"] = dt.date(2026, 2, 11)
    spec["targets"][0]["baseline"]["source"] = "National Statistics Office of Country A"
    spec["framework"]["monitoring"]["first_review"] = dt.date(2027, 2, 1)
    spec["roadmap"][0]["form"] = "Joint report"
    spec["meeting"]["next_meeting"] = {"date": dt.date(2026, 9, 15), "place": "Capital of B"}
    return spec


def with_parties(spec: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """Add parties to the starter (`{id: full name}`), each with what every party needs: a
    ministry, a minister who co-chairs the meeting, heads its delegation, signs and is its
    focal point, and a share of the first activity, so that the spec stays valid."""
    for party, name in names.items():
        low = party.lower()
        spec["parties"].append({"id": party, "name": name, "short_name": f"Country {party}"})
        spec["institutions"].append({"id": f"{low}-trade", "party": party,
                                     "name": f"Ministry of Trade of Country {party}"})
        spec["people"].append({"id": f"{low}-minister", "party": party,
                               "name": f"Name of {party}'s Minister", "honorific": "H.E. Mr.",
                               "title": "Minister of Trade", "institution": f"{low}-trade"})
        spec["roadmap"][0]["owners"].append(f"{low}-trade")
        spec["meeting"]["co_chairs"].append(f"{low}-minister")
        spec["meeting"]["delegations"].append({"party": party, "head": f"{low}-minister"})
        spec["signatories"].append({"party": party, "person": f"{low}-minister"})
        spec["focal_points"].append({"person": f"{low}-minister", "role": "Overall coordination"})
    return spec


def validate_data(data: Any, *, final: bool = False, name: str = "spec.yaml") -> Report:
    """Dump `data` to YAML text and check it as `docgen validate` would."""
    return validate_text(dump_yaml(data), name, final=final)


@pytest.fixture
def starter() -> dict[str, Any]:
    """The starter spec as a dict, fresh for each test, free to mutate."""
    return starter_data()


@pytest.fixture
def final_starter(starter: dict[str, Any]) -> dict[str, Any]:
    """The starter spec completed for final mode (still `status: draft`)."""
    return finalised(starter)


def fail_writer(monkeypatch: pytest.MonkeyPatch, fmt: str, message: str) -> None:
    """Make the writer registered for `fmt` raise DocgenError(message); the others still work.

    The patch is on `docgen.build.writer`, so forked build workers inherit it too.
    """
    from docgen import build as build_module
    from docgen.errors import DocgenError

    original = build_module.writer

    def patched(name: str) -> object:
        if name != fmt:
            return original(name)

        def fail(document: object) -> bytes:
            raise DocgenError(message)

        return fail

    monkeypatch.setattr(build_module, "writer", patched)


def pytest_configure(config: pytest.Config) -> None:
    """Stop at once, with one line naming the package, if a system library is missing.

    And give Ctrl-C back its default, as a terminal's shell gives a job: a run started in
    the background (`./dev test &`) ignores SIGINT, and every docgen it starts would
    inherit that, so the tests of Ctrl-C (test_failures, test_preview_browser) would
    prove nothing.

    Otherwise every test module that imports a writer would fail at collection with
    the same error (or, for HarfBuzz's subsetter, WeasyPrint's warning made an error).
    """
    from docgen import system
    from docgen.errors import DocgenError

    try:
        system.weasyprint()
    except DocgenError as error:
        pytest.exit(f"docgen's tests cannot run: {error}", returncode=1)
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def manifest_listing(folder: Path) -> dict[str, Any]:
    """The manifest of `folder`, checked to list exactly the files below it (by their path in
    the folder, `en/framework.pdf`), with their SHA-256."""
    manifest: dict[str, Any] = json.loads((folder / "manifest.json").read_text())
    assert set(manifest["files"]) == files_below(folder) - {"manifest.json"}
    for name, entry in manifest["files"].items():
        assert entry["sha256"] == sha256((folder / name).read_bytes()), name
    return manifest


LANGUAGE = "en"
"""The first language of the starter and of every spec in specs/: a build's first edition."""


def edition_folder(folder: Path, language: str = LANGUAGE) -> Path:
    """Where a build folder (`out/<stem>/`) keeps one language's files: `out/<stem>/en/`."""
    return folder / language


def files_below(folder: Path) -> set[str]:
    """Every file below a folder, by its path in it: `manifest.json`, `en/framework.pdf`."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def names_in(language: str, names: Any) -> set[str]:
    """The paths of one language's files in a build folder: `framework.pdf` ->
    `en/framework.pdf`."""
    return {f"{language}/{name}" for name in names}


def one_language(spec: Path, copy: Path) -> Path:
    """Copy a spec to `copy` with `document.languages` cut to its first language (which then
    also prevails), so that it needs no translation file, even in a final; return the copy."""
    text = spec.read_text(encoding="utf-8")
    found = re.search(r"^(  languages: *)\[ *([a-z]+)[^\]\n]*\]", text, re.MULTILINE)
    assert found, f"{spec}: no `languages: [...]` line"
    text = text[:found.start()] + f"{found.group(1)}[{found.group(2)}]" + text[found.end():]
    text = re.sub(r"^(  prevailing_language: *)[a-z]+", rf"\g<1>{found.group(2)}", text,
                  count=1, flags=re.MULTILINE)
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(text, encoding="utf-8")
    return copy


def translate_all(path: Path, language: str, word: str, *, comment: str = "") -> Path:
    """Write `path`'s translation file for `language`, giving every printed text as
    `<word> <source>` (texts nobody wrote by hand, in the language's script); return it."""
    from docgen.translation.check import translation_path
    from docgen.translation.keys import printed_texts
    from docgen.validation import validate

    report = validate(path)
    assert report.spec is not None, report.diagnostics
    lines = [f"# {comment}"] if comment else []
    lines += [f"language: {language}", f"translation_of: {path.name}", "texts:"]
    for text in printed_texts(report.spec):
        lines += [f"  {quoted(text.key)}:", f"    source: {quoted(text.text)}",
                  f"    text: {quoted(word + ' ' + text.text)}"]
    target = translation_path(path, language)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def signable(specs: list[Path]) -> list[Path]:
    """The specs that can be built final: those with no point still open (a draft under
    negotiation, like specs/uzbekistan-kyrgyzstan-road-2026.yaml, is refused: DG627)."""
    from docgen.model.negotiation import points
    from docgen.validation import load_spec

    return [spec for spec in specs
            if not any(p.status == "open" for p in points(load_spec(spec)))]
