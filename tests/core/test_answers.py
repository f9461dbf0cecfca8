from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pix_tui.core.answers import check_answer, correct_answer_text, format_given
from pix_tui.core.model import (
    BlankMode,
    Challenge,
    ChallengeType,
    InputKind,
    Proposal,
    Result,
    Tolerance,
)
from pix_tui.core.normalize import levenshtein, normalise, parse_number, within_distance


def make(kind: ChallengeType, **fields) -> Challenge:
    defaults = dict(
        id="c", competence="1.1", topic="t", level=2, type=kind, statement="?", path=Path("c.md")
    )
    return Challenge(**{**defaults, **fields})


QCU = make(
    ChallengeType.QCU,
    proposals=(Proposal("a", False, 1), Proposal("b", True, 2), Proposal("c", False, 3)),
)
QCM = make(
    ChallengeType.QCM,
    proposals=(
        Proposal("a", True, 1),
        Proposal("b", False, 2),
        Proposal("c", True, 3),
        Proposal("d", False, 4),
    ),
)


def qroc(answers: tuple[str, ...], *tolerances: Tolerance, **fields) -> Challenge:
    return make(ChallengeType.QROC, answers=answers, tolerances=frozenset(tolerances), **fields)


def test_qcu_right_wrong_and_skip():
    assert check_answer(QCU, 1) is Result.OK
    assert check_answer(QCU, 0) is Result.KO
    assert check_answer(QCU, 99) is Result.KO
    assert check_answer(QCU, None) is Result.SKIPPED


def test_qcm_needs_exactly_the_right_set_in_any_order():
    assert check_answer(QCM, frozenset({0, 2})) is Result.OK
    assert check_answer(QCM, frozenset({2, 0})) is Result.OK
    assert check_answer(QCM, frozenset({0})) is Result.KO
    assert check_answer(QCM, frozenset({0, 1, 2})) is Result.KO
    assert check_answer(QCM, frozenset()) is Result.KO


def test_a_right_answer_after_the_time_limit_is_timed_out():
    timed = qroc(("pdf",), time_limit=30)
    assert check_answer(timed, "pdf", elapsed_s=29.9) is Result.OK
    assert check_answer(timed, "pdf", elapsed_s=31) is Result.TIMED_OUT
    assert check_answer(timed, "doc", elapsed_s=31) is Result.TIMED_OUT
    assert not Result.TIMED_OUT.is_correct


def test_without_tolerance_the_comparison_is_exact_but_trimmed():
    challenge = qroc(("Paris",))
    assert check_answer(challenge, "  Paris ") is Result.OK
    assert check_answer(challenge, "paris") is Result.KO


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("ile de france", Result.OK),
        ("ÎLE-DE-FRANCE", Result.KO),
        ("Île\u00a0de\u00a0France", Result.OK),
        ("iledefrance", Result.OK),
        ("Ile  de   France", Result.OK),
    ],
)
def test_t1_ignores_case_accents_and_spaces(given, expected):
    assert check_answer(qroc(("Île de France",), Tolerance.T1), given) is expected


def test_t2_ignores_punctuation():
    challenge = qroc(("l'ordinateur",), Tolerance.T2)
    assert check_answer(challenge, "lordinateur") is Result.OK
    assert check_answer(challenge, "l’ordinateur !") is Result.OK
    assert check_answer(challenge, "L'ordinateur") is Result.KO
    combined = qroc(("Île-de-France",), Tolerance.T1, Tolerance.T2)
    assert check_answer(combined, "ile de france") is Result.OK


def test_t3_accepts_a_quarter_of_typos():
    challenge = qroc(("hameçonnage",), Tolerance.T1, Tolerance.T3)
    assert check_answer(challenge, "hameconage") is Result.OK
    assert check_answer(challenge, "hamconnag") is Result.OK
    assert check_answer(challenge, "hamconag") is Result.KO
    assert check_answer(challenge, "phishing") is Result.KO
    short = qroc(("ram",), Tolerance.T3)
    assert check_answer(short, "rom") is Result.KO


@pytest.mark.parametrize("given", ["3,5", "3.5", " 3.50 ", "+3,5"])
def test_numbers_compare_as_numbers(given):
    challenge = qroc(("3.5",), input=InputKind.NUMBER)
    assert check_answer(challenge, given) is Result.OK


def test_numbers_with_thousand_separators_and_non_numbers():
    challenge = qroc(("1000",), input=InputKind.NUMBER)
    assert check_answer(challenge, "1 000") is Result.OK
    assert check_answer(challenge, "1\u202f000") is Result.OK
    assert check_answer(challenge, "mille") is Result.KO
    assert check_answer(challenge, "") is Result.KO


def test_qrocm_ind_checks_each_blank_on_its_own():
    challenge = make(
        ChallengeType.QROCM,
        blanks={"ville": ("Paris",), "pays": ("France",)},
        tolerances=frozenset({Tolerance.T1}),
    )
    assert check_answer(challenge, {"ville": "paris", "pays": "france"}) is Result.OK
    assert check_answer(challenge, {"ville": "france", "pays": "paris"}) is Result.KO
    assert check_answer(challenge, {"ville": "paris"}) is Result.KO


def test_qrocm_dep_matches_each_accepted_set_once_in_any_order():
    challenge = make(
        ChallengeType.QROCM,
        mode=BlankMode.DEP,
        blanks={"a": ("Firefox", "Chrome"), "b": ("Chrome", "Firefox")},
        tolerances=frozenset({Tolerance.T1}),
    )
    assert check_answer(challenge, {"a": "chrome", "b": "firefox"}) is Result.OK
    assert check_answer(challenge, {"a": "firefox", "b": "chrome"}) is Result.OK
    assert check_answer(challenge, {"a": "firefox", "b": "firefox"}) is Result.OK
    distinct = make(
        ChallengeType.QROCM,
        mode=BlankMode.DEP,
        blanks={"a": ("Paris",), "b": ("Lyon",)},
    )
    assert check_answer(distinct, {"a": "Lyon", "b": "Paris"}) is Result.OK
    assert check_answer(distinct, {"a": "Paris", "b": "Paris"}) is Result.KO
    assert check_answer(distinct, {"a": "Paris", "b": ""}) is Result.KO


def test_review_texts():
    assert correct_answer_text(QCM) == "a | c"
    assert format_given(QCM, frozenset({2, 0})) == "a | c"
    assert format_given(QCU, 1) == "b"
    assert format_given(QCU, None) == ""


@given(st.text(), st.sets(st.sampled_from(list(Tolerance))))
def test_normalisation_is_idempotent(text, tolerances):
    once = normalise(text, tolerances)
    assert normalise(once, tolerances) == once


@given(st.decimals(allow_nan=False, allow_infinity=False, places=3))
def test_a_number_written_the_french_way_reads_back(value):
    assert parse_number(str(value).replace(".", ",")) == value


@given(st.text("abc", max_size=12), st.text("abc", max_size=12), st.integers(0, 6))
def test_the_banded_distance_agrees_with_the_full_one(a, b, limit):
    assert within_distance(a, b, limit) == (levenshtein(a, b) <= limit)


def test_a_pasted_page_is_told_from_a_word_by_its_length_alone():
    challenge = qroc(("hameçonnage",), Tolerance.T1, Tolerance.T3)
    assert check_answer(challenge, "hameçonage " * 10_000) is Result.KO
    assert check_answer(challenge, "hamesonnage") is Result.OK
