"""A table's columns, typed: the header path printed over each column, as a tuple of its
header cells from the top row down, and the role its leaf gives it. The role is decided once,
here, when the column is made; readers, rules, exports and the screen ask it, never the words."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import lru_cache

CODE_PARTS = ("类", "款", "项")
SEQUENCE_LEAVES = ("行次", "栏次")
ORDINAL_LEAVES = ("序号",)
PATH_SEPARATOR = "/"        # how a path is written in the catalogue's data and in JSON

CODE_LEAF = re.compile(r"(编码|代码)$")
NAME_LEAF = re.compile(r"名称$|^项目([(（].*)?$|科目([(（].*)?$")
# other columns of words: 项目单位, 品目, 资金来源, 备注, 绩效目标, 项目类型, 项目分类, 采购方式, 主管部门 …
WORDS_LEAF = re.compile(r"单位$|品目$|来源$|性质$|类别|类型$|分类$|属性$|方式$|部门$|目标$|^备注|说明$|简介$|概述$|内容$"
                        r"|用途$|^年度$")
RATE_LEAF = re.compile(r"率|[%％‰]|百分比|占比|比重")
NUMBERED_LEAF = re.compile(r"^列\d+$")


class ColumnRole(StrEnum):
    CODE = "code"               # the row's classification code (科目编码, 项目代码)
    CODE_PART = "code_part"     # 类, 款 or 项 of a code printed in parts
    NAME = "name"               # the row's label (科目名称, 项目)
    TEXT = "text"               # other words (单位, 备注, 绩效目标)
    SEQUENCE = "sequence"       # the row's printed number (行次, 栏次)
    ORDINAL = "ordinal"         # the row's place in a list (序号): a number no sum reads
    AMOUNT = "amount"           # figures
    RATE = "rate"               # a ratio of other figures (增减率, 执行率, 占比 %): no sum adds it


WORD_ROLES = frozenset({ColumnRole.CODE, ColumnRole.CODE_PART, ColumnRole.NAME, ColumnRole.TEXT})


def role_of_leaf(leaf: str) -> ColumnRole:
    """What a column holds, by the words printed at the foot of its header."""
    if CODE_LEAF.search(leaf):
        return ColumnRole.CODE
    if leaf in CODE_PARTS:
        return ColumnRole.CODE_PART
    if NAME_LEAF.search(leaf):
        return ColumnRole.NAME
    if WORDS_LEAF.search(leaf):
        return ColumnRole.TEXT
    if leaf in SEQUENCE_LEAVES:
        return ColumnRole.SEQUENCE
    if leaf in ORDINAL_LEAVES:
        return ColumnRole.ORDINAL
    if RATE_LEAF.search(leaf):
        return ColumnRole.RATE
    return ColumnRole.AMOUNT


@dataclass(frozen=True)
class Column:
    """One column: its header path (`("支出", "基本支出", "人员经费")`) and its role; and,
    where the header prints a template's words otherwise (`公务用车运行费` for
    `公务用车运行维护费`), the template's path it stands for, by which rules name it."""
    path: tuple[str, ...]
    role: ColumnRole
    template: tuple[str, ...] = ()
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # hashed once: columns key the caches that rules consult for every row
        object.__setattr__(self, "_hash", hash((self.path, self.role, self.template)))

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, Column) and self._hash == other._hash and self.path == other.path
                                 and self.role == other.role and self.template == other.template)

    @staticmethod
    def of(path: Sequence[str]) -> Column:
        """The column headed by these cells, top row first; empty cells are no level, and a
        column with no header at all has one empty level."""
        return _made(tuple(p for p in path if p) or ("",))

    @staticmethod
    def parse(written: str) -> Column:
        """A column from its written path (`收入/项目`): the catalogue's notation and JSON's."""
        return _parsed(written)

    @property
    def leaf(self) -> str:
        return self.path[-1]

    @property
    def text(self) -> str:
        """The path as written in JSON, CSV and the catalogue (`支出/基本支出/人员经费`)."""
        return PATH_SEPARATOR.join(self.path)

    @property
    def holds_words(self) -> bool:
        """Codes and labels (项目, 科目名称, 项目单位), not amounts (项目支出) nor row numbers."""
        return self.role in WORD_ROLES

    @property
    def opens_code(self) -> bool:
        """Where a row's code begins: the code column, or the 类 column of a code printed in parts."""
        return self.role == ColumnRole.CODE or (self.role == ColumnRole.CODE_PART and self.leaf == "类")

    @property
    def split_code_part(self) -> bool:
        """A 类, 款 or 项 column under a code's header (…科目编码/类): a code printed in parts."""
        return self.role == ColumnRole.CODE_PART and any("编码" in p or "代码" in p for p in self.path)

    @property
    def numbered(self) -> bool:
        """Named only by its place (列1): what it holds is unknown, so no rule compares it."""
        return bool(NUMBERED_LEAF.match(self.leaf))

    def printed_as(self, path: Sequence[str]) -> Column:
        """This column under the header's own words, still named by its template's path and
        holding what the template's column holds (its role)."""
        return replace(Column.of(path), role=self.role, template=self.template or self.path)


@lru_cache(maxsize=4096)
def _made(cells: tuple[str, ...]) -> Column:
    # one object per path: tables of one template share their columns, and comparing them
    # (as the rules' caches do for every row) stops at identity
    return Column(cells, role_of_leaf(cells[-1]))


@lru_cache(maxsize=4096)
def _parsed(written: str) -> Column:
    return Column.of(written.split(PATH_SEPARATOR))


def parse_columns(written: Iterable[str]) -> list[Column]:
    """Columns from their written paths (a catalogue layout, a review file, JSON)."""
    return [Column.parse(w) for w in written]


def path_words(written: Iterable[str]) -> set[str]:
    """Every header word of these columns' written paths (a layout's vocabulary)."""
    return {w for c in written for w in Column.parse(c).path}
