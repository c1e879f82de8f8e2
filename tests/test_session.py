"""ReviewSession: findings follow edits, per-table re-validation, finding navigation."""
from __future__ import annotations

import csv
import json

import pytest

from core.document import load_document
from core.edits import Target
from core.errors import UserError
from core.review import Review
from core.session import ReviewSession, SearchHit
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


def test_an_indicator_value_edited_away_from_the_texts_target_is_found_and_undone(sample_copy):
    # the text states 工作满意度≥95% for the project; its form's row says 95% until edited
    session = ReviewSession(Review(load_document(sample_copy("zengdu_medical_security_center_2023_budget.txt"))))

    def targets() -> list[str]:
        return [f.message for f in session.findings if f.message.startswith("“镇办事业单位退休医疗保险费” 工作满意度")]
    assert targets() == []
    session.set_cell(11, 46, 7, "90%")
    assert targets() == ["“镇办事业单位退休医疗保险费” 工作满意度: the text states ≥95%, 项目支出绩效目标申报表 prints 90%"]
    session.undo()
    assert targets() == []


@pytest.mark.parametrize("name", [NANCHANG, "zengdu_medical_security_center_2023_budget.txt"])
def test_rules_run_again_only_for_what_an_edit_changed_yet_find_what_a_full_validation_does(sample_copy, name):
    # each table's first figure changed (the text, other tables and the table's own sums
    # disagree with it now), a header renamed, a fact set, a row deleted, a kind changed, undone
    session = ReviewSession(Review(load_document(sample_copy(name))))

    def full() -> list[dict[str, object]]:
        found = validate(session.review.corrected())
        for f in found:
            f.status, f.note = session.review.decisions.get(f.id, ("open", ""))
        return [f.to_json() for f in found]
    before = len(session.findings)
    for ti, table in enumerate(session.tables):
        figure = next(((r, c) for r, row in enumerate(table.rows) for c, cell in enumerate(row) if cell.value), None)
        if figure is not None:
            session.set_cell(ti, *figure, "12345.67")
            assert [f.to_json() for f in session.findings] == full(), table.title
        if table.facts:
            session.set_table_fact(ti, next(iter(table.facts)), "99.99")
            assert [f.to_json() for f in session.findings] == full(), table.title
    assert len(session.findings) > before
    session.set_header(1, 2, "改过的列")
    session.delete_row(2, 1)
    session.set_table_field(3, Target.KIND, "other")
    assert [f.to_json() for f in session.findings] == full()
    for _ in range(4):
        session.undo()
        assert [f.to_json() for f in session.findings] == full()


CODED = ["一般公共预算支出表", "单位：万元", "科目编码\t科目名称\t合计\t基本支出\t项目支出",
         "\t合计\t60.00\t40.00\t20.00", "201\t一般公共服务支出\t40.00\t30.00\t10.00",
         "20101\t人大事务\t25.00\t20.00\t5.00", "2010101\t行政运行\t25.00\t20.00\t5.00",
         "20102\t政协事务\t15.00\t10.00\t5.00", "20102\t政协事务\t0.00\t0.00\t0.00",
         "208\t社会保障和就业支出\t20.00\t10.00\t10.00", "20805\t行政事业单位养老支出\t20.00\t10.00\t10.00"]


def test_a_figures_edit_runs_again_only_the_checks_that_read_it_yet_finds_what_a_full_validation_does(tmp_path):
    # a figure of a leaf, of a row under a repeated code, of a parent, of the total row, one
    # emptied, each checked and undone; then one made text (its column no longer all figures:
    # every check runs again) and a code changed
    path = tmp_path / "coded.txt"
    path.write_text("\n".join(CODED) + "\n", encoding="utf-8")
    session = ReviewSession(Review(load_document(path)))

    def found() -> list[tuple[object, ...]]:
        found = [(f.row, f.col, f.check, f.severity) for f in session.findings]
        assert [f.to_json() for f in session.findings] == [f.to_json() for f in validate(session.review.corrected())]
        return found
    assert found() == []
    for row, col, text, errors in [
            (3, 3, "21.00", [(3, 2, "sum", "error"), (2, 3, "hierarchy", "error")]),
            (5, 2, "1.00", [(5, 2, "sum", "error"), (1, 2, "hierarchy", "error")]),
            (1, 2, "41.00", [(1, 2, "sum", "error"), (1, 2, "hierarchy", "error"), (0, 2, "sum", "error")]),
            (0, 4, "19.00", [(0, 2, "sum", "error"), (0, 4, "sum", "error")]),
            (6, 2, "", [(6, 2, "extraction", "warning"), (0, 2, "sum", "error")])]:
        session.set_cell(0, row, col, text)
        assert found() == errors, (row, col, text)
        session.undo()
        assert found() == []
    session.set_cell(0, 7, 3, "十")        # 基本支出 is no column of figures now: its sums go unchecked
    assert found() == [(7, 2, "sum", "error")]
    session.set_cell(0, 2, 0, "20103")     # 行政运行 now under 201, beside 20101 and 20102
    assert found() == [(7, 2, "sum", "error"), (1, 2, "hierarchy", "error"), (1, 4, "hierarchy", "error")]


def test_an_edit_that_makes_a_code_repeat_the_row_above_reshapes_the_hierarchy(tmp_path):
    # the second 20102 given the figures of the first becomes its one sub-item (a 款 printed
    # again at the 项's level), no longer a sibling under 201: the hierarchy rests on figures,
    # so the edit runs the table's every check again, and 201 adds up (25 + 15)
    path = tmp_path / "coded.txt"
    path.write_text("\n".join(CODED) + "\n", encoding="utf-8")
    session = ReviewSession(Review(load_document(path)))
    for col, text in ((2, "15.00"), (3, "10.00"), (4, "5.00")):
        session.set_cell(0, 5, col, text)
        assert [f.to_json() for f in session.findings] == [f.to_json() for f in validate(session.review.corrected())]
    assert [(f.row, f.check) for f in session.findings] == []


def test_an_edit_far_down_the_tree_moves_the_part_an_empty_total_implies(tmp_path):
    # 201 prints its 合计 with its parts empty: the finding names the part its descendants
    # carry (基本支出: 50 against 15). A 项's 项目支出 raised to 60 makes it 项目支出, two
    # levels up: the checks of every row it is coded under run again
    path = tmp_path / "coded.txt"
    lines = list(CODED)
    lines[4] = "201\t一般公共服务支出\t40.00\t\t"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    session = ReviewSession(Review(load_document(path)))
    empty = [f for f in session.findings if f.row == 1 and f.check == "sum"]
    assert [(f.col, f.message) for f in empty] == [(3, "201 一般公共服务支出: 合计 40.00 but 基本支出 and 项目支出 are empty")]
    session.set_cell(0, 3, 4, "60.00")
    assert [f.to_json() for f in session.findings] == [f.to_json() for f in validate(session.review.corrected())]
    assert [f.col for f in session.findings if f.row == 1 and f.check == "sum"] == [4]


def test_an_edit_runs_again_only_the_document_rules_that_read_what_it_changed(sample_copy, monkeypatch):
    import core.validate
    ran: list[str] = []

    def counted(rule):
        def run(doc):
            ran.append(rule.__name__)
            return rule(doc)
        return run
    monkeypatch.setattr(core.validate, "DOCUMENT_RULES", tuple(counted(r) for r in core.validate.DOCUMENT_RULES))
    session = ReviewSession(Review(load_document(sample_copy(NANCHANG))))
    assert len(ran) == len(core.validate.DOCUMENT_RULES)
    ran.clear()
    session.set_cell(4, 0, 2, "1.00")       # the 三公 table: its identities, the figures the text gives it
    assert ran == ["check_identities", "check_prose_figures"]
    ran.clear()
    session.set_reviewed(4, True)           # a review mark: nothing a rule reads
    assert ran == []
    ran.clear()
    session.set_table_field(4, Target.TITLE, "三公经费表")       # what rules know tables by: all of them
    assert len(ran) == len(core.validate.DOCUMENT_RULES)


def test_next_and_previous_finding_go_from_the_cursor_in_source_order_and_wrap_around(sample_copy):
    session = ReviewSession(Review(load_document(sample_copy(NANCHANG))))
    findings = session.findings
    order = sorted(range(len(findings)), key=lambda i: (findings[i].lines[0], i))
    assert session.next_finding(None, None) == order[0] and session.next_finding(None, None, -1) == order[-1]
    # n pressed again and again from the first table's first cell: the first finding after it, then
    # each finding once in the order of the source, then around
    first_line = session.tables[0].rows[0][0].lines[0]
    start = next(k for k, i in enumerate(order) if findings[i].lines[0] >= first_line)
    last = session.next_finding((0, 0, 0), None)
    seen = [last]
    for _ in range(len(findings)):
        last = session.next_finding((0, 0, 0), last)
        seen.append(last)
    assert seen == order[start:] + order[:start] + [order[start]]
    assert any(findings[i].table_index is None for i in seen)        # the text's findings are reached too
    assert session.next_finding(None, order[0], -1) == order[-1]
    # the reviewer moved on to the last table: n goes to the first finding after the cursor, N before it
    last_table = max(f.table_index for f in findings if f.table_index is not None)
    after = session.next_finding((last_table, 0, 0), None)
    assert findings[after].lines[0] >= session.tables[last_table].rows[0][0].lines[0]
    assert session.next_finding((last_table, 0, 0), None, -1) == max(
        (i for i in order if findings[i].lines[0] < session.tables[last_table].rows[0][0].lines[0]),
        key=lambda i: (findings[i].lines[0], i))


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


def test_a_value_moved_to_the_next_column_is_one_step_to_undo_and_survives_a_reopen(sample_copy):
    path = sample_copy(NANCHANG)
    session = ReviewSession(Review(load_document(path), autosave=True))
    row = lambda s: [c.text for c in s.tables[3].rows[1]]      # noqa: E731
    assert row(session) == ["301", "工资福利支出", "580.13", "", ""]
    session.move_value(3, 1, 2, 1)
    assert row(session) == ["301", "工资福利支出", "", "580.13", ""]
    session.move_value(3, 1, 3, 1)
    assert row(session) == ["301", "工资福利支出", "", "", "580.13"]
    assert session.move_value(3, 1, 4, 1) is None       # the row's last column: nowhere to go
    session.undo()
    assert row(session) == ["301", "工资福利支出", "", "580.13", ""]
    again = ReviewSession(Review.open(load_document(path)))     # the file, then the journal's steps
    assert row(again) == ["301", "工资福利支出", "", "580.13", ""]
    again.redo()
    assert row(again) == ["301", "工资福利支出", "", "", "580.13"]
    again.undo()
    again.undo()
    assert row(again) == ["301", "工资福利支出", "580.13", "", ""] and not again.review.edits


def test_renamed_headers_are_told_apart_from_the_extracted_ones(sample_copy):
    session = ReviewSession(Review(load_document(sample_copy(NANCHANG))))
    assert session.edited_columns(1) == set()
    session.set_header(1, 1, "本年收入/预算数")      # a group: renamed over its two columns
    assert session.edited_columns(1) == {0, 1} and session.edited_columns(2) == set()
    session.undo()
    assert session.edited_columns(1) == set()


def test_amounts_are_shown_as_printed_with_their_thousands_separators(tmp_path):
    from tests.conftest import DATA
    path = tmp_path / "putuo_justice_2026_unit_budget.pdfplumber.txt"
    path.write_bytes((DATA / "real" / path.name).read_bytes())
    session = ReviewSession(Review(load_document(path)))
    assert session.tables[0].cell(0, 1).text == "86959408.34"           # the data: cleaned
    assert session.printed_rows(0)[0][:2] == ["一、财政拨款收入", "86,959,408.34"]
    assert session.cell_info(0, 0, 1).text == "86,959,408.34"
    session.set_cell(0, 0, 1, "86959408.35")                             # a correction: as typed
    assert session.printed_rows(0)[0][1] == "86959408.35"


def test_tables_marked_reviewed_count_towards_the_progress(sample_copy):
    session = ReviewSession(Review(load_document(sample_copy(NANCHANG))))
    assert session.progress() == (0, 8, 10)
    session.set_reviewed(3, True)
    session.set_reviewed(5, True)
    assert session.progress() == (2, 8, 10) and session.tables[3].status == "reviewed"
    session.set_reviewed(3, False)
    assert session.progress() == (1, 8, 10)
    session.decide(session.findings[0].id, "dismissed")
    assert session.progress() == (1, 8, 9)
    session.undo()
    assert session.progress() == (1, 8, 10)


def test_an_edit_is_named_by_the_row_and_column_the_reviewer_sees(sample_copy):
    session = ReviewSession(Review(load_document(sample_copy(NANCHANG))))
    edit = session.set_cell(3, 1, 3, "580.13")
    assert session.place_of(edit) == "人员经费 of 301"
    edit = session.set_cell(3, 0, 2, "1")
    assert session.place_of(edit) == "合计 of 合计"
    edit = session.set_reviewed(3, True)
    assert session.place_of(edit) == "the status of 一般公共预算基本支出表"


def test_where_the_reviewer_left_is_kept_with_the_review(sample_copy):
    path = sample_copy(NANCHANG)
    session = ReviewSession(Review(load_document(path)))
    session.leave_at(4, 7, 2)
    assert not session.written_whole
    session.save()
    assert ReviewSession(Review.open(load_document(path))).position == (4, 7, 2)


def test_search_finds_the_next_cell_of_the_table_then_the_source(sample_copy):
    session = ReviewSession(Review(load_document(sample_copy(NANCHANG))))
    header = session.find("公用经费", 3)       # a header word is no cell: found on its source line
    assert header.table is None and "公用经费" in session.document.source.line(header.line)
    hit = session.find("30101", 3)
    assert (hit.table, hit.row, hit.col) == (3, 2, 0)
    # after that cell, wrapping round, the same cell again; full-width forms and spaces do not matter
    assert session.find("30101", 3, (2, 0)) == hit
    assert session.find("３０１ ０１", 3) == hit
    assert session.find("社会保险经办机构", 2, (0, 0)) == SearchHit(table=2, row=3, col=1)
    prose = session.find("内设科室 11个", 3)        # printed only in the text (内设科室11个)
    assert prose.table is None and session.document.source.line(prose.line).count("内设科室11个") == 1
    assert session.find("no such words", 3) is None and session.find("  ", 3) is None


def test_a_tables_kind_is_one_the_catalogue_knows(sample_copy):
    session = ReviewSession(Review(load_document(sample_copy(NANCHANG))))
    with pytest.raises(UserError, match="unknown table kind 'budget.nonsense'"):
        session.set_table_field(3, Target.KIND, "budget.nonsense")
    assert session.tables[3].kind == "budget.general_public_basic_expense" and session.review.edits == []
    session.set_table_field(3, Target.KIND, "other")
    assert session.tables[3].kind == "other"


def test_findings_where_selects_by_status_and_severity(sample_copy):
    session = ReviewSession(Review(load_document(sample_copy(NANCHANG))))
    errors = session.findings_where(severity="error")
    assert errors == [i for i, f in enumerate(session.findings) if f.severity == "error"] and errors
    session.decide(session.findings[errors[0]].id, "dismissed")
    assert session.findings_where("open", "error") == errors[1:]
    assert len(session.findings_where()) == len(session.findings)
    checks = session.finding_checks()
    assert len(checks) == len(set(checks)) > 1 and checks[0] == session.findings[0].check
    assert session.findings_where(check=checks[1]) == [i for i, f in enumerate(session.findings) if f.check == checks[1]]


def test_cell_info_tells_the_column_value_source_and_doubts(sample_copy):
    session = ReviewSession(Review(load_document(sample_copy(NANCHANG))))
    info = session.cell_info(3, 1, 3)
    assert (info.column, info.text, info.original, info.findings) == ("2024年基本支出/人员经费", "", None, 1)
    assert info.line == session.tables[3].cell(1, 3).lines[0] and info.page is None
    session.set_cell(3, 1, 3, "580.13")
    assert (session.cell_info(3, 1, 3).text, session.cell_info(3, 1, 3).original) == ("580.13", "")
    assert session.cell_info(3, 99, 0) is None and session.cell_info(99, 0, 0) is None
