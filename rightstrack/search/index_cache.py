"""A copy of the facet index on disk that every process on the machine maps instead of building.

Keyed by the store's data fingerprint (:func:`rightstrack.store.database.data_fingerprint`),
which every change to the data draws anew: a changed, re-created or copied-then-changed store
never reads another's index, and an unchanged copy shares it. ``RIGHTSTRACK_CACHE`` names
another folder, or ``off`` to keep nothing on disk. Only the most recent few are kept.

The file is one small pickled header (labels, state names: the user's own data, in the user's
cache directory) followed by the arrays, each at an aligned offset. Loading maps the file and
makes each array a read-only view of the mapping: it costs milliseconds whatever the size, and
the pages are the operating system's page cache, so several server workers (and command-line
calls) share one copy in memory instead of each holding their own (issue #17: measured in
bench/scale_bench.py). Replacing or pruning a file never disturbs a process that maps it: the
old file lives on until its last mapping closes.
"""

from __future__ import annotations

import mmap
import pickle
import struct
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from rightstrack import cachefiles
from rightstrack.config import cache_dir
from rightstrack.search.facets import Column, FacetIndex, RecommenderRows
from rightstrack.search.query import Dimension, Sort

FORMAT = 12  # bump when FacetIndex, this layout or the key changes shape
KEEP = 8  # indexes kept on disk: one per store in use, and a few earlier versions
_PREFIX = "facet-index-"
_SUFFIX = ".arrays"
_MAGIC = b"RTFACETS"
_ALIGN = 64
_PREAMBLE = struct.Struct("<8sII")  # magic, format, header length

_ARRAY_FIELDS = ("ids", "lengths", "days")
_SCALAR_FIELDS = ("version", "state_names", "state_groups", "organisations")


def _path(fingerprint: str) -> Path | None:
    folder = cache_dir()
    return folder / f"{_PREFIX}{fingerprint}{_SUFFIX}" if folder else None


def _arrays(index: FacetIndex) -> dict[str, np.ndarray[Any, Any]]:
    arrays = {name: getattr(index, name) for name in _ARRAY_FIELDS}
    for dimension, column in index.columns.items():
        arrays[f"codes/{dimension.value}"] = column.codes
        if column.bits is not None:
            arrays[f"bits/{dimension.value}"] = column.bits
        if column.positions is not None and column.offsets is not None:
            arrays[f"positions/{dimension.value}"] = column.positions
            arrays[f"offsets/{dimension.value}"] = column.offsets
    for name in ("positions", "states", "groups"):
        arrays[f"rows/{name}"] = getattr(index.rows, name)
    for sort, order in index.orders.items():
        arrays[f"order/{sort.value}"] = order
    return arrays


def save(fingerprint: str, index: FacetIndex) -> None:
    """Write the index (atomically: readers see the old file or the whole new one)."""
    path = _path(fingerprint)
    if path is None:
        return
    arrays = {name: np.ascontiguousarray(array) for name, array in _arrays(index).items()}
    layout: dict[str, tuple[str, tuple[int, ...], int]] = {}
    offset = 0
    for name, array in arrays.items():
        layout[name] = (array.dtype.str, array.shape, offset)
        offset += -(-array.nbytes // _ALIGN) * _ALIGN
    header = pickle.dumps(
        {
            "fingerprint": fingerprint,
            "scalars": {name: getattr(index, name) for name in _SCALAR_FIELDS},
            "labels": {dimension.value: column.labels for dimension, column in index.columns.items()},
            "row_labels": (index.rows.state_labels, index.rows.group_labels),
            "orders": [sort.value for sort in index.orders],
            "layout": layout,
        },
        protocol=pickle.HIGHEST_PROTOCOL,
    )
    start = -(-(_PREAMBLE.size + len(header)) // _ALIGN) * _ALIGN
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            handle.write(_PREAMBLE.pack(_MAGIC, FORMAT, len(header)) + header)
            for name, array in arrays.items():
                handle.seek(start + layout[name][2])
                handle.write(array.tobytes())
            handle.truncate(start + offset)
        Path(handle.name).replace(path)
    except OSError:
        return  # a cache that cannot be written costs only time
    _prune(path.parent)


def load(fingerprint: str) -> FacetIndex | None:
    """The saved index for this fingerprint, mapped read-only; None where there is none whole."""
    path = _path(fingerprint)
    if path is None or not path.exists():
        return None
    try:
        with path.open("rb") as handle:
            mapping = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        return _read(mapping, fingerprint)
    except (OSError, ValueError, EOFError, KeyError, TypeError, pickle.UnpicklingError, struct.error):
        return None


def _read(mapping: mmap.mmap, fingerprint: str) -> FacetIndex | None:
    magic, saved_format, header_length = _PREAMBLE.unpack_from(mapping, 0)
    if magic != _MAGIC or saved_format != FORMAT:
        return None
    header = pickle.loads(mapping[_PREAMBLE.size : _PREAMBLE.size + header_length])
    if header["fingerprint"] != fingerprint:
        return None
    start = -(-(_PREAMBLE.size + header_length) // _ALIGN) * _ALIGN

    def array(name: str) -> np.ndarray[Any, Any]:
        dtype, shape, offset = header["layout"][name]
        count = int(np.prod(shape))
        # np.frombuffer over a read-only mapping gives a read-only array: nothing can write to
        # the shared copy by mistake.
        return np.frombuffer(mapping, dtype=np.dtype(dtype), count=count, offset=start + offset).reshape(
            shape
        )

    layout = header["layout"]
    columns = {
        Dimension(value): Column(
            labels,
            array(f"codes/{value}"),
            array(f"positions/{value}") if f"positions/{value}" in layout else None,
            array(f"offsets/{value}") if f"offsets/{value}" in layout else None,
            array(f"bits/{value}") if f"bits/{value}" in layout else None,
        )
        for value, labels in header["labels"].items()
    }
    state_labels, group_labels = header["row_labels"]
    rows = RecommenderRows(
        array("rows/positions"), array("rows/states"), array("rows/groups"), state_labels, group_labels
    )
    scalars = header["scalars"]
    return FacetIndex(
        version=scalars["version"],
        ids=array("ids"),
        lengths=array("lengths"),
        days=array("days"),
        columns=columns,
        rows=rows,
        state_names=scalars["state_names"],
        state_groups=scalars["state_groups"],
        organisations=scalars["organisations"],
        orders={Sort(value): array(f"order/{value}") for value in header["orders"]},
    )


def _prune(folder: Path) -> None:
    cachefiles.prune(folder, f"{_PREFIX}*{_SUFFIX}", KEEP)
    cachefiles.prune(folder, f"{_PREFIX}*.pickle", 0)  # written by earlier versions


__all__ = ["FORMAT", "KEEP", "load", "save"]
