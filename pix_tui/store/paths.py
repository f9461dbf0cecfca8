"""Where profiles live, and how a learner's name becomes a safe folder name.

A profile is a folder `<data dir>/profiles/<slug>-<hash>/`. The slug keeps the name
recognisable for a teacher browsing the disk; the hash of the case-folded name makes the
folder unique (two names that slug alike never collide) and lets a name be found without
reading every profile. Slugs hold only letters, digits, `-` and `_`: no `/`, no `..`.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

import platformdirs

from pix_tui.store.errors import FolderUnusable, InvalidProfileName

APP_NAME = "pix-tui"
DATA_ENV = "PIX_TUI_DATA"
PROFILES_FOLDER = "profiles"
MAX_NAME_LENGTH = 60
MAX_SLUG_LENGTH = 32
HASH_LENGTH = 10
PRIVATE_DIR_MODE = 0o700

_NOT_SLUG = re.compile(r"[^\w-]+")


def resolve_data_dir(cli_value: str | None, environ: Mapping[str, str]) -> Path:
    """`--data-dir` wins, then PIX_TUI_DATA, then the platform's user data folder."""
    for value in (cli_value, environ.get(DATA_ENV)):
        if value and value.strip():
            return Path(value).expanduser().absolute()
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def clean_name(name: str) -> str:
    """The name as stored and shown: NFC, whitespace runs collapsed, ends trimmed."""
    text = " ".join(unicodedata.normalize("NFC", name).split())
    if not text:
        raise InvalidProfileName(name=name, reason="it is empty")
    if len(text) > MAX_NAME_LENGTH:
        raise InvalidProfileName(
            name=name, reason=f"it is longer than {MAX_NAME_LENGTH} characters"
        )
    if not text.isprintable():
        raise InvalidProfileName(name=name, reason="it contains characters that cannot be shown")
    return text


def name_key(name: str) -> str:
    """What makes two names the same profile: "Léa" and "LÉA" are one learner."""
    return unicodedata.normalize("NFC", clean_name(name).casefold())


def folder_name(name: str) -> str:
    key = name_key(name)
    slug = _NOT_SLUG.sub("-", key).strip("-_")[:MAX_SLUG_LENGTH].strip("-_") or "profile"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:HASH_LENGTH]
    return f"{slug}-{digest}"


def profiles_root(data_dir: Path) -> Path:
    return data_dir / PROFILES_FOLDER


def profile_folder(data_dir: Path, name: str) -> Path:
    return profiles_root(data_dir) / folder_name(name)


def ensure_private_dir(path: Path) -> None:
    """Create a folder (and its parents) readable by its owner only; keep existing modes.

    Another pix-tui may create the same folder at the same moment: the folder is created
    first and only a refusal is looked at, so "it exists already" is never mistaken for
    "it is a file".
    """
    if path.is_dir():
        return
    if path.parent != path:
        ensure_private_dir(path.parent)
    try:
        os.mkdir(path, PRIVATE_DIR_MODE)
    except FileExistsError:
        if not path.is_dir():
            raise FolderUnusable(path=path, reason="it is a file, not a folder") from None
    except OSError as error:
        raise FolderUnusable(path=path, reason=error.strerror or str(error)) from error
