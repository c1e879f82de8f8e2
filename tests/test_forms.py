"""Performance forms: the facts and small grids above the indicator grid, the indicator grid
itself, and the rules that check the forms against each other and the text."""
from __future__ import annotations

from pathlib import Path

import pytest

from core.document import parse_document
from core.model import GridRow
from core.reader import load_text
from core.review import Review
from core.session import ReviewSession
from core.validate import validate

QUIRKS = Path(__file__).parent / "data" / "quirks"

DEPT_FORM = """第四部分 预算绩效情况
一、部门整体绩效目标
部门整体支出绩效目标申报表
（2024 年度）
部门名称 某某县医疗保障局
填报人 张三 联系电话 1234567
部门职能概述
负责全县医疗保障工作。
人员基本情况
实有在职人员合计（A+B） 在职在编人员（A） 在职无编人员（B）
12 10 2
部门总体资金情
况（万元）
总体资金情况 2024年预算金额（C） 2023年预算金
额（D）
预算增减变化
（C-D）
收入构成
财政拨款 500 400 100
其他资金 50 -50
合 计 500 450 50
支出构成
基本支出 300 280 20
项目支出 200 170 30
合 计 500 450 60
年度整体绩效总
目标
保障医保基金安全运行。
年度绩效指标
一级指标 二级指标 三级指标 年初目标值 备 注
产出指标
数量指标 参保人数 ≥10000人
效益指标
社会效益
困难群众就医负担减轻
程度
有效缓解
年度绩效指标
一级指标 二级指标 三级指标 年初目标值 备 注
满意度指标
服务对象满意度指标 群众满意度 ≥90%
"""

FUNDS = "部门总体资金情况（万元）"


def parse(text: str):
    return parse_document(load_text(text.encode("utf-8")))


def test_dept_form_facts_grids_and_indicators():
    (form,) = parse(DEPT_FORM).tables
    assert (form.kind, form.unit) == ("budget.dept_performance_target", "万元")
    assert form.facts == {
        "部门名称": "某某县医疗保障局", "填报人": "张三", "联系电话": "1234567",
        "部门职能概述": "负责全县医疗保障工作。", "年度整体绩效总目标": "保障医保基金安全运行。"}
    people, funds = form.grids
    assert (people.block, people.columns) == ("人员基本情况", ("实有在职人员合计（A+B）", "在职在编人员（A）", "在职无编人员（B）"))
    assert people.rows == (GridRow("", "", ("12", "10", "2")),)
    assert funds.block == FUNDS and [(r.group, r.label) for r in funds.rows] == [
        ("收入构成", "财政拨款"), ("收入构成", "其他资金"), ("收入构成", "合计"),
        ("支出构成", "基本支出"), ("支出构成", "项目支出"), ("支出构成", "合计")]
    # two amounts for three columns: seated where C-D = C - D holds, C left empty
    assert funds.rows[1].values == ("", "50", "-50")
    facts = form.all_facts()        # a grid's cells are facts named block/group/row/column, beside the key/value facts
    assert facts["人员基本情况/在职无编人员（B）"] == "2" and facts["部门名称"] == "某某县医疗保障局"
    assert facts[f"{FUNDS}/支出构成/合计/2023年预算金额（D）"] == "450"
    assert len(facts) == len(form.facts) + 3 + 6 * 3
    assert form.column_texts() == ["年度绩效指标/一级指标", "年度绩效指标/二级指标", "年度绩效指标/三级指标",
                            "年度绩效指标/年初目标值", "年度绩效指标/备注"]
    assert [[c.text for c in row] for row in form.rows] == [
        ["产出指标", "数量指标", "参保人数", "≥10000人", ""],
        ["效益指标", "社会效益", "困难群众就医负担减轻程度", "有效缓解", ""],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", ""],
    ]


def test_form_grid_arithmetic_is_reported_once_per_cell():
    found = [f for f in validate(parse(DEPT_FORM)) if f.check == "sum"]
    assert [(f.severity, f.where, f.values) for f in found] == [
        ("error", f"{FUNDS}/支出构成/合计/预算增减变化（C-D）", {"stated": "60.00", "computed": "50.00"})]


def test_a_grid_cell_corrected_as_a_fact_settles_its_finding_and_undoes():
    session = ReviewSession(Review(parse(DEPT_FORM)))
    cell = f"{FUNDS}/支出构成/合计/预算增减变化（C-D）"
    assert [f.where for f in session.findings if f.check == "sum"] == [cell]
    session.set_table_fact(0, cell, "50")
    assert session.tables[0].grids[1].rows[5].values == ("500", "450", "50")
    assert cell not in session.tables[0].facts      # the grid's cell changed, no fact added beside it
    assert [f for f in session.findings if f.check == "sum"] == []
    assert session.extracted(0).grids[1].rows[5].values == ("500", "450", "60")     # the extraction untouched
    session.undo()
    assert session.tables[0].all_facts()[cell] == "60" and [f.where for f in session.findings if f.check == "sum"] == [cell]


def test_spending_changes_in_the_text_against_the_form(documents):
    found = [f for f in validate(documents["zengdu_medical_security_center_2023_budget.txt"])
             if f.table == "部门整体支出绩效目标申报表"]
    # the (二) paragraph states the fiscal-only changes for all spending; the (三) paragraph,
    # about 财政拨款, states the same figures rightly and is not reported
    assert [(f.where, f.values, f.lines) for f in found] == [
        ("支出构成 基本支出 / 预算增减变化（C-D）", {"stated": "97.96", "table": "-125.44"}, [115]),
        ("支出构成 合计 / 预算增减变化（C-D）", {"stated": "6034.96", "table": "5811.56"}, [113]),
    ]


def test_project_funded_from_a_source_the_budget_does_not_have(sample_copy):
    from core.document import load_document
    session = ReviewSession(Review(load_document(
        sample_copy("jingdezhen_medical_insurance_center_2025_budget.txt"))))
    found = [f for f in session.findings if f.check == "prose_vs_table"]
    assert [(f.where, f.values) for f in found] == [
        ("项目资金 / 其中：财政拨款", {"stated": "0", "computed": "160"})]
    form = next(i for i, t in enumerate(session.tables) if t.kind == "budget.performance_target")
    session.set_table_fact(form, "其中：财政拨款", "160")
    assert [f for f in session.findings if f.check == "prose_vs_table"] == []
    assert [f.values for f in session.findings if f.where.endswith("年度资金总额")] == []


def test_facts_of_another_templates_project_form_and_of_an_empty_form():
    # Xi'an's 部门专项业务经费绩效目标表 (a project form by another name), read from its PDF's
    # ruled cells: its keys (主管部门, 实施期资金总额) end at the header cells printed among them
    # (资金金额（万元）, 执行率分值（10分）, 总体目标); the same form printed empty (专项资金总体绩效目标表)
    # has no facts, where each key once took the next key as its value
    def facts(name: str) -> dict[str, str]:
        text = (QUIRKS / f"{name}.txt").read_bytes()
        [form] = parse_document(load_text(text, name)).tables
        return form.facts
    assert facts("tab_project_form_of_another_name_group_opening_its_header") == {
        "项目名称": "内审服务", "主管部门": "西安市统计局", "实施期资金总额": "1.50", "其中：财政拨款": "1.50",
        "其他资金": "0.00"}
    assert facts("tab_empty_form_has_no_facts") == {}


LEVELS_NAME_VALUE = ("一级指标", "二级指标", "三级指标", "指标值")


def indicator_grid(columns: tuple[str, ...], *rows: list[str]):
    """A 项目绩效目标表 read as these rows under these columns."""
    from core.columns import Column
    from core.model import Cell, Table
    return Table(kind="budget.performance_target", title="项目绩效目标表", title_printed=True, unit="",
                 first_line=1, last_line=len(rows) + 1, rows=[[Cell(text) for text in row] for row in rows],
                 columns=[Column.of((c,)) for c in columns])


def test_a_grid_whose_names_and_values_hold_pieces_of_levels_is_doubted():
    """Single-spaced text of a form whose cells wrap around their rows reads out of step: a
    value holding the grid's group or a level's end (`绩效目标指标产出指`, `度指标件数量`), a
    level's piece for a name (`效益指`): no value or name is so, and the grid is doubted. A grid
    read in step is not."""
    from core.forms import grid_misread

    def grid(*rows: list[str]):
        return indicator_grid(LEVELS_NAME_VALUE, *rows)
    read_well = grid(["产出指标", "数量指标", "临聘人员数量", "≥3人"], ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"])
    assert grid_misread(read_well) == ""
    out_of_step = grid(["产出指标", "数量指标", "覆盖率", "绩效目标指标产出指"], ["产出指标", "时效指标", "效益指", "临聘人员上访事"],
                       ["效益指标", "社会效益指标", "指标", "度指标件数量"])
    assert grid_misread(out_of_step) == "3 row(s) hold a value as the indicator's name or a level as its value"


def test_a_grid_whose_name_holds_other_rows_targets_is_doubted():
    """Layout text of a form wrapping its cells across a page break reads later rows' values
    into one indicator's name (`发现问题物业及时处理率=24小时/日≤0%`): two targets in one name is
    no indicator's, and the grid is doubted. A name holding one figure of its own is not."""
    from core.forms import grid_misread
    crowded = indicator_grid(LEVELS_NAME_VALUE, ["产出指标", "质量指标", "发现问题物业及时处理率=24小时/日≤0%", "=100%"],
                             ["效益指标", "社会效益指标", "使用人员满意度", "≥90%"])
    assert grid_misread(crowded) == "an indicator's name holds other rows' values (发现问题物业及时处理率=24小时/日≤0%)"
    own_figure = indicator_grid(LEVELS_NAME_VALUE, ["产出指标", "时效指标", "响应时间≤2小时的比例", "≥95%"],
                                ["效益指标", "社会效益指标", "使用人员满意度", "≥90%"])
    assert grid_misread(own_figure) == ""


# Grids other extractors' texts misread, each with the reason it is doubted for, and grids like
# them read well ("": no doubt).
MISREAD_GRIDS = {
    # PDFium prints a wrapped name's lines before its value's (`…调查成本（` / `元/户/月）` / `≤300 3`):
    # read a line a name, the end goes into the next row's. A name prints its brackets whole.
    "name_opening_a_bracket_alone": (
        [["成本指标", "经济成本指标", "金样本调查单家企业调查成本（", "≤300"],
         ["成本指标", "经济成本指标", "元/户/月）重点企业监测调查成本（元/户/", "≤50"]],
        "an indicator's name holds a bracket without its pair (金样本调查单家企业调查成本（)"),
    "name_closing_then_opening": (
        [["成本指标", "经济成本指标", "分）调查成本（", "≤300"]],
        "an indicator's name holds a bracket without its pair (分）调查成本（)"),
    "names_with_their_brackets_paired": (
        [["成本指标", "经济成本指标", "金样本调查单家企业调查成本（元/户/月）", "≤300"],
         ["产出指标", "数量指标", "调查企业个数（家）", "≥9"]], ""),
    # a list's number closed alone (`1）`, `；2）`) opens no bracket
    "names_numbered_by_a_list": (
        [["产出指标", "数量指标", "1）调查企业个数；2）调查户数", "≥9"]], ""),
    "a_name_closing_after_a_word": (
        [["产出指标", "数量指标", "目标1）调查企业个数", "≥9"]],
        "an indicator's name holds a bracket without its pair (目标1）调查企业个数)"),
    # PyMuPDF's sorted text runs a value, its score and the next row's level into a name
    "a_target_and_a_level_in_a_name": (
        [["产出指标", "时效指标", "普查数据准确率（%）≥954质量指标采购物资合格率（%）", "100"]],
        "an indicator's name holds a target and a level's name (普查数据准确率（%）≥954质量指标采购物资合格率（%）)"),
    "a_name_ending_in_its_target": (
        [["满意度指标", "服务对象满意度指标", "群众满意度≥90%", "≥90%"]], ""),
    # a header wrapped a fragment a line (`年度指标` / `值` / `实际完成值 分值 得分`) read as the
    # first rows: no indicator is named 分值 or holds 实际完成值 and 得分 together
    "header_words_run_together_in_a_row": (
        [["", "", "值", "实际完成值分值得分"], ["成本指标", "经济成本指标", "项目成本控制", "≤120万元"]],
        "its rows hold the grid's header words (实际完成值分值得分): the header was read as rows"),
    "a_header_word_as_a_name": (
        [["", "", "分值", ""], ["产出指标", "数量指标", "保养维护面积", "9562平方米"]],
        "its rows hold the grid's header words (分值): the header was read as rows"),
    # PyMuPDF's sorted text sets a value and its scores a space apart on the line after the
    # name (`100% 8 8`): several columns' figures in one cell; a target's own figure is not
    "figures_a_space_apart_in_one_cell": (
        [["产出指标", "质量指标", "培训合格率", "100% 8 8"], ["产出指标", "数量指标", "培训人数", "≥300人"]],
        "a cell holds several columns' figures (100% 8 8)"),
    "targets_with_figures_in_their_words": (
        [["产出指标", "数量指标", "培养实践锻炼、跟班学习干部人数", "≥110人"],
         ["产出指标", "时效指标", "培训计划按期完成率", "≥100%"]], ""),
}


# PyMuPDF prints Xi'an's forms a cell a line, names and targets wrapped over lines: read a
# fragment a cell, their pieces go into the next cells, the value's and the remark's
WITH_REMARKS = (*LEVELS_NAME_VALUE, "备注")
MISREAD_GRIDS_WITH_REMARKS = {
    "a_numbered_name_as_a_remark": (
        [["产出指标", "数量指标", "指标1：收购项目总套数", "≧2703套", "指标2：计划分配入住套数"],
         ["产出指标", "数量指标", "≧2028套", "", ""]],
        "a value or remark holds an indicator's numbered name (指标2：计划分配入住套数): cells were read out of step"),
    "a_target_cut_after_its_sign": (
        [["产出指标", "数量指标", "会议次数、评选稿件", "体采访工作调研", "≥30次；≥"]],
        "a cell ends in a target's sign (≥30次；≥): a target's pieces were read into other cells"),
    "a_target_as_a_remark_beside_words": (
        [["产出指标", "数量指标", "单位基本运营；", "国有资产租赁收益；", ">=73"]],
        "a remark holds a target (>=73) beside a value of words: cells were read a column late"),
    "a_remark_beside_its_target": (
        [["产出指标", "数量指标", "办公用房面积", "≥445平方米", "公用面积291平方米"]], ""),
}


@pytest.mark.parametrize("case", sorted(MISREAD_GRIDS_WITH_REMARKS))
def test_a_misread_grid_with_remarks_is_doubted_for_what_its_cells_show(case: str):
    from core.forms import grid_misread
    rows, reason = MISREAD_GRIDS_WITH_REMARKS[case]
    assert grid_misread(indicator_grid(WITH_REMARKS, *rows)) == reason


def test_a_forms_first_level_printed_a_character_a_line_after_the_header_opens_the_rows():
    form = ["某项目绩效目标表", "年度绩效指标", "一级指标", "二级指标", "指标内容", "指标值", "备注", "产", "出", "指", "标",
            "数量指标", "指标1：聘用人员数量", "≧16人", "质量指标", "指标1：维修合格率", "100%"]
    [table] = parse("\n".join(form)).tables
    assert [c.leaf for c in table.columns] == ["一级指标", "二级指标", "指标内容", "指标值", "备注"]
    assert [[c.text for c in row] for row in table.rows] == [
        ["产出指标", "数量指标", "指标1：聘用人员数量", "≧16人", ""], ["产出指标", "质量指标", "指标1：维修合格率", "100%", ""]]
    assert table.doubt == ""


@pytest.mark.parametrize("case", sorted(MISREAD_GRIDS))
def test_a_misread_grid_is_doubted_for_what_its_cells_show(case: str):
    from core.forms import grid_misread
    rows, reason = MISREAD_GRIDS[case]
    assert grid_misread(indicator_grid(LEVELS_NAME_VALUE, *rows)) == reason


def test_a_grid_whose_header_names_a_first_level_is_doubted():
    """Raw text of Yantai's form prints the first levels beside the header's words (`一级指标` /
    `绩效指标 成本指标` / `绩效指标 产出指标` …): read into the header, the rows' levels go wrong unseen."""
    from core.forms import grid_misread
    misread = indicator_grid(("一级指标", "绩效指标 产出指标", "二级指标", "三级指标", "指标值"),
                             ["成本指标", "", "经济成本", "召开新闻发布会活动次数", "≥90场"])
    assert grid_misread(misread) == \
        "its header names an indicator's level (绩效指标 产出指标): the rows' levels were read into it"


def test_a_list_of_projects_whose_funds_stand_beside_no_name_is_doubted():
    """pdfminer's row order of Beijing's 项目支出绩效目标表 seats a project's funds on an indicator's
    row and its name on another: a project prints its name on the row of its funds. Indicators'
    rows under a project's, no funds of their own, are no doubt."""
    from core.forms import grid_misread
    columns = ("项目名称", "项目总额") + LEVELS_NAME_VALUE
    project = "11000022T000000444194-法律援助办案补贴"
    out_of_step = indicator_grid(columns, ["", "560.000000", "效益指标", "社会效益指标", "挽回经济损失", "≥3000万元"],
                                 [project, "", "产出指标", "质量指标", "符合相关办法要求", "符合"])
    assert grid_misread(out_of_step) == "1 row(s) hold a project's figures but no project's name: rows were read out of step"
    in_step = indicator_grid(columns, [project, "560.000000", "产出指标", "质量指标", "符合相关办法要求", "符合"],
                             ["", "", "效益指标", "社会效益指标", "挽回经济损失", "≥3000万元"])
    assert grid_misread(in_step) == ""


def test_a_grid_whose_weighted_score_column_holds_no_figure_is_doubted():
    """A layout text of the central template's 绩效目标表 prints each value right of its header
    (`≥1 本       8`): read by the header's places the value runs into the 分值权重 column with
    its score (`≥1本8`) and the value's column stands empty. A score column holding no figure in
    any row is misread, whatever its header adds to 分值 (`分值权重（90）`); one holding figures is not."""
    from core.forms import grid_misread

    def grid(*rows: list[str]):
        return indicator_grid(LEVELS_NAME_VALUE + ("分值权重（90）",), *rows)
    run_together = grid(["产出指标", "数量指标", "舆情报告报送量", "", "≥55期8"],
                        ["效益指标", "社会效益指标", "接访环境", "", "明显改善10"])
    assert grid_misread(run_together) == "its 分值权重（90） column holds no figure"
    read_well = grid(["产出指标", "数量指标", "舆情报告报送量", "≥55期", "8"],
                     ["效益指标", "社会效益指标", "接访环境", "明显改善", "10"])
    assert grid_misread(read_well) == ""


def test_a_department_forms_overall_goal_ends_the_funds_before_it():
    # 年度总体目标 opens a fact of its own (it had run on as the end of 其他资金)
    [form] = parse("\n".join([
        "部门整体支出绩效目标表", "单位：万元", "部门名称 某某区民政局", "年度预算申请 资金总额 1,500.00",
        "其中：财政拨款 1,500.00", "其他资金 0.00", "年度总体目标 做好民政基本服务，保障困难群众基本生活。",
        "一级指标 二级指标 三级指标 指标值", "产出指标 数量指标 救助人数 ≥2000人",
        "满意度指标 服务对象满意度指标 群众满意度 ≥90%"])).tables
    assert form.facts["其他资金"] == "0.00"
    assert form.facts["年度总体目标"] == "做好民政基本服务，保障困难群众基本生活。"
    assert [[c.text for c in row] for row in form.rows] == [
        ["产出指标", "数量指标", "救助人数", "≥2000人"], ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"]]


ACTIVITY_LIST = ["部门整体支出绩效目标表", "部门名称 某某市司法局", "活动 绩效指标 指标性质 指标值 度量单位",
                 "产出指标数量指标行政执法资格考试", "法制建设 ≤ 4500 人次", "人数",
                 "普法宣传 产出指标数量指标举办民法典宣传现场活动 ＝ 1 场次",
                 "效益指标可持续影响指标营造尊重法律的", "普法宣传 良好氛围，保证社会和谐 定性 效果显著", "安定"]


def test_a_list_of_activities_reads_each_indicator_from_its_levels_head_to_its_sign():
    """Each indicator's cell opens with a 一级指标: its pieces wrapped above and below its row's
    line join from that head up to the next; the activity stands before it, the sign, value
    and unit after."""
    [form] = parse("\n".join(ACTIVITY_LIST)).tables
    assert form.column_texts() == ["活动", "绩效指标", "指标性质", "指标值", "度量单位"]
    assert [[c.text for c in row] for row in form.rows] == [
        ["法制建设", "产出指标数量指标行政执法资格考试人数", "≤", "4500", "人次"],
        ["普法宣传", "产出指标数量指标举办民法典宣传现场活动", "＝", "1", "场次"],
        ["普法宣传", "效益指标可持续影响指标营造尊重法律的良好氛围，保证社会和谐安定", "定性", "效果显著", ""]]
    assert form.rows[0][1].lines == (4, 6) and form.doubt == ""


def test_a_list_of_activities_whose_names_and_rows_do_not_pair_off_is_doubted():
    # a name printed without its 一级指标 joins the one before: three rows, two names
    lines = [line.replace("效益指标可持续影响指标", "") for line in ACTIVITY_LIST]
    [form] = parse("\n".join(lines)).tables
    assert len(form.rows) == 3
    assert form.rows[1][1].text == "产出指标数量指标举办民法典宣传现场活动营造尊重法律的良好氛围，保证社会和谐安定"
    assert "do not pair off" in form.doubt


def test_a_layout_grids_columns_part_at_the_blanks_its_rows_leave():
    """Runs of print the rows leave blanks between: as many as columns part them at the blanks'
    middles (a space where a figure meets characters parts none); the group label's characters
    down the side stand before them; a continuation page's runs are laid on the header page's
    by the shift that lines up most of them."""
    from core.forms import _columns_of_runs, _print_runs, _shift_onto
    lines = ["绩  成本指  参加培训  ≥110 人  20  20",
             "效       培训费",
             "指  产出指  培训人数  ≥300 人   6   6"]
    runs = _print_runs(lines, float("-inf"))
    assert [(start, end) for start, end, _ in runs] == [(0, 0), (3, 5), (8, 11), (14, 19), (22, 23), (26, 27)]
    bounds, edge = _columns_of_runs(runs, 5)
    assert bounds == [6.5, 12.5, 20.5, 24.5] and edge == 1.5
    assert _columns_of_runs(runs[1:-1], 5) is None      # (a column every row leaves empty: no cut)
    later = _print_runs(["      成本指  参加培训  ≥110 人  20  20"], float("-inf"))
    assert _shift_onto(later, runs) == -3


def test_a_columns_pieces_between_two_rows_part_where_each_cell_is_centred():
    """A cell of several lines stands centred on its row's line: two tall cells meeting between
    their rows part where both are centred, not at the nearer row; a piece two lines from a row
    whose cell prints nothing around its line belongs to the row it centres."""
    from core.forms import _centred_cells
    pieces = [(958, "接待环境保障"), (959, "与优化有进一"), (963, "后续拟加强总"), (964, "结与改进"),
              (965, "项目实施对保"), (967, "障接待办公顺"), (969, "利开展的作用"), (970, "数据有待挖"),
              (972, "掘；后续拟加"), (973, "强对项目实施"), (974, "效益数据及典"), (975, "型示例的挖掘")]
    first, second = _centred_cells([961, 971], pieces, ["步提升空间；", ""])
    assert [k for k, _ in first] == [958, 959, 963, 964]
    assert [k for k, _ in second] == [965, 967, 969, 970, 972, 973, 974, 975]
    # a row's value wrapped around it; the next row prints no value around its line
    cells = _centred_cells([10, 12, 15], [(11, "实际举办职业"), (13, "技能竞赛场次"), (14, "扶持现代物流"), (16, "业企业数")],
                           ["开展职业培训", "", ""])
    assert [[k for k, _ in cell] for cell in cells] == [[], [11, 13], [14, 16]]


def test_a_short_line_ends_its_cell_whatever_the_centring():
    """A cell wraps its words at its width: a line half as wide as the cell's widest is its last,
    though the piece would centre the next row's cell (`报告` between two rows whose names fill
    their lines, the second's end below it)."""
    from core.forms import _centred_cells
    cells = _centred_cells([35, 37], [(36, "报告"), (38, "查区市数")],
                           ["探矿权等项目实地核查总结", "地质灾害重点防御区野外核"])
    assert cells == [[(36, "报告")], [(38, "查区市数")]]


def test_indicator_rows_opening_with_the_grids_group_word_keep_it_out_of_their_cells():
    # pdfplumber's text of Yantai's 政策和项目预算绩效目标表: each row opens with 绩效指标, the
    # grid's first column, which its header does not name; it is no part of a name or value.
    # 社会效益指标, alone on its line between two rows of a line each, is centred on a cell of
    # both (单位正常运转率 is its, not 时效指标's); 服务对象满意度 … 指标 wraps round its one row
    lines = ["政策和项目预算绩效目标表", "(2026年度)", "项目名称 实施公车统管", "年度预算资金总额： 28.00",
             "一级指标 二级指标 三级指标 指标值", "绩效指标 成本指标 经济成本 实施公车统管费用成本 ≤28万元",
             "绩效指标 产出指标 数量指标 使用公车次数 ≥300次", "绩效指标 产出指标 质量指标 公车保障工作完成率 =100%",
             "绩效指标 产出指标 时效指标 公车保障工作完成及时率 =100%", "单位正常运转率 ≥90%",
             "绩效指标 效益指标 社会效益指标", "交通运输工作顺利开展 有效保障",
             "服务对象满意度", "绩效指标 满意度指标 用车人员或单位满意率 ≥90%", "指标"]
    [form] = parse("\n".join(lines)).tables
    assert [c.text for c in form.columns] == ["一级指标", "二级指标", "三级指标", "指标值"]
    assert [[c.text for c in r] for r in form.rows] == [
        ["成本指标", "经济成本", "实施公车统管费用成本", "≤28万元"], ["产出指标", "数量指标", "使用公车次数", "≥300次"],
        ["产出指标", "质量指标", "公车保障工作完成率", "=100%"], ["产出指标", "时效指标", "公车保障工作完成及时率", "=100%"],
        ["效益指标", "社会效益指标", "单位正常运转率", "≥90%"], ["效益指标", "社会效益指标", "交通运输工作顺利开展", "有效保障"],
        ["满意度指标", "服务对象满意度指标", "用车人员或单位满意率", "≥90%"]]
    assert form.doubt == ""


def test_names_wrapped_over_three_lines_round_their_rows_line_are_one_name_each():
    # pdfplumber's text of Yantai's 政策和项目预算绩效目标表: a name's head above its row's line,
    # its middle beside the value or none, its end below; the next row's head, two lines under
    # the value, is no more of it
    lines = ["政策和项目预算绩效目标表", "(2026年度)", "项目名称 道路运输企业主要负责人和安全生产管理人员考核",
             "年度预算资金总额： 20.00", "一级指标 二级指标 三级指标 指标值", "绩效指标 成本指标 经济成本 考核成本控制 ≤20万元",
             "考核全市道路运输企业主要", "绩效指标 产出指标 数量指标 负责人和安全生产管理人员 ≥2000人次", "人数",
             "绩效指标 产出指标 质量指标 考核合格率 ≥85%", "企业主要负责人和安全生产", "绩效指标 效益指标 社会效益指标 ≥50%",
             "管理人员安全水平提升率", "道路运输企业及危险货物企", "绩效指标 效益指标 可持续影响指标 显著增强", "业安全管理能力",
             "服务对象满意度", "绩效指标 满意度指标 主管部门满意率 ≥95%", "指标"]
    [form] = parse("\n".join(lines)).tables
    assert [[c.text for c in r][2:] for r in form.rows] == [
        ["考核成本控制", "≤20万元"], ["考核全市道路运输企业主要负责人和安全生产管理人员人数", "≥2000人次"],
        ["考核合格率", "≥85%"], ["企业主要负责人和安全生产管理人员安全水平提升率", "≥50%"],
        ["道路运输企业及危险货物企业安全管理能力", "显著增强"], ["主管部门满意率", "≥95%"]]
    assert form.doubt == ""


def test_a_list_of_projects_a_row_each_its_indicators_in_one_cell_reads_as_one_table_over_its_pages():
    # Guangzhou's 项目支出绩效目标表（含转移支付项目）: a ruled list, title and header atop each
    # page, each project's indicators written out in one cell (their 指标值 named in sentences)
    title = "某局2026年项目支出绩效目标表（含转移支付项目）"
    header = "项目名称（资金使用单位）\t总计：\t财政拨款\t其他资金\t绩效目标\t绩效指标"
    indicators = "1.1－产出指标，11－数量指标，报告数量；实施周期指标值：5份，年度指标值：5份；"
    lines = [title, "部门名称：某局 单位：万元", header, "合计：\t350.00\t300.00\t50.00\t\t",
             "甲项目\t100.00\t100.00\t\t完成甲。\t" + indicators, "乙项目\t200.00\t200.00\t\t完成乙。\t" + indicators,
             "2", title, "部门名称：某局 单位：万元", header, "丙项目\t50.00\t\t50.00\t完成丙。\t" + indicators]
    doc = parse_document(load_text("\n".join(lines).encode("utf-8")))
    [table] = doc.tables
    assert [c.leaf for c in table.columns] == ["项目名称（资金使用单位）", "总计：", "财政拨款", "其他资金", "绩效目标", "绩效指标"]
    assert [[c.text for c in row[:4]] for row in table.rows] == [
        ["合计：", "350.00", "300.00", "50.00"], ["甲项目", "100.00", "100.00", ""], ["乙项目", "200.00", "200.00", ""],
        ["丙项目", "50.00", "", "50.00"]]
    assert table.rows[3][5].text == indicators and table.doubt == "" and validate(doc) == []


def test_each_projects_own_form_under_one_title_stays_a_table_of_its_own():
    # the same title over each project's form, its facts its own, even the project's name
    # where two units run a project of one name (Fuzhou's 综合工作经费): two forms, not one
    form = ["综合工作经费项目绩效目标表", "项目名称\t综合工作经费\t主管部门\t某局", "实施单位\t{}\t\t",
            "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t报告数量\t5份"]
    lines = [line.format("甲中心") for line in form] + [line.format("乙中心") for line in form]
    doc = parse_document(load_text("\n".join(lines).encode("utf-8")))
    assert [(t.facts.get("项目名称"), t.facts.get("实施单位"), len(t.rows)) for t in doc.tables] == [
        ("综合工作经费", "甲中心", 1), ("综合工作经费", "乙中心", 1)]


def test_a_list_of_projects_a_row_an_indicator_named_in_one_column_reads_as_its_grid():
    # Chongqing's 一般性项目绩效目标表: 序号, the project's name, funds and goal merged down beside
    # its indicators, each named in one column (no 一级/二级/三级指标)
    lines = ["2026年市级一般性项目绩效目标表（一级项目）", "单位：万元",
             "序号\t项目名称\t当年财政拨款预算金额\t当年绩效目标\t指标名称\t指标性质\t指标值\t计量单位\t指标权重(%)",
             "1\t业务及日常运行项目\t8534.17\t完成各项业务工作。\t咨询一次性解答率\t≥\t70\t%\t15",
             "\t\t\t\t部门预决算按时公开率\t＝\t100\t%\t5"]
    doc = parse_document(load_text("\n".join(lines).encode("utf-8")))
    [table] = doc.tables
    assert [c.leaf for c in table.columns][3:6] == ["当年绩效目标", "指标名称", "指标性质"]
    assert [[c.text for c in row] for row in table.rows] == [
        ["1", "业务及日常运行项目", "8534.17", "完成各项业务工作。", "咨询一次性解答率", "≥", "70", "%", "15"],
        ["", "", "", "", "部门预决算按时公开率", "＝", "100", "%", "5"]]
    assert table.doubt == ""


def _self_eval_form(project: str, total_score: str) -> list[str]:
    """A 项目绩效自评表 as PyMuPDF prints it: a fragment a line, header cells wrapped over lines,
    levels printed with their weights, a name glued to its level's end."""
    return [f"西安市级{project}项目绩效自评表", "（2022年度）", "项目名称", project, "主管部门", "某局",
            "绩", "效", "指", "标", "一级指标", "二级", "指标", "三级指标", "年度", "指标值", "实际", "完成值", "分值",
            "得分", "偏差原因分", "析及改进措", "施",
            "产出指标", "（50分）", "数量", "指标", "指标1：消杀覆盖区县（开发区）数", "量", "16个", "16个", "20", "20",
            "时效", "指标", "指标1：项目实施时效", "全年", "全年", "15", "15",
            "成本", "指标", "指标1：全年项目经费支出", "240 万", "元", "229.19万元", "15", "15",
            "效益指标（", "30分）", "社会效", "益指标指标1：项目实施实现社会效益", "减少病媒生物传播", "有所减少", "30", "25",
            "宣传覆盖面不足，需", "持续完善。",
            "满意度指标", "服务对象满意度指标", "指标1：群众满意率", "≥90%", "0 次", "20", "20",
            "总分", "100", total_score]


def test_a_self_evaluation_printed_a_fragment_a_line_reads_a_row_by_its_scores():
    lines = [*_self_eval_form("病媒生物防制", "100"), *_self_eval_form("卫生健康考试考务", "91"),
             *_self_eval_form("新冠疫情防控经费", "100"), *_self_eval_form("疫情防控工作经费", "95")]
    doc = parse_document(load_text("\n".join(lines).encode("utf-8")))
    # (the lone 得分 totals above the next forms' titles, most of them alike: no pages' numbers)
    assert [t.title for t in doc.tables] == ["西安市级病媒生物防制项目绩效自评表", "西安市级卫生健康考试考务项目绩效自评表",
                                             "西安市级新冠疫情防控经费项目绩效自评表", "西安市级疫情防控工作经费项目绩效自评表"]
    for table, total in zip(doc.tables, ("100", "91", "100", "95")):
        assert [c.leaf for c in table.columns] == ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
                                                   "分值", "得分", "偏差原因分析及改进措施"]
        assert [[c.text for c in row] for row in table.rows] == [
            ["产出指标", "数量指标", "指标1：消杀覆盖区县（开发区）数量", "16个", "16个", "20", "20", ""],
            ["产出指标", "时效指标", "指标1：项目实施时效", "全年", "全年", "15", "15", ""],
            ["产出指标", "成本指标", "指标1：全年项目经费支出", "240万元", "229.19万元", "15", "15", ""],
            ["效益指标", "社会效益指标", "指标1：项目实施实现社会效益", "减少病媒生物传播", "有所减少", "30", "25",
             "宣传覆盖面不足，需持续完善。"],
            ["满意度指标", "服务对象满意度指标", "指标1：群众满意率", "≥90%", "0次", "20", "20", ""],
            ["", "", "总分", "", "", "100", total, ""]]
        assert table.doubt == ""


def test_a_remark_after_a_lost_point_ends_where_its_wrapped_lines_do():
    # a full score prints no remark: the pieces after it are the next name's; after a lost
    # point the remark's lines run as long as its column is wide, the next name's follow
    form = ["某项目绩效自评表", "一级指标", "二级", "指标", "三级指标", "年度", "指标值", "实际", "完成值", "分值", "得分",
            "偏差原因分", "析及改进措", "施", "效益指标", "社会效益指标",
            "投诉次数", "≤4次", "4次", "10", "9", "接待环境保障", "与优化有进一", "结与改进", "接待办公开展情况", "顺利开展",
            "圆满完成", "10", "10", "劳动者对用人单位的", "满意度", "≥90%", "90%", "10", "10"]
    [table] = parse("\n".join(form)).tables
    assert [[c.text for c in row[2:]] for row in table.rows] == [
        ["投诉次数", "≤4次", "4次", "10", "9", "接待环境保障与优化有进一结与改进"],
        ["接待办公开展情况", "顺利开展", "圆满完成", "10", "10", ""],
        ["劳动者对用人单位的满意度", "≥90%", "90%", "10", "10", ""]]


def test_a_self_evaluations_header_printed_a_line_of_first_halves_then_of_second_halves():
    # PyMuPDF reads a header's first lines across, then its second lines (`二级` … `指标` `指标值`
    # `完成值`); `一级指标` and a level wrapped (`产出指` / `标50分`); a remark `无` after a full
    # score, a weight printed among the rows (`（30分）`), a range over two lines
    form = ["某项目绩效自评表", "一级指", "标", "二级", "三级指标", "年度", "实际", "分值", "得分", "偏差原因分析及",
            "改进措施", "指标", "指标值", "完成值", "产出指", "标50分", "数量指标", "购置设备数量", "3台", "3台", "12.5", "12.5",
            "无", "时效指标", "项目完成率", "2022.1.1-", "2023.12.30", "80%", "10", "8", "正在办理许可证", "效益指标",
            "（30分）", "社会效益指标", "保障运转", "有效保障", "有效保障", "30", "30", "无"]
    [table] = parse("\n".join(form)).tables
    assert [c.leaf for c in table.columns] == ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                                               "偏差原因分析及改进措施"]
    assert [[c.text for c in row] for row in table.rows] == [
        ["产出指标", "数量指标", "购置设备数量", "3台", "3台", "12.5", "12.5", "无"],
        ["产出指标", "时效指标", "项目完成率", "2022.1.1-2023.12.30", "80%", "10", "8", "正在办理许可证"],
        ["效益指标", "社会效益指标", "保障运转", "有效保障", "有效保障", "30", "30", "无"]]
    assert table.doubt == ""


def test_a_scored_rows_value_printed_twice_on_a_line_parts_and_a_line_opening_with_a_comma_goes_on():
    form = ["某项目绩效自评表", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
            "偏差原因分析及改进措施", "产出指标", "成本指标", "项目成本", "363.41万元363.41万元", "20", "20",
            "效益指标", "社会效益指标", "保障院区正常运转", "，提供医疗服务", "运转正常", "正常", "13", "13"]
    [table] = parse("\n".join(form)).tables
    assert [[c.text for c in row[2:7]] for row in table.rows] == [
        ["项目成本", "363.41万元", "363.41万元", "20", "20"],
        ["保障院区正常运转，提供医疗服务", "运转正常", "正常", "13", "13"]]
