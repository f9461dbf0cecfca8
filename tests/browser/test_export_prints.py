"""A learner's export printed by a real Chromium: the whole page fits one A4 sheet."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from pix_tui import cli
from pix_tui.core.referential import referential
from tests.app.conftest import FIXED_NOW, play_positioning, right_given, write_small_bank
from tests.browser.conftest import CHROMIUM_FLAGS, chromium_path

CHROMIUM = chromium_path()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium not found: the print test was skipped"
)

LONG_NAME = "Marie-Bérénice Anne-Sophie de La Tour-Dufresnoy-Montmorency"
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
"""A page object of the PDF, never the `/Pages` tree that holds them."""
LEVEL_PATTERNS: tuple[Callable[[int], bool], ...] = (
    lambda n: n < 3,  # level 3 in the test bank
    lambda n: n % 2 == 1,  # level 2
    lambda n: n % 3 != 2,  # level 3
    lambda n: n % 2 == 0,  # level 2
    lambda n: False,  # level 0
)
"""Which answers are right while positioning, so competences end at different levels."""


def _certify(data: Path, bank_dir: Path, at: datetime, wrong_every: int) -> None:
    """A finished certification blanche started `at`, one answer in `wrong_every` wrong."""
    from pix_tui.app.certification_session import CertificationSession
    from pix_tui.core.history import CertificationEnd
    from pix_tui.core.loader import load_bank
    from pix_tui.core.rules import DEFAULT_RULES
    from pix_tui.store import open_profile

    bank = load_bank(bank_dir).bank
    with open_profile(data, LONG_NAME) as store:
        session = CertificationSession.open(store, bank, rules=DEFAULT_RULES, now=lambda: at)
        n = 0
        while (current := session.current()) is not None:
            challenge = current[1]
            given = right_given(challenge) if n % wrong_every else None
            session.answer(challenge, given, 12.0)
            n += 1
        session.finish(CertificationEnd.COMPLETED)


@pytest.fixture(scope="module")
def realistic_profile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """16 competences positioned at different levels, three certifications blanches."""
    root = tmp_path_factory.mktemp("export")
    codes = tuple(referential().codes())
    assert len(codes) == 16
    bank = write_small_bank(root / "bank", competences=codes)
    data = root / "data"
    for i, code in enumerate(codes):
        pattern = LEVEL_PATTERNS[i % len(LEVEL_PATTERNS)]
        play_positioning(data, LONG_NAME, bank, code, correct=pattern)
    for k, wrong_every in enumerate((2, 4, 9)):
        _certify(data, bank, FIXED_NOW + timedelta(days=1 + 16 * k), wrong_every)
    return data, bank


@pytest.mark.parametrize(("lang", "title"), [("fr", "Profil Pix de"), ("en", "Pix profile of")])
def test_the_export_prints_on_one_a4_page(
    realistic_profile: tuple[Path, Path], tmp_path: Path, lang: str, title: str
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    data, bank = realistic_profile
    out = tmp_path / lang
    argv = ["export", "--profile", LONG_NAME, "--output", str(out), "--data-dir", str(data)]
    assert cli.main([*argv, "--challenges", str(bank), "--lang", lang]) == 0
    [page_file] = out.glob("*.html")
    text = page_file.read_text(encoding="utf-8")
    assert text.count('<th class="cert">') == 3, "a column for each of the three certifications"
    assert all(code in text for code in referential().codes())
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.goto(page_file.as_uri())
        assert title in page.inner_text("h1") and LONG_NAME in page.inner_text("h1")
        pdf = page.pdf(format="A4")
        browser.close()
    assert pdf.startswith(b"%PDF")
    assert len(PAGE_OBJECT.findall(pdf)) == 1, "the export prints on exactly one A4 page"
