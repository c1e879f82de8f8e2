"""ReviewSession: findings follow edits, per-table re-validation, finding navigation."""
from __future__ import annotations

import csv
import json

import pytest

from core.document import load_document
from core.errors import UserError
from core.review import Review
from core.session import ReviewSession
from core.validate import validate

NANCHANG = "nanchang_medical_security_center_2024_budget.txt"


def errors(session):
    return [(f.table_index, f.row, f.col) for f in session.findings if f.severity == "error" and f.check == "sum"]


def test_fixing_a_cell_clears_its_finding_and_undo_brings_it_back(sample_copy):
    session = ReviewSession(Review(load_document(sample_copy(NANCHANG))))
    assert errors(session) == [(3, 1, 3), (3, 10, 4), (3, 17, 3)]
    session.set_cell(3, 1, 3, "580.13")
    assert errors(session) == [(3, 10, 4), (3, 17, 3)]
    session.undo()
    assert errors(session) == [(3, 1, 3), (3, 10, 4), (3, 17, 3)]
    session.redo()
    assert errors(session) == [(3, 10, 4), (3, 17, 3)]


def test_incremental_findings_equal_a_full_validation(sample_copy):
    session = ReviewSession(Review(load_document(sample_copy(NANCHANG))))
    session.set_cell(0, 2, 2, "999.00")
    session.insert_row(2, 1)
    full = [f.to_json() for f in validate(session.review.corrected())]
    assert [f.to_json() for f in session.findings] == full


def test_next_and_previous_finding_wrap_around(sample_copy):
    session = ReviewSession(Review(load_document(sample_copy(NANCHANG))))
    located = [i for i, f in enumerate(session.findings) if f.table_index is not None]
    assert session.next_finding(None) == located[0]
    assert session.next_finding(located[-1]) == located[0]
    assert session.next_finding(located[0], -1) == located[-1]
    assert session.next_finding(located[0]) == located[1]


def test_export_writes_beside_the_document(sample_copy):
    doc = sample_copy(NANCHANG)
    session = ReviewSession(Review(load_document(doc)))
    path, warnings = session.export()
    assert path == doc.with_name(doc.name + ".xlsx") and path.stat().st_size > 0 and warnings == []


def test_export_in_each_format_reads_back_the_corrections(sample_copy, tmp_path):
    session = ReviewSession(Review(load_document(sample_copy(NANCHANG))))
    session.set_cell(3, 1, 3, "580.13")
    path, _ = session.export(tmp_path / "out.json", "json")
    assert json.loads(path.read_text(encoding="utf-8"))["tables"][3]["rows"][1][3] == "580.13"
    folder, _ = session.export(tmp_path / "csv", "csv")
    first = sorted(folder.glob("04 *.csv"))[0]
    rows = list(csv.reader(first.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[2][3] == "580.13"
    assert session.export_path("csv").name == NANCHANG + "_csv"
    with pytest.raises(UserError, match="unknown export format"):
        session.export(tmp_path / "x.pdf", "pdf")
