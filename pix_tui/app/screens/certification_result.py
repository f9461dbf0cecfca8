"""The result of a certification blanche, then the correction of every question.

Rebuilt from the stored record and answers (the core's `score`), so a question neutralised
afterwards shows at once. Corrections appear only here, after the test.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from pix_tui.app import view
from pix_tui.app.screens.challenge_view import statement_markdown
from pix_tui.app.screens.flow_keys import CLOSE, EXPORT, install_keys
from pix_tui.app.screens.quiet_screen import QuietScreen
from pix_tui.app.text import error_text, short_date
from pix_tui.app.widgets.correction import CorrectionCard
from pix_tui.app.widgets.quiet_footer import QuietFooter
from pix_tui.core.certification import CertificationResult, QuestionStatus, Shortfall
from pix_tui.core.history import CertificationEnd
from pix_tui.core.model import Result
from pix_tui.core.referential import referential


class CertificationResultScreen(QuietScreen):
    CSS_PATH = ["result.tcss", "certification.tcss"]  # noqa: RUF012

    def __init__(self, result: CertificationResult) -> None:
        super().__init__()
        install_keys(self, self.ctx.tr, (EXPORT, CLOSE))
        self.result = result

    def compose(self) -> ComposeResult:
        date = short_date(self.ctx.tr, self.result.record.started_at)
        yield Static(self.tr("certification.result_title", date=date), id="result-title")
        with VerticalScroll(id="result-review"):
            yield Static("\n".join(self.summary_lines()), id="cert-summary", markup=False)
            yield Static(self.tr("certification.review"), classes="section", markup=False)
            yield from self.cards()
        yield Static(self.tr("certification.result_hint"), id="result-hint", markup=False)
        yield QuietFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#result-review").focus()

    def _title(self, code: str) -> str:
        try:
            return referential().competence(code).title(self.ctx.lang)
        except KeyError:
            return ""

    def summary_lines(self) -> list[str]:
        tr, result = self.ctx.tr, self.result
        lines = [
            tr(
                "certification.result_rate",
                rate=result.rate,
                right=result.correct,
                counted=result.counted_questions,
            )
        ]
        if result.rejected:
            lines.append(tr("certification.result_rejected"))
        else:
            lines.append(
                tr(
                    "certification.result_validated",
                    score=result.score,
                    profile=result.profile_pix,
                )
            )
        if result.auto_skipped:
            lines.append(tr("certification.result_auto_skipped", count=result.auto_skipped))
        end = result.record.end
        if end is CertificationEnd.TIME_UP:
            lines.append(tr("certification.result_end_time_up"))
        elif end is CertificationEnd.ABANDONED:
            lines.append(tr("certification.result_end_abandoned"))
        elif not result.finished:
            lines.append(tr("certification.result_in_progress"))
        lines += ["", tr("certification.by_competence")]
        for outcome in result.competences:
            code = outcome.competence
            lines.append(f"{code} {self._title(code)}")
            lines.append("  " + view.mark_line(tr, outcome, result.rate))
            if outcome.shortfall is not Shortfall.NONE:
                lines.append(
                    tr(
                        f"certification.shortfall_{outcome.shortfall}",
                        count=outcome.asked,
                        direct=outcome.direct_skills,
                    )
                )
        lines += ["", tr("certification.to_work_on")]
        weak = result.to_work_on
        if not weak:
            lines.append(tr("certification.nothing_to_work_on"))
        for outcome in weak:
            code = outcome.competence
            key = "work_on" if outcome.missed else "work_on_no_skill"
            skills = ", ".join(self._skill_title(code, name) for name in outcome.missed)
            lines.append(
                "· " + tr(f"certification.{key}", code=code, title=self._title(code), skills=skills)
            )
        return lines

    def _skill_title(self, code: str, name: str) -> str:
        from pix_tui.core.certification import parse_skill

        skill = parse_skill(code, name)
        bank = self.ctx.bank
        if skill is None or bank is None:
            return name
        level = self.tr("common.level_short", level=skill.level)
        return f"{bank.topic_title(code, skill.topic)} ({level})"

    def cards(self) -> list[Static]:
        tr, bank, result = self.ctx.tr, self.ctx.bank, self.result
        total = len(result.questions)
        cards: list[Static] = []
        for outcome in result.questions:
            heading = tr("certification.question", number=outcome.index + 1, total=total)
            status = outcome.status
            if status is QuestionStatus.UNSERVED:
                note = tr("certification.status_unserved", id=outcome.question.challenge_id)
                cards.append(Static(f"{heading} · {note}", classes="cert-note", markup=False))
                continue
            challenge = bank.get(outcome.question.challenge_id) if bank is not None else None
            if status is QuestionStatus.NEUTRALISED:
                heading += " · " + tr("certification.status_neutralised")
            elif status is QuestionStatus.AUTO_SKIPPED:
                heading += " · " + tr("certification.status_auto_skipped")
            answer = outcome.answer
            cards.append(
                CorrectionCard(
                    tr,
                    challenge,
                    answer.result if answer is not None else Result.SKIPPED,
                    answer.given if answer is not None else "",
                    heading=heading,
                    statement=statement_markdown(challenge, tr) if challenge else "",
                )
            )
        return cards

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":
            return not self.ctx.demo
        return True

    def action_export(self) -> None:
        if not self.ctx.demo:
            self.export()

    @work(thread=True, exclusive=True, group="certification-export")
    def export(self) -> None:
        from pathlib import Path

        from pix_tui.store.exports import EXPORTS_FOLDER, export_learner

        ctx = self.ctx
        folder = (self.pix_app.data_dir or Path.cwd()) / EXPORTS_FOLDER
        try:
            paths = export_learner(ctx.store, ctx.bank, ctx.rules, ctx.now(), ctx.tr, folder)
        except Exception as error:
            message = self.tr("certification.export_failed", error=error_text(self.ctx.tr, error))
            self.app.call_from_thread(self.notify, message, severity="error")
            return
        html, markdown = paths
        message = self.tr("certification.exported", html=html, markdown=markdown)
        self.app.call_from_thread(self.notify, message, timeout=20)

    def action_close(self) -> None:
        self.dismiss()
