"""PDFs made for the tests with reportlab: ruled tables (its built-in CID font STSong-Light
prints Chinese), several pages, and the bad files a reviewer may be handed."""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
TEXT = ParagraphStyle("text", fontName=FONT, fontSize=10, leading=14)
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10)


GRID = (("GRID", (0, 0), (-1, -1), 0.5, "black"),)     # every cell closed round


def ruled(rows: list[list], spans=(), widths=None, rules=GRID) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=0)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 8),
                               *rules, ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               *[("SPAN", a, b) for a, b in spans]]))
    return table


def page_number(canvas, doc) -> None:
    canvas.setFont(FONT, 9)
    canvas.drawCentredString(A4[0] / 2, 20, str(doc.page))


def build(path: Path, story: list, encrypt: str | None = None, on_page=page_number) -> Path:
    doc = SimpleDocTemplate(str(path), pagesize=A4, encrypt=encrypt)
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return path


def paragraph(text: str) -> Paragraph:
    return Paragraph(text, TEXT)


EXPENSE_HEADER = [["项目", "", "", "", "合计", "基本支出", "项目支出"],
                  ["功能分类科目编码", "", "", "科目名称", "", "", ""],
                  ["类", "款", "项", "", "", "", ""]]
EXPENSE_SPANS = [((0, 0), (3, 0)), ((0, 1), (2, 1)), ((3, 1), (3, 2)), ((4, 0), (4, 2)), ((5, 0), (5, 2)),
                 ((6, 0), (6, 2))]


def final_accounts(path: Path) -> Path:
    """A 决算 of two pages: prose, a coded table with 类/款/项 columns and a wrapped name that
    runs on to the next page with its header repeated, a two-panel summary, an empty table,
    and a blank page."""
    body = [["", "", "", "合计", "1,100.00", "700.00", "400.00"],
            ["201", "", "", "一般公共服务支出", "1,000.00", "600.00", "400.00"],
            ["201", "06", "", "财政事务", "1,000.00", "600.00", "400.00"],
            ["201", "06", "01", Paragraph("行政运行（含机关服务中心和后勤保障）", CELL), "600.00", "600.00", ""]]
    rest = [["201", "06", "02", "一般行政管理事务", "400.00", "", "400.00"],
            ["221", "", "", "住房保障支出", "100.00", "100.00", ""],
            ["221", "02", "", "住房改革支出", "100.00", "100.00", ""],
            ["221", "02", "01", "住房公积金", "100.00", "100.00", ""]]
    widths = [30, 25, 25, 150, 60, 60, 60]
    story = [paragraph("2024年度部门决算"), paragraph("一、收入支出决算总体情况说明"),
             paragraph("本年收入合计1100.00万元，本年支出合计1100.00万元。"),
             paragraph("一般公共预算财政拨款支出决算表"), paragraph("单位：万元"),
             ruled(EXPENSE_HEADER + body, EXPENSE_SPANS, widths), PageBreak(),
             paragraph("一般公共预算财政拨款支出决算表"), paragraph("单位：万元"),
             ruled(EXPENSE_HEADER + rest, EXPENSE_SPANS, widths),
             paragraph("收入支出决算总表"), paragraph("单位：万元"),
             ruled([["收入", "", "支出", ""], ["项目", "决算数", "项目", "决算数"],
                    ["一、一般公共预算财政拨款收入", "1,100.00", "一、一般公共服务支出", "1,000.00"],
                    ["", "", "二、住房保障支出", "100.00"],
                    ["本年收入合计", "1,100.00", "本年支出合计", "1,100.00"]], [((0, 0), (1, 0)), ((2, 0), (3, 0))]),
             paragraph("政府性基金预算财政拨款收入支出决算表"), paragraph("单位：万元"),
             ruled([["项目", "", "", "", "年初结转和结余", "本年收入"],
                    ["功能分类科目编码", "", "", "科目名称", "", ""],
                    ["类", "款", "项", "", "", ""],
                    ["", "", "", "合计", "", ""]],
                   [((0, 0), (3, 0)), ((0, 1), (2, 1)), ((3, 1), (3, 2)), ((4, 0), (4, 2)), ((5, 0), (5, 2))]),
             PageBreak(), paragraph(" ")]
    return build(path, story)


def scanned(path: Path) -> Path:
    """A PDF with pages but no text layer, as a scan has."""
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(str(path), pagesize=A4)
    c.rect(50, 50, 200, 200, fill=1)
    c.showPage()
    c.save()
    return path


def figures_only(path: Path) -> Path:
    """A text layer that kept a table's figures and lost its words, as fonts without a Unicode
    map for their Chinese leave it."""
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(str(path), pagesize=A4)
    for number in (1, 2):
        c.drawString(100, 600, "1,234.00      56.78      1,290.78")
        c.drawString(280, 40, f"- {number} -")
        c.showPage()
    c.save()
    return path


def encrypted(path: Path) -> Path:
    return build(path, [paragraph("加密的文件")], encrypt="secret")


def staggered_rules(path: Path) -> Path:
    """A table whose vertical rules run part of its height (as some provinces draw them): the
    codes, names and amounts of class rows and of item rows sit in cells cut differently,
    and a caption line of agency and unit is ruled into the table's box."""
    rows = [["部门：某检察院", "", "", "", "单位：万元", ""],
            ["科目代码", "", "功能科目名称", "", "金额", ""],
            ["", "合计", "", "", "", "200.00"],
            ["204", "", "公共安全支出", "", "", "200.00"],
            ["20404", "", "检察", "", "150.00", ""],
            ["20499", "", "其他公共安全支出", "", "50.00", ""]]
    spans = [((0, 0), (3, 0)), ((4, 0), (5, 0)), ((0, 1), (1, 1)), ((2, 1), (3, 1)), ((4, 1), (5, 1)),
             ((1, 2), (4, 2)), ((0, 3), (1, 3)), ((2, 3), (4, 3)),
             *[span for r in (4, 5) for span in (((0, r), (1, r)), ((2, r), (3, r)), ((4, r), (5, r)))]]
    story = [paragraph("一般公共预算支出预算表"), ruled(rows, spans, [10, 60, 40, 100, 20, 60])]
    return build(path, story)


def overflowing_names(path: Path) -> Path:
    """Names printed unwrapped past their cell's right rule into the amount's cell, the
    amounts right-aligned beside them (as Xi'an's tables print them)."""
    rows = [["功能科目编码", "功能科目名称", "合计", "基本支出"],
            ["208", "社会保障和就业支出", "44.00", "44.00"],
            ["20805", "行政事业单位养老支出", "43.00", "43.00"],
            ["2080506", "机关事业单位职业年金缴费支出", "43.00", "43.00"],
            ["20899", "其他社会保障和就业支出", "1.00", "1.00"],
            ["210", "卫生健康支出", "10.00", "10.00"], ["21011", "行政事业单位医疗", "10.00", "10.00"],
            ["2101101", "行政单位医疗", "10.00", "10.00"]]
    right = (*GRID, ("ALIGN", (2, 1), (-1, -1), "RIGHT"))
    story = [paragraph("一般公共预算支出表"), paragraph("单位：万元"), ruled(rows, widths=[60, 95, 70, 60], rules=right)]
    return build(path, story)


def spaced_page_numbers(path: Path) -> Path:
    """Page numbers printed letter-spaced (`1 0`), under a table that ends its page and
    over the numbered heading of the next table's page (as Quanzhou prints them)."""
    def spaced(canvas, doc) -> None:
        canvas.setFont(FONT, 9)
        canvas.drawCentredString(A4[0] / 2, 20, " ".join(str(doc.page + 9)))
    expense = [["科目编码", "科目名称", "合计"], ["合计", "", "10.00"], ["2010301", "行政运行", "10.00"]]
    story = [paragraph("2026年度支出预算总表"), paragraph("单位：万元"), ruled(expense), PageBreak(),
             paragraph("二、财政拨款收支预算总表"), paragraph("2026年度财政拨款收支预算总表"), paragraph("单位：万元"),
             ruled([["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"],
                    ["一、一般公共预算拨款收入", "10.00", "一、一般公共服务支出", "10.00"],
                    ["收入合计", "10.00", "支出合计", "10.00"]], spans=[((0, 0), (1, 0)), ((2, 0), (3, 0))])]
    return build(path, story, on_page=spaced)


def overprinted_titles(path: Path) -> Path:
    """Titles set bold by printing them six times over, each a fraction of a point aside (as
    Xi'an's 2022 budget prints every table's title, number and unit)."""
    def titles(canvas, doc) -> None:
        canvas.setFont(FONT, 12)
        for k in range(6):
            canvas.drawString(72 + 0.15 * k, A4[1] - 60, "表1")
            canvas.drawString(72 + 0.15 * k, A4[1] - 80, "2026年度支出预算总表")
    expense = [["科目编码", "科目名称", "合计"], ["合计", "", "10.00"], ["2010301", "行政运行", "10.00"]]
    story = [paragraph("单位：万元"), ruled(expense)]
    return build(path, story, on_page=titles)


def row_past_the_ruling(path: Path) -> Path:
    """A coded table run on to a second page whose first row prints past the ruling, a line of
    text (as Jiangsu's 2018 法院 budget prints 2040504 案件审判 atop its page)."""
    first = [["功能科目代码", "功能科目名称", "金额"], ["", "合计", "30.00"], ["204", "公共安全支出", "30.00"],
             ["20405", "法院", "30.00"], ["2040501", "行政运行", "10.00"]]
    rest = [["2040505", "案件执行", "5.00"], ["2040599", "其他法院支出", "5.00"]]
    story = [paragraph("一般公共预算支出预算表"), paragraph("单位：万元"), ruled(first), PageBreak(),
             paragraph("2040504 案件审判 10.00"), ruled(rest)]
    return build(path, story)


def continued_without_top_rule(path: Path) -> Path:
    """A coded table run on to a second page that draws no rule above its first row, its
    column rules running up past it (as Xi'an's 2022 budgets print a 类 atop a page)."""
    header = [["功能科目编码", "功能科目名称", "金额", "备注"]]
    first = [["", "合计", "30.00", ""], ["204", "公共安全支出", "30.00", ""], ["20405", "法院", "30.00", ""],
             ["2040501", "行政运行", "10.00", ""]]
    rest = [["2040504", "案件审判", "10.00", ""], ["2040505", "案件执行", "5.00", ""], ["2040599", "其他法院支出", "5.00", ""]]
    open_top = (("INNERGRID", (0, 0), (-1, -1), 0.5, "black"), ("LINEBEFORE", (0, 0), (0, -1), 0.5, "black"),
                ("LINEAFTER", (-1, 0), (-1, -1), 0.5, "black"), ("LINEBELOW", (0, -1), (-1, -1), 0.5, "black"))
    story = [paragraph("一般公共预算支出预算表"), paragraph("单位：万元"), ruled(header + first), PageBreak(),
             ruled(rest, rules=open_top)]
    return build(path, story)


def upside_down_boxes(path: Path) -> Path:
    """A coded table on pages whose MediaBox names its corners upper-left first (`[0 842 595 0]`,
    as 44 pages of Xi'an's 2021 民政局 budget do)."""
    rows = [["功能科目代码", "功能科目名称", "金额"], ["", "合计", "30.00"], ["204", "公共安全支出", "30.00"],
            ["20405", "法院", "30.00"], ["2040501", "行政运行", "30.00"]]
    build(path, [paragraph("一般公共预算支出预算表"), paragraph("单位：万元"), ruled(rows)])
    path.write_bytes(path.read_bytes().replace(b"/MediaBox [ 0 0 595.2756 841.8898 ]",
                                               b"/MediaBox [ 0 841.8898 595.2756 0 ]"))
    return path


def cut_rows(path: Path) -> Path:
    """Tables drawn as some provinces draw them: a summary whose wrapped labels are cut in
    two by the rules of the panel beside them (the panel's own row centred between the
    label's lines), an agency caption ruled into the box over three cells, a total whose
    label and amount sit in rows of their own, a double rule a few points off the header's
    under every amount, and a table without figures that prints 无 above its 合计."""
    summary = [["部门：", "某检察院", "", "单位：万元"],
               ["收入", "", "支出", ""],
               ["项目名称", "金额", "项目名称", "金额"],
               ["一、财政拨款", "300.00", "一、基本支出", "200.00"],
               ["2.政府性基金预", "", "三、单位预留机动经", ""],
               ["", "", "", "100.00"],
               ["算", "", "费", ""],
               ["收入合计", "300.00", "支出合计", "300.00"]]
    running = [["科目编码", "科目名称", "", "机关运行经费支出"],
               ["合计", "", "", ""],
               ["", "", "", "20.00"],
               ["302", "商品和服务支出", "", "20.00"]]
    running_spans = [((1, 0), (2, 0)), ((1, 1), (2, 1)), ((1, 2), (2, 2)), ((1, 3), (2, 3))]
    offset = [["", "合计", "", "", "基本支出", "", "", "项目支出", ""],
              ["300.00", "", "", "200.00", "", "", "100.00", "", ""]]
    offset_spans = [((0, 1), (2, 1)), ((3, 1), (5, 1)), ((6, 1), (8, 1))]
    story = [paragraph("收支预算总表"), ruled(summary, [((0, 1), (1, 1)), ((2, 1), (3, 1))]),
             paragraph("机关运行经费支出预算表"), paragraph("单位：万元"), ruled(running, running_spans, [40, 60, 30, 90]),
             paragraph("支出预算总表"), paragraph("单位：万元"), ruled(offset, offset_spans, [5, 75, 5] * 3),
             paragraph("政府性基金预算支出功能分类预算表"), paragraph("单位：元"),
             ruled([["项目", "", "", "", "政府性基金预算支出", ""],
                    ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出"],
                    ["类", "款", "项", "", "", ""], ["无", "", "", "", "", ""], ["合计", "", "", "", "", ""]],
                   [((0, 0), (3, 0)), ((4, 0), (5, 0)), ((0, 1), (2, 1)), ((3, 1), (3, 2)), ((4, 1), (4, 2)),
                    ((5, 1), (5, 2))])]
    return build(path, story)


def open_cells(path: Path) -> Path:
    """A form's indicator grid cut by the page's end as a spreadsheet prints it: the merged
    一级 and 二级指标 cells of its last rows run on to the next page, so no rule closes them
    below (the indicators' own cells are closed)."""
    rows = [["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "培训人数", "≥300人"],
            ["", "", "培训班次", "≥4次"],
            ["", "质量指标", "培训合格率", "≥98%"],
            ["", "", "培训参与度", "≥95%"]]
    open_below = (("LINEABOVE", (0, 0), (-1, -1), 0.5, "black"), ("LINEBEFORE", (0, 0), (-1, -1), 0.5, "black"),
                  ("LINEAFTER", (-1, 0), (-1, -1), 0.5, "black"), ("LINEBELOW", (2, -1), (-1, -1), 0.5, "black"))
    grid = ruled(rows, [((0, 1), (0, 4)), ((1, 1), (1, 2)), ((1, 3), (1, 4))], [60, 60, 100, 60], open_below)
    return build(path, [paragraph("项目支出绩效目标表"), grid])


def ruled_forms(path: Path) -> Path:
    """Two performance forms as some regions rule them: a list of projects whose own columns
    stand on the header's first line, merged down beside the 绩效指标 group over the grid's
    header; and a project's form whose last indicator is named as its level is, followed by
    an empty 备注 row, a value's figure standing a few points below its unit's top (as a
    figure set in another font than the characters does)."""
    listed = [["单位编码", "项目名称", "资金总额", "绩效指标", "", "", ""],
              ["", "", "", "一级指标", "二级指标", "三级指标", "指标值"],
              ["126001", "信访业务工作经费", "35.78", "成本指标", "经济成本指标", "总成本", "35.78"],
              ["", "", "", "产出指标", "数量指标", "调拨经费单位数", "10"]]
    listed_spans = [((0, 0), (0, 1)), ((1, 0), (1, 1)), ((2, 0), (2, 1)), ((3, 0), (6, 0))]
    project = [["项目名称", "房屋租金", "", "", ""],
               ["绩效目标指标", "一级指标", "二级指标", "三级指标", "指标值"],
               ["", "效益指标", "经济效益指标", "解决办公用房人数", Paragraph("<sub rise='3.5' size='8'>≥16</sub>人", CELL)],
               ["", "满意度指标", "服务对象满意度指标", "服务对象满意度指标", "≥90%"],
               ["备注", "", "", "", ""]]
    project_spans = [((1, 0), (4, 0)), ((0, 1), (0, 3)), ((1, 4), (4, 4))]
    story = [paragraph("2026年项目支出绩效目标表"), ruled(listed, listed_spans), PageBreak(),
             paragraph("房屋租金项目绩效目标表"), ruled(project, project_spans, [60, 50, 80, 100, 50])]
    return build(path, story)


def fiscal_summary_totals_alone(path: Path) -> Path:
    """A 财政拨款收支预算总表 whose spending side lists the 本年支出合计's classes, each with its
    款 and 项 printed without codes (one 款's items a cent short of it, as rounding leaves
    them), and whose totals row a page break leaves ruled alone on the next page, its
    label cells merged otherwise than the table's."""
    widths = [90, 60, 150, 60]
    rows = [["收入", "", "支出", ""],
            ["项目", "预算数", "项目", "预算数"],
            ["一、财政拨款", "100.00", "一、本年支出合计", "100.00"],
            ["一般公共预算", "100.00", "社会保障和就业支出", "60.00"],
            ["政府性基金预算", "", "行政事业单位养老支出", "60.00"],
            ["", "", "机关事业单位基本养老保险缴费支出", "40.01"],
            ["", "", "机关事业单位职业年金缴费支出", "19.98"],
            ["", "", "卫生健康支出", "40.00"],
            ["", "", "行政事业单位医疗", "40.00"],
            ["", "", "行政单位医疗", "40.00"],
            ["", "", "二、年终结转结余", ""]]
    totals = ruled([["收入总计", "100.00", "支出总计", "100.00", ""]], widths=[90, 60, 110, 40, 60],
                   spans=[((3, 0), (4, 0))])
    story = [paragraph("财政拨款收支预算总表"), paragraph("单位：万元"),
             ruled(rows, [((0, 0), (1, 0)), ((2, 0), (3, 0))], widths), PageBreak(), totals]
    return build(path, story)


def project_list_continued_unruled(path: Path) -> Path:
    """A list of projects, a row per indicator, run on to a second page where only the
    indicators' columns are ruled: the next project's name and funds stand in its merged,
    unruled cells beside them. The first page also sets a line below its foot (a cell's
    text clipped there, as a spreadsheet's PDF does, and printed again on the next page)."""
    widths = [90, 50, 60, 70, 90, 50]
    first = [["项目名称", "资金总额", "一级指标", "二级指标", "三级指标", "指标值"],
             ["档案数字化", "12.00", "产出指标", "数量指标", "纸质档案存储量", "600"],
             ["", "", "产出指标", "时效指标", "数字化归档及时率", "99"]]
    second = [["律师培训项目", "103.00", "产出指标", "数量指标", "培训天数", "1.5"],
              ["", "", "产出指标", "数量指标", "课程数量", "3"],
              ["", "", "效益指标", "社会效益指标", "执业技能水平", "高"]]
    indicators_ruled = (("GRID", (2, 0), (-1, -1), 0.5, "black"),)

    def clipped_line(canvas, doc) -> None:
        page_number(canvas, doc)
        canvas.setFont(FONT, 9)
        canvas.drawString(60, -4, "为全面提高全市律师政治素养")     # its box runs past the page's foot
    story = [paragraph("项目支出绩效目标表"), ruled(first, [((0, 1), (0, 2)), ((1, 1), (1, 2))], widths), PageBreak(),
             ruled(second, [((0, 0), (0, 2)), ((1, 0), (1, 2))], widths, indicators_ruled)]
    doc = SimpleDocTemplate(str(path), pagesize=A4)
    doc.build(story, onFirstPage=clipped_line, onLaterPages=page_number)
    return path
