"""The command line starts without the heavy libraries (issue #17): ``rightstrack --help`` took
4.5 s and 300 MB when every command module imported scikit-learn, pandas, SQLAlchemy… at its top.

A regression guard that cannot be flaky: it checks what is imported, not how long it takes
(``bench/cli_bench.py`` times it). And the help still lists every command Typer registered."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from rightstrack.cli import app

ROOT = Path(__file__).resolve().parents[2]
HEAVY = (
    "numpy",
    "pandas",
    "scipy",
    "sklearn",
    "sqlalchemy",
    "matplotlib",
    "reportlab",
    "docx",
    "uvicorn",
    "fastapi",
    "httpx",
)


def _groups(parent: typer.Typer, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], typer.Typer]:
    """Every Typer app under ``parent`` (itself included), by the words that reach it."""
    found = {path: parent}
    for group in parent.registered_groups:
        assert group.name and group.typer_instance
        found |= _groups(group.typer_instance, (*path, group.name))
    return found


GROUPS = _groups(app)


def _registered(group: typer.Typer) -> set[str]:
    """The names Typer gives the commands and groups registered on ``group``."""
    commands = {
        info.name or info.callback.__name__.lower().replace("_", "-")
        for info in group.registered_commands
        if info.callback is not None
    }
    return commands | {g.name for g in group.registered_groups if g.name}


def _imported_after(code: str) -> list[str]:
    """The heavy libraries in ``sys.modules`` after running ``code`` in a fresh interpreter."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def test_importing_the_command_line_imports_no_heavy_library() -> None:
    assert _imported_after("import rightstrack.cli") == []


def test_every_help_screen_is_built_without_a_heavy_library() -> None:
    # Typer builds every command's options (their types, defaults and help) for any help screen.
    runs = "\n".join(
        f"app({[*path, '--help']!r}, prog_name='rightstrack', standalone_mode=False)" for path in GROUPS
    )
    assert _imported_after(f"from rightstrack.cli import app\n{runs}") == []


def _listed(output: str) -> set[str]:
    """The names in the help's "Commands" panel (a name starts its row; wrapped help does not)."""
    panel = output.split("─ Commands ─", 1)[1]
    return {match.group(1) for match in re.finditer(r"^│ (\S+) ", panel, re.MULTILINE)}


@pytest.mark.parametrize("path", list(GROUPS), ids=lambda path: " ".join(path) or "root")
def test_help_lists_every_registered_command(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert _listed(result.output) == _registered(GROUPS[path])


# What the command line offered before its modules imported their libraries lazily.
ROOT_COMMANDS = [
    "eval", "fetch", "users", "plans", "pledges", "eom", "digest", "elections", "ingest", "tag", "predict",
    "similar", "elections-review", "draft", "clusters", "load", "search", "show", "stats", "export", "states",
    "serve",
]  # fmt: skip


def test_every_group_and_command_is_registered() -> None:
    assert {" ".join(path): sorted(_registered(group)) for path, group in GROUPS.items()} == {
        "": sorted(ROOT_COMMANDS),
        "eval": ["addenda", "classify", "parse"],
        "fetch": ["documents", "uhri", "upr-info"],
        "users": ["add", "list", "passwd"],
        "plans": ["create", "export", "import", "list", "reminders", "report"],
        "pledges": ["import", "list"],
        "eom": ["compare", "load", "template"],
        "digest": ["saved-searches"],
    }
