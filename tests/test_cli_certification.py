"""`pix-tui export`: a learner's page written next to the teacher, never a traceback."""

from __future__ import annotations

from pathlib import Path

from pix_tui import cli
from pix_tui.store import create_profile, open_profile
from tests.app.conftest import play_positioning, write_small_bank


def test_export_writes_html_and_markdown_named_and_dated(tmp_path: Path, capsys) -> None:
    bank = write_small_bank(tmp_path / "bank")
    data = tmp_path / "data"
    for code in ("1.1", "1.2"):
        play_positioning(data, "Léa Martin", bank, code)
    out = tmp_path / "out"
    argv = ["export", "--profile", "Léa Martin", "--output", str(out), "--data-dir", str(data)]
    assert cli.main([*argv, "--challenges", str(bank), "--lang", "fr"]) == 0
    printed = capsys.readouterr().out
    [page] = out.glob("pix-tui-lea-martin-*.html")
    [notes] = out.glob("pix-tui-lea-martin-*.md")
    assert str(page) in printed and str(notes) in printed
    assert "Profil Pix de Léa Martin" in page.read_text(encoding="utf-8")
    assert "| 1.1 " in notes.read_text(encoding="utf-8")
    with open_profile(data, "Léa Martin") as store:  # the export left the profile as it was
        assert len(store.positionings()) == 2


def test_export_without_a_profile_or_with_an_unknown_one_says_so(tmp_path: Path, capsys) -> None:
    assert cli.main(["export", "--lang", "en"]) == 2
    assert "pix-tui export --profile NAME" in capsys.readouterr().err
    data = tmp_path / "data"
    create_profile(data, "Léa")
    code = cli.main(["export", "--profile", "Tom", "--data-dir", str(data), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 1 and "Export failed" in err and "Traceback" not in err


def _finished_certification(data: Path, bank: Path) -> str:
    from datetime import datetime

    from pix_tui.app.certification_session import CertificationSession
    from pix_tui.core.history import CertificationEnd
    from pix_tui.core.loader import load_bank
    from pix_tui.core.rules import DEFAULT_RULES

    for code in ("1.1", "1.2", "2.1", "3.1", "4.1"):
        play_positioning(data, "Léa", bank, code)
    loaded = load_bank(bank).bank
    with open_profile(data, "Léa") as store:
        session = CertificationSession.open(
            store, loaded, rules=DEFAULT_RULES, now=lambda: datetime.now().astimezone()
        )
        first = session.current()
        assert first is not None
        session.answer(first[1], None, 5.0)  # "Je ne sais pas": wrong
        while (current := session.current()) is not None:
            challenge = current[1]
            given = next(iter(challenge.correct_indices)) if challenge.type == "qcu" else None
            session.answer(challenge, given, 5.0)
        session.finish(CertificationEnd.COMPLETED)
        return session.id


def test_neutralise_sets_a_question_aside_and_prints_the_new_result(tmp_path: Path, capsys):
    bank = write_small_bank(tmp_path / "bank")
    data = tmp_path / "data"
    cert_id = _finished_certification(data, bank)
    with open_profile(data, "Léa") as store:
        [record] = store.certifications()
        assert record.neutralised == ()
    argv = ["neutralise", "1", "--profile", "Léa", "--data-dir", str(data), "--lang", "fr"]
    assert cli.main(argv) == 0
    assert "Question 1 neutralisée. Nouveau résultat : taux" in capsys.readouterr().out
    with open_profile(data, "Léa") as store:
        [record] = store.certifications()
        assert record.id == cert_id and record.neutralised == (0,)
    assert cli.main([*argv[:1], "99", *argv[2:]]) == 1
    assert "La question 99 n'existe pas" in capsys.readouterr().err


def test_neutralise_without_a_finished_certification_says_so(tmp_path: Path, capsys):
    data = tmp_path / "data"
    create_profile(data, "Léa")
    argv = ["neutralise", "2", "--profile", "Léa", "--data-dir", str(data), "--lang", "en"]
    assert cli.main(argv) == 1
    assert "no finished mock certification" in capsys.readouterr().err
