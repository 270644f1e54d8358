"""Fixtures for the election observation missions' tests, built at test time from real data.

The missions' recommendations are the worked example shipped with the template
(``rightstrack/reference/eom_example.csv``): recommendations of the OSCE/ODIHR's missions to
Belarus (2010, 2012) and the EU's mission to Cambodia (2008), as ODIHR's announcements of its final
reports and the press report of the EU's final report word them; each row cites its page in
``report_url``. The UPR side is every row UPR Info's export holds for those states.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from rightstrack import config
from rightstrack.sources.encoding import decode_bytes

UPR_STATES = ("Belarus", "Cambodia")


def upr_rows(states: tuple[str, ...] = UPR_STATES) -> tuple[list[str], list[dict[str, str]]]:
    """UPR Info's rows (recommendations, not pledges) for the given states, as read."""
    header: list[str] = []
    rows: list[dict[str, str]] = []
    for path in sorted(config.upr_info_dir().glob("[0-9]*.csv")):
        text = decode_bytes(path.read_bytes(), path.name).text
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = list(reader.fieldnames or [])
        rows += [row for row in reader if row["To"] in states]
    return header, rows


def write_upr_subset(folder: Path, states: tuple[str, ...] = UPR_STATES) -> Path:
    """A UPR Info export holding only the given states' rows (UTF-8), for the ordinary loader."""
    header, rows = upr_rows(states)
    path = folder / "upr-subset.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        writer.writerows(rows)
    return path
