"""Before a certification blanche: the rules in plain words, the number of questions, and the
way in (or back to a test in progress, or to give it up)."""

from __future__ import annotations

import math

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from pix_tui.app.screens.flow_keys import (
    ABANDON_CERTIFICATION,
    BACK,
    BEGIN_CERTIFICATION,
    install_keys,
)
from pix_tui.app.screens.quiet_screen import QuietScreen
from pix_tui.app.text import error_text
from pix_tui.app.widgets.quiet_footer import QuietFooter
from pix_tui.core.certification import Eligibility, Standing


class CertificationIntroScreen(QuietScreen):
    CSS_PATH = "certification.tcss"

    def __init__(self) -> None:
        super().__init__()
        install_keys(self, self.ctx.tr, (BEGIN_CERTIFICATION, ABANDON_CERTIFICATION, BACK))
        self.standing: Eligibility | None = None
        self.questions = 0

    def compose(self) -> ComposeResult:
        yield Static(self.tr("certification.intro_title"), id="cert-title", markup=False)
        with VerticalScroll(id="cert-body"):
            yield Static(self.tr("common.loading"), id="cert-intro", markup=False)
        yield Static("", id="cert-keys", markup=False)
        yield QuietFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#cert-body").focus()
        self.load()

    @work(thread=True, exclusive=True, group="certification-intro")
    def load(self) -> None:
        from pix_tui.app.certification_session import planned_count, standing

        ctx = self.ctx
        try:
            now = ctx.now()
            found = standing(ctx.store, ctx.bank, ctx.rules, now)  # type: ignore[arg-type]
            if found.standing is Standing.IN_PROGRESS:
                record = next(c for c in ctx.store.certifications() if c.id == found.in_progress_id)
                text = self._resume_text(record)
                count = len(record.questions)
            else:
                count = planned_count(ctx.store, ctx.bank, ctx.rules, now)  # type: ignore[arg-type]
                text = self._intro_text(found, count)
        except Exception as error:
            message = self.tr("certification.open_failed", error=error_text(self.ctx.tr, error))
            self.app.call_from_thread(self._show, None, 0, message)
            return
        self.app.call_from_thread(self._show, found, count, text)

    def _resume_text(self, record: object) -> str:
        from pix_tui.core.certification import answers_of, time_left, time_spent

        answers = self.ctx.store.answers()
        left = time_left(record, time_spent(record, answers))  # type: ignore[arg-type]
        return self.tr(
            "certification.intro_resume",
            answered=len(answers_of(record, answers)),  # type: ignore[arg-type]
            questions=len(record.questions),  # type: ignore[attr-defined]
            minutes=math.ceil(left / 60),
        )

    def _intro_text(self, found: Eligibility, count: int) -> str:
        tr, rules = self.ctx.tr, self.ctx.rules
        if found.standing is Standing.NOT_CERTIFIABLE:
            return tr("certification.intro_not_ready") + "\n\n" + self._standing_line(found)
        if found.standing is Standing.WAITING:
            return tr("certification.intro_not_ready") + "\n\n" + self._standing_line(found)
        if count == 0:
            return tr("certification.intro_no_question")
        profile = self.pix_app.profile_view
        competences = profile.at_level_one if profile is not None else 0
        return tr(
            "certification.intro_rules",
            questions=count,
            competences=competences,
            minutes=rules.certification_minutes,
            days=f"{rules.certification_delay_days:g}",
        )

    def _standing_line(self, found: Eligibility) -> str:
        from pix_tui.app.view import standing_text

        return standing_text(self.ctx.tr, found)

    def _show(self, found: Eligibility | None, count: int, text: str) -> None:
        self.standing, self.questions = found, count
        self.query_one("#cert-intro", Static).update(text)
        keys = ""
        if found is not None and found.standing is Standing.IN_PROGRESS:
            keys = self.tr("certification.intro_keys_resume")
        elif self._can_begin():
            keys = self.tr("certification.intro_keys")
        self.query_one("#cert-keys", Static).update(keys)
        self.refresh_bindings()

    def _can_begin(self) -> bool:
        found = self.standing
        if found is None:
            return False
        if found.standing is Standing.IN_PROGRESS:
            return True
        return found.standing is Standing.READY and self.questions > 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "begin":
            return self._can_begin()
        if action == "abandon":
            return self.standing is not None and self.standing.standing is Standing.IN_PROGRESS
        return True

    def action_begin(self) -> None:
        from pix_tui.app.screens.certification import CertificationScreen

        if self._can_begin():
            self.app.push_screen(CertificationScreen(), lambda _: self.dismiss())

    def action_abandon(self) -> None:
        from pix_tui.app.screens.confirm import ConfirmScreen

        if self.check_action("abandon", ()):
            self.app.push_screen(
                ConfirmScreen(self.tr("certification.abandon_question")), self._abandon_answered
            )

    def _abandon_answered(self, confirmed: bool | None) -> None:
        from pix_tui.app.screens.certification import CertificationScreen

        if confirmed:
            self.app.push_screen(CertificationScreen(abandon=True), lambda _: self.dismiss())

    def action_back(self) -> None:
        self.dismiss()
