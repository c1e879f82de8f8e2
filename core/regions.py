"""Find where the tables of a document are: their title (printed or lost), kind and line span."""
from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from . import catalog
from .catalog import TableSpec
from .forms import OPERATORS, TARGET_SIGNS
from .panels import LIST_NUMBER
from .reader import SourceText
from .text import HAN
from .tokens import CODE, is_amount, squash

PART = re.compile(r"^第[一二三四五六七八九十]+部分")
SECTION = re.compile(r"^[一二三四五六七八九十]+、")
TOC_TITLE = re.compile(r"^目\s*录$")
FINAL_NUMBER = re.compile(r"^公开\s*(\d{1,2})\s*表$")
# (the last alternative, a department's coded name before a bare unit, `511-退役军人事务局  万元`,
# names neither 单位 nor 部门: where a region may start, lines without either are turned away)
UNIT_LINE = re.compile(r"(填报单位|编制单位|编制部门|部门/单位|部门[(（]单位[)）]|预算单位|^单位名称)\s*[:：]|"
                       r"^(金额)?单位\s*[:：]\s*(万元|元)|\s(金额)?单位\s*[:：]\s*(万元|元)$|"
                       r"^部门(名称)?\s*[:：].{0,40}单位\s*[:：]\s*(万元|元)$|^部门(名称)?\s*[:：]\s*\S+$|"
                       rf"^\d{{3,}}-(?:{HAN})+\s+(万元|元)$")
UNIT = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|元|台、辆、套)")
TITLE_END = re.compile(r"表\s*(\(.{1,20}\)|（.{1,20}）)?$")
PAGE_NUMBER = re.compile(r"^-?\s*\d{1,3}\s*-?$|^第\s*\d+\s*页")


def is_prose(line: str) -> bool:
    return ("。" in line or "；" in line) and len(line) > 25 and "\t" not in line


@dataclass
class Region:
    first: int                 # 1-based, inclusive
    last: int
    title: str
    title_printed: bool
    spec: TableSpec
    title_line: int | None     # the line the title ends on
    unit: str = ""
    title_start: int | None = None      # the line a title wrapped over lines starts on
    # the lines in the order they are read, where the text printed a page's body before its
    # title and header (`_bodies_printed_before_titles`); empty: first to last
    read_order: tuple[int, ...] = ()

    def title_lines(self) -> tuple[int, ...]:
        if self.title_line is None:
            return ()
        return tuple(range(self.title_start or self.title_line, self.title_line + 1))

    def lines_as_read(self) -> Sequence[int]:
        return self.read_order or range(self.first, self.last + 1)


def toc_span(src: SourceText) -> tuple[int, int] | None:
    """Lines of the table of contents (目录), or None: it runs from its heading through the
    entries, and ends where the body repeats the first entry, or titles a table an entry
    names (`某局2026年部门收支总表` for `一、部门收支总表`), or prose starts — before a table's
    title at the latest (no unit line or figures are the contents')."""
    norm = src.norm
    i = next((k for k, line in enumerate(norm[:200]) if TOC_TITLE.match(line.strip()) or _split_toc_title(norm, k)),
             None)
    if i is None:
        return None
    first_entry = None
    leaders = False
    last = i
    tables_named: set[str] = set()       # the entries' texts that name tables (a title ends in one)
    for j in range(i + 1, min(len(norm), i + 200)):
        line = norm[j].strip()
        if not line:
            continue
        entry = line.lstrip("- ").strip()
        if first_entry is None:
            first_entry, leaders = entry, "…" in entry or "..." in entry
            tables_named.add(_entry_named(entry))
            last = j
            continue
        if entry == first_entry or is_prose(line) or (leaders and "…" not in entry and "..." not in entry
                                                     and not PAGE_NUMBER.match(entry) and not _leaders_next(norm, j)):
            break
        if _titles_a_named_table(norm, j, tables_named):
            break
        if UNIT_LINE.search(line) or _prints_a_figure(line):
            # a table's unit line or its rows: the contents ended before the table's title
            title = next((k for k in range(j - 1, max(i, j - 4), -1) if reads_as_title(norm[k].strip())), j)
            last = min(last, title - 1)
            break
        tables_named.add(_entry_named(entry))
        last = j
    return (i + 1, last + 1)


ENTRY_PAGE = re.compile(r"[….·\s]*\d*$")


def _entry_named(entry: str) -> str:
    """What a table of contents' entry names: its text less its list or table number and its
    page."""
    return ENTRY_PAGE.sub("", TITLE_NUMBER.sub("", LIST_NUMBER.sub("", entry)))


def _titles_a_named_table(norm: tuple[str, ...], j: int, named: set[str]) -> bool:
    """Whether the (0-based) line j is the body's title of a table the contents name: no
    entry's number, ending in what an entry names, a unit line or figures within a few lines."""
    line = norm[j].strip()
    return reads_as_title(line) and not LIST_NUMBER.match(line) and not TITLE_NUMBER.match(line) and \
        any(len(name) >= 4 and line.endswith(name) for name in named) and \
        any(UNIT_LINE.search(below) or _prints_a_figure(below) for below in norm[j + 1:j + 6])


def _next_text(norm: tuple[str, ...], k: int) -> str:
    """The next line holding text after the (0-based) line k, within two lines."""
    return next((line.strip() for line in norm[k + 1:k + 3] if line.strip()), "")


def _split_toc_title(norm: tuple[str, ...], k: int) -> bool:
    """`目` and `录` on lines of their own (plain pdftotext spreads the heading)."""
    return norm[k].strip() == "目" and _next_text(norm, k) == "录"


def _leaders_next(norm: tuple[str, ...], j: int) -> bool:
    """An entry whose dot leaders (and page) reading order printed on the next line."""
    return _next_text(norm, j).startswith(("…", "..."))


def reads_as_title(line: str) -> bool:
    """A short line ending in 表 (or 表（…）) that is no heading, entry or sentence."""
    t = line.strip()
    if "表" not in t or len(t) > 60 or "。" in t or "\t" in t or t.startswith("-") or "《" in t:
        return False        # (most lines print no 表 at all: turned away first)
    return bool(TITLE_END.search(t)) and not (PART.match(t) or FINAL_NUMBER.match(t) or SECTION.match(t) or
                                              REFERENCE.match(t))


REFERENCE = re.compile(r"^(详见|参见|另见|请见|见)")     # a sentence pointing to a table (`详见单位的项目绩效目标表`)


def title_spec(line: str, report_type: str) -> TableSpec | None:
    """The spec of a line that reads as the title of a standard table, else None."""
    if not reads_as_title(line):
        return None
    return catalog.spec_for_title(TITLE_NUMBER.sub("", line.strip()).strip(), report_type)


LONE_FIGURE = re.compile(r"-?[\d,]*\d\.\d+%?")      # a figure with decimals alone on its line
FRAGMENT_LINES_AHEAD = 12
LABELLED_FIGURES = re.compile(r"^\S+(\s+-?[\d,]+(\.\d+)?%?){2,}$")      # `决策 20 17.90 89.50%`


def _table_follows(norm: tuple[str, ...], k: int) -> bool:
    """Whether the lines after line k start a table: a unit line, a row of cells, or two
    lines of a label and its figures under a header line; or, one fragment a line, three
    figures with decimals (17.90, 89.50%) alone on their lines among the next dozen."""
    seen = rows = 0
    for j in range(k, min(len(norm), k + 8)):
        line = norm[j].strip()
        if not line:
            continue
        if UNIT_LINE.search(line) or "\t" in line:
            return True
        rows += bool(LABELLED_FIGURES.match(line))
        seen += 1
        if rows >= 2:
            return True
        if seen >= 3:
            break
    ahead = [line.strip() for line in norm[k:k + FRAGMENT_LINES_AHEAD] if line.strip()]
    return sum(bool(LONE_FIGURE.fullmatch(line)) for line in ahead) >= 3


def _numbered_entry(line: str) -> bool:
    """`表9 部门综合预算政府性基金收支表 是 不涉及`: a table's number, then its title."""
    m = TITLE_NUMBER.match(line)
    return m is not None and "表" in line[m.end():] and len(line) < 90 and not is_prose(line)


def _listings(norm: tuple[str, ...], titles: list[int]) -> set[int]:
    """Lines of lists of tables outside the 目录 (a 报表目录 before the tables, an index):
    three or more numbered titles in a row name tables, they do not start them; so do three
    or more different titles a few lines apart with no figure, unit line or sentence's end between them
    (such a list printed a cell a line: `表9` / title / `是` / `不涉及`; headings of the text's own
    have sentences between them). `titles`: the lines that read as titles."""
    printed = [(k, _numbered_entry(line.strip())) for k, line in enumerate(norm, start=1) if line.strip()]
    listed: set[int] = set()
    for entry, run in itertools.groupby(printed, key=lambda kv: kv[1]):
        lines = [k for k, _ in run]
        if entry and len(lines) >= 3:
            listed.update(lines)

    def bare(first: int, last: int) -> bool:
        return not any(FIGURE.search(norm[j - 1]) or UNIT_LINE.search(norm[j - 1]) or norm[j - 1].rstrip().endswith("。")
                       for j in range(first, last + 1))
    close: list[int] = []
    for a, b in zip(titles, titles[1:] + [0]):
        if 0 < b - a <= LISTED_TITLES_APART and bare(a + 1, b - 1):
            close.append(a)
            continue
        # `a` ends the run of titles close together: the list's last, unless a table follows it
        close += [a] if close and bare(a + 1, min(len(norm), a + LISTED_TITLES_APART)) else []
        if len({squash(norm[k - 1]) for k in close}) >= 3:     # (a title printed twice names one table)
            listed.update(close)
        close = []
    return listed


HEADING_NUMBER = re.compile(r"^([（(]([一二三四五六七八九十]+|\d{1,2})[)）]|\d{1,2}[.．、]\s*\D)")


def _heading_over_a_title(norm: tuple[str, ...], k: int, titled_lines: set[int]) -> bool:
    """A numbered heading of the text that names a kind of table (`（7）项目绩效目标表`, `2.其他一级
    项目绩效目标表`) just above a table's own title, page numbers aside: it starts no table."""
    if not HEADING_NUMBER.match(norm[k - 1].strip()):
        return False
    j = k + 1
    while j <= min(len(norm), k + LISTED_TITLES_APART) and (not norm[j - 1].strip() or PAGE_NUMBER.match(norm[j - 1])):
        j += 1
    return j in titled_lines


WRAPPED_TITLE_TAIL = 6      # characters a title's wrapped end may print alone (`表`, `效目标表`)
UNOPENED_BRACKET = re.compile(r"^[^（(]*[)）]")     # a bracket closed before any opens: a wrapped title's end
QUALIFIED_END = re.compile(r"\s*[（(][^（）()]*[)）]$")     # a title's closing qualifier (`（不含上年结转）`)


def _title_wrapped_above(norm: tuple[str, ...], k: int, tail: str, report_type: str
                         ) -> tuple[str, TableSpec | None, int | None]:
    """A title's end alone on its line (`收入支出决算总` … `表`, a page heading printed between
    them; `…项目绩` / `效目标表`; `…（中央和省级补助资金` / `）项目绩效目标表`): joined with a
    short line of the three above, the standard title it completes."""
    for j in range(k - 1, max(0, k - 4), -1):
        head = norm[j - 1].strip()
        head = head[numbered.end():] if (numbered := SECTION.match(head)) else head   # (`十一、…支出预` / `算表`)
        if head and len(head) < 40 and not is_prose(head):
            spec = title_spec(head + tail, report_type)
            if spec is not None:
                return head + tail, spec, j
    return tail, None, None


def _closes_a_title(norm: tuple[str, ...], k: int) -> bool:
    """Whether line k closes the bracket of a title wrapped inside it (`…支出明细表（按支出功能分类科`
    / `目-不含上年结转）`): the end of a title that no line reads as alone."""
    line = norm[k - 1]
    if ")" not in line and "）" not in line:
        return False        # (most lines close no bracket: turned away first)
    line = line.strip()
    return k > 1 and len(line) <= WRAPPED_TITLE_TAIL * 3 and bool(UNOPENED_BRACKET.match(line)) and \
        reads_as_title(norm[k - 2].strip() + line)


def find_regions(src: SourceText, report_type: str, toc: tuple[int, int] | None) -> list[Region]:
    norm = src.norm
    n = len(norm)
    titled_lines = {k for k, line in enumerate(norm, start=1) if reads_as_title(line) or _closes_a_title(norm, k)}
    listed = _listings(norm, sorted(titled_lines))
    is_row = row_of_amounts(src)

    def in_toc(k: int) -> bool:
        return (toc is not None and toc[0] <= k <= toc[1]) or k in listed
    starts: list[tuple[int, str, TableSpec | None, bool, int | None]] = []   # (line, title, spec, printed, head)
    last_start = -100
    titles_units: set[int] = set()      # unit lines printed under a numbered title, past the cells after it
    for k in range(1, n + 1):
        if in_toc(k):
            continue
        line = norm[k - 1].strip()
        titled = k in titled_lines and not _heading_over_a_title(norm, k, titled_lines)
        spec = title_spec(line, report_type) if titled else None
        if not titled and (heading := SECTION.match(line)) and "表" in line and reads_as_title(line[heading.end():]):
            # a table's title numbered as a heading (`一、收支预算总表`, `五、财政拨款支出预算表`), its
            # agency and unit on the next line: the table's title (a standard one's, or one outside the set);
            # a standard one's also where its unit line stands further down, past the first cells
            numbered_spec = title_spec(line[heading.end():], report_type)
            unit_next = _unit_line_after(norm, k, UNIT_LINE_PIECES) is not None
            unit_at = _unit_line_after(norm, k, UNIT_LINE_REACH, past_figures=True) \
                if not unit_next and numbered_spec is not None else None
            if unit_next or unit_at is not None:
                line, titled, spec = line[heading.end():], True, numbered_spec
            if unit_at is not None:
                titles_units.add(unit_at)       # (its unit line opens no table of its own)
        head: int | None = None
        if titled and (((spec is None or spec.form) and len(QUALIFIED_END.sub("", line)) <= WRAPPED_TITLE_TAIL) or
                       UNOPENED_BRACKET.match(line)):
            # (a form's title names its project: a short one is the end of a wrapped name, `目绩效目标表`)
            joined, wrapped, head = _title_wrapped_above(norm, k, line, report_type)
            if wrapped is not None or spec is None:
                line, spec = joined, wrapped
                titled = reads_as_title(line)
            if head is not None and any(norm[j - 1].strip() for j in range(head + 1, k)):
                head = None     # a page's heading between the title's pieces: its start stays out of the table
        if spec is None and titled and (_table_follows(norm, k) or _with_label_above(norm, k) < k):
            spec = catalog.OTHER        # a titled (or numbered) table outside the standard set
        if spec is not None:
            starts.append((k, line, spec, True, head))
            last_start = k
            continue
        if ("单位" in line or "部门" in line) and UNIT_LINE.search(line) and k - last_start > 8 and len(line) < 80 and \
                k not in titles_units and \
                not is_prose(line) and not _heading_goes_on(src, last_start, k) and not _value_axis_under(norm, k):
            starts.append((k, "", None, False, None))
            last_start = k
    firsts = [min(_with_label_above(norm, k), head or k) for k, _, _, _, head in starts]
    regions: list[Region] = []
    for idx, (k, title, spec, printed, head) in enumerate(starts):
        stop = firsts[idx + 1] - 1 if idx + 1 < len(starts) else n
        last = _region_end(norm, k, stop, spec, is_row)
        if printed:
            title = TITLE_NUMBER.sub("", title).strip()
        region = Region(firsts[idx], last, title, printed, spec or catalog.OTHER, k if printed else None,
                        title_start=head)
        # A 公开NN表 line names the final-accounts table outright (budgets number theirs too,
        # in another order).
        for j in range(k, min(k + 6, last + 1)):
            m = FINAL_NUMBER.match(norm[j - 1].strip())
            if m and m.group(1).zfill(2) in catalog.FINAL_NUMBERED and report_type == "决算":
                region.spec = catalog.SPEC_BY_KIND[catalog.FINAL_NUMBERED[m.group(1).zfill(2)]]
        for j in range(k, min(k + 8, last + 1)):
            m = UNIT.search(norm[j - 1])
            if m:
                region.unit = m.group(1)
                break
        regions.append(region)
    return _bodies_printed_before_titles(_join_continuations(_titles_printed_under(regions, norm), norm), norm)


AXIS_TICK = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\s|$)")     # a line opening with a whole number
AXIS_REACH = 40         # lines a chart's value axis may take, its bars' labels between its ticks
AXIS_TICKS = 5          # ticks printed in equal steps (0 among them or not): fewer may be a column of counts
AXIS_BELOW_CAPTION = 3  # lines under its caption within which a chart's top tick stands


def _value_axis_under(norm: tuple[str, ...], k: int) -> bool:
    """Whether a chart stands under line `k` (its caption's unit, `单位：万元`): lines opening
    with whole numbers falling in equal steps (the value axis, 120000 100000 … 20000 and
    mostly 0, its bars' labels printed between the ticks), the top one right under the
    caption. Its figures are a drawing's, not a table's rows."""
    ticks = [(j, int(m.group(1).replace(",", ""))) for j in range(k + 1, min(len(norm), k + AXIS_REACH) + 1)
             if (m := AXIS_TICK.match(norm[j - 1].strip()))]
    for i, (line, top) in enumerate(ticks):
        if line > k + AXIS_BELOW_CAPTION:
            break
        values = [value for _, value in ticks[i + 1:]]
        for step in {top - value for value in values if 0 < value < top}:
            if top % step:
                continue
            wanted = top - step
            for n, value in enumerate(values):
                if value == wanted:
                    wanted -= step
                if wanted == 0:
                    # (the 0 tick may stand on the next page, or be read as a bar's label)
                    if top // step >= AXIS_TICKS or (top // step >= AXIS_TICKS - 1 and 0 in values[n + 1:]):
                        return True
                    break
    return False


UNIT_LINE_PIECES = 3        # lines a unit line may be printed over (`部门：` / `江苏省人民检察院` / `单位：万元`)
UNIT_LINE_REACH = 8         # lines after a standard table's numbered title its unit line may stand


def _unit_line_after(norm: tuple[str, ...], k: int, reach: int, past_figures: bool = False) -> int | None:
    """The line among the `reach` printed after line k that states a unit (`部门：… 单位：万元`, or
    its pieces a line each), no sentence before it, nor a figure alone unless `past_figures` (a
    text in reading order sets a table's first cells, even figures, before its unit line: `部门：` /
    the agency / `合计` / `基本支出` / `17,996.68` / `单位：万元`); else None."""
    after = [j for j in range(k + 1, min(len(norm), k + 3 * reach) + 1) if norm[j - 1].strip()]
    for j in after[:reach]:
        if UNIT_LINE.search(norm[j - 1]):
            return j
        if is_prose(norm[j - 1]) or (not past_figures and figures_alone(norm[j - 1])):
            return None
    return None


def _heading_goes_on(src: SourceText, start: int, k: int) -> bool:
    """Whether a unit line at k is still the heading of the table starting at `start`: no figure,
    note or page's end stands between them (a text printing a cell a line, a blank line after
    each, sets its unit line well under its title, after header cells - 科目编码 / 类 / 款 / … -
    or even after the first column's: 合计 / 中国共产党广州市委员会宣 / 传部 / … / 单位：万元)."""
    if start < 1 or src.lines[k - 1].startswith("\f"):
        return False
    for j in range(start + 1, k):
        line = src.norm[j - 1].strip()
        if _prints_a_figure(line) or PAGE_NUMBER.match(line) or NOTE.match(line) or \
                src.lines[j - 1].startswith("\f") or src.page_of(j) != src.page_of(k):
            return False
    return True


def _titles_printed_under(regions: list[Region], norm: tuple[str, ...]) -> list[Region]:
    """A table's title printed after its body (PyMuPDF's content order: `注：本表反映…收入情况。` /
    `收入决算表` / `7` / `支出决算表`): a titled region with nothing but page numbers under its
    title, right after a region that found no title, is that region's title."""
    out: list[Region] = []
    for region in regions:
        before = out[-1] if out else None
        if before is not None and not before.title_printed and region.title_printed and \
                region.title_line is not None and before.last + 1 >= (region.title_start or region.title_line) and \
                all(not line.strip() or PAGE_NUMBER.match(line.strip()) for line in norm[region.title_line:region.last]):
            before.title, before.title_printed, before.spec = region.title, True, region.spec
            before.title_line, before.title_start, before.last = region.title_line, region.title_start, region.last
            continue
        out.append(region)
    return out


UNIT_AFTER_TITLE = 4    # lines after a title within which its unit stands, in a text kept in print order


def figures_alone(line: str) -> bool:
    """A line of sums of money and nothing else (`288,280,739`, `84.00 30.00`; no code)."""
    tokens = line.split()
    return bool(tokens) and all(is_amount(t) for t in tokens) and any("," in t or "." in t for t in tokens)


def _unit_under_title(norm: tuple[str, ...], title: int) -> bool:
    """Whether the page's unit stands right under a title, before any figure: the print order."""
    seen = 0
    for line in norm[title:title + 3 * UNIT_AFTER_TITLE]:
        line = line.strip()
        if not line:
            continue
        if figures_alone(line) or seen == UNIT_AFTER_TITLE:
            return False
        if UNIT.match(line):
            return True
        seen += 1
    return False


def _bodies_printed_before_titles(regions: list[Region], norm: tuple[str, ...]) -> list[Region]:
    """A text in a PDF's content order (PyMuPDF) may set each table's first page as its unit
    line and body, then its title and header, then its further pages (`单位：元` / `201` /
    `一般公共服务支出` / `267,027,339` / … / `2026年预算单位收入预算总表` / `项目` / `收入预算` / …).
    Where most titles of a text stand so — a unit line and figures before the title, no unit
    under it — each table starts at the last unit line before its title and runs to where the
    next starts, taking in the stretches between that found no title; its header (the lines
    after its title, up to the first figure or code) is read first, then its first page's body."""
    titled = [r for r in regions if r.title_printed and r.title_line is not None]
    before = under = previous = 0
    starts: list[int | None] = []
    bodies_before: list[bool] = []      # each title's: a unit line and figures stand before it
    for region in titled:
        title = region.title_start or region.title_line or 0
        units = [k for k in range(previous + 1, title) if UNIT.match(norm[k - 1])]
        starts.append(units[-1] if units else None)
        bodies_before.append(bool(units) and sum(figures_alone(norm[k - 1]) for k in range(units[-1] + 1, title)) >= 2)
        if _unit_under_title(norm, region.title_line or title):
            under += 1
        elif bodies_before[-1]:
            before += 1
        previous = region.title_line or title
    # (where the next page's unit stands under each title, as under a title in print order, the
    # text's ends tell: a body before the first title, and no figure after the last)
    ends_tell = bodies_before[:1] == [True] and sum(bodies_before) >= 2 and \
        not any(figures_alone(line) for line in norm[previous:])
    if (before < 2 or before <= under) and not ends_tell:
        return regions
    firsts = [start or region.first for start, region in zip(starts, titled)]
    out = [r for r in regions if r.first < firsts[0]]
    if out:
        out[-1].last = min(out[-1].last, firsts[0] - 1)
    for i, region in enumerate(titled):
        stop = firsts[i + 1] - 1 if i + 1 < len(titled) else region.last
        last = max([r.last for r in regions if region.first <= r.first <= stop] + [region.last])
        out.append(_read_title_first(region, firsts[i], min(last, stop), norm))
    return out + [r for r in regions if r.first > out[-1].last and not r.title_printed]


def _read_title_first(region: Region, first: int, last: int, norm: tuple[str, ...]) -> Region:
    """`region` run from `first` to `last`, its title and header read before the body above them."""
    title = region.title_start or region.title_line or region.first
    header_end = region.title_line or title
    while header_end < last and not figures_alone(line := norm[header_end].strip()) and not CODE.match(line):
        header_end += 1
    # header pieces the page set after its body's last row (its total: figures, then `合计`)
    # are read with the header
    body_end = title - 1
    while body_end > first and not figures_alone(norm[body_end - 1]) and not CODE.match(norm[body_end - 1].strip()):
        body_end -= 1
    if body_end + 1 < title and catalog.TOTAL_LABELS.match(norm[body_end].strip()):
        body_end += 1
    order = (*range(title, header_end + 1), *range(body_end + 1, title), *range(first, body_end + 1),
             *range(header_end + 1, last + 1))
    unit = UNIT.search(norm[first - 1]) if first < title else None
    return replace(region, first=first, last=last, read_order=order if first < title else (),
                   unit=unit.group(1) if unit else region.unit)


def _join_continuations(regions: list[Region], norm: tuple[str, ...]) -> list[Region]:
    """A table that crosses pages and prints its title again on each (表1 收入支出决算总表 …
    page after page) is one table: a region with the same printed title as the one right
    before it (spaced alike or not: `明 细 表`, `明细 表`) continues it, unless the two print
    different qualifiers under their titles (`（按支出功能分类科目）`, `（按支出经济分类科目）`:
    two tables of one name). A form's is only where it prints no form of its own (each
    project prints the same form title over its facts, or at least its grid's header)."""
    out: list[Region] = []
    for region in regions:
        before = out[-1] if out else None
        if before is not None and region.title_printed and before.title_printed and \
                catalog.title_key(region.title) == catalog.title_key(before.title) and region.spec is before.spec and \
                len({_qualifier_under(norm, region), _qualifier_under(norm, before)} - {""}) < 2 and \
                (not region.spec.form or not _opens_a_form(norm[region.title_line or region.first:region.last])):
            before.last = region.last
            continue
        out.append(region)
    return out


QUALIFIER_LINE = re.compile(r"[（(][^（）()]{2,30}[)）]")


def _qualifier_under(norm: tuple[str, ...], region: Region) -> str:
    """The bracketed qualifier a region prints on the line under its title, or ""."""
    k = region.title_line
    line = norm[k].strip() if k is not None and k < len(norm) else ""
    return squash(line) if QUALIFIER_LINE.fullmatch(line) else ""


FORM_OPENING = tuple(squash(key) for key in (*catalog.FORM_FIELD_KEYS, "一级指标"))
CELL_APART = re.compile(r"\t|\s{2,}")


def _opens_a_form(lines: Sequence[str]) -> bool:
    """Whether lines print a form's facts or its indicator grid's header (not only its rows):
    a cell opening with a fact's key (not an indicator naming one: `主管部门满意度`)."""
    return any(squash(cell).startswith(FORM_OPENING) for line in lines for cell in CELL_APART.split(line.strip()))


# a note under a table (注：…, 说明：…, `1.本表…`)
NOTE = re.compile(r"^(注|说明|备注)\s*[:：]|^\d\.本")
HEADING = re.compile(f"(?:{HAN}|[“”\"]){{2,20}}(情况说明|说明|情况)")
# `附表 4-1`, `附件 2`, `表1`, `表一`, `表 3`, `公开05表`: a table's number printed on its own line
TABLE_LABEL = re.compile(r"^(附\s*[表件]|表)\s*[\d\-—.一二三四五六七八九十]+$|^(预算|决算|公开)\s*\d{1,2}(-\d{1,2})?\s*表$"
                         r"|^(部门|单位)?公开\s*表\s*\d{1,2}(-\d{1,2})?$")       # 预算05表, 公开表6, 部门公开表4
# the same number printed before the title on its line (`表1 收支总体情况表`, `3. 支出总表`)
# (`预算01表 收支总表`, `公开 03 表 支出决算表`)
TITLE_NUMBER = re.compile(r"^((附\s*)?表\s*[\d\-—.一二三四五六七八九十]+[:：、.．\s]*|(预算|决算|公开)\s*\d{1,2}(-\d{1,2})?\s*表[:：\s]*|"
                          r"\d+[.．、]\s*)")


def _with_label_above(norm: tuple[str, ...], k: int) -> int:
    """A table's first line: its `附表 4-1` label when printed just above the title."""
    j = k - 1
    while j > 0 and k - j <= 3 and not norm[j - 1].strip():
        j -= 1
    return j if j > 0 and k - j <= 3 and TABLE_LABEL.match(norm[j - 1].strip()) else k


LISTED_TITLES_APART = 4     # lines from one title to the next, at most, in a list of tables (a table needs more)
FIGURE = re.compile(r"\d\.\d")      # an amount with decimals, in a row of one or in one of many
ROW_OF_AMOUNTS = re.compile(r"(?:^|\s)[-\d,]+\.\d+(?:\s+[-\d,]+\.\d+){2,}(?:\s|$)")
# a row of one amount, set apart from its labels by a tab or a layout text's spaces (`湖州市烈士陵园管理所
# 革命烈士纪念及保护       166.50 清明、9.30…`, its goal wrapped around the line; `113.75的安全…`, run on)
AMOUNT_SET_APART = re.compile(r"\S(?: {2,}|\t)-?[\d,]+\.\d+(?![\d,.%‰])")
ROWS_AHEAD = 3      # lines after a sentence within which a row of amounts shows the table goes on
FIGURES_STACKED = 3         # amounts on lines of their own, one after another: a row one cell a line


def row_of_amounts(src: SourceText) -> Callable[[int], bool]:
    """Whether line k is a row of amounts: three or more, or one set apart as a cell where the
    text keeps the page's spacing (the normalised view has lost it). Cached: the search for a
    table's end asks of the same lines again from each sentence it passes."""
    @functools.cache
    def is_row(k: int) -> bool:
        return bool(ROW_OF_AMOUNTS.search(src.norm[k - 1]) or AMOUNT_SET_APART.search(src.lines[k - 1]))
    return is_row


def _rows_follow(norm: tuple[str, ...], k: int, stop: int, is_row: Callable[[int], bool]) -> bool:
    """Whether a row of amounts follows line k within a few lines: the sentence was a wrapped
    cell of the table (a 绩效目标 beside its row), not the prose after it. One cell a line, a
    row is its amounts each on a line of its own, after its wrapped cells: the first figure
    within reach opens such a stack."""
    lines = [j for j in range(k + 1, min(stop, k + WRAP_REACH) + 1) if norm[j - 1].strip()]
    if any(is_row(j) for j in lines[:ROWS_AHEAD]):
        return True
    ahead = [norm[j - 1].strip() for j in lines]
    first = next((i for i, line in enumerate(ahead) if figures_alone(line) or _prints_a_figure(line)), None)
    stack = ahead[first:first + FIGURES_STACKED] if first is not None else []
    return len(stack) == FIGURES_STACKED and all(figures_alone(line) for line in stack)


WRAP_REACH = 40     # lines a cell wrapped around its row's line may reach below it


def _nearest_row(norm: tuple[str, ...], start: int, step: int, stop: int,
                 is_row: Callable[[int], bool]) -> tuple[int, int] | None:
    """The nearest row of amounts from line `start` on (`step` 1 down, -1 up, within WRAP_REACH
    lines and short of `stop`), and how many lines without a figure come before it; None where
    a line with a figure comes first."""
    passed = 0
    for j in range(start, stop, step):
        if abs(j - start) >= WRAP_REACH or not 0 < j <= len(norm):
            break
        line = norm[j - 1].strip()
        if not line:
            continue
        if is_row(j):
            return j, passed
        if _prints_a_figure(line):
            return None
        passed += 1
    return None


def _figureless_lines(norm: tuple[str, ...], start: int, step: int) -> int:
    """How many lines without a figure run from line `start` on (`step` 1 down, -1 up, within
    WRAP_REACH lines), up to the first with one."""
    count = 0
    for j in range(start, start + step * WRAP_REACH, step):
        if not 0 < j <= len(norm):
            break
        line = norm[j - 1].strip()
        if line and _prints_a_figure(line):
            break
        count += bool(line)
    return count


def _prints_a_figure(line: str) -> bool:
    """Whether a line prints a figure with decimals as a cell of its own (`1,550.00`), not one
    inside a sentence (`养护169.47公里国省道`)."""
    return bool(FIGURE.search(line)) and any(FIGURE.search(t) and is_amount(t) for t in line.split())


def _tail_of_a_wrapped_row(norm: tuple[str, ...], k: int, is_row: Callable[[int], bool]) -> bool:
    """Whether line k ends the cells of the row of amounts above it, wrapped around the row's
    line: a line per printed row centres a cell of many lines on its row, as many of them
    below the row's line as above (`住院医师规范化培训财 通过开展…` / `103.00 …` / `政补助项目
    性创造性…。`), so lines without a figure after the row, no more of them than the lines
    without a figure just before it, are its cells' ends, not prose after the table."""
    found = _nearest_row(norm, k - 1, -1, 0, is_row)
    return found is not None and _figureless_lines(norm, found[0] - 1, -1) >= found[1] + 1


def _head_of_a_wrapped_row(norm: tuple[str, ...], k: int, stop: int, is_row: Callable[[int], bool]) -> bool:
    """Whether line k begins the cells of a row of amounts further below, wrapped around the
    row's line (its description's first lines, a page's header printed again among them): the
    figure-less lines from k down to the row are no more than one over those after it."""
    found = _nearest_row(norm, k, 1, stop + 1, is_row)
    return found is not None and _figureless_lines(norm, found[0] + 1, 1) + 1 >= found[1]


def _figureless_heading(line: str) -> bool:
    """`四、绩效评价指标分析`, `（一）项目决策情况`: a heading of the text, no row of figures."""
    return bool(SECTION.match(line) or re.match(r"^[（(][一二三四五六七八九十]+[）)]", line)) and not re.search(r"\d", line)


ITEMS_SLASHED = re.compile(r"[/／]\s*\d{1,2}[、.．]")     # items of one cell a slash apart (`… /2、市民大讲堂举办频次`)
# an indicator's target, its sign before its figure (`≥95%`, `≤1周`)
TARGET_VALUE = re.compile(f"[{''.join(map(re.escape, TARGET_SIGNS))}]\\d")


def _grid_cells(line: str) -> bool:
    """Whether a line prints cells of an indicator grid: a level's name, a 指标性质 (定性, ≥) or
    a target with its sign (`≥95%`)."""
    return any(t in catalog.INDICATOR_LEVELS or t in OPERATORS or TARGET_VALUE.match(t) for t in line.split())


def _region_end(norm: tuple[str, ...], first: int, stop: int, spec: TableSpec | None,
                is_row: Callable[[int], bool]) -> int:
    """Last line of a table that starts at `first`: before the next part/section heading or,
    for a grid, before the prose that follows its body; notes (注/说明) right after are kept."""
    form = spec is not None and spec.form
    last = first
    body_started = False
    figures_seen = False     # a `…情况` line before any figure is a header cell (增减变化情况), no heading
    grid_started = False     # a form's indicator grid: prose or a numbered item after it ends the form
    k = first + 1
    while k <= stop:
        line = norm[k - 1].strip()
        if not line:
            k += 1
            continue
        if PART.match(line) or (SECTION.match(line) and re.search(r"(情况|说明|职责|设置|表)$", line)):
            break
        if NOTE.match(line):
            last = k
            k += 1
            continue
        if not form and body_started and ((HEADING.fullmatch(line) and (figures_seen or line.endswith("说明"))) or (
                is_prose(line) and not is_row(k) and not _rows_follow(norm, k, stop, is_row)
                and not _tail_of_a_wrapped_row(norm, k, is_row) and not _head_of_a_wrapped_row(norm, k, stop, is_row))):
            break       # the text after the table: prose, or a heading such as 其他相关情况说明

        if form and grid_started and "\t" not in line and (
                is_prose(line) or re.match(r"^([①-⑳]|[（(][一二三四五六七八九十]+[）)])", line) or
                # (a project's funds open a line with a figure, `95.949000`, no item's number;
                # an indicator's cell lists its items a slash apart, `1、开展市民大讲堂 /2、…`)
                (re.match(r"^\d{1,2}(?:[.．](?!\d)|、)", line) and len(line) > 15 and not ITEMS_SLASHED.search(line))) and \
                not any(_grid_cells(norm[j - 1]) for j in range(k, min(stop, k + ROWS_AHEAD) + 1)):
            # (a grid row printed beside the end of a goal's sentence names its levels or prints
            # an indicator's 指标性质, `… 促进提升得满分，不提升不得分。 定性`; a goal's sentences
            # or numbered items wrapped beside the grid have its rows right after them)
            break
        if not form and body_started and spec is catalog.OTHER and _figureless_heading(line) and \
                not _rows_follow(norm, k, stop, lambda j: bool(LABELLED_FIGURES.match(norm[j - 1].strip()))):
            break       # a table of a report's text: the report goes on under its next heading
        # (the grid's header, whose 一级指标 may be wrapped around its line)
        grid_started = grid_started or ("二级指标" in line and ("一级指标" in line or "三级指标" in line)) or line == "一级指标"
        if not form and line.startswith("（") and len(line) > 20 and "\t" not in line and body_started \
                and not re.search(r"\d", line[-6:]):
            break
        body_started = True
        figures_seen = figures_seen or bool(FIGURE.search(line))
        last = k
        k += 1
    return last
