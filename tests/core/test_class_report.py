"""Class rows, sorting, filtering and totals, and the export built from the same rows."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from pix_tui.core.class_export import ExportContext, export_csv, export_json, header
from pix_tui.core.class_report import (
    CertificationStatus,
    CertificationSummary,
    LearnerInput,
    RowFilter,
    SortKey,
    Standing,
    class_rows,
    class_totals,
    filter_rows,
    ordered_codes,
    sort_rows,
)
from pix_tui.core.referential import referential
from pix_tui.i18n import Translator

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
CODES = referential().codes()


def learner(name: str, levels: dict[str, int], days_ago: float = 0, **kw: object) -> LearnerInput:
    full = {code: levels.get(code, 0) for code in CODES}
    pix = {code: level * 8 + (1 if level else 0) for code, level in full.items()}
    return LearnerInput(name, Standing(full, pix), NOW - timedelta(days=days_ago), **kw)  # type: ignore[arg-type]


CLASS = [
    learner("zoé", {"1.1": 2, "1.2": 1, "2.1": 1, "3.1": 1, "4.1": 1}, days_ago=1),
    learner("Adam", {"1.1": 1}, days_ago=20),
    learner("Élodie", {"1.1": 3, "5.1": 4}, days_ago=3),
]


def test_rows_say_pix_competences_and_certifiable() -> None:
    rows = class_rows(CLASS)
    assert [r.name for r in rows] == ["Adam", "Élodie", "zoé"]
    zoe = rows[2]
    assert (zoe.pix, zoe.at_level_one, zoe.certifiable) == (17 + 9 * 4, 5, True)
    assert not rows[0].certifiable and rows[0].at_level_one == 1


def test_sorting_breaks_ties_by_name() -> None:
    rows = class_rows(CLASS)
    assert [r.name for r in sort_rows(rows, SortKey.PIX, descending=True)] == [
        "Élodie",
        "zoé",
        "Adam",
    ]
    assert [r.name for r in sort_rows(rows, SortKey.ACTIVITY)] == ["Adam", "Élodie", "zoé"]
    assert [r.name for r in sort_rows(rows, SortKey.COMPETENCES)] == ["Adam", "Élodie", "zoé"]


def test_filters_combine() -> None:
    rows = class_rows(CLASS)
    names = lambda wanted: [r.name for r in filter_rows(rows, wanted, NOW)]  # noqa: E731
    assert names(RowFilter(not_certifiable=True)) == ["Adam", "Élodie"]
    assert names(RowFilter()) == ["Adam", "Élodie", "zoé"]
    assert names(RowFilter(inactive_days=2)) == ["Adam", "Élodie"]
    assert names(RowFilter(inactive_days=7)) == ["Adam"]
    assert names(RowFilter(below=("1.1", 2))) == ["Adam"]
    assert names(RowFilter(not_certifiable=True, below=("5.1", 4))) == ["Adam"]


def test_totals_count_levels_per_competence() -> None:
    totals = class_totals(class_rows(CLASS), CODES, 6)
    assert (totals.learners, totals.certifiable) == (3, 1)
    one = totals.competences["1.1"]
    assert one.distribution == (0, 1, 1, 1, 0, 0, 0)
    assert one.mean_level == 2.0 and one.at_level_one == 3
    assert totals.competences["5.2"].distribution == (3, 0, 0, 0, 0, 0, 0)
    assert class_totals([], CODES, 6).competences["1.1"].mean_level == 0.0


def test_campaign_competences_come_first() -> None:
    assert ordered_codes(CODES, ("3.1", "1.2"))[:3] == ("3.1", "1.2", "1.1")
    assert len(ordered_codes(CODES, ("3.1",))) == 16


def test_csv_has_the_platform_columns_in_order_french_separator() -> None:
    tr = Translator("fr")
    certification = CertificationSummary(NOW, 83, CertificationStatus.VALIDATED, 96)
    rows = class_rows([*CLASS, learner("Lou; « guillemets »", {}, certification=certification)])
    text = export_csv(rows, ExportContext("2nde-B", "Trimestre 1", "fr"), tr)
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    head = table[0]
    assert head[:7] == [
        "Classe",
        "Campagne",
        "Nom et prénom",
        "Date du partage",
        "Nombre de pix total",
        "Certifiable",
        "Nombre de compétences certifiables",
    ]
    assert head[7].startswith("Niveau pour la compétence 1.1 ")
    assert head[8].startswith("Nombre de pix pour la compétence 1.1 ")
    assert head[-4].startswith("Nombre de pix pour la compétence 5.2")
    assert len(head) == 7 + 32 + 3
    zoe = next(r for r in table if r[2] == "zoé")
    assert zoe[:7] == ["2nde-B", "Trimestre 1", "zoé", "2026-03-01", "53", "Oui", "5"]
    assert zoe[7:9] == ["2", "17"]
    lou = next(r for r in table if r[2].startswith("Lou"))
    assert lou[2] == "Lou; « guillemets »"
    assert lou[-3:] == ["83", "validée", "96"]
    assert zoe[-3:] == ["", "", ""]
    assert text.endswith("\r\n")


def test_csv_in_english_uses_commas() -> None:
    text = export_csv(class_rows(CLASS), ExportContext("c", "", "en"), Translator("en"))
    first = text.splitlines()[0]
    assert first.startswith("Class,Campaign,Name,Shared on,")
    assert len(header(Translator("en"), "en")) == len(next(csv.reader(io.StringIO(first))))


def test_json_export_for_scripts() -> None:
    data = export_json(class_rows(CLASS), ExportContext("c", "T1", "fr"))
    adam = data["learners"][0]  # type: ignore[index]
    assert adam["name"] == "Adam" and adam["competences"]["1.1"] == {"level": 1, "pix": 9}
    assert adam["certification"] is None
