"""The wheel carries the bank, the catalogues and the styles, and finds them once installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("setuptools")
    source = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "challenges", source / "challenges")
    shutil.copytree(
        ROOT / "pix_tui",
        source / "pix_tui",
        symlinks=True,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", str(out), str(source)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return next(out.glob("pix_tui-*.whl"))


def test_the_wheel_holds_the_bank_catalogues_and_styles(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    shipped = [p.relative_to(ROOT).as_posix() for p in (ROOT / "challenges").rglob("*.md")]
    assert shipped
    assert all(f"pix_tui/{name}" in names for name in shipped)
    assert "pix_tui/data/referential.toml" in names
    assert "pix_tui/locales/fr/cli.toml" in names
    assert "pix_tui/locales/en/cli.toml" in names
    assert any(name.endswith(".tcss") for name in names)


def test_the_installed_package_finds_its_bank(wheel, tmp_path):
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = (
        "from pix_tui.core.loader import default_bank_path, load_bank;"
        "r = load_bank(default_bank_path());"
        "print(default_bank_path()); print(len(r.bank), len(r.errors))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
    ).stdout.split("\n")
    assert out[0].startswith(str(target))
    count, errors = map(int, out[1].split())
    assert count > 0
    assert errors == 0
