"""`pix-tui analyse`: what the class's answers say about each challenge, as text or JSON.

The same analysis as the class view's screen (`a`): per challenge the answers, the share
right by group, the flags with their numbers, and the refused free answers grouped.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from pix_tui.cli.parser import subcommand_parser
from pix_tui.i18n import Translator

MAX_REFUSED_SHOWN = 5


def register(commands: argparse._SubParsersAction, tr: Translator) -> None:  # type: ignore[type-arg]
    parser = subcommand_parser(commands, tr, "analyse", "analysis.command")
    parser.add_argument("--json", action="store_true", help=tr("cli.json"))
    parser.add_argument("--all", action="store_true", help=tr("analysis.all_option"))


def run(args: argparse.Namespace, tr: Translator) -> int:
    return analyse_class(args, tr, sys.stdout)


def analyse_class(args: argparse.Namespace, tr: Translator, out: TextIO) -> int:
    from pix_tui.app.text import flag_text, shares_text
    from pix_tui.cli.class_common import open_class, problem_text

    opened = open_class(args, tr)
    if isinstance(opened, int):
        return opened
    results, problems = opened.room.analysis(opened.data)
    text_tr = opened.tr
    for problem in problems:
        sys.stderr.write(problem_text(text_tr, problem.folder, problem.error) + "\n")
    if args.json:
        json.dump([_as_json(r) for r in results], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    flagged = sum(1 for r in results if r.flagged)
    out.write(text_tr("analysis.title", count=len(results), flagged=flagged) + "\n")
    for r in results:
        if not (args.all or r.flagged or r.refused):
            continue
        out.write(f"\n{r.challenge_id} · {r.competence} · N{r.level} · {r.path}\n")
        out.write("  " + shares_text(text_tr, r) + "\n")
        for flag in r.flags:
            out.write("  ! " + flag_text(text_tr, flag) + "\n")
        for refused in r.refused[:MAX_REFUSED_SHOWN]:
            blank = f"{refused.blank} = " if refused.blank else ""
            count = text_tr(
                "analysis.refused_count", count=refused.count, learners=refused.learners
            )
            out.write(f"  ✗ {blank}{refused.shown} — {count}\n")
    return 0


def _as_json(r: object) -> dict[str, object]:
    from pix_tui.core.analysis import ChallengeAnalysis

    assert isinstance(r, ChallengeAnalysis)
    return {
        "challenge": r.challenge_id,
        "competence": r.competence,
        "level": r.level,
        "path": str(r.path),
        "answers": r.total.answers,
        "right": r.total.right,
        "groups": {p.value: {"answers": s.answers, "right": s.right} for p, s in r.groups.items()},
        "flags": [
            {
                "kind": f.kind.value,
                "evidence": [
                    {
                        "group": g.value if g else "at_or_above",
                        "answers": s.answers,
                        "right": s.right,
                    }
                    for g, s in f.evidence
                ],
            }
            for f in r.flags
        ],
        "refused": [
            {
                "answer": a.shown,
                "normalised": a.key,
                "count": a.count,
                "learners": a.learners,
                "blank": a.blank,
            }
            for a in r.refused
        ],
    }
