"""The teacher's command line: class settings under the flags, the class, its CSV export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from pix_tui import cli
from pix_tui.app.options import AppOptions
from pix_tui.store import create_profile
from pix_tui.store.class_settings import load_settings
from pix_tui.store.paths import profile_folder
from tests.app.conftest import play_positioning, write_small_bank


@pytest.fixture
def classroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A class folder: Léa certifiable-ish on five competences, Noé just started."""
    monkeypatch.setenv("PIX_TUI_CACHE", "")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.delenv("PIX_TUI_LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    bank = write_small_bank(tmp_path / "bank")
    data = tmp_path / "2nde-B"
    for code in ("1.1", "1.2", "2.1", "3.1", "4.1"):
        play_positioning(data, "Léa", bank, code)
    create_profile(data, "Noé")
    (data / "pix-tui.toml").write_text(
        f'challenges = "{bank}"\n[campaign]\nname = "Trimestre 1"\ncompetences = ["2.1"]\n',
        encoding="utf-8",
    )
    return data


def test_csv_export_opens_in_a_french_spreadsheet(classroom: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "classe.csv"
    assert cli.main(["export", "--class", "--data-dir", str(classroom), "--csv", str(target)]) == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][2] == "Nom et prénom"
    lea, noe = rows[1], rows[2]
    assert lea[:3] == ["2nde-B", "Trimestre 1", "Léa"]
    assert lea[5] == "Oui" and lea[6] == "5"
    assert noe[2:3] == ["Noé"] and noe[4:7] == ["0", "Non", "0"]
    assert "2 élève(s) exporté(s)" in capsys.readouterr().err


def test_options_after_the_subcommand_and_english_commas(classroom: Path, tmp_path: Path) -> None:
    target = tmp_path / "class.csv"
    argv = ["export", "--class", "--csv", str(target), "--data-dir", str(classroom), "--lang", "en"]
    assert cli.main(argv) == 0
    text = target.read_text("utf-8-sig")
    assert text.startswith("Class,Campaign,Name,")
    assert ",Léa," in text.splitlines()[1]


def test_json_export_on_standard_output(classroom: Path, capsys) -> None:
    assert cli.main(["export", "--class", "--json", "--data-dir", str(classroom)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [learner["name"] for learner in data["learners"]] == ["Léa", "Noé"]
    assert data["campaign"] == "Trimestre 1"


def test_an_unwritable_export_path_says_so_and_fails(
    classroom: Path, tmp_path: Path, capsys
) -> None:
    target = tmp_path / "no-such-folder" / "classe.csv"
    assert cli.main(["export", "--class", "--data-dir", str(classroom), "--csv", str(target)]) == 1
    err = capsys.readouterr().err
    assert f"Impossible d'écrire {target}" in err and "Traceback" not in err
    assert not target.exists()


def test_export_without_class_asks_what_to_export(capsys) -> None:
    assert cli.main(["export"]) == 2
    assert "--class" in capsys.readouterr().err


def test_class_json_names_a_corrupt_profile_and_leaves_it(classroom: Path, capsys) -> None:
    create_profile(classroom, "Zoé")
    main = profile_folder(classroom, "Zoé") / "profile.json"
    main.write_text("{ abîmé", encoding="utf-8")
    main.with_name("profile.json.bak").write_text("", encoding="utf-8")
    before = main.read_bytes()
    assert cli.main(["class", "--json", "--data-dir", str(classroom)]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert [learner["name"] for learner in data["learners"]] == ["Léa", "Noé"]
    assert data["totals"] == {
        "learners": 2,
        "certifiable": 1,
        "distribution": data["totals"]["distribution"],
    }
    assert data["totals"]["distribution"]["1.1"][0] == 1
    assert "laissé de côté" in captured.err and main.read_bytes() == before


def test_class_as_text(classroom: Path, capsys) -> None:
    assert cli.main(["class", "--text", "--data-dir", str(classroom)]) == 0
    out = capsys.readouterr().out
    assert "Léa" in out and "2 élève(s), dont 1 certifiable(s)." in out


def test_a_bad_settings_file_stops_the_app_before_it_starts(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    started: list[AppOptions] = []
    monkeypatch.setattr("pix_tui.app.run_app", lambda options: started.append(options) or 0)
    (tmp_path / "pix-tui.toml").write_text('lang = "fr"\nretry_days = "deux"\n', encoding="utf-8")
    assert cli.main(["--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'pix-tui.toml'}:2: " in err and "retry_days" in err
    assert started == []
    assert cli.main(["export", "--class", "--data-dir", str(tmp_path)]) == 2


def test_flags_override_the_class_settings(tmp_path: Path, monkeypatch) -> None:
    started: list[AppOptions] = []
    monkeypatch.setattr("pix_tui.app.run_app", lambda options: started.append(options) or 0)
    (tmp_path / "pix-tui.toml").write_text(
        'retry_days = 0\nreset_days = 2\nlang = "en"\nlow_bandwidth = true\n'
        "certification_delay_days = 1\ncertification_minutes = 30\n"
        '[campaign]\ncompetences = ["3.1"]\n',
        encoding="utf-8",
    )
    assert cli.main(["--data-dir", str(tmp_path), "--reset-days", "5", "--lang", "fr"]) == 0
    assert cli.main(["--data-dir", str(tmp_path)]) == 0
    flagged, bare = started
    assert (flagged.rules().reset_delay_days, flagged.lang) == (5, "fr")
    assert flagged.rules().retry_delay_days == 0
    assert (bare.rules().reset_delay_days, bare.lang, bare.low_bandwidth) == (2, "en", True)
    assert bare.campaign == ("3.1",)
    assert (bare.rules().certification_delay_days, bare.rules().certification_minutes) == (1, 30)


def test_help_says_the_flags_override_the_settings_file(capsys) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--lang", "en", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "pix-tui.toml" in out and "always overrides it" in out


def test_set_code_from_a_script_stores_it_hashed(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("24680\n"))
    assert cli.main(["class", "--set-code", "--data-dir", str(tmp_path)]) == 0
    assert "24680" not in (tmp_path / "pix-tui.toml").read_text("utf-8")
    assert load_settings(tmp_path).check_teacher_code("24680")
    monkeypatch.setattr("sys.stdin", io.StringIO("12\n"))
    assert cli.main(["class", "--set-code", "--data-dir", str(tmp_path)]) == 1
    assert load_settings(tmp_path).check_teacher_code("24680")


def test_class_opens_the_class_screen(classroom: Path, monkeypatch) -> None:
    started: list[AppOptions] = []
    monkeypatch.setattr("pix_tui.app.run_app", lambda options: started.append(options) or 0)
    assert cli.main(["class", "--data-dir", str(classroom)]) == 0
    [options] = started
    assert options.teacher and options.campaign == ("2.1",)
    assert options.campaign_name == "Trimestre 1"


def test_analyse_lists_refused_answers_grouped(classroom: Path, capsys) -> None:
    from tests.app.test_class_view import refuse

    refuse(classroom, "Léa", "DHCP", 2)
    refuse(classroom, "Noé", " dhcp", 1)
    assert cli.main(["analyse", "--data-dir", str(classroom)]) == 0
    out = capsys.readouterr().out
    assert "✗ DHCP — refusée 3 fois · 2 élève(s)" in out
    assert cli.main(["analyse", "--json", "--data-dir", str(classroom)]) == 0
    data = json.loads(capsys.readouterr().out)
    (qroc,) = [c for c in data if c["challenge"] == "c11-beta-2-1"]
    assert qroc["refused"][0]["count"] == 3 and qroc["refused"][0]["normalised"] == "dhcp"


def test_analyse_never_starts_textual(classroom: Path) -> None:
    import subprocess
    import sys

    script = (
        "import sys; from pix_tui import cli; "
        f"cli.main(['analyse', '--data-dir', {str(classroom)!r}]); "
        "print('textual' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "False"
