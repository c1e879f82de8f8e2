"""Exports read back: the workbook and the CSVs hold exactly the corrected model."""
from __future__ import annotations

import csv
import json

import openpyxl
import pandas as pd
import pytest

from cli.main import main
from core.document import load_document
from core.edits import Target
from core.errors import UserError
from core.export import long_frame, sheet_names, table_frame, write_csv, write_xlsx
from core.jsontext import readable_json
from core.review import Review
from core.sheets import LONG_COLUMNS, long_records
from core.text import display_width
from core.validate import validate
from core.workbook import CORRECTED, HEADER_TOP, WIDEST_COLUMN, header_grid, merged_header_ranges
from tests.conftest import SAMPLE_STEMS


@pytest.mark.parametrize("name", sorted(SAMPLE_STEMS))
def test_workbook_holds_the_corrected_model(name, sample_copy, tmp_path):
    path = sample_copy(name)
    review = Review(load_document(path))
    if review.tables and review.tables[0].rows:
        review.set_cell(0, 0, len(review.tables[0].columns) - 1, "12.50")
    doc = review.corrected()
    out = tmp_path / "book.xlsx"
    write_xlsx(review, validate(doc), out)
    wb = openpyxl.load_workbook(out)
    names = sheet_names(doc.tables)
    assert wb.sheetnames == names + ["Findings", "Review log", "Data", "Document"]
    for table, sheet in zip(doc.tables, names):
        ws = wb[sheet]
        assert ws["A1"].value == table.title
        depth = len(header_grid(table.columns))
        for r, row in enumerate(table.rows):
            for j, cell in enumerate(row[:len(table.columns)]):
                got = ws.cell(row=HEADER_TOP + depth + r, column=j + 1).value
                if cell.text == "":
                    assert got is None
                elif isinstance(got, (int, float)):
                    assert got == float(cell.value)
                    decimals = len(cell.text.split(".")[1]) if "." in cell.text else 0
                    assert ws.cell(row=HEADER_TOP + depth + r, column=j + 1).number_format == \
                        "#,##0" + ("." + "0" * decimals if decimals else "")
                else:
                    assert got == cell.text
        merged = {str(m) for m in ws.merged_cells.ranges}
        for r0, c0, r1, c1 in merged_header_ranges(table.columns):
            ref = f"{openpyxl.utils.get_column_letter(c0 + 1)}{HEADER_TOP + r0}:" \
                  f"{openpyxl.utils.get_column_letter(c1 + 1)}{HEADER_TOP + r1}"
            assert ref in merged
            # the range's first cell names it; every cell of it is ruled (its right and lower edges too)
            assert ws.cell(row=HEADER_TOP + r0, column=c0 + 1).value == header_grid(table.columns)[r0][c0]
            assert ws.cell(row=HEADER_TOP + r1, column=c1 + 1).border.right.style == "thin"
        assert ws.freeze_panes == f"A{HEADER_TOP + depth}"
        if table.rows:          # ruled like the printed table (the body by one rule); long text wraps
            body = f"A{HEADER_TOP + depth}:{openpyxl.utils.get_column_letter(len(table.columns))}" \
                   f"{HEADER_TOP + depth + len(table.rows) - 1}"
            [ruled] = [cf for cf in ws.conditional_formatting if str(cf.sqref) == body]
            assert ruled.rules[0].dxf.border.left.style == ws.cell(row=HEADER_TOP, column=1).border.top.style == "thin"
        long = [(r, j) for r, row in enumerate(table.rows) for j, c in enumerate(row[:len(table.columns)])
                if display_width(c.text) > WIDEST_COLUMN and c.value is None]
        assert all(ws.cell(row=HEADER_TOP + depth + r, column=j + 1).alignment.wrap_text for r, j in long)
        under = [ws.cell(row=n, column=1).value for n in range(HEADER_TOP + depth + len(table.rows), ws.max_row + 1)]
        assert all(note in under for note in table.notes)
    assert wb["Document"]["B2"].value == doc.source.sha256
    assert wb["Review log"].max_row == 1 + len(review.edits)
    assert [c.value for c in wb["Review log"][1]][:3] == ["time", "edit", "where"]
    for name in ("Findings", "Review log", "Data"):      # headers in view, filtered, columns fitted
        sheet = wb[name]
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
        assert 6 <= sheet.column_dimensions["A"].width <= 62
    first = wb[names[0]]     # a table prints one page wide, its header rows on every page
    assert first.page_setup.fitToWidth == 1 and first.sheet_properties.pageSetUpPr.fitToPage
    assert first.print_title_rows == f"${HEADER_TOP}:${HEADER_TOP + len(header_grid(review.tables[0].columns)) - 1}"
    assert {wb[n].page_setup.orientation for n in names} <= {"portrait", "landscape"}
    frame = pd.read_excel(out, sheet_name="Data")
    assert len(frame) == len(long_frame(doc))


def test_inferred_figures_say_why_on_the_cell_and_words_on_the_legend(sample_copy, tmp_path):
    """A figure the reader placed says how on its cell; labels joined and indicators filled
    down (hundreds of cells of a few reasons) are counted once, on the legend."""
    review = Review(load_document(sample_copy("shangrao_medical_security_bureau_2022_final_accounts.txt")))
    out = tmp_path / "b.xlsx"
    write_xlsx(review, validate(review.document), out)
    wb = openpyxl.load_workbook(out)
    names = sheet_names(review.tables)
    income = wb[names[1]]
    placed = income.cell(row=HEADER_TOP + len(header_grid(review.tables[1].columns)), column=3)
    assert placed.value == 1709.37 and placed.fill.fgColor.rgb.endswith("DDEBF7")
    assert placed.comment.text == "column placed by the sums of the rows it totals"
    form = wb[names[10]]
    first = form.cell(row=HEADER_TOP + len(header_grid(review.tables[10].columns)), column=1)
    assert first.value == "产出指标" and first.fill.fgColor.rgb.endswith("DDEBF7") and first.comment is None
    assert form["D2"].value == "inferred" and form["D2"].comment.text == (
        "Names and labels the reader put together:\n"
        "filled down from the merged cell above: 42 cells\njoined from fragments: 1 cell")
    assert income["D2"].comment is None      # its inferred cells are figures, each said on the cell


def test_corrected_cell_is_highlighted_with_a_comment(sample_copy, tmp_path):
    review = Review(load_document(sample_copy("nanchang_medical_security_center_2024_budget.txt")))
    review.set_cell(3, 1, 3, "580.13")
    out = tmp_path / "b.xlsx"
    write_xlsx(review, validate(review.corrected()), out)
    ws = openpyxl.load_workbook(out)[sheet_names(review.tables)[3]]
    depth = len(header_grid(review.tables[3].columns))
    cell = ws.cell(row=HEADER_TOP + depth + 1, column=4)
    assert cell.value == 580.13 and cell.number_format == "#,##0.00"
    assert "extracted: (empty)" in cell.comment.text
    assert cell.fill.fgColor.rgb.endswith("FFF2CC")
    code = ws.cell(row=HEADER_TOP + depth + 1, column=1)
    assert code.value == "301" and code.data_type == "s"
    log = openpyxl.load_workbook(out)["Review log"]     # the edit named as the reviewer sees it
    assert [c.value for c in log[2]][1:] == ["cell", "人员经费 of 301", "一般公共预算基本支出表", 2, 4, None, "580.13"]


def test_formula_text_is_shown_not_run(sample_copy, tmp_path):
    path = sample_copy("nanchang_medical_security_center_2024_budget.txt")
    review = Review(load_document(path), autosave=True)
    review.set_cell(0, 1, 1, '=HYPERLINK("http://x","y")')
    review.set_cell(0, 2, 1, " <b>&amp; 一般")
    out = tmp_path / "b.xlsx"
    write_xlsx(review, [], out)
    book = openpyxl.load_workbook(out)
    ws = book[sheet_names(review.tables)[0]]
    depth = len(header_grid(review.tables[0].columns))
    cell = ws.cell(row=HEADER_TOP + depth + 1, column=2)
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x","y")'
    # the list sheets' rows, written as XML of their own, read back as typed
    log = [[c.value for c in row] for row in book["Review log"].iter_rows(min_row=2)]
    assert [row[7] for row in log] == ['=HYPERLINK("http://x","y")', " <b>&amp; 一般"]
    assert book["Review log"]["H2"].data_type == "s"
    records = long_records(review.corrected())
    lazily = openpyxl.load_workbook(out, read_only=True)       # reads the sheets' dimensions
    assert lazily["Data"].max_row == len(records) + 1 and lazily["Data"].max_column == len(LONG_COLUMNS)
    lazily.close()
    data = list(book["Data"].iter_rows(min_row=2, values_only=True))
    shown = {"": None, True: "True", False: "False"}        # (a flag as its word, as ever)
    assert data[0] == tuple(shown.get(v, v) if isinstance(v, (str, bool)) else v
                            for v in (records[0][c] for c in LONG_COLUMNS))
    folder = tmp_path / "csv"
    write_csv(review.corrected(), folder)
    first = sorted(folder.glob("01 *.csv"))[0]
    text = first.read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(text.lstrip("\ufeff").splitlines()))
    assert rows[2][1] == '\'=HYPERLINK("http://x","y")'


def test_csv_export_replaces_its_folder_whole(sample_copy, tmp_path):
    """A second export leaves no stale file of the first (a renamed table), and a failed
    export leaves the first export as it was."""
    review = Review(load_document(sample_copy("nanchang_medical_security_center_2024_budget.txt")))
    folder = tmp_path / "csv"
    write_csv(review.corrected(), folder)
    first = sorted(p.name for p in folder.iterdir())
    review.set_field(0, Target.TITLE, "改名的表")
    write_csv(review.corrected(), folder)
    second = sorted(p.name for p in folder.iterdir())
    assert "01 改名的表.csv" in second and first[0] not in second and len(second) == len(first)
    assert [p.name for p in tmp_path.iterdir()] == ["csv", "nanchang_medical_security_center_2024_budget.txt"] or \
        sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_csv_export_reports_removed_control_characters(sample_copy, tmp_path):
    review = Review(load_document(sample_copy("nanchang_medical_security_center_2024_budget.txt")))
    review.set_cell(0, 1, 0, "收入\x05合计\x00")
    folder, warnings = write_csv(review.corrected(), tmp_path / "csv")
    rows = list(csv.reader(sorted(folder.glob("01 *.csv"))[0].read_text(encoding="utf-8-sig").splitlines()))
    assert rows[2][0] == "收入合计"
    assert warnings == ["01 部门支出总表: characters a spreadsheet cannot hold were removed",
                        "long.csv: characters a spreadsheet cannot hold were removed"]


def test_workbook_with_control_characters_reads_back(sample_copy, tmp_path):
    """A control character in a label, a title and a finding's comment: cleaned, reported,
    and the workbook opens."""
    review = Review(load_document(sample_copy("nanchang_medical_security_center_2024_budget.txt")))
    review.set_cell(3, 1, 1, "工资\x05福利支出")
    review.set_field(3, Target.TITLE, "基本\x1b支出表'")
    path, warnings = write_xlsx(review, validate(review.corrected()), tmp_path / "b.xlsx")
    book = openpyxl.load_workbook(path)
    assert "04 基本_支出表" in book.sheetnames
    assert book["04 基本_支出表"].cell(row=1, column=1).value == "基本支出表'"
    assert warnings and all("removed" in w for w in warnings)


def test_dataframes(documents):
    doc = documents["nanchang_medical_security_center_2024_budget.txt"]
    frame = table_frame(doc.tables[0])
    assert frame.columns[0] == ("支出功能分类科目", "科目编码")
    assert frame.iloc[1, 0] == "208" and frame.iloc[1, 2] == 756.56
    long = long_frame(doc)
    row = long[(long.row_code == "2210201") & (long.kind == "budget.expense") & (long.column == "合计")]
    assert row.value.tolist() == [47.17]


def test_failed_write_keeps_the_earlier_file(sample_copy, tmp_path, monkeypatch):
    review = Review(load_document(sample_copy("nanchang_medical_security_center_2024_budget.txt")))
    out = tmp_path / "b.xlsx"
    write_xlsx(review, [], out)
    before = out.read_bytes()
    from core.workbook import StreamedBook

    def broken_save(self, filename):
        with open(filename, "wb") as f:
            f.write(b"half")
        raise OSError("disk full")
    monkeypatch.setattr(StreamedBook, "save", broken_save)
    with pytest.raises(UserError, match="disk full"):
        write_xlsx(review, [], out)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("make_bad", ["missing_folder", "file_as_folder"])
def test_unwritable_destination_is_one_clear_line(make_bad, sample_copy, tmp_path, capsys):
    doc = sample_copy("nanchang_medical_security_center_2024_budget.txt")
    if make_bad == "missing_folder":
        dest = tmp_path / "no" / "such" / "out.xlsx"
    else:
        (tmp_path / "afile").write_text("x")
        dest = tmp_path / "afile" / "out.xlsx"
    assert main(["export", str(doc), "-o", str(dest)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not dest.exists()


def test_extract_json_to_file(sample_copy, tmp_path):
    doc = sample_copy("nanchang_medical_security_center_2024_budget.txt")
    out = tmp_path / "out.json"
    assert main(["extract", str(doc), "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["source"] == doc.name and len(data["tables"]) == 8


def test_sheet_names_are_unique_short_and_legal():
    from core.model import Table
    tables = [Table("other", "a/b:c*d?[e]" + "长" * 40, True, "", 1, 1, [], []) for _ in range(3)]
    names = sheet_names(tables)
    assert len(set(names)) == 3 and all(len(n) <= 31 for n in names)
    assert not any(ch in n for n in names for ch in "[]:*?/\\")


def test_illegal_characters_are_removed_and_reported(sample_copy, tmp_path):
    review = Review(load_document(sample_copy("nanchang_medical_security_center_2024_budget.txt")))
    review.set_cell(0, 1, 1, "bad\x01text")
    _, warnings = write_xlsx(review, [], tmp_path / "b.xlsx")
    assert warnings and "removed" in warnings[0]
    ws = openpyxl.load_workbook(tmp_path / "b.xlsx")[sheet_names(review.tables)[0]]
    assert ws.cell(row=HEADER_TOP + 2 + 1, column=2).value == "badtext"


@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="LibreOffice is not installed")
def test_workbooks_open_in_libreoffice_without_repair(sample_copy, tmp_path):
    """LibreOffice converts every sample's workbook to PDF: it reads the file as valid."""
    import subprocess
    books = []
    for name in sorted(SAMPLE_STEMS):
        review = Review(load_document(sample_copy(name)))
        books.append(write_xlsx(review, validate(review.corrected()), tmp_path / f"{name}.xlsx")[0])
    result = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                             *map(str, books)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for book in books:
        pdf = book.with_suffix(".pdf")
        assert pdf.exists() and pdf.stat().st_size > 1000


def test_form_facts_are_in_the_workbook_under_the_grid(sample_copy, tmp_path):
    doc = sample_copy("jingdezhen_medical_insurance_center_2025_budget.txt")
    review = Review(load_document(doc))
    review.set_fact(0, "其中：财政拨款", "160")
    path, _ = write_xlsx(review, validate(review.corrected()), tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(path).worksheets[0]
    facts = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2) for r in range(1, ws.max_row + 1)}
    assert "Form facts" in facts
    assert facts["项目名称"].value == "医疗保险经办专项经费"
    assert facts["年度资金总额"].value == 160 and facts["其中：财政拨款"].value == 160
    assert facts["其中：财政拨款"].fill.fgColor.rgb == CORRECTED.fgColor.rgb
    assert "extracted: 0" in facts["其中：财政拨款"].comment.text
    assert facts["其他资金"].comment is None


def test_csv_export_writes_the_forms_facts(sample_copy, tmp_path):
    doc = load_document(sample_copy("jingdezhen_medical_insurance_center_2025_budget.txt"))
    folder, warnings = write_csv(doc, tmp_path / "csv")
    rows = list(csv.reader((folder / "facts.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert folder == tmp_path / "csv" and warnings == []
    assert rows[0] == ["table", "fact", "value"] and ["01 项目支出绩效目标表", "年度资金总额", "160"] in rows


def test_json_written_puts_a_row_on_a_line_and_reads_back():
    value = {"tables": [{"rows": [["一、收入", "1.00"], ["合计", "1.00"]], "notes": [], "unit": "万元"}],
             "source": "a\x7f.txt"}
    text = readable_json(value)
    assert json.loads(text) == value
    assert text.splitlines()[3:6] == ['   "rows": [', '    ["一、收入", "1.00"],', '    ["合计", "1.00"]']
    # laid out at every depth, it is what the standard library's indented dump writes
    assert readable_json(value, inline_depth=99) == json.dumps(value, ensure_ascii=False, indent=1)


def test_streamed_rows_go_at_the_end_of_the_sheets_data_however_it_was_written():
    from core.workbook import _with_rows
    row = b'<row r="2"><c r="A2" t="n"><v>1</v></c></row>'
    assert _with_rows(b'<x><sheetData><row r="1"/></sheetData></x>', row, "s") == \
        b'<x><sheetData><row r="1"/>' + row + b"</sheetData></x>"
    assert _with_rows(b"<x><sheetData /><y/></x>", row, "s") == b"<x><sheetData>" + row + b"</sheetData><y/></x>"
    with pytest.raises(RuntimeError, match="no sheetData"):
        _with_rows(b"<x/>", row, "s")
