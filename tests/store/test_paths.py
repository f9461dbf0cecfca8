"""Where the data goes, and how any printable name becomes a safe folder."""

from __future__ import annotations

import platformdirs
import pytest

from pix_tui.store import InvalidProfileName, create_profile, list_profiles, open_profile
from pix_tui.store.paths import profile_folder, profiles_root, resolve_data_dir


def test_the_command_line_wins_over_the_environment(tmp_path):
    env = {"PIX_TUI_DATA": str(tmp_path / "env")}
    assert resolve_data_dir(str(tmp_path / "cli"), env) == tmp_path / "cli"
    assert resolve_data_dir(None, env) == tmp_path / "env"


def test_without_either_the_platform_data_folder_is_used():
    expected = platformdirs.user_data_path("pix-tui", appauthor=False)
    assert resolve_data_dir(None, {}) == expected
    assert resolve_data_dir("", {"PIX_TUI_DATA": " "}) == expected


def test_a_home_relative_folder_is_expanded(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert resolve_data_dir("~/pix", {}) == tmp_path / "pix"


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "..", "/root", "a/../../b", ".hidden", "C:\\Windows"]
)
def test_no_name_leads_outside_the_profiles_folder(data_dir, name):
    create_profile(data_dir, name)
    folder = profile_folder(data_dir, name)
    assert folder.parent == profiles_root(data_dir)
    assert folder.is_dir()
    assert [p.name for p in list_profiles(data_dir)] == [name]
    assert sorted(p.name for p in data_dir.iterdir()) == ["profiles"]


def test_names_that_look_alike_on_disk_stay_separate_profiles(data_dir):
    names = ["a/b", "a-b", "a_b", "a b", "a.b"]
    for name in names:
        create_profile(data_dir, name)
    assert len({profile_folder(data_dir, n) for n in names}) == len(names)
    for name in names:
        with open_profile(data_dir, name) as store:
            assert store.name == name


@pytest.mark.parametrize("name", ["Zoë", "李小龍", "محمد", "Ἀλέξανδρος", "🦊 Renard"])
def test_unicode_names_are_welcome(data_dir, name):
    create_profile(data_dir, name)
    with open_profile(data_dir, name) as store:
        assert store.name == name


def test_composed_and_decomposed_accents_are_one_name(data_dir):
    create_profile(data_dir, "Le\u0301a")
    with open_profile(data_dir, "Léa") as store:
        assert store.name == "Léa"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("Léa\x00", "cannot be shown"),
        ("Léa\x1b[31m", "cannot be shown"),
        ("x" * 61, "longer than 60"),
    ],
)
def test_unusable_names_are_refused_with_the_reason(data_dir, name, reason):
    with pytest.raises(InvalidProfileName, match=reason):
        create_profile(data_dir, name)
    assert not data_dir.exists()


def test_a_data_folder_that_is_a_file_is_reported(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    with pytest.raises(Exception, match="not a folder") as caught:
        create_profile(blocker, "Léa")
    assert str(blocker) in str(caught.value)
