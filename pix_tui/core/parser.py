"""One challenge file → a `Challenge`, or every problem in it located at `path:line`.

Teachers write these files by hand, so the parser is strict (unknown keys are errors) and
never lets an exception other than `ChallengeError` escape, whatever the bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from pix_tui.core.alternatives import AlternativesError, expand
from pix_tui.core.answer_examples import check_examples
from pix_tui.core.files import MAX_FILE_BYTES
from pix_tui.core.front_matter import (
    ALL_KEYS,
    COMMON_KEYS,
    ID_PATTERN,
    KEYS_BY_TYPE,
    TOPIC_PATTERN,
    Fields,
    Problems,
    attachments_value,
    boolean_value,
    check_keys,
    competence_code,
    confined_file,
    enum_value,
    level_value,
    load_yaml,
    slug_value,
    split_front_matter,
    string_list,
    time_limit_value,
    tolerances_value,
)
from pix_tui.core.model import (
    BlankMode,
    Challenge,
    ChallengeType,
    InputKind,
    Parsed,
    Problem,
    Proposal,
    Tutorial,
)
from pix_tui.core.normalize import parse_number, strip_accents
from pix_tui.core.rules import DEFAULT_RULES
from pix_tui.core.safe_text import CONTROL, INVISIBLE, first_per_line, neutral

BLANK_PATTERN = re.compile(r"\{\{\s*([\w-]+)\s*\}\}")
EXPLANATION = "explication"
FURTHER = "pour aller plus loin"
MAX_PROPOSALS = 50
"""Counted on the raw lines before the Markdown parse, so no file can make the parse slow."""
TASK_LINE = re.compile(r"^[\s>*+\-\d.)]*\[[ xX]\]", re.MULTILINE)
CHECKBOX = '<input class="task-list-item-checkbox" disabled="disabled" type="checkbox">'
CHECKED = (
    '<input class="task-list-item-checkbox" checked="checked" disabled="disabled" type="checkbox">'
)
TASK_START = re.compile(r"\[[ xX]\][ \t\n\v\f\r]+")
TASK_BOXES = {"[ ] ": CHECKBOX, "[x] ": CHECKED, "[X] ": CHECKED}


class ChallengeError(Exception):
    """A file that cannot become a challenge; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem], warnings: list[Problem] | None = None) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = tuple(problems)
        self.warnings = tuple(warnings or ())


def _task_lists(state: StateCore) -> None:
    """GitHub task lists (`- [ ] …`, `- [x] …`) in one pass over the tokens.

    Same marks as mdit-py-plugins' tasklists, whose search for each item's list walks back
    over the whole list (quadratic in the number of items); here the last token seen at each
    nesting level is remembered instead.
    """
    tokens = state.tokens
    last_at_level: dict[int, int] = {}
    for index, token in enumerate(tokens):
        if (
            index >= 2
            and token.type == "inline"
            and tokens[index - 1].type == "paragraph_open"
            and tokens[index - 2].type == "list_item_open"
            and TASK_START.match(token.content)
            and token.children
        ):
            box = Token("html_inline", "", 0)
            box.content = TASK_BOXES.get(token.content[:4], "")
            token.children[0].content = token.children[0].content[3:]
            token.children.insert(0, box)
            token.content = token.content[3:]
            tokens[index - 2].attrSet("class", "task-list-item")
            parent = last_at_level.get(tokens[index - 2].level - 1)
            if parent is not None:
                tokens[parent].attrSet("class", "contains-task-list")
        last_at_level[token.level] = index


@cache
def markdown() -> MarkdownIt:
    """Building the parser costs more than parsing one challenge: build it once."""
    md = MarkdownIt("commonmark", {"html": True})
    md.core.ruler.after("inline", "task-lists", _task_lists)
    return md


def _suspicious_characters(text: str, ctx: Problems) -> None:
    """Controls would reach the learner's terminal: refused. Invisible marks: a warning."""
    for found in first_per_line(CONTROL, text):
        ctx.error(found.line, "control_character", char=found.code)
    for found in first_per_line(INVISIBLE, text):
        ctx.warn(found.line, "invisible_character", char=found.code)


def _too_many_proposals(text: str, ctx: Problems) -> bool:
    """Any line that could become a proposal counts, before the Markdown parse."""
    for count, match in enumerate(TASK_LINE.finditer(text), 1):
        if count > MAX_PROPOSALS:
            line = text.count("\n", 0, match.start()) + 1
            ctx.error(line, "too_many_proposals", max=MAX_PROPOSALS)
            return True
    return False


def _decode(data: bytes, ctx: Problems) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        ctx.error(line, "not_utf8")
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class _Section:
    title: str
    line: int
    start: int
    end: int


def _sections(tokens: list[Token], body_lines: int) -> tuple[int, list[_Section]]:
    """The statement ends at the first level-2 heading; each heading opens a section."""
    heads = [
        (i, t) for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2" and t.map
    ]
    statement_end = heads[0][1].map[0] if heads else body_lines  # type: ignore[index]
    sections = []
    for n, (i, token) in enumerate(heads):
        start = token.map[1]  # type: ignore[index]
        end = heads[n + 1][1].map[0] if n + 1 < len(heads) else body_lines  # type: ignore[index]
        sections.append(_Section(tokens[i + 1].content.strip(), token.map[0], start, end))  # type: ignore[index]
    return statement_end, sections


def _section_key(title: str) -> str:
    return strip_accents(title).lower().strip(" :")


def _text_of(lines: list[str], start: int, end: int) -> str:
    return "\n".join(lines[start:end]).strip()


def _reader_text(children: list[Token]) -> str:
    """A proposal as a reader sees it: `code` and *emphasis* without their marks, a link as
    its text. The terminal shows every character in one font, so the marks would only be
    noise, and a learner must not take a backtick for part of the answer."""
    parts = []
    for child in children:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


def _proposals(
    tokens: list[Token], statement_end: int, offset: int, ctx: Problems
) -> tuple[list[Proposal], tuple[int, int] | None]:
    lists = [
        t
        for t in tokens
        if t.type == "bullet_list_open"
        and t.level == 0
        and t.map
        and t.map[0] < statement_end
        and "contains-task-list" in str(t.attrs.get("class", ""))
    ]
    if not lists:
        ctx.error(offset, "no_proposals")
        return [], None
    if len(lists) > 1:
        where = ", ".join(str(t.map[0] + offset) for t in lists if t.map)
        ctx.error(lists[1].map[0] + offset, "several_lists", lines=where)  # type: ignore[index]
    first = lists[0]
    span = (first.map[0], first.map[1])  # type: ignore[index]
    proposals: list[Proposal] = []
    for index, token in enumerate(tokens):
        if token.type != "list_item_open" or token.level != 1 or not token.map:
            continue
        if not span[0] <= token.map[0] < span[1]:
            continue
        line = token.map[0] + offset
        inline = next((t for t in tokens[index:] if t.type == "inline"), None)
        children = (inline.children or []) if inline else []
        box = children[0] if children and children[0].type == "html_inline" else None
        if box is None or "task-list-item-checkbox" not in box.content:
            ctx.error(line, "proposal_not_task")
            continue
        text = _reader_text(children[1:])
        if not text:
            ctx.error(line, "empty_proposal")
        proposals.append(Proposal(neutral(text), 'checked="checked"' in box.content, line))
    return proposals, span


def _check_choices(
    kind: ChallengeType, proposals: list[Proposal], line: int, ctx: Problems
) -> None:
    checked = sum(p.correct for p in proposals)
    if len(proposals) < 2:
        ctx.error(line, "too_few_proposals", kind=kind, count=len(proposals))
    if kind is ChallengeType.QCU and checked != 1:
        ctx.error(line, "qcu_checked", count=checked)
    if kind is ChallengeType.QCM and checked == 0:
        ctx.error(line, "qcm_checked")
    texts = [p.text for p in proposals]
    for proposal in proposals:
        if texts.count(proposal.text) > 1:
            ctx.error(proposal.line, "proposal_twice", text=proposal.text)
            break


def _inline_checks(tokens: list[Token], offset: int, path: Path, root: Path, ctx: Problems) -> None:
    for token in tokens:
        line = token.map[0] + offset if token.map else offset
        if token.type == "html_block":
            ctx.warn(line, "raw_html")
        for child in token.children or []:
            if child.type == "html_inline" and "task-list-item-checkbox" not in child.content:
                ctx.warn(line, "raw_html")
            if child.type == "image":
                _check_image(child, line, path, root, ctx)


def _check_image(image: Token, line: int, path: Path, root: Path, ctx: Problems) -> None:
    if not image.content.strip():
        ctx.error(line, "image_no_alt")
    src = str(image.attrs.get("src", ""))
    if src and "://" not in src and confined_file(path.parent, src, root)[0] is None:
        ctx.error(line, "image_missing", src=src)


def _tutorials(
    tokens: list[Token], section: _Section, offset: int, ctx: Problems
) -> tuple[Tutorial, ...]:
    result = []
    for token in tokens:
        if token.type != "inline" or not token.map:
            continue
        if not section.start <= token.map[0] < section.end:
            continue
        children = token.children or []
        for i, child in enumerate(children):
            if child.type != "link_open":
                continue
            url = str(child.attrs.get("href", ""))
            close = next(
                (j for j in range(i + 1, len(children)) if children[j].type == "link_close"),
                len(children),
            )
            title = "".join(c.content for c in children[i + 1 : close]) or url
            if not url.startswith(("http://", "https://")):
                ctx.warn(token.map[0] + offset, "tutorial_not_http", url=url)
                continue
            result.append(Tutorial(title.strip(), url))
    if not result:
        ctx.warn(section.line + offset, "tutorials_empty")
    return tuple(result)


def _blanks(statement: str, start_line: int, ctx: Problems) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    for number, text in enumerate(statement.split("\n")):
        for match in BLANK_PATTERN.finditer(text):
            name = match.group(1)
            if any(name == n for n, _ in found):
                ctx.error(start_line + number, "blank_twice", name=name)
            else:
                found.append((name, start_line + number))
    return found


def _qrocm_answers(
    value: Any, line: int, blanks: list[tuple[str, int]], ctx: Problems
) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        ctx.error(line, "qrocm_answers_not_mapping")
        return {}
    names = [name for name, _ in blanks]
    if not blanks:
        ctx.error(line, "qrocm_no_blanks")
    for name, blank_line in blanks:
        if name not in value:
            ctx.error(blank_line, "blank_without_answers", name=name)
    for key in value:
        if str(key) not in names:
            ctx.error(line, "answers_without_blank", name=key)
    return {
        name: _expanded(string_list(value[name], f"answers.{name}", line, ctx), line, ctx)
        for name in names
        if name in value
    }


def _expanded(values: tuple[str, ...], line: int, ctx: Problems) -> tuple[str, ...]:
    """Written answers with their `[a|b]?` alternatives spelled out, in a stable order."""
    result: dict[str, None] = {}
    for value in values:
        try:
            result.update(dict.fromkeys(expand(value)))
        except AlternativesError as exc:
            ctx.error(line, exc.code, value=value, **exc.values)
    return tuple(result)


def _labels(fields: Fields, blanks: list[tuple[str, int]], ctx: Problems) -> dict[str, str]:
    """Each blank's label for the learner; the name stays the key for answers and examples."""
    raw = fields.data.get("labels")
    line = fields.line("labels")
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        ctx.error(line, "labels_not_mapping")
        return {}
    names = [name for name, _ in blanks]
    labels: dict[str, str] = {}
    for key, value in raw.items():
        where = fields.line(f"labels.{key}")
        if str(key) not in names:
            ctx.error(where, "label_without_blank", name=key)
        elif not isinstance(value, str) or not value.strip():
            ctx.error(where, "label_not_text", name=key)
        else:
            labels[str(key)] = value.strip()
    for name, blank_line in blanks:
        if name not in labels and name not in raw:
            ctx.warn(blank_line, "blank_without_label", name=name)
    return labels


def _check_numbers(values: tuple[str, ...], line: int, ctx: Problems) -> None:
    for value in values:
        if parse_number(value) is None:
            ctx.error(line, "not_a_number", value=value)


def parse_challenge(
    data: bytes, path: Path, root: Path, *, max_level: int = DEFAULT_RULES.max_level
) -> Parsed:
    """Raises `ChallengeError` listing every error; warnings ride along with the result."""
    ctx = Problems(path)
    try:
        if len(data) > MAX_FILE_BYTES:
            ctx.error(1, "file_too_large", max=MAX_FILE_BYTES)
            outcome = None
        else:
            outcome = _parse(data, path, root, max_level, ctx)
    except RecursionError:
        ctx.error(1, "too_deep")
        outcome = None
    if ctx.errors or outcome is None:
        if not ctx.errors:
            ctx.error(1, "not_a_challenge")
        raise ChallengeError(sorted(ctx.errors, key=lambda p: p.line), ctx.warnings)
    return Parsed(outcome[0], tuple(ctx.warnings), outcome[1])


def _parse(
    data: bytes, path: Path, root: Path, max_level: int, ctx: Problems
) -> tuple[Challenge, int] | None:
    text = _decode(data, ctx)
    if text is not None:
        _suspicious_characters(text, ctx)
        if _too_many_proposals(text, ctx):
            return None
    split = split_front_matter(text, ctx) if text is not None else None
    loaded = load_yaml(split[0], ctx) if split else None
    if split is None or loaded is None:
        return None
    body, offset = split[1], split[2]
    fields = Fields(*loaded)
    check_keys(fields.data, fields.lines, ctx)
    kind = fields.get("type", lambda v, ln: enum_value(v, ChallengeType, "type", ln, ctx))
    if kind is not None:
        for key in fields.data:
            if key in ALL_KEYS and key not in COMMON_KEYS and key not in KEYS_BY_TYPE[kind]:
                ctx.error(fields.line(key), "key_not_for_type", key=key, kind=kind)

    body_lines = body.split("\n")
    tokens = markdown().parse(body)
    statement_end, sections = _sections(tokens, len(body_lines))
    explanation, tutorials = "", ()
    for section in sections:
        key = _section_key(section.title)
        if key == EXPLANATION:
            explanation = _text_of(body_lines, section.start, section.end)
        elif key == FURTHER:
            tutorials = _tutorials(tokens, section, offset, ctx)
        else:
            ctx.error(
                section.line + offset,
                "unexpected_section",
                title=section.title,
            )
    if not explanation:
        ctx.warn(offset, "no_explanation")
    _inline_checks(tokens, offset, path, root, ctx)

    statement_lines = body_lines[:statement_end]
    proposals: list[Proposal] = []
    if kind is not None and kind.is_choice:
        proposals, span = _proposals(tokens, statement_end, offset, ctx)
        _check_choices(kind, proposals, offset, ctx)
        if span is not None:
            statement_lines = statement_lines[: span[0]] + statement_lines[span[1] :]
    elif any(
        t.type == "bullet_list_open" and "contains-task-list" in str(t.attrs.get("class", ""))
        for t in tokens
    ):
        ctx.error(offset, "choices_in_free_answer", kind=kind)
    statement = "\n".join(statement_lines).strip()
    if not statement:
        ctx.error(offset, "empty_statement")

    input_kind = fields.get(
        "input", lambda v, ln: enum_value(v, InputKind, "input", ln, ctx), InputKind.TEXT
    )
    answers: tuple[str, ...] = ()
    blanks: dict[str, tuple[str, ...]] = {}
    labels: dict[str, str] = {}
    blank_list = _blanks("\n".join(body_lines[:statement_end]), offset, ctx)
    if kind is ChallengeType.QROC:
        if "answers" not in fields.data:
            ctx.error(1, "qroc_needs_answers")
        answers = fields.get("answers", lambda v, ln: string_list(v, "answers", ln, ctx), ())
        answers = _expanded(answers, fields.line("answers"), ctx)
        if input_kind is InputKind.NUMBER:
            _check_numbers(answers, fields.line("answers"), ctx)
    elif kind is ChallengeType.QROCM:
        if "answers" not in fields.data:
            ctx.error(1, "qrocm_needs_answers")
        else:
            blanks = _qrocm_answers(fields.data["answers"], fields.line("answers"), blank_list, ctx)
        labels = _labels(fields, blank_list, ctx)
        if "mode" not in fields.data:
            ctx.error(1, "qrocm_needs_mode")
        if input_kind is InputKind.NUMBER:
            for values in blanks.values():
                _check_numbers(values, fields.line("answers"), ctx)
    elif blank_list and kind is not None:
        ctx.error(blank_list[0][1], "blanks_only_qrocm", kind=kind)

    shuffle = fields.get("shuffle", lambda v, ln: boolean_value(v, "shuffle", ln, ctx), False)
    challenge_id = fields.get("id", lambda v, ln: slug_value(v, ID_PATTERN, "id", ln, ctx), "")
    topic = fields.get("topic", lambda v, ln: slug_value(v, TOPIC_PATTERN, "topic", ln, ctx), "")
    competence = fields.get("competence", lambda v, ln: competence_code(v, ln, ctx))
    level = fields.get("level", lambda v, ln: level_value(v, ln, ctx, max_level))
    # Every field is read before giving up, so `check` lists all of a file's errors at once.
    mode = fields.get(
        "mode", lambda v, ln: enum_value(v, BlankMode, "mode", ln, ctx), BlankMode.IND
    )
    tolerances = fields.get("tolerance", lambda v, ln: tolerances_value(v, ln, ctx), frozenset())
    time_limit = fields.get("time_limit", lambda v, ln: time_limit_value(v, ln, ctx))
    attachments = fields.get(
        "attachments", lambda v, ln: attachments_value(v, ln, path, root, ctx), ()
    )
    if ctx.errors or kind is None or competence is None or level is None:
        return None
    challenge = Challenge(
        id=challenge_id,
        competence=competence,
        topic=topic,
        level=level,
        type=kind,
        statement=statement,
        path=path,
        proposals=tuple(proposals),
        answers=answers,
        blanks=blanks,
        mode=mode,
        input=input_kind,
        tolerances=tolerances,
        shuffle=bool(shuffle),
        time_limit=time_limit,
        explanation=explanation,
        tutorials=tutorials,
        attachments=attachments,
        labels=labels,
    )
    if not kind.is_choice:
        check_examples(challenge, fields, ctx)
        if ctx.errors:
            return None
    return challenge, fields.line("id")
