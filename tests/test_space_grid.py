"""A layout text's table cut into cells by the columns of spaces its rows leave."""
from __future__ import annotations

from core.space_grid import (
    LINE_END,
    SpacedCut,
    _centred_groups_widened,
    _centred_pieces_joined,
    _drift_undone,
    _numbered_spans,
    _parting,
    _side_by_side_groups_spread,
    cells_by_spaces,
)
from core.tokens import PrintedPages


def spaced(lines: list[str], page_starts: tuple[int, ...] = (1,)) -> SpacedCut | None:
    content = [(k, " ".join(line.split())) for k, line in enumerate(lines, start=1) if line.strip()]
    return cells_by_spaces(PrintedPages(tuple(lines), page_starts), content)


def cut(lines: list[str], page_starts: tuple[int, ...] = (1,)) -> list[list[str]] | None:
    found = spaced(lines, page_starts)
    return None if found is None else [line.split("\t") for _, line in found.lines]


def test_columns_come_from_the_rows_and_a_header_word_over_no_cells_heads_an_empty_column():
    lines = ["项目              说明      数量         金额",
             "办公设备购置                 2      9,000.00",
             "家具用具                    14        500.00"]
    assert cut(lines) == [["项目", "说明", "数量", "金额"],
                          ["办公设备购置", "", "2", "9,000.00"],
                          ["家具用具", "", "14", "500.00"]]


def test_a_leaf_centred_down_the_header_moves_to_its_first_line_so_the_group_beside_it_stops():
    lines = ["科目编码                ",
             "            单位编码        金额",
             "类  款                        ",
             "201 05      119001    1,000.00"]
    assert cut(lines) == [["科目编码", "", "单位编码", "金额"],
                          ["", "", "", ""],
                          ["类", "款", "", ""],
                          ["201", "05", "119001", "1,000.00"]]


def test_a_cell_printed_off_its_column_joins_the_headed_column_no_row_shares_with_it():
    lines = ["类        单位编码      名称        金额",
             "201  1                  全额      100.00",
             "201        119001       统计局    100.00"]
    assert cut(lines) == [["类", "单位编码", "名称", "金额"],
                          ["201", "1", "全额", "100.00"],
                          ["201", "119001", "统计局", "100.00"]]


def test_a_cell_wrapped_around_its_rows_line_is_joined_as_many_lines_below_as_above():
    lines = ["专项名称         物品名称        金额",
             "合计                           156.40",
             "办公、办案设备                         ",
             "                 台式计算机    131.40",
             "更新购置费                             ",
             "网络、电子检                           ",
             "务、实验室                             ",
             "要通道         路由器          25.00",
             "字化系统                               ",
             "维护费                                 "]
    assert cut(lines) == [["专项名称", "物品名称", "金额"],
                          ["合计", "", "156.40"],
                          ["办公、办案设备更新购置费", "台式计算机", "131.40"],
                          ["网络、电子检务、实验室要通道字化系统维护费", "路由器", "25.00"]]


def test_lines_whose_spaces_keep_no_columns_are_not_cut():
    assert cut(["项目 数量 金额", "办公设备 2 9.00", "家具 3 5.00"]) is None
    # a figure sharing a column with more: the rows' spaces do not part their cells
    assert cut(["项目          规格 数量 金额",
                "办公设备      打印机 6 302   9.00",
                "家具用具      A4/A3等 40 302  5.00"]) is None


def test_a_later_page_spaced_afresh_is_laid_over_the_first_pages_columns():
    lines = ["类别      名称        形式          金额",
             "一、货物 A                        303.40",
             "          复印机      部门集中     8.00",
             "  合   计                         311.40",
             # the next page, spaced by a narrower character: every position scaled
             "       路由器    部门集中   25.00",
             "       交换设备  部门集中   25.00"]
    assert cut(lines, page_starts=(1, 5)) == [["类别", "名称", "形式", "金额"],
                                               ["一、货物 A", "", "", "303.40"],
                                               ["", "复印机", "部门集中", "8.00"],
                                               ["合计", "", "", "311.40"],
                                               ["", "路由器", "部门集中", "25.00"],
                                               ["", "交换设备", "部门集中", "25.00"]]


def test_rows_printing_no_figure_are_no_pieces_of_the_rows_around_them():
    # 二、 … 四、 print no figure: taken for the head of 五、's cell, they would want as many
    # lines under it, which the next row's line denies
    lines = ["项目                     金额",
             "一、财政拨款收入      19,572.91",
             "二、政府性基金收入",
             "三、国有资本经营收入",
             "四、上级补助收入",
             "五、其他收入            878.44",
             "本年收入合计         20,451.35"]
    assert cut(lines) is None


def test_two_header_words_over_one_run_of_cells_part_it_where_no_cell_crosses_between_them():
    # a 二级 name run on to the 三级 name a space from it: the run parts where the 三级 starts
    lines = ["一级".ljust(13) + "二级".ljust(14) + "三级".ljust(15) + "金额",
             "01-公共服务".ljust(13) + "0101-公共安全服务".ljust(14) + "公共安全保障服务".ljust(15) + "43.13",
             "01-公共服务".ljust(13) + "0115-公共信息与宣传服务 公共信息服务".ljust(29) + "42.16"]
    assert cut(lines) == [["一级", "二级", "三级", "金额"],
                          ["01-公共服务", "0101-公共安全服务", "公共安全保障服务", "43.13"],
                          ["01-公共服务", "0115-公共信息与宣传服务", "公共信息服务", "42.16"]]
    # … and refuses the cut where a cell crosses every place between them: the gaps part no columns
    lines[2] = "01-公共服务".ljust(13) + "0115-公共信息与宣传服务公共信息服务".ljust(29) + "42.16"
    assert cut(lines) is None


def test_a_joined_cell_names_the_lines_of_its_pieces_and_a_figure_its_rows_line():
    lines = ["专项名称         物品名称        金额",
             "合计                           156.40",
             "办公、办案设备                         ",
             "                 台式计算机    131.40",
             "更新购置费                             "]
    found = spaced(lines)
    assert found is not None and found.body_from == 2
    assert found.drawn_from == {(4, 0): (3, 4, 5)}


def test_a_row_of_marks_places_the_columns_and_figures_close_theirs_where_words_wrap_over_them():
    # the goal's pieces start left of the row's figures' ends; the figures align right and end their
    # column (a figure run on into a list item's number, `1,010.472.发放`, is two cells)
    lines = ["  单位名称        项目名称         金额               项目总体绩效目标",
             "   **          **          **                  **",
             "                                  面向部队，给过境部队提供饮食，",
             "供水站           军供保障          35.00 做到有求必应，及时高效。",
             "                                  军供饮食的及时供应。",
             "                                  1.救助困难退役军人",
             "事务局           移交安置       1,010.472.发放退休费",
             "                                  3.组织培训"]
    assert cut(lines) == [["单位名称", "项目名称", "金额", "项目总体绩效目标"],
                          ["**", "**", "**", "**"],
                          ["供水站", "军供保障", "35.00", "面向部队,给过境部队提供饮食,做到有求必应,及时高效。军供饮食的及时供应。"],
                          ["事务局", "移交安置", "1,010.47", "1.救助困难退役军人2.发放退休费3.组织培训"]]


def test_a_later_page_setting_its_figures_closer_is_laid_over_the_first_page_column_by_column():
    # no one scaling lays the second page's columns over the first's: its words stand where
    # the first page's do, its figures' columns closer; paired in order, each kind with its own
    lines = ["名称        专项名称             形式          资金A           资金B",
             "合计                                   10.00         10.00",
             "复印纸       办公经费             集中采购       4.00          4.00",
             "打印纸       业务经费             分散采购       6.00          6.00",
             "硒鼓        办公经费             集中采购    3.00  3.00",
             "墨盒        业务经费             分散采购    2.00  2.00"]
    assert cut(lines, page_starts=(1, 5)) == [["名称", "专项名称", "形式", "资金A", "资金B"],
                                               ["合计", "", "", "10.00", "10.00"],
                                               ["复印纸", "办公经费", "集中采购", "4.00", "4.00"],
                                               ["打印纸", "业务经费", "分散采购", "6.00", "6.00"],
                                               ["硒鼓", "办公经费", "集中采购", "3.00", "3.00"],
                                               ["墨盒", "业务经费", "分散采购", "2.00", "2.00"]]


def test_a_name_a_page_break_cuts_runs_on_where_the_next_row_prints_nothing_below_it():
    lines = ["单位名称          项目名称          金额",
             "",
             "合计                               12.00",
             "某某市人力资                            ",
             "源和社会保障                        6.00",
             "局（本级）                              ",
             "                  会议费            1.00",
             "某某市社会保                        5.00",
             # the next page: the name's rest above a row that prints no name
             "险基金管理中                            ",
             "心                                      ",
             "                  会议费            5.00"]
    assert cut(lines, page_starts=(1, 9)) == [["单位名称", "项目名称", "金额"],
                                               ["合计", "", "12.00"],
                                               ["某某市人力资源和社会保障局(本级)", "", "6.00"],
                                               ["", "会议费", "1.00"],
                                               ["某某市社会保险基金管理中心", "", "5.00"],
                                               ["", "会议费", "5.00"]]


def test_a_year_a_space_before_its_year_word_is_no_figure():
    lines = ["项目名称" + " " * 14 + "采购目录" + " " * 12 + "金额",
             "2025 年度某某学院校舍维修   房屋修缮        227.00",
             "公共实训基地外墙修复        房屋修缮        400.00"]
    assert cut(lines) == [["项目名称", "采购目录", "金额"],
                          ["2025年度某某学院校舍维修", "房屋修缮", "227.00"],
                          ["公共实训基地外墙修复", "房屋修缮", "400.00"]]


def test_a_header_last_lines_words_pushed_off_their_columns_together_are_laid_back():
    spans = [(0, 3), (6, 8), (20, 23), (30, 32)]
    # `类 款` over the first two runs; the second `类 款` five characters right of theirs: the
    # least shift laying each over a run of its own
    pushed = [((0, 1), "类"), ((6, 7), "款"), ((25, 26), "类"), ((35, 36), "款")]
    assert _drift_undone(pushed, spans) == [((0, 1), "类"), ((6, 7), "款"), ((21, 22), "类"), ((31, 32), "款")]
    # one word over no run is a column the rows leave empty
    alone = [((0, 1), "类"), ((25, 27), "说明")]
    assert _drift_undone(alone, spans) == alone


def test_a_group_centred_over_its_middle_column_moves_to_its_first():
    header = [["", "科目编码", "", "单位编码"],
              ["", "", "", ""],
              ["类", "款", "项", ""]]
    _centred_groups_widened(header)
    assert header == [["科目编码", "", "", "单位编码"], ["", "", "", ""], ["类", "款", "项", ""]]


def test_groups_side_by_side_share_the_leaves_after_them_evenly():
    header = [["部门经", "政府经", "", "", "金额"],
              ["济分类", "济分类", "", "", ""],
              ["", "", "", "", ""],
              ["类", "款", "类", "款", ""]]
    _side_by_side_groups_spread(header)
    assert header == [["部门经", "", "政府经", "", "金额"],
                      ["济分类", "", "济分类", "", ""],
                      ["", "", "", "", ""],
                      ["类", "款", "类", "款", ""]]


def test_codes_printed_a_line_below_their_rows_join_them():
    body = [(1, ["205", "", "甲局", "1", "100.00"]),
            (2, ["", "251001", "", "", ""]),
            (3, ["", "", "乙单位工", "", ""]),
            (4, ["205", "", "", "1", "50.00"]),
            (5, ["", "251009", "作站", "", ""])]
    joined = _centred_pieces_joined(body, PrintedPages(tuple(" " for _ in range(5)), (1,)))
    assert joined is not None
    assert joined[0] == [(1, ["205", "251001", "甲局", "1", "100.00"]), (4, ["205", "251009", "乙单位工作站", "1", "50.00"])]


def test_a_row_of_levels_marks_its_code_columns_alone_not_every_column():
    levels = [((7, 8), "类"), ((13, 14), "款"), ((19, 20), "项"), ((97, 98), "类"), ((102, 103), "款")]
    assert _numbered_spans([levels]) is None
    marks = [((2, 4), "**"), ((10, 12), "**"), ((20, 22), "**")]
    assert _numbered_spans([marks]) == [(0, 7), (7, 16), (16, LINE_END)]


def test_a_column_of_codes_parts_from_the_names_beside_it_but_a_column_of_figures_never():
    rows = [[((14, 20), "117001"), ((21, 27), "西安市审计局"), ((40, 50), "370,000.00")],
            [((21, 27), "日常公用经费"), ((40, 50), "370,000.00")]]
    assert _parting((14, 27), 18, 21, rows) == 20
    # two header words over one column of figures (`本年` `预算数` drifting apart)
    figures = [[((14, 22), "1,056.50")], [((16, 22), "272.00")], [((14, 20), "117001"), ((21, 26), "40.00")]]
    assert _parting((14, 26), 18, 21, figures) is None


def test_figures_a_space_apart_part_where_one_rows_figure_ends_as_anothers_starts():
    # `1 302` and `30 310`: a count and a code a space apart, the last row drifting a
    # character left; no character is blank in every row between them
    lines = ["项目         数量  类     金额",
             "合计          31      55.00",
             "办公设备         1 302  40.00",
             "家具用具       30 310   15.00"]
    assert cut(lines) == [["项目", "数量", "类", "金额"],
                          ["合计", "31", "", "55.00"],
                          ["办公设备", "1", "302", "40.00"],
                          ["家具用具", "30", "310", "15.00"]]


def test_a_cell_hung_below_its_rows_line_is_that_rows_where_the_next_row_prints_its_own_whole():
    lines = ["项目    内容            金额",
             "宣传    五周年宣传        600.00",
             "      费",
             "舆情    舆情监测费用       100.00",
             "微信    公众号          200.00"]
    assert cut(lines) == [["项目", "内容", "金额"],
                          ["宣传", "五周年宣传费", "600.00"],
                          ["舆情", "舆情监测费用", "100.00"],
                          ["微信", "公众号", "200.00"]]
