"""Accepted answers written with `[a|b]?` alternatives expand to exactly what they say."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pix_tui.core.alternatives import MAX_EXPANSIONS, AlternativesError, expand


def test_optional_groups_and_choices_expand_with_the_bare_form_first():
    forms = expand("[le|un]? [service|serveur]? DHCP")
    assert forms[0] == "DHCP"
    assert set(forms) == {
        f"{a} {b} DHCP".replace("  ", " ").strip()
        for a in ("", "le", "un")
        for b in ("", "service", "serveur")
    }
    assert len(forms) == 9


def test_a_required_group_is_one_of_its_alternatives():
    assert expand("[GNU]? GPL [v3|3|version 3]") == (
        "GPL v3",
        "GPL 3",
        "GPL version 3",
        "GNU GPL v3",
        "GNU GPL 3",
        "GNU GPL version 3",
    )


def test_text_without_groups_is_kept_as_written():
    assert expand("=SOMME(B2:B5)") == ("=SOMME(B2:B5)",)
    assert expand("Qui ?") == ("Qui ?",)
    assert expand(r"C:\Users") == (r"C:\Users",)


def test_escaped_brackets_bars_and_question_marks_are_literal():
    assert expand(r"\[x\] [a|b]") == ("[x] a", "[x] b")
    assert expand(r"[a\|b|c]") == ("a|b", "c")
    assert expand(r"[oui]\?") == ("oui?",)


@pytest.mark.parametrize(
    ("pattern", "code"),
    [
        ("[a|b", "alternatives_unbalanced"),
        ("a]b", "alternatives_unbalanced"),
        ("[a[b]]", "alternatives_nested"),
        ("[ ]?", "alternatives_empty"),
        ("[a|b|c|d|e|f|g|h] " * 3, "alternatives_too_many"),
    ],
)
def test_malformed_patterns_are_refused_with_a_catalogue_code(pattern, code):
    with pytest.raises(AlternativesError) as info:
        expand(pattern)
    assert info.value.code == code


WORD = st.text(alphabet="abcdé '-", min_size=1, max_size=6)


@given(st.lists(st.tuples(st.lists(WORD, min_size=1, max_size=3), st.booleans()), max_size=3))
def test_every_expansion_is_trimmed_single_spaced_and_bounded(groups):
    pattern = " ".join("[" + "|".join(words) + "]" + ("?" if opt else "") for words, opt in groups)
    pattern += " fin"
    forms = expand(pattern)
    assert 1 <= len(forms) <= MAX_EXPANSIONS
    assert len(set(forms)) == len(forms)
    for form in forms:
        assert form == form.strip()
        assert "  " not in form
        assert form.endswith("fin")
