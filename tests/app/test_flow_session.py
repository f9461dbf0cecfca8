"""The glue behind the challenge screens, without Textual: sessions, practice choices, order."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from pix_tui.app.positioning_session import PositioningSession, in_progress, make_answer
from pix_tui.app.widgets.answer_widgets import proposal_order
from pix_tui.core.history import PositioningKind, PositioningState, ResetRecord
from pix_tui.core.loader import load_bank
from pix_tui.core.model import Bank, Result
from pix_tui.core.practice import PracticeFilter, error_queue, next_practice
from pix_tui.core.rules import DEFAULT_RULES
from pix_tui.store import MemoryProfileStore
from tests.app.conftest import FIXED_NOW, Clock
from tests.app.flow_support import write_bank


@pytest.fixture
def bank(tmp_path: Path) -> Bank:
    return load_bank(write_bank(tmp_path / "bank")).bank


def open_session(store: MemoryProfileStore, bank: Bank, clock: Clock) -> PositioningSession:
    return PositioningSession.open(
        store, bank, "1.1", engine="default", rules=DEFAULT_RULES, now=clock
    )


def right_given(challenge):
    return next(iter(challenge.correct_indices))


def test_a_new_positioning_is_stored_before_its_first_question(bank: Bank) -> None:
    store, clock = MemoryProfileStore("Léa"), Clock()
    session = open_session(store, bank, clock)
    [stored] = store.positionings()
    assert stored.id == session.id
    assert stored.state is PositioningState.IN_PROGRESS
    assert stored.kind is PositioningKind.FIRST
    assert session.number == 1
    assert session.current() is not None


def test_each_answer_is_in_the_store_when_answer_returns(bank: Bank) -> None:
    store, clock = MemoryProfileStore("Léa"), Clock()
    session = open_session(store, bank, clock)
    challenge = session.current()
    record = session.answer(challenge, right_given(challenge), 4.0)
    assert store.answers() == [record]
    assert record.positioning_id == session.id
    assert record.result is Result.OK
    assert record.given == "Juste"
    assert session.number == 2


def test_reopening_resumes_the_same_positioning_at_the_same_next_question(bank: Bank) -> None:
    store, clock = MemoryProfileStore("Léa"), Clock()
    first = open_session(store, bank, clock)
    for _ in range(3):
        challenge = first.current()
        first.answer(challenge, 1, 3.0)
        clock.advance(seconds=10)
    expected = first.current()
    again = open_session(store, bank, clock)
    assert again.id == first.id
    assert again.number == 4
    assert again.current() == expected
    assert len(store.positionings()) == 1


def test_a_reset_after_an_unfinished_positioning_starts_afresh(bank: Bank) -> None:
    store, clock = MemoryProfileStore("Léa"), Clock()
    first = open_session(store, bank, clock)
    first.answer(first.current(), 1, 3.0)
    clock.advance(days=8)
    store.reset_competence(ResetRecord("1.1", clock()))
    clock.advance(seconds=1)
    assert in_progress(store, "1.1") is None
    assert open_session(store, bank, clock).id != first.id


def test_the_level_after_an_earlier_answer_count_is_replayed(bank: Bank) -> None:
    store, clock = MemoryProfileStore("Léa"), Clock()
    session = open_session(store, bank, clock)
    levels = [session.level()]
    for _ in range(4):
        challenge = session.current()
        session.answer(challenge, right_given(challenge), 3.0)
        levels.append(session.level())
    assert [session.level_after(n) for n in range(5)] == levels


def test_finishing_marks_the_positioning_finished(bank: Bank) -> None:
    store, clock = MemoryProfileStore("Léa"), Clock()
    session = open_session(store, bank, clock)
    session.answer(session.current(), None, 1.0)
    session.finish()
    [stored] = store.positionings()
    assert stored.state is PositioningState.FINISHED
    assert in_progress(store, "1.1") is None


def test_a_late_answer_is_timed_out_even_when_right(bank: Bank) -> None:
    challenge = replace(bank.challenges[0], time_limit=30)
    record = make_answer(challenge, right_given(challenge), 31.0, FIXED_NOW)
    assert record.result is Result.TIMED_OUT
    assert make_answer(challenge, right_given(challenge), 29.0, FIXED_NOW).result is Result.OK


def test_shuffled_proposals_keep_one_order_per_learner_and_challenge(bank: Bank) -> None:
    challenge = replace(bank.challenges[0], shuffle=True)
    orders = {proposal_order(challenge, seed) for seed in range(30)}
    assert len(orders) > 1, "shuffle never changed the order"
    assert proposal_order(challenge, 7) == proposal_order(challenge, 7)
    assert sorted(proposal_order(challenge, 7)) == [0, 1, 2]
    assert proposal_order(replace(challenge, shuffle=False), 7) == (0, 1, 2)


def test_practice_serves_unseen_challenges_easiest_first_and_never_twice(bank: Bank) -> None:
    practice = PracticeFilter("1.1", topic="beta")
    served: list[str] = []
    while (challenge := next_practice(bank, practice, [], served, seed=3)) is not None:
        served.append(challenge.id)
    assert len(served) == len(set(served)) == 12
    levels = [bank.get(cid).level for cid in served]
    assert levels == sorted(levels)
    assert all(bank.get(cid).topic == "beta" for cid in served)


def test_practice_filters_by_level(bank: Bank) -> None:
    challenge = next_practice(bank, PracticeFilter(level=4), [], [], seed=0)
    assert challenge is not None and challenge.level == 4


def test_the_error_queue_serves_an_unseen_variant_of_a_missed_skill(bank: Bank) -> None:
    missed = bank.get("q11-alpha-2-1")
    other = bank.get("q11-beta-1-1")
    answers = [
        make_answer(missed, 1, 3.0, FIXED_NOW, "p1"),
        make_answer(other, 0, 3.0, FIXED_NOW + timedelta(seconds=5), "p1"),
    ]
    queue = error_queue(bank, answers)
    assert [c.id for c in queue] == ["q11-alpha-2-2"]
    practice = PracticeFilter(errors_only=True)
    assert next_practice(bank, practice, answers, [], seed=0).id == "q11-alpha-2-2"
    assert next_practice(bank, practice, answers, ["q11-alpha-2-2"], seed=0) is None


def test_a_skill_answered_right_later_leaves_the_error_queue(bank: Bank) -> None:
    missed = bank.get("q11-alpha-2-1")
    variant = bank.get("q11-alpha-2-2")
    answers = [
        make_answer(missed, None, 3.0, FIXED_NOW, "p1"),
        make_answer(variant, 0, 3.0, FIXED_NOW + timedelta(minutes=1)),
    ]
    assert error_queue(bank, answers) == []


def test_the_error_queue_repeats_the_challenge_when_no_variant_is_unseen(bank: Bank) -> None:
    first, second = bank.get("q11-alpha-2-1"), bank.get("q11-alpha-2-2")
    answers = [
        make_answer(second, 0, 3.0, FIXED_NOW),
        make_answer(first, 2, 3.0, FIXED_NOW + timedelta(minutes=1)),
    ]
    assert [c.id for c in error_queue(bank, answers)] == ["q11-alpha-2-1"]
