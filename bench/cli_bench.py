"""Benchmark: how long the command line takes to start (issue #17, "Command line").

Runs ``rightstrack --help``, ``rightstrack search --help`` and ``rightstrack elections --help`` as
people run them — each in a fresh interpreter, as the console script does — and prints p50 and p95
of the wall time with p95's ratio to the target (0.3 s: a help screen should feel instant), and
the peak resident memory of the runs (``ru_maxrss`` of each child, from ``os.wait4``).

The time includes the interpreter's own start and Typer's help rendering (rich, markdown-it),
which the project does not control; ``tests/cli/test_startup.py`` guards what it does control
(no numpy, pandas, SQLAlchemy… imported to build the commands) without timing anything.

Run: ``python bench/cli_bench.py [--repeats N]``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import line

TARGET = 0.3  # seconds, for `rightstrack --help`
ROOT = Path(__file__).resolve().parent.parent
COMMANDS = (["--help"], ["search", "--help"], ["elections", "--help"])


def _run(args: list[str]) -> tuple[float, int]:
    """Seconds one ``rightstrack ARGS`` took in a fresh interpreter, and its peak RSS in KiB."""
    code = f"import sys; sys.argv = ['rightstrack', *{args!r}]; from rightstrack.cli import app; app()"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    # As an installed command runs: from bytecode caches (the first run writes them), not from
    # source compiled anew every time.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(child.pid, 0)
    took = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(
            f"rightstrack {' '.join(args)} failed: {child.stderr.read().decode() if child.stderr else ''}"
        )
    return took, usage.ru_maxrss  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=11, help="Runs of each command.")
    repeats = parser.parse_args().repeats
    for args in COMMANDS:  # once each, to write the bytecode caches of the modules they import
        _run(args)
    for args in COMMANDS:
        runs = [_run(args) for _ in range(repeats)]
        timings = sorted(took for took, _ in runs)
        name = f"rightstrack {' '.join(args)}"
        line(name, timings, TARGET)
        print(f"{'':<46} peak RSS {max(rss for _, rss in runs) / 1024:6.1f} MiB")


if __name__ == "__main__":
    main()
