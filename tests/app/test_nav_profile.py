"""Choosing, creating and opening a profile: what a learner sees at the first screen."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from pix_tui.app.screens.home import HomeScreen
from pix_tui.app.screens.profile_picker import ProfilePickerScreen
from pix_tui.store import create_profile, list_profiles, open_profile
from tests.app.conftest import MakeApp, settle


def message(pilot: Pilot[object]) -> str:
    return str(pilot.app.screen.query_one("#picker-message", Static).render())


async def test_first_start_offers_to_create_a_profile_and_opens_it(
    make_app: MakeApp, data_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProfilePickerScreen)
        assert app.focused is app.screen.query_one("#new-name", Input)
        await pilot.press(*"Léa", "enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Léa" in str(app.screen.query_one("#home-headline", Static).render())
    assert [info.name for info in list_profiles(data_dir)] == ["Léa"]


async def test_two_enters_read_at_once_after_the_name_create_the_profile(
    make_app: MakeApp, data_dir: Path
) -> None:
    """On a busy server both keys arrive before the focus has moved to the code field."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"Léa")
        app.post_message(events.Key("enter", "\r"))
        app.post_message(events.Key("enter", "\r"))
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert [info.name for info in list_profiles(data_dir)] == ["Léa"]


async def test_enter_after_the_name_then_shift_tab_back_still_moves_to_the_code(
    make_app: MakeApp, data_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"Léa", "enter")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#new-pin", Input)
        await pilot.press("shift+tab")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#new-name", Input)
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#new-pin", Input)
        assert isinstance(app.screen, ProfilePickerScreen)
    assert list_profiles(data_dir) == []


async def test_a_code_must_be_four_digits(make_app: MakeApp, data_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"Noah", "enter", "1", "2", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ProfilePickerScreen)
        assert "4 chiffres" in message(pilot)
        await pilot.press("3", "4", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert list_profiles(data_dir)[0].has_pin


async def test_wrong_code_is_refused_in_plain_words_then_the_right_one_opens(
    make_app: MakeApp, data_dir: Path
) -> None:
    create_profile(data_dir, "Inès", "2468")
    create_profile(data_dir, "Hugo")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        options = app.screen.query_one("#profiles", OptionList)
        assert options.option_count == 2
        assert "code" in str(options.get_option_at_index(1).prompt)  # Inès, sorted after Hugo
        await pilot.press("down", "enter")
        await pilot.press(*"1111", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ProfilePickerScreen)
        assert "Code incorrect" in message(pilot)
        await pilot.press(*"2468", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.ctx.store.name == "Inès"


async def test_profile_option_skips_the_picker(make_app: MakeApp, data_dir: Path) -> None:
    create_profile(data_dir, "Léa")
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.ctx.store.name == "Léa"


async def test_profile_option_with_a_code_asks_for_the_code_only(
    make_app: MakeApp, data_dir: Path
) -> None:
    create_profile(data_dir, "Léa", "1357")
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProfilePickerScreen)
        assert app.focused is app.screen.query_one("#pin", Input)
        assert message(pilot) == ""
        await pilot.press(*"1357", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_unknown_profile_option_says_so_on_the_picker(make_app: MakeApp) -> None:
    app = make_app(profile="Personne")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProfilePickerScreen)
        assert "Personne" in message(pilot)
        assert "n'existe pas" in message(pilot)


async def test_a_profile_open_elsewhere_is_refused_with_a_clear_message(
    make_app: MakeApp, data_dir: Path
) -> None:
    create_profile(data_dir, "Léa")
    elsewhere = open_profile(data_dir, "Léa")
    try:
        app = make_app(profile="Léa")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, ProfilePickerScreen)
            assert "déjà ouvert" in message(pilot)
    finally:
        elsewhere.close()


async def test_a_taken_name_is_refused_whatever_the_capitals(
    make_app: MakeApp, data_dir: Path
) -> None:
    create_profile(data_dir, "Léa")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"LÉA", "enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ProfilePickerScreen)
        assert "existe déjà" in message(pilot)
    assert len(list_profiles(data_dir)) == 1


async def test_escape_leaves_the_creation_form_for_the_list(
    make_app: MakeApp, data_dir: Path
) -> None:
    create_profile(data_dir, "Léa")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        assert app.focused is app.screen.query_one("#new-name", Input)
        await pilot.press("escape")
        assert app.focused is app.screen.query_one("#profiles", OptionList)
        assert app.screen.query_one("#create-form").has_class("hidden")


async def test_switching_profile_closes_the_first_one(make_app: MakeApp, data_dir: Path) -> None:
    create_profile(data_dir, "Léa")
    create_profile(data_dir, "Hugo")
    app = make_app(profile="Léa")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, ProfilePickerScreen)
        reopened = open_profile(data_dir, "Léa")  # the lock was released
        reopened.close()
        await pilot.press("enter")  # Hugo comes first
        await settle(pilot)
        assert app.ctx.store.name == "Hugo"


async def test_the_picker_speaks_english_when_asked(make_app: MakeApp) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        title = str(app.screen.query_one("#picker-title", Static).render())
        assert title == "Who is practising?"
