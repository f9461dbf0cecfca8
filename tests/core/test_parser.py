from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pix_tui.core.model import BlankMode, ChallengeType, InputKind, Tolerance
from pix_tui.core.parser import ChallengeError, parse_challenge
from tests.core.bank_files import QCM, QCU, QROC, QROCM


def parse(text: str, tmp_path: Path, name: str = "c.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_challenge(text.encode(), path, tmp_path)


def errors(text: str, tmp_path: Path) -> list[str]:
    with pytest.raises(ChallengeError) as info:
        parse(text, tmp_path)
    return [f"{p.line}: {p.message}" for p in info.value.problems]


def test_qcu_is_parsed_with_statement_proposals_explanation_and_tutorials(tmp_path):
    challenge = parse(QCU.format(id="q", level=3), tmp_path).challenge
    assert challenge.type is ChallengeType.QCU
    assert challenge.skill.name == "@operateurs3"
    assert [p.text for p in challenge.proposals] == [
        "tri sélectif",
        '"tri sélectif"',
        "tri OR sélectif",
    ]
    assert challenge.correct_indices == {1}
    assert challenge.proposals[0].line == 11
    assert "tri OR" not in challenge.statement
    assert challenge.statement.startswith("Quelle requête")
    assert challenge.explanation == "Les guillemets demandent l'expression exacte."
    assert challenge.tutorials[0].url == "https://www.lumni.fr/"
    assert challenge.tutorials[0].title == "Lumni"
    assert challenge.shuffle


def test_qcm_keeps_every_checked_proposal(tmp_path):
    challenge = parse(QCM, tmp_path).challenge
    assert challenge.correct_indices == {0, 2}
    assert challenge.proposals[0].text == "Tr0mp3tte!Velo#Nuage"


def test_a_proposal_reads_as_its_reader_sees_it_without_markdown_marks(tmp_path):
    text = QCU.format(id="q", level=3)
    text = text.replace(
        "- [ ] tri sélectif", "- [ ] `a@b.fr` ou *très* **bien**\n  [suite](https://x.fr)"
    )
    text = text.replace('- [x] "tri sélectif"', "- [x] `` `code` `` et \\*étoile\\*")
    proposals = parse(text, tmp_path).challenge.proposals
    assert proposals[0].text == "a@b.fr ou très bien suite"
    assert proposals[1].text == "`code` et *étoile*"


def test_qroc_reads_answers_tolerances_and_time_limit(tmp_path):
    challenge = parse(QROC, tmp_path).challenge
    assert challenge.answers == ("pdf", ".pdf")
    assert challenge.tolerances == {Tolerance.T1, Tolerance.T2}
    assert challenge.time_limit == 60


def test_qrocm_blanks_are_in_statement_order(tmp_path):
    challenge = parse(QROCM.format(mode="dep"), tmp_path).challenge
    assert challenge.blank_names == ("premier", "second")
    assert challenge.mode is BlankMode.DEP
    assert challenge.input is InputKind.TEXT


def test_crlf_and_bom_are_accepted(tmp_path):
    text = "\ufeff" + QROC.replace("\n", "\r\n")
    assert parse(text, tmp_path).challenge.id == "qroc-1"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda t: t.replace("---\nid", "id", 1), "1: missing front matter"),
        (lambda t: t.replace("---\nQuelle", "Quelle"), "1: unterminated front matter"),
        (lambda t: t.replace("level: 2", "level: [2"), "YAML syntax error"),
        (lambda t: t.replace("topic: extensions\n", ""), "1: missing key 'topic'"),
        (lambda t: t.replace("time_limit", "timelimit"), "9: unknown key 'timelimit'"),
        (lambda t: t.replace('"1.2"', '"6.1"'), "3: unknown competence '6.1'"),
        (lambda t: t.replace("level: 2", "level: 7"), "5: 'level' must be a whole number"),
        (lambda t: t.replace("level: 2", "level: deux"), "5: 'level'"),
        (lambda t: t.replace("answers: [pdf, .pdf]", "answers: []"), "8: 'answers' has no"),
        (lambda t: t.replace("answers: [pdf, .pdf]\n", ""), "1: a qroc needs 'answers'"),
        (lambda t: t.replace("type: qroc", "type: qcx"), "6: 'type' must be one of"),
        (lambda t: t.replace("tolerance: [t1, t2]", "tolerance: t4"), "7: 'tolerance' must"),
        (lambda t: t.replace("time_limit: 60", "time_limit: 3"), "9: 'time_limit'"),
        (lambda t: t.replace("time_limit: 60", "shuffle: true"), "9: 'shuffle' does not apply"),
        (lambda t: t.replace("Quelle extension porte un fichier PDF ?", ""), "empty statement"),
        (lambda t: t.replace("## Explication", "## Correction"), "unexpected section"),
        (lambda t: t + "\n![](image.png)\n", "image without alt text"),
        (lambda t: t.replace("time_limit: 60", "attachments: [../x.csv]"), "outside the bank"),
        (lambda t: t.replace("time_limit: 60", "attachments: [absent.csv]"), "not found"),
        (lambda t: t.replace("id: qroc-1", "id: qroc-1\nid: qroc-2"), "given twice"),
    ],
)
def test_each_problem_is_reported_at_its_line(tmp_path, change, expected):
    found = errors(change(QROC), tmp_path)
    assert any(expected in e for e in found), found


def test_qcu_needs_exactly_one_checked_proposal(tmp_path):
    none = QCU.format(id="q", level=1).replace("- [x]", "- [ ]")
    assert any("exactly one checked" in e for e in errors(none, tmp_path))
    two = QCU.format(id="q", level=1).replace("- [ ] tri OR", "- [x] tri OR")
    assert any("found 2" in e for e in errors(two, tmp_path))


def test_qcm_needs_a_checked_proposal_and_two_proposals(tmp_path):
    assert any("at least one checked" in e for e in errors(QCM.replace("[x]", "[ ]"), tmp_path))
    lonely = QCM.split("- [ ] `azerty`")[0] + "\n## Explication\nx\n"
    assert any("at least 2 proposals" in e for e in errors(lonely, tmp_path))


def test_qrocm_blanks_and_answers_must_match(tmp_path):
    text = QROCM.format(mode="ind").replace("{{second}}", "{{troisieme}}")
    found = errors(text, tmp_path)
    assert any("'{{troisieme}}' has no accepted answers" in e for e in found)
    assert any("no blank '{{second}}'" in e for e in found)


def test_qrocm_needs_a_mode(tmp_path):
    text = QROCM.format(mode="dep").replace("mode: dep\n", "")
    assert any("'mode: ind' or 'mode: dep'" in e for e in errors(text, tmp_path))


def test_number_input_rejects_non_numeric_answers(tmp_path):
    text = QROC.replace("tolerance: [t1, t2]", "input: number")
    assert any("is not a number" in e for e in errors(text, tmp_path))


def test_not_utf8_is_reported_with_its_line(tmp_path):
    data = QROC.encode().replace(b"Quelle", b"Qu\xe9lle")
    with pytest.raises(ChallengeError) as info:
        parse_challenge(data, tmp_path / "c.md", tmp_path)
    assert (
        info.value.problems[0].line
        == QROC.split("\n").index("Quelle extension porte un fichier PDF ?") + 1
    )
    assert "UTF-8" in info.value.problems[0].message


def test_unknown_x_keys_are_kept_for_authors(tmp_path):
    assert parse(QROC.replace("level: 2", "level: 2\nx-auteur: M. Dupont"), tmp_path)


def test_raw_html_and_missing_explanation_are_warnings(tmp_path):
    text = QROC.replace("## Explication\nL'extension `.pdf`.\n", "<b>gras</b>\n")
    messages = [w.message for w in parse(text, tmp_path).warnings]
    assert any("raw HTML" in m for m in messages)
    assert any("Explication" in m for m in messages)


def test_choices_inside_a_qroc_are_an_error(tmp_path):
    text = QROC.replace("PDF ?", "PDF ?\n\n- [x] pdf\n- [ ] doc")
    assert any("has no proposals" in e for e in errors(text, tmp_path))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_raise_only_the_projects_error(tmp_path_factory, data):
    root = tmp_path_factory.getbasetemp()
    try:
        parse_challenge(data, root / "fuzz.md", root)
    except ChallengeError as exc:
        assert exc.problems


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_after_a_front_matter_raises_only_the_projects_error(tmp_path_factory, text):
    root = tmp_path_factory.getbasetemp()
    for document in (f"---\n{text}\n---\nx\n", QROC.replace("Quelle", text)):
        try:
            parse_challenge(document.encode(), root / "fuzz.md", root)
        except ChallengeError as exc:
            assert exc.problems


def test_accepted_answers_expand_their_alternatives(tmp_path):
    text = QROC.replace("answers: [pdf, .pdf]", 'answers: ["[le|un]? [format]? pdf", .pdf]')
    challenge = parse(text, tmp_path).challenge
    assert challenge.answers[0] == "pdf"
    assert {"le pdf", "un format pdf", "format pdf", ".pdf"} <= set(challenge.answers)


def test_a_malformed_alternative_is_an_error_at_the_answers_line(tmp_path):
    text = QROC.replace("answers: [pdf, .pdf]", 'answers: ["[le|un pdf"]')
    line = text.split("\n").index('answers: ["[le|un pdf"]') + 1
    assert any(e.startswith(f"{line}: unbalanced brackets") for e in errors(text, tmp_path))


def test_an_accepted_example_the_checker_refuses_is_an_error_at_its_line(tmp_path):
    text = QROC.replace("accept: [PDF, .pdf,", "accept: [PDF, .pdf, le pdf,")
    line = text.split("\n").index('  accept: [PDF, .pdf, le pdf, " Pdf "]') + 1
    assert errors(text, tmp_path) == [
        f"{line}: the example 'le pdf' should be accepted, but the checker refuses it"
    ]


def test_a_refused_example_the_checker_accepts_is_an_error(tmp_path):
    text = QROC.replace("refuse: [doc, pdf2]", "refuse: [doc, P.D.F]")
    assert errors(text, tmp_path)[0].endswith(
        "the example 'P.D.F' should be refused, but the checker accepts it"
    )


def test_qrocm_examples_are_checked_blank_by_blank_at_their_own_line(tmp_path):
    text = QROCM.format(mode="ind").replace(
        "    - {premier: CHROME, second: FIREFOX}", "    - {premier: Safari, second: Chrome}"
    )
    line = text.split("\n").index("    - {premier: Safari, second: Chrome}") + 1
    assert errors(text, tmp_path) == [
        f"{line}: the example 'premier: Safari, second: Chrome' should be accepted, "
        "but the checker refuses it"
    ]
    missing_blank = QROCM.format(mode="dep").replace(
        "    - {premier: Edge, second: Chrome}", "    - {premier: Edge}"
    )
    assert any("maps every blank" in e for e in errors(missing_blank, tmp_path))


def test_too_few_or_no_examples_are_warnings(tmp_path):
    few = QROC.replace("refuse: [doc, pdf2]", "refuse: [doc]")
    assert [w.key for w in parse(few, tmp_path).warnings] == ["examples_too_few"]
    start = QROC.index("examples:")
    none = QROC[:start] + QROC[QROC.index("---\nQuelle") :]
    assert [w.key for w in parse(none, tmp_path).warnings] == ["examples_missing"]


def test_blank_labels_are_kept_and_checked(tmp_path):
    challenge = parse(QROCM.format(mode="dep"), tmp_path).challenge
    assert challenge.label("premier") == "Premier navigateur"
    unlabelled = QROCM.format(mode="dep").replace("  second: Second navigateur\n", "")
    parsed = parse(unlabelled, tmp_path)
    assert parsed.challenge.label("second") == "second"
    assert [w.key for w in parsed.warnings] == ["blank_without_label"]
    stray = QROCM.format(mode="dep").replace("  second: Second", "  troisieme: Trois")
    assert any("not a blank of the statement" in e for e in errors(stray, tmp_path))


def test_every_error_of_a_file_is_reported_in_one_run(tmp_path):
    """A wrong topic, a wrong level, a missing attachment, a bad time limit and a bad
    tolerance, all at once: fixing one must not reveal the next."""
    text = (
        QROC.replace("topic: extensions", "topic: Mauvais Sujet")
        .replace("level: 2", "level: 9")
        .replace("time_limit: 60", "time_limit: 3\nattachments: [absent.csv]")
        .replace("tolerance: [t1, t2]", "tolerance: t4")
    )
    found = "\n".join(errors(text, tmp_path))
    for expected in ("'topic'", "'level'", "not found", "'time_limit'", "'tolerance'"):
        assert expected in found, found
