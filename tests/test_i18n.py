"""Every catalogue must exist in both languages with the same keys and the same placeholders."""

from __future__ import annotations

import string
import tomllib
from importlib import resources

import pytest

from pix_tui.i18n import LANGUAGES, Translator, catalogue


def _files(lang: str) -> set[str]:
    folder = resources.files("pix_tui").joinpath("locales", lang)
    return {item.name for item in folder.iterdir() if item.name.endswith(".toml")}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_catalogue_file_exists_in_every_language() -> None:
    files = {lang: _files(lang) for lang in LANGUAGES}
    reference = files["fr"]
    for lang, names in files.items():
        assert names == reference, f"locales/{lang}: files differ from fr: {names ^ reference}"


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "fr"])
def test_no_key_is_missing_from_either_language(lang: str) -> None:
    french, other = set(catalogue("fr")), set(catalogue(lang))
    assert not sorted(french - other), f"missing in {lang}: {sorted(french - other)}"
    assert not sorted(other - french), f"missing in fr: {sorted(other - french)}"


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "fr"])
def test_both_languages_fill_the_same_placeholders(lang: str) -> None:
    french, other = catalogue("fr"), catalogue(lang)
    for key in french.keys() & other.keys():
        assert _placeholders(french[key]) == _placeholders(other[key]), key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogues_parse_and_hold_only_text(lang: str) -> None:
    folder = resources.files("pix_tui").joinpath("locales", lang)
    for name in sorted(_files(lang)):
        table = tomllib.loads(folder.joinpath(name).read_text("utf-8"))
        assert table, f"locales/{lang}/{name} is empty"
    assert all(isinstance(v, str) and v.strip() for v in catalogue(lang).values())


def test_a_missing_key_shows_itself_instead_of_crashing() -> None:
    assert Translator("en")("nowhere.such_key") == "nowhere.such_key"
