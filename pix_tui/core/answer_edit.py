"""Adding an accepted answer to a challenge file: the smallest textual edit, shown as a diff.

The file is the teacher's: their comments, quotes and layout stay as they wrote them. Only the
list holding the challenge's accepted answers changes, by one item appended as a plain
string: a flow list `answers: [a, b]` (or a blank's `  name: [a, b]` under `answers:`) gains
`, "new"` before its bracket; a block list gains a `- "new"` line after its last item. Any
other shape is refused rather than guessed at. The caller validates the result with the
parser before writing it.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass

_FENCE = re.compile(r"^---\s*$")
_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:(.*)$")
_FLOW = re.compile(r"^(?P<head>\s*[^#\s][^:]*:\s*)\[(?P<items>.*)\](?P<tail>\s*(#.*)?)$")
_BLOCK_ITEM = re.compile(r"^(?P<indent>\s*)-\s")


class EditRefused(ValueError):
    """The list could not be found or has a shape this edit does not handle; `key` says which."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(key)


@dataclass(frozen=True, slots=True)
class AnswerEdit:
    before: str
    after: str
    line: int
    """The 1-based line changed or added."""

    def diff(self, name: str) -> str:
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
                n=1,
            )
        )


def yaml_string(text: str) -> str:
    """A double-quoted YAML scalar (JSON's quoting is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _front_matter_end(lines: list[str]) -> int:
    if not lines or not _FENCE.match(lines[0]):
        raise EditRefused("no_front_matter")
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index]) or lines[index].rstrip() == "...":
            return index
    raise EditRefused("no_front_matter")


def _answers_block(lines: list[str], end: int) -> tuple[int, int]:
    """(line of `answers:`, index after its block) inside the front matter."""
    for index in range(1, end):
        match = _TOP_KEY.match(lines[index])
        if match and match[1] == "answers":
            stop = index + 1
            while stop < end and (not lines[stop].strip() or lines[stop][:1] in " \t-#"):
                stop += 1
            return index, stop
    raise EditRefused("no_answers")


def _append_flow(line: str, answer: str) -> str | None:
    match = _FLOW.match(line)
    if match is None:
        return None
    items = match["items"].rstrip()
    joined = f"{items}, {yaml_string(answer)}" if items.strip() else yaml_string(answer)
    return f"{match['head']}[{joined}]{match['tail']}"


def _append_block(lines: list[str], first: int, stop: int, indent: str, answer: str) -> int:
    last = first
    for index in range(first, stop):
        item = _BLOCK_ITEM.match(lines[index])
        if item and item["indent"] == indent:
            last = index
        elif lines[index].strip() and not lines[index].startswith(indent + " "):
            break
    lines.insert(last + 1, f"{indent}- {yaml_string(answer)}")
    return last + 1


def add_answer(text: str, answer: str, blank: str = "") -> AnswerEdit:
    """The file's text with `answer` accepted (in `blank` for a challenge with blanks)."""
    if not answer.strip() or "\n" in answer:
        raise EditRefused("bad_answer")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    end = _front_matter_end(lines)
    start, stop = _answers_block(lines, end)
    if not blank:
        flow = _append_flow(lines[start], answer)
        if flow is not None:
            lines[start] = flow
            return AnswerEdit(text, newline.join(lines), start + 1)
        if lines[start].split(":", 1)[1].strip():
            raise EditRefused("answers_shape")
        item = next((_BLOCK_ITEM.match(lines[i]) for i in range(start + 1, stop)), None)
        if item is None:
            raise EditRefused("answers_shape")
        at = _append_block(lines, start + 1, stop, item["indent"], answer)
        return AnswerEdit(text, newline.join(lines), at + 1)
    pattern = re.compile(rf"^\s+{re.escape(blank)}\s*:")
    for index in range(start + 1, stop):
        if pattern.match(lines[index]):
            flow = _append_flow(lines[index], answer)
            if flow is None:
                raise EditRefused("answers_shape")
            lines[index] = flow
            return AnswerEdit(text, newline.join(lines), index + 1)
    raise EditRefused("no_blank")
