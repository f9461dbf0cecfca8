from __future__ import annotations

import json
import os
from pathlib import Path

from pix_tui.cli import main
from pix_tui.core.loader import default_bank_path, load_bank
from tests.core.bank_files import QCU, QROC, valid_bank, write


def test_a_valid_tree_loads_every_challenge(tmp_path):
    report = load_bank(valid_bank(tmp_path))
    assert report.valid
    assert len(report.bank) == 5
    assert report.bank.get("qroc-1").competence == "1.2"
    assert {s.name for s in report.bank.skills("1.1")} == {"@operateurs3"}


def test_readme_and_other_files_are_ignored(tmp_path):
    valid_bank(tmp_path)
    write(tmp_path, "README.md", "# Ma banque\n")
    write(tmp_path, "notes.txt", "rien")
    assert load_bank(tmp_path).files == 5


def test_bad_files_are_reported_and_the_valid_ones_kept(tmp_path):
    valid_bank(tmp_path)
    write(tmp_path, "bad/yaml.md", "---\nid: [\n---\nx\n")
    (tmp_path / "bad/latin1.md").write_bytes(
        QROC.replace("qroc-1", "q9").replace("Quelle", "Quelle\u00e9").encode("latin-1")
    )
    report = load_bank(tmp_path)
    assert not report.valid
    assert len(report.bank) == 5
    assert report.skipped_files == 2


def test_duplicate_ids_name_both_files(tmp_path):
    valid_bank(tmp_path)
    write(tmp_path, "zz/copy.md", QCU.format(id="qcu-1", level=2))
    report = load_bank(tmp_path)
    [problem] = report.errors
    assert problem.path.name == "copy.md"
    assert problem.line == 2
    assert "1.1/a.md" in problem.message


def test_a_skill_with_one_variant_is_a_warning(tmp_path):
    valid_bank(tmp_path)
    report = load_bank(tmp_path)
    assert report.valid
    assert any("@extensions2" in w.message for w in report.warnings)
    assert not any("@operateurs3" in w.message for w in report.warnings)


def test_the_cache_gives_the_same_bank_and_sees_changes(tmp_path):
    bank = valid_bank(tmp_path / "bank")
    cache = tmp_path / "cache"
    old = os.path.getmtime(bank / "1.2/qroc.md") - 10
    for path in bank.rglob("*.md"):
        os.utime(path, (old, old))
    first = load_bank(bank, cache_dir=cache)
    second = load_bank(bank, cache_dir=cache)
    assert list(cache.iterdir())
    assert second.bank.challenges == first.bank.challenges
    write(bank, "1.2/qroc.md", QROC.replace("answers: [pdf, .pdf]", "answers: [pdf, .pdf, PDF/A]"))
    third = load_bank(bank, cache_dir=cache)
    assert third.bank.get("qroc-1").answers == ("pdf", ".pdf", "PDF/A")


def test_a_bank_named_two_ways_is_read_from_the_cache_both_ways(tmp_path, monkeypatch):
    from pix_tui.core import loader

    bank = valid_bank(tmp_path / "bank")
    cache = tmp_path / "cache"
    old = os.path.getmtime(bank / "1.2/qroc.md") - 10
    for path in bank.rglob("*.md"):
        os.utime(path, (old, old))
    monkeypatch.chdir(tmp_path)
    load_bank(Path("bank"), cache_dir=cache)
    load_bank(bank.resolve(), cache_dir=cache)
    parsed: list[Path] = []
    real_parse = loader._parse_many

    def counting_parse(paths, root, rules):
        parsed.extend(paths)
        return real_parse(paths, root, rules)

    monkeypatch.setattr(loader, "_parse_many", counting_parse)
    again = load_bank(Path("bank"), cache_dir=cache)
    load_bank(bank.resolve(), cache_dir=cache)
    assert parsed == []
    assert again.bank.get("qroc-1").path == Path("bank/1.2/qroc.md")


def test_a_corrupt_cache_changes_nothing(tmp_path):
    bank = valid_bank(tmp_path / "bank")
    cache = tmp_path / "cache"
    expected = load_bank(bank, cache_dir=cache).bank.challenges
    for file in cache.iterdir():
        file.write_bytes(b"\x80garbage")
    assert load_bank(bank, cache_dir=cache).bank.challenges == expected


def test_a_missing_folder_is_a_clear_error(tmp_path):
    report = load_bank(tmp_path / "absent")
    assert not report.valid
    assert "not found" in report.errors[0].message


def test_the_shipped_bank_is_found_from_a_checkout():
    assert default_bank_path() == Path(__file__).resolve().parents[2] / "challenges"


def test_check_prints_located_problems_and_exits_1(tmp_path, capsys):
    valid_bank(tmp_path)
    write(tmp_path, "bad/unknown.md", QROC.replace("level: 2", "level: 2\nniveau: 3"))
    assert main(["--lang", "fr", "check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "bad/unknown.md:6:" in out
    assert "clé inconnue « niveau »" in out
    assert "Traceback" not in out
    assert main(["--lang", "en", "check", str(tmp_path)]) == 1
    assert "bad/unknown.md:6: error: unknown key 'niveau'" in capsys.readouterr().out


def test_check_json_has_the_documented_fields(tmp_path, capsys):
    valid_bank(tmp_path)
    assert main(["check", "--json", str(tmp_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["valid"] is True
    assert data["challenges"] == 5
    assert data["errors"] == []
    assert data["coverage"]["1.1"]["3"] == 2
    assert data["skills"]["1.1"]["3"] == 1
    assert {"path", "line", "message"} <= set(data["warnings"][0])


def test_a_cached_challenge_notices_its_attachment_disappearing(tmp_path):
    bank = valid_bank(tmp_path / "bank")
    write(bank, "1.2/notes.csv", "nom;note\nLéa;15\n")
    write(bank, "1.2/qroc.md", QROC.replace("time_limit: 60", "attachments: [notes.csv]"))
    old = os.path.getmtime(bank / "1.2/qroc.md") - 10
    for path in bank.rglob("*"):
        os.utime(path, (old, old))
    cache = tmp_path / "cache"
    assert load_bank(bank, cache_dir=cache).valid
    assert load_bank(bank, cache_dir=cache).valid
    (bank / "1.2/notes.csv").unlink()
    report = load_bank(bank, cache_dir=cache)
    assert [p.key for p in report.errors] == ["attachment_missing"]


def test_check_warns_per_competence_of_skills_without_a_second_variant(tmp_path, capsys):
    valid_bank(tmp_path)
    assert main(["--lang", "fr", "check", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "avertissement: 1.2 : 1 acquis sans variante inédite" in out
    assert (
        not [  # its skill has two variants
            line
            for line in out.splitlines()
            if line.startswith("avertissement: 1.1 :") and "variante" in line
        ]
    )
    assert main(["--lang", "en", "check", "--json", str(tmp_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["single_variant_skills"]["1.2"] == 1
    assert "1.1" not in data["single_variant_skills"]


def test_check_says_per_competence_the_highest_level_the_bank_allows(tmp_path, capsys):
    """One topic per level: each skill is worth 4 pix, not 8, so six levels give level 3."""
    for level in range(1, 7):
        text = QROC.replace("level: 2", f"level: {level}").replace("id: qroc-1", f"id: q-{level}")
        write(tmp_path, f"1.2/q-{level}.md", text)
    assert main(["--lang", "fr", "check", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "1.2 : avec ces épreuves, le niveau le plus haut possible est 3 sur 6" in out
    assert main(["check", "--json", str(tmp_path)]) == 0
    assert json.loads(capsys.readouterr().out)["reachable_level"]["1.2"] == 3
    for level in range(1, 7):
        text = QROC.replace("level: 2", f"level: {level}").replace("id: qroc-1", f"id: r-{level}")
        write(tmp_path, f"1.2/r-{level}.md", text.replace("topic: extensions", "topic: autres"))
    assert main(["--lang", "fr", "check", str(tmp_path)]) == 0
    assert "le niveau le plus haut possible" not in capsys.readouterr().out
