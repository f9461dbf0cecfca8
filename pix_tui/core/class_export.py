"""The class export: the platform's "collecte de profils" columns, as CSV text or JSON data.

Column order follows the platform's export so a school's existing spreadsheets keep working:
class, campaign, name, shared on, total pix, certifiable, competences at level ≥ 1, then for
each of the 16 competences its level and its pix; the last certification blanche comes
after. French spreadsheets expect `;` and a BOM (the shell adds the BOM when writing).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pix_tui.core.class_report import ClassRow
from pix_tui.core.referential import referential

SEPARATORS = {"fr": ";", "en": ","}


@dataclass(frozen=True, slots=True)
class ExportContext:
    class_name: str
    campaign: str
    lang: str


def header(tr: Callable[..., str], lang: str) -> list[str]:
    columns = [
        tr("export.col_class"),
        tr("export.col_campaign"),
        tr("export.col_name"),
        tr("export.col_shared_on"),
        tr("export.col_pix"),
        tr("export.col_certifiable"),
        tr("export.col_competences"),
    ]
    for competence in referential().competences:
        title = competence.title(lang)
        columns.append(tr("export.col_level", code=competence.code, title=title))
        columns.append(tr("export.col_competence_pix", code=competence.code, title=title))
    columns += [
        tr("export.col_certification_rate"),
        tr("export.col_certification_status"),
        tr("export.col_certification_score"),
    ]
    return columns


def row_values(row: ClassRow, context: ExportContext, tr: Callable[..., str]) -> list[str]:
    values = [
        context.class_name,
        context.campaign,
        row.name,
        row.last_activity.date().isoformat(),
        str(row.pix),
        tr("export.yes") if row.certifiable else tr("export.no"),
        str(row.at_level_one),
    ]
    for code in referential().codes():
        values += [str(row.levels.get(code, 0)), str(row.pix_by_competence.get(code, 0))]
    certification = row.certification
    if certification is None:
        values += ["", "", ""]
    else:
        values += [
            str(certification.rate),
            tr(f"export.status_{certification.status.value}"),
            str(certification.score),
        ]
    return values


def export_csv(rows: Sequence[ClassRow], context: ExportContext, tr: Callable[..., str]) -> str:
    """Text without the BOM; every field quoted when needed, lines ending in CRLF."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=SEPARATORS.get(context.lang, ","), lineterminator="\r\n")
    writer.writerow(header(tr, context.lang))
    for row in rows:
        writer.writerow(row_values(row, context, tr))
    return out.getvalue()


def export_json(rows: Sequence[ClassRow], context: ExportContext) -> dict[str, object]:
    """For scripts: stable English keys, numbers as numbers, dates in ISO 8601."""
    return {
        "class": context.class_name,
        "campaign": context.campaign,
        "learners": [
            {
                "name": row.name,
                "shared_on": row.last_activity.date().isoformat(),
                "last_activity": row.last_activity.isoformat(),
                "pix": row.pix,
                "certifiable": row.certifiable,
                "competences_at_level_one": row.at_level_one,
                "competences": {
                    code: {
                        "level": row.levels.get(code, 0),
                        "pix": row.pix_by_competence.get(code, 0),
                    }
                    for code in referential().codes()
                },
                "certification": None
                if row.certification is None
                else {
                    "at": row.certification.at.isoformat(),
                    "rate": row.certification.rate,
                    "status": row.certification.status.value,
                    "score": row.certification.score,
                },
            }
            for row in rows
        ],
    }
