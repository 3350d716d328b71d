"""The usual alternative to docgen: Pandoc for DOCX and HTML, LibreOffice headless for PDF.

Used by `bench/run.py --only pipeline`. The input is docgen's own standalone HTML of
each document (the same content); for the two documents the pipeline runs, as cold
processes, the way a user would script it:

    pandoc framework.html -o framework.docx
    pandoc -s framework.html -o framework.html      (into the output folder)
    ... the same for minutes ...
    soffice --headless -env:UserInstallation=file:///<private profile> \
        --convert-to pdf --outdir OUT framework.docx minutes.docx

The whole script, for both documents, is one measurement (`sh -e -c`, so a failing
step fails the run). soffice's first start creates its profile and is much slower:
`first_start` runs the pipeline once, untimed by the suite, to do that beforehand.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import time
from pathlib import Path

DOCUMENTS = ("framework", "minutes")


def tools() -> dict[str, str | None]:
    """The pipeline's executables, or None where one is not installed."""
    return {"pandoc": shutil.which("pandoc"),
            "soffice": shutil.which("soffice") or shutil.which("libreoffice")}


def missing() -> list[str]:
    return [name for name, path in tools().items() if path is None]


def versions() -> dict[str, str]:
    """First line of each tool's --version (for the results file)."""
    found = {}
    for name, path in tools().items():
        if path is None:
            continue
        try:
            result = subprocess.run([path, "--version"], capture_output=True, text=True,
                                    timeout=60, check=False)
            found[name] = (result.stdout.strip().splitlines() or [""])[0]
        except (OSError, subprocess.SubprocessError) as error:
            found[name] = f"unknown ({error})"
    return found


def argv(html: dict[str, Path], out: Path, profile: Path) -> list[str]:
    """One shell command: both documents to DOCX and standalone HTML, then both DOCX to PDF."""
    found = tools()
    pandoc, soffice = found["pandoc"], found["soffice"]
    if pandoc is None or soffice is None:
        raise SystemExit("bench: pandoc or soffice is missing; check missing() first")
    q = shlex.quote
    steps = [f"mkdir -p {q(str(out))}"]
    for name in DOCUMENTS:
        source = q(str(html[name]))
        steps.append(f"{q(pandoc)} {source} -o {q(str(out / f'{name}.docx'))}")
        steps.append(f"{q(pandoc)} -s {source} -o {q(str(out / f'{name}.html'))}")
    docx = " ".join(q(str(out / f"{name}.docx")) for name in DOCUMENTS)
    steps.append(f"{q(soffice)} --headless -env:UserInstallation={q(profile.as_uri())}"
                 f" --convert-to pdf --outdir {q(str(out))} {docx}")
    return ["sh", "-e", "-c", "\n".join(steps)]


def check(out: Path) -> None:
    """Fail loudly if a run did not write all six files (soffice can exit 0 on failure)."""
    files = [out / f"{name}.{ext}" for name in DOCUMENTS for ext in ("docx", "html", "pdf")]
    absent = [file.name for file in files if not file.is_file() or file.stat().st_size == 0]
    if absent:
        raise SystemExit("bench: the Pandoc/LibreOffice pipeline did not write "
                         f"{', '.join(absent)} in {out}")


def first_start(command: list[str], out: Path, cwd: Path) -> float:
    """Run the pipeline once (creates soffice's profile); return its seconds."""
    shutil.rmtree(out, ignore_errors=True)
    began = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - began
    if result.returncode != 0:
        raise SystemExit(f"bench: the Pandoc/LibreOffice pipeline failed:\n{result.stderr}")
    check(out)
    return elapsed
