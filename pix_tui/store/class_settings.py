"""The class settings: `pix-tui.toml` in the data folder, read and checked before anything starts.

A class folder carries its own settings so that a lab server starts with a bare `pix-tui`.
Every key is optional; a file with one wrong key is refused as a whole (the app must never
run on half a file), each problem located as `path:line` like a challenge file. Command-line
flags override the file (see `merged_options` in the command line).

The teacher code is kept hashed like profile codes, as `scrypt:N:r:p:<salt>:<hash>`;
`pix-tui class --set-code` writes it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pix_tui.core.referential import referential
from pix_tui.i18n import LANGUAGES
from pix_tui.store.atomic_storage import atomic_write
from pix_tui.store.pin import SCHEME, PinHash, hash_pin, verify_pin

SETTINGS_FILE = "pix-tui.toml"
MAX_DAYS = 365
MAX_CERTIFICATION_MINUTES = 600
CODE_KEY = "teacher_code"


@dataclass(frozen=True, slots=True)
class Campaign:
    """The competences a class works on this term: shown first at home, reported on by class."""

    name: str = ""
    competences: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClassSettings:
    """What `pix-tui.toml` says; None means "not set here" (a flag or the default decides)."""

    path: Path | None = None
    retry_days: float | None = None
    reset_days: float | None = None
    certification_delay_days: float | None = None
    certification_minutes: int | None = None
    challenges: Path | None = None
    lang: str | None = None
    low_bandwidth: bool | None = None
    campaign: Campaign = field(default_factory=Campaign)
    teacher_code: PinHash | None = None

    def check_teacher_code(self, code: str) -> bool:
        return self.teacher_code is not None and verify_pin(code, self.teacher_code)


@dataclass(frozen=True, slots=True)
class SettingsProblem:
    """One thing wrong in the file, as a catalogue key (`settings.<key>`) and its values."""

    path: Path
    line: int
    key: str
    values: tuple[tuple[str, str], ...] = ()

    def text(self, tr: Callable[..., str]) -> str:
        return f"{self.path}:{self.line}: " + tr(f"settings.{self.key}", **dict(self.values))


class SettingsInvalid(Exception):
    """The file cannot be used; every problem found is listed."""

    def __init__(self, problems: list[SettingsProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.path}:{p.line}: {p.key}" for p in problems))

    def text(self, tr: Callable[..., str]) -> str:
        return "\n".join(problem.text(tr) for problem in self.problems)


def settings_path(data_dir: Path) -> Path:
    return data_dir / SETTINGS_FILE


# -- reading ------------------------------------------------------------------------------

_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_-]+)\s*\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*=")
_SYNTAX_LINE = re.compile(r"line (\d+)")


def key_lines(text: str) -> dict[tuple[str, str], int]:
    """Where each `key =` sits, by (table, key): tomllib gives values, not their lines."""
    lines: dict[tuple[str, str], int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), 1):
        if match := _TABLE.match(line):
            table = match[1]
            lines.setdefault(("", table), number)
        elif match := _KEY.match(line):
            lines.setdefault((table, match[1].strip('"')), number)
    return lines


class _Checker:
    """Collects every problem of one file, each at the line of its key."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = key_lines(text)
        self.problems: list[SettingsProblem] = []

    def fail(self, table: str, key: str, code: str, **values: object) -> None:
        line = self.lines.get((table, key), 1)
        shown = f"{table}.{key}" if table else key
        self.problems.append(
            SettingsProblem(
                self.path,
                line,
                code,
                tuple((k, str(v)) for k, v in {"key": shown, **values}.items()),
            )
        )

    def number(self, table: str, key: str, value: Any, top: float) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(table, key, "expected_number", low=0, high=top, found=_shown(value))
            return None
        if not 0 <= value <= top:
            self.fail(table, key, "out_of_range", low=0, high=top, found=value)
            return None
        return float(value)

    def integer(self, table: str, key: str, value: Any, low: int, top: int) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(table, key, "expected_integer", low=low, high=top, found=_shown(value))
            return None
        if not low <= value <= top:
            self.fail(table, key, "out_of_range", low=low, high=top, found=value)
            return None
        return value

    def text(self, table: str, key: str, value: Any) -> str | None:
        if not isinstance(value, str):
            self.fail(table, key, "expected_text", found=_shown(value))
            return None
        return value

    def flag(self, table: str, key: str, value: Any) -> bool | None:
        if not isinstance(value, bool):
            self.fail(table, key, "expected_bool", found=_shown(value))
            return None
        return value


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dict):
        return "[…]"
    return str(value)


TOP_KEYS = (
    "retry_days",
    "reset_days",
    "certification_delay_days",
    "certification_minutes",
    "challenges",
    "lang",
    "low_bandwidth",
    "teacher_code",
    "campaign",
)
CAMPAIGN_KEYS = ("name", "competences")


def parse_settings(text: str, path: Path) -> ClassSettings:
    """The settings of one file's text; raises SettingsInvalid listing every problem.

    Relative `challenges` folders are relative to the file's folder, the data folder.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = _SYNTAX_LINE.search(str(error))
        line = int(match[1]) if match else 1
        detail = str(error).split(" (at ")[0]
        raise SettingsInvalid(
            [SettingsProblem(path, line, "syntax", (("detail", detail),))]
        ) from None
    check = _Checker(path, text)
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in TOP_KEYS:
            check.fail("", key, "unknown_key", expected=", ".join(TOP_KEYS))
            continue
        values[key] = _top_value(check, key, value, path)
    if check.problems:
        raise SettingsInvalid(check.problems)
    return ClassSettings(path=path, **{k: v for k, v in values.items() if v is not None})


def _top_value(check: _Checker, key: str, value: Any, path: Path) -> Any:
    match key:
        case "retry_days" | "reset_days" | "certification_delay_days":
            return check.number("", key, value, MAX_DAYS)
        case "certification_minutes":
            return check.integer("", key, value, 1, MAX_CERTIFICATION_MINUTES)
        case "challenges":
            return _folder(check, value, path)
        case "lang":
            if value not in LANGUAGES:
                check.fail(
                    "", key, "expected_choice", choices=", ".join(LANGUAGES), found=_shown(value)
                )
                return None
            return value
        case "low_bandwidth":
            return check.flag("", key, value)
        case "teacher_code":
            return _code(check, value)
        case "campaign":
            return _campaign(check, value)
    return None


def _folder(check: _Checker, value: Any, path: Path) -> Path | None:
    text = check.text("", "challenges", value)
    if text is None:
        return None
    folder = Path(text).expanduser()
    if not folder.is_absolute():
        folder = path.parent / folder
    if not folder.is_dir():
        check.fail("", "challenges", "no_folder", folder=folder)
        return None
    return folder


def _code(check: _Checker, value: Any) -> PinHash | None:
    text = check.text("", CODE_KEY, value)
    if text is None:
        return None
    parts = text.split(":")
    try:
        if len(parts) != 6:
            raise ValueError(text)
        scheme, n, r, p, salt, digest = parts
        return PinHash.from_doc(
            {"scheme": scheme, "n": int(n), "r": int(r), "p": int(p), "salt": salt, "hash": digest}
        )
    except ValueError:
        check.fail("", CODE_KEY, "bad_code")
        return None


def _campaign(check: _Checker, value: Any) -> Campaign | None:
    if not isinstance(value, dict):
        check.fail("", "campaign", "expected_table", found=_shown(value))
        return None
    name, competences = "", ()
    codes = referential().codes()
    for key, item in value.items():
        if key == "name":
            name = check.text("campaign", key, item) or ""
        elif key == "competences":
            competences = _competences(check, item, codes)
        else:
            check.fail("campaign", key, "unknown_key", expected=", ".join(CAMPAIGN_KEYS))
    return Campaign(name, competences)


def _competences(check: _Checker, value: Any, codes: tuple[str, ...]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        check.fail("campaign", "competences", "expected_codes", found=_shown(value))
        return ()
    unknown = [item for item in value if item not in codes]
    if unknown:
        check.fail("campaign", "competences", "unknown_competence", found=", ".join(unknown))
        return ()
    return tuple(dict.fromkeys(value))


def load_settings(data_dir: Path) -> ClassSettings:
    """The data folder's settings, or empty ones when there is no file.

    Raises SettingsInvalid for a file that is unreadable, not UTF-8, or wrong anywhere.
    """
    path = settings_path(data_dir)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return ClassSettings()
    except OSError as error:
        reason = error.strerror or str(error)
        raise SettingsInvalid(
            [SettingsProblem(path, 1, "unreadable", (("reason", reason),))]
        ) from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SettingsInvalid([SettingsProblem(path, line, "not_utf8")]) from None
    return parse_settings(text, path)


# -- writing the teacher code ---------------------------------------------------------


def encode_code(pin_hash: PinHash) -> str:
    return ":".join(
        str(part)
        for part in (SCHEME, pin_hash.n, pin_hash.r, pin_hash.p, pin_hash.salt, pin_hash.hash)
    )


def with_teacher_code(text: str, code: str) -> str:
    """The file's text with its `teacher_code` line replaced, or added before any table.

    A textual edit, so the teacher's comments and layout stay as they wrote them.
    """
    line = f'{CODE_KEY} = "{encode_code(hash_pin(code))}"'
    lines = text.splitlines()
    table = ""
    first_table: int | None = None
    for index, current in enumerate(lines):
        if match := _TABLE.match(current):
            table = match[1]
            if first_table is None:
                first_table = index
        elif not table and (match := _KEY.match(current)) and match[1] == CODE_KEY:
            lines[index] = line
            return "\n".join(lines) + "\n"
    at = len(lines) if first_table is None else first_table
    lines.insert(at, line)
    return "\n".join(lines) + "\n"


def set_teacher_code(data_dir: Path, code: str) -> Path:
    """Writes the hashed code into the data folder's settings; the result is checked first."""
    path = settings_path(data_dir)
    try:
        text = path.read_text("utf-8-sig")
    except FileNotFoundError:
        text = ""
    updated = with_teacher_code(text, code)
    parse_settings(updated, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, updated.encode("utf-8"), keep_backup=False)
    return path
