"""Reading documents: encodings and line ends accepted, bad inputs refused cleanly."""
from __future__ import annotations

import codecs
import zipfile

import pytest

from cli.main import main
from core.errors import UserError
from core.reader import MAX_BYTES, load_text, normalise, normalised_lines, read_document_text

TEXT = "第一部分 概况\n一、收入 1,086.56\u3000万元\n合计\t１２３"


@pytest.mark.parametrize("data,encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),
    (TEXT.encode("gb18030"), "gb18030"),
])
def test_encodings_decode_to_the_same_lines(data, encoding):
    src = load_text(data)
    assert src.encoding == encoding
    assert src.lines == ("第一部分 概况", "一、收入 1,086.56\u3000万元", "合计\t１２３")


@pytest.mark.parametrize("ending", ["\r\n", "\r", "\n"])
def test_line_ends(ending):
    src = load_text(TEXT.replace("\n", ending).encode("utf-8"))
    assert len(src) == 3
    assert src.line(3) == "合计\t１２３"


def test_a_form_feed_glued_to_a_pages_last_line_starts_a_line():
    # (pages' texts joined by a form feed alone; an empty page's form feeds stay together)
    src = load_text("末行 1.00\f标题\n\f\f下一页".encode())
    assert src.lines == ("末行 1.00", "\f标题", "\f\f下一页")


def test_a_title_glued_to_the_page_befores_last_line_starts_a_line():
    """PyMuPDF's sorted page texts end without a line break: joined, each page's title runs on
    from the page before's last line, past a gap. It starts a line of its own where that line
    ends in a figure, a page number or a sentence, or the title opens with its table's number;
    so does a table's number glued to the page before's number mark (`- 20 -表5`), and a title's
    unit and table printed on its line (PDFium's of a one-line table) each start one. A table's
    own number before its title (`表1      收支总表`) stays on its line."""
    src = load_text("\n".join([
        "   收入总计        31,214,205.80       2025年部门收入预算总表",
        "      6                  支出决算表",
        "  主要用于购房补贴支出。          2025年部门财务收支预算总表",
        "       合  计         预算08表 国有资本经营预算支出表",
        "      - 20 -表5",
        "预算10表 政府采购预算明细表 金额单位：万元 采购类别 金额 A-货物 196.913600",
        "表1        部门综合预算收支总表",
        "一、收支总表    ……………… 3"]).encode())
    assert src.lines == (
        "   收入总计        31,214,205.80", "       2025年部门收入预算总表",
        "      6", "                  支出决算表",
        "  主要用于购房补贴支出。", "          2025年部门财务收支预算总表",
        "       合  计", "         预算08表 国有资本经营预算支出表",
        "      - 20 -", "表5",
        "预算10表 政府采购预算明细表", "金额单位：万元", "采购类别 金额 A-货物 196.913600",
        "表1        部门综合预算收支总表",
        "一、收支总表    ……………… 3")


def test_a_ruled_captions_lines_joined_in_one_cell_are_set_apart():
    """Jiangsu's PDFs rule their title, table number, agency and unit into one cell, whose lines
    the PDF reader joins (`收支预算总表公开表一部门： … 单位：万元`, the header's first cells on after
    it): each is a line of its own, on its page; a title whose line prints no agency nor number
    stays on its line in a PDF."""
    from core.reader import _pdf_title_lines_apart
    lines, pages = _pdf_title_lines_apart(
        ["收支预算总表公开表一部门： 江苏省人大常委会办公厅 单位：万元",
         "财政拨款支出预算表部门：中国共产党江苏省委员会办公厅 单位：万元功能科目代码\t功能科目名称\t金额",
         "一般公共预算支出表 单位：万元", "合计\t20,702.25"], (3, 5, 6, 6))
    assert lines == ("收支预算总表", "公开表一", "部门： 江苏省人大常委会办公厅", "单位：万元",
                     "财政拨款支出预算表", "部门：中国共产党江苏省委员会办公厅", "单位：万元", "功能科目代码\t功能科目名称\t金额",
                     "一般公共预算支出表 单位：万元", "合计\t20,702.25")
    assert pages == (3, 3, 3, 3, 5, 5, 5, 5, 6, 6)
    assert load_text("收支预算总表 部门：中共江苏省委办公厅 单位：万元\n一、财政拨款 24,458.43\n".encode()).lines == (
        "收支预算总表", "部门：中共江苏省委办公厅", "单位：万元", "一、财政拨款 24,458.43")


def test_normalised_view_folds_full_width_and_spaces_but_keeps_tabs():
    src = load_text(TEXT.encode("utf-8"))
    assert src.norm[1] == "一、收入 1,086.56 万元"
    assert src.norm[2] == "合计\t123"
    assert src.line(3) == "合计\t１２３"        # the original is kept for display


def test_the_whole_text_folds_as_its_lines_one_by_one():
    # folded as one text, each line as `normalise` folds it alone: a mark opening a line, a
    # ligature, spaces around tabs, a line of spaces
    lines = ("\u0301ａ１\u3000 ２", "ﬁ\u00a0 \t （说明）\t", "   ", "", "\u3000合\u3000计\u3000")
    assert load_text("\n".join(lines).encode("utf-8")).norm == tuple(normalise(line) for line in lines)
    assert normalised_lines(lines) == ("\u0301a1 2", "fi\t(说明)\t", "", "", "合 计")


def test_a_line_printed_bold_by_overprinting_reads_once():
    # every run of a character a multiple of six (表1 and its title, each glyph printed six
    # times over) or of two over four runs; lines whose runs share no such multiple, or too
    # few runs, stay as printed
    bold = ("表表表表表表111111",
            "222222000000222222222222年年年年年年部部部部部部门门门门门门收收收收收收支支支支支支总总总总总总表表表表表表",
            "政政政政政政府府府府府府性性性性性性 上上上上上上级级级级级级", "收收入入总总表表")
    plain = ("合计 1100.00 2200.00", "一一 22", "2000 11 22 33", "三公经费 1,100.00 1,100.00 0.00")
    assert normalised_lines(bold + plain) == ("表1", "2022年部门收支总表", "政府性 上级", "收入总表") + plain


def test_list_marks_are_kept_through_the_folding_never_made_digits():
    # NFKC would make `3.①采用` the amount 3.1 and `⑴` the text (1); the full-width digits fold
    lines = ("3.①采用“1+N”模式；②细化（１２）", "⑴ ⒈ ❶ ㉑ 合计")
    assert normalised_lines(lines) == ("3.①采用“1+N”模式;②细化(12)", "⑴ ⒈ ❶ ㉑ 合计")
    assert tuple(normalise(line) for line in lines) == normalised_lines(lines)


def _run(capsys, path):
    code = main(["tree", str(path)])
    captured = capsys.readouterr()
    return code, captured.err


def test_missing_path(capsys, tmp_path):
    code, err = _run(capsys, tmp_path / "nope.txt")
    assert code == 2 and "no such file" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_directory(capsys, tmp_path):
    code, err = _run(capsys, tmp_path)
    assert code == 2 and "is a folder" in err


@pytest.mark.parametrize("name,data,words", [
    ("empty.txt", b"", ("empty",)),
    ("blob.txt", bytes(range(256)) * 4, ("binary",)),
    ("lost.txt", b"\n\n- 1 -- 1 -\n- 2 -- 2 -\n\f- 3 -\n", ("holds no words", "page numbers")),
    ("cid.txt", b"(cid:1012)(cid:877) 1,234.00\n(cid:33)\n- 2 -\n", ("holds no words",)),
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", ("not a readable PDF", "whole")),
])
def test_unusable_files_are_refused_in_one_line(capsys, tmp_path, name, data, words):
    p = tmp_path / name
    p.write_bytes(data)
    code, err = _run(capsys, p)
    assert code == 2 and all(w in err for w in words)


def test_xlsx(capsys, tmp_path):
    p = tmp_path / "book.xlsx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    code, err = _run(capsys, p)
    assert code == 2 and "zip" in err


def test_too_large(capsys, tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as f:
        f.truncate(MAX_BYTES + 1)
    code, err = _run(capsys, p)
    assert code == 2 and "50 MB" in err


def test_undecodable_text_is_refused():
    with pytest.raises(UserError):
        load_text(b"abc\x81\xff\x81\xff")


def test_reads_a_sample(tmp_path):
    p = tmp_path / "doc.txt"
    p.write_bytes(TEXT.encode("gb18030"))
    src = read_document_text(p)
    assert src.encoding == "gb18030" and src.lines == ("第一部分 概况", "一、收入 1,086.56\u3000万元", "合计\t１２３")
    assert src.sha256 == __import__("hashlib").sha256(TEXT.encode("gb18030")).hexdigest()


def test_printed_text_of_fragments_not_side_by_side():
    from core.reader import printed_text
    src = load_text("资金及时 当期实\n到位，不影\n响项目进\n".encode())
    # the name's fragments are interleaved with a value's: the folded comma is put back as printed
    assert printed_text(src, (1, 2, 3), "资金及时到位,不影响项目进") == "资金及时到位，不影响项目进"


# A font whose Chinese characters stand above its marks' and figures' baseline: pdfplumber prints
# the items' 、 and （ ）, a sentence's marks and the title's year on the line below, pdftotext
# -layout a figure's decimals and groups; each case as printed, then as the normalised view reads it
LIFTED_FONT_CASES = [
    (("年部门收支总体情况表", "2026"), ("2026年部门收支总体情况表", "")),
    # quotation marks around every other piece of a title, then its year
    (("年财政拨款 三公 经费支出情况表", "“ ”", "2026"), ("2026年财政拨款“三公”经费支出情况表", "", "")),
    (("公务接待 三公 经费", "“ ” “ ”"), ("公务接待 三公 经费", "“ ” “ ”")),     # two pairs for three pieces
    (("一 一般公共预算资金 一 一般公共服务支出", "、 154,304.22 、 5,183.00"),
     ("一、一般公共预算资金 154,304.22 一、一般公共服务支出 5,183.00", "")),
    (("三 国有资本经营预算资金 三 科学技术支出", "（ ） （ ） 147,502.38"),
     ("(三)国有资本经营预算资金 (三)科学技术支出 147,502.38", "")),
    (("四 社会保障和就业支出", "（ ） 1,016.21 1,016.21"), ("(四)社会保障和就业支出 1,016.21 1,016.21", "")),
    (("注 由于四舍五入因素 下同", "： ， 。"), ("注:由于四舍五入因素,下同。", "")),
    # two marks for four pieces: where they go only their places could tell
    (("单位名称 重庆市科学技术局 单位 万元", "： ："), ("单位名称 重庆市科学技术局 单位 万元", ": :")),
    (("(1) 2.00", "、结转"), ("(1) 2.00", "、结转")),
    # a figure's decimals, the next panel's row after them
    (("合   计        168,441", ".81   合   计    168,441", ".81", ".5 公里"),
     ("合 计 168,441.81 合 计 168,441.81", "", "", ".5 公里")),
    # its groups a line each (`1` / `54,` / `304` / `.22`); never a year's
    (("合   计            1", "54,", "304", ".22     5,362", "2025,", "100"),
     ("合 计 154,304.22 5,362", "", "", "", "2025,", "100")),
    # its decimals glued to the next figure's first groups
    (("合 计    168,441", ".81154,304", ".22     3,252"), ("合 计 168,441.81 154,304.22 3,252", "", "")),
]


@pytest.mark.parametrize(("printed", "normalised"), LIFTED_FONT_CASES)
def test_what_a_lifted_font_printed_a_line_low_is_put_back_on_its_line(printed, normalised):
    assert normalised_lines(printed) == normalised
