"""An edited copy of the example spec for the redline tests: five changes of five kinds.

A date moved (R-2.1 ends later), a preamble paragraph deleted, an activity added
(R-2.9 after R-2.1), an objective reworded and a target's value changed (T-1.3), as
the issue's acceptance asks. Edited through ruamel.yaml, so the copy stays a valid spec.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from ruamel.yaml import YAML

NEW_ID = "R-2.9"
NEW_TITLE = "Open a joint trade information desk in Almaty and Lahore"
REWORDED = ("To coordinate positions in the OIC, ECO and SCO on trade, transit, energy "
            "and connectivity.")
DELETED = 3
"""The index of the preamble paragraph deleted."""


def edited_copy(source: Path, path: Path) -> Path:
    """Write `source` with the five edits to `path` and return it."""
    yaml = YAML()
    data = yaml.load(source.read_text(encoding="utf-8"))
    activities = data["roadmap"]
    index = next(i for i, a in enumerate(activities) if a["id"] == "R-2.1")
    activities[index]["end"] = dt.date(2027, 6, 30)
    added = copy.deepcopy(activities[index])
    added["id"] = NEW_ID
    added["title"] = NEW_TITLE
    for name in ("milestones", "depends_on"):
        added.pop(name, None)
    activities.insert(index + 1, added)
    del data["framework"]["preamble"][DELETED]
    data["framework"]["objectives"][5] = REWORDED
    target = next(t for t in data["targets"] if t["id"] == "T-1.3")
    target["value"] = 200_000_000
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    return path
