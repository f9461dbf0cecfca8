"""Topic titles: the optional `topics.toml` at a bank's root names each topic for learners.

Slugs are for authors; learners read titles. A bank without the file still works: its topics
are shown as their slugs. A title is plain text: brackets are shown as written, never read as
markup.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

from pix_tui.core.files import MAX_FILE_BYTES, BadFile, read_bounded
from pix_tui.core.model import Problem
from pix_tui.core.referential import is_competence_code
from pix_tui.core.safe_text import CONTROL

TOPICS_FILE = "topics.toml"
_TOML_LINE = re.compile(r"at line (\d+)")


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.split("\n"), 1):
        if needle in line:
            return number
    return 1


def read_topic_titles(
    root: Path, used: set[tuple[str, str]]
) -> tuple[dict[tuple[str, str], str], list[Problem], list[Problem]]:
    """Returns the titles, the errors and the warnings of `root/topics.toml`."""
    path = root / TOPICS_FILE
    if not os.path.lexists(path):
        return {}, [], []
    try:
        _, data = read_bounded(path, MAX_FILE_BYTES)
        if len(data) > MAX_FILE_BYTES:
            return {}, [Problem.of(path, 1, "file_too_large", max=MAX_FILE_BYTES)], []
        text = data.decode("utf-8")
        raw = tomllib.loads(text)
    except UnicodeDecodeError:
        return {}, [Problem.of(path, 1, "not_utf8")], []
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else 1
        return {}, [Problem.of(path, line, "topics_syntax", reason=exc)], []
    except BadFile as exc:
        return {}, [Problem.of(path, 1, exc.key)], []
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        return {}, [Problem.of(path, 1, "unreadable_file", reason=reason)], []
    titles: dict[tuple[str, str], str] = {}
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for competence, table in raw.items():
        line = _line_of(text, f'["{competence}"]')
        if not is_competence_code(competence) or not isinstance(table, dict):
            errors.append(Problem.of(path, line, "topics_competence", value=competence))
            continue
        for topic, title in table.items():
            where = _line_of(text, f"{topic} =")
            if not isinstance(title, str) or not title.strip():
                errors.append(Problem.of(path, where, "topics_title", topic=topic))
            elif CONTROL.search(title):
                char = f"U+{ord(CONTROL.findall(title)[0]):04X}"
                errors.append(Problem.of(path, where, "control_character", char=char))
            elif (competence, topic) not in used:
                warnings.append(
                    Problem.of(path, where, "topics_unused", topic=topic, competence=competence)
                )
            else:
                titles[competence, topic] = title.strip()
    return titles, errors, warnings
