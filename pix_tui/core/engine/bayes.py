"""The default engine: a Bayesian classifier of the platform level, with evidence per topic.

Model. The learner has a general level G on the competence (0 … top) and, on each topic t, a
topic level m_t: the topic's skills up to m_t are mastered. Topic levels scatter around G (a
discretised normal of width `topic_spread`), so an answer on one topic says something about
the others, yet a topic that keeps failing can show up as weaker; a small `odd_topic` share
lets a topic be anywhere (a topic never learnt). The level to find is the platform's: the
level scoring gives to the skills mastered under (m_t), so a weak topic lowers it, exactly as
on the platform. Every answer is weighed with guessing by answer type, slipping,
and some doubt about the challenge's declared level (response_model.py); nothing is final, so a
slip is re-checked when it matters.

Selection: the challenge whose answer is expected to leave the least uncertainty (entropy) on
the level; never a timed one first or right after a timed one while untimed ones remain.
Stopping: when the most likely level reaches `stop_confidence`, or when no challenge left is
worth asking: none is expected to raise the chance of placing the learner right by
`min_accuracy_gain` per question (looking `lookahead` answers ahead), within a minimum and a
maximum number of questions.

Skills: the reported skills are the most likely topic levels among those that give the most
likely level, so level and pix are the platform's scoring of the reported skills. Before the
first answer nothing is reported but the skills kept from an earlier positioning.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from pix_tui.core.engine.base import Estimate, UnknownChallenge, prefer_untimed, step_rng, unseen
from pix_tui.core.engine.response_model import (
    FREE_ANSWER_GUESS,
    SLIP,
    guess_probability,
    logistic,
    p_right,
)
from pix_tui.core.model import Bank, Challenge, Result, Skill
from pix_tui.core.rules import PIX_PER_LEVEL, Rules
from pix_tui.core.scoring import level_for_pix, pix_of_skills, pix_table

NEGLIGIBLE = 1e-9
"""Probabilities below this are left out of the sums: they cannot move a decision."""
UNLIKELY_GENERAL = 1e-5
"""General levels less likely than this are left out of the level's distribution (speed)."""


@dataclass(frozen=True, slots=True)
class BayesSettings:
    """The engine's tuning; docs/engine.md gives the benchmark behind each value."""

    stop_confidence: float = 0.95
    min_questions: int = 4
    max_questions: int = 16
    slope: float = 3.0
    """Logits per level: how sharply knowing a skill drops past one's own level."""
    slip: float = SLIP
    free_answer_guess: float = FREE_ANSWER_GUESS
    """Chance assumed for a QCM or typed answer right without knowing: raised, right answers
    read as possibly lucky (docs/engine.md, "Lucky guessers": it helps `lucky`, costs `noisy`)."""
    level_doubt: float = 0.1
    """Chance that a challenge is really one level easier or harder than declared."""
    topic_spread: float = 0.3
    """Width, in levels, of the scatter of topic levels around the general level."""
    odd_topic: float = 0.02
    """Prior chance that a topic is anywhere, whatever the general level (a topic never learnt)."""
    min_accuracy_gain: float = 0.008
    """Stop when no challenge left is expected to raise P(right level) by this much per answer."""
    lookahead: int = 3
    """Answers looked ahead for that gain: one answer alone seldom changes the most likely level."""
    known_guess: float = 0.1
    """A skill kept from an earlier positioning counts as one answer with this much doubt."""
    evidence_topics: int = 2
    """A level is claimed only once answered right at it or above on this many topics (or on
    every topic of a competence that has fewer)."""
    claim_quantile: float = 0.0
    """0: claim the most likely level; above: the highest level L with P(level ≥ L) at least this
    (a claim that needs more than a bare majority guards against over-placing)."""
    luck_shares: tuple[float, ...] = (0.0,)
    """Extra chances of a right answer without knowing, each an equally likely learner kind: a
    learner who guesses far above chance is read as such after a few surprising successes."""
    luck_weights: tuple[float, ...] = ()
    """Prior weight of each `luck_shares` kind (equal when empty)."""
    low_topic_shares: tuple[float, ...] = (0.0, 0.3, 0.6)
    """Shares of topics one level below the general level, each a learner kind: an ability low
    in its band leaves some topics' hardest skill of that level unmastered."""
    low_topic_weights: tuple[float, ...] = (0.2, 0.4, 0.4)
    """Prior weight of each `low_topic_shares` kind (equal when empty): weighing the kinds with
    low topics more keeps over-placement below under-placement (docs/engine.md)."""


DEFAULT_SETTINGS = BayesSettings()


@dataclass(frozen=True)
class CompetenceShape:
    """What the model needs to know about a competence's skills, computed once."""

    topics: tuple[str, ...]
    skills: tuple[tuple[Skill, ...], ...]
    units: tuple[tuple[int, ...], ...]
    """units[t][m]: pix of topic t's skills up to level m, in integer units (exact sums)."""
    units_per_level: int
    top: int
    max_level: int

    @classmethod
    def of(cls, bank: Bank, competence: str, rules: Rules) -> CompetenceShape:
        table = pix_table(bank, competence)
        top = max([rules.max_level, *(skill.level for skill in table)])
        scale = math.lcm(1, *(value.denominator for value in table.values()))
        topics = tuple(sorted({skill.topic for skill in table}))
        skills = tuple(
            tuple(sorted((s for s in table if s.topic == topic), key=lambda s: s.level))
            for topic in topics
        )
        units = tuple(
            tuple(
                int(sum((table[s] for s in topic_skills if s.level <= m), Fraction(0)) * scale)
                for m in range(top + 1)
            )
            for topic_skills in skills
        )
        return cls(topics, skills, units, PIX_PER_LEVEL * scale, top, rules.max_level)

    def level_of_units(self, units: int) -> int:
        return min(self.max_level, units // self.units_per_level)


def convolve(left: Mapping[int, float], right: Mapping[int, float]) -> dict[int, float]:
    out: dict[int, float] = {}
    get = out.get
    pairs = list(right.items())
    for a, pa in left.items():
        for b, pb in pairs:
            p = pa * pb
            if p > NEGLIGIBLE:
                out[a + b] = get(a + b, 0.0) + p
    return out


def entropy_part(values: Sequence[float], total: float) -> float:
    """Sum of -p log(p / total): one outcome's share of the expected entropy."""
    if total <= 0.0:
        return 0.0
    return -sum(p * math.log(p / total) for p in values if p > 0.0)


@dataclass(frozen=True)
class Analysis:
    """The posterior, summarised for selection and reporting."""

    weights: tuple[float, ...]
    """[G]: P(G | answers)."""
    topic_posteriors: tuple[tuple[tuple[float, ...], ...], ...]
    """[G][t][m]: P(m_t = m | G, answers on t)."""
    levels: tuple[float, ...]
    """[level]: P(level | answers)."""

    @property
    def most_likely_level(self) -> int:
        return max(range(len(self.levels)), key=lambda level: (self.levels[level], -level))


def claim(levels: Sequence[float], cap: int, quantile: float) -> int:
    """The level to claim: never above `cap` (the direct evidence), see `claim_quantile`."""
    allowed = range(min(cap, len(levels) - 1) + 1)
    if quantile > 0.0:
        wanted, above = quantile * sum(levels), 0.0
        for level in reversed(range(len(levels))):
            above += levels[level]
            if level in allowed and above >= wanted:
                return level
        return 0
    return max(allowed, key=lambda level: (levels[level], -level))


class PosteriorModel:
    """The part of the belief that holds before any answer: priors, pix units, answer curves.

    It depends only on the competence's shape and the settings, so one model serves every
    positioning of a competence (built once per bank, see `posterior_model`); a replayed
    profile then pays only for its answers.
    """

    def __init__(self, shape: CompetenceShape, settings: BayesSettings) -> None:
        self.shape = shape
        self.settings = settings
        self.levels = shape.top + 1
        self.lucks = settings.luck_shares
        self.states = self.levels * len(self.lucks)
        """A topic state is (luck kind, topic level): index luck x levels + level."""
        self.units = tuple(
            tuple(row[state % self.levels] for state in range(self.states)) for row in shape.units
        )
        lows = settings.low_topic_shares
        weights = settings.low_topic_weights or (1.0,) * len(lows)
        self.tie = tuple(
            self._block(luck, self._scatter(general, low))
            for luck in range(len(self.lucks))
            for low in lows
            for general in range(self.levels)
        )
        lucky = settings.luck_weights or (1.0,) * len(self.lucks)
        self.log_prior = tuple(
            math.log(luck / sum(lucky) * weight / sum(weights))
            for luck in lucky
            for weight in weights
            for _ in range(self.levels)
        )
        self.topic_index = {topic: i for i, topic in enumerate(shape.topics)}
        self._curves: dict[tuple[int, float], tuple[float, ...]] = {}

    def _block(self, luck: int, scatter: tuple[float, ...]) -> tuple[float, ...]:
        """The scatter placed in one luck kind's states: a learner's luck is the same everywhere."""
        before = (0.0,) * (luck * self.levels)
        return before + scatter + (0.0,) * (self.states - len(before) - len(scatter))

    def _scatter(self, general: int, low: float) -> tuple[float, ...]:
        """P(m_t | general level): near it, a share `low` one level below, a few anywhere."""
        tau = self.settings.topic_spread

        def around(centre: int) -> list[float]:
            raw = [math.exp(-((m - centre) ** 2) / (2 * tau * tau)) for m in range(self.levels)]
            return [r / sum(raw) for r in raw]

        mixed = [
            (1 - low) * a + low * b
            for a, b in zip(around(general), around(max(0, general - 1)), strict=True)
        ]
        odd = self.settings.odd_topic
        return tuple((1 - odd) * r + odd / self.levels for r in mixed)

    def curve(self, level: int, guess: float) -> tuple[float, ...]:
        """P(right | m) for every topic level m, for a challenge of this level and guess rate."""
        key = (level, guess)
        found = self._curves.get(key)
        if found is None:
            slope, doubt = self.settings.slope, self.settings.level_doubt

            def know(ability: float) -> float:
                return (1 - doubt) * logistic(slope * (ability - level)) + doubt / 2 * (
                    logistic(slope * (ability + 1 - level))
                    + logistic(slope * (ability - 1 - level))
                )

            levels, slip = self.levels, self.settings.slip
            found = self._curves[key] = tuple(
                p_right(know(state % levels + 0.5), min(0.9, guess + luck), slip)
                for luck in self.lucks
                for state in range(levels)
            )
        return found


@dataclass(frozen=True, slots=True)
class _General:
    """One general level's share of the belief: its topics' pix distributions, convolved."""

    weight: float
    posteriors: tuple[tuple[float, ...], ...]
    dists: tuple[dict[int, float], ...]
    suffix: tuple[dict[int, float], ...]
    """suffix[t]: the pix distribution of topics t and after."""


class LevelPosterior:
    """The belief over topic levels and the platform level, updated answer by answer.

    The level's distribution needs the pix of all topics together, one convolution chain per
    general level; the joint of each topic with the level (for choosing the next challenge)
    costs a chain per topic more, so it is computed only when a choice is made.
    """

    def __init__(
        self,
        shape: CompetenceShape,
        settings: BayesSettings,
        model: PosteriorModel | None = None,
    ) -> None:
        self.model = model if model is not None else PosteriorModel(shape, settings)
        self.shape = shape
        self.settings = settings
        self._likelihood = [[1.0] * self.model.states for _ in shape.topics]
        self._analysis: Analysis | None = None
        self._generals: tuple[_General, ...] = ()
        self._joint: tuple[tuple[tuple[float, ...], ...], ...] | None = None
        self._first: list[list[float]] = []
        """[m][level] for the first topic, unnormalised: the level's distribution sums it."""
        self._level_total = 1.0

    def curve(self, level: int, guess: float) -> tuple[float, ...]:
        return self.model.curve(level, guess)

    def observe(self, topic: str, level: int, guess: float, right: bool) -> None:
        index = self.model.topic_index.get(topic)
        if index is None:
            return
        curve = self.model.curve(level, guess)
        row = self._likelihood[index]
        for m in range(self.model.states):
            row[m] *= curve[m] if right else 1.0 - curve[m]
        peak = max(row)
        if peak > 0.0:
            for m in range(self.model.states):
                row[m] /= peak
        self._analysis = None
        self._joint = None

    def topic_of(self, topic: str) -> int:
        return self.model.topic_index[topic]

    def analysis(self) -> Analysis:
        if self._analysis is None:
            self._analysis = self._analyse()
        return self._analysis

    def joint(self) -> tuple[tuple[tuple[float, ...], ...], ...]:
        """[t][m][level]: P(m_t = m and level | answers)."""
        analysis = self.analysis()
        if self._joint is None:
            self._joint = self._full_joint(analysis)
        return self._joint

    def _analyse(self) -> Analysis:
        shape, states = self.shape, self.model.states
        levels = shape.max_level + 1
        if not shape.topics:
            nothing = tuple(1.0 if level == 0 else 0.0 for level in range(levels))
            self._generals = ()
            return Analysis((1.0,), ((),), nothing)
        log_weights = []
        posteriors = []
        for tie, log_prior in zip(self.model.tie, self.model.log_prior, strict=True):
            per_topic = []
            log_weight = log_prior
            for row in self._likelihood:
                joint = [tie[m] * row[m] for m in range(states)]
                total = sum(joint)
                log_weight += math.log(total) if total > 0.0 else -math.inf
                per_topic.append(tuple(p / total if total > 0.0 else 0.0 for p in joint))
            log_weights.append(log_weight)
            posteriors.append(tuple(per_topic))
        peak = max(log_weights)
        raw = [math.exp(w - peak) if w > -math.inf else 0.0 for w in log_weights]
        weights = tuple(r / sum(raw) for r in raw)
        self._generals = tuple(
            self._general(weight, posteriors[general])
            for general, weight in enumerate(weights)
            if weight > UNLIKELY_GENERAL
        )
        first = [[0.0] * levels for _ in range(states)]
        for general in self._generals:
            self._add_topic(first, general, 0, convolve({0: 1.0}, general.suffix[1]))
        level_probs = [sum(first[m][level] for m in range(states)) for level in range(levels)]
        total = sum(level_probs)
        self._level_total = total
        self._first = first
        return Analysis(
            weights=weights,
            topic_posteriors=tuple(posteriors),
            levels=tuple(p / total for p in level_probs),
        )

    def _general(self, weight: float, posteriors: tuple[tuple[float, ...], ...]) -> _General:
        units = self.model.units
        dists = []
        for t, posterior in enumerate(posteriors):
            dist: dict[int, float] = {}
            for m, p in enumerate(posterior):
                if p > NEGLIGIBLE:
                    dist[units[t][m]] = dist.get(units[t][m], 0.0) + p
            dists.append(dist)
        suffix = [{0: 1.0}]
        for dist in reversed(dists):
            suffix.append(convolve(dist, suffix[-1]))
        suffix.reverse()
        return _General(weight, posteriors, tuple(dists), tuple(suffix))

    def _full_joint(self, analysis: Analysis) -> tuple[tuple[tuple[float, ...], ...], ...]:
        """Add P(G) x P(m_t, level | G) for every topic, convolving the other topics' pix."""
        shape, states = self.shape, self.model.states
        levels = shape.max_level + 1
        if not shape.topics:
            return ()
        joint = [self._first] + [[[0.0] * levels for _ in range(states)] for _ in shape.topics[1:]]
        for general in self._generals:
            prefix = {0: 1.0}
            for t in range(1, len(shape.topics)):
                prefix = convolve(prefix, general.dists[t - 1])
                others = convolve(prefix, general.suffix[t + 1])
                self._add_topic(joint[t], general, t, others)
        total = self._level_total
        return tuple(tuple(tuple(cell / total for cell in row) for row in t) for t in joint)

    def _add_topic(
        self, cells_of: list[list[float]], general: _General, t: int, others: Mapping[int, float]
    ) -> None:
        units = self.model.units
        by_units: dict[int, list[float]] = {}
        for m, p in enumerate(general.posteriors[t]):
            if p <= NEGLIGIBLE:
                continue
            if units[t][m] not in by_units:
                by_units[units[t][m]] = self._level_given(others, units[t][m])
            cells = cells_of[m]
            for level, q in enumerate(by_units[units[t][m]]):
                cells[level] += general.weight * p * q

    def _level_given(self, others: Mapping[int, float], units: int) -> list[float]:
        top, per_level = self.shape.max_level, self.shape.units_per_level
        out = [0.0] * (top + 1)
        for total, p in others.items():
            level = (total + units) // per_level
            out[level if level < top else top] += p
        return out

    def most_likely_topic_levels(self, level: int) -> tuple[int, ...]:
        """The most probable (m_t) among those whose pix give `level`: the skills to report.

        General levels are tried from the most likely down, and one whose best conceivable
        path cannot beat the best found is skipped: the answer is the same as trying them all
        in order (ties go to the lower general level, then to the first path found).
        """
        shape, analysis = self.shape, self.analysis()
        best: tuple[float, int, tuple[int, ...]] | None = None
        order = sorted(
            (g for g, weight in enumerate(analysis.weights) if weight > 0.0),
            key=lambda g: -analysis.weights[g],
        )
        for general in order:
            posteriors = analysis.topic_posteriors[general]
            if best is not None and not self._may_beat(best, general, posteriors):
                continue
            steps: list[dict[int, tuple[float, int, int]]] = []
            paths: dict[int, tuple[float, int, int]] = {
                0: (math.log(analysis.weights[general]), 0, -1)
            }
            for t, posterior in enumerate(posteriors):
                paths = self._extend(paths, t, posterior)
                steps.append(paths)
            found: tuple[float, int] | None = None
            for units, (score, _, _) in paths.items():
                if shape.level_of_units(units) == level and (found is None or score > found[0]):
                    found = (score, units)
            if found is not None and (best is None or (found[0], -general) > (best[0], -best[1])):
                best = (found[0], general, self._choice(steps, found[1]))
        if best is None:
            return tuple(0 for _ in shape.topics)
        return tuple(state % self.model.levels for state in best[2])

    def _may_beat(
        self,
        best: tuple[float, int, tuple[int, ...]],
        general: int,
        posteriors: tuple[tuple[float, ...], ...],
    ) -> bool:
        """Whether a path of this general level could come first: its score is at most the
        sum of each topic's likeliest state (float sums are monotone, so the bound holds)."""
        bound = math.log(self.analysis().weights[general])
        for posterior in posteriors:
            peak = max(posterior)
            if peak <= 0.0:
                return False
            bound += math.log(peak)
        return (bound, -general) > (best[0], -best[1])

    @staticmethod
    def _choice(
        steps: Sequence[Mapping[int, tuple[float, int, int]]], units: int
    ) -> tuple[int, ...]:
        """The topic states of the best path to `units`, read back from the last topic."""
        choice = []
        for step in reversed(steps):
            _, units, state = step[units]
            choice.append(state)
        return tuple(reversed(choice))

    def _extend(
        self,
        paths: Mapping[int, tuple[float, int, int]],
        topic: int,
        posterior: tuple[float, ...],
    ) -> dict[int, tuple[float, int, int]]:
        """One step of the dynamic programme: best path to each pix total, one more topic.

        A path is kept as (score, total before this topic, this topic's state)."""
        units = self.model.units[topic]
        logs = [(m, math.log(p)) for m, p in enumerate(posterior) if p > 0.0]
        out: dict[int, tuple[float, int, int]] = {}
        for before, (score, _, _) in paths.items():
            for m, log_p in logs:
                total = before + units[m]
                candidate = score + log_p
                found = out.get(total)
                if found is None or candidate > found[0]:
                    out[total] = (candidate, before, m)
        return out


def _competence_model(
    bank: Bank, competence: str, rules: Rules, settings: BayesSettings
) -> tuple[dict[Skill, Fraction], CompetenceShape, PosteriorModel]:
    shape = CompetenceShape.of(bank, competence, rules)
    return pix_table(bank, competence), shape, PosteriorModel(shape, settings)


class BayesEngine:
    def __init__(
        self,
        bank: Bank,
        competence: str,
        *,
        seed: int,
        known: Mapping[Skill, bool],
        rules: Rules,
        settings: BayesSettings = DEFAULT_SETTINGS,
        avoid: frozenset[str] = frozenset(),
    ) -> None:
        self._competence = competence
        self._avoid = avoid
        self._seed = seed
        self._rules = rules
        self._settings = settings
        self._challenges = bank.of_competence(competence)
        self._by_id = {c.id: c for c in self._challenges}
        self._table, self._shape, model = bank.derived(
            (BayesEngine, competence, rules, settings),
            lambda: _competence_model(bank, competence, rules, settings),
        )
        self._posterior = LevelPosterior(self._shape, settings, model)
        self._kept = frozenset(s for s, ok in known.items() if ok and s in self._table)
        self._best: dict[str, int] = {}
        """Per topic, the highest level answered right (or kept): the direct evidence."""
        for skill in self._kept:
            self._best[skill.topic] = max(self._best.get(skill.topic, 0), skill.level)
        self._evidence_topics = min(settings.evidence_topics, max(1, len(self._shape.topics)))
        self._evidence = self._cap(self._best)
        """No level above it is ever claimed."""
        for skill, ok in sorted(known.items()):
            if skill in self._table:
                self._posterior.observe(skill.topic, skill.level, settings.known_guess, ok)
        self._seen: set[str] = set()
        self._last_timed = False
        self._answered = 0
        self._next: Challenge | None = None
        self._next_ready = False

    @property
    def posterior(self) -> LevelPosterior:
        return self._posterior

    def next_challenge(self) -> Challenge | None:
        if not self._next_ready:
            self._next = None if self._done() else self._choose()
            self._next_ready = True
        return self._next

    def record(self, challenge_id: str, result: Result) -> None:
        challenge = self._by_id.get(challenge_id)
        if challenge is None:
            raise UnknownChallenge(
                f"challenge {challenge_id!r} is not in competence {self._competence}"
            )
        self._seen.add(challenge_id)
        self._answered += 1
        self._last_timed = challenge.timed
        self._next_ready = False
        self._posterior.observe(
            challenge.topic, challenge.level, self._guess(challenge), result.is_correct
        )
        if result.is_correct:
            self._best[challenge.topic] = max(self._best.get(challenge.topic, 0), challenge.level)
            self._evidence = self._cap(self._best)

    def _guess(self, challenge: Challenge) -> float:
        return guess_probability(challenge, self._settings.free_answer_guess)

    def _cap(self, best: Mapping[str, int]) -> int:
        """The highest level answered right on `evidence_topics` topics (fewer if the bank has)."""
        ranked = sorted(best.values(), reverse=True)
        return ranked[self._evidence_topics - 1] if len(ranked) >= self._evidence_topics else 0

    def _claim(self, levels: Sequence[float], evidence: int | None = None) -> int:
        cap = self._evidence if evidence is None else evidence
        return claim(levels, cap, self._settings.claim_quantile)

    def estimate(self, *, final: bool = False) -> Estimate:
        analysis = self._posterior.analysis()
        topic_levels = self._posterior.most_likely_topic_levels(self._claim(analysis.levels))
        validated = set(self._kept)
        invalidated = set()
        if self._answered:
            for skills, m in zip(self._shape.skills, topic_levels, strict=True):
                for skill in skills:
                    (validated if skill.level <= m else invalidated).add(skill)
            invalidated -= validated
        pix = pix_of_skills(self._table, validated, self._rules)
        level = level_for_pix(pix, self._rules)
        return Estimate(
            level=level,
            pix=pix,
            validated=frozenset(validated),
            invalidated=frozenset(invalidated),
            confidence=analysis.levels[level],
            finished=final or self.next_challenge() is None,
            answered=self._answered,
        )

    def _done(self) -> bool:
        if self._answered >= self._settings.max_questions:
            return True
        if self._answered < self._settings.min_questions:
            return False
        levels = self._posterior.analysis().levels
        return levels[self._claim(levels)] >= self._settings.stop_confidence

    def _choose(self) -> Challenge | None:
        starting = self._answered == 0
        candidates = prefer_untimed(
            unseen(self._challenges, self._seen, self._avoid), self._last_timed or starting
        )
        if not candidates:
            return None
        analysis = self._posterior.analysis()
        scores: dict[tuple[str, int, float], float] = {}
        scored = []
        for challenge in candidates:
            key = (challenge.topic, challenge.level, self._guess(challenge))
            if key not in scores:
                scores[key] = self._expected_entropy(analysis, *key)
            scored.append((scores[key], challenge))
        if self._answered >= self._settings.min_questions and not self._worth_asking(
            analysis, scores
        ):
            return None
        best = min(score for score, _ in scored)
        finalists = [challenge for score, challenge in scored if score <= best + NEGLIGIBLE]
        return step_rng(self._seed, self._answered).choice(finalists)

    def _worth_asking(self, analysis: Analysis, keys: Iterable[tuple[str, int, float]]) -> bool:
        """Whether some challenge kind is expected to raise P(right level) enough per answer."""
        now = analysis.levels[self._claim(analysis.levels)]
        n = self._settings.lookahead
        wanted = now + n * self._settings.min_accuracy_gain
        return any(self._expected_accuracy(analysis, *key, n) >= wanted for key in keys)

    def _expected_accuracy(
        self, analysis: Analysis, topic: str, level: int, guess: float, n: int
    ) -> float:
        """P(the most likely level is right) after n answers to challenges of this kind.

        The n answers are taken as n challenges of the same topic, level and guess rate (the
        variants, or their like): the outcomes are the number of right answers.
        """
        curve = self._posterior.curve(level, guess)
        joint = self._posterior.joint()[self._posterior.topic_of(topic)]
        by_right = [[0.0] * len(analysis.levels) for _ in range(n + 1)]
        for m, q in enumerate(curve):
            for k, row in enumerate(by_right):
                weight = math.comb(n, k) * q**k * (1.0 - q) ** (n - k)
                for lv, cell in enumerate(joint[m]):
                    row[lv] += weight * cell
        raised = self._cap({**self._best, topic: max(self._best.get(topic, 0), level)})
        return sum(
            row[self._claim(row, raised if k else self._evidence)] for k, row in enumerate(by_right)
        )

    def _expected_entropy(self, analysis: Analysis, topic: str, level: int, guess: float) -> float:
        curve = self._posterior.curve(level, guess)
        joint = self._posterior.joint()[self._posterior.topic_of(topic)]
        right = [0.0] * len(analysis.levels)
        for m, q in enumerate(curve):
            for lv, cell in enumerate(joint[m]):
                right[lv] += q * cell
        wrong = [max(0.0, p - r) for p, r in zip(analysis.levels, right, strict=True)]
        return entropy_part(right, sum(right)) + entropy_part(wrong, sum(wrong))
