"""The referential as a tree (domain → competence), with what the learner can do on each.

Whether a retry or a reset is allowed, and from when, comes from core/profile.py; this screen
only greys the keys (check_action) and writes the date in words.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static, Tree

from pix_tui.app import view
from pix_tui.app.commands import Scope
from pix_tui.app.messages import ProfileChanged
from pix_tui.app.profile_follower import ProfileFollower
from pix_tui.app.screens.base import PixScreen
from pix_tui.app.text import error_text, short_date
from pix_tui.app.widgets.gauge import level_gauge
from pix_tui.app.widgets.quiet_footer import QuietFooter
from pix_tui.core.referential import Competence, referential
from pix_tui.core.safe_text import inert

ACTIONS_NEEDING_A_COMPETENCE = {"start", "retry", "reset", "practise", "review"}


class BrowseScreen(ProfileFollower, PixScreen[None]):
    SCOPE = Scope.BROWSE
    CSS_PATH = "browse.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012

    def __init__(self, competence: str | None = None, explain: str = "") -> None:
        """`explain`: an action refused before this screen opened (the palette's "position
        on"), explained here on arrival."""
        super().__init__()
        self.initial = competence
        self.explain = explain
        self.code: str | None = competence
        self.notice = ""

    def compose(self) -> ComposeResult:
        yield Static(self.tr("browse.title"), id="browse-title", markup=False)
        with Horizontal(id="browse"):
            yield self._tree()
            with VerticalScroll(id="detail"):
                yield Static("", id="detail-title", markup=False)
                yield Static("", id="detail-domain", markup=False)
                yield Static("", id="detail-level", markup=False)
                yield Static("", id="detail-state", markup=False)
                yield Static("", id="detail-actions", markup=False)
                yield Static("", id="detail-topics", markup=False)
                yield Static("", id="detail-description", markup=False)
        yield Static("", id="browse-notice", markup=False)
        yield QuietFooter(compact=True)

    def _tree(self) -> Tree[str]:
        ref = referential()
        tree: Tree[str] = Tree(self.tr("browse.root"), id="tree")
        tree.show_root = False
        tree.guide_depth = 2
        for domain in ref.domains:
            branch = tree.root.add(f"{domain.code} {domain.title(self.ctx.lang)}", expand=True)
            for competence in ref.of_domain(domain.code):
                label = f"{competence.code} {competence.title(self.ctx.lang)}"
                branch.add_leaf(label, data=competence.code)
        return tree

    def on_mount(self) -> None:
        tree = self.query_one("#tree", Tree)
        tree.focus()
        self._move_to(self.initial or referential().competences[0].code)
        self.follow_profile(self._refresh_detail)
        if self.explain:
            self.explain_unavailable(self.explain)

    def _move_to(self, code: str) -> None:
        tree = self.query_one("#tree", Tree)
        for line in range(tree.last_line + 1):
            node = tree.get_node_at_line(line)
            if node is not None and node.data == code:
                tree.cursor_line = line
                tree.scroll_to_node(node, animate=False)
                break
        self.code = code
        self._refresh_detail(self.pix_app.profile_view)

    @on(Tree.NodeHighlighted, "#tree")
    def _highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        if event.node.data is not None and event.node.data != self.code:
            self.code = event.node.data
            self.show_unavailable("")
            self._refresh_detail(self.pix_app.profile_view)

    @on(Tree.NodeSelected, "#tree")
    def _selected(self, event: Tree.NodeSelected[str]) -> None:
        """Enter on a competence: the tree takes the key, so a refusal is explained here."""
        if event.node.data is None:
            return
        if self.check_action("start", ()) is True:
            self.action_start()
        else:
            self.explain_unavailable("start")

    # -- the detail pane --------------------------------------------------------------

    def _competence(self) -> Competence | None:
        return referential().competence(self.code) if self.code else None

    def _refresh_detail(self, profile: Any) -> None:
        competence = self._competence()
        if competence is None:
            return
        tr, lang = self.ctx.tr, self.ctx.lang
        domain = referential().domain(competence.domain)
        title = self.query_one("#detail-title", Static)
        title.update(f"{competence.code} · {competence.title(lang)}")
        for number in range(1, 6):
            title.set_class(str(number) == domain.code, f"domain-{number}")
        self.query_one("#detail-domain", Static).update(
            tr("browse.domain", code=domain.code, title=domain.title(lang))
        )
        self.query_one("#detail-description", Static).update(
            tr("browse.description", text=competence.description_fr)
        )
        self.query_one("#detail-topics", Static).update(self._topics_text(competence.code))
        state = view.competence_state(profile, competence.code) if profile else None
        if state is not None and self.notice == self.tr("browse.why_loading"):
            self.show_unavailable("")
        self.query_one("#detail-level", Static).update(self._level_text(state))
        self.query_one("#detail-state", Static).update(self._state_text(state))
        actions = self._actions_text(state)
        self.query_one("#detail-actions", Static).update(actions)
        self.query_one("#detail-actions", Static).display = bool(actions)
        self.refresh_bindings()

    def _topics_text(self, code: str) -> str:
        bank = self.ctx.bank
        if bank is None:
            return self.tr("common.loading_bank")
        topics = bank.topics(code)
        if not topics:
            return self.tr("home.bank_missing")
        titles = "\n".join(f"· {inert(bank.topic_title(code, topic))}" for topic in topics)
        return self.tr("browse.topics", count=len(bank.of_competence(code)), topics=titles)

    def _level_text(self, state: view.CompetenceState | None) -> str:
        if state is None:
            return self.tr("common.loading")
        gauge = level_gauge(state.level, self.ctx.rules.max_level)
        return self.tr(
            "browse.level",
            gauge=gauge,
            level=state.level,
            max_level=self.ctx.rules.max_level,
            pix=state.pix,
            max_pix=self.ctx.rules.max_pix_per_competence,
        )

    def _state_text(self, state: view.CompetenceState | None) -> str:
        if state is None:
            return ""
        if state.in_progress:
            return self.tr("browse.in_progress", answered=state.answered)
        if state.finished and state.finished_at is not None:
            date = short_date(self.ctx.tr, state.finished_at)
            return self.tr("browse.finished", date=date, count=state.positionings)
        if not state.available:
            return ""  # the topics line already says the bank has nothing for it
        return self.tr("browse.not_started")

    def _actions_text(self, state: view.CompetenceState | None) -> str:
        """Why a greyed key is greyed: the date it becomes available, in words."""
        if state is None:
            return ""
        lines = []
        if state.finished and state.available and state.level >= self.ctx.rules.max_level:
            lines.append(self.tr("browse.retry_at_max", level=state.level))
        elif state.finished and state.available:
            lines.append(self._availability("browse.retry", state.can_retry, state.retry_at))
        if state.status != "not_started":
            lines.append(self._availability("browse.reset", state.can_reset, state.reset_at))
        return "\n".join(lines)

    def _availability(self, key: str, allowed: bool, when: datetime | None) -> str:
        if allowed or when is None:
            return self.tr(f"{key}_now")
        return self.tr(f"{key}_from", date=short_date(self.ctx.tr, when))

    # -- actions ----------------------------------------------------------------------

    def _state(self) -> view.CompetenceState | None:
        profile = self.pix_app.profile_view
        if profile is None or self.code is None:
            return None
        return view.competence_state(profile, self.code)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Greyed (None) rather than hidden: the detail pane says when a key will work."""
        if action not in ACTIONS_NEEDING_A_COMPETENCE:
            return True
        state = self._state()
        if state is None:
            return None
        enabled = {
            "start": state.available and not state.finished,
            "retry": state.available and state.finished and state.can_retry,
            "reset": state.status != "not_started" and state.can_reset,
            "practise": state.available,
            "review": state.last_positioning_id is not None,
        }[action]
        return True if enabled else None

    def unavailable_reason(self, action: str) -> str:
        if action not in ACTIONS_NEEDING_A_COMPETENCE or self.code is None:
            return ""
        return view.unavailable_reason(
            self.ctx.tr, self._state(), action, self.code, self.ctx.rules.max_level
        )

    def show_unavailable(self, reason: str) -> None:
        """On the line above the footer, until the cursor moves: one at a time, never piled."""
        self.notice = reason
        notice = self.query_one("#browse-notice", Static)
        notice.update(reason)
        notice.display = bool(reason)

    def action_start(self) -> None:
        if self.code is not None and self.check_action("start", ()):
            self.pix_app.action_position(self.code)

    def action_retry(self) -> None:
        from pix_tui.app.screens.positioning import PositioningScreen

        if self.code is not None and self.check_action("retry", ()):
            self.app.push_screen(PositioningScreen(self.code, retry=True))

    def action_practise(self) -> None:
        if self.code is not None and self.check_action("practise", ()):
            self.pix_app.action_practise(self.code)

    def action_review(self) -> None:
        from pix_tui.app.screens.result import ResultScreen

        state = self._state()
        if state is not None and state.last_positioning_id is not None:
            self.app.push_screen(ResultScreen(state.last_positioning_id))

    def action_reset(self) -> None:
        from pix_tui.app.screens.confirm import ConfirmScreen

        competence = self._competence()
        if competence is None or not self.check_action("reset", ()):
            return
        question = self.tr(
            "browse.reset_confirm", code=competence.code, title=competence.title(self.ctx.lang)
        )

        def confirmed(answer: bool | None) -> None:
            if answer:
                self.reset_competence(competence.code)

        self.app.push_screen(ConfirmScreen(question), confirmed)

    @work(thread=True, exclusive=True, group="reset")
    def reset_competence(self, code: str) -> None:
        from pix_tui.core.history import ResetRecord
        from pix_tui.store import ProfileError

        try:
            self.ctx.store.reset_competence(ResetRecord(competence=code, at=self.ctx.now()))
        except ProfileError as error:
            self.app.call_from_thread(
                self.app.notify,
                self.tr("common.save_failed", details=error_text(self.ctx.tr, error)),
                severity="error",
            )
            return
        self.app.call_from_thread(self.app.post_message, ProfileChanged())
        self.app.call_from_thread(
            self.app.notify, self.tr("browse.reset_done", code=code), timeout=6
        )
