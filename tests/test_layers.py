"""The layer contract of ``pyproject.toml`` ([tool.importlinter]): imports point one way only.

The contract is checked on the package as it is, and on a copy with one wrong-way import added, so
the test shows the check can fail (an exhaustive contract that silently checked nothing would pass).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    # PYTHONPATH first, so that the package in `project` is the one analysed, not the installed one
    environment = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _copy_of_the_package(target: Path) -> Path:
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    shutil.copytree(
        ROOT / "rightstrack", target / "rightstrack", ignore=shutil.ignore_patterns("*.csv", "*.po*")
    )
    return target


def test_the_package_keeps_its_layers() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "RightsTrack layers import one way KEPT" in result.stdout


def test_an_import_from_a_higher_layer_breaks_the_contract(tmp_path: Path) -> None:
    project = _copy_of_the_package(tmp_path)
    schema = project / "rightstrack" / "store" / "schema.py"
    schema.write_text(schema.read_text() + "\nfrom rightstrack.web import app as _wrong_way  # noqa\n")
    result = _lint_imports(project)
    assert result.returncode != 0
    assert "rightstrack.store is not allowed to import rightstrack.web" in result.stdout


def test_a_module_outside_every_layer_breaks_the_contract(tmp_path: Path) -> None:
    project = _copy_of_the_package(tmp_path)
    (project / "rightstrack" / "helpers.py").write_text('"""Not placed in any layer."""\n')
    result = _lint_imports(project)
    assert result.returncode != 0
    assert "rightstrack.helpers" in result.stdout


def test_the_command_lines_helpers_import_no_command_group(tmp_path: Path) -> None:
    project = _copy_of_the_package(tmp_path)
    common = project / "rightstrack" / "cli" / "common.py"
    common.write_text(common.read_text() + "\nfrom rightstrack.cli import records as _wrong_way  # noqa\n")
    result = _lint_imports(project)
    assert result.returncode != 0
    assert "rightstrack.cli.common is not allowed to import rightstrack.cli.records" in result.stdout
    assert "RightsTrack layers import one way KEPT" in result.stdout
