"""The profile a learner sees is derived from their records, and follows the platform's rules."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pix_tui.core.engine import EngineKind, create_engine
from pix_tui.core.history import (
    AnswerRecord,
    PositioningKind,
    PositioningRecord,
    PositioningState,
    ResetRecord,
)
from pix_tui.core.model import Bank, Challenge, ChallengeType, Result, Skill
from pix_tui.core.profile import (
    CompetenceStatus,
    StepKind,
    derive_profile,
    known_for_retry,
    positioning_history,
    retry_known,
)
from pix_tui.core.rules import Rules

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
COMPETENCES = ("1.1", "1.2", "2.1", "3.1", "4.1", "5.1")


def small_bank() -> Bank:
    return Bank(
        Path("bank"),
        tuple(
            Challenge(
                id=f"{competence}-{topic}-{level}{variant}",
                competence=competence,
                topic=topic,
                level=level,
                type=ChallengeType.QROC,
                statement="?",
                path=Path(f"bank/{competence}-{topic}-{level}{variant}.md"),
                answers=("x",),
            )
            for competence in COMPETENCES
            for topic in ("alpha", "beta")
            for level in (1, 2, 3)
            for variant in "ab"
        ),
    )


BANK = small_bank()
Answerer = Callable[[Challenge], Result]


def always(result: Result) -> Answerer:
    return lambda challenge: result


def up_to(level: int) -> Answerer:
    return lambda challenge: Result.OK if challenge.level <= level else Result.KO


def positioning(
    competence: str,
    pid: str,
    start: datetime,
    answer: Answerer,
    *,
    engine: str = "default",
    kind: PositioningKind = PositioningKind.FIRST,
    known: Mapping[Skill, bool] | None = None,
    limit: int | None = None,
) -> tuple[PositioningRecord, list[AnswerRecord]]:
    """Run a positioning through the engine, as the app does; `limit` stops it half-way."""
    live = create_engine(EngineKind(engine), BANK, competence, seed=7, known=known)
    records: list[AnswerRecord] = []
    at = start
    while (challenge := live.next_challenge()) is not None:
        if limit is not None and len(records) >= limit:
            break
        at += timedelta(seconds=30)
        result = answer(challenge)
        live.record(challenge.id, result)
        records.append(
            AnswerRecord(challenge.id, competence, challenge.skill.name, result, "x", 3.0, at, pid)
        )
    finished = limit is None
    record = PositioningRecord(
        pid,
        competence,
        engine,
        kind,
        PositioningState.FINISHED if finished else PositioningState.IN_PROGRESS,
        start,
        at if finished else None,
        7,
    )
    return record, records


def test_a_new_profile_is_empty_and_suggests_starting() -> None:
    view = derive_profile(BANK, [], [], [], T0)
    assert view.pix == 0 and view.max_pix == 768
    assert view.at_level_one == 0 and not view.certifiable
    assert list(view.competences) == [
        "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4",
        "4.1", "4.2", "4.3", "5.1", "5.2",
    ]  # fmt: skip
    assert all(c.status is CompetenceStatus.NOT_STARTED for c in view.competences.values())
    assert [s.competence for s in view.next_steps] == list(COMPETENCES)
    assert {s.kind for s in view.next_steps} == {StepKind.START}
    assert not view.competences["1.3"].available


def test_practice_answers_never_change_a_level() -> None:
    practice = [
        AnswerRecord(c.id, c.competence, c.skill.name, Result.OK, "x", 2.0, T0)
        for c in BANK.of_competence("1.1")
    ]
    view = derive_profile(BANK, [], practice, [], T0)
    assert view.competences["1.1"].status is CompetenceStatus.NOT_STARTED
    assert view.pix == 0


def test_a_finished_positioning_shows_the_engines_final_estimate() -> None:
    record, answers = positioning("1.1", "p1", T0, up_to(2))
    engine = create_engine(
        EngineKind.DEFAULT, BANK, "1.1", seed=7, history=positioning_history(answers, "p1")
    )
    final = engine.estimate()
    view = derive_profile(BANK, [record], answers, [], T0 + timedelta(hours=1))
    competence = view.competences["1.1"]
    assert competence.status is CompetenceStatus.FINISHED
    assert (competence.level, competence.pix) == (final.level, final.pix)
    assert competence.validated == final.validated
    assert competence.last_positioning_id == "p1"
    assert view.pix == final.pix
    assert view.pix_series == (final.pix,)


def test_an_interrupted_positioning_resumes_exactly_where_it_stopped() -> None:
    record, answers = positioning("1.1", "p1", T0, up_to(2), limit=3)
    view = derive_profile(BANK, [record], answers, [], T0 + timedelta(hours=1))
    competence = view.competences["1.1"]
    assert competence.status is CompetenceStatus.IN_PROGRESS
    assert competence.in_progress_id == "p1" and competence.answered == 3
    assert competence.level == 0 and view.pix == 0
    assert view.next_steps[0].kind is StepKind.RESUME
    history = positioning_history(answers, "p1")
    live = create_engine(EngineKind.DEFAULT, BANK, "1.1", seed=7)
    for challenge_id, result in history:
        assert live.next_challenge() is not None
        live.record(challenge_id, result)
    resumed = create_engine(EngineKind.DEFAULT, BANK, "1.1", seed=7, history=history)
    assert resumed.next_challenge() == live.next_challenge()


def test_retry_opens_after_the_delay_and_a_teacher_can_set_it_to_zero() -> None:
    record, answers = positioning("1.1", "p1", T0, up_to(1))
    assert record.ended_at is not None
    early = derive_profile(BANK, [record], answers, [], record.ended_at + timedelta(days=3))
    competence = early.competences["1.1"]
    assert competence.retry_at == record.ended_at + timedelta(days=4)
    assert not competence.can_retry
    later = derive_profile(BANK, [record], answers, [], record.ended_at + timedelta(days=4))
    assert later.competences["1.1"].can_retry
    demo = derive_profile(BANK, [record], answers, [], record.ended_at, Rules(retry_delay_days=0))
    assert demo.competences["1.1"].can_retry


def test_a_retry_keeps_validated_skills_and_forgets_old_failures() -> None:
    record, answers = positioning("1.1", "p1", T0, up_to(1))
    assert record.ended_at is not None
    now = record.ended_at + timedelta(days=5)
    view = derive_profile(BANK, [record], answers, [], now)
    before = view.competences["1.1"]
    assert before.validated and before.invalidated
    known = retry_known(before, now)
    assert known == dict.fromkeys(before.validated, True)
    assert known == known_for_retry(BANK, "1.1", [record], answers, [], now)
    patient = retry_known(before, now, Rules(retry_delay_days=10))
    assert {skill for skill, ok in patient.items() if not ok} == before.invalidated


def test_a_failed_retry_never_loses_what_was_validated() -> None:
    first, first_answers = positioning("1.1", "p1", T0, up_to(2))
    assert first.ended_at is not None
    start = first.ended_at + timedelta(days=5)
    view = derive_profile(BANK, [first], first_answers, [], start)
    known = retry_known(view.competences["1.1"], start)
    retry, retry_answers = positioning(
        "1.1", "p2", start, always(Result.SKIPPED), kind=PositioningKind.RETRY, known=known
    )
    after = derive_profile(BANK, [first, retry], first_answers + retry_answers, [], start)
    competence = after.competences["1.1"]
    assert competence.validated >= view.competences["1.1"].validated
    assert competence.pix >= view.competences["1.1"].pix
    assert competence.last_positioning_id == "p2" and competence.positionings == 2


def test_reset_opens_after_its_delay_and_forgets_everything_before_it() -> None:
    record, answers = positioning("1.1", "p1", T0, always(Result.OK))
    assert record.ended_at is not None
    view = derive_profile(BANK, [record], answers, [], record.ended_at + timedelta(days=6))
    competence = view.competences["1.1"]
    assert competence.pix > 0
    assert competence.reset_at == record.ended_at + timedelta(days=7)
    assert not competence.can_reset
    at = record.ended_at + timedelta(days=7)
    assert derive_profile(BANK, [record], answers, [], at).competences["1.1"].can_reset
    reset = ResetRecord("1.1", at)
    after = derive_profile(BANK, [record], answers, [reset], at)
    assert after.competences["1.1"].status is CompetenceStatus.NOT_STARTED
    assert after.pix == 0
    assert after.pix_series == (competence.pix, 0)


def test_five_competences_at_level_one_make_the_profile_certifiable() -> None:
    records, answers = [], []
    for i, competence in enumerate(COMPETENCES[:5]):
        record, given = positioning(competence, f"p{i}", T0 + timedelta(hours=i), up_to(2))
        records.append(record)
        answers += given
    view = derive_profile(BANK, records[:4], answers, [], T0 + timedelta(days=1))
    assert view.at_level_one == 4 and not view.certifiable
    view = derive_profile(BANK, records, answers, [], T0 + timedelta(days=1))
    assert view.at_level_one == 5 and view.certifiable
    assert len(view.pix_series) == 5
    assert list(view.pix_series) == sorted(view.pix_series)
    assert view.pix_series[-1] == view.pix


def test_next_steps_resume_first_then_new_competences_then_the_closest_levels() -> None:
    done, done_answers = positioning("1.1", "p1", T0, up_to(1))
    half, half_answers = positioning("1.2", "p2", T0, up_to(1), limit=2)
    view = derive_profile(BANK, [done, half], done_answers + half_answers, [], T0)
    steps = view.next_steps
    assert (steps[0].competence, steps[0].kind) == ("1.2", StepKind.RESUME)
    assert [s.competence for s in steps if s.kind is StepKind.START] == ["2.1", "3.1", "4.1", "5.1"]
    last = steps[-1]
    assert (last.competence, last.kind) == ("1.1", StepKind.NEXT_LEVEL)
    competence = view.competences["1.1"]
    assert last.missing_pix == 8 - competence.pix % 8
    assert last.target_level == competence.level + 1


def test_smart_random_positionings_are_replayed_with_their_own_engine() -> None:
    record, answers = positioning("1.1", "p1", T0, up_to(2), engine="smart-random")
    engine = create_engine(
        EngineKind.SMART_RANDOM, BANK, "1.1", seed=7, history=positioning_history(answers, "p1")
    )
    view = derive_profile(BANK, [record], answers, [], T0 + timedelta(hours=1))
    assert view.competences["1.1"].validated == engine.estimate().validated


def test_records_the_app_cannot_place_do_not_break_the_profile() -> None:
    record, answers = positioning("1.1", "p1", T0, up_to(2))
    odd = PositioningRecord(
        "p9", "2.1", "future-engine", PositioningKind.FIRST, PositioningState.FINISHED, T0, T0
    )
    gone = AnswerRecord("removed-challenge", "1.1", "@gone1", Result.OK, "x", 1.0, T0, "p1")
    view = derive_profile(BANK, [record, odd], [*answers, gone], [], T0 + timedelta(hours=1))
    assert view.competences["1.1"].status is CompetenceStatus.FINISHED
    assert view.competences["2.1"].status is CompetenceStatus.FINISHED
    assert view.competences["2.1"].pix == 0


def test_a_failure_exactly_as_old_as_the_retry_delay_is_forgotten() -> None:
    """The platform keeps failures whose age is less than the delay: strictly less."""
    record, answers = positioning("1.1", "p1", T0, up_to(1))
    view = derive_profile(BANK, [record], answers, [], T0 + timedelta(days=10))
    before = view.competences["1.1"]
    latest = max(before.evidence[skill] for skill in before.invalidated)
    newest_failures = {s for s in before.invalidated if before.evidence[s] == latest}
    delay = timedelta(days=4)
    just_before = retry_known(before, latest + delay - timedelta(seconds=1))
    assert newest_failures <= {skill for skill, ok in just_before.items() if not ok}
    at_the_delay = retry_known(before, latest + delay)
    assert not newest_failures & set(at_the_delay)


def test_no_retry_at_the_maximum_level_and_no_step_toward_it() -> None:
    rules = Rules(max_level=3)
    record, answers = positioning("1.1", "p1", T0, always(Result.OK))
    assert record.ended_at is not None
    later = record.ended_at + timedelta(days=30)
    view = derive_profile(BANK, [record], answers, [], later, rules)
    competence = view.competences["1.1"]
    assert competence.level == 3
    assert not competence.can_retry
    assert "1.1" not in {step.competence for step in view.next_steps}


def test_a_next_step_whose_retry_is_locked_says_from_when() -> None:
    record, answers = positioning("1.1", "p1", T0, up_to(1))
    assert record.ended_at is not None
    view = derive_profile(BANK, [record], answers, [], record.ended_at + timedelta(days=1))
    [step] = [s for s in view.next_steps if s.competence == "1.1"]
    assert step.not_before == record.ended_at + timedelta(days=4)
    open_view = derive_profile(BANK, [record], answers, [], record.ended_at + timedelta(days=4))
    [open_step] = [s for s in open_view.next_steps if s.competence == "1.1"]
    assert open_step.not_before is None
