"""The class settings file: every key read, every mistake located, nothing half-read."""

from __future__ import annotations

from pathlib import Path

import pytest

from pix_tui.i18n import Translator
from pix_tui.store.class_settings import (
    Campaign,
    ClassSettings,
    SettingsInvalid,
    load_settings,
    parse_settings,
    set_teacher_code,
    settings_path,
)

FULL = """# Réglages de la classe de 2nde B
retry_days = 0
reset_days = 1.5
certification_delay_days = 0
certification_minutes = 60
challenges = "banque"
lang = "en"
low_bandwidth = true

[campaign]
name = "2nde B — trimestre 1"
competences = ["2.1", "1.1"]
"""


def problems(text: str, tmp_path: Path) -> list[tuple[int, str]]:
    with pytest.raises(SettingsInvalid) as caught:
        parse_settings(text, tmp_path / "pix-tui.toml")
    return [(p.line, p.key) for p in caught.value.problems]


def test_no_file_means_every_default(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == ClassSettings()


def test_every_key_is_read(tmp_path: Path) -> None:
    (tmp_path / "banque").mkdir()
    settings_path(tmp_path).write_text(FULL, encoding="utf-8")
    settings = load_settings(tmp_path)
    assert settings.retry_days == 0
    assert settings.reset_days == 1.5
    assert settings.certification_delay_days == 0
    assert settings.certification_minutes == 60
    assert settings.challenges == tmp_path / "banque"
    assert settings.lang == "en"
    assert settings.low_bandwidth is True
    assert settings.campaign == Campaign("2nde B — trimestre 1", ("2.1", "1.1"))
    assert settings.teacher_code is None


def test_unknown_key_is_named_at_its_line_with_the_keys_expected(tmp_path: Path) -> None:
    text = 'lang = "fr"\n\nretry_dayz = 3\n'
    with pytest.raises(SettingsInvalid) as caught:
        parse_settings(text, tmp_path / "pix-tui.toml")
    message = caught.value.text(Translator("en"))
    assert message.startswith(f"{tmp_path / 'pix-tui.toml'}:3: ")
    assert "retry_dayz" in message and "retry_days" in message


def test_wrong_types_each_at_their_line(tmp_path: Path) -> None:
    text = (
        'retry_days = "quatre"\n'
        "low_bandwidth = 1\n"
        'lang = "de"\n'
        "certification_minutes = 2.5\n"
        "[campaign]\n"
        'competences = ["1.1", "9.9"]\n'
        "colour = 3\n"
    )
    assert problems(text, tmp_path) == [
        (1, "expected_number"),
        (2, "expected_bool"),
        (3, "expected_choice"),
        (4, "expected_integer"),
        (6, "unknown_competence"),
        (7, "unknown_key"),
    ]


def test_out_of_range_and_missing_folder(tmp_path: Path) -> None:
    text = 'reset_days = 400\nchallenges = "nulle-part"\n'
    assert problems(text, tmp_path) == [(1, "out_of_range"), (2, "no_folder")]


def test_a_toml_syntax_error_is_located(tmp_path: Path) -> None:
    assert problems('lang = "fr"\nretry_days = = 2\n', tmp_path) == [(2, "syntax")]


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    settings_path(tmp_path).write_bytes(b'lang = "fr"\n# \xe9t\xe9\n')
    with pytest.raises(SettingsInvalid) as caught:
        load_settings(tmp_path)
    assert [(p.line, p.key) for p in caught.value.problems] == [(2, "not_utf8")]


def test_a_bom_is_accepted(tmp_path: Path) -> None:
    settings_path(tmp_path).write_bytes('\ufefflang = "en"\n'.encode())
    assert load_settings(tmp_path).lang == "en"


def test_teacher_code_is_stored_hashed_and_keeps_the_teachers_text(tmp_path: Path) -> None:
    settings_path(tmp_path).write_text(
        '# ma classe\nlang = "fr"\n\n[campaign]\nname = "B"\n', encoding="utf-8"
    )
    set_teacher_code(tmp_path, "2468")
    text = settings_path(tmp_path).read_text("utf-8")
    assert "2468" not in text
    assert text.startswith('# ma classe\nlang = "fr"\n\nteacher_code = "scrypt:')
    assert text.endswith('[campaign]\nname = "B"\n')
    settings = load_settings(tmp_path)
    assert settings.check_teacher_code("2468")
    assert not settings.check_teacher_code("1357")
    set_teacher_code(tmp_path, "1357")
    again = settings_path(tmp_path).read_text("utf-8")
    assert again.count("teacher_code") == 1
    assert load_settings(tmp_path).check_teacher_code("1357")


def test_a_damaged_teacher_code_is_refused(tmp_path: Path) -> None:
    assert problems('teacher_code = "1234"\n', tmp_path) == [(1, "bad_code")]


def test_every_problem_message_exists_in_both_languages(tmp_path: Path) -> None:
    text = 'retry_days = "x"\nfoo = 1\n'
    with pytest.raises(SettingsInvalid) as caught:
        parse_settings(text, tmp_path / "pix-tui.toml")
    for lang in ("fr", "en"):
        message = caught.value.text(Translator(lang))
        assert "settings." not in message and "{" not in message
