"""The app's chart colours, shared by the pages' interactive charts (read from style sheet
variables there) and the static charts drawn with matplotlib (downloads, documents).

Series colours follow Okabe and Ito's palette, which stays distinguishable with the common colour
vision deficiencies, led by the app's accent; responses keep the colours the pages give them
(accepted green, noted brown). The pages' charts get their colours from here, with their data.
"""

from __future__ import annotations

SERIES = ("#0b4f6c", "#e69f00", "#56b4e9", "#009e73", "#cc79a7", "#d55e00", "#6b6b6b", "#c9b400")
RESPONSES = {"Accepted": "#1a6b2f", "Noted": "#8a4b00", "Partly accepted": "#56b4e9"}
INK = "#1F2933"
MUTED = "#52606D"
GRID = "#d0d7de"

# The documents' colours: the app's teal for headings and table heads, and quiet greys. Text on the
# accent and on the zebra rows keeps WCAG AA contrast (white on #1F5F7A: 7.1:1; ink on #F3F6F8:
# 13.6:1; the muted grey on white 6.5:1).
ACCENT = "#1F5F7A"
RULE = "#C5D0D8"
ZEBRA = "#F3F6F8"
LIGHT = "#E6EFF3"
