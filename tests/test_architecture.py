"""The functional core must never pull in the shell: no Textual, Rich or TinyDB in its imports."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import pix_tui.core

FORBIDDEN = ("textual", "rich", "tinydb")
SHELL = ("pix_tui.app", "pix_tui.store", "pix_tui.cli")


def core_modules() -> list[str]:
    return sorted(
        info.name for info in pkgutil.walk_packages(pix_tui.core.__path__, prefix="pix_tui.core.")
    )


def test_the_core_has_modules_to_check() -> None:
    assert "pix_tui.core.model" in core_modules()


def test_importing_the_whole_core_loads_no_shell_library() -> None:
    modules = core_modules()
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}"
        f" or m.startswith({SHELL!r}))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == [], f"the core imported {loaded}"


def test_the_command_line_imports_no_textual_until_the_app_starts() -> None:
    script = (
        "import json, sys\n"
        "import pix_tui.cli, pix_tui.app\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
