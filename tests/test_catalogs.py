"""The French and Spanish catalogues (.po, the translations' source of truth) against the template
that `make messages` extracts, and tools/check_catalogs.py, which makes that target fail."""

from __future__ import annotations

import filecmp
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.pofile import read_po, write_po

from rightstrack.languages import LOCALE_DIR

ROOT = Path(__file__).resolve().parents[1]
CHECK = ROOT / "tools" / "check_catalogs.py"
BIN = Path(sys.executable).parent
LOCALES = ("fr", "es")
needs_make = pytest.mark.skipif(
    shutil.which("make") is None or not (BIN / "pybabel").exists(), reason="needs make and pybabel"
)


@pytest.fixture(scope="module")
def check() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_catalogs", CHECK)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    """A copy of the committed catalogues, to change or to run `make messages` on."""
    copy = tmp_path / "locales"
    shutil.copytree(LOCALE_DIR, copy)
    return copy


def po_path(locales: Path, locale: str) -> Path:
    return locales / locale / "LC_MESSAGES" / "messages.po"


def make_messages(locales: Path) -> subprocess.CompletedProcess[str]:
    """The Makefile's own `messages` recipe, writing into ``locales`` instead of the package."""
    return subprocess.run(
        ["make", "-s", "-C", str(ROOT), "messages", f"BIN={BIN}", "STAMP=", f"LOCALES_DIR={locales}"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def edit(locales: Path, locale: str, msgid: str, *, string: str | None = None, fuzzy: bool = False) -> None:
    path = po_path(locales, locale)
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    if string is None and not fuzzy:
        catalog.delete(msgid)
    else:
        message = catalog[msgid]
        if string is not None:
            message.string = string
        if fuzzy:
            message.flags.add("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalog)


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_translates_every_message_of_the_template(locale: str) -> None:
    with (LOCALE_DIR / "messages.pot").open("rb") as handle:
        template = {str(m.id) for m in read_po(handle) if m.id}
    with po_path(LOCALE_DIR, locale).open("rb") as handle:
        catalog = read_po(handle)
    entries = [m for m in catalog if m.id]
    assert {str(m.id) for m in entries} == template
    assert [m.id for m in entries if m.fuzzy or not m.string] == []
    assert not catalog.obsolete
    assert str(catalog.locale) == locale
    assert catalog.plural_forms.startswith("nplurals=2;")
    assert catalog.charset == "utf-8"


def test_check_passes_on_the_committed_catalogues(check: ModuleType) -> None:
    assert check.problems(LOCALE_DIR) == {}


def test_check_names_the_locale_and_the_messages_left_to_translate(locales: Path) -> None:
    edit(locales, "fr", "Introduction", string="")
    edit(locales, "fr", "Agency")
    edit(locales, "es", "Completed", fuzzy=True)
    done = subprocess.run(
        [sys.executable, str(CHECK), str(locales)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert "fr: 2 message(s)" in done.stdout
    assert "untranslated: 'Introduction'" in done.stdout
    assert "missing: 'Agency'" in done.stdout
    assert "es: 1 message(s)" in done.stdout
    assert "fuzzy: 'Completed'" in done.stdout


@needs_make
def test_make_messages_on_the_committed_tree_changes_nothing(locales: Path) -> None:
    done = make_messages(locales)
    assert done.returncode == 0, done.stdout + done.stderr
    compared = filecmp.dircmp(locales, LOCALE_DIR)
    assert sorted(compared.common_files) == ["messages.pot"]
    assert compared.left_only == compared.right_only == []
    for name in ("messages.pot", *(f"{locale}/LC_MESSAGES/messages.po" for locale in LOCALES)):
        assert (locales / name).read_bytes() == (LOCALE_DIR / name).read_bytes(), name


@needs_make
def test_make_messages_fails_when_a_translation_is_removed(locales: Path) -> None:
    edit(locales, "es", "Introduction", string="")
    done = make_messages(locales)
    assert done.returncode != 0
    assert "es: 1 message(s)" in done.stdout
    assert "untranslated: 'Introduction'" in done.stdout
    assert "fr:" not in done.stdout


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
@pytest.mark.parametrize("locale", LOCALES)
def test_gnu_msgfmt_accepts_the_catalogue(locale: str) -> None:
    done = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(po_path(LOCALE_DIR, locale))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr, done.stderr
