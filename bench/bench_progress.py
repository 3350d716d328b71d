"""How long progress files cost: `docgen validate`, `docgen status` and the progress report
on 1,000 activities.

    python bench/bench_progress.py [--activities N] [--runs R] [--build-runs B]

Makes a spec of N activities (bench/generate.py) and a progress file reporting on every
one of them (statuses in turn, dates consistent with the plan and `as_of`), then runs,
interleaved round-robin, `docgen validate SPEC`, `docgen validate PROGRESS` (which also
checks the spec it names), `docgen status SPEC` (the plan alone) and `docgen status SPEC
PROGRESS`; prints the median and minimum wall time of each and its ratio to validating
the spec alone. Then, B times each (default 1: a build of 1,000 activities takes most of
a minute), `docgen build SPEC --doc framework` and the same with `--progress` (the report
in HTML, PDF and Word, with its Gantt of N rows in figures of 22 and a chart per target),
English only, forced; and its ratio to the framework alone. No target: the figures say
what a CI step on progress adds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402

AS_OF = dt.date(2027, 3, 31)
STATUSES = ("done", "on-track", "at-risk", "delayed", "cancelled", "not-started")


def progress_text(spec: Path) -> str:
    """A progress file at AS_OF for every activity of `spec`, read through docgen's model."""
    sys.path.insert(0, str(ROOT))
    from docgen.validation import load_spec

    lines = ["progress_version: 1", f"spec: ../../{spec.name}", f"as_of: {AS_OF}",
             "activities:"]
    for number, activity in enumerate(load_spec(spec).roadmap):
        status = STATUSES[number % len(STATUSES)]
        if activity.start > AS_OF:
            status = "not-started"
        lines += [f"  - id: {activity.id}", f"    status: {status}"]
        if status != "not-started":
            lines.append(f"    started: {activity.start}")
        if status == "done":
            finish = activity.finish
            lines.append(f"    completed: {min(finish, AS_OF) if finish else AS_OF}")
    lines += ["targets:", "  - id: T-1", "    actuals:", "      - period: 2025",
              "        value: 81_400_000", "        currency: USD", "        source: BNS", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--activities", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--build-runs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        spec = Path(folder) / "big.yaml"
        spec.write_text(generate(args.activities), encoding="utf-8")
        progress = Path(folder) / "big" / "progress" / f"{AS_OF}.yaml"
        progress.parent.mkdir(parents=True)
        progress.write_text(progress_text(spec), encoding="utf-8")
        docgen = [sys.executable, "-m", "docgen"]
        commands = {"validate SPEC": [*docgen, "validate", str(spec)],
                    "validate PROGRESS": [*docgen, "validate", str(progress)],
                    "status SPEC": [*docgen, "status", "--as-of", str(AS_OF), str(spec)],
                    "status SPEC PROGRESS": [*docgen, "status", str(spec), str(progress)]}
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        times: dict[str, list[float]] = {name: [] for name in commands}
        names = list(commands)
        for run in range(args.runs):
            for name in names[run % len(names):] + names[:run % len(names)]:
                start = time.perf_counter()
                done = subprocess.run(commands[name], env=env, capture_output=True, check=False)
                times[name].append(time.perf_counter() - start)
                if done.returncode != 0 or b"Traceback" in done.stderr:
                    raise SystemExit(f"{name} failed:\n{done.stderr.decode()}")
        base = statistics.median(times["validate SPEC"])
        print(f"{args.activities} activities, {args.runs} runs each "
              f"(progress file: {progress.stat().st_size:,} bytes)")
        print(f"{'command':<24}{'median s':>10}{'min s':>9}{'x validate SPEC':>17}")
        for name, taken in times.items():
            print(f"{name:<24}{statistics.median(taken):>10.3f}{min(taken):>9.3f}"
                  f"{statistics.median(taken) / base:>17.2f}")
        out = Path(folder) / "out"
        builds = {"build framework": [*docgen, "build", str(spec), "--doc", "framework",
                                      "--lang", "en", "--force", "--out", str(out)]}
        builds["build framework + progress"] = [*builds["build framework"], "--progress"]
        built: dict[str, list[float]] = {name: [] for name in builds}
        for _ in range(args.build_runs):
            for name, command in builds.items():
                start = time.perf_counter()
                done = subprocess.run(command, env=env, capture_output=True, check=False)
                built[name].append(time.perf_counter() - start)
                if done.returncode != 0 or b"Traceback" in done.stderr:
                    raise SystemExit(f"{name} failed:\n{done.stderr.decode()}")
        frame = statistics.median(built["build framework"])
        print(f"{'command':<28}{'median s':>10}{'x build framework':>19}")
        for name, taken in built.items():
            print(f"{name:<28}{statistics.median(taken):>10.1f}"
                  f"{statistics.median(taken) / frame:>19.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
