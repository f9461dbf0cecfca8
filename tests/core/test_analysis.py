"""Per-challenge analysis from a class's answers, and the accepted-answer edit of a file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from pix_tui.core.analysis import (
    Answered,
    FlagKind,
    LearnerAnswers,
    Placement,
    Share,
    Thresholds,
    analyse,
    answered,
    flags_for,
)
from pix_tui.core.answer_edit import EditRefused, add_answer
from pix_tui.core.history import AnswerRecord
from pix_tui.core.model import Bank, Result
from pix_tui.core.parser import parse_challenge

AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)

QROC = """---
id: dhcp
competence: "5.1"
topic: reseau
level: 3
type: qroc
tolerance: [t1, t2]
answers: ["serveur DHCP"] # la réponse attendue
---
Quel service distribue les adresses IP ?
"""

BLOCK = """---
id: dhcp
competence: "5.1"
topic: reseau
level: 3
type: qroc
answers:
  - serveur DHCP
  - le serveur DHCP
tolerance: t1
---
Quel service distribue les adresses IP ?
"""

QROCM = """---
id: capitale
competence: "1.1"
topic: geo
level: 2
type: qrocm
mode: ind
tolerance: t1
answers:
  ville: [Paris]
  pays: [France]
---
La capitale {{ville}} du pays {{pays}}.
"""


def parsed(text: str, tmp_path: Path, name: str = "c.md") -> object:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_challenge(text.encode(), path, tmp_path).challenge


def answer(cid: str, result: Result, given: str = "x", competence: str = "5.1") -> Answered:
    (done,) = answered([AnswerRecord(cid, competence, "@reseau3", result, given, 10.0, AT)])
    return done


def learners(spec: list[tuple[int, list[tuple[Result, str]]]]) -> list[LearnerAnswers]:
    return [
        LearnerAnswers(f"L{n}", {"5.1": level}, [answer("dhcp", r, g) for r, g in given])
        for n, (level, given) in enumerate(spec)
    ]


def test_refused_answers_are_grouped_by_the_checkers_normalisation(tmp_path: Path) -> None:
    bank = Bank(tmp_path, (parsed(QROC, tmp_path),))  # type: ignore[arg-type]
    ko, ok = Result.KO, Result.OK
    class_ = learners(
        [
            (1, [(ko, "DHCP"), (ko, "dhcp.")]),
            (2, [(ko, "Dhcp !"), (ok, "serveur DHCP")]),
            (4, [(ko, "le routeur"), (Result.SKIPPED, "")]),
        ]
    )
    (result,) = analyse(bank, class_)
    assert result.total == Share(6, 1)
    assert result.groups[Placement.BELOW] == Share(4, 1)
    assert result.groups[Placement.ABOVE] == Share(2, 0)
    first, second = result.refused
    assert (first.key, first.count, first.learners) == ("dhcp", 3, 2)
    assert first.shown in {"DHCP", "dhcp.", "Dhcp !"}
    assert (second.shown, second.count) == ("le routeur", 1)


def test_refused_blanks_are_counted_per_blank(tmp_path: Path) -> None:
    bank = Bank(tmp_path, (parsed(QROCM, tmp_path),))  # type: ignore[arg-type]
    given = "ville = Lyon | pays = France"
    class_ = [LearnerAnswers("A", {"1.1": 2}, [answer("capitale", Result.KO, given, "1.1")])]
    (result,) = analyse(bank, class_)
    assert [(r.blank, r.shown) for r in result.refused] == [("ville", "Lyon")]
    assert result.groups[Placement.AT] == Share(1, 0)


def test_flags_carry_their_evidence() -> None:
    t = Thresholds(min_answers=5)
    easy = flags_for(
        {Placement.BELOW: Share(10, 9), Placement.AT: Share(), Placement.ABOVE: Share()}, t
    )
    assert [f.kind for f in easy] == [FlagKind.EASIER]
    assert easy[0].evidence == ((Placement.BELOW, Share(10, 9)),)
    hard = flags_for(
        {Placement.BELOW: Share(), Placement.AT: Share(3, 0), Placement.ABOVE: Share(4, 1)}, t
    )
    assert [f.kind for f in hard] == [FlagKind.HARDER]
    assert hard[0].evidence == ((None, Share(7, 1)),)
    wrong_key = flags_for(
        {Placement.BELOW: Share(10, 6), Placement.AT: Share(), Placement.ABOVE: Share(10, 2)}, t
    )
    assert FlagKind.INVERTED in [f.kind for f in wrong_key]
    few = flags_for(
        {Placement.BELOW: Share(4, 4), Placement.AT: Share(), Placement.ABOVE: Share()}, t
    )
    assert few == ()


def test_flagged_challenges_come_first_and_unknown_ids_are_ignored(tmp_path: Path) -> None:
    bank = Bank(
        tmp_path,
        (parsed(QROC, tmp_path, "a.md"), parsed(QROCM, tmp_path, "b.md")),  # type: ignore[arg-type]
    )
    class_ = [
        LearnerAnswers(
            f"L{n}",
            {"5.1": 1, "1.1": 2},
            [
                answer("dhcp", Result.OK, "serveur DHCP"),
                answer("capitale", Result.OK, "", "1.1"),
                answer("gone", Result.OK),
            ],
        )
        for n in range(6)
    ]
    results = analyse(bank, class_)
    assert [r.challenge_id for r in results] == ["dhcp", "capitale"]
    assert results[0].flags[0].kind is FlagKind.EASIER


def test_an_answer_joins_a_flow_list_and_the_file_still_parses(tmp_path: Path) -> None:
    edit = add_answer(QROC, "DHCP")
    assert edit.line == 8
    assert edit.after.splitlines()[7] == 'answers: ["serveur DHCP", "DHCP"] # la réponse attendue'
    assert (
        edit.after.replace('answers: ["serveur DHCP", "DHCP"]', 'answers: ["serveur DHCP"]') == QROC
    )
    challenge = parsed(edit.after, tmp_path)
    assert challenge.answers == ("serveur DHCP", "DHCP")  # type: ignore[attr-defined]
    diff = edit.diff("dhcp.md")
    assert '-answers: ["serveur DHCP"]' in diff and '+answers: ["serveur DHCP", "DHCP"]' in diff


def test_an_answer_joins_a_block_list(tmp_path: Path) -> None:
    edit = add_answer(BLOCK, 'le "DHCP"')
    lines = edit.after.splitlines()
    assert lines[9] == '  - "le \\"DHCP\\""' and edit.line == 10
    assert parsed(edit.after, tmp_path).answers[-1] == 'le "DHCP"'  # type: ignore[attr-defined]


def test_an_answer_joins_one_blank(tmp_path: Path) -> None:
    edit = add_answer(QROCM, "Paname", blank="ville")
    assert '  ville: [Paris, "Paname"]' in edit.after.splitlines()
    assert parsed(edit.after, tmp_path).blanks["ville"] == ("Paris", "Paname")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "answer", "blank", "key"),
    [
        ("pas de front matter\n", "x", "", "no_front_matter"),
        ("---\nid: a\n---\n", "x", "", "no_answers"),
        (QROCM, "x", "region", "no_blank"),
        (QROC, "", "", "bad_answer"),
        (QROC, "deux\nlignes", "", "bad_answer"),
        ("---\nanswers: DHCP\n---\n", "x", "", "answers_shape"),
    ],
)
def test_shapes_it_cannot_edit_are_refused(text: str, answer: str, blank: str, key: str) -> None:
    with pytest.raises(EditRefused) as caught:
        add_answer(text, answer, blank)
    assert caught.value.key == key
