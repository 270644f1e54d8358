"""Benchmark: loading a full-size UHRI export (issue #15).

Generates an export in OHCHR's JSON format (the real one: about 268,000 annotations, 360 MB; here
300,000 by default), with the real export's mix — about 48% UPR, then treaty bodies and special
procedures — over every state, its texts drawn from the real data (UPR Info's recommendations
and pledges, 2008–2014, and the UN's Working Group reports), varied in length and HTML, with a
few values the reference data does not know (as the live export has). Then loads it into a fresh
SQLite store with ``load_uhri`` in a child process and prints the file's size, the load's time
and records per second, its peak resident memory (``ru_maxrss``) and the warnings.

Target: under 500 MB resident while loading. Run: ``python bench/uhri_bench.py [--records N] [--keep]``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from rightstrack import config
from rightstrack.reference.mechanisms import all_bodies
from rightstrack.reference.sessions import all_sessions
from rightstrack.reference.states import all_states
from rightstrack.reference.uhri import all_themes
from rightstrack.sources.uprinfo import parse_file

UPR_SHARE = 0.48
TREATY_SHARE = 0.32  # the rest: special procedures
PERSONS = (
    "Children", "Women & girls", "Persons with disabilities", "Migrants", "Indigenous peoples",
    "Minorities / racial, ethnic, linguistic, religious or descent-based groups", "Judges & lawyers",
    "Human rights defenders", "Persons deprived of their liberty", "General",
    "Lesbian, gay, bisexual, transgender and intersex persons", "Older persons", "Journalists",
)  # fmt: skip
SDGS = (
    "1.3 - Implement nationally appropriate social protection systems",
    "4.1 - Ensure free, equitable and quality primary and secondary education",
    "5.1 - End all forms of discrimination against all women and girls everywhere",
    "5.2 - Eliminate all forms of violence against all women and girls",
    "10.3 - Ensure equal opportunity and reduce inequalities of outcome",
    "16.1 - Significantly reduce all forms of violence and related death rates everywhere",
    "16.2 - Protect children from abuse, exploitation, trafficking and violence",
    "16.3 - Promote the rule of law and ensure equal access to justice for all",
    "16.10 - Ensure public access to information and protect fundamental freedoms",
    "1 - NO POVERTY",
)
REGION_OF_GROUP = {
    "African": "Africa",
    "Asia-Pacific": "Asia-Pacific",
    "Eastern European": "Eastern Europe ",  # with the trailing space the export sometimes has
    "GRULAC": "Latin America and the Caribbean",
    "WEOG": "Western Europe & Others",
}
POSITIONS = (("Supported", 0.70), ("Noted", 0.28), ("Supported/Noted", 0.02))
# Treaty bodies and their share of the treaty bodies' annotations, roughly as UHRI holds them.
TREATY = (
    ("CRC", 22), ("CEDAW", 18), ("CESCR", 12), ("CCPR", 12), ("CERD", 11), ("CAT", 9), ("CRPD", 8),
    ("CMW", 3), ("CED", 2), ("SPT", 1), ("CRC-OP-SC", 1), ("CRC-OP-AC", 1),
)  # fmt: skip
LONG_FORMS = {"CRC": "Committee on the Rights of the Child", "CMW": "Committee on Migrant Workers"}


def real_texts() -> list[str]:
    """Every distinct recommendation and pledge text of UPR Info's export, and report paragraphs."""
    texts: dict[str, None] = {}
    for path in sorted(config.upr_info_dir().glob("*.csv")):
        for record in parse_file(path).records:
            texts.setdefault(record.text, None)
    for path in sorted((config.data_dir() / "un-reports" / "txt").glob("*.txt"))[:120]:
        text = path.read_text(encoding="utf-8", errors="replace")
        for paragraph in re.split(r"\n\s*\n", text):
            flat = " ".join(paragraph.split())
            if 120 <= len(flat) <= 1500 and not flat[:1].isdigit():
                texts.setdefault(flat, None)
    return list(texts)


def _weighted(rng: random.Random, pairs: tuple[tuple[str, float], ...] | tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def generate(path: Path, records: int, seed: int = 15) -> dict[str, int]:
    rng = random.Random(seed)
    texts = real_texts()
    states = list(all_states().values())
    themes = [t.label for t in all_themes().values()]
    sessions = sorted(all_sessions())
    specials = [b.canonical for b in all_bodies().values() if b.mechanism.value == "Special procedure"]
    published = date(2008, 4, 1)
    counts = {"upr": 0, "treaty": 0, "special": 0}
    reviews = [(s, state) for s in sessions for state in rng.sample(states, 14)]
    with path.open("w", encoding="utf-8") as out:
        out.write("[")
        for number in range(records):
            roll = rng.random()
            sur = rng.choice(states)
            item: dict[str, object] = {
                "AffectedPersons": rng.sample(PERSONS, rng.randint(0, 3)),
                "AnnotationId": f"{rng.getrandbits(128):032x}"[:8] + f"-{number:027d}"[:28],
                "DocumentId": f"doc-{number // 40}",
                "PublicationDate": (published + timedelta(days=rng.randint(0, 6400))).isoformat()
                + "T00:00:00",
                "PublicationDateOnUhri": "2025-03-03T10:53:45.827",
                "Sdgs": rng.sample(SDGS, rng.randint(0, 2)),
                "Themes": rng.sample(themes, rng.randint(1, 3)),
                "UprCycle": None,
                "UprPositions": [],
                "UprRecommendingCountry": [],
                "UprRecommendingRegions": [],
                "UprSession": [],
            }
            text = rng.choice(texts)
            if roll < UPR_SHARE:
                counts["upr"] += 1
                session, sur = rng.choice(reviews)
                recommenders = rng.sample(states, rng.choice((1, 1, 1, 2, 3)))
                item.update(
                    AnnotationType="- Recommendations",
                    Body="- UPR",
                    Symbol=f"A/HRC/WG.6/{session}/L.{rng.randint(1, 16)}",
                    Text=f"{100 + rng.randint(0, 60)}.{rng.randint(1, 250)} {text}",
                    UprCycle=f"{all_sessions()[session].cycle}",
                    UprPositions=[_weighted(rng, POSITIONS)],
                    UprRecommendingCountry=[s.name for s in recommenders],
                    UprSession=[f"{session} - {all_sessions()[session].year}"],
                )
            else:
                treaty = roll < UPR_SHARE + TREATY_SHARE
                counts["treaty" if treaty else "special"] += 1
                body = _weighted(rng, TREATY) if treaty else rng.choice(specials)
                if body in LONG_FORMS and rng.random() < 0.03:
                    body = LONG_FORMS[body]
                if body == "IE Albinism":
                    body = "IE  Albinism"
                extra = " ".join(rng.choice(texts) for _ in range(rng.randint(0, 3)))
                paragraph = f"{rng.randint(1, 80)}."
                item.update(
                    AnnotationType=rng.choice(
                        ("- Recommendations", "- Concerns/Observations", "- Others", "-")
                    ),
                    Body=f"- {body}",
                    Symbol=f"{body.split()[0]}/C/{sur.code}/CO/{rng.randint(1, 9)}"
                    if treaty
                    else "A/HRC/55/12",
                    Text=f"<p>{paragraph}{text} {extra}</p>"
                    if rng.random() < 0.5
                    else f"{paragraph} {text} {extra}",
                )
            names = [sur.name]
            if rng.random() < 0.03:
                names += [s.name for s in rng.sample(states, 2)]
            if rng.random() < 0.001:
                names = ["Kosovo"]  # not a UN member state: a warning, not a record
            item["Countries"] = names
            region = REGION_OF_GROUP.get(sur.regional_group.value if sur.regional_group else "", "")
            item["Regions"] = [region] if region else []
            out.write(("," if number else "") + "\n" + json.dumps(item, ensure_ascii=False))
        out.write("\n]\n")
    return counts


def load(path: Path, db: Path) -> None:
    """The load, in its own process so its peak memory is its own."""
    from rightstrack.ingest.uhri import load_uhri
    from rightstrack.store.database import open_store

    engine = open_store(f"sqlite:///{db}")
    started = time.perf_counter()
    report = load_uhri(engine, path)
    elapsed = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    merged = report.merged
    print(
        json.dumps(
            {
                "read": report.records_read,
                "kept": report.records_kept,
                "added": merged.added if merged else 0,
                "seconds": elapsed,
                "cpu_seconds": usage.ru_utime + usage.ru_stime,
                "peak_rss_mb": usage.ru_maxrss / 1024,
                "by_mechanism": dict(report.by_mechanism),
                "bodies": len(report.by_body),
                "warnings": [str(w) for w in report.warnings[:15]],
                "warning_kinds": len(report.warnings),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=300_000)
    parser.add_argument("--keep", action="store_true", help="keep the export and the store")
    parser.add_argument("--load", nargs=2, metavar=("EXPORT", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load:
        load(Path(args.load[0]), Path(args.load[1]))
        return
    folder = Path(tempfile.mkdtemp(prefix="uhri-bench-"))
    export, db = folder / "export-full-en.json", folder / "store.sqlite3"
    started = time.perf_counter()
    counts = generate(export, args.records)
    print(f"generated {args.records:,} annotations in {time.perf_counter() - started:.1f} s: {counts}")
    size = export.stat().st_size
    print(f"file: {export} ({size / 1e6:,.1f} MB)")
    child = subprocess.run(
        [sys.executable, __file__, "--load", str(export), str(db)],
        capture_output=True,
        text=True,
        check=False,
    )
    if child.returncode:
        sys.exit(f"load failed:\n{child.stderr[-3000:]}")
    result = json.loads(child.stdout.strip().splitlines()[-1])
    print(
        f"loaded {result['read']:,} annotations ({result['kept']:,} records, {result['added']:,} stored) "
        f"in {result['seconds']:.1f} s: {result['read'] / result['seconds']:,.0f} records/s, "
        f"{size / 1e6 / result['seconds']:.1f} MB/s; {result['cpu_seconds']:.1f} s of CPU "
        f"({result['read'] / result['cpu_seconds']:,.0f} records per CPU second)"
    )
    print(f"peak resident memory of the load: {result['peak_rss_mb']:,.0f} MB (target: under 500 MB)")
    print(f"by mechanism: {result['by_mechanism']}; {result['bodies']} bodies")
    print(f"warnings ({result['warning_kinds']} kinds):")
    for warning in result["warnings"]:
        print(f"  {warning}")
    print(f"store: {db} ({db.stat().st_size / 1e6:,.0f} MB)")
    if not args.keep:
        export.unlink()
        db.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
