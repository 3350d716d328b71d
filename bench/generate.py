"""Write a valid spec with N roadmap activities, grown from the example spec's own structure.

    python bench/generate.py N [OUT.yaml] [--parties P] [--long-names]   (default OUT: stdout)

Keeps every part of specs/pakistan-kazakhstan-2026.yaml and its activities (the
risks and the minutes refer to them), then appends copies of those activities, in
turn, under new ids (G-0001, ...), without dependencies, so the spec still passes
`docgen validate` at any size. The roadmap matrix (Annex A) grows with N; the rest
of the documents stay as they are.

`--parties P` (2 to 6) adds parties after the example's two, each with its own
institutions, people, delegation, co-chair, signatory and focal points, and a share in
the activities (so Annex A has a "Responsible" column for each). `--long-names` gives
the bodies that Annex A and the tables print names a layout must make room for: single
words of 25 letters and more ("Verkehrsinfrastrukturbehörde"), and long names of many
words where a short name was.
"""

from __future__ import annotations

import argparse
import copy
import io
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "specs" / "pakistan-kazakhstan-2026.yaml"
PARTIES = (
    ("UZ", "Uzbekistan", "the Government of the Republic of Uzbekistan",
     "Ministry of Investment, Industry and Trade of the Republic of Uzbekistan", "MIIT",
     "Laziz Kudratov", "Minister of Investment, Industry and Trade"),
    ("TM", "Turkmenistan", "the Cabinet of Ministers of Turkmenistan",
     "Ministry of Trade and Foreign Economic Relations of Turkmenistan", "MTFER",
     "Nurmuhammet Amannepesov", "Minister of Trade and Foreign Economic Relations"),
    ("KG", "Kyrgyzstan", "the Cabinet of Ministers of the Kyrgyz Republic",
     "Ministry of Economy and Commerce of the Kyrgyz Republic", "MEC",
     "Daniyar Amangeldiev", "Minister of Economy and Commerce"),
    ("TJ", "Tajikistan", "the Government of the Republic of Tajikistan",
     "Ministry of Economic Development and Trade of the Republic of Tajikistan", "MEDT",
     "Zavqi Zavqizoda", "Minister of Economic Development and Trade"),
)
"""The parties after the example's two: id, short name, name, its trade ministry (name,
short name), and its minister (name, title)."""
LONG_SHORT_NAMES = {
    "kz-mot": "Verkehrsinfrastrukturbehörde",
    "pk-rail": "Eisenbahninfrastrukturverwaltung",
    "kz-qaztrade": "Außenhandelsförderungsagentur",
    "pk-tdap": "Handelsentwicklungsbehörde",
    "kz-mti": "Integrationshandelsministerium",
    "pk-moc": "Handelsministeriumsverwaltung",
}
"""Single words of 25 letters and more, as short names of bodies Annex A names often."""
LONG_NAMES = ("pk-fbr", "kz-src", "kz-bns", "pk-mnfsr", "kz-moa")
"""Bodies whose short name is dropped, so their long name of many words is printed."""
LONG_SECTORS = {"infra": "Infrastrukturentwicklungsprogramme",
                "pharma": "Pharmaceuticalmanufacturing"}
"""Sector names of one long word (the Sectors column of Annex A)."""


def generate(activities: int, source: Path = EXAMPLE, *, parties: int = 2,
             long_names: bool = False) -> str:
    """Return the text of a spec like `source` with `activities` roadmap activities,
    `parties` parties, and, if `long_names`, the longest names a column must hold."""
    yaml = YAML()  # round trip: keeps key order, dates and comments
    yaml.width = 100
    yaml.representer.ignore_aliases = lambda *args: True  # docgen refuses aliases
    data = yaml.load(source.read_text(encoding="utf-8"))
    roadmap = data["roadmap"]
    originals = list(roadmap)
    if activities < len(originals):
        raise SystemExit(f"generate: at least {len(originals)} activities (the example's own)")
    if not 2 <= parties <= 2 + len(PARTIES):
        raise SystemExit(f"generate: 2 to {2 + len(PARTIES)} parties")
    for number in range(1, activities - len(originals) + 1):
        activity = copy.deepcopy(originals[(number - 1) % len(originals)])
        activity["id"] = f"G-{number:04d}"
        activity.pop("depends_on", None)
        roadmap.append(activity)
    for row in PARTIES[:parties - 2]:
        _add_party(data, row)
    if long_names:
        _lengthen_names(data)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def _add_party(data: Any, row: tuple[str, ...]) -> None:
    """Add the party of a row of PARTIES: two bodies, two people, and its part in the
    meeting, the signatures, the focal points and every second activity."""
    party, short, name, ministry, ministry_short, minister, title = row
    key = party.lower()
    data["parties"].append({"id": party, "name": name, "short_name": short})
    data["institutions"] += [
        {"id": f"{key}-trade", "party": party, "name": ministry, "short_name": ministry_short},
        {"id": f"{key}-transport", "party": party, "name": f"Ministry of Transport of {short}",
         "short_name": f"MoT-{party}"}]
    data["people"] += [
        {"id": f"{key}-minister", "party": party, "name": minister, "honorific": "H.E. Mr.",
         "title": title, "institution": f"{key}-trade"},
        {"id": f"{key}-deputy", "party": party, "name": f"Deputy Minister of {short}",
         "honorific": "Mr.", "title": f"Deputy Minister of Transport of {short}",
         "institution": f"{key}-transport"}]
    for number, activity in enumerate(data["roadmap"]):
        if number % 2 == 0:
            transport = bool({"transport", "infra"} & set(activity["sectors"]))
            activity["owners"].append(f"{key}-transport" if transport else f"{key}-trade")
    meeting = data["meeting"]
    meeting["co_chairs"].append(f"{key}-minister")
    meeting["delegations"].append({"party": party, "head": f"{key}-minister",
                                   "members": [f"{key}-deputy"]})
    data["signatories"].append({"party": party, "person": f"{key}-minister"})
    data["focal_points"] += [
        {"person": f"{key}-minister", "role": f"Overall coordination for {short}"},
        {"person": f"{key}-deputy", "role": "Corridors and logistics",
         "sectors": ["transport", "infra"]}]


def _lengthen_names(data: Any) -> None:
    """Give bodies and sectors the long names of LONG_SHORT_NAMES, LONG_NAMES and
    LONG_SECTORS."""
    for institution in data["institutions"]:
        if institution["id"] in LONG_SHORT_NAMES:
            institution["short_name"] = LONG_SHORT_NAMES[institution["id"]]
        elif institution["id"] in LONG_NAMES:
            institution.pop("short_name", None)
    for sector in data["sectors"]:
        sector["name"] = LONG_SECTORS.get(sector["id"], sector["name"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("activities", type=int, metavar="N")
    parser.add_argument("out", nargs="?", type=Path, metavar="OUT.yaml")
    parser.add_argument("--parties", type=int, default=2, metavar="P",
                        help=f"number of parties, 2 to {2 + len(PARTIES)} (default 2)")
    parser.add_argument("--long-names", action="store_true",
                        help="single-word names of 25+ letters and long names of many words")
    args = parser.parse_intermixed_args()
    text = generate(args.activities, parties=args.parties, long_names=args.long_names)
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
