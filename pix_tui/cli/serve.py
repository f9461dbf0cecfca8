"""`pix-tui serve`: the app in a browser, one app process per tab, for labs without a terminal.

Built on textual-serve: each browser tab starts `python -m pix_tui` with the same options as
the terminal app, so profiles, locks and crash safety are exactly the terminal's.
"""

from __future__ import annotations

import argparse
import errno
import os
import shlex
import socket
import sys
import tempfile
from pathlib import Path

from pix_tui.cli.parser import add_app_options, add_global_options, subcommand_parser, top_parser
from pix_tui.i18n import Translator

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(commands: argparse._SubParsersAction, tr: Translator) -> None:  # type: ignore[type-arg]
    parser = subcommand_parser(
        commands, tr, "serve", "cli.serve", adders=(add_global_options, add_app_options)
    )
    parser.add_argument("--host", default=DEFAULT_HOST, help=tr("cli.serve_host"))
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=tr("cli.serve_port"))


def app_argv(args: argparse.Namespace, tr: Translator) -> list[str]:
    """The app's own options, written back as a command line for each tab's process.

    Read from the parser's option list, so an option added to the app is passed on too.
    """
    parser, _ = top_parser(tr)
    argv: list[str] = []
    for action in parser._actions:
        if not action.option_strings or action.dest in ("help", "version"):
            continue
        value = getattr(args, action.dest, None)
        if value is None or value is argparse.SUPPRESS:
            continue
        if isinstance(action, argparse._StoreConstAction):
            if value == action.const:
                argv.append(action.option_strings[0])
            continue
        if action.dest in ("challenges", "data_dir"):
            value = Path(value).expanduser().resolve()
        argv += [action.option_strings[0], str(value)]
    return argv


def port_problem(host: str, port: int, tr: Translator) -> str | None:
    """Bind once before serving, so a busy port is said before any learner connects."""
    if not 0 < port < 65536:
        return tr("cli.serve_bad_port", port=port)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        return tr("cli.serve_bad_host", host=host, reason=error)
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return tr("cli.serve_port_busy", port=port)
            return tr("cli.serve_bad_host", host=host, reason=error.strerror or error)
    return None


def data_problem(data_dir: str | None, tr: Translator) -> str | None:
    """Every learner will write there: check once that the server may, before anyone types."""
    from pix_tui.store.errors import FolderUnusable
    from pix_tui.store.paths import ensure_private_dir, resolve_data_dir

    folder = resolve_data_dir(data_dir, os.environ)
    try:
        ensure_private_dir(folder)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".serve-check-"):
            pass
    except FolderUnusable as error:
        return tr("cli.serve_data_dir", path=folder, reason=error.values.get("reason", ""))
    except OSError as error:
        return tr("cli.serve_data_dir", path=folder, reason=error.strerror or error)
    return None


def run(args: argparse.Namespace, tr: Translator) -> int:
    try:
        from textual_serve.server import Server
    except ImportError:
        sys.stderr.write(tr("cli.serve_missing") + "\n")
        return 2
    problem = port_problem(args.host, args.port, tr) or data_problem(args.data_dir, tr)
    if problem:
        sys.stderr.write(problem + "\n")
        return 2
    command = shlex.join([sys.executable, "-m", "pix_tui", *app_argv(args, tr)])
    sys.stdout.write(tr("cli.serve_ready", url=f"http://{args.host}:{args.port}") + "\n")
    import textual_serve

    from pix_tui.cli.serve_page import offline_templates

    with tempfile.TemporaryDirectory(prefix="pix-tui-serve-") as folder:
        templates = offline_templates(Path(textual_serve.__file__).parent, Path(folder))
        server = Server(
            command, host=args.host, port=args.port, title="pix-tui", templates_path=templates
        )
        server.serve()
    return 0
