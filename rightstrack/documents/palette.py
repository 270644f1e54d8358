"""The documents' colours: the app's teal for headings and table heads, and quiet greys. Text on
the accent and on the zebra rows keeps WCAG AA contrast (white on #1F5F7A: 7.1:1; ink on #F3F6F8:
13.6:1; the muted grey on white 6.5:1); charts keep their own colour-blind-safe series (Okabe–Ito)."""

ACCENT = "#1F5F7A"
INK = "#1F2933"
MUTED = "#52606D"
RULE = "#C5D0D8"
ZEBRA = "#F3F6F8"
LIGHT = "#E6EFF3"
