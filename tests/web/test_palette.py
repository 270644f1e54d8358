"""The palette in style.css meets WCAG 2.2 AA (issue #18, item 1): every text colour on each
background it is used on reaches 4.5:1, and focus rings and form borders (non-text) 3:1.
The colours are read from the stylesheet itself, so a change there is checked here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

STYLE = Path(__file__).resolve().parents[2] / "rightstrack" / "web" / "static" / "style.css"

# (foreground, background) token pairs as the stylesheet uses them.
TEXT_PAIRS = [
    ("ink", "bg"),
    ("ink", "surface"),
    ("ink", "zebra"),
    ("ink", "chip-bg"),  # a table row under the pointer
    ("ink", "mark"),  # highlighted search terms
    ("muted", "bg"),
    ("muted", "surface"),
    ("muted", "zebra"),
    ("primary", "bg"),
    ("primary", "surface"),
    ("primary", "zebra"),
    ("primary", "chip-bg"),
    ("on-primary", "primary"),  # buttons
    ("on-primary", "primary-dark"),
    ("on-header", "header"),
    ("on-header", "primary-dark"),  # the menu bar
    ("accepted", "accepted-bg"),
    ("noted", "noted-bg"),
    ("chip", "chip-bg"),
    ("danger", "bg"),
    ("warning", "warning-bg"),
]
NON_TEXT_PAIRS = [
    ("focus", "bg"),
    ("focus", "surface"),
    ("focus-on-dark", "header"),
    ("focus-on-dark", "primary-dark"),
    ("line-strong", "bg"),  # form field borders
]


def palette(css: str) -> dict[str, str]:
    """The ``--rt-NAME: #rrggbb`` tokens of the stylesheet's first ``:root`` block."""
    block = re.search(r":root\s*\{(.*?)\}", css, re.S)
    assert block, "style.css has no :root block"
    return dict(re.findall(r"--rt-([\w-]+):\s*(#[0-9a-fA-F]{6})\b", block.group(1)))


def luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_contrast_formula_gives_the_wcag_reference_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # just fails AA
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # just passes


@pytest.mark.parametrize(
    ("pairs", "minimum"), [(TEXT_PAIRS, 4.5), (NON_TEXT_PAIRS, 3.0)], ids=["text", "non-text"]
)
def test_every_pair_of_the_palette_meets_aa(pairs: list[tuple[str, str]], minimum: float) -> None:
    colours = palette(STYLE.read_text(encoding="utf-8"))
    failing = [
        f"{fg} on {bg}: {contrast(colours[fg], colours[bg]):.2f}"
        for fg, bg in pairs
        if contrast(colours[fg], colours[bg]) < minimum
    ]
    assert failing == []


def test_a_low_contrast_colour_is_caught() -> None:
    css = ":root { --rt-ink: #9a9a9a; --rt-bg: #ffffff; }"
    colours = palette(css)
    assert contrast(colours["ink"], colours["bg"]) < 4.5
