"""A shared bank may be hostile: control codes, links to devices, pipes, alias bombs, huge files.

Each test is one recipe of the attack report on issue 14; none may crash, hang or let a
terminal control sequence through.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin

from pix_tui.core.files import MAX_FILE_BYTES
from pix_tui.core.loader import load_bank
from pix_tui.core.model import Problem
from pix_tui.core.parser import MAX_PROPOSALS, ChallengeError, markdown, parse_challenge
from pix_tui.core.safe_text import CONTROL, inert, quoted
from tests.core.bank_files import QCM, QCU, QROC, valid_bank, write

OSC52 = "\x1b]52;c;aGVsbG8=\x1b\\"


def line_of(text: str, needle: str) -> int:
    """The 1-based line of `text` where `needle` first appears."""
    return text[: text.index(needle)].count("\n") + 1


def problems(text: str, tmp_path: Path) -> ChallengeError:
    path = write(tmp_path, "c.md", text)
    with pytest.raises(ChallengeError) as info:
        parse_challenge(text.encode(), path, tmp_path)
    return info.value


def located(error: ChallengeError) -> list[str]:
    return [f"{p.line}: {p.message}" for p in error.problems]


@pytest.mark.parametrize(
    "sequence",
    [OSC52, "\x1b]2;title\x1b\\", "\x1b[2J", "\x1b[6n", "\x9b6n", "\x00", "\x7f", "\x0c"],
)
def test_every_control_character_is_refused_at_its_line(tmp_path, sequence):
    text = QROC.replace("Quelle extension", f"Quelle {sequence}extension")
    found = located(problems(text, tmp_path))
    line = line_of(text, "Quelle")
    assert any(f.startswith(f"{line}: control character U+") for f in found), found


def test_controls_in_proposals_explanation_and_front_matter_are_each_located(tmp_path):
    text = (
        QCU.format(id="q", level=3)
        .replace("- [ ] tri OR", "- [ ] tri \x1b[2J OR")
        .replace("Les guillemets", "Les \x9b guillemets")
        .replace("topic: operateurs", "topic: \x1bop")
    )
    lines = {p.line for p in problems(text, tmp_path).problems if p.key == "control_character"}
    expected = {line_of(text, "topic:"), line_of(text, "tri \x1b"), line_of(text, "Les \x9b")}
    assert expected <= lines


@pytest.mark.parametrize(
    ("field", "written"),
    [
        ("attachments: [journal.txt]", 'attachments: ["jour\\e]2;titre\\anal.txt"]'),
        ("answers: [pdf, .pdf]", 'answers: [pdf, ".pdf\\x9b6n"]'),
        ("topic: extensions", 'topic: "ext\\x1b[2J"'),
    ],
)
def test_a_control_written_as_a_yaml_escape_is_refused_at_its_line(tmp_path, field, written):
    text = QROC.replace("time_limit: 60", "time_limit: 60\nattachments: [journal.txt]")
    text = text.replace(field, written)
    (tmp_path / "journal.txt").write_text("x", encoding="utf-8")
    found = [p.line for p in problems(text, tmp_path).problems if p.key == "control_character"]
    assert found == [line_of(text, written)]


def test_an_invisible_mark_written_as_a_yaml_escape_is_warned(tmp_path):
    text = QROC.replace("answers: [pdf, .pdf]", 'answers: [pdf, ".p\\u202edf"]')
    path = write(tmp_path, "c.md", text)
    parsed = parse_challenge(text.encode(), path, tmp_path)
    assert [(w.line, w.key) for w in parsed.warnings if w.key == "invisible_character"] == [
        (line_of(text, "answers:"), "invisible_character")
    ]


def test_tab_and_newline_are_fine(tmp_path):
    text = QROC.replace("Quelle extension", "Quelle\textension")
    path = write(tmp_path, "c.md", text)
    assert parse_challenge(text.encode(), path, tmp_path).challenge


def test_bidi_and_zero_width_are_warned_and_removed_from_proposals(tmp_path):
    text = QCM.replace("`azerty`", "`aze\u202ertyu`").replace("robustes", "robu\u200bstes")
    path = write(tmp_path, "c.md", text)
    parsed = parse_challenge(text.encode(), path, tmp_path)
    warned = {(w.line, w.message.split(" ")[2]) for w in parsed.warnings}
    assert (line_of(text, "robu"), "U+200B") in warned
    assert (line_of(text, "`aze"), "U+202E") in warned
    assert parsed.challenge.proposals[1].text == "azertyu"


def test_a_message_never_quotes_a_control_or_a_huge_value(tmp_path):
    text = QROC.replace("level: 2", 'level: "\\e]2;pwn\\e\\\\' + "x" * 5000 + '"')
    [bad_level] = [p for p in problems(text, tmp_path).problems if p.key == "bad_level"]
    assert not CONTROL.search(bad_level.message)
    assert len(bad_level.message) < 300
    assert "␛]2;pwn" in bad_level.message


def test_quoting_survives_an_integer_too_long_to_print():
    assert quoted(10**5000) == "\ufffd"
    assert inert("a\x1b[31mb\x9bc\u202ed") == "a␛[31mb\ufffdcd"


def test_problem_values_are_inert_for_every_surface(tmp_path):
    problem = Problem.of(tmp_path / "x.md", 3, "unexpected_section", title="\x1b]8;;http://x\x1b\\")
    assert not CONTROL.search(problem.message)


def test_an_alias_bomb_is_refused_at_once(tmp_path):
    bomb = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level, name in enumerate("bcdefghi"):
        previous = "abcdefghi"[level]
        bomb.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    text = QROC.replace("level: 2", "\n".join(bomb) + "\nlevel: *i")
    error = problems(text, tmp_path)
    assert [p.key for p in error.problems] == ["yaml_alias"]
    assert error.problems[0].line == line_of(text, "*a")


def test_a_simple_alias_is_refused_too(tmp_path):
    text = QROC.replace("answers: [pdf, .pdf]", "x-a: &p pdf\nanswers: [*p]")
    line = line_of(text, "*p")
    assert f"{line}: YAML aliases" in located(problems(text, tmp_path))[0]


@pytest.mark.parametrize("name", ["a\x00b.txt", "x" * 300 + ".txt", "d/" + "y" * 4000])
def test_attachment_paths_the_system_refuses_are_located_errors(tmp_path, name):
    text = QROC.replace("time_limit: 60", f"time_limit: 60\nattachments: [{name!r}]")
    found = problems(text, tmp_path).problems
    assert [p.key for p in found] == ["attachment_missing"]
    assert found[0].line == line_of(text, "attachments:")


@pytest.mark.parametrize("src", ["z" * 300 + ".png", "a/" * 3000 + "b.png"])
def test_image_paths_the_system_refuses_are_located_errors(tmp_path, src):
    text = QROC.replace("PDF ?", f"PDF ?\n\n![un dessin]({src})")
    assert [p.key for p in problems(text, tmp_path).problems] == ["image_missing"]


def test_more_task_lines_than_the_bound_are_refused_before_parsing(tmp_path):
    items = "\n".join(f"- [ ] choix {n}" for n in range(MAX_PROPOSALS + 1))
    text = QCM.replace("- [x] `Tr0mp3tte", items + "\n- [x] `Tr0mp3tte")
    found = problems(text, tmp_path).problems
    assert [p.key for p in found] == ["too_many_proposals"]
    assert found[0].line == line_of(text, "- [ ] choix 0") + MAX_PROPOSALS


LIST_LINES = st.sampled_from(
    [
        "- [ ] a",
        "- [x] b",
        "- [X] c",
        "- plain",
        "  - [ ] nested",
        "> - [ ] quoted",
        "1. [x] d",
        "- [ ]\tt",
        "- [ ]",
        "",
        "text",
        "* [ ] star",
        "    - [x] deep",
        "- - [ ] two",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(LIST_LINES, max_size=30))
def test_task_lists_are_marked_as_the_reference_plugin_marks_them(lines):
    """The linear pass gives the same tokens as mdit-py-plugins' (quadratic) tasklists."""
    text = "\n".join(lines)
    reference = MarkdownIt("commonmark", {"html": True}).use(tasklists_plugin).parse(text)
    ours = markdown().parse(text)

    def marks(tokens):
        return [
            (t.type, t.attrs.get("class"), t.content, [c.content for c in t.children or []])
            for t in tokens
        ]

    assert marks(ours) == marks(reference)


def test_a_file_over_the_size_limit_is_refused_with_the_limit(tmp_path):
    text = QROC.replace("Quelle", "lorem ipsum dolor " * (MAX_FILE_BYTES // 18 + 1))
    found = problems(text, tmp_path).problems
    assert [p.key for p in found] == ["file_too_large"]
    assert "1000000" in found[0].message


def test_the_loader_refuses_devices_pipes_and_links_out_of_the_bank(tmp_path):
    bank = valid_bank(tmp_path / "bank")
    (bank / "zero.md").symlink_to("/dev/zero")
    os.mkfifo(bank / "pipe.md")
    outside = write(tmp_path, "elsewhere/q.md", QROC.replace("qroc-1", "qroc-9"))
    (bank / "out.md").symlink_to(outside)
    (bank / "loop.md").symlink_to(bank / "loop.md")
    write(bank, "huge.md", QROC.replace("Quelle", "lorem ipsum " * 100_000))
    report = load_bank(bank)
    keys = {p.path.name: p.key for p in report.errors}
    assert keys == {
        "zero.md": "link_outside_bank",
        "pipe.md": "not_regular_file",
        "out.md": "link_outside_bank",
        "loop.md": "unreadable_file",
        "huge.md": "file_too_large",
    }
    assert len(report.bank) == 5


def test_a_link_inside_the_bank_is_read(tmp_path):
    bank = valid_bank(tmp_path / "bank")
    (bank / "1.1" / "again.md").symlink_to(bank / "1.2" / "qroc.md")
    keys = [p.key for p in load_bank(bank).errors]
    assert keys == ["duplicate_id"]


def test_a_challenge_with_a_control_code_never_reaches_the_bank(tmp_path):
    bank = valid_bank(tmp_path / "bank")
    write(bank, "evil.md", QROC.replace("qroc-1", "evil").replace("Quelle", OSC52 + "Quelle"))
    report = load_bank(bank)
    assert report.bank.get("evil") is None
    assert [(p.path.name, p.line, p.key) for p in report.errors] == [
        ("evil.md", line_of((bank / "evil.md").read_text(), "\x1b"), "control_character")
    ]


def test_topic_titles_with_controls_are_refused_and_brackets_kept(tmp_path):
    bank = valid_bank(tmp_path / "bank")
    write(
        bank,
        "topics.toml",
        '["1.1"]\noperateurs = "Raccourcis [Ctrl]+[C] [/]"\n'
        '["1.2"]\nextensions = "Ext\\u001b]2;x\\u001b\\\\"\n',
    )
    report = load_bank(bank)
    assert report.bank.topic_title("1.1", "operateurs") == "Raccourcis [Ctrl]+[C] [/]"
    assert [(p.line, p.key) for p in report.errors] == [(4, "control_character")]
    assert report.bank.topic_title("1.2", "extensions") == "extensions"


def test_a_topics_file_that_is_a_pipe_is_not_read(tmp_path):
    bank = valid_bank(tmp_path / "bank")
    os.mkfifo(bank / "topics.toml")
    assert [p.key for p in load_bank(bank).errors] == ["not_regular_file"]
