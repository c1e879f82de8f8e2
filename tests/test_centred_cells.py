"""Cells wrapped around their row's line in a layout text, put back on that line."""
from __future__ import annotations

from core.centred_cells import cells_put_back_on_their_rows
from core.reader import normalise
from core.tokens import PrintedPages


def put_back(lines: list[str], page_starts: tuple[int, ...] = (1,)
             ) -> tuple[list[str], dict[int, list[tuple[str, tuple[int, ...]]]]]:
    content = [(k, normalise(line)) for k, line in enumerate(lines, start=1) if line.strip()]
    kept, _, joined = cells_put_back_on_their_rows(content, PrintedPages(tuple(lines), page_starts))
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
