"""`pix-tui serve` refuses what cannot work before any learner connects."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

from pix_tui import cli
from pix_tui.cli import serve
from pix_tui.i18n import Translator


def test_a_busy_port_is_said_with_exit_code_2(capsys, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = cli.main(["serve", "--port", str(port), "--data-dir", str(tmp_path), "--lang", "en"])
    assert code == 2
    assert f"port {port} is already in use" in capsys.readouterr().err


def test_an_address_that_cannot_be_bound_is_said(capsys, tmp_path):
    code = cli.main(["serve", "--host", "192.0.2.1", "--data-dir", str(tmp_path), "--lang", "en"])
    assert code == 2
    assert "cannot listen on the address 192.0.2.1" in capsys.readouterr().err


def test_a_port_out_of_range_is_said(capsys, tmp_path):
    assert cli.main(["serve", "--port", "70000", "--data-dir", str(tmp_path), "--lang", "en"]) == 2
    assert "cannot use port 70000" in capsys.readouterr().err


def test_the_data_folder_is_checked_before_serving(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(serve, "port_problem", lambda host, port, tr: None)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code = cli.main(["serve", "--data-dir", str(blocker / "x"), "--lang", "en"])
    assert code == 2
    assert f"the profiles folder {blocker / 'x'} cannot be used" in capsys.readouterr().err


def test_each_tab_runs_the_app_with_the_options_given(tmp_path, monkeypatch):
    started: list[str] = []

    class FakeServer:
        def __init__(self, command: str, **kwargs: object) -> None:
            started.append(command)

        def serve(self) -> None:
            return None

    monkeypatch.setattr("textual_serve.server.Server", FakeServer)
    monkeypatch.setattr(serve, "port_problem", lambda host, port, tr: None)
    argv = ["--lang", "en", "serve", "--data-dir", str(tmp_path), "--engine", "smart-random"]
    assert cli.main([*argv, "--retry-days", "0", "--low-bandwidth", "--port", "9999"]) == 0
    [command] = started
    assert command.startswith(f"{sys.executable} -m pix_tui ")
    for part in ("--lang en", f"--data-dir {tmp_path}", "--engine smart-random"):
        assert part in command
    assert "--retry-days 0.0" in command and "--low-bandwidth" in command
    assert "--port" not in command and "serve" not in command.split()


def test_without_textual_serve_the_install_command_is_given(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    assert (
        serve.run(cli.parser.top_parser(Translator("en"))[0].parse_args([]), Translator("en")) == 2
    )
    assert "pip install 'pix-tui[serve]'" in capsys.readouterr().err


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_serve_is_listed_in_the_help(capsys, lang):
    with pytest.raises(SystemExit):
        cli.main(["--lang", lang, "--help"])
    assert "serve" in capsys.readouterr().out


def test_the_served_page_asks_nothing_of_the_internet(tmp_path):
    textual_serve = pytest.importorskip("textual_serve")
    from pix_tui.cli.serve_page import FONT_FILE, offline_templates

    package = Path(textual_serve.__file__).parent
    page = (offline_templates(package, tmp_path) / "app_index.html").read_text("utf-8")
    assert "googleapis" not in page
    assert "{{ config.static.url }}" + FONT_FILE in page
    assert (package / "static" / FONT_FILE).is_file()
