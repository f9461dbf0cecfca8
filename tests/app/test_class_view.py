"""The teacher's class view at 80x24, keyboard only: see, sort, filter, manage, export, analyse."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from pix_tui.store import create_profile, list_profiles, open_profile
from pix_tui.store.class_settings import set_teacher_code
from pix_tui.store.paths import profile_folder
from tests.app.conftest import MakeApp, play_positioning, settle
from tests.app.flow_support import until

SIZE = (80, 24)


@pytest.fixture
def classroom(data_dir: Path, bank_dir: Path) -> Path:
    for code in ("1.1", "1.2", "2.1", "3.1", "4.1"):
        play_positioning(data_dir, "Léa", bank_dir, code)
    play_positioning(data_dir, "[b]Noé[/b]", bank_dir, "1.1", correct=lambda n: False)
    create_profile(data_dir, "Zoé", "1234")
    return data_dir


def names(app: object) -> list[str]:
    table = app.screen.query_one(DataTable)  # type: ignore[attr-defined]
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def text_of(app: object, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


async def open_class(pilot: object) -> None:
    await settle(pilot)  # type: ignore[arg-type]
    await until(pilot, lambda: bool(names(pilot.app)))  # type: ignore[arg-type, attr-defined]


async def test_the_class_opens_sorted_by_name_with_plain_names(
    make_app: MakeApp, classroom: Path
) -> None:
    app = make_app(teacher=True)
    async with app.run_test(size=SIZE) as pilot:
        await open_class(pilot)
        assert names(app) == ["[b]Noé[/b]", "Léa", "Zoé"]
        assert "3 élève(s), 1 certifiable(s)" in text_of(app, "#class-title")
        await pilot.press("s")
        assert names(app)[0] == "Léa"
        assert "pix" in text_of(app, "#class-status")
        await pilot.press("s", "s", "s")
        assert text_of(app, "#class-status").startswith("Tri : nom ·")
        await pilot.press("c")
        assert names(app) == ["[b]Noé[/b]", "Zoé"]
        await pilot.press("x", "f", *"1.1 2", "enter")
        assert "Léa" not in names(app)
        await pilot.press("x")
        assert len(names(app)) == 3


async def test_enter_shows_a_learners_details(make_app: MakeApp, classroom: Path) -> None:
    app = make_app(teacher=True)
    async with app.run_test(size=SIZE) as pilot:
        await open_class(pilot)
        await pilot.press("enter")
        await pilot.pause()
        detail = str(app.screen.query_one("#detail-text", Static).render())
        assert detail.startswith("[b]Noé[/b]") and "1.1" in detail and "5.2" in detail
        await pilot.press("escape")
        assert names(app)


async def test_a_profile_written_by_another_process_shows_up(
    make_app: MakeApp, classroom: Path, bank_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pix_tui.app.screens.class_view.REFRESH_S", 0.1)
    app = make_app(teacher=True)
    async with app.run_test(size=SIZE) as pilot:
        await open_class(pilot)
        play_positioning(classroom, "Adam", bank_dir, "1.1")
        await until(pilot, lambda: "Adam" in names(app))
        assert names(app) == ["[b]Noé[/b]", "Adam", "Léa", "Zoé"]


async def test_a_corrupt_profile_is_named_and_left_alone(
    make_app: MakeApp, classroom: Path
) -> None:
    folder = profile_folder(classroom, "Zoé")
    (folder / "profile.json").write_text("{", encoding="utf-8")
    (folder / "profile.json.bak").write_text("", encoding="utf-8")
    app = make_app(teacher=True)
    async with app.run_test(size=SIZE) as pilot:
        await open_class(pilot)
        assert names(app) == ["[b]Noé[/b]", "Léa"]
        assert folder.name in text_of(app, "#class-problems")
    assert (folder / "profile.json").read_text("utf-8") == "{"


async def test_delete_then_restore_from_the_trash(make_app: MakeApp, classroom: Path) -> None:
    app = make_app(teacher=True)
    async with app.run_test(size=SIZE) as pilot:
        await open_class(pilot)
        await pilot.press("down", "down", "d")
        await pilot.press("o")
        await settle(pilot)
        assert [p.name for p in list_profiles(classroom)] == ["[b]Noé[/b]", "Léa"]
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert "Zoé" in [p.name for p in list_profiles(classroom)]


async def test_rename_and_reset_a_forgotten_code(make_app: MakeApp, classroom: Path) -> None:
    app = make_app(teacher=True)
    async with app.run_test(size=SIZE) as pilot:
        await open_class(pilot)
        await pilot.press("down", "down", "z", "o")
        await settle(pilot)
        open_profile(classroom, "Zoé").close()
        await pilot.press("r", "ctrl+u", *"Zoé Martin", "enter")
        await settle(pilot)
    assert "Zoé Martin" in [p.name for p in list_profiles(classroom)]


async def test_a_locked_profile_is_refused_a_delete_with_a_message(
    make_app: MakeApp, classroom: Path
) -> None:
    app = make_app(teacher=True)
    with open_profile(classroom, "[b]Noé[/b]"):
        async with app.run_test(size=SIZE) as pilot:
            await open_class(pilot)
            await pilot.press("d", "o")
            await settle(pilot)
            assert "[b]Noé[/b]" in [p.name for p in list_profiles(classroom)]
            assert any("déjà ouvert" in n.message for n in app._notifications)


async def test_export_from_the_screen(make_app: MakeApp, classroom: Path, tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    app = make_app(teacher=True)
    async with app.run_test(size=SIZE) as pilot:
        await open_class(pilot)
        await pilot.press("e", "ctrl+u", *str(target), "enter")
        await settle(pilot)
    assert target.read_bytes().startswith("\ufeffClasse;".encode())


async def test_the_teacher_code_opens_the_class_from_the_picker(
    make_app: MakeApp, classroom: Path
) -> None:
    set_teacher_code(classroom, "2468")
    from pix_tui.store.class_settings import load_settings

    code = load_settings(classroom).teacher_code
    app = make_app(teacher_code=code)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6", *"1111", "enter")
        await settle(pilot)
        assert type(app.screen).__name__ != "ClassScreen"
        await pilot.press("f6", *"2468", "enter")
        await open_class(pilot)
        assert names(app) == ["[b]Noé[/b]", "Léa", "Zoé"]
        await pilot.press("escape")
        assert type(app.screen).__name__ == "ProfilePickerScreen"


def refuse(data_dir: Path, name: str, given: str, times: int, pin: str | None = None) -> None:
    from datetime import timedelta

    from pix_tui.core.history import AnswerRecord
    from pix_tui.core.model import Result
    from tests.app.conftest import FIXED_NOW

    if name not in [p.name for p in list_profiles(data_dir)]:
        create_profile(data_dir, name)
    with open_profile(data_dir, name, pin) as store:
        for n in range(times):
            at = FIXED_NOW + timedelta(minutes=n)
            store.record_answer(
                AnswerRecord("c11-beta-2-1", "1.1", "@beta2", Result.KO, given, 9.0, at)
            )


async def test_a_refused_answer_is_accepted_after_seeing_the_diff(
    make_app: MakeApp, classroom: Path, bank_dir: Path
) -> None:
    refuse(classroom, "Léa", "DHCP", 2)
    refuse(classroom, "Zoé", "dhcp", 1, "1234")
    challenge = bank_dir / "1.1-test" / "c11-beta-2-1.md"
    before = challenge.read_text("utf-8")
    app = make_app(teacher=True)
    async with app.run_test(size=SIZE) as pilot:
        await open_class(pilot)
        await pilot.press("a")
        await settle(pilot)
        ids = [r.challenge_id for r in app.screen.results]
        await pilot.press(*["down"] * ids.index("c11-beta-2-1"), "enter")
        await pilot.pause()
        refused = str(app.screen.query_one("#refused-list").get_option_at_index(0).prompt)
        assert refused.startswith("DHCP") and "3 fois" in refused and "2 élève(s)" in refused
        await pilot.press("enter")
        await settle(pilot)
        diff = str(app.screen.query_one(".dialog-details", Static).render())
        assert '+answers: [bonne, "DHCP"]' in diff
        assert challenge.read_text("utf-8") == before
        await pilot.press("o")
        await settle(pilot)
        assert challenge.read_text("utf-8") == before.replace(
            "answers: [bonne]", 'answers: [bonne, "DHCP"]'
        )
        assert "Recorriger" in str(app.screen.query_one(Static).render())
        await pilot.press("o")
        await settle(pilot)
        assert any("3 réponse(s) recorrigée(s) chez 2" in n.message for n in app._notifications)
    with open_profile(classroom, "Léa") as store:
        rescored = [a.result.value for a in store.answers() if a.challenge_id == "c11-beta-2-1"]
    assert rescored == ["ok", "ok"]


async def test_home_lists_the_campaign_first(make_app: MakeApp, classroom: Path) -> None:
    app = make_app(profile="Léa", campaign=("3.1", "2.1"), campaign_name="Trimestre 1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = app.screen.query_one("#domains").plain_lines()
        assert lines[0] == "Campagne : Trimestre 1"
        assert lines[1].startswith("3.1 ") and lines[2].startswith("2.1 ")
        assert sum(1 for line in lines if line.startswith("3.1 ")) == 1
        assert lines[3].startswith("1 · ")


def test_the_class_screen_at_80_columns(
    make_app: MakeApp, data_dir: Path, bank_dir: Path, snap_compare: Callable[..., bool]
) -> None:
    """Two learners at fixed dates: names, pix, certifiable, the 16-digit heat map, totals."""
    for code in ("1.1", "1.2", "2.1", "3.1", "4.1"):
        play_positioning(data_dir, "Léa", bank_dir, code)
    play_positioning(data_dir, "Noé", bank_dir, "1.1", correct=lambda n: n % 2 == 0)

    async def ready(pilot: Pilot[Any]) -> None:
        await open_class(pilot)
        await pilot.pause()

    assert snap_compare(make_app(teacher=True), terminal_size=SIZE, run_before=ready)


async def test_a_learner_changes_then_removes_their_own_code(
    make_app: MakeApp, classroom: Path
) -> None:
    app = make_app(profile="Zoé")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"1234", "enter")
        await settle(pilot)
        await pilot.press("k", *"0000", "enter", *"5678", "enter")
        await settle(pilot)
        assert any("Code incorrect" in n.message for n in app._notifications)
        await pilot.press("k", *"1234", "enter", *"5678", "enter")
        await settle(pilot)
    open_profile(classroom, "Zoé", "5678").close()
    app = make_app(profile="Zoé")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"5678", "enter")
        await settle(pilot)
        await pilot.press("k", *"5678", "enter", "enter")
        await settle(pilot)
    open_profile(classroom, "Zoé").close()


async def test_a_first_look_at_a_slow_class_fills_in_and_says_how_many_are_left(
    make_app: MakeApp, classroom: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pix_tui.classroom import Classroom

    slow = Classroom._standing

    def standing(self: Classroom, profile: Any) -> Any:
        import time

        time.sleep(0.4)
        return slow(self, profile)

    monkeypatch.setattr(Classroom, "_standing", standing)
    app = make_app(teacher=True)
    seen: list[tuple[int, str]] = []
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            await pilot.pause(0.05)
            title = text_of(app, "#class-title")
            seen.append((len(names(app)), title))
            if len(names(app)) == 3 and "lecture" not in title:
                break
    partial = [(count, title) for count, title in seen if "lecture : encore" in title]
    assert partial, seen
    assert all(0 < count < 3 for count, _ in partial)
    assert any("sur 3" in title for _, title in partial)
    assert seen[-1][0] == 3 and "lecture" not in seen[-1][1]


async def test_at_120_columns_the_map_names_every_competence_above_its_digit(
    make_app: MakeApp, classroom: Path
) -> None:
    app = make_app(teacher=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_class(pilot)
        table = app.screen.query_one(DataTable)
        lines = table.render_lines(table.region.reset_offset)
        header = "".join(segment.text for segment in lines[0])
        assert "1.1 1.2 1.3 2.1" in header and "5.2" in header
        lea = next(
            "".join(segment.text for segment in line) for line in lines if "Léa" in line.text
        )
        start = header.index("1.1")
        digits = lea[start + 1 : start + 1 + 16 * 4 : 4]
        assert digits[0] != "·" and digits.count("·") == 11
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert str(app.screen.query_one(DataTable).ordered_columns[-1].label) == "1.1…"
