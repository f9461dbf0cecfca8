"""The one translation helper: every user-visible string goes through a `Translator`.

Catalogues are TOML files under `pix_tui/locales/<lang>/`, one file per area of the app
(`common.toml`, `challenge.toml`, …); a file's keys are prefixed by its name, so
`challenge.toml`'s `skip` is `challenge.skip`. French is the default; English is complete.
"""

from __future__ import annotations

import locale
import os
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"


def _flatten(prefix: str, table: dict[str, object], out: dict[str, str]) -> None:
    for key, value in table.items():
        name = f"{prefix}.{key}"
        if isinstance(value, dict):
            _flatten(name, value, out)
        else:
            out[name] = str(value)


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every key of one language, read once per process."""
    folder = resources.files("pix_tui").joinpath("locales", lang)
    entries: dict[str, str] = {}
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".toml"):
            _flatten(
                item.name.removesuffix(".toml"), tomllib.loads(item.read_text("utf-8")), entries
            )
    return entries


def detect_language(environ: dict[str, str] | None = None) -> str:
    """English when the locale says so, French otherwise (the app's audience)."""
    env = os.environ if environ is None else environ
    for var in ("PIX_TUI_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            code = value.split("_")[0].split(".")[0].lower()
            return code if code in LANGUAGES else DEFAULT_LANGUAGE
    code = (locale.getlocale()[0] or "").split("_")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Translator:
    lang: str = DEFAULT_LANGUAGE
    _entries: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise ValueError(f"unknown language {self.lang!r}; choose one of {LANGUAGES}")
        object.__setattr__(self, "_entries", catalogue(self.lang))

    def __call__(self, key: str, /, **values: object) -> str:
        """A missing key or value shows itself rather than crashing: the catalogue test catches it.

        Every entry is a format string (literal braces are doubled), with or without values.
        """
        text = self._entries.get(key) or catalogue(DEFAULT_LANGUAGE).get(key, key)
        try:
            return text.format_map(_Shown(values))
        except (ValueError, IndexError, AttributeError):
            return text


class _Shown(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
