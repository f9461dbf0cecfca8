"""Reading an answer back: the quick path for well-formed records agrees with the checks."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pix_tui.core.history import AnswerRecord
from pix_tui.core.model import Result
from pix_tui.store.records import (
    RecordError,
    _checked_answer,
    answer_from_doc,
    answer_outcome_from_doc,
    answer_to_doc,
)

GOOD = answer_to_doc(
    AnswerRecord(
        "c-1", "1.1", "@t1", Result.OK, "DHCP", 12.5, datetime(2026, 3, 1, 8, tzinfo=UTC), "p1"
    )
)
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["ok", "ko", "skipped", "2026-03-01T08:00:00", "2026-03-01T08:00:00+01:00"]),
    st.lists(st.integers(), max_size=2),
)


def outcome(read, doc):
    try:
        return read(doc)
    except RecordError as error:
        return ("refused", str(error))


@settings(max_examples=600, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(GOOD)), VALUES, max_size=3), st.booleans())
def test_any_record_is_read_as_the_field_checks_read_it(changes, drop):
    doc = {**GOOD, **changes}
    if drop and changes:
        doc.pop(next(iter(changes)))
    assert outcome(answer_from_doc, doc) == outcome(_checked_answer, doc)


def test_a_well_formed_record_round_trips() -> None:
    record = answer_from_doc(GOOD)
    assert answer_to_doc(record) == GOOD


def test_a_date_without_offset_is_refused_by_both_paths() -> None:
    with pytest.raises(RecordError, match="UTC offset"):
        answer_from_doc({**GOOD, "at": "2026-03-01T08:00:00"})


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(GOOD)), VALUES, max_size=3), st.booleans())
def test_the_analysis_reads_what_the_record_holds_and_never_crashes(changes, drop):
    """Any record the full checks read gives the same challenge, result and answer to the
    analysis; a damaged one is refused or read, never a crash."""
    doc = {**GOOD, **changes}
    if drop and changes:
        doc.pop(next(iter(changes)))
    quick = outcome(answer_outcome_from_doc, doc)
    full = outcome(_checked_answer, doc)
    if isinstance(full, AnswerRecord):
        assert quick[:3] == (full.challenge_id, full.result, full.given)
