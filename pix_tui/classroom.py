"""The teacher's view of a data folder: profiles read live, derived once each, reported on.

Shared by the class screen, `pix-tui class`, `pix-tui export --class` and `pix-tui analyse`,
so they never disagree. Reading goes through `store.class_folder` (no lock, no write); a
profile's derived view is kept until its files change, so a refresh while learners work
costs only the profiles they touched.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pix_tui.core.analysis import ChallengeAnalysis, LearnerAnswers, analyse
from pix_tui.core.class_report import (
    ClassRow,
    LearnerInput,
    SortKey,
    class_row,
    sort_rows,
)
from pix_tui.core.model import Bank
from pix_tui.core.profile import derive_profile
from pix_tui.core.rules import Rules
from pix_tui.store.class_folder import (
    ClassReader,
    ProfileSnapshot,
    UnreadableProfile,
    last_activity,
)
from pix_tui.store.errors import ProfileError
from pix_tui.store.standing_cache import Cached, StandingCache, cache_file
from pix_tui.store.standing_file import read_standing


@dataclass(frozen=True)
class ClassData:
    rows: list[ClassRow]
    problems: tuple[UnreadableProfile, ...]
    profiles: tuple[ProfileSnapshot, ...]
    """The readable profiles, in the order of `rows` sorted by name."""
    changed: bool = True
    pending: int = 0
    """Profiles still being read: more than 0 in the partial data `read` reports on the way."""

    def learners(self, problems: list[UnreadableProfile]) -> Iterator[LearnerAnswers]:
        """Each learner's answers and current levels, for the challenge analysis, read one
        learner at a time (a year of a school is over half a million answers); a profile whose
        answers cannot be read now is added to `problems` instead."""
        by_name = {row.name: row for row in self.rows}
        for profile in self.profiles:
            row = by_name.get(profile.name)
            if row is None:
                continue
            try:
                answers = profile.outcomes()
            except ProfileError as error:
                problems.append(UnreadableProfile(profile.folder, error))
                continue
            profile.forget_answers()
            yield LearnerAnswers(profile.name, row.levels, answers)


class Classroom:
    """One data folder seen by a teacher; `read()` again to refresh.

    `cache_dir` None derives every profile at each first look (the tests, `--no-cache`).
    """

    def __init__(
        self,
        data_dir: Path,
        bank: Bank,
        rules: Rules,
        now: Callable[[], datetime],
        cache_dir: Path | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.bank = bank
        self.rules = rules
        self.now = now
        self._reader = ClassReader(data_dir)
        self._cache = StandingCache(
            cache_file(cache_dir, data_dir) if cache_dir else None, bank, rules
        )

    def read(
        self, on_progress: Callable[[ClassData], None] | None = None, every: float = 0.3
    ) -> ClassData:
        """Raises ProfileUnreadable when the profiles folder cannot be listed.

        A profile not derived yet costs a replay of its positionings: on a first look at a
        large class `on_progress` gets the rows read so far every `every` seconds, so the
        teacher sees the class fill in instead of waiting for the last learner.
        """
        snapshot = self._reader.read()
        rows: list[ClassRow] = []
        profiles: list[ProfileSnapshot] = []
        problems = list(snapshot.problems)
        reported = time.monotonic()
        for done, profile in enumerate(snapshot.profiles):
            if on_progress is not None and done and time.monotonic() - reported >= every:
                reported = time.monotonic()
                on_progress(
                    ClassData(
                        sort_rows(rows, SortKey.NAME),
                        tuple(problems),
                        tuple(profiles),
                        pending=len(snapshot.profiles) - done,
                    )
                )
            try:
                known = self._standing(profile)
            except ProfileError as error:
                problems.append(UnreadableProfile(profile.folder, error))
                continue
            profiles.append(profile)
            rows.append(
                class_row(
                    LearnerInput(
                        profile.name, known.standing, known.last_activity, known.certification
                    )
                )
            )
        self._cache.keep_only({p.folder.name for p in snapshot.profiles})
        self._cache.save()
        return ClassData(
            sort_rows(rows, SortKey.NAME), tuple(problems), tuple(profiles), snapshot.changed
        )

    def _standing(self, profile: ProfileSnapshot) -> Cached:
        """From the teacher's cache, else the learner's standing file, else derived here."""
        cached = self._cache.get(profile.folder, profile.signature)
        if cached is not None:
            return cached
        if profile.signature:
            cached = read_standing(
                profile.folder, profile.signature, self._cache.context, self.rules
            )
            if cached is not None:
                self._cache.put(profile.folder, profile.signature, cached)
                return cached
        answers = profile.answers()
        view = derive_profile(
            self.bank,
            profile.positionings,
            answers,
            profile.resets,
            self.now(),
            self.rules,
            with_history=False,
        )
        known = Cached.of(view, last_activity(profile), profile.certifications, answers, self.rules)
        if profile.signature:
            self._cache.put(profile.folder, profile.signature, known)
        profile.forget_answers()
        return known

    def analysis(self, data: ClassData) -> tuple[list[ChallengeAnalysis], list[UnreadableProfile]]:
        problems: list[UnreadableProfile] = []
        return analyse(self.bank, data.learners(problems)), problems


def class_name(data_dir: Path) -> str:
    """The class as a school names it: its data folder's name."""
    return data_dir.name
