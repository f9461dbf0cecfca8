"""The Textual application: owns the shared context and the live profile view.

Disk work (bank, profile) runs in thread workers; widgets learn about it through the
`profile_view` reactive and the messages of `messages.py`, never by reading the disk.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.app import App
from textual.binding import Binding
from textual.reactive import var
from textual.screen import Screen

from pix_tui.app import themes
from pix_tui.app.commands import PixCommandProvider, install_bindings
from pix_tui.app.context import AppContext, local_now
from pix_tui.app.messages import (
    AnswerRecorded,
    BankLoaded,
    PositioningFinished,
    ProfileChanged,
    ProfileLoaded,
)
from pix_tui.app.options import AppOptions
from pix_tui.core.safe_text import inert
from pix_tui.i18n import Translator, detect_language

if TYPE_CHECKING:
    from pix_tui.app.certification_session import CertificationStatus
    from pix_tui.core.profile import ProfileView

MIN_WIDTH = 80
MIN_HEIGHT = 24
BANK_START_DELAY_S = 0.05
EXIT_AFTER_HOME_ENV = "PIX_TUI_EXIT_AFTER_HOME"
"""Start-up benchmark hook: exit as soon as the home screen has painted (`first` or `ready`)."""


class PixApp(App[int]):
    CSS_PATH = ["app.tcss", "screens/home.tcss", "screens/profile_picker.tcss"]  # noqa: RUF012
    """The screens shown at start-up are styled with the app: a screen that brings its own
    CSS makes Textual re-parse every style sheet when it first appears, on the way to the
    first paint."""
    TITLE = "pix-tui"
    COMMANDS = {PixCommandProvider}  # noqa: RUF012 (Textual's own class-level convention)
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [  # noqa: RUF012 (Textual's own class-level convention)
        Binding("tab", "focus_next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", show=False, priority=True),
    ]
    """Textual's Tab and Shift+Tab, handled as soon as they arrive: keys typed in one burst
    ("Tom", Tab, "5678") would otherwise reach the field the focus is leaving. No widget of
    pix-tui takes Tab for itself, so moving the focus is always what Tab means here."""

    profile_view: var[ProfileView | None] = var(None, always_update=True)
    """The learner's derived profile; None until both the bank and the profile are loaded."""

    def __init__(self, ctx: AppContext, options: AppOptions, environ: Mapping[str, str]) -> None:
        super().__init__()
        self.ctx = ctx
        self.options = options
        self.environ = dict(environ)
        self.data_dir: Path | None = None
        self.exit_after_home = self.environ.get(EXIT_AFTER_HOME_ENV, "")
        self.bank_failed = False
        self.certification_status: CertificationStatus | None = None
        self._bank_requested = False
        if ctx.low_bandwidth:
            self.animation_level = "none"
        for theme in themes.pix_themes():
            self.register_theme(theme)
        self.theme_choice = themes.DEFAULT_CHOICE
        self.theme = themes.theme_for(self.theme_choice, low_bandwidth=ctx.low_bandwidth)
        install_bindings(self, "app", ctx.tr)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return themes.variable_defaults()

    # -- start-up ---------------------------------------------------------------------

    def on_mount(self) -> None:
        self.title = self.ctx.tr("common.app_title")
        if self.options.teacher:
            self.show_class()
        elif self.ctx.demo:
            self._open_demo()
        elif self.options.profile:
            self.open_profile(self.options.profile, None, from_command_line=True)
        else:
            self._show_picker()
        self._check_size(self.size.width, self.size.height)

    def _show_picker(self, preselect: str | None = None, message: str = "") -> None:
        from pix_tui.app.screens.profile_picker import ProfilePickerScreen

        self.switch_to(ProfilePickerScreen(preselect=preselect, message=message))

    def _open_demo(self) -> None:
        from pix_tui.store import MemoryProfileStore

        self.ctx.store = MemoryProfileStore(self.ctx.tr("common.demo_profile"))
        self._profile_ready({}, ())

    def switch_to(self, screen: Screen[Any]) -> None:
        """Replace the whole stack: the picker and home are roots, not layers."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) == 2:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        self._check_size(self.size.width, self.size.height)

    def start_loading_bank(self) -> None:
        """Called once the first real screen has painted: loading must not delay that paint.

        Reading a large parse cache holds the interpreter for a while, so it starts a moment
        later, once Textual's writer thread has delivered the frame to the terminal.
        """
        if not self._bank_requested:
            self._bank_requested = True
            self.set_timer(BANK_START_DELAY_S, self.load_bank)

    @work(thread=True, exclusive=True, group="bank")
    def load_bank(self) -> None:
        from pix_tui.core.loader import default_bank_path, load_bank

        root = self.options.challenges or default_bank_path()
        try:
            report = load_bank(root, cache_dir=self._cache_dir())
        except (OSError, ValueError, RuntimeError) as error:
            # The loader reports bad files itself; this is the machinery failing (a full disk,
            # a process pool that cannot start): say so instead of closing on the learner.
            self.call_from_thread(self._bank_failed, root, error)
            return
        self.call_from_thread(self._bank_loaded, report)

    def _bank_failed(self, root: Path, error: Exception) -> None:
        self.bank_failed = True
        self.notify(
            inert(self.ctx.tr("common.bank_failed", path=root, details=error)),
            title=self.ctx.tr("common.bank_notice_title"),
            severity="error",
            timeout=30,
            markup=False,
        )

    def cache_dir(self) -> Path | None:
        """The parse cache's folder, also where the class view keeps learners' levels."""
        return self._cache_dir()

    def _cache_dir(self) -> Path | None:
        value = self.environ.get("PIX_TUI_CACHE")
        if value == "":
            return None
        if value:
            return Path(value)
        from platformdirs import user_cache_path

        return user_cache_path("pix-tui", appauthor=False)

    def check_command(self, root: Path) -> str:
        """The command that explains this bank's problems: it names the folder unless it is
        the shipped bank, so a teacher's bank is the one checked."""
        from pix_tui.core.loader import default_bank_path

        if self.options.challenges is None or Path(root) == default_bank_path():
            return "pix-tui check"
        return f"pix-tui check {shlex.quote(str(root))}"

    def _bank_loaded(self, report: Any) -> None:
        self.ctx.load_report = report
        self.ctx.bank = report.bank
        tr = self.ctx.tr
        if not len(report.bank):
            self.notify(
                inert(
                    tr("common.bank_empty", path=report.root, check=self.check_command(report.root))
                ),
                title=tr("common.bank_notice_title"),
                severity="error",
                timeout=30,
                markup=False,
            )
        elif report.errors:
            self.notify(
                inert(
                    tr(
                        "common.bank_skipped",
                        count=report.skipped_files,
                        check=self.check_command(report.root),
                    )
                ),
                title=tr("common.bank_notice_title"),
                severity="warning",
                timeout=15,
                markup=False,
            )
        self.post_message(BankLoaded())

    @work(thread=True, exclusive=True, group="profile-open")
    def open_profile(self, name: str, pin: str | None, *, from_command_line: bool = False) -> None:
        """Open on a worker; failures come back to the picker, which says why in plain words."""
        from pix_tui.store import ProfileError, open_profile, resolve_data_dir

        try:
            data_dir = resolve_data_dir(self.options.data_dir, self.environ)
            store = open_profile(data_dir, name, pin)
            settings = store.settings
        except (ProfileError, OSError) as error:
            self.call_from_thread(self._profile_failed, name, pin, error, from_command_line)
            return
        self.call_from_thread(self._store_opened, store, data_dir, settings)

    def _profile_failed(
        self, name: str, pin: str | None, error: Exception, from_command_line: bool
    ) -> None:
        from pix_tui.app.screens.profile_picker import ProfilePickerScreen, describe_error
        from pix_tui.store import WrongPin

        if isinstance(self.screen, ProfilePickerScreen):
            self.screen.show_error(name, error)
            return
        quiet = from_command_line and pin is None and isinstance(error, WrongPin)
        message = "" if quiet else describe_error(self.ctx.tr, error, name)
        self._show_picker(preselect=name if from_command_line else None, message=message)

    def _store_opened(self, store: Any, data_dir: Path, settings: dict[str, Any]) -> None:
        self.data_dir = data_dir
        old = self.ctx.store
        self.ctx.store = store
        if old is not None and old is not store:
            self.close_store(old)
        self._profile_ready(settings, getattr(store, "recoveries", ()))

    def _profile_ready(self, settings: Mapping[str, Any], recoveries: Iterable[Any]) -> None:
        from pix_tui.app.screens.home import HomeScreen
        from pix_tui.app.text import describe_recovery

        self.theme_choice = str(settings.get("theme", themes.DEFAULT_CHOICE))
        self.theme = themes.theme_for(self.theme_choice, low_bandwidth=self.ctx.low_bandwidth)
        self.sub_title = inert(self.ctx.store.name)
        self.switch_to(HomeScreen())
        for recovery in recoveries:
            self.notify(
                describe_recovery(self.ctx.tr, recovery),
                severity="warning",
                timeout=30,
                markup=False,
            )
        self.post_message(ProfileLoaded())

    @work(thread=True, group="store-close")
    def close_store(self, store: Any) -> None:
        store.close()

    # -- the live profile view --------------------------------------------------------

    @on(BankLoaded)
    @on(ProfileLoaded)
    @on(AnswerRecorded)
    @on(PositioningFinished)
    @on(ProfileChanged)
    def _records_changed(self) -> None:
        self.refresh_profile()

    @work(thread=True, exclusive=True, group="profile-view")
    def refresh_profile(self) -> None:
        """Re-derive levels and pix from the records: the core is the only source of truth.

        What a teacher's class view needs of it is left in the profile folder, so that a
        first look at the class does not replay every learner (`store/standing_file.py`)."""
        ctx = self.ctx
        store, bank = ctx.store, ctx.bank
        if store is None or bank is None:
            return
        from pix_tui.core.class_report import last_activity
        from pix_tui.core.profile import Replays, derive_profile
        from pix_tui.store import ProfileError
        from pix_tui.store.standing_cache import Cached, context_of

        try:
            records = store.snapshot()
        except ProfileError as error:  # closed meanwhile (profile switched): nothing to show
            self.log.warning(f"profile not derived: {error}")
            return
        now = ctx.now()
        if ctx.replays is None or not ctx.replays.fits(bank, ctx.rules):
            ctx.replays = Replays(bank, ctx.rules)
        view = derive_profile(
            bank, records.positionings, records.answers, records.resets, now, ctx.rules, ctx.replays
        )
        from pix_tui.app.certification_session import certification_status

        try:
            status = certification_status(store, view, now, ctx.rules)
        except ProfileError as error:
            self.log.warning(f"certifications not read: {error}")
            return
        if store is not self.ctx.store:
            return
        self.call_from_thread(self._show_profile, view, status)
        moment = last_activity(records.answers, records.positionings, records.resets, store.created)
        cached = Cached.of(view, moment, records.certifications, records.answers, ctx.rules)
        store.save_standing(records, context_of(bank, ctx.rules), cached)

    def _show_profile(self, view: ProfileView, status: CertificationStatus) -> None:
        """The certification status first: the screens read it when the view changes."""
        self.certification_status = status
        self.profile_view = view

    # -- settings ---------------------------------------------------------------------

    def set_theme_choice(self, choice: str) -> None:
        self.theme_choice = choice
        self.theme = themes.theme_for(choice, low_bandwidth=self.ctx.low_bandwidth)
        if self.ctx.store is not None:
            self.save_settings(theme=choice)

    @work(thread=True, group="settings")
    def save_settings(self, **values: object) -> None:
        """A setting that cannot be saved is said, and the session goes on with it."""
        from pix_tui.store import ProfileError

        try:
            self.ctx.store.update_settings(**values)
        except ProfileError as error:
            from pix_tui.app.text import error_text

            message = self.ctx.tr("common.save_failed", details=error_text(self.ctx.tr, error))
            self.call_from_thread(self.notify, message, severity="error")

    # -- actions shared by every screen -----------------------------------------------

    def action_help(self) -> None:
        from pix_tui.app.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            placeholder = self.ctx.tr("palette.placeholder")
            self.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))

    def action_help_quit(self) -> None:
        self.notify(self.ctx.tr("palette.help_quit"))

    def action_cycle_theme(self) -> None:
        choice = themes.next_choice(self.theme_choice)
        self.set_theme_choice(choice)
        self.notify(self.ctx.tr("common.theme_now", name=self.ctx.tr(f"common.theme_{choice}")))

    def action_go_home(self) -> None:
        from pix_tui.app.screens.home import HomeScreen

        if self.ctx.store is None:
            return
        while len(self.screen_stack) > 2 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def action_browse(self, competence: str = "") -> None:
        from pix_tui.app.screens.browse import BrowseScreen

        if self.ctx.store is None:
            return
        self.action_go_home()
        self.push_screen(BrowseScreen(competence or None))

    def action_progress(self) -> None:
        """Opens over whatever is shown (a question too): Esc comes back to it."""
        from pix_tui.app.screens.progress import ProgressScreen

        if self.ctx.store is None or isinstance(self.screen, ProgressScreen):
            return
        self.push_screen(ProgressScreen())

    def action_position(self, competence: str) -> None:
        """A finished competence is not positioned again from here (a retry has its rules):
        its page in Browse opens instead, saying when and how it can be retried."""
        from pix_tui.app.screens.browse import BrowseScreen
        from pix_tui.app.screens.positioning import PositioningScreen

        if self.ctx.store is None or self.ctx.bank is None:
            return
        profile = self.profile_view
        competence_view = profile.competences.get(competence) if profile is not None else None
        if competence_view is not None and str(competence_view.status) == "finished":
            self.action_go_home()
            self.push_screen(BrowseScreen(competence, explain="start"))
            return
        self.push_screen(PositioningScreen(competence))

    def action_certification(self) -> None:
        from pix_tui.app.screens.certification_intro import CertificationIntroScreen

        if self.ctx.store is not None and self.ctx.bank is not None:
            self.action_go_home()
            self.push_screen(CertificationIntroScreen())

    def action_demo_certifiable(self) -> None:
        """Demo only: a profile positioned on a few competences, ready to certify."""
        if self.ctx.demo and self.ctx.store is not None and self.ctx.bank is not None:
            self.fill_demo_profile()

    @work(thread=True, exclusive=True, group="demo-profile")
    def fill_demo_profile(self) -> None:
        from pix_tui.app.demo_profile import fill_certifiable

        count = fill_certifiable(self.ctx.store, self.ctx.bank, self.ctx.now(), self.ctx.rules)
        self.call_from_thread(self._demo_filled, count)

    def _demo_filled(self, count: int) -> None:
        self.notify(self.ctx.tr("certification.demo_filled", count=count))
        self.post_message(ProfileChanged())

    def action_practise(self, competence: str = "", errors_only: bool = False) -> None:
        from pix_tui.app.screens.practice import PracticeScreen

        if self.ctx.store is not None and self.ctx.bank is not None:
            self.push_screen(PracticeScreen(competence=competence or None, errors_only=errors_only))

    # -- the teacher's side -----------------------------------------------------------

    def class_data_dir(self) -> Path:
        from pix_tui.store import resolve_data_dir

        return resolve_data_dir(self.options.data_dir, self.environ)

    def show_class(self) -> None:
        from pix_tui.app.screens.class_view import ClassScreen

        if self.options.teacher and not self.screen_stack[1:]:
            self.switch_to(ClassScreen())
        elif not isinstance(self.screen, ClassScreen):
            self.push_screen(ClassScreen())

    def action_teacher(self) -> None:
        """The class view from the app: behind the class settings' teacher code."""
        from pix_tui.app.screens.class_dialogs import AskText

        if self.ctx.demo:
            return
        if self.options.teacher_code is None:
            self.notify(self.ctx.tr("teacher.no_code"), severity="warning", timeout=15)
            return

        def typed(code: str | None) -> None:
            if code:
                self.check_teacher_code(code)

        self.push_screen(AskText(self.ctx.tr("teacher.code_ask"), password=True), typed)

    @work(thread=True, exclusive=True, group="teacher-code")
    def check_teacher_code(self, code: str) -> None:
        from pix_tui.store.pin import verify_pin

        if self.options.teacher_code is not None and verify_pin(code, self.options.teacher_code):
            self.call_from_thread(self.show_class)
        else:
            message = self.ctx.tr("teacher.code_wrong")
            self.call_from_thread(self.notify, message, severity="error")

    def action_change_code(self) -> None:
        """The learner's own code: the current one first (if any), then the new one."""
        from pix_tui.app.screens.class_dialogs import AskText

        store = self.ctx.store
        if store is None or self.ctx.demo:
            return
        tr = self.ctx.tr

        def new_code(current: str | None) -> None:
            def chosen(code: str | None) -> None:
                if code is None:
                    return
                if code and (len(code) != 4 or not code.isdigit()):
                    self.notify(tr("teacher.own_bad"), severity="error")
                    return
                self.save_own_code(current, code or None)

            self.push_screen(AskText(tr("teacher.own_new"), password=True), chosen)

        if store.has_pin:
            self.push_screen(
                AskText(tr("teacher.own_current"), password=True),
                lambda current: new_code(current) if current is not None else None,
            )
        else:
            new_code(None)

    @work(thread=True, group="settings")
    def save_own_code(self, current: str | None, new: str | None) -> None:
        from pix_tui.app.text import error_text
        from pix_tui.store import ProfileError

        try:
            self.ctx.store.change_pin(current, new)
        except ProfileError as error:
            message = error_text(self.ctx.tr, error)
            self.call_from_thread(self.notify, message, severity="error")
            return
        done = self.ctx.tr("teacher.own_changed" if new else "teacher.own_removed")
        self.call_from_thread(self.notify, done)

    def action_switch_profile(self) -> None:
        if self.ctx.demo:
            return
        store, self.ctx.store = self.ctx.store, None
        self.profile_view = None
        if store is not None:
            self.close_store(store)
        self.sub_title = ""
        self._show_picker()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        from pix_tui.app.screens.too_small import TooSmallScreen

        if isinstance(self.screen, TooSmallScreen) and action not in {"quit", "help_quit"}:
            return False
        needs_profile = {
            "go_home",
            "browse",
            "progress",
            "switch_profile",
            "cycle_theme",
            "position",
            "practise",
        }
        if action in needs_profile and self.ctx.store is None:
            return None
        if action == "switch_profile" and self.ctx.demo:
            return False
        if action in {"position", "practise", "certification"} and self.ctx.bank is None:
            return None
        if action == "certification" and self.ctx.store is None:
            return None
        if action == "demo_certifiable":
            return self.ctx.demo and self.ctx.bank is not None and self._demo_not_certifiable()
        return True

    def _demo_not_certifiable(self) -> bool:
        view = self.profile_view
        return view is not None and not view.certifiable

    # -- terminal size ----------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size.width, event.size.height)

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """A screen arriving while the size notice shows (a result a worker finished) goes
        under the notice: it is drawn once the window is big enough, never cut at 60×20."""
        from pix_tui.app.screens.too_small import TooSmallScreen

        covered = isinstance(self.screen, TooSmallScreen) and len(self.screen_stack) > 1
        if not covered or isinstance(screen, TooSmallScreen):
            return super().push_screen(screen, *args, **kwargs)
        self.pop_screen()
        pushed = super().push_screen(screen, *args, **kwargs)
        super().push_screen(TooSmallScreen())
        return pushed

    def _check_size(self, width: int, height: int) -> None:
        from pix_tui.app.screens.too_small import TooSmallScreen

        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if too_small and not showing:
            self.push_screen(TooSmallScreen())
        elif not too_small and showing:
            self.pop_screen()

    # -- start-up benchmark -----------------------------------------------------------

    def home_painted(self, *, complete: bool) -> bool:
        """Called by the home screen after a paint; True when a benchmark asked to exit now."""
        if self.exit_after_home == "first" or (self.exit_after_home == "ready" and complete):
            self.exit(0)
            return True
        return False

    def on_unmount(self) -> None:
        if self.ctx.store is not None:
            self.ctx.store.close()


def create_app(
    options: AppOptions,
    *,
    environ: Mapping[str, str] | None = None,
    now: Callable[[], datetime] | None = None,
) -> PixApp:
    """Build the app from its options; the tests use this too, with their own environ and clock."""
    env = dict(os.environ if environ is None else environ)
    lang = options.lang or detect_language(env)
    ctx = AppContext(
        tr=Translator(lang),
        engine_kind=options.engine,
        rules=options.rules(),
        demo=options.demo,
        low_bandwidth=options.wants_low_bandwidth(env),
        now=now or local_now,
    )
    return PixApp(ctx, options, env)


def run(options: AppOptions, environ: Mapping[str, str] | None = None) -> int:
    app = create_app(options, environ=environ)
    result = app.run(mouse=not app.ctx.low_bandwidth)
    return app.return_code if app.return_code is not None else (result or 0)
