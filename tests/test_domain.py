"""The text key that identifies a recommendation across spellings (and so every stored natural key)."""

from __future__ import annotations

import random
import re
import string
from pathlib import Path

from rightstrack.domain import text_key
from rightstrack.sources.uprinfo import parse_file


def reference_key(text: str) -> str:
    """The definition, as stores made before the ASCII fast path computed it."""
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def test_spellings_of_one_text_share_a_key() -> None:
    assert text_key("Ratify  the CRPD.") == text_key("ratify the CRPD") == "ratify the crpd"
    assert text_key("__Women's rights -- (all)__") == "women s rights all"
    assert text_key("Élèves\u00a0et   ÉCOLES") == "élèves et écoles"
    assert text_key("STRASSE") == text_key("Straße")  # casefold, not lower


def test_the_fast_path_gives_every_ascii_text_the_key_it_always_had() -> None:
    generator = random.Random(17)
    alphabet = string.printable + "_\x00\x1c\x1f\x7f"
    for _ in range(20_000):
        text = "".join(generator.choice(alphabet) for _ in range(generator.randint(0, 40)))
        assert text_key(text) == reference_key(text), repr(text)


def test_real_texts_keep_their_keys(upr_info_dir: Path) -> None:
    texts = [record.text for record in parse_file(upr_info_dir / "18-19.csv").records]
    assert texts and any(not text.isascii() for text in texts)
    assert [text_key(text) for text in texts] == [reference_key(text) for text in texts]
