"""The command line speaks the learner's language and passes every choice to the app."""

from __future__ import annotations

import pytest

from pix_tui import cli
from pix_tui.app.options import AppOptions


def test_help_is_french_by_default_and_english_on_request(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("PIX_TUI_LANG", raising=False)
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    french = capsys.readouterr().out
    assert french.startswith("utilisation : pix-tui")
    assert "affiche cette aide et quitte" in french
    with pytest.raises(SystemExit):
        cli.main(["--lang", "en", "check", "--help"])
    english = capsys.readouterr().out
    assert english.startswith("usage: pix-tui check")
    assert "print the result as JSON" in english


def test_every_option_reaches_the_app(monkeypatch, tmp_path):
    seen: list[AppOptions] = []
    monkeypatch.setattr("pix_tui.app.run_app", lambda options: seen.append(options) or 0)
    argv = ["--challenges", str(tmp_path), "--data-dir", "d", "--profile", "Léa", "--lang", "en"]
    argv += ["--demo", "--engine", "smart-random", "--retry-days", "0", "--reset-days", "0,5"]
    argv += ["--certification-days", "0"]
    assert cli.main([*argv, "--low-bandwidth"]) == 0
    [options] = seen
    assert (options.challenges, options.data_dir, options.profile) == (tmp_path, "d", "Léa")
    assert (options.lang, options.demo, options.engine) == ("en", True, "smart-random")
    assert options.low_bandwidth is True
    rules = options.rules()
    assert (rules.retry_delay_days, rules.reset_delay_days) == (0, 0.5)
    assert rules.certification_delay_days == 0


def test_the_platform_delays_are_the_default():
    rules = AppOptions().rules()
    assert (rules.retry_delay_days, rules.reset_delay_days) == (4, 7)
    assert (rules.certification_delay_days, rules.certification_minutes) == (15, 105)


def test_a_negative_delay_is_refused(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--retry-days", "-1"])
    assert "-1" in capsys.readouterr().err


def test_options_are_accepted_after_the_subcommand(capsys, tmp_path):
    assert cli.main(["check", str(tmp_path), "--lang", "en"]) == 0
    assert "The bank is valid." in capsys.readouterr().out
    assert cli.main(["check", "--challenges", str(tmp_path), "--lang", "fr"]) == 0
    assert "La banque est valide." in capsys.readouterr().out


def test_an_option_before_the_subcommand_is_kept_when_not_repeated(capsys, tmp_path):
    assert cli.main(["--lang", "en", "--challenges", str(tmp_path), "check"]) == 0
    out = capsys.readouterr().out
    assert "The bank is valid." in out
    assert f"Bank {tmp_path.name}" in out or str(tmp_path) in out


def test_help_lists_each_command_once_and_as_optional(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("PIX_TUI_LANG", raising=False)
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert sum(line.split()[:1] == ["check"] for line in out.splitlines()) == 1
    assert "[command]" in out
    assert "before or after the" in out


def test_a_challenge_folder_that_does_not_exist_stops_with_a_clear_message(
    capsys, monkeypatch, tmp_path
):
    started: list[AppOptions] = []
    monkeypatch.setattr("pix_tui.app.run_app", lambda options: started.append(options) or 0)
    missing = tmp_path / "banque-du-prof"
    assert cli.main(["--lang", "fr", "--challenges", str(missing)]) != 0
    assert not started
    error = capsys.readouterr().err
    assert str(missing) in error
    assert "n'existe pas" in error
