"""A tiny run of benchmarks/certification.py: it prints the table an engine comparison reads."""

from __future__ import annotations

import json

import pytest

from benchmarks.certification import main, run_grid


def test_each_row_splits_the_competences_into_kept_minus_one_and_uncertified() -> None:
    rows = run_grid(["default", "smart-random"], ["standard"], 2, seed=3)
    assert [row.engine for row in rows] == ["default", "smart-random"]
    for row in rows:
        assert row.learners == 2
        assert row.kept + row.minus_one + row.uncertified == pytest.approx(1.0)
        assert 0 <= row.rejected <= 1 and 0 <= row.mean_rate <= 100
        assert 15 <= row.mean_questions <= 48


def test_json_output_lists_the_rows(capsys: pytest.CaptureFixture[str]) -> None:
    lines: list[str] = []
    assert main(["--learners", "1", "--engines", "default", "--conditions", "topics",
                 "--workers", "1", "--json"], out=lines.append) == 0  # fmt: skip
    [row] = json.loads(lines[0])
    assert row["engine"] == "default" and row["condition"] == "topics"
    assert {"kept", "minus_one", "uncertified", "rejected", "mean_rate"} <= set(row)
