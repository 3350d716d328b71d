"""The benchmark suite: every speed target of docgen, measured side by side in one run.

    python bench/run.py [--quick] [--only GROUP,...]

Groups (each timed as cold processes, interleaved round-robin so machine drift hits
every command alike; medians are compared):

  validate  docgen validate vs the import floor and check-jsonschema
  build     full build (--jobs 1, --jobs 2) vs bare WeasyPrint on the same HTML
  scaling   generated specs of 50, 200 and 1,000 activities: time, peak memory, growth
  rebuild   a no-op rebuild and a rebuild after changing only the meeting, vs validate
  batch     20 specs with --jobs 1 and --jobs 2
  preview   docgen build --format html vs validate
  live      docgen preview in headless Chromium: save -> HTML in the page and save -> PDF,
            vs a cold build of the framework and a warm bare WeasyPrint layout
            (bench/bench_preview.py; timed inside one run, not as cold processes)
  languages the example's four languages in one build vs four one-language builds, and
            a four-language build of 200 and 1,000 activities (skipped with --quick)
  pipeline  docgen build vs the usual alternative (Pandoc to DOCX and HTML, LibreOffice
            headless DOCX to PDF) on the same content, at the example size and at 1,000
            activities (the latter skipped with --quick); skipped, with a note, if pandoc
            or soffice is not installed

Prints one table (median, min, runs, ratio to the reference, target, verdict) and
writes every time to bench/results/run-<UTC stamp>.json (git-ignored). `--quick`
takes fewer runs: a smoke test of the suite, not figures to quote.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_build
import bench_languages
import bench_preview
import bench_validate
import pandoc_pipeline
from generate import generate

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
EXAMPLE = ROOT / "specs" / "pakistan-kazakhstan-2026.yaml"
STARTER = ROOT / "docgen" / "data" / "starter.yaml"
ENV = bench_validate.ENV
PY = sys.executable
SIZES = (50, 200, 1000)
BATCH = 20
GROUPS = ("validate", "build", "scaling", "rebuild", "batch", "preview", "live", "pipeline",
          "languages")
LANGUAGES = ("en", "ur", "kk", "ru")  # the example's, each with its texts
FIRST = LANGUAGES[0]
PIPELINE_LARGE = 1000  # activities in the second pipeline comparison
NOTES: list[str] = []  # printed under the table and written to the results file


@dataclass
class Command:
    """One command under measurement; `before` runs untimed before each run."""

    key: str
    label: str
    argv: list[str]
    before: Callable[[int], None] | None = None
    times: list[float] = field(default_factory=list)
    peak_kib: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


@dataclass
class Row:
    """A line of the table: a command's median, and its ratio to a reference."""

    label: str
    command: Command
    reference: Command | None = None
    target: str = ""
    limit: float | None = None
    inverse: bool = False  # the ratio is reference / command (a speed-up)
    value: float | None = None  # a figure that is not a ratio of two medians

    @property
    def ratio(self) -> float | None:
        if self.value is not None:
            return self.value
        if self.reference is None:
            return None
        if self.inverse:
            return self.reference.median / self.command.median
        return self.command.median / self.reference.median

    @property
    def met(self) -> bool | None:
        if self.limit is None or self.ratio is None:
            return None
        return self.ratio >= self.limit if self.inverse else self.ratio <= self.limit


def docgen(*args: str) -> list[str]:
    return [PY, "-m", "docgen", *args]


def run_once(command: Command, round_no: int) -> None:
    """Run a command once; record its wall time and its peak memory (wait4's rusage)."""
    if command.before is not None:
        command.before(round_no)
    began = time.perf_counter()
    process = subprocess.Popen(command.argv, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    assert process.stderr is not None
    error = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stderr.close()
    if process.returncode not in (0, 1):  # exit 1: check-jsonschema on a spec it disagrees with
        sys.exit(f"bench: {command.label} exited {process.returncode}:\n{error.decode()}")
    command.times.append(elapsed)
    command.peak_kib.append(usage.ru_maxrss)


def measure(commands: list[Command], runs: int) -> None:
    """Run each command `runs` times, interleaved, the first command rotating each round."""
    for command in commands:  # warm-up: caches, .pyc files, the first build's output
        run_once(command, -1)
        command.times.clear()
        command.peak_kib.clear()
    for round_no in range(runs):
        start = round_no % len(commands)
        for command in commands[start:] + commands[:start]:
            run_once(command, round_no)


def group_validate(work: Path, runs: int) -> list[Row]:
    tools = {tool.key: tool for tool in bench_validate._tools(EXAMPLE)}
    floor = Command("floor", tools["floor"].label, tools["floor"].argv)
    validate = Command("validate", "docgen validate (console script)",
                       tools["validate_script"].argv)
    peer = Command("check_jsonschema", tools["check_jsonschema"].label,
                   tools["check_jsonschema"].argv)
    measure([floor, validate, peer], runs)
    return [Row(floor.label, floor), Row(peer.label, peer),
            Row("docgen validate / floor", validate, floor, "<= 1.5x", 1.5),
            Row("docgen validate / check-jsonschema", validate, peer, "< 1.0x", 0.999)]


def group_build(work: Path, runs: int) -> list[Row]:
    out = work / "build"
    # One language (the example has four; the languages group measures those), so both
    # sides lay out the same two documents.
    build = [docgen("build", "--force", "--lang", FIRST, "--out", str(out / f"j{jobs}"),
                    "--jobs", str(jobs), str(EXAMPLE)) for jobs in (1, 2)]
    subprocess.run(build[0], cwd=ROOT, env=ENV, check=True, capture_output=True)
    folder = out / "j1" / EXAMPLE.stem / FIRST
    pairs = [str(p) for name in ("framework", "minutes")
             for p in (folder / f"{name}.html", work / f"{name}.pdf")]
    floor = Command("weasyprint", "bare WeasyPrint: the 2 HTML files to PDF",
                    [PY, "-c", bench_build.FLOOR, *pairs])
    serial = Command("build_j1", "docgen build --jobs 1 (6 files, cold)", build[0])
    parallel = Command("build_j2", "docgen build --jobs 2", build[1])
    measure([floor, serial, parallel], runs)
    return [Row(floor.label, floor),
            Row("build --jobs 1 / bare WeasyPrint", serial, floor, "<= 1.15x", 1.15),
            Row("build --jobs 2 / bare WeasyPrint", parallel, floor, "<= 0.65x", 0.65)]


def group_scaling(work: Path, runs: int) -> list[Row]:
    commands = []
    for size in SIZES:
        spec = work / f"generated-{size}.yaml"
        spec.write_text(generate(size), encoding="utf-8")
        commands.append(Command(f"scale_{size}", f"build --jobs 1, {size} activities",
                                docgen("build", "--force", "--jobs", "1", "--out",
                                       str(work / "scaling"), str(spec))))
    measure(commands, runs)
    rows = [Row(f"{c.label} (peak {max(c.peak_kib) / 1024:.0f} MiB)", c) for c in commands]
    for (small, n1), (large, n2) in itertools.pairwise(zip(commands, SIZES, strict=True)):
        exponent = math.log(large.median / small.median) / math.log(n2 / n1)
        last = n2 == SIZES[-1]
        rows.append(Row(f"growth exponent, time, {n1} -> {n2} activities", large,
                        target="<= 1.1" if last else "", limit=1.1 if last else None,
                        value=exponent))
    return rows


def validate_command() -> Command:
    return Command("validate", "docgen validate", docgen("validate", str(EXAMPLE)))


def group_rebuild(work: Path, runs: int) -> list[Row]:
    spec = work / "rebuild.yaml"
    shutil.copyfile(EXAMPLE, spec)
    out = str(work / "rebuild")
    venue = EXAMPLE.read_text(encoding="utf-8")
    marker = "  venue: "
    assert marker in venue

    def change_meeting(round_no: int) -> None:
        text = venue.replace(marker, f"{marker}Hall {round_no + 2} of ", 1)
        spec.write_text(text, encoding="utf-8")

    def restore(_round: int) -> None:
        shutil.copyfile(EXAMPLE, spec)

    noop = Command("noop", "no-op rebuild (nothing changed)",
                   docgen("build", "--out", out, str(spec)), before=restore)
    minutes = Command("minutes_only", "rebuild after changing only the meeting",
                      docgen("build", "--out", out, str(spec)), before=change_meeting)
    validate = validate_command()
    measure([noop, validate], runs)  # after its warm-up run, the output is current
    measure([minutes], max(1, runs // 3))
    return [Row("no-op rebuild / validate", noop, validate, "<= 1.2x", 1.2),
            Row(minutes.label, minutes)]


def group_batch(work: Path, runs: int) -> list[Row]:
    folder = work / "batch"
    folder.mkdir()
    for number in range(BATCH):
        shutil.copyfile(STARTER, folder / f"spec-{number:02d}.yaml")
    commands = [Command(f"batch_j{jobs}", f"batch of {BATCH} small specs, --jobs {jobs}",
                        docgen("build", "--force", "--jobs", str(jobs), "--out",
                               str(work / f"batch-out-{jobs}"), str(folder)))
                for jobs in (1, 2)]
    measure(commands, runs)
    return [Row(commands[0].label, commands[0]),
            Row("batch speed-up, --jobs 1 / --jobs 2", commands[1], commands[0], ">= 1.7x",
                1.7, inverse=True)]


def group_languages(work: Path, runs: int, large_runs: int) -> list[Row]:
    """The example's four languages in one build against four one-language builds, and
    a four-language build's growth from 200 to 1,000 activities (pseudo-translated)."""
    four = Command("languages_4", f"build --jobs 1, {len(LANGUAGES)} languages (example)",
                   docgen("build", "--force", "--jobs", "1", "--out", str(work / "lang-4"),
                          str(EXAMPLE)))
    ones = [Command(f"language_{lang}", f"build --jobs 1 --lang {lang} (example)",
                    docgen("build", "--force", "--jobs", "1", "--lang", lang, "--out",
                           str(work / f"lang-{lang}"), str(EXAMPLE)))
            for lang in LANGUAGES]
    measure([four, *ones], runs)
    separate = Command("languages_sum", f"{len(LANGUAGES)} one-language builds, summed", [],
                       times=[sum(run) for run in zip(*(c.times for c in ones), strict=True)])
    rows = [Row(c.label, c) for c in ones] + [
        Row(separate.label, separate),
        Row(f"{len(LANGUAGES)} languages in one build / {len(LANGUAGES)} builds", four,
            separate, "< 1.0x", 0.999)]
    if not large_runs:
        NOTES.append("languages: the 200 and 1,000-activity builds are skipped with --quick")
        return rows
    grown = []
    for size in (200, 1000):
        spec = work / "languages" / f"generated-{size}.yaml"
        spec.parent.mkdir(exist_ok=True)
        spec.write_text(generate(size), encoding="utf-8")
        bench_languages.write_translations(spec, tuple(LANGUAGES[1:]))
        grown.append(Command(f"languages_4_{size}",
                             f"build --jobs 1, {len(LANGUAGES)} languages, {size} acts",
                             docgen("build", "--force", "--jobs", "1", "--out",
                                    str(work / "lang-grown"), str(spec))))
    measure(grown, large_runs)
    exponent = math.log(grown[1].median / grown[0].median) / math.log(1000 / 200)
    NOTES.append("languages: the generated specs' ur, kk and ru texts are pseudo-translations "
                 "(bench/bench_languages.py: each letter mapped into the script), so Urdu "
                 "is shaped in Nastaliq as a real text would be")
    return rows + [Row(f"{c.label} (peak {max(c.peak_kib) / 1024:.0f} MiB)", c)
                   for c in grown] + [
        Row("growth exponent, 4 languages, 200 -> 1,000 acts", grown[1],
            target="<= 1.1", limit=1.1, value=exponent)]


def group_preview(work: Path, runs: int) -> list[Row]:
    preview = Command("preview", "docgen build --format html (quick preview)",
                      docgen("build", "--force", "--format", "html", "--lang", FIRST, "--out",
                             str(work / "preview"), str(EXAMPLE)))
    validate = validate_command()
    measure([preview, validate], runs)
    return [Row("build --format html / validate", preview, validate, "<= 2x", 2.0)]


def _figure(key: str, label: str, times: list[float]) -> Command:
    """A Command whose times were measured elsewhere (inside a warm process)."""
    return Command(key, label, [], times=times)


def group_live(work: Path, runs: int) -> list[Row]:
    figures = bench_preview.measure(EXAMPLE, runs)
    html = _figure("live_html", "preview: save -> HTML in the browser", figures.html_save)
    refreshed = _figure("live_refreshed", "preview: save -> refreshed (event sent)",
                        figures.refreshed)
    pdf = _figure("live_pdf", "preview: save -> PDF served", figures.pdf_save)
    cold_html = _figure("live_cold_html", "cold build --format html --doc framework",
                        figures.cold_html)
    cold_pdf = _figure("live_cold_pdf", "cold build --format pdf --doc framework",
                       figures.cold_pdf)
    warm = _figure("live_warm", "bare WeasyPrint layout, warm process", figures.warm_layout)
    return [Row(html.label, html, target="<= 0.3 s", limit=0.3, value=html.median),
            Row(refreshed.label, refreshed), Row(pdf.label, pdf), Row(cold_html.label, cold_html),
            Row(cold_pdf.label, cold_pdf), Row(warm.label, warm),
            Row("save -> HTML / cold build html", html, cold_html),
            Row("save -> PDF / warm bare layout", pdf, warm, "<= 1.1x", 1.1),
            Row("save -> PDF / cold build pdf", pdf, cold_pdf)]


def _pipeline_size(work: Path, spec: Path, tag: str, runs: int) -> list[Row]:
    """docgen build (--jobs 2, --jobs 1) vs Pandoc + LibreOffice on one spec, interleaved."""
    slug = spec.stem
    html_out = work / f"pipeline-html-{slug}"
    subprocess.run(docgen("build", "--format", "html", "--lang", FIRST, "--out", str(html_out),
                          str(spec)), cwd=ROOT, env=ENV, check=True, capture_output=True)
    html = {name: html_out / spec.stem / FIRST / f"{name}.html"
            for name in pandoc_pipeline.DOCUMENTS}
    alt_out = work / f"pipeline-alt-{slug}"
    alt_argv = pandoc_pipeline.argv(html, alt_out, work / "soffice-profile")
    if not (work / "soffice-profile").exists():
        first = pandoc_pipeline.first_start(alt_argv, alt_out, ROOT)
        NOTES.append(f"pipeline: the first run of the Pandoc/LibreOffice pipeline (soffice's "
                     f"first start, creating its private profile) took {first:.2f} s; "
                     "excluded from the timings")

    def fresh(folder: Path) -> Callable[[int], None]:
        return lambda _round: shutil.rmtree(folder, ignore_errors=True)

    alt = Command(f"pipeline_{slug}", f"Pandoc + LibreOffice, 2 docs ({tag})", alt_argv,
                  before=fresh(alt_out))
    builds = {jobs: Command(f"pipeline_build_j{jobs}_{slug}",
                            f"docgen build --jobs {jobs} ({tag})",
                            docgen("build", "--force", "--jobs", str(jobs), "--lang", FIRST,
                                   "--out", str(work / f"pipeline-build-{slug}-j{jobs}"),
                                   str(spec)),
                            before=fresh(work / f"pipeline-build-{slug}-j{jobs}"))
              for jobs in (2, 1)}
    measure([alt, builds[2], builds[1]], runs)
    pandoc_pipeline.check(alt_out)
    note = "< 1: docgen faster"
    return [Row(f"Pandoc+LibreOffice, 2 docs x 3 formats ({tag})", alt),
            Row(f"docgen build --jobs 2, 6 files, cold ({tag})", builds[2]),
            Row(f"build --jobs 2 / Pandoc+LibreOffice ({tag})", builds[2], alt, note),
            Row(f"build --jobs 1 / Pandoc+LibreOffice ({tag})", builds[1], alt, note)]


def group_pipeline(work: Path, runs: int, large_runs: int) -> list[Row]:
    absent = pandoc_pipeline.missing()
    if absent:
        note = (f"pipeline: skipped, {' and '.join(absent)} not installed (install pandoc "
                "and LibreOffice to compare docgen with the usual alternative)")
        print(f"bench: {note}", file=sys.stderr, flush=True)
        NOTES.append(note)
        return []
    NOTES.append("pipeline: " + "; ".join(f"{k}: {v}"
                                          for k, v in pandoc_pipeline.versions().items()))
    rows = _pipeline_size(work, EXAMPLE, "example", runs)
    if large_runs:
        spec = work / f"generated-{PIPELINE_LARGE}.yaml"
        spec.write_text(generate(PIPELINE_LARGE), encoding="utf-8")
        rows += _pipeline_size(work, spec, f"{PIPELINE_LARGE:,} acts", large_runs)
    else:
        NOTES.append(f"pipeline: the {PIPELINE_LARGE:,}-activity comparison is skipped "
                     "with --quick")
    return rows


def table(rows: list[Row]) -> str:
    lines = [f"{'measure':<52} {'median s':>9} {'min s':>7} {'runs':>4} {'ratio':>7}  target"]
    for row in rows:
        ratio = "" if row.ratio is None else f"{row.ratio:.2f}{'' if row.value else 'x'}"
        verdict = {None: "", True: "met", False: "NOT met"}[row.met]
        lines.append(f"{row.label:<52} {row.command.median:9.3f} {min(row.command.times):7.3f}"
                     f" {len(row.command.times):4d} {ratio:>7}  {row.target} {verdict}".rstrip())
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (a smoke test)")
    parser.add_argument("--only", default=",".join(GROUPS),
                        help=f"groups to run, comma-separated (default: {','.join(GROUPS)})")
    args = parser.parse_args()
    chosen = [g for g in args.only.split(",") if g]
    unknown = set(chosen) - set(GROUPS)
    if unknown:
        parser.error(f"unknown groups: {', '.join(sorted(unknown))}")
    light, heavy, scale = (5, 2, 1) if args.quick else (20, 5, 3)
    work = Path(tempfile.mkdtemp(prefix="docgen-bench-"))
    rows: list[Row] = []
    began = time.perf_counter()
    try:
        runners: dict[str, Callable[[], list[Row]]] = {
            "validate": lambda: group_validate(work, light),
            "build": lambda: group_build(work, heavy),
            "scaling": lambda: group_scaling(work, scale),
            "rebuild": lambda: group_rebuild(work, light),
            "batch": lambda: group_batch(work, scale),
            "preview": lambda: group_preview(work, light),
            "live": lambda: group_live(work, heavy),
            "pipeline": lambda: group_pipeline(work, heavy, 0 if args.quick else 2),
            "languages": lambda: group_languages(work, heavy, 0 if args.quick else 1),
        }
        for group in chosen:
            print(f"bench: {group} ...", file=sys.stderr, flush=True)
            rows += runners[group]()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"docgen bench: {platform.platform()}, {os.cpu_count()} CPUs, "
          f"{'--quick, ' if args.quick else ''}{time.perf_counter() - began:.0f} s; "
          "cold processes, interleaved; ratio = median / reference median")
    print(table(rows))
    for note in NOTES:
        print(f"note: {note}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC)
    target = RESULTS / f"run-{stamp:%Y%m%dT%H%M%SZ}.json"
    target.write_text(json.dumps({
        "when": stamp.isoformat(timespec="seconds"), "quick": args.quick,
        "platform": platform.platform(), "cpus": os.cpu_count(),
        "git": bench_validate._git_state(), "notes": NOTES,
        "rows": [{"label": r.label, "key": r.command.key, "median_s": r.command.median,
                  "times_s": r.command.times, "peak_kib": r.command.peak_kib,
                  "reference": r.reference.key if r.reference else None,
                  "ratio": r.ratio, "target": r.target, "met": r.met} for r in rows],
    }, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
