"""The app's chart colours, shared by the pages' interactive charts (read from style sheet
variables there) and the static charts drawn with matplotlib (downloads, documents).

Series colours follow Okabe and Ito's palette, which stays distinguishable with the common colour
vision deficiencies, led by the app's accent; responses keep the colours the pages give them
(accepted green, noted brown). The pages' charts get their colours from here, with their data.
"""

from __future__ import annotations

SERIES = ("#0b4f6c", "#e69f00", "#56b4e9", "#009e73", "#cc79a7", "#d55e00", "#6b6b6b", "#c9b400")
RESPONSES = {"Accepted": "#1a6b2f", "Noted": "#8a4b00", "Partly accepted": "#56b4e9"}
INK = "#1b1b1b"
MUTED = "#555555"
GRID = "#d0d7de"
