"""``pytest -n … --dist loadgroup`` (``make test``): tests that share a costly session store share
a worker, so each store of real data is filled once in the run rather than once in every worker.

A test's group is its ``xdist_group`` mark, or else the backend of the session stores it uses
(``loaded``, ``mixed``, ``slovenia_store``: one group per backend), or else its module when it
uses a module-scoped fixture. pytest-xdist 3.8 groups by a
suffix it writes into each test's id, which pytest 9.2 no longer lets it change; so the first
worker writes the groups to a file and the scheduler reads them from there.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests import shared_cache

# The session's stores of real data, one per backend: each takes a while to fill.
SESSION_STORES = ("loaded", "mixed", "slovenia_store")
_GROUPS_FILE = "rightstrack_groups_file"
_GROUPS_FILE_KEY = pytest.StashKey[Path]()


def group_of(item: pytest.Item) -> str | None:
    marks = sorted(str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                   for mark in item.iter_markers("xdist_group"))  # fmt: skip
    if marks:
        return "_".join(marks)
    callspec = getattr(item, "callspec", None)
    backends = (
        {callspec.params[name] for name in SESSION_STORES if name in callspec.params} if callspec else set()
    )
    if len(backends) == 1:
        return str(backends.pop())
    # A module's own costly fixture (a server, a harvest, a parsed folder) is built once, too.
    fixtures = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    if any(definitions[-1].scope == "module" for definitions in fixtures.values() if definitions):
        return item.nodeid.split("::")[0]
    return None


def run_model_tests_last(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Workers: tests marked ``models`` go last, so on a fresh clone the models trained beside the
    workers since the start are ready, rather than each worker idling until they are."""
    if getattr(config, "workerinput", None) is not None:
        items.sort(key=lambda item: item.get_closest_marker("models") is not None)


def configure_node(node: Any) -> None:
    """Controller: tell each worker where the groups go (one file per run)."""
    config = node.config
    if _GROUPS_FILE_KEY not in config.stash:
        config.stash[_GROUPS_FILE_KEY] = Path(tempfile.mkdtemp(prefix="rightstrack-groups-")) / "groups.json"
    node.workerinput[_GROUPS_FILE] = str(config.stash[_GROUPS_FILE_KEY])


def record_groups(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Worker gw0, once collected (before the scheduler starts): every grouped test's group."""
    workerinput = getattr(config, "workerinput", None)
    if not workerinput or workerinput.get("workerid") != "gw0" or _GROUPS_FILE not in workerinput:
        return
    groups = {item.nodeid: group for item in items if (group := group_of(item)) is not None}
    path = Path(workerinput[_GROUPS_FILE])
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(groups))
    partial.replace(path)


def make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Controller: xdist's scope scheduling, with the scopes read from the groups file."""
    if config.getoption("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    groups_file: Path | None = config.stash.get(_GROUPS_FILE_KEY, None)

    class StoreGroupScheduling(LoadScopeScheduling):  # type: ignore[misc]
        groups: dict[str, str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self.groups is None:
                self.groups = (
                    json.loads(groups_file.read_text()) if groups_file and groups_file.exists() else {}
                )
            return self.groups.get(nodeid, nodeid)

    return StoreGroupScheduling(config, log)


def forget_groups(config: pytest.Config) -> None:
    groups_file = config.stash.get(_GROUPS_FILE_KEY, None)
    if groups_file is not None:
        groups_file.unlink(missing_ok=True)
        groups_file.parent.rmdir()


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder every worker of this run shares (and no other run): the workers' temporary
    folders lie side by side in it under pytest-xdist; without it, the session's own."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def meet(folder: Path, name: str, key: str, value: object) -> dict[str, object]:
    """Leaves ``value`` under ``key`` in ``folder/name`` for this run's other workers, and returns
    what they and this one left so far: tests on each backend, wherever they run, can compare."""
    path = folder / f"{name}.json"
    with shared_cache.exclusive(folder / f"{name}.lock"):
        found: dict[str, object] = json.loads(path.read_text()) if path.exists() else {}
        found[key] = value
        path.write_text(json.dumps(found))
    return found
