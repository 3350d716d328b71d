"""`docgen verify`: does an archived final PDF hold the spec it claims, and is it this one?

In: a PDF and, optionally, a spec file. Out: a `Verdict` — the embedded spec's name
and SHA-256, whether it matches the build record beside it and the digest the pages
print, and whether it is byte for byte the given spec (with the first lines that
differ when it is not). pypdf reads the PDF; it is imported only here.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.archive import RECORD, SHORT
from docgen.errors import DocgenError

DIFF_LINES = 20
"""Lines of a unified diff shown when the given spec differs from the embedded one."""


@dataclass
class Verdict:
    """What `verify` found; `ok` decides the exit status."""

    pdf: Path
    spec_name: str = ""
    sha256: str = ""
    problems: list[str] = field(default_factory=list)
    matches: bool | None = None
    """None: no spec given; else whether the given spec is the embedded one."""
    diff: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and self.matches is not False

    def lines(self, given: Path | None) -> list[str]:
        """The report, one finding per line."""
        out = []
        if self.spec_name:
            out.append(f"{self.pdf}: embeds {self.spec_name} (SHA-256 {self.sha256}; "
                       f"its pages print {self.sha256[:SHORT]})")
        out += [f"{self.pdf}: {problem}" for problem in self.problems]
        if given is not None and self.matches:
            out.append(f"{self.pdf}: matches {given}")
        elif given is not None and self.matches is False:
            out.append(f"{self.pdf}: does not match {given} (embedded spec first):")
            out += self.diff
        return out


def verify(pdf: Path, spec: Path | None = None) -> Verdict:
    """Check the final `pdf` and, if given, compare its embedded spec with `spec`."""
    verdict = Verdict(pdf)
    reader = _reader(pdf)
    files = _attachments(reader)
    record = _record(files.get(RECORD))
    name = record.get("spec", {}).get("file") if record else None
    if not isinstance(name, str) or name not in files:
        verdict.problems.append(
            "holds no embedded spec: only a final (docgen build --final) carries one")
        return verdict
    embedded = files[name]
    verdict.spec_name, verdict.sha256 = name, hashlib.sha256(embedded).hexdigest()
    if record.get("spec", {}).get("sha256") != verdict.sha256:
        verdict.problems.append("the embedded spec is not the one its build record names: "
                                "the file was changed after it was built")
    missing = _pages_without(reader, verdict.sha256[:SHORT])
    if missing:
        pages = ", ".join(str(page) for page in missing[:10])
        verdict.problems.append(f"the spec's digest {verdict.sha256[:SHORT]} is not printed "
                                f"on page(s) {pages}")
    if spec is not None:
        given = _read(spec)
        verdict.matches = given == embedded
        if not verdict.matches:
            verdict.diff = _diff(embedded, given, name, str(spec))
    return verdict


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise DocgenError(f"cannot read {path}: {error.strerror or error}") from None


def _reader(pdf: Path) -> Any:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    data = _read(pdf)
    if not data.startswith(b"%PDF-"):
        raise DocgenError(f"{pdf} is not a PDF file (it does not start with %PDF-)")
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its repairs are not the user's
    try:
        return PdfReader(io.BytesIO(data))
    except (PdfReadError, ValueError, KeyError) as error:
        raise DocgenError(f"{pdf}: cannot read this PDF ({error})") from None


def _attachments(reader: Any) -> dict[str, bytes]:
    """Every embedded file by name (the first, if a name repeats)."""
    return {name: contents[0] for name, contents in reader.attachments.items() if contents}


def _record(data: bytes | None) -> dict[str, Any]:
    if data is None:
        return {}
    try:
        found = json.loads(data)
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _pages_without(reader: Any, digest: str) -> list[int]:
    """The pages whose text does not include `digest`."""
    return [number for number, page in enumerate(reader.pages, start=1)
            if digest not in page.extract_text().replace(" ", "")]


def _diff(embedded: bytes, given: bytes, name: str, other: str) -> list[str]:
    old = embedded.decode("utf-8", "replace").splitlines()
    new = given.decode("utf-8", "replace").splitlines()
    lines = list(difflib.unified_diff(old, new, f"{name} (embedded)", other, lineterm="", n=1))
    more = len(lines) - DIFF_LINES
    return lines[:DIFF_LINES] + ([f"… {more} more line(s)"] if more > 0 else [])
