"""The served page, without a request to the internet.

textual-serve's page asks Google Fonts for Roboto Mono, a font textual-serve also ships in its
own static folder. In a lab without internet that request only fails; with internet it tells a
third party that a pupil opened the page. The page used is textual-serve's own template with
that link replaced by the copy served next to it (or dropped, if the copy is missing: the
browser then takes its monospace font); a template without the link is used as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

REMOTE_FONTS = re.compile(r"<link\b[^>]*fonts\.googleapis\.com[^>]*>", re.IGNORECASE)
FONT_FILE = "fonts/RobotoMono-VariableFont_wght.ttf"
LOCAL_FONT = (
    "<style>@font-face { font-family: 'Roboto Mono'; "
    'src: url("{{ config.static.url }}' + FONT_FILE + '"); }</style>'
)


def offline_page(template: str, font_shipped: bool) -> str:
    return REMOTE_FONTS.sub(LOCAL_FONT if font_shipped else "", template)


def offline_templates(package: Path, into: Path) -> Path:
    """textual-serve's templates (from its package folder), rewritten into `into`."""
    font_shipped = (package / "static" / FONT_FILE).is_file()
    for source in (package / "templates").iterdir():
        if source.is_file():
            page = offline_page(source.read_text("utf-8"), font_shipped)
            (into / source.name).write_text(page, encoding="utf-8")
    return into
