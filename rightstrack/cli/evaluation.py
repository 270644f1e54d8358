"""``rightstrack eval``: how well the importers read real documents, measured on the shared data."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from rightstrack import config

if TYPE_CHECKING:
    from rich.table import Table

    from rightstrack.sources.parse_eval import ReportScore, Totals

app = typer.Typer(help="Measure the document parsers against UPR Info's hand coding.", no_args_is_help=True)
console = Console(width=None if sys.stdout.isatty() else 180)


def _totals_row(table: Table, label: str, figures: Totals, reports: int) -> None:
    table.add_row(
        label,
        str(reports),
        f"{figures.extracted:,}",
        f"{figures.expected:,}",
        f"{figures.matched:,}",
        f"{figures.precision:.4f}",
        f"{figures.recall:.4f}",
        f"{figures.f1:.4f}",
        f"{figures.state_accuracy:.4f}",
        f"{figures.response_accuracy:.4f} ({figures.responses_compared:,})",
    )


def _totals_table() -> Table:
    from rich.table import Table

    table = Table(title="Recommendations extracted from Working Group reports vs UPR Info")
    for column in ("set", "reports", "extracted", "UPR Info", "matched", "precision", "recall", "F1"):
        table.add_column(column, justify="right")
    table.add_column("states right", justify="right")
    table.add_column("responses right (compared)", justify="right")
    return table


def _worst(scores: list[ReportScore], count: int, title: str) -> Table:
    from rich.table import Table

    table = Table(title=title)
    for column in ("report", "SuR", "session", "extracted", "UPR Info", "F1", "first miss (ours / theirs)"):
        table.add_column(column)
    for score in sorted(scores, key=lambda s: (s.f1, s.report))[:count]:
        miss = score.error or " / ".join(
            m[:70] for m in (score.unmatched_ours[:1] + score.unmatched_theirs[:1]) if m
        )
        table.add_row(
            score.report, score.sur or "?", str(score.session or "?"), str(score.extracted),
            str(score.expected), f"{score.f1:.3f}", miss,
        )  # fmt: skip
    return table


def _as_json(scores: list[ReportScore]) -> list[dict[str, object]]:
    return [
        {
            "report": s.report, "sur": s.sur, "session": s.session, "extracted": s.extracted,
            "expected": s.expected, "matched": s.matched, "precision": round(s.precision, 4),
            "recall": round(s.recall, 4), "f1": round(s.f1, 4), "states_right": s.states_right,
            "responses_compared": len(s.responses_compared), "responses_right": s.responses_right,
            "error": s.error,
        }
        for s in scores
    ]  # fmt: skip


@app.command()
def parse(
    reports: Annotated[
        Path | None, typer.Option(help="Folder with txt/ and pdf/ reports (default: the shared data's).")
    ] = None,
    upr_info: Annotated[Path | None, typer.Option(help="Folder of UPR Info exports to compare with.")] = None,
    worst: Annotated[int, typer.Option(help="How many of the worst reports to list.")] = 10,
    every: Annotated[bool, typer.Option("--all", help="List every report, not only the worst.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Per-report figures as JSON.")] = False,
) -> None:
    """Precision, recall and F1 of the recommendations read from the UN's reports (text and PDF),
    and the accuracy of their recommending states and responses."""
    from rightstrack.sources.parse_eval import evaluate, totals, upr_info_by_review

    folder = reports or config.un_reports_dir()
    by_review = upr_info_by_review(upr_info or config.upr_info_dir())
    text_scores = evaluate(sorted((folder / "txt").glob("*.txt")), by_review)
    pdf_scores = evaluate(sorted((folder / "pdf").glob("*.pdf")), by_review)
    if as_json:
        sys.stdout.write(
            json.dumps({"txt": _as_json(text_scores), "pdf": _as_json(pdf_scores)}, indent=1) + "\n"
        )
        return
    stems = {Path(s.report).stem for s in pdf_scores}
    same_reviews = [s for s in text_scores if Path(s.report).stem in stems]
    table = _totals_table()
    _totals_row(table, "text", totals(text_scores), len(text_scores))
    _totals_row(table, "PDF", totals(pdf_scores), len(pdf_scores))
    _totals_row(table, "text, same reports as PDF", totals(same_reviews), len(same_reviews))
    console.print(table)
    gap = (totals(same_reviews).f1 - totals(pdf_scores).f1) * 100
    direction = "lower" if gap >= 0 else "higher"
    console.print(
        f"PDF path vs text path on the same {len(same_reviews)} reports: F1 {abs(gap):.2f} points {direction}"
    )
    count = max(len(text_scores), len(pdf_scores)) if every else worst
    console.print(_worst(text_scores, count, f"Text reports, {'all' if every else f'{count} worst'} by F1"))
    console.print(_worst(pdf_scores, count, f"PDF reports, {'all' if every else f'{count} worst'} by F1"))


@app.command()
def addenda(
    folder: Annotated[
        Path | None,
        typer.Argument(help="Folder of reports and addenda (default: the shared OHCHR documents)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Addenda: parsed answers against the totals each addendum states, and against UPR Info."""
    from rich.table import Table

    from rightstrack.sources.addendum_eval import evaluate_addenda
    from rightstrack.sources.parse_eval import upr_info_by_review

    scores = evaluate_addenda(
        folder or config.ohchr_documents_dir(), upr_info_by_review(config.upr_info_dir())
    )
    if as_json:
        console.print_json(json.dumps([{**asdict(s), "matches_stated": s.matches_stated} for s in scores]))
        return
    table = Table(title="States' answers read from addenda")
    for column in (
        "addendum",
        "symbol",
        "answers",
        "supported",
        "noted",
        "no position",
        "stated",
        "UPR Info",
    ):
        table.add_column(column, justify="left" if column in ("addendum", "symbol") else "right")
    for s in scores:
        stated = (
            "—" if s.stated is None else f"{s.stated[0]}/{s.stated[1]} " + ("✓" if s.matches_stated else "✗")
        )
        upr = f"{s.upr_info_agree}/{s.upr_info_compared}" if s.upr_info_compared else "—"
        table.add_row(
            s.addendum, s.symbol or "", str(s.answers), str(s.supported), str(s.noted),
            str(s.without_position), stated, upr,
        )  # fmt: skip
    console.print(table)


@app.command()
def classify(
    per_issue: Annotated[bool, typer.Option(help="Also print the F1 of every issue.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Issue tagger and action classifier on the temporal split (train sessions 1-15, test 16-19)."""
    from rich.table import Table

    from rightstrack.classify.evaluation import evaluate_classifiers

    result = evaluate_classifiers(config.upr_info_dir())
    if as_json:
        console.print_json(json.dumps(asdict(result)))
        return
    table = Table(
        title=f"Train {result.train_records:,} recommendations (sessions 1-15), "
        f"test {result.test_records:,} (16-19)"
    )
    for column in ("model", "issues micro-F1", "issues macro-F1", "action accuracy", "action macro-F1"):
        table.add_column(column, justify="left" if column == "model" else "right")
    for s in result.scores:
        table.add_row(
            s.model, f"{s.issues_micro_f1:.4f}", f"{s.issues_macro_f1:.4f}",
            f"{s.action_accuracy:.4f}", f"{s.action_macro_f1:.4f}",
        )  # fmt: skip
    console.print(table)
    console.print(
        f"Training (issues and action, one process): {result.training_seconds:.1f} s; "
        f"tagging: {result.tagging_per_second:,.0f} recommendations/s"
    )
    console.print(
        f"Calibration (expected error of the scores, 10 bins): issues {result.issue_calibration_error:.4f}, "
        f"action {result.action_calibration_error:.4f}"
    )
    if per_issue:
        issues = Table(title="F1 per issue (RightsTrack)")
        for column in ("issue", "test records", "F1"):
            issues.add_column(column, justify="left" if column == "issue" else "right")
        for issue, support, f1 in result.per_issue:
            issues.add_row(issue, f"{support:,}", f"{f1:.3f}")
        console.print(issues)
