"""How long a full `docgen build` takes, next to a bare WeasyPrint render of the same HTML.

    python bench/bench_build.py [--runs N] [SPEC]

The floor is what no docgen build can beat: one Python process that imports WeasyPrint
and renders the two documents' own HTML (the standalone files docgen wrote, fonts and
CSS inline) to PDF. `docgen build` does that and also checks the spec, renders the
templates, writes HTML and Word and commits atomically. Runs are interleaved; medians
and ratios are printed and written to bench/results/ (nothing is asserted).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
EXAMPLE = ROOT / "specs" / "pakistan-kazakhstan-2026.yaml"
FLOOR = """
import sys
from weasyprint import HTML
for source, target in zip(sys.argv[1::2], sys.argv[2::2]):
    HTML(filename=source).write_pdf(target)
"""


def _environment() -> dict[str, str]:
    """Bytecode caching on, as on a user's machine (some sandboxes turn it off)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "docgen")],
                   env=env, stdout=subprocess.DEVNULL, check=False)
    return env


def _time(argv: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    subprocess.run(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - began


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines()
                    if line.startswith("Pages:")))


def _first_language(spec: Path) -> str:
    """The spec's first language, the one its text is written in."""
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(spec.read_text(encoding="utf-8"))
    return str(data["document"]["languages"][0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("spec", nargs="?", type=Path, default=EXAMPLE)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = _environment()
    work = Path(tempfile.mkdtemp(prefix="docgen-bench-"))
    try:
        out = work / "out"
        language = _first_language(args.spec)  # one edition: the floor lays out one
        build = [sys.executable, "-m", "docgen", "build", "--lang", language, "--out",
                 str(out), str(args.spec)]
        _time(build, env)  # warm-up, and the HTML the floor renders
        folder = out / args.spec.stem / language
        pairs = [str(p) for name in ("framework", "minutes")
                 for p in (folder / f"{name}.html", work / f"{name}.pdf")]
        floor = [sys.executable, "-c", FLOOR, *pairs]
        times: dict[str, list[float]] = {"build": [], "floor": []}
        for round_no in range(args.runs):
            order = ["build", "floor"] if round_no % 2 == 0 else ["floor", "build"]
            for key in order:
                if key == "build":
                    shutil.rmtree(out, ignore_errors=True)
                times[key].append(_time(build if key == "build" else floor, env))
        pages = {name: _pages(folder / f"{name}.pdf") for name in ("framework", "minutes")}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    medians = {key: statistics.median(values) for key, values in times.items()}
    ratio = medians["build"] / medians["floor"]
    print(f"spec: {args.spec.relative_to(ROOT) if args.spec.is_relative_to(ROOT) else args.spec}"
          f"; pages: framework {pages['framework']}, minutes {pages['minutes']}; "
          f"{args.runs} runs each, interleaved; wall time in s")
    print(f"{'command':58} {'median':>7} {'min':>7}")
    print(f"{'docgen build (6 documents + manifest, cold process)':58} "
          f"{medians['build']:7.2f} {min(times['build']):7.2f}")
    print(f"{'bare WeasyPrint: the same 2 HTML files to PDF, one process':58} "
          f"{medians['floor']:7.2f} {min(times['floor']):7.2f}")
    print(f"ratio build / bare WeasyPrint: {ratio:.2f}x")
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = RESULTS / f"build-{stamp}.json"
    target.write_text(json.dumps({"spec": str(args.spec), "runs": args.runs, "times": times,
                                  "medians": medians, "ratio": ratio, "pages": pages,
                                  "machine": platform.platform(),
                                  "cpus": os.cpu_count()}, indent=2) + "\n")
    print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
