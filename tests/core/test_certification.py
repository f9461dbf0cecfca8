"""The certification blanche follows pix-rules.md ("Certification") row by row."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pix_tui.core.certification import (
    MARK_TABLE,
    Mark,
    QuestionStatus,
    Shortfall,
    Standing,
    counted,
    directly_validated,
    eligibility,
    finish,
    history,
    mark_for,
    neutralise,
    new_certification,
    next_question,
    parse_skill,
    pick_skills,
    plan_certification,
    reproducibility_rate,
    score,
    time_left,
    time_spent,
    toggle_neutralised,
)
from pix_tui.core.history import (
    AnswerRecord,
    CertificationEnd,
    CertificationRecord,
    CertificationState,
    CompetenceStart,
    PlannedQuestion,
    PositioningKind,
    PositioningRecord,
    PositioningState,
    ResetRecord,
)
from pix_tui.core.model import Bank, Result, Skill
from pix_tui.core.profile import derive_profile
from pix_tui.core.rules import Rules
from tests.core.certification_bank import (
    BANK,
    CERTIFIABLE,
    COMPETENCES,
    STRONG,
    bank,
    learner,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
K, M, U = Mark.KEPT, Mark.MINUS_ONE, Mark.UNCERTIFIED

# -- the table, row by row, with the rules file's values --------------------------------------

RULES_TABLE = [
    # questions, correct, neutralised, (≥ 80 %, 70–79 %, < 70 %)
    (3, 3, 0, (K, K, K)),
    (3, 2, 0, (K, M, M)),
    (3, 2, 1, (K, K, K)),
    (3, 1, 0, (U, U, U)),
    (3, 1, 1, (K, M, U)),
    (3, 1, 2, (K, K, M)),
    (3, 0, 0, (U, U, U)),
    (3, 0, 1, (U, U, U)),
    (3, 0, 2, (U, U, U)),
    (3, 0, 3, (U, U, U)),
    (2, 2, 0, (K, K, K)),
    (2, 1, 0, (K, M, U)),
    (2, 1, 1, (K, K, M)),
    (2, 0, 0, (U, U, U)),
    (2, 0, 1, (U, U, U)),
    (2, 0, 2, (U, U, U)),
    (1, 1, 0, (K, K, M)),
    (1, 0, 0, (U, U, U)),
    (1, 0, 1, (U, U, U)),
]


@pytest.mark.parametrize(("questions", "correct", "neutralised", "marks"), RULES_TABLE)
def test_each_row_of_the_table_in_each_rate_band(
    questions: int, correct: int, neutralised: int, marks: tuple[Mark, Mark, Mark]
) -> None:
    for rate, expected in zip((80, 100, 79, 70, 69, 50), (0, 0, 1, 1, 2, 2), strict=True):
        assert mark_for(questions, correct, neutralised, rate) is marks[expected], rate


def test_the_table_holds_exactly_the_rules_rows_with_a_correct_answer() -> None:
    with_correct = {(q, c, n): m for q, c, n, m in RULES_TABLE if c > 0}
    assert dict(MARK_TABLE) == with_correct


def test_no_question_leaves_a_competence_uncertified() -> None:
    assert mark_for(0, 0, 0, 100) is Mark.UNCERTIFIED


@pytest.mark.parametrize(
    ("correct", "counted_questions", "rate"),
    [(0, 0, 0), (0, 5, 0), (5, 5, 100), (1, 8, 13), (1, 3, 33), (2, 3, 67), (7, 10, 70)],
)
def test_reproducibility_rate_rounds_halves_up(
    correct: int, counted_questions: int, rate: int
) -> None:
    assert reproducibility_rate(correct, counted_questions) == rate


# -- building records by hand ------------------------------------------------------------------


def question(competence: str, n: int, *, dep: bool = False, level: int = 2) -> PlannedQuestion:
    return PlannedQuestion(competence, f"@t{n}{level}", level, f"{competence}-q{n}", dep)


def record(
    layout: dict[str, list[PlannedQuestion]],
    *,
    level: int = 3,
    state: CertificationState = CertificationState.FINISHED,
    neutralised: tuple[int, ...] = (),
    unserved: tuple[int, ...] = (),
    started_at: datetime = T0,
) -> CertificationRecord:
    questions = tuple(q for qs in layout.values() for q in qs)
    starts = tuple(CompetenceStart(code, level, level * 8 + 2, 3) for code in layout)
    return CertificationRecord(
        "cert-1",
        started_at,
        105,
        questions,
        starts,
        state=state,
        neutralised=neutralised,
        unserved=unserved,
    )


def answer(q: PlannedQuestion, ok: bool, cert: str = "cert-1", s: float = 20.0) -> AnswerRecord:
    return AnswerRecord(
        q.challenge_id,
        q.competence,
        q.skill,
        Result.OK if ok else Result.KO,
        "x",
        s,
        T0,
        certification_id=cert,
    )


def run(
    layout: dict[str, list[PlannedQuestion]], right: dict[str, list[bool]], **kwargs: object
) -> tuple[CertificationRecord, list[AnswerRecord]]:
    rec = record(layout, **kwargs)  # type: ignore[arg-type]
    answers = [
        answer(q, ok)
        for code, qs in layout.items()
        for q, ok in zip(qs, right.get(code, []), strict=False)
    ]
    return rec, answers


def five(n: int = 3) -> dict[str, list[PlannedQuestion]]:
    return {code: [question(code, i) for i in range(n)] for code in ("1.1", "1.2", "2.1", "3.1")}


def test_a_perfect_test_keeps_every_level_and_scores_the_profile() -> None:
    layout = five()
    rec, answers = run(layout, {code: [True] * 3 for code in layout})
    result = score(rec, answers)
    assert result.rate == 100 and not result.rejected
    assert [c.mark for c in result.competences] == [K] * 4
    assert [c.level for c in result.competences] == [3] * 4
    assert result.score == result.profile_pix == 4 * 26


def test_two_of_three_at_rate_75_is_minus_one_with_its_level_and_pix() -> None:
    layout = five()
    # 9 of 12 right overall = 75 %: 1.1 has 2 of 3, the others one mistake spread as needed.
    right = {
        "1.1": [True, True, False],
        "1.2": [True, True, False],
        "2.1": [True, True, False],
        "3.1": [True, True, True],
    }
    result = score(*run(layout, right))
    assert result.rate == 75
    first = result.competences[0]
    assert first.mark is M
    assert (first.level, first.pix) == (2, 18)
    assert result.competences[3].mark is K
    assert result.score == 18 * 3 + 26


def test_under_50_percent_the_certification_is_rejected_with_score_0() -> None:
    layout = five()
    right = {code: [True, False, False] for code in layout}
    right["1.1"] = [True, True, True]
    result = score(*run(layout, right))
    assert result.rate == 50 and not result.rejected
    right["1.1"] = [True, True, False]
    result = score(*run(layout, right))
    assert result.rate == 42 and result.rejected
    assert {c.mark for c in result.competences} == {U}
    assert {c.level for c in result.competences} == {-1}
    assert result.score == 0


def test_nothing_answered_is_rate_0_and_rejected() -> None:
    result = score(record(five()), [])
    assert result.rate == 0 and result.rejected
    assert result.auto_skipped == 12


def test_unanswered_questions_of_a_finished_test_count_as_wrong() -> None:
    layout = five()
    rec, answers = run(layout, {code: [True, True] for code in layout})
    result = score(rec, answers)
    assert result.auto_skipped == 4
    assert result.rate == 67
    assert all(c.mark is M for c in result.competences)
    assert all(c.missed == ("@t22",) for c in result.competences)


def test_a_test_in_progress_does_not_count_its_pending_questions() -> None:
    layout = five()
    rec, answers = run(
        layout, {code: [True, True] for code in layout}, state=CertificationState.IN_PROGRESS
    )
    result = score(rec, answers)
    assert result.auto_skipped == 0 and result.rate == 100
    assert {q.status for q in result.questions} == {QuestionStatus.CORRECT, QuestionStatus.PENDING}


def test_neutralising_after_the_test_recomputes_the_result() -> None:
    layout = five()
    right = {code: [True, True, False] for code in layout}
    rec, answers = run(layout, right)
    before = score(rec, answers)
    assert before.rate == 67 and all(c.mark is M for c in before.competences)
    after = score(neutralise(rec, 2), answers)
    assert after.rate == 73
    assert after.questions[2].status is QuestionStatus.NEUTRALISED
    assert after.competences[0].counted.neutralised == 1
    assert after.competences[0].mark is K  # 3 / 2 / 1 is kept in every band
    assert [c.mark for c in after.competences[1:]] == [M] * 3


def test_neutralising_a_question_that_does_not_exist_is_refused() -> None:
    with pytest.raises(IndexError, match="question 13 does not exist"):
        neutralise(record(five()), 12)
    with pytest.raises(IndexError, match="question 13 does not exist"):
        toggle_neutralised(record(five()), 12)


@given(st.lists(st.integers(min_value=0, max_value=11), max_size=12))
def test_toggling_twice_gives_the_question_back(indices: list[int]) -> None:
    """A teacher's change of mind: each toggle undoes the last one on that question."""
    layout = five()
    right = {code: [True, True, False] for code in layout}
    rec, answers = run(layout, right)
    changed = rec
    for index in indices:
        changed = toggle_neutralised(changed, index)
    odd = {i for i in set(indices) if indices.count(i) % 2}
    assert set(changed.neutralised) == odd
    assert list(changed.neutralised) == sorted(changed.neutralised)
    for index in indices:
        changed = toggle_neutralised(toggle_neutralised(changed, index), index)
    assert set(changed.neutralised) == odd
    if not odd:
        assert score(changed, answers) == score(rec, answers)


def test_a_question_whose_challenge_left_the_bank_is_neutralised_and_named() -> None:
    layout = five()
    rec, answers = run(layout, {code: [True, True, True] for code in layout}, unserved=(1,))
    answers = [a for a in answers if a.challenge_id != layout["1.1"][1].challenge_id]
    result = score(rec, answers)
    assert result.questions[1].status is QuestionStatus.UNSERVED
    assert result.rate == 100
    assert result.competences[0].counted.neutralised == 1
    assert result.competences[0].mark is K


# -- QROCM-dep special case --------------------------------------------------------------------


def test_qrocm_dep_counts_twice_in_a_competence_of_fewer_than_3_questions() -> None:
    qs = [question("1.1", 0, dep=True), question("1.1", 1)]
    numbers = counted(qs, [QuestionStatus.CORRECT, QuestionStatus.WRONG])
    assert (numbers.questions, numbers.correct, numbers.neutralised) == (3, 2, 0)
    numbers = counted(qs, [QuestionStatus.WRONG, QuestionStatus.CORRECT])
    assert (numbers.questions, numbers.correct, numbers.neutralised) == (3, 1, 0)


def test_qrocm_dep_counts_once_in_a_competence_of_3_questions() -> None:
    qs = [question("1.1", 0, dep=True), question("1.1", 1), question("1.1", 2)]
    numbers = counted(qs, [QuestionStatus.CORRECT, QuestionStatus.WRONG, QuestionStatus.WRONG])
    assert (numbers.questions, numbers.correct) == (3, 1)


def test_two_correct_qrocm_dep_are_capped_at_3() -> None:
    qs = [question("1.1", 0, dep=True), question("1.1", 1, dep=True)]
    numbers = counted(qs, [QuestionStatus.CORRECT, QuestionStatus.CORRECT])
    assert (numbers.questions, numbers.correct, numbers.neutralised) == (3, 3, 0)


def test_a_single_correct_qrocm_dep_is_two_of_two() -> None:
    numbers = counted([question("1.1", 0, dep=True)], [QuestionStatus.CORRECT])
    assert (numbers.questions, numbers.correct) == (2, 2)


def test_qrocm_dep_changes_the_mark_of_a_two_question_competence() -> None:
    layout = five()
    layout["1.1"] = [question("1.1", 0, dep=True), question("1.1", 1)]
    right = {code: [True, True, True] for code in layout}
    right["1.1"] = [True, False]
    right["1.2"] = [True, True, False]
    right["2.1"] = [True, True, False]
    rec, answers = run(layout, right)
    result = score(rec, answers)
    assert result.rate == 73
    # Without the special case 2 / 1 / 0 at 73 % would be −1; as 3 / 2 / 0 it is −1 too,
    # and a wrong dep with a right question is 3 / 1 / 0: uncertified.
    assert result.competences[0].counted.questions == 3
    assert result.competences[0].mark is M
    right["1.1"] = [False, True]
    result = score(*run(layout, right))
    assert result.competences[0].mark is U


# -- marks, levels, pix ------------------------------------------------------------------------


def test_minus_one_from_level_1_is_level_0_and_pix_never_below_0() -> None:
    layout = {"1.1": [question("1.1", i) for i in range(3)]}
    rec = record(layout, level=1)
    rec = CertificationRecord(
        rec.id, rec.started_at, 105, rec.questions, (CompetenceStart("1.1", 1, 5, 3),)
    )
    rec = finish(rec, T0, CertificationEnd.COMPLETED, 60)
    answers = [answer(q, ok) for q, ok in zip(layout["1.1"], [True, True, False], strict=True)]
    result = score(rec, answers)
    assert result.rate == 67
    assert (result.competences[0].level, result.competences[0].pix) == (0, 0)


def test_marks_are_capped_at_the_maximum_level() -> None:
    layout = {"1.1": [question("1.1", i) for i in range(3)]}
    rec = record(layout)
    rec = CertificationRecord(
        rec.id,
        rec.started_at,
        105,
        rec.questions,
        (CompetenceStart("1.1", 6, 48, 3),),
        state=CertificationState.FINISHED,
    )
    result = score(rec, [answer(q, True) for q in layout["1.1"]], Rules(max_level=5))
    assert (result.competences[0].level, result.competences[0].pix) == (5, 40)


def test_a_competence_with_fewer_questions_says_why() -> None:
    layout = five()
    layout["1.1"] = [question("1.1", 0)]
    rec = record(layout)
    starts = list(rec.competences)
    starts[0] = CompetenceStart("1.1", 3, 26, 1)
    starts[1] = CompetenceStart("1.2", 3, 26, 3)
    rec = CertificationRecord(
        rec.id, T0, 105, rec.questions, tuple(starts), state=CertificationState.FINISHED
    )
    result = score(rec, [])
    assert result.competences[0].shortfall is Shortfall.FEW_SKILLS
    assert result.competences[1].shortfall is Shortfall.NONE
    starts[0] = CompetenceStart("1.1", 3, 26, 3)
    rec = CertificationRecord(
        rec.id, T0, 105, rec.questions, tuple(starts), state=CertificationState.FINISHED
    )
    assert score(rec, []).competences[0].shortfall is Shortfall.MISSING_CHALLENGES


def test_to_work_on_lists_uncertified_first_then_minus_one() -> None:
    layout = five()
    right = {
        "1.1": [True, True, True],
        "1.2": [True, False, False],
        "2.1": [True, True, False],
        "3.1": [True, True, True],
    }
    result = score(*run(layout, right))
    assert result.rate == 75
    assert [(c.competence, c.mark) for c in result.to_work_on] == [("1.2", U), ("2.1", M)]


# -- time -------------------------------------------------------------------------------------


def test_time_spent_is_the_saved_time_or_the_answers_never_negative() -> None:
    layout = five()
    rec, answers = run(layout, {"1.1": [True, True]}, state=CertificationState.IN_PROGRESS)
    assert time_spent(rec, answers) == 40.0
    saved = CertificationRecord(rec.id, T0, 105, rec.questions, rec.competences, elapsed_s=300.0)
    assert time_spent(saved, answers) == 300.0
    backwards = [answer(layout["1.1"][0], True, s=-50.0)]
    assert time_spent(rec, backwards) == 0.0
    assert time_left(rec, 6000.0) == 300.0
    assert time_left(rec, 7000.0) == 0.0


def test_next_question_follows_the_stored_order_and_skips_unserved() -> None:
    layout = five()
    rec, answers = run(layout, {"1.1": [True]}, state=CertificationState.IN_PROGRESS, unserved=(1,))
    assert next_question(rec, answers) == 2
    assert next_question(rec, [a for a in answers if False]) == 0
    other = [answer(layout["1.1"][0], True, cert="another")]
    assert next_question(rec, other) == 0


# -- eligibility ------------------------------------------------------------------------------


def test_a_profile_not_certifiable_says_how_many_competences_are_missing() -> None:
    positionings, answers = learner({code: STRONG for code in COMPETENCES[:3]})
    view = derive_profile(BANK, positionings, answers, [], T0)
    standing = eligibility(view, [], T0)
    assert standing.standing is Standing.NOT_CERTIFIABLE and standing.missing == 2


def test_a_certifiable_profile_is_ready_then_waits_15_days() -> None:
    positionings, answers = learner(CERTIFIABLE)
    view = derive_profile(BANK, positionings, answers, [], T0)
    assert view.certifiable
    assert eligibility(view, [], T0).standing is Standing.READY
    done = finish(
        record(five(), state=CertificationState.IN_PROGRESS), T0, CertificationEnd.COMPLETED, 10
    )
    waiting = eligibility(view, [done], T0 + timedelta(days=14, hours=23))
    assert waiting.standing is Standing.WAITING
    assert waiting.next_at == T0 + timedelta(days=15)
    assert eligibility(view, [done], T0 + timedelta(days=15)).standing is Standing.READY
    class_rules = Rules(certification_delay_days=0)
    assert eligibility(view, [done], T0, class_rules).standing is Standing.READY


def test_a_certification_in_progress_is_resumed_before_anything_else() -> None:
    view = derive_profile(BANK, [], [], [], T0)
    running = record(five(), state=CertificationState.IN_PROGRESS)
    standing = eligibility(view, [running], T0)
    assert standing.standing is Standing.IN_PROGRESS and standing.in_progress_id == "cert-1"


# -- choice of questions ----------------------------------------------------------------------


def plan_for(
    right: dict[str, dict[str, int]],
    the_bank: Bank = BANK,
    seed: int = 1,
    extra: list | None = None,
):
    positionings, answers = learner(right, the_bank)
    answers += extra or []
    view = derive_profile(the_bank, positionings, answers, [], T0)
    return plan_certification(the_bank, view, positionings, answers, [], seed), view


def test_three_questions_per_competence_at_level_1_or_more() -> None:
    right = dict(CERTIFIABLE)
    right["5.1"] = {"alpha": 0}
    plan, view = plan_for(right)
    assert [s.competence for s in plan.competences] == list(COMPETENCES[:5])
    assert len(plan.questions) == 15
    assert [s.level for s in plan.competences] == [
        view.competences[c].level for c in COMPETENCES[:5]
    ]


def test_questions_go_by_decreasing_level_topics_not_used_first() -> None:
    plan, _ = plan_for(CERTIFIABLE)
    for code in COMPETENCES[:5]:
        mine = [q for q in plan.questions if q.competence == code]
        # alpha reached 4, beta 3, gamma 2: the level-3 group comes before gamma's level 2,
        # and inside it beta (a topic not used yet) before alpha.
        assert [q.skill for q in mine] == ["@alpha4", "@beta3", "@alpha3"]


def test_inside_a_level_group_a_new_topic_beats_a_used_one() -> None:
    rng = random.Random(0)
    skills = [Skill("1.1", "alpha", 3), Skill("1.1", "alpha", 2), Skill("1.1", "beta", 2)]
    for _ in range(20):
        assert pick_skills(skills, rng) == [
            Skill("1.1", "alpha", 3),
            Skill("1.1", "beta", 2),
            Skill("1.1", "alpha", 2),
        ]


def test_one_level_group_at_a_time_even_if_a_lower_level_has_a_new_topic() -> None:
    skills = [
        Skill("1.1", "alpha", 3),
        Skill("1.1", "alpha", 2),
        Skill("1.1", "alpha", 1),
        Skill("1.1", "beta", 1),
    ]
    assert pick_skills(skills, random.Random(3))[:2] == [
        Skill("1.1", "alpha", 3),
        Skill("1.1", "alpha", 2),
    ]


def test_only_skills_answered_right_count_never_inferred_ones() -> None:
    the_bank = BANK
    competence = "1.1"
    # One right answer at level 3: levels 1-2 of alpha are inferred, not answered.
    challenge = the_bank.get("1.1-alpha-3a")
    assert challenge is not None
    pos = PositioningRecord(
        "p", competence, "smart-random", PositioningKind.FIRST, PositioningState.FINISHED, T0, T0
    )
    answers = [AnswerRecord(challenge.id, competence, "@alpha3", Result.OK, "x", 3.0, T0, "p")]
    view = derive_profile(the_bank, [pos], answers, [], T0)
    assert Skill(competence, "alpha", 1) in view.competences[competence].validated
    direct = directly_validated(the_bank, view, [pos], answers, [])
    assert direct == {competence: frozenset({Skill(competence, "alpha", 3)})}


def test_answers_before_a_reset_and_in_unfinished_positionings_are_not_direct() -> None:
    positionings, answers = learner({"1.1": STRONG})
    view = derive_profile(BANK, positionings, answers, [], T0)
    reset = ResetRecord("1.1", T0 + timedelta(days=8))
    assert directly_validated(BANK, view, positionings, answers, [reset]) == {}
    running = [
        PositioningRecord(
            p.id, p.competence, p.engine, p.kind, PositioningState.IN_PROGRESS, p.started_at
        )
        for p in positionings
    ]
    assert directly_validated(BANK, view, running, answers, []) == {}


def test_a_variant_never_answered_is_served() -> None:
    plan, _ = plan_for(CERTIFIABLE)
    assert all(q.challenge_id.endswith("b") and q.fresh for q in plan.questions)


def test_a_variant_seen_in_practice_is_avoided_too() -> None:
    practice = [AnswerRecord("1.1-alpha-4b", "1.1", "@alpha4", Result.KO, "x", 3.0, T0)]
    plan, _ = plan_for(CERTIFIABLE, the_bank=bank(variants="abc"), extra=practice)
    first = plan.questions[0]
    assert first.skill == "@alpha4" and first.challenge_id == "1.1-alpha-4c" and first.fresh


def test_with_a_single_challenge_per_skill_the_test_still_runs() -> None:
    single = bank(variants="a")
    plan, _ = plan_for(CERTIFIABLE, the_bank=single)
    assert len(plan.questions) == 15
    assert not any(q.fresh for q in plan.questions)
    assert plan.questions[0].challenge_id == "1.1-alpha-4a"


def test_a_competence_with_fewer_direct_skills_gets_fewer_questions() -> None:
    right = dict(CERTIFIABLE)
    del right["1.1"]
    positionings, answers = learner(right)
    # 1.1: a right answer at alpha 3 and beta 3 validates levels 1-2 by inference only.
    pos = PositioningRecord(
        "p", "1.1", "smart-random", PositioningKind.FIRST, PositioningState.FINISHED, T0, T0
    )
    for skill in ("alpha", "beta"):
        answers.append(
            AnswerRecord(f"1.1-{skill}-3a", "1.1", f"@{skill}3", Result.OK, "x", 3.0, T0, "p")
        )
    view = derive_profile(BANK, [*positionings, pos], answers, [], T0)
    assert view.competences["1.1"].level >= 1
    plan = plan_certification(BANK, view, [*positionings, pos], answers, [], 1)
    mine = [q for q in plan.questions if q.competence == "1.1"]
    assert sorted(q.skill for q in mine) == ["@alpha3", "@beta3"]
    assert plan.competences[0].direct_skills == 2


def test_a_skill_gone_from_the_bank_is_not_planned() -> None:
    plan, view = plan_for(CERTIFIABLE)
    positionings, answers = learner(CERTIFIABLE)
    smaller = Bank(
        BANK.root, tuple(c for c in BANK.challenges if not c.id.startswith("1.1-alpha-4"))
    )
    view = derive_profile(smaller, positionings, answers, [], T0)
    plan = plan_certification(smaller, view, positionings, answers, [], 1)
    assert "@alpha4" not in [q.skill for q in plan.questions if q.competence == "1.1"]


def test_qrocm_dep_questions_are_flagged() -> None:
    plan, _ = plan_for(CERTIFIABLE, the_bank=bank(dep_topic="beta"))
    assert {q.dep for q in plan.questions if q.skill.startswith("@beta")} == {True}
    assert {q.dep for q in plan.questions if not q.skill.startswith("@beta")} == {False}


def test_the_plan_is_the_same_for_the_same_seed() -> None:
    the_bank = bank(variants="abcd")
    first, _ = plan_for(CERTIFIABLE, the_bank=the_bank, seed=5)
    again, _ = plan_for(CERTIFIABLE, the_bank=the_bank, seed=5)
    assert first == again
    others = {plan_for(CERTIFIABLE, the_bank=the_bank, seed=s)[0].questions for s in range(6)}
    assert len(others) > 1


def test_new_certification_uses_the_rules_duration() -> None:
    plan, _ = plan_for(CERTIFIABLE)
    rec = new_certification("c", plan, T0, 9, Rules(certification_minutes=30))
    assert rec.minutes == 30 and rec.state is CertificationState.IN_PROGRESS
    assert rec.questions == plan.questions


def test_skill_names_parse_back() -> None:
    assert parse_skill("1.1", "@recherche3") == Skill("1.1", "recherche", 3)
    assert parse_skill("1.1", "@ipv63") == Skill("1.1", "ipv6", 3)
    assert parse_skill("1.1", "nonsense") is None


def test_history_scores_finished_certifications_newest_first() -> None:
    old = record(five(), started_at=T0)
    new = CertificationRecord(
        "cert-2",
        T0 + timedelta(days=20),
        105,
        old.questions,
        old.competences,
        state=CertificationState.FINISHED,
    )
    running = CertificationRecord(
        "cert-3", T0 + timedelta(days=40), 105, old.questions, old.competences
    )
    answers = [answer(q, True, cert="cert-2") for q in new.questions]
    results = history([old, new, running], answers)
    assert [r.record.id for r in results] == ["cert-2", "cert-1"]
    assert results[0].rate == 100 and results[1].rejected


# -- properties -------------------------------------------------------------------------------

statuses = st.sampled_from(
    [QuestionStatus.CORRECT, QuestionStatus.WRONG, QuestionStatus.NEUTRALISED]
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.booleans(), statuses), min_size=1, max_size=3),
)
def test_counted_numbers_always_fit_a_row_shape(items: list[tuple[bool, QuestionStatus]]) -> None:
    qs = [question("1.1", i, dep=dep) for i, (dep, _) in enumerate(items)]
    numbers = counted(qs, [s for _, s in items])
    assert 1 <= numbers.questions <= 3
    assert 0 <= numbers.correct <= numbers.questions
    assert numbers.correct + numbers.neutralised <= numbers.questions


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(st.booleans(), min_size=1, max_size=3), min_size=5, max_size=16),
    st.lists(st.integers(0, 47), max_size=4),
)
def test_score_never_exceeds_the_profile_and_rejection_zeroes_it(
    rights: list[list[bool]], set_aside: list[int]
) -> None:
    codes = [f"{d}.{c}" for d in range(1, 6) for c in range(1, 5)][: len(rights)]
    layout = {
        code: [question(code, i) for i in range(len(r))]
        for code, r in zip(codes, rights, strict=True)
    }
    rec, answers = run(layout, dict(zip(codes, rights, strict=True)))
    for index in set_aside:
        if index < len(rec.questions):
            rec = neutralise(rec, index)
    result = score(rec, answers)
    assert 0 <= result.rate <= 100
    assert 0 <= result.score <= result.profile_pix
    if result.rejected:
        assert result.score == 0 and all(c.level == -1 for c in result.competences)
    if all(all(r) for r in rights) and not rec.neutralised:
        assert all(c.mark is K for c in result.competences) and result.score == result.profile_pix
