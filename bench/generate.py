"""Write a valid spec with N roadmap activities, grown from the example spec's own structure.

    python bench/generate.py N [OUT.yaml]   (default OUT: stdout)

Keeps every part of specs/pakistan-kazakhstan-2026.yaml and its activities (the
risks and the minutes refer to them), then appends copies of those activities, in
turn, under new ids (G-0001, ...), without dependencies, so the spec still passes
`docgen validate` at any size. The roadmap matrix (Annex A) grows with N; the rest
of the documents stay as they are.
"""

from __future__ import annotations

import argparse
import copy
import io
import sys
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "specs" / "pakistan-kazakhstan-2026.yaml"


def generate(activities: int, source: Path = EXAMPLE) -> str:
    """Return the text of a spec like `source` with `activities` roadmap activities."""
    yaml = YAML()  # round trip: keeps key order, dates and comments
    yaml.width = 100
    yaml.representer.ignore_aliases = lambda *args: True  # docgen refuses aliases
    data = yaml.load(source.read_text(encoding="utf-8"))
    roadmap = data["roadmap"]
    originals = list(roadmap)
    if activities < len(originals):
        raise SystemExit(f"generate: at least {len(originals)} activities (the example's own)")
    for number in range(1, activities - len(originals) + 1):
        activity = copy.deepcopy(originals[(number - 1) % len(originals)])
        activity["id"] = f"G-{number:04d}"
        activity.pop("depends_on", None)
        roadmap.append(activity)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("activities", type=int, metavar="N")
    parser.add_argument("out", nargs="?", type=Path, metavar="OUT.yaml")
    args = parser.parse_args()
    text = generate(args.activities)
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
