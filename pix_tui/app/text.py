"""Small wording helpers shared by screens: plurals, dates, errors in the learner's language.

Errors and recoveries quote paths and names from the disk: they come back inert (no terminal
control survives), and the widgets showing them never read them as markup.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pix_tui.core.analysis import ChallengeAnalysis, Flag, Placement, Share
from pix_tui.core.safe_text import inert
from pix_tui.i18n import Translator


def plural(tr: Translator, key: str, count: int, **values: object) -> str:
    """`key_one` or `key_many`: French treats 0 and 1 as singular, English only 1."""
    one = count <= 1 if tr.lang == "fr" else count == 1
    return tr(f"{key}_{'one' if one else 'many'}", count=count, **values)


def short_date(tr: Translator, when: datetime) -> str:
    """`lundi 9 mars à 10 h 30` / `Monday 9 March at 10:30`, without relying on the C locale."""
    weekday = tr(f"home.weekday_{when.weekday()}")
    month = tr(f"home.month_{when.month}")
    return tr(
        "home.date_format",
        weekday=weekday,
        day=when.day,
        month=month,
        hour=when.hour,
        minute=f"{when.minute:02d}",
    )


def error_text(tr: Translator, error: Exception) -> str:
    """A store refusal in the learner's language (its catalogue key), else its own words."""
    key = getattr(error, "key", "")
    if key:
        try:
            text = tr(key, **getattr(error, "values", {}))
        except (KeyError, IndexError, ValueError):
            text = key
        if text != key:
            return inert(text)
    return inert(str(error))


def describe_recovery(tr: Translator, recovery: Any) -> str:
    """What the store repaired when opening, in the learner's language."""
    kept = "".join(tr("profile.recovery_kept", path=path) for path in recovery.moved_to)
    return inert(
        tr(
            f"profile.recovery_{recovery.kind}",
            file=recovery.file,
            name=recovery.file.name,
            reason=recovery.reason,
            count=recovery.count,
        )
        + kept
    )


def percent(share: Share) -> str:
    value = share.share
    return "—" if value is None else f"{round(100 * value)}%"


def shares_text(tr: Any, result: ChallengeAnalysis) -> str:
    """How often a challenge was right, overall and by the learners' placement."""
    return tr(
        "analysis.shares",
        answers=result.total.answers,
        percent=percent(result.total),
        below=percent(result.groups[Placement.BELOW]),
        at=percent(result.groups[Placement.AT]),
        above=percent(result.groups[Placement.ABOVE]),
    )


def flag_text(tr: Any, flag: Flag) -> str:
    evidence = ", ".join(
        tr(
            "analysis.evidence",
            group=tr(f"analysis.group_{group.value if group else 'at_above'}"),
            right=share.right,
            answers=share.answers,
            percent=percent(share),
        )
        for group, share in flag.evidence
    )
    return tr(f"analysis.flag_{flag.kind.value}", evidence=evidence)
