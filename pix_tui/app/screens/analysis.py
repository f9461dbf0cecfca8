"""What the class's answers say about each challenge; a refused answer accepted from here.

Flagged challenges come first. Enter opens a challenge: its flags with their numbers, and for
a free-answer challenge the refused answers grouped the way the checker normalises them.
Enter on a refused answer shows the change to the challenge file as a diff; `o` writes it
(only once the parser accepts the new file). Past answers are not re-scored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, OptionList, Static
from textual.widgets.option_list import Option

from pix_tui.app.commands import Scope
from pix_tui.app.screens.base import PixModal, PixScreen
from pix_tui.app.screens.class_dialogs import Confirm
from pix_tui.app.text import flag_text, percent, shares_text
from pix_tui.core.analysis import ChallengeAnalysis, Placement, RefusedAnswer


class AnalysisScreen(PixScreen[None]):
    SCOPE = Scope.ANALYSIS
    CSS_PATH = "class_view.tcss"

    def __init__(self, room: Any, data: Any) -> None:
        super().__init__()
        self.room = room
        self.data = data
        self.results: list[ChallengeAnalysis] = []

    def compose(self) -> ComposeResult:
        yield Static(self.tr("analysis.title_loading"), id="analysis-title", markup=False)
        yield DataTable(id="analysis-table", cursor_type="row", zebra_stripes=True)
        yield Static(self.tr("analysis.legend"), id="analysis-legend", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label, width in (
            ("id", self.tr("analysis.col_challenge"), 24),
            ("comp", "C.", 3),
            ("lv", "N", 1),
            ("n", "n", 4),
            ("ok", "%", 4),
            ("below", "<N", 4),
            ("at", "=N", 4),
            ("above", ">N", 4),
            ("flags", "!", 3),
            ("refused", self.tr("analysis.col_refused"), 4),
        ):
            table.add_column(label, key=key, width=width)
        table.focus()
        self.analyse()

    @work(thread=True, exclusive=True, group="analysis")
    def analyse(self) -> None:
        results, problems = self.room.analysis(self.data)
        self.app.call_from_thread(self._show, results, len(problems))

    def _show(self, results: list[ChallengeAnalysis], skipped: int) -> None:
        self.results = results
        flagged = sum(1 for r in results if r.flagged)
        title = self.tr("analysis.title", count=len(results), flagged=flagged)
        if skipped:
            title += " · " + self.tr("analysis.skipped", count=skipped)
        self.query_one("#analysis-title", Static).update(title)
        table = self.query_one(DataTable)
        table.clear()
        for r in results:
            marks = "".join(self.tr(f"analysis.mark_{f.kind.value}") for f in r.flags)
            table.add_row(
                Text(r.challenge_id[:24]),
                r.competence,
                str(r.level),
                str(r.total.answers),
                percent(r.total),
                percent(r.groups[Placement.BELOW]),
                percent(r.groups[Placement.AT]),
                percent(r.groups[Placement.ABOVE]),
                Text(marks, style="bold red"),
                str(sum(a.count for a in r.refused)) if r.refused else "",
                key=r.challenge_id,
            )

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.results):
            self.app.push_screen(
                ChallengeReport(self.results[event.cursor_row], self.room, self.data)
            )

    def action_close(self) -> None:
        self.app.pop_screen()


class ChallengeReport(PixModal[None]):
    """One challenge: flags with their evidence, refused answers (Enter: accept one)."""

    BINDINGS = [Binding("escape", "close", show=False)]  # noqa: RUF012

    def __init__(self, result: ChallengeAnalysis, room: Any, data: Any) -> None:
        super().__init__()
        self.result = result
        self.room = room
        self.data = data
        self.root = room.bank.root

    def compose(self) -> ComposeResult:
        r, tr = self.result, self.tr
        head = Text(f"{r.challenge_id} · {r.competence} · N{r.level} · {r.path.name}", style="bold")
        head.append("\n" + shares_text(tr, r))
        for flag in r.flags:
            head.append("\n• " + flag_text(tr, flag), style="red")
        with Vertical(classes="class-dialog wide"):
            yield Static(head, id="report-head")
            if r.refused:
                yield Static(tr("analysis.refused_title"))
                yield OptionList(
                    *(Option(_refused_label(tr, a)) for a in r.refused), id="refused-list"
                )
            else:
                yield Static(tr("analysis.no_refused"))
            yield Static(tr("analysis.report_hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        if self.result.refused:
            refused = self.query_one(OptionList)
            refused.highlighted = 0
            refused.focus()

    @on(OptionList.OptionSelected)
    def _accept(self, event: OptionList.OptionSelected) -> None:
        self.propose(self.result.refused[event.option_index])

    @work(thread=True, exclusive=True, group="accept")
    def propose(self, refused: RefusedAnswer) -> None:
        """Builds the edit and checks it with the parser before anything is shown or written."""
        edit = build_edit(self.result.path, self.root, refused)
        if isinstance(edit, str):
            self.app.call_from_thread(self.notify, self.tr(edit), severity="error", timeout=15)
            return
        self.app.call_from_thread(self._confirm, refused, edit)

    def _confirm(self, refused: RefusedAnswer, edit: Any) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.write(edit)

        question = self.tr(
            "analysis.accept_confirm", answer=refused.shown, file=self.result.path.name
        )
        self.app.push_screen(Confirm(question, edit.diff(self.result.path.name)), answered)

    @work(thread=True, group="accept")
    def write(self, edit: Any) -> None:
        from pix_tui.store.atomic_storage import atomic_write

        path = self.result.path
        try:
            if path.read_text("utf-8") != edit.before:
                raise ValueError
            atomic_write(path, edit.after.encode("utf-8"), keep_backup=False)
        except ValueError:
            message = self.tr("analysis.file_changed", file=path.name)
            self.app.call_from_thread(self.notify, message, severity="error", timeout=15)
            return
        except OSError as error:
            message = self.tr("analysis.cannot_write", file=path, reason=error.strerror or error)
            self.app.call_from_thread(self.notify, message, severity="error", timeout=15)
            return
        self.app.call_from_thread(self.notify, self.tr("analysis.accepted", file=path.name))
        self.app.call_from_thread(self._offer_rescore, edit.after)

    def _offer_rescore(self, text: str) -> None:
        """Past answers keep their result unless the teacher asks, here and now."""

        def answered(yes: bool | None) -> None:
            if yes:
                self.rescore(text)

        self.app.push_screen(Confirm(self.tr("analysis.rescore_confirm")), answered)

    @work(thread=True, group="accept")
    def rescore(self, text: str) -> None:
        from pix_tui.app.text import error_text
        from pix_tui.core.parser import parse_challenge
        from pix_tui.core.rescore import rescores_for
        from pix_tui.store import ProfileError
        from pix_tui.store.rescores import rescore_profile

        path = self.result.path
        challenge = parse_challenge(text.encode("utf-8"), path, self.root).challenge
        now = self.ctx.now()
        answers = skipped = learners = 0
        refused: list[str] = []
        for profile in self.data.profiles:
            try:
                added = rescore_profile(
                    self.room.data_dir,
                    profile.name,
                    lambda given, done: rescores_for(challenge, given, done, now),
                )
            except ProfileError as error:
                skipped += 1
                refused.append(f"{profile.name} ({error_text(self.ctx.tr, error)})")
                continue
            answers += added
            learners += 1 if added else 0
        message = self.tr("analysis.rescored", answers=answers, learners=learners)
        if skipped:
            message += " " + self.tr("analysis.rescore_skipped", names="; ".join(refused))
        self.app.call_from_thread(
            self.notify, message, severity="warning" if skipped else "information", timeout=20
        )

    def action_close(self) -> None:
        self.dismiss(None)


def _refused_label(tr: Any, refused: RefusedAnswer) -> Text:
    label = Text()
    if refused.blank:
        label.append(f"{refused.blank} = ", style="dim")
    label.append(refused.shown)
    label.append(
        "  " + tr("analysis.refused_count", count=refused.count, learners=refused.learners),
        style="dim",
    )
    return label


def build_edit(path: Path, root: Path, refused: RefusedAnswer) -> Any:
    """The edit, or the catalogue key of why there is none (the file refused by the parser)."""
    from pix_tui.core.answer_edit import EditRefused, add_answer
    from pix_tui.core.parser import ChallengeError, parse_challenge

    try:
        text = path.read_text("utf-8")
        edit = add_answer(text, refused.shown, refused.blank)
        parse_challenge(edit.after.encode("utf-8"), path, root)
    except EditRefused as refusal:
        return f"analysis.edit_{refusal.key}"
    except ChallengeError:
        return "analysis.edit_invalid"
    except (OSError, UnicodeDecodeError):
        return "analysis.edit_unreadable"
    return edit
