"""Attachments, the side panel, low bandwidth and retries around the challenge screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from pix_tui.app.screens.attachment_viewer import AttachmentViewer
from pix_tui.app.screens.positioning import PositioningScreen
from pix_tui.core.history import PositioningKind
from tests.app.flow_support import QCU, answer, running, screen_text, settle
from tests.app.test_flow_positioning import play_to_the_end, start

CSV = "ville;habitants\nLyon;522000\nLille;236000\n"
TEXT = "Page web de la boisson miracle.\nMentions légales : Société Exemple.\n"


@pytest.fixture
def attached_bank(tmp_path: Path) -> Path:
    root = tmp_path / "attached"
    folder = root / "1.1-docs"
    folder.mkdir(parents=True)
    (folder / "villes.csv").write_text(CSV, encoding="utf-8")
    (folder / "page.txt").write_text(TEXT, encoding="utf-8")
    (folder / "image.bin").write_bytes(b"\x89PNG\x00\x00binary")
    for level in (1, 2):
        for variant in (1, 2):
            cid = f"doc-{level}-{variant}"
            text = QCU.format(
                id=cid,
                competence="1.1",
                topic="docs",
                level=level,
                extra="attachments: [villes.csv, page.txt, image.bin]\n",
                statement="Ouvre les pièces jointes : quelle ville est la plus peuplée ?",
            )
            (folder / f"{cid}.md").write_text(text, encoding="utf-8")
    return root


async def test_attachments_are_listed_and_f4_opens_the_csv_as_a_table(
    make_app, data_dir: Path, attached_bank: Path
) -> None:
    async with running(make_app, data_dir, challenges=attached_bank) as pilot:
        app = pilot.app
        await start(pilot)
        text = screen_text(app)
        assert "Pièces jointes (F4 pour les ouvrir) : villes.csv, page.txt, image.bin" in text
        assert "F4" in text.splitlines()[-1]
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, AttachmentViewer)
        table = app.screen.query_one(DataTable)
        assert [str(c.label) for c in table.columns.values()] == ["ville", "habitants"]
        assert table.row_count == 2
        assert [str(cell) for cell in table.get_row_at(0)] == ["Lyon", "522000"]
        await pilot.press("n")
        await settle(pilot)
        text = screen_text(app)
        assert "Pièce jointe 2/3 : page.txt" in text
        assert "Mentions légales : Société Exemple." in text
        await pilot.press("n")
        await settle(pilot)
        assert "ce n'est pas un fichier texte" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PositioningScreen)
        assert app.focused is not None and app.focused.id == "answer-choices"


async def test_no_attachment_key_without_attachments(make_app, data_dir: Path) -> None:
    async with running(make_app, data_dir) as pilot:
        await start(pilot)
        footer = screen_text(pilot.app).splitlines()[-1]
        assert "F4" not in footer
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(pilot.app.screen, PositioningScreen)


async def test_the_progress_panel_sits_beside_the_challenge_on_wide_terminals(
    make_app, data_dir: Path
) -> None:
    async with running(make_app, data_dir, size=(140, 40)) as pilot:
        app = pilot.app
        await start(pilot)
        panel = app.screen.query_one("#side-panel")
        view = app.screen.view
        assert panel.display and panel.region.width > 0
        assert panel.region.x >= view.region.right
        assert "F3" not in screen_text(app).splitlines()[-1]


async def test_at_80_columns_f3_toggles_the_progress_panel(make_app, data_dir: Path) -> None:
    async with running(make_app, data_dir) as pilot:
        app = pilot.app
        await start(pilot)
        panel = app.screen.query_one("#side-panel")
        answering = app.focused
        assert panel.region.width == 0
        assert "F3 Suivi" in screen_text(app).splitlines()[-1]
        await pilot.press("f3")
        await settle(pilot)
        assert panel.region.width > 0
        assert app.focused is answering
        await pilot.press("f3")
        await settle(pilot)
        assert panel.region.width == 0


async def test_the_panel_follows_each_recorded_answer(make_app, data_dir: Path) -> None:
    async with running(make_app, data_dir, size=(140, 40)) as pilot:
        app = pilot.app
        await start(pilot)
        before = app.profile_view
        await play_to_the_end(pilot)
        await settle(pilot)
        assert app.profile_view is not before
        assert app.profile_view.competences["1.1"].level >= 1


async def test_low_bandwidth_inputs_never_blink(make_app, data_dir: Path, tmp_path: Path) -> None:
    async with running(make_app, data_dir, low_bandwidth=True) as pilot:
        app = pilot.app
        await start(pilot)
        for _ in range(6):
            if app.screen.query(Input):
                break
            await answer(pilot)
        inputs = list(app.screen.query(Input))
        assert inputs, "no free-text challenge came up"
        assert all(field.cursor_blink is False for field in inputs)
        assert app.animation_level == "none"


async def test_a_retry_is_stored_as_a_retry_and_starts_from_what_was_validated(
    make_app, data_dir: Path, clock
) -> None:
    async with running(make_app, data_dir) as pilot:
        app = pilot.app
        await start(pilot)
        await play_to_the_end(pilot)
        await pilot.press("escape")
        await settle(pilot)
        level = app.profile_view.competences["1.1"].level
        clock.advance(days=5)
        app.push_screen(PositioningScreen("1.1", retry=True))
        await settle(pilot)
        retry = app.screen.session
        assert retry.positioning.kind is PositioningKind.RETRY
        assert retry.known and all(retry.known.values())
        assert retry.positioning.started_at == clock()
        assert level >= 1
