"""The shipped bank cannot regress: every rule of the bank issue is asserted here."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from pix_tui.core.loader import default_bank_path, load_bank
from pix_tui.core.model import BlankMode, ChallengeType
from pix_tui.core.referential import referential

MIN_TOPICS = 4
MIN_SKILLS_PER_LEVEL = 2
MIN_VARIANTS = 3  # the certification blanche serves a variant the learner has not seen
LEVELS = range(1, 7)


@pytest.fixture(scope="module")
def report():
    return load_bank(default_bank_path())


def test_the_shipped_bank_is_valid_without_warnings(report):
    assert [str(p) for p in report.errors] == []
    assert [str(p) for p in report.warnings] == []


@pytest.mark.parametrize("code", referential().codes())
def test_each_competence_is_covered(report, code):
    challenges = report.bank.of_competence(code)
    assert len(report.bank.topics(code)) >= MIN_TOPICS
    skills_per_level = Counter(s.level for s in report.bank.skills(code))
    for level in LEVELS:
        assert skills_per_level[level] >= MIN_SKILLS_PER_LEVEL, f"{code} level {level}"
    variants = Counter(c.skill for c in challenges)
    assert min(variants.values()) >= MIN_VARIANTS
    types = {c.type for c in challenges}
    assert types == set(ChallengeType), f"{code} lacks {set(ChallengeType) - types}"
    modes = {c.mode for c in challenges if c.type is ChallengeType.QROCM}
    assert modes == {BlankMode.IND, BlankMode.DEP}, code
    assert any(c.timed and 2 <= c.level <= 5 for c in challenges), code
    assert all(not c.timed or 2 <= c.level <= 5 for c in challenges), code


def test_an_easy_topic_offers_an_untimed_level_2_start(report):
    """The platform's algorithm starts at level 2 in a topic whose hardest skill is ≤ 3."""
    for code in referential().codes():
        top: dict[str, int] = defaultdict(int)
        for skill in report.bank.skills(code):
            top[skill.topic] = max(top[skill.topic], skill.level)
        easy = {topic for topic, level in top.items() if level <= 3}
        assert any(
            c.topic in easy and c.level == 2 and not c.timed
            for c in report.bank.of_competence(code)
        ), code


def test_a_quarter_of_the_bank_is_free_answer(report):
    free = sum(c.type in (ChallengeType.QROC, ChallengeType.QROCM) for c in report.bank.challenges)
    assert free * 4 >= len(report.bank)
    assert len(report.bank) >= 16 * 6 * 2 * 2


def test_every_challenge_explains_its_answer(report):
    assert all(c.explanation for c in report.bank.challenges)


def test_documents_are_attached_where_the_task_needs_them(report):
    attached = Counter(c.competence for c in report.bank.challenges if c.attachments)
    assert attached["1.3"] >= 1
    assert attached["3.4"] >= 1
    assert attached["1.1"] + attached["3.1"] >= 1


def test_every_free_answer_is_tested_by_examples_and_every_blank_labelled(report):
    """Examples are run by the parser; here, that every free answer has them at all."""
    for challenge in report.bank.challenges:
        if challenge.type is ChallengeType.QROCM:
            assert set(challenge.labels) == set(challenge.blank_names), challenge.id
    assert len(report.bank.challenges) >= 732


def test_no_proposal_shows_a_markdown_mark_to_the_learner(report):
    """144 shipped proposals are written as `code`: the learner reads them without backticks."""
    shown = [p.text for c in report.bank.challenges for p in c.proposals]
    assert len(shown) > 500
    assert [text for text in shown if "`" in text] == []
