"""A folder tree of challenge files → a `LoadReport`: the bank of valid challenges and problems.

A bad file never stops the load: it is reported and left out. Parsed files may be cached,
keyed on path, size, mtime and inode, so a second start reads only what changed.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pix_tui import __version__
from pix_tui.core.files import BadFile, read_bounded
from pix_tui.core.model import Bank, Challenge, Parsed, Problem, Skill
from pix_tui.core.rules import DEFAULT_RULES, Rules
from pix_tui.core.safe_text import CONTROL
from pix_tui.core.topics import read_topic_titles

CACHE_FORMAT = 5
RACY_SECONDS = 2.0
MIN_VARIANTS = 2
IGNORED_NAMES = frozenset({"README.md", "readme.md"})
PARALLEL_FROM = 2000
CHUNK = 250


@dataclass(frozen=True)
class LoadReport:
    root: Path
    bank: Bank
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    files: int

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def skipped_files(self) -> int:
        return len({p.path for p in self.errors})


@dataclass(frozen=True)
class _Entry:
    """One file's outcome as cached: either a parse or its errors."""

    stamp: tuple[int, int, int]
    parsed: Parsed | None
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    standalone: bool
    depends: tuple[tuple[str, tuple[int, int, int] | None], ...] = ()

    def fresh(self, stamp: tuple[int, int, int] | None) -> bool:
        """Still valid if neither the file nor any attachment it names has changed."""
        return (
            self.standalone
            and self.stamp == stamp
            and all(_current_stamp(Path(path)) == seen for path, seen in self.depends)
        )


def default_bank_path() -> Path:
    """The shipped bank: inside the installed package, or at the root of a checkout.

    In a checkout `pix_tui/challenges` is a link to `challenges/`; resolving it makes the
    paths in messages the ones an author sees.
    """
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "challenges", package.parent / "challenges"):
        if candidate.is_dir():
            return candidate.resolve()
    return package.parent / "challenges"


def challenge_files(root: Path) -> list[Path]:
    """Every `.md` file under root, except READMEs and hidden folders, in a stable order."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(folder, f) for f in sorted(files) if f.endswith(".md") and f not in IGNORED_NAMES
        )
    return found


def _stamp(stat: os.stat_result) -> tuple[int, int, int]:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


def _parse_file(path: Path, root: Path, rules: Rules, real_root: Path) -> _Entry:
    from pix_tui.core.parser import MAX_FILE_BYTES, ChallengeError, parse_challenge

    bad_name = CONTROL.search(path.name)
    if bad_name:
        code = f"U+{ord(bad_name.group()):04X}"
        problem = Problem.of(path, 1, "control_in_name", char=code)
        return _Entry((0, 0, 0), None, (problem,), (), False)
    try:
        stat, data = read_bounded(path, MAX_FILE_BYTES, real_root)
    except BadFile as exc:
        return _Entry((0, 0, 0), None, (Problem.of(path, 1, exc.key),), (), False)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        problem = Problem.of(path, 1, "unreadable_file", reason=reason)
        return _Entry((0, 0, 0), None, (problem,), (), False)
    standalone = b"![" not in data
    try:
        parsed = parse_challenge(data, path, root, max_level=rules.max_level)
    except ChallengeError as exc:
        standalone = standalone and b"attachments" not in data
        return _Entry(_stamp(stat), None, exc.problems, exc.warnings, standalone)
    depends = tuple((str(a), _current_stamp(a)) for a in parsed.challenge.attachments)
    return _Entry(_stamp(stat), parsed, (), parsed.warnings, standalone, depends)


def _real_root(root: Path) -> Path:
    try:
        return root.resolve()
    except (OSError, RuntimeError):
        return root


def _parse_chunk(paths: list[Path], root: Path, rules: Rules) -> list[_Entry]:
    real_root = _real_root(root)
    return [_parse_file(path, root, rules, real_root) for path in paths]


def _parse_many(paths: list[Path], root: Path, rules: Rules) -> list[_Entry]:
    """Parsing is CPU-bound: a large cold bank is split across cores.

    The pool uses forkserver, not fork, because the app loads banks from a thread and forking
    a threaded process can deadlock.
    """
    workers = min(os.cpu_count() or 1, 4)
    if len(paths) < PARALLEL_FROM or workers < 2:
        return _parse_chunk(paths, root, rules)
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["pix_tui.core.loader"])
    chunks = [paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK)]
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            results = pool.map(_parse_chunk, chunks, [root] * len(chunks), [rules] * len(chunks))
            return [entry for chunk in results for entry in chunk]
    except (OSError, RuntimeError, ValueError):
        # No process pool where the standard streams are not real files (inside the app).
        return _parse_chunk(paths, root, rules)


def _cache_file(cache_dir: Path, root: Path) -> Path:
    """One file per folder and per way of naming it: the entries hold the paths as the walk
    made them, so `challenges` and its absolute path sharing a file would rewrite it in turn."""
    digest = hashlib.sha256(f"{root.resolve()}\0{root}".encode()).hexdigest()[:16]
    return cache_dir / f"bank-{digest}.pickle"


class _CachePickler(pickle.Pickler):
    """Paths are stored as text and rebuilt from the walk's own Path objects: faster."""

    def persistent_id(self, obj: object) -> str | None:
        return str(obj) if isinstance(obj, Path) else None


class _CacheUnpickler(pickle.Unpickler):
    def __init__(self, handle: BinaryIO, known: dict[str, Path]) -> None:
        super().__init__(handle)
        self.known = known

    def persistent_load(self, pid: object) -> Path:
        text = str(pid)
        return self.known.get(text) or Path(text)


def _read_cache(file: Path, known: dict[str, Path]) -> dict[str, _Entry]:
    """Any problem with the cache means no cache: it can cost time, never change a result."""
    try:
        with file.open("rb") as handle:
            version, entries = _CacheUnpickler(handle, known).load()
    except Exception:
        return {}
    if version != (CACHE_FORMAT, __version__) or not isinstance(entries, dict):
        return {}
    return entries


def _write_cache(file: Path, entries: dict[str, _Entry]) -> None:
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=file.parent, prefix=".bank-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickler = _CachePickler(handle, pickle.HIGHEST_PROTOCOL)
            pickler.dump(((CACHE_FORMAT, __version__), entries))
        os.replace(temp, file)
    except OSError:
        return


def _load_entries(
    files: list[Path], root: Path, rules: Rules, cache_dir: Path | None
) -> list[_Entry]:
    cache_file = _cache_file(cache_dir, root) if cache_dir else None
    known = {str(path): path for path in files}
    cached = _read_cache(cache_file, known) if cache_file else {}
    found: dict[str, _Entry] = {}
    for path in files:
        entry = cached.get(str(path))
        if entry is not None and entry.fresh(_current_stamp(path)):
            found[str(path)] = entry
    missing = [path for path in files if str(path) not in found]
    for path, entry in zip(missing, _parse_many(missing, root, rules), strict=True):
        found[str(path)] = entry
    if cache_file and (missing or len(cached) != len(found)):
        now_ns = time.time_ns()
        _write_cache(
            cache_file,
            {
                key: entry
                for key, entry in found.items()
                if entry.standalone and now_ns - entry.stamp[1] > RACY_SECONDS * 1e9
            },
        )
    return [found[str(path)] for path in files]


def _current_stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        return _stamp(path.stat())
    except OSError:
        return None


def _duplicate_errors(entries: list[_Entry]) -> list[Problem]:
    first: dict[str, Parsed] = {}
    problems = []
    for entry in entries:
        if entry.parsed is None:
            continue
        challenge = entry.parsed.challenge
        if challenge.id in first:
            other = first[challenge.id].challenge.path
            problems.append(
                Problem.of(
                    challenge.path,
                    entry.parsed.id_line,
                    "duplicate_id",
                    id=challenge.id,
                    other=other,
                )
            )
        else:
            first[challenge.id] = entry.parsed
    return problems


def _variant_warnings(challenges: list[Challenge]) -> list[Problem]:
    counts = Counter(c.skill for c in challenges)
    lonely: dict[Skill, Challenge] = {c.skill: c for c in challenges if counts[c.skill] < 2}
    return [
        Problem.of(
            c.path,
            1,
            "lonely_skill",
            skill=c.skill.name,
            competence=c.competence,
            count=counts[skill],
            min=MIN_VARIANTS,
        )
        for skill, c in sorted(lonely.items())
    ]


def load_bank(
    root: Path, *, cache_dir: Path | None = None, rules: Rules = DEFAULT_RULES
) -> LoadReport:
    root = Path(root)
    if not root.is_dir():
        problem = Problem.of(root, 0, "no_bank_folder")
        return LoadReport(root, Bank(root, ()), (problem,), (), 0)
    files = challenge_files(root)
    entries = _load_entries(files, root, rules, cache_dir)
    errors = [p for e in entries for p in e.errors]
    warnings = [p for e in entries for p in e.warnings]
    duplicates = _duplicate_errors(entries)
    errors.extend(duplicates)
    dropped = {(p.path, p.line) for p in duplicates}
    challenges = [
        e.parsed.challenge
        for e in entries
        if e.parsed is not None and (e.parsed.challenge.path, e.parsed.id_line) not in dropped
    ]
    warnings.extend(_variant_warnings(challenges))
    used = {(c.competence, c.topic) for c in challenges}
    titles, title_errors, title_warnings = read_topic_titles(root, used)
    errors.extend(title_errors)
    warnings.extend(title_warnings)
    return LoadReport(
        root, Bank(root, tuple(challenges), titles), tuple(errors), tuple(warnings), len(files)
    )
