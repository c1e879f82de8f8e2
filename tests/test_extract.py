"""Extraction details on the samples: cells whose place the text decides, names spaced after
Latin words, codes that look like page numbers, headers too broken to read."""
from __future__ import annotations

import pytest

from core.columns import Column, ColumnRole, parse_columns


def table(documents, name, kind):
    return next(t for t in documents[name].tables if t.kind == kind)


def test_an_amount_whose_column_only_the_text_tells(documents):
    # `307002 上饶市医疗保障服务中心 5.00 5.00`: 合计 5.00 and one part 5.00, any of four; the
    # text says 公务接待费 5万元 and 因公出国（境）费 0万元
    three = table(documents, "shangrao_medical_security_center_2024_budget.txt", "budget.three_public")
    assert [c.text for c in three.rows[0]] == ["307002", "上饶市医疗保障服务中心", "5.00", "", "5.00", "", ""]
    assert three.cell(0, 4).inferred == "column placed by the table's totals and the figures the document gives elsewhere"


def test_indicator_names_spaced_after_a_latin_word(documents):
    rows = [[c.text for c in r][:4] for t in documents["shangrao_medical_security_center_2024_budget.txt"].tables
            if t.kind == "budget.performance_target" for r in t.rows]
    assert ["产出指标", "时效指标", "DRG付费改革国家试点", "12月前实现结算"] in rows
    # a wrapped name stops where what follows must be its value
    assert ["效益指标", "社会效益指标", "缓解参保人员看病贵和因病致贫问题，促进社会和谐稳定", "有效缓解"] in rows


def test_shattered_header_takes_the_one_template_of_its_width(documents):
    income = table(documents, "zengdu_medical_security_center_2023_budget.txt", "budget.income")
    assert not income.recoverable and len(income.columns) == 19
    assert income.column_texts()[-1] == "上年结转结余/单位资金"
    # `032` and a lone `0` are cells, not page numbers between pages
    assert [c.text for c in income.rows[1]][:5] == ["032", "曾都区医疗保障局", "8132.86", "8132.86", "8132.86"]
    assert [c.text for c in income.rows[1]][10:12] == ["0", "0"]
    # the doubt travels with the table's JSON, among its notes, for those who read no findings
    assert income.to_json()["notes"].endswith(
        "the reading is doubted: the printed header matches the columns only in part (50%); "
        "check the columns against the source")


def test_page_numbers_are_told_from_codes_printed_alone():
    from core.extract import page_number_lines
    from core.reader import load_text
    page = ["正文"] * 24
    fragments = ["一般公共预算财政拨款收入", "1", "1,709.37", "二、外交支出", "2", "三、国防支出", "3"]
    lines = ["第一部分 概况", *page, "11", *page, "12", "支出总表", "208", "社会保障和就业支出",
             *fragments, *page, "13", *page, "- 40 -", "0", "05"]
    src = load_text("\n".join(lines).encode("utf-8"))
    # pages 11, 12, 13 stand apart and run on; 208 is no page; nor are the 行次 1, 2, 3 of a
    # table printed one fragment per line, close together
    assert sorted(page_number_lines(src)) == [26, 51, 86, 111]


def test_values_and_column_numbers_printed_alone_are_no_pages():
    from core.extract import page_number_lines
    from core.reader import load_text
    page = ["正文"] * 24
    # an indicator's value alone on its line (97, then 100 twelve lines on: no three pages
    # between them), and the column numbers 1 2 3 printed a number a line under the header
    values = ["满意度指标", "服务对象满意度指标", "咨询人员满意度", "≥", "97", "%", *(["产出指标"] * 10), "100", "万人次"]
    header = ["项目", "本年支出合计", "基本支出", "项目支出", "1", "2", "3", "住房公积金", "60.87", "60.87", "0.00"]
    lines = ["第一部分 概况", *page, "11", *page, *values, *page, "12", *page, *header, *page, "13"]
    src = load_text("\n".join(lines).encode("utf-8"))
    assert [src.norm[k - 1] for k in sorted(page_number_lines(src))] == ["11", "12", "13"]


def test_lone_numbers_above_titles_mostly_alike_are_forms_last_cells_not_pages():
    # forms printed a fragment a line, each ending in its 总分's scores: the 得分 above the
    # next form's title is mostly 100; a file's pages above their titles are numbered apart
    from core.extract import page_number_lines
    from core.reader import load_text
    form = ["满意度指标", "服务对象满意度指标", "群众满意率", "≥90%", "95%", "10", "10", "总分", "100"]
    forms = [line for total in ("100", "91", "100", "100") for line in
             ["项目绩效自评表", *form, total]]
    src = load_text("\n".join(forms).encode("utf-8"))
    assert page_number_lines(src) == frozenset()
    page = ["正文"] * 24
    pages = [line for number in ("7", "8", "9") for line in [*page, number, "支出总表"]]
    src = load_text("\n".join(pages).encode("utf-8"))
    assert [src.norm[k - 1] for k in sorted(page_number_lines(src))] == ["7", "8", "9"]


def test_short_pages_before_the_known_ones_run_the_sequence_on():
    # landscape pages of text hold 15 lines: their numbers are too close to stand apart, and
    # the sequence runs on to the page known by the table title after it; a sentence crosses
    # page 3, and its figure is read whole
    from core.extract import page_number_lines
    from core.reader import load_text
    from core.validate import validate
    page = ["正文"] * 15
    lines = [*page, "1", *page, "2", *page, "3", *page, "4", "支出总表", *(["208 社会保障和就业支出 1.00"] * 24), "5"]
    src = load_text("\n".join(lines).encode("utf-8"))
    assert sorted(page_number_lines(src)) == [16, 32, 48, 64, 90]
    text = ["第三部分 说明", "四、“三公”经费", "“三公”经费预算 394.49 万元，其中：因公出国（境）费用", "3",
            "184.49 万元；公务接待费 10 万元；公务用车运行维护费 200.00 万元；公务用车购置费 0 万元。"]
    doc = _parse(["正文"] * 15 + ["1"] + ["正文"] * 15 + ["2"] + ["正文"] * 10 + text + ["正文"] * 12 + ["4"]
                 + ["正文"] * 24 + ["5"] + ["正文"] * 24 + ["6"])
    assert [f for f in validate(doc) if f.check == "sum"] == []


def test_a_summary_read_with_fewer_amount_columns_than_its_rows_print_is_doubted():
    # three amounts under each panel, named as no template names them: a template of one
    # amount a panel leaves two a row out, and says so
    doc = _parse(["收支总表", "单位：万元", "收 入 支 出", "项 目 本年数 调整数 结转数 项 目 本年数 调整数 结转数",
                  "一、财政拨款收入 1682.76 1682.76 0.00 一、一般公共服务支出 1378.41 1378.41 0.00",
                  "一般公共预算拨款收入 1682.76 1682.76 0.00 二、社会保障和就业支出 178.42 178.42 0.00",
                  "政府性基金预算拨款收入 0.00 0.00 0.00 三、卫生健康支出 126.93 126.93 0.00",
                  "收入总计 1682.76 1682.76 0.00 支出总计 1682.76 1682.76 0.00"])
    [table] = doc.tables
    assert len(table.columns) < 8
    assert table.doubt.split("; ")[0::2] == ["the printed header names what no column of the template does "
                                             "(本年数、调整数、结转数)",
                                             "16 figures its rows print stand in no cell: the columns were likely read short"]


def test_a_small_table_read_with_half_its_figures_in_no_cell_is_doubted():
    # PDFium prints Beijing's 政府采购预算明细表 whole on one line after its unit: read as a row,
    # it keeps one of its three figures; two left out of three are no slip to pass over
    doc = _parse(["政府采购预算明细表", "金额单位：万元",
                  "采购类别 金额 A-货物 196.913600 C-服务 7,368.845955 合 计 7,565.759555"])
    [table] = doc.tables
    assert table.doubt == "2 figures its rows print stand in no cell: the columns were likely read short; " \
        "check the columns against the source"


def test_a_cells_lines_above_and_below_its_row_read_as_rows_doubt_the_table():
    # a project's goal wrapped around its row's line: its pieces are rows of words alone,
    # no unit and no amount, between the rows that print them
    doc = _parse(["项目支出绩效表", "单位：万元", "单位名称\t项目名称\t金额\t项目总体绩效目标",
                  "某局\t综合交通建设管理\t136.80\t", "\t协调和指导全市公路建设。\t\t",
                  "某局\t综合交通运行保障\t7108.06\t", "\t推进海港、陆港联动发展。\t\t",
                  "某局\t公路综合建设养护\t70252.12\t完成年度养护计划。"])
    [table] = doc.tables
    assert [c.role for c in table.columns] == [ColumnRole.NAME, ColumnRole.NAME, ColumnRole.AMOUNT, ColumnRole.TEXT]
    assert table.doubt.startswith("2 rows hold words alone, no label and no figure")


def test_project_codes_are_not_classification_levels(documents):
    # 项目支出表 prints 032 (department), 032002 (unit), 22 其他运转类, 31 本级支出项目: no hierarchy
    from core.validate import validate
    found = [f for f in validate(documents["zengdu_medical_security_center_2023_budget.txt"])
             if f.table == "项目支出表" and f.check == "hierarchy"]
    project = table(documents, "zengdu_medical_security_center_2023_budget.txt", "budget.project_expense")
    assert found == [] and [r[0].text for r in project.rows if r[1].text.startswith("其他运转")] == ["22"]


def test_project_rows_cut_by_a_page_break_are_made_whole(documents):
    project = table(documents, "zengdu_medical_security_center_2023_budget.txt", "budget.project_expense")
    rows = {r[0].text: [c.text for c in r[1:4]] for r in project.rows}
    # the code, name and unit went on after the amounts
    assert rows["42130323032T000000114"] == ["农村低收入人口资助参保", "曾都区医疗保障服务中心", "918.00"]
    # a bracket left open: the name's end came after the amounts
    assert rows["42130323032T000000101"][0] == "企业离休干部医疗费保障预备金(老干局)"
    # `类` alone on its line ends a name, it is not the 类/款/项 header
    assert rows["22"][0] == "其他运转类"


def test_table_spans_take_their_label_and_the_note_printed_above(documents):
    spans = {t.kind: (t.first_line, t.last_line)
             for t in documents["shangrao_medical_security_center_2024_budget.txt"].tables}
    # `注：若为空表，则为该单位无政府性基金收支` sits above the 政府性基金 table, not under 三公
    assert spans["budget.three_public"] == (277, 298)
    assert spans["budget.gov_fund_expense"] == (302, 310)
    assert spans["budget.state_capital_expense"] == (314, 322)
    zengdu = {t.kind: t.first_line for t in documents["zengdu_medical_security_center_2023_budget.txt"].tables}
    assert zengdu["budget.income_expense_summary"] == 203       # `附表 4-1` above the title


CENTRED_HEADER = ["财政拨款", "支出项目类别（资金使用单 财政专 其他资", "总计 一般公共预 政府性基金 国有资本经 绩效目标",
                  "位） 合计 户拨款 金", "算 预算 营预算"]


def test_names_centred_in_their_cells_join_the_lines_above_and_below_their_amounts():
    from core.document import parse_document
    from core.reader import load_text

    def amounts(total: str) -> str:
        return f"{total} {total} {total} 0.00 0.00 0.00 0.00"
    lines = ["2026年部门预算", "部门预算项目支出及其他支出预算表", "单位名称：珠海市某局 单位：万元", *CENTRED_HEADER,
             "合计 " + amounts("713.05"), "珠海市某局 " + amounts("713.05"), "口岸维修经费 " + amounts("57.52"),
             "珠澳跨境工业区专用口", amounts("560.33"), "岸日常工作经费",
             "口岸日常水电耗材、清", "洁、现场设备购置、绩效评 " + amounts("20.20"), "价审计等运营和管理费用",
             # a page break: the header again, its cells split over lines as on the first page
             "- 20 -", *CENTRED_HEADER, "港珠澳大桥口岸“一站", amounts("75.00"), "式”制卡工本费"]
    document = parse_document(load_text("\n".join(lines).encode("utf-8")))
    [project] = [t for t in document.tables if t.kind == "budget.project_expense"]
    assert [(r[0].text, r[1].text) for r in project.rows] == [
        ("合计", "713.05"), ("珠海市某局", "713.05"), ("口岸维修经费", "57.52"),
        ("珠澳跨境工业区专用口岸日常工作经费", "560.33"),
        ("口岸日常水电耗材、清洁、现场设备购置、绩效评价审计等运营和管理费用", "20.20"),
        ("港珠澳大桥口岸“一站式”制卡工本费", "75.00")]
    assert project.rows[4][0].lines == (15, 16, 17)      # the source lines of its three pieces


def _parse(lines: list[str]):
    from core.document import parse_document
    from core.reader import load_text
    return parse_document(load_text("\n".join(lines).encode("utf-8")))


THREE_PUBLIC = ["2025年部门“三公”经费和机关运行经费预算表", "编制部门：上海市某局 单位:万元", "“三公”经费预算数",
                "机关运行经费预算", "公务用车购置及运行费", "数", "合计 因公出国(境)费 公务接待费", "小计 购置费 运行费"]


def test_a_row_of_amounts_alone_is_seated_by_the_tables_identities_and_the_text():
    # three amounts for seven columns: 171.01 breaks 合计 = 出国 + 接待 + 用车 anywhere but under
    # 机关运行经费; the text says which of 出国 and 接待 holds the 1.00
    doc = _parse(["第一部分 说明", "公务接待费1.00万元，因公出国(境)费0万元。", *THREE_PUBLIC, "1.00 1.00 171.01"])
    [table] = [t for t in doc.tables if t.kind == "budget.three_public"]
    assert [c.text for c in table.rows[0]] == ["1.00", "", "1.00", "", "", "", "171.01"]
    assert table.doubt == ""


def test_a_number_split_over_two_lines_is_joined_where_no_one_decimal_figure_is_printed_whole():
    from core.tokens import stream_tokens
    assert stream_tokens([(1, "8132"), (2, ".86"), (3, "0.0"), (4, "0"), (5, "1.50")]) == [
        (1, "8132.86"), (3, "0.00"), (5, "1.50")]
    assert stream_tokens([(1, "0.0"), (2, "0"), (3, "6.4"), (4, "运行费")]) == [
        (1, "0.0"), (2, "0"), (3, "6.4"), (4, "运行费")]


def test_a_count_and_its_unit_are_no_column_numbers_but_the_halves_of_a_split_label_are():
    from core.tokens import stream_tokens
    assert stream_tokens([(1, "≤1 次"), (2, "0 次"), (3, "栏 次 1 栏 次 2"), (4, "次"), (5, "8")]) == [
        (1, "≤1"), (1, "次"), (2, "0"), (2, "次"), (5, "8")]


def test_text_among_the_figures_of_a_table_without_labels_makes_the_table_doubtful():
    doc = _parse([*THREE_PUBLIC[:-1], "小计", "10.81", "0", "0.83", "购置费", "9.98", "运行费", "0", "9.98", "217.83"])
    [table] = [t for t in doc.tables if t.kind == "budget.three_public"]
    assert table.doubt.startswith("text among the figures of a table without label columns (购置费 运行费")


def test_a_unit_line_naming_the_department_in_brackets_is_no_header_line():
    # `部门（单位）：…` before the unit: the line names who reports and in what unit, no column
    doc = _parse(["一般公共预算支出表", "部门（单位）：烟台市民政局                     单位：万元",
                  "科目编码 科目名称 合计 基本支出 项目支出", "201 一般公共服务支出 10.00 6.00 4.00",
                  "20101 人大事务 10.00 6.00 4.00"])
    [table] = doc.tables
    assert table.unit == "万元" and table.header_lines == (3, 3)
    assert [[c.text for c in r] for r in table.rows] == [["201", "一般公共服务支出", "10.00", "6.00", "4.00"],
                                                         ["20101", "人大事务", "10.00", "6.00", "4.00"]]


def test_a_list_of_numbered_titles_names_tables_and_starts_none():
    titles = ["部门综合预算收支总表", "部门综合预算收入总表", "部门综合预算“三公”经费支出预算表"]
    doc = _parse(["报表目录", "报表 报表名称 是否空表 表格为空的理由", *[f"表{i + 1} {t}" for i, t in enumerate(titles)],
                  "表4 部门综合预算政府性基金收支表 是 不涉及", "25", "表1", titles[0], "单位：元", "收入 支出",
                  "项目 预算数 项目 预算数", "一、部门预算 100.00 一、部门预算 100.00"])
    assert [(t.title, t.first_line) for t in doc.tables] == [("部门综合预算收支总表", 8)]


def test_a_title_whose_last_character_falls_below_a_page_heading_is_joined():
    doc = _parse(["2024年度部门决算", "收入支出决算总", "第二部分 某局2024年度部门决算表", "表", "单位：万元",
                  "收入 支出", "项目 决算数 项目 决算数", "一、一般公共预算财政拨款收入 2,940.05 一、一般公共服务支出 2,106.66",
                  "本年收入合计 2,940.05 本年支出合计 2,106.66"])
    assert [(t.kind, t.title) for t in doc.tables] == [("final.income_expense_summary", "收入支出决算总表")]


def test_a_title_wrapped_before_its_last_word_and_qualifier_is_joined():
    # `预算表（不含上年结转）` alone names no table: with the line above, the standard one it ends
    doc = _parse(["2021年部门综合预算政府采购 （资产配置、购买服务）", "预算表（不含上年结转）", "单位：元",
                  "序号 采购项目 采购目录 数量 预算金额", "1 合计 2 1,795,000.00", "2 路牌维护 B99其他建筑工程 2 1,795,000.00"])
    assert [(t.kind, t.title) for t in doc.tables] == [
        ("budget.procurement", "2021年部门综合预算政府采购 （资产配置、购买服务）预算表（不含上年结转）")]


def test_a_forms_title_wrapped_over_two_lines_is_one_title():
    form = ["项目名称 {}", "一级指标 二级指标 三级指标 指标值", "成本指标 经济成本指标 资金使用率 =100%"]
    doc = _parse(["医疗救助补助资金（中央和省级财政补助）项目绩", "效目标表", *form[:1], *form[1:],
                  "城乡居民医保补助（中央和省级补助资金", "）项目绩效目标表", *form])
    assert [t.title for t in doc.tables] == ["医疗救助补助资金（中央和省级财政补助）项目绩效目标表",
                                             "城乡居民医保补助（中央和省级补助资金）项目绩效目标表"]


def test_a_description_wrapped_far_below_its_row_does_not_end_the_table():
    """A line per printed row centres a long 绩效目标 on its row: three lines of it above the
    amounts, three below, sentences ending in 。 among them and no figure for four lines. As
    many figure-less lines after the row as before it are its cells' ends, not the prose after
    the table: the next project is the table's too."""
    lines = ["部门预算项目支出及其他支出预算表", "单位：万元", "项目名称 总计 财政拨款 其他资金 绩效目标",
             "合计 1500.82 1500.82 0.00",
             "通过开展此项目，贯彻执行中央、省、市有关卫生健康",
             "工作的方针、政策、法律、法规和规章，开展全市卫生",
             "健康系统业务督导、培训、调研、考察、普法宣传等工",
             "综合业务费 646.54 646.54 0.00",
             "作，促进全市卫生健康事业发展，提高全市卫生服务水平和质量。",
             "加强对全市医疗机构的监督管理工作，保障全市群众的就医安全。",
             "完成年度各项考核任务。",
             "通过实施住院医师规范化培训，加快住院医师规范化",
             "培训制度实施，培养一批急需紧缺专业为重点的住院",
             "住院医师规范化培训 医师，整体上提高临床医师队伍职业能力和服务",
             "854.28 854.28 0.00",
             "财政补助项目 水平，保障医疗服务质量和安全。"]
    [table] = _parse(lines).tables
    assert [c.text for r in table.rows for c in r[:2]] == [
        "合计", "1500.82", "综合业务费", "646.54", "住院医师规范化培训财政补助项目", "854.28"]
    assert table.rows[1][4].text.endswith("完成年度各项考核任务。") and not table.doubt


def test_a_form_of_a_layout_the_reader_does_not_know_is_kept_as_a_doubtful_grid():
    doc = _parse(["表15", "部门整体支出绩效目标表", "（2026年度）", "部门（单位）名称 某局", "预算金额（万元）",
                  "任务名称 主要内容 总额 财政拨款 其他资金", "保障人员经费 保障人员工资 3455.78 3455.78 0",
                  "保障日常运转 办公室维修费 214.33 214.33 0", "金额合计 3670.11 3670.11 0"])
    [form] = doc.tables
    assert form.kind == "budget.dept_performance_target" and form.facts == {}
    assert [[c.text for c in r][-3:] for r in form.rows[-3:]] == [
        ["3455.78", "3455.78", "0"], ["214.33", "214.33", "0"], ["3670.11", "3670.11", "0"]]
    assert form.doubt.startswith("the form's layout is not one the reader knows")


NAMED_GRID_FORM = ["表十", "2026年部门整体绩效目标表", "单位名称:某委员会", "当年整体绩效目标\t\t\t", "完成技术攻关不少于30个。\t\t\t",
                   "绩效指标\t指标名称\t指标性质\t\t指标值\t计量单位", "\t完成技术攻关数量\t≥\t\t30\t个",
                   "\t创建智能工厂数量\t≥\t\t10\t个"]


def test_a_forms_grid_naming_each_indicator_is_read_a_page_at_a_time_under_the_first_pages_columns():
    # the next page prints the header again, ruled without the empty piece of 指标性质's cell
    [form] = _parse([*NAMED_GRID_FORM, "绩效指标\t指标名称\t指标性质\t指标值\t计量单位",
                     "\t年度预算执行率\t=\t100\t%"]).tables
    assert form.facts == {"当年整体绩效目标": "完成技术攻关不少于30个。"} and form.doubt == ""
    assert form.column_texts() == ["绩效指标", "指标名称", "指标性质", "指标值", "计量单位"]
    assert [[c.text for c in r] for r in form.rows] == [["", "完成技术攻关数量", "≥", "30", "个"],
                                                        ["", "创建智能工厂数量", "≥", "10", "个"],
                                                        ["", "年度预算执行率", "=", "100", "%"]]


def test_a_forms_grid_whose_pages_print_other_columns_is_read_whole_and_doubted():
    [form] = _parse([*NAMED_GRID_FORM, "绩效指标\t指标名称\t指标性质\t指标值\t计量单位\t是否核心",
                     "\t年度预算执行率\t=\t100\t%\t否"]).tables
    assert form.doubt.startswith("the indicator grid's pages print their columns otherwise")


BEIJING_HEADER = ["预算05表 一般公共预算支出表", "金额单位：万元", "功能分类科目 预算数", "基本支出 项目支出",
                  "科目编码 科目名称 合计", "扣除基建项目后预", "小计 人员经费 公用经费 项目支出总数", "算数"]


def test_equal_amounts_are_seated_where_the_column_totals_hold():
    # 388.08 three times fits 合计/小计/人员经费 and 合计/项目支出总数/扣除基建 alike by the row's
    # identities; the 合计 row's columns decide
    doc = _parse([*BEIJING_HEADER, "2040601 行政运行 100.00 90.00 80.00 10.00 10.00 10.00",
                  "2040602 一般行政管理事务 388.08 388.08 388.08", "2050803 培训支出 5.00 5.00 5.00",
                  "合计 493.08 95.00 85.00 10.00 398.08 398.08"])
    [table] = doc.tables
    assert table.column_texts()[-2:] == ["预算数/项目支出/项目支出总数", "预算数/项目支出/扣除基建项目后预算数"]
    assert [[c.text for c in r] for r in table.rows[1:3]] == [
        ["2040602", "一般行政管理事务", "388.08", "", "", "", "388.08", "388.08"],
        ["2050803", "培训支出", "5.00", "5.00", "5.00", "", "", ""]]


def test_a_row_with_more_amounts_than_columns_makes_the_table_doubtful():
    doc = _parse(["一般公共预算支出表", "单位：万元", "科目编码 科目名称 合计 基本支出 项目支出",
                  "201 一般公共服务支出 10.00 6.00 4.00", "20101 人大事务 10.00 6.00 4.00 4.00 1.00"])
    [table] = doc.tables
    # both reasons, the header's partial fit found first
    assert table.doubt == ("the printed header matches the columns only in part (71%); check the columns against "
                           "the source; 1 row(s) print more amounts than the 3 amount columns read from the header; "
                           "check the columns against the source")


def test_names_wrapped_around_a_coded_panel_line_join_their_panel():
    doc = _parse(["2025年度部门决算", "一般公共预算财政拨款基本支出决算表", "单位：万元", "经济分", "经济分类", "类科目",
                  "科目编码 科目名称 决算数 科目名称 决算数", "编码", "类 款 类 款",
                  "301 工资福利支出 2,857.05 302 商品和服务支出 401.93",
                  "301 07 绩效工资 655.52 302 06 电费 26.20",
                  "机关事业单位基本", "301 08 229.67 302 07 邮电费 3.48", "养老保险缴费",
                  "301 11 公务员医疗补助缴 0.00 302 11 差旅费 1.75", "费 因公出国（境）费", "301 12 其他社会保障缴费 7.17 302 12 0.00",
                  "用", "301 13 住房公积金 207.69 302 13 维修（护）费 25.22"])
    [table] = doc.tables
    assert [(r[2].text, r[6].text) for r in table.rows] == [
        ("工资福利支出", "商品和服务支出"), ("绩效工资", "电费"), ("机关事业单位基本养老保险缴费", "邮电费"),
        ("公务员医疗补助缴费", "差旅费"), ("其他社会保障缴费", "因公出国（境）费用"), ("住房公积金", "维修（护）费")]
    assert table.rows[2][2].lines == (12, 13, 14)


def test_the_headers_words_printed_among_the_rows_run_together_are_no_row():
    # plain pdftotext prints the header of a continuation page among the rows, words run together
    # (one fragment per line, blank lines between, as plain pdftotext prints a table)
    fragments = ["2024年度部门决算", "收入决算表", "单位：万元", "项目", "支出功能分类科目编码", "科目名称", "本年收入合计",
                 "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入", "类", "款", "项",
                 "201", "一般公共服务支出", "2,112.86", "2,106.66", "6.20", "科目名称科目编码类款项",
                 "201", "06", "财政事务", "2,112.86", "2,106.66", "6.20"]
    doc = _parse("\n\n".join(fragments).split("\n"))
    [table] = doc.tables
    assert [[c.text for c in r][:5] for r in table.rows] == [
        ["201", "", "", "一般公共服务支出", "2112.86"], ["201", "06", "", "财政事务", "2112.86"]]
    # the header's words are no doubt; 6.20 fits any of the five columns after 财政拨款收入, and
    # nothing in a text of fragments tells which: that is said
    assert table.doubt == "2 rows' figures fit other columns as well and nothing told their columns: check the " \
                          "columns against the source"


def test_a_final_summarys_figures_past_their_row_numbers_seat_the_income_tables_totals():
    # every row of the 收入决算表 prints four of its seven figures, left-packed: the sums hold
    # whichever two columns the last two fill; the summary before it, its figures past a 行次
    # column, gives 事业收入 150.00 and 其他收入 50.00
    doc = _parse(["2024年度部门决算", "收入支出决算总表", "单位：万元", "收入 支出",
                  "项目 行次 决算数 项目 行次 决算数",
                  "一、一般公共预算财政拨款收入 1 300.00 一、一般公共服务支出 31 500.00",
                  "二、上级补助收入 2 二、外交支出 32",
                  "三、事业收入 3 150.00 三、国防支出 33",
                  "四、经营收入 4 四、公共安全支出 34",
                  "五、其他收入 5 50.00 五、教育支出 35",
                  "本年收入合计 6 500.00 本年支出合计 36 500.00",
                  "收入决算表", "单位：万元", "项目",
                  "支出功能分类科目编码 科目名称 本年收入合计 财政拨款收入 上级补助收入 事业收入 经营收入 附属单位上缴收入 其他收入",
                  "合计 500.00 300.00 150.00 50.00",
                  "201 一般公共服务支出 500.00 300.00 150.00 50.00"])
    income = doc.tables[1]
    assert [[c.text for c in r] for r in income.rows] == [
        ["", "合计", "500.00", "300.00", "", "150.00", "", "", "50.00"],
        ["201", "一般公共服务支出", "500.00", "300.00", "", "150.00", "", "", "50.00"]]


def test_a_column_of_figures_holding_percentages_and_amounts_doubts_the_columns():
    doc = _parse(["2019年度部门决算", "项目支出情况表", "单位：万元", "序号 项目名称 预算批复 实际执行 执行率",
                  "1 弥补资金缺口 5000.00 4974.00 99.48%", "2 启动资金 1000.00 100.00% 1000.00",
                  "3 应急资金 280.00 70.00 25.00%"])
    [table] = doc.tables
    assert table.doubt == "2 column(s) of figures hold both percentages and amounts (实际执行): figures were likely " \
        "read a column off; check the rows against the source"
    assert table.columns_doubted


def test_figures_moved_past_a_group_to_any_of_the_columns_after_it_alike_are_guesses():
    # `4.60` cannot stand under 政府性基金预算 (小计 would break); under any of the four
    # columns after the group, the total's and its rows' sums hold alike: the rows printing
    # it are guesses, the others (their figures in the first columns) are not
    from core.placement import GUESSED
    doc = _parse(["2026年烟台市审计局部门预算", "基本支出预算情况表", "部门（单位）：烟台市审计局 单位：万元",
                  "科目编码 科目编码 财政拨款", "使用非财", "部门预算支出经济分类 政府预算支出经济分类 财政专户管",
                  "合计 单位资金 政拨款结 上年结转", "科目 科目 一般公共预 政府性基金 国有资本经 理资金", "类 款 类 款 小计 余",
                  "算 预算 营预算", "合计 2,776.85 2,772.25 2,772.25 4.60",
                  "301 工资福利支出 501 机关工资福利支出 2,566.53 2,566.53 2,566.53",
                  "302 商品和服务支出 502 机关商品和服务支出 210.32 205.72 205.72 4.60",
                  "302 01 办公费 502 01 办公经费 184.60 184.60 184.60",
                  "302 99 其他商品和服务支出 502 99 其他商品和服务支出 25.72 21.12 21.12 4.60"])
    [table] = doc.tables
    assert table.column_texts()[11] == "财政专户管理资金"
    assert [r[11].text for r in table.rows] == ["4.60", "", "4.60", "", "4.60"]
    assert [{c.inferred for c in r if c.text and c.inferred} for r in table.rows] == \
        [{GUESSED}, set(), {GUESSED}, set(), {GUESSED}]


def test_a_rows_label_survives_the_headers_words_printed_after_it():
    doc = _parse(["2024年度部门决算", "收入决算表", "单位：万元", "项目",
                  "支出功能分类科目编码 科目名称 本年收入合计 财政拨款收入 上级补助收入 事业收入 经营收入 附属单位上缴收入 其他收入",
                  "类 款 项", "201 一般公共服务支出 2,112.86 2,106.66 0.00 0.00 0.00 0.00 6.20", "科目名称科目编码类款项",
                  "201 06 财政事务 2,112.86 2,106.66 0.00 0.00 0.00 0.00 6.20"])
    [table] = doc.tables
    assert [(r[0].text, r[1].text, r[3].text, r[4].text) for r in table.rows] == [
        ("201", "", "一般公共服务支出", "2112.86"), ("201", "06", "财政事务", "2112.86")]


def test_reading_order_panels_with_the_level_words_apart_split_their_codes():
    # plain pdftotext: one cell per line; the header's 类 and 款 fall apart, among other header
    # cells and the first row (`科目编码 类 … 款`); the codes are printed in their parts
    fragments = ["2024年度部门决算", "一般公共预算财政拨款基本支出决算表", "单位：万元", "经济分类", "经济分类",
                 "科目编码", "类", "科目名称", "决算数", "款", "301", "科目编码", "类", "工资福利支出", "2,082.85",
                 "302", "科目名称", "决算数", "商品和服务支出", "171.07", "款", "301", "01", "基本工资", "262.33",
                 "302", "01", "办公费", "21.21", "301", "13", "住房公积金", "187.19", "302", "13", "维修（护）费"]
    doc = _parse("\n\n".join(fragments).split("\n"))
    [table] = doc.tables
    assert table.column_texts() == ["经济分类科目编码/类", "经济分类科目编码/款", "科目名称", "决算数"] * 2
    assert [[c.text for c in r] for r in table.rows] == [
        ["301", "", "工资福利支出", "2082.85", "302", "", "商品和服务支出", "171.07"],
        ["301", "01", "基本工资", "262.33", "302", "01", "办公费", "21.21"],
        ["301", "13", "住房公积金", "187.19", "302", "13", "维修（护）费", ""]]      # as printed, full-width


def test_reading_order_rows_sharing_amounts_around_the_headers_cells_and_codes_printed_late():
    # plain pdftotext: two rows' amounts after one label, the header's cells, then every code
    # (`201` `201 06` `201 06 01 行政运行`); rows with an empty cell print fewer amounts
    fragments = ["2024年度部门决算", "一般公共预算财政拨款支出决算表", "单位：万元", "项目", "功能分类", "合计", "基本支出",
                 "项目支出", "一般公共服务支出", "2,106.66", "1,503.52", "603.14", "财政事务", "2,106.66", "1,503.52",
                 "603.14", "1,511.89", "1,503.52", "8.37", "科目编码", "类", "款", "科目名称", "项", "201", "201", "06",
                 "201", "06", "01", "行政运行", "201", "06", "02", "一般行政管理事务", "10.00", "10.00",
                 "201", "06", "07", "信息化建设", "135.25", "135.25"]
    doc = _parse("\n\n".join(fragments).split("\n"))
    [table] = doc.tables
    assert table.column_texts()[:4] == ["项目/功能分类科目编码/类", "项目/功能分类科目编码/款", "项目/功能分类科目编码/项",
                                 "项目/科目名称"]
    rows = [[c.text for c in r] for r in table.rows]
    assert [r for r in rows if r[0]][:4] == [
        ["201", "", "", "一般公共服务支出", "2106.66", "1503.52", "603.14"],
        ["201", "06", "", "财政事务", "2106.66", "1503.52", "603.14"],
        ["201", "06", "01", "行政运行", "1511.89", "1503.52", "8.37"],
        ["201", "06", "02", "一般行政管理事务", "10.00", "", "10.00"]]
    # the header's cells are no row
    assert [r[:4] for r in rows] == [["201", "", "", "一般公共服务支出"], ["201", "06", "", "财政事务"],
                                     ["201", "06", "01", "行政运行"], ["201", "06", "02", "一般行政管理事务"],
                                     ["201", "06", "07", "信息化建设"]] and table.doubt == ""


def test_a_unit_column_before_the_code_takes_the_unit_row_and_codes_go_to_the_code_column():
    # Shenzhen's template: 预算单位 / 科目编码 / 科目名称, the unit's own row first
    doc = _parse(["表7", "一般公共预算支出表（按功能分类）", "部门名称：深圳市某局（本级） 单位：万元",
                  "预算单位 科目编码 科目名称 支出总计 基本支出 项目支出",
                  "深圳市某局（本级） 5,417.80 4,104.00 1,313.80",
                  "201 一般公共服务支出 3,478.72 2,357.92 1,120.80",
                  "20105 统计信息事务 3,478.72 2,357.92 1,120.80",
                  "2010501 行政运行 2,357.92 2,357.92 0.00"])
    [table] = doc.tables
    assert table.column_texts() == ["预算单位", "科目编码", "科目名称", "支出总计", "基本支出", "项目支出"]
    assert [[c.text for c in r] for r in table.rows] == [
        ["深圳市某局（本级）", "", "", "5417.80", "4104.00", "1313.80"],
        ["", "201", "一般公共服务支出", "3478.72", "2357.92", "1120.80"],
        ["", "20105", "统计信息事务", "3478.72", "2357.92", "1120.80"],
        ["", "2010501", "行政运行", "2357.92", "2357.92", "0.00"]]


def test_a_table_outside_the_catalogue_with_a_grouping_header_and_wrapped_label_cells():
    # Beijing's 政府购买服务明细表: `指导性目录` over 一级 二级 三级 beside `预算金额`; a label cell
    # wrapped above and below the rest of its row; a page number between the rows; `合 计` spaced
    doc = _parse(["预算11表 财政拨款政府购买服务明细表", "金额单位：万元", "指导性目录", "预算金额", "一级 二级 三级",
                  "合 计 5,138.63", "01-公共服务 0101-公共安全服务 公共安全保障服务 43.13",
                  "行业职业资格准入和水平评价管", "01-公共服务 0116-行业管理服务 12.00", "理服务",
                  "0202-课题研究和社会调查", "02-政府履职辅助性服务 课题研究服务 19.60", "服务", "21",
                  "01-公共服务 0115-公共信息与宣传服务 公共公益宣传服务 39.60",
                  "01-公共服务 0115-公共信息与宣传服务 公共公益宣传服务 15.00",
                  "01-公共服务 0116-行业管理服务 行业人才培养服务 4.80"])
    [table] = doc.tables
    assert table.kind == "other"
    assert table.column_texts() == ["指导性目录/一级", "指导性目录/二级", "指导性目录/三级", "预算金额"]
    assert [[c.text for c in r] for r in table.rows] == [
        ["合计", "", "", "5138.63"],
        ["01-公共服务", "0101-公共安全服务", "公共安全保障服务", "43.13"],
        ["01-公共服务", "0116-行业管理服务", "行业职业资格准入和水平评价管理服务", "12.00"],
        ["02-政府履职辅助性服务", "0202-课题研究和社会调查服务", "课题研究服务", "19.60"],
        ["01-公共服务", "0115-公共信息与宣传服务", "公共公益宣传服务", "39.60"],
        ["01-公共服务", "0115-公共信息与宣传服务", "公共公益宣传服务", "15.00"],
        ["01-公共服务", "0116-行业管理服务", "行业人才培养服务", "4.80"]]


def test_a_header_printed_whole_on_one_line_is_read_as_printed_with_two_label_pairs():
    # Xi'an's 支出明细表: no template of the kind matches well; its header line names every
    # column, the department and the government economic class each a code-and-name pair, an
    # empty 备注 last; a row prints only its non-empty amounts
    doc = _parse(["表6", "部门综合预算一般公共预算支出明细表（按支出经济分类科目）", "单位：元",
                  "部门经济科目编码 部门经济科目名称 政府经济科目编码 政府经济科目名称 合计 人员经费支出 公用经费支出 "
                  "专项业务经费支出 备注",
                  "合计 62,109,297.20 34,557,893.03 2,143,304.17 25,408,100.00",
                  "301 工资福利支出 32,493,937.03 32,493,937.03",
                  "30101 基本工资 50101 工资奖金津补贴 7,678,981.80 7,678,981.80",
                  "30102 津贴补贴 50101 工资奖金津补贴 7,785,756.68 7,785,756.68"])
    [table] = doc.tables
    assert table.column_texts() == ["部门经济科目编码", "部门经济科目名称", "政府经济科目编码", "政府经济科目名称", "合计",
                             "人员经费支出", "公用经费支出", "专项业务经费支出", "备注"]
    assert [[c.text for c in r] for r in table.rows] == [
        ["", "合计", "", "", "62109297.20", "34557893.03", "2143304.17", "25408100.00", ""],
        ["301", "工资福利支出", "", "", "32493937.03", "32493937.03", "", "", ""],
        ["30101", "基本工资", "50101", "工资奖金津补贴", "7678981.80", "7678981.80", "", "", ""],
        ["30102", "津贴补贴", "50101", "工资奖金津补贴", "7785756.68", "7785756.68", "", "", ""]]
    assert table.doubt == ""


def test_a_label_amounts_and_description_table_with_both_text_cells_wrapped_and_centred():
    # Guangdong's 项目支出表: the project's name and its 绩效目标 both wrap, centred on the
    # amounts' line; a line holds a piece of either or both; a description's last line ends
    # a sentence, and a row follows it: the table goes on
    doc = _parse(["部门预算项目支出及其他支出预算表", "单位名称：珠海市某局 单位：万元",
                  "支出项目类别（资金使用单位） 总计 合计 一般公共预算 政府性基金预算 国有资本经营预算 财政专户拨款 其他资金 绩效目标",
                  "合计 1,834.49 1,834.49 1,834.49 0.00 0.00 0.00 0.00",
                  "口岸维修经费 57.52 57.52 57.52 0.00 0.00 0.00 0.00",
                  "为了确保大桥口岸及大桥通关、通行安全、顺畅，预计",
                  "港珠澳大桥珠海公路口 开展对出境旅客通关安全检查工作，工作内容包括按照",
                  "968.69 968.69 968.69 0.00 0.00 0.00 0.00",
                  "岸安检服务经费 有关规定对出境旅客及行李物品实行安全检查，预计达",
                  "到大桥口岸及大桥通关、通行安全的目的。",
                  "辅助人员补助经费-拱 通过配置辅助人员保障海关监管需要，更好助力服务地",
                  "808.28 808.28 808.28 0.00 0.00 0.00 0.00",
                  "北海关 方经济发展，促进外贸保稳提质。",
                  "广州市全国1%人口抽样", "15.00 15.00 15.00 0.00 0.00 0.00 0.00 和政策体系，促进人口长期均衡发展。",
                  "调查经费", "以上项目均为经常性项目"])
    [table] = doc.tables
    assert [(r[0].text, r[1].text, r[-1].text) for r in table.rows] == [
        ("合计", "1834.49", ""), ("口岸维修经费", "57.52", ""),
        ("港珠澳大桥珠海公路口岸安检服务经费", "968.69",
         "为了确保大桥口岸及大桥通关、通行安全、顺畅，预计开展对出境旅客通关安全检查工作，工作内容包括按照"
         "有关规定对出境旅客及行李物品实行安全检查，预计达到大桥口岸及大桥通关、通行安全的目的。"),
        ("辅助人员补助经费-拱北海关", "808.28", "通过配置辅助人员保障海关监管需要，更好助力服务地方经济发展，促进外贸保稳提质。"),
        ("广州市全国1%人口抽样调查经费", "15.00", "和政策体系，促进人口长期均衡发展。")]
    assert table.notes == ["以上项目均为经常性项目"]        # text no cell takes is kept, not lost


def test_a_figure_word_printed_under_every_amount_column_is_their_leaf():
    # the Shanghai 决算 template prints 决算数 under each column; findings still name the column
    from core.validate import validate
    doc = _parse(["2025年度部门决算", "支出决算表", "单位：万元", "项目",
                  "功能分 本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出", "类科目 科目名称",
                  "编码 决算数 决算数 决算数 决算数 决算数 决算数",
                  "类 款 项 合计 100.00 60.00 40.01 0.00 0.00 0.00",
                  "211 节能环保支出 100.00 60.00 40.01 0.00 0.00 0.00"])
    [table] = doc.tables
    assert [c.split("/")[-1] for c in table.column_texts()[-6:]] == ["决算数"] * 6
    assert [c.split("/")[-2] for c in table.column_texts()[-6:]] == ["本年支出合计", "基本支出", "项目支出", "上缴上级支出",
                                                              "经营支出", "对附属单位补助支出"]
    rounding = [f for f in validate(doc) if f.check == "sum" and f.row == 1]
    assert [f.where for f in rounding] == ["211 节能环保支出 / 本年支出合计"]


def test_a_table_outside_the_standard_set_that_prints_a_known_header_takes_its_columns():
    # Guangdong's 部门预算基本支出预算表 is no standard table, but prints the columns of its
    # 项目支出表 (all but 绩效目标), wrapped over three lines
    doc = _parse(["表11", "部门预算基本支出预算表", "单位名称：珠海市某局 单位：万元", "支出项目类别（资金使用 财政拨款",
                  "总计 财政专户拨款 其他资金", "单位） 合计 一般公共预算 政府性基金预算 国有资本经营预算",
                  "合计 7,519.44 7,519.44 7,519.44 0.00 0.00 0.00 0.00",
                  "工资和福利支出 4,250.28 4,250.28 4,250.28 0.00 0.00 0.00 0.00"])
    [table] = doc.tables
    assert table.kind == "other" and table.doubt == ""
    assert table.column_texts() == ["支出项目类别（资金使用单位）", "总计", "财政拨款/合计", "财政拨款/一般公共预算",
                             "财政拨款/政府性基金预算", "财政拨款/国有资本经营预算", "财政专户拨款", "其他资金"]
    assert [c.text for c in table.rows[1]] == ["工资和福利支出", "4250.28", "4250.28", "4250.28", "0.00", "0.00",
                                              "0.00", "0.00"]


def test_an_empty_table_read_in_fragments_keeps_its_total_row_but_not_the_headers():
    # plain pdftotext: the empty table's 合计 row comes among the header's cells, before its
    # note; the header's own 合计 after it. A table printing only the header's 合计 has no row.
    head = ["2024年部门政府性基金预算支出功能分类预算表", "编制部门：某街道办事处", "单位：元", "项目", "政府性基金预算支出",
            "功能分类科目编码", "功能分类科目名称", "类", "款", "项"]
    empty = _parse("\n\n".join(head + ["合计", "注:本部门无政府性基金预算财政拨款安排的预算，故本表为空表。", "合计",
                                         "基本支出", "项目支出"]).split("\n"))
    [table] = empty.tables
    assert [[c.text for c in r] for r in table.rows] == [["", "", "", "合计", "", "", ""]]
    header_only = _parse("\n\n".join(head + ["合计", "基本支出", "项目支出"]).split("\n"))
    assert header_only.tables[0].rows == []


def test_three_panels_of_a_central_basic_table_and_its_totals_row():
    # 公开06 of the central departments: 科目代码 / 科目名称 / 决算数 three times; the totals row
    # prints two totals, the second spanning the last two panels with its amount under the last
    doc = _parse(["2024年度部门决算", "一般公共预算财政拨款基本支出决算表", "公开06表", "部门：某局 金额单位：万元",
                  "人员经费 公用经费", "科目 科目代 科目", "科目名称 决算数 科目名称 决算数 科目名称 决算数", "代码 码 代码",
                  "301 工资福利支出 6,982.75 302 商品和服务支出 2,239.41 307 债务利息及费用支出",
                  "30101 基本工资 1,857.40 30201 办公费 83.92 30701 国内债务付息",
                  "30106 伙食补助费 30204 手续费 0.66 31001 房屋建筑物购建",
                  "人员经费合计 7,967.72 公用经费合计 2,266.65"])
    [table] = doc.tables
    assert table.column_texts()[:3] == ["人员经费/科目代码", "人员经费/科目名称", "人员经费/决算数"]
    assert [[c.text for c in r] for r in table.rows] == [
        ["301", "工资福利支出", "6982.75", "302", "商品和服务支出", "2239.41", "307", "债务利息及费用支出", ""],
        ["30101", "基本工资", "1857.40", "30201", "办公费", "83.92", "30701", "国内债务付息", ""],
        ["30106", "伙食补助费", "", "30204", "手续费", "0.66", "31001", "房屋建筑物购建", ""],
        ["", "人员经费合计", "7967.72", "", "公用经费合计", "", "", "", "2266.65"]]     # labels in the name columns


def test_four_panels_side_by_side_follow_their_numbered_lists():
    # a 收支总表 telling the spending three ways: labels go to the panels whose lists they
    # continue (`12、` after `11、` on the left, `(6)` after `(5)`); the catalog's （按大类）
    # is the text's (按大类) once both are NFKC
    doc = _parse(["部门综合预算收支总表", "单位：元", "收入 支出",
                  "项目 预算数 支出功能分类科目（按大类） 预算数 部门预算支出经济分类科目（按大类） 预算数 "
                  "政府预算支出经济分类科目（按大类） 预算数",
                  "一、部门预算 100.00 一、部门预算 100.00 一、部门预算 100.00 一、部门预算 100.00",
                  "1、财政拨款 100.00 1、一般公共服务支出 60.00 1、人员经费和公用经费支出 100.00 1、机关工资福利支出 70.00",
                  "2、上级补助收入 2、外交支出 (1)工资福利支出 70.00 2、机关商品和服务支出 30.00",
                  "3、国防支出 40.00 (2)商品和服务支出 30.00",
                  "本年收入合计 100.00 本年支出合计 100.00 本年支出合计 100.00 本年支出合计 100.00"])
    [table] = doc.tables
    assert table.column_texts()[2] == "支出/支出功能分类科目（按大类）"
    assert [[c.text for c in r] for r in table.rows[2:4]] == [
        ["2、上级补助收入", "", "2、外交支出", "", "(1)工资福利支出", "70.00", "2、机关商品和服务支出", "30.00"],
        ["", "", "3、国防支出", "40.00", "(2)商品和服务支出", "30.00", "", ""]]


FOUR_PANEL_HEADER = ["部门综合预算政府性基金收支总表", "单位：万元", "收入 支出",
                     "项目 预算数 支出功能分类科目（按大类） 预算数 部门预算支出经济分类科目（按大类） 预算数 "
                     "政府预算支出经济分类科目（按大类） 预算数"]


def test_lines_of_panels_that_print_fewer_labels_are_seated_by_the_lines_after_them():
    # `二、文化旅游体育与传媒` goes on the income panel's list as well as the function panel's:
    # a line at a time, it went to the income panel, and every spending item after it a panel
    # left; `四、转移性支出` (spending: never the income's) tells the lists apart
    doc = _parse(FOUR_PANEL_HEADER + [
        "一、政府性基金拨款 一、科学技术 一、人员经费和公用经费支出 一、机关工资福利支出",
        "二、文化旅游体育与传媒 工资福利支出 二、机关商品和服务支出",
        "三、社会保障和就业 商品和服务支出 三、机关资本性支出（一）",
        "四、转移性支出 对个人和家庭的补助 四、对企业补助",
        "对社会保障基金补助 五、其他支出",
        "其他支出",
        "二、专项业务经费支出",
        "本年收入合计 本年支出合计 本年支出合计 本年支出合计"])
    [table] = doc.tables
    assert [[c.text for c in r][::2] for r in table.rows] == [
        ["一、政府性基金拨款", "一、科学技术", "一、人员经费和公用经费支出", "一、机关工资福利支出"],
        ["", "二、文化旅游体育与传媒", "工资福利支出", "二、机关商品和服务支出"],
        ["", "三、社会保障和就业", "商品和服务支出", "三、机关资本性支出（一）"],
        ["", "四、转移性支出", "对个人和家庭的补助", "四、对企业补助"],
        # items without a number go on with the panel that prints such items
        ["", "", "对社会保障基金补助", "五、其他支出"],
        ["", "", "其他支出", ""],
        ["", "", "二、专项业务经费支出", ""],
        ["本年收入合计", "本年支出合计", "本年支出合计", "本年支出合计"]]
    assert table.doubt == ""


def test_a_label_going_on_two_panels_lists_is_doubted_where_nothing_tells_which():
    # `四、…` goes on both spending lists, and no line after it tells which
    doc = _parse(FOUR_PANEL_HEADER + [
        "一、政府性基金拨款 一、科学技术 一、人员经费和公用经费支出 一、机关工资福利支出",
        "二、文化旅游体育与传媒 二、专项业务经费支出 二、机关商品和服务支出",
        "三、社会保障和就业 三、机关资本性支出（一）",
        "四、节能环保",
        "本年收入合计 本年支出合计 本年支出合计 本年支出合计"])
    [table] = doc.tables
    assert "四、节能环保 goes on a list in two panels, and the lines after it fit either" in table.doubt


def test_a_layout_texts_label_goes_to_the_panel_it_is_printed_under():
    # `2、机关商品和服务支出` goes on the lists of three panels alike; the layout text prints it
    # under the last panel's labels
    doc = _parse(["部门综合预算收支总表", "单位：元", "收入 支出",
                  "项目        预算数   支出功能分类科目（按大类）  预算数   部门预算支出经济分类科目（按大类）  预算数   "
                  "政府预算支出经济分类科目（按大类）  预算数",
                  "一、财政拨款  100.00   1、一般公共服务支出   60.00   1、人员经费和公用经费支出   100.00   1、机关工资福利支出   70.00",
                  " " * 63 + "2、机关商品和服务支出   30.00",
                  "本年收入合计  100.00   本年支出合计   100.00   本年支出合计   100.00   本年支出合计   100.00"])
    [table] = doc.tables
    assert [c.text for c in table.rows[1]] == ["", "", "", "", "", "", "2、机关商品和服务支出", "30.00"]
    assert table.doubt == ""


def test_four_panels_named_without_their_class_level_take_the_four_panel_template():
    # Xi'an's 2020 收支总表 names its spending panels 支出功能分类 / 部门预算支出经济分类 /
    # 政府预算支出经济分类, without 科目（按大类）: the same template, not the two-panel one
    doc = _parse(["部门综合预算收支总表", "单位：元", "收 入 支 出",
                  "项 目 预算数 支出功能分类 预算数 部门预算支出经济分类 预算数 政府预算支出经济分类 预算数",
                  "1、财政拨款 100.00 1、一般公共服务 60.00 1、人员经费和公用经费支出 100.00 1、机关工资福利支出 70.00",
                  "2、上级补助收入 2、外交 40.00 (1)工资福利支出 70.00 2、机关商品和服务支出 30.00",
                  "本年收入合计 100.00 本年支出合计 100.00 本年支出合计 100.00 本年支出合计 100.00"])
    [table] = doc.tables
    assert table.column_texts() == ["收入/项目", "收入/预算数", "支出/支出功能分类", "支出/预算数", "支出/部门预算支出经济分类",
                                    "支出/预算数", "支出/政府预算支出经济分类", "支出/预算数"]
    assert [c.text for c in table.rows[1]] == ["2、上级补助收入", "", "2、外交", "40.00", "(1)工资福利支出", "70.00",
                                               "2、机关商品和服务支出", "30.00"]
    assert table.doubt == ""


def test_a_line_of_the_panels_first_items_without_figures_is_a_row_not_the_headers():
    # `一、部门预算` opens each panel's list on a line of its own, no figure on it: a numbered
    # item is a row's label, and no column is named after it
    doc = _parse(["部门综合预算收支总表", "单位：元", "收入 支出",
                  "项目 预算数 支出功能分类科目（按大类） 预算数 部门预算支出经济分类科目（按大类） 预算数 "
                  "政府预算支出经济分类科目（按大类） 预算数",
                  "一、部门预算 一、部门预算 一、部门预算 一、部门预算",
                  "1、财政拨款 100.00 1、一般公共服务支出 60.00 1、人员经费和公用经费支出 100.00 1、机关工资福利支出 70.00",
                  "2、上级补助收入 2、外交支出 40.00 (1)工资福利支出 70.00 2、机关商品和服务支出 30.00",
                  "本年收入合计 100.00 本年支出合计 100.00 本年支出合计 100.00 本年支出合计 100.00"])
    [table] = doc.tables
    assert table.column_texts()[1] == "收入/预算数"
    assert [c.text for c in table.rows[0]] == ["一、部门预算", "", "一、部门预算", "", "一、部门预算", "", "一、部门预算", ""]
    assert len(table.rows) == 4 and table.doubt == ""


def test_a_whole_number_after_a_label_in_a_table_without_codes_is_a_figure():
    # 2430000 looks like a 项's code (seven digits), but a 收支总表's templates print no code:
    # after 二、事业收入 it is that row's figure
    doc = _parse(["部门收支总表", "单位：元", "收入 支出", "项目 预算数 项目 预算数",
                  "一、财政拨款 7500000 一、一般公共服务支出 2430000",
                  "二、事业收入 2430000 二、教育支出 7500000",
                  "收入总计 9930000 支出总计 9930000"])
    [table] = doc.tables
    assert [[c.text for c in row] for row in table.rows] == [
        ["一、财政拨款", "7500000", "一、一般公共服务支出", "2430000"],
        ["二、事业收入", "2430000", "二、教育支出", "7500000"],
        ["收入总计", "9930000", "支出总计", "9930000"]]
    assert table.doubt == ""


def test_labels_over_a_line_of_figures_alone_are_its_labels_not_the_row_aboves_wrapped_end():
    # pdfplumber's text prints the totals' labels on a line of their own over their figures:
    # under 三、单位预留机动经费 they stand in the gap of the figures' line, where its labels print
    doc = _parse(["财政拨款收支预算总表", "部门： 江苏省某厅 单位：万元", "收入 支出", "支出用途", "项目名称 金额",
                  "项目名称 金额", "一、一般公共预算 13,649.07 一、基本支出 7,666.68",
                  "二、政府性基金预算 二、项目支出 5,853.96", "三、单位预留机动经费 128.43", "收入合计 支出合计",
                  "13,649.07 13,649.07"])
    [table] = doc.tables
    assert [[c.text for c in row] for row in table.rows[2:]] == [["三、单位预留机动经费", "128.43", "", ""],
                                                                ["收入合计", "", "支出合计", "13649.07"]]
    assert table.doubt       # (its figures read apart from their labels: still doubted, as it was)


@pytest.mark.parametrize("lines, columns", [
    # Xi'an's 2020 收入总表: 用事业基金弥补收支差额 for 使用非财政拨款结余
    (["部门综合预算收入总表", "单位：万元", "单位编码 单位名称 部门预算",
      "合计 一般公共预算拨款 政府性基金拨款 上级补助收入 事业收入 事业单位经营收入 对附属单位上缴收入 "
      "用事业基金弥补收支差额 上年结转 上年实户资金余额 其他收入",
      "小计 其中：专项资金列入部门预算项目",
      "合计 110.00 100.00 50.00 0 0 0 0 0 0 0 10.00 0", "242001 某局 110.00 100.00 50.00 0 0 0 0 0 0 0 10.00 0"],
     ["单位编码", "单位名称", "部门预算/合计", "部门预算/一般公共预算拨款/小计",
      "部门预算/一般公共预算拨款/其中：专项资金列入部门预算项目", "部门预算/政府性基金拨款", "部门预算/上级补助收入",
      "部门预算/事业收入", "部门预算/事业单位经营收入", "部门预算/对附属单位上缴收入", "部门预算/用事业基金弥补收支差额",
      "部门预算/上年结转", "部门预算/上年实户资金余额", "部门预算/其他收入"]),
    # its 2021 支出总表: a 总计 first, the appropriation named 公共预算拨款, no 上年结转
    (["部门综合预算支出总表", "单位：元", "单位编码 单位名称 总计 部门预算",
      "合计 公共预算拨款 政府性基金拨款 事业收入 事业单位经营收入 对附属单位上缴收入 上年实户资金余额 其他收入",
      "小计 其中：专项资金列入部门预算的项目",
      "合计 110.00 110.00 100.00 50.00 0 0 0 0 10.00 0", "242001 某局 110.00 110.00 100.00 50.00 0 0 0 0 10.00 0"],
     ["单位编码", "单位名称", "总计", "部门预算/合计", "部门预算/公共预算拨款/小计",
      "部门预算/公共预算拨款/其中：专项资金列入部门预算的项目", "部门预算/政府性基金拨款", "部门预算/事业收入",
      "部门预算/事业单位经营收入", "部门预算/对附属单位上缴收入", "部门预算/上年实户资金余额", "部门预算/其他收入"]),
])
def test_xian_unit_tables_of_each_years_sources_take_their_template(lines, columns):
    [table] = _parse(lines).tables
    assert table.column_texts() == columns
    assert [c.text for c in table.rows[1]][-3:] == ["0", "10.00", "0"]
    assert table.doubt == ""


def test_xians_spending_by_function_class_under_a_header_wrapped_around_its_numbers_takes_its_template():
    # 功能科目 / 编码 and 专项业务经费支 / 出 wrap around the 序号 line: the function class's
    # template, not the economic one's (部门/政府经济科目编码)
    doc = _parse(["部门综合预算一般公共预算支出明细表", "单位：元",
                  "   功能科目                                                   专项业务经费支",
                  "序号            功能科目名称      合计     人员经费支出   公用经费支出                 备注",
                  "   编码                                                          出",
                  " 1              合计            100.00       60.00        10.00          30.00",
                  " 2  205         教育支出        100.00       60.00        10.00          30.00",
                  " 3  20508       进修及培训      100.00       60.00        10.00          30.00"])
    [table] = doc.tables
    assert table.column_texts() == ["序号", "功能科目编码", "功能科目名称", "合计", "人员经费支出", "公用经费支出",
                                    "专项业务经费支出", "备注"]
    assert [c.text for c in table.rows[2]] == ["3", "20508", "进修及培训", "100.00", "60.00", "10.00", "30.00", ""]
    assert table.doubt == ""


def test_the_files_page_number_beside_the_printed_one_is_a_page_number():
    # a central 决算 (pdfplumber text) prints each page's number and then the file's (`13`, `15`);
    # on short pages neither stands apart, and the pairs through the document tell them
    from pathlib import Path

    from core.extract import page_number_lines
    from core.reader import read_document_text
    src = read_document_text(Path(__file__).parent / "data" / "real" / "national_petition_bureau_2024_final.pdfplumber.txt")
    pages = page_number_lines(src)
    assert {319, 320, 330, 331, 345, 346, 350, 351} <= pages
    assert [src.norm[k - 1] for k in (345, 346)] == ["13", "15"]


def test_a_budget_and_its_actual_are_printed_or_left_empty_alike():
    # 公开09: 小计 = 购置费 + 运行维护费 holds with 40.63 under either part; the text names the
    # 决算数 of 运行维护费, and the 预算数 group follows the 决算数 group's empty column
    doc = _parse(["2024年度部门决算", "全年公务用车运行维护费支出 40.61 万元。", "一般公共预算财政拨款“三公”经费支出决算表",
                  "公开09表", "部门：某局 金额单位：万元", "预算数 决算数",
                  "公务用车购置及运行维护费 公务用车购置及运行维护费", "因公出国 公务接待 因公出国（境）",
                  "合计 公务用车购 公务用车运 合计 公务用车运行维 公务接待费", "（境）费 小计 费 费 小计 公务用车购置费",
                  "置费 行维护费 护费", "1 2 3 4 5 6 7 8 9 10 11 12",
                  "76.43 30.00 40.63 40.63 5.80 46.21 4.69 40.61 40.61 0.90"])
    [table] = [t for t in doc.tables if t.kind == "final.three_public"]
    assert table.column_texts()[:2] == ["预算数/合计", "预算数/因公出国（境）费"]
    assert [c.text for c in table.rows[0]] == [
        "76.43", "30.00", "40.63", "", "40.63", "5.80", "46.21", "4.69", "40.61", "", "40.61", "0.90"]


def test_label_columns_before_the_amounts_take_a_piece_each():
    # Beijing's 预算06表 prints both economic classes as `code-name` cells before the amounts; a
    # row's one amount goes under 人员经费 or 公用经费 by its department class (301 / 302)
    doc = _parse(["预算06表 一般公共预算基本支出表", "金额单位：万元", "预算数", "政府支出经济分类科目 部门支出经济分类科目",
                  "合计 人员经费 公用经费", "50101-工资奖金津补贴 30101-基本工资 2,164.528800 2,164.528800",
                  "50201-办公经费 30201-办公费 101.000000 101.000000",
                  "50299-其他商品和服务支出 30299-其他商品和服务支出 448.477079 299.101079 149.376000"])
    [table] = doc.tables
    assert table.column_texts()[:2] == ["政府支出经济分类科目", "部门支出经济分类科目"]
    assert [[c.text for c in r] for r in table.rows] == [
        ["50101-工资奖金津补贴", "30101-基本工资", "2164.528800", "2164.528800", ""],
        ["50201-办公经费", "30201-办公费", "101.000000", "", "101.000000"],
        ["50299-其他商品和服务支出", "30299-其他商品和服务支出", "448.477079", "299.101079", "149.376000"]]


def test_a_table_outside_the_standard_set_starts_at_its_printed_number():
    # `公开05表` above a title the catalog does not know starts a table, as printed (（功能科目）),
    # with the columns its header prints; `部门名称：… 单位：万元` is its unit line
    doc = _parse(["公开04表", "财政拨款收支预算总表", "部门名称： 某检察院 单位:万元", "收入 支出", "项目名称 金额 项目名称 金额",
                  "一、一般公共预算 300.00 一、基本支出 300.00", "收入合计 300.00 支出合计 300.00",
                  "公开05表", "财政拨款支出预算表（功能科目）", "部门名称： 某检察院 单位：万元", "功能科目代码 功能科目名称 金额",
                  "合 计 300.00", "204 公共安全支出 300.00", "20404 检察 300.00"])
    assert [(t.kind, t.title, t.first_line) for t in doc.tables] == [
        ("budget.fiscal_summary", "财政拨款收支预算总表", 1), ("other", "财政拨款支出预算表（功能科目）", 8)]
    other = doc.tables[1]
    assert (other.unit, other.column_texts()) == ("万元", ["功能科目代码", "功能科目名称", "金额"])
    assert [[c.text for c in r] for r in other.rows] == [
        ["", "合计", "300.00"], ["204", "公共安全支出", "300.00"], ["20404", "检察", "300.00"]]


def test_reading_order_codes_and_totals_printed_apart_from_their_rows():
    # plain pdftotext prints a table one cell per line in reading order: the class code in the
    # header, a 款's code after its row, several rows' codes in one block, a repeated header
    # with codes among its words, and the total's label after its amounts
    cells = ["2026年部门支出预算总表", "编制部门：某局", "单位：元", "项目", "功能分类科目编码", "类", "款", "功能分类科目名称",
             "项", "204", "支出预算", "合计", "基本支出", "项目支出",
             "公共安全支出", "300.00", "100.00", "200.00", "司法", "300.00", "100.00", "200.00",
             "204", "06", "204", "06", "01", "行政运行", "100.00", "100.00", "0.00",
             "204", "06", "04", "基层司法业务", "200.00", "0.00", "200.00",
             "项目", "功能分类科目编码", "类", "款", "210", "210", "11", "210", "11", "功能分类科目名称", "项", "01",
             "支出预算", "合计", "基本支出", "项目支出", "卫生健康支出", "50.00", "50.00", "0.00",
             "行政事业单位医疗", "50.00", "50.00", "0.00", "行政单位医疗", "50.00", "50.00", "0.00",
             "350.00", "150.00", "200.00", "合计"]
    doc = _parse([line for cell in cells for line in (cell, "")])
    [table] = doc.tables
    assert table.column_texts()[:4] == ["项目/功能分类科目编码/类", "项目/功能分类科目编码/款", "项目/功能分类科目编码/项",
                                 "项目/功能分类科目名称"]
    assert [[c.text for c in r] for r in table.rows] == [
        ["204", "", "", "公共安全支出", "300.00", "100.00", "200.00"],
        ["204", "06", "", "司法", "300.00", "100.00", "200.00"],
        ["204", "06", "01", "行政运行", "100.00", "100.00", "0.00"],
        ["204", "06", "04", "基层司法业务", "200.00", "0.00", "200.00"],
        ["210", "", "", "卫生健康支出", "50.00", "50.00", "0.00"],
        ["210", "11", "", "行政事业单位医疗", "50.00", "50.00", "0.00"],
        ["210", "11", "01", "行政单位医疗", "50.00", "50.00", "0.00"],
        ["", "", "", "合计", "350.00", "150.00", "200.00"]]


SUMMARY_HEAD = ["2025年部门财务收支预算总表", "编制部门：某局", "单位：元", "本年收入", "本年支出", "项目", "预算数", "项目", "预算数"]


def test_the_two_halves_of_a_summary_row_printed_on_two_lines_are_one_row():
    # PyMuPDF prints the income side of a row, then its spending side, on lines of their own
    doc = _parse([*SUMMARY_HEAD, "一、财政拨款收入", "300.00", "一、一般公共服务支出", "100.00",
                  "二、事业收入", "二、科学技术支出", "150.00", "三、其他收入", "三、住房保障支出", "50.00",
                  "收入总计", "300.00", "支出总计", "300.00"])
    [table] = doc.tables
    assert [[c.text for c in r] for r in table.rows] == [
        ["一、财政拨款收入", "300.00", "一、一般公共服务支出", "100.00"], ["二、事业收入", "", "二、科学技术支出", "150.00"],
        ["三、其他收入", "", "三、住房保障支出", "50.00"], ["收入总计", "300.00", "支出总计", "300.00"]]
    assert table.doubt == ""


def test_a_summarys_rows_read_out_of_step_make_it_doubtful():
    # rows that alternate between the panels and open no row of their lists cannot be paired
    # (their names hold words of the income panel's lines: 资金, 补助)
    doc = _parse([*SUMMARY_HEAD[:3], "收入 支出", "项目 预算数 项目 预算数", "财政拨款 300.00 一、一般公共服务支出 100.00",
                  "专项资金 60.00", "二、教育支出 150.00", "培训补助 150.00", "三、住房保障支出 50.00",
                  "住房补助 50.00", "四、其他支出 0.00", "收入总计 300.00 支出总计 300.00"])
    [table] = doc.tables
    assert table.doubt.startswith("the two panels' rows alternate")


def test_a_summarys_items_that_name_no_source_of_funds_go_on_with_the_expense_panel():
    # the same rows named as expense subjects: no line of an income panel names none of its words
    doc = _parse([*SUMMARY_HEAD[:3], "收入 支出", "项目 预算数 项目 预算数", "财政拨款 300.00 一、一般公共服务支出 100.00",
                  "统计管理 60.00", "二、教育支出 150.00", "进修及培训 150.00", "三、住房保障支出 50.00",
                  "住房改革 50.00", "四、其他支出 0.00", "收入总计 300.00 支出总计 300.00"])
    [table] = doc.tables
    assert [[c.text for c in r] for r in table.rows] == [
        ["财政拨款", "300.00", "一、一般公共服务支出", "100.00"], ["", "", "统计管理", "60.00"],
        ["", "", "二、教育支出", "150.00"], ["", "", "进修及培训", "150.00"], ["", "", "三、住房保障支出", "50.00"],
        ["", "", "住房改革", "50.00"], ["", "", "四、其他支出", "0.00"], ["收入总计", "300.00", "支出总计", "300.00"]]
    assert table.doubt == ""


def test_amounts_printed_before_a_totals_own_go_to_the_rows_that_printed_none():
    # reading order: two rows' amounts come after the 支出总计 label; the items then add up
    doc = _parse([*SUMMARY_HEAD, "一、财政拨款收入", "300.00 一、一般公共服务支出", "100.00", "二、事业收入",
                  "二、科学技术支出", "三、其他收入", "三、住房保障支出", "收入总计", "300.00", "支出总计",
                  "120.00", "80.00", "300.00"])
    [table] = doc.tables
    assert [[c.text for c in r] for r in table.rows] == [
        ["一、财政拨款收入", "300.00", "一、一般公共服务支出", "100.00"], ["二、事业收入", "", "二、科学技术支出", "120.00"],
        ["三、其他收入", "", "三、住房保障支出", "80.00"], ["收入总计", "300.00", "支出总计", "300.00"]]


def test_a_table_outside_the_catalogue_with_a_one_line_header_is_read_cell_by_cell():
    # a 会议费明细表: one word per column in the header, one cell per word in the rows, the
    # empty 备注 last; a 序号 is a cell, not an amount of the row before
    doc = _parse(["会议费明细表", "单位：万元", "序号 会议名称 时间 人数 金额 备注",
                  "1 试点工作部署动员会 2026年03月04日 80 1.19", "2 农普领导小组普查工作推进会 2026年07月08日 59 1.38",
                  "3 经济运行分析会 2026年05月26日 80 2.00"])
    [table] = doc.tables
    assert table.column_texts() == ["序号", "会议名称", "时间", "人数", "金额", "备注"]
    assert [[c.text for c in r] for r in table.rows] == [
        ["1", "试点工作部署动员会", "2026年03月04日", "80", "1.19", ""],
        ["2", "农普领导小组普查工作推进会", "2026年07月08日", "59", "1.38", ""],
        ["3", "经济运行分析会", "2026年05月26日", "80", "2.00", ""]]


def test_a_row_numbered_and_left_empty_keeps_its_number_and_the_rest_their_numbers():
    # a 序号 table's row 4 prints its number alone (tab cells, as a PDF's ruled table): it is an
    # empty row numbered 4, and rows 5 and 6 are still numbered apart, no column of their
    # numbers left beside an empty one; the header printed again past a page break is no row
    doc = _parse(["财政拨款收支总表", "单位：元", "序号\t项目\t预算数\t项目\t预算数",
                  "1\t一、财政拨款\t300.00\t一、一般公共服务支出\t200.00", "2\t\t\t二、教育支出\t50.00",
                  "3\t\t\t三、科学技术支出\t50.00", "序号\t项目\t预算数\t项目\t预算数", "4\t\t\t\t",
                  "5\t本年收入合计\t300.00\t本年支出合计\t300.00",
                  "6\t收入总计\t300.00\t支出总计\t300.00"])
    [table] = doc.tables
    assert table.column_texts()[:3] == ["序号", "项目", "预算数"]
    assert [[c.text for c in r][:3] for r in table.rows] == [
        ["1", "一、财政拨款", "300.00"], ["2", "", ""], ["3", "", ""], ["4", "", ""], ["5", "本年收入合计", "300.00"],
        ["6", "收入总计", "300.00"]]


def test_a_figure_wrapped_round_its_rows_line_in_a_text_without_places_is_read_whole():
    # pdfplumber's plain text cuts a figure wider than its cell: its head on the line above
    # the row's, its last digit on the line below; the whole figure is the row's total where
    # it sums the row's others (Shenzhen's 轨道交通管理), else its last (Hangzhou's 项目支出)
    doc = _parse(["支出总表", "单位：万元", "科目编码 科目名称 合计 基本支出 项目支出", "350,631.5",
                  "合计 175,631.59 175,000.00", "9", "201 一般公共服务支出 231.00 231.00 0.00",
                  "175,400.5", "212 城乡社区支出 175,204.09 196.50", "9"])
    [table] = doc.tables
    assert [[c.text for c in r] for r in table.rows] == [
        ["", "合计", "350631.59", "175631.59", "175000.00"], ["201", "一般公共服务支出", "231.00", "231.00", "0.00"],
        ["212", "城乡社区支出", "175400.59", "175204.09", "196.50"]]


def test_a_standard_title_numbered_as_a_heading_over_its_unit_line_is_the_tables_title():
    # Jiangsu's 2017 budget heads each table `一、收支预算总表`, its agency and unit on the next
    # line; the 目录 lists the same headings, and a heading over prose stays a heading
    doc = _parse(["江苏省人民检察院2017年度部门预算", "目 录", "一、收支预算总表", "二、收入预算总表",
                  "第一部分 部门概况", "一、收支预算总表情况说明", "本部门2017年收入17,996.68万元。",
                  "一、收支预算总表", "部门： 江苏省人民检察院 单位：万元", "收入 支出",
                  "项目名称 金额 功能科目名称 金额", "一、财政拨款 17,996.68 一、公共安全支出 17,996.68",
                  "收入合计 17,996.68 支出合计 17,996.68",
                  "二、收入预算总表", "部门： 江苏省人民检察院 单位：万元", "项目名称 金额", "收入总计 17,996.68"])
    assert [(t.title, t.kind) for t in doc.tables] == [
        ("收支预算总表", "budget.income_expense_summary"), ("收入预算总表", "budget.income")]


def test_numbered_titles_outside_the_set_over_a_unit_line_in_pieces_and_wrapped_are_the_tables_titles():
    # the same budget in PyMuPDF's text: its unit line a piece a line (`部门：` / the agency /
    # `单位：万元`); a table outside the standard set numbered alike keeps its title; a title
    # wrapped after its number (`十一、…支出预` / `算表`) is read whole; 政府性基金支出预算表 is
    # the fund's spending table
    unit = ["部门：", "江苏省人民检察院", "单位：万元"]
    doc = _parse(["五、财政拨款支出预算表", *unit, "功能科目代码", "功能科目名称", "金额", "合计", "100.00",
                  "七、政府性基金支出预算表", *unit, "功能科目代码", "功能科目名称", "金额", "合计", "0.00",
                  "十一、一般公共预算“三公”经费、会议费、培训费支出预", "算表", *unit, "合计", "因公出国（境）费", "公务接待费",
                  "10.00", "6.00", "4.00"])
    assert [(t.title, t.kind) for t in doc.tables] == [
        ("财政拨款支出预算表", "other"), ("政府性基金支出预算表", "budget.gov_fund_expense"),
        ("一般公共预算“三公”经费、会议费、培训费支出预算表", "budget.three_public")]


def test_a_standard_numbered_title_whose_unit_line_stands_under_the_first_cells_titles_its_table():
    # pdftotext's raw text of that budget sets the first cells, even a figure, before the unit
    # line; the unit line is the titled table's, no table of its own; over a sentence, no title
    doc = _parse(["三、支出预算总表", "部门：", "江苏省人民检察院", "合计", "基本支出", "17,996.68", "单位：万元",
                  "项目支出", "12,323.48", "5,673.20",
                  "四、财政拨款收支预算总表", "本部门2017年财政拨款收入17,996.68万元。", "单位：万元", "收入 支出"])
    assert [(t.title, t.first_line, t.last_line) for t in doc.tables] == [("支出预算总表", 1, 10)]


def test_a_coded_rows_figure_on_a_ruled_line_of_its_own_is_the_rows():
    # Jiangsu's 2019 检察院 PDF rules 204 公共安全支出 and its figure apart (` | | 16,444.36`): one
    # printed row cut by the rules of a neighbouring cell, its code no figure
    doc = _parse(["一般公共预算支出预算表", "单位：万元", "功能科目代码\t功能科目名称\t金额", "合 计\t\t21,940.96",
                  "204\t公共安全支出\t", "\t\t21,940.96", "20404\t检察\t21,940.96", "2040401\t行政运行\t21,940.96"])
    [table] = doc.tables
    assert [[c.text for c in r] for r in table.rows] == [
        ["", "合计", "21940.96"], ["204", "公共安全支出", "21940.96"], ["20404", "检察", "21940.96"],
        ["2040401", "行政运行", "21940.96"]]


def test_a_header_cell_printing_a_slash_is_one_level_of_its_column():
    # `数量/台` is one printed cell: one column named so, an amount column, not a group 数量 over 台
    doc = _parse(["设备购置明细表", "单位：万元", "序号 品目名称 数量/台 金额",
                  "1 台式计算机 12 7.20", "2 打印机 3 0.90", "3 服务器 2 8.40"])
    [table] = doc.tables
    assert [(c.path, c.role) for c in table.columns] == [
        (("序号",), ColumnRole.ORDINAL), (("品目名称",), ColumnRole.NAME), (("数量/台",), ColumnRole.AMOUNT),
        (("金额",), ColumnRole.AMOUNT)]
    assert [[c.text for c in r] for r in table.rows][0] == ["1", "台式计算机", "12", "7.20"]


def test_columns_take_their_role_from_the_leaf_of_their_path():
    roles = {w: Column.parse(w).role for w in ("支出功能分类科目编码", "功能分类科目编码/类", "科目名称", "项目",
                                                "项目支出", "项目单位", "行次", "本年收入/预算数", "列3")}
    assert roles == {"支出功能分类科目编码": ColumnRole.CODE, "功能分类科目编码/类": ColumnRole.CODE_PART,
                     "科目名称": ColumnRole.NAME, "项目": ColumnRole.NAME, "项目支出": ColumnRole.AMOUNT,
                     "项目单位": ColumnRole.TEXT, "行次": ColumnRole.SEQUENCE, "本年收入/预算数": ColumnRole.AMOUNT,
                     "列3": ColumnRole.AMOUNT}
    assert Column.parse("列3").numbered and not Column.parse("合计").numbered
    # a project's or a purchase's descriptive columns hold words, their 金额 and 本年拨款 figures
    assert {w: Column.parse(w).role for w in ("项目类型", "采购方式", "主管部门", "资金用途", "本年拨款")} == {
        "项目类型": ColumnRole.TEXT, "采购方式": ColumnRole.TEXT, "主管部门": ColumnRole.TEXT,
        "资金用途": ColumnRole.TEXT, "本年拨款": ColumnRole.AMOUNT}
    assert Column.parse("支出/基本支出/人员经费").path == ("支出", "基本支出", "人员经费")
    assert Column.of(("支出", "", "合计")).text == "支出/合计" and Column.of(()).text == ""


def test_a_class_code_printed_as_one_digit_opens_its_row():
    # the PDF's font printed 210 as `7`: `7 11 02 事业单位医疗 …` is a row of its own, and the
    # 7 is no amount of the row above (whose sum it had broken)
    doc = _parse(["2024年预算单位支出预算总表", "单位：元", "项目 支出预算", "功能分类科目编码", "功能分类科目名称 合计 基本支出 项目支出",
                  "类 款 项", "210 卫生健康支出 503,724 503,724", "210 11 行政事业单位医疗 503,724 503,724",
                  "7 11 02 事业单位医疗 503,724 503,724", "合计 503,724 503,724"])
    [table] = doc.tables
    assert [[c.text for c in r][:5] for r in table.rows[1:3]] == [
        ["210", "11", "", "行政事业单位医疗", "503724"], ["7", "11", "02", "事业单位医疗", "503724"]]
    # the same printed a fragment per line (PyMuPDF)
    fragments = [t for line in ["210 卫生健康支出 503,724 503,724", "210 11 行政事业单位医疗 503,724 503,724",
                                "7 11 02 事业单位医疗 503,724 503,724", "合计 503,724 503,724"] for t in line.split()]
    doc = _parse(["2024年预算单位支出预算总表", "单位：元", "项目 支出预算", "功能分类科目编码",
                  "功能分类科目名称 合计 基本支出 项目支出", "类 款 项", *fragments])
    [table] = doc.tables
    assert [c.text for c in table.rows[2]][:5] == ["7", "11", "02", "事业单位医疗", "503724"]


def test_a_code_printed_in_parts_between_the_pieces_of_its_wrapped_name():
    # `其他…事` / `201 03 99 20,120,000.00 20,120,000.00` / `务支出`: the parts are the row's code,
    # not amounts, and the name's two pieces join around them
    doc = _parse(["2025年预算单位收入预算总表", "单位：元", "项目 收入预算", "功能分类科目编码",
                  "功能分类科目名称 合计 财政拨款收入 事业收入 其他收入", "类 款 项",
                  "201 03 政府办公厅（室）及相关机构事务 32,120,000.00 32,120,000.00",
                  "201 03 01 行政运行 12,000,000.00 12,000,000.00", "其他政府办公厅（室）及相关机构事",
                  "201 03 99 20,120,000.00 20,120,000.00", "务支出"])
    [table] = doc.tables
    assert [c.text for c in table.rows[2]][:6] == [
        "201", "03", "99", "其他政府办公厅（室）及相关机构事务支出", "20120000.00", "20120000.00"]


def test_a_table_of_contents_spread_over_lines_by_reading_order_starts_no_tables():
    # plain pdftotext: `目` and `录` apart, each entry's dot leaders on the next line
    doc = _parse(["上海市普陀区2025年区级部门预算", "目", "录", "一、部门主要职能 ……………… 1", "三、名词解释", "………………… 3",
                  "1. 2025年部门财务收支预算总表", "…………………… 5", "2. 2025年部门收入预算总表", "…………………… 6",
                  "一、部门主要职能", "正文。" * 30, *THREE_PUBLIC, "1.00 1.00 171.01"])
    assert [t.kind for t in doc.tables] == ["budget.three_public"]


def test_the_one_row_of_figures_cut_by_header_words_is_one_row():
    # reading order prints `0.95 0.95`, then the header's `购置费 运行费`, then `229.43`; the
    # text says which of 出国 and 接待 holds the 0.95
    doc = _parse(["第一部分 说明", "公务接待费0.95万元，因公出国(境)费0万元。", *THREE_PUBLIC[:-1], "小计", "0.95", "0.95",
                  "购置费", "运行费", "229.43", "其他相关情况说明"])
    [table] = [t for t in doc.tables if t.kind == "budget.three_public"]
    assert [[c.text for c in r] for r in table.rows] == [["0.95", "", "0.95", "", "", "", "229.43"]]


def test_a_group_printed_over_a_column_that_holds_nothing_gives_no_column():
    from core.document import parse_document
    from core.reader import load_text
    lines = ["“三公”经费支出预算表", "单位：万元",
             "合计\t“三公”经费\t\t\t会议费",
             "\t小计\t\t公务接待费\t",
             "30.00\t20.00\t\t20.00\t10.00"]
    [three] = parse_document(load_text("\n".join(lines).encode("utf-8"))).tables
    assert three.column_texts() == ["合计", "“三公”经费/小计", "“三公”经费/公务接待费", "会议费"]
    assert [c.text for c in three.rows[0]] == ["30.00", "20.00", "20.00", "10.00"]


def test_codes_printed_after_a_totals_figures_go_to_the_rows_printed_without_theirs():
    # plain pdftotext of a whole-元 table: the codes of the last rows come after the 合计's
    # figures, a lone 项 part (`05`) among them; no amount has a decimal point there
    from core.document import parse_document
    from core.reader import load_text
    lines = ["2024年部门收入预算总表", "单位：元", "项目", "收入预算", "功能分类科目编码", "功能分类科目名称", "类", "款",
             "合计", "财政拨款收入", "事业收入", "项", "208", "社会保障和就业支出", "1,500,000", "1,500,000",
             "卫生健康支出", "500,000", "500,000", "行政事业单位医疗", "500,000", "500,000",
             "合计", "2,000,000", "2,000,000", "05", "210", "210", "11"]
    [income] = parse_document(load_text("\n".join(lines).encode("utf-8"))).tables
    assert [[c.text for c in r][:6] for r in income.rows] == [
        ["208", "", "", "社会保障和就业支出", "1500000", "1500000"],
        ["210", "", "", "卫生健康支出", "500000", "500000"],
        ["210", "11", "", "行政事业单位医疗", "500000", "500000"],
        ["", "", "", "合计", "2000000", "2000000"]]
    assert all(c.text == "" for r in income.rows for c in r[6:])


def test_a_units_summary_splits_its_spending_into_staff_running_and_project_costs():
    from core.document import parse_document
    from core.reader import load_text
    lines = ["2024年预算单位财务收支预算总表", "编制单位：某福利院 单位：元", "本年收入 本年支出", "预算数",
             "项目 预算数 项目 基本支出", "合计 项目支出", "人员经费 公用经费",
             "一、财政拨款收入 9,501,164 一、一般公共服务支出",
             "1、一般公共预算资金 9,501,164 二、社会保障和就业支出 11,281,624 6,540,674 2,120,950 2,620,000",
             "2、政府性基金 三、医疗卫生与计划生育支出 503,724 503,724",
             "二、事业收入 2,620,000",
             "收入总计 12,121,164 支出总计 11,785,348 7,044,398 2,120,950 2,620,000"]
    [summary] = parse_document(load_text("\n".join(lines).encode("utf-8"))).tables
    assert summary.column_texts() == ["本年收入/项目", "本年收入/预算数", "本年支出/项目", "本年支出/预算数/合计",
                               "本年支出/预算数/基本支出/人员经费", "本年支出/预算数/基本支出/公用经费",
                               "本年支出/预算数/项目支出"]
    assert [[c.text for c in r] for r in summary.rows][1:3] == [
        ["1、一般公共预算资金", "9501164", "二、社会保障和就业支出", "11281624", "6540674", "2120950", "2620000"],
        ["2、政府性基金", "", "三、医疗卫生与计划生育支出", "503724", "503724", "", ""]]


def test_a_row_of_figures_under_a_whole_header_line_with_a_page_number_after_it():
    # no label column: the header line names every column; `15` under `3990.4` is the page's
    # number (an amount cut after its decimal point takes at most the digits it lacks)
    from core.document import parse_document
    from core.reader import load_text
    page = ["正文。"] * 22
    lines = ["第二部分 部门预算表", *page, "13", "支出预算总表", "部门名称： 某检察院 单位：万元",
             "合计 基本支出 项目支出 单位预留机动经费 结转下年资金",
             "24169.74 15844.04 4335.30 3990.4", "15", *page, "16"]
    [spending] = parse_document(load_text("\n".join(lines).encode("utf-8"))).tables
    assert spending.column_texts() == ["合计", "基本支出", "项目支出", "单位预留机动经费", "结转下年资金"]
    assert [[c.text for c in r] for r in spending.rows] == [["24169.74", "15844.04", "4335.30", "3990.4", ""]]


def test_a_table_inside_a_reports_text_ends_at_the_next_heading():
    # no unit line and no tab: two lines of a label and its figures under the title make it a
    # table; a percentage is one cell; the heading and the wrapped text after it are not rows
    from core.document import parse_document
    from core.reader import load_text
    lines = ["三、综合评价情况及评价结论", "项目综合评价得分 85.19 分，评价等级为“良”（见表 2）。",
             "表 2：综合评价得分情况表", "一级指标 分值 得分 得分率",
             "决策 20 17.90 89.50%", "过程 20 17.99 89.95%", "合 计 40 35.89 89.73%",
             "四、绩效评价指标分析", "（一）项目决策情况", "该项目立项符合政策文件精神，符合对全国信访信息系统进",
             "行运行维护的现实需求，与部门职能职责相符，立项程序较为规"]
    [scores] = parse_document(load_text("\n".join(lines).encode("utf-8"))).tables
    assert (scores.title, scores.column_texts()) == ("综合评价得分情况表", ["一级指标", "分值", "得分", "得分率"])
    assert [[c.text for c in r] for r in scores.rows] == [
        ["决策", "20", "17.90", "89.50%"], ["过程", "20", "17.99", "89.95%"], ["合计", "40", "35.89", "89.73%"]]


def test_a_figure_printed_thrice_goes_to_the_group_its_subjects_nature_names():
    # `388.08` three times fits 合计 = 基本支出/小计 = 人员经费 as well as 合计 = 项目支出/小计 =
    # 项目支出总数, and no class row or total tells: 一般行政管理事务 is a project's spending,
    # 行政单位医疗 basic spending
    from core.document import parse_document
    from core.reader import load_text
    lines = ["预算05表 一般公共预算支出表", "金额单位：万元", "功能分类科目 预算数", "基本支出 项目支出",
             "科目编码 科目名称 合计", "扣除基建项目后预", "小计 人员经费 公用经费 项目支出总数", "算数",
             "2040602 一般行政管理事务 388.080000 388.080000 388.080000",
             "2101101 行政单位医疗 60.617112 60.617112 60.617112"]
    [spending] = parse_document(load_text("\n".join(lines).encode("utf-8"))).tables
    assert [c.split("/")[-1] for c in spending.column_texts()][2:] == \
        ["合计", "小计", "人员经费", "公用经费", "项目支出总数", "扣除基建项目后预算数"]
    assert [[c.text for c in r] for r in spending.rows] == [
        ["2040602", "一般行政管理事务", "388.080000", "", "", "", "388.080000", "388.080000"],
        ["2101101", "行政单位医疗", "60.617112", "60.617112", "60.617112", "", "", ""]]


def test_three_public_tables_of_shenzhen_and_beijing_take_their_templates():
    from core.document import parse_document
    from core.reader import load_text
    funds = "一般公共预 政府性基金 国有资本经 " * 6
    shenzhen = ["财政拨款“三公”经费支出表", "部门名称：某局（本级） 单位：万元", "公务用车购置及运行维护费",
                "总计 因公出国(境)费 公务接待费", "预算单位 年度 小计 公务用车购置费 公务用车运行维护费",
                funds.strip(), "算 预算 营预算 " * 6,
                "某局（本级） 2025年 59.62 0.00 0.00 43.87 0.00 0.00 11.56 0.00 0.00 4.20 0.00 0.00 "
                "0.00 0.00 0.00 4.20 0.00 0.00",
                "2026年 32.56 0.00 0.00 16.80 0.00 0.00 11.56 0.00 0.00 4.20 0.00 0.00 0.00 0.00 0.00 4.20 0.00 0.00"]
    [three] = parse_document(load_text("\n".join(shenzhen).encode("utf-8"))).tables
    assert three.column_texts()[:3] == ["预算单位", "年度", "总计/一般公共预算"]
    assert three.column_texts()[-1] == "公务用车购置及运行维护费/公务用车运行维护费/国有资本经营预算"
    # the unit's cell spans its years: the second row prints its year alone
    assert [[c.text for c in r][:4] for r in three.rows] == [
        ["某局（本级）", "2025年", "59.62", "0.00"], ["", "2026年", "32.56", "0.00"]]
    beijing = ["预算09表 财政拨款“三公”经费支出表", "金额单位：万元", "公务用车购置及运行维护费",
               "“三公”经费财政 因公出国（境）费", "公务接待费", "拨款预算总额 用",
               "小计 公务用车购置费 公务用车运行维护费",
               "102.109787 48.237000 2.813064 51.059723 15.420000 35.639723"]
    [three] = parse_document(load_text("\n".join(beijing).encode("utf-8"))).tables
    assert three.column_texts()[:3] == ["“三公”经费财政拨款预算总额", "因公出国（境）费用", "公务接待费"]
    assert [c.text for c in three.rows[0]] == ["102.109787", "48.237000", "2.813064", "51.059723", "15.420000",
                                                "35.639723"]


def test_items_without_a_number_go_on_with_the_panel_that_prints_such_items():
    # the income panel numbers every item (一、 1. 2.), the spending panel prints its 款 and 项
    # without: a line holding one label and figure after the income ran out is spending's
    from core.document import parse_document
    from core.reader import load_text
    lines = ["收支总表", "部门名称：某局（本级） 单位：万元", "收 入 支 出", "项 目 2026年预算数 项 目 2026年预算数",
             "一、财政拨款 600.00 一、一般公共服务支出 350.00",
             "1.一般公共预算拨款 600.00 统计信息事务 350.00",
             "2.政府性基金预算拨款 0.00 二、社会保障和就业支出 250.00",
             "行政事业单位养老支出 250.00", "行政单位离退休 250.00",
             "上年结余、结转 0.00 结转下年 0.00",
             "收入总计 600.00 支出总计 600.00"]
    [summary] = parse_document(load_text("\n".join(lines).encode("utf-8"))).tables
    assert summary.column_texts() == ["收入/项目", "收入/2026年预算数", "支出/项目", "支出/2026年预算数"]
    assert [[c.text for c in r] for r in summary.rows][3:6] == [
        ["", "", "行政事业单位养老支出", "250.00"], ["", "", "行政单位离退休", "250.00"],
        ["上年结余、结转", "0.00", "结转下年", "0.00"]]


def test_a_name_wrapped_around_its_codes_line_under_a_unit_column():
    # Shenzhen's 预算单位 / 科目编码 / 科目名称: the name's head above the code's line, its tail below
    from core.document import parse_document
    from core.reader import load_text
    zeros = " 0.00" * 7
    lines = ["支出总表", "部门名称：某局（本级） 单位：万元", "2026年政府采购项目", "其中：2026年", "其中：2026年",
             "政府采购项目", "事业单位 对附属单位", "政府采购项目",
             "预算单位 科目编码 科目名称 支出总计 基本支出 项目支出 上缴上级支出", "中预留给小",
             "经营支出 补助支出", "小计 中预留给", "型、微型企业", "中小企业的项", "的项目资金规", "目资金规模", "模",
             f"208 社会保障和就业支出 562.39 562.39{zeros}", f"2080501 行政单位离退休 252.07 252.07{zeros}",
             "机关事业单位基本养老", f"2080505 211.92 211.92{zeros}", "保险缴费支出",
             f"210 卫生健康支出 86.28 86.28{zeros}"]
    [spending] = parse_document(load_text("\n".join(lines).encode("utf-8"))).tables
    assert spending.column_texts()[:4] == ["预算单位", "科目编码", "科目名称", "支出总计"]
    assert [[c.text for c in r][:5] for r in spending.rows] == [
        ["", "208", "社会保障和就业支出", "562.39", "562.39"], ["", "2080501", "行政单位离退休", "252.07", "252.07"],
        ["", "2080505", "机关事业单位基本养老保险缴费支出", "211.92", "211.92"],
        ["", "210", "卫生健康支出", "86.28", "86.28"]]


def test_no_template_placeholder_reaches_a_header(documents):
    # an empty table takes its template's columns, in the document's year
    headers = [c for doc in documents.values() for t in doc.tables for c in t.column_texts()]
    assert headers and not [c for c in headers if "{" in c]
    fund = table(documents, "nanchang_medical_security_center_2024_budget.txt", "budget.gov_fund_expense")
    assert fund.column_texts()[2:] == ["2024年预算数/合计", "2024年预算数/基本支出", "2024年预算数/项目支出"]


def test_a_final_summarys_closing_lines_are_labels_of_their_own_in_fragments():
    # one fragment per line (PyMuPDF): `使用非财政拨款结余（含专用结余）` and `结余分配` print no
    # figure; each is a label of its own panel, not the head of the next
    from core.document import parse_document
    from core.reader import load_text
    lines = ["收入支出决算总表", "单位：万元", "收入", "支出", "项目", "决算数", "项目", "决算数",
             "一、一般公共预算财政拨款收入", "2,946.25", "一、一般公共服务支出", "2,940.05",
             "本年收入合计", "2,946.25", "本年支出合计", "2,940.05",
             "使用非财政拨款结余（含专用结余）", "结余分配", "年初结转和结余", "49.14", "年末结转和结余", "55.34",
             "总计", "2,995.39", "总计", "2,995.39"]
    [summary] = parse_document(load_text("\n".join(lines).encode("utf-8"))).tables
    assert [[c.text for c in r] for r in summary.rows][2:] == [
        ["使用非财政拨款结余（含专用结余）", "", "结余分配", ""], ["年初结转和结余", "49.14", "年末结转和结余", "55.34"],
        ["总计", "2995.39", "总计", "2995.39"]]


def test_the_two_totals_of_a_summary_printed_on_lines_of_their_own_are_one_row():
    # PyMuPDF prints `收入总计 …` and `支出总计 …` on two lines; no other row zigzags
    from core.document import parse_document
    from core.reader import load_text
    lines = ["2026年部门财务收支预算总表", "编制部门：某局", "单位：元", "本年收入", "本年支出", "项目", "预算数", "项目",
             "预算数", "一、财政拨款收入", "96,282,213.44 一、公共安全支出", "87,267,272.44 ", "1. 一般公共预算",
             "96,282,213.44 二、社会保障和就业支出", "3,343,704.00 ", "2. 政府性基金预算", "0.00 三、卫生健康支出",
             "1,149,678.00 ", "3. 国有资本经营预算", "0.00 四、住房保障支出", "4,521,559.00 ", "二、事业收入", "0.00 ",
             "三、事业单位经营收入", "0.00 ", "四、其他收入", "0.00 ", "收入总计", "96,282,213.44 ", "支出总计",
             "96,282,213.44 "]
    [summary] = parse_document(load_text("\n".join(lines).encode("utf-8"))).tables
    assert [[c.text for c in r] for r in summary.rows][-2:] == [
        ["四、其他收入", "0.00", "", ""], ["收入总计", "96282213.44", "支出总计", "96282213.44"]]


def test_an_amount_glued_after_its_label_is_a_cell_of_its_own():
    from core.tokens import split_tokens
    assert split_tokens("一、一般公共预算资金91,016,775.35 一、一般公共服务支出") == [
        "一、一般公共预算资金", "91,016,775.35", "一、一般公共服务支出"]
    # a year or a count inside a name is no amount
    assert split_tokens("1%人口普查（2026） A4黑白打印机") == ["1%人口普查（2026）", "A4黑白打印机"]


def test_amounts_run_together_and_glued_to_the_text_after_them_are_cells_of_their_own():
    # (pypdf's layout text of Guangzhou's 项目支出表: the last two figures and the goal's start)
    from core.tokens import split_tokens
    assert split_tokens("上级拨入专项调查经费 50.00 0.0050.00局主要职责是贯彻") == [
        "上级拨入专项调查经费", "50.00", "0.00", "50.00", "局主要职责是贯彻"]
    assert split_tokens("0.00二、外交支出") == ["0.00", "二、外交支出"]      # (one amount: as before)


def test_amounts_of_more_decimals_run_together_are_cut_by_the_decimals_their_line_prints():
    # (pypdf's layout text of Beijing's 收入总表, in 万元 to six decimals)
    from core.tokens import split_tokens
    assert split_tokens("29,956.26546029,577.00063829,569.515638 7.485000379.264822 104.581766") == [
        "29,956.265460", "29,577.000638", "29,569.515638", "7.485000", "379.264822", "104.581766"]
    assert split_tokens("75,000.00130,000.00 1.00") == ["75,000.00", "130,000.00", "1.00"]


def test_an_amount_run_on_into_the_next_rows_code_is_cut_by_the_decimals_its_line_prints():
    # (PyMuPDF's sorted text sets two rows on one line, the next row's 类 glued to the amount)
    from core.tokens import split_tokens
    assert split_tokens("208 05 05 机关事业单位基本养老保险缴费支出 1,410,886.00 1,410,886.00208 05 06") == [
        "208", "05", "05", "机关事业单位基本养老保险缴费支出", "1,410,886.00", "1,410,886.00", "208", "05", "06"]
    assert split_tokens("机关事业单位基本养老保险缴费支出 1839485.00 1839485.00 0.00208 05 06") == [
        "机关事业单位基本养老保险缴费支出", "1839485.00", "1839485.00", "0.00", "208", "05", "06"]
    # (figures of six decimals, or two left over, are no code)
    assert split_tokens("合计 7.485000 379.264822") == ["合计", "7.485000", "379.264822"]
    assert split_tokens("合计 1.00 2.00 3.0012") == ["合计", "1.00", "2.00", "3.0012"]


def test_two_rows_of_totals_are_half_and_half_each_a_total_with_its_part():
    from decimal import Decimal

    from core.placement import two_rows_of_totals
    figures = [Decimal(t) for t in ("3807295.58", "3807295.58", "20120000.00", "20120000.00")]
    assert two_rows_of_totals(figures)
    assert not two_rows_of_totals(figures[:2] + [Decimal(0), Decimal(0)])      # one row: the whole holds
    assert not two_rows_of_totals(figures[:3])                                  # no halves


def test_a_header_cell_gluing_a_word_to_another_header_words_start_does_not_rename_its_column():
    from core.extract import _lengthened
    words = {"其他收入", "功能分类科目编码", "科目名称", "一般公共预算"}
    # pypdf's `其他收入功能分类` (this layout's word begun) and `其他收入科目代码` (a code column's
    # name of the catalogue's 决算 layouts) are two cells glued; `一般公共预算资金` is the word longer
    assert _lengthened("其他收入", {"其他收入功能分类", "科目名称"}, words) == ""
    assert _lengthened("其他收入", {"其他收入科目代码", "科目名称"}, words) == ""
    assert _lengthened("一般公共预算", {"一般公共预算资金", "科目名称"}, words) == "一般公共预算资金"


def test_a_numbering_spaced_from_its_comma_stays_one_label():
    # `三 、机关资本性支出`: no cell opens with 、, and a letter-spaced word still joins
    from core.tokens import split_tokens
    assert split_tokens("三、社会保障和就业支出 商品和服务支出 三 、机关资本性支出") == [
        "三、社会保障和就业支出", "商品和服务支出", "三、机关资本性支出"]
    assert split_tokens("收 入 总 计 、") == ["收入总计、"]
    # … but a name column's header and the total beside it, letter-spaced alike, are two cells
    assert split_tokens("科目编码 科 目 名 称 总 计 基本支出") == ["科目编码", "科目名称", "总计", "基本支出"]


def test_an_empty_final_fund_table_keeps_its_printed_header():
    # no coded row: the 类 款 项 under the code are three columns, 小计 is printed, not 合计
    from core.document import parse_document
    from core.reader import load_text
    lines = ["2024年度部门决算", "政府性基金预算财政拨款收入支出决算表", "单位：万元", "项目 本年支出",
             "支出功能分类 年初结转和 年末结转和", "本年收入", "结余 结余", "科目编码 科目名称 小计 基本支出 项目支出",
             "类 款 项", "合计", "注：本单位无政府性基金预算财政拨款支出，故本表无数据。"]
    [fund] = parse_document(load_text("\n".join(lines).encode("utf-8"))).tables
    assert fund.column_texts() == ["项目/支出功能分类科目编码/类", "项目/支出功能分类科目编码/款", "项目/支出功能分类科目编码/项",
                            "项目/科目名称", "年初结转和结余", "本年收入", "本年支出/小计", "本年支出/基本支出",
                            "本年支出/项目支出", "年末结转和结余"]
    assert [[c.text for c in r] for r in fund.rows] == [["", "", "", "合计", "", "", "", "", "", ""]]


def test_of_two_templates_the_one_that_invents_less_where_the_header_prints_neither_word():
    # `功能分 / 类科目 / 编码` wraps the code's header too far apart to read: of the templates'
    # 支出功能分类科目编码 and 功能分类科目编码 the shorter is taken, not an invented 支出
    from core.document import parse_document
    from core.reader import load_text
    lines = ["2025年度部门决算", "收入决算表", "单位：万元", "项目", "附属单位上缴",
             "功能分 本年收入合计 财政拨款收入 上级补助收入 事业收入 经营收入 其他收入", "收入", "类科目 科目名称",
             "编码 决算数 决算数 决算数 决算数 决算数 决算数 决算数",
             "类 款 项 合计 4,733.14 4,733.14 0.00 0.00 0.00 0.00 0.00",
             "208 社会保障和就业支出 471.44 471.44 0.00 0.00 0.00 0.00 0.00"]
    [income] = parse_document(load_text("\n".join(lines).encode("utf-8"))).tables
    assert income.column_texts()[:3] == ["项目/功能分类科目编码", "项目/科目名称", "本年收入合计/决算数"]


def test_a_summarys_first_label_that_is_also_a_header_word_heads_its_row():
    # `财政拨款 5,417.80 一、…` opens a row of label and figure pairs: 财政拨款 is that row's label,
    # not the header's; a head over the numbered income list does not make that panel print
    # items without numbers, so 统计管理 alone on its line is spending's
    from core.document import parse_document
    from core.reader import load_text
    lines = ["财政拨款收支总表", "部门名称：某局（本级） 单位：万元", "收入 支出", "项目 2026年预算数 项目 2026年预算数",
             "财政拨款 5,417.80 一、一般公共服务支出 3,478.72", "1.一般公共预算拨款 5,417.80 统计信息事务 3,478.72",
             "2.政府性基金预算拨款 0.00 行政运行 2,357.92", "统计管理 1,120.80", "收入总计 5,417.80 支出总计 5,417.80"]
    [fiscal] = parse_document(load_text("\n".join(lines).encode("utf-8"))).tables
    assert fiscal.column_texts() == ["收入/项目", "收入/2026年预算数", "支出/项目", "支出/2026年预算数"]
    assert [[c.text for c in r] for r in fiscal.rows][0] == ["财政拨款", "5417.80", "一、一般公共服务支出", "3478.72"]
    assert [[c.text for c in r] for r in fiscal.rows][3] == ["", "", "统计管理", "1120.80"]


def _final_tables(lines: list[str]):
    from core.document import parse_document
    from core.reader import load_text
    return parse_document(load_text("\n".join(["2024年度部门决算", *lines]).encode("utf-8"))).tables


def test_reading_order_summary_panels_with_the_headers_printed_late_and_totals_side_by_side():
    # plain pdftotext prints the expense panel's header after the income's first row (`支出 决算数`
    # then its amount), that panel's `项目` before its first item and its `决算数` before that
    # item's amount; the closing lines come left panel first. The right panel's totals stand
    # beside the left's, and figures printed out of turn are seated as a guess, never silently
    [summary] = _final_tables([
        "收入支出决算总表", "单位：万元", "收入", "项目", "一、一般公共预算财政拨款收入", "", "支出", "决算数", "2,940.05", "",
        "项目", "一、一般公共服务支出", "", "二、政府性基金预算财政拨款收入", "", "二、外交支出", "", "三、其他收入", "",
        "6.20", "", "决算数", "2,106.66", "", "三、国防支出", "", "839.59", "", "本年收入合计", "", "2,946.25", "",
        "使用非财政拨款结余（含专用结余）", "年初结转和结余", "总计", "", "本年支出合计", "", "2,946.25", "",
        "结余分配", "49.14", "2,995.39", "", "年末结转和结余", "总计", "", "49.14", "2,995.39"])
    assert summary.column_texts() == ["收入/项目", "收入/决算数", "支出/项目", "支出/决算数"]
    assert [[c.text for c in r] for r in summary.rows] == [
        ["一、一般公共预算财政拨款收入", "2940.05", "一、一般公共服务支出", "2106.66"],
        ["二、政府性基金预算财政拨款收入", "", "二、外交支出", ""],
        ["三、其他收入", "6.20", "三、国防支出", "839.59"],
        ["本年收入合计", "2946.25", "本年支出合计", "2946.25"],
        ["使用非财政拨款结余（含专用结余）", "", "结余分配", "49.14"],
        ["年初结转和结余", "", "年末结转和结余", "49.14"],
        ["总计", "", "总计", "2995.39"]]
    assert summary.rows[4][3].inferred and not summary.rows[5][3].inferred


def test_reading_order_panel_items_out_of_turn_and_header_cells_among_them():
    # the expense panel's column names printed among its items (`合计` `一般公共预算财` `政拨款`)
    # are no labels; items printed out of their numbers' order (三、 before 二、) are put back
    [fiscal] = _final_tables([
        "财政拨款收入支出决算总表", "单位：万元", "收入", "项目", "一、一般公共预算财政拨款", "", "支出", "决算数", "2,940.05", "",
        "项目", "一、一般公共服务支出", "", "合计", "一般公共预算财", "政拨款", "", "2,106.66", "", "2,106.66", "",
        "三、卫生健康支出", "", "833.39", "", "833.39", "", "二、政府性基金预算财政拨款", "", "二、外交支出", "",
        "政府性基金预算", "财政拨款", "国有资本经营预", "算财政拨款", "四、住房保障支出", "",
        "本年收入合计", "", "2,940.05", "", "本年支出合计", "", "2,940.05", "", "2,940.05"])
    assert fiscal.column_texts()[2:5] == ["支出/项目", "支出/合计", "支出/一般公共预算财政拨款"]
    assert [[c.text for c in r] for r in fiscal.rows] == [
        ["一、一般公共预算财政拨款", "2940.05", "一、一般公共服务支出", "2106.66", "2106.66", "", ""],
        ["二、政府性基金预算财政拨款", "", "二、外交支出", "", "", "", ""],
        ["", "", "三、卫生健康支出", "833.39", "833.39", "", ""],
        ["", "", "四、住房保障支出", "", "", "", ""],
        ["本年收入合计", "2940.05", "本年支出合计", "2940.05", "2940.05", "", ""]]


def test_reading_order_header_cells_among_the_rows_and_a_totals_figures_printed_before_its_label():
    # plain pdftotext prints the code header's cells (科目编码 类 款 科目名称 项) among the rows
    # and the 合计 row's first figures on the row before its label
    [table] = _final_tables([
        "一般公共预算财政拨款支出决算表", "单位：万元", "项目", "功能分类", "合计", "基本支出", "项目支出",
        "201", "一般公共服务支出", "2,106.66", "1,503.52", "603.14", "科目编码", "类", "款", "科目名称", "项",
        "2010601", "行政运行", "1,511.89", "1,503.52", "8.37", "2010602", "一般行政管理事务", "594.77", "594.77",
        "221", "住房保障支出", "445.69", "445.69", "2,552.35", "1,949.21", "合计", "603.14"])
    assert [[c.text for c in r] for r in table.rows] == [
        ["201", "一般公共服务支出", "2106.66", "1503.52", "603.14"],
        ["2010601", "行政运行", "1511.89", "1503.52", "8.37"],
        ["2010602", "一般行政管理事务", "594.77", "", "594.77"],
        ["221", "住房保障支出", "445.69", "445.69", ""],
        ["", "合计", "2552.35", "1949.21", "603.14"]]


def test_a_bare_totals_figures_printed_after_a_row_that_fills_no_more_cells_than_the_table_has():
    # `925,901 925,901` then the 合计 row's `126,286,799 118,406,799 7,880,000`, then its label:
    # five figures fit the five amount columns, but only as two rows does each hold its total
    # (which of the three empty columns takes 7,880,000 the text alone does not tell)
    [table] = _parse([
        "2026年预算单位收入预算总表", "编制单位：上海市某局", "单位：元", "项目", "收入预算", "功能分类科目编码",
        "功能分类科目名称", "合计", "财政拨款收入", "事业收入", "事业单位", "经营收入", "其他收入", "类", "款", "项",
        "208", "社会保障和就业支出", "125,360,898", "117,480,898", "7,880,000",
        "221", "住房保障支出", "925,901", "925,901", "126,286,799", "118,406,799", "7,880,000", "合计"]).tables
    assert [[c.text for c in r if c.text] for r in table.rows] == [
        ["208", "社会保障和就业支出", "125360898", "117480898", "7880000"],
        ["221", "住房保障支出", "925901", "925901"],
        ["合计", "126286799", "118406799", "7880000"]]


def test_reading_order_total_row_printed_first_takes_the_label_printed_after_the_header_cells():
    # the 合计 row's figures come first, alone; its label after the header's cells among the rows
    [table] = _final_tables([
        "收入决算表", "单位：万元", "项目", "财政拨款收入", "2,946.25", "2,940.05", "6.20",
        "201", "一般公共服务支出", "2,500.56", "2,494.36", "6.20", "科目名称", "科目编码", "类", "款", "项", "合计",
        "2010601", "行政运行", "2,500.56", "2,494.36", "6.20", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入",
        "本年收入合计", "其他收入", "221", "住房保障支出", "445.69", "445.69"])
    assert [[c.text for c in r][:4] for r in table.rows] == [
        ["", "合计", "2946.25", "2940.05"], ["201", "一般公共服务支出", "2500.56", "2494.36"],
        ["2010601", "行政运行", "2500.56", "2494.36"], ["221", "住房保障支出", "445.69", "445.69"]]


def test_a_line_of_the_headers_words_is_no_names_tail_and_with_figures_makes_the_table_doubtful():
    # a continuation page's header line among the rows, its words run together: alone it is the
    # header again (not the end of the name above); over its column numbers too (the row they
    # make is dropped); with other figures it reads as a row, and the table says so
    lines = ["2024年度部门决算", "一般公共预算财政拨款支出决算表", "单位：万元", "项目 合计 基本支出 项目支出",
             "功能分类科目编码 科目名称", "类 款 项", "201 一般公共服务支出 2,106.66 1,503.52 603.14", "科目编码类款项",
             "201 06 财政事务 2,106.66 1,503.52 603.14"]
    [table] = _parse(lines).tables
    assert [r[3].text for r in table.rows] == ["一般公共服务支出", "财政事务"] and table.doubt == ""
    [numbered] = _parse([*lines[:7], "科目编码类款项 1 2 3", lines[8]]).tables
    assert [[c.text for c in r] for r in numbered.rows] == [[c.text for c in r] for r in table.rows]
    assert numbered.doubt == ""
    [figured] = _parse([*lines[:7], "科目编码类款项 5.00 6.00 7.00", lines[8]]).tables
    assert figured.doubt == ("the header's words (科目编码类款项) were read as a row's label: the rows around it are "
                             "likely out of step; check the rows against the source; 1 row(s) after coded rows print a "
                             "name and figures but no code (科目编码类款项): their codes were likely lost or read into "
                             "other rows; check the codes against the source")


def _budget_lines(printed: str):
    """A 预算 document of one table, its lines given joined by `|` (an empty line: `||`)."""
    return _parse(["2026年部门预算", *printed.split("|")])


def test_a_summary_in_reading_order_with_long_labels_alone_on_their_lines_is_read_as_fragments():
    # plain pdftotext: most lines hold one label or one figure, the labels longer than a short
    # word (`二、社会保障和就业支出`); the expense panel's column names come among its rows
    printed = ("2026年部门财政拨款收支预算总表|编制部门：上海市普陀区某局||单位：元||财政拨款收入|项目|一、一般公共预算||财政拨款支出|"
               "预算数||项目||96,282,213.44 一、公共安全支出||合计||一般公共预算||87,267,272.44||87,267,272.44||二、政府性基金预算||"
               "0.00 二、社会保障和就业支出||3,343,704.00||3,343,704.00||三、国有资本经营预算||0.00 三、卫生健康支出||1,149,678.00||"
               "1,149,678.00||四、住房保障支出||4,521,559.00||4,521,559.00||收入总计||96,282,213.44||支出总计||政府性基金预算||"
               "国有资本经营预算||96,282,213.44||96,282,213.44")
    [table] = _budget_lines(printed).tables
    assert table.layout == "fragment" and table.doubt == ""
    assert [[c.text for c in r] for r in table.rows] == [
        ["一、一般公共预算", "96282213.44", "一、公共安全支出", "87267272.44", "87267272.44", "", ""],
        ["二、政府性基金预算", "0.00", "二、社会保障和就业支出", "3343704.00", "3343704.00", "", ""],
        ["三、国有资本经营预算", "0.00", "三、卫生健康支出", "1149678.00", "1149678.00", "", ""],
        ["", "", "四、住房保障支出", "4521559.00", "4521559.00", "", ""],
        ["收入总计", "96282213.44", "支出总计", "96282213.44", "96282213.44", "", ""]]


def test_a_statement_of_sentences_alone_on_their_lines_is_no_table_of_fragments():
    from core.tokens import detect_layout
    # a project's statement, headed and numbered like a table, a page number its one figure
    sentences = ["详见单位的项目绩效目标表", "23", "生命健康专项（政策资金）经费情况说明", "一、项目概述",
                 "推动生命健康产业高质量发展，完成经济指标任务。", "二、立项依据", "1、《普陀区加快发展生命健康产业实施意见》。",
                 "三、实施主体", "上海市普陀区商务委员会", "四、实施方案",
                 "根据《实施意见》，制定实施流程和细则，明确申报指南，发布项目申报通知，",
                 "评估，按程序落实专项资金拨付", "五、实施周期", "2025.1.1-2025.12.31", "六、年度预算安排",
                 "2025年度项目总预算1170.00万，其中支持企业规模化发展870.00万，", "180.00万，合计1170.00万。", "七、绩效目标"]
    assert detect_layout(list(enumerate(sentences, 1))) == "space"


def test_lines_of_one_cells_figure_then_the_next_cells_label_are_reading_order_fragments():
    from core.tokens import detect_layout
    # PyMuPDF prints a row of four (label, figure) panels as `label` / `figure label` … / `figure`:
    # no row of a line-per-row layout opens with its figures
    glued = ["一、部门预算", "62,109,297.20 一、部门预算", "62,109,297.20 一、部门预算", "62,109,297.20 一、部门预算",
             "62,109,297.20", "1、财政拨款", "62,109,297.20 1、一般公共服务支出", "50,037,708.13 1、人员经费和公用经费支出",
             "36,701,197.20 1、机关工资福利支出", "32,493,937.03"]
    assert detect_layout(list(enumerate(glued, 1))) == "fragment"
    # … while rows that print their labels first are lines of cells
    rows = ["一、部门预算 62,109,297.20 一、部门预算 62,109,297.20", "1、财政拨款 62,109,297.20 1、一般公共服务支出 50,037,708.13",
            "(1)一般公共预算拨款 62,109,297.20 2、外交支出", "2、上级补助收入 6、科学技术支出", "3、事业收入 7、文化旅游体育与传媒支出",
            "4、事业单位经营收入 8、社会保障和就业支出 5,404,242.10", "5、附属单位上缴收入 10、卫生健康支出 1,977,080.79"]
    assert detect_layout(list(enumerate(rows, 1))) == "space"


def test_a_line_of_more_numbered_items_than_the_columns_have_label_columns_makes_the_table_doubtful():
    # income, spending by function and spending by use side by side under a header that names
    # two panels only (项目 预算数 twice): read with a two-panel template, a panel is lost, and
    # said so (Jiangsu's header, naming 功能分类 and 支出用途, has a template of its own)
    doc = _parse(["收支预算总表", "部门： 江苏省某院 单位：万元", "收入 支出", "项目 预算数 项目 预算数",
                  "一、财政拨款 24,169.74 一、一般公共服务支出 一、基本支出 15,844.04",
                  "1.一般公共预算 24,169.74 二、外交支出 二、项目支出 8,325.70", "当年收入小计 24,169.74 当年支出小计 24,169.74"])
    [table] = doc.tables
    assert table.doubt == ("a line prints 3 numbered items side by side, but the columns hold 2 label columns: "
                           "a panel is likely missing; check the columns against the source; its lines print 2 rows' "
                           "labels that stand in no cell (一、一般公共服务支出): its rows were likely read away; check it "
                           "against the source")


def test_an_empty_tables_nothing_to_show_line_and_total_row_are_its_rows_in_either_order():
    shanghai = _parse(["2026年部门政府性基金预算支出功能分类预算表", "编制部门：上海市普陀区某局 单位：元", "项目 政府性基金预算支出",
                       "功能分类科目编码", "功能分类科目名称 合计 基本支出 项目支出", "类 款 项", "无", "合计",
                       "注:本部门2026年无政府性基金预算财政拨款安排的预算，故本表为空表。"]).tables[0]
    assert [[c.text for c in r][3] for r in shanghai.rows] == ["无", "合计"]
    jiangsu = _parse(["政府性基金预算财政拨款支出预算表", "部门名称： 江苏省某院 单位：万元", "功能科目编码 功能科目名称 金 额",
                      "合 计", "此表为空"]).tables[0]
    assert jiangsu.column_texts() == ["功能科目编码", "功能科目名称", "金额"]
    assert [[c.text for c in r] for r in jiangsu.rows] == [["", "合计", ""], ["", "此表为空", ""]]


def test_an_empty_tables_total_row_printed_on_the_headers_last_line_is_kept():
    # `合计 合计 基本支出 项目支出`: one 合计 more than the header's own is the total row's label
    [table] = _parse(["2025年度部门决算", "政府性基金预算财政拨款收入支出决算表", "单位：万元", "项目", "年初结转和 年末结转和",
                      "本年收入 本年支出", "功能分类", "结余 结余", "科目名称", "科目编码", "合计 合计 基本支出 项目支出"]).tables
    assert [[c.text for c in r] for r in table.rows] == [["", "合计", "", "", "", "", "", ""]]


def test_the_page_number_under_a_table_read_line_by_line_is_no_row_of_figures():
    [table] = _parse(["2024年度部门决算", "一般公共预算财政拨款支出决算表", "单位：万元", "项目 合计 基本支出 项目支出",
                      "功能分类科目编码 科目名称", "201 一般公共服务支出 2,106.66 1,503.52 603.14",
                      "2010601 行政运行 1,511.89 1,503.52 8.37", "2010602 一般行政管理事务 594.77 594.77",
                      "合计 2,106.66 1,503.52 603.14", "12"]).tables
    assert table.doubt == "" and table.last_line == 9 and [r[1].text for r in table.rows][-1] == "合计"


def test_a_template_table_with_labels_and_no_figures_keeps_its_rows():
    # Xi'an's fund table before any fund: its items printed, every figure cell empty
    [table] = _parse(["部门综合预算政府性基金收支表", "单位：元", "收入 支出", "项目 预算数 支出功能分类科目（按大类） 预算数",
                      "一、政府性基金拨款 一、科学技术支出", "二、文化旅游体育与传媒支出", "三、社会保障和就业支出",
                      "本年收入合计 本年支出合计"]).tables
    assert [[c.text for c in r][:4] for r in table.rows] == [
        ["一、政府性基金拨款", "", "一、科学技术支出", ""], ["", "", "二、文化旅游体育与传媒支出", ""],
        ["", "", "三、社会保障和就业支出", ""], ["本年收入合计", "", "本年支出合计", ""]]


def test_an_indicator_grid_with_empty_score_columns_or_cells_cut_into_characters_reads_as_misread():
    from core.forms import grid_misread
    from core.model import Cell, Table

    def grid(columns: list[str], rows: list[list[str]]) -> Table:
        return Table(kind="final.performance_self_eval", title="某项目绩效自评表", title_printed=True, unit="",
                     first_line=1, last_line=len(rows) + 1, columns=parse_columns(columns),
                     rows=[[Cell(t) for t in r] for r in rows])
    levels = ["一级指标", "二级指标", "三级指标", "实际完成值", "分值", "得分"]
    assert grid_misread(grid(levels, [["成本指标", "", "经济成本指", "≤1.4元1.4元2020标", "", ""],
                                      ["", "", "值", "分", "", ""]])) == "its 分值 column holds no figure"
    assert grid_misread(grid(levels[:4], [["产出指标", "数量指标", "值", "分"], ["产出指标", "质量指标", "合格率", "100%"]])) \
        == "2 of its 8 text cells are one character"
    # 无, a unit of measure, a sign printed in a cell of its own are whole values
    assert grid_misread(grid(levels[:4] + ["单位", "原因"], [["产出指标", "数量指标", "检查次数", "≥", "次", "无"]])) == ""
    # every cell a column late: the scores under the remarks, the targets' column empty
    late = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    assert grid_misread(grid(late, [["产出指标", "数量指标", "参加考试人数", "", "37500", "37500", "12.5", "12.5"],
                                    ["产出指标", "质量指标", "合格人数", "", "300", "300", "12.5", "12.5"]])) \
        == "its 偏差原因分析及改进措施 column holds the scores: cells were read a column late"


def test_a_row_of_figures_alone_takes_no_unprinted_label_columns_and_is_seated_by_its_group_totals():
    # Beijing's 收入总表 of one unit: no code or name printed, 17 amount columns, 5 figures; the
    # template's 部门（单位）代码/名称 are not this table's, and the figures go where 合计 = 本年收入
    # 小计 + 上年结转结余 小计 and each 小计 = its group's parts hold (placements weighed beyond
    # one row's bound, the table having one row); the header's cells wrapped around its line of
    # one-line cells are named whole, as printed (`一般公共预算` … `资金`)
    [table] = _parse(["2026年部门预算", "预算02表 收入总表", "金额单位：万元", "本年收入 上年结转结余", "合计",
                      "一般公共预算 政府性基金预 国有资本经营 财政专户管理 事业单位经营 附属单位上缴 一般公共预算 政府性基金预 "
                      "国有资本经营 财政专户管理", "小计 事业收入 上级补助收入 其他收入 小计 单位资金",
                      "资金 算资金 预算资金 资金 收入 收入 资金 算资金 预算资金 资金", "100.00 60.00 60.00 40.00 40.00"]).tables
    assert len(table.columns) == 17 and table.column_texts()[0] == "合计"
    assert {table.column_texts()[j]: c.text for j, c in enumerate(table.rows[0]) if c.text} == {
        "合计": "100.00", "本年收入/小计": "60.00", "本年收入/一般公共预算资金": "60.00", "上年结转结余/小计": "40.00",
        "上年结转结余/一般公共预算资金": "40.00"}
    assert table.column_texts()[3:5] == ["本年收入/政府性基金预算资金", "本年收入/国有资本经营预算资金"]


def test_two_rows_figures_after_one_label_neither_widen_the_table_nor_drop_the_second_rows():
    # plain pdftotext: 一、公共安全支出's four figures and 二、社会保障和就业支出's after the first
    # label: the rows print four figures, not eight (the template's columns stand), and the
    # second four go to the panel's next label
    printed = ("2026年预算单位财政拨款收支预算总表|编制单位：上海市普陀区某局||单位：元||财政拨款收入|项目|一、一般公共预算||财政拨款支出|"
               "预算数||项目||86,959,408.34 一、公共安全支出||合计||一般公共预算||政府性基金预算||国有资本经营预算||79,189,400.34||"
               "79,189,400.34||0.00||0.00||2,925,857.00||2,925,857.00||0.00||0.00||二、政府性基金预算||0.00 二、社会保障和就业支出||"
               "三、国有资本经营预算||0.00 三、卫生健康支出||982,692.00||982,692.00||0.00||0.00||四、住房保障支出||4,861,459.00||"
               "4,861,459.00||0.00||0.00||收入总计||86,959,408.34||支出总计||86,959,408.34||86,959,408.34||0.00||0.00")
    [table] = _budget_lines(printed).tables
    assert table.column_texts()[3:] == ["财政拨款支出/合计", "财政拨款支出/一般公共预算", "财政拨款支出/政府性基金预算",
                                 "财政拨款支出/国有资本经营预算"] and table.doubt == ""
    assert [[c.text for c in r] for r in table.rows][:2] == [
        ["一、一般公共预算", "86959408.34", "一、公共安全支出", "79189400.34", "79189400.34", "0.00", "0.00"],
        ["二、政府性基金预算", "0.00", "二、社会保障和就业支出", "2925857.00", "2925857.00", "0.00", "0.00"]]
    assert table.rows[1][3].inferred and not table.rows[0][3].inferred


def test_a_total_label_printed_on_a_continuation_pages_header_takes_the_figures_after_the_last_row():
    # plain pdftotext: the 合计 label comes among page two's header cells; its figures after the
    # last row's, doubling that row's two. The total is the last row, the row keeps its own
    printed = ("2025年部门收入预算总表|编制部门：上海市普陀区某局|单位：元|项目|收入预算|功能分类科目编码|功能分类科目名称|类|款|合计|"
               "财政拨款收入|项|201|一般公共服务支出|300.00|300.00|201|06|财政事务|300.00|300.00|201|06|01|行政运行|200.00|200.00|"
               "201|06|02|一般行政管理事务|100.00|100.00|事业收入|事业单位|经营收入|其他收入|项目|收入预算|功能分类科目编码|"
               "功能分类科目名称|类|款|财政拨款收入|项|221|221|合计|02|住房保障支出|50.00|50.00|住房改革支出|50.00|50.00|"
               "221|02|01|住房公积金|50.00|50.00|350.00|350.00")
    rows = [[c.text for c in r] for r in _budget_lines(printed).tables[0].rows]
    assert rows[-2][3:] == ["住房公积金", "50.00", "50.00", "", "", ""]
    assert rows[-1][3:] == ["合计", "350.00", "350.00", "", "", ""] and sum(r[3] == "合计" for r in rows) == 1


def test_a_rows_name_before_the_next_pages_header_is_kept_and_the_level_words_are_the_headers():
    printed = ("2025年部门收入预算总表|编制部门：上海市普陀区某局|单位：元|项目|收入预算|功能分类科目编码|功能分类科目名称|类|款|合计|"
               "财政拨款收入|项|201|一般公共服务支出|300.00|300.00|201|06|财政事务|300.00|300.00|201|06|01|行政运行|200.00|200.00|"
               "201|06|02|一般行政管理事务|事业收入|事业单位|经营收入|其他收入|项目|收入预算|功能分类科目编码|"
               "功能分类科目名称|类|款|100.00|100.00|合计|300.00|300.00")
    rows = [[c.text for c in r] for r in _budget_lines(printed).tables[0].rows]
    assert rows[3][:6] == ["201", "06", "02", "一般行政管理事务", "100.00", "100.00"]


def test_a_totals_early_figures_skip_a_lone_code_piece_and_its_label_may_carry_a_column_name():
    [table] = _final_tables([
        "一般公共预算财政拨款支出决算表", "单位：万元", "项目", "功能分类", "合计", "基本支出", "项目支出",
        "201", "一般公共服务支出", "2,106.66", "1,503.52", "603.14", "2010601", "行政运行", "1,511.89", "1,503.52", "8.37",
        "2010602", "一般行政管理事务", "594.77", "594.77",
        "221", "住房保障支出", "445.69", "445.69", "2,552.35", "1,949.21", "7", "合计", "项目支出", "603.14"])
    assert [[c.text for c in r] for r in table.rows][-2:] == [
        ["221", "住房保障支出", "445.69", "445.69", ""], ["", "合计", "2552.35", "1949.21", "603.14"]]


@pytest.mark.parametrize("first_page", [
    "一般公共服务支出|05|201|05|201|基本支出|项目支出|项|201|合计|07",
    "201|一般公共服务支出|201|05|201|05|合计|基本支出|项目支出|项|07"])
def test_reading_order_prints_the_amount_columns_total_among_the_codes_before_a_pages_first_figures(first_page):
    # plain pdftotext: each page prints its first row's name, then the codes and the header's
    # cells with its 合计 among them, then that row's figures; the table's 合计 comes last,
    # its figures before it. 合计 in the header is no row: the figures are the named row's
    printed = ("2024年部门一般公共预算支出功能分类预算表|编制部门：上海市普陀区某街道|单位：元|项目|一般公共预算支出|功能分类科目编码|"
               f"功能分类科目名称|类|款|{first_page}|2,932,700|0|2,932,700|"
               "统计信息事务|257,700|0|257,700|专项普查活动|257,700|0|257,700|其他一般公共服务支出|2,675,000|0|2,675,000|"
               "项目|一般公共预算支出|功能分类科目编码|功能分类科目名称|类|款|204|公共安全支出|204|06|204|06|合计|基本支出|"
               "项目支出|项|07|1,633,000|0|1,633,000|司法|1,633,000|0|1,633,000|公共法律服务|1,633,000|0|1,633,000|"
               "4,565,700|0|4,565,700|合计")
    [table] = _budget_lines(printed).tables
    named = [(r[table.label_column()].text, [c.text for c in r[-3:]]) for r in table.rows]
    assert named == [("一般公共服务支出", ["2932700", "0", "2932700"]), ("统计信息事务", ["257700", "0", "257700"]),
                     ("专项普查活动", ["257700", "0", "257700"]), ("其他一般公共服务支出", ["2675000", "0", "2675000"]),
                     ("公共安全支出", ["1633000", "0", "1633000"]), ("司法", ["1633000", "0", "1633000"]),
                     ("公共法律服务", ["1633000", "0", "1633000"]), ("合计", ["4565700", "0", "4565700"])]


def test_a_region_without_tokens_reads_as_no_rows():
    # a form whose lines hold nothing to read falls back to the plain grid reader with no tokens
    from core.extract import _row_runs
    assert _row_runs([], [], by_line=False, header_words=frozenset({"项目支出"})) == ([], [])


def test_a_tables_body_reader_is_chosen_by_its_columns_roles_and_places():
    from core.extract import BodyShape, body_shape

    def shape(written: list[str], has_code: bool = True, layout: str = "space") -> BodyShape:
        columns = parse_columns(written)
        return body_shape(columns, [j for j, c in enumerate(columns) if c.holds_words], has_code, layout)
    assert shape(["合计", "因公出国（境）费", "公务接待费"]) == BodyShape.FIGURES
    assert shape(["收入/项目", "收入/行次", "收入/决算数", "支出/项目", "支出/行次", "支出/决算数"]) == \
        BodyShape.NUMBERED_PANELS
    assert shape(["人员经费/科目代码", "人员经费/科目名称", "人员经费/决算数",
                  "公用经费/科目代码", "公用经费/科目名称", "公用经费/决算数"]) == BodyShape.CODED_PANELS
    assert shape(["部门经济科目编码", "部门经济科目名称", "政府经济科目编码", "政府经济科目名称", "合计"]) == \
        BodyShape.LABEL_COLUMNS
    assert shape(["预算单位", "科目编码", "科目名称", "支出总计"], has_code=False) == BodyShape.LABEL_COLUMNS
    assert shape(["收入/项目", "收入/预算数", "支出/项目", "支出/预算数"], has_code=False) == BodyShape.PANELS
    assert shape(["科目编码", "科目名称", "合计", "基本支出", "项目支出"]) == BodyShape.CODED_LIST
    # the same columns printed a cell a line too (a row's second pair, of the other
    # classification, is joined to its first: see the quirk of two classifications)
    assert shape(["部门经济科目编码", "部门经济科目名称", "政府经济科目编码", "政府经济科目名称", "合计"],
                 layout="fragment") == BodyShape.LABEL_COLUMNS
    # … but a unit and a year, then the figures, are label columns in reading order too (two
    # panels had taken the year for a second panel's label, its figures for none)
    assert shape(["预算单位", "年度", "总计", "因公出国（境）费"], has_code=False, layout="fragment") == \
        BodyShape.LABEL_COLUMNS


def test_a_template_word_printed_shortened_is_named_as_printed_and_still_found_by_the_rules():
    from core import catalog
    from core.extract import _words_as_printed
    template = parse_columns(["合计", "公务用车购置及运行维护费/小计", "公务用车购置及运行维护费/公务用车购置费",
                              "公务用车购置及运行维护费/公务用车运行维护费", "项目（按功能分类）"])
    header = ["合计 公务用车购置及运行费", "小计 公务用车购置费 公务用车运行费", "项 目"]
    columns = _words_as_printed(template, header)
    assert [c.text for c in columns] == ["合计", "公务用车购置及运行费/小计", "公务用车购置及运行费/公务用车购置费",
                                         "公务用车购置及运行费/公务用车运行费", "项目"]
    rule = catalog.TotalRule("公务用车购置及运行维护费/小计",
                             ("公务用车购置及运行维护费/公务用车购置费", "公务用车购置及运行维护费/公务用车运行维护费"))
    assert catalog.resolve_rules(columns, (rule,)) == [(1, [2, 3])]


def _spaced_row(code: str, name: str, *amounts: str, ends: tuple[int, ...] = (40, 52, 64)) -> str:
    """A row as a layout text prints it: right-aligned amounts ending at their columns' ends."""
    line = f"{code:<8}{name}".ljust(20)
    for amount, end in zip(amounts, ends):
        if amount:
            line += " " * (end - len(line) - len(amount)) + amount
    return line


def test_a_layout_texts_spaces_seat_amounts_the_totals_cannot():
    # 20101 and 20102 print 合计 and one part each, equal: either way round their 基本支出 and
    # 项目支出 add up to 201's. Where the text kept the page's columns as spaces, an amount's
    # end tells its column, page by page (the next page is spaced six characters further)
    moved = (46, 58, 70)
    lines = ["2026年部门预算", "支出总表", "单位：万元", "科目编码    科目名称               合计       基本支出      项目支出",
             _spaced_row("", "合计", "40.00", "20.00", "20.00"),
             _spaced_row("201", "一般公共服务支出", "20.00", "10.00", "10.00"),
             _spaced_row("20101", "人大事务", "10.00", "", "10.00"),
             _spaced_row("20102", "政协事务", "10.00", "10.00", ""),
             "\f" + _spaced_row("202", "外交支出", "20.00", "10.00", "10.00", ends=moved),
             _spaced_row("20201", "外交管理事务", "10.00", "10.00", "", ends=moved),
             _spaced_row("20202", "驻外机构", "10.00", "", "10.00", ends=moved)]
    [expense] = _parse(lines).tables
    assert expense.column_texts()[2:] == ["合计", "基本支出", "项目支出"]
    assert [[c.text for c in r[2:]] for r in expense.rows[2:]] == [
        ["10.00", "", "10.00"], ["10.00", "10.00", ""], ["20.00", "10.00", "10.00"],
        ["10.00", "10.00", ""], ["10.00", "", "10.00"]]
    assert expense.cell(2, 4).inferred == "column placed by where the amount is printed on its line"


def test_amounts_are_placed_by_their_spaces_only_where_the_text_kept_columns():
    from core.tokens import amount_ends
    # (a code is a whole number to this reading: rows match their amounts by value)
    assert amount_ends("20101   人大事务      1,010.00         10.00") == (("20101", 5), ("1010.00", 26), ("10.00", 40))
    # single spaces (pdfplumber's plain text): the ends tell nothing; a glued chunk is no amount
    assert amount_ends("20101 人大事务 1,010.00 10.00") == ()
    assert amount_ends("合计      10.0020.00   5.00") == (("5.00", 25),)


def test_a_three_public_table_beside_meetings_and_training_reads_its_printed_columns():
    # Jiangsu's “三公”经费、会议费、培训费 table, pdfplumber text: the 三公 items grouped under
    # “三公”经费 beside 会议费 and 培训费. 237 is 公务用车购置及运行维护费's 小计 and one part:
    # the sums hold either way, the text says which (`公务用车运行维护费预算支出237万元`)
    lines = ["2019年度部门预算", "说明", "公务用车运行维护费预算支出237万元，比上年预算减少。",
             "“三公”经费、会议费、培训费支出预算表", "部门名称： 江苏省人民检察院 单位：万元", "“三公”经费",
             "公务用车购置及运行维护费", "合计 因公出 公务接 会议费 培训费", "国（境） 公务用车购 公务用车运",
             "小计 费 小计 待费", "置费 行维护费", "1276.7 418.26 80 237 237 101.26 158.44 700"]
    [three] = _parse(lines).tables
    assert dict(zip(three.column_texts(), (c.text for c in three.rows[0]))) == {
        "合计": "1276.7", "“三公”经费/小计": "418.26", "“三公”经费/因公出国（境）费": "80",
        "“三公”经费/公务用车购置及运行维护费/小计": "237", "“三公”经费/公务用车购置及运行维护费/公务用车购置费": "",
        "“三公”经费/公务用车购置及运行维护费/公务用车运行维护费": "237", "“三公”经费/公务接待费": "101.26",
        "会议费": "158.44", "培训费": "700"}
    assert not three.doubt


def test_figures_too_few_for_too_many_columns_to_weigh_are_marked_a_guess():
    # twelve unit rows of six figures under Beijing's seventeen amount columns: each row could
    # sit in thousands of ways, more than are weighed, so the figures stay in printed order
    # and every one says so (before, they sat there unmarked, as if the text had said so)
    from core import catalog
    from core.model import Cell, Table
    from core.placement import UNWEIGHED, place_amounts
    spec = catalog.SPEC_BY_KIND["budget.income"]
    beijing = next(layout for layout in spec.layouts if layout[0] == "部门（单位）代码")
    table = Table(kind=spec.kind, title="收入总表", title_printed=True, unit="万元", first_line=1, last_line=13,
                  columns=parse_columns(beijing), rows=[])
    rows = [[Cell("") for _ in table.columns] for _ in range(12)]
    figures = [[(f"{v}.00", n) for v in (60, 10, 10, 10, 10, 10)] for n in range(12)]
    place_amounts(table, rows, figures, spec, [0, 1])
    assert [c.text for c in rows[0][2:9]] == ["60.00", "10.00", "10.00", "10.00", "10.00", "10.00", ""]
    assert {c.inferred for row in rows for c in row if c.text} == {UNWEIGHED}


def test_units_under_a_total_row_read_in_printed_order_are_guesses_too():
    # a 三公 table a unit a row: the 合计 row's 30 = 20 + 10 fits any two of the four items and
    # nothing tells which; read in printed order, it sets its units no target, and their cells
    # say they are guesses (not read as printed, nor placed by a total that was itself a guess)
    from core import catalog
    from core.model import Cell, Table
    from core.placement import GUESSED, place_amounts
    spec = catalog.SPEC_BY_KIND["budget.three_public"]
    layout = spec.layouts[0]
    assert layout[:3] == ("单位编码", "单位名称", "合计")
    table = Table(kind=spec.kind, title="三公", title_printed=True, unit="万元", first_line=1, last_line=3,
                  columns=parse_columns(layout), rows=[])
    rows = [[Cell(""), Cell(name)] + [Cell("") for _ in layout[2:]] for name in ("合计", "甲单位", "乙单位")]
    figures = [[("30.00", 1), ("20.00", 1), ("10.00", 1)], [("20.00", 2), ("10.00", 2), ("10.00", 2)],
               [("10.00", 3), ("10.00", 3)]]
    place_amounts(table, rows, figures, spec, [0, 1])
    assert [[c.text for c in row[2:]] for row in rows] == [["30.00", "20.00", "10.00", "", ""],
                                                          ["20.00", "10.00", "10.00", "", ""],
                                                          ["10.00", "10.00", "", "", ""]]
    assert {c.inferred for row in rows for c in row[2:] if c.text} == {GUESSED}


def test_a_figure_another_table_gives_a_columns_subject_seats_it():
    # Beijing's 收入总表 of one unit: 本年收入 小计 60 = 一般公共预算资金 52 + one more source 8,
    # any of eight by the sums; the 收支总表 read before prints `九、其他收入 8.00`: that is the column
    income = ["预算02表 收入总表", "金额单位：万元", "本年收入 上年结转结余", "合计",
              "一般公共预算 政府性基金预 国有资本经营 财政专户管理 事业单位经营 附属单位上缴 一般公共预算 政府性基金预 "
              "国有资本经营 财政专户管理", "小计 事业收入 上级补助收入 其他收入 小计 单位资金",
              "资金 算资金 预算资金 资金 收入 收入 资金 算资金 预算资金 资金", "100.00 60.00 52.00 8.00 40.00 40.00"]
    summary = ["预算01表 收支总表", "金额单位：万元", "收 入 支 出", "项 目 预算数 项 目 预算数",
               "一、一般公共预算拨款收入 52.00 一、公共安全支出 100.00", "九、其他收入 8.00",
               "本年收入合计 60.00 本年支出合计 100.00", "上年结转结余 40.00", "收入总计 100.00 支出总计 100.00"]

    def placed(lines: list[str]) -> dict[str, str]:
        table = next(t for t in _parse(["2026年部门预算", *lines]).tables if t.kind == "budget.income")
        return {table.column_texts()[j]: c.text for j, c in enumerate(table.rows[0]) if c.text}
    assert placed(income)["本年收入/事业收入"] == "8.00"        # a guess among the eight
    assert placed(summary + income) == {"合计": "100.00", "本年收入/小计": "60.00", "本年收入/一般公共预算资金": "52.00",
                                        "本年收入/其他收入": "8.00", "上年结转结余/小计": "40.00",
                                        "上年结转结余/一般公共预算资金": "40.00"}


def test_names_without_figures_under_whole_names_are_rows_of_their_own():
    # a list of income sources that prints the unused ones without figures: a whole name (专项收入)
    # under a whole name, and a 小计, are rows; a short piece that ends mid-word is a wrapped end
    [table] = _parse(["收入预算总表", "部门名称： 某省某局 单位：万元", "项目名称 金额", "收入总计 2,416.97",
                      "一般公共预算资金 2,416.97", "专项收入", "政府性基金", "小计", "事业单位经营", "收入",
                      "其他收入 0.00"]).tables
    assert [[c.text for c in row] for row in table.rows] == [
        ["收入总计", "2416.97"], ["一般公共预算资金", "2416.97"], ["专项收入", ""], ["政府性基金", ""],
        ["小计", ""], ["事业单位经营收入", ""], ["其他收入", "0.00"]]


def test_a_header_cell_ending_in_qingkuang_before_any_figure_does_not_end_the_table():
    # `增减变化情况` reads as a heading (…情况) but no figure has been printed yet: a header cell
    [table] = _parse(["部门综合预算一般公共预算拨款“三公”经费支出预算表", "单位编码", "单位名称", "上年", "当年",
                      "增减变化情况", "合计", "合计", "合计", "合计", "西安市某局", "5.00", "4.00", "-1.00",
                      "十、其他情况说明", "本部门无其他情况。"]).tables
    assert (table.first_line, table.last_line) == (1, 14)
    assert [c.text for c in table.rows[-1]][-3:] == ["5.00", "4.00", "-1.00"]


def test_a_summary_item_without_figures_doubts_the_table_only_where_the_others_print_zeros():
    # a 决算 summary leaves an item without money blank; a budget summary prints 0.00, so a
    # blank item there means reading order printed its figures elsewhere
    from core.extract import _label_without_figures
    from core.model import Cell

    def rows(blank_as: str) -> list[list[Cell]]:
        items = ["一、一般公共服务支出", "二、外交支出", "三、国防支出", "四、公共安全支出", "五、教育支出", "六、科学技术支出"]
        figures = ["41350.29", "", blank_as, blank_as, blank_as, "185.89"]
        return [[Cell(item), Cell(figure)] for item, figure in zip(items, figures)]
    assert _label_without_figures(rows(""), [0]) == ""
    assert _label_without_figures(rows("0.00"), [0]) == "二、外交支出"


def test_a_detail_larger_than_the_numbered_item_above_it_is_named():
    # details under 一、一般公共服务支出 sum to it; one under a smaller numbered item was seated
    # in the wrong panel (a total ends the items above it: 上年结转 after 本年收入合计 is no detail)
    from core.model import Cell
    from core.panels import item_over_its_parent

    def rows(*pairs: tuple[str, str]) -> list[list[Cell]]:
        return [[Cell(label), Cell(figure)] for label, figure in pairs]
    good = rows(("一、一般公共服务支出", "3478.72"), ("统计信息事务", "3478.72"), ("行政运行", "2357.92"),
                ("二、教育支出", "193.00"), ("进修及培训", "193.00"), ("本年收入合计", "5417.80"),
                ("上年结转", "900.00"), ("1.财政拨款结转", "900.00"))
    assert item_over_its_parent(good, [0]) == ""
    misread = rows(("1.一般公共预算拨款", "5417.80"), ("统计信息事务", "3478.72"), ("2.政府性基金预算拨款", "0.00"),
                   ("行政运行", "2357.92"))
    assert item_over_its_parent(misread, [0]) == "行政运行"


def test_a_list_number_repeated_in_one_column_is_named():
    # deeper lists restart under each item of the list above, and every list after a total or
    # an unnumbered label; a number repeated within one list means two panels' lists were mixed
    from core.model import Cell
    from core.panels import number_repeated

    def rows(*labels: str) -> list[list[Cell]]:
        return [[Cell(label), Cell("1.00")] for label in labels]
    assert number_repeated(rows("一、财政拨款", "1.一般公共预算拨款", "2.政府性基金预算拨款", "二、单位资金", "1.事业收入",
                                "本年收入合计", "上年结转", "一、财政拨款结转", "（一）基本支出结转"), [0]) == ""
    assert number_repeated(rows("一、一般公共服务支出", "二、政府性基金预算资金", "二、外交支出"), [0]) == "二、外交支出"
    assert number_repeated(rows("一、一般公共服务支出", "三、国防支出", "二、外交支出"), [0]) == "二、外交支出"
    # a panel's own list under its year's spending, numbered from 一 again (Jilin's 财政拨款收支总表),
    # is one list under an item; two lists interleaved after such an item still are two
    assert number_repeated(rows("一、本年支出", "一、一般公共服务支出", "二、社会保障和就业支出", "三、卫生健康支出",
                                "二、结转下年支出", "支出总计"), [0]) == ""
    assert number_repeated(rows("一、一般公共服务支出", "二、教育支出", "一、本年收入"), [0]) == "一、本年收入"
    assert number_repeated(rows("一、本年支出", "一、一般公共服务支出", "二、教育支出", "二、外交支出", "三、国防支出",
                                "三、公共安全支出"), [0]) == "三、公共安全支出"


def test_labels_apart_from_the_figures_are_named_only_where_the_template_prints_zeros():
    # a template printing 0.00 for nothing fills every amount cell of every row: labels alone
    # after the figures, or between rows of them, were printed apart from them; a template
    # leaving blanks may print such rows
    from core.extract import _labels_apart_from_figures
    from core.model import Cell, Table

    def table(*rows: tuple[str, ...]) -> Table:
        return Table(kind="budget.basic_expense", title="基本支出表", title_printed=True, unit="万元", first_line=1,
                     last_line=9, columns=parse_columns(["项目", "合计", "基本支出"]),
                     rows=[[Cell(text) for text in row] for row in rows])
    printed = table(("工资福利支出", "8.00", "8.00"), ("资本性支出", "4.00", "0.00"), ("对个人和家庭的补助", "", ""))
    assert _labels_apart_from_figures(printed, [0]) == ("对个人和家庭的补助", [])
    blanks = table(("工资福利支出", "8.00", "8.00"), ("资本性支出", "4.00", "4.00"), ("对个人和家庭的补助", "", ""))
    assert _labels_apart_from_figures(blanks, [0]) == ("", [])        # no zero printed: blanks may mean nothing
    assert _labels_apart_from_figures(table(("工资福利支出", "8.00", "0.00"), ("资本性支出", "4.00", "4.00")), [0]) == \
        ("", [])
    between = table(("工资福利支出", "8.00", "0.00"), ("奖金", "", ""), ("财政拨款", "", ""), ("资本性支出", "4.00", "4.00"))
    assert _labels_apart_from_figures(between, [0]) == ("", ["奖金", "财政拨款"])


def test_a_label_columns_name_in_a_cell_is_the_header_read_among_the_rows():
    # the header printed again on a new page, its first cell's name taken as the row above's
    # description: a cell holding a label column's name whole (compared folded)
    from core.extract import _header_read_as_label
    from core.model import Cell, Table

    def table(description: str) -> Table:
        return Table(kind="budget.project_expense", title="项目支出表", title_printed=True, unit="万元", first_line=1,
                     last_line=9, columns=parse_columns(["支出项目类别（资金使用单位）", "总计", "绩效目标"]),
                     rows=[[Cell("青茂口岸安检服务经费"), Cell("573.84"), Cell(description)]])
    assert _header_read_as_label(table("支出项目类别(资金使用单位)"), [0, 2], frozenset(), 3) == "支出项目类别(资金使用单位)"
    assert _header_read_as_label(table("确保青茂口岸出境通关安全。"), [0, 2], frozenset(), 3) == ""


def test_a_list_of_tables_printed_a_cell_a_line_starts_no_table():
    # a 报表目录 in reading order: `表9` / title / `是` / `不涉及` (an empty table's marks): titles a
    # few lines apart with no figure or unit line between them name tables; the first table
    # after the list, its unit line under it, is one
    doc = _parse(["第五部分：部门预算公开报表", "报表目录", "报表", "报表名称", "是否空表", "表1", "部门综合预算收支总表",
                  "表2", "部门综合预算收入总表", "表9", "部门综合预算政府性基金收支表", "是", "不涉及", "表10",
                  "部门综合预算专项业务经费支出表", "表11", "部门综合预算财政拨款上年结转资金支出表", "是", "不涉及", "表1",
                  "部门综合预算收支总表", "单位：元", "项目 金额", "合计 100.00"])
    assert [(t.title, t.first_line, [[c.text for c in r] for r in t.rows]) for t in doc.tables] == [
        ("部门综合预算收支总表", 20, [["合计", "100.00"]])]


def test_a_titled_table_outside_the_catalogue_printed_a_fragment_a_line_is_found():
    # reading order prints a report's own table a cell a line: no unit line, no line of a label
    # and its figures; three figures with decimals alone on their lines under the title say it
    doc = _parse(["三、综合评价情况及评价结论", "项目综合评价得分85.19分（见表2）。", "表2：综合评价得分情况表", "一级指标",
                  "分值", "得分", "决策", "20", "17.90", "过程", "20", "17.99", "合计", "40", "35.89"])
    assert [(t.title, t.kind, t.first_line) for t in doc.tables] == [("综合评价得分情况表", "other", 3)]


def test_a_units_code_is_totalled_by_its_departments_row():
    # Xi'an's 三公 table lists units (`119001`) under their department (`119`): codes of no
    # classification's length are totalled by the row above whose code begins them, so the
    # units' figures are seated by the department's row; classification codes keep their levels
    from core.placement import _code_parents
    assert _code_parents(["", "119", "119001", "119002", "120", "120001"]) == [None, None, 1, 1, None, 4]
    assert _code_parents(["201", "01", "2010101", "合计", "20102"]) == [None, 0, 1, None, 0]


def test_a_units_row_totals_the_classes_under_it():
    # Xi'an's 支出明细表 by economic class prints each unit (`125001`, no department row above)
    # over its classes: the unit's row totals them up to the next unit; a code of another length
    # that no row begins (codes run together, `112080502`) totals nothing
    from core.placement import _code_parents
    assert _code_parents(["", "125001", "301", "30101", "302", "125002", "301"]) == [None, None, 1, 2, 1, None, 5]
    assert _code_parents(["2080501", "112080502", "2080502"]) == [None, None, None]


def test_rows_the_totals_seat_either_way_are_untold():
    # under 人员 5.00 and 公用 2.00, a row of 3.00 is 人员's (only so is 公用 left its 2.00) and two
    # rows of 2.00 one each, either way round: the totals tell the first, not the two others
    from decimal import Decimal as D

    from core.placement import _joint_placement
    either = [{0: D("2.00"), 1: D("2.00")}, {0: D("2.00"), 2: D("2.00")}]
    three = [{0: D("3.00"), 1: D("3.00")}, {0: D("3.00"), 2: D("3.00")}]
    joint = _joint_placement([either, either, three], {}, {0: D("7.00"), 1: D("5.00"), 2: D("2.00")}, [0, 1, 2],
                             D("0.01"))
    assert joint.picks[2] == 0 and sorted(joint.picks[:2]) == [0, 1]
    assert joint.untold == {0, 1}
    told = _joint_placement([either, three], {}, {0: D("5.00"), 1: D("3.00"), 2: D("2.00")}, [0, 1, 2], D("0.01"))
    assert told.picks == [1, 0] and told.untold == frozenset()


def test_rows_seated_short_of_their_totals_are_guesses_where_other_seats_fall_as_short():
    # the 302 row prints 人员 3.00, 公用 5.00 but its items (a search can miss, or the document
    # print a slip) fit no seat that meets both: each item's move is a guess, not "placed by the
    # table's totals"
    from core import catalog
    from core.model import Cell, Table
    from core.placement import GUESSED, place_amounts
    spec = catalog.SPEC_BY_KIND["budget.general_public_expense"]
    layout = ("部门经济科目编码", "部门经济科目名称", "合计", "人员经费支出", "公用经费支出", "专项业务经费支出")
    table = Table(kind=spec.kind, title="支出", title_printed=True, unit="元", first_line=1, last_line=4,
                  columns=parse_columns(layout), rows=[])
    rows = [[Cell(code), Cell(name)] + [Cell("") for _ in layout[2:]]
            for code, name in (("302", "商品和服务支出"), ("30201", "办公费"), ("30202", "印刷费"), ("30205", "水费"))]
    figures = [[("12.00", 1), ("3.00", 1), ("5.00", 1), ("4.00", 1)], [("4.00", 2), ("4.00", 2)],
               [("4.00", 3), ("4.00", 3)], [("4.00", 4), ("4.00", 4)]]
    place_amounts(table, rows, figures, spec, [0, 1])
    moved = [c.inferred for row in rows[1:] for c in row[2:] if c.text and row[3].text == ""]
    assert moved and set(moved) == {GUESSED}


def test_amounts_run_together_are_split_a_negative_among_them_too():
    # pdfplumber with a wide x_tolerance prints a row's figures without spaces; a negative one
    # (with a thousands comma) is split off too
    from core.tokens import split_tokens
    assert split_tokens("57,900.00775,000.00395,500.00-12,000.00 -9,000.00-72,100.00479,600.00") == [
        "57,900.00", "775,000.00", "395,500.00", "-12,000.00", "-9,000.00", "-72,100.00", "479,600.00"]
    assert split_tokens("8,132.86385.86360.62") == ["8,132.86", "385.86", "360.62"]


def test_an_amount_glued_to_the_next_items_number_gives_the_number_back():
    # the digits after the line's usual decimals are the next item's number (`1、`)
    from core.tokens import split_tokens
    assert split_tokens("1、人员经费和公用经费支出 36,701,197.201、机关工资福利支出 32,493,937.03") == [
        "1、人员经费和公用经费支出", "36,701,197.20", "1、机关工资福利支出", "32,493,937.03"]
    assert split_tokens("C-服务 7,368.8459551、公共服务 5,138.633453") == [
        "C-服务", "7,368.845955", "1、公共服务", "5,138.633453"]


def test_a_template_word_with_an_alternative_inside_is_printed_in_either_form():
    from core.extract import printed_forms
    assert printed_forms("部门(单位)代码") == ("部门(单位)代码", "部门代码", "单位代码")
    assert printed_forms("因公出国(境)费") == ("因公出国(境)费", "因公出国费", "因公出境费")
    assert printed_forms("项目(按功能分类)") == ("项目(按功能分类)",)      # a qualifier at the end: no alternative
    assert printed_forms("合计") == ("合计",)


def test_a_column_named_as_its_header_prints_it_holds_what_its_template_says():
    """A template's 功能分类科目编码 that a header names 支出功能分类 (the one cell no column names)
    still holds codes: the printed name is no reason to read its cells as words (its codes,
    printed in 类 款 项 parts, are split by the code role)."""
    code = Column.parse("项目/功能分类科目编码")
    printed = code.printed_as(("项目", "支出功能分类"))
    assert (printed.path, printed.role, printed.template) == (("项目", "支出功能分类"), ColumnRole.CODE, code.path)


def test_a_list_of_projects_runs_on_past_its_figures_and_a_goals_sentence_beside_a_row():
    # a project's funds opening a line (`95.949000`, no item `95.`) and a row of the grid
    # printed beside the end of a goal's sentence (`格局。`) are the list's, not what follows it
    doc = _parse(["预算12表 项目支出绩效目标表", "金额单位：万元",
                  "项目名称 项目总额 绩效目标 一级指标 二级指标 三级指标 绩效指标性质 本年绩效指标值 绩效度量单位",
                  "产出指标 质量指标 印刷合格率 ≥ 95 %",
                  "44951-政府法治研", "95.949000 95.949000 难点、热点问题，开展相关调查研究工作，为法治建设提供智力支撑",
                  "产出指标 数量指标 印刷量 ≥ 30000 册",
                  "坚持首善标准，形成制度科学、机制完备、执行规范、运行有效的工作格局。围绕中心 成本指标 经济成本指标 "
                  "印发宣传制品成本 ≤ 13 万元",
                  "产出指标 数量指标 组织开展社区矫正宣传活动 ＝ 1 场",
                  "预算13表 部门整体支出绩效目标表"])
    listed = doc.tables[0]
    assert (listed.title, listed.first_line, listed.last_line) == ("项目支出绩效目标表", 1, 9)
    # nor is a line of the text that opens with a figure a numbered item
    prose = _parse(["第一部分 概况", "95.50万元为项目经费，用于法治宣传。", "1. 部门职责"])
    assert [(node.kind, node.first_line) for node in prose.root.children[0].children] == [
        ("paragraph", 2), ("item", 3)]


def test_a_grids_body_set_before_its_title_inside_the_table_before_counts_against_it():
    # PyMuPDF sets the 三公 page's cells, from its `编制部门：` line on, before its title; a
    # re-cut text gave them to the table before, after that table's own rows. The empty grid
    # counts the lines of figures after the unit line its predecessor's rows print before.
    from core import catalog
    from core.extract import _figures_printed_before
    from core.model import Table
    from core.reader import load_text
    from core.regions import Region
    lines = ["2025年部门一般公共预算基本支出部门预算经济分类预算表", "单位:元", "302", "07", "邮电费", "39",
             "合计", "101,341,746", "编制部门：上海市某街道办事处", "“三公”经费预算数", "37.91", "1.35", "36.56",
             "2025年部门“三公”经费和机关运行经费预算表", "单位:万元"]
    src = load_text("\n".join(lines).encode("utf-8"))
    basic = catalog.SPEC_BY_KIND["budget.general_public_basic_expense"]
    previous = Region(1, 13, basic.title, True, basic, title_line=1)
    empty = Table(kind="budget.three_public", title="三公", title_printed=True, unit="万元", first_line=14,
                  last_line=15, columns=[], rows=[])
    assert _figures_printed_before(src, previous, 14, empty) == 3
    # a predecessor whose unit line stands under its title, over its rows, gives none
    above = Region(1, 13, basic.title, True, basic, title_line=1)
    normal = load_text("\n".join(lines[:1] + lines[8:9] + lines[1:8] + lines[9:]).encode("utf-8"))
    assert _figures_printed_before(normal, above, 14, empty) == 0


def test_a_table_read_without_a_figure_says_why_its_lines_tell_a_misreading():
    """Lines printing sums of money (one cut over two lines) or rows' codes and no figure tell
    a table read without a figure was misread; a table printed empty tells nothing."""
    from core.extract import _figures_unread
    assert _figures_unread([(1, "合计 14,770"), (2, ".62 12,672.73"), (3, "579.89 说明")]).startswith(
        "none of the 3 figures its lines print stands in a cell")
    assert _figures_unread([(1, "科目编码 科目名称"), (2, "208 社会保障和就业支出"), (3, "20805 行政事业单位养老支出"),
                            (4, "2080505 机关事业单位基本养老保险缴费支出")]).startswith("its lines print 3 rows' codes")
    assert _figures_unread([(1, "科目编码 科目名称 合计"), (2, "合计"), (3, "本单位无政府性基金预算支出，此表为空。")]) == ""


def test_page_numbers_printed_a_digit_a_line_go_up_from_foot_to_foot():
    """`—` `8` `4` `4` `—` on page after page, 448 read right to left, are page numbers; a table's
    cells alike (`—` for nothing beside a count of 2, three times) are not."""
    from core.extract import _pages_a_digit_a_line

    def text(*feet: str) -> list[str]:
        return [line for digits in feet for line in ("正文", "—", *digits, "—")]
    assert _pages_a_digit_a_line(text("844", "944", "054")) == {2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18}
    assert _pages_a_digit_a_line(text("2", "2", "2")) == set()
    assert _pages_a_digit_a_line(text("12", "13")) == set()


def test_a_label_printed_above_its_rows_line_joins_that_row_and_a_figure_left_without_one_is_counted():
    # a layout text prints a label alone on the line above its row's figures and the other
    # panels' cells: one row, the figure beside its label; a figure no label stands beside
    # (no label line above to join) is counted, for the table's doubt
    from core.model import Cell
    from core.panels import figures_beside_no_label, labels_above_their_rows_joined

    def rows(*cells: tuple[str, str, str, str]) -> list[list[Cell]]:
        return [[Cell(text) for text in row] for row in cells]
    printed = rows(("1、一般公共预算拨款", "18999011.66", "1、一般公共服务支出", "0.00"),
                   ("其中：专项资金列入部门预算的项目", "", "", ""),
                   ("", "0.00", "2、外交支出", "0.00"),
                   ("", "", "3、国防支出", "0.00"))
    joined = labels_above_their_rows_joined(printed, [0, 2])
    assert [[c.text for c in row] for row in joined] == [
        ["1、一般公共预算拨款", "18999011.66", "1、一般公共服务支出", "0.00"],
        ["其中：专项资金列入部门预算的项目", "0.00", "2、外交支出", "0.00"],
        ["", "", "3、国防支出", "0.00"]]
    assert figures_beside_no_label(joined, [0, 2]) == 0
    assert figures_beside_no_label(printed, [0, 2]) == 1


def test_a_plain_grid_forms_merged_cells_printed_at_their_top_stay_where_they_are():
    # a grid whose every block opens with its merged cells' texts tells nothing of centring:
    # the rows read as printed (the centred case is the quirk witness of Changsha's layout text)
    from core.extract import _merged_cells_raised
    from core.model import Cell

    def grid(*rows: tuple[str, ...]) -> list[list[Cell]]:
        return [[Cell(text) for text in row] for row in rows]
    top = grid(("项目甲", "产出指标", "数量指标", "完成数", "1"), ("", "", "", "覆盖率", "2"),
               ("", "", "质量指标", "合格率", "3"), ("", "效益指标", "社会效益指标", "满意度", "4"))
    assert _merged_cells_raised(top) is top
    # the same grid printing the project, 产出指标 and 数量指标 on the middles of their blocks
    centred = grid(("", "", "", "完成数", "1"), ("项目甲", "产出指标", "数量指标", "覆盖率", "2"),
                   ("", "", "质量指标", "合格率", "3"), ("", "效益指标", "社会效益指标", "满意度", "4"))
    assert [[c.text for c in row] for row in _merged_cells_raised(centred)] == [
        ["项目甲", "产出指标", "数量指标", "完成数", "1"], ["", "", "", "覆盖率", "2"],
        ["", "", "质量指标", "合格率", "3"], ["", "效益指标", "社会效益指标", "满意度", "4"]]


def test_codes_printed_one_after_another_are_rows_codes_only_in_one_classifications_order():
    from core.tokens import is_code_chain
    # a block of rows' codes: classes, their 款 and 项, siblings beside each other
    assert is_code_chain(["205", "20508", "2050803", "208", "20805"])
    assert is_code_chain(["2080505", "2080506", "20899"], linked=False)
    assert is_code_chain(["2019999", "208"], linked=False)
    # … linked, one under another, where they could as well be figures (a whole figure, a class)
    assert not is_code_chain(["2019999", "208"]) and not is_code_chain(["7130000", "221"])
    # … not a row's two panels, two classifications of one row, classes alone, parts, figures
    assert not is_code_chain(["30101", "30201"])
    assert not is_code_chain(["30101", "50101"])
    assert not is_code_chain(["301", "302"])
    assert not is_code_chain(["201", "06", "01"])
    assert not is_code_chain(["2050803"])
    assert not is_code_chain(["205", "1234"])


def test_codes_printed_as_a_block_among_figures_printed_with_decimals_are_codes():
    from core.tokens import _code_chains, classify
    tokens = list(enumerate(["专项普查活动", "23,786,600.00", "205", "20508", "2050803", "23,786,600.00", "教育支出",
                             "775,000.00"], 1))
    assert classify(tokens) == ["text", "amount", "code", "code", "code", "amount", "text", "amount"]
    # … where figures are printed whole, such numbers may be figures: no block of codes is told
    whole = [(k, t.replace(",", "").split(".")[0]) for k, t in tokens]
    assert _code_chains(tokens) == {2, 3, 4} and _code_chains(whole) == set()


@pytest.mark.parametrize("title, kind", [
    # a project's qualifier naming procurement: a self-evaluation still (Xi'an's 2022 部门决算)
    ("西安市级采供血业务经费（政府采购部分）项目绩效自评表", "final.performance_self_eval"),
    # a qualifier inside the title, and one after it
    ("2022年部门综合预算政府采购（资产配置、购买服务）预算表（不含上年结转）", "budget.procurement"),
    ("一般公共预算支出表（按功能分类科目）", "budget.general_public_expense"),
])
def test_a_titles_bracketed_qualifier_does_not_change_the_table_it_names(title, kind):
    from core import catalog
    spec = catalog.spec_for_title(title, "决算")
    assert spec is not None and spec.kind == kind


def test_two_tables_of_one_title_told_apart_by_their_qualifiers_and_a_title_spaced_otherwise_continued():
    # Xi'an's 2021 budget: two 基本支出明细表, each qualified on the line under its title; the
    # 支出明细表 run on to the next page under its title spaced otherwise (`明 细 表`, `明细 表`)
    lines = ["2021年部门综合预算", "一般公共预算基本支出明细表", "（按支出功能分类科目）", "单位：元",
             "功能科目编码\t功能科目名称\t合计", "\t合计\t30.00", "208\t社会保障和就业支出\t30.00",
             "20805\t行政事业单位养老支出\t30.00", "2080505\t机关事业单位基本养老保险缴费支出\t30.00",
             "一般公共预算基本支出明细表", "（按支出经济分类科目）", "单位：元",
             "经济科目编码\t经济科目名称\t合计", "\t合计\t30.00", "301\t工资福利支出\t30.00", "30108\t机关事业单位基本养老保险缴费\t30.00",
             "一般公共预算支出明 细 表", "单位：元", "功能科目编码\t功能科目名称\t合计", "\t合计\t50.00",
             "205\t教育支出\t20.00", "20508\t进修及培训\t20.00", "2050803\t培训支出\t20.00",
             "一般公共预算支出明细 表", "单位：元", "功能科目编码\t功能科目名称\t合计",
             "208\t社会保障和就业支出\t30.00", "20805\t行政事业单位养老支出\t30.00",
             "2080505\t机关事业单位基本养老保险缴费支出\t30.00"]
    doc = _parse(lines)
    assert [(t.title, len(t.rows)) for t in doc.tables] == [
        ("一般公共预算基本支出明细表", 4), ("一般公共预算基本支出明细表", 3), ("一般公共预算支出明 细 表", 7)]
    from core.validate import validate
    assert [f.check for f in validate(doc) if f.severity == "error"] == []


def test_a_unit_row_coded_before_the_classes_is_no_row_cut_from_its_class():
    # Xi'an's 支出明细表 opens with the unit (125001 西安市某局, a unit's six digits), then its 类
    # rows; a table opening at a 项 whose 类 it prints nowhere before later 类 is still doubted
    def read(first_row: str):
        return _parse(["一般公共预算支出明细表", "单位：万元", "科目编码 科目名称 合计 基本支出 项目支出",
                       "合计 100.00 60.00 40.00", first_row, "208 社会保障和就业支出 100.00 60.00 40.00",
                       "20805 行政事业单位养老支出 100.00 60.00 40.00",
                       "2080505 机关事业单位基本养老保险缴费支出 100.00 60.00 40.00"]).tables[0]
    unit = read("125001 西安市某局 100.00 60.00 40.00")
    assert [r[0].text for r in unit.rows] == ["", "125001", "208", "20805", "2080505"] and unit.doubt == ""
    cut = read("2010101 行政运行 100.00 60.00 40.00")
    assert cut.doubt.startswith("the table opens at 2010101 行政运行, whose 类 no row before it prints")


def test_a_content_order_text_setting_each_title_after_its_page_reads_each_body_under_its_title():
    # PyMuPDF's text of Jiangsu's tables: each page its label, unit, header and rows, then its
    # title; the next page's label and unit stand right under each title, as a unit stands
    # under a title in print order: the text's ends tell (a body before the first title, no
    # figure after the last)
    lines = ["公开01表", "部门：某局", "单位：万元", "科目编码", "科目名称", "金额", "合计", "100.00", "201",
             "一般公共服务支出", "100.00", "一般公共预算支出预算表",
             "公开02表", "部门：某局", "单位：万元", "科目编码", "科目名称", "金额", "合计", "60.00", "301",
             "工资福利支出", "60.00", "一般公共预算基本支出预算表",
             "公开03表", "部门：某局", "单位：万元", "科目编码", "科目名称", "金额", "合计", "注：本部门无该项目",
             "政府性基金预算支出表"]
    tables = _parse(lines).tables
    assert [(t.title, [[c.text for c in r] for r in t.rows]) for t in tables[:2]] == [
        ("一般公共预算支出预算表", [["", "合计", "100.00"], ["201", "一般公共服务支出", "100.00"]]),
        ("一般公共预算基本支出预算表", [["", "合计", "60.00"], ["301", "工资福利支出", "60.00"]])]


SHENZHEN_HEADER = ["一般公共预算支出表（按功能分类）", "单位：万元", "预算单位", "科目编码", "科目名称"]
SHENZHEN_ROWS = ["205", "教育支出", "13.00", "10.00", "3.00", "20503", "职业教育", "13.00", "10.00", "3.00",
                 "2050303", "技校教育", "13.00", "10.00", "3.00", "206", "科学技术支出", "5.00", "0.00", "5.00",
                 "20602", "基础研究", "5.00", "0.00", "5.00"]


def test_the_first_rows_labels_printed_among_the_headers_cells_take_their_figures():
    # reading order, a cell a line: the units' names between the header's tall cells, their six
    # figures after the header: two rows of three
    doc = _parse(SHENZHEN_HEADER + ["深圳市某局", "深圳市某局（本级）", "支出总计", "基本支出", "项目支出",
                                    "18.00", "10.00", "8.00", "17.00", "10.00", "7.00"] + SHENZHEN_ROWS)
    [table] = doc.tables
    assert table.column_texts() == ["预算单位", "科目编码", "科目名称", "支出总计", "基本支出", "项目支出"]
    assert [[c.text for c in row] for row in table.rows[:3]] == [
        ["深圳市某局", "", "", "18.00", "10.00", "8.00"], ["深圳市某局（本级）", "", "", "17.00", "10.00", "7.00"],
        ["", "205", "教育支出", "13.00", "10.00", "3.00"]]
    assert len(table.rows) == 7 and table.doubt == ""


def test_a_row_printing_more_figures_than_the_rest_leaves_the_template_the_header_holds():
    # the last row's four more figures are no column's: the rows fit the template the header
    # names word for word, and that row doubts the table
    doc = _parse(SHENZHEN_HEADER + ["支出总计", "基本支出", "项目支出"] + SHENZHEN_ROWS +
                 ["2060208", "科技人才队伍建设", "5.00", "0.00", "5.00", "1.00", "0.00", "1.00", "1.00"])
    [table] = doc.tables
    assert table.column_texts() == ["预算单位", "科目编码", "科目名称", "支出总计", "基本支出", "项目支出"]
    assert [[c.text for c in row] for row in table.rows] == [
        ["", code, name, *figures] for code, name, *figures in
        [SHENZHEN_ROWS[i:i + 5] for i in range(0, len(SHENZHEN_ROWS), 5)] + [["2060208", "科技人才队伍建设", "5.00", "0.00", "5.00"]]]
    assert table.doubt.startswith("1 row(s) print more amounts than the 3 amount columns read from the header")


def test_cells_printing_one_items_number_twice_are_panels_labels_read_as_one():
    from core.extract import _cells_numbering_one_item_twice
    from core.model import Cell, Table

    def summary(*rows: list[str]) -> Table:
        return Table(kind="budget.fiscal_summary", title="财政拨款收支总表", title_printed=True, unit="元",
                     first_line=1, last_line=len(rows) + 1, columns=parse_columns(["项目", "预算数"]),
                     rows=[[Cell(t) for t in r] for r in rows])
    # Xi'an's three spending panels side by side, a layout text's cut reading their labels as one
    merged = summary(["一、财政拨款一、财政拨款一、财政拨款", "258596001.79"],
                     ["1、一般公共服1、人员经费和1、机关工资福务支出公用经费支出利支出", "48615794.92"])
    assert _cells_numbering_one_item_twice(merged) == ["一、财政拨款一、财政拨款一、财政拨款",
                                                       "1、一般公共服1、人员经费和1、机关工资福务支出公用经费支出利支出"]
    # a description's list numbers each item once; one cell alone is no sign
    listed = summary(["1、调查企业个数；2、调查户数", "9.00"], ["一、财政拨款一、财政拨款", "1.00"])
    assert _cells_numbering_one_item_twice(listed) == []


def test_a_layout_headers_words_name_its_columns_where_they_are_printed():
    from core.extract import _header_words_by_place
    from core.tokens import PrintedPages
    lines = ("序                                            超支或结余资金",
             "     项目名称    预算批复 预算到位   执行率",
             "号                                              原因及处理")
    printed = PrintedPages(lines, (1,))
    header = [(1, "序"), (1, "超支或结余资金"), (2, "项目名称"), (2, "预算批复"), (2, "预算到位"), (2, "执行率"),
              (3, "号"), (3, "原因及处理")]
    # reading order gives the right column's first piece before the line below; the page, after it
    assert _header_words_by_place(header, printed) == "序号 项目名称 预算批复 预算到位 执行率 超支或结余资金原因及处理"
    # a group's name over two columns names neither alone: the words stay as read
    grouped = PrintedPages(("      部门预算", "     合计  小计"), (1,))
    assert _header_words_by_place([(1, "部门预算"), (2, "合计"), (2, "小计")], grouped) is None
    assert _header_words_by_place([(2, "项目名称"), (2, "预算批复")], printed) is None     # one line: as read


def test_a_group_spans_no_column_headed_on_a_line_above_its_own():
    from core.extract import _header_paths
    # `数量` centred down the header, printed on its first line: 科目编码's columns end before it
    header = [["", "", "数量", "", ""],
              ["科目编码", "", "", "", ""],
              ["类", "款", "", "类", "款"]]
    assert [c.path for c in _header_paths(header, 5)] == [("科目编码", "类"), ("科目编码", "款"), ("数量",), ("类",), ("款",)]



def test_a_specification_opening_with_a_figure_is_one_cell_of_words_in_a_layout_text():
    # `1.5匹防爆` (an air conditioner's horsepower): a figure glued to words, one cell; the cut
    # holds it where the token reading took a sum
    lines = ["2022年部门预算", "表12", "                 2022年部门综合预算政府采购预算表",
             "                                                         单位：元",
             "采购项目          采购目录          规格型号        数量        预算金额",
             "",
             "合计                                                 3        8,000.00",
             "办公设备购置      A02061804空调机   1.5匹防爆          2        6,000.00",
             "办公设备购置      A020201打印机     A4型               1        2,000.00"]
    table = _parse(lines).tables[0]
    assert table.column_texts() == ["采购项目", "采购目录", "规格型号", "数量", "预算金额"]
    assert [[c.text for c in r] for r in table.rows] == [["合计", "", "", "3", "8000.00"],
                                                        ["办公设备购置", "A02061804空调机", "1.5匹防爆", "2", "6000.00"],
                                                        ["办公设备购置", "A020201打印机", "A4型", "1", "2000.00"]]
    assert not table.doubt


def test_columns_of_figures_named_alike_side_by_side_tell_lost_groups_not_panels():
    from core.extract import _columns_of_figures_named_alike
    from core.model import Cell, Table

    def named(*written: str, empty: int | None = None) -> list[str]:
        row = [Cell("" if j == empty else "1.00") for j in range(len(written))]
        table = Table(kind="other", title="表", title_printed=True, unit="万元", first_line=1, last_line=2,
                      columns=parse_columns(written), rows=[row])
        return _columns_of_figures_named_alike(table)
    # two years' columns under groups the reading lost
    assert named("合计", "公务接待费", "合计", "公务接待费") == ["合计", "公务接待费"]
    # two panels, each opening with its label column
    assert named("项目", "预算数", "项目", "预算数") == []
    assert named("2025年/合计", "2026年/合计") == []
    # a ruling's spacer, empty in every row, named by its group alone
    assert named("支出", "支出/预算数", "支出", empty=2) == []
    assert named("", "预算数", "") == []       # (columns the header names not at all)


def test_a_procurement_list_printed_single_spaced_is_read_by_what_each_column_prints():
    # Xi'an's 政府采购预算表 as pdfplumber prints it: the header's cells run together, each row
    # interleaves words and figures a space apart; the template's columns by their cells' kinds
    lines = ["2022年部门预算", "表12", "部门综合预算政府采购（资产配置、购买服务）预算表", "单位：元",
             "部门预算政府预算", "科目编码 支出经济支出经济",
             "单位编码 采购项目 采购目录 购买服务内容 规格型号 数量 实施采购时间 预算金额 说明",
             "科目编码科目编码", "类 款 项 类 款 类 款",
             "合计 3 520,000.00",
             "201 08 01 1 全额 3 520,000.00",
             "201 08 01 117001 西安市审计局 3 520,000.00",
             "201 08 01 日常公用经费 C04070100体检服务 2 302 99 502 99 370,000.00",
             "201 08 01 审计培训 C02060000培训服务 培训服务 1 302 16 502 03 150,000.00"]
    table = _parse(lines).tables[0]
    assert table.column_texts() == ["科目编码/类", "科目编码/款", "科目编码/项", "单位编码", "采购项目", "采购目录",
                                    "购买服务内容", "规格型号", "数量", "部门预算支出经济科目编码/类",
                                    "部门预算支出经济科目编码/款", "政府预算支出经济科目编码/类",
                                    "政府预算支出经济科目编码/款", "实施采购时间", "预算金额", "说明"]
    assert [[c.text for c in r] for r in table.rows] == [
        ["", "", "", "", "合计", "", "", "", "3", "", "", "", "", "", "520000.00", ""],
        ["201", "08", "01", "1", "全额", "", "", "", "3", "", "", "", "", "", "520000.00", ""],
        ["201", "08", "01", "117001", "西安市审计局", "", "", "", "3", "", "", "", "", "", "520000.00", ""],
        ["201", "08", "01", "", "日常公用经费", "C04070100体检服务", "", "", "2", "302", "99", "502", "99", "",
         "370000.00", ""],
        ["201", "08", "01", "", "审计培训", "C02060000培训服务", "", "培训服务", "1", "302", "16", "502", "03", "",
         "150000.00", ""]]
    assert not table.doubt
