"""The YAML front matter of a challenge file: splitting it off, reading it, checking each key.

Every check records a located problem instead of raising, so that one pass reports all of
a file's mistakes to its author.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pix_tui.core.model import ChallengeType, Problem, Tolerance
from pix_tui.core.referential import is_competence_code, referential
from pix_tui.core.safe_text import CONTROL, INVISIBLE, Found

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
TOPIC_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
FENCE = re.compile(r"^---\s*$")
MIN_TIME_LIMIT = 10

REQUIRED_KEYS = ("id", "competence", "topic", "level", "type")
KEYS_BY_TYPE: dict[ChallengeType, frozenset[str]] = {
    ChallengeType.QCU: frozenset({"shuffle"}),
    ChallengeType.QCM: frozenset({"shuffle"}),
    ChallengeType.QROC: frozenset({"answers", "tolerance", "input", "examples"}),
    ChallengeType.QROCM: frozenset({"answers", "tolerance", "input", "mode", "labels", "examples"}),
}
COMMON_KEYS = frozenset({*REQUIRED_KEYS, "time_limit", "attachments"})
ALL_KEYS = COMMON_KEYS.union(*KEYS_BY_TYPE.values())


@dataclass
class Problems:
    """Problems collected while reading one file."""

    path: Path
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, line: int, code: str, /, **values: object) -> None:
        self.errors.append(Problem.of(self.path, line, code, **values))

    def warn(self, line: int, code: str, /, **values: object) -> None:
        self.warnings.append(Problem.of(self.path, line, code, **values))


def split_front_matter(text: str, ctx: Problems) -> tuple[str, str, int] | None:
    """Returns (front matter, body, file line of the body's first line)."""
    lines = text.split("\n")
    if not lines or not FENCE.match(lines[0]):
        ctx.error(1, "no_front_matter")
        return None
    for index in range(1, len(lines)):
        if FENCE.match(lines[index]) or lines[index].rstrip() == "...":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    ctx.error(1, "unterminated_front_matter")
    return None


def _first_alias(source: str, loader_class: type) -> int | None:
    """The line of the first alias (`*name`), read from the tokens before anything is built.

    Aliases let a few lines stand for billions of values ("billion laughs"); a challenge's
    front matter never needs them, so any alias is refused.
    """
    for token in yaml.scan(source, Loader=loader_class):
        if isinstance(token, yaml.AliasToken):
            return int(token.start_mark.line)
    return None


def load_yaml(source: str, ctx: Problems) -> tuple[dict[str, Any], dict[str, int]] | None:
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(source)
    try:
        alias = _first_alias(source, loader_class)
        if alias is not None:
            ctx.error(alias + 2, "yaml_alias")
            return None
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(exc, "problem", None) or "invalid YAML"
        ctx.error(line, "yaml_error", reason=reason)
        return None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        ctx.error(1, "front_matter_unreadable", reason=exc)
        return None
    finally:
        loader.dispose()
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        ctx.error(2, "front_matter_not_mapping")
        return None
    _escaped_characters(node, source.split("\n"), ctx)
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        if key in lines:
            ctx.error(key_node.start_mark.line + 2, "key_twice", key=key)
        lines[key] = key_node.start_mark.line + 2
        _nested_lines(value_node, key, lines, depth=2)
    return {str(k): v for k, v in data.items()}, lines


def _escaped_characters(node: yaml.Node, source: list[str], ctx: Problems) -> None:
    """Characters written as YAML escapes (`"\\e"`, `"\\u202e"`) reach a value without being in
    the file's text, where the text check looks: each scalar is checked once decoded."""
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, yaml.SequenceNode):
            pending.extend(reversed(current.value))
        elif isinstance(current, yaml.MappingNode):
            for key_node, value_node in reversed(current.value):
                pending.extend((value_node, key_node))
        elif isinstance(current, yaml.ScalarNode) and isinstance(current.value, str):
            row = current.start_mark.line
            written = source[row] if row < len(source) else ""
            for pattern, report in ((CONTROL, ctx.error), (INVISIBLE, ctx.warn)):
                found = pattern.search(current.value)
                if found and not pattern.search(written):
                    code = "control_character" if pattern is CONTROL else "invisible_character"
                    report(row + 2, code, char=Found(row + 2, found.group()).code)


def _nested_lines(node: yaml.Node, path: str, lines: dict[str, int], depth: int) -> None:
    """Lines of nested items (`examples.accept.0`, `labels.ville`), to point at the exact one."""
    if depth == 0:
        return
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.setdefault(f"{path}.{index}", item.start_mark.line + 2)
            _nested_lines(item, f"{path}.{index}", lines, depth - 1)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            name = f"{path}.{key_node.value}"
            lines.setdefault(name, key_node.start_mark.line + 2)
            _nested_lines(value_node, name, lines, depth - 1)


def string_list(value: Any, key: str, line: int, ctx: Problems) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    result = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, str | int | float) or str(item) == "":
            ctx.error(line, "not_text_list", key=key)
            return ()
        result.append(str(item))
    if not result:
        ctx.error(line, "no_accepted_answer", key=key)
    return tuple(result)


def check_keys(data: dict[str, Any], lines: dict[str, int], ctx: Problems) -> None:
    for key in data:
        if key.startswith("x-") or key in ALL_KEYS:
            continue
        guess = difflib.get_close_matches(key, sorted(ALL_KEYS), n=1)
        if guess:
            ctx.error(lines.get(key, 1), "unknown_key_hint", key=key, hint=guess[0])
        else:
            ctx.error(lines.get(key, 1), "unknown_key", key=key)
    for key in REQUIRED_KEYS:
        if key not in data:
            ctx.error(1, "missing_key", key=key)


def enum_value(value: Any, enum_type: type, key: str, line: int, ctx: Problems) -> Any:
    try:
        return enum_type(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(m.value for m in enum_type)
        ctx.error(line, "not_in_choices", key=key, allowed=allowed, value=value)
        return None


def competence_code(value: Any, line: int, ctx: Problems) -> str | None:
    code = value if isinstance(value, str) else repr(value) if isinstance(value, float) else None
    if code is None or not is_competence_code(code.strip()):
        codes = referential().codes()
        ctx.error(line, "unknown_competence", value=value, first=codes[0], last=codes[-1])
        return None
    return code.strip()


def level_value(value: Any, line: int, ctx: Problems, max_level: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= max_level:
        ctx.error(line, "bad_level", max=max_level, value=value)
        return None
    return value


def slug_value(value: Any, pattern: re.Pattern[str], key: str, line: int, ctx: Problems) -> str:
    if not isinstance(value, str) or not pattern.match(value):
        ctx.error(line, "bad_slug", key=key, value=value)
        return ""
    return value


def tolerances_value(value: Any, line: int, ctx: Problems) -> frozenset[Tolerance]:
    items = value if isinstance(value, list) else [value]
    found = set()
    for item in items:
        tolerance = enum_value(item, Tolerance, "tolerance", line, ctx)
        if tolerance is not None:
            found.add(tolerance)
    return frozenset(found)


def attachments_value(
    value: Any, line: int, path: Path, root: Path, ctx: Problems
) -> tuple[Path, ...]:
    items = value if isinstance(value, list) else [value]
    result = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            ctx.error(line, "attachments_not_paths")
            continue
        target, problem = confined_file(path.parent, item, root)
        if target is None:
            ctx.error(line, f"attachment_{problem}", name=item)
        else:
            result.append(target)
    return tuple(result)


def confined_file(folder: Path, name: str, root: Path) -> tuple[Path | None, str]:
    """The regular file `name` names from `folder`, if it lies inside the bank.

    Returns (path, "") or (None, "outside" | "missing"); a name the system cannot even look up
    (a NUL byte, a part too long, a loop of links) is "missing", never an exception.
    """
    try:
        if "\0" in name:
            return None, "missing"
        target = (folder / name).resolve()
        if not target.is_relative_to(root.resolve()):
            return None, "outside"
        return (target, "") if target.is_file() else (None, "missing")
    except (OSError, ValueError, RuntimeError):
        return None, "missing"


def boolean_value(value: Any, key: str, line: int, ctx: Problems) -> bool:
    if not isinstance(value, bool):
        ctx.error(line, "not_boolean", key=key, value=value)
        return False
    return value


def time_limit_value(value: Any, line: int, ctx: Problems) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < MIN_TIME_LIMIT:
        ctx.error(line, "bad_time_limit", min=MIN_TIME_LIMIT)
        return None
    return value


@dataclass
class Fields:
    data: dict[str, Any]
    lines: dict[str, int]

    def line(self, key: str) -> int:
        """The line of a key or nested item (`examples.accept.2`), else of its nearest parent."""
        while key not in self.lines and "." in key:
            key = key.rsplit(".", 1)[0]
        return self.lines.get(key, 1)

    def get(self, key: str, convert: Callable[[Any, int], Any], default: Any = None) -> Any:
        if key not in self.data:
            return default
        return convert(self.data[key], self.line(key))
