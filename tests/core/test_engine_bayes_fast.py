"""The shortcuts that make a replay cheap give the answers of the plain computation."""

from __future__ import annotations

import itertools
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.positioning import SYNTHETIC_COMPETENCE, synthetic_bank
from pix_tui.core.engine.bayes import DEFAULT_SETTINGS, CompetenceShape, LevelPosterior
from pix_tui.core.rules import DEFAULT_RULES

BANK = synthetic_bank()
SHAPE = CompetenceShape.of(BANK, SYNTHETIC_COMPETENCE, DEFAULT_RULES)
ANSWERS = st.lists(
    st.tuples(
        st.sampled_from(SHAPE.topics),
        st.integers(1, 6),
        st.sampled_from([0.05, 1 / 3]),
        st.booleans(),
    ),
    max_size=12,
)


def posterior_after(answers: list[tuple[str, int, float, bool]]) -> LevelPosterior:
    posterior = LevelPosterior(SHAPE, DEFAULT_SETTINGS)
    for topic, level, guess, right in answers:
        posterior.observe(topic, level, guess, right)
    return posterior


def best_score_by_brute_force(posterior: LevelPosterior, level: int) -> float:
    """Every general level, every combination of topic states: the plain search."""
    analysis = posterior.analysis()
    units = posterior.model.units
    best = -math.inf
    for general, weight in enumerate(analysis.weights):
        if weight <= 0.0:
            continue
        posteriors = analysis.topic_posteriors[general]
        ranges = [[m for m, p in enumerate(row) if p > 0.0] for row in posteriors]
        for choice in itertools.product(*ranges):
            if SHAPE.level_of_units(sum(units[t][m] for t, m in enumerate(choice))) != level:
                continue
            score = math.log(weight)
            for t, m in enumerate(choice):
                score += math.log(posteriors[t][m])
            best = max(best, score)
    return best


def score_of(posterior: LevelPosterior, states: tuple[int, ...]) -> float:
    analysis = posterior.analysis()
    scores = []
    for general, weight in enumerate(analysis.weights):
        posteriors = analysis.topic_posteriors[general]
        if weight <= 0.0 or any(posteriors[t][m] <= 0.0 for t, m in enumerate(states)):
            continue
        score = math.log(weight)
        for t, m in enumerate(states):
            score += math.log(posteriors[t][m])
        scores.append(score)
    return max(scores)


@settings(max_examples=25, deadline=None)
@given(ANSWERS, st.integers(0, 6))
def test_the_reported_topic_levels_are_the_most_likely_ones_giving_the_level(answers, level):
    posterior = posterior_after(answers)
    expected = best_score_by_brute_force(posterior, level)
    states = posterior.most_likely_topic_levels(level)
    if expected == -math.inf:
        assert states == tuple(0 for _ in SHAPE.topics)
    else:
        assert score_of(posterior, states) == expected


@settings(max_examples=40, deadline=None)
@given(ANSWERS)
def test_each_topics_joint_with_the_level_adds_up_to_the_levels_distribution(answers):
    """Up to the probabilities each convolution leaves out (below `NEGLIGIBLE`)."""
    posterior = posterior_after(answers)
    levels = posterior.analysis().levels
    for rows in posterior.joint():
        for level, probability in enumerate(levels):
            assert math.isclose(sum(row[level] for row in rows), probability, abs_tol=1e-6)
