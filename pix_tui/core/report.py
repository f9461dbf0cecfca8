"""A learner's profile and certifications blanches as a page to hand in: HTML and Markdown.

A view of data the core already derived (`ProfileView`, `CertificationResult`): `learner_report`
gathers it once, and each writer turns the same `LearnerReport` into text, in the learner's
language. The HTML is self-contained (styles inline, no script, no remote file) and its print
styles fit one A4 page. Writing the files is the shell's job (`store/exports.py`).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from pix_tui.core.certification import CertificationResult, Mark
from pix_tui.core.profile import ProfileView
from pix_tui.core.referential import referential

Tr = Callable[..., str]
PRINTED_CERTIFICATIONS = 3
"""Certifications on the page, newest first: more would not fit one A4 sheet."""


@dataclass(frozen=True, slots=True)
class CompetenceRow:
    code: str
    title: str
    level: int
    pix: int


@dataclass(frozen=True, slots=True)
class MarkRow:
    code: str
    title: str
    positioned: int
    certified: int
    """UNCERTIFIED_LEVEL (−1) when not certified."""
    mark: Mark
    right: int
    asked: int


@dataclass(frozen=True, slots=True)
class CertificationSummary:
    date: datetime
    rate: int
    rejected: bool
    score: int
    profile_pix: int
    marks: tuple[MarkRow, ...]


@dataclass(frozen=True, slots=True)
class LearnerReport:
    name: str
    made_at: datetime
    lang: str
    pix: int
    max_pix: int
    at_level_one: int
    certifiable: bool
    competences: tuple[CompetenceRow, ...]
    certifications: tuple[CertificationSummary, ...]


def learner_report(
    name: str,
    profile: ProfileView,
    history: Sequence[CertificationResult],
    made_at: datetime,
    lang: str,
) -> LearnerReport:
    ref = referential()

    def title(code: str) -> str:
        try:
            return ref.competence(code).title(lang)
        except KeyError:
            return ""

    rows = tuple(
        CompetenceRow(code, title(code), view.level, view.pix)
        for code, view in profile.competences.items()
    )
    summaries = tuple(
        CertificationSummary(
            date=result.record.started_at,
            rate=result.rate,
            rejected=result.rejected,
            score=result.score,
            profile_pix=result.profile_pix,
            marks=tuple(
                MarkRow(
                    c.competence,
                    title(c.competence),
                    c.positioned_level,
                    c.level,
                    c.mark,
                    c.correct,
                    c.asked,
                )
                for c in result.competences
            ),
        )
        for result in sorted(history, key=lambda r: r.record.started_at, reverse=True)
    )
    return LearnerReport(
        name=name,
        made_at=made_at,
        lang=lang,
        pix=profile.pix,
        max_pix=profile.max_pix,
        at_level_one=profile.at_level_one,
        certifiable=profile.certifiable,
        competences=rows,
        certifications=summaries,
    )


def file_stem(name: str, made_at: datetime) -> str:
    """`pix-tui-lea-martin-2026-12-03`: ASCII, safe in any folder and any mail."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "profil"
    return f"pix-tui-{slug}-{made_at:%Y-%m-%d}"


def _date(tr: Tr, when: datetime) -> str:
    return tr("report.date", day=when.day, month=when.month, year=when.year)


def _certified(tr: Tr, row: MarkRow) -> str:
    if row.certified < 0:
        return tr("report.uncertified")
    return tr("report.level", level=row.certified)


def _verdict(tr: Tr, summary: CertificationSummary) -> str:
    return tr("report.rejected" if summary.rejected else "report.validated")


def to_markdown(report: LearnerReport, tr: Tr) -> str:
    lines = [
        f"# {tr('report.title', name=report.name)}",
        "",
        tr("report.made", date=_date(tr, report.made_at)),
        "",
        f"## {tr('report.profile')}",
        "",
        tr("report.total", pix=report.pix, max=report.max_pix, count=report.at_level_one),
        tr("report.certifiable") if report.certifiable else tr("report.not_certifiable"),
        "",
        f"| {tr('report.col_competence')} | {tr('report.col_level')} | pix |",
        "|---|---|---|",
    ]
    for row in report.competences:
        lines.append(f"| {row.code} {row.title} | {row.level} | {row.pix} |")
    lines += ["", f"## {tr('report.certifications')}", ""]
    if not report.certifications:
        lines.append(tr("report.no_certification"))
    for summary in report.certifications:
        lines += [
            f"### {_date(tr, summary.date)}",
            "",
            tr(
                "report.summary",
                rate=summary.rate,
                verdict=_verdict(tr, summary),
                score=summary.score,
                profile=summary.profile_pix,
            ),
            "",
            f"| {tr('report.col_competence')} | {tr('report.col_positioned')} | "
            f"{tr('report.col_certified')} | {tr('report.col_answers')} |",
            "|---|---|---|---|",
        ]
        for row in summary.marks:
            lines.append(
                f"| {row.code} {row.title} | {row.positioned} | {_certified(tr, row)} | "
                f"{row.right}/{row.asked} |"
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


STYLE = """
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 10pt;
  color: #1b1b1f; margin: 0 auto; max-width: 190mm; padding: 8mm 0; line-height: 1.3; }
h1 { font-size: 15pt; margin: 0 0 1mm; overflow-wrap: anywhere; }
h2 { font-size: 12pt; margin: 4mm 0 1.5mm; border-bottom: 1px solid #888; }
p, ul { margin: 1mm 0; }
ul { padding-left: 5mm; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 2mm; }
th, td { border: 1px solid #bbb; padding: 0.5mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eee; }
td.n, th.n { text-align: right; width: 12mm; }
th.cert { width: 30mm; }
td small { display: block; color: #555; font-size: 85%; }
.kept { color: #13653a; } .minus_one { color: #8a5a00; } .uncertified { color: #a11; }
.meta { color: #555; }
@media print {
  body { padding: 0; font-size: 9pt; }
  th { background: none; }
  h2, table, tr, ul { break-inside: avoid; page-break-inside: avoid; }
}
"""


def _mark_cell(tr: Tr, row: MarkRow | None) -> str:
    """Certified level on top, positioning level and right answers below; — when not asked."""
    if row is None:
        return '<td class="meta">—</td>'
    detail = tr("report.cell", level=row.positioned, right=row.right, asked=row.asked)
    return (
        f'<td><span class="{row.mark.value}">{html.escape(_certified(tr, row))}</span>'
        f"<small>{html.escape(detail)}</small></td>"
    )


def to_html(report: LearnerReport, tr: Tr) -> str:
    """One self-contained page: the summaries of the last 3 certifications, then one table of
    the 16 competences with a column per certification, so it prints on one A4 sheet."""
    e = html.escape
    printed = report.certifications[:PRINTED_CERTIFICATIONS]
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(report.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{e(tr('report.title', name=report.name))}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{e(tr('report.title', name=report.name))}</h1>",
        f'<p class="meta">{e(tr("report.made", date=_date(tr, report.made_at)))}</p>',
        f"<h2>{e(tr('report.profile'))}</h2>",
        "<p>"
        + e(tr("report.total", pix=report.pix, max=report.max_pix, count=report.at_level_one))
        + " "
        + e(tr("report.certifiable") if report.certifiable else tr("report.not_certifiable"))
        + "</p>",
        f"<h2>{e(tr('report.certifications'))}</h2>",
    ]
    if not report.certifications:
        parts.append(f"<p>{e(tr('report.no_certification'))}</p>")
    else:
        parts.append("<ul>")
        for summary in printed:
            line = tr(
                "report.summary",
                rate=summary.rate,
                verdict=_verdict(tr, summary),
                score=summary.score,
                profile=summary.profile_pix,
            )
            parts.append(f"<li><strong>{e(_date(tr, summary.date))}</strong> — {e(line)}</li>")
        parts.append("</ul>")
        older = len(report.certifications) - PRINTED_CERTIFICATIONS
        if older > 0:
            parts.append(f'<p class="meta">{e(tr("report.older", count=older))}</p>')
    parts += [
        f"<h2>{e(tr('report.by_competence'))}</h2>",
        "<table>",
        f"<tr><th>{e(tr('report.col_competence'))}</th>"
        f'<th class="n">{e(tr("report.col_level"))}</th><th class="n">pix</th>'
        + "".join(f'<th class="cert">{e(_date(tr, s.date))}</th>' for s in printed)
        + "</tr>",
    ]
    marks = [{row.code: row for row in summary.marks} for summary in printed]
    for row in report.competences:
        parts.append(
            f"<tr><td>{e(row.code)} {e(row.title)}</td>"
            f'<td class="n">{row.level}</td><td class="n">{row.pix}</td>'
            + "".join(_mark_cell(tr, by_code.get(row.code)) for by_code in marks)
            + "</tr>"
        )
    parts.append("</table>")
    if printed:
        parts.append(f'<p class="meta">{e(tr("report.legend"))}</p>')
    parts += [f'<p class="meta">{e(tr("report.footer"))}</p>', "</body>", "</html>"]
    return "\n".join(parts) + "\n"
