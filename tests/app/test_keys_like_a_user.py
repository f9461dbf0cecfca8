"""Keys pressed as a person presses them, at 80×24: letters, Tab, Shift+Tab, Esc, Enter.

These tests drive the app only through keys and read only what the terminal shows (or what
ends up on disk), so a binding that silently disappears fails them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import events
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from pix_tui.app.screens.base import PixModal, PixScreen
from pix_tui.app.screens.browse import BrowseScreen
from pix_tui.app.screens.home import HomeScreen
from pix_tui.app.screens.positioning import PositioningScreen
from pix_tui.app.screens.profile_picker import ProfilePickerScreen
from pix_tui.app.screens.result import ResultScreen
from pix_tui.store import create_profile, list_profiles, open_profile
from tests.app.conftest import MakeApp, one_type_bank, settle
from tests.app.flow_support import screen_text, typed

FOCUS_KEYS = {binding.key for binding in Screen.BINDINGS if "focus" in binding.action}
"""Textual's own focus keys (Tab and Shift+Tab), read from Textual rather than written here."""


def focus_keys_of(screen: Screen[Any]) -> set[str]:
    """The keys the screen binds to Textual's focus actions, whether enabled just now or not
    (the too-small screen disables everything but quitting, and that is fine)."""
    return {
        key
        for key, bindings in screen._bindings.key_to_bindings.items()
        if any(b.action in {"app.focus_next", "app.focus_previous"} for b in bindings)
    }


def field(app: Any, selector: str) -> Input:
    return app.screen.query_one(selector, Input)


# -- the new-profile form -------------------------------------------------------------


async def test_tab_moves_from_the_name_to_the_code_and_shift_tab_comes_back(
    make_app: MakeApp, data_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"Tom", "tab", *"5678")
        assert field(app, "#new-name").value == "Tom"
        assert field(app, "#new-pin").value == "5678"
        await pilot.press("shift+tab")
        assert app.focused is field(app, "#new-name")
        await pilot.press("end", *"my", "tab", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    [info] = list_profiles(data_dir)
    assert info.name == "Tommy"
    assert info.has_pin
    with open_profile(data_dir, "Tommy", "5678") as store:
        assert store.name == "Tommy"


def burst(app: Any, keys: list[str]) -> None:
    """Keys arriving in one read, as from a fast typist, a paste or a script.

    Pilot waits for each key to be handled; a terminal does not, so the keys after Tab are
    already on their way to the focused field unless Tab moves the focus first.
    """
    for key in keys:
        character = {"tab": "\t", "enter": "\r"}.get(key, key)
        app.post_message(events.Key(key, character))


async def test_a_burst_of_keys_fills_each_field_and_opens_home(
    make_app: MakeApp, data_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, [*"Tom", "tab", *"5678", "enter"])
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    [info] = list_profiles(data_dir)
    assert info.name == "Tom"
    assert info.has_pin


async def test_first_run_says_only_what_the_keys_do(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "touche n" not in text
        assert "Échap" not in text, "there is no list to go back to yet"
        await pilot.press("escape", *"nina")
        assert field(app, "#new-name").value == "nina"
        assert app.focused is field(app, "#new-name")


async def test_every_error_of_the_form_is_drawn_at_80x24(make_app: MakeApp, data_dir: Path) -> None:
    create_profile(data_dir, "Zoé")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"zoé", "tab", "enter")
        await settle(pilot)
        assert "« zoé » existe déjà" in screen_text(app)
        assert app.focused is field(app, "#new-name")
        await pilot.press(*"Max", "tab", "1", "2", "enter")
        await settle(pilot)
        assert "exactement 4 chiffres" in screen_text(app)
        assert app.focused is field(app, "#new-pin")
        await pilot.press("shift+tab", "backspace", "enter", "enter")
        await settle(pilot)
        assert "Écris un prénom" in screen_text(app)


async def test_with_thirty_profiles_the_whole_form_and_its_error_are_on_screen(
    make_app: MakeApp, data_dir: Path
) -> None:
    for number in range(30):
        create_profile(data_dir, f"Élève {number:02d}")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", *typed("Élève 07"), "tab", *"1234", "enter")
        await settle(pilot)
        text = screen_text(app)
        for visible in ("Prénom ou pseudo", "Élève 07", "Code (facultatif)", "••••"):
            assert visible in text, visible
        assert "« Élève 07 » existe déjà" in text
        assert app.focused is field(app, "#new-name")
        await pilot.press("end", *["backspace"] * 8, *"Yanis", "tab", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert "Yanis" in {info.name for info in list_profiles(data_dir)}


async def test_esc_goes_back_from_the_form_to_the_list_and_enter_opens(
    make_app: MakeApp, data_dir: Path
) -> None:
    create_profile(data_dir, "Ana")
    create_profile(data_dir, "Bob", "2468")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"Ch", "escape")
        assert "⏎ Ouvrir" in screen_text(app).splitlines()[-1]
        await pilot.press("down", "enter", *"13", "enter")
        await settle(pilot)
        assert "exactement 4 chiffres" in screen_text(app)
        await pilot.press("escape", "up", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.ctx.store.name == "Ana"


async def test_after_switching_profile_the_footer_says_enter_opens(
    make_app: MakeApp, data_dir: Path
) -> None:
    create_profile(data_dir, "Ana")
    app = make_app(profile="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, ProfilePickerScreen)
        assert "⏎ Ouvrir" in screen_text(app).splitlines()[-1]


# -- every screen keeps Tab and Shift+Tab ----------------------------------------------


NOT_WALKED = {
    "CertificationIntroScreen",
    "CertificationScreen",
    "CertificationResultScreen",
    "ClassScreen",
    "LearnerDetail",
    "TrashList",
    "AnalysisScreen",
    "ChallengeReport",
    "NeutralisationScreen",
    "AskText",
    "Confirm",
}
"""Reached only after five finished positionings and the certification delay, or behind the
teacher code (class view, analysis and their dialogs, driven by `tests/app/test_class_view.py`;
neutralisation, driven by `tests/app/test_neutralisation.py`);
they get their keys through `install_keys` like the others, and the next test guards that path."""


def test_only_overlay_bindings_touches_a_binding_map() -> None:
    """Replacing a node's binding map is what dropped Tab: only `overlay_bindings` may write
    it, and it keeps what Textual binds."""
    root = Path(__file__).parents[2] / "pix_tui"
    writers = {
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "._bindings =" in path.read_text(encoding="utf-8")
    }
    assert writers == {"app/commands.py"}


def leaf_screens() -> set[type[Screen[Any]]]:
    """Every screen class of the app that is shown as it is (not a base of another); the
    tests' own screens do not count."""
    import pix_tui.app.screens as package
    from pix_tui.app.app import PixApp  # noqa: F401 (imports every screen module it uses)

    for path in Path(package.__path__[0]).glob("*.py"):
        __import__(f"pix_tui.app.screens.{path.stem}")
    found: set[type[Screen[Any]]] = set()
    pending: list[type[Screen[Any]]] = [PixScreen, PixModal]
    while pending:
        cls = pending.pop()
        children = cls.__subclasses__()
        if not children and cls.__module__.startswith("pix_tui."):
            found.add(cls)
        pending.extend(children)
    return found


async def test_every_screen_keeps_textual_focus_keys(
    make_app: MakeApp, data_dir: Path, bank_dir: Path
) -> None:
    """A walk through every screen; each one must still bind Tab and Shift+Tab."""
    folder = bank_dir / "1.1-test"
    (folder / "notes.csv").write_text("nom;note\nAna;12\n", encoding="utf-8")
    for path in folder.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("type:", "attachments: [notes.csv]\ntype:", 1), "utf-8")
    seen: dict[type[Screen[Any]], set[str]] = {}

    def record(_message: Any) -> None:
        screen = app.screen_stack[-1] if app.screen_stack else None
        if isinstance(screen, PixScreen | PixModal) and type(screen) not in seen:
            seen[type(screen)] = focus_keys_of(screen)

    app = make_app(reset_days=0, retry_days=0)
    async with app.run_test(size=(80, 24), message_hook=record) as pilot:
        await settle(pilot)
        await pilot.press(*"Léa", "enter", "enter")
        await settle(pilot)
        await pilot.press("f1")
        await pilot.press("escape", "enter")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PositioningScreen)
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("escape")
        for _ in range(40):
            if isinstance(app.screen, ResultScreen):
                break
            screen = app.screen
            assert isinstance(screen, PositioningScreen)
            if screen.checkpoint is None:
                await pilot.press("f2")
            else:
                await pilot.press("enter")
            await settle(pilot)
        assert isinstance(app.screen, ResultScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("z")
        await settle(pilot)
        await pilot.press("n", "e")
        await settle(pilot)
        await pilot.press("escape", "escape")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
    missing = {cls.__name__ for cls in leaf_screens() - set(seen)} - NOT_WALKED
    assert not missing, f"screens this walk never reached (add a step): {sorted(missing)}"
    lacking = {cls.__name__: keys for cls, keys in seen.items() if keys != FOCUS_KEYS}
    assert not lacking, f"screens without Textual's focus keys: {lacking}"


# -- every answer type, from the keyboard ----------------------------------------------


async def first_question(pilot: Pilot[Any]) -> PositioningScreen:
    """From the picker: create Léa, open 1.1, start its positioning."""
    await settle(pilot)
    await pilot.press(*"Léa", "enter", "enter")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PositioningScreen)
    assert screen.view is not None
    return screen


def stored_answers(data_dir: Path) -> list[Any]:
    with open_profile(data_dir, "Léa") as store:
        return list(store.answers())


async def test_qrocm_tab_moves_between_blanks_and_enter_in_the_last_one_answers(
    make_app: MakeApp, data_dir: Path, tmp_path: Path
) -> None:
    from tests.app.conftest import _QROCM

    app = make_app(challenges=one_type_bank(tmp_path / "qrocm", _QROCM))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await first_question(pilot)
        first, second = screen.query(".blank-input").results(Input)
        await pilot.press(*"Paris", "tab", *"Fr")
        assert (first.value, second.value) == ("Paris", "Fr")
        await pilot.press("shift+tab")
        assert app.focused is first
        await pilot.press("tab", "end", *"ance", "pagedown", "enter")
        await settle(pilot)
    [answer] = stored_answers(data_dir)[:1]
    assert answer.given == "ville = Paris | pays = France"
    assert answer.result.value == "ok"


async def test_qroc_letters_then_enter_answer(
    make_app: MakeApp, data_dir: Path, tmp_path: Path
) -> None:
    from tests.app.conftest import _QROC

    app = make_app(challenges=one_type_bank(tmp_path / "qroc", _QROC))
    async with app.run_test(size=(80, 24)) as pilot:
        await first_question(pilot)
        await pilot.press("tab", "shift+tab", *"bonne", "pagedown", "pageup", "enter")
        await settle(pilot)
    assert stored_answers(data_dir)[0].result.value == "ok"


async def test_qcu_and_qcm_arrows_space_digits_then_enter_answer(
    make_app: MakeApp, data_dir: Path, tmp_path: Path
) -> None:
    from tests.app.conftest import _QCM

    app = make_app(challenges=one_type_bank(tmp_path / "qcm", _QCM))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await first_question(pilot)
        view = screen.view
        assert view is not None
        order = view.answer.order  # type: ignore[union-attr]
        keys = [str(order.index(i) + 1) for i in sorted(view.challenge.correct_indices)]
        await pilot.press("tab", "shift+tab", "down", "up", *keys, "pagedown", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PositioningScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
    assert stored_answers(data_dir)[0].result.value == "ok"


# -- the palette and the keys that stand in for F-keys ---------------------------------


def palette_lines(app: Any) -> str:
    return screen_text(app)


async def test_question_keys_have_a_ctrl_key_no_text_field_uses() -> None:
    from pix_tui.app.screens import flow_keys
    from pix_tui.app.widgets.answer_widgets import ChoiceList

    taken = {
        key.strip()
        for cls in (Input, ChoiceList)
        for binding in cls.BINDINGS
        for key in (binding.key if hasattr(binding, "key") else binding[0]).split(",")
    }
    for key in flow_keys.PALETTE_KEYS:
        seconds = [k for k in key.keys.split(",") if not k.startswith("f")]
        assert seconds, f"{key.action} has only an F-key"
        assert not set(seconds) & taken, f"{key.action}: {seconds} is used by a text field"


async def test_during_a_question_ctrl_keys_and_the_palette_skip_and_show_progress(
    make_app: MakeApp, data_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await first_question(pilot)
        await pilot.press("ctrl+g")
        assert app.screen.has_class("-panel")
        await pilot.press("ctrl+g", "ctrl+p", *typed("sais pas"))
        await settle(pilot)
        await pilot.pause(0.3)
        assert "Je ne sais pas" in palette_lines(app)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PositioningScreen)
        await pilot.press("ctrl+p", *typed("progression"))
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ProgressScreen"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PositioningScreen), "Esc goes back to the question"
        assert app.screen.view is not None
    answers = stored_answers(data_dir)
    assert [a.result.value for a in answers] == ["skipped", "skipped"]


async def test_palette_speaks_french_and_offers_only_what_works_without_a_profile(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        text = palette_lines(app)
        assert "Ouvrir l'aide" in text
        for needs_a_profile in ("Parcourir", "Revoir mes erreurs", "Changer de thème"):
            assert needs_a_profile not in text
        await pilot.press(*"zzqx")
        await pilot.pause(0.8)
        text = palette_lines(app)
        assert "No matches" not in text
        assert "Aucune action ne correspond" in text


async def test_demo_quit_does_not_claim_anything_is_saved(make_app: MakeApp) -> None:
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"quit")
        await pilot.pause(0.3)
        text = palette_lines(app)
        assert "Quitter la démo" in text
        assert "enregistré)" not in text
