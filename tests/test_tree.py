"""The document tree of each sample: metadata, the 目录 as one node, parts and their
top-level sections in order with their real line numbers, tables where they are."""
from __future__ import annotations

import json

import pytest

from cli.main import main

EXPECTED = {
    "shangrao_medical_security_center_2024_budget.txt": dict(
        agency="上饶市医疗保障服务中心", year="2024", report_type="预算", level="单位", toc=None,
        parts=[(1, "第一部分", [3, 55]), (73, "第二部分", []), (332, "第三部分", [336, 955]),
               (973, "第四部分", [975, 1019, 1051])]),
    "nanchang_medical_security_center_2024_budget.txt": dict(
        agency="南昌市医疗保障服务中心", year="2024", report_type="预算", level="单位", toc=(5, 30),
        parts=[(32, "第一部分", [34, 42]), (48, "第二部分", []), (56, "第三部分", [58, 126]),
               (138, "第四部分", [140, 146, 160])]),
    "jingdezhen_medical_insurance_center_2025_budget.txt": dict(
        agency="景德镇市医疗保险事业服务中心", year="2025", report_type="预算", level="单位", toc=None,
        parts=[(1, "第一部分", [3, 15]), (34, "第二部分", []), (190, "第三部分", [194, 349]),
               (376, "第四部分", [378, 382, 423])]),
    "shangrao_medical_security_bureau_2022_final_accounts.txt": dict(
        agency="上饶市医疗保障局", year="2022", report_type="决算", level="部门", toc=(7, 44),
        parts=[(46, "第一部分", [48, 70]), (76, "第二部分", []), (405, "第三部分", None),
               (629, "第四部分", None), (671, "第五部分", None)]),
    "zengdu_medical_security_center_2023_budget.txt": dict(
        agency="曾都区医疗保障服务中心", year="2023", report_type="预算", level="部门", toc=None,
        parts=[(1, "第一部分", [3, 15]), (23, "第二部分", [29, 179]), (201, "第三部分", []),
               (2255, "第四部分", [2257, 2400]), (4414, "第五部分", [])]),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata(documents, name):
    info, want = documents[name].info, EXPECTED[name]
    assert (info.agency, info.year, info.report_type, info.level) == \
        (want["agency"], want["year"], want["report_type"], want["level"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_toc_is_one_node(documents, name):
    tocs = [n for n in documents[name].root.walk() if n.kind == "toc"]
    want = EXPECTED[name]["toc"]
    if want is None:
        assert tocs == []
    else:
        assert [(t.first_line, t.last_line) for t in tocs] == [want]
        # its entries are not mistaken for body parts
        parts = [n for n in documents[name].root.walk() if n.kind == "part"]
        assert all(p.first_line > want[1] for p in parts)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_parts_and_sections_in_order(documents, name):
    doc = documents[name]
    parts = [n for n in doc.root.children if n.kind == "part"]
    want = EXPECTED[name]["parts"]
    assert [(p.first_line, p.text.split()[0][:4]) for p in parts] == [(w[0], w[1]) for w in want]
    for part, (_, _, sections) in zip(parts, want):
        if sections is not None:
            assert [c.first_line for c in part.children if c.kind == "section"] == sections
        assert part.first_line <= part.last_line
        assert doc.source.line(part.first_line).strip() == part.text


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_table_is_a_node_under_its_part(documents, name):
    doc = documents[name]
    nodes = [n for n in doc.root.walk() if n.kind == "table"]
    assert [n.table_index for n in nodes if n.table_index is not None] == list(range(len(doc.tables)))
    for n in nodes:
        t = doc.tables[n.table_index]
        assert (n.first_line, n.last_line) == (t.first_line, t.last_line)


def test_tree_command_json(capsys):
    from tests.conftest import SAMPLES
    assert main(["tree", str(SAMPLES / "nanchang_medical_security_center_2024_budget.txt"),
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["document"]["agency"] == "南昌市医疗保障服务中心"
    kinds = [c["kind"] for c in data["tree"]["children"]]
    assert kinds[:2] == ["paragraph", "toc"]
    assert data["tree"]["children"][1]["lines"] == [5, 30]


def test_tree_command_text(capsys):
    from tests.conftest import SAMPLES
    assert main(["tree", str(SAMPLES / "shangrao_medical_security_bureau_2022_final_accounts.txt")]) == 0
    out = capsys.readouterr().out
    assert "46–74 part 第一部分" in out
    assert "final.income_expense_summary" in out


def test_page_numbers_and_running_headers_are_furniture():
    from core.document import parse_document
    from core.reader import load_text
    page = "某某局2024年部门预算\n第一部分 概况\n一、主要职责\n负责全市医疗保障工作。\n{n}\n"
    text = "".join(page.format(n=n) for n in range(1, 6))
    doc = parse_document(load_text(text.encode("utf-8")))
    furniture = [(n.text, n.first_line) for n in doc.root.walk() if n.kind == "furniture"]
    assert ("某某局2024年部门预算", 1) not in furniture      # digits: not taken for a header
    assert ("1", 5) in furniture and ("5", 25) in furniture
    assert [n.first_line for n in doc.root.walk() if n.kind == "part"] == [2, 7, 12, 17, 22]


@pytest.mark.parametrize("head, agency", [
    # the agency alone above the cover's `YEAR 年度部门决算`, a part heading before the title line
    (["国家信访局", "2024 年度部门决算", "目 录", "第一部分 国家信访局概况 ......1",
      "第二部分 国家信访局 2024 年度部门决算表 ......4"], "国家信访局"),
    (["西安市统计局（汇总）", "2026年部门预算公开说明", "目 录", "第一部分：部门概况"], "西安市统计局(汇总)"),
    # the year first, the agency after it
    (["2026 年深圳市统计局（本级）部门预", "算", "目 录"], "深圳市统计局(本级)"),
    # … and the cover's `部门预算` on the line below
    (["2026 年深圳市人民政府口岸办公室", "部门预算", "目", "录"], "深圳市人民政府口岸办公室"),
    # a unit budget names its 预算单位
    (["上海市普陀区2026年区级单位预算", "预算单位：上海市普陀区司法局", "目 录"], "上海市普陀区司法局"),
])
def test_the_agency_is_read_from_the_cover_of_other_templates(head, agency):
    from core.document import infer_info
    from core.reader import load_text
    info = infer_info(load_text("\n".join(head).encode("utf-8")))
    assert info.agency == agency


def test_the_reports_year_is_its_covers_title_read_across_lines():
    # the cover's title wrapped (`…部门预` / `算`), the explanation naming last year's budget more often
    from core.document import infer_info
    from core.reader import load_text
    head = ["2026 年深圳市人民政府办公厅部门预", "算", "目 录"] + ["2025年预算执行情况：2025年部门预算安排……"] * 3
    info = infer_info(load_text("\n".join(head).encode("utf-8")))
    assert (info.year, info.report_type) == ("2026", "预算")


def test_the_reports_kind_is_its_covers_not_the_fund_budgets_its_text_names():
    # a 决算 whose explanation names 一般公共预算 and 政府性基金预算 (funds, not reports) more
    # often than its title names 决算 (Xi'an's 2022 部门决算)
    from core.document import infer_info
    from core.reader import load_text
    head = ["西安市卫生健康委员会(汇总)", "2022年度部门决算", "目 录", "第二部分 2022年度部门决算情况说明"] + \
        ["2022年度一般公共预算财政拨款支出年初预算139,217.01万元", "2022年度政府性基金预算财政拨款年初结转和结余58,830.98万元"] * 2
    info = infer_info(load_text("\n".join(head).encode("utf-8")))
    assert (info.year, info.report_type) == ("2022", "决算")
