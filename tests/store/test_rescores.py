"""Re-scoring past answers keeps the originals: both results are in the profile."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pix_tui.core.history import AnswerRecord
from pix_tui.core.model import Challenge, ChallengeType, Result, Tolerance
from pix_tui.core.rescore import apply_rescores, rescores_for
from pix_tui.store import ProfileLocked, create_profile, open_profile
from pix_tui.store.class_folder import ClassReader
from pix_tui.store.paths import profile_folder
from pix_tui.store.rescores import rescore_profile

AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
NOW = datetime(2026, 3, 9, 9, 30, tzinfo=UTC)
DHCP = Challenge(
    "dhcp",
    "5.1",
    "reseau",
    3,
    ChallengeType.QROC,
    "?",
    Path("dhcp.md"),
    answers=("serveur DHCP", "DHCP"),
    tolerances=frozenset({Tolerance.T1}),
)


def answer(given: str, minute: int, result: Result = Result.KO) -> AnswerRecord:
    return AnswerRecord("dhcp", "5.1", "@reseau3", result, given, 9.0, AT.replace(minute=minute))


def test_only_wrong_answers_the_new_key_accepts_are_rescored() -> None:
    answers = [
        answer("dhcp", 1),
        answer("le routeur", 2),
        answer("DHCP", 3, Result.TIMED_OUT),
        answer("DHCP", 4, Result.OK),
    ]
    found = rescores_for(DHCP, answers, [], NOW)
    assert [(r.answer_at.minute, r.original, r.result) for r in found] == [
        (1, Result.KO, Result.OK)
    ]
    assert rescores_for(DHCP, answers, found, NOW) == []
    assert [a.result for a in apply_rescores(answers, found)] == [
        Result.OK,
        Result.KO,
        Result.TIMED_OUT,
        Result.OK,
    ]


def test_the_profile_keeps_the_original_and_the_rescored_result(data_dir: Path) -> None:
    create_profile(data_dir, "Léa")
    with open_profile(data_dir, "Léa") as store:
        store.record_answer(answer("dhcp", 1))
        store.record_answer(answer("le routeur", 2))
    added = rescore_profile(
        data_dir, "Léa", lambda answers, done: rescores_for(DHCP, answers, done, NOW)
    )
    assert added == 1
    with open_profile(data_dir, "Léa") as store:
        assert [a.result for a in store.answers()] == [Result.OK, Result.KO]
    (lea,) = ClassReader(data_dir).read().profiles
    assert [a.result for a in lea.answers()] == [Result.OK, Result.KO]
    assert [a.result for a in lea.original_answers()] == [Result.KO, Result.KO]
    lea.forget_answers()
    assert lea.outcomes() == [("dhcp", Result.OK, "dhcp"), ("dhcp", Result.KO, "le routeur")]
    folder = profile_folder(data_dir, "Léa")
    chunk = json.loads((folder / "answers-0001.json").read_text("utf-8"))
    assert chunk["answers"]["1"]["result"] == "ko"
    main = json.loads((folder / "profile.json").read_text("utf-8"))
    assert main["rescores"]["1"]["original"] == "ko" and main["rescores"]["1"]["result"] == "ok"
    again = rescore_profile(
        data_dir, "Léa", lambda answers, done: rescores_for(DHCP, answers, done, NOW)
    )
    assert again == 0


def test_a_profile_in_use_is_not_rescored(data_dir: Path) -> None:
    create_profile(data_dir, "Léa")
    with open_profile(data_dir, "Léa") as store:
        store.record_answer(answer("dhcp", 1))
        with pytest.raises(ProfileLocked):
            rescore_profile(data_dir, "Léa", lambda a, d: rescores_for(DHCP, a, d, NOW))
