"""Tables of panels side by side: 收入 | 支出 summaries, 行次-numbered 决算 tables, and
(code, name, amount) panels, read where the text dropped the empty cells."""
from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

from . import catalog
from .columns import SEQUENCE_LEAVES, Column, ColumnRole
from .model import Cell, clean_number, parse_amount
from .placement import PLACED_BY_TOTALS, holds_total, placements, two_rows_of_totals
from .reader import normalise
from .settings import SETTINGS
from .text import CLOSES_FIRST, HAN, LIST_CLOSE, display_width, opens_bracket
from .tokens import (
    CODE,
    COLUMN_NUMBER_WORDS,
    ECONOMIC_CODE,
    LABEL_START,
    Run,
    Token,
    is_amount,
    is_column_number_row,
    spaced_cells,
    split_tokens,
    stream_tokens,
    token_places,
)

WHOLE_LABEL = 4         # characters of a label printed apart from another on its line, at least
LABEL_END = re.compile(r"(收入|支出|结转|结余|合计|总计|拨款|下年|[）)])$")
# the heads of a 决算 summary's closing lines, each a label of its own (`结余分配` after `使用非财政拨款结余（含专用结余）`)
CLOSING_LINE = re.compile(r"^(年初结转|年末结转|结余分配|使用非财政拨款|年终结)")
RIGHT_SIDE = re.compile(r"支出|^年终|^结转下年|^结余分配|^年末")
NUMERALS = "一二三四五六七八九十"
# a list item's number: `(3)`, `（一）`, `3、`, `二十、`, `1.`
LIST_NUMBER = re.compile(r"^(?:[（(](\d{1,2}|[一二三四五六七八九十廿]+)[）)]|(\d{1,2}|[一二三四五六七八九十廿]+)[、.．])")


def _numeral(text: str) -> int:
    """一 → 1, 十二 → 12, 廿一 → 21."""
    text = text.replace("廿", "二十")
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (NUMERALS.index(tens) + 1 if tens else 1) * 10 + (NUMERALS.index(ones) + 1 if ones else 0)
    return NUMERALS.index(text) + 1 if text in NUMERALS else 0


ListNumber = tuple[tuple[bool, bool], int]      # (bracketed, arabic), number


def _list_number(label: str) -> ListNumber | None:
    """A label's place in its list: its style (bracketed, arabic) and its number
    (`(3)…` → ((True, True), 3); `二十、…` → ((False, False), 20))."""
    m = LIST_NUMBER.match(label)
    if m is None:
        return None
    number = m.group(1) or m.group(2)
    return (m.group(1) is not None, number.isdigit()), int(number) if number.isdigit() else _numeral(number)


# the styles of a list's numbers, outermost level first: 一、 （一） 1. （1）
LIST_STYLES = ((False, False), (True, False), (False, True), (True, True))


def list_level(label: str) -> int | None:
    """How deep in its list a numbered label stands (0 for `一、`, 3 for `（1）`); None unnumbered."""
    numbered = _list_number(label)
    return LIST_STYLES.index(numbered[0]) if numbered is not None else None


def _enumerator(label: str) -> ListNumber | None:
    """The place of a label numbered in Chinese numerals (`二、`, `（三）`): the two panels of
    a summary number their lists so."""
    numbered = _list_number(label)
    return numbered if numbered is not None and not numbered[0][1] else None


def _reads_as_expense(label: str) -> bool:
    """`二、年终结转结余` is an expense-side line: its words, not its number, tell."""
    return bool(RIGHT_SIDE.search(LIST_NUMBER.sub("", label)))


def _is_right_label(label: str, last: dict[bool, ListNumber | None]) -> bool:
    """Whether a label belongs to the right (支出) panel: it continues that panel's numbering,
    or reads as an expense line."""
    enum = _enumerator(label)
    if enum is not None:
        sides = [side for side in (True, False) if _next_in_list(enum, last[side])]
        if len(sides) == 1:
            return sides[0]
    return _reads_as_expense(label)


def _next_in_list(enum: ListNumber, last: ListNumber | None) -> bool:
    """Whether `enum` (style, number) follows `last` in its list (`三、` after `二、`)."""
    return last is not None and last[0] == enum[0] and enum[1] == last[1] + 1


def _opens_or_continues(enum: ListNumber, last: ListNumber | None) -> bool:
    """Whether `enum` follows `last` in its list, or opens a list where none was numbered above."""
    return enum[1] == 1 if last is None else _next_in_list(enum, last)


def starts_row(text: str) -> bool:
    """Text that opens a row of its own: 一、 (一) 1. 合计 小计 其中 …, never a wrapped name's end."""
    return bool(LABEL_START.match(text) or _enumerator(text) or catalog.TOTAL_LABELS.match(text) or
                SUBTOTAL.match(text))


SUBTOTAL = re.compile(r"^小\s*计$")
LIST_END = re.compile(r"[合小总]\s*计$")      # a total or subtotal (当年支出小计) ends the items it sums
WRAPPED_TAIL = re.compile(f"^(?:{HAN}|[）)]){{1,2}}$")     # the last characters of a wrapped label


# the words a row's name ends in (一般公共预算资金, 专项收入, 专户管理教育收费): a name
# ending so is whole; a wrapped name's end starts mid-word (`出`, `务支出`)
WHOLE_NAME_END = re.compile(r"(收入|支出|资金|拨款|收费|经费|结余|[小合总]计)$")


def _whole_name_after_whole_name(label_above: str, text: str) -> bool:
    """A name of three characters or more that ends as row names do, under a name that ends
    so too: a row of its own, its figures left empty (`一般公共预算资金 … 24,169.74` then
    `专项收入`), not the wrapped end of the name above."""
    return len(text) >= 3 and bool(WHOLE_NAME_END.search(text)) and bool(WHOLE_NAME_END.search(label_above))


def _left_head_around(rows: list[list[Cell]], left: int, right: int, row_line: int, tail_line: int
                      ) -> list[Cell] | None:
    """The row holding the head of a left label wrapped around the last row's line: printed on
    the line above (on that row, or alone as the row before), its end on the line below, where
    the row's right label stands whole on its line and the head does not end as a name does."""
    row = rows[-1]
    if tail_line != row_line + 1 or row[right].lines != (row_line,) or not WHOLE_NAME_END.search(row[right].text):
        return None
    if row[left].text:
        holder = row
    elif len(rows) >= 2 and rows[-2][left].text and not any(c.text for j, c in enumerate(rows[-2]) if j != left):
        holder = rows[-2]       # (the head alone on its line made a row of its own)
    else:
        return None
    head = holder[left]
    return holder if head.lines and max(head.lines) == row_line - 1 and not WHOLE_NAME_END.search(head.text) else None


def _label_above(rows: list[list[Cell]], r: int, col: int) -> str:
    """The nearest label above row `r` in column `col` ("" if none)."""
    return next((rows[q][col].text for q in range(r - 1, -1, -1) if rows[q][col].text), "")


def _numbered_above(rows: list[list[Cell]], r: int, col: int, style: tuple[bool, bool]) -> ListNumber | None:
    """The place of the nearest label above row `r` in column `col` numbered in `style`: a list
    runs on past the items of a list nested in it (`一、` `1.` `2.` `二、`) and pieces of
    wrapped labels."""
    return next((n for q in range(r - 1, -1, -1) if (n := _list_number(rows[q][col].text)) and n[0] == style), None)


def labels_wrapped_around_joined(rows: list[list[Cell]], text_cols: list[int]) -> list[list[Cell]]:
    """A label wrapped in its cell prints its head on a line of its own above its row's line
    and its end on one below, the row's other cells on the row's line (`四、机关资本性支出（基本建`
    / `四、节能环保支出 对个人和家庭的补助` / `设）`): two such pieces, each a row of its own
    around a row, are one label, seated in that row's panel whose list it continues — where
    exactly one panel lacks a label and its list runs on so (三、 above: 四、)."""
    def alone(row: list[Cell]) -> Cell | None:
        printed = [j for j, c in enumerate(row) if c.text]
        return row[printed[0]] if len(printed) == 1 and printed[0] in text_cols else None

    out = list(rows)
    i = 1
    while i + 1 < len(out):
        head, tail = alone(out[i - 1]), alone(out[i + 1])
        label = head.text + tail.text if head and tail and WRAPPED_TAIL.match(tail.text) else ""
        number = _list_number(label)
        seats = [j for j in text_cols if not out[i][j].text
                 and _opens_or_continues(number, _numbered_above(out, i - 1, j, number[0]))] if number else []
        if head and tail and len(seats) == 1:
            out[i] = list(out[i])
            out[i][seats[0]] = Cell(label, tuple(sorted(set(head.lines) | set(tail.lines))), "joined from fragments")
            del out[i + 1], out[i - 1]
        else:
            i += 1
    return out


def _panel_ends(text_cols: list[int], width: int) -> dict[int, int]:
    """Each panel's label column and the column its panel ends before (the next panel's label,
    or the table's width): its figures lie between."""
    return dict(zip(text_cols, text_cols[1:] + [width]))


def labels_above_their_rows_joined(rows: list[list[Cell]], text_cols: list[int]) -> list[list[Cell]]:
    """A label printed on a line of its own above its row's line, that panel's figure and the
    other panels' cells on the line below (`其中：专项资金列入部门预算的项目` / `0.00 2、外交支出
    0.00 …`): one row, where the label stands alone on its line and the row below prints a figure
    of that panel and no label in it."""
    if not rows:
        return rows
    ends = _panel_ends(text_cols, len(rows[0]))
    out = [list(row) for row in rows]
    r = 0
    while r + 1 < len(out):
        filled = [j for j, cell in enumerate(out[r]) if cell.text]
        below = out[r + 1]
        if len(filled) == 1 and (j := filled[0]) in ends and not below[j].text and \
                any(cell.text for cell in below[j + 1:ends[j]]):
            below[j] = out[r][j]
            del out[r]
        else:
            r += 1
    return out


def figures_beside_no_label(rows: list[list[Cell]], text_cols: list[int]) -> int:
    """The rows with a figure in a panel that prints no label beside it."""
    if not rows:
        return 0
    ends = _panel_ends(text_cols, len(rows[0]))
    return sum(any(not row[j].text and any(cell.text for cell in row[j + 1:end]) for j, end in ends.items())
               for row in rows)


def items_seated_by_totals(rows: list[list[Cell]], text_cols: list[int]) -> list[list[Cell]]:
    """Two panels of (label, figure) side by side: an item printed alone on its line, its number
    continuing both lists (`三、单位预留机动经费 3990.4` under `二、政府性基金预算` and `二、项目支出`),
    belongs to the side whose items of its level then add up to the side's total (收入合计 /
    支出合计): where its side's items add up without it and the other side's lack just its figure,
    it moves there."""
    if len(text_cols) != 2 or not rows or any(j + 1 in text_cols or j + 1 >= len(rows[0]) for j in text_cols):
        return rows         # (each side a label and one figure)

    def figure(r: int, col: int) -> Decimal:
        return parse_amount(rows[r][col + 1].text) or Decimal(0)

    def total_below(r: int, col: int) -> Decimal | None:
        return next((figure(q, col) for q in range(r + 1, len(rows)) if catalog.TOTAL_LABELS.match(rows[q][col].text)), None)

    def items_sum(col: int, style: tuple[bool, bool]) -> Decimal:
        """The figures of a side's items numbered in `style` (一、 二、 …), added up."""
        return sum((figure(q, col) for q in range(len(rows))
                    if (n := _list_number(rows[q][col].text)) is not None and n[0] == style), Decimal(0))
    out = [list(row) for row in rows]
    for r, row in enumerate(rows):
        sides = [j for j in text_cols if row[j].text]
        if len(sides) != 1 or any(row[j].text for j in range(len(row)) if j not in (sides[0], sides[0] + 1)):
            continue
        here = sides[0]
        there = text_cols[1] if here == text_cols[0] else text_cols[0]
        number = _list_number(row[here].text)
        if number is None or not _next_in_list(number, _list_number(_label_above(rows, r, there))):
            continue
        total_here, total_there = total_below(r, here), total_below(r, there)
        if total_here is None or total_there is None:
            continue
        amount = figure(r, here)
        sum_here, sum_there = items_sum(here, number[0]), items_sum(there, number[0])
        if sum_here != total_here and sum_here - amount == total_here and sum_there + amount == total_there:
            out[r] = [Cell("", c.lines) for c in row]
            out[r][there], out[r][there + 1] = row[here], row[here + 1]
    return out


def wrapped_labels_figures_seated(rows: list[list[Cell]], text_cols: list[int]) -> list[list[Cell]]:
    """Three panels or more, those after the first telling one spending each its own way (by
    function, by use), each with one figure: the figure on the line of a row whose label in
    another panel was wrapped around that line (`三、国防支出 600.00` between `三、单位预留机动经`
    and `费`) may be the wrapped label's, its cell's one line standing beside the other label.
    It is, where then both panels' first-level items add up to the spending's total (the
    first total below in either panel) and, left where it is, neither would."""
    if len(text_cols) < 3 or any(end != j + 2 for j, end in _panel_ends(text_cols, len(rows[0]) if rows else 0).items()):
        return rows
    spending = text_cols[1:]
    at_total = next((r for r, row in enumerate(rows) if any(catalog.TOTAL_LABELS.match(row[j].text) for j in spending)), None)
    if at_total is None:
        return rows
    total = next((value for j in spending if (value := parse_amount(rows[at_total][j + 1].text)) is not None), None)
    if total is None:
        return rows
    out = [list(row) for row in rows]
    items = {j: sum((parse_amount(row[j + 1].text) or Decimal(0) for row in out[:at_total] if TOP_ITEM.match(row[j].text)),
                    Decimal(0)) for j in spending}     # each panel's first-level items added up
    for row in out[:at_total]:
        for there in (j for j in spending if len(row[j].lines) > 1 and TOP_ITEM.match(row[j].text) and not row[j + 1].text):
            for here in (j for j in spending if j != there and TOP_ITEM.match(row[j].text)):
                figure = parse_amount(row[here + 1].text)
                if figure is not None and items[here] != total and items[here] - figure == total and \
                        items[there] + figure == total:
                    row[there + 1], row[here + 1] = row[here + 1], Cell("", row[here + 1].lines)
                    items[here], items[there] = items[here] - figure, items[there] + figure
    return out


def plain_labels_seated(rows: list[list[Cell]], text_cols: list[int]) -> list[list[Cell]]:
    """Three panels or more side by side, their lists numbered but one's items plain (`工资福利支出`
    under `一、人员经费和公用经费支出`): a row of one plain label alone, once the other lists
    have ended, is that panel's next item — where exactly one panel's last label is plain."""
    out = [list(row) for row in rows]
    for r, row in enumerate(out):
        texts = [j for j, c in enumerate(row) if c.text]
        if len(texts) != 1 or texts[0] not in text_cols or _list_number(row[texts[0]].text) or starts_row(row[texts[0]].text):
            continue
        plain = [j for j in text_cols if (last := _label_above(out, r, j)) and not _list_number(last) and not starts_row(last)]
        if len(plain) == 1 and plain[0] != texts[0]:
            row[plain[0]], row[texts[0]] = row[texts[0]], Cell("", row[texts[0]].lines)
    return out


def _wrapped_line(codes: list[Token], labels: list[Token], amounts: list[Token]) -> bool:
    """A line of a two-panel table that holds no row of its own: amounts alone, or a short
    piece of text that starts no label (no 一、 or (一), no total): `98.23`, `出`."""
    if codes:
        return False
    if not labels:
        return bool(amounts)
    text = "".join(t for _, t in labels)
    return len(labels) == 1 and not amounts and len(text) <= 4 and not starts_row(text)


def _label_tail(codes: list[Token], labels: list[Token], amounts: list[Token]) -> bool:
    """Text alone that may end a label wrapped around its amount line (`市特色会展产业链党委` /
    amounts / `党建工作经费`): no code, no amount, not the start of a label or a total."""
    text = "".join(t for _, t in labels)
    return not codes and not amounts and bool(labels) and not starts_row(text)


def _continues_right(label: str, last_enum: dict[bool, ListNumber | None]) -> bool:
    """An enumerated label that only the right panel's numbering continues (二十二、 after 二十一、)."""
    enum = _enumerator(label)
    if enum is None or last_enum[True] is None:
        return False
    return {side for side in (True, False) if _next_in_list(enum, last_enum[side])} == {True}


def _plain_item(label: str) -> bool:
    """An item printed without a list number (not a total, not a `其中` line)."""
    return _list_number(label) is None and not catalog.TOTAL_LABELS.match(label) and not label.startswith("其中")


def _unnumbered_like_right(label: str, plain: dict[bool, bool]) -> bool:
    """An item without a list number where only the right panel prints such items (the left
    numbers every one: `1.一般公共预算拨款 … 行政运行 …` then `统计管理 359.77`): it goes on
    with the right panel's items."""
    return plain[True] and not plain[False] and _plain_item(label)


def _names_no_income(label: str) -> bool:
    """An item without a list number that names no source of funds nor balance: never an
    income panel's line."""
    return _plain_item(label) and not catalog.INCOME_SIDE_WORDS.search(label)


def _line_pieces(run: Run) -> list[Run]:
    """A run without a code as its lines: each line of text above the amounts alone, then
    the amounts with the text on their line."""
    codes, labels, amounts = run
    if codes:
        return [run]
    at = min((k for k, _ in amounts), default=None)
    above = sorted({k for k, _ in labels if at is None or k < at})
    pieces: list[Run] = [([], [kt for kt in labels if kt[0] == k], []) for k in above]
    if at is not None:
        pieces.append(([], [kt for kt in labels if kt[0] >= at], amounts))
    return pieces


def centred_names_joined(runs: list[Run]) -> list[Run]:
    """Names wrapped in cells whose text is centred vertically print around their amounts,
    as many lines above the amount line as below (`珠澳跨境工业区专用口` / `560.33 …` /
    `岸日常工作经费`; an odd count puts the middle line beside the amounts). A table shows it
    by amounts alone on their line between two lines of text; then the lines of text
    between two rows' amounts are the first row's tail, as many as its head, and the
    second row's head (at least one, where its amounts stand alone). Text after the
    amounts on their line is a later column's."""
    pieces = [piece for run in runs for piece in _line_pieces(run)]

    def text_alone(piece: Run) -> bool:
        return not piece[0] and not piece[2] and bool(piece[1]) and not starts_row(piece[1][0][1])

    centred = any(piece[2] and not piece[1] and text_alone(before) and text_alone(after)
                  for before, piece, after in zip(pieces, pieces[1:], pieces[2:]))
    if not centred:
        return runs
    out: list[tuple[list, list, list]] = []
    pending: list = []          # lines of text alone since the last row's amounts
    last: int | None = None     # the row of the last amounts, in `out`
    head = 0                    # how many lines of its name that row printed above its amounts

    def end_last_row(keep: int = 0) -> list:
        tail = max(0, min(head, len(pending) - keep))
        if last is not None and tail:
            out[last] = (out[last][0], out[last][1] + [kt for p in pending[:tail] for kt in p[1]], out[last][2])
        return pending[tail:] if last is not None else pending

    for piece in pieces:
        if last is not None and not pending and not piece[2] and piece[1] and \
                {k for k, _ in piece[1]} == {min(k for k, _ in out[last][2])}:
            out.append(piece)       # a later column's text, on the amounts' line
        elif text_alone(piece):
            pending.append(piece)
        elif not piece[2] or piece[0]:
            out.extend(pending + [piece])        # a code or a row of its own: no wrapping to measure
            pending, last = [], None
        else:
            heads = end_last_row(keep=0 if piece[1] else 1)     # amounts alone have a line above
            out.append((piece[0], [kt for p in heads for kt in p[1]] + piece[1], piece[2]))
            pending, last, head = [], len(out) - 1, len(heads)
    return out + end_last_row()


def panel_rows(columns: list[Column], text_cols: list[int], runs: list[Run], by_line: bool) -> list[list[Cell]]:
    """Two panels side by side (收入 | 支出): each label/amounts pair goes to its panel. In a
    line-based layout a line is a row; in fragments a left label starts a new row."""
    left_label = text_cols[0]
    right_label = text_cols[1] if len(text_cols) > 1 else None
    left_amounts = list(range(left_label + 1, right_label if right_label is not None else len(columns)))
    right_amounts = list(range(right_label + 1, len(columns))) if right_label is not None else []
    if not right_amounts and by_line:       # one panel (a text column last is the panel's, 绩效目标)
        # (one fragment a line prints every name and figure alone on its line: no centring to see)
        runs = centred_names_joined(runs)
    rows: list[list[Cell]] = []
    current = None
    line_of_row = None
    last_enum: dict[bool, ListNumber | None] = {False: None, True: None}
    last_side: bool | None = None       # the panel whose label was written last
    # whether a panel has printed a numbered item, and after one an item without a number (a
    # head over the list, `财政拨款` over `1.` `2.`, does not count)
    numbered = {False: False, True: False}
    plain = {False: False, True: False}
    income_left = any(catalog.INCOME_PANEL in part for part in columns[left_label].path)
    figures_on_line = Counter(amounts[0][0] for _, _, amounts in runs if amounts)

    def alone(amounts: list[Token]) -> bool:
        """Whether these are the only figures on their line (one panel's pair, not both)."""
        return bool(amounts) and figures_on_line[amounts[0][0]] == 1
    tail_open = False       # a label's amounts came on a line of their own: its tail may follow
    label_leaves = {columns[j].leaf for j in text_cols}
    amount_leaves = [columns[j].leaf for j in left_amounts + right_amounts]
    carried: dict[bool, list] = {False: [], True: []}      # a panel's next row's figures, printed early
    for codes, labels, amounts in runs:
        if not by_line:
            # reading order prints the right panel's header after the left panel's first rows:
            # its label column's name before that panel's first item, its amount column's
            # name before that item's amounts
            labels = _without_header_cells(labels, amount_leaves)
            if len(labels) > 1 and labels[0][1] in label_leaves and starts_row(labels[1][1]):
                labels = labels[1:]
            elif labels and amounts and _opens_amount_column(rows, labels, amounts, columns,
                                                             (left_label, left_amounts), (right_label, right_amounts)):
                continue
        wrapped = _wrapped_line(codes, labels, amounts) or (tail_open and _label_tail(codes, labels, amounts))
        if wrapped and labels and not amounts and current is not None and last_side is not None:
            above = current[right_label if last_side and right_label is not None else left_label].text
            wrapped = not _whole_name_after_whole_name(above, "".join(t for _, t in labels))
        tail_open = by_line and not codes and bool(amounts) and \
            (not labels or max(k for k, _ in labels) < min(k for k, _ in amounts))
        if wrapped and by_line and current is not None and right_label is not None and \
                not current[right_label].text and any(current[j].text for j in right_amounts):
            wrapped = False     # the end of the right panel's label, printed around its row's line
        if by_line and current is not None and last_side is not None and wrapped:
            # a label's wrapped end (`出`), or the amount of a label whose line wrapped (`98.23`)
            label_col = right_label if last_side and right_label is not None else left_label
            if labels and label_col == right_label and line_of_row is not None and \
                    (around := _left_head_around(rows, left_label, right_label, line_of_row, labels[0][0])) is not None:
                # the left label wrapped around the row's line (`一、一般公共预算` / `189,767,551一、一般
                # 公共服务支出 …` / `资金`), the right one whole on it: the end is the left label's
                if around is not current:       # (the row before: the head alone on its line)
                    current[left_label] = around[left_label]
                    del rows[-2]
                label_col = left_label
            if labels:
                head = current[label_col]
                current[label_col] = Cell(head.text + "".join(t for _, t in labels),
                                          head.lines + tuple(k for k, _ in labels), "joined from fragments")
            targets = right_amounts if last_side else left_amounts
            for j, (k, t) in zip([c for c in targets if not current[c].text], amounts):
                current[j] = Cell(clean_number(t), (k,))
            continue
        words = _split_labels(codes + labels, apart=by_line and right_label is not None)
        pairs: list[tuple[tuple[tuple[int, ...], str], list[Token]]] = \
            [(w, []) for w in words[:-1]] + ([(words[-1], amounts)] if words else [])
        if not by_line and len(words) > 1 and len(amounts) == len(words) and len(left_amounts) == len(right_amounts) == 1:
            pairs = [(w, [a]) for w, a in zip(words, amounts)]      # each label's one amount, in order
        if not words and amounts and current is not None:
            pairs = [(((), ""), amounts)]
        for n, ((lines, label), amts) in enumerate(pairs):
            row_line = (lines or tuple(k for k, _ in amts) or (None,))[0]
            if by_line:
                right = n > 0 or (current is not None and row_line == line_of_row) or \
                    (right_label is not None and (_reads_as_expense(label) or _continues_right(label, last_enum)
                                                  or (alone(amts) and (_unnumbered_like_right(label, plain) or
                                                                       (income_left and _names_no_income(label))))))
                anchor = None
            else:
                # the other panel's total of the same name or kind (`总计` … `总计`)
                anchor = _counterpart_row(rows, label, left_label, right_label) if right_label is not None else None
                right = right_label is not None and (_is_right_label(label, last_enum) or anchor is not None)
            if right and anchor is not None and label:
                current = anchor        # the right panel's total on the row of the left's
            elif not by_line and right and current is not None and right_label is not None and \
                    current[right_label].text and current is not rows[-1]:
                current = rows[rows.index(current) + 1]     # the rows after that total, in order
            if current is None or (by_line and row_line != line_of_row) or \
                    (not by_line and (not right or (right_label is not None and current[right_label].text))):
                current = [Cell("") for _ in columns]
                rows.append(current)
                # the amounts' line: a name wrapped above them leaves later columns' text there
                line_of_row = amts[0][0] if amts else row_line
            if right and right_label is None:
                right = False
            label_col = right_label if right and right_label is not None else left_label
            if label:
                last_enum[right] = _enumerator(label) or last_enum[right]
                plain[right] = plain[right] or (numbered[right] and _plain_item(label))
                numbered[right] = numbered[right] or _list_number(label) is not None
                current[label_col] = Cell(label, lines, "joined from fragments" if len(lines) > 1 else "")
                last_side = right
            targets = right_amounts if right else left_amounts
            free = [c for c in targets if not current[c].text]
            guess = ""
            if not by_line and label and not amts and carried[right]:
                amts, guess, carried[right] = carried[right], CARRIED, []
            if free and len(amts) > len(free) and catalog.TOTAL_LABELS.match(label) and \
                    _seat_late_amounts(rows[:-1], right_label if right else left_label, targets,
                                       amts[:-len(free)], amts[-len(free)][1]):
                amts = amts[-len(free):]
            elif not by_line and len(targets) >= 2 and len(amts) == 2 * len(targets) == 2 * len(free):
                # two rows' figures after one label: the second row's go to the panel's next label
                amts, carried[right] = amts[:len(free)], amts[len(free):]
            elif not by_line and (own := _own_half(amts, [columns[j] for j in free])):
                amts, carried[right] = amts[:own], amts[own:]
            elif not by_line and label and free == targets and len(amts) >= 4 and (shares := _shared_with_rows_waiting(
                    waiting := _rows_waiting(rows, current, label_col, targets), amts, [columns[j] for j in targets])):
                for row, share in zip(waiting, shares):
                    for j, (k, t) in zip(targets, share):
                        row[j] = Cell(clean_number(t), (k,), SHARED)
                amts, guess = shares[-1], SHARED
            elif not by_line and len(amts) > len(targets):
                guess = OUT_OF_TURN       # other rows' figures printed here: whose is which is a guess
            elif by_line and not right and right_label is not None and len(amts) > len(free) and \
                    not current[right_label].text and amts[0][0] in lines:
                # the right panel's figures on the left label's line without their own label
                # (printed around the line, `一、文化旅游体育与传媒支` above it, `出` below)
                free += [c for c in right_amounts if not current[c].text]
            for j, (k, t) in zip(free, amts):
                current[j] = Cell(clean_number(t), (k,), guess)
    if not by_line and right_label is not None:
        return _lists_in_order(rows, [[left_label] + left_amounts, [right_label] + right_amounts])
    return rows


SHARED = "printed after a later row's label with that row's figures: seated by the total each row holds"


def _rows_waiting(rows: list[list[Cell]], current: list[Cell], label_col: int, targets: list[int]) -> list[list[Cell]]:
    """The rows just above `current` whose label in the panel stands with no figure of it."""
    at = len(rows) - next(i for i, row in enumerate(reversed(rows), start=1) if row is current)    # (mostly the last)
    waiting: list[list[Cell]] = []
    for row in reversed(rows[:at]):
        if not row[label_col].text or any(row[j].text for j in targets):
            break
        waiting.insert(0, row)
    return waiting


def _shared_with_rows_waiting(waiting: list[list[Cell]], amounts: list[Token],
                              columns: list[Column]) -> list[list[Token]] | None:
    """The figures after a label shared out among the rows waiting above it without any and
    itself (a text printing a panel's labels, then their figures: pdfminer's blocks), in
    order, where read row by row or column by column (`503,724 335,816 503,724 335,816`:
    each row's 合计 then its 一般公共预算) every share, and in one way only, holds its row's
    total (合计 = its parts); None otherwise."""
    n = len(waiting) + 1
    if not waiting or len(amounts) % n or not 2 <= len(amounts) // n <= len(columns) or \
            not catalog.TOTAL_LABELS.match(columns[0].leaf) or any(parse_amount(t) is None for _, t in amounts):
        return None
    width = len(amounts) // n
    readings = ([amounts[i * width:(i + 1) * width] for i in range(n)], [amounts[i::n] for i in range(n)])
    fits = [shares for shares in readings
            if all(holds_total([parse_amount(t) or Decimal(0) for _, t in share]) for share in shares)]
    return fits[0] if len(fits) == 1 else None


def _own_half(amounts: list[Token], free_columns: list[Column]) -> int:
    """How many of a label's figures are its own where they are two rows' figures of a panel
    whose first column is a total (`合计` = its parts): two rows that print only 合计 and one
    part (`22,186,440.80 22,186,440.80 3,508,644.00 3,508,644.00`) fit the panel's columns
    as one row, but each half holds the total and the whole does not. 0 where they are one row's."""
    half = len(amounts) // 2
    if len(amounts) % 2 or half < 2 or len(amounts) > len(free_columns) or \
            not catalog.TOTAL_LABELS.match(free_columns[0].leaf):
        return 0
    values = [v for _, t in amounts if (v := parse_amount(t)) is not None]
    return half if len(values) == len(amounts) and two_rows_of_totals(values) else 0


def _top_number(label: str) -> int:
    """A first-level item's number (`二十、…` → 20); 0 for any other label."""
    item = TOP_ITEM.match(label)
    return _numeral(item[0][:-1]) if item else 0


def _lists_in_order(rows: list[list[Cell]], panels: list[list[int]]) -> list[list[Cell]]:
    """Reading order may print a panel's numbered items out of turn (`一、` `八、` `九、` `二、`
    …). Where a panel's items above the first total are numbered 一、 to its last with none
    missing and stand out of order, each panel's items there are put in order from the top,
    side by side, as the two lists are printed."""
    end = next((i for i, row in enumerate(rows) if any(catalog.TOTAL_LABELS.match(row[cols[0]].text) for cols in panels)),
               len(rows))
    entries = [[[row[j] for j in cols] for row in rows[:end] if any(row[j].text for j in cols)] for cols in panels]
    numbers = [[_top_number(e[0].text) for e in panel] for panel in entries]
    if not any(ns != sorted(ns) and sorted(ns) == list(range(1, len(ns) + 1)) for ns in numbers):
        return rows
    ordered = [[e for _, e in sorted(zip(ns, panel), key=lambda numbered: numbered[0])] if all(ns) else panel
               for panel, ns in zip(entries, numbers)]
    block: list[list[Cell]] = []
    for i in range(max(len(panel) for panel in ordered)):
        row = [Cell("") for _ in rows[0]]
        for cols, panel in zip(panels, ordered):
            if i < len(panel):
                for j, cell in zip(cols, panel[i]):
                    row[j] = cell
        block.append(row)
    return block + rows[end:]


def _without_header_cells(labels: list[tuple[int, str]], leaves: list[str]) -> list[tuple[int, str]]:
    """A run's label fragments without the amount columns' names that reading order printed
    among them: fragments that spell out two or more columns' names (`合计` `一般公共预算财`
    `政拨款`); a single name may be a row's own label (合计)."""
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(labels):
        end = _spelled_columns(labels, i, leaves)
        if end is None:
            out.append(labels[i])
            i += 1
        else:
            i = end
    return out


def _spelled_columns(labels: list[tuple[int, str]], start: int, leaves: list[str]) -> int | None:
    """Where fragments from `start` end that spell two or more adjacent column names, in
    order, or that are two or more column names whole, in any order (`项目支出` `人员经费`
    `公用经费`: reading order goes down each printed column); None where they spell fewer."""
    whole = start
    while whole < len(labels) and labels[whole][1] in leaves and \
            labels[whole][1] not in {t for _, t in labels[start:whole]}:
        whole += 1
    if whole - start >= 2:
        return whole
    for first in range(len(leaves)):
        i, j, text = start, first, ""
        while i < len(labels) and j < len(leaves) and leaves[j].startswith(text + labels[i][1]):
            text += labels[i][1]
            i += 1
            if text == leaves[j]:
                j, text = j + 1, ""
        if j - first >= 2 and not text:
            return i
    return None


def _counterpart_row(rows: list[list[Cell]], label: str, left_label: int, right_label: int) -> list[Cell] | None:
    """The row of the left panel's total that a right panel's total stands beside (`本年支出合计`
    beside `本年收入合计`), if its right side is still empty and reading order printed the
    left panel's lines first."""
    if not catalog.TOTAL_LABELS.match(label):
        return None
    counterpart = label.replace("支出", "收入")
    for row in reversed(rows):
        if row[right_label].text:
            return None
        if row[left_label].text == counterpart:
            return row
    return None


def _opens_amount_column(rows: list[list[Cell]], labels: list[Token], amounts: list[Token], columns: list[Column],
                         *panels: tuple[int | None, list[int]]) -> bool:
    """Amounts printed right after their column's name (`决算数 2,106.66`) belong to the first
    row of the panel whose amount column that is, if the row has a label and no amount yet:
    seat them there. Whether they were seated."""
    if any(t not in {columns[j].leaf for _, targets in panels for j in targets} for _, t in labels):
        return False
    for label_col, targets in panels:
        first = next((r for r in rows if label_col is not None and r[label_col].text), None)
        if first is not None and targets and columns[targets[0]].leaf == labels[-1][1] and \
                not any(first[j].text for j in targets):
            for j, (k, t) in zip(targets, amounts):
                first[j] = Cell(clean_number(t), (k,))
            return True
    return False


def _seat_late_amounts(rows: list[list[Cell]], label_col: int | None, targets: list[int], late: list[Token],
                       total: str) -> bool:
    """Amounts that reading order printed after later labels (`支出总计 3,808,085.00 881,803.00
    371,514,655.00`): the surplus before a total's own goes, in order, to the last rows of the
    same panel that printed a label and no amount, if the panel's first-level items (一、二、…)
    then add up to the total. Whether they were seated."""
    if label_col is None or not targets:
        return False
    waiting = [r for r in rows if r[label_col].text and not any(r[j].text for j in targets)][-len(late):]
    if len(waiting) < len(late):
        return False
    items = [r for r in rows if TOP_ITEM.match(r[label_col].text)]
    seated = {id(r): t for r, (_, t) in zip(waiting, late)}
    values = [parse_amount(seated.get(id(r), r[targets[0]].text)) or Decimal(0) for r in items]
    if sum(values) != parse_amount(total):
        return False
    for row, (k, t) in zip(waiting, late):
        row[targets[0]] = Cell(clean_number(t), (k,))
    return True


OUT_OF_TURN = "more figures printed after this label than its panel has columns: which is its own is a guess"
CARRIED = "printed after the row above's figures (two rows' figures after one label)"
TOP_ITEM = re.compile(f"^[{NUMERALS}]+、")       # a first-level item: `二十、…`
TOP_ITEMS = re.compile(f"(?:^|\\s)[{NUMERALS}]+、")     # … where it starts a cell in a line of several


Pair = tuple[str, list[str]]        # a label and the figures printed after it on its line


def _income_first(columns: list[Column], text_cols: list[int]) -> bool:
    """Whether a summary's first panel is its income (收入 | 支出 …)."""
    return _in_income_panel(columns[text_cols[0]])


def _in_income_panel(column: Column) -> bool:
    """Whether a summary's column is its income panel's (收入, 财政拨款收入; 本年收入合计 where the
    header was read from a total's row)."""
    return catalog.INCOME_PANEL in column.path[0]


def _list_fit(label: str, p: int, last: Mapping[tuple[bool, bool], int], income_first: bool) -> int:
    """How well a label fits panel p whose lists' last numbers are `last`: it continues a list
    (3), opens one at 1 (1), has no number (0), opens one elsewhere (-1), breaks a list (-2),
    or is spending in the income panel (-3)."""
    if p == 0 and income_first and _reads_as_expense(label):
        return -3       # `3、国防支出` continues a list of spending, never the income's
    numbered = _list_number(label)
    if numbered is None:
        return 0
    style, n = numbered
    if style in last:
        return 3 if n == last[style] + 1 else -2
    return 1 if n == 1 else -1


def _line_pairs(tokens: list[tuple[str, str]], panels: int) -> tuple[list[Pair], list[int]]:
    """A line's (kind, token)s as labels each with the figures after it: at most one per panel
    (a line of more words than its panels can hold joins a label's pieces, and so does a word
    closing the bracket the word before it left open: `机关资本性支出（基本建` `设）`); and the
    token each opens with."""
    pairs: list[Pair] = []
    opens: list[int] = []
    for n, (kind, t) in enumerate(tokens):
        if kind == "text" and pairs and not pairs[-1][1] and opens_bracket(pairs[-1][0]) and \
                CLOSES_FIRST.match(t) and not LIST_CLOSE.match(t):
            pairs[-1] = (pairs[-1][0] + t, [])
        elif kind == "text" and (not pairs or pairs[-1][1] or len(tokens) <= 2 * panels):
            pairs.append((t, []))
            opens.append(n)
        elif kind == "text":
            pairs[-1] = (pairs[-1][0] + t, [])
        elif pairs:
            pairs[-1][1].append(t)
        else:
            pairs.append(("", [t]))
            opens.append(n)
    return pairs[:panels], opens[:panels]


def _wrapped_ends(lines: list[PanelLine], i: int, panels: int, printed: Mapping[int, str]) -> list[str]:
    """The ends of labels wrapped around the row on line i + 1, where line i prints only
    their heads and line i + 2 only as many ends (`2.政府性基金预 三、单位预留机动经` / `三、国防支出
    600.00` / `算 费`: the ends as printed, apart, not joined as a word's letters), all fitting
    beside the row's own labels; else none."""
    if i + 2 >= len(lines):
        return []
    heads, middle, tails = (pairs for _, pairs, _ in lines[i:i + 3])
    ends = printed.get(lines[i + 2][0], "").split()
    fits = bool(heads) and bool(middle) and len(ends) == len(heads) and len(heads) + len(middle) <= panels \
        and not any(figures for _, figures in heads + tails) \
        and all(WRAPPED_TAIL.match(end) and not starts_row(end) for end in ends)
    return ends if fits else []


def side_by_side_rows(columns: list[Column], text_cols: list[int], runs: list[Run], printed: Mapping[int, str],
                      places: Mapping[int, str] | None = None) -> tuple[list[list[Cell]], str]:
    """Three or more (label, amounts) panels side by side (收支总表 telling the spending by
    function, by economic class and by government class): a line is a row; its labels go, in
    order, to the panels whose numbered lists they continue (`12、` after `11、`, `(6)` after
    `(5)`; spending never to the income's panel), the amounts after a label to its panel.
    Labels wrapped around a row's line (heads above, ends below) are that row's, each in a
    panel whose list it continues and whose cells are no wider than its head (a panel that
    printed a wider label on one line would not have wrapped it). Lines are seated together:
    a line printing fewer labels than panels fits several seatings alike (`二、` goes on two
    lists), which the lines after it tell apart (`十一、转移性支出` only goes on one of them), or,
    in a text that keeps the places of its cells (`places`: its lines as printed), where the
    label starts: under its panel's labels on the lines that print one in every panel. Where
    another seating of the whole table fits as well, why the rows are doubted (else "")."""
    amount_cols = [list(range(t + 1, e)) for t, e in _panel_ends(text_cols, len(columns)).items()]
    panels = range(len(text_cols))
    income_first = _income_first(columns, text_cols)
    tokens: dict[int, list[tuple[str, str]]] = {}       # line → (kind, token) in printed order
    for codes, labels, amounts in runs:
        for k, t in codes + labels:
            tokens.setdefault(k, []).append(("text", t))
        for k, t in amounts:
            tokens.setdefault(k, []).append(("amount", t))
    lines: list[PanelLine] = []
    for k in sorted(tokens):
        pairs, opens = _line_pairs(tokens[k], len(text_cols))
        where = token_places(places[k], [t for _, t in tokens[k]]) if places is not None and k in places else []
        lines.append((k, pairs, [where[n] if where and pair[0] else None for pair, n in zip(pairs, opens)]))
    # where each panel's labels start, on the lines that print one in every panel (seated for certain)
    label_starts: list[set[int]] = [set() for _ in panels]
    for _, pairs, where in lines:
        if len(pairs) == len(text_cols) and all(pair[0] for pair in pairs):
            for p, place in zip(panels, where):
                if place is not None:
                    label_starts[p].add(place)

    def seated(state: PanelState, placed: list[PanelSeat]) -> PanelState:
        """The panels' lists and widths after a row seats `placed`."""
        last, widest, plain = list(state[0]), list(state[1]), list(state[2])
        for (label, _), p, row_lines, _, _ in placed:
            if numbered := _list_number(label):
                last[p] = {**last[p], numbered[0]: numbered[1]}
            plain[p] = plain[p] or (bool(label) and _plain_item(label))
            if label and len(row_lines) == 1:
                widest[p] = max(widest[p], display_width(label))
        return tuple(last), tuple(widest), tuple(plain)

    def fit(label: str, p: int, state: PanelState) -> int:
        return _list_fit(label, p, state[0][p], income_first)

    def gain(score: Score, placed: list[PanelSeat], state: PanelState) -> Score:
        """A seating's score after a row seats `placed`: how well its labels go on with their
        panels' lists, then, where the lists tell nothing, how many labels start under their
        panel's, then how many items without a number go where such items were printed
        (`对企业补助` then `其他支出`)."""
        return score[0] + sum(seat[3] for seat in placed), \
            score[1] + sum(place is not None and any(abs(place - start) <= SETTINGS.position_tolerance
                                                     for start in label_starts[p]) for _, p, _, _, place in placed), \
            score[2] + sum(state[2][p] and bool(label) and _plain_item(label) for (label, _), p, _, _, _ in placed)

    def wider_than(head: str, p: int, state: PanelState) -> bool:
        return state[1][p] > display_width(head) + 1      # (a digit or a mark may be half as wide)

    def wrapped_seating(i: int, label_ends: list[str], state: PanelState) -> list[PanelSeat] | None:
        """The row of line i + 1 with the labels line i began and `label_ends` end, each seated
        where it fits (None where one fits no panel: not wrapped labels, then)."""
        heads, middle, middle_places = lines[i][1], lines[i + 1][1], lines[i + 1][2]
        joined: list[Pair] = [(head + end, []) for (head, _), end in zip(heads, label_ends)]
        row_lines = (lines[i][0], lines[i + 2][0])

        def seats(around: tuple[int, ...], on_line: tuple[int, ...]) -> list[PanelSeat]:
            return [(pair, p, row_lines, fit(pair[0], p, state) - 5 * wider_than(head, p, state), None)
                    for pair, (head, _), p in zip(joined, heads, around)] + \
                [(pair, p, (lines[i + 1][0],), fit(pair[0], p, state), place)
                 for pair, p, place in zip(middle, on_line, middle_places)]
        best = max((seats(a, m) for a in itertools.combinations(panels, len(joined))
                    for m in itertools.combinations([p for p in panels if p not in a], len(middle))),
                   key=lambda placed: sum(seat[3] for seat in placed))
        # (each wrapped label goes on a list, in a panel no wider than its head: 5 off its fit else)
        return None if any(seat[3] <= 0 for seat in best[:len(joined)]) else best

    # seatings of the lines so far, by the line they reach: (score, rows seated last first, state)
    start: PanelState = (tuple({} for _ in panels), (0,) * len(text_cols), (False,) * len(text_cols))
    reached: dict[int, list[tuple[Score, PanelRows, PanelState]]] = {0: [((0, 0, 0), None, start)]}
    for i in range(len(lines)):
        kept: dict[tuple[object, ...], tuple[Score, PanelRows, PanelState]] = {}
        for score, chain, state in sorted(reached.pop(i, []), key=_by_score):
            key = (tuple(tuple(sorted(last.items())) for last in state[0]), state[2])
            if key not in kept:     # (a seating leaving the same lists goes on as the better one)
                kept[key] = (score, chain, state)
        seatings = list(kept.values())[:SETTINGS.stream_seatings_kept]
        label_ends = _wrapped_ends(lines, i, len(text_cols), printed)
        wrapped = [(score, chain, state, placed) for score, chain, state in seatings
                   if label_ends and (placed := wrapped_seating(i, label_ends, state)) is not None]
        for score, chain, state, placed in wrapped:     # (lines that wrap labels around a row are read so)
            reached.setdefault(i + 3, []).append((gain(score, placed, state), (chain, placed), seated(state, placed)))
        k, pairs, where = lines[i]
        for score, chain, state in seatings if not wrapped else []:
            for chosen in itertools.combinations(panels, len(pairs)):
                placed = [(pair, p, (k,), fit(pair[0], p, state), place) for pair, p, place in zip(pairs, chosen, where)]
                reached.setdefault(i + 1, []).append((gain(score, placed, state), (chain, placed), seated(state, placed)))
    ends = sorted(reached.get(len(lines), [((0, 0, 0), None, start)]), key=_by_score)
    best = _rows_of(ends[0][1])
    doubt = ""
    if len(ends) > 1 and ends[1][0] == ends[0][0] and (either := _seated_either_way(best, _rows_of(ends[1][1]))):
        doubt = f"{either} goes on a list in two panels, and the lines after it fit either: check the rows against the source"
    rows: list[list[Cell]] = []
    for placed in best:
        row = [Cell("") for _ in columns]
        for (label, figures), p, row_lines, _, _ in placed:
            if label:
                row[text_cols[p]] = Cell(label, row_lines, "joined from fragments" if len(row_lines) > 1 else "")
            for j, figure in zip(amount_cols[p], figures):
                row[j] = Cell(clean_number(figure), row_lines[:1])
        rows.append(row)
    return rows, doubt


# each panel's lists' last numbers, its widest label on one line, whether it printed an item without a
# number
PanelState = tuple[tuple[dict[tuple[bool, bool], int], ...], tuple[int, ...], tuple[bool, ...]]
# a label and its figures, its panel, its lines, how well it goes on with the panel's lists, where it starts as printed
PanelSeat = tuple[Pair, int, tuple[int, ...], int, int | None]
PanelLine = tuple[int, list[Pair], list[int | None]]      # a line, its (label, figures), where each label starts
Score = tuple[int, int, int]    # labels going on with their panels' lists, starting under their panels', plain items placed
PanelRows = tuple["PanelRows", list[PanelSeat]] | None     # the rows seated so far, last first


def _by_score(seating: tuple[Score, PanelRows, PanelState]) -> tuple[int, ...]:
    return tuple(-n for n in seating[0])


def _rows_of(chain: PanelRows) -> list[list[PanelSeat]]:
    rows = []
    while chain is not None:
        chain, placed = chain
        rows.append(placed)
    return rows[::-1]


def _seated_either_way(one: list[list[PanelSeat]], other: list[list[PanelSeat]]) -> str:
    """A label two seatings put in different panels, going on a list in each (else ""): a
    label that fits no list anywhere (a total, an item without a number) says nothing of
    its panel, wherever it is put."""
    seats = {(lines, n): (p, fits) for row in other for n, (_, p, lines, fits, _) in enumerate(row)}
    return next((pair[0] for row in one for n, (pair, p, lines, fits, _) in enumerate(row)
                 if fits > 0 and (elsewhere := seats.get((lines, n))) and elsewhere[0] != p and elsewhere[1] > 0), "")


def _side_fit(label: str, p: int, income_first: bool) -> int:
    """How well a label fits panel p by its words, where the income panel is first: an item
    without a number naming no source of funds nor balance is never the income panel's (-3
    there); one naming income or a balance, and no spending, is (1 there, -1 elsewhere)."""
    if not income_first or not label or _reads_as_expense(label):
        return 0
    if _names_no_income(label):
        return -3 if p == 0 else 0
    if not catalog.INCOME_OR_BALANCE.search(label):
        return 0
    return 1 if p == 0 else -1


def _item_listed(last: Mapping[tuple[bool, bool], int], item: ListNumber) -> dict[tuple[bool, bool], int]:
    """A panel's lists' last numbers after an item: the lists under its level start again
    (`2、专项业务经费支出` then `(1)工资福利支出`)."""
    style, n = item
    level = LIST_STYLES.index(style)
    return {s: m for s, m in last.items() if LIST_STYLES.index(s) < level} | {style: n}


Seat = tuple[int, int]      # (row, panel)
SeatChain = tuple["SeatChain", Seat] | None      # the seats so far, last first (shared between seatings)
# a partial seating: its score, its seats, and each panel's lists' last numbers
Seating = tuple[float, SeatChain, tuple[dict[tuple[bool, bool], int], ...]]


def stream_panel_rows(columns: list[Column], text_cols: list[int], runs: list[Run]) -> tuple[list[list[Cell]], str]:
    """(label, amounts) panels side by side whose cells the text prints one after another, row
    by row, empty cells left out (a content stream: `62,109,297.20 一、部门预算` is one cell's
    figure and the next cell's label). Each label, with the figures after it, goes to a panel
    right of its row's last or opens the next row: of all such seatings, the one that best
    continues every panel's numbered lists, keeps income lines in the income panel, and opens
    the fewest rows and passes over the fewest panels. Where another seating fits about as
    well, why the rows are doubted (else "")."""
    amount_cols = [list(range(t + 1, e)) for t, e in _panel_ends(text_cols, len(columns)).items()]
    income_first = _income_first(columns, text_cols)
    panels = range(len(text_cols))
    pairs: list[tuple[str, tuple[int, ...], list[Token]]] = []
    for codes, labels, amounts in runs:
        for k, t in codes + labels:
            if pairs and pairs[-1][0] and not pairs[-1][2] and WRAPPED_TAIL.match(t) and not starts_row(t):
                label, lines, _ = pairs[-1]      # a label's wrapped end (`设）`), no cell of its own
                pairs[-1] = (label + t, lines + (k,), [])
            else:
                pairs.append((t, (k,), []))
        for token in amounts:
            if not pairs:
                pairs.append(("", (), []))
            pairs[-1][2].append(token)
    beams: list[Seating] = [(0.0, None, tuple({} for _ in panels))]     # the best few at each cell
    for label, _, _ in pairs:
        numbered = _list_number(label)
        ends_lists = numbered is None and LIST_END.search(label) is not None     # a total ends the lists it sums
        by_words = [_side_fit(label, p, income_first) for p in panels]     # (the same in every seating)
        grown: list[Seating] = []
        for score, chain, last in beams:
            row, at = chain[1] if chain is not None else (-1, len(text_cols))
            for p in panels:
                fit = _list_fit(label, p, last[p], income_first) + by_words[p]
                lists = last
                if numbered is not None:
                    lists = last[:p] + (_item_listed(last[p], numbered),) + last[p + 1:]
                elif ends_lists:
                    lists = last[:p] + ({},) + last[p + 1:]
                for opens_row in (False, True) if p > at else (True,):
                    passed = p if opens_row else p - at - 1
                    gain = fit - SETTINGS.stream_new_row * opens_row - SETTINGS.stream_passed_panel * passed
                    grown.append((score + gain, (chain, (row + opens_row, p)), lists))
        grown.sort(key=lambda beam: -beam[0])
        beams = grown[:SETTINGS.stream_seatings_kept]
    best = beams[0][1]
    runner_up = beams[1][0] if len(beams) > 1 else float("-inf")
    doubt = "its cells, printed one after another, fit the panels about as well seated another way: " \
        "check the rows against the source" if beams[0][0] - runner_up < SETTINGS.stream_sure_margin else ""
    seats: list[Seat] = []
    while best is not None:
        best, seat = best
        seats.append(seat)
    seats.reverse()
    rows = [[Cell("") for _ in columns] for _ in range(seats[-1][0] + 1 if seats else 0)]
    for (label, lines, figures), (r, p) in zip(pairs, seats):
        if label:
            rows[r][text_cols[p]] = Cell(label, lines, "joined from fragments" if len(lines) > 1 else "")
        for j, (k, t) in zip(amount_cols[p], figures):
            rows[r][j] = Cell(clean_number(t), (k,))
    return rows, doubt


SEQUENCE_NUMBER = re.compile(r"^\d{1,3}$")


def _numbered_panels(columns: list[Column]) -> list[tuple[int, int, list[int]]]:
    """(label column, 行次 column, amount columns) of each panel of a table whose rows are
    numbered (决算 公开01/04/09/10)."""
    seqs = [j for j, c in enumerate(columns) if c.role == ColumnRole.SEQUENCE]
    return [(s - 1, s, list(range(s + 1, seqs[n + 1] - 1 if n + 1 < len(seqs) else len(columns))))
            for n, s in enumerate(seqs)]


def numbered_rows(columns: list[Column], lines: list[tuple[tuple[int, ...], str]],
                  rules: catalog.ColumnRules) -> list[list[Cell]]:
    """A printed row per entry (its source lines, its text), each panel `label 行次 amounts…`,
    the empty cells dropped. The 行次 numbers run on from row to row, which tells a panel's
    number from an amount."""
    panels = _numbered_panels(columns)
    expected: list[int | None] = [None] * len(panels)
    rows: list[list[Cell]] = []
    # a label wrapped around its row's line (`七、文化旅游体育与传媒支` / `7 34 0.00 …` / `出`):
    # the line of text before a row is held, and goes to the label its row leaves empty beside
    # its figures, whose end the next line of text then is; else it is the row above's end
    held: tuple[tuple[int, ...], str] | None = None
    wrapped_at: int | None = None       # the label column of the last row that took a held line

    def joined(r: int, col: int, k: tuple[int, ...], text: str) -> None:
        head = rows[r][col]
        rows[r][col] = Cell(head.text + text, head.lines + k, "joined from fragments")
    pending = _row_numbers_joined_to_their_lines([(k, split_tokens(line)) for k, line in lines])[::-1]
    header_again = False        # within the header printed again on a continuation page
    while pending:
        k, tokens = pending.pop()
        seats = _sequence_seats(tokens, expected) if tokens else [None]
        furniture = is_column_number_row(tokens) and (expected[0] is None or
                                                      any(t in COLUMN_NUMBER_WORDS for t in tokens))
        if furniture and expected[0] is not None:
            header_again = False
            continue        # `栏次 1 栏次 2` printed again on a continuation page
        if seats[0] is None and rows and any(w in t for t in tokens for w in SEQUENCE_LEAVES):
            header_again, held = True, None     # (its cells wrapped a piece a line: `一般公共预算财` / `政拨款`)
            continue
        if seats[0] is None or furniture:
            if seats[0] is not None:
                continue        # `栏次 1 2`: the columns' numbers, not a row
            # before the first row: the header; after it, a label wrapped onto this line
            if rows and not header_again and len(tokens) == 1 and not is_amount(tokens[0]) and \
                    not any(w in tokens[0] for w in SEQUENCE_LEAVES + ("项目",)):
                if wrapped_at is not None:
                    joined(-1, wrapped_at, k, tokens[0])
                    wrapped_at = None
                else:
                    if held is not None:
                        joined(-1, panels[0][0], *held)
                    held = (k, tokens[0])
            continue
        wrapped_at, header_again = None, False
        row = [Cell("") for _ in columns]
        start = 0
        for p, seat in enumerate(seats):
            if seat is None:
                continue
            label_col, seq_col, amount_cols = panels[p]
            label = "".join(tokens[start:seat])
            if label:
                row[label_col] = Cell(label, k)
            row[seq_col] = Cell(tokens[seat], k)
            expected[p] = int(tokens[seat]) + 1
            end = seat + 1
            later = [s for s in seats[p + 1:] if s is not None]
            while end < len(tokens) and is_amount(tokens[end]) and (not later or end < later[0]):
                end += 1
            amounts = tokens[seat + 1:end]
            panel_rules = [(t, ps) for t, ps in rules if t in amount_cols]
            for c, a in zip(placements(amounts, amount_cols, panel_rules)[0][0], amounts):
                row[c] = Cell(clean_number(a), k,
                              PLACED_BY_TOTALS if len(amounts) < len(amount_cols) else "")
            start = end
        if _next_row_run_on(tokens[start:], expected[0]):
            # the next row's line run onto this one's end (`… 60 6,993.74 一般公共预算财政拨款 29 1,154.62 61`)
            pending.append((k, tokens[start:]))
        if held is not None:
            empty = next((label_col for label_col, _, amount_cols in panels
                          if not row[label_col].text and any(row[c].text for c in amount_cols)), None)
            if empty is not None:
                row[empty], wrapped_at = Cell(held[1], held[0], "joined from fragments"), empty
            else:
                joined(-1, panels[0][0], *held)
            held = None
        rows.append(row)
    if held is not None:
        joined(-1, panels[0][0], *held)
    return rows


ROW_WRAPPED_LINES = 3       # lines of a wrapped label between a row's number and the rest of its row


def _row_numbers_joined_to_their_lines(lines: list[tuple[tuple[int, ...], list[str]]]
                                       ) -> list[tuple[tuple[int, ...], list[str]]]:
    """A row's number printed on a line of its own, the panel's label beside it wrapped over the
    lines after it, and the row's other figures on the last (`7` / `七、文化旅游体育与传媒支` / `出` /
    `34 0.00 0.00`): one line. The lines between hold words alone, the last a figure."""
    out: list[tuple[tuple[int, ...], list[str]]] = []
    i = 0
    while i < len(lines):
        k, tokens = lines[i]
        end = i + 1
        while end < len(lines) and end - i <= ROW_WRAPPED_LINES and lines[end][1] and \
                not any(is_amount(t) or SEQUENCE_NUMBER.match(t) or any(w in t for w in SEQUENCE_LEAVES)
                        for t in lines[end][1]):
            end += 1
        if len(tokens) == 1 and SEQUENCE_NUMBER.match(tokens[0]) and i + 1 < end < len(lines) and \
                any(is_amount(t) for t in lines[end][1]) and lines[end][1][0] != tokens[0]:
            out.append((tuple(n for line, _ in lines[i:end + 1] for n in line),
                        [t for _, words in lines[i:end + 1] for t in words]))
            i = end + 1
        else:
            out.append((k, tokens))
            i += 1
    return out


def _next_row_run_on(rest: list[str], first_number: int | None) -> bool:
    """Whether the tokens a line holds after its last panel's figures are the next row's: a
    label, then the first panel's next 行次 number."""
    at = next((i for i, t in enumerate(rest) if t == str(first_number)), None)
    return bool(at) and not any(is_amount(t) for t in rest[:at])


def numbered_lines(tokens: list[tuple[int, str]]) -> list[tuple[tuple[int, ...], str]]:
    """One fragment per line: the fragments regrouped into the printed rows of a 行次 table.
    A row starts at the label before each next number of the first panel (1, 2, 3 …); the
    `1 2` of `栏次 1 栏次 2` are the columns' numbers, not rows'."""
    cuts: list[int] = []
    want = 1
    for i, (_, t) in enumerate(tokens):
        if t != str(want):
            continue
        if want == 1 and i + 1 < len(tokens) and tokens[i + 1][1] == "2":
            continue
        start = i
        while start > (cuts[-1] if cuts else 0) and not is_amount(tokens[start - 1][1]):
            start -= 1
        cuts.append(start)
        want += 1
    bounds = cuts + [len(tokens)]
    return [(tuple(sorted({k for k, _ in tokens[a:b]})), " ".join(t for _, t in tokens[a:b]))
            for a, b in zip(bounds, bounds[1:])]


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


def coded_panel_rows(columns: list[Column], lines: list[tuple[int, str]], by_line: bool,
                     is_header_word: Callable[[str], bool] = lambda token: False,
                     printed: Sequence[str] | None = None) -> list[list[Cell]]:
    """Panels of (code, name, amount) side by side (决算 公开06), the empty cells dropped: a
    code starts a cell group; a group goes to the panel whose codes it continues. A line is
    a printed row; one fragment per line, a row ends where a group's panel comes round again,
    and the header's cells that reading order prints among the first rows
    (`301 科目编码 类 工资福利支出`, by `is_header_word`) are left out. `printed`: a layout
    text's lines as printed, whose runs of spaces part the cells."""
    panels = _code_panels(columns)
    classes = [catalog.ECONOMIC_CLASS_COLUMNS.get(columns[codes[0]].path[0]) for codes, _, _ in panels]
    last: list[str] = [""] * len(panels)
    rows: list[list[Cell]] = []

    def fit(group: list[str], p: int) -> int:
        code = group[0] if ECONOMIC_CODE.match(group[0]) else ""
        if not code:
            return 0
        allowed = classes[p]
        if allowed is not None and code[:3] not in allowed:
            return -1       # 302 is never 人员经费
        if not last[p]:
            return 500
        if classes[p] is None and _staff_class(code) != _staff_class(last[p]):
            return -1       # a panel of 人员经费 classes (301, 303) never runs on into 公用经费 ones
        if code[:3] == last[p][:3]:
            return 2000
        # a new 类 continues the panel whose last 类 is nearest below it
        return 1000 + int(last[p][:3]) if len(code) == 3 and code > last[p][:3] else -1

    def put(row: list[Cell], p: int, lines: tuple[int, ...], group: list[str]) -> None:
        code_cols, name_col, amount_col = panels[p]
        code = group[0] if ECONOMIC_CODE.match(group[0]) else ""
        rest = group[1 if code else 0:]
        parts = [code]
        while code and rest and CODE_PART.match(rest[0]) and len(rest) > 1:
            parts.append(rest.pop(0))       # `301 01 基本工资`: the code printed in its 类 款 parts
        amounts = [t for t in rest if is_amount(t)]
        name = "".join(t for t in rest if not is_amount(t))
        if code:
            if len(code_cols) > 1:
                for j, part in zip(code_cols, parts):
                    row[j] = Cell(part, lines)
            else:
                row[code_cols[0]] = Cell("".join(parts), lines)
            row[name_col] = Cell(name, lines)
            last[p] = "".join(parts)
        else:       # a total's label (`人员经费合计 988.75`): the name column
            row[name_col] = Cell(name, lines)
        if amounts:
            row[amount_col] = Cell(clean_number(amounts[0]), lines)

    if by_line:
        between: dict[int, list[tuple[int, str]]] = {}     # row → text-alone fragments printed before it
        for k, line in lines:
            pieces = split_tokens(line)
            groups = [g for _, g in _code_groups([(k, t) for t in pieces])]
            if not groups or (not rows and not any(ECONOMIC_CODE.match(g[0]) for g in groups)):
                continue        # nothing, or the header before the first coded row
            if not any(ECONOMIC_CODE.match(g[0]) or is_amount(t) for g in groups for t in g):
                if all(is_header_word(t) for t in pieces):
                    continue        # the header printed again on a continuation page
                # (a layout text parts its cells by runs of spaces: `信息 网络 及软件 购置` is one)
                cells = spaced_cells(printed[k - 1]) if printed is not None else None
                between.setdefault(len(rows), []).extend((k, normalise(t)) for t in cells or pieces)
                continue        # a name's wrapped piece: seated once the rows around it are known
            if rows and (bare := _panels_coded_bare(rows[-1], panels)) and len(bare) == len(groups) and \
                    not any(ECONOMIC_CODE.match(g[0]) or catalog.TOTAL_LABELS.match("".join(t for t in g if not is_amount(t)))
                            for g in groups):
                # the names and amounts of the row above's panels that printed their codes alone
                # (a panel's cells a line below its code: `30109 职业年金缴费 225.12 30207` /
                # `邮电费 8.05`)
                for p, group in zip(bare, groups):
                    put(rows[-1], p, (k,), group)
                continue
            seated = [Cell("") for _ in columns]
            n = len(panels)
            seats = list(range(n)) if len(groups) >= n else max(
                itertools.combinations(range(n), len(groups)),
                key=lambda chosen: sum(fit(g, p) for g, p in zip(groups, chosen)))
            for p, group in zip(seats, groups):
                put(seated, p, (k,), group)
            if len(groups) < n and not any(ECONOMIC_CODE.match(g[0]) for g in groups):
                # a totals row (`人员经费合计 … 公用经费合计 …`): the last total spans the panels
                # left over, its amount printed under the last one
                last_amount, end = panels[seats[-1]][2], panels[-1][2]
                seated[end], seated[last_amount] = seated[last_amount], Cell("")
            rows.append(seated)
        return _panel_names_joined(rows, between, [name for _, name, _ in panels], [codes for codes, _, _ in panels])
    tokens = [(k, t) for k, t in stream_tokens(lines) if is_amount(t) or CODE.match(t) or not is_header_word(t)]
    first = next((i for i, (_, t) in enumerate(tokens) if ECONOMIC_CODE.match(t)), len(tokens))
    used = len(panels)
    row: list[Cell] = []
    for printed_on, group in _code_groups(tokens[first:]):
        later = [p for p in range(used + 1, len(panels)) if fit(group, p) >= 0]
        if later:
            p = max(later, key=lambda q: fit(group, q))
        else:
            row = [Cell("") for _ in columns]
            rows.append(row)
            p = max(range(len(panels)), key=lambda q: fit(group, q))
        put(row, p, printed_on, group)
        used = p
    return rows


def _panels_coded_bare(row: list[Cell], panels: list[tuple[list[int], int, int]]) -> list[int]:
    """The panels of a row that print a code and neither name nor amount."""
    return [p for p, (codes, name, amount) in enumerate(panels)
            if row[codes[0]].text and not row[name].text and not row[amount].text]


CODE_PART = re.compile(r"^\d{2}$")
STAFF_CLASSES = catalog.ECONOMIC_CLASS_COLUMNS["人员经费"]


def _staff_class(code: str) -> bool:
    return code[:3] in STAFF_CLASSES


def item_over_its_parent(rows: list[list[Cell]], text_cols: list[int]) -> str:
    """A panel's unnumbered item (a detail under 一、一般公共服务支出) whose figure exceeds that of
    the numbered item above it, its parent, within one total: a detail never sums to more than
    its parent, so it was seated in the wrong panel. The item, or ""."""
    for label in text_cols:
        parent: Decimal | None = None
        for row in rows:
            text = row[label].text if label < len(row) else ""
            figure = row[label + 1].value if label + 1 < len(row) else None
            if not text or LIST_END.search(text):
                parent = None       # a total ends the items it sums; a row without a label here is the other panel's
                continue
            if LIST_NUMBER.match(text):
                parent = figure
            elif parent is not None and figure is not None and 0 <= parent < figure:
                return text
    return ""


def number_repeated(rows: list[list[Cell]], text_cols: list[int]) -> str:
    """A panel's list item whose number repeats or goes back on one before it in its list
    (`二、政府性基金预算资金` after `二、外交支出` …): two panels' lists were read into one
    column. A list restarts after a total or an unnumbered label, and a deeper list (1. under
    一、) after each item of the list above it. The item, or ""."""
    for col in text_cols:
        last: dict[tuple[bool, bool], list[int]] = {}       # the list styles open, outermost first
        above = ""          # the item just above
        for row in rows:
            text = row[col].text if col < len(row) else ""
            if not text:
                continue
            numbered = _list_number(text)
            if numbered is None or LIST_END.search(text):
                last, above = {}, ""
                continue
            style, number = numbered
            if style in last:
                levels = last[style]
                if number == 1 and above and catalog.ITEM_OVER_A_LIST.match(LIST_NUMBER.sub("", above)):
                    levels.append(0)        # its own list under the item above, in that item's style
                while len(levels) > 1 and number <= levels[-1]:
                    levels.pop()            # … ending where the list above goes on
                if number <= levels[-1]:
                    return text
                styles = list(last)
                last = {s: last[s] for s in styles[:styles.index(style) + 1]}     # the deeper lists end
                levels[-1] = number
            else:
                last[style] = [number]
            above = text
    return ""


def number_in_the_other_panel(rows: list[list[Cell]], text_cols: list[int]) -> str:
    """A spending item of the outermost list (`四、卫生健康支出`) printed in the income panel's
    column, where the spending list skips its number (三、 then 五、): reading order printed it
    late, its figures elsewhere. The item, or ""."""
    if len(text_cols) != 2:
        return ""
    left, right = (_outermost_items(rows, col) for col in text_cols)
    return next((text for n, text in left.items() if n not in right and n - 1 in right and n + 1 in right
                 and RIGHT_SIDE.search(text)), "")


def spending_in_the_income_panel(rows: list[list[Cell]], columns: list[Column], text_cols: list[int]) -> list[str]:
    """The labels of a two-panel summary's income panel that name no source of funds nor
    balance, printed without a list number (`基础研究`): spending items read into it."""
    income = [j for j in text_cols if _in_income_panel(columns[j])]
    if len(text_cols) != 2 or len(income) != 1:
        return []
    return [text for row in rows if income[0] < len(row) and (text := row[income[0]].text) and _plain_item(text)
            and not NAMES_INCOME.search(text)]


# what an income panel's items name (not 补助 alone: 公务员医疗补助 is spent; 上级补助收入 names 收入)
NAMES_INCOME = re.compile(r"收入|拨款|预算|资金|结转|结余|基金|收费|上缴|计$")


def _outermost_items(rows: list[list[Cell]], col: int) -> dict[int, str]:
    """A column's items of its outermost list (一、 二、 …) by their numbers."""
    items: dict[int, str] = {}
    for row in rows:
        numbered = _list_number(text := row[col].text if col < len(row) else "")
        if numbered is not None and numbered[0] == LIST_STYLES[0]:
            items[numbered[1]] = text
    return items


def _panel_names_joined(rows: list[list[Cell]], between: dict[int, list[tuple[int, str]]],
                        name_cols: list[int], code_cols: list[list[int]]) -> list[list[Cell]]:
    """Names wrapped in their cells print their pieces on lines of text alone around the
    coded line (`机关事业单位基本` / `301 08 229.67 302 07 邮电费 3.48` / `养老保险缴费`). The
    pieces between two rows go, in order, to the tails of the first row's panels that
    printed no name, then to the tails of its named panels from the left, and the last
    ones to the heads of the second row's panels that printed no name. Pieces no panel can
    take stay a row of their own, as printed."""
    def nameless(row: list[Cell]) -> list[int]:
        return [p for p, name in enumerate(name_cols) if row[code_cols[p][0]].text and not row[name].text]

    def join(row: list[Cell], p: int, pieces: list[tuple[int, str]], tail: bool) -> None:
        cell = row[name_cols[p]]
        text = cell.text + "".join(t for _, t in pieces) if tail else "".join(t for _, t in pieces) + cell.text
        lines = tuple(sorted(set(cell.lines) | {k for k, _ in pieces}))
        row[name_cols[p]] = Cell(text, lines, "joined from fragments")

    missing = [nameless(row) for row in rows] + [[]]       # before any piece is joined
    out: list[list[Cell]] = []
    for i, row in enumerate(rows + [None]):
        pieces = between.get(i, [])       # (only after a first row: text before it is the header)
        if pieces:
            before = rows[i - 1]
            heads = missing[i]
            take = pieces[len(pieces) - len(heads):] if heads and len(pieces) > len(missing[i - 1]) else []
            rest = pieces[:len(pieces) - len(take)]
            named = [p for p, name in enumerate(name_cols) if before[name].text] if row is not None else []
            tails = missing[i - 1] or named
            if len(rest) <= len(tails):
                for p, piece in zip(tails, rest):
                    join(before, p, [piece], tail=True)
                if row is not None:      # the last pieces open the next row's nameless panels
                    for p, piece in zip(heads, take):
                        join(row, p, [piece], tail=False)
            else:       # no panel to take them: printed as a row of its own
                out.append([Cell("") for _ in before])
                out[-1][name_cols[0]] = Cell("".join(t for _, t in pieces), tuple(k for k, _ in pieces))
        if row is not None:
            out.append(row)
    return out


def _code_panels(columns: list[Column]) -> list[tuple[list[int], int, int]]:
    """(code columns, name column, amount column) of each (code, name, amount) panel: the code
    in one column, or in its 类/款(/项) columns."""
    panels = []
    for j, c in enumerate(columns):
        if c.role == ColumnRole.CODE or (c.opens_code and c.split_code_part):
            codes = [j]
            while codes[-1] + 1 < len(columns) and columns[codes[-1] + 1].leaf in ("款", "项"):
                codes.append(codes[-1] + 1)
            panels.append((codes, codes[-1] + 1, codes[-1] + 2))
    return panels


GLUED_ECONOMIC_CODE = re.compile(f"^(\\d{{3}}(?:\\d{{2}})?)({HAN}.*)$")     # `310资本性支出`


def _code_unglued(token: str) -> tuple[str, ...]:
    """An economic code printed without a space before its name, as the code and the name."""
    m = GLUED_ECONOMIC_CODE.match(token)
    return m.groups() if m else (token,)


def _code_groups(tokens: list[tuple[int, str]]) -> list[tuple[tuple[int, ...], list[str]]]:
    """Tokens cut into (code, name, amount) groups, with the lines each is printed on: at
    each code, at a label after an amount (`人员经费合计 988.75 公用经费合计 346.54`), and at a
    total's label after a name left without an amount (`310 99 其他资本性支出 人员经费合计 …`)."""
    groups: list[tuple[list[int], list[str]]] = []
    for k, t in ((k, piece) for k, token in tokens for piece in _code_unglued(token)):
        group = groups[-1][1] if groups else []
        code_only = bool(group) and ECONOMIC_CODE.match(group[0]) and all(CODE_PART.match(x) for x in group[1:])
        after_amount = len(group) > 1 and is_amount(group[-1]) and not code_only     # `301 01`: a code in parts
        total_after_name = bool(group) and not code_only and not is_amount(group[-1]) and \
            bool(catalog.TOTAL_LABELS.match(t)) and not catalog.TOTAL_LABELS.match(group[-1])
        if ECONOMIC_CODE.match(t) or not groups or (not is_amount(t) and after_amount) or total_after_name:
            groups.append(([k], [t]))
        else:
            groups[-1][0].append(k)
            groups[-1][1].append(t)
    return [(tuple(sorted(set(lines))), group) for lines, group in groups]


def _split_labels(labels: list[tuple[int, str]], apart: bool) -> list[tuple[tuple[int, ...], str]]:
    """Label fragments grouped into labels: a fragment that starts a label begins a new one;
    where two panels print a line per row (`apart`), so does one printed apart on the line of
    another, each of a word's length at least (a label with no figure beside the other
    panel's: `政府性基金预算 科技成果转化与扩散 28.00`)."""
    out: list[tuple[list[int], str]] = []
    previous = None
    for k, t in labels:
        beside = apart and previous is not None and previous[0] == k and min(len(previous[1]), len(t)) >= WHOLE_LABEL
        previous = (k, t)
        if out and not beside and not LABEL_START.match(t) and not CLOSING_LINE.match(t) and \
                not re.match(r"^(收入|支出)总?计$", t) and not (len(out[-1][1]) >= 4 and LABEL_END.search(out[-1][1])):
            out[-1] = (out[-1][0] + [k], out[-1][1] + t)
        else:
            out.append(([k], t))
    return [(tuple(sorted(set(ks))), re.sub(r"\s+", "", t)) for ks, t in out]
