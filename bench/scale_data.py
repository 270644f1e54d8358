"""The scale dataset of issue #17: 500,000 records made from the real data, in the real formats.

Written as the sources publish them, so that the real loaders are what load them:

- **UPR Info export CSVs** (Mac Roman, CR line endings, UPR Info's eleven columns), one file per
  UPR Working Group session, sessions 1–50 over cycles 1–4. Each state is reviewed once a cycle, in
  the session its real reviews put it in (cycle 1, and sessions 13–19 of cycle 2, as in the real
  data; later cycles 14 sessions on). A review's records are drawn from that state's real records:
  response, action category, issues and recommending states travel together, as their joint
  distribution is; the text is a new one varied from the real text (``scale_texts.py``). Reviews
  grow from cycle to cycle in the real proportions (UPR Info: about 110 records a review in cycle 1,
  280 in cycle 4), each state's in proportion to its real reviews; pledges come in their real share.
- **A UHRI export** (OHCHR's JSON) with the other mechanisms' records: treaty bodies and special
  procedures (``--uhri-share`` of the records, 30 % by default), texts varied the same way and worded
  as those bodies word them.

Everything is drawn from one seeded generator: the same inputs, seed and size give the same files.
The files are kept in a cache folder keyed by the real inputs (names, sizes, mtimes), this file's
source and the size; stores built from them (``scale_store.py``) are cached by the same key.

Run: ``python bench/scale_data.py [--records 500000] [--seed 17] [--uhri-share 0.3]``; prints the folder.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import random
import shutil
import sys
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import platformdirs

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_texts import TextVariety, borrowable_clauses
from uhri_bench import LONG_FORMS, PERSONS, REGION_OF_GROUP, SDGS, TREATY

from rightstrack import config
from rightstrack.reference.mechanisms import all_bodies
from rightstrack.reference.sessions import all_sessions
from rightstrack.reference.states import UnknownStateError, resolve_state
from rightstrack.reference.uhri import all_themes
from rightstrack.sources.encoding import decode_bytes

HEADER = ("To", "To-Rgrp", "To-Org", "Text", "From", "From-Rgrp", "From-Org", "Response", "Action", "Issue")
COLUMNS = (*HEADER, "Session")
LAST_SESSION = 50
CYCLE_STARTS = {1: 1, 2: 13, 3: 27, 4: 41}
# Records per review relative to cycle 1, as the real reviews grew (UPR Info: ~110, ~170, ~250, ~280).
CYCLE_GROWTH = {1: 1.0, 2: 1.6, 3: 2.3, 4: 2.6}
TREATY_SHARE = 0.6  # of the UHRI records; the rest are special procedures'
DEFAULT_SEED = 17
DEFAULT_UHRI_SHARE = 0.3
BUILDER_FILES = ("scale_data.py", "scale_texts.py", "uhri_bench.py")
TREATY_OPENINGS = {
    "- Recommendations": "The Committee recommends that the State party",
    "- Concerns/Observations": "The Committee is concerned that the State party does not",
}
THEMES = [theme.label for theme in all_themes().values()]
SPECIAL_OPENINGS = {
    "- Recommendations": "The Special Rapporteur recommends that the Government",
    "- Concerns/Observations": "The Special Rapporteur is concerned that the authorities do not",
}


@dataclass(frozen=True)
class Dataset:
    folder: Path
    key: str
    records: int
    upr_files: tuple[Path, ...]
    uhri_files: tuple[Path, ...]

    @property
    def paths(self) -> list[Path]:
        return [*self.upr_files, *self.uhri_files]


def real_inputs() -> list[Path]:
    return sorted(config.upr_info_dir().glob("*.csv"))


def dataset_key(records: int, seed: int, uhri_share: float) -> str:
    digest = hashlib.sha256()
    for path in real_inputs():
        stat = path.stat()
        digest.update(f"{path.name}\x1f{stat.st_size}\x1f{stat.st_mtime_ns}\n".encode())
    here = Path(__file__).resolve().parent
    for name in BUILDER_FILES:
        digest.update((here / name).read_bytes())
    digest.update(f"{records}\x1f{seed}\x1f{uhri_share}".encode())
    return digest.hexdigest()[:16]


def cache_root() -> Path:
    """``RIGHTSTRACK_CACHE``/bench-scale, or the user cache's (also when the cache is ``off``: that
    switch is for the app's computed copies, which benchmarks turn off; these files are inputs)."""
    configured = os.environ.get("RIGHTSTRACK_CACHE")
    base = Path(configured) if configured and configured != "off" else None
    return (base or Path(platformdirs.user_cache_dir("rightstrack"))) / "bench-scale"


@dataclass
class _Template:
    """One real record: the rows of the CSV that state it (one per recommending state)."""

    rows: list[dict[str, str]]

    @property
    def text(self) -> str:
        return self.rows[0]["Text"]

    @property
    def issues(self) -> list[str]:
        return [i.strip() for i in self.rows[0]["Issue"].split(",") if i.strip()]


@dataclass
class _Real:
    templates: dict[str, list[_Template]]  # state under review (as spelled) → its real records
    pledges: dict[str, list[_Template]]
    sessions: dict[str, dict[int, int]]  # state → cycle → real session
    by_issue: dict[str, list[str]]  # issue → real texts
    recommenders: list[tuple[str, str, str]]  # (From, From-Rgrp, From-Org) as spelled
    texts: list[str]
    tails: list[str]  # every real text's clauses after its first, for texts to borrow


@cache
def read_real() -> _Real:
    """The real UPR Info export, read once per process (the generators only read it)."""
    real = _Real(defaultdict(list), defaultdict(list), defaultdict(dict), defaultdict(list), [], [], [])
    grouped: dict[tuple[str, ...], _Template] = {}
    seen_from: dict[str, tuple[str, str, str]] = {}
    for path in real_inputs():
        text = decode_bytes(path.read_bytes(), str(path)).text
        rows = csv.reader(io.StringIO(text, newline=""))
        header = next(rows)
        for values in rows:
            row = dict(zip(header, values, strict=False))
            key = (row["To"], row["Session"], row["Text"], row["Response"])
            if key not in grouped:
                grouped[key] = _Template([])
                pledge = row["Response"].casefold().startswith("voluntary")
                (real.pledges if pledge else real.templates)[row["To"]].append(grouped[key])
            grouped[key].rows.append(row)
            session = int(row["Session"])
            cycle = all_sessions()[session].cycle
            real.sessions[row["To"]].setdefault(cycle, session)
            seen_from.setdefault(row["From"], (row["From"], row["From-Rgrp"], row["From-Org"]))
    for template in grouped.values():
        real.texts.append(template.text)
        for issue in template.issues:
            real.by_issue[issue].append(template.text)
    real.recommenders = [v for k, v in seen_from.items() if "unknown" not in k.casefold()]
    real.tails = borrowable_clauses(real.texts)
    for name in list(real.templates):  # states the reference data cannot resolve are left out
        try:
            resolve_state(name)
        except UnknownStateError:
            del real.templates[name]
            real.pledges.pop(name, None)
    return real


def review_sessions(real: _Real) -> list[tuple[str, int]]:
    """(state, session) of every review in sessions 1–50: real where the data has it (cycle 1 and
    sessions 13–19), else the state's place in the cycle before, kept in order (cycle 2 has 14
    sessions where cycle 1 had 12; later cycles 14 sessions on, as the Council keeps the order)."""
    states = [s for s, known in real.sessions.items() if 1 in known and s in real.templates]
    later = sorted((s for s in states if 2 not in real.sessions[s]), key=lambda s: (real.sessions[s][1], s))
    second = {s: real.sessions[s][2] for s in states if 2 in real.sessions[s]}
    # The real data ends at session 19: the rest of cycle 2 (sessions 20–26) in cycle 1's order.
    second |= {state: 20 + index * 7 // len(later) for index, state in enumerate(later)}
    reviews = [
        (state, session)
        for state in states
        for session in (real.sessions[state][1], second[state], second[state] + 14, second[state] + 28)
        if session <= LAST_SESSION
    ]
    return sorted(reviews, key=lambda review: (review[1], review[0]))


def _allocate(total: int, weights: list[float]) -> list[int]:
    """``total`` split in proportion to ``weights``, by largest remainder (sums exactly)."""
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    counts = [int(s) for s in shares]
    for index in sorted(range(len(shares)), key=lambda i: counts[i] - shares[i])[: total - sum(counts)]:
        counts[index] += 1
    return counts


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    path.write_bytes(out.getvalue().encode("mac_roman", errors="replace"))


def _upr_rows(real: _Real, variety: TextVariety, rng: random.Random, total: int, folder: Path) -> list[Path]:
    reviews = review_sessions(real)
    pledge_share = sum(map(len, real.pledges.values())) / (
        sum(map(len, real.templates.values())) + sum(map(len, real.pledges.values()))
    )
    # A state's records per real review (the real data holds one or two reviews of each state).
    per_real_review = {s: len(real.templates[s]) / len(real.sessions[s]) for s, _ in reviews}
    weights = [
        CYCLE_GROWTH[all_sessions()[session].cycle] * max(per_real_review[state], 20)
        for state, session in reviews
    ]
    per_review = _allocate(total, weights)
    by_session: dict[int, list[list[str]]] = defaultdict(list)
    everyone = [t for templates in real.templates.values() for t in templates]
    for (state, session), count in zip(reviews, per_review, strict=True):
        own = real.templates[state] or everyone
        pledges = real.pledges.get(state) or []
        for _ in range(count):
            is_pledge = pledges and rng.random() < pledge_share
            template = rng.choice(pledges if is_pledge else own)
            related = real.by_issue.get(rng.choice(template.issues), []) if template.issues else []
            text = variety.vary(template.text, related)
            rows = [dict(row) for row in template.rows]
            if not is_pledge and rng.random() < 0.15:  # one recommending state gives way to another
                swap = rng.choice(real.recommenders)
                if swap[0] not in {r["From"] for r in rows}:
                    replaced = rows[rng.randrange(len(rows))]
                    replaced.update(zip(("From", "From-Rgrp", "From-Org"), swap, strict=True))
            for row in rows:
                row.update(Text=text, Session=str(session))
                by_session[session].append([row[c] for c in COLUMNS])
    paths = []
    for session in sorted(by_session):
        path = folder / f"upr-info-session-{session:02d}.csv"
        _write_csv(path, by_session[session])
        paths.append(path)
    return paths


def _annotation(
    real: _Real, variety: TextVariety, rng: random.Random, states: list[str], specials: list[str]
) -> dict[str, object]:
    state_name = rng.choice(states)
    template = rng.choice(real.templates[state_name])
    sur = resolve_state(state_name)
    treaty = rng.random() < TREATY_SHARE
    body = rng.choices([b for b, _ in TREATY], [w for _, w in TREATY])[0] if treaty else rng.choice(specials)
    if body in LONG_FORMS and rng.random() < 0.03:
        body = LONG_FORMS[body]
    kind = rng.choices(("- Recommendations", "- Concerns/Observations", "- Others"), (70, 25, 5))[0]
    related = real.by_issue.get(rng.choice(template.issues), []) if template.issues else []
    text = variety.vary(template.text, related)
    opening = (TREATY_OPENINGS if treaty else SPECIAL_OPENINGS).get(kind)
    if opening:
        text = f"{opening} {text[:1].lower()}{text[1:]}"
    published = date(2008, 4, 1) + timedelta(days=rng.randint(0, 6400))
    group = sur.regional_group.value if sur.regional_group else ""
    return {
        "AffectedPersons": rng.sample(PERSONS, rng.randint(0, 3)),
        "AnnotationId": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "AnnotationType": kind,
        "Body": f"- {body}",
        "Countries": [sur.name],
        "DocumentId": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "PublicationDate": f"{published.isoformat()}T00:00:00",
        "PublicationDateOnUhri": "2025-03-03T10:53:45.827",
        "Regions": [REGION_OF_GROUP[group]] if group in REGION_OF_GROUP else [],
        "Sdgs": rng.sample(SDGS, rng.randint(0, 2)),
        "Symbol": f"{body.split()[0]}/C/{sur.code}/CO/{rng.randint(1, 9)}"
        if treaty
        else f"A/HRC/{7 + (published.year - 2008) * 3}/{rng.randint(10, 60)}/Add.{rng.randint(1, 3)}",
        "Text": f"{rng.randint(1, 80)}. {text}"
        if rng.random() < 0.5
        else f"<p>{rng.randint(1, 80)}.{text}</p>",
        "Themes": rng.sample(THEMES, rng.randint(1, 3)),
        "UprCycle": None,
        "UprPositions": [],
        "UprRecommendingCountry": [],
        "UprRecommendingRegions": [],
        "UprSession": [],
    }


def _uhri_file(real: _Real, variety: TextVariety, rng: random.Random, total: int, folder: Path) -> list[Path]:
    if total <= 0:
        return []
    path = folder / "export-full-en.json"
    # States as often as they are under review in the real data, each with its own real records.
    states = [name for name, templates in real.templates.items() for _ in templates]
    specials = [b.canonical for b in all_bodies().values() if b.mechanism.value == "Special procedure"]
    with path.open("w", encoding="utf-8") as out:
        out.write("[")
        for number in range(total):
            item = _annotation(real, variety, rng, states, specials)
            out.write(("," if number else "") + "\n" + json.dumps(item, ensure_ascii=False))
        out.write("\n]\n")
    return [path]


def generate(
    folder: Path, records: int, seed: int = DEFAULT_SEED, uhri_share: float = DEFAULT_UHRI_SHARE
) -> None:
    """Writes the dataset's files into ``folder`` (which must exist)."""
    rng = random.Random(seed)
    real = read_real()
    variety = TextVariety(real.tails, rng)
    uhri = round(records * uhri_share)
    _upr_rows(real, variety, rng, records - uhri, folder)
    _uhri_file(real, variety, rng, uhri, folder)


def build(
    records: int = 500_000,
    seed: int = DEFAULT_SEED,
    uhri_share: float = DEFAULT_UHRI_SHARE,
    root: Path | None = None,
) -> Dataset:
    """The dataset, from the cache when it was built before with the same inputs."""
    key = dataset_key(records, seed, uhri_share)
    folder = (root or cache_root()) / f"data-{records}-{key}"
    manifest = folder / "manifest.json"
    if not manifest.exists():
        partial = folder.with_name(folder.name + f".partial-{os.getpid()}")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        generate(partial, records, seed, uhri_share)
        files = sorted(p.name for p in partial.iterdir())
        (partial / "manifest.json").write_text(json.dumps({"key": key, "records": records, "files": files}))
        shutil.rmtree(folder, ignore_errors=True)
        partial.rename(folder)
        for stale in folder.parent.glob(f"data-{records}-*"):  # the same size from older inputs
            if stale != folder and "partial" not in stale.name:
                shutil.rmtree(stale, ignore_errors=True)
    files = json.loads(manifest.read_text())["files"]
    return Dataset(
        folder,
        key,
        records,
        tuple(folder / f for f in files if f.endswith(".csv")),
        tuple(folder / f for f in files if f.endswith(".json") and f != "manifest.json"),
    )


def summary(dataset: Dataset) -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in dataset.paths:
        counts[path.suffix] += 1
        counts["bytes"] += path.stat().st_size
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=500_000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--uhri-share", type=float, default=DEFAULT_UHRI_SHARE)
    args = parser.parse_args()
    dataset = build(args.records, args.seed, args.uhri_share)
    counts = summary(dataset)
    print(
        f"{dataset.folder}: {dataset.records:,} records, {counts['.csv']} UPR Info CSVs, "
        f"{counts['.json']} UHRI export(s), {counts['bytes'] / 1e6:,.0f} MB"
    )


if __name__ == "__main__":
    main()
