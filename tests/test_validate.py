"""Validation rules on the samples: the exact findings a reviewer expects, and none of the
false alarms a naive checker raises."""
from __future__ import annotations

from decimal import Decimal

from core.columns import ColumnRole
from core.document import parse_document
from core.findings import classification_of
from core.reader import load_text
from core.validate import Finding, severity, validate
from tests.conftest import SAMPLES


def errors(doc, check=None) -> list[Finding]:
    return [f for f in validate(doc) if f.severity == "error" and (check is None or f.check == check)]


def test_rounding_is_never_an_error():
    assert severity(Decimal("0.01"), 1) == "rounding"
    assert severity(Decimal("0.02"), 2) == "rounding"
    assert severity(Decimal("0.03"), 2) == "error"
    assert severity(Decimal("0"), 5) is None


def test_empty_parts_of_a_printed_total(documents):
    found = errors(documents["nanchang_medical_security_center_2024_budget.txt"], "sum")
    assert [(f.table, f.where, f.values) for f in found] == [
        ("一般公共预算基本支出表", "301 工资福利支出 / 人员经费", {"stated": "", "computed": "580.13"}),
        ("一般公共预算基本支出表", "302 商品和服务支出 / 公用经费", {"stated": "", "computed": "46.51"}),
        ("一般公共预算基本支出表", "303 对个人和家庭的补助 / 人员经费", {"stated": "", "computed": "0.63"}),
    ]
    assert [f.lines for f in found] == [[241], [250], [257]]


def test_rounding_differences_are_reported_as_rounding(documents):
    doc = documents["nanchang_medical_security_center_2024_budget.txt"]
    rounding = [f for f in validate(doc) if f.severity == "rounding" and f.check == "hierarchy"]
    assert {(f.table, f.where) for f in rounding} >= {("部门支出总表", "02 住房改革支出 / 合计"),
                                                     ("一般公共预算支出表", "02 住房改革支出 / 基本支出")}


def test_table_listed_in_the_toc_but_absent(documents):
    found = [f for f in validate(documents["nanchang_medical_security_center_2024_budget.txt"])
             if f.check == "extraction"]
    assert [(f.table, f.lines) for f in found] == [("收支预算总表", [14]), ("单位收入总表", [15])]


def test_a_listed_table_whose_title_is_printed_is_no_missing_table():
    # (its title printed on a line of its own, its rows read into another table or none:
    # a warning at the title, not an error that the table is missing)
    text = (SAMPLES / "nanchang_medical_security_center_2024_budget.txt").read_text(encoding="utf-8")
    doc = parse_document(load_text((text + "\n收支预算总表\n").encode()))
    found = [f for f in validate(doc) if f.check == "extraction"]
    assert [(f.table, f.severity, f.lines) for f in found] == [("收支预算总表", "warning", [316]),
                                                              ("单位收入总表", "error", [15])]


def test_prose_breakdown_against_its_total(documents):
    found = errors(documents["jingdezhen_medical_insurance_center_2025_budget.txt"])
    assert {(f.check, f.values["stated"], f.values["computed"]) for f in found} == {
        ("sum", "160", "0"),                 # 年度资金总额 vs its parts in the form
        ("sum", "574.21", "414.21"),         # 按支出经济分类 amounts
        ("sum", "54.78", "56.78"),           # … and their changes
        ("sum", "23", "20"),                 # 在职人数小计 vs its parts
        ("prose_vs_table", "0", "160"),      # the project's 财政拨款 where all income is 财政拨款
    }


def test_change_of_the_only_class_must_equal_the_total_change(documents):
    found = errors(documents["shangrao_medical_security_center_2024_budget.txt"])
    assert [(f.values["stated"], f.values["computed"]) for f in found] == [("-72.8", "-67.8")]


def test_rates_on_a_zero_base(documents):
    found = errors(documents["shangrao_medical_security_bureau_2022_final_accounts.txt"])
    assert [(f.check, f.values) for f in found] == [
        ("prose_vs_table", {"stated": "100%", "computed": "undefined (10 / 0)"}),
        ("prose_vs_table", {"stated": "100%", "computed": "undefined (0.08 / 0)"}),
    ]


def test_projects_and_subjects_in_the_text_against_the_tables(documents):
    found = errors(documents["zengdu_medical_security_center_2023_budget.txt"], "prose_vs_table")
    assert sorted((f.values["stated"], f.values["table"]) for f in found) == sorted([
        ("500", "300.00"), ("4608", "4708.00"),           # 预算安排 vs 项目支出表
        ("90", "≥80%"), ("95", "群众满意"), ("95", "100%"),  # targets vs 绩效目标申报表
        ("55.56", "55.24"),                               # 行政事业单位养老支出 vs 支出总表
        ("6034.96", "5811.56"), ("97.96", "-125.44"),     # changes vs 部门整体支出绩效目标申报表
    ])


def test_same_code_same_total_in_income_and_expense_tables(documents):
    found = [f for f in validate(documents["shangrao_medical_security_bureau_2022_final_accounts.txt"])
             if f.check == "cross_table"]
    assert [(f.severity, f.where.split(" / ")[0], f.values) for f in found] == [
        ("rounding", "210 卫生健康支出", {"stated": "1699.38", "computed": "1699.37"}),
        ("rounding", "21015 医疗保障管理事务", {"stated": "1699.38", "computed": "1699.37"}),
    ]


def test_two_panel_summary_balances(documents):
    found = [f for f in validate(documents["shangrao_medical_security_center_2024_budget.txt"])
             if f.table == "收支预算总表"]
    assert [(f.severity, f.values) for f in found] == [("rounding", {"stated": "1086.56", "computed": "1086.55"})]


def test_a_shattered_table_is_marked_unrecoverable_and_not_checked(documents):
    doc = documents["zengdu_medical_security_center_2023_budget.txt"]
    income = next(t for t in doc.tables if t.kind == "budget.income")
    assert income.recoverable is False and "single characters" in income.notes[-1]
    warnings = [f for f in validate(doc) if f.check == "extraction" and f.table == income.title]
    assert len(warnings) == 1 and warnings[0].severity == "warning"


def test_amounts_in_two_units_agree():
    from core.document import parse_document
    from core.reader import load_text
    text = ("第三部分 说明\n一、支出情况\n（一）公用经费\n办公费 1.5万元（15000元），印刷费 0.8万元（9000元），"
            "邮电费 2000元（0.2万元）。\n")
    found = [f for f in validate(parse_document(load_text(text.encode("utf-8")))) if f.check == "unit"]
    assert [(f.values, f.lines) for f in found] == [({"stated": "0.8", "computed": "0.9"}, [4])]


def test_figures_two_tables_both_print_must_agree(sample_copy):
    from core.document import load_document
    from core.review import Review
    from core.session import ReviewSession
    session = ReviewSession(Review(load_document(sample_copy("nanchang_medical_security_center_2024_budget.txt"))))
    assert [f for f in session.findings if f.check == "cross_table"] == []
    three = next(i for i, t in enumerate(session.tables) if t.kind == "budget.three_public")
    session.set_cell(three, 0, 6, "7.00")                 # 公务接待费, vs 30217 in the basic table
    found = [f for f in session.findings if f.check == "cross_table"]
    assert [(f.severity, f.values) for f in found] == [("error", {"stated": "7.00", "computed": "8.00"})]
    # more in the 三公 table than in the basic table may be project spending: a warning
    session.set_cell(three, 0, 6, "9.00")
    found = [f for f in session.findings if f.check == "cross_table"]
    assert [(f.severity, f.values) for f in found] == [("warning", {"stated": "9.00", "computed": "8.00"})]
    assert found[0].where == "604002 南昌市医疗保障服务中心 / 公务接待费 (vs 一般公共预算基本支出表)"


def test_two_tables_agree_to_the_coarser_printed_digit(sample_copy):
    # a table printing whole 元 (`8`, General format cutting `.04`) rounds what the other prints
    from core.document import load_document
    from core.review import Review
    from core.session import ReviewSession
    session = ReviewSession(Review(load_document(sample_copy("nanchang_medical_security_center_2024_budget.txt"))))
    basic = next(i for i, t in enumerate(session.tables) if t.kind == "budget.general_public_basic_expense")
    three = next(i for i, t in enumerate(session.tables) if t.kind == "budget.three_public")
    session.set_cell(basic, 13, 2, "8.04")               # 30217 公务接待费
    found = [f for f in session.findings if f.check == "cross_table"]
    assert [(f.severity, f.values) for f in found] == [("error", {"stated": "8.00", "computed": "8.04"})]
    session.set_cell(three, 0, 6, "8")
    found = [f for f in session.findings if f.check == "cross_table"]
    assert [(f.severity, f.values) for f in found] == [("rounding", {"stated": "8.00", "computed": "8.04"})]


def test_two_classes_missing_by_opposite_amounts_are_a_misreading(sample_copy):
    # 301 over its items by 0.50 and 303 short of its by 0.50: a figure read into another
    # class's rows, one warning for the table rather than four errors (a class missing its
    # items as the total misses the classes is one slip, and stays an error)
    from core.document import load_document
    from core.review import Review
    from core.session import ReviewSession
    session = ReviewSession(Review(load_document(sample_copy("shangrao_medical_security_center_2024_budget.txt"))))
    basic = next(i for i, t in enumerate(session.tables) if t.kind == "budget.general_public_basic_expense")

    def own() -> list[tuple[str, str, str]]:
        return [(f.check, f.severity, f.where) for f in session.findings if f.table_index == basic]
    assert own() == []
    for column in (2, 3):
        session.set_cell(basic, 8, column, "136.16")        # 30199 under 301: 0.50 less …
    assert own() == [("hierarchy", "error", "301 工资福利支出 / 合计"), ("hierarchy", "error", "301 工资福利支出 / 人员经费")]
    for column in (2, 3):
        session.set_cell(basic, 18, column, "0.61")         # … and 0.50 more under 303
    assert own() == [("extraction", "warning", "whole table")]


def test_a_subjects_figure_a_doubted_table_may_print_is_a_warning(sample_copy):
    # the text's 行政事业单位养老支出 55.56 万元 against 支出总表's 55.24: an error while the
    # 一般公共预算支出表 (which may print the text's figure) reads surely; a warning saying why
    # where its reading is doubted
    from core.document import load_document
    from core.prose_rules import check_prose_subjects
    doc = load_document(sample_copy("zengdu_medical_security_center_2023_budget.txt"))
    assert [(f.severity, f.values) for f in check_prose_subjects(doc)] == [
        ("error", {"stated": "55.56", "table": "55.24"})]
    next(t for t in doc.tables if t.kind == "budget.general_public_expense").add_doubt("its columns were guessed")
    found = check_prose_subjects(doc)
    assert [(f.severity, f.values) for f in found] == [("warning", {"stated": "55.56", "table": "55.24"})]
    assert found[0].message.endswith("(一般公共预算支出表, whose reading is doubted, may print it)")


def _cross_table_after(sample_copy, name, kind, row, column, text, severity="error"):
    from core.document import load_document
    from core.review import Review
    from core.session import ReviewSession
    session = ReviewSession(Review(load_document(sample_copy(name))))
    before = [f for f in session.findings if f.check == "cross_table" and f.severity == severity]
    ti = next(i for i, t in enumerate(session.tables) if t.kind == kind)
    session.set_cell(ti, row % len(session.tables[ti].rows), column, text)     # -1: the last row
    after = [f for f in session.findings if f.check == "cross_table" and f.severity == severity]
    return before, after


def test_basic_spending_equals_staff_plus_running_costs_in_final_accounts(sample_copy):
    # 公开06: 人员经费合计 988.75 + 公用经费合计 346.54 = 公开05 基本支出 1335.29
    # The 公用经费合计 cell's column was inferred (the text dropped the empty cells), so the
    # disagreement is a warning that says so, not an error.
    before, after = _cross_table_after(sample_copy, "shangrao_medical_security_bureau_2022_final_accounts.txt",
                                       "final.general_public_basic_expense", -1, 2, "998.75", "warning")
    assert before == []
    assert [(f.values, f.where) for f in after] == [
        ({"stated": "1345.29", "computed": "1335.29"},
         "人员经费合计+公用经费合计 / 金额 (vs 一般公共预算财政拨款支出决算表)")]
    assert "involves inferred cells" in after[0].message


def test_a_part_of_the_funds_may_not_exceed_the_whole(sample_copy):
    # 公开05 基本支出 is the 一般公共预算 part of 公开03 基本支出: less is fine, more is not
    name = "shangrao_medical_security_bureau_2022_final_accounts.txt"
    _, lower = _cross_table_after(sample_copy, name, "final.general_public_expense", 0, 3, "1300.00")
    assert [f.values for f in lower if f.table == "一般公共预算财政拨款支出决算表"] == []
    # 公开03's 合计 row lost a cell in the text, so its 基本支出 is an inferred cell: a warning
    _, higher = _cross_table_after(sample_copy, name, "final.general_public_expense", 0, 3, "1400.00", "warning")
    assert {"stated": "1400.00", "computed": "1335.29"} in [f.values for f in higher]


def test_project_table_total_is_the_project_spending_or_the_whole_budget(sample_copy):
    # Hubei's 项目支出表 lists every item as a project, so its total is 支出总表's 合计
    name = "zengdu_medical_security_center_2023_budget.txt"
    before, after = _cross_table_after(sample_copy, name, "budget.project_expense", 0, 3, "8100.00")
    assert before == []
    # 支出总表's 合计 row prints 3 of its 6 amounts, in the first columns and adding up: read as
    # printed, so the disagreement is an error
    assert [f.message for f in after] == [
        "项目支出表 合计 合计 8100.00 matches none of 支出总表 合计 项目支出 7747.00 / 合计 8132.86"]


def _prose_after(sample_copy, name, kind, row, column, text):
    from core.document import load_document
    from core.review import Review
    from core.session import ReviewSession
    session = ReviewSession(Review(load_document(sample_copy(name))))
    ti = next(i for i, t in enumerate(session.tables) if t.kind == kind)
    before = [f for f in session.findings if f.table_index == ti and f.check == "prose_vs_table"]
    session.set_cell(ti, row, column, text)
    return before, [f for f in session.findings if f.table_index == ti and f.check == "prose_vs_table"]


def test_three_public_figures_in_the_text_against_the_table(sample_copy):
    before, after = _prose_after(sample_copy, "zengdu_medical_security_center_2023_budget.txt",
                                 "budget.three_public", 0, 5, "0.65")
    assert before == []
    assert [(f.values, f.lines) for f in after] == [({"stated": "0.55", "table": "0.65"}, [191, 1062])]
    # the header is read whole (its （境） matches the text's (境) once both are NFKC): an error
    assert (after[0].severity, after[0].message) == (
        "error", "the text states “公务接待费0.55万元”; 一般公共预算“三公”经费支出表 prints 0.65")


def test_the_three_public_total_is_the_sum_of_its_items(sample_copy):
    from core.document import load_document
    from core.review import Review
    from core.session import ReviewSession
    session = ReviewSession(Review(load_document(sample_copy("zengdu_medical_security_center_2023_budget.txt"))))
    ti = next(i for i, t in enumerate(session.tables) if t.kind == "budget.three_public")
    session.set_cell(ti, 0, 5, "0.65")
    sums = [f for f in session.findings if f.table_index == ti and f.check == "sum"]
    assert [(f.severity, f.row, f.col, f.values) for f in sums] == [
        ("error", 0, 0, {"stated": "6.55", "computed": "6.65"})]


def test_running_costs_in_the_text_against_the_basic_table(sample_copy):
    # 机关运行费 105.76 万元 = 一般公共预算基本支出表 合计 公用经费
    # 公用经费 may hold more than the 机关运行经费 (templates differ): more is a warning, less an error
    name, kind = "shangrao_medical_security_center_2024_budget.txt", "budget.general_public_basic_expense"
    before, after = _prose_after(sample_copy, name, kind, 0, 4, "105.86")
    assert before == []
    assert [(f.severity, f.values) for f in after] == [("warning", {"stated": "105.76", "table": "105.86"})]
    _, less = _prose_after(sample_copy, name, kind, 0, 4, "105.66")
    assert [(f.severity, f.values) for f in less] == [("error", {"stated": "105.76", "table": "105.66"})]


def test_totals_stated_with_all_their_parts_in_the_text():
    text = ("第三部分 说明\n一、“三公”经费\n（一）安排情况\n“三公”经费财政拨款安排 9.00 万元。其中：\n"
            "因公出国（境）费 0 万元；公务接待费 8.00 万元；公务用车运行维护费 0.50 万元；公务用车购置费 0 万元。\n"
            "（二）政府采购\n政府采购预算总额 26.20 万元。其中，政府采购货物预算 16.20 万元，"
            "政府采购工程预算 0.00 万元，政府采购服务预算 10.00 万元。\n")
    assert _found(text, "sum") == [("error", {"stated": "9.00", "computed": "8.50"}, [4])]


def test_final_accounts_fiscal_income_in_the_summary_and_the_fiscal_table(sample_copy):
    _, after = _cross_table_after(sample_copy, "shangrao_medical_security_bureau_2022_final_accounts.txt",
                                  "final.fiscal_summary", 0, 2, "1700.00")
    assert [f.values for f in after if f.where.startswith("一、一般公共预算财政拨款")] == [
        {"stated": "1700.00", "computed": "1709.37"}]


def test_completion_rates_are_recomputed_to_their_printed_precision():
    from core.document import parse_document
    from core.reader import load_text
    text = ("第三部分 说明\n一、决算情况\n（一）支出\n年初预算数为 1770.56 万元，决算数为 1699.37 万元，完成年初预算的 96%。\n"
            "全年预算数为 13.83 万元，决算数为 11.42 万元，完成全年预算的 85.6%。\n")
    found = [f for f in validate(parse_document(load_text(text.encode("utf-8")))) if f.check == "prose_vs_table"]
    # 1699.37 / 1770.56 = 95.98%, printed 96%: agrees; 11.42 / 13.83 = 82.57%, not 85.6%
    assert [(f.values, f.lines) for f in found] == [({"stated": "85.6%", "computed": "82.57%"}, [5])]


def test_a_change_stated_after_another_clause_is_recomputed():
    from core.document import parse_document
    from core.reader import load_text
    text = ("第三部分 说明\n一、“三公”经费\n（一）公务接待费\n"
            "公务接待费决算数为 11.42 万元，完成全年预算的 82.6%，决算数较 2021 年减少 2.03 万元，下降 17.1%。\n"
            "收入总计 1709.37 万元，其中年初结转和结余 0 万元，较 2021 年减少 213.5 万元，下降 100%。\n")
    found = [f for f in validate(parse_document(load_text(text.encode("utf-8")))) if f.check == "prose_vs_table"]
    # 2.03 / (11.42 + 2.03) = 15.09%; the 结转 clause's −100% is its own, and right
    assert [(f.values, f.lines) for f in found] == [({"stated": "17.1%", "computed": "15.09%"}, [4])]


def test_a_rate_on_the_total_of_a_breakdown_wrapped_over_lines_is_the_totals():
    from core.document import parse_document
    from core.reader import load_text
    # the figure before 较上年 is the last item of the 其中 list; the rate is the total's
    # (142.30 / (4,203.47 − 142.30) = 3.50%), the sentence wrapped over three lines, a blank one
    # between two as pdftotext -layout prints them
    text = ("第三部分 说明\n五、收支预算总体情况说明\n"
            "本部门当年预算收入\n4,203.47万元，其中：一般公共预算拨款4,005.29万元、上年实户资金余额98.18万元、其他收\n\n"
            "入100.00万元，较上年增加142.30万元，增长3.50%，增长的主要原因是：审计专项补助经费结余较上年增多。\n"
            "其他收入100.00万元，较上年增加20.00万元，增长30.00%。\n")
    found = [f for f in validate(parse_document(load_text(text.encode("utf-8")))) if f.check == "prose_vs_table"]
    # (the last sentence's own figure is its base: 20 / 80 = 25%)
    assert [(f.values, f.lines) for f in found] == [({"stated": "30.00%", "computed": "25.00%"}, [7])]


def test_changes_stated_with_thousands_separators_are_read():
    # 2,515.39 with its comma once made the readers of stated changes raise
    text = ("第三部分 说明\n一、支出预算情况\n"
            "支出预算总额 3,000.00 万元，较上年增加 2,515.39 万元，按支出功能分类划分：\n"
            "一般公共服务支出 1,000.00 万元，较上年增加 1,252.50 万元；教育支出 2,000.00 万元，较上年增加 1,200.00 万元。\n"
            "支出比上年增加 2,515.39 万元，主要是基本支出增加 1,252.50 万元。\n")
    assert _found(text, "sum") == [("error", {"stated": "2515.39", "computed": "2452.50"}, [3])]


# a 项目支出表 of two projects, then the 情况说明 that lists its key projects again
PROJECT_TABLE_THEN_NOTES = [
    "部门预算项目支出及其他支出预算表", "单位名称：珠海市某局 单位：万元",
    "支出项目类别（资金使用单位） 总计 合计 一般公共预算 政府性基金预算 国有资本经营预算 财政专户拨款 其他资金 绩效目标",
    "合计 7,729.50 7,729.50 7,729.50 0.00 0.00 0.00 0.00",
    "辅助人员补助经费-拱北海关 7,672.50 7,672.50 7,672.50 0.00 0.00 0.00 0.00 保障海关监管需要。",
    "口岸维修经费 57.00 57.00 57.00 0.00 0.00 0.00 0.00 保障口岸设施完好。",
    "第三部分 情况说明", "七、重点项目预算绩效目标情况"]


def test_a_project_listed_in_the_text_with_its_name_wrapped_against_the_project_table():
    # the 情况说明 lists key projects in a grid printed as text: the name wraps around the line
    # of its amount, the description beside; one amount disagrees with the 项目支出表
    from core.document import parse_document
    from core.reader import load_text
    lines = PROJECT_TABLE_THEN_NOTES + [
        "项目 预算数（单位：万元） 绩效目标",
        "通过配置辅助人员保障海关监管需要，更", "辅助人员补助经费-拱北海", "7672.25 好助力服务地方经济发展，促进外贸保稳提",
        "关", "质。", "口岸维修经费 57 保障口岸设施完好。"]
    found = [f for f in validate(parse_document(load_text("\n".join(lines).encode("utf-8"))))
             if f.check == "prose_vs_table"]
    assert [(f.severity, f.where, f.values, f.lines) for f in found] == [
        ("error", "辅助人员补助经费-拱北海关 / 总计", {"stated": "7672.25", "other": "7672.50"}, [12])]


def test_a_project_listed_one_cell_a_line_with_its_name_over_the_lines_above_its_amount():
    # PyMuPDF's text of the same grid: the name's two lines, the amount alone, the description
    from core.document import parse_document
    from core.reader import load_text
    lines = PROJECT_TABLE_THEN_NOTES + [
        "项目", "预算数（单位：万元）", "绩效目标",
        "辅助人员补助经费-拱北海", "关", "7672.25", "通过配置辅助人员保障海关监管需要，更",
        "好助力服务地方经济发展，促进外贸保稳提质。", "口岸维修经费", "57", "保障口岸设施完好。"]
    found = [f for f in validate(parse_document(load_text("\n".join(lines).encode("utf-8"))))
             if f.check == "prose_vs_table"]
    assert [(f.severity, f.where, f.values, f.lines) for f in found] == [
        ("error", "辅助人员补助经费-拱北海关 / 总计", {"stated": "7672.25", "other": "7672.50"}, [14])]


def test_a_rule_whose_parts_have_an_unnamed_sibling_column_of_figures_says_nothing():
    # 合计 = 基本支出 + 项目支出 is the catalogue's; this template prints 单位预留机动经费 beside
    # them, and the row adds up with it (a column inside the group a 小计 part stands for is
    # that part's own: the samples' 收入总表 keep their findings, see test_golden)
    from core.document import parse_document
    from core.reader import load_text
    def sums(lines):
        doc = parse_document(load_text("\n".join(lines).encode("utf-8")))
        return [(f.severity, f.values) for f in validate(doc) if f.check == "sum"]
    spending = ["支出预算总表", "单位：万元", "合计 基本支出 项目支出 单位预留机动经费 结转下年资金",
                "24169.74 15844.04 4335.30 3990.40"]
    assert sums(spending) == []
    assert sums(spending[:2] + ["合计 基本支出 项目支出", "24169.74 15844.04 4335.30"]) == [
        ("error", {"stated": "24169.74", "computed": "20179.34"})]


def test_a_summary_read_in_reading_order_checks_the_totals_it_could_seat_and_doubts_the_rest():
    # the income panel's 总计 has no figure (reading order printed it out of turn): the text's
    # 收入支出总计 is checked against the expense panel's; the balance that rests on a figure
    # seated by guess is a warning, not an error; the total without figures and the figures
    # seated out of turn doubt the table
    from core.document import parse_document
    from core.reader import load_text
    lines = ["2024年度部门决算", "一、收入支出决算总体情况说明", "2024年度收入支出总计0万元。",
             "收入支出决算总表", "单位：万元", "收入", "项目", "一、一般公共预算财政拨款收入", "", "支出", "决算数",
             "2,940.05", "", "项目", "一、一般公共服务支出", "", "二、其他收入", "", "6.20", "", "决算数", "2,106.66", "",
             "二、国防支出", "", "839.59", "", "本年收入合计", "", "2,946.25", "", "使用非财政拨款结余（含专用结余）",
             "年初结转和结余", "总计", "", "本年支出合计", "", "2,946.25", "", "结余分配", "12.00", "2,995.39", "",
             "年末结转和结余", "总计", "", "49.14", "2,995.39"]
    found = validate(parse_document(load_text("\n".join(lines).encode("utf-8"))))
    assert [(f.check, f.severity, f.where, f.values) for f in found] == [
        ("sum", "warning", "支出总计 / 决算数", {"stated": "2995.39", "computed": "3007.39"}),
        ("prose_vs_table", "error", "总计 / 决算数", {"stated": "0", "table": "2995.39"}),
        ("extraction", "warning", "whole table", {})]
    assert found[-1].message == "收入支出决算总表: its 总计 row holds no figure while other rows do: the figures " \
        "were likely read apart from their labels; check the rows against the source; 1 row(s) print more figures " \
        "after their label than their panel has columns (other rows' figures printed out of turn): whose figures are " \
        "whose was guessed; check the rows against the source"


def test_many_codes_named_otherwise_than_in_another_table_are_one_warning(sample_copy):
    # names out of step with their codes (a wrapped name's pieces read onto the wrong rows)
    # are one warning for the table, not one per code; a single renamed code stays itself
    from core.document import load_document
    from core.review import Review
    from core.session import ReviewSession
    session = ReviewSession(Review(load_document(sample_copy("nanchang_medical_security_center_2024_budget.txt"))))
    session.set_cell(2, 2, 1, "出行政事业单位")
    assert [(f.where, f.values) for f in session.findings if f.check == "cross_table" and f.where.endswith("/ name")] \
        == [("20801 / name", {"stated": "出行政事业单位", "other": session.tables[0].cell(2, 1).text})]
    for row, name in ((3, "医疗保障"), (4, "险机关事业"), (5, "单位离退休"), (6, "基本养老")):
        session.set_cell(2, row, 1, name)
    found = [f for f in session.findings if f.table_index == 2 and f.check in ("cross_table", "extraction")]
    assert [(f.check, f.severity, f.where, f.values) for f in found] == [
        ("extraction", "warning", "whole table (names)", {"renamed_codes": "5"})]


def test_a_table_whose_unit_line_was_not_read_may_print_the_texts_figures_in_yuan():
    """An extractor in reading order can print a table's unit line away from it: the table's
    figures then agree with the text's 万元 in either unit, and only a printed unit decides."""
    from core.document import parse_document
    from core.reader import load_text
    lines = ["第一部分 说明", "公务接待费1.50万元，因公出国(境)费0.10万元。", "2025年部门“三公”经费和机关运行经费预算表",
             "“三公”经费预算数", "机关运行经费预算", "公务用车购置及运行费", "数", "合计 因公出国(境)费 公务接待费",
             "小计 购置费 运行费", "16000.00 1000.00 15000.00 0.00 0.00 0.00 1710100.00"]

    def prose(unit_line: list[str]) -> list[tuple[str, dict]]:
        doc = parse_document(load_text("\n".join(lines[:3] + unit_line + lines[3:]).encode("utf-8")))
        return [(f.severity, f.values) for f in validate(doc) if f.check == "prose_vs_table"]
    assert prose([]) == prose(["编制部门：上海市某局 单位:元"]) == []
    assert prose(["编制部门：上海市某局 单位:万元"]) == [
        ("error", {"stated": "0.10", "table": "1000.00"}), ("error", {"stated": "1.50", "table": "15000.00"})]


def test_a_table_whose_reading_is_doubted_is_no_witness_of_the_subjects_the_text_states(sample_copy):
    """The text's 行政事业单位养老支出 55.56万元 against the tables' 55.24 is an error; where their
    readings are doubted (flagged on their own), their labels and figures may be out of step,
    and the comparison is not made: no cascade of findings from a misread table."""
    from core.document import load_document

    def subjects(doubted: bool) -> list[dict[str, str]]:
        doc = load_document(sample_copy("zengdu_medical_security_center_2023_budget.txt"))
        printing = [t for t in doc.tables if any(c.text == "行政事业单位养老支出" for row in t.rows for c in row)]
        assert [t.kind for t in printing] == ["budget.expense", "budget.general_public_expense"]
        for table in printing if doubted else ():
            table.add_doubt("its columns follow a guess")
        return [f.values for f in validate(doc) if f.check == "prose_vs_table" and f.where == "行政事业单位养老支出"]
    assert subjects(doubted=False) == [{"stated": "55.56", "table": "55.24"}]
    assert subjects(doubted=True) == []


def test_a_class_stated_spending_is_compared_with_the_spending_tables_not_its_income():
    """收入决算表 lists income by the function class it funds: the text's 一般公共服务支出 is
    the class's spending, which 支出决算表 prints; the income table's equal figure does not
    settle a disagreement with it."""
    from core.document import parse_document
    from core.reader import load_text
    lines = ["某局2024年度部门决算", "第一部分 情况说明", "一般公共服务支出100.00万元，主要用于行政运行。",
             "收入决算表", "单位：万元", "科目编码\t科目名称\t本年收入合计\t财政拨款收入",
             "201\t一般公共服务支出\t100.00\t100.00", "支出决算表", "单位：万元",
             "科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出", "201\t一般公共服务支出\t90.00\t90.00\t0.00"]
    doc = parse_document(load_text("\n".join(lines).encode("utf-8")))
    assert [t.kind for t in doc.tables] == ["final.income", "final.expense"]
    assert [(f.severity, f.message) for f in validate(doc) if f.check == "prose_vs_table"] == [
        ("error", "the text gives 一般公共服务支出 100.00 万元; 支出决算表 prints 90.00")]


def test_an_error_on_a_table_whose_columns_are_doubted_is_a_warning(sample_copy):
    """The text's 基本支出增加97.96万元 against the form's 预算增减变化 -125.44 is an error; where
    the table's columns are doubted (which column a figure stands in), the figure said to
    disagree may be another column's: a warning saying the doubt. A doubt of something else
    (a row read apart) leaves the error standing, as a table without failing sums of its own."""
    from core.document import load_document

    def stated_increase(of_columns: bool | None) -> list[tuple[str, str]]:
        doc = load_document(sample_copy("zengdu_medical_security_center_2023_budget.txt"))
        [form] = [t for t in doc.tables if t.title == "部门整体支出绩效目标申报表"]
        if of_columns is not None:
            form.add_doubt("a doubt", of_columns=of_columns)
        return [(f.severity, f.message) for f in validate(doc)
                if f.check == "prose_vs_table" and "基本支出增加97.96万元" in f.message]
    standing = "the text states “基本支出增加97.96万元”; 部门整体支出绩效目标申报表 支出构成 基本支出 预算增减变化（C-D） prints -125.44"
    assert stated_increase(None) == stated_increase(of_columns=False) == [("error", standing)]
    assert stated_increase(of_columns=True) == [("warning", standing + " (a doubt)")]


def test_a_two_panel_classification_is_checked_panel_by_panel():
    """The two-panel 基本支出决算表 (301 … beside 302 …): each panel's 类 against its own 款, the
    finding placed at the panel's column — here the two rounding differences the hand-checked
    truth lists (2082.85 / 2082.86, 171.07 / 171.09); no total row is weighed across panels."""
    from pathlib import Path

    from core.document import parse_document
    from core.reader import load_text
    text = Path(__file__).parent / "data" / "quirks" / "tab_two_panel_classification_checked_panel_by_panel.txt"
    doc = parse_document(load_text(text.read_bytes(), text.name))
    assert [(f.check, f.severity, f.row, f.col, f.values) for f in validate(doc)] == [
        ("hierarchy", "rounding", 0, 3, {"stated": "2082.85", "computed": "2082.86"}),
        ("hierarchy", "rounding", 0, 7, {"stated": "171.07", "computed": "171.09"})]


def test_a_row_printing_a_code_without_its_name_doubts_the_table():
    """A reading that leaves a code without its name (plain pdftotext's 基本支出决算表: `303`
    alone, its name glued to another panel's) put the names elsewhere: the table is doubted,
    and its failing sums are warnings that say so."""
    from core.document import parse_document
    from core.reader import load_text
    lines = ["一般公共预算财政拨款支出决算表", "单位：万元", "科目编码\t科目名称\t本年支出",
             "201\t一般公共服务支出\t10.00", "20101\t\t4.00", "2010101\t行政运行\t4.00"]
    doc = parse_document(load_text("\n".join(lines).encode("utf-8")))
    [table] = doc.tables
    assert table.doubt.startswith("1 coded row(s) print no name")
    assert [(f.check, f.severity) for f in validate(doc)] == [("hierarchy", "warning"), ("extraction", "warning")]


def _document(text: str):
    return parse_document(load_text(text.encode("utf-8"), "tables.txt"))


def _found(text: str, check: str) -> list[tuple[str, dict[str, str], list[int]]]:
    """(severity, figures, lines) of each finding of one check on a document of `text`."""
    return [(f.severity, f.values, f.lines) for f in validate(_document(text)) if f.check == check]


def _lines(*rows: str) -> str:
    return "".join(row + "\n" for row in rows)


def test_a_code_printed_one_part_a_row_takes_the_parts_above_it():
    # 类/款/项 columns where each row prints only its own part (`08` under 205)
    doc = _document(_lines("一般公共预算支出表", "单位：万元", "科目编码\t\t\t科目名称\t合计\t基本支出\t项目支出",
                           "类\t款\t项\t\t\t\t", "\t\t\t合计\t16.00\t16.00\t", "205\t\t\t教育支出\t16.00\t16.00\t",
                           "\t08\t\t进修及培训\t16.00\t16.00\t", "\t\t03\t培训支出\t16.00\t16.00\t"))
    [table] = doc.tables
    assert [table.row_code(r) for r in range(len(table.rows))] == ["", "205", "20508", "2050803"]
    assert validate(doc) == []


def test_each_units_classes_add_up_to_its_row_not_to_every_row_of_their_class():
    # Xi'an lists each unit (`125001`, no department row above it) over its own classes: a
    # class printed again under the next unit is another row; the unit's row is its classes'
    # total, and a slip in one unit is found there alone
    def document(second_unit: str):
        return _document(_lines("一般公共预算支出明细表（按支出功能分类科目）", "单位：万元", "功能科目编码\t功能科目名称\t合计",
                                "\t合计\t10.00", "125001\t甲单位\t6.00", "201\t一般公共服务支出\t6.00",
                                "2013301\t行政运行\t6.00", f"125002\t乙单位\t{second_unit}", "201\t一般公共服务支出\t4.00",
                                "2013301\t行政运行\t4.00"))
    assert validate(document("4.00")) == []
    assert [(f.check, f.where, f.values) for f in validate(document("5.00"))] == [
        ("hierarchy", "125002 乙单位 / 合计", {"stated": "5.00", "computed": "4.00"})]


def test_a_rows_list_number_is_no_amount():
    # Xi'an prints 序号 before the code: 1, 2, 3 down the rows are no figures to add up
    doc = _document(_lines("一般公共预算支出表", "单位：万元", "序号\t科目编码\t科目名称\t合计\t基本支出\t项目支出",
                           "1\t\t合计\t16.00\t16.00\t", "2\t205\t教育支出\t16.00\t16.00\t",
                           "3\t20508\t进修及培训\t16.00\t16.00\t", "4\t2050803\t培训支出\t16.00\t16.00\t"))
    [table] = doc.tables
    assert [c.role for c in table.columns][:3] == [ColumnRole.ORDINAL, ColumnRole.CODE, ColumnRole.NAME]
    assert [table.cell(r, 0).text for r in range(len(table.rows))] == ["1", "2", "3", "4"]
    assert validate(doc) == []


def test_a_table_coded_by_economic_class_is_no_witness_of_function_subjects():
    # one kind of table comes by function or by economic class (Xi'an: 按支出经济分类科目);
    # the 机关运行经费 the text breaks down are a part of the economic classes' figures
    doc = _document(_lines("一般公共预算支出明细表（按支出经济分类科目）", "单位：万元",
                           "部门经济科目编码\t部门经济科目名称\t合计", "\t合计\t10.00", "302\t商品和服务支出\t10.00",
                           "30217\t公务接待费\t3.30", "30299\t其他商品和服务支出\t6.70",
                           "第三部分 说明", "十、机关运行经费",
                           "机关运行经费预算总计5万元，其中：公务接待费2万元，其他商品和服务支出3万元。"))
    [table] = doc.tables
    assert table.kind == "budget.general_public_expense"
    assert classification_of(table) == "economic"
    assert validate(doc) == []


def test_a_subject_the_text_states_for_one_fund_is_witnessed_by_that_funds_summary():
    # the 财政拨款 paragraph states 交通运输支出 as its summary prints it (no codes there); the
    # 支出总表 counts every fund. A figure no table prints stays an error.
    def document(stated: str):
        return _document(_lines("支出总表", "单位：万元", "科目编码\t科目名称\t合计\t基本支出\t项目支出",
                                "\t合计\t120.00\t20.00\t100.00", "214\t交通运输支出\t120.00\t20.00\t100.00",
                                "财政拨款收支总表", "单位：万元", "收入\t\t支出\t", "项目\t预算数\t项目\t预算数",
                                "一、一般公共预算拨款收入\t90.00\t一、交通运输支出\t90.00",
                                "收入合计\t90.00\t支出合计\t90.00",
                                "第三部分 说明", "（四）财政拨款收支情况",
                                f"财政拨款支出包括：交通运输支出{stated}万元。"))
    assert [f for f in validate(document("90.00")) if f.check == "prose_vs_table"] == []
    assert [(f.severity, f.values) for f in validate(document("95.00")) if f.check == "prose_vs_table"] == [
        ("error", {"stated": "95.00", "table": "120.00"})]
    # a summary whose reading is doubted still witnesses the figure it prints: its doubt (flagged
    # on its own) raises no error of a figure it agrees with
    doubted = document("90.00")
    [summary] = [t for t in doubted.tables if t.kind == "budget.fiscal_summary"]
    summary.add_doubt("a label was likely read into the other panel")
    assert [f for f in validate(doubted) if f.check == "prose_vs_table"] == []


def test_two_classifications_of_the_same_rows_are_not_checked_as_panels():
    # 部门经济科目 beside 政府经济科目: the rows are grouped by the pair, 505 under 301 and 302
    doc = _document(_lines(
        "一般公共预算基本支出表", "单位：万元",
        "部门预算支出经济分类科目\t\t\t政府预算支出经济分类科目\t\t\t合计\t人员经费\t公用经费",
        "科目编码\t\t科目名称\t科目编码\t\t科目名称\t\t\t", "类\t款\t\t类\t款\t\t\t\t",
        "\t\t合计\t\t\t\t30.00\t25.00\t5.00",
        "301\t\t工资福利支出\t501\t\t机关工资福利支出\t20.00\t20.00\t",
        "301\t01\t基本工资\t501\t01\t工资奖金津补贴\t20.00\t20.00\t",
        "301\t\t工资福利支出\t505\t\t对事业单位经常性补助\t5.00\t5.00\t",
        "301\t01\t基本工资\t505\t01\t工资福利支出\t5.00\t5.00\t",
        "302\t\t商品和服务支出\t505\t\t对事业单位经常性补助\t5.00\t\t5.00",
        "302\t01\t办公费\t505\t02\t商品和服务支出\t5.00\t\t5.00"))
    assert doc.tables[0].column_texts()[3] == "政府预算支出经济分类科目/科目编码/类"
    assert validate(doc) == []


def test_a_figure_the_text_states_is_read_from_the_latest_years_columns():
    three_public = ("一般公共预算“三公”经费支出情况表", "单位：万元",
                    "2025年预算数\t\t\t\t\t\t2026年预算数\t\t\t\t\t",
                    "合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\t合计\t因公出国（境）费\t"
                    "公务用车购置及运行维护费\t\t\t公务接待费",
                    "\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t\t\t小计\t公务用车购置费\t公务用车运行维护费\t",
                    "11.90\t8.50\t\t\t\t3.40\t3.40\t\t\t\t\t3.40")
    doc = _document(_lines("2026年“三公”经费预算共3.40万元，比上年减少8.50万元。", *three_public))
    assert validate(doc) == []
    doc = _document(_lines("2026年“三公”经费预算共3.50万元。", *three_public))
    assert [(f.check, doc.tables[0].columns[f.col].text, f.values) for f in validate(doc)] == [
        ("prose_vs_table", "2026年预算数/合计", {"stated": "3.50", "table": "3.40"})]


def test_decimals_printed_apart_from_their_figure_are_not_joined_to_another():
    """pdftotext's layout mode prints a figure's decimals a line below it, and where a line
    shows a figure's decimals a wide gap away (the next figure's), its own are on the next
    line: the gap and the next line's leading decimals join no figure (`3 … .50` is no 3.50);
    decimals a line below with no such gap still complete the figure above them."""
    three_public = ("一般公共预算“三公”经费支出情况表", "单位：万元", "合计\t因公出国（境）费\t公务接待费", "3.40\t\t3.40")
    displaced = ("  2026年“三公”经费预算3              .50万元。其中：公务接待费3",
                 "                  .40万元，比上年减少1.50万元。")
    assert [f for f in validate(_document(_lines(*displaced, *three_public))) if f.check == "prose_vs_table"] == []
    below = ("  2026年“三公”经费预算3", "                  .50万元。")
    assert [(f.severity, f.values) for f in validate(_document(_lines(*below, *three_public)))
            if f.check == "prose_vs_table"] == [("error", {"stated": "3.50", "table": "3.40"})]


def test_a_figure_the_text_states_is_read_from_the_subjects_own_table():
    # a 机关运行经费 table of its own prints the figure the text states, not the 公用经费 holding it
    def document(stated: str):
        return _document(_lines(f"2026年机关运行经费预算支出{stated}万元。", "一般公共预算基本支出表", "单位：万元",
                                "科目编码\t科目名称\t合计\t人员经费\t公用经费", "\t合计\t242.76\t\t242.76",
                                "302\t商品和服务支出\t242.76\t\t242.76",
                                "一般公共预算机关运行经费支出预算表", "单位：万元", "科目编码\t科目名称\t机关运行经费支出",
                                "\t合计\t175.58", "302\t商品和服务支出\t175.58"))
    assert [f for f in validate(document("175.58")) if f.check == "prose_vs_table"] == []
    assert [(f.severity, f.table, f.values) for f in validate(document("170.00")) if f.check == "prose_vs_table"] == [
        ("error", "一般公共预算机关运行经费支出预算表", {"stated": "170.00", "table": "175.58"})]


def test_a_file_holding_none_of_its_listed_tables_says_so_once():
    # the explanation published apart from its tables (附件): one warning, not an error a table
    doc = _document(_lines("某局2026年度部门预算信息公开", "目 录", "第一部分 2026年度部门预算情况说明",
                           "一、部门情况说明", "第二部分 2026年度部门预算报表", "一、收支总表", "二、收入总表",
                           "三、支出总表", "第一部分 2026年度部门预算情况说明", "一、部门情况说明",
                           "本部门负责统计工作。", "第二部分 2026年度部门预算报表", "附件：某局2026年度部门预算报表"))
    assert doc.tables == []
    assert [(f.check, f.severity, f.message) for f in validate(doc)] == [
        ("extraction", "warning", "none of the 3 tables the 目录 lists is in the text (收支总表、收入总表、支出总表): "
                                  "they are likely published apart (an attachment); open the file that holds them")]


def test_a_project_name_several_units_share_is_checked_against_each_of_their_amounts():
    doc = _document(_lines("项目支出表", "单位：万元", "项目名称\t合计\t财政拨款", "合计\t868.00\t868.00",
                           "甲中心\t246.00\t246.00", "综合业务费\t246.00\t246.00", "乙中心\t622.00\t622.00",
                           "综合业务费\t622.00\t622.00", "注：本表反映项目支出。", "第三部分 其他重要事项的情况说明",
                           "一、项目绩效目标情况", "本部门各单位的重点项目绩效目标如下。", "项目\t预算数（单位：万元）\t绩效目标",
                           "综合业务费\t622\t保障采供血业务开展需要。", "综合业务费\t246\t保障甲中心的业务。",
                           "综合业务费\t600\t保障另一个单位的业务。"))
    # 622 and 246 are each a unit's; 600 is none's, and is told against the nearest
    assert [(f.check, f.severity, f.message) for f in validate(doc)] == [
        ("prose_vs_table", "error", "the text lists 综合业务费 at 600 万元; 项目支出表 prints 622.00")]


def test_many_figures_of_the_text_against_a_doubted_table_are_one_warning():
    """Four figures the text states disagree with a 三公 table: errors where the table reads
    well; where its columns are doubted, one warning for the table (its reading, not the
    text, is first to check), not four."""
    lines = ["第一部分 说明", "“三公”经费预算1.60万元，公务接待费1.50万元，因公出国(境)费0.10万元，公务用车购置及运行费0.20万元。",
             "2025年部门“三公”经费和机关运行经费预算表", "编制部门：上海市某局 单位:万元", "“三公”经费预算数", "机关运行经费预算",
             "公务用车购置及运行费", "数", "合计 因公出国(境)费 公务接待费", "小计 购置费 运行费",
             "16000.00 1000.00 15000.00 0.00 0.00 0.00 1710100.00"]

    def stated(doubted: bool) -> list[tuple[str, str, dict[str, str]]]:
        doc = _document(_lines(*lines))
        if doubted:
            doc.tables[0].add_doubt("its columns follow a guess", of_columns=True)
        return [(f.check, f.severity, f.values) for f in validate(doc) if f.check in ("prose_vs_table", "extraction")]
    assert [(check, severity) for check, severity, _ in stated(doubted=False)] == [("prose_vs_table", "error")] * 4
    assert stated(doubted=True) == [("extraction", "warning", {}), ("extraction", "warning", {"disagreeing_figures": "4"})]


def test_codes_printed_a_part_a_row_in_one_column_are_seated_by_their_sums():
    """A text prints 类, 款 and 项 a part a row under a 类 款 项 header (`208`, `02`, `01`): 款
    and 项 look alike, two digits each; the amounts tell them apart (a 款 is the sum of the
    项 under it), so each part stands in its column and the hierarchy adds up."""
    doc = _document(_lines("支出总体情况表", "单位：万元", "科目编码", "科目名称 合计 基本支出 项目支出", "类 款 项",
                           "合 计 300.00 260.00 40.00", "208 社会保障和就业支出 300.00 260.00 40.00",
                           "02 民政管理事务 120.00 80.00 40.00", "01 行政运行 80.00 80.00",
                           "02 一般行政管理事务 40.00 40.00", "05 行政事业单位养老支出 180.00 180.00",
                           "01 行政单位离退休 120.00 120.00", "02 事业单位离退休 60.00 60.00"))
    [table] = doc.tables
    assert [c.leaf for c in table.columns[:3]] == ["类", "款", "项"]
    assert [table.row_code(r) for r in range(len(table.rows))] == [
        "", "208", "20802", "2080201", "2080202", "20805", "2080501", "2080502"]
    assert [[c.text for c in row[4:]] for row in table.rows[3:5]] == [["80.00", "80.00", ""], ["40.00", "", "40.00"]]
    assert validate(doc) == []


def test_amounts_printed_with_only_their_last_separator_are_figures():
    """A template printing only the thousands' separator (`19439,054` for 19,439,054): the
    figures are read as figures, not glued into the names, and their sums are checked."""
    doc = _document(_lines("2026年预算单位支出预算总表", "单位：元", "功能分类科目编码 功能分类科目名称 合计 基本支出 项目支出",
                           "208 社会保障和就业支出 19722,640 19439,054 283,586",
                           "20801 人力资源和社会保障管理事务 19722,640 19439,054 283586",
                           "2080108 信息化建设 283586 283586", "2080150 事业运行 19439,054 19439,054",
                           "合计 19722,641 19439,054 283586"))
    [table] = doc.tables
    # (the header prints no 类 款 项 and the rows whole codes: one code column, as printed)
    assert [c.text for c in table.rows[3]] == ["2080150", "事业运行", "19439054", "19439054", ""]
    # the 合计 a unit above its classes and above its 基本支出 + 项目支出
    assert [(f.check, f.severity, f.values) for f in validate(doc)] == [
        ("sum", "rounding", {"stated": "19722641.00", "computed": "19722640.00"})] * 2


def test_a_listed_project_whose_row_was_read_without_its_name_or_with_more_is_no_error():
    """The text lists 综合业务费 at 646.54 and 住院医师规范化培训补助经费 at 618.94; the table's
    reading left the first's row without a name and glued a wrapped name's end to the
    second's: the figures are the table's, read apart from their names, not disagreements. A
    figure no row prints is still told — a warning carrying the doubt a row of figures without
    its name casts on the table's reading."""
    doc = _document(_lines("项目支出表", "单位：万元", "项目名称\t合计\t财政拨款", "合计\t1887.48\t1887.48",
                           "综合业务费\t622.00\t622.00", "\t646.54\t646.54", "助项目住院医师规范化培训补助经费\t618.94\t618.94",
                           "注：本表反映项目支出。", "第三部分 其他重要事项的情况说明", "一、项目绩效目标情况",
                           "本部门各单位的重点项目绩效目标如下。", "项目\t预算数（单位：万元）\t绩效目标",
                           "综合业务费\t646.54\t保障业务开展需要。", "住院医师规范化培训补助经费\t618.94\t培养住院医师。",
                           "综合业务费\t600\t保障另一个单位的业务。"))
    doubt = ("1 row(s) of a list naming its rows print figures and no name (646.54): a name wrapped over lines was "
             "likely read into the rows around it; check the rows against the source")
    assert [(f.check, f.severity, f.message) for f in validate(doc)] == [
        ("prose_vs_table", "warning", f"the text lists 综合业务费 at 600 万元; 项目支出表 prints 622.00 ({doubt})"),
        ("extraction", "warning", f"项目支出表: {doubt}")]


def test_the_texts_list_of_key_projects_totals_its_units_otherwise_than_the_project_table():
    """The text lists some projects (重点项目) under each unit's subtotal of them: a unit's line
    is no project's, and neither is the table's unit row over all its projects (Guangzhou's
    规划和自然资源局: ten false errors); a project's own amount is still told."""
    doc = _document(_lines("项目支出表", "单位：万元", "项目名称\t合计\t财政拨款", "合计\t1000.00\t1000.00",
                           "甲中心\t600.00\t600.00", "综合业务费\t400.00\t400.00", "设备购置费\t200.00\t200.00",
                           "乙中心\t400.00\t400.00", "信息化经费\t400.00\t400.00", "注：本表反映项目支出。",
                           "第三部分 其他重要事项的情况说明", "一、重点项目绩效目标情况", "本部门重点项目绩效目标如下。",
                           "项目\t预算数（单位：万元）\t绩效目标", "合计\t800\t", "甲中心\t400\t", "综合业务费\t400\t保障业务。",
                           "乙中心\t400\t", "信息化经费\t390\t建设系统。"))
    assert [(f.check, f.severity, f.message) for f in validate(doc)] == [
        ("prose_vs_table", "error", "the text lists 信息化经费 at 390 万元; 项目支出表 prints 400.00")]


def test_a_stray_word_in_the_income_tables_total_column_passes_no_total_over():
    """A word in the 收入总表's 合计 column (a header row read into the body past a page break, or
    typed) leaves it the rows' totals: the 支出总表's 合计 is compared with it, not with the next
    column of figures, a fund's (Xi'an's 2022 自然资源和规划局: four false errors)."""
    from core.review import Review
    from core.session import ReviewSession
    doc = _document(_lines("收入总表", "单位：元", "单位编码\t单位名称\t合计\t一般公共预算拨款\t政府性基金拨款",
                           "\t合计\t300.00\t100.00\t200.00", "251\t某局\t300.00\t100.00\t200.00",
                           "251001\t某局本级\t300.00\t100.00\t200.00",
                           "支出总表", "单位：元", "单位编码\t单位名称\t合计\t基本支出\t项目支出",
                           "\t合计\t300.00\t100.00\t200.00", "251\t某局\t300.00\t100.00\t200.00",
                           "251001\t某局本级\t300.00\t100.00\t200.00"))
    session = ReviewSession(Review(doc))
    session.set_cell(0, 2, 2, "部门预算")
    assert [(f.check, f.message) for f in session.findings if f.check == "cross_table"] == []
    session.set_cell(0, 1, 2, "310.00")
    assert [(f.check, f.severity, f.values) for f in session.findings if f.check == "cross_table"] == [
        ("cross_table", "error", {"stated": "300.00", "computed": "310.00"})]


def test_a_rate_column_is_no_sum_of_its_rows():
    """增减率 is a ratio of the row's own figures: a class's rate is no sum of its items',
    while its 增减额 is (here 100.00 = 100.00 + 0.00, and a planted 增减额 error is found)."""
    lines = ["一般公共预算支出情况表", "单位：万元",
             "功能分类科目编码 功能分类科目名称 2025年预算数 2026年预算数 增减额 增减率(%)",
             "合计 1,000.00 1,100.00 100.00 10.00", "208 社会保障和就业支出 1,000.00 1,100.00 100.00 10.00",
             "20802 民政管理事务 1,000.00 1,100.00 100.00 10.00", "2080201 行政运行 600.00 700.00 100.00 16.67",
             "2080202 一般行政管理事务 400.00 400.00 0.00 0.00"]
    doc = _document("\n".join(lines))
    [table] = doc.tables
    assert [c.role for c in table.columns][-2:] == [ColumnRole.AMOUNT, ColumnRole.RATE]
    assert [(f.check, f.col) for f in validate(doc)] == []
    lines[-1] = "2080202 一般行政管理事务 400.00 400.00 0.50 0.00"
    assert [(f.check, f.severity, f.col, f.values) for f in validate(_document("\n".join(lines)))] == [
        ("hierarchy", "error", 4, {"stated": "100.00", "computed": "100.50"})]


def test_a_code_printed_again_with_the_figures_of_the_row_above_is_its_one_sub_item():
    """A 款 without 项s printed again at the 项's level (21999 其他支出 twice, the same
    figures) is no second 款 of 219: its class adds up. Printed again with other figures it
    is a sibling, and the class's sum says so."""
    lines = ["一般公共预算支出表", "单位：万元", "科目编码 科目名称 合计 基本支出 项目支出",
             "合计 602.00 100.00 502.00", "208 社会保障和就业支出 100.00 100.00 0.00",
             "20805 行政事业单位养老支出 100.00 100.00 0.00", "219 援助其他地区支出 502.00 0.00 502.00",
             "21999 其他支出 502.00 0.00 502.00", "21999 其他支出 502.00 0.00 502.00"]
    doc = _document("\n".join(lines))
    assert [(f.check, f.severity) for f in validate(doc)] == []
    lines[-1] = "21999 其他支出 2.00 0.00 2.00"
    assert [(f.check, f.severity, f.row, f.col, f.values) for f in validate(_document("\n".join(lines)))
            if f.check == "hierarchy"] == [
        ("hierarchy", "error", 3, 2, {"stated": "502.00", "computed": "504.00"}),
        ("hierarchy", "error", 3, 4, {"stated": "502.00", "computed": "504.00"})]


def test_a_template_printed_for_two_years_is_checked_under_each_year():
    """合计 = 基本支出 + 项目支出 holds under 2025年预算数 as under 2026年预算数: last year's
    planted error is found, and its finding names the year."""
    lines = ["一般公共预算支出表", "单位：万元", "2025年预算数 2026年预算数", "科目编码 科目名称",
             "合计 基本支出 项目支出 合计 基本支出 项目支出",
             "合计 1,000.00 600.00 400.00 1,100.00 700.00 400.00",
             "208 社会保障和就业支出 1,000.00 500.00 400.00 1,100.00 700.00 400.00"]
    doc = _document("\n".join(lines))
    [table] = doc.tables
    assert [c.text for c in table.columns][2:] == [f"{year}年预算数/{leaf}" for year in (2025, 2026)
                                                   for leaf in ("合计", "基本支出", "项目支出")]
    assert [(f.check, f.row, f.col, f.message) for f in validate(doc) if f.check == "sum"] == [
        ("sum", 1, 2, "208 社会保障和就业支出: 2025年预算数 合计 1000.00 ≠ 2025年预算数 基本支出 + "
                      "2025年预算数 项目支出 = 900.00")]


def test_a_summary_printed_for_two_years_balances_under_each_year():
    """收入总计 = 支出总计 and each 总计 = its 合计 and the rows after it, under 上年预算数 as
    under 本年预算数: this year's planted 支出总计 is found."""
    lines = ["部门收支总表", "单位：万元", "收入 支出",
             "项目 上年预算数 本年预算数 项目 上年预算数 本年预算数",
             "一、一般公共预算拨款 1,000.00 1,100.00 一、社会保障和就业支出 1,000.00 1,100.00",
             "本年收入合计 1,000.00 1,100.00 本年支出合计 1,000.00 1,100.00",
             "收入总计 1,000.00 1,100.00 支出总计 1,000.00 1,200.00"]
    doc = _document("\n".join(lines))
    assert [(f.check, f.row, f.col, f.message) for f in validate(doc)] == [
        ("sum", 2, 5, "支出总计 1200.00 ≠ 本年支出合计 and the rows after it = 1100.00"),
        ("sum", 2, 5, "收入总计 1100.00 ≠ 支出总计 1200.00")]


def test_spending_stated_with_its_basic_and_project_parts_must_add_up():
    """`一般公共预算支出1,000.00万元，其中：基本支出650.00万元，项目支出400.00万元` states a total
    its parts do not make; the parts of another subject (财政拨款基本支出) are not its."""
    def sums(sentence: str) -> list[tuple[str, str, dict[str, str]]]:
        doc = _document("二、一般公共预算支出情况\n" + sentence)
        return [(f.check, f.severity, f.values) for f in validate(doc) if f.check == "sum"]
    assert sums("2026年一般公共预算支出1,000.00万元，其中：基本支出650.00万元，项目支出400.00万元。") == [
        ("sum", "error", {"stated": "1000.00", "computed": "1050.00"})]
    assert sums("2026年一般公共预算支出1,000.00万元，其中：基本支出600.00万元，项目支出400.00万元。") == []
    assert sums("本年支出合计100.00万元，其中：财政拨款基本支出60.00万元，项目支出30.00万元。") == []
    # (Beijing's 国资委: a fund's spending, then under headings of their own the whole year's parts)
    assert sums("一般公共预算支出19,828.57万元，比上年减少464.27万元；国有资本经营预算支出495,836.20万元。"
                "（一）基本支出。基本支出预算10,792.95万元。（二）项目支出。项目支出预算504,872.32万元。") == []


def test_a_table_printed_per_period_is_compared_with_other_tables_by_its_latest_figure():
    """A 收入支出决算总表 printing 年初预算数 全年预算数 决算数 in each panel and a 收入决算表 of
    决算 figures: the 本年收入合计 they share is the outturn's (决算数), not the first column's."""
    from pathlib import Path
    text = (Path(__file__).parent / "data" / "final_summary_by_budget_and_outturn.txt").read_text(encoding="utf-8")
    assert [f.message for f in validate(_document(text))] == []
    planted = text.replace("合计 1,020.00 1,020.00 0.00", "合计 1,030.00 1,030.00 0.00")
    assert [(f.check, f.values) for f in validate(_document(planted))] == [
        ("cross_table", {"stated": "1030.00", "computed": "1020.00"})]


def test_a_column_printing_percentages_is_a_rate_whatever_its_header_says():
    """比上年增减 printed as `10.00%` in every row holds rates: a class's is no sum of its items'."""
    lines = ["一般公共预算支出情况表", "单位：万元", "功能分类科目编码 功能分类科目名称 2025年预算数 2026年预算数 比上年增减",
             "合计 1,000.00 1,100.00 10.00%", "208 社会保障和就业支出 1,000.00 1,100.00 10.00%",
             "20802 民政管理事务 1,000.00 1,100.00 10.00%", "2080201 行政运行 600.00 700.00 16.67%",
             "2080202 一般行政管理事务 400.00 400.00 0.00%"]
    doc = _document("\n".join(lines))
    [table] = doc.tables
    assert [c.role for c in table.columns][2:] == [ColumnRole.AMOUNT, ColumnRole.AMOUNT, ColumnRole.RATE]
    assert [f.message for f in validate(doc)] == []


def test_a_numbered_list_adds_up_by_its_numbers():
    """A list without codes whose rows are all numbered items (1. over （1） （2）) checks each
    item against the items numbered under it and 合计 against the outermost; items after a
    `其中` line are part of their item only, and are not added up."""
    lines = ["一般公共预算财政拨款“三公”经费支出决算表", "单位：万元", "项目 栏次 年初预算数 全年预算数 决算数",
             "合计 1 20.00 20.00 18.50", "1.因公出国（境）费 2 5.00 5.00 4.50", "2.公务用车购置及运行费 3 10.00 10.00 9.50",
             "（1）公务用车购置费 4 0.00 0.00 0.00", "（2）公务用车运行费 5 10.00 10.00 9.00", "3.公务接待费 6 5.00 5.00 4.50"]
    doc = _document("\n".join(lines))
    assert [(f.check, f.row, f.col, f.values) for f in validate(doc)] == [
        ("hierarchy", 2, 4, {"stated": "9.50", "computed": "9.00"})]
    partial = lines[:6] + ["其中：", *lines[6:]]
    assert [f.message for f in validate(_document("\n".join(partial)))] == []
    total = lines[:3] + ["合计 1 20.00 20.00 19.50"] + lines[4:7] + ["（2）公务用车运行费 5 10.00 10.00 9.50", lines[8]]
    assert [(f.check, f.row, f.values) for f in validate(_document("\n".join(total)))] == [
        ("sum", 0, {"stated": "19.50", "computed": "18.50"})]


def test_a_grid_whose_body_printed_before_its_title_raises_no_error_of_its_empty_reading():
    """PyMuPDF's content order sets the 三公 table's figures before its title: the table read
    empty is doubted, so the text's six figures against it are one warning, not six false errors."""
    from pathlib import Path

    from core.document import parse_document
    from core.findings import Severity
    from core.reader import load_text
    text = Path(__file__).parent / "data" / "quirks" / "pymupdf_a_grids_figures_printed_before_its_title.txt"
    doc = parse_document(load_text(text.read_bytes(), text.name))
    three_public = next(t for t in doc.tables if "三公" in t.title)
    assert "printed before its title" in three_public.doubt
    about = [f for f in validate(doc) if f.table == three_public.title]
    assert not [f for f in about if f.severity == Severity.ERROR]
    assert any(f.severity == Severity.WARNING and "6 figures the text states disagree" in f.message for f in about)


def test_a_unit_summary_read_with_its_spending_split_broken_is_doubted_not_a_false_error():
    """Plain pdftotext prints a unit summary's 支出总计 figures among other rows: the rows read
    break 合计 = 人员经费 + 公用经费 + 项目支出, which the template's figures hold, so the table is
    doubted and 收入总计 ≠ 支出总计, resting on the misread row, is a warning saying why."""
    from pathlib import Path

    from core.findings import Severity
    text = Path(__file__).parent / "data" / "quirks" / "raw_a_unit_summary_whose_rows_break_its_spending_split_is_doubted.txt"
    doc = parse_document(load_text(text.read_bytes(), text.name))
    [summary] = doc.tables
    assert "3 row(s) break a sum the template's figures hold (一、公共安全支出)" in summary.doubt
    assert summary.columns_doubted
    balance = [f for f in validate(doc) if "收入总计 121224000.00 ≠ 支出总计 15474000.00" in f.message]
    assert [f.severity for f in balance] == [Severity.WARNING]
    assert "break a sum the template's figures hold" in balance[0].message


def test_a_figure_the_text_states_against_a_cell_whose_column_is_a_guess_is_a_warning():
    # pdftotext's reading order: two rows' labels among the header's cells, their eight figures
    # after one label, so which column each figure is in is a guess; the text's figures, said
    # to disagree with those cells, may be other columns' (it was three false errors)
    text = _lines("2026年一般公共预算“三公”经费支出情况表", "部门名称：长沙市信访局", "单位：万元",
                  "三公经费预（决）算数（财政拨款）", "部门名称", "小计", "合计", "长沙市信访局", "公务接待费",
                  "因公出国（境）费", "公务用车购置及运行", "其中：公务用车运行", "其中：公务用车购置", "费", "费",
                  *["8.00", "3.00", "5.00", "5.00"] * 2, "", "第三部分 说明", "一、“三公”经费预算情况",
                  "2026年“三公”经费预算数为8.00万元，其中：因公出国(境)费0.00万元，公务接待费3.00万元。")
    found = [f for f in validate(_document(text)) if f.check == "prose_vs_table"]
    assert [(f.severity, f.values) for f in found] == [
        ("warning", {"stated": "8.00", "table": "3.00"}), ("warning", {"stated": "0.00", "table": "8.00"}),
        ("warning", {"stated": "3.00", "table": "5.00"})]
    assert all(f.message.endswith("which is its own is a guess)") for f in found)


def test_classes_missing_while_their_items_meet_the_total_are_figures_read_under_the_wrong_class():
    # a reading that put two items' figures under another class: three classes miss their items
    # (by +10, +10 and −20, no two opposite), yet every item adds up to the 合计 row — one
    # warning that the table was probably misread, not three errors about the document
    doc = _document(_lines(
        "一般公共预算基本支出经济分类情况表", "单位：万元", "科目编码\t科目名称\t预算数", "\t合计\t100.00",
        "301\t工资福利支出\t60.00", "30101\t基本工资\t30.00", "30102\t津贴补贴\t20.00",
        "302\t商品和服务支出\t30.00", "30201\t办公费\t20.00", "303\t对个人和家庭的补助\t10.00",
        "30301\t离休费\t20.00", "30302\t退休费\t10.00"))
    found = [(f.check, f.severity, f.where) for f in validate(doc)]
    assert found == [("extraction", "warning", "whole table")]
    # the same classes with items that do not meet the total are the document's own slips
    slipped = _document(_lines(
        "一般公共预算基本支出经济分类情况表", "单位：万元", "科目编码\t科目名称\t预算数", "\t合计\t100.00",
        "301\t工资福利支出\t60.00", "30101\t基本工资\t30.00", "30102\t津贴补贴\t20.00",
        "302\t商品和服务支出\t30.00", "30201\t办公费\t20.00", "303\t对个人和家庭的补助\t10.00",
        "30301\t离休费\t20.00", "30302\t退休费\t5.00"))
    assert [(f.check, f.severity, f.row) for f in validate(slipped)] == [
        ("hierarchy", "error", 1), ("hierarchy", "error", 4), ("hierarchy", "error", 6)]


def test_a_units_line_of_the_texts_list_totals_its_projects_lines_whether_or_not_their_names_are_told():
    """The text's list of key projects printed as text (a layout text's): a unit's name over its
    subtotal, its projects under it, one named otherwise than the table names it (wrapped, or
    shortened): the unit's line still totals the lines after it, and is no project's
    (Guangzhou's 生态环境局, `广州市生态环境局天河分局` / `625.58` / `（二级部门）`)."""
    # (the table as read: 甲's second project on a page of its own, its unit row totalling no rows after it)
    doc = _document(_lines("项目支出表", "单位：万元", "项目名称\t合计\t财政拨款", "合计\t1000.00\t1000.00",
                           "甲管理中心\t600.00\t600.00", "综合业务费\t400.00\t400.00",
                           "乙管理中心\t400.00\t400.00", "信息化经费\t400.00\t400.00", "注：本表反映项目支出。",
                           "第三部分 其他重要事项的情况说明", "一、重点项目绩效目标情况", "本部门重点项目绩效目标如下。",
                           "甲管理中心", "        500.00", "（二级部门）", "综合业务费     400.00     保障业务。",
                           "办公设备更新    100.00     更新设备。", "乙管理中心", "        400.00", "（二级部门）",
                           "信息化经费      390.00     建设系统。"))
    assert [(f.check, f.severity, f.message) for f in validate(doc)] == [
        ("prose_vs_table", "error", "the text lists 信息化经费 at 390.00 万元; 项目支出表 prints 400.00")]


def test_a_units_line_totalling_its_told_projects_past_a_stray_figure_is_no_project():
    """A text in reading order (pymupdf's, pdftotext's raw) prints a stray figure of a
    description among the list's lines (`共 3 期`): the unit's line still totals its projects
    as told, though not every line's figure after it."""
    doc = _document(_lines("项目支出表", "单位：万元", "项目名称\t合计\t财政拨款", "合计\t1150.00\t1150.00",
                           "甲管理中心\t600.00\t600.00", "综合业务费\t400.00\t400.00", "设备购置费\t150.00\t150.00",
                           "乙管理中心\t400.00\t400.00", "信息化经费\t400.00\t400.00", "注：本表反映项目支出。",
                           "第三部分 其他重要事项的情况说明", "一、重点项目绩效目标情况", "本部门重点项目绩效目标如下。",
                           "甲管理中心 500.00", "综合业务费 400.00", "共 3 期", "设备购置费 100.00"))
    assert [(f.check, f.severity, f.message) for f in validate(doc)] == [
        ("prose_vs_table", "error", "the text lists 设备购置费 at 100.00 万元; 项目支出表 prints 150.00")]


def test_a_listed_project_against_a_project_table_read_in_doubt_is_a_warning_saying_why():
    """The project table's reading is doubted (two rows' labels read as one): the row the text's
    project is matched to may hold another's figure, so the disagreement is a warning with the
    doubt said, not an error (Guangzhou's 政务服务和数据管理局 in both layout texts)."""
    doc = _document(_lines("项目支出表", "单位：万元", "项目名称\t合计\t财政拨款", "合计\t1000.00\t1000.00",
                           "甲中心信息化运维项目乙中心信息化运维项目\t600.00\t600.00", "综合业务费\t400.00\t400.00",
                           "注：本表反映项目支出。", "第三部分 其他重要事项的情况说明", "一、重点项目绩效目标情况",
                           "本部门重点项目绩效目标如下。", "项目\t预算数（单位：万元）\t绩效目标", "综合业务费\t390\t保障业务。"))
    [table] = doc.tables
    assert table.doubt.startswith("1 row label(s) print a run of words twice")
    assert [(f.check, f.severity, f.message) for f in validate(doc) if f.check == "prose_vs_table"] == [
        ("prose_vs_table", "warning", f"the text lists 综合业务费 at 390 万元; 项目支出表 prints 400.00 ({table.doubt})")]


def test_a_projects_stated_budget_against_a_project_table_read_in_doubt_is_a_warning_saying_why():
    """The same for a project's 预算安排 stated in its description: a doubted table's row is no
    witness to the project's name."""
    doc = _document(_lines("项目支出表", "单位：万元", "项目名称\t合计\t财政拨款", "合计\t1000.00\t1000.00",
                           "甲中心信息化运维项目乙中心信息化运维项目\t600.00\t600.00", "综合业务费\t400.00\t400.00",
                           "注：本表反映项目支出。", "第三部分 其他重要事项的情况说明", "本部门重点项目如下。",
                           "1.综合业务费：保障业务开展。2026年预算安排 390 万元，全部为财政拨款。"))
    [table] = doc.tables
    assert [(f.check, f.severity, f.message) for f in validate(doc) if f.check == "prose_vs_table"] == [
        ("prose_vs_table", "warning",
         f"“综合业务费”: the text states 预算安排 390 万元, 项目支出表 prints 400.00 ({table.doubt})")]
