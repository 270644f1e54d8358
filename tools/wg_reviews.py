"""Writes rightstrack/reference/reviews.csv: each UPR review's day and Working Group report symbol,
read from the UN's own reports in ../shared/data (un-reports/txt and Slovenia's PDFs).

The report says both in its first pages: "The review of Albania was held at the 2nd meeting, on
28 April 2014" and, where the extraction kept its header, its symbol (A/HRC/27/4). What a report
does not say is left empty, never guessed. Run it again when new reports arrive:

    python tools/wg_reviews.py [DATA_FOLDER]
"""

from __future__ import annotations

import csv
import re
import sys
from datetime import datetime
from pathlib import Path

from rightstrack import config
from rightstrack.sources.encoding import decode_bytes
from rightstrack.sources.wgreport import parse_report

TARGET = Path(__file__).resolve().parent.parent / "rightstrack" / "reference" / "reviews.csv"
# "was held at the 2nd meeting, on 28 April 2014"; "held at the 10th meeting on 5 May 2010".
_HELD_ON = re.compile(
    r"review of .{3,90}? was held at the \S+ meeting,? (?:held )?on\s+(\d{1,2})\s*([A-Z][a-z]+)\s+(\d{4})"
)


def _text(path: Path) -> str:
    if path.suffix.lower() == ".pdf":
        from rightstrack.sources.pdftext import pdf_text

        return pdf_text(path)
    return decode_bytes(path.read_bytes(), path.name).text


def review_row(path: Path, data: Path) -> dict[str, str] | None:
    text = _text(path)
    report = parse_report(text, path.name)
    if report.sur is None or report.session is None:
        return None
    held = _HELD_ON.search(" ".join(text[:12000].split()))
    day = ""
    if held:
        try:
            day = datetime.strptime(" ".join(held.groups()), "%d %B %Y").date().isoformat()
        except ValueError:
            day = ""
    return {
        "session": str(report.session),
        "state": report.sur,
        "review_date": day,
        "report_symbol": report.symbol or "",
        "source": path.relative_to(data).as_posix(),
    }


def main(data: Path) -> None:
    paths = sorted((data / "un-reports" / "txt").glob("*.txt"))
    slovenia = data / "ohchr-documents" / "slovenia"
    # Slovenia's four Working Group reports (the other PDFs there are other documents).
    paths += [slovenia / name for name in ("cycle1/g1012049.pdf", "cycle2/g1423930.pdf")]
    paths += [slovenia / name for name in ("cycle3/g1934994.pdf", "cycle4/g2502644.pdf")]
    rows: dict[tuple[int, str], dict[str, str]] = {}
    for path in paths:
        row = review_row(path, data)
        if row is None:
            print(f"{path.name}: no state or session found: left out", file=sys.stderr)
            continue
        key = (int(row["session"]), row["state"])
        known = rows.get(key)
        # Two copies of one report: keep what either says.
        if known is not None:
            row = {k: known[k] or row[k] for k in row}
        rows[key] = row
    with TARGET.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["session", "state", "review_date", "report_symbol", "source"])
        writer.writeheader()
        writer.writerows(rows[key] for key in sorted(rows))
    dated = sum(1 for r in rows.values() if r["review_date"])
    symbols = sum(1 for r in rows.values() if r["report_symbol"])
    print(f"{len(rows)} reviews, {dated} with their day, {symbols} with their report's symbol → {TARGET}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else config.data_dir())
