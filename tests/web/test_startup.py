"""A server worker starts without the libraries only some pages need (issue #17): scikit-learn
and SciPy (the drafting models, clusters), pandas and matplotlib (charts), python-docx (reports)
cost ~120 MB and seconds in every worker, and a server answering searches never uses them.
What is imported is checked, not how long it takes (bench/scale_bench.py measures workers)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ONLY_WHEN_USED = ("sklearn", "scipy", "pandas", "matplotlib", "docx", "simplemma", "zxcvbn", "alembic")


def test_the_web_app_module_loads_without_the_heavy_libraries() -> None:
    probe = (
        "import sys, json; import rightstrack.web.app; "
        f"print(json.dumps([m for m in {list(ONLY_WHEN_USED)!r} if m in sys.modules]))"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert json.loads(found) == []
