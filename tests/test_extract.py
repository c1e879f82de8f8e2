"""Extraction details on the samples: cells whose place the text decides, names spaced after
Latin words, codes that look like page numbers, headers too broken to read."""
from __future__ import annotations


def table(documents, name, kind):
    return next(t for t in documents[name].tables if t.kind == kind)


def test_an_amount_whose_column_only_the_text_tells(documents):
    # `307002 上饶市医疗保障服务中心 5.00 5.00`: 合计 5.00 and one part 5.00, any of four; the
    # text says 公务接待费 5万元 and 因公出国（境）费 0万元
    three = table(documents, "shangrao_medical_security_center_2024_budget.txt", "budget.three_public")
    assert [c.text for c in three.rows[0]] == ["307002", "上饶市医疗保障服务中心", "5.00", "", "5.00", "", ""]
    assert three.cell(0, 4).inferred == "column placed by the table's totals and the amounts the text states"


def test_indicator_names_spaced_after_a_latin_word(documents):
    rows = [[c.text for c in r][:4] for t in documents["shangrao_medical_security_center_2024_budget.txt"].tables
            if t.kind == "budget.performance_target" for r in t.rows]
    assert ["产出指标", "时效指标", "DRG付费改革国家试点", "12月前实现结算"] in rows
    # a wrapped name stops where what follows must be its value
    assert ["效益指标", "社会效益指标", "缓解参保人员看病贵和因病致贫问题，促进社会和谐稳定", "有效缓解"] in rows


def test_shattered_header_takes_the_one_template_of_its_width(documents):
    income = table(documents, "zengdu_medical_security_center_2023_budget.txt", "budget.income")
    assert not income.recoverable and len(income.columns) == 19
    assert income.columns[-1] == "上年结转结余/单位资金"
    # `032` and a lone `0` are cells, not page numbers between pages
    assert [c.text for c in income.rows[1]][:5] == ["032", "曾都区医疗保障局", "8132.86", "8132.86", "8132.86"]
    assert [c.text for c in income.rows[1]][10:12] == ["0", "0"]


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
