"""Golden tests: each sample's extraction and findings scored against a copy of the
hand-checked truth, with the agreement reached so far as the floor. Raise the floors when
the extraction improves; a change that lowers them fails here."""
from __future__ import annotations

import json

import pytest

from core.export import document_json
from core.validate import validate
from tests.conftest import DATA, SAMPLE_STEMS, load_scorer, truth

# Per-sample floors (cell F1, number F1, table recall, kind accuracy, header accuracy).
FLOORS = {
    "000_7fe24cca4b7a4db4": (0.995, 0.995, 1.0, 1.0, 1.0),
    "001_1886ce78e3864c15": (0.99, 0.99, 1.0, 1.0, 1.0),
    "002_0a36a88aef94cc2c": (0.995, 0.995, 1.0, 1.0, 1.0),
    "003_478751ce5583cfa1": (0.99, 0.99, 1.0, 1.0, 1.0),
    "004_11f39c83a94e4e1b": (0.985, 0.995, 1.0, 1.0, 1.0),
}
OVERALL_CELL_F1 = 0.99
# Error findings of the truth that the validator matches, per sample (recall floor).
FINDINGS_MATCHED = {"000_7fe24cca4b7a4db4": 1, "001_1886ce78e3864c15": 3, "002_0a36a88aef94cc2c": 5,
                    "003_478751ce5583cfa1": 2, "004_11f39c83a94e4e1b": 8}
MAX_UNMATCHED_ERRORS = 0        # error findings the truth does not hold, over the five samples


@pytest.fixture(scope="module")
def scorer():
    return load_scorer()


@pytest.mark.parametrize("name,stem", sorted(SAMPLE_STEMS.items()))
def test_tables_agree_with_truth(documents, scorer, name, stem):
    result = scorer.score_tables(truth(stem), document_json(documents[name]))
    cell, number, recall, kind, header = FLOORS[stem]
    assert result["cell_f1"] >= cell
    assert result["number_f1"] >= number
    assert result["table_recall"] >= recall
    assert result["kind_accuracy"] >= kind
    assert result["header_accuracy"] >= header


def test_overall_cell_f1(documents, scorer):
    totals = dict(correct=0, pred=0, truth=0)
    for name, stem in SAMPLE_STEMS.items():
        counts = scorer.score_tables(truth(stem), document_json(documents[name]))["counts"]
        for k in totals:
            totals[k] += counts[k]
    p, r = totals["correct"] / totals["pred"], totals["correct"] / totals["truth"]
    assert 2 * p * r / (p + r) >= OVERALL_CELL_F1


def test_findings_agree_with_truth(documents, scorer):
    unmatched = 0
    for name, stem in SAMPLE_STEMS.items():
        found = [f.to_json() for f in validate(documents[name])]
        result = scorer.score_findings(truth(stem, findings=True), found)
        assert result["matched"] >= FINDINGS_MATCHED[stem], (stem, result["missed"])
        unmatched += result["unmatched_found"]
    assert unmatched <= MAX_UNMATCHED_ERRORS


def test_the_program_never_reads_the_truth():
    """The truth is test data only: no module of the product mentions it."""
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    for folder in ("core", "tui"):
        for path in (root / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert "shared/truth" not in text and "findings.json" not in text, path
    assert (DATA / "truth" / "FORMAT.md").exists()


def test_extra_document_of_another_region(scorer):
    """The Shanghai district budget (other template, amounts in 元, codes in 类/款/项 columns)."""
    from core.document import load_document
    doc = load_document(DATA / "extra" / "shanghai_putuo_chengguan_2026_budget.txt")
    expected = json.loads((DATA / "extra" / "shanghai_putuo_chengguan_2026_budget.json").read_text("utf-8"))
    result = scorer.score_tables(expected, document_json(doc))
    assert result["cell_f1"] >= 0.999 and result["table_recall"] == 1.0 and result["header_accuracy"] == 1.0
    assert [f for f in validate(doc) if f.severity == "error"] == []


@pytest.mark.parametrize("name,floor", [("nanchang_medical_security_center_2024_budget.txt", 0.995),
                                        ("shangrao_medical_security_bureau_2022_final_accounts.txt", 0.99)])
def test_tables_read_the_same_when_the_extractor_wrote_spaces_for_tabs(scorer, tmp_path, name, floor):
    """Another extractor's habit: cells separated by one space, empty cells dropped."""
    from core.document import load_document
    from tests.conftest import SAMPLES
    lines = (SAMPLES / name).read_text(encoding="utf-8").split("\n")
    spaced = [" ".join(c.strip() for c in line.split("\t") if c.strip()) if "\t" in line else line
              for line in lines]
    path = tmp_path / name
    path.write_text("\n".join(spaced), encoding="utf-8")
    result = scorer.score_tables(truth(SAMPLE_STEMS[name]), document_json(load_document(path)))
    assert result["cell_f1"] >= floor and result["table_recall"] == 1.0


def test_final_accounts_tables_read_one_fragment_per_line(scorer, tmp_path):
    """The third layout for a 决算: every cell on a line of its own (行次 and codes alone)."""
    from core.document import load_document
    from tests.conftest import SAMPLES
    name = "shangrao_medical_security_bureau_2022_final_accounts.txt"
    out = []
    for line in (SAMPLES / name).read_text(encoding="utf-8").split("\n"):
        out += [x for c in line.split("\t") if c.strip() for x in (c.strip(), "")] if "\t" in line else [line]
    path = tmp_path / name
    path.write_text("\n".join(out), encoding="utf-8")
    extracted = document_json(load_document(path))
    tables = {t["kind"]: t for t in extracted["tables"]}
    expected = {t["kind"]: t for t in truth(SAMPLE_STEMS[name])["tables"]}
    for kind in ("final.income_expense_summary", "final.fiscal_summary", "final.three_public",
                 "final.income", "final.expense"):
        assert tables[kind]["rows"] == expected[kind]["rows"], kind
    result = scorer.score_tables(truth(SAMPLE_STEMS[name]), extracted)     # 自评表 forms included
    assert result["cell_f1"] >= 0.98 and result["table_recall"] == 1.0
