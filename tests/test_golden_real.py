"""Golden tests on real documents outside the five samples (copies in tests/data/real):
a 部门决算 PDF read directly from its page geometry and the texts extractors make of it, and
the pdfplumber text of another Shanghai 决算 whose tables wrap their names around the amount
lines. Floors are the figures
reached; a change that lowers them fails here."""
from __future__ import annotations

import json

import pytest

from core.document import load_document
from core.export import document_json
from core.validate import validate
from tests.conftest import DATA, load_scorer

REAL = DATA / "real"
# document → (cell F1, number F1, header accuracy, truth errors matched, error findings the truth lacks)
FLOORS = {
    "putuo_finance_2024_planted.pdf": (1.0, 1.0, 1.0, 8, 0),
    "shanghai_putuo_shiquan_2025_final.txt": (1.0, 1.0, 1.0, 10, 0),
    # other extractors' text and other regions' templates (their truth is the PDF's)
    "shanghai_putuo_shengtai_2025_final.txt": (0.995, 1.0, 1.0, 0, 0),
    "putuo_finance_2024_planted.pymupdf.txt": (1.0, 1.0, 1.0, 8, 0),
    # plain pdftotext: reading order, summaries' panels and header cells printed out of turn
    "putuo_finance_2024_planted.pdftotext-raw.txt": (0.945, 0.934, 0.985, 8, 0),
    "foshan_rail_2019_final.pdfplumber.txt": (1.0, 1.0, 0.95, 1, 0),
    "zhuhai_commerce_2026_budget.pdfplumber.txt": (1.0, 1.0, 1.0, 2, 0),
    # pypdf's page texts joined by a form feed alone: each page's first line glued to the last
    # page's end (its 项目支出表 doubted: names wrapped in content order, so its two errors unfound)
    "zhuhai_commerce_2026_budget.pypdf-ff.txt": (0.956, 1.0, 1.0, 0, 0),
}


@pytest.fixture(scope="module")
def scorer():
    return load_scorer()


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_real_document_agrees_with_truth(scorer, name):
    stem = name.split(".")[0]        # one truth for a PDF and every extractor's text of it
    doc = load_document(REAL / name)
    tables = scorer.score_tables(json.loads((REAL / f"{stem}.json").read_text(encoding="utf-8")), document_json(doc))
    findings = scorer.score_findings(json.loads((REAL / f"{stem}.findings.json").read_text(encoding="utf-8")),
                                     [f.to_json() for f in validate(doc)])
    cell, number, header, matched, unmatched = FLOORS[name]
    assert tables["cell_f1"] >= cell and tables["number_f1"] >= number
    assert tables["header_accuracy"] >= header and tables["table_recall"] == 1.0
    assert findings["matched"] >= matched, findings["missed"]
    assert findings["unmatched_found"] <= unmatched


def test_pdf_cells_know_their_page():
    doc = load_document(REAL / "putuo_finance_2024_planted.pdf")
    income = next(t for t in doc.tables if t.kind == "final.income")
    first, last = income.rows[0], income.rows[-1]
    assert [c.text for c in first[:5]] == ["", "", "", "合计", "2946.25"]
    assert doc.source.page_of(first[4].lines[0]) == 8
    assert doc.source.page_of(last[4].lines[0]) == 9      # the table runs on to the next page
