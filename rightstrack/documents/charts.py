"""Charts as PNG or SVG bytes (matplotlib without a display), for any document or page."""

from __future__ import annotations

import io
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def pyplot() -> ModuleType:
    """matplotlib's pyplot without a display, imported at the first chart drawn (a third of a
    second and tens of MB that a server answering searches never needs)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def figure_bytes(figure: Figure, image_format: str = "png", dpi: float | None = None) -> bytes:
    """The figure as PNG or SVG, then closed (pyplot keeps every open figure alive otherwise).

    SVG is written without its creation date: a chart says nothing about when it was drawn."""
    output = io.BytesIO()
    try:
        metadata = {"Date": None} if image_format == "svg" else None
        figure.savefig(output, format=image_format, dpi=dpi or "figure", metadata=metadata)
    finally:
        pyplot().close(figure)
    return output.getvalue()


def png_bytes(figure: Figure) -> bytes:
    """A PNG sharp enough for print (documents are read as PDF and on paper)."""
    return figure_bytes(figure, "png", dpi=150)
