"""The pix history and the derivation after each answer replay each positioning once.

Before, the history replayed every competence from its start at every event (quadratic in
the number of positionings) and every derivation replayed everything again.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pix_tui.core import profile as profile_module
from pix_tui.core.history import (
    AnswerRecord,
    PositioningKind,
    PositioningRecord,
    PositioningState,
    ResetRecord,
)
from pix_tui.core.model import Result
from pix_tui.core.profile import (
    PixPoint,
    Replays,
    _by_positioning,
    _ended_at,
    _reset_cutoffs,
    derive_competence,
    derive_profile,
)
from tests.core.test_profile import BANK, T0


def history_of(shape: list[tuple[str, int, int, int, bool, bool]]):
    """(competence, start hour, length in minutes, answers, retry, finished) per positioning."""
    positionings, answers = [], []
    for n, (code, start, minutes, count, retry, finished) in enumerate(shape):
        started = T0 + timedelta(hours=start)
        challenges = sorted(BANK.of_competence(code), key=lambda c: c.id)
        for i in range(count):
            challenge = challenges[(n + i) % len(challenges)]
            result = Result.OK if (n + i) % 3 else Result.KO
            at = started + timedelta(minutes=minutes * (i + 1) / (count + 1))
            answers.append(
                AnswerRecord(
                    challenge.id, code, challenge.skill.name, result, "x", 5.0, at, f"p{n}"
                )
            )
        positionings.append(
            PositioningRecord(
                f"p{n}",
                code,
                "default",
                PositioningKind.RETRY if retry else PositioningKind.FIRST,
                PositioningState.FINISHED if finished else PositioningState.IN_PROGRESS,
                started,
                started + timedelta(minutes=minutes) if finished else None,
                seed=n,
            )
        )
    return positionings, answers


def reference_history(positionings, answers, resets) -> tuple[PixPoint, ...]:
    """The former definition: each competence derived from scratch at each event."""
    grouped = _by_positioning(answers)
    finished = [p for p in positionings if p.state is PositioningState.FINISHED]
    events = [(_ended_at(p, grouped.get(p.id, ())), p.competence) for p in finished]
    events += [(reset.at, reset.competence) for reset in resets]
    events.sort(key=lambda event: event[0])
    pix: dict[str, int] = {}
    points = []
    for at, code in events:
        view = derive_competence(
            BANK,
            code,
            [
                p
                for p in finished
                if p.competence == code and _ended_at(p, grouped.get(p.id, ())) <= at
            ],
            grouped,
            _reset_cutoffs(r for r in resets if r.at <= at).get(code),
            at,
        )
        pix[code] = view.pix
        points.append(PixPoint(at, sum(pix.values())))
    return tuple(points)


SHAPES = st.lists(
    st.tuples(
        st.sampled_from(["1.1", "1.2"]),
        st.integers(0, 40),
        st.integers(1, 600),
        st.integers(0, 6),
        st.booleans(),
        st.booleans(),
    ),
    max_size=8,
)
RESETS = st.lists(st.tuples(st.sampled_from(["1.1", "1.2"]), st.integers(0, 50)), max_size=3)


@settings(max_examples=60, deadline=None)
@given(SHAPES, RESETS)
def test_the_history_is_the_one_derived_from_scratch_at_each_event(shape, reset_shape):
    positionings, answers = history_of(shape)
    resets = [ResetRecord(code, T0 + timedelta(hours=hour)) for code, hour in reset_shape]
    now = T0 + timedelta(days=30)
    view = derive_profile(BANK, positionings, answers, resets, now)
    assert view.pix_history == reference_history(positionings, answers, resets)


@pytest.fixture
def engines_made(monkeypatch) -> list[str]:
    made: list[str] = []
    real = profile_module.create_engine

    def counting(kind, bank, competence, **options):
        made.append(competence)
        return real(kind, bank, competence, **options)

    monkeypatch.setattr(profile_module, "create_engine", counting)
    return made


def test_forty_positionings_are_replayed_at_most_forty_times_not_eight_hundred(engines_made):
    shape = [("1.1", n, 30, 1, False, True) for n in range(40)]
    positionings, answers = history_of(shape)
    view = derive_profile(BANK, positionings, answers, [], T0 + timedelta(days=30))
    assert len(view.pix_history) == 40
    assert 0 < len(engines_made) <= 40


def test_finished_positionings_answered_alike_share_one_replay(engines_made):
    positionings, first = history_of(
        [("1.1", 0, 30, 3, False, True), ("1.1", 200, 30, 0, False, True)]
    )
    later = timedelta(hours=200)
    again = [replace(a, positioning_id="p1", at=a.at + later) for a in first]
    view = derive_profile(BANK, positionings, [*first, *again], [], T0 + timedelta(days=30))
    assert engines_made == ["1.1"]
    assert view.competences["1.1"].positionings == 2


def test_after_one_more_answer_only_its_positioning_is_replayed(engines_made):
    shape = [("1.1", n, 30, 3, False, True) for n in range(10)]
    shape.append(("1.2", 20, 30, 2, False, False))
    positionings, answers = history_of(shape)
    now = T0 + timedelta(days=30)
    replays = Replays(BANK)
    first = derive_profile(BANK, positionings, answers, [], now, replays=replays)
    engines_made.clear()
    more = [*answers, answers[-1]]
    second = derive_profile(BANK, positionings, more, [], now, replays=replays)
    assert engines_made == ["1.2"]
    assert second.pix_history == first.pix_history
    assert second.competences["1.2"].answered == first.competences["1.2"].answered + 1
