"""Text the app did not write itself is shown as written: never markup, never terminal controls.

The table below enumerates the widgets that show user- or bank-supplied text; each test
puts hostile text in one source and reads it back, literally, from what the terminal shows.

| source                    | widgets                                                     |
|---------------------------|-------------------------------------------------------------|
| profile name              | picker options, picker message, PIN label, home headline    |
| typed answer              | correction card ("your answer"), result review              |
| topic title (topics.toml) | browse detail topics                                        |
| proposal, statement       | choice list, statement, correction card                     |
| explanation, answers      | correction card                                             |
| attachment name and text  | attachments line, viewer title, viewer text, viewer table   |
| paths, store errors       | picker message, notifications                               |
"""

from __future__ import annotations

import json
from pathlib import Path

from pix_tui.app.screens.attachment_viewer import AttachmentViewer
from pix_tui.app.screens.browse import BrowseScreen
from pix_tui.app.screens.practice import PracticeScreen
from pix_tui.core.safe_text import CONTROL
from tests.app.flow_support import running, screen_text, settle, typed

MARKUP_NAME = "[@click=app.quit]Clic[/]"
BROKEN_NAME = "Zoé [/]"


def visible(app) -> str:
    text = screen_text(app)
    assert not CONTROL.search(text.replace("\n", "")), repr(text)
    return text


def hostile_profile_json(data_dir: Path, name: str) -> None:
    """A profile folder whose stored name was edited by hand to hold terminal controls."""
    from pix_tui.store import create_profile

    create_profile(data_dir, "Esc")
    [main] = (data_dir / "profiles").glob("esc-*/profile.json")
    data = json.loads(main.read_text(encoding="utf-8"))
    for table in data.values():
        for row in table.values():
            if isinstance(row, dict) and row.get("name") == "Esc":
                row["name"] = name
    main.write_text(json.dumps(data), encoding="utf-8")
    main.with_name("profile.json.bak").unlink(missing_ok=True)


async def test_the_picker_shows_names_with_markup_and_controls_as_written(
    make_app, data_dir: Path
) -> None:
    from pix_tui.store import create_profile

    create_profile(data_dir, BROKEN_NAME)
    create_profile(data_dir, MARKUP_NAME, "1234")
    hostile_profile_json(data_dir, "Titre\x1b]2;pwn\x1b\\ \x9b6n")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = visible(app)
        assert BROKEN_NAME in text
        assert MARKUP_NAME in text
        assert "Titre" not in text  # the store refuses a stored name it cannot show
        await pilot.press("home", "enter")
        await settle(pilot)
        assert MARKUP_NAME in visible(app)  # the PIN label names the profile
        await pilot.press(*"9999", "enter")
        await settle(pilot)
        assert MARKUP_NAME in visible(app)  # the wrong-PIN message too


async def test_creating_a_name_that_looks_like_markup_opens_it(make_app, data_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*typed(MARKUP_NAME), "enter", "enter")
        for _ in range(20):
            await settle(pilot)
            if app.ctx.store is not None:
                break
        assert app.ctx.store.name == MARKUP_NAME
        await settle(pilot)
        assert MARKUP_NAME in visible(app)
        await pilot.click("#home-headline")
        await settle(pilot)
        assert app.is_running


async def test_a_name_with_a_broken_tag_opens_and_heads_the_home_screen(
    make_app, data_dir: Path
) -> None:
    from pix_tui.store import create_profile

    create_profile(data_dir, BROKEN_NAME)
    app = make_app(profile=BROKEN_NAME)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(20):
            await settle(pilot)
            if app.ctx.store is not None:
                break
        await settle(pilot)
        assert visible(app).splitlines()[0].strip().startswith(f"{BROKEN_NAME} · ")


HOSTILE_QCU = """---
id: h-{n}
competence: "1.1"
topic: alpha
level: {level}
type: qcu
attachments: ["notes [b].txt", "villes.csv"]
---
Énoncé [bold]gras[/] [@click=app.quit]ici[/] {n}

- [x] Bonne [/]
- [ ] Mauvaise [@click=app.quit]clic[/]

## Explication
Parce que [red]rouge[/].
"""

HOSTILE_QROC = """---
id: r-{n}
competence: "1.1"
topic: alpha
level: {level}
type: qroc
answers: ['\\[b\\]mot\\[/b\\]']
---
Tape le mot [/].

## Explication
Le mot était [i]caché[/i].
"""


def hostile_bank(root: Path) -> Path:
    folder = root / "1.1"
    folder.mkdir(parents=True)
    for n in (1, 2):
        (folder / f"h{n}.md").write_text(HOSTILE_QCU.format(n=n, level=1), "utf-8")
        (folder / f"r{n}.md").write_text(HOSTILE_QROC.format(n=n, level=2), "utf-8")
    (folder / "notes [b].txt").write_text("Texte [/] \x1b]52;c;SGk=\x1b\\ fin\r\n", "utf-8")
    (folder / "villes.csv").write_text("ville;[b]\n[/];\x1b[2J\n", "utf-8")
    (root / "topics.toml").write_text('["1.1"]\nalpha = "Raccourcis [Ctrl]+[C] [/]"\n', "utf-8")
    return root


async def test_bank_text_is_shown_as_written_everywhere(
    make_app, data_dir: Path, tmp_path: Path
) -> None:
    bank = hostile_bank(tmp_path / "hostile")
    async with running(make_app, data_dir, challenges=bank) as pilot:
        app = pilot.app
        assert not app.ctx.load_report.errors
        app.push_screen(BrowseScreen("1.1"))
        await settle(pilot)
        assert "Raccourcis [Ctrl]+[C] [/]" in visible(app)
        app.pop_screen()
        app.push_screen(PracticeScreen(competence="1.1", topic="alpha", level=1))
        await settle(pilot)
        view = app.screen.view
        text = visible(app)
        assert "Énoncé [bold]gras[/] [@click=app.quit]ici[/]" in text
        assert "Bonne [/]" in text
        assert "Mauvaise [@click=app.quit]clic[/]" in text
        assert "notes [b].txt, villes.csv" in text
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, AttachmentViewer)
        text = visible(app)
        assert "notes [b].txt" in text
        assert "Texte [/] ␛]52;c;SGk=␛\\ fin" in text
        await pilot.press("n")
        await settle(pilot)
        text = visible(app)
        assert "[/]" in text
        assert "␛[2J" in text
        await pilot.press("escape")
        await settle(pilot)
        wrong = view.answer.order.index(1) + 1
        await pilot.press(str(wrong), "enter")
        await settle(pilot)
        text = visible(app)
        assert "Parce que [red]rouge[/]." in text
        app.pop_screen()
        app.push_screen(PracticeScreen(competence="1.1", topic="alpha", level=2))
        await settle(pilot)
        await pilot.press(*typed("[/] [@click=app.quit]x"), "enter")
        await settle(pilot)
        text = visible(app)
        assert "[/] [@click=app.quit]x" in text
        assert "[b]mot[/b]" in text
        assert "Le mot était [i]caché[/i]." in text


async def test_an_answer_field_never_holds_more_than_the_limit(make_app, data_dir: Path) -> None:
    from textual import events
    from textual.widgets import Input

    from pix_tui.core.normalize import MAX_ANSWER_LENGTH

    async with running(make_app, data_dir) as pilot:
        app = pilot.app
        app.push_screen(PracticeScreen(competence="1.1", topic="beta", level=2))
        await settle(pilot)
        field = app.screen.query_one("#answer-input", Input)
        field.post_message(events.Paste("lorem ipsum " * 10_000))
        await settle(pilot)
        assert len(field.value) <= MAX_ANSWER_LENGTH
        field.post_message(events.Paste("bonne"))
        await settle(pilot)
        assert field.value == "bonne"
