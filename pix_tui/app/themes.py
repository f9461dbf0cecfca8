"""Dark, light and ANSI themes, with the platform's five domain colours as CSS variables.

The ANSI themes use the terminal's own 16 colours: they are the readable choice on old
terminals and the cheap one over SSH. Colour never carries information alone: every domain
is also named in text.
"""

from __future__ import annotations

from dataclasses import replace

from textual.theme import BUILTIN_THEMES, Theme

CHOICES = ("dark", "light", "ansi")
DEFAULT_CHOICE = "dark"

_DARK_DOMAINS = {
    "domain-1": "#f1a141",
    "domain-2": "#3fc08a",
    "domain-3": "#3ca7f5",
    "domain-4": "#ff5c8f",
    "domain-5": "#a08cf0",
}
_LIGHT_DOMAINS = {
    "domain-1": "#a85a00",
    "domain-2": "#1d7a4f",
    "domain-3": "#0b62a8",
    "domain-4": "#c2185b",
    "domain-5": "#5a3fb0",
}
_ANSI_DOMAINS = {
    "domain-1": "ansi_yellow",
    "domain-2": "ansi_green",
    "domain-3": "ansi_cyan",
    "domain-4": "ansi_red",
    "domain-5": "ansi_magenta",
}

_NAMES = {
    ("dark", False): "pix-dark",
    ("light", False): "pix-light",
    ("ansi", False): "pix-ansi-dark",
    ("dark", True): "pix-ansi-dark",
    ("light", True): "pix-ansi-light",
    ("ansi", True): "pix-ansi-dark",
}


def pix_themes() -> tuple[Theme, ...]:
    dark = replace(BUILTIN_THEMES["textual-dark"], name="pix-dark", variables=_DARK_DOMAINS)
    light = replace(BUILTIN_THEMES["textual-light"], name="pix-light", variables=_LIGHT_DOMAINS)
    ansi_dark = BUILTIN_THEMES["ansi-dark"]
    ansi_light = BUILTIN_THEMES["ansi-light"]
    return (
        dark,
        light,
        replace(
            ansi_dark, name="pix-ansi-dark", variables={**ansi_dark.variables, **_ANSI_DOMAINS}
        ),
        replace(
            ansi_light, name="pix-ansi-light", variables={**ansi_light.variables, **_ANSI_DOMAINS}
        ),
    )


def variable_defaults() -> dict[str, str]:
    """Fallbacks so that any theme (even one Textual adds later) still parses our CSS."""
    return dict(_DARK_DOMAINS)


def theme_for(choice: str, *, low_bandwidth: bool) -> str:
    """Low bandwidth keeps the learner's light/dark choice but in 16 colours."""
    key = choice if choice in CHOICES else DEFAULT_CHOICE
    return _NAMES[(key, low_bandwidth)]


def next_choice(choice: str) -> str:
    index = CHOICES.index(choice) if choice in CHOICES else -1
    return CHOICES[(index + 1) % len(CHOICES)]
