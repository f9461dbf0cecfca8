"""`pix-tui check [DIR]`: validates a challenge bank and prints its coverage.

Textual is never imported here, so `check` stays fast and works anywhere.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from pix_tui.cli.parser import subcommand_parser
from pix_tui.core.safe_text import inert
from pix_tui.i18n import Translator

if TYPE_CHECKING:
    from pix_tui.core.coverage import Coverage
    from pix_tui.core.loader import LoadReport
    from pix_tui.core.model import Problem


def _relative(path: Path) -> str:
    """The path as the author typed it from here, links not followed (a loop must print too).

    File names come from the bank: shown inert, never as terminal controls.
    """
    absolute = Path(os.path.abspath(path))
    try:
        shown = str(absolute.relative_to(Path.cwd()))
    except (ValueError, OSError):
        shown = str(path)
    return inert(shown)


def _problem_json(problem: Problem, tr: Translator) -> dict[str, object]:
    return {
        "path": _relative(problem.path),
        "line": problem.line,
        "message": problem.text(tr),
        "code": problem.key,
    }


def check_report_json(report: LoadReport, cov: Coverage, tr: Translator) -> dict[str, object]:
    return {
        "valid": report.valid,
        "root": _relative(report.root),
        "files": report.files,
        "challenges": len(report.bank),
        "errors": [_problem_json(p, tr) for p in report.errors],
        "warnings": [_problem_json(p, tr) for p in report.warnings],
        "coverage": {c: {str(k): v for k, v in lv.items()} for c, lv in cov.challenges.items()},
        "skills": {c: {str(k): v for k, v in lv.items()} for c, lv in cov.skills.items()},
        "topics": cov.topics,
        "types": cov.types,
        "timed": cov.timed,
        "single_variant_skills": {c: n for c, n in cov.single_variant.items() if n},
        "reachable_level": cov.reachable,
    }


def _table(tr: Translator, cov: Coverage) -> list[str]:
    levels = cov.levels
    head = f"{tr('cli.col_competence'):<10}" + "".join(f"{'N' + str(lv):>5}" for lv in levels)
    head += f"{tr('cli.col_total'):>7}{tr('cli.col_topics'):>8}{tr('cli.col_skills'):>8}"
    lines = [head, "─" * len(head)]
    for code in cov.competences:
        counts = cov.challenges[code]
        skills = cov.skills[code]
        row = f"{code:<10}" + "".join(f"{counts[lv]:>5}" for lv in levels)
        row += f"{sum(counts.values()):>7}{cov.topics[code]:>8}{sum(skills.values()):>8}"
        lines.append(row)
    lines.append("─" * len(head))
    per_level = [sum(cov.challenges[c][lv] for c in cov.competences) for lv in levels]
    lines.append(
        f"{tr('cli.col_total'):<10}"
        + "".join(f"{n:>5}" for n in per_level)
        + f"{sum(per_level):>7}"
    )
    skills_per_level = cov.skills_per_level()
    lines.append(
        f"{tr('cli.col_skills'):<10}" + "".join(f"{skills_per_level[lv]:>5}" for lv in levels)
    )
    types = " · ".join(f"{name} {count}" for name, count in cov.types.items())
    lines.append(tr("cli.types", types=types, timed=cov.timed, attached=cov.with_attachments))
    return lines


def _below_max(cov: Coverage) -> dict[str, int]:
    """Competences the bank holds that no learner could take to the top level."""
    top = cov.levels[-1] if cov.levels else 0
    return {
        code: cov.reachable[code]
        for code in cov.competences
        if sum(cov.challenges[code].values()) and cov.reachable[code] < top
    }


def run_check(
    directory: Path | None, as_json: bool, use_cache: bool, tr: Translator, out: TextIO
) -> int:
    from pix_tui.core.coverage import coverage
    from pix_tui.core.loader import default_bank_path, load_bank
    from pix_tui.core.referential import referential
    from pix_tui.core.rules import DEFAULT_RULES

    root = directory or default_bank_path()
    cache_dir = None
    if use_cache:
        import platformdirs

        cache_dir = Path(platformdirs.user_cache_dir("pix-tui"))
    report = load_bank(root, cache_dir=cache_dir)
    cov = coverage(report.bank, referential().codes(), DEFAULT_RULES.max_level)
    if as_json:
        json.dump(check_report_json(report, cov, tr), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0 if report.valid else 1
    for problem in report.errors:
        out.write(
            f"{_relative(problem.path)}:{problem.line}: {tr('cli.error')}: {problem.text(tr)}\n"
        )
    for problem in report.warnings:
        out.write(
            f"{_relative(problem.path)}:{problem.line}: {tr('cli.warning')}: {problem.text(tr)}\n"
        )
    single = {code: n for code, n in cov.single_variant.items() if n}
    for code, count in single.items():
        out.write(
            f"{tr('cli.warning')}: {tr('cli.single_variant', competence=code, count=count)}\n"
        )
    low = {code: level for code, level in _below_max(cov).items()}
    for code, level in low.items():
        out.write(
            f"{tr('cli.warning')}: "
            f"{tr('cli.reachable_below_max', competence=code, level=level, max=cov.levels[-1])}\n"
        )
    if report.errors or report.warnings or single or low:
        out.write("\n")
    out.write(
        tr(
            "cli.summary",
            root=_relative(root),
            files=report.files,
            valid=len(report.bank),
            errors=len(report.errors),
            warnings=len(report.warnings),
        )
        + "\n\n"
    )
    out.write("\n".join(_table(tr, cov)) + "\n")
    out.write("\n" + (tr("cli.bank_valid") if report.valid else tr("cli.bank_invalid")) + "\n")
    return 0 if report.valid else 1


def register(commands: argparse._SubParsersAction, tr: Translator) -> None:  # type: ignore[type-arg]
    parser = subcommand_parser(commands, tr, "check", "cli.check")
    parser.add_argument("dir", nargs="?", type=Path, metavar="DIR", help=tr("cli.check_dir"))
    parser.add_argument("--json", action="store_true", help=tr("cli.json"))
    parser.add_argument("--cache", action="store_true", help=tr("cli.cache"))


def run(args: argparse.Namespace, tr: Translator) -> int:
    """`check DIR` and `check --challenges DIR` name the same folder; DIR wins if both."""
    directory = args.dir or args.challenges
    try:
        return run_check(directory, args.json, args.cache, tr, sys.stdout)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
