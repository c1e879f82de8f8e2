"""Opening the PDF itself: ruled tables read from the page geometry, the page of every
line kept, the text cached by the file's hash, and bad PDFs refused in one line."""
from __future__ import annotations

import pytest

from cli.main import main
from core.document import load_document
from core.validate import validate
from tests import pdfs


@pytest.fixture(scope="module")
def final_pdf(tmp_path_factory):
    return pdfs.final_accounts(tmp_path_factory.mktemp("pdf") / "final.pdf")


def test_ruled_table_is_read_across_a_page_break(final_pdf):
    doc = load_document(final_pdf)
    table = next(t for t in doc.tables if t.kind == "final.general_public_expense")
    assert table.column_texts() == ["项目/功能分类科目编码/类", "项目/功能分类科目编码/款", "项目/功能分类科目编码/项",
                             "项目/科目名称", "合计", "基本支出", "项目支出"]
    assert [[c.text for c in r] for r in table.rows] == [
        ["", "", "", "合计", "1100.00", "700.00", "400.00"],
        ["201", "", "", "一般公共服务支出", "1000.00", "600.00", "400.00"],
        ["201", "06", "", "财政事务", "1000.00", "600.00", "400.00"],
        ["201", "06", "01", "行政运行（含机关服务中心和后勤保障）", "600.00", "600.00", ""],
        ["201", "06", "02", "一般行政管理事务", "400.00", "", "400.00"],
        ["221", "", "", "住房保障支出", "100.00", "100.00", ""],
        ["221", "02", "", "住房改革支出", "100.00", "100.00", ""],
        ["221", "02", "01", "住房公积金", "100.00", "100.00", ""]]
    pages = [doc.source.page_of(r[4].lines[0]) for r in table.rows]
    assert pages == [1, 1, 1, 1, 2, 2, 2, 2]


def test_two_panels_and_an_empty_table_keep_their_printed_columns(final_pdf):
    doc = load_document(final_pdf)
    summary = next(t for t in doc.tables if t.kind == "final.income_expense_summary")
    assert summary.column_texts() == ["收入/项目", "收入/决算数", "支出/项目", "支出/决算数"]
    assert [c.text for c in summary.rows[1]] == ["", "", "二、住房保障支出", "100.00"]
    fund = next(t for t in doc.tables if t.kind == "final.gov_fund")
    assert fund.column_texts() == ["项目/功能分类科目编码/类", "项目/功能分类科目编码/款", "项目/功能分类科目编码/项",
                            "项目/科目名称", "年初结转和结余", "本年收入"]
    assert [[c.text for c in r] for r in fund.rows] == [["", "", "", "合计", "", ""]]


def test_page_numbers_never_enter_the_text_and_the_tables_add_up(final_pdf):
    doc = load_document(final_pdf)
    assert not any(line.strip() in ("1", "2", "3") for line in doc.source.lines)
    assert [f for f in validate(doc) if f.severity == "error"] == []


def test_second_open_reads_the_cache_not_the_pdf(final_pdf, monkeypatch):
    first = load_document(final_pdf)
    import core.pdf

    def no_reading(*args):
        raise AssertionError("the PDF was read again")
    monkeypatch.setattr(core.pdf, "_read_pages", no_reading)
    again = load_document(final_pdf)
    assert again.source.lines == first.source.lines and again.source.pages == first.source.pages


def test_every_command_accepts_a_pdf(final_pdf, tmp_path, capsys):
    assert main(["tree", str(final_pdf)]) == 0
    assert "一般公共预算财政拨款支出决算表" in capsys.readouterr().out
    out = tmp_path / "book.xlsx"
    assert main(["export", str(final_pdf), "-o", str(out)]) == 0
    import openpyxl
    assert "Data" in openpyxl.load_workbook(out).sheetnames


@pytest.mark.parametrize("make,words", [
    (pdfs.scanned, "no text layer"),
    (pdfs.figures_only, "holds no words"),
    (pdfs.encrypted, "encrypted"),
    (lambda p: (p.write_bytes(b"%PDF-1.7\n%garbage without objects\n"), p)[1], "not a readable PDF"),
])
def test_bad_pdfs_are_refused_in_one_line(tmp_path, capsys, make, words):
    path = make(tmp_path / "bad.pdf")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_truncated_pdf_is_refused(final_pdf, tmp_path, capsys):
    half = tmp_path / "half.pdf"
    half.write_bytes(final_pdf.read_bytes()[: final_pdf.stat().st_size // 2])
    assert main(["extract", str(half)]) == 2
    assert "Traceback" not in capsys.readouterr().err


async def test_review_screen_shows_the_page_of_the_cell_and_page_markers(final_pdf, tmp_path):
    from core.review import Review
    from tui.app import BudgetReviewApp
    from tui.widgets.source_view import SourceView
    copy = tmp_path / "final.pdf"
    copy.write_bytes(final_pdf.read_bytes())
    app = BudgetReviewApp(Review.open(load_document(copy), autosave=True), keymap={}, cursor_blink=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        source = app.screen.query_one(SourceView)
        assert app.screen.heading.startswith("一般公共预算财政拨款支出决算表, page 1")
        assert -2 in source._rows         # the row that marks where page 2 begins
        for _ in range(5):
            await pilot.press("j")
        await pilot.pause()
        assert ", page 2 —" in app.screen.heading


def test_the_workbook_names_the_page_of_every_row(final_pdf, tmp_path):
    import openpyxl
    out = tmp_path / "book.xlsx"
    assert main(["export", str(final_pdf), "-o", str(out), "--no-review"]) == 0
    book = openpyxl.load_workbook(out)
    sheet = next(ws for ws in book.worksheets if "一般公共预算财政拨款支出决算表" in str(ws.cell(1, 1).value))
    pages = [ws_row[8] for ws_row in sheet.iter_rows(min_row=1, values_only=True) if ws_row[8] not in (None, "page")]
    assert pages == ["1", "1", "1", "1", "2", "2", "2", "2"]
    data = book["Data"]
    header = [c.value for c in data[1]]
    assert "page" in header and {r[header.index("page")] for r in data.iter_rows(min_row=2, values_only=True)} == {1, 2}


def test_rules_that_run_part_of_the_tables_height_divide_no_columns(tmp_path):
    # class rows print their amount right of the rule that item rows print theirs across; the
    # agency and unit ruled into the box are a caption line, not the header
    doc = load_document(pdfs.staggered_rules(tmp_path / "staggered.pdf"))
    [table] = doc.tables
    assert (table.kind, table.unit) == ("budget.general_public_expense", "万元")
    assert table.column_texts() == ["科目代码", "功能科目名称", "金额"]
    assert [[c.text for c in r] for r in table.rows] == [
        ["", "合计", "200.00"], ["204", "公共安全支出", "200.00"], ["20404", "检察", "150.00"],
        ["20499", "其他公共安全支出", "50.00"]]


def test_a_name_printed_past_its_cells_rule_goes_back_to_its_cell(tmp_path):
    doc = load_document(pdfs.overflowing_names(tmp_path / "overflow.pdf"))
    [table] = doc.tables
    assert [[c.text for c in r] for r in table.rows] == [
        ["208", "社会保障和就业支出", "44.00", "44.00"], ["20805", "行政事业单位养老支出", "43.00", "43.00"],
        ["2080506", "机关事业单位职业年金缴费支出", "43.00", "43.00"], ["20899", "其他社会保障和就业支出", "1.00", "1.00"],
        ["210", "卫生健康支出", "10.00", "10.00"], ["21011", "行政事业单位医疗", "10.00", "10.00"],
        ["2101101", "行政单位医疗", "10.00", "10.00"]]


def test_a_letter_spaced_page_number_and_the_next_pages_heading_are_no_rows(tmp_path):
    doc = load_document(pdfs.spaced_page_numbers(tmp_path / "spaced.pdf"))
    expense, fiscal = doc.tables
    assert [[c.text for c in r] for r in expense.rows] == [["", "合计", "10.00"], ["2010301", "行政运行", "10.00"]]
    assert "1 0" not in doc.source.lines and "二、财政拨款收支预算总表" in doc.source.lines
    assert (fiscal.kind, len(fiscal.rows)) == ("budget.fiscal_summary", 2)
    assert validate(doc) == []


def test_a_title_printed_over_itself_is_read_once(tmp_path):
    doc = load_document(pdfs.overprinted_titles(tmp_path / "bold.pdf"))
    [expense] = doc.tables
    assert ("表1", "2026年度支出预算总表") == doc.source.lines[:2]
    assert (expense.title, expense.kind) == ("2026年度支出预算总表", "budget.expense")
    assert [[c.text for c in r] for r in expense.rows] == [["", "合计", "10.00"], ["2010301", "行政运行", "10.00"]]


def test_a_row_printed_past_the_ruling_is_a_row_of_the_table(tmp_path):
    doc = load_document(pdfs.row_past_the_ruling(tmp_path / "unruled.pdf"))
    [table] = doc.tables
    assert [[c.text for c in r] for r in table.rows][4:] == [
        ["2040504", "案件审判", "10.00"], ["2040505", "案件执行", "5.00"], ["2040599", "其他法院支出", "5.00"]]
    assert validate(doc) == []


def test_a_row_whose_top_rule_is_undrawn_is_read_by_the_column_rules_running_past_it(tmp_path):
    doc = load_document(pdfs.continued_without_top_rule(tmp_path / "open_top.pdf"))
    [table] = doc.tables
    assert [[c.text for c in r] for r in table.rows][4:] == [
        ["2040504", "案件审判", "10.00", ""], ["2040505", "案件执行", "5.00", ""], ["2040599", "其他法院支出", "5.00", ""]]
    assert validate(doc) == []


def test_a_page_whose_box_names_its_corners_upside_down_is_read(tmp_path):
    doc = load_document(pdfs.upside_down_boxes(tmp_path / "upside_down.pdf"))
    [table] = doc.tables
    assert table.title == "一般公共预算支出预算表"
    assert [[c.text for c in r] for r in table.rows] == [
        ["", "合计", "30.00"], ["204", "公共安全支出", "30.00"], ["20405", "法院", "30.00"], ["2040501", "行政运行", "30.00"]]


def test_a_character_whose_font_boxes_it_below_its_line_is_boxed_on_its_baseline():
    # Chongqing's year (2026) and colons: a font whose box starts at the baseline and hangs
    # a size below it, so that pdfplumber reads them a line lower than their words
    from types import SimpleNamespace

    from core.pdf import _boxes_on_their_baselines

    def char(text: str, baseline: float, top: float, size: float = 18.5) -> dict:
        return {"text": text, "upright": True, "matrix": (1.0, 0.0, 0.0, 1.0, 300.0, baseline), "size": size,
                "top": top, "bottom": top + size, "doctop": top, "y1": 595.3 - top, "y0": 595.3 - top - size,
                "height": size}
    year, word = char("2", 470.7, 125.2), char("年", 473.2, 109.0)
    page = SimpleNamespace(chars=[year, word])
    _boxes_on_their_baselines(page)
    assert word["top"] == 109.0 and abs(year["top"] - word["top"]) < 3
    assert round(year["bottom"] - year["top"], 6) == 18.5 == round(year["y1"] - year["y0"], 6)


def test_rows_cut_by_a_neighbours_rules_are_one_row(tmp_path):
    doc = load_document(pdfs.cut_rows(tmp_path / "cut.pdf"))
    summary, running, offset, fund = doc.tables
    assert summary.column_texts() == ["收入/项目名称", "收入/金额", "支出/项目名称", "支出/金额"]
    assert [[c.text for c in r] for r in summary.rows] == [
        ["一、财政拨款", "300.00", "一、基本支出", "200.00"],
        ["2.政府性基金预算", "", "三、单位预留机动经费", "100.00"],
        ["收入合计", "300.00", "支出合计", "300.00"]]
    assert running.column_texts() == ["科目编码", "科目名称", "机关运行经费支出"]
    assert [[c.text for c in r] for r in running.rows] == [["", "合计", "20.00"], ["302", "商品和服务支出", "20.00"]]
    assert offset.column_texts() == ["合计", "基本支出", "项目支出"]
    assert [[c.text for c in r] for r in offset.rows] == [["300.00", "200.00", "100.00"]]
    assert fund.column_texts()[3:] == ["项目/功能分类科目名称", "政府性基金预算支出/合计", "政府性基金预算支出/基本支出"]
    assert [[c.text for c in r] for r in fund.rows] == [["", "", "", "无", "", ""], ["", "", "", "合计", "", ""]]


def test_text_of_cells_the_page_end_leaves_open_goes_to_their_first_row(tmp_path):
    # no rule closes the merged 一级/二级指标 cells below: their text is kept, where pdfplumber
    # puts a closed merged cell's, and filled down over the rows they span
    doc = load_document(pdfs.open_cells(tmp_path / "open.pdf"))
    [form] = doc.tables
    assert [[c.text for c in r] for r in form.rows] == [
        ["产出指标", "数量指标", "培训人数", "≥300人"], ["产出指标", "数量指标", "培训班次", "≥4次"],
        ["产出指标", "质量指标", "培训合格率", "≥98%"], ["产出指标", "质量指标", "培训参与度", "≥95%"]]


def test_ruled_forms_keep_a_lists_project_columns_and_an_indicator_named_as_a_level(tmp_path):
    listed, project = load_document(pdfs.ruled_forms(tmp_path / "forms.pdf")).tables
    # the projects' columns, merged down beside 绩效指标, are the list's first columns
    assert listed.column_texts() == ["单位编码", "项目名称", "资金总额", "绩效指标/一级指标", "绩效指标/二级指标",
                                     "绩效指标/三级指标", "绩效指标/指标值"]
    assert [[c.text for c in r] for r in listed.rows] == [
        ["126001", "信访业务工作经费", "35.78", "成本指标", "经济成本指标", "总成本", "35.78"],
        ["", "", "", "产出指标", "数量指标", "调拨经费单位数", "10"]]
    # a level's name under 三级指标 names the indicator; the empty 备注 row is no part of it
    assert [[c.text for c in r] for r in project.rows] == [
        ["效益指标", "经济效益指标", "解决办公用房人数", "≥16人"],
        ["满意度指标", "服务对象满意度指标", "服务对象满意度指标", "≥90%"]]


def test_a_row_ruled_alone_after_a_page_break_stands_under_the_tables_columns(tmp_path):
    doc = load_document(pdfs.fiscal_summary_totals_alone(tmp_path / "summary.pdf"))
    [summary] = doc.tables
    assert [c.text for c in summary.rows[-1]] == ["收入总计", "100.00", "支出总计", "100.00"]
    # 支出总计 is 本年支出合计: the rows under it are its classes, 款 and 项, not further parts
    assert [(f.check, f.severity, f.message) for f in validate(doc) if f.check == "sum"] == []


def test_a_list_run_on_to_a_page_ruling_only_its_indicators_keeps_its_project_columns(tmp_path):
    doc = load_document(pdfs.project_list_continued_unruled(tmp_path / "list.pdf"))
    [listed] = doc.tables
    # the second page's project stands in its unruled cells beside its first indicator, under
    # the columns of the page before; the line set below the first page's foot is not printed
    assert [[c.text for c in r] for r in listed.rows] == [
        ["档案数字化", "12.00", "产出指标", "数量指标", "纸质档案存储量", "600"],
        ["", "", "产出指标", "时效指标", "数字化归档及时率", "99"],
        ["律师培训项目", "103.00", "产出指标", "数量指标", "培训天数", "1.5"],
        ["", "", "产出指标", "数量指标", "课程数量", "3"],
        ["", "", "效益指标", "社会效益指标", "执业技能水平", "高"]]
    assert not any("为全面提高" in line for line in doc.source.lines)
