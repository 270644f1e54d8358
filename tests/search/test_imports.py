"""The search engine loads scikit-learn and SciPy only when similar records are first asked for
(and never for an empty store, where TF-IDF has nothing to fit and used to raise ValueError):
every search, ``show`` and page that never asks for them starts 1–2 s sooner (issue #17).

Checked by what a fresh interpreter has imported, not by timing (``bench/cli_bench.py`` times)."""

from __future__ import annotations

import json
import subprocess
import sys


def _imported_after(code: str) -> set[str]:
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(m.split('.')[0] for m in sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_the_search_engine_does_not_import_scikit_learn_or_scipy() -> None:
    imported = _imported_after("import rightstrack.search.engine")
    assert "numpy" in imported  # the facet index needs it: the check sees real imports
    assert not {"sklearn", "scipy"} & imported


def test_an_empty_store_has_no_similar_records_and_needs_no_model() -> None:
    code = (
        "from rightstrack.domain import RecordKind\n"
        "from rightstrack.store.database import open_store\n"
        "from rightstrack.store.schema import RecommendationRow\n"
        "from rightstrack.search.similar import SimilarFinder\n"
        "import tempfile, os\n"
        "engine = open_store('sqlite:///' + os.path.join(tempfile.mkdtemp(), 'one.sqlite3'))\n"
        "finder = SimilarFinder()\n"
        "with engine.begin() as connection:\n"
        "    assert finder.to_text(connection, 'ratify the convention') == []  # nothing stored yet\n"
        "    assert finder.to_record(connection, 1) is None\n"
    )
    assert not {"sklearn", "scipy"} & _imported_after(code)  # an empty store needs no model
