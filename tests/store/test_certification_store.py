"""Certifications blanches on disk: every answer kept, resumable after a kill, readable by a
teacher's view without the lock."""

from __future__ import annotations

import signal
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pix_tui.app.certification_session import CertificationSession, neutralise_question
from pix_tui.core.certification import QuestionStatus
from pix_tui.core.history import (
    AnswerRecord,
    CertificationEnd,
    CertificationRecord,
    CertificationState,
    CompetenceStart,
    PlannedQuestion,
)
from pix_tui.core.model import Bank, Result
from pix_tui.core.rules import DEFAULT_RULES
from pix_tui.store import (
    InvalidRecord,
    MemoryProfileStore,
    ProfileNotFound,
    RecoveryKind,
    open_profile,
    read_certifications,
)
from pix_tui.store.layout import main_path
from tests.core.certification_bank import BANK, CERTIFIABLE, learner
from tests.store.conftest import spawn_child

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def certification(cid: str = "cert-1") -> CertificationRecord:
    return CertificationRecord(
        cid,
        T0,
        105,
        (
            PlannedQuestion("1.1", "@alpha4", 4, "1.1-alpha-4b", False, True),
            PlannedQuestion("1.1", "@beta3", 3, "1.1-beta-3b", True, False),
        ),
        (CompetenceStart("1.1", 3, 27, 2),),
        seed=12,
    )


def fill(store, right=CERTIFIABLE) -> None:  # type: ignore[no-untyped-def]
    positionings, answers = learner(right)
    for record in positionings:
        store.start_positioning(record)
    for answer in answers:
        store.record_answer(answer)


def test_a_certification_and_its_changes_survive_reopening(reopen, lea) -> None:
    store = reopen()
    store.start_certification(certification())
    store.update_certification("cert-1", lambda r: replace(r, elapsed_s=61.5, unserved=(1,)))
    store.close()
    again = open_profile(lea.parent.parent, "Léa")
    try:
        (found,) = again.certifications()
        assert found == replace(certification(), elapsed_s=61.5, unserved=(1,))
    finally:
        again.close()


def test_the_same_certification_cannot_start_twice_nor_an_unknown_one_change(reopen, lea) -> None:
    store = reopen()
    store.start_certification(certification())
    with pytest.raises(InvalidRecord):
        store.start_certification(certification())
    with pytest.raises(InvalidRecord):
        store.update_certification("nope", lambda r: r)


def test_certification_answers_keep_their_certification(reopen, lea) -> None:
    store = reopen()
    answer = AnswerRecord(
        "1.1-alpha-4b", "1.1", "@alpha4", Result.OK, "x", 12.0, T0, certification_id="cert-1"
    )
    store.record_answer(answer)
    store.close()
    with open_profile(lea.parent.parent, "Léa") as again:
        assert again.answers() == [answer]
        assert again.answers()[0].is_certification and not again.answers()[0].is_practice


def test_a_damaged_certification_record_is_reported_not_fatal(reopen, lea) -> None:
    store = reopen()
    store.start_certification(certification())
    store.close()
    path = main_path(lea)
    path.write_text(path.read_text().replace('"minutes": 105', '"minutes": "long"'))
    with open_profile(lea.parent.parent, "Léa") as again:
        assert again.certifications() == []
        assert [r.kind for r in again.recoveries] == [RecoveryKind.RECORDS_SKIPPED]
        assert "minutes" in (again.recovery_notice or "")


def test_a_teacher_reads_certifications_while_the_learner_has_the_profile_open(
    reopen, lea, data_dir
) -> None:
    store = reopen()
    store.start_certification(certification())
    store.record_answer(
        AnswerRecord("1.1-alpha-4b", "1.1", "@alpha4", Result.OK, "x", 9.0, T0, "", "cert-1")
    )
    store.record_answer(AnswerRecord("other", "1.1", "@alpha1", Result.OK, "x", 9.0, T0))
    seen = read_certifications(data_dir, "léa")
    assert seen.name == "Léa"
    assert seen.certifications == (certification(),)
    assert [a.challenge_id for a in seen.answers] == ["1.1-alpha-4b"]
    assert not store.closed  # the learner's store still works
    store.update_certification("cert-1", lambda r: replace(r, elapsed_s=3.0))


def test_reading_certifications_of_an_unknown_profile_says_so(data_dir: Path) -> None:
    with pytest.raises(ProfileNotFound):
        read_certifications(data_dir, "Personne")


class Clock:
    def __init__(self, start: float = 1000.0) -> None:
        self.value = start

    def __call__(self) -> float:
        return self.value


def now() -> datetime:
    return T0 + timedelta(days=1)


def test_a_session_resumes_with_answers_and_time_after_a_quit() -> None:
    store = MemoryProfileStore("Léa")
    fill(store)
    clock = Clock()
    session = CertificationSession.open(store, BANK, rules=DEFAULT_RULES, now=now, clock=clock)
    assert session.total == 15
    for _ in range(4):
        _, challenge = session.current()  # type: ignore[misc]
        clock.value += 30
        session.answer(challenge, "x", 30.0)
    clock.value += 15
    session.save_time()
    # a new run: the machine's monotonic clock starts anywhere, even lower
    later = Clock(5.0)
    resumed = CertificationSession.open(store, BANK, rules=DEFAULT_RULES, now=now, clock=later)
    assert resumed.id == session.id
    assert resumed.answered() == 4
    assert resumed.current()[0] == 4  # type: ignore[index]
    assert resumed.elapsed() == pytest.approx(135.0)
    later.value += 10
    assert resumed.elapsed() == pytest.approx(145.0)
    assert resumed.remaining() == pytest.approx(105 * 60 - 145.0)


def test_a_time_save_is_due_only_after_ten_unsaved_seconds() -> None:
    """The screen asks every TIME_CHECK_S; a write happens only when it is worth one, so at
    most TIME_SAVE_GAP_S + TIME_CHECK_S of the time spent can be lost at a kill."""
    from pix_tui.app.certification_session import TIME_CHECK_S, TIME_SAVE_GAP_S

    assert TIME_SAVE_GAP_S + TIME_CHECK_S <= 15
    store = MemoryProfileStore("Léa")
    fill(store)
    clock = Clock()
    session = CertificationSession.open(store, BANK, rules=DEFAULT_RULES, now=now, clock=clock)
    clock.value += TIME_SAVE_GAP_S - 1
    assert not session.time_save_due()
    clock.value += 1
    assert session.time_save_due()
    session.save_time()
    assert not session.time_save_due()
    assert store.certifications()[0].elapsed_s == pytest.approx(TIME_SAVE_GAP_S)
    clock.value += 3
    session.save_time()  # as after an answer: the next interval save waits again
    clock.value += TIME_SAVE_GAP_S - 1
    assert not session.time_save_due()
    resumed = CertificationSession.open(store, BANK, rules=DEFAULT_RULES, now=now, clock=Clock())
    assert not resumed.time_save_due()
    assert resumed.elapsed() == pytest.approx(TIME_SAVE_GAP_S + 3)


def test_abandoning_counts_the_questions_left_as_skipped_automatically() -> None:
    store = MemoryProfileStore("Léa")
    fill(store)
    session = CertificationSession.open(store, BANK, rules=DEFAULT_RULES, now=now, clock=Clock())
    for _ in range(3):
        _, challenge = session.current()  # type: ignore[misc]
        session.answer(challenge, "x", 10.0)
    result = session.finish(CertificationEnd.ABANDONED)
    assert result.finished and result.record.end is CertificationEnd.ABANDONED
    assert result.auto_skipped == 12 and result.rate == 20 and result.rejected
    assert store.certifications()[0].state is CertificationState.FINISHED


def test_time_up_ends_with_the_duration_never_more() -> None:
    store = MemoryProfileStore("Léa")
    fill(store)
    clock = Clock()
    session = CertificationSession.open(store, BANK, rules=DEFAULT_RULES, now=now, clock=clock)
    clock.value += 106 * 60
    assert session.time_up
    result = session.finish(CertificationEnd.TIME_UP)
    assert result.record.elapsed_s == 105 * 60


def test_a_challenge_removed_from_the_bank_is_recorded_as_unserved() -> None:
    store = MemoryProfileStore("Léa")
    fill(store)
    session = CertificationSession.open(store, BANK, rules=DEFAULT_RULES, now=now, clock=Clock())
    gone = session.record.questions[1].challenge_id
    smaller = Bank(BANK.root, tuple(c for c in BANK.challenges if c.id != gone))
    resumed = CertificationSession.open(store, smaller, rules=DEFAULT_RULES, now=now)
    index, challenge = resumed.current()  # type: ignore[misc]
    resumed.answer(challenge, "x", 5.0)
    index, challenge = resumed.current()  # type: ignore[misc]
    assert index == 2
    assert store.certifications()[0].unserved == (1,)
    result = resumed.result()
    assert result.questions[1].status is QuestionStatus.UNSERVED
    assert result.questions[1].question.challenge_id == gone


def test_neutralising_after_the_test_is_saved_and_rescored() -> None:
    store = MemoryProfileStore("Léa")
    fill(store)
    session = CertificationSession.open(store, BANK, rules=DEFAULT_RULES, now=now, clock=Clock())
    while (current := session.current()) is not None:
        _, challenge = current
        session.answer(challenge, "wrong" if current[0] == 0 else "x", 5.0)
    before = session.finish(CertificationEnd.COMPLETED)
    assert before.rate == 93
    after = neutralise_question(store, session.id, 1, DEFAULT_RULES)
    assert after.rate == 100
    assert store.certifications()[0].neutralised == (0,)
    with pytest.raises(IndexError):
        neutralise_question(store, session.id, 16, DEFAULT_RULES)


def test_a_kill_in_the_middle_resumes_with_answers_and_time_kept(data_dir, lea) -> None:
    with open_profile(data_dir, "Léa") as store:
        fill(store)
    child = spawn_child("certify", str(data_dir), "Léa")
    lines: list[str] = []
    enough = threading.Event()

    def read() -> None:
        for line in child.stdout:
            lines.append(line.strip())
            if sum(1 for x in lines if x.startswith("ack ")) >= 5:
                enough.set()

    reader = threading.Thread(target=read)
    reader.start()
    assert enough.wait(timeout=60), lines
    child.send_signal(signal.SIGKILL)
    child.wait()
    reader.join()
    assert "Traceback" not in child.stderr.read()
    child.stderr.close()
    child.stdin.close()
    acks = [line.split() for line in lines if line.startswith("ack ")]
    cert_id = lines[0].split()[1]

    with open_profile(data_dir, "Léa") as store:
        assert store.recovery_notice is None
        session = CertificationSession.open(
            store, BANK, rules=DEFAULT_RULES, now=lambda: datetime.now().astimezone()
        )
        assert session.id == cert_id
        saved = [a.challenge_id for a in session.answers]
        assert [ack[1] for ack in acks] == saved[: len(acks)]
        assert len(saved) <= len(acks) + 1
        assert session.elapsed() >= 0.05 * len(acks)
        index, _ = session.current()  # type: ignore[misc]
        assert index == len(saved)
