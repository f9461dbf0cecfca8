"""The learner's export: named, dated, in the learner's language, one A4 page when printed."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html.parser import HTMLParser

from pix_tui.core.certification import finish, new_certification, plan_certification, score
from pix_tui.core.history import AnswerRecord, CertificationEnd
from pix_tui.core.model import Result
from pix_tui.core.profile import derive_profile
from pix_tui.core.report import (
    PRINTED_CERTIFICATIONS,
    file_stem,
    learner_report,
    to_html,
    to_markdown,
)
from pix_tui.core.rules import DEFAULT_RULES
from pix_tui.i18n import Translator
from tests.core.certification_bank import BANK, CERTIFIABLE, T0, learner

MADE = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)


def results(count: int = 1, right: bool = True):  # type: ignore[no-untyped-def]
    positionings, answers = learner(CERTIFIABLE)
    profile = derive_profile(BANK, positionings, answers, [], T0)
    done = []
    for n in range(count):
        plan = plan_certification(BANK, profile, positionings, answers, [], seed=n)
        record = new_certification(f"c{n}", plan, T0.replace(day=1 + n), n, DEFAULT_RULES)
        given = [
            AnswerRecord(q.challenge_id, q.competence, q.skill, Result.OK if right else Result.KO,
                         "x", 5.0, T0, certification_id=record.id)
            for q in record.questions
        ]  # fmt: skip
        done.append(score(finish(record, T0, CertificationEnd.COMPLETED, 60.0), given))
    return profile, done


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links += [v or "" for k, v in attrs if k in {"src", "href"}]


def test_the_file_name_says_who_and_when() -> None:
    assert file_stem("Léa Martin", MADE) == "pix-tui-lea-martin-2026-12-03"
    assert file_stem("../../", MADE) == "pix-tui-profil-2026-12-03"


def test_markdown_lists_the_profile_and_each_certification_in_french() -> None:
    profile, done = results()
    report = learner_report("Léa", profile, done, MADE, "fr")
    text = to_markdown(report, Translator("fr"))
    assert text.startswith("# Profil Pix de Léa\n")
    assert "Document établi le 03/12/2026" in text
    assert "| 1.1 Mener une recherche et une veille d'information | 3 | 24 |" in text
    assert "Profil certifiable." in text
    assert "Taux de reproductibilité 100 % · validée" in text
    assert "| 1.1 Mener une recherche et une veille d'information | 3 | niveau 3 | 3/3 |" in text


def test_english_export_speaks_english() -> None:
    profile, done = results(right=False)
    report = learner_report("Léa", profile, done, MADE, "en")
    text = to_markdown(report, Translator("en"))
    assert "# Pix profile of Léa" in text and "Made on 2026-12-03" in text
    assert "rejected" in text and "not certified" in text


def test_the_html_page_is_self_contained_and_styled_for_one_a4_page() -> None:
    profile, done = results(count=5)
    report = learner_report("Léa <b>", profile, done, MADE, "fr")
    page = to_html(report, Translator("fr"))
    parser = Tags()
    parser.feed(page)
    assert "script" not in parser.tags and "link" not in parser.tags and not parser.links
    assert "@page { size: A4" in page and "@media print" in page
    assert '<html lang="fr">' in page
    assert "Léa &lt;b&gt;" in page and "<b>" not in page
    assert page.count('<th class="cert">') == PRINTED_CERTIFICATIONS
    assert page.count("<li>") == PRINTED_CERTIFICATIONS
    assert "2 certification(s) plus ancienne(s)" in page
    # every certification stays in the Markdown
    assert to_markdown(report, Translator("fr")).count("\n### ") == 5
    # one page: a single table, a row per competence, a column per certification
    assert len(re.findall("<tr>", page)) == 1 + len(profile.competences)
    assert "positionné 3 · 3/3" in page


def test_no_certification_yet_is_said() -> None:
    profile, _ = results()
    report = learner_report("Léa", profile, [], MADE, "fr")
    assert "Aucune certification blanche passée." in to_html(report, Translator("fr"))
