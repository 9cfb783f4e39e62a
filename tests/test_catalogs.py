"""The catalog check (run by make lint) fails on every kind of broken translation: a
missing, empty, fuzzy or plural-incomplete entry, or one that drops or changes a
placeholder. Each case breaks one entry of a copy of the real catalogs."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("catalog", ROOT / "scripts" / "catalog.py")
assert _spec and _spec.loader
catalog = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(catalog)


@pytest.fixture
def translations(tmp_path: Path) -> Path:
    copy = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", copy, ignore=shutil.ignore_patterns("*.mo"))
    return copy


def _edit(translations: Path, locale: str, change) -> None:
    path = translations / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        po = read_po(handle, locale=locale)
    change(po)
    with path.open("wb") as handle:
        write_po(handle, po, width=100)


def test_the_real_catalogs_pass(translations):
    assert catalog.check_catalogs(translations) == []


def test_a_placeholder_dropped_from_a_translation_fails(translations):
    key = "Your reference is %(reference)s."
    _edit(translations, "cy", lambda po: setattr(po[key], "string", "Eich cyfeirnod."))
    assert catalog.check_catalogs(translations) == [f"cy: {key!r} changes placeholders"]


def test_a_renamed_placeholder_fails(translations):
    key = "Your reference is %(reference)s."
    _edit(translations, "ar", lambda po: setattr(po[key], "string", "%(ref)s"))
    assert catalog.check_catalogs(translations) == [f"ar: {key!r} changes placeholders"]


def test_an_empty_translation_fails(translations):
    _edit(translations, "pl", lambda po: setattr(po["Continue"], "string", ""))
    assert catalog.check_catalogs(translations) == ["pl: 'Continue' has an empty translation"]


def test_a_fuzzy_translation_fails(translations):
    _edit(translations, "ro", lambda po: po["Continue"].flags.add("fuzzy"))
    assert catalog.check_catalogs(translations) == ["ro: 'Continue' is fuzzy"]


def test_a_missing_entry_fails(translations):
    _edit(translations, "ur", lambda po: po.delete("Continue"))
    problems = catalog.check_catalogs(translations)
    assert problems == ["ur: 'Continue' is missing; run `make translations-update`"]


def test_a_plural_with_a_form_left_out_fails(translations):
    """Arabic has six plural forms; a catalog with only five is written with the sixth
    empty, and that is caught."""
    plural = {}

    def drop_a_form(po):
        message = next(m for m in po if isinstance(m.id, tuple))
        message.string = message.string[:-1]
        plural["id"] = message.id[0]

    _edit(translations, "ar", drop_a_form)
    assert catalog.check_catalogs(translations) == [
        f"ar: {plural['id']!r} has an empty translation"
    ]


def test_a_missing_catalog_fails(translations):
    shutil.rmtree(translations / "cy")
    assert catalog.check_catalogs(translations) == [
        "cy: no catalog; run `make translations-update`"
    ]
