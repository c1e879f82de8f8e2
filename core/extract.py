"""Turn each table region of a document into a grid of cells.

Three text layouts are handled: tab-separated cells, space-separated cells whose empty cells
were dropped (the amounts are placed in the columns that make the table's own totals hold,
and marked inferred), and one fragment per line (fragments are joined into rows first).
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from decimal import Decimal

from . import catalog
from .catalog import FORM_FIELD_KEYS, INDICATOR_L1, INDICATOR_L2, INDICATOR_LEVELS, TableSpec
from .model import Cell, Table, clean_number, parse_amount
from .reader import SourceText, printed_text
from .regions import FINAL_NUMBER, UNIT_LINE, Region

CENT = Decimal("0.01")
CODE = re.compile(r"^\d{2,7}$|^\d{3}(\s\d{2}){1,2}$")
DASH = {"-", "—", "--", "——", "/"}
COLUMN_NUMBER_WORDS = {"**", "*", "栏次", "行次", "类", "款", "项", "栏", "次"}
NOTE = re.compile(r"^(注|说明|备注)\s*[:：]|^\d\.本")
SUBTITLE = re.compile(r"^[(（]?\s*\d{4}\s*年度?\s*[)）]?$")
# A number glued to the label after it ("0.00二、公共安全支出").
GLUED = re.compile(r"^([-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-+]?\d+\.\d+)([^\d,.].*)$")
INDICATOR_VALUE = re.compile(r"^[≥≤=＝<>＜＞]|^\d")
LATIN_WORD = re.compile(r"^[A-Za-z]+$")
CJK_START = re.compile(r"^[\u4e00-\u9fff]")


def is_amount(token: str) -> bool:
    return parse_amount(token) is not None or token in DASH


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def is_column_number_row(cells: list[str]) -> bool:
    """`** ** 1 2 3`, `类 款 项 栏次 1 2`, `栏 次 1 栏 次 2`: header furniture."""
    vals = [squash(c) for c in cells if c.strip()]
    if not vals:
        return False
    words = sum(v in COLUMN_NUMBER_WORDS for v in vals)
    ints = sum(v.isdigit() and len(v) <= 2 for v in vals)
    return words + ints == len(vals) and (words > 0 or ints >= 2)


GLUED_AMOUNTS = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}")


def split_tokens(line: str) -> list[str]:
    """Space-separated tokens, with numbers glued to a label or to each other pulled apart
    ("0.00二、公共安全支出", "8,132.86385.86360.62")."""
    out = []
    for tok in re.sub(r"(\d{4})\s+年", r"\1年", line).split():
        m = GLUED.match(tok)
        head, rest = (m.group(1), m.group(2)) if m else (tok, "")
        if head.count(".") > 1 and "".join(GLUED_AMOUNTS.findall(head)) == head:
            out.extend(GLUED_AMOUNTS.findall(head))
        else:
            out.append(head)
        if rest:
            out.append(rest)
    return _join_spaced_characters(out)


def _join_spaced_characters(tokens: list[str]) -> list[str]:
    """`收 入 总 计` was one word printed letter-spaced: join runs of single CJK characters."""
    out: list[str] = []
    run: list[str] = []
    for t in tokens + [""]:
        if len(t) == 1 and "\u4e00" <= t <= "\u9fff":
            run.append(t)
            continue
        if run:
            out.extend(["".join(run)] if len(run) > 1 else run)
            run = []
        if t:
            out.append(t)
    return out


# --------------------------------------------------------------------------- layout

def detect_layout(lines: list[tuple[int, str]]) -> str:
    if not lines:
        return "space"
    tabbed = sum("\t" in s for _, s in lines)
    if tabbed * 3 >= len(lines):
        return "tab"
    short = sum(len(s.strip()) <= 10 and " " not in s.strip() and not is_amount(s.strip()) for _, s in lines)
    return "fragment" if short * 10 >= len(lines) * 4 and len(lines) > 6 else "space"


# --------------------------------------------------------------------------- tables

@dataclass(frozen=True)
class Context:
    """What the extraction of one table may know of the rest of the document."""

    year: str
    agency: str = ""
    known_projects: tuple[str, ...] = ()      # names in the 项目支出表 read so far
    stated: tuple[tuple[str, Decimal], ...] = ()   # (subject, amount in 万元) stated in the text
    page_lines: frozenset[int] = frozenset()        # lines that print a page number


STATED_AMOUNT = re.compile(r"([\u4e00-\u9fff()“”]+?)([\d]+(?:\.\d+)?)万元")


def stated_amounts(src: SourceText, regions: list[Region]) -> tuple[tuple[str, Decimal], ...]:
    """Amounts the explanatory text gives a named subject (`公务接待费 5万元`)."""
    in_table = set()
    for region in regions:
        in_table.update(range(region.first, region.last + 1))
    text = "".join(line for k, line in enumerate(src.norm, start=1) if k not in in_table)
    return tuple((m.group(1), Decimal(m.group(2))) for m in STATED_AMOUNT.finditer(re.sub(r"\s", "", text)))


LONE_NUMBER = re.compile(r"^\s*(-\s*)?([1-9]\d{0,2})(\s*-)?\s*$")


def page_number_lines(src: SourceText) -> frozenset[int]:
    """Lines printing a page number: `- 12 -`, or a lone number that runs on from one of the
    lone numbers just before or after it (pages 11, 12, 14 …). A lone `208` or `22` among a
    table's cells is a code (the one-fragment-per-line layout prints codes alone)."""
    found = [(k, m) for k, line in enumerate(src.norm, start=1) if (m := LONE_NUMBER.match(line))]
    out = set()
    for n, (k, m) in enumerate(found):
        value = int(m.group(2))
        before = [int(x.group(2)) for _, x in found[max(0, n - 3):n]]
        after = [int(x.group(2)) for _, x in found[n + 1:n + 4]]
        runs_on = any(0 < value - v <= 3 for v in before) or any(0 < v - value <= 3 for v in after)
        if (m.group(1) and m.group(3)) or (value < 200 and runs_on):
            out.add(k)
    return frozenset(out)


def extract_tables(src: SourceText, regions: list[Region], report_type: str, year: str,
                   agency: str = "") -> list[Table]:
    tables: list[Table] = []
    order = catalog.standard_order(report_type)
    prev_kind = ""
    context = Context(year, agency, stated=stated_amounts(src, regions), page_lines=page_number_lines(src))
    for region in regions:
        table = build_table(src, region, replace(context, known_projects=_project_names(tables)))
        if not region.title_printed and table.kind == "other":
            header_text = table.fields.pop("_header", "")
            table.kind, table.title = _infer_kind(header_text, report_type, order, prev_kind)
            if table.kind != "other":
                table = build_table(src, region, context, catalog.SPEC_BY_KIND[table.kind])
                table.title_printed = False
        table.fields.pop("_header", None)
        if not table.rows and (table.kind == "other" or not table.columns):
            continue        # a title named in the prose, not a table
        prev_kind = table.kind
        tables.append(table)
    return tables


def _project_names(tables: list[Table]) -> tuple[str, ...]:
    """Names of the projects listed in the document's 项目支出表 so far: a performance form
    of several projects is cut into blocks where these names start."""
    names = []
    for t in tables:
        if t.kind == "budget.project_expense" and len(t.columns) > 1:
            names += [r[1].text for r in t.rows if len(r) > 2 and r[0].text and r[2].text and len(r[1].text) >= 4]
    return tuple(dict.fromkeys(names))


def _infer_kind(header_text: str, report_type: str, order: list[str], prev_kind: str) -> tuple[str, str]:
    """A table whose title was lost: the first kind after the previous table, in the standard
    order, whose header vocabulary fits."""
    candidates = catalog.specs_for_header(header_text, report_type)
    if not candidates:
        return "other", ""
    pos = order.index(prev_kind) if prev_kind in order else -1
    later = [s for s in candidates if s.kind in order and order.index(s.kind) > pos]
    spec = (later or candidates)[0]
    return spec.kind, spec.title


def build_table(src: SourceText, region: Region, context: Context, spec: TableSpec | None = None) -> Table:
    spec = spec or region.spec
    norm = src.norm
    content: list[tuple[int, str]] = []
    notes: list[str] = []
    for k in range(region.first, region.last + 1):
        s = norm[k - 1]
        t = s.strip()
        if not t or k == region.title_line:
            continue
        if FINAL_NUMBER.match(t) or SUBTITLE.match(t) or (UNIT_LINE.search(t) and "\t" not in t
                                                           and k - region.first < 10):
            continue
        if re.match(r"^附表\s*[\d\-—]+$", t) or re.match(r"^(金额)?单位\s*[:：]", t):
            continue
        if NOTE.match(t):
            notes.append(t)
            continue
        if re.fullmatch(r"[-|:\s\t]+", t):
            continue        # a text-table rule line, not content
        if k in context.page_lines and not (content and re.search(r"\.\d?$", content[-1][1].strip())):
            continue        # a page number between the pages of a table
        content.append((k, s))
    layout = detect_layout(content)
    table = Table(kind=spec.kind, title=region.title or spec.title, title_printed=region.title_printed,
                  unit=region.unit, first_line=region.first, last_line=region.last, columns=[], rows=[],
                  notes=notes, layout=layout)
    if spec.form and layout == "fragment" and spec.layouts and _has_grid_header(content, spec.layouts[0]):
        _fill_project_grid_form(table, content, spec.layouts[0], context.known_projects)
    elif spec.form:
        _fill_form(table, content, layout)
    elif layout == "tab":
        _fill_tab_grid(table, content, spec)
    else:
        _fill_token_grid(table, content, spec, context, layout)
    _restore_printed(table, src)
    _judge_recoverable(table, src)
    return table


def _judge_recoverable(table: Table, src: SourceText) -> None:
    """A header shattered into single characters cannot be read back: the columns are the
    template's guess and the cells' places unsure, so the table is marked unrecoverable."""
    if not table.header_lines:
        return
    first, last = table.header_lines
    tokens = [t for k in range(first, last + 1) for t in split_tokens(src.norm[k - 1])]
    single = sum(len(t) == 1 for t in tokens)
    if len(tokens) >= 20 and single * 2 >= len(tokens):
        table.recoverable = False
        table.notes.append(f"the header was broken into single characters ({single} of {len(tokens)} "
                           "fragments); columns follow the standard template and need checking")


def _restore_printed(table: Table, src: SourceText) -> None:
    """Labels were read from the normalised view; show them as printed (（一）, not (一))."""
    for row in table.rows:
        for j, cell in enumerate(row):
            if cell.text and cell.value is None:
                shown = printed_text(src, cell.lines, cell.text)
                if shown != cell.text:
                    row[j] = replace(cell, text=shown)
    span = tuple(range(table.first_line, table.last_line + 1))
    if table.header_lines:     # header text as printed (项目（按功能分类）), catalogue paths as they are
        head = tuple(range(table.header_lines[0], table.header_lines[1] + 1))
        table.columns = ["/".join(printed_text(src, head, part) for part in c.split("/")) for c in table.columns]
    if table.fields:
        table.fields = {"/".join(printed_text(src, span, part) for part in key.split("/")):
                        printed_text(src, span, value) for key, value in table.fields.items()}
    if table.title_printed:
        table.title = printed_text(src, (table.first_line,), table.title)


# --------------------------------------------------------------------------- tab layout

def _is_body_cells(cells: list[str]) -> bool:
    vals = [c.strip() for c in cells if c.strip()]
    if not vals:
        return False
    if is_column_number_row(cells):
        return False
    first = squash(vals[0])
    if CODE.match(first) or catalog.TOTAL_LABELS.match(first):
        return True
    if re.match(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．]|其中)", first):
        return True
    return any(parse_amount(v) is not None and not (v.isdigit() and len(v) <= 2) for v in vals)


def _header_paths(header_rows: list[list[str]], ncols: int) -> list[str]:
    rows = [[squash(c) for c in r] + [""] * (ncols - len(r)) for r in header_rows]
    paths = []
    for j in range(ncols):
        parts = []
        for i, r in enumerate(rows):
            v = r[j]
            if not v and i < len(rows) - 1 and any(rows[x][j] for x in range(i + 1, len(rows))):
                # A header cell spanning several columns is printed once, in its first column.
                left = j - 1
                while left >= 0 and not r[left]:
                    left -= 1
                if left >= 0 and any(rows[x][left] for x in range(i + 1, len(rows))):
                    v = r[left]
            if v and (not parts or parts[-1] != v):
                parts.append(v)
        paths.append("/".join(parts))
    return paths


def _fill_tab_grid(table: Table, content: list[tuple[int, str]], spec: TableSpec) -> None:
    grid = [(k, s.split("\t")) for k, s in content if "\t" in s or _is_body_cells([s])]
    body_start = next((i for i, (_, cells) in enumerate(grid) if _is_body_cells(cells)), len(grid))
    header = [cells for _, cells in grid[:body_start] if not is_column_number_row(cells)]
    header = [[("" if (c.strip().isdigit() and len(c.strip()) <= 2) else c) for c in cells] for cells in header]
    body = [(k, cells) for k, cells in grid[body_start:] if not is_column_number_row(cells)]
    table.fields["_header"] = " ".join(" ".join(c) for c in header)
    ncols = max([len(c) for c in header] + [len(c) for _, c in body] + [0])
    columns = _header_paths(header, ncols)
    rows = [[Cell(clean_number(c.strip()) if parse_amount(c) is not None else squash(c), (k,))
             for c in cells] + [Cell("", (k,))] * (ncols - len(cells)) for k, cells in body]
    keep = [j for j in range(ncols) if columns[j] or any(r[j].text for r in rows)]
    table.columns = [columns[j] for j in keep]
    table.rows = [[r[j] for j in keep] for r in rows]
    if not body and spec.layouts:
        _empty_table_from_layout(table, header, spec.layouts[0], grid[-1][0] if grid else table.first_line)
    leads = [next((c.text for c in r if c.text), "") for r in table.rows]
    coded = sum(bool(CODE.match(x) or catalog.TOTAL_LABELS.match(x)) for x in leads)
    code_columns = [c for c in table.columns if re.search(r"(编码|代码)$", c.split("/")[-1])]
    if len(code_columns) == 1 and coded * 2 >= len(table.rows) > 0:
        _realign_code_rows(table, header, body)
    if header:
        first_header = next(k for k, cells in grid if not is_column_number_row(cells))
        table.header_lines = (first_header, grid[body_start - 1][0] if body_start else first_header)


def _empty_table_from_layout(table: Table, header: list[list[str]], layout: tuple[str, ...], line: int) -> None:
    """A table printed without data rows (common for 政府性基金 / 国有资本经营 tables): a header
    alone cannot be aligned, so the template's columns are used; a 合计 printed in the header's
    last line (`栏次 合计`) is its one row."""
    table.columns = list(layout)
    if header and any(re.search(r"合计$", squash(c)) for c in header[-1]):
        name_col = max(j for j, c in enumerate(layout) if _is_text_column(c))
        table.rows = [[Cell("合计" if j == name_col else "", (line,)) for j in range(len(layout))]]


def _realign_code_rows(table: Table, header: list[list[str]], body) -> None:
    """A coded table whose 类/款/项 code columns collapsed unevenly (code, name and amounts
    shifted by empty cells): columns are the code and name headers then the amount headers;
    each row keeps its code, its name, and its amounts after the name, surplus empty cells
    before them dropped."""
    label_cols = [c for c in table.columns if re.search(r"(编码|代码)$", c.split("/")[-1])][:1]
    label_cols += [c for c in table.columns if re.search(r"名称$", c.split("/")[-1])][:1]
    amount_cols = [c for c in table.columns if c and c not in label_cols and c.split("/")[-1] not in
                   ("项目", "栏次", "行次") and not _is_text_column(c)]
    if len(label_cols) != 2 or not amount_cols:
        return
    n = len(amount_cols)
    rows = []
    for k, cells in body:
        texts = [c.strip() for c in cells]
        first = next((i for i, t in enumerate(texts) if t), None)
        if first is None:
            continue
        code = squash(texts[first]) if CODE.match(squash(texts[first])) else ""
        name_at = next((i for i in range(first + (1 if code else 0), len(texts))
                        if texts[i] and parse_amount(texts[i]) is None), None)
        name = squash(texts[name_at]) if name_at is not None else ""
        tail = texts[(name_at if name_at is not None else first) + 1:]
        while len(tail) > n and not tail[0]:
            tail.pop(0)
        tail = (tail + [""] * n)[:n]
        rows.append([Cell(code, (k,)), Cell(name, (k,))] +
                    [Cell(clean_number(t) if parse_amount(t) is not None else t, (k,)) for t in tail])
    table.columns = label_cols + amount_cols
    table.rows = rows
    _seat_short_total_row(table, n)


def _seat_short_total_row(table: Table, n: int) -> None:
    """A total row that lost cells (`合计 1,335.29 374.08` under three amount columns): put
    its amounts in the columns whose top-level rows they total."""
    codes = [r[0].text for r in table.rows]
    top_len = min((len(c) for c in codes if c), default=0)
    tops = [r for r, c in zip(table.rows, codes) if c and len(c) == top_len]
    for row in table.rows:
        values = [c for c in row[2:] if c.text]
        if row[0].text or not catalog.TOTAL_LABELS.match(row[1].text) or not 0 < len(values) < n or not tops:
            continue
        sums = [sum((r[2 + j].value or Decimal(0) for r in tops), Decimal(0)) for j in range(n)]
        best = min(itertools.combinations(range(n), len(values)),
                   key=lambda combo: sum(abs((v.value or Decimal(0)) - sums[j]) for v, j in zip(values, combo)))
        row[2:] = [Cell("", row[1].lines) for _ in range(n)]
        for v, j in zip(values, best):
            row[2 + j] = Cell(v.text, v.lines, "column placed by the sums of the rows it totals")


# --------------------------------------------------------------------------- space layout

def _choose_layout(spec: TableSpec, header_text: str, year: str, amount_width: int) -> list[str] | None:
    """The template layout whose header words the (split, scrambled) header holds best."""
    text = squash(header_text)
    best, best_score = None, (0.0, 0)
    for layout in spec.layouts:
        cols = [c.replace("{year}", year) for c in layout]
        words = {w for c in cols for w in c.split("/")}
        found = sum(w in text for w in words)
        score = (found / len(words), found)
        if score > best_score and len(cols) >= amount_width:
            best, best_score = cols, score
    if best_score[0] >= 0.5:
        return best
    # a header too broken to read: the one template with as many amount columns as the rows
    fits = [layout for layout in spec.layouts
            if sum(not _is_text_column(c) for c in layout) == amount_width]
    return [c.replace("{year}", year) for c in fits[0]] if len(fits) == 1 else None


TEXT_LEAF = re.compile(r"(编码|代码|名称|单位)$|^项目([(（].*)?$|^科目$|品目$|来源$|性质$|^[类款项]$")


def _is_text_column(path: str) -> bool:
    """Columns of codes and labels (项目, 科目名称, 项目单位), not of amounts (项目支出)."""
    return bool(TEXT_LEAF.search(path.split("/")[-1]))


# --------------------------------------------------------------------------- amount placement

def _rule_score(values: dict[int, Decimal], rules) -> int:
    score = 0
    for t, parts in rules:
        if t not in values and not any(p in values for p in parts):
            continue
        total = values.get(t, Decimal(0))
        s = sum((values.get(p, Decimal(0)) for p in parts), Decimal(0))
        score += 1 if abs(total - s) <= Decimal("0.01") * max(1, len(parts)) else -1
    return score


def _candidates(amounts: list[str], amount_cols: list[int], rules,
                total_may_be_empty: bool = False) -> list[tuple[int, ...]]:
    """Column placements of a row's amounts, best by the table's row identities first. The
    first amount of a row is its total, except in a total row (合计) whose own total cell
    was left empty and whose amounts do not add up as total and part."""
    k = len(amounts)
    if k == 0:
        return [()]
    if k >= len(amount_cols):
        return [tuple(amount_cols[:k])]
    scored = []
    for combo in itertools.combinations(amount_cols, k):
        vals = {c: parse_amount(a) or Decimal(0) for c, a in zip(combo, amounts)}
        if combo[0] == amount_cols[0]:
            scored.append((_rule_score(vals, rules), combo))
        elif total_may_be_empty and k >= 2:
            # the total unknown: its rules neither hold nor fail
            scored.append((_rule_score(vals, [(t, ps) for t, ps in rules if t in vals]), combo))
    if not scored:
        return [tuple(amount_cols[:k])]
    best = max(s for s, _ in scored)
    return [c for s, c in scored if s == best]


def _stated_by_column(columns: list[str], amount_cols: list[int],
                      stated: tuple[tuple[str, Decimal], ...]) -> dict[int, set[Decimal]]:
    """The amounts the text gives each amount column's subject (its leaf; a 小计 its group)."""
    out: dict[int, set[Decimal]] = {}
    for j in amount_cols:
        parts = columns[j].split("/")
        subject = parts[-2] if parts[-1] == "小计" and len(parts) > 1 else parts[-1]
        if len(subject) < 4:
            continue        # 合计, 小计: too common to tie a figure to this column
        found = {amount for name, amount in stated if name.endswith(subject)}
        if found:
            out[j] = found
    return out


def _by_stated(cands: list[tuple[int, ...]], amounts, said: dict[int, set[Decimal]],
               amount_cols: list[int]) -> list[tuple[int, ...]]:
    """Placements equally good by the table's totals, narrowed to those that agree best
    with the amounts the text states for the columns' subjects (`公务接待费 5万元`)."""
    if len(cands) < 2 or not said or not amounts:
        return cands

    def agreement(combo: tuple[int, ...]) -> int:
        placed = {c: parse_amount(a) or Decimal(0) for c, (a, _) in zip(combo, amounts)}
        return sum(1 if placed.get(j, Decimal(0)) in said[j] else -1 for j in amount_cols if j in said)
    best = max(agreement(c) for c in cands)
    return [c for c in cands if agreement(c) == best]


def _by_class(cands: list[tuple[int, ...]], code: str, columns: list[str]) -> list[tuple[int, ...]]:
    """Placements equally good by the totals, narrowed to those that put an economic code's
    amount under the column its class belongs to (302 商品和服务支出 → 公用经费)."""
    def fits(combo: tuple[int, ...]) -> bool:
        return all(code[:3] in catalog.ECONOMIC_CLASS_COLUMNS.get(columns[c].split("/")[-1], (code[:3],))
                   for c in combo)
    if len(cands) < 2 or not re.fullmatch(r"3\d{2}(\d{2})?", code):
        return cands
    return [c for c in cands if fits(c)] or cands


def _code_parent(codes: list[str], i: int) -> int | None:
    """Index of the row that totals row i: the nearest row above with a shorter code
    (short 款 codes printed under their 类 count as 5 digits)."""
    def level(c: str) -> int:
        return {3: 1, 2: 2, 5: 2, 7: 3}.get(len(c), 0)

    me = level(codes[i])
    if me <= 1:
        return None
    for j in range(i - 1, -1, -1):
        if codes[j] and level(codes[j]) and level(codes[j]) < me:
            return j
    return None


def _place_amounts(table: Table, rows, amounts_of, spec: TableSpec, text_cols: list[int],
                   stated: tuple[tuple[str, Decimal], ...] = ()) -> None:
    amount_cols = [j for j in range(len(table.columns)) if j not in text_cols]
    rules = catalog.resolve_rules(table.columns, spec.column_rules)
    said = _stated_by_column(table.columns, amount_cols, stated)
    is_total = [any(catalog.TOTAL_LABELS.match(c.text) for c in r if c.text) for r in rows]
    cands = [_by_stated(_candidates(a and [x for x, _ in a], amount_cols, rules, total), a, said, amount_cols)
             for a, total in zip(amounts_of, is_total)]
    code_cols = [j for j in text_cols if table.columns[j].split("/")[-1] in ("类", "款", "项")] or [0]
    codes = ["".join(r[j].text for j in code_cols) for r in rows]
    cands = [_by_class(c, code, table.columns) for c, code in zip(cands, codes)]
    chosen: list[tuple[int, ...] | None] = [c[0] if len(c) == 1 else None for c in cands]
    total_row = next((i for i, r in enumerate(rows) if not codes[i] and
                      any(catalog.TOTAL_LABELS.match(c.text) for c in r if c.text)), None)
    parents = [_code_parent(codes, i) if codes[i] else None for i in range(len(rows))]
    top = [i for i in range(len(rows)) if codes[i] and parents[i] is None]

    def values(i: int, combo) -> dict[int, Decimal]:
        return {c: parse_amount(a) or Decimal(0) for c, (a, _) in zip(combo, amounts_of[i])}

    def settle(group: list[int], target: dict[int, Decimal] | None, allowed: set[int] | None) -> None:
        """Choose placements of `group`'s ambiguous rows so their column sums meet `target`."""
        open_rows = [i for i in group if chosen[i] is None]
        if not open_rows:
            return
        options = []
        for i in open_rows:
            opts = [c for c in cands[i] if allowed is None or set(c) <= allowed] or cands[i]
            options.append(opts)
        combos = 1
        for o in options:
            combos *= len(o)
        if target is None or combos > 4096:
            for i, o in zip(open_rows, options):
                chosen[i] = o[0]
            return
        best, best_score = None, -1
        for pick in itertools.product(*options):
            sums: dict[int, Decimal] = {}
            for i in group:
                combo = pick[open_rows.index(i)] if i in open_rows else chosen[i]
                for c, v in values(i, combo).items():
                    sums[c] = sums.get(c, Decimal(0)) + v
            score = sum(1 for c in amount_cols if abs(sums.get(c, Decimal(0)) - target.get(c, Decimal(0)))
                        <= Decimal("0.01") * max(1, len(group)))
            if score > best_score:
                best, best_score = pick, score
        for i, combo in zip(open_rows, best):
            chosen[i] = combo

    if total_row is not None and chosen[total_row] is None:
        chosen[total_row] = cands[total_row][0]
    target = values(total_row, chosen[total_row]) if total_row is not None else None
    settle(top, target, None)
    for p in range(len(rows)):
        kids = [i for i in range(len(rows)) if parents[i] == p]
        if kids:
            if chosen[p] is None:
                chosen[p] = cands[p][0]
            settle(kids, values(p, chosen[p]), set(chosen[p]))
    for i, row in enumerate(rows):
        combo = chosen[i] if chosen[i] is not None else cands[i][0]
        ambiguous = len(amounts_of[i]) < len(amount_cols) and len(amounts_of[i]) > 0
        for c, (a, line) in zip(combo, amounts_of[i]):
            row[c] = Cell(a, (line,), ("column placed by the table's totals" +
                                       (" and the amounts the text states" if said else "")) if ambiguous else "")


# --------------------------------------------------------------------------- forms



def _fill_form(table: Table, content: list[tuple[int, str]], layout: str) -> None:
    """A performance-target form: key/value facts and small grids, then an indicator grid
    whose 一级/二级指标 labels are filled down over their merged cells."""
    header_idx, header_end, header_cells = _form_grid_header(content)
    facts = content[:header_idx] if header_idx is not None else content
    group = ""
    if header_idx and _is_grid_group_label(content[header_idx - 1][1]):
        group = squash(content[header_idx - 1][1])     # `年度绩效指标` above the grid's header
        facts = facts[:-1]
    facts = _take_grid_blocks(table, facts)
    merged = re.sub(r"\s+", " ", " ".join(s.replace("\t", " ").strip() for _, s in facts))
    any_key = "|".join(_spaced(x) for x in FORM_FIELD_KEYS)
    for key in FORM_FIELD_KEYS:
        m = re.search(_spaced(key) + r"\s+(.+?)(?=\s+(?:" + any_key + r"|项目资金|\(万元\)|（万元）)|$)", merged)
        if m:
            table.fields[key.replace(":", "：")] = m.group(1).replace(" ", "")
    if header_idx is None:
        return
    table.columns = [(group + "/" if group else "") + c for c in header_cells if c != "绩效指标"]
    width = len(table.columns)
    table.header_lines = (content[header_idx][0], content[header_end][0])
    repeated = {group, "".join(header_cells), *header_cells}
    rows: list[list[Cell]] = []
    l1 = l2 = ""
    spaced: list[tuple[int, str]] = []
    for k, s in content[header_end + 1:]:
        if squash(s) in repeated:
            continue        # the header repeated after a page break
        if "\t" not in s:
            spaced.append((k, s))
            continue
        rest = []
        for c in (squash(c) for c in s.split("\t")):
            level = _indicator_level(c)
            if level in INDICATOR_L1:
                l1 = level
            elif level:
                l2 = level
            elif c == "指标" and l2 + c in INDICATOR_LEVELS:     # `可持续影响` wrapped before `指标`
                for row in rows:
                    if row[1].text == l2:
                        row[1] = replace(row[1], text=l2 + c, lines=row[1].lines + (k,))
                l2 += c
            elif c and c not in ("绩效指标", "指标"):
                rest.append(c)
        if len(rest) >= 2:
            rows.append([Cell(l1, (k,), "filled down from the merged cell above"),
                         Cell(l2, (k,), "filled down from the merged cell above")] +
                        [Cell(c, (k,)) for c in (rest + [""] * width)[:width - 2]])
        elif rest and rows:     # the wrapped end of the previous indicator's name
            prev = rows[-1][2]
            rows[-1][2] = Cell(prev.text + rest[0], prev.lines + (k,), "joined from fragments")
    if _one_indicator_per_line(spaced, width):
        rows.extend(_line_indicator_rows(spaced, width))
    else:
        rows.extend(_spaced_indicator_rows(spaced, width))
    table.rows = rows


def _spaced(key: str) -> str:
    """A regex for `key` that also matches it wrapped over lines (`年度整体绩效总` `目标`)."""
    return r"\s*".join(re.escape(ch) for ch in key)


def _form_grid_header(content: list[tuple[int, str]]) -> tuple[int | None, int, list[str]]:
    """(first line index, last line index, cells) of a form's indicator grid header: one line
    (`一级指标 二级指标 三级指标 指标值`) or, one fragment per line, the run of header words
    from `一级指标` to the first level name."""
    for i, (_, s) in enumerate(content):
        if "一级指标" in s and "二级指标" in s:
            cells = _join_spaced_characters([c for c in re.split(r"\t| ", s.strip()) if c])
            return i, i, [squash(c) for c in cells]
        if squash(s) == "一级指标":
            end = i
            while end + 1 < len(content) and len(squash(content[end + 1][1])) <= 10 and \
                    squash(content[end + 1][1]) not in INDICATOR_LEVELS:
                end += 1
            cells = [squash(x) for _, x in content[i:end + 1]]
            if "二级指标" in cells:
                return i, end, cells
    return None, 0, []


def _is_grid_group_label(line: str) -> bool:
    text = squash(line)
    return text.endswith("指标") and len(text) <= 8 and text not in INDICATOR_LEVELS


def _take_grid_blocks(table: Table, lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Small grids inside a form (catalog.FORM_GRID_BLOCKS) read into fields named
    `block/group/row/column`; the lines outside them are returned."""
    rest: list[tuple[int, str]] = []
    i = 0
    while i < len(lines):
        label, j = _grid_block_label(lines, i)
        end = _read_grid_block(table, label, lines, j) if label else None
        if end is None:
            rest.append(lines[i])
            i += 1
        else:
            i = end
    return rest


def _grid_block_label(lines: list[tuple[int, str]], i: int) -> tuple[str, int]:
    """The block label starting at line i (`部门总体资金情` + `况（万元）`) and the line after it."""
    joined, j = "", i
    while j < len(lines) and len(joined) < 24:
        joined += squash(lines[j][1])
        j += 1
        for name in catalog.FORM_GRID_BLOCKS:
            if re.fullmatch(re.escape(name) + r"([(（][^)）]*[)）])?", joined):
                return joined, j
        if not any(name.startswith(joined) or joined.startswith(name) for name in catalog.FORM_GRID_BLOCKS):
            break
    return "", i


def _read_grid_block(table: Table, block: str, lines: list[tuple[int, str]], j: int) -> int | None:
    """Header lines up to the last one with a letter mark, then rows of amounts; returns the
    index after the block, or None when no marked header follows the label."""
    header_end, k = None, j
    while k < len(lines) and not any(is_amount(t) for t in split_tokens(lines[k][1])):
        if catalog.GRID_MARK.search(lines[k][1]):
            header_end = k
        k += 1
    if header_end is None:
        return None
    head = squash("".join(s for _, s in lines[j:header_end + 1]))
    columns = [m.group(0) for m in re.finditer(".*?" + catalog.GRID_MARK.pattern, head)]
    year = re.search(r"20\d\d年", columns[0])
    if year and year.start() > 0:           # the stub's own heading (`总体资金情况`) before it
        columns[0] = columns[0][year.start():]
    marks = [catalog.GRID_MARK.search(c).group(1) for c in columns]
    unit = re.search(r"[（(](万元|元)[）)]", block)
    if unit and not table.unit:
        table.unit = unit.group(1)
    group = ""
    k = header_end + 1
    while k < len(lines):
        tokens = split_tokens(lines[k][1])
        amounts = [t for t in tokens if is_amount(t)]
        label = squash("".join(t for t in tokens if not is_amount(t)))
        if not amounts:
            if label in catalog.FORM_FIELD_KEYS or k + 1 >= len(lines) or \
                    not any(is_amount(t) for t in split_tokens(lines[k + 1][1])):
                break
            group, k = label, k + 1
            continue
        for column, value in zip(columns, _place_by_marks(marks, amounts)):
            table.fields["/".join(x for x in (block, group, label, column) if x)] = value
        k += 1
    return k


def _place_by_marks(marks: list[str], amounts: list[str]) -> list[str]:
    """Amounts of a row seated under its columns; where cells are empty, the seating under
    which every identity column (`C-D`, `A+B`) holds."""
    n = len(marks)
    if len(amounts) >= n:
        return amounts[:n]
    for seats in itertools.combinations(range(n), len(amounts)):
        row = [""] * n
        for seat, value in zip(seats, amounts):
            row[seat] = value
        values = {m: parse_amount(v) or Decimal(0) for m, v in zip(marks, row)}
        if all(abs(values[m] - sum(sign * values.get(x, 0) for sign, x in catalog.mark_terms(m))) <= CENT
               for m in marks if len(m) > 1):
            return row
    return amounts + [""] * (n - len(amounts))


# --------------------------------------------------------------------------- space and fragment layouts

LABEL_START = re.compile(r"^([一二三四五六七八九十廿]+、|[（(][一二三四五六七八九十廿\d]+[）)]|\d+[.．、]\D|合\s*计|"
                         r"本年(?:收入|支出)|上年结|收\s*入\s*总|支\s*出\s*总|年终|其中)")
ALNUM_CODE = re.compile(r"^(?=.*\d)[0-9A-Z]{2,}$")
PARTIAL_NUMBER = re.compile(r"^[\d,]*\d(\.\d?)?$")
NUMBER_TAIL = re.compile(r"^\.?\d+$")
TWO_DECIMALS = re.compile(r"^[\d,]+\.\d{2}$")


def stream_tokens(content: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The tokens of a table's lines, column-number rows dropped and numbers split over two
    lines rejoined (`8132` + `.86`, `0.0` + `0`)."""
    out: list[tuple[int, str]] = []
    for k, line in content:
        toks = split_tokens(line.strip())
        if is_column_number_row(toks):
            continue
        for t in toks:
            if out and PARTIAL_NUMBER.match(out[-1][1]) and not TWO_DECIMALS.match(out[-1][1]) \
                    and NUMBER_TAIL.match(t) and TWO_DECIMALS.match(out[-1][1] + t) and out[-1][0] != k:
                out[-1] = (out[-1][0], out[-1][1] + t)
                continue
            out.append((k, t))
    return out


def classify(tokens: list[tuple[int, str]]) -> list[str]:
    """'code', 'amount' or 'text' for each token: a run of digit codes followed by a label
    is a code (2101501, 208 05 01, 4213032 2032R00 0000191), other numbers are amounts."""
    kinds = []
    n = len(tokens)
    for i, (_, t) in enumerate(tokens):
        if ALNUM_CODE.match(t):
            j = i
            while j < n and ALNUM_CODE.match(tokens[j][1]):
                j += 1
            # a lone number of 8+ digits before a label is an amount, not a classification code
            plausible = not t.isdigit() or len(t) <= 7 or j > i + 1
            if j < n and not is_amount(tokens[j][1]) and plausible:
                kinds.append("code")
                continue
        kinds.append("amount" if is_amount(t) else "text")
    return kinds


def _row_runs(tokens: list[tuple[int, str]], kinds: list[str], by_line: bool,
              header_words: frozenset[str] = frozenset()):
    """Header tokens, then rows as (code tokens, label tokens, amount tokens). A row ends
    with its amounts; a code after a label, or a new line in a line-based layout, starts one."""
    first_amount = next((i for i, (kd, (_, t)) in enumerate(zip(kinds, tokens))
                         if kd == "amount" and not (t.isdigit() and len(t) <= 2)), len(tokens))
    if first_amount == len(tokens):
        # no amounts at all: an empty table prints at most its bare total row, last
        last_is_total = bool(tokens) and catalog.TOTAL_LABELS.match(tokens[-1][1]) and \
            (len(tokens) < 2 or tokens[-2][0] != tokens[-1][0])
        return (tokens[:-1], [([], [tokens[-1]], [])]) if last_is_total else (tokens, [])
    start = first_amount
    # the first row's label is short: look for its start among the last few tokens only
    for i in range(first_amount - 1, max(-1, first_amount - 9), -1):
        if any(t in header_words for _, t in tokens[i + 1:first_amount]):
            break       # `合计 因公出国(境)费 公务接待费 …` is the header's last line, not a row
        if kinds[i] == "code" or LABEL_START.match(tokens[i][1]):
            start = i
            if kinds[i] == "code":
                while start > 0 and kinds[start - 1] == "code":
                    start -= 1
            break
    rows: list[tuple[list, list, list]] = []
    codes: list = []
    labels: list = []
    amounts: list = []
    prev_line = None
    for (k, t), kd in zip(tokens[start:], kinds[start:]):
        new_line = by_line and prev_line is not None and k != prev_line
        prev_line = k
        if (amounts and kd != "amount") or (kd == "code" and labels) or \
                (new_line and (codes or labels or amounts) and kd != "amount"):
            rows.append((codes, labels, amounts))
            codes, labels, amounts = [], [], []
        if kd == "code" and not labels:
            codes.append((k, t))
        elif kd == "amount":
            amounts.append((k, t))
        else:
            labels.append((k, t))
    if codes or labels or amounts:
        rows.append((codes, labels, amounts))
    return tokens[:start], rows


def _fill_token_grid(table: Table, content: list[tuple[int, str]], spec: TableSpec, context: Context,
                     layout: str) -> None:
    year, agency = context.year, context.agency
    tokens = stream_tokens(content)
    kinds = classify(tokens)
    header_words = frozenset(w for layout in spec.layouts for c in layout for w in c.split("/")
                             if "{year}" not in w and len(w) > 2)
    header, runs = _row_runs(tokens, kinds, by_line=False, header_words=header_words)
    header_text = " ".join(t for _, t in header)
    table.fields["_header"] = header_text
    if header:
        table.header_lines = (header[0][0], header[-1][0])
    width = max([len(a) for _, _, a in runs] + [0])
    columns = _choose_layout(spec, header_text, year, width) if spec.layouts else None
    has_code = columns is not None and any(w in columns[0] for w in ("编码", "代码")) or \
        (columns is None and any(c for c, _, _ in runs))
    if columns is None:
        columns = _generic_columns(header_text, width, has_code)
    table.columns = columns
    text_cols = [j for j, c in enumerate(columns) if _is_text_column(c)]
    if not text_cols:
        table.rows = [[Cell(clean_number(t), (k,)) for k, t in amounts] +
                      [Cell("") for _ in range(len(columns) - len(amounts))] for _, _, amounts in runs if amounts]
        return
    if layout == "space" and any(c.split("/")[-1] in SEQUENCE_LEAVES for c in columns):
        table.rows = _numbered_rows(columns, content, catalog.resolve_rules(columns, spec.column_rules))
        return
    if layout == "space" and sum(bool(re.search(r"(编码|代码)$", c.split("/")[-1])) for c in columns) > 1:
        table.rows = _coded_panel_rows(columns, content)
        return
    if not has_code:
        by_line = layout == "space"
        if by_line:
            _, runs = _row_runs(tokens, kinds, by_line=True, header_words=header_words)
        table.rows = _panel_rows(columns, text_cols, runs, by_line=by_line)
        return
    unit_col = next((j for j in text_cols[2:] if "单位" in columns[j].split("/")[-1]), None)
    name_col = next((j for j in text_cols if "名称" in columns[j].split("/")[-1]),
                    text_cols[1] if len(text_cols) > 1 else 1)
    code_parts = [j for j in text_cols if columns[j].split("/")[-1] in ("类", "款", "项")]
    rows, amounts_of = [], []
    for codes, labels, amounts in runs:
        name = "".join(t for _, t in labels)
        if not amounts and sum(w in name for w in header_words) >= 2:
            continue        # the header printed again after a page break
        row = [Cell("", tuple(k for k, _ in codes + labels + amounts)) for _ in columns]
        lines = tuple(sorted({k for k, _ in labels}))
        if codes and code_parts:
            for j, (k, t) in zip(code_parts, _code_parts(codes, len(code_parts))):
                row[j] = Cell(t, (k,))
        elif codes:
            row[0] = Cell("".join(t for _, t in codes), tuple(sorted({k for k, _ in codes})),
                          "joined from fragments" if len(codes) > 1 else "")
        if unit_col is not None and agency and name.endswith(agency) and name != agency:
            row[unit_col] = Cell(agency, lines, "split from the label by the unit's name")
            name = name[:-len(agency)]
        row[name_col] = Cell(name, lines, "joined from fragments" if len(labels) > 1 else "")
        rows.append(row)
        amounts_of.append([(clean_number(t), k) for k, t in amounts])
    stated = context.stated if table.unit == "万元" else ()
    _place_amounts(table, rows, amounts_of, spec, text_cols, stated)
    table.rows = rows


def _code_parts(codes: list[tuple[int, str]], n: int) -> list[tuple[int, str]]:
    """A code for 类/款/项 columns: printed parts as they are, a whole code cut 3/2/2."""
    if len(codes) > 1:
        return codes[:n]
    k, code = codes[0]
    parts = [code[:3], code[3:5], code[5:7]][:n]
    return [(k, p) for p in parts]


def _generic_columns(header_text: str, width: int, has_code: bool) -> list[str]:
    """Columns of a table whose header matches no template: the header words when they fit
    the body's width, else numbered columns."""
    words = [w for w in split_tokens(header_text) if not is_amount(w)]
    labels = (["编码", "名称"] if has_code else ["项目"])
    total = len(labels) + width
    if len(words) == total:
        return words
    return labels + [f"列{i + 1}" for i in range(width)]


LABEL_END = re.compile(r"(收入|支出|结转|结余|合计|总计|拨款|下年)$")
RIGHT_SIDE = re.compile(r"支出|^年终|^结转下年|^结余分配|^年末")
NUMERALS = "一二三四五六七八九十"
ENUMERATOR = re.compile(r"^([（(])?([一二三四五六七八九十廿]+)([）)]|、)")


def _numeral(text: str) -> int:
    """一 → 1, 十二 → 12, 廿一 → 21."""
    text = text.replace("廿", "二十")
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (NUMERALS.index(tens) + 1 if tens else 1) * 10 + (NUMERALS.index(ones) + 1 if ones else 0)
    return NUMERALS.index(text) + 1 if text in NUMERALS else 0


def _enumerator(label: str) -> tuple[str, int] | None:
    m = ENUMERATOR.match(label)
    return (m.group(1) or "、", _numeral(m.group(2))) if m else None


def _is_right_label(label: str, last: dict[bool, tuple[str, int] | None]) -> bool:
    """Whether a label belongs to the right (支出) panel: it continues that panel's numbering,
    or reads as an expense line."""
    enum = _enumerator(label)
    if enum is not None:
        sides = [side for side in (True, False) if last[side] is not None and
                 last[side][0] == enum[0] and enum[1] == last[side][1] + 1]
        if len(sides) == 1:
            return sides[0]
    return bool(RIGHT_SIDE.search(label))


def _panel_rows(columns: list[str], text_cols: list[int], runs, by_line: bool) -> list[list[Cell]]:
    """Two panels side by side (收入 | 支出): each label/amounts pair goes to its panel. In a
    line-based layout a line is a row; in fragments a left label starts a new row."""
    left_label = text_cols[0]
    right_label = text_cols[1] if len(text_cols) > 1 else None
    left_amounts = list(range(left_label + 1, right_label if right_label is not None else len(columns)))
    right_amounts = list(range(right_label + 1, len(columns))) if right_label is not None else []
    rows: list[list[Cell]] = []
    current = None
    line_of_row = None
    last_enum: dict[bool, tuple[str, int] | None] = {False: None, True: None}
    for codes, labels, amounts in runs:
        words = _split_labels(codes + labels)
        pairs = [(w, []) for w in words[:-1]] + ([(words[-1], amounts)] if words else [])
        if not words and amounts and current is not None:
            pairs = [((), amounts)]
        for n, ((lines, label), amts) in enumerate(pairs):
            row_line = (lines or tuple(k for k, _ in amts) or (None,))[0]
            if by_line:
                right = n > 0 or (current is not None and row_line == line_of_row) or \
                    (right_label is not None and bool(RIGHT_SIDE.search(label)))
            else:
                right = right_label is not None and _is_right_label(label, last_enum)
            if current is None or (by_line and row_line != line_of_row) or \
                    (not by_line and (not right or current[right_label].text)):
                current = [Cell("") for _ in columns]
                rows.append(current)
                line_of_row = row_line
            if right and right_label is None:
                right = False
            if label:
                last_enum[right] = _enumerator(label) or last_enum[right]
                current[right_label if right else left_label] = Cell(
                    label, lines, "joined from fragments" if len(lines) > 1 else "")
            targets = right_amounts if right else left_amounts
            for j, (k, t) in zip([c for c in targets if not current[c].text], amts):
                current[j] = Cell(clean_number(t), (k,))
    return rows


SEQUENCE_LEAVES = ("行次", "栏次")
ECONOMIC_CODE = re.compile(r"^\d{3}(\d{2})?$")
SEQUENCE_NUMBER = re.compile(r"^\d{1,3}$")


def _numbered_panels(columns: list[str]) -> list[tuple[int, int, list[int]]]:
    """(label column, 行次 column, amount columns) of each panel of a table whose rows are
    numbered (决算 公开01/04/09/10)."""
    seqs = [j for j, c in enumerate(columns) if c.split("/")[-1] in SEQUENCE_LEAVES]
    return [(s - 1, s, list(range(s + 1, seqs[n + 1] - 1 if n + 1 < len(seqs) else len(columns))))
            for n, s in enumerate(seqs)]


def _numbered_rows(columns: list[str], lines: list[tuple[int, str]], rules) -> list[list[Cell]]:
    """A line per row, each panel `label 行次 amounts…`, the empty cells dropped. The 行次
    numbers run on from line to line, which tells a panel's number from an amount."""
    panels = _numbered_panels(columns)
    expected: list[int | None] = [None] * len(panels)
    rows: list[list[Cell]] = []
    for k, line in lines:
        tokens = split_tokens(line)
        seats = _sequence_seats(tokens, expected) if tokens else [None]
        if seats[0] is None or (is_column_number_row(tokens) and expected[0] is None):
            if seats[0] is not None:
                continue        # `栏次 1 2`: the columns' numbers, not a row
            # before the first row: the header; after it, a label wrapped onto this line
            if rows and len(tokens) == 1 and not is_amount(tokens[0]) and \
                    not any(w in tokens[0] for w in SEQUENCE_LEAVES + ("项目",)):
                label = rows[-1][panels[0][0]]
                rows[-1][panels[0][0]] = Cell(label.text + "".join(tokens), label.lines + (k,),
                                              "joined from fragments")
            continue
        row = [Cell("") for _ in columns]
        start = 0
        for p, seat in enumerate(seats):
            if seat is None:
                continue
            label_col, seq_col, amount_cols = panels[p]
            label = "".join(tokens[start:seat])
            if label:
                row[label_col] = Cell(label, (k,))
            row[seq_col] = Cell(tokens[seat], (k,))
            expected[p] = int(tokens[seat]) + 1
            end = seat + 1
            later = [s for s in seats[p + 1:] if s is not None]
            while end < len(tokens) and is_amount(tokens[end]) and (not later or end < later[0]):
                end += 1
            amounts = tokens[seat + 1:end]
            panel_rules = [(t, ps) for t, ps in rules if t in amount_cols]
            for c, a in zip(_candidates(amounts, amount_cols, panel_rules)[0], amounts):
                row[c] = Cell(clean_number(a), (k,),
                              "column placed by the table's totals" if len(amounts) < len(amount_cols) else "")
            start = end
        rows.append(row)
    return rows


def _sequence_seats(tokens: list[str], expected: list[int | None]) -> list[int | None]:
    """The token index of each panel's 行次 number: the number expected after the previous
    line's, else (first line) the first number after the panel's label."""
    seats: list[int | None] = []
    start = 0
    for want in expected:
        seat = None
        for i in range(start, len(tokens)):
            if not SEQUENCE_NUMBER.match(tokens[i]):
                continue
            if want is not None and int(tokens[i]) == want:
                seat = i
                break
            if want is None and (i == start or not is_amount(tokens[i - 1])):
                seat = i
                break
        if seat is None and want is not None:      # a number skipped: take up the sequence again
            seat = next((i for i in range(start, len(tokens)) if SEQUENCE_NUMBER.match(tokens[i])
                         and i > start and not is_amount(tokens[i - 1])), None)
        seats.append(seat)
        if seat is not None:
            start = seat + 1
    return seats


def _coded_panel_rows(columns: list[str], lines: list[tuple[int, str]]) -> list[list[Cell]]:
    """Panels of (code, name, amount) side by side (决算 公开06), the empty cells dropped: a
    code starts a cell group; a group goes to the panel whose codes it continues."""
    panels = [(j, j + 1, j + 2) for j, c in enumerate(columns) if re.search(r"(编码|代码)$", c.split("/")[-1])]
    last: list[str] = [""] * len(panels)
    rows: list[list[Cell]] = []
    for k, line in lines:
        tokens = split_tokens(line)
        groups: list[list[str]] = []
        for t in tokens:
            code = ECONOMIC_CODE.match(t)
            after_amount = bool(groups) and len(groups[-1]) > 1 and is_amount(groups[-1][-1])
            if code or not groups or (not is_amount(t) and after_amount):
                groups.append([t])
            else:
                groups[-1].append(t)
        if not groups or (not rows and not any(ECONOMIC_CODE.match(g[0]) for g in groups)):
            continue        # nothing, or the header before the first coded row
        row = [Cell("") for _ in columns]
        for p, group in zip(_panels_for(groups, last), groups):
            code_col, name_col, amount_col = panels[p]
            code = group[0] if ECONOMIC_CODE.match(group[0]) else ""
            amounts = [t for t in group[1 if code else 0:] if is_amount(t)]
            name = "".join(t for t in group[1 if code else 0:] if not is_amount(t))
            if code:
                row[code_col] = Cell(code, (k,))
                last[p] = code
                row[name_col] = Cell(name, (k,))
            else:       # `人员经费合计 988.75`: a total's label stands in the code column
                row[code_col] = Cell(name, (k,))
            if amounts:
                row[amount_col] = Cell(clean_number(amounts[0]), (k,))
        rows.append(row)
    return rows


def _panels_for(groups: list[list[str]], last: list[str]) -> list[int]:
    """The panel of each group, in order: all panels when every one is printed, else those
    whose codes the groups continue (same 类, or the next 类 after the panel's last)."""
    n = len(last)
    if len(groups) >= n:
        return list(range(n))

    def fit(group: list[str], p: int) -> int:
        code = group[0] if ECONOMIC_CODE.match(group[0]) else ""
        if not code or not last[p]:
            return 0
        if code[:3] == last[p][:3]:
            return 2000
        # a new 类 continues the panel whose last 类 is nearest below it
        return 1000 + int(last[p][:3]) if len(code) == 3 and code > last[p][:3] else -1
    best = max(itertools.combinations(range(n), len(groups)),
               key=lambda seats: sum(fit(g, p) for g, p in zip(groups, seats)))
    return list(best)


def _split_labels(labels: list[tuple[int, str]]) -> list[tuple[tuple[int, ...], str]]:
    """Label fragments grouped into labels: a fragment that starts a label begins a new one."""
    out: list[tuple[list[int], str]] = []
    for k, t in labels:
        if out and not LABEL_START.match(t) and not re.match(r"^(收入|支出)总?计$", t) \
                and not (len(out[-1][1]) >= 4 and LABEL_END.search(out[-1][1])):
            out[-1] = (out[-1][0] + [k], out[-1][1] + t)
        else:
            out.append(([k], t))
    return [(tuple(sorted(set(ks))), re.sub(r"\s+", "", t)) for ks, t in out]


def _indicator_level(text: str) -> str:
    """The 一级/二级指标 a cell names, also when the cell holds only the start of it."""
    if text in INDICATOR_LEVELS:
        return text
    if len(text) >= 4:
        for word in INDICATOR_LEVELS:
            if word.startswith(text):
                return word
    return ""


def _one_indicator_per_line(lines: list[tuple[int, str]], width: int) -> bool:
    """A form with several value columns (自评表: 指标值, 全年实际完成值, 原因) printed a line
    per indicator: most lines hold a name and at least two values."""
    counts = [sum(t not in INDICATOR_LEVELS for t in s.split()) for _, s in lines]
    counts = [n for n in counts if n]
    return width - 3 >= 2 and bool(counts) and sorted(counts)[len(counts) // 2] >= 3


MEASURE_UNIT = re.compile(r"^(分钟|小时|个?月|天|日|年|个|次|人次?|家|项|户|批|件|万?元)$")


def _join_number_units(tokens: list[str]) -> list[str]:
    """`60` `分钟` is one value, `60分钟`, printed with a space."""
    out: list[str] = []
    for t in tokens:
        if out and MEASURE_UNIT.match(t) and re.fullmatch(r"[≥≤<>=]?\d+(\.\d+)?", out[-1]):
            out[-1] += t
        else:
            out.append(t)
    return out


def _line_indicator_rows(lines: list[tuple[int, str]], width: int) -> list[list[Cell]]:
    """Levels first (filled down), then the name, then a value per column; a line holding
    only a word continues the name above (`医保基金`), a lone `指标` the level (`可持续影响`)."""
    rows: list[list[Cell]] = []
    l1 = l2 = ""
    n_values = width - 3
    for k, s in lines:
        rest: list[str] = []
        for t in s.split():
            if rest or t == "绩效指标":
                rest += [t] if t != "绩效指标" else []
            elif t in INDICATOR_L1:
                l1 = t
            elif t in INDICATOR_LEVELS:
                l2 = t
            elif t == "指标" and l2 + t in INDICATOR_LEVELS:
                for row in rows:
                    if row[1].text == l2:
                        row[1] = replace(row[1], text=l2 + t, lines=row[1].lines + (k,))
                l2 += t
            else:
                rest.append(t)
        if len(rest) == 1 and rows:
            name = rows[-1][2]
            rows[-1][2] = Cell(name.text + rest[0], name.lines + (k,), "joined from fragments")
            continue
        if not rest:
            continue
        rest = _join_number_units(rest)
        cut = max(1, len(rest) - n_values)
        values = rest[cut:]
        rows.append([Cell(l1, (k,), "filled down from the merged cell above"),
                     Cell(l2, (k,), "filled down from the merged cell above"),
                     Cell("".join(rest[:cut]), (k,))] +
                    [Cell(v, (k,)) for v in values] + [Cell("") for _ in range(n_values - len(values))])
    return rows


def _spaced_indicator_rows(lines: list[tuple[int, str]], width: int) -> list[list[Cell]]:
    """Indicator rows of a form printed with spaces: 一级/二级 labels are filled down; a
    三级指标 name wrapped at the cell width continues on the next fragment; the value follows
    the name, with the rest of its line (`=12 个月`)."""
    tokens: list[tuple[int, str]] = []
    for k, s in lines:
        for t in s.split():
            if tokens and tokens[-1][1] + t in INDICATOR_LEVELS:   # a level name split over lines
                tokens[-1] = (tokens[-1][0], tokens[-1][1] + t)
            elif tokens and tokens[-1][0] == k and LATIN_WORD.match(tokens[-1][1]) and CJK_START.match(t):
                tokens[-1] = (k, tokens[-1][1] + t)     # `DRG 付费改革`: one name, spaced after Latin
            else:
                tokens.append((k, t))
    names = [t for _, t in tokens if t not in INDICATOR_LEVELS and not INDICATOR_VALUE.match(t)]
    wrap = max((len(t) for t in names), default=0)
    rows: list[list[Cell]] = []
    l1 = l2 = ""
    name: list[tuple[int, str]] = []
    i = 0
    while i < len(tokens):
        k, t = tokens[i]
        if t in INDICATOR_L1:
            l1, i = t, i + 1
            continue
        if t in INDICATOR_LEVELS:
            l2, i = t, i + 1
            continue
        if not name:
            line_rest = [x for x in tokens[i + 1:] if x[0] == k and x[1] not in INDICATOR_LEVELS]
            split = next((n for n, (_, x) in enumerate(line_rest) if INDICATOR_VALUE.match(x)), None)
            if split is not None:        # `DRG 培训会 ≥2次`: the name runs up to the value
                name = [(k, t)] + line_rest[:split]
                i += 1 + split
                continue
            name, i = [(k, t)], i + 1
            # a name wrapped at the cell width goes on, unless what follows must be its value
            while i + 1 < len(tokens) and len(name[-1][1]) >= wrap - 1 and tokens[i][0] != name[-1][0] \
                    and tokens[i][1] not in INDICATOR_LEVELS and not INDICATOR_VALUE.match(tokens[i][1]) \
                    and tokens[i + 1][1] not in INDICATOR_LEVELS:
                name.append(tokens[i])
                i += 1
            continue
        value = [(k, t)]
        i += 1
        while i < len(tokens) and tokens[i][1] not in INDICATOR_LEVELS and (
                tokens[i][0] == k or (len(tokens[i][1]) == 1 and tokens[i][0] <= value[-1][0] + 2)):
            value.append(tokens[i])
            i += 1
        lines_used = tuple(sorted({x for x, _ in name + value}))
        rows.append([Cell(l1, lines_used, "filled down from the merged cell above"),
                     Cell(l2, lines_used, "filled down from the merged cell above"),
                     Cell("".join(x for _, x in name), tuple(sorted({x for x, _ in name})),
                          "joined from fragments" if len(name) > 1 else ""),
                     Cell("".join(x for _, x in value), (k,))] + [Cell("") for _ in range(max(0, width - 4))])
        name = []
    return rows


# --------------------------------------------------------------------------- multi-project forms

def _join_levels(tokens: list[tuple[int, str]]) -> list[tuple[int, str, bool]]:
    """Tokens with level names split over fragments (`产出` `指标`, `社会公众或` `服务对象满`
    `意度指标`) joined; the flag marks level names."""
    out: list[tuple[int, str, bool]] = []
    i = 0
    while i < len(tokens):
        k, t = tokens[i]
        j, joined, best = i, "", None
        while j < len(tokens) and len(joined) < 16:
            joined += tokens[j][1]
            if joined in INDICATOR_LEVELS:
                best = (j, joined)
            if not any(w.startswith(joined) for w in INDICATOR_LEVELS):
                break
            j += 1
        if best is not None:
            out.append((k, best[1], True))
            i = best[0] + 1
        else:
            out.append((k, t, False))
            i += 1
    return out


def _split_value(fragments: list[tuple[int, str]]) -> tuple[list, list]:
    """The value at the end of an indicator's fragments: the value column wraps at three
    characters, so `当期实` + `现` is one value and what precedes it the indicator's name."""
    if not fragments:
        return [], []
    shared = next((i for i in range(1, len(fragments)) if fragments[i][0] == fragments[i - 1][0]), None)
    if shared is not None and len(fragments[shared][1]) <= 3 and not INDICATOR_VALUE.match(fragments[shared - 1][1]):
        # `资金及时 当期实` on one line: the name's and the value's first fragments side by side;
        # a value as wide as its column (3) goes on in the last fragment (`现`)
        value = [fragments[shared]]
        rest = fragments[:shared] + fragments[shared + 1:]
        if len(fragments[shared][1]) == 3 and len(rest) > shared and len(rest[-1][1]) <= 2:
            value, rest = value + [rest[-1]], rest[:-1]
        return rest, value
    if len(fragments) >= 3 and len(fragments[-2][1]) == 3 and len(fragments[-1][1]) <= 2 \
            and not re.search(r"\d", fragments[-1][1]):
        return fragments[:-2], fragments[-2:]
    return fragments[:-1], fragments[-1:]


def _has_grid_header(content: list[tuple[int, str]], layout: tuple[str, ...]) -> bool:
    """Whether the form's first lines are the header of a grid of several projects."""
    head = squash("".join(s for _, s in content[:60]))
    return all(word in head for word in layout[:4])


def _name_and_goals(lead: str, projects: tuple[str, ...]) -> tuple[str, str, str]:
    """Split a project block's lead text into name, 中期 and 年度 goals. The goals are usually
    printed twice (the same text in both columns), which marks where the name ends; else a
    known project name does."""
    for size in range(len(lead) // 2, 3, -1):
        if lead[-size:] == lead[-2 * size:-size] and len(lead) - 2 * size >= 2:
            return lead[:-2 * size], lead[-size:], lead[-size:]
    name, shared = _best_known_name(lead, projects)
    if not name:
        return lead, "", ""      # no goals printed: the lead is the name alone
    return name, lead[shared:], ""


def _starts_unknown_project(body: list[tuple[int, str, bool]], i: int) -> bool:
    """After the value of a project's last indicator (its 满意度 level) a long run of text
    without level names is the next project's name and goals."""
    if i == 0 or body[i][2]:
        return False
    last_level = next((t for _, t, lv in reversed(body[:i]) if lv), "")
    if "满意" not in last_level:
        return False
    prev = body[i - 1][1]
    if not (INDICATOR_VALUE.match(prev) and re.search(r"[%％]$", prev)):
        return False
    next_level = next((j for j in range(i, len(body)) if body[j][2]), None)
    if next_level is None:
        return False
    # the next project's indicator list opens with a 一级指标, after its name (and goals)
    return body[next_level][1] in INDICATOR_L1 and next_level - i >= 2


def _best_known_name(lead: str, projects: tuple[str, ...]) -> tuple[str, int]:
    """The known project whose name the block starts with (its end may have been pushed
    further by a page break): the name, and how many characters of `lead` it covers."""
    best, shared = "", 0
    for p in projects:
        n = 0
        while n < min(len(p), len(lead)) and p[n] == lead[n]:
            n += 1
        if n > shared and n >= min(6, len(p)):
            best, shared = p, n
    return best, shared


def _repeated_goal_tail(items: list[tuple[int, str, bool]]) -> tuple[list, str]:
    """The end of a project's goals pushed among its indicators by a page break: the same
    run of fragments printed twice in a row (中期 and 年度 targets), ending a sentence."""
    texts = [t for _, t, _ in items]
    for n in range(1, 12):
        for i in range(0, len(texts) - 2 * n + 1):
            if texts[i:i + n] == texts[i + n:i + 2 * n] and texts[i + n - 1].endswith("。"):
                return items[:i] + items[i + 2 * n:], "".join(texts[i:i + n])
    return items, ""


def _fill_project_grid_form(table: Table, content: list[tuple[int, str]], layout: tuple[str, ...],
                            projects: tuple[str, ...]) -> None:
    """A performance form listing several projects one fragment per line: project blocks
    start where a known project name starts; in each block the text before the first level
    name is the name and its goals (printed twice when 中期 and 年度 targets are the same);
    each 二级指标 is followed by its 三级指标 name and value."""
    import unicodedata
    tokens = stream_tokens(content)
    columns = list(layout)
    last_word = squash(unicodedata.normalize("NFKC", columns[-1]))
    text = ""
    start = 0
    for i, (_, t) in enumerate(tokens[:80]):
        text += t
        if last_word in squash(text):
            start = i + 1
            break
    header, body = tokens[:start], _join_levels(tokens[start:])
    table.columns = columns
    if header:
        table.header_lines = (header[0][0], header[-1][0])
    stream = "".join(t for _, t, _ in body)
    starts = sorted({stream.find(name) for name in projects if name and stream.find(name) >= 0})
    offsets, pos = [], 0
    for _, t, _ in body:
        offsets.append(pos)
        pos += len(t)
    blocks: list[list[tuple[int, str, bool]]] = []
    for i, item in enumerate(body):
        if not blocks or offsets[i] in starts or _starts_unknown_project(body, i):
            blocks.append([])
        blocks[-1].append(item)
    rows: list[list[Cell]] = []
    width = len(columns)
    for block in blocks:
        first_level = next((i for i, (_, _, lv) in enumerate(block) if lv), len(block))
        lead = "".join(t for _, t, _ in block[:first_level])
        name, mid, annual = _name_and_goals(lead, projects)
        rest, tail = _repeated_goal_tail(block[first_level:])
        if tail:
            mid, annual = mid + tail, (annual + tail if annual else annual)
        l1 = l2 = ""
        pending: list[tuple[int, str]] = []

        def flush() -> None:
            if not pending:
                return
            name_part, value_part = _split_value(pending)
            lines = tuple(sorted({k for k, _ in pending}))
            row = [Cell("") for _ in range(width)]
            row[0] = Cell(name, lines, "filled down from the merged cell above")
            row[1] = Cell(mid, lines, "filled down from the merged cell above")
            row[2] = Cell(annual, lines, "filled down from the merged cell above")
            row[3], row[4] = Cell(l1, lines), Cell(l2, lines)
            row[5] = Cell("".join(t for _, t in name_part), lines, "joined from fragments")
            row[7] = Cell("".join(t for _, t in value_part), lines, "joined from fragments")
            rows.append(row)
            pending.clear()

        for n, (k, t, is_level) in enumerate(rest):
            if is_level:
                flush()
                following = next((x for _, x, lv in rest[n + 1:n + 2] if lv), "")
                # 成本指标 is a 一级指标 over 经济成本指标 …, or itself a 二级指标 under 产出指标
                if t in INDICATOR_L1 and (t != "成本指标" or following in INDICATOR_L2):
                    l1 = t
                else:
                    l2 = t
                continue
            if pending and INDICATOR_VALUE.match(pending[-1][1]) and re.search(r"[%％\d]$", pending[-1][1]):
                flush()     # `…救助比率 ≥70%` ended an indicator; another follows under the same level
            pending.append((k, t))
        flush()
    table.rows = rows
