"""The command line: `pix-tui` starts the app, `pix-tui check [DIR]` validates a bank.

Textual is imported only when the app starts, so `check` stays fast and works anywhere.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from pix_tui import __version__
from pix_tui.i18n import LANGUAGES, Translator, detect_language

if TYPE_CHECKING:
    from pix_tui.core.coverage import Coverage
    from pix_tui.core.loader import LoadReport
    from pix_tui.core.model import Problem

ENGINES = ("default", "smart-random")


def _language(argv: Sequence[str]) -> str:
    """--help must already speak the right language, so --lang is read before parsing."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv) and argv[index + 1] in LANGUAGES:
            return argv[index + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            return arg.split("=", 1)[1]
    return detect_language()


def _days(text: str) -> float:
    value = float(text.replace(",", "."))
    if not 0 <= value <= 365:
        raise argparse.ArgumentTypeError(f"{text}: 0 … 365")
    return value


def _formatter(tr: Translator) -> type[argparse.HelpFormatter]:
    class Formatter(argparse.HelpFormatter):
        """argparse's own words (usage:) in the learner's language too."""

        def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
            if prefix is None:
                prefix = tr("cli.usage") + " "
            super().add_usage(usage, actions, groups, prefix)

    return Formatter


def _translate_headings(parser: argparse.ArgumentParser, tr: Translator, positionals: str) -> None:
    parser._positionals.title = tr(positionals)
    parser._optionals.title = tr("cli.optionals")


def build_parser(tr: Translator) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pix-tui",
        description=tr("cli.description"),
        formatter_class=_formatter(tr),
        add_help=False,
    )
    _translate_headings(parser, tr, "cli.positionals")
    parser.add_argument("-h", "--help", action="help", help=tr("cli.help"))
    parser.add_argument(
        "--version", action="version", version=f"pix-tui {__version__}", help=tr("cli.version")
    )
    parser.add_argument("--challenges", metavar="DIR", type=Path, help=tr("cli.challenges"))
    parser.add_argument("--data-dir", metavar="DIR", help=tr("cli.data_dir"))
    parser.add_argument("--profile", metavar="NAME", help=tr("cli.profile"))
    parser.add_argument("--lang", choices=LANGUAGES, help=tr("cli.lang"))
    parser.add_argument("--demo", action="store_true", help=tr("cli.demo"))
    parser.add_argument("--engine", choices=ENGINES, default="default", help=tr("cli.engine"))
    parser.add_argument("--retry-days", metavar="N", type=_days, help=tr("cli.retry_days"))
    parser.add_argument("--reset-days", metavar="N", type=_days, help=tr("cli.reset_days"))
    bandwidth = parser.add_mutually_exclusive_group()
    bandwidth.add_argument(
        "--low-bandwidth",
        dest="low_bandwidth",
        action="store_true",
        default=None,
        help=tr("cli.low_bandwidth"),
    )
    bandwidth.add_argument(
        "--no-low-bandwidth",
        dest="low_bandwidth",
        action="store_false",
        help=tr("cli.no_low_bandwidth"),
    )
    commands = parser.add_subparsers(dest="command", metavar="check")
    check = commands.add_parser(
        "check",
        help=tr("cli.check"),
        description=tr("cli.check"),
        formatter_class=_formatter(tr),
        add_help=False,
    )
    _translate_headings(check, tr, "cli.arguments")
    check.add_argument("-h", "--help", action="help", help=tr("cli.help"))
    check.add_argument("dir", nargs="?", type=Path, metavar="DIR", help=tr("cli.check_dir"))
    check.add_argument("--json", action="store_true", help=tr("cli.json"))
    check.add_argument("--cache", action="store_true", help=tr("cli.cache"))
    return parser


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


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
    if report.errors or report.warnings:
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


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    tr = Translator(_language(args_list))
    args = build_parser(tr).parse_args(args_list)
    if args.command == "check":
        try:
            return run_check(args.dir, args.json, args.cache, tr, sys.stdout)
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
    from pix_tui.app import AppOptions, run_app

    options = AppOptions(
        challenges=args.challenges,
        data_dir=args.data_dir,
        profile=args.profile,
        lang=args.lang,
        demo=args.demo,
        engine=args.engine,
        low_bandwidth=args.low_bandwidth,
        retry_days=args.retry_days,
        reset_days=args.reset_days,
    )
    return run_app(options)
