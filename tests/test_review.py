"""The edit log: edits on top of the extraction, undo/redo, atomic persistence, refusal of
review files that do not belong to the document."""
from __future__ import annotations

import json

import pytest

from cli.main import main
from core.document import load_document
from core.edits import CellEdit, Decision, HeaderEdit, RowDelete, RowInsert, TableFieldEdit, Target
from core.errors import UserError
from core.review import Review, default_review_path

NANCHANG = "nanchang_medical_security_center_2024_budget.txt"


@pytest.fixture
def doc_path(sample_copy):
    return sample_copy(NANCHANG)


def test_edit_is_applied_on_top_and_remembers_the_original(doc_path):
    doc = load_document(doc_path)
    review = Review(doc)
    edit = review.set_cell(3, 1, 3, "580.13")      # 一般公共预算基本支出表, 301 人员经费
    assert edit.old == "" and edit.new == "580.13" and edit.time
    cell = review.tables[3].cell(1, 3)
    assert (cell.text, cell.original, cell.lines) == ("580.13", "", (241,))
    assert doc.tables[3].cell(1, 3).text == ""       # the extraction itself is untouched


def test_undo_redo_any_number_of_steps_across_tables(doc_path):
    review = Review(load_document(doc_path))
    review.set_cell(0, 1, 2, "1.00")
    review.set_cell(2, 1, 2, "2.00")
    review.set_header(2, 2, "合计X")
    review.insert_row(1, 2)
    review.delete_row(0, 0)
    assert review.tables[0].rows[0][1].text == "社会保障和就业支出"
    for _ in range(5):
        assert review.undo() is not None
    assert review.undo() is None
    assert [[c.text for c in r] for r in review.tables[0].rows] == \
        [[c.text for c in r] for r in review.document.tables[0].rows]
    assert review.tables[2].column_texts() == review.document.tables[2].column_texts()
    for _ in range(5):
        assert review.redo() is not None
    assert review.redo() is None
    assert review.tables[2].column_texts()[2] == "合计X"
    assert review.tables[0].cell(0, 2).text == "1.00"   # row 0 was deleted, old row 1 moved up
    assert len(review.tables[1].rows) == len(review.document.tables[1].rows) + 1


def test_fill_from_above(doc_path):
    review = Review(load_document(doc_path))
    review.fill_from_above(3, 1, 3)
    assert review.tables[3].cell(1, 3).text == review.tables[3].cell(0, 3).text == "580.76"


def test_save_and_reopen_restores_every_edit(doc_path):
    review = Review(load_document(doc_path), autosave=True)
    review.set_cell(3, 1, 3, "580.13")
    review.set_field(3, Target.TITLE, "基本支出表（改）")
    path = default_review_path(doc_path)
    assert path.name == NANCHANG + ".review.json" and path.exists()
    data = json.loads(path.read_text(encoding="utf-8"))
    # the session's first autosave writes the review file, later ones a line of its journal
    assert data["version"] == 1 and [e["new"] for e in data["edits"]] == ["580.13"]
    journal = review.journal_path.read_text(encoding="utf-8").splitlines()
    assert len(journal) == 2 and json.loads(journal[1])["apply"]["new"] == "基本支出表（改）"
    again = Review.open(load_document(doc_path))
    assert again.tables[3].cell(1, 3).text == "580.13"
    assert again.tables[3].title == "基本支出表（改）"
    assert [e.new for e in again.edits] == ["580.13", "基本支出表（改）"]
    assert not again.saved      # the journal's steps are not yet in the review file
    again.save()
    assert not again.journal_path.exists()
    assert [e["new"] for e in json.loads(path.read_text(encoding="utf-8"))["edits"]] == ["580.13", "基本支出表（改）"]


def test_autosave_appends_one_journal_line_per_step_and_leaves_the_review_file_alone(doc_path):
    review = Review(load_document(doc_path), autosave=True)
    review.set_cell(3, 1, 3, "1.00")
    path = default_review_path(doc_path)
    written = path.read_bytes()
    for k in range(2, 6):
        review.set_cell(3, 1, 3, f"{k}.00")
    review.undo()
    review.undo()
    review.redo()
    assert path.read_bytes() == written and review.saved
    steps = [json.loads(line) for line in review.journal_path.read_text(encoding="utf-8").splitlines()[1:]]
    assert [next(iter(s)) for s in steps] == ["apply"] * 4 + ["undo", "undo", "redo"]
    again = Review.open(load_document(doc_path))
    assert [e.new for e in again.edits] == ["1.00", "2.00", "3.00", "4.00"]
    assert [e.new for e in again.undone] == ["5.00"]      # redo still reaches the step undone last
    assert again.redo() is not None and again.tables[3].cell(1, 3).text == "5.00"


def test_a_journal_line_cut_short_by_a_crash_is_dropped(doc_path):
    review = Review(load_document(doc_path), autosave=True)
    review.set_cell(3, 1, 3, "1.00")
    review.set_cell(3, 1, 3, "2.00")
    with open(review.journal_path, "a", encoding="utf-8") as f:
        f.write('{"apply": {"target": "cell", "ta')
    again = Review.open(load_document(doc_path))
    assert [e.new for e in again.edits] == ["1.00", "2.00"]


def test_a_journal_begun_over_another_review_file_is_refused_and_left_untouched(doc_path):
    review = Review(load_document(doc_path), autosave=True)
    review.set_cell(3, 1, 3, "1.00")
    review.set_cell(3, 1, 3, "2.00")
    path = default_review_path(doc_path)
    path.write_text(path.read_text(encoding="utf-8").replace("1.00", "9.00"), encoding="utf-8")
    journal = review.journal_path.read_bytes()
    with pytest.raises(UserError, match="journal continues another version"):
        Review.open(load_document(doc_path))
    assert review.journal_path.read_bytes() == journal


def test_review_of_another_document_is_refused_and_left_untouched(doc_path, sample_copy, tmp_path):
    other = sample_copy("shangrao_medical_security_center_2024_budget.txt")
    Review(load_document(other), autosave=True).set_cell(0, 0, 1, "x")
    foreign = default_review_path(other)
    before = foreign.read_bytes()
    with pytest.raises(UserError, match="another document"):
        Review.open(load_document(doc_path), foreign)
    assert foreign.read_bytes() == before


@pytest.mark.parametrize("content,message", [
    ("{not json", "corrupt"),
    (json.dumps({"format": "budget-review.review", "version": 99}), "version 99"),
    (json.dumps([1, 2]), "not a budget-review review file"),
])
def test_broken_review_files_are_refused(doc_path, content, message, capsys):
    path = default_review_path(doc_path)
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=message):
        Review.open(load_document(doc_path))
    assert main(["check", str(doc_path)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert path.read_text(encoding="utf-8") == content


def test_extract_and_check_apply_the_review_unless_no_review(doc_path, capsys):
    review = Review(load_document(doc_path), autosave=True)
    for r, col, value in ((1, 3, "580.13"), (10, 4, "46.51"), (17, 3, "0.63")):
        review.set_cell(3, r, col, value)
    assert main(["extract", str(doc_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["tables"][3]["rows"][1] == ["301", "工资福利支出", "580.13", "580.13", ""]
    main(["extract", str(doc_path), "--no-review"])
    raw = json.loads(capsys.readouterr().out)
    assert raw["tables"][3]["rows"][1] == ["301", "工资福利支出", "580.13", "", ""]
    # the three empty-cell errors are gone once corrected; without the review they are back
    main(["check", str(doc_path), "--format", "json"])
    corrected = [f for f in json.loads(capsys.readouterr().out) if f["check"] == "sum" and f["severity"] == "error"]
    main(["check", str(doc_path), "--format", "json", "--no-review"])
    raw_findings = [f for f in json.loads(capsys.readouterr().out) if f["check"] == "sum" and f["severity"] == "error"]
    assert corrected == [] and len(raw_findings) == 3


def test_form_fact_edits_are_logged_undone_and_replayed(sample_copy):
    path = sample_copy("jingdezhen_medical_insurance_center_2025_budget.txt")
    review = Review(load_document(path), autosave=True)
    edit = review.set_fact(0, "其中：财政拨款", "160")
    assert (edit.target, edit.key, edit.old, edit.new) == ("fact", "其中：财政拨款", "0", "160")
    assert review.document.tables[0].facts["其中：财政拨款"] == "0"
    again = Review.open(load_document(path))
    assert again.tables[0].facts["其中：财政拨款"] == "160"
    again.undo()
    assert again.tables[0].facts["其中：财政拨款"] == "0"


def test_a_corrected_cell_is_no_longer_inferred(sample_copy):
    review = Review(load_document(sample_copy("shangrao_medical_security_center_2024_budget.txt")))
    three = next(i for i, t in enumerate(review.tables) if t.kind == "budget.three_public")
    assert review.tables[three].cell(0, 4).inferred
    review.set_cell(three, 0, 4, "4.00")
    assert review.tables[three].cell(0, 4).inferred == "" and review.tables[three].cell(0, 4).original == "5.00"


def test_findings_are_settled_in_the_log_undone_and_kept_by_id(sample_copy):
    """Confirm, dismiss or explain a finding: a core operation in the review log, undoable,
    saved, and applied again by id after the document is reopened."""
    from core.session import ReviewSession
    path = sample_copy("nanchang_medical_security_center_2024_budget.txt")
    session = ReviewSession(Review(load_document(path), autosave=True))
    first, second = session.findings[0], session.findings[1]
    assert first.status == "open" and first.id == session.findings[0].id
    session.decide(first.id, "dismissed")
    session.decide(second.id, "explained", "说明见第三部分")
    assert (first.status, second.status, second.note) == ("dismissed", "explained", "说明见第三部分")
    session.undo()
    assert session.findings[1].status == "open"
    session.redo()
    again = ReviewSession(Review.open(load_document(path)))
    by_id = {f.id: f for f in again.findings}
    assert by_id[first.id].status == "dismissed"
    assert (by_id[second.id].status, by_id[second.id].note) == ("explained", "说明见第三部分")


def test_finding_ids_survive_an_edit_elsewhere(sample_copy):
    from core.session import ReviewSession
    session = ReviewSession(Review(load_document(sample_copy("nanchang_medical_security_center_2024_budget.txt"))))
    before = {f.id: f.message for f in session.findings}
    session.set_cell(0, 0, 1, "改过的标签")        # a label in another table: no finding moves
    assert {f.id: f.message for f in session.findings if f.id in before} == \
        {k: v for k, v in before.items() if k in {f.id for f in session.findings}}
    assert set(before) <= {f.id for f in session.findings}


def test_check_applies_decisions_and_filters(sample_copy, capsys):
    from core.session import ReviewSession
    path = sample_copy("nanchang_medical_security_center_2024_budget.txt")
    session = ReviewSession(Review(load_document(path), autosave=True))
    errors = [f for f in session.findings if f.severity == "error"]
    for f in errors:
        session.decide(f.id, "dismissed")
    assert main(["check", str(path), "--format", "json"]) == 0       # no standing error
    out = json.loads(capsys.readouterr().out)
    assert out[-1]["status"] == "dismissed" and all(f["status"] == "open" for f in out[:len(out) - len(errors)])
    assert main(["check", str(path), "--format", "json", "--status", "dismissed"]) == 0
    assert {f["id"] for f in json.loads(capsys.readouterr().out)} == {f.id for f in errors}


def test_renaming_a_header_group_renames_it_over_all_its_columns_in_one_step(doc_path):
    review = Review(load_document(doc_path))
    assert review.tables[1].column_texts()[:2] == ["收入/项目", "收入/预算数"]
    review.set_header(1, 1, "本年收入/预算数")
    assert review.tables[1].column_texts()[:3] == ["本年收入/项目", "本年收入/预算数", "支出/项目(按支出功能科目类级)"]
    review.set_header(1, 1, "本年收入/金额")        # a leaf: that column alone
    assert review.tables[1].column_texts()[:2] == ["本年收入/项目", "本年收入/金额"]
    review.undo()
    review.undo()
    assert review.tables[1].column_texts() == review.document.tables[1].column_texts()
    review.redo()
    assert review.tables[1].column_texts()[:2] == ["本年收入/项目", "本年收入/预算数"]


def test_every_kind_of_edit_is_saved_and_replayed_as_itself(doc_path):
    review = Review(load_document(doc_path))
    review.set_cell(3, 1, 3, "580.13")
    review.set_header(2, 2, "合计X")
    review.set_field(0, Target.UNIT, "元")
    review.insert_row(1, 2)
    review.delete_row(0, 0)
    review.decide("some-finding", "explained", "见说明")
    review.save()
    again = Review.open(load_document(doc_path))
    assert again.edits == review.edits
    assert [type(e) for e in again.edits] == [CellEdit, HeaderEdit, TableFieldEdit, RowInsert, RowDelete, Decision]
    assert again.edits[3] == RowInsert(table=1, row=2, new=("",) * len(review.tables[1].columns),
                                       time=review.edits[3].time)
    assert again.tables[0].unit == "元" and again.decisions == {"some-finding": ("explained", "见说明")}


def test_a_review_file_of_the_earlier_flat_form_still_replays(doc_path):
    """Review files written before the edit kinds had every key on every edit, None or empty
    where the kind had none."""
    path = default_review_path(doc_path)
    data = Review(load_document(doc_path)).to_json()
    blank = {"row": None, "col": None, "old": None, "new": None, "time": "", "key": "", "note": "", "group": ""}
    data["edits"] = [{**blank, "target": "cell", "table": 3, "row": 1, "col": 3, "old": "", "new": "580.13"},
                     {**blank, "target": "title", "table": 0, "old": review_title(doc_path), "new": "总表"},
                     {**blank, "target": "insert_row", "table": 1, "row": 0, "new": ["", "新行"]},
                     {**blank, "target": "decision", "table": -1, "key": "f-1", "old": "open", "new": "dismissed"}]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    review = Review.open(load_document(doc_path))
    assert review.set_aside == []
    assert [e.describe() for e in review.edits] == [
        "cell of table 4 row 2 column 4: “” → “580.13”",
        f"title of table 1: “{review_title(doc_path)}” → “总表”",
        "insert row of table 2 row 1: “” → “ | 新行”",
        "finding f-1: open → dismissed"]


def review_title(doc_path) -> str:
    return load_document(doc_path).tables[0].title


@pytest.mark.parametrize(("raw", "reason"), [
    ({"target": "cell", "table": 0, "row": 0, "old": "", "new": "1"}, "a cell edit needs its col"),
    ({"target": "header", "table": 0, "row": 2, "col": 1, "old": "a", "new": "b"}, "a header edit has no row"),
    ({"target": "insert_row", "table": 0, "row": 0, "new": "1"}, "new is not a row of texts"),
    ({"target": "fact", "table": 0, "key": 7, "old": "", "new": "1"}, "key 7 is not a text"),
    ({"target": "decision", "key": "f", "old": "open", "new": "maybe"}, "unknown decision 'maybe'"),
])
def test_an_edit_of_the_wrong_shape_is_set_aside_with_why(doc_path, raw, reason):
    path = default_review_path(doc_path)
    data = Review(load_document(doc_path)).to_json()
    data["edits"] = [raw]
    path.write_text(json.dumps(data), encoding="utf-8")
    review = Review.open(load_document(doc_path))
    assert review.edits == [] and review.set_aside == [(raw, reason)]
