"""A table whose rows interleave cells of words and of figures, read by what each column prints."""
from __future__ import annotations

from core import catalog
from core.catalog import CellKind
from core.typed_rows import aligned, read_typed_rows

PROCUREMENT = catalog.SPEC_BY_KIND[catalog.TableKind.BUDGET_PROCUREMENT].typed_layouts
HEADER = ["部门预算政府预算",
          "科目编码 支出经济支出经济",
          "单位编码 采购项目 采购目录 购买服务内容 规格型号 数量 实施采购时间 预算金额 说明",
          "科目编码科目编码",
          "类 款 项 类 款 类 款"]


def content(lines: list[str]) -> list[tuple[int, str]]:
    return [(k, line) for k, line in enumerate(lines, start=1)]


def cells(lines: list[str]) -> list[list[str]] | None:
    read = read_typed_rows(content(lines), PROCUREMENT)
    return None if read is None else [[cell.text for cell in row] for row in read.rows]


def test_a_rows_tokens_go_to_the_columns_whose_kind_they_fit_a_codes_parts_all_or_none():
    kinds = [CellKind.FUNCTION_CLASS, CellKind.CODE2, CellKind.NAME, CellKind.CATALOGUE, CellKind.WORDS, CellKind.ANY,
             CellKind.COUNT, CellKind.DEPARTMENT_CLASS, CellKind.CODE2, CellKind.AMOUNT]
    parents = ["科目编码", "科目编码", "", "", "", "", "", "经济科目编码", "经济科目编码", ""]
    tokens = ["201", "08", "审计培训", "C02060000培训服务", "培训服务", "1", "302", "16", "150,000.00"]
    taken = aligned(tokens, kinds, parents)
    assert taken is not None
    assert [[tokens[i] for i in took] for took in taken] == [["201"], ["08"], ["审计培训"], ["C02060000培训服务"], [],
                                                             ["培训服务"], ["1"], ["302"], ["16"], ["150,000.00"]]
    # a count alone: no economic code's first part (its parts come together or not at all)
    tokens = ["合计", "882", "391,328,302.13"]
    taken = aligned(tokens, kinds, parents)
    assert taken is not None
    assert [[tokens[i] for i in took] for took in taken] == [[], [], ["合计"], [], [], [], ["882"], [], [], ["391,328,302.13"]]
    assert aligned(["302", "合计"], [CellKind.AMOUNT], [""]) is None


def test_rows_printed_single_spaced_are_read_by_their_cells_kinds_with_their_wrapped_pieces():
    lines = HEADER + ["合计 4 4,020,000.00",
                      "201 08 01 1 全额 2 370,000.00",
                      "201 08 01 西安市审计局 2 370,000.00",
                      "117001",
                      "国家突发事件预警发布平台业",
                      "201 08 01 C04070100体检服务 2 302 99 502 99 370,000.00",
                      "务维持项目",
                      "34",
                      *HEADER,
                      "205 08 03 审计培训 C02060000培训服务 培训服务 1 302 16 502 03 2022-10-01 08:00:00 150,000.00"]
    assert cells(lines) == [
        ["", "", "", "", "合计", "", "", "", "4", "", "", "", "", "", "4020000.00", ""],
        ["201", "08", "01", "1", "全额", "", "", "", "2", "", "", "", "", "", "370000.00", ""],
        ["201", "08", "01", "117001", "西安市审计局", "", "", "", "2", "", "", "", "", "", "370000.00", ""],
        ["201", "08", "01", "", "国家突发事件预警发布平台业务维持项目", "C04070100体检服务", "", "", "2", "302", "99", "502",
         "99", "", "370000.00", ""],
        ["205", "08", "03", "", "审计培训", "C02060000培训服务", "", "培训服务", "1", "302", "16", "502", "03",
         "2022-10-0108:00:00", "150000.00", ""]]
    read = read_typed_rows(content(lines), PROCUREMENT)
    assert read is not None and read.rows[3][4].lines == (10, 12)
    assert read.columns[13:] == ["实施采购时间", "预算金额", "说明"]


def test_a_header_without_the_optional_words_prints_no_such_column_and_lines_fitting_no_cell_read_nothing():
    header = [line.replace("实施采购时间 ", "") for line in HEADER]
    read = read_typed_rows(content(header + ["合计 4 4,020,000.00", "201 08 01 1 全额 2 370,000.00"]), PROCUREMENT)
    assert read is not None and "实施采购时间" not in read.columns and len(read.columns) == 15
    # a line between rows printing a figure after words: no wrapped piece of a cell
    assert cells(HEADER + ["201 08 01 中共西安市委宣传部 80 20,280,000.00", "传部 201001",
                           "201 08 01 日常公用经费 C04070100体检服务 2 302 99 502 99 370,000.00"]) is None
    # a header printing none of the template's words
    assert read_typed_rows(content(["项目 金额", "合计 4 4,020,000.00", "办公 1 2.00"]), PROCUREMENT) is None


def test_two_cells_printed_without_a_space_part_where_that_fills_a_code_and_a_catalogue_code_takes_its_name():
    lines = HEADER + ["合计 2 700,000.00",
                      # `1302`: the count and the economic code's 类; the name glued to its catalogue entry
                      "206 05 02 网络平台开发C0206运行维护服务 1302 27 505 02 500,000.00",
                      "206 05 02 院落维修 B08 修缮工程 1 309 06 506 02 200,000.00"]
    assert cells(lines) == [
        ["", "", "", "", "合计", "", "", "", "2", "", "", "", "", "", "700000.00", ""],
        ["206", "05", "02", "", "网络平台开发", "C0206运行维护服务", "", "", "1", "302", "27", "505", "02", "",
         "500000.00", ""],
        ["206", "05", "02", "", "院落维修", "B08修缮工程", "", "", "1", "309", "06", "506", "02", "", "200000.00", ""]]
    # a count of four figures stays whole where no code wants a part of it
    assert cells(HEADER + ["合计 1000 700,000.00", "206 05 02 1 全额 1000 700,000.00"]) == [
        ["", "", "", "", "合计", "", "", "", "1000", "", "", "", "", "", "700000.00", ""],
        ["206", "05", "02", "1", "全额", "", "", "", "1000", "", "", "", "", "", "700000.00", ""]]


def test_a_sum_of_four_figures_and_two_decimals_is_no_date():
    kinds = [CellKind.COUNT, CellKind.DATE, CellKind.AMOUNT]
    assert aligned(["1", "6000.00"], kinds) == [[0], [], [1]]
    assert aligned(["1", "2019.04", "6000.00"], kinds) == [[0], [1], [2]]


def test_a_list_whose_catalogue_entries_print_no_code_names_them_under_the_catalogue():
    # Xi'an's 2020 template prints `其他货物`, no code: an item's second words are its entry,
    # not its 规格型号 (which most rows leave empty)
    lines = HEADER + ["合计 2 36.50",
                      "208 01 09 242001 全民参保计划工作经费 专业咨询、工程监理、工程设计 1 302 99 502 99 1月-12月 28",
                      "208 01 02 242001 退休管理工作经费 其他货物 352 302 99 502 99 1月-12月 8.5"]
    assert [row[4:8] for row in cells(lines) or []] == [
        ["合计", "", "", ""], ["全民参保计划工作经费", "专业咨询、工程监理、工程设计", "", ""],
        ["退休管理工作经费", "其他货物", "", ""]]


def test_a_wrapped_piece_goes_to_the_empty_cell_its_kind_fills_surest_and_a_wrapped_entry_goes_on():
    # the pieces around a row's line: its name's and its entry's heads above, their tails and
    # the 规格型号 below (规格型号 before 购买服务内容: its templates fill it)
    lines = HEADER + ["合计 1 40.00",
                      "西安城市环线高速公路前 C0901技术测试和分析服",
                      "214 01 02 1 302 27 502 05 40.00",
                      "期研究 务 编制方案"]
    assert [row[4:8] for row in cells(lines) or []] == [
        ["合计", "", "", ""], ["西安城市环线高速公路前期研究", "C0901技术测试和分析服务", "", "编制方案"]]


def test_a_count_glued_to_the_departments_class_parts_by_the_classes_each_column_holds():
    # `1302`: the count and the department's class 302 (3xx), not a unit's code (three or six
    # digits) before a count of 13; the government's class is 5xx. The row's words are printed
    # around its line
    lines = ["序号 " + HEADER[2]] + HEADER[3:] + ["1 合计 1 450,000.00",
                                              "社区服务信 C0206运行维护 社区服务信息网络平",
                                              "2 208 02 08 1302 13 502 09 450,000.00",
                                              "息网络平台运行经费 服务 台"]
    assert (cells(lines) or [])[1] == ["2", "208", "02", "08", "", "社区服务信息网络平台运行经费", "C0206运行维护服务", "",
                                        "社区服务信息网络平台", "1", "302", "13", "502", "09", "", "450000.00", ""]
