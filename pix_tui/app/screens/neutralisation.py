"""The teacher sets questions of a learner's certification blanche aside (a broken challenge).

Reached from the class view (`n`), so already behind the teacher code. Lists the questions of
the learner's latest finished certification (`c` goes to an older one); Space or Enter
neutralises the question under the cursor, or counts it again. Each change is saved at once
through the store (under the profile's lock, atomically) and the result recomputed by the
core: the rate, the marks and the score before (as the screen opened) and after are shown
side by side.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Static

from pix_tui.app.commands import Scope
from pix_tui.app.messages import ProfileChanged
from pix_tui.app.screens.base import PixScreen
from pix_tui.app.text import error_text, short_date
from pix_tui.core.certification import CertificationResult, QuestionOutcome, QuestionStatus

T = TypeVar("T")
CHALLENGE_WIDTH = 34


class NeutralisationScreen(PixScreen[None]):
    SCOPE = Scope.NEUTRALISE
    CSS_PATH = "neutralisation.tcss"

    def __init__(self, data_dir: Path, learner: str) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.learner = learner
        self.initial: list[CertificationResult] = []
        """Every finished certification as the screen opened, newest first: the "before"."""
        self.current: dict[str, CertificationResult] = {}
        """The same after the changes made here, by id: the "after"."""
        self.chosen = 0
        self._saving = threading.Lock()

    @property
    def before(self) -> CertificationResult | None:
        return self.initial[self.chosen] if self.initial else None

    @property
    def after(self) -> CertificationResult | None:
        before = self.before
        return self.current.get(before.record.id) if before is not None else None

    def compose(self) -> ComposeResult:
        yield Static(self.tr("neutralise.loading", name=self.learner), id="neut-title")
        yield Static("", id="neut-result")
        yield DataTable(id="neut-table", cursor_type="row", zebra_stripes=True)
        yield Static(self.tr("neutralise.hint"), id="neut-status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label, width in (
            ("n", self.tr("neutralise.col_number"), 3),
            ("comp", "C.", 3),
            ("challenge", self.tr("neutralise.col_challenge"), CHALLENGE_WIDTH),
            ("answer", self.tr("neutralise.col_answer"), 12),
            ("state", self.tr("neutralise.col_state"), 12),
        ):
            table.add_column(label, key=key, width=width)
        table.focus()
        self.load()

    # -- the store, in threads --------------------------------------------------------

    def _with_store(self, use: Callable[[Any], T]) -> T:
        """The app's own store when the learner is the profile open here, else the profile
        opened (and locked) just for this change; the teacher needs no learner code."""
        from pix_tui.store import open_profile
        from pix_tui.store.paths import name_key

        own = self.ctx.store
        if own is not None and name_key(own.name) == name_key(self.learner):
            return use(own)
        with open_profile(self.data_dir, self.learner, check_pin=False) as store:
            return use(store)

    @work(thread=True, exclusive=True, group="neutralise-load")
    def load(self) -> None:
        from pix_tui.app.certification_session import finished_certifications
        from pix_tui.core.certification import score
        from pix_tui.store import ProfileError

        def scored(store: Any) -> list[CertificationResult]:
            answers = store.answers()
            newest_first = reversed(finished_certifications(store))
            return [score(record, answers, self.ctx.rules) for record in newest_first]

        try:
            results = self._with_store(scored)
        except ProfileError as error:
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._loaded, results)

    @work(thread=True, group="neutralise-save")
    def save(self, certification_id: str, number: int) -> None:
        """One change at a time, each read from the stored record: a quick double press
        neutralises and restores, in whatever order the threads run."""
        from pix_tui.app.certification_session import toggle_question
        from pix_tui.store import ProfileError

        with self._saving:
            try:
                result = self._with_store(
                    lambda store: toggle_question(store, certification_id, number, self.ctx.rules)
                )
            except (ProfileError, IndexError) as error:
                self.app.call_from_thread(self._failed, error)
                return
        self.app.call_from_thread(self._saved, result, number)

    # -- showing -----------------------------------------------------------------------

    def _failed(self, error: Exception) -> None:
        message = self.tr("neutralise.failed", error=error_text(self.ctx.tr, error))
        self.query_one("#neut-status", Static).update(Text(message, style="bold red"))
        self.notify(message, severity="error", timeout=15)

    def _loaded(self, results: list[CertificationResult]) -> None:
        if not results:
            self.query_one("#neut-title", Static).update(
                Text(self.tr("neutralise.none", name=self.learner))
            )
            return
        self.initial = results
        self.current = {r.record.id: r for r in results}
        self._show_title()
        self._show()

    def _show_title(self) -> None:
        before = self.before
        assert before is not None
        date = short_date(self.ctx.tr, before.record.started_at)
        title = self.tr("neutralise.title", name=self.learner, date=date)
        if len(self.initial) > 1:
            title += " " + self.tr(
                "neutralise.which", index=self.chosen + 1, count=len(self.initial)
            )
        self.query_one("#neut-title", Static).update(Text(title))

    def _saved(self, result: CertificationResult, number: int) -> None:
        """The profile open in this app, if it is the learner's, shows the new result too."""
        self.current[result.record.id] = result
        self.app.post_message(ProfileChanged())
        if self.after is not result:
            return
        key = "saved_neutralised" if (number - 1) in result.record.neutralised else "saved_counted"
        self.query_one("#neut-status", Static).update(
            Text(self.tr(f"neutralise.{key}", number=number))
        )
        self._show()

    def _show(self) -> None:
        before, after = self.before, self.after
        if before is None or after is None:
            return
        self.query_one("#neut-result", Static).update(Text("\n".join(self.result_lines())))
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for outcome in after.questions:
            table.add_row(*self._cells(outcome), key=str(outcome.index))
        if after.questions:
            table.move_cursor(row=min(row, len(after.questions) - 1))

    def _cells(self, outcome: QuestionOutcome) -> tuple[Text, ...]:
        answer = outcome.answer
        if outcome.status is QuestionStatus.UNSERVED:
            given = self.tr("neutralise.unserved")
        elif answer is not None:
            given = self.tr("neutralise.right" if answer.result.is_correct else "neutralise.wrong")
        else:
            given = self.tr("neutralise.skipped")
        set_aside = outcome.status is QuestionStatus.NEUTRALISED
        state = self.tr("neutralise.neutralised") if set_aside else ""
        return (
            Text(str(outcome.index + 1)),
            Text(outcome.question.competence),
            Text(outcome.question.challenge_id[:CHALLENGE_WIDTH]),
            Text(given),
            Text(state, style="bold yellow" if set_aside else ""),
        )

    def result_lines(self) -> list[str]:
        assert self.before is not None and self.after is not None
        lines = [
            self._summary("neutralise.before", self.before),
            self._summary("neutralise.after", self.after),
        ]
        changes = [
            self.tr(
                "neutralise.mark_change",
                code=old.competence,
                old=self._level(old.level),
                new=self._level(new.level),
            )
            for old, new in zip(self.before.competences, self.after.competences, strict=True)
            if old.level != new.level
        ]
        lines.append(
            self.tr("neutralise.marks", changes=" · ".join(changes))
            if changes
            else self.tr("neutralise.no_mark_change")
        )
        return lines

    def _summary(self, key: str, result: CertificationResult) -> str:
        verdict = self.tr(
            "certification.verdict_rejected"
            if result.rejected
            else "certification.verdict_validated"
        )
        return self.tr(
            key,
            rate=result.rate,
            verdict=verdict,
            score=result.score,
            neutralised=len(result.record.neutralised),
        )

    def _level(self, level: int) -> str:
        return self.tr("report.uncertified") if level < 0 else self.tr("report.level", level=level)

    # -- keys --------------------------------------------------------------------------

    def action_other(self) -> None:
        """The next older finished certification, back to the newest after the oldest."""
        if len(self.initial) < 2:
            return
        self.chosen = (self.chosen + 1) % len(self.initial)
        self.query_one(DataTable).move_cursor(row=0)
        self.query_one("#neut-status", Static).update(Text(self.tr("neutralise.hint")))
        self._show_title()
        self._show()

    def action_toggle(self) -> None:
        table = self.query_one(DataTable)
        if self.after is None or not self.after.questions or table.cursor_row is None:
            return
        self.save(self.after.record.id, table.cursor_row + 1)

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_toggle()

    def action_close(self) -> None:
        self.dismiss()
