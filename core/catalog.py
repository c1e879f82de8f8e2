"""What budget-review knows about the standard disclosure tables, as data.

Each `TableSpec` says how a table type is titled, which header words identify it when the
extraction lost its title, the column layouts the standard templates print (used where the
text split or scrambled the header cells), and which arithmetic identities hold in it.
Code elsewhere reads these specs; it never tests for a particular table by name.
"""
from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Container, Sequence
from dataclasses import dataclass
from enum import StrEnum

from .columns import PATH_SEPARATOR, Column, ColumnRole
from .text import HAN


class TableKind(StrEnum):
    """The standard tables a report prints (a 决算's, then a 预算's), and `other` for the rest:
    a kind named in code is a member, so a typo fails at once."""
    FINAL_INCOME_EXPENSE_SUMMARY = "final.income_expense_summary"
    FINAL_INCOME = "final.income"
    FINAL_EXPENSE = "final.expense"
    FINAL_FISCAL_SUMMARY = "final.fiscal_summary"
    FINAL_GENERAL_PUBLIC_BASIC_EXPENSE = "final.general_public_basic_expense"
    FINAL_GENERAL_PUBLIC_EXPENSE = "final.general_public_expense"
    FINAL_GOV_FUND = "final.gov_fund"
    FINAL_STATE_CAPITAL_EXPENSE = "final.state_capital_expense"
    FINAL_THREE_PUBLIC = "final.three_public"
    FINAL_STATE_ASSETS = "final.state_assets"
    FINAL_PERFORMANCE_SELF_EVAL = "final.performance_self_eval"
    BUDGET_INCOME_EXPENSE_SUMMARY = "budget.income_expense_summary"
    BUDGET_INCOME = "budget.income"
    BUDGET_EXPENSE = "budget.expense"
    BUDGET_FISCAL_SUMMARY = "budget.fiscal_summary"
    BUDGET_GENERAL_PUBLIC_BASIC_EXPENSE = "budget.general_public_basic_expense"
    BUDGET_GENERAL_PUBLIC_EXPENSE = "budget.general_public_expense"
    BUDGET_THREE_PUBLIC = "budget.three_public"
    BUDGET_GOV_FUND_EXPENSE = "budget.gov_fund_expense"
    BUDGET_STATE_CAPITAL_EXPENSE = "budget.state_capital_expense"
    BUDGET_PROJECT_EXPENSE = "budget.project_expense"
    BUDGET_PROCUREMENT = "budget.procurement"
    BUDGET_DEPT_PERFORMANCE_TARGET = "budget.dept_performance_target"
    BUDGET_PERFORMANCE_TARGET = "budget.performance_target"
    OTHER = "other"


@dataclass(frozen=True)
class TotalRule:
    """`total` column equals the sum of `parts` columns (leaf names of the header paths)."""

    total: str
    parts: tuple[str, ...]


class CellKind(StrEnum):
    """What a column's cells print, where a template's cells of words and of figures interleave
    and spaces do not place them (`typed_rows` reads a row's cells by these, in order)."""
    FUNCTION_CLASS = "function_class"       # a code's 类 by function (`201`: 2xx)
    DEPARTMENT_CLASS = "department_class"   # … by the department's economic class (`302`: 3xx)
    GOVERNMENT_CLASS = "government_class"   # … by the government's economic class (`502`: 5xx)
    CODE2 = "code2"             # a code's 款 or 项 (`08`)
    DIGITS = "digits"           # a row's number (`12`)
    UNIT_CODE = "unit_code"     # a department's code or a unit's (`117`, `117001`), or a fund type's number (`1`)
    NAME = "name"               # the row's label: words, the first a row prints (`日常公用经费`, `全额`)
    WORDS = "words"             # other words
    CATALOGUE = "catalogue"     # a procurement catalogue's code and name (`C04070100体检服务`)
    CATALOGUE_NAME = "catalogue_name"   # … its name alone, where no row prints a code (`其他货物`): read
                                        # so, not declared
    ANY = "any"                 # words, or a figure (规格型号: `1`, `A4`)
    COUNT = "count"             # a count (`2`)
    DATE = "date"               # a date or a span of months (`2019-04-12`, `1月-12月`)
    AMOUNT = "amount"           # a sum of money


@dataclass(frozen=True)
class TypedLayout:
    """A template whose rows interleave cells of words and of figures: each column's path and
    what its cells print; the words its header prints (all of them); and the columns printed
    only where the header prints a word of theirs (column path → word)."""
    columns: tuple[tuple[str, CellKind], ...]
    header_words: tuple[str, ...]
    optional: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class TableSpec:
    kind: TableKind
    title: str                           # standard name, used when the text lost the title
    title_patterns: tuple[str, ...]      # regexes over the title with spaces/quotes removed
    header_words: tuple[str, ...] = ()   # all must occur in the header text to identify it
    exclude_words: tuple[str, ...] = ()  # none may occur
    layouts: tuple[tuple[str, ...], ...] = ()  # column header paths of template variants
    column_rules: tuple[TotalRule, ...] = ()
    # sums the template's figures hold that no finding reports (a misread breaks them, a
    # printed figure seldom): a row breaking one doubts the reading of its columns
    reading_rules: tuple[TotalRule, ...] = ()
    form: bool = False                   # a key/value form with an indicator grid
    code_kind: str = ""                  # "function" or "economic": classification of row codes
    income: bool = False                 # its figures are income (by the function class it funds), not spending
    all_spending: bool = False           # the department's spending of every fund by function: what another
                                         # table prints for a code is part of what this one prints for it
    never_empty: bool = False            # every department prints rows here (its income, its spending): a
                                         # reading without a row lost the table's body
    typed_layouts: tuple[TypedLayout, ...] = ()     # templates read by what each column's cells print

    @functools.cached_property
    def prints_codes(self) -> bool:
        """Whether a layout of the spec's has a code column, or it has none (parsed once)."""
        return not self.layouts or any(Column.parse(c).role in (ColumnRole.CODE, ColumnRole.CODE_PART)
                                       for layout in self.layouts for c in layout)

    @functools.cached_property
    def layouts_hold_figures(self) -> bool:
        """Whether every layout (one at least) holds a column of figures (asked of every table
        read: parsed once)."""
        return bool(self.layouts) and all(any(Column.parse(c).role in FIGURE_ROLES for c in layout)
                                          for layout in self.layouts)


_FUNC = ("支出功能分类科目/科目编码", "支出功能分类科目/科目名称")
_FUNCTION_CLASS = ("功能分类科目/科目编码", "功能分类科目/科目名称")       # (without 支出)
# Templates that print the function code in three columns (类 / 款 / 项).
_FUNC3 = ("项目/功能分类科目编码/类", "项目/功能分类科目编码/款", "项目/功能分类科目编码/项", "项目/功能分类科目名称")


def _split_code_layout(group: str, leaves: tuple[str, ...]) -> tuple[str, ...]:
    return _FUNC3 + tuple(f"{group}/{leaf}" for leaf in leaves)
_EXP3 = ("合计", "基本支出", "项目支出")


def _guangdong_fund(group: str) -> tuple[str, ...]:
    return (*_FUNCTION_CLASS, f"{group}/小计", f"{group}/其中：基本支出",
            f"{group}/项目支出")
_BASIC_RULES = (TotalRule("合计", ("基本支出", "项目支出")),)
# what a department spends its total on, beside basic and project spending
_SPENDING_USES = ("基本支出", "项目支出", "事业单位经营支出", "上缴上级支出", "对附属单位补助支出")
_ZHEJIANG_USES = ("基本支出/人员支出", "基本支出/公用经费") + _SPENDING_USES[1:]
_FUNDS_SPENT = ("支出/一般公共预算", "支出/政府性基金预算", "支出/国有资本经营预算")       # a fiscal summary's
# Fujian (Quanzhou): 小计 of the funds' spending, 其中 its basic and project parts
_SUBTOTAL_PARTS = ("科目编码", "科目名称", "小计", "其中：/基本支出", "其中：/项目支出")
_SUBTOTAL_RULE = TotalRule("小计", ("其中：/基本支出", "其中：/项目支出"))
# basic spending in total and in its staff and running costs (Shandong's names: 人员支出, 日常公用支出)
_STAFF_AND_RUNNING = (("人员经费", "公用经费"), ("人员支出", "日常公用支出"))
_BASIC_SPLIT = tuple(("科目编码", "科目名称", "合计", "基本支出/小计", f"基本支出/{staff}", f"基本支出/{running}",
                      "项目支出") for staff, running in _STAFF_AND_RUNNING)
_BASIC_SPLIT_RULES = (TotalRule("合计", ("基本支出/小计", "项目支出")),
                      *(TotalRule("基本支出/小计", pair) for pair in _STAFF_AND_RUNNING))
# Chongqing: income by source
_CHONGQING_INCOME = ("一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入", "财政专户管理资金收入",
                     "事业收入", "上级补助收入", "附属单位上缴收入", "事业单位经营收入", "其他收入")
# Chongqing: basic spending split so, under 总计, alone or beside the year before's total
_TOTAL_SPLIT = ("总计", "基本支出/小计", "基本支出/人员经费", "基本支出/公用经费", "项目支出")
_TOTAL_SPLIT_LAYOUTS = (_FUNCTION_CLASS + _TOTAL_SPLIT,
                        _FUNCTION_CLASS + ("{last_year}年预算数", *(f"{{year}}年预算数/{c}" for c in _TOTAL_SPLIT)))


# Shenzhen: spending and income told by funding source (financial appropriation, 财政专户, 单位资金)
_BY_SOURCE = ("财政拨款/一般公共预算拨款", "财政拨款/政府性基金预算拨款", "财政拨款/国有资本经营预算拨款",
              "财政专户管理资金", "单位资金/事业收入", "单位资金/事业单位经营收入", "单位资金/上级补助收入",
              "单位资金/附属单位上缴收入", "单位资金/其他收入", "上年结余、结转")
# Shaanxi (Xi'an): each economic class's code and name, the 部门 class first
_SHAANXI_ECONOMIC = ("部门经济科目编码", "部门经济科目名称", "政府经济科目编码", "政府经济科目名称")
_SHAANXI_FUNCTION = ("功能科目编码", "功能科目名称")
_SHAANXI_USES = ("人员经费支出", "公用经费支出", "专项业务经费支出")
# Shandong: each row coded twice, by the department's and by the government's economic class
_TWO_ECONOMIC_CLASSES = ("科目编码/类", "科目编码/款", "部门预算支出经济分类科目名称", "科目编码/类", "科目编码/款",
                         "政府预算支出经济分类科目名称")
# Shandong: a department's money by source (financial appropriation by fund, 财政专户, 单位资金 …)
_SHANDONG_FUNDS = ("一般公共预算", "政府性基金预算", "国有资本经营预算")
_SHANDONG_SOURCES = ("合计", "财政拨款/小计", *(f"财政拨款/{fund}" for fund in _SHANDONG_FUNDS), "财政专户管理资金",
                     "单位资金", "使用非财政拨款结余", "上年结转")
_SHANDONG_INCOME = ("合计", "财政拨款收入/小计", *(f"财政拨款收入/{fund}收入" for fund in _SHANDONG_FUNDS),
                    "财政专户管理资金收入", "事业收入（不含教育收费）", "事业单位经营收入", "其他收入", "上级补助收入",
                    "附属单位上缴收入", "使用非财政拨款结余", "上年结转")


def _shandong_rules(sources: tuple[str, ...]) -> tuple[TotalRule, TotalRule]:
    """The total of every source, and the financial appropriation's of its three funds."""
    return (TotalRule(sources[0], (sources[1],) + sources[5:]), TotalRule(sources[1], sources[2:5]))


# Hunan (Changsha): a function class's code in its three parts under 科目编码, its name 功能科目
_CHANGSHA_CLASS = ("科目编码/类", "科目编码/款", "科目编码/项", "功能科目")
_CHANGSHA_SPENDING = _CHANGSHA_CLASS + ("总计", "基本支出", "项目支出")
_CHANGSHA_USES = ("基本支出", "项目支出", "事业单位经营支出", "对附属单位补助支出", "上缴上级支出")
_CHANGSHA_SOURCES = ("本级财政拨款/金额", "财政专户管理事业收入", "事业单位经营服务收入", "上级补助收入", "其它收入",
                     "事业收入", "上年结转")
_CHANGSHA_RULE = TotalRule("总计", ("基本支出", "项目支出"))
_SHENZHEN_UNIT_CODE = ("预算单位", "科目编码", "科目名称", "支出总计", "基本支出", "项目支出")
# Shenzhen's 三公 table: a row per unit and year (2025年, 2026年, 增减变化金额), every item split by the
# three budgets
_FUNDS = ("一般公共预算", "政府性基金预算", "国有资本经营预算")
_CHANGSHA_THREE_PUBLIC = "三公经费预（决）算数（财政拨款）"
_CHANGSHA_ITEMS = ("小计", "公务接待费", "因公出国（境）费", "公务用车购置及运行费", "其中：公务用车购置费",
                   "其中：公务用车运行费")
_VEHICLES = "公务用车购置及运行维护费"
_TWO_YEARS = ("{last_year}", "{year}")
_SHANDONG_THREE_PUBLIC = ("合计", "因公出国（境）经费", f"{_VEHICLES}/小计", f"{_VEHICLES}/公务用车购置经费",
                          f"{_VEHICLES}/公务用车运行维护费", "公务接待费")
_THREE_PUBLIC_GROUP = "“三公”经费"
# Shaanxi's income by source (其中 is part of the 一般公共预算拨款 before it, no source of its own);
# the sources differ by year: 用事业基金弥补收支差额 for 使用非财政拨款结余 (2020), and no 上年结转 where a
# 总计 opens the figures (2021)
_SHAANXI_INCOME = ("一般公共预算拨款/小计", "一般公共预算拨款/其中：专项资金列入部门预算项目", "政府性基金拨款",
                   "上级补助收入", "事业收入", "事业单位经营收入", "使用非财政拨款结余", "对附属单位上缴收入", "上年结转",
                   "上年实户资金余额", "其他收入")
_SHAANXI_INCOME_2020 = ("一般公共预算拨款/小计", "一般公共预算拨款/其中：专项资金列入部门预算项目", "政府性基金拨款",
                        "上级补助收入", "事业收入", "事业单位经营收入", "对附属单位上缴收入", "用事业基金弥补收支差额",
                        "上年结转", "上年实户资金余额", "其他收入")
_SHAANXI_INCOME_2021 = tuple(c for c in _SHAANXI_INCOME_2020 if c != "上年结转")
_SHAANXI_YEARS = ("上年", "当年", "增减变化情况")
_SHAANXI_GROUP = "一般公共预算拨款安排的“三公”经费预算"
_SHAANXI_THREE_PUBLIC = ("合计", f"{_SHAANXI_GROUP}/小计", f"{_SHAANXI_GROUP}/因公出国（境）费用",
                         f"{_SHAANXI_GROUP}/公务接待费", f"{_SHAANXI_GROUP}/{_VEHICLES}/小计",
                         f"{_SHAANXI_GROUP}/{_VEHICLES}/公务用车购置费", f"{_SHAANXI_GROUP}/{_VEHICLES}/公务用车运行维护费",
                         "会议费", "培训费")


# Jilin's 三公 table: this year's budget and last year's balance, 科研因公出国（境）费用 apart
_JILIN_PERIODS = ("当年预算", "上年结转结余")
_JILIN_ABROAD = "因公出国（境）费"
_JILIN_THREE_PUBLIC = ("小计", f"{_JILIN_ABROAD}/小计", _JILIN_ABROAD, f"{_JILIN_ABROAD}/科研因公出国（境）费用",
                       "公务用车购置及运行费/小计", "公务用车购置及运行费/公务用车购置费", "公务用车购置及运行费/公务用车运行费",
                       "公务接待费")
_JILIN_THREE_PUBLIC_RULES = (TotalRule("“三公”经费合计", tuple(f"{when}/小计" for when in _JILIN_PERIODS)),) + tuple(
    rule for when in _JILIN_PERIODS for rule in (
        TotalRule(f"{when}/小计", (f"{when}/{_JILIN_ABROAD}/小计", f"{when}/公务用车购置及运行费/小计", f"{when}/公务接待费")),
        TotalRule(f"{when}/{_JILIN_ABROAD}/小计", (f"{when}/{_JILIN_ABROAD}", f"{when}/{_JILIN_ABROAD}/科研因公出国（境）费用")),
        TotalRule(f"{when}/公务用车购置及运行费/小计", (f"{when}/公务用车购置及运行费/公务用车购置费",
                                                   f"{when}/公务用车购置及运行费/公务用车运行费"))))


# Jilin's function-class tables: this year's budget and last year's balance, each by use
_JILIN_EXPENSE_USES = ("小计", "基本支出", "项目支出", "事业单位经营支出")
_JILIN_GENERAL_USES = ("小计", "基本支出/小计", "基本支出/人员经费", "基本支出/公用经费", "项目支出")
# (科目名称, not the 功能分类科目名称 Jilin prints: a word of its own would count against every
# layout lacking it where another region prints that cell)
_JILIN_CLASS = ("科目编码", "科目名称", "合计")
_JILIN_BOTH = TotalRule("合计", tuple(f"{when}/小计" for when in _JILIN_PERIODS))
_JILIN_EXPENSE_RULES = (_JILIN_BOTH, *(TotalRule(f"{when}/小计", tuple(f"{when}/{use}" for use in _JILIN_EXPENSE_USES[1:]))
                                      for when in _JILIN_PERIODS))
_JILIN_GENERAL_RULES = (_JILIN_BOTH, *(rule for when in _JILIN_PERIODS for rule in (
    TotalRule(f"{when}/小计", (f"{when}/基本支出/小计", f"{when}/项目支出")),
    TotalRule(f"{when}/基本支出/小计", (f"{when}/基本支出/人员经费", f"{when}/基本支出/公用经费")))))


def _beside_meetings_rules(prefix: str, group: str, abroad: str) -> tuple[TotalRule, ...]:
    """The totals of the 三公 items printed under `group` beside 会议费 and 培训费, each path
    after `prefix` (a year's group, or none)."""
    vehicles = f"{prefix}{group}/{_VEHICLES}"
    return (TotalRule(f"{prefix}合计", (f"{prefix}{group}/小计", f"{prefix}会议费", f"{prefix}培训费")),
            TotalRule(f"{prefix}{group}/小计", (f"{prefix}{group}/{abroad}", f"{prefix}{group}/公务接待费",
                                               f"{vehicles}/小计")),
            TotalRule(f"{vehicles}/小计", (f"{vehicles}/公务用车购置费", f"{vehicles}/公务用车运行维护费")))


_SHAANXI_SPENDING = ("一般公共预算拨款/小计", "一般公共预算拨款/其中：专项资金列入部门预算的项目", "政府性基金拨款",
                     "事业收入", "事业单位经营收入", "对附属单位上缴收入", "上年实户资金余额", "其他收入", "上年结转")
# … its appropriation named 公共预算拨款 (2020; or the spending told by the income's sources), and no
# 上年结转 where a 总计 opens the figures (2021)
_SHAANXI_SPENDING_2020 = tuple(c.replace("一般公共预算拨款", "公共预算拨款") for c in _SHAANXI_SPENDING)
_SHAANXI_SPENDING_2021 = _SHAANXI_SPENDING_2020[:-1]
_BEIJING_FUNDS = ("一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金")
_BEIJING_INCOME = _BEIJING_FUNDS + ("事业收入", "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入")
_BEIJING_BALANCE = _BEIJING_FUNDS + ("单位资金",)
def _income_and_balance(income: str, balance: str, lead: tuple[str, ...] = ("部门（单位）代码", "部门（单位）名称"),
                        total: str = "合计", balances: tuple[str, ...] = _BEIJING_BALANCE
                        ) -> tuple[tuple[str, ...], tuple[TotalRule, ...]]:
    """A unit's income table of this year's income and last year's balance, each by source
    under its own subtotal (groups named `income` and `balance`), and its rules."""
    layout = (lead + (total, f"{income}/小计") + tuple(f"{income}/{c}" for c in _BEIJING_INCOME)
              + (f"{balance}/小计",) + tuple(f"{balance}/{c}" for c in balances))
    return layout, (TotalRule(total, (f"{income}/小计", f"{balance}/小计")),
                    TotalRule(f"{income}/小计", tuple(f"{income}/{c}" for c in _BEIJING_INCOME)),
                    TotalRule(f"{balance}/小计", tuple(f"{balance}/{c}" for c in balances)))


# (layout, rules) of Beijing's income table, of Jilin's, which names the groups otherwise, and of
# Zhejiang's cities (Huzhou), a unit's name alone before its 总计, the balance of 专户 and 单位资金 so named
_BEIJING_INCOME_TABLE, _JILIN_INCOME_TABLE = _income_and_balance("本年收入", "上年结转结余"), \
    _income_and_balance("编制预算", "上年结转")
_ZHEJIANG_INCOME_TABLE = _income_and_balance("本年收入", "上年结转结余", ("单位名称",), "总计",
                                             _BEIJING_FUNDS[:3] + ("专户资金结转结余", "单位资金结转结余"))


_THREE_PUBLIC_ITEMS = ("总计", "因公出国(境)费", "公务接待费", f"{_VEHICLES}/小计", f"{_VEHICLES}/公务用车购置费",
                       f"{_VEHICLES}/公务用车运行维护费")
_THREE_PUBLIC_BY_FUND = ("预算单位", "年度") + tuple(f"{item}/{fund}" for item in _THREE_PUBLIC_ITEMS for fund in _FUNDS)
_THREE_PUBLIC_BY_FUND_RULES = tuple(
    rule for fund in _FUNDS for rule in (
        TotalRule(f"总计/{fund}", (f"因公出国(境)费/{fund}", f"公务接待费/{fund}", f"{_VEHICLES}/小计/{fund}")),
        TotalRule(f"{_VEHICLES}/小计/{fund}", (f"{_VEHICLES}/公务用车购置费/{fund}", f"{_VEHICLES}/公务用车运行维护费/{fund}"))))

# Shaanxi's summaries: the spending told three ways, side by side
_YEAR_SUMMARY = ("收入/项目", "收入/{year}年预算数", "支出/项目", "支出/{year}年预算数")     # Shenzhen
# Jilin (Changchun): each panel's budget, of which this year's and last year's balance
_BUDGET_AND_BALANCE = ("收入/项目", "收入/本年预算", "收入/编制预算", "收入/上年结转", "支出/项目", "支出/本年预算",
                       "支出/编制预算", "支出/上年结转")
_SPENDING_THREE_WAYS = tuple(("收入/项目", "收入/预算数", f"支出/{function}", "支出/预算数", f"支出/{department}",
                              "支出/预算数", f"支出/{government}", "支出/预算数")
                             for function, department, government in (
                                 ("支出功能分类科目（按大类）", "部门预算支出经济分类科目（按大类）",
                                  "政府预算支出经济分类科目（按大类）"),
                                 # Xi'an's, as printed: 2020's, and since 2021's without 分类 but for
                                 # the last panel's or not (its header wraps them, so a misprint is
                                 # not told from a wrapped word)
                                 ("支出功能分类", "部门预算支出经济分类", "政府预算支出经济分类"),
                                 *(("支出功能分科目（按大类）", "部门预算支出经济科目（按大类）",
                                    f"政府预算支出经济{classed}科目（按大类）") for classed in ("分类", ""))))

BUDGET_SPECS: tuple[TableSpec, ...] = (
    TableSpec(TableKind.BUDGET_INCOME_EXPENSE_SUMMARY, "收支预算总表",
              (r"(财务)?收支(预算)?总(体情况)?表$",),
              header_words=("收入", "支出", "预算数"), exclude_words=("一般公共预算支出", "合计"),
              layouts=(("收入/项目", "收入/预算数", "支出/项目(按支出功能科目类级)", "支出/预算数"),
                       ("收入/项目", "收入/预算数", "支出/项目", "支出/预算数"),
                       ("本年收入/项目", "本年收入/预算数", "本年支出/项目", "本年支出/预算数"),
                       # a unit's summary: spending split into staff, running and project costs
                       ("本年收入/项目", "本年收入/预算数", "本年支出/项目", "本年支出/预算数/合计",
                        "本年支出/预算数/基本支出/人员经费", "本年支出/预算数/基本支出/公用经费",
                        "本年支出/预算数/项目支出"),
                       ("收入/项目", "收入/预算", "支出/项目", "支出/预算"),
                       _YEAR_SUMMARY,
                       *_SPENDING_THREE_WAYS,
                       _BUDGET_AND_BALANCE,
                       # Jiangsu: spending by function beside spending by use
                       ("收入/项目名称", "收入/金额", "支出/功能分类/功能科目名称", "支出/功能分类/金额",
                        "支出/支出用途/项目名称", "支出/支出用途/金额")),
              reading_rules=(TotalRule("本年支出/预算数/合计", ("基本支出/人员经费", "基本支出/公用经费", "项目支出")),), never_empty=True),
    TableSpec(TableKind.BUDGET_INCOME, "收入总表", (r"收入(预算)?总(体情况)?表$",), income=True,
              header_words=("上年结转", "事业收入"),
              layouts=(("功能科目编码", "功能科目名称", "合计", "上年结转", "财政拨款/小计",
                        "财政拨款/一般公共预算拨款收入", "财政拨款/政府性基金预算拨款收入",
                        "财政拨款/国有资本经营预算收入", "教育收费资金收入", "事业收入",
                        "事业单位经营收入", "附属单位上缴收入", "上级补助收入", "其他收入",
                        "使用非财政拨款结余"),
                       # Beijing, and Jilin naming the groups otherwise: this year's income and last
                       # year's balance, each by source
                       _BEIJING_INCOME_TABLE[0], _JILIN_INCOME_TABLE[0], _ZHEJIANG_INCOME_TABLE[0],
                       _split_code_layout("收入预算", ("合计", "财政拨款收入", "事业收入", "事业单位经营收入",
                                                      "其他收入")),
                       # Shenzhen: a row per unit, this year's income by source, then last year's balance
                       ("预算单位", "收入总计") + tuple(f"本年收入/{c}" for c in _BY_SOURCE[:-1]) + _BY_SOURCE[-1:],
                       # Guangdong: a row per unit, income by source
                       ("单位名称", "合计", "财政拨款收入/一般公共预算", "财政拨款收入/政府性基金预算",
                        "财政拨款收入/国有资本经营预算", "财政专户拨款收入/教育收费", "财政专户拨款收入/其他专户收入拨款",
                        "其他资金收入/事业收入", "其他资金收入/事业单位经营收入", "其他资金收入/其他收入", "上级补助收入",
                        "附属单位上缴收入", "上年结转结余"),
                       # Shaanxi (Xi'an): a row per unit, the department's budget by source
                       *(("单位编码", "单位名称", "部门预算/合计", *(f"部门预算/{c}" for c in sources))
                         for sources in (_SHAANXI_INCOME, _SHAANXI_INCOME_2020)),
                       ("单位编码", "单位名称", "总计", "部门预算/合计", *(f"部门预算/{c}" for c in _SHAANXI_INCOME_2021)),
                       ("科目编码", "科目名称") + _SHANDONG_INCOME,
                       # Chongqing: by function class, income by source under 总计
                       ("科目/科目编码", "科目/科目名称", "总计") + _CHONGQING_INCOME,
                       # Changsha: its code's parts printed bare, the appropriation with its 经费拨款 part
                       ("类", "款", "项", "功能科目", "合计", *_CHANGSHA_SOURCES[:1], "本级财政拨款/其中：经费拨款",
                        *_CHANGSHA_SOURCES[1:])),
              column_rules=(TotalRule("总计", _CHONGQING_INCOME), TotalRule("合计", _CHANGSHA_SOURCES),
                            TotalRule("合计", ("上年结转", "财政拨款/小计", "教育收费资金收入", "事业收入",
                                               "事业单位经营收入", "附属单位上缴收入", "上级补助收入",
                                               "其他收入", "使用非财政拨款结余")),
                            TotalRule("财政拨款/小计", ("财政拨款/一般公共预算拨款收入",
                                                     "财政拨款/政府性基金预算拨款收入",
                                                     "财政拨款/国有资本经营预算收入")),
                            *_BEIJING_INCOME_TABLE[1], *_JILIN_INCOME_TABLE[1], *_ZHEJIANG_INCOME_TABLE[1],
                            # (2021's parts are 2020's but one: its rule would hold 2020's tables to too few)
                            *(TotalRule("部门预算/合计", tuple(f"部门预算/{c}" for c in sources if "其中" not in c))
                              for sources in (_SHAANXI_INCOME, _SHAANXI_INCOME_2020)),
                            *_shandong_rules(_SHANDONG_INCOME)),
              code_kind="function", never_empty=True),
    TableSpec(TableKind.BUDGET_EXPENSE, "支出总表", (r"支出(预算)?总(体情况)?表$",),
              header_words=("基本支出", "项目支出"), exclude_words=("人员经费", "预算数"),
              layouts=(_FUNC + _EXP3,
                       # (Fujian, Quanzhou: the same under 小计)
                       *(("科目编码", "科目名称", total) + _SPENDING_USES for total in ("合计", "小计")),
                       _split_code_layout("支出预算", _EXP3),
                       (*_FUNCTION_CLASS, "合计", "基本支出", "项目支出",
                        "事业单位经营支出", "对附属单位补助支出", "上缴上级支出"),
                       # Shenzhen: by unit and function class, with this year's government procurement
                       _SHENZHEN_UNIT_CODE + ("事业单位经营支出", "对附属单位补助支出", "上缴上级支出",
                                              "{year}年政府采购项目/小计",
                                              "{year}年政府采购项目/其中：{year}年政府采购项目中预留给中小企业的项目资金规模",
                                              "{year}年政府采购项目/其中：{year}年政府采购项目中预留给小型、微型企业的项目资金规模"),
                       # Shenzhen: basic and project spending by category, by funding source
                       ("支出项目类别", "总计", "财政拨款/小计") + _BY_SOURCE,
                       ("支出项目类别", "总计") + tuple(f"{{year}}年预算/{c}" for c in _BY_SOURCE),
                       # Beijing: a row per function × economic class, each class `code-name`
                       ("支出功能分类科目", "政府支出经济分类科目", "部门支出经济分类科目", "合计", "基本支出",
                        "项目支出", "其中/事业单位经营支出", "其中/上缴上级支出", "其中/对附属单位补助支出"),
                       # Shaanxi (Xi'an): a row per unit, the department's spending by source of funds
                       *(("单位编码", "单位名称", "部门预算/合计", *(f"部门预算/{c}" for c in uses))
                         for uses in (_SHAANXI_SPENDING, _SHAANXI_SPENDING_2020, _SHAANXI_INCOME_2020)),
                       ("单位编码", "单位名称", "总计", "部门预算/合计", *(f"部门预算/{c}" for c in _SHAANXI_SPENDING_2021)),
                       # Zhejiang (Huzhou): basic spending split into staff and running costs
                       ("科目编码", "科目名称", "总计") + _ZHEJIANG_USES,
                       # basic spending's subtotal, staff and running costs, beside project spending
                       *_BASIC_SPLIT,
                       _JILIN_CLASS + tuple(f"{when}/{use}" for when in _JILIN_PERIODS for use in _JILIN_EXPENSE_USES),
                       _CHANGSHA_CLASS + ("总计",) + _CHANGSHA_USES),
              column_rules=_JILIN_EXPENSE_RULES + _BASIC_SPLIT_RULES + (*(TotalRule(total, _SPENDING_USES) for total in ("合计", "小计")),
                            TotalRule("总计", _ZHEJIANG_USES), TotalRule("总计", _CHANGSHA_USES),
                            *(TotalRule("部门预算/合计", tuple(f"部门预算/{c}" for c in uses if "其中" not in c))
                              for uses in (_SHAANXI_SPENDING, _SHAANXI_SPENDING_2020, _SHAANXI_INCOME_2020))) + _BASIC_RULES,
              code_kind="function", all_spending=True, never_empty=True),
    TableSpec(TableKind.BUDGET_FISCAL_SUMMARY, "财政拨款收支总表", (r"财政拨款收支(预算)?总(体情况)?表$",),
              header_words=("收入", "支出", "一般公共预算"),
              layouts=(("收入/项目", "收入/预算数", "支出/项目(按支出功能科目类级)", "支出/合计",
                        "支出/一般公共预算支出", "支出/政府性基金预算支出", "支出/国有资本经营预算支出"),
                       ("收入/项目", "收入/预算数", "支出/项目", "支出/预算数"),
                       ("财政拨款收入/项目", "财政拨款收入/预算数", "财政拨款支出/项目", "财政拨款支出/合计",
                        "财政拨款支出/一般公共预算", "财政拨款支出/政府性基金预算", "财政拨款支出/国有资本经营预算"),
                       ("收入/项目", "收入/预算", "支出/项目", "支出/预算"),
                       _YEAR_SUMMARY,
                       *_SPENDING_THREE_WAYS,
                       _BUDGET_AND_BALANCE,
                       # Chongqing: the spending in total (总计 or 合计) and by each fund
                       *(("收入/项目", "收入/预算数", "支出/项目", f"支出/{total}") + _FUNDS_SPENT for total in ("总计", "合计"))),
              column_rules=tuple(TotalRule(f"支出/{total}", _FUNDS_SPENT) for total in ("总计", "合计")), never_empty=True),
    TableSpec(TableKind.BUDGET_GENERAL_PUBLIC_BASIC_EXPENSE, "一般公共预算基本支出表",
              (r"一般公共预算(财政)?(拨款)?基本支出.*表$",),
              header_words=("人员经费", "公用经费"),
              layouts=(_TWO_ECONOMIC_CLASSES + ("基本支出预算/小计", "基本支出预算/人员支出", "基本支出预算/日常公用支出"),
                       ("支出经济分类科目/科目编码", "支出经济分类科目/科目名称", "{year}年基本支出/合计",
                        "{year}年基本支出/人员经费", "{year}年基本支出/公用经费"),
                       ("部门预算支出经济分类科目/科目编码", "部门预算支出经济分类科目/科目名称",
                        "本年一般公共预算基本支出/合计", "本年一般公共预算基本支出/人员经费",
                        "本年一般公共预算基本支出/公用经费"),
                       ("项目/部门预算经济分类科目编码/类", "项目/部门预算经济分类科目编码/款", "项目/经济分类科目名称",
                        "一般公共预算基本支出/合计", "一般公共预算基本支出/人员经费", "一般公共预算基本支出/公用经费"),
                       ("部门预算支出经济科目", "预算"),
                       # Beijing: both economic classes, each `code-name`
                       ("政府支出经济分类科目", "部门支出经济分类科目", "预算数/合计", "预算数/人员经费",
                        "预算数/公用经费"),
                       *((*classes, "合计", *_SHAANXI_USES[:2], "备注") for classes in (_SHAANXI_ECONOMIC, _SHAANXI_FUNCTION)),
                       # Chongqing: its 总计 first
                       ("经济分类科目/科目编码", "经济分类科目/科目名称", "基本支出/总计", "基本支出/人员经费",
                        "基本支出/公用经费")),
              column_rules=(TotalRule("合计", ("人员经费", "公用经费")), TotalRule("合计", _SHAANXI_USES[:2]),
                            TotalRule("总计", ("人员经费", "公用经费"))),
              code_kind="economic"),
    TableSpec(TableKind.BUDGET_GENERAL_PUBLIC_EXPENSE, "一般公共预算支出表",
              (r"一般公共预算(财政)?(拨款)?支出.*表$",),
              header_words=("基本支出", "项目支出", "预算数"),
              layouts=(("支出功能分类科目/科目编码", "支出功能分类科目/科目名称", "{year}年预算数/合计",
                        "{year}年预算数/基本支出", "{year}年预算数/项目支出"),
                       *_BASIC_SPLIT,
                       # Beijing: 项目支出 in total and without capital construction
                       (*_FUNCTION_CLASS, "预算数/合计", "预算数/基本支出/小计",
                        "预算数/基本支出/人员经费", "预算数/基本支出/公用经费", "预算数/项目支出/项目支出总数",
                        "预算数/项目支出/扣除基建项目后预算数"),
                       *_TOTAL_SPLIT_LAYOUTS,
                       _split_code_layout("一般公共预算支出", _EXP3),
                       # Guangdong: the code inside the name (`[201]一般公共服务支出`)
                       ("功能科目名称", "一般公共预算支出/小计", "一般公共预算支出/其中：基本支出",
                        "一般公共预算支出/项目支出"),
                       _SHENZHEN_UNIT_CODE,
                       _SUBTOTAL_PARTS,
                       _JILIN_CLASS + tuple(f"{when}/{use}" for when in _JILIN_PERIODS for use in _JILIN_GENERAL_USES),
                       *((*classes, "合计", *_SHAANXI_USES, "备注") for classes in (_SHAANXI_ECONOMIC, _SHAANXI_FUNCTION)),
                       _CHANGSHA_SPENDING),
              column_rules=_JILIN_GENERAL_RULES + _BASIC_RULES + _BASIC_SPLIT_RULES + (_SUBTOTAL_RULE, _CHANGSHA_RULE,
                                                                TotalRule("合计", _SHAANXI_USES),
                                                                TotalRule("合计", ("基本支出/小计", "项目支出总数")),
                                                                TotalRule("总计", ("基本支出/小计", "项目支出")),
                                           TotalRule("一般公共预算支出/小计", ("其中：基本支出", "一般公共预算支出/项目支出"))),
              code_kind="function"),
    TableSpec(TableKind.BUDGET_THREE_PUBLIC, "一般公共预算\"三公\"经费支出表", (r"三公.*经费.*表$",),
              header_words=("公务接待",),
              layouts=(("单位编码", "单位名称", "合计", "因公出国(境)费", "公务接待费", "公务用车运行维护费",
                        "公务用车购置"),
                       ("“三公”经费合计", "因公出国（境）费", "公务用车购置及运行费/小计",
                        "公务用车购置及运行费/公务用车购置费", "公务用车购置及运行费/公务用车运行费", "公务接待费"),
                       # Huzhou: a unit a row
                       ("单位名称", "“三公”经费合计", "因公出国(境)费用", "公务用车购置及运行费/小计",
                        "公务用车购置及运行费/公务用车购置费", "公务用车购置及运行费/公务用车运行维护费", "公务接待费"),
                       ("“三公”经费预算数/合计", "“三公”经费预算数/因公出国(境)费", "“三公”经费预算数/公务接待费",
                        "“三公”经费预算数/公务用车购置及运行费/小计", "“三公”经费预算数/公务用车购置及运行费/购置费",
                        "“三公”经费预算数/公务用车购置及运行费/运行费", "机关运行经费预算数"),
                       ("单位编码", "单位名称", "合计", "因公出国(境)费/小计", "因公出国(境)费/一般公务出国(境)费",
                        "因公出国(境)费/高等院校和科研院所学术交流合作出国(境)费", "公务接待费",
                        "公务用车购置及运行维护费/小计", "公务用车购置及运行维护费/公务用车运行维护费",
                        "公务用车购置及运行维护费/公务用车购置"),
                       ("项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"),
                       _THREE_PUBLIC_BY_FUND,
                       # Beijing: the total named for its fiscal appropriation, vehicles last
                       ("“三公”经费财政拨款预算总额", "因公出国（境）费用", "公务接待费", f"{_VEHICLES}/小计",
                        f"{_VEHICLES}/公务用车购置费", f"{_VEHICLES}/公务用车运行维护费"),
                       # Shaanxi (Xi'an): a row per unit, last year's, this year's and the change, each the
                       # 三公 items beside 会议费 and 培训费
                       ("单位编码", "单位名称", *(f"{when}/{item}" for when in _SHAANXI_YEARS for item in _SHAANXI_THREE_PUBLIC)),
                       # the 三公 items beside 会议费 and 培训费 (Jiangsu's 三公经费、会议费、培训费 table)
                       ("合计", f"{_THREE_PUBLIC_GROUP}/小计", f"{_THREE_PUBLIC_GROUP}/因公出国（境）费",
                        f"{_THREE_PUBLIC_GROUP}/{_VEHICLES}/小计", f"{_THREE_PUBLIC_GROUP}/{_VEHICLES}/公务用车购置费",
                        f"{_THREE_PUBLIC_GROUP}/{_VEHICLES}/公务用车运行维护费", f"{_THREE_PUBLIC_GROUP}/公务接待费",
                        "会议费", "培训费"),
                       # Shandong (Yantai): last year's and this year's, each its total first, 公务接待费 last
                       tuple(f"{when}年预算数/{item}" for when in _TWO_YEARS for item in _SHANDONG_THREE_PUBLIC),
                       # Hunan (Changsha): a row per department, its total first, 公务接待费 next
                       ("部门名称", *(f"{_CHANGSHA_THREE_PUBLIC}/{leaf}" for leaf in _CHANGSHA_ITEMS)),
                       # … their total first, vehicles before 公务接待费 (Wuxi, Suzhou)
                       ("“三公”经费合计", "因公出国（境）费", f"{_VEHICLES}/小计", f"{_VEHICLES}/公务用车购置费",
                        f"{_VEHICLES}/公务用车运行维护费", "公务接待费", "会议费", "培训费"),
                       # Jilin (Changchun): this year's budget and last year's balance, each with its items
                       ("“三公”经费合计", *(f"{when}/{item}" for when in _JILIN_PERIODS for item in _JILIN_THREE_PUBLIC))),
              column_rules=_THREE_PUBLIC_BY_FUND_RULES + _JILIN_THREE_PUBLIC_RULES
              + _beside_meetings_rules("", _THREE_PUBLIC_GROUP, "因公出国（境）费")
              + tuple(rule for when in _SHAANXI_YEARS
                      for rule in _beside_meetings_rules(f"{when}/", _SHAANXI_GROUP, "因公出国（境）费用")) + (
                  TotalRule("“三公”经费财政拨款预算总额", ("因公出国（境）费用", "公务接待费", f"{_VEHICLES}/小计")),
                  TotalRule(f"{_VEHICLES}/小计", (f"{_VEHICLES}/公务用车购置费", f"{_VEHICLES}/公务用车运行维护费")),
                  *(rule for when in _TWO_YEARS for rule in (
                      TotalRule(f"{when}年预算数/合计", tuple(f"{when}年预算数/{item}"
                                                          for item in _SHANDONG_THREE_PUBLIC[1:] if "/" not in item)
                                + (f"{when}年预算数/{_VEHICLES}/小计",)),
                      TotalRule(f"{when}年预算数/{_VEHICLES}/小计", tuple(f"{when}年预算数/{item}"
                                                                     for item in _SHANDONG_THREE_PUBLIC[3:5])))),
                  TotalRule(f"{_CHANGSHA_THREE_PUBLIC}/小计", tuple(f"{_CHANGSHA_THREE_PUBLIC}/{leaf}"
                                                               for leaf in _CHANGSHA_ITEMS[1:4])),
                  TotalRule(f"{_CHANGSHA_THREE_PUBLIC}/{_CHANGSHA_ITEMS[3]}",
                            tuple(f"{_CHANGSHA_THREE_PUBLIC}/{leaf}" for leaf in _CHANGSHA_ITEMS[4:])),
                  TotalRule("合计", ("因公出国(境)费", "公务接待费", "公务用车运行维护费",
                                     "公务用车购置")),
                  TotalRule("合计", ("因公出国(境)费/小计", "公务接待费",
                                     "公务用车购置及运行维护费/小计")),
                  TotalRule("因公出国(境)费/小计", ("因公出国(境)费/一般公务出国(境)费",
                                               "因公出国(境)费/高等院校和科研院所学术交流合作出国(境)费")),
                  TotalRule("公务用车购置及运行维护费/小计", ("公务用车购置及运行维护费/公务用车运行维护费",
                                                    "公务用车购置及运行维护费/公务用车购置")),
                  TotalRule("合计", ("因公出国(境)费", "公务接待费", "公务用车购置及运行费/小计")),
                  TotalRule("“三公”经费合计", ("因公出国（境）费", "公务用车购置及运行费/小计", "公务接待费")),
                  TotalRule("“三公”经费合计", ("因公出国（境）费", f"{_VEHICLES}/小计", "公务接待费")),
                  TotalRule("“三公”经费合计", ("因公出国(境)费用", "公务用车购置及运行费/小计", "公务接待费")),
                  TotalRule("公务用车购置及运行费/小计", ("公务用车购置费", "公务用车运行维护费")),
                  TotalRule("公务用车购置及运行费/小计", ("购置费", "运行费")),
                  TotalRule("公务用车购置及运行费/小计", ("公务用车购置费", "公务用车运行费")))),
    TableSpec(TableKind.BUDGET_GOV_FUND_EXPENSE, "政府性基金预算支出表", (r"政府性基金预算(财政)?(拨款)?支出.*表$",
                                                                       r"政府性基金支出预算表$",
                                                                       r"政府性基金(预算)?(财政拨款)?收支.*表$"),
              header_words=("基本支出", "项目支出", "预算数"),
              layouts=(("支出功能分类科目/科目编码", "支出功能分类科目/科目名称", "{year}年预算数/合计",
                        "{year}年预算数/基本支出", "{year}年预算数/项目支出"),
                       ("科目编码", "科目名称", "本年政府性基金预算支出/合计", "本年政府性基金预算支出/基本支出",
                        "本年政府性基金预算支出/项目支出"),
                       _split_code_layout("政府性基金预算支出", _EXP3),
                       _guangdong_fund("政府性基金预算支出"),
                       *_SPENDING_THREE_WAYS,
                       _SHENZHEN_UNIT_CODE,
                       _SUBTOTAL_PARTS,
                       *_BASIC_SPLIT),
              column_rules=_BASIC_RULES + _BASIC_SPLIT_RULES + (_SUBTOTAL_RULE,), code_kind="function"),
    TableSpec(TableKind.BUDGET_STATE_CAPITAL_EXPENSE, "国有资本经营预算支出表", (r"国有资本经营预算(财政)?(拨款)?支出.*表$",),
              header_words=("基本支出", "项目支出", "预算数"),
              layouts=(("支出功能分类科目/科目编码", "支出功能分类科目/科目名称", "{year}年预算数/合计",
                        "{year}年预算数/基本支出", "{year}年预算数/项目支出"),
                       _split_code_layout("国有资本经营预算支出", _EXP3),
                       _guangdong_fund("国有资本经营预算支出"),
                       _SHENZHEN_UNIT_CODE,
                       _SUBTOTAL_PARTS,
                       *_BASIC_SPLIT),
              column_rules=_BASIC_RULES + _BASIC_SPLIT_RULES + (_SUBTOTAL_RULE,), code_kind="function"),
    # (一般公共预算项目支出情况表 is its spending by economic class, no list of projects)
    TableSpec(TableKind.BUDGET_PROJECT_EXPENSE, "项目支出表", (r"(?<!一般公共预算)项目支出(及其他支出)?(预算)?(情况)?表$",),
              header_words=("项目名称", "项目编码"),
              layouts=(("项目编码", "项目名称", "项目单位", "合计", "本年拨款/一般公共预算", "本年拨款/政府性基金预算",
                        "本年拨款/国有资本经营预算", "财政拨款结转结余/一般公共预算",
                        "财政拨款结转结余/政府性基金预算", "财政拨款结转结余/国有资本经营预算", "财政专户管理资金",
                        "单位资金"),
                       # Hubei: 本年收入 by source, 上年结转结余 by fund
                       # Beijing: this year's income and last year's balance, each by source
                       _BEIJING_INCOME_TABLE[0],
                       # Guangdong: projects under their unit, funds by source, the goal last
                       ("支出项目类别（资金使用单位）", "总计", "财政拨款/合计", "财政拨款/一般公共预算",
                        "财政拨款/政府性基金预算", "财政拨款/国有资本经营预算", "财政专户拨款", "其他资金", "绩效目标"),
                       # Shandong: a project's category beside its name, its money by source
                       ("项目名称", "项目类别") + _SHANDONG_SOURCES,
                       # Zhejiang's cities: each project under its unit's name, its money by source
                       # (政府性基金 named as the other templates name it, so that a table outside
                       # the standard set printing that cell is not this template's)
                       ("单位名称", "项目名称", "总计", "一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金",
                        "单位资金")),
              column_rules=(TotalRule("合计", ("本年拨款/一般公共预算", "本年拨款/政府性基金预算",
                                               "本年拨款/国有资本经营预算", "财政拨款结转结余/一般公共预算",
                                               "财政拨款结转结余/政府性基金预算",
                                               "财政拨款结转结余/国有资本经营预算", "财政专户管理资金", "单位资金")),
                            *_shandong_rules(_SHANDONG_SOURCES),
                            TotalRule("总计", ("一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金",
                                               "单位资金")))),
    TableSpec(TableKind.BUDGET_PROCUREMENT, "政府采购预算表", (r"政府采购(预算)?.*表$",),
              header_words=("采购",),
              layouts=(("单位代码", "单位名称", "项目", "政府采购品目", "功能科目", "部门支出经济分类", "资金来源",
                        "资金性质", "采购数量", "单价（元）", "计量单位", "采购金额/采购金额合计（元）",
                        "采购金额/其中面向中小企业（元）", "采购金额/其中面向小微企业（元）"),),
              # Xi'an's: the function code and the unit's, the item, its catalogue entry, the count,
              # the department's and the government's economic codes, the sum (a row per item under
              # a row per fund type, `1 全额`, and per unit)
              typed_layouts=(TypedLayout(
                  (("序号", CellKind.DIGITS), ("科目编码/类", CellKind.FUNCTION_CLASS), ("科目编码/款", CellKind.CODE2),
                   ("科目编码/项", CellKind.CODE2), ("单位编码", CellKind.UNIT_CODE), ("采购项目", CellKind.NAME),
                   ("采购目录", CellKind.CATALOGUE), ("购买服务内容", CellKind.WORDS), ("规格型号", CellKind.ANY),
                   ("数量", CellKind.COUNT), ("部门预算支出经济科目编码/类", CellKind.DEPARTMENT_CLASS),
                   ("部门预算支出经济科目编码/款", CellKind.CODE2), ("政府预算支出经济科目编码/类", CellKind.GOVERNMENT_CLASS),
                   ("政府预算支出经济科目编码/款", CellKind.CODE2), ("实施采购时间", CellKind.DATE),
                   ("预算金额", CellKind.AMOUNT), ("说明", CellKind.WORDS)),
                  header_words=("采购项目", "采购目录"),
                  optional=(("序号", "序号"), ("实施采购时间", "时间"))),)),
    TableSpec(TableKind.BUDGET_DEPT_PERFORMANCE_TARGET, "部门整体支出绩效目标申报表",
              (r"部门整体(支出)?绩效目标.*表$",), form=True,
              # a row per indicator of each activity, its 一级 and 二级 printed at the head of its
              # name's cell (Beijing's)
              layouts=(("活动", "绩效指标", "指标性质", "指标值", "度量单位"),)),
    TableSpec(TableKind.BUDGET_PERFORMANCE_TARGET, "项目支出绩效目标表",
              # 专项业务经费, 专项资金: project spending by other templates' names
              # … and a project's own form titled by its name alone (`信息化运行维护绩效目标表`)
              (r"(项目(支出)?|专项(业务经费|资金)?)(总体)?绩效目标.*表$", r"绩效目标表$"),
              header_words=("一级指标", "二级指标"), form=True,
              # the form of several projects in one grid, a project per block of rows
              layouts=(("项目名称", "中期绩效目标", "年度绩效目标", "一级指标", "二级指标", "三级指标", "计算符号",
                        "指标值", "计量单位", "备注（选填）", "指标值说明（选填）"),
                       # a list of projects, a row per indicator, each project's funds and goal beside
                       # its first (Beijing's 项目支出绩效目标表)
                       ("项目名称", "项目总额", "其中：/财政资金", "其中：/其他资金", "绩效目标", "一级指标", "二级指标",
                        "三级指标", "绩效指标性质", "本年绩效指标值", "绩效度量单位"))),
)

_FINAL_CODE = ("项目/支出功能分类科目编码", "项目/科目名称")
# the Shanghai 决算 template: 功能分类科目编码, 本年支出 合计, no 行次
_FINAL_CODE_SH = ("项目/功能分类科目编码", "项目/科目名称")
_FINAL_INCOME = ("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
_FINAL_EXPENSE = ("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
_FINAL_FUND = ("年初结转和结余", "本年收入", "本年支出/合计", "本年支出/基本支出", "本年支出/项目支出", "年末结转和结余")
_FINAL_FUND_SUBTOTAL = ("年初结转和结余", "本年收入", "本年支出/小计", "本年支出/基本支出", "本年支出/项目支出",
                        "年末结转和结余")
_THREE_PUBLIC_FINAL = ("合计", "因公出国（境）费", "公务用车购置及运行维护费/小计", "公务用车购置及运行维护费/公务用车购置费",
                       "公务用车购置及运行维护费/公务用车运行维护费", "公务接待费")
# … as the national template (公开07表, Guangdong's 表7) names the vehicles
_THREE_PUBLIC_FINAL_NATIONAL = ("合计", "因公出国（境）费", "公务用车购置及运行费/小计", "公务用车购置及运行费/公务用车购置费",
                                "公务用车购置及运行费/公务用车运行费", "公务接待费")
_FIGURES = ("预算数", "决算数")


def _by_item(item: str, figure: str) -> str:
    return f"财政拨款“三公”经费/{item}/{figure}"


def _by_figure(item: str, figure: str) -> str:
    return f"{figure}/{item}"

FINAL_SPECS: tuple[TableSpec, ...] = (
    TableSpec(TableKind.FINAL_INCOME_EXPENSE_SUMMARY, "收入支出决算总表", (r"^收入支出决算总表$",),
              layouts=(("收入/项目", "收入/行次", "收入/决算数", "支出/项目（按功能分类）", "支出/行次",
                        "支出/决算数"),
                       ("收入/项目", "收入/决算数", "支出/项目", "支出/决算数")), never_empty=True),
    TableSpec(TableKind.FINAL_INCOME, "收入决算表", (r"^收入决算表$",), code_kind="function", income=True,
              layouts=(_FINAL_CODE + _FINAL_INCOME, _FINAL_CODE_SH + _FINAL_INCOME),
              column_rules=(TotalRule("本年收入合计", ("财政拨款收入", "上级补助收入", "事业收入", "经营收入",
                                                     "附属单位上缴收入", "其他收入")),), never_empty=True),
    TableSpec(TableKind.FINAL_EXPENSE, "支出决算表", (r"^支出决算表$",),
              layouts=(_FINAL_CODE + _FINAL_EXPENSE, _FINAL_CODE_SH + _FINAL_EXPENSE),
              column_rules=(TotalRule("本年支出合计", ("基本支出", "项目支出", "上缴上级支出", "经营支出",
                                                     "对附属单位补助支出")),), code_kind="function", all_spending=True, never_empty=True),
    TableSpec(TableKind.FINAL_FISCAL_SUMMARY, "财政拨款收入支出决算总表", (r"财政拨款收入支出决算总表$",),
              layouts=(("收入/项目", "收入/行次", "收入/金额", "支出/项目（按功能分类）", "支出/行次", "支出/合计",
                        "支出/一般公共预算财政拨款", "支出/政府性基金预算财政拨款",
                        "支出/国有资本经营预算财政拨款"),
                       ("收入/项目", "收入/决算数", "支出/项目", "支出/合计", "支出/一般公共预算财政拨款",
                        "支出/政府性基金预算财政拨款", "支出/国有资本经营预算财政拨款")),
              column_rules=(TotalRule("支出/合计", ("一般公共预算财政拨款", "政府性基金预算财政拨款",
                                                  "国有资本经营预算财政拨款")),), never_empty=True),
    TableSpec(TableKind.FINAL_GENERAL_PUBLIC_BASIC_EXPENSE, "一般公共预算财政拨款基本支出决算表",
              (r"一般公共预算财政拨款基本支出决算.*表$",), code_kind="economic",
              # three panels of (code, name, amount): 人员经费 | 公用经费 | 公用经费 continued
              layouts=(("人员经费/经济分类科目编码", "人员经费/科目名称", "人员经费/金额",
                        "公用经费/经济分类科目编码", "公用经费/科目名称", "公用经费/金额",
                        "公用经费/经济分类科目编码", "公用经费/科目名称", "公用经费/金额"),
                       # the central departments' 公开06表: 科目代码 / 决算数
                       ("人员经费/科目代码", "人员经费/科目名称", "人员经费/决算数",
                        "公用经费/科目代码", "公用经费/科目名称", "公用经费/决算数",
                        "公用经费/科目代码", "公用经费/科目名称", "公用经费/决算数"),
                       # two panels of (code, name, amount), classes running on from one to the other
                       ("经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数"),
                       ("人员经费/经济分类科目编码", "人员经费/科目名称", "人员经费/金额",
                        "公用经费/经济分类科目编码", "公用经费/科目名称", "公用经费/金额"))),
    TableSpec(TableKind.FINAL_GENERAL_PUBLIC_EXPENSE, "一般公共预算财政拨款支出决算表",
              (r"一般公共预算财政拨款支出决算.*表$",),
              layouts=(_FINAL_CODE + ("本年支出合计", "基本支出", "项目支出"),
                       ("项目/支出功能分类科目编码", "项目/名称", "本年支出合计", "基本支出", "项目支出"),
                       _FINAL_CODE_SH + ("合计", "基本支出", "项目支出"),
                       _FINAL_CODE_SH + ("本年支出合计", "基本支出", "项目支出"),
                       # the central departments' 公开05表: 本年支出 over 小计 基本支出 项目支出
                       _FINAL_CODE_SH + ("本年支出/小计", "本年支出/基本支出", "本年支出/项目支出")),
              column_rules=(TotalRule("本年支出合计", ("基本支出", "项目支出")),
                            TotalRule("合计", ("基本支出", "项目支出")),
                            TotalRule("本年支出/小计", ("本年支出/基本支出", "本年支出/项目支出"))), code_kind="function"),
    TableSpec(TableKind.FINAL_GOV_FUND, "政府性基金预算财政拨款收入支出决算表", (r"政府性基金预算财政拨款.*决算.*表$",),
              layouts=(_FINAL_CODE + _FINAL_FUND_SUBTOTAL, _FINAL_CODE_SH + _FINAL_FUND,
                       _FINAL_CODE_SH + _FINAL_FUND_SUBTOTAL),
              code_kind="function"),
    TableSpec(TableKind.FINAL_STATE_CAPITAL_EXPENSE, "国有资本经营预算财政拨款支出决算表",
              (r"国有资本经营预算财政拨款.*决算.*表$",),
              layouts=(_FINAL_CODE + ("合计", "基本支出", "项目支出"), _FINAL_CODE_SH + _FINAL_FUND,
                       _FINAL_CODE + _FINAL_FUND_SUBTOTAL),
              code_kind="function"),
    TableSpec(TableKind.FINAL_THREE_PUBLIC, "财政拨款“三公”经费支出决算表", (r"三公.*经费.*决算.*表$",),
              layouts=(("项目", "栏次", "年初预算数", "全年预算数", "决算数"),
                       tuple(_by_item(item, figure) for item in _THREE_PUBLIC_FINAL for figure in _FIGURES),
                       tuple(_by_item(item, figure) for item in _THREE_PUBLIC_FINAL_NATIONAL for figure in _FIGURES),
                       # the central departments' 公开09表: every item's 预算数, then every item's 决算数
                       tuple(_by_figure(item, figure) for figure in _FIGURES for item in _THREE_PUBLIC_FINAL),
                       tuple(_by_figure(item, figure) for figure in _FIGURES for item in _THREE_PUBLIC_FINAL_NATIONAL)),
              column_rules=tuple(TotalRule(path("合计", figure), (path("因公出国（境）费", figure),
                                                                path(f"{cars}/小计", figure),
                                                                path("公务接待费", figure)))
                                 for path in (_by_item, _by_figure) for figure in _FIGURES
                                 for cars in ("公务用车购置及运行维护费", "公务用车购置及运行费")) +
              tuple(TotalRule(path(f"{cars}/小计", figure),
                              (path(f"{cars}/公务用车购置费", figure), path(f"{cars}/{running}", figure)))
                    for path in (_by_item, _by_figure) for figure in _FIGURES
                    for cars, running in (("公务用车购置及运行维护费", "公务用车运行维护费"),
                                          ("公务用车购置及运行费", "公务用车运行费")))),
    TableSpec(TableKind.FINAL_STATE_ASSETS, "国有资产占用情况表", (r"国有资产占用情况表$",),
              layouts=(("项目", "栏次", "决算数"),)),
    TableSpec(TableKind.FINAL_PERFORMANCE_SELF_EVAL, "项目支出绩效自评表", (r"绩效自评表$",), form=True),
)

ALL_SPECS: tuple[TableSpec, ...] = FINAL_SPECS + BUDGET_SPECS
SPEC_BY_KIND: dict[str, TableSpec] = {s.kind: s for s in ALL_SPECS}     # by a table's kind, as read or set
# layouts of tables outside the standard set that templates print, and their identities:
# Shandong's 基本支出预算情况表, a row per pair of economic classes, its money by source
_OUTSIDE_LAYOUTS = (_TWO_ECONOMIC_CLASSES + _SHANDONG_SOURCES,)
_OUTSIDE_RULES = _shandong_rules(_SHANDONG_SOURCES)
# a table outside the standard set seats its figures by whichever identities its columns make whole
OTHER = TableSpec(TableKind.OTHER, "", (), column_rules=tuple(dict.fromkeys(
    rule for rules in [s.column_rules for s in ALL_SPECS] + [_OUTSIDE_RULES] for rule in rules)))
# every layout the catalogue knows, for a table outside the standard set that prints the
# header of one of them (Guangdong's 部门预算基本支出预算表 prints its 项目支出表's columns)
ANY_LAYOUT = TableSpec(TableKind.OTHER, "", (), layouts=tuple(dict.fromkeys(
    layout for layouts in [s.layouts for s in ALL_SPECS] + [_OUTSIDE_LAYOUTS] for layout in layouts)))


@functools.cache
def header_words() -> frozenset[str]:
    """Every word a layout the catalogue knows heads a column or a group with (built once, when
    first asked)."""
    return frozenset(part for layout in ANY_LAYOUT.layouts for written in layout for part in Column.parse(written).path)

@dataclass(frozen=True)
class Identity:
    """A figure two standard tables both print. A row is named by its code, by its label
    (合计, 本年收入合计 …; rows joined by `+` are summed) or "*" for a table's only row; a
    column by one of its leaf names (the first present is used), or "" for the amount printed
    after the label (two-panel tables). `relation`: "=" b equals a; "⊇" b holds a and may
    hold more (less is an error, more a warning); "≥" b is a part of a and
    may not exceed it; "any" b equals one of a's columns."""

    a_kind: str
    a_row: str
    a_cols: tuple[str, ...]
    b_kind: str
    b_row: str
    b_cols: tuple[str, ...]
    relation: str = "="


CROSS_TABLE_IDENTITIES: tuple[Identity, ...] = (
    Identity(TableKind.BUDGET_INCOME, "合计", ("合计",), TableKind.BUDGET_EXPENSE, "合计", ("合计",)),
    Identity(TableKind.BUDGET_INCOME_EXPENSE_SUMMARY, "收入总计", ("",), TableKind.BUDGET_INCOME, "合计", ("合计",)),
    Identity(TableKind.BUDGET_GENERAL_PUBLIC_BASIC_EXPENSE, "合计", ("合计",),
             TableKind.BUDGET_GENERAL_PUBLIC_EXPENSE, "合计", ("基本支出", "基本支出/小计")),
    # the 三公 table's figures hold the basic spending's, and in some templates project spending too
    Identity(TableKind.BUDGET_GENERAL_PUBLIC_BASIC_EXPENSE, "30217", ("合计",),
             TableKind.BUDGET_THREE_PUBLIC, "*", ("公务接待费",), "⊇"),
    Identity(TableKind.BUDGET_GENERAL_PUBLIC_BASIC_EXPENSE, "30231", ("合计",),
             TableKind.BUDGET_THREE_PUBLIC, "*", ("公务用车运行维护费", "公务用车运行费", "运行费"), "⊇"),
    Identity(TableKind.BUDGET_GENERAL_PUBLIC_EXPENSE, "合计", ("合计",),
             TableKind.BUDGET_FISCAL_SUMMARY, "支出总计", ("一般公共预算支出", "一般公共预算")),
    Identity(TableKind.FINAL_INCOME_EXPENSE_SUMMARY, "本年收入合计", ("",), TableKind.FINAL_INCOME, "合计", ("本年收入合计",)),
    Identity(TableKind.FINAL_GENERAL_PUBLIC_EXPENSE, "合计", ("本年支出合计",),
             TableKind.FINAL_FISCAL_SUMMARY, "总计", ("一般公共预算财政拨款",)),
    Identity(TableKind.FINAL_INCOME_EXPENSE_SUMMARY, "本年支出合计", ("",), TableKind.FINAL_EXPENSE, "合计", ("本年支出合计",)),
    Identity(TableKind.FINAL_INCOME_EXPENSE_SUMMARY, "一般公共预算财政拨款收入", ("",),
             TableKind.FINAL_FISCAL_SUMMARY, "一、一般公共预算财政拨款", ("",)),
    # 公开05 spends the 一般公共预算 part of 公开03's funds
    Identity(TableKind.FINAL_EXPENSE, "合计", ("基本支出",), TableKind.FINAL_GENERAL_PUBLIC_EXPENSE, "合计", ("基本支出",), "≥"),
    Identity(TableKind.FINAL_EXPENSE, "合计", ("项目支出",), TableKind.FINAL_GENERAL_PUBLIC_EXPENSE, "合计", ("项目支出",), "≥"),
    Identity(TableKind.FINAL_GENERAL_PUBLIC_EXPENSE, "合计", ("基本支出",),
             TableKind.FINAL_GENERAL_PUBLIC_BASIC_EXPENSE, "人员经费合计+公用经费合计", ("",)),
    # a 项目支出表 lists the 项目支出, or (Hubei) every item of the budget as a project
    Identity(TableKind.BUDGET_EXPENSE, "合计", ("项目支出", "合计"), TableKind.BUDGET_PROJECT_EXPENSE, "合计", ("总计", "合计"), "any"),
)

# The words by which a code column's header or a table's title names its classification,
# where one kind of table comes by either (一般公共预算支出明细表（按支出经济分类科目）)
CLASSIFICATION_WORDS = {"economic": ("经济分类", "经济科目"), "function": ("功能分类", "功能科目")}

# Basic spending by economic class: 人员经费 are classes 301 and 303, 公用经费 the others.
_STAFF_CLASSES, _RUNNING_CLASSES = ("301", "303"), ("302", "307", "309", "310", "312", "399")
ECONOMIC_CLASS_COLUMNS = {"人员经费": _STAFF_CLASSES, "人员支出": _STAFF_CLASSES,        # (Shandong's names)
                          "公用经费": _RUNNING_CLASSES, "日常公用支出": _RUNNING_CLASSES}

# The names the economic classification gives the subjects a "三公" table's columns name
# (30212, 31013, 30231): a figure a basic spending table prints for one is that column's too.
SUBJECT_ALIASES = {"因公出国（境）费": ("因公出国（境）费用",), "公务用车购置费": ("公务用车购置",),
                   "公务用车运行费": ("公务用车运行维护费",)}

# Function subjects whose spending is basic (the office's running, its staff's pensions, medical
# care and housing) or project spending by their nature: where a row prints one figure that
# fits either group equally well, the subject's nature seats it.
BASIC_FUNCTION_SUBJECTS = re.compile(r"^(行政运行|事业运行|机关服务|(行政|事业)单位离退休|未归口管理的行政单位离退休|"
                                     r"机关事业单位(基本养老保险|职业年金)缴费支出|(行政|事业)单位医疗|公务员医疗补助|"
                                     r"住房公积金|提租补贴|购房补贴)$")
PROJECT_FUNCTION_SUBJECTS = re.compile(r"^一般行政管理事务$")
UNIT_CODE_LENGTH = 6        # a budget unit's code: its department's three digits and its own three


def heads_classes(code: str, printed: Container[str]) -> bool:
    """Whether a row's code is a unit's (`125001`) printed without its department's row (no code
    of `printed` begins it): it heads the classes listed under it, up to the next unit."""
    return len(code) == UNIT_CODE_LENGTH and not any(code[:n] in printed for n in range(1, len(code)))


DISCLOSURE_WORD = "公开"       # a running head names the disclosure (`2026年度部门预算公开`)
INCOME_PANEL = "收入"         # a summary's income panel is named so (收入, 财政拨款收入)
# A panel's item that its own numbered list of items follows (一、本年支出 then 一、一般公共服务支出 …
# and 二、结转下年支出 after them: Jilin's 财政拨款收支总表)
ITEM_OVER_A_LIST = re.compile(r"^(本年|当年)(收入|支出)$")
# Words every line of a summary's income panel holds (its sources of funds and balances): a
# line of one label and figure that holds none is an expense panel's item (`行政单位医疗 61.17`).
INCOME_SIDE_WORDS = re.compile(r"收入|拨款|预算|资金|结转|结余|基金|收费|补助|上缴|弥补|计$")
# Words that name income or a balance carried, never an item of spending (补助 and 上缴 may be
# either): an unnumbered line of a summary that holds one, and no spending, is the income panel's.
INCOME_OR_BALANCE = re.compile(r"收入|结转|结余|余额")
GROUP_OF_NATURE = {"basic": "基本支出", "project": "项目支出"}
# A part seldom spent alone: a vehicle bought comes with its running costs, so a figure that
# fits under either part alone is the running costs'
SELDOM_ALONE = re.compile(r"公务用车购置(经)?费$")


@dataclass(frozen=True)
class ProseFigure:
    """A figure the explanatory text states by name (`subject` regex, then a few words, then
    the amount in 万元) and the table cell (an Identity's row and columns) that prints it."""

    subject: str
    kind: str
    row: str
    cols: tuple[str, ...]
    zero_means_none: bool = False    # `无机关运行经费`: a 事业单位's 公用经费 are not 机关运行经费
    part: bool = False               # the cell may hold more than the subject: less is a warning only
    every: bool = False              # the subject names one figure only (`公务接待费支出决算`): every
                                     # statement is checked, not one agreeing enough


# Subjects the text names figures by (regexes over the text with spaces removed).
THREE_PUBLIC = r"[“\"]三公[”\"]经费"
TRAVEL_ABROAD = r"因公出国[(（]境[)）](?:经)?费"
RECEPTION = r"公务接待费"
CAR_RUNNING = r"公务用车运行(?:维护)?费"
CAR_PURCHASE = r"公务用车购置费?(?!及)"
FINAL_FIGURE = r"(?:支出)?决算(?:数)?(?:为|是)?"      # `公务接待费支出决算为 1.53 万元`

# A subject may be printed by several tables: the first entry whose table and cell the
# document has is the one compared (a 机关运行经费 column where a table prints one, else the
# 公用经费 that the Jiangxi-style templates define it as).
PROSE_FIGURES: tuple[ProseFigure, ...] = (
    ProseFigure(r"机关运行(?:经)?费", TableKind.BUDGET_THREE_PUBLIC, "*", ("机关运行经费预算数",)),
    ProseFigure(r"机关运行(?:经)?费", TableKind.BUDGET_GENERAL_PUBLIC_BASIC_EXPENSE, "合计", ("公用经费",), True, True),
    ProseFigure(r"(?<!财政拨款)收入支出(?:决算)?总计", TableKind.FINAL_INCOME_EXPENSE_SUMMARY, "总计", ("",)),
    ProseFigure(r"财政拨款收入支出(?:决算)?总计", TableKind.FINAL_FISCAL_SUMMARY, "总计", ("",)),
    ProseFigure(THREE_PUBLIC + r"财政拨款支出(?:年初)?预算", TableKind.FINAL_THREE_PUBLIC, "*", ("合计/预算数",)),
    ProseFigure(THREE_PUBLIC, TableKind.BUDGET_THREE_PUBLIC, "*", ("合计", "“三公”经费合计")),
    ProseFigure(TRAVEL_ABROAD, TableKind.BUDGET_THREE_PUBLIC, "*",
                ("因公出国(境)费", "因公出国（境）费", "因公出国(境)费/小计")),
    ProseFigure(RECEPTION, TableKind.BUDGET_THREE_PUBLIC, "*", ("公务接待费",)),
    ProseFigure(r"公务用车购置及运行(?:维护)?费", TableKind.BUDGET_THREE_PUBLIC, "*",
                ("公务用车购置及运行维护费/小计", "公务用车购置及运行费/小计")),
    ProseFigure(CAR_RUNNING, TableKind.BUDGET_THREE_PUBLIC, "*", ("公务用车运行维护费", "公务用车运行费")),
    ProseFigure(CAR_PURCHASE, TableKind.BUDGET_THREE_PUBLIC, "*", ("公务用车购置费", "公务用车购置")),
    # a final account's 三公 items by their 决算 (the table prints 预算数 and 决算数 of each)
    ProseFigure(TRAVEL_ABROAD + FINAL_FIGURE, TableKind.FINAL_THREE_PUBLIC, "*",
                ("因公出国（境）费/决算数", "决算数/因公出国（境）费"), every=True),
    ProseFigure(RECEPTION + FINAL_FIGURE, TableKind.FINAL_THREE_PUBLIC, "*", ("公务接待费/决算数", "决算数/公务接待费"),
                every=True),
    ProseFigure(r"公务用车购置及运行(?:维护)?费" + FINAL_FIGURE, TableKind.FINAL_THREE_PUBLIC, "*",
                ("公务用车购置及运行维护费/小计/决算数", "公务用车购置及运行费/小计/决算数",
                 "决算数/公务用车购置及运行费/小计", "决算数/公务用车购置及运行维护费/小计"), every=True),
)

# Totals the text names as the base of a share (`占一般公共预算项目支出总额的100%`): the
# table cell that prints them, the first one the document has.
SHARE_BASES: tuple[ProseFigure, ...] = (
    ProseFigure(r"一般公共预算项目支出", TableKind.FINAL_GENERAL_PUBLIC_EXPENSE, "合计", ("项目支出",)),
    ProseFigure(r"一般公共预算项目支出", TableKind.BUDGET_GENERAL_PUBLIC_EXPENSE, "合计", ("项目支出",)),
    ProseFigure(r"政府性基金预算项目支出", TableKind.FINAL_GOV_FUND, "合计", ("本年支出/项目支出", "项目支出")),
    ProseFigure(r"本年支出合计", TableKind.FINAL_INCOME_EXPENSE_SUMMARY, "本年支出合计", ("",)),
)

# Totals the text states together with all of their parts: total = Σ parts.
PROSE_SUMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (THREE_PUBLIC, (TRAVEL_ABROAD, RECEPTION, CAR_RUNNING, CAR_PURCHASE)),
    # spending stated with its basic and project parts (本年支出合计…，其中：基本支出…，项目支出…)
    (r"(?:本年支出合计|支出(?:预算|决算)?总额|一般公共预算(?:财政拨款)?支出(?:预算|决算)?(?:总额)?)",
     (f"(?<!{HAN})基本支出", f"(?<!{HAN})项目支出")),
    (r"政府采购(?:预算)?总额", (r"政府采购货物(?:预算)?", r"政府采购工程(?:预算)?", r"政府采购服务(?:预算)?")),
)


# Where a report prints the 公开NN表 number, it names the final-accounts table directly.
FINAL_NUMBERED = {f"{i:02d}": k for i, k in enumerate(
    [TableKind.FINAL_INCOME_EXPENSE_SUMMARY, TableKind.FINAL_INCOME, TableKind.FINAL_EXPENSE, TableKind.FINAL_FISCAL_SUMMARY,
     TableKind.FINAL_GENERAL_PUBLIC_EXPENSE, TableKind.FINAL_GENERAL_PUBLIC_BASIC_EXPENSE, TableKind.FINAL_GOV_FUND,
     TableKind.FINAL_STATE_CAPITAL_EXPENSE, TableKind.FINAL_THREE_PUBLIC, TableKind.FINAL_STATE_ASSETS], start=1)}

# Performance forms: the facts printed above the indicator grid, and the indicator levels
# (一级 and 二级指标) whose merged cells are filled down.
FORM_FIELD_KEYS = ("项目名称", "主管部门及代码", "实施单位", "项目属性", "年度资金总额", "其中:财政拨款",
                   "其他资金", "上年结转", "年度绩效目标", "中央主管部门", "地方主管部门", "资金使用单位", "部门名称",
                   "填报人", "联系电话", "部门职能概述", "年度整体绩效总目标",
                   # other templates' keys (a longer key before the shorter one it begins with)
                   "主管部门", "实施期资金总额:", "实施期限", "年度总体目标", "当年整体绩效目标", "整体绩效目标", "其他说明",
                   "当年预算", "市级支出", "补助区县", "项目概况", "当年绩效目标")
# Header cells among a form's facts that end the value before them (`资金金额(万元)`, `执行率分值（10分）`,
# `总体目标` over a grid of goals)
FORM_FIELD_ENDS = ("项目资金", "资金金额", "(万元)", "（万元）", "执行率分值", "总体目标")
# Small grids printed inside a form (部门整体支出绩效目标申报表): a label, a header whose cells
# end in letter marks (`2023年预算金额（C）`, `预算增减变化（C-D）`), rows of amounts under
# group labels (收入构成, 支出构成). A mark with an operator is an identity of its row.
FORM_GRID_BLOCKS = ("人员基本情况", "部门总体资金情况")
GRID_MARK = re.compile(r"[（(]([A-Z](?:[+\-][A-Z])*)[）)]")
# Year-on-year changes the text states for spending, and the row of a form's 支出构成
# block (预算增减变化（C-D）) that carries the same change.
CHANGE_SUBJECTS = {"预算支出": "合计", "支出总计": "合计", "基本支出": "基本支出", "项目支出": "项目支出"}


def mark_terms(mark: str) -> list[tuple[int, str]]:
    """The signed letters of a column mark: `C-D` → [(1, "C"), (-1, "D")]."""
    terms, sign = [], 1
    for part in re.findall(r"[+\-]|[A-Z]", mark):
        if part in "+-":
            sign = 1 if part == "+" else -1
        else:
            terms.append((sign, part))
    return terms


GRID_LEVEL_HEADS = ("一级指标", "二级指标", "三级指标")     # the indicator grid's level columns
# The standard order of an indicator grid's columns: a header cell takes the place of the
# first of these it holds (`年度指标值` that of 指标值, `分值权重（90分）` that of 分值).
GRID_COLUMN_ORDER = ("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "目标值", "实际完成值", "度量单位",
                     "计量单位", "分值", "得分", "偏差原因", "未完成原因", "备注")
# The whole names of an indicator grid's columns, beside the standard words: a header cell
# wrapped over lines a piece a line joins into one (`偏差原因分` / `析及改进措` / `施`)
GRID_COLUMN_NAMES = GRID_COLUMN_ORDER + ("年度指标值", "偏差原因分析及改进措施", "指标内容", "指标值内容", "指标值类型",
                                         "指标解释", "评（扣）分标准")
# (Fujian's 部门整体 form prints 一般性支出情况 as both its 一级 and its 二级)
INDICATOR_L1 = ("成本指标", "产出指标", "效益指标", "满意度指标", "一般性支出情况")
INDICATOR_L2 = ("经济成本指标", "社会成本指标", "生态环境成本指标", "数量指标", "质量指标", "时效指标",
                "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标",
                # the 部门整体 form's 二级指标, and 成本 levels printed without 指标
                "公共服务", "公共管理", "公共产品", "经济效益", "社会效益", "生态效益", "可持续影响",
                "经济成本", "社会成本", "生态环境成本",
                "社会公众或服务对象满意度", "一般性支出情况")
INDICATOR_LEVELS = INDICATOR_L1 + INDICATOR_L2 + ("服务对象满意度", "社会公众或服务对象满意度指标")
# A 一级指标 other templates print as a 二级 under another 一级 (产出指标's 数量/质量/时效/成本指标)
FIRST_LEVEL_UNDER = {"成本指标": "产出指标"}
# The 一级指标 each standard 二级指标 belongs to: a 一级 label printed halfway down its merged
# cell (vertically centred) is known from the first row of its block on.
INDICATOR_PARENT = {**dict.fromkeys(("数量指标", "质量指标", "时效指标"), "产出指标"),
                    **dict.fromkeys(("经济成本指标", "社会成本指标", "生态环境成本指标", "经济成本", "社会成本",
                                     "生态环境成本"), "成本指标"),
                    **dict.fromkeys(("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "经济效益",
                                     "社会效益", "生态效益", "可持续影响"), "效益指标"),
                    **dict.fromkeys(("服务对象满意度指标", "服务对象满意度"), "满意度指标"),
                    "一般性支出情况": "一般性支出情况"}

TOTAL_LABELS = re.compile(r"^(合\s*计|总\s*计|本年收入合计|本年支出合计|收入总计|支出总计|"
                          r"人员经费合计|公用经费合计|.{0,6}合计)$")

def is_code_column(path: str) -> bool:
    """A column (written path) that holds the row's code (科目编码, 项目代码): its own name says so."""
    return Column.parse(path).role == ColumnRole.CODE


def column_index(columns: Sequence[Column], name: str) -> int | None:
    """The column a rule or identity names: by its whole path or a path ending (its leaf)."""
    named = tuple(name.split(PATH_SEPARATOR))
    n = len(named)
    found = [j for j, c in enumerate(columns) if c.path[-n:] == named or (c.template and c.template[-n:] == named)]
    if found:
        # the name under several periods' groups (`2025年预算数/合计`, `2026年预算数/合计`): the latest's
        return max(found, key=lambda j: period_of(columns[j].path))
    # a column printed with a figure word under it (`本年支出合计/决算数`) is named without it
    for j, c in enumerate(columns):
        for path in (c.path, c.template):
            if len(path) > 1 and path[-1] in FIGURE_LEAVES and path[:-1][-n:] == named:
                return j
    return None


PERIOD = re.compile(r"(20\d\d)年")      # `2026年预算数`: a period's name


def period_of(path: tuple[str, ...]) -> int:
    """How late the period a column's groups (or its leaf, a panel's 决算数) name: the year
    printed (2026年预算数), 上年 before 本年 or 当年, a budget (年初, 全年 预算数) before its
    outturn (决算数); 0 where none names one (a change, 增减, is no period)."""
    named = path[:-1] + (path[-1:] if PERIOD_GROUP.match(path[-1]) else ())
    for part in named:
        if year := PERIOD.match(part):
            return int(year.group(1))
        if part.startswith(("上年", "年初")):
            return 1
        if part.startswith(("本年", "当年", "全年", "调整")):
            return 2
        if part.endswith(("决算数", "执行数")):
            return 3
    return 0


# what a 决算 header prints under every amount column (`决算数 决算数 …`)
FIGURE_LEAVES = ("决算数", "预算数", "执行数", "金额")
FIGURE_WORDS = (*FIGURE_LEAVES, "预算", "决算")       # … and the words a panel's figure is named by


def with_year(layout: tuple[str, ...], year: str) -> list[str]:
    """A layout's columns as a document of `year` prints them (`{year}年预算数` → `2024年预算数`,
    `{last_year}年预算数` → `2023年预算数`; `预算数` where the document's year is unknown)."""
    return [_dated(c, year) for c in layout]


def _dated(name: str, year: str) -> str:
    if not year.isdigit():
        return _UNDATED.sub("", name)
    return name.replace("{year}", year).replace("{last_year}", str(int(year) - 1))


_UNDATED = re.compile(r"\{(last_)?year\}年?")


# a period a header prints over a set of columns it prints again for another (`2025年预算数`,
# `上年执行数`, `本年预算`, `决算数`) or the change from one to the next (`增减变化情况`: as
# linear as the figures, the same sums hold): a template printed once per period, side by side
PERIOD_GROUP = re.compile(r"^(((20\d\d)年(度)?|上年|本年|当年)(部门)?(预算|决算|执行)数?"
                          r"|(年初|全年|调整后?)?(预算|决算|执行)数|(比上年)?增减(额|数|变化(情况)?)?)$")


def periods_printed(header_text: str) -> list[str]:
    """The periods a header prints over its columns: two or more on a line of their own, or
    printed one after the other where another of its cells is printed once for each of them
    (one cell a line: `2025年预算数` `2026年预算数` … `合计` … `合计`), or printed so in each panel.
    Beside other cells with nothing repeated, `项目 2025年预算数 2026年预算数 增减额` on one line,
    they are columns, not groups."""
    for line in header_text.split("\n"):
        cells = line.split()
        if len(cells) >= 2 and all(PERIOD_GROUP.match(cell) for cell in cells) and len(set(cells)) == len(cells):
            return cells
    cells = header_text.split()
    runs = [list(itertools.takewhile(lambda c: PERIOD_GROUP.match(c) is not None, cells[start:]))
            for start in range(len(cells)) if start == 0 or not PERIOD_GROUP.match(cells[start - 1])]
    for run in runs:
        if len(run) >= 2 and len(set(run)) == len(run) and (runs.count(run) > 1 or any(
                cells.count(other) == len(run) for other in cells if not PERIOD_GROUP.match(other))):
            return run      # (printed again for each panel, or over a cell printed once a period)
    return []


def by_periods(layout: Sequence[str], periods: Sequence[str]) -> tuple[str, ...] | None:
    """A layout printed once for each of `periods`: in each panel (or the one), its columns of
    words first, then its columns of figures under each period — the period stands for the
    figure the layout names (a group, `2026年预算数/合计`, `“三公”经费预算数/…`, or a panel's
    leaf, `收入/预算数`); None for a layout of no figures or printed per period already."""
    columns = [Column.parse(c) for c in layout]
    if not any(c.role in FIGURE_ROLES for c in columns) or len(period_groups(columns)) > 1:
        return None
    out: list[str] = []
    for start, end in _panels(columns):
        # (its words and its row numbers, 行次, are printed once)
        once = start + sum(1 for _ in itertools.takewhile(lambda c: c.role not in FIGURE_ROLES, columns[start:end]))
        out += layout[start:once]
        out += [PATH_SEPARATOR.join(_in_period(c.path, period)) for period in periods for c in columns[once:end]]
    return tuple(out)


FIGURE_ROLES = (ColumnRole.AMOUNT, ColumnRole.RATE)


def _panels(columns: Sequence[Column]) -> list[tuple[int, int]]:
    """Where each panel's columns begin and end: a run of columns of words opens one."""
    starts = [j for j, c in enumerate(columns) if c.holds_words and (j == 0 or not columns[j - 1].holds_words)]
    starts = starts if starts and starts[0] == 0 else [0, *starts]
    return list(zip(starts, [*starts[1:], len(columns)]))


def _in_period(path: tuple[str, ...], period: str) -> tuple[str, ...]:
    """A figure column's path under `period`, which stands for the figure the path names."""
    if len(path) > 1 and (PERIOD_GROUP.match(path[0]) or path[0].endswith(FIGURE_LEAVES)):
        return (period, *path[1:])
    if len(path) > 1 and path[-1].endswith(FIGURE_WORDS):
        return (*path[:-1], period)
    return (period, *path)


def period_groups(columns: Sequence[Column]) -> list[list[int]]:
    """The columns under each period a table prints its figures for, where two or more periods
    each head two or more columns."""
    groups: dict[str, list[int]] = {}
    for j, c in enumerate(columns):
        if len(c.path) > 1 and PERIOD_GROUP.match(c.path[0]):
            groups.setdefault(c.path[0], []).append(j)
    found = [g for g in groups.values() if len(g) >= 2]
    return found if len(found) >= 2 else []


ColumnRules = list[tuple[int, list[int]]]     # (total column, its part columns) of a table


def resolve_rules(columns: Sequence[Column], rules: tuple[TotalRule, ...]) -> ColumnRules:
    """(total column, part columns) of each rule whose columns all exist in `columns`; a rule
    naming `{year}` and `{last_year}` names the latest year the columns print and the one before.
    (Resolved once per columns and rules: readers and rules ask again and again.)"""
    return [(total, list(parts)) for total, parts in _rules_resolved(tuple(columns), rules)]


@functools.lru_cache(maxsize=4096)
def _rules_resolved(columns: tuple[Column, ...], rules: tuple[TotalRule, ...]) -> tuple[tuple[int, tuple[int, ...]], ...]:
    dated = any("{" in name for rule in rules for name in (rule.total, *rule.parts))
    year = max((m.group(1) for c in columns for part in c.path if (m := PERIOD.search(part))), default="") \
        if dated else ""
    out = _resolved(columns, rules, year)
    # a template printed once per period: its rules hold under each period (a rule naming a
    # column alone finds the latest period's above)
    for group in period_groups(columns):
        shown = [j for j, c in enumerate(columns) if c.holds_words] + group
        out += [resolved for total, parts in _resolved([columns[j] for j in shown], rules, year)
                if (resolved := (shown[total], [shown[p] for p in parts])) not in out]
    return tuple((total, tuple(parts)) for total, parts in out)


def _resolved(columns: Sequence[Column], rules: tuple[TotalRule, ...], year: str) -> ColumnRules:
    out = []
    for rule in rules:
        total, parts = column_index(columns, _dated(rule.total, year)), [column_index(columns, _dated(p, year))
                                                                           for p in rule.parts]
        found = [p for p in parts if p is not None]
        if total is not None and len(found) == len(parts):
            out.append((total, found))
    return out


_STRIP = re.compile(r"[\s\"“”'‘’《》]")


def title_key(text: str) -> str:
    """Title text as compared against the patterns: no spaces, quotes or book-title marks."""
    return _STRIP.sub("", text)


_QUALIFIER = re.compile(r"[（(][^（）()]{1,20}[)）]")
_LAST_QUALIFIER = re.compile(_QUALIFIER.pattern + "$")


def spec_for_title(title: str, report_type: str = "") -> TableSpec | None:
    """The spec whose title pattern matches; final-accounts specs first in a 决算 report. A
    qualifier in brackets (`（按功能分类科目）`, a project's `（政府采购部分）`) does not change
    the table the title names: the title without its qualifiers is matched first, then with
    those inside it (a name printed only in brackets)."""
    key = title_key(title)
    for t in dict.fromkeys((_QUALIFIER.sub("", key), _LAST_QUALIFIER.sub("", key))):
        if (spec := _best_title_match(t, report_type)) is not None:
            return spec
    return None


def _best_title_match(t: str, report_type: str) -> TableSpec | None:
    order = ALL_SPECS if report_type != "预算" else BUDGET_SPECS + FINAL_SPECS
    best, best_len = None, 0
    for spec in order:
        for p in spec.title_patterns:
            m = re.search(p, t)
            if m and len(m.group(0)) > best_len:     # the most specific title wins
                best, best_len = spec, len(m.group(0))
    return best


def specs_for_header(header_text: str, report_type: str) -> list[TableSpec]:
    """Specs whose header vocabulary fits a header whose title was lost, in standard order."""
    t = title_key(header_text)
    pool = FINAL_SPECS if report_type == "决算" else BUDGET_SPECS
    return [s for s in pool if s.header_words and all(w in t for w in s.header_words)
            and not any(w in t for w in s.exclude_words)]


def standard_order(report_type: str) -> list[TableKind]:
    pool = FINAL_SPECS if report_type == "决算" else BUDGET_SPECS
    order = [s.kind for s in pool]
    if report_type == "决算":
        order = list(FINAL_NUMBERED.values()) + [TableKind.FINAL_PERFORMANCE_SELF_EVAL]
    return order
