"""Cells wrapped around their row's line in a layout text, put back on that line."""
from __future__ import annotations

import pytest

from core.centred_cells import cells_put_back_on_their_rows
from core.reader import normalise
from core.tokens import PrintedPages


def put_back(lines: list[str], page_starts: tuple[int, ...] = (1,), numbered: frozenset[int] = frozenset()
             ) -> tuple[list[str], dict[int, list[tuple[str, tuple[int, ...]]]]]:
    content = [(k, normalise(line)) for k, line in enumerate(lines, start=1) if line.strip()]
    kept, _, joined = cells_put_back_on_their_rows(content, PrintedPages(tuple(lines), page_starts), numbered)
    return [line for _, line in kept], joined


def test_pieces_above_and_below_a_row_go_to_the_cell_they_stand_over_and_the_count_parts_two_rows():
    lines = ["1 一、部门预算   100.00  一、部门预算        100.00",
             "                         1、一般公共服务",
             "2 1、财政拨款     80.00                        60.00",
             "                         支出",
             "  其中：专项                 (1)外交",
             "3 资金列入部门    20.00                        40.00",
             "  预算的项目                 支出"]
    kept, joined = put_back(lines)
    assert kept == ["1 一、部门预算 100.00 一、部门预算 100.00",
                    "2 1、财政拨款 80.00 1、一般公共服务支出 60.00",
                    "3 其中:专项资金列入部门预算的项目 20.00 (1)外交支出 40.00"]     # (the normalised view)
    assert joined == {3: [("1、一般公共服务支出", (2, 3, 4))],
                      6: [("其中：专项资金列入部门预算的项目", (5, 6, 7)), ("(1)外交支出", (5, 6, 7))]}


def test_a_label_printed_from_its_row_down_runs_on_where_the_next_row_opens_an_item():
    lines = ["1 (1)工资福利   10.00  一、卫生健康    5.00",
             "                       支出",
             "  (2)商品和               ",
             "2 服务支         3.00  二、节能环保支出 8.00",
             "  出"]
    kept, joined = put_back(lines)
    assert kept == ["1 (1)工资福利 10.00 一、卫生健康支出 5.00",
                    "2 (2)商品和服务支出 3.00 二、节能环保支出 8.00"]
    assert joined == {1: [("一、卫生健康支出", (1, 2))], 4: [("(2)商品和服务支出", (3, 4, 5))]}


def test_a_table_whose_pieces_break_the_count_is_left_as_printed():
    lines = ["1 合计          13.00   5.00",
             "  一般公共                  ",
             "2 服务支出      10.00   5.00",
             "3 外交支出       3.00   8.00"]       # a head above row 2 and no tail below it
    assert put_back(lines) == (["1 合计 13.00 5.00", "一般公共", "2 服务支出 10.00 5.00", "3 外交支出 3.00 8.00"], {})


def test_lines_the_text_read_otherwise_than_they_print_are_left_as_read():
    lines = ["1 合计          13.00   5.00",
             "  一般公共                  ",
             "2 服务支        10.00   5.00",
             "  出",
             "3 外交支出       3.00   8.00"]
    assert put_back(lines)[1] == {3: [("一般公共服务支出", (2, 3, 4))]}
    content = [(1, "1 合计 13.00 5.00"), (2, "一般公共"), (3, "2 服务支 10.00 5.00 7.00"), (4, "出"),
               (5, "3 外交支出 3.00 8.00")]     # (a cut figure's rest joined to row 2's line in the text's view)
    assert cells_put_back_on_their_rows(content, PrintedPages(tuple(lines), (1,)))[2] == {}



def test_a_figure_as_near_one_numbered_row_as_the_other_and_free_on_both_leaves_the_table_as_printed():
    lines = ["1  一、部门预算     100.00",
             "                                  20.00",
             "2  财政专户          80.00"]
    assert put_back(lines, numbered=frozenset({1, 3}))[1] == {}



@pytest.mark.parametrize("page_opens", [[], ["预算单位：某局      单位：元"]])
def test_a_pages_first_row_takes_the_heads_printed_under_the_header_printed_again(page_opens):
    # (the unit's line may print again before the header)
    lines = ["序号  项目            预算数",
             "1     合计            100.00",
             "2     外交支出         60.00",
             *page_opens,
             "序号  项目            预算数",
             "      一般公共",
             "3     服务             40.00",
             "      支出"]
    row = len(lines) - 1
    kept, joined = put_back(lines, (1, 4), frozenset({2, 3, row}))
    assert kept[-1] == "3 一般公共服务支出 40.00"
    assert joined == {row: [("一般公共服务支出", (row - 1, row, row + 1))]}

def test_a_label_printed_from_its_row_down_runs_on_where_the_next_row_prints_nothing_below_it():
    # 差额 ends the full line above it; 上年实户资金余额 prints no line below its own, so 差额
    # is no head of it (a centred cell prints as many lines below its row's line as above)
    lines = ["1  用事业基金弥补收支       0.00",
             "   差额",
             "2  上年实户资金余额        19.41"]
    kept, joined = put_back(lines)
    assert kept == ["1 用事业基金弥补收支差额 0.00", "2 上年实户资金余额 19.41"]
    assert joined == {1: [("用事业基金弥补收支差额", (1, 2))]}


def test_a_cells_pieces_a_few_columns_apart_in_a_gap_are_one_cell():
    # a layout text sets each line's print afresh: 出 stands three columns left of its head
    lines = ["1  一、部门预算     100.00   50.00",
             "                             (1)工资福利支",
             "2  1、财政拨款       60.00                     30.00",
             "                          出"]
    assert put_back(lines) == (["1 一、部门预算 100.00 50.00", "2 1、财政拨款 60.00 (1)工资福利支出 30.00"],
                               {3: [("(1)工资福利支出", (2, 3, 4))]})


NUMBERED_CASES = {
    # row 3's 0.00 prints on the line of its labels' heads, nearer its number's line than row 2's;
    # two empty columns side by side keep their cells apart in the one gap the row's line leaves
    "a figure a line off its row goes to the nearer row's empty place": (
        ["1  一、部门预算     100.00  一、部门预算       700.00",
         "                            7、文化旅游体育",
         "2  3、事业收入       35.00                        5.00",
         "                            与传媒支出",
         "   其中：纳入财       0.00  8、社会保障和就",
         "3                                               695.00",
         "   政专户管理的收费         业支出"], {1, 3, 6},
        ["1 一、部门预算 100.00 一、部门预算 700.00", "2 3、事业收入 35.00 7、文化旅游体育与传媒支出 5.00",
         "3 其中:纳入财政专户管理的收费 0.00 8、社会保障和就业支出 695.00"],
        {3: [("7、文化旅游体育与传媒支出", (2, 3, 4))],
         6: [("其中：纳入财政专户管理的收费", (5, 6, 7)), ("8、社会保障和就业支出", (5, 6, 7)), ("0.00", (5,))]}),
    # 2050803 prints a line under row 2 and a line over row 3, which prints its own code there
    "a code as near two rows goes to the one whose place for it is empty": (
        ["1   205      教育支出        10.00",
         "2            培训支出         4.00",
         "    2050803",
         "3   208      社会保障支出     6.00"], {1, 2, 4},
        ["1 205 教育支出 10.00", "2 2050803 培训支出 4.00", "3 208 社会保障支出 6.00"],
        {2: [("2050803", (3,))]}),
    # the number and the name print at the row's top, its code and figures a line lower: each
    # row's lines run from its number's line to the next number's
    "a number printed at its row's top takes the lines down to the next number": (
        ["1   205      教育支出                   10.00",
         "2            机关事业单位基本养老保险缴费支",
         "    2080505                             4.00",
         "             出",
         "3            机关事业单位职业年金缴费支出",
         "    2080506                             6.00"], {1, 2, 5},
        ["1 205 教育支出 10.00", "2 2080505 机关事业单位基本养老保险缴费支出 4.00", "3 2080506 机关事业单位职业年金缴费支出 6.00"],
        {3: [("机关事业单位基本养老保险缴费支出", (2, 3, 4)), ("2", (2,))],
         6: [("机关事业单位职业年金缴费支出", (5, 6)), ("3", (5,))]}),
    # 2080201 stands as near row 2 as row 3, both leaving its place empty; the last row's code,
    # under it, shows the side the table prints them on
    "codes as near two rows go to the side the table's other codes do": (
        ["1            合计            10.00",
         "2            行政运行          4.00",
         "    2080201",
         "3            其他支出          6.00",
         "    2080299"], {1, 2, 4},
        ["1 合计 10.00", "2 2080201 行政运行 4.00", "3 2080299 其他支出 6.00"],
        {2: [("2080201", (3,))], 4: [("2080299", (5,))]}),
    # 本建设） ends 资本性支出（基 (row 1's, from its line down): row 2's 基础设施建 prints one
    # piece below its line (设), so one head of its, not two (its code under it is no piece)
    "a gap's heads beyond what its row prints below end the cell above printed from its line down": (
        ["1   309     资本性支出（基              10.00",
         "            本建设）",
         "              基础设施建",
         "2                      50402        10.00",
         "    30905    设",
         "3   310     资本性支出                   5.00"], {1, 4, 6},
        ["1 309 资本性支出(基本建设) 10.00", "2 30905 基础设施建设 50402 10.00", "3 310 资本性支出 5.00"],
        {1: [("资本性支出（基本建设）", (1, 2))], 4: [("基础设施建设", (3, 4, 5)), ("30905", (5,))]}),
}


@pytest.mark.parametrize("lines, numbered, kept, joined", NUMBERED_CASES.values(), ids=NUMBERED_CASES.keys())
def test_cells_of_a_table_numbering_its_rows_are_put_back_on_their_rows(lines, numbered, kept, joined):
    assert put_back(lines, numbered=frozenset(numbered)) == (kept, joined)
