from __future__ import annotations

from pix_tui.core.loader import default_bank_path, load_bank
from tests.core.bank_files import valid_bank, write


def test_titles_name_topics_and_slugs_stay_the_fallback(tmp_path):
    valid_bank(tmp_path)
    write(tmp_path, "topics.toml", '["1.1"]\noperateurs = "Opérateurs de recherche"\n')
    bank = load_bank(tmp_path).bank
    assert bank.topic_title("1.1", "operateurs") == "Opérateurs de recherche"
    assert bank.topic_title("1.2", "extensions") == "extensions"


def test_a_broken_topics_file_is_located_and_the_challenges_still_load(tmp_path):
    valid_bank(tmp_path)
    write(tmp_path, "topics.toml", '["1.1"]\noperateurs = "Opérateurs\n')
    report = load_bank(tmp_path)
    [problem] = report.errors
    assert (problem.path.name, problem.line) == ("topics.toml", 2)
    assert len(report.bank) == 5


def test_unknown_competences_and_unused_topics_are_reported(tmp_path):
    valid_bank(tmp_path)
    write(tmp_path, "topics.toml", '["9.9"]\na = "A"\n\n["1.1"]\nabsent = "Absent"\n')
    report = load_bank(tmp_path)
    assert [(p.line, p.key) for p in report.errors] == [(1, "topics_competence")]
    assert [(p.line, p.key) for p in report.warnings if p.path.name == "topics.toml"] == [
        (5, "topics_unused")
    ]


def test_every_shipped_topic_has_a_title():
    bank = load_bank(default_bank_path()).bank
    for competence in bank.competences():
        for topic in bank.topics(competence):
            assert bank.topic_title(competence, topic) != topic, (competence, topic)
