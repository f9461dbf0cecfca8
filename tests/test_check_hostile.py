"""`pix-tui check` on a hostile bank: located errors, no traceback, nothing a terminal obeys."""

from __future__ import annotations

import json
import os

from pix_tui.cli import main
from pix_tui.core.safe_text import CONTROL
from tests.core.bank_files import QCU, QROC, valid_bank, write
from tests.core.test_hostile_bank import line_of


def hostile_bank(tmp_path):
    bank = valid_bank(tmp_path / "bank")
    write(bank, "evil.md", QROC.replace("qroc-1", "evil").replace("Quelle", "\x1b]2;pwn\x1b\\Q"))
    write(
        bank,
        "1.1/sections.md",
        QCU.format(id="s", level="'\x9b6n'")
        .replace("## Explication", "## Titre \x1b[2J")
        .replace("topic: operateurs", "topic: \u202eop"),
    )
    write(bank, "name\x1b]0;x\x07.md", QROC.replace("qroc-1", "n"))
    (bank / "loop.md").symlink_to(bank / "loop.md")
    (bank / "zero.md").symlink_to("/dev/zero")
    os.mkfifo(bank / "pipe.md")
    return bank


def test_check_prints_every_hostile_file_inert_and_located(tmp_path, capsys):
    bank = hostile_bank(tmp_path)
    assert main(["--lang", "en", "check", str(bank)]) == 1
    out = capsys.readouterr().out
    assert not CONTROL.search(out.replace("\n", "").replace("\t", ""))
    assert "Traceback" not in out
    evil = (bank / "evil.md").read_text()
    sections = (bank / "1.1" / "sections.md").read_text()
    assert f"evil.md:{line_of(evil, chr(27))}: error: control character U+001B" in out
    assert f"sections.md:{line_of(sections, 'level:')}: error: control character U+009B" in out
    assert f"sections.md:{line_of(sections, '## Titre')}: error: control character U+001B" in out
    assert f"sections.md:{line_of(sections, 'topic:')}: warning: invisible character U+202E" in out
    assert "name␛]0;x␇.md:1: error: control character U+001B in the file name" in out
    assert "loop.md:1: error: cannot read the file" in out
    assert "zero.md:1: error: this file is a link to a file outside the bank" in out
    assert "pipe.md:1: error: not a regular file" in out


def test_check_json_is_inert_too(tmp_path, capsys):
    bank = hostile_bank(tmp_path)
    write(bank, "c1\x9b.md", QROC.replace("qroc-1", "c1"))
    assert main(["check", "--json", str(bank)]) == 1
    out = capsys.readouterr().out
    assert not CONTROL.search(out.replace("\n", ""))
    paths = {problem["path"].rsplit("/", 1)[-1] for problem in json.loads(out)["errors"]}
    assert "c1\ufffd.md" in paths
