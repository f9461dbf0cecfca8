"""Who is learning? Pick a name from the list, or create one with an optional 4-digit code.

The code only keeps classmates from opening each other's profile by mistake on a shared
account; the help says plainly that it is not a security boundary.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from pix_tui.app.commands import Scope, commands_for, overlay_bindings
from pix_tui.app.screens.base import PixScreen
from pix_tui.app.text import error_text
from pix_tui.core.safe_text import inert
from pix_tui.i18n import Translator

PIN_LENGTH = 4
MAX_NAME_LENGTH = 40


class Mode(enum.Enum):
    """What the picker is doing: its intro and its footer say what the keys do in each."""

    PICK = "pick"
    CREATE = "create"
    PIN = "pin"


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    has_pin: bool


def pin_problem(pin: str) -> str | None:
    """The translation key of what is wrong with a code, or None when it is fine (or empty)."""
    if not pin:
        return None
    if len(pin) != PIN_LENGTH or not pin.isdigit():
        return "profile.pin_format"
    return None


def name_problem(name: str, existing: list[str]) -> str | None:
    if not name.strip():
        return "profile.name_empty"
    if len(name.strip()) > MAX_NAME_LENGTH:
        return "profile.name_too_long"
    if name.strip().casefold() in {n.casefold() for n in existing}:
        return "profile.name_taken"
    return None


def describe_error(tr: Translator, error: Exception, name: str) -> str:
    """The store's refusals in the learner's language, worded for this screen."""
    from pix_tui.store import errors

    kinds: tuple[tuple[type[Exception], str], ...] = (
        (errors.ProfileLocked, "profile.locked"),
        (errors.PinRequired, "profile.pin_required"),
        (errors.WrongPin, "profile.wrong_pin"),
        (errors.ProfileNotFound, "profile.not_found"),
        (errors.ProfileExists, "profile.name_taken"),
        (errors.InvalidPin, "profile.pin_format"),
    )
    for kind, key in kinds:
        if isinstance(error, kind):
            return tr(key, name=name)
    return tr("profile.error", name=name, details=error_text(tr, error))


class ProfilePickerScreen(PixScreen[None]):
    SCOPE = Scope.PICKER

    def __init__(self, preselect: str | None = None, message: str = "") -> None:
        super().__init__()
        self.preselect = preselect
        self.initial_message = message
        self.entries: list[Entry] = []
        self.pin_for: str | None = None
        self.mode = Mode.PICK
        self._moving_to_pin = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="picker"):
            yield Static(self.tr("profile.title"), id="picker-title")
            yield Static("", id="picker-intro", markup=False)
            yield OptionList(id="profiles", markup=False)
            with Horizontal(id="pin-row", classes="hidden"):
                yield Label("", id="pin-label", markup=False)
                yield self._pin_input("pin", "profile.pin_placeholder")
            with Vertical(id="create-form", classes="hidden"):
                yield Label(self.tr("profile.create_title"), id="create-title")
                with Horizontal(classes="field"):
                    yield Label(self.tr("profile.name_label"), classes="field-label")
                    yield Input(
                        placeholder=self.tr("profile.name_placeholder"),
                        max_length=MAX_NAME_LENGTH,
                        compact=True,
                        id="new-name",
                    )
                with Horizontal(classes="field"):
                    yield Label(self.tr("profile.pin_label"), classes="field-label")
                    yield self._pin_input("new-pin", "profile.new_pin_placeholder")
                yield Static(self.tr("profile.form_keys"), id="form-keys")
                yield Static(self.tr("profile.pin_notice"), id="pin-notice")
        yield Static(inert(self.initial_message), id="picker-message", markup=False)
        yield Footer()

    def _pin_input(self, id: str, placeholder: str) -> Input:
        field = Input(
            placeholder=self.tr(placeholder),
            password=True,
            max_length=PIN_LENGTH,
            restrict=r"[0-9]*",
            compact=True,
            id=id,
        )
        if self.ctx.low_bandwidth:
            field.cursor_blink = False
        return field

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = not self.ctx.low_bandwidth and field.cursor_blink
        profiles = self.query_one("#profiles", OptionList)
        profiles.loading = True
        overlay_bindings(profiles, [self._open_binding()])
        self.show_message(self.initial_message)
        self.load_profiles()
        self.call_after_refresh(self.pix_app.start_loading_bank)

    def _open_binding(self) -> Binding:
        """The list's own Enter, labelled, so the footer says what Enter does on it."""
        command = next(c for c in commands_for(Scope.PICKER) if c.name == "open_profile")
        return Binding("enter", "select", command.label(self.ctx.tr), key_display="⏎")

    # -- listing ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="picker-list")
    def load_profiles(self) -> None:
        from pix_tui.store import ProfileError, list_profiles, resolve_data_dir

        app = self.pix_app
        try:
            data_dir = resolve_data_dir(app.options.data_dir, app.environ)
            infos = list_profiles(data_dir)
        except (ProfileError, OSError, ValueError) as error:
            self.app.call_from_thread(
                self.show_message, self.tr("profile.list_failed", details=str(error))
            )
            infos = []
        entries = [Entry(info.name, bool(info.has_pin)) for info in infos]
        self.app.call_from_thread(self._show_entries, entries)

    def _show_entries(self, entries: list[Entry]) -> None:
        self.entries = sorted(entries, key=lambda e: e.name.casefold())
        options = self.query_one("#profiles", OptionList)
        options.loading = False
        options.clear_options()
        options.add_options(
            Option(self._entry_text(entry), id=f"p{index}")
            for index, entry in enumerate(self.entries)
        )
        self.refresh_bindings()
        if not self.entries:
            options.add_option(Option(self.tr("profile.none_yet"), disabled=True))
            self.action_new_profile()
            return
        selected = self._index_of(self.preselect) if self.preselect else 0
        options.highlighted = selected or 0
        options.focus()
        self._set_mode(Mode.PICK)
        if self.preselect and selected is not None and self.entries[selected].has_pin:
            self._ask_pin(self.entries[selected].name)

    def _set_mode(self, mode: Mode, name: str = "") -> None:
        """Say what the keys do right now, and keep the open form on screen below the list."""
        self.mode = mode
        first = not self.entries
        intro = {
            Mode.PICK: "profile.intro_pick",
            Mode.CREATE: "profile.intro_first" if first else "profile.intro_create",
            Mode.PIN: "profile.intro_pin",
        }[mode]
        self.query_one("#picker-intro", Static).update(self.tr(intro, name=name))
        self.query_one("#picker").set_class(mode is not Mode.PICK, "-form")
        self.refresh_bindings()

    def _entry_text(self, entry: Entry) -> str:
        key = "profile.entry_pin" if entry.has_pin else "profile.entry"
        return inert(self.tr(key, name=entry.name))

    def _index_of(self, name: str | None) -> int | None:
        for index, entry in enumerate(self.entries):
            if entry.name == name:
                return index
        return None

    # -- opening ----------------------------------------------------------------------

    def action_open(self) -> None:
        options = self.query_one("#profiles", OptionList)
        if options.highlighted is not None and options.highlighted < len(self.entries):
            self._open_entry(self.entries[options.highlighted])

    @on(OptionList.OptionSelected, "#profiles")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self.entries):
            self._open_entry(self.entries[event.option_index])

    def _open_entry(self, entry: Entry) -> None:
        self.show_message("")
        if entry.has_pin:
            self._ask_pin(entry.name)
        else:
            self.pix_app.open_profile(entry.name, None)

    def _ask_pin(self, name: str) -> None:
        self.pin_for = name
        self.query_one("#create-form").add_class("hidden")
        self.query_one("#pin-label", Label).update(inert(self.tr("profile.pin_for", name=name)))
        self.query_one("#pin-row").remove_class("hidden")
        self._set_mode(Mode.PIN, name)
        pin = self.query_one("#pin", Input)
        pin.value = ""
        pin.focus()

    @on(Input.Submitted, "#pin")
    def _pin_submitted(self, event: Input.Submitted) -> None:
        if self.pin_for is None:
            return
        if pin_problem(event.value) or not event.value:
            self.show_message(self.tr("profile.pin_format_open"))
            return
        self.show_message(self.tr("profile.opening", name=self.pin_for))
        self.pix_app.open_profile(self.pin_for, event.value)

    def show_error(self, name: str, error: Exception) -> None:
        """Called by the app when opening failed: say why, keep what the learner typed."""
        from pix_tui import store

        wrong_pin = getattr(store, "WrongPin", None)
        self.show_message(describe_error(self.ctx.tr, error, name))
        if wrong_pin is not None and isinstance(error, wrong_pin):
            self._ask_pin(name)

    def show_message(self, text: str) -> None:
        """Errors and progress, drawn just above the footer so they are never off screen."""
        message = self.query_one("#picker-message", Static)
        message.update(inert(text))
        message.set_class(not text, "-empty")

    # -- creating ---------------------------------------------------------------------

    def action_new_profile(self) -> None:
        self.pin_for = None
        self.query_one("#pin-row").add_class("hidden")
        self.query_one("#create-form").remove_class("hidden")
        self._set_mode(Mode.CREATE)
        self.query_one("#new-name", Input).focus()

    def action_cancel(self) -> None:
        """Back to the list; with no profile yet there is no list to go back to."""
        if not self.entries:
            return
        self.pin_for = None
        self.query_one("#pin-row").add_class("hidden")
        self.query_one("#create-form").add_class("hidden")
        self.query_one("#profiles", OptionList).focus()
        self._set_mode(Mode.PICK)
        self.show_message("")

    @on(Input.Submitted, "#new-name")
    def _name_submitted(self) -> None:
        """Enter moves on to the code. Two Enters read in one go (a busy lab server) both
        reach the name, the focus moving only after them: the second one creates the
        profile, as it would have from the code field."""
        if self._moving_to_pin:
            self._create_submitted()
            return
        self._moving_to_pin = True
        self.query_one("#new-pin", Input).focus()

    @on(events.DescendantFocus)
    def _focus_moved(self) -> None:
        self._moving_to_pin = False

    @on(Input.Submitted, "#new-pin")
    def _create_submitted(self) -> None:
        name = self.query_one("#new-name", Input).value.strip()
        pin = self.query_one("#new-pin", Input).value
        problem = name_problem(name, [e.name for e in self.entries]) or pin_problem(pin)
        if problem:
            self.show_message(self.tr(problem, name=name, max=MAX_NAME_LENGTH))
            target = "#new-pin" if problem.startswith("profile.pin") else "#new-name"
            self.query_one(target, Input).focus()
            return
        self.show_message(self.tr("profile.creating", name=name))
        self.create(name, pin or None)

    @work(thread=True, exclusive=True, group="picker-create")
    def create(self, name: str, pin: str | None) -> None:
        from pix_tui.store import ProfileError, create_profile, resolve_data_dir

        app = self.pix_app
        try:
            data_dir = resolve_data_dir(app.options.data_dir, app.environ)
            create_profile(data_dir, name, pin)
        except (ProfileError, OSError, ValueError) as error:
            self.app.call_from_thread(self.show_message, describe_error(self.ctx.tr, error, name))
            return
        self.app.call_from_thread(app.open_profile, name, pin)

    def check_action(self, action: str, parameters: tuple[Any, ...]) -> bool | None:
        if action == "open":
            return True if self.entries and self.mode is Mode.PICK else None
        if action == "new_profile":
            return True if self.mode is not Mode.CREATE else None
        if action == "cancel":
            return bool(self.entries) and self.mode is not Mode.PICK
        return True
