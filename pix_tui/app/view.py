"""The core's ProfileView put into words for the screens; every number comes from the core."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from pix_tui.app.text import plural, short_date
from pix_tui.app.widgets.domain_list import RowState
from pix_tui.core.referential import Domain, referential
from pix_tui.core.rules import CERTIFIABLE_COMPETENCES, Rules
from pix_tui.i18n import Translator

if TYPE_CHECKING:
    from pix_tui.app.certification_session import CertificationStatus
    from pix_tui.core.certification import CertificationResult, CompetenceOutcome, Eligibility
    from pix_tui.core.profile import ProfileView


@dataclass(frozen=True, slots=True)
class CompetenceState:
    """What the browse screen needs about one competence, read from the core's view."""

    level: int
    pix: int
    status: str
    available: bool
    answered: int
    positionings: int
    finished_at: datetime | None
    retry_at: datetime | None
    reset_at: datetime | None
    can_retry: bool
    can_reset: bool
    last_positioning_id: str | None

    @property
    def in_progress(self) -> bool:
        return self.status == "in_progress"

    @property
    def finished(self) -> bool:
        return self.status == "finished"


def total_pix(profile: ProfileView) -> int:
    return profile.pix


def max_pix(profile: ProfileView) -> int:
    return profile.max_pix


def at_level_one(profile: ProfileView) -> int:
    return profile.at_level_one


def is_certifiable(profile: ProfileView) -> bool:
    return profile.certifiable


def row_states(profile: ProfileView) -> dict[str, RowState]:
    return {
        code: RowState(
            level=c.level,
            pix=c.pix,
            status=str(c.status),
            live_level=c.current.level if c.current is not None else None,
        )
        for code, c in profile.competences.items()
    }


def competence_state(profile: ProfileView, code: str) -> CompetenceState | None:
    c = profile.competences.get(code)
    if c is None:
        return None
    return CompetenceState(
        level=c.level,
        pix=c.pix,
        status=str(c.status),
        available=c.available,
        answered=c.answered,
        positionings=c.positionings,
        finished_at=c.finished_at,
        retry_at=c.retry_at,
        reset_at=c.reset_at,
        can_retry=c.can_retry,
        can_reset=c.can_reset,
        last_positioning_id=c.last_positioning_id,
    )


def unavailable_reason(
    tr: Translator, state: CompetenceState | None, action: str, code: str, max_level: int
) -> str:
    """Why a greyed key of a competence does nothing now, and when (or how) it will work."""
    if state is None:
        return tr("browse.why_loading")
    if not state.available and action in {"start", "retry", "practise"}:
        return tr("browse.why_no_bank", code=code)
    at_max = state.finished and state.level >= max_level
    if action == "start" and state.finished:
        if at_max:
            return tr("browse.why_start_at_max", code=code, level=state.level)
        return _dated(tr, "browse.why_start_retry", state.can_retry, state.retry_at, code)
    if action == "retry":
        if not state.finished:
            return tr(f"browse.why_retry_{state.status}", code=code)
        if at_max:
            return tr("browse.why_retry_at_max", code=code, level=state.level)
        return _dated(tr, "browse.why_retry", False, state.retry_at, code)
    if action == "reset":
        if state.status == "not_started":
            return tr("browse.why_reset_not_started", code=code)
        return _dated(tr, "browse.why_reset", False, state.reset_at, code)
    if action == "review":
        return tr("browse.why_review", code=code)
    return ""


def _dated(tr: Translator, key: str, now: bool, when: datetime | None, code: str) -> str:
    if now or when is None:
        return tr(f"{key}_now", code=code)
    return tr(f"{key}_from", code=code, date=short_date(tr, when))


def live_lines(tr: Translator, profile: ProfileView) -> list[str]:
    """Positionings in progress with their running estimate: what moves while answering."""
    ref = referential()
    lines = []
    for code, c in profile.competences.items():
        if c.current is not None:
            lines.append(
                tr(
                    "progress.live",
                    code=code,
                    title=ref.competence(code).title(tr.lang),
                    level=c.current.level,
                    pix=c.current.pix,
                    answered=c.current.answered,
                )
            )
    return lines


def domain_totals(profile: ProfileView, rules: Rules) -> list[tuple[Domain, int, int]]:
    """Pix per domain out of what the domain can hold: a sum for display, not a rule."""
    ref = referential()
    states = row_states(profile)
    totals = []
    for domain in ref.domains:
        codes = [c.code for c in ref.of_domain(domain.code)]
        pix = sum(states[c].pix for c in codes if c in states)
        totals.append((domain, pix, rules.max_pix_per_competence * len(codes)))
    return totals


def pix_series(profile: ProfileView) -> list[float]:
    """Starts at zero so that a single finished positioning already draws a rise."""
    return [0.0, *(float(pix) for pix in profile.pix_series)]


def certification_sentence(tr: Translator, profile: ProfileView) -> str:
    """`3 compétences sur 5 au niveau 1 — encore 2 pour être certifiable`."""
    reached = at_level_one(profile)
    needed = CERTIFIABLE_COMPETENCES
    if reached >= needed:
        return plural(tr, "home.certifiable", reached, needed=needed)
    return plural(tr, "home.reached", reached, needed=needed) + plural(
        tr, "home.missing", needed - reached
    )


def certification_short(tr: Translator, profile: ProfileView) -> str:
    reached = at_level_one(profile)
    key = (
        "progress.short_certifiable"
        if reached >= CERTIFIABLE_COMPETENCES
        else "progress.short_reached"
    )
    return tr(key, count=reached, needed=CERTIFIABLE_COMPETENCES)


def series_sentence(tr: Translator, series: list[float]) -> str:
    if len(series) < 2:
        return tr("progress.series_empty")
    return tr("progress.series", first=int(series[0]), last=int(series[-1]), count=len(series) - 1)


def next_steps(tr: Translator, profile: ProfileView) -> list[str]:
    """The core's suggestions, in words."""
    ref = referential()
    lines = []
    for step in profile.next_steps:
        competence = ref.competence(step.competence)
        dated = "_from" if step.not_before is not None else ""
        date = short_date(tr, step.not_before) if step.not_before is not None else ""
        lines.append(
            tr(
                f"progress.step_{step.kind}{dated}",
                date=date,
                code=competence.code,
                title=competence.title(tr.lang),
                missing=step.missing_pix,
                level=step.target_level,
            )
        )
    return lines


def standing_text(tr: Translator, standing: Eligibility) -> str:
    """Where the learner stands toward a certification blanche, in one sentence."""
    from pix_tui.app.text import short_date

    kind = str(standing.standing)
    if kind == "not_certifiable":
        return plural(tr, "certification.standing_not_certifiable", standing.missing)
    if kind == "waiting" and standing.next_at is not None:
        return tr("certification.standing_waiting", date=short_date(tr, standing.next_at))
    return tr(f"certification.standing_{kind}")


def certification_line(tr: Translator, status: CertificationStatus | None) -> str:
    """Home's second line: said only once the profile is certifiable (or a test is running);
    before that the first line already says what is missing."""
    if status is None or str(status.standing.standing) == "not_certifiable":
        return ""
    return standing_text(tr, status.standing)


def history_lines(tr: Translator, status: CertificationStatus | None) -> list[str]:
    if status is None or not status.history:
        return [tr("certification.history_none")]
    return [result_line(tr, result) for result in status.history]


def result_line(tr: Translator, result: CertificationResult) -> str:
    from pix_tui.app.text import short_date

    verdict = "rejected" if result.rejected else "validated"
    return tr(
        "certification.history_line",
        date=short_date(tr, result.record.started_at),
        rate=result.rate,
        verdict=tr(f"certification.verdict_{verdict}"),
        score=result.score,
    )


def mark_line(tr: Translator, outcome: CompetenceOutcome, rate: int) -> str:
    """`positionnement niveau 4 → certifié niveau 3 (2 bonnes réponses sur 3, taux 72 %)`."""
    return tr(
        f"certification.mark_{outcome.mark}",
        positioned=outcome.positioned_level,
        level=outcome.level,
        answers=plural(tr, "certification.right", outcome.correct, asked=outcome.asked),
        rate=rate,
    )
