"""One answer, corrected: what the learner said, what was expected, why, and where to learn.

Shared by the demo/practice correction, the checkpoint and the result review. It is a single
widget with one renderable, so a review of twenty answers stays twenty widgets, not hundreds.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markdown import Markdown as RichMarkdown
from rich.text import Text
from textual.widgets import Static

from pix_tui.core.answers import correct_answer_text
from pix_tui.core.model import Challenge, Result
from pix_tui.core.safe_text import inert
from pix_tui.i18n import Translator

RESULT_MARKS = {
    Result.OK: "✓",
    Result.KO: "✗",
    Result.SKIPPED: "–",
    Result.TIMED_OUT: "⏱",
}


def result_label(tr: Translator, result: Result) -> str:
    return f"{RESULT_MARKS[result]} {tr(f'result.outcome_{result.value}')}"


def correction_renderable(
    tr: Translator,
    challenge: Challenge | None,
    result: Result,
    given: str,
    *,
    heading: str = "",
    statement: str = "",
) -> RenderableType:
    """A challenge missing from today's bank still shows the learner's own answer."""
    title = Text(heading + " " if heading else "", style="bold")
    title.append(result_label(tr, result), style=f"bold {_result_style(result)}")
    parts: list[RenderableType] = [title]
    if challenge is None:
        parts.append(Text(tr("result.missing_challenge"), style="italic"))
    elif statement:
        parts.append(RichMarkdown(inert(statement), hyperlinks=False))
    parts.append(_line(tr, "result.your_answer", given or tr("result.no_answer")))
    if challenge is not None:
        parts.append(_line(tr, "result.right_answer", correct_answer_text(challenge)))
        if challenge.explanation:
            parts.append(Text(tr("result.explanation"), style="bold"))
            parts.append(RichMarkdown(inert(challenge.explanation), hyperlinks=False))
        if challenge.tutorials:
            parts.append(Text(tr("result.tutorials"), style="bold"))
            for tutorial in challenge.tutorials:
                parts.append(Text(inert(f"  • {tutorial.title} — {tutorial.url}")))
    return Group(*parts)


def _line(tr: Translator, key: str, value: str) -> Text:
    """French puts a space before the colon, English does not: the catalogue knows."""
    text = Text(tr(key) + tr("result.colon"), style="bold")
    text.append(inert(value), style="not bold")
    return text


def _result_style(result: Result) -> str:
    return "green" if result.is_correct else ("red" if result is Result.KO else "yellow")


class CorrectionCard(Static):
    def __init__(
        self,
        tr: Translator,
        challenge: Challenge | None,
        result: Result,
        given: str,
        *,
        heading: str = "",
        statement: str = "",
        id: str | None = None,
    ) -> None:
        renderable = correction_renderable(
            tr, challenge, result, given, heading=heading, statement=statement
        )
        super().__init__(renderable, id=id, classes=f"correction -{result.value}")
        self.result = result
