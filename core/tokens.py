"""Tokens of extracted table text: amounts, codes, labels; the text layouts' common ground."""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .catalog import TOTAL_LABELS
from .columns import Column
from .model import clean_number, parse_amount
from .text import HAN

CODE = re.compile(r"^\d{2,7}$|^\d{3}(\s\d{2}){1,2}$")
ECONOMIC_CODE = re.compile(r"^\d{3}(\d{2})?$")       # 302, 30201
DASH = {"-", "—", "--", "——", "/"}
COLUMN_NUMBER_WORDS = {"**", "*", "栏次", "行次", "类", "款", "项", "栏", "次"}
# A page's number on its own line: `12`, `- 12 -`, `—12—`, `1 2` (a layout text spacing its digits as printed)
PAGE_DASH = "[-—–]"         # the dashes around a printed page number
LONE_NUMBER = re.compile(rf"^\s*({PAGE_DASH}\s*)?([1-9](?: ?\d){{0,2}})(\s*{PAGE_DASH})?\s*$")
# … and in words: `第10页，共45页`, `第 3 页`
PAGE_IN_WORDS = r"第\s*\d{1,4}\s*页(?:\s*[，,]?\s*共\s*\d{1,4}\s*页)?"

# A number glued to the label after it ("0.00二、公共安全支出"); a percentage (89.50%) is one cell.
GLUED = re.compile(r"^([-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-+]?\d+\.\d+)([^\d,.%‰].*)$")


def is_amount(token: str) -> bool:
    return parse_amount(token) is not None or token in DASH


def is_short_number(token: str) -> bool:
    """One or two digits alone: too short for a figure — a column's or row's printed number
    (栏次 1 2, 行次 12), a page's, a code's piece."""
    return token.isdigit() and len(token) <= 2


def squash(text: str) -> str:
    return "".join(text.split())


def numbers_columns(figures: Sequence[str]) -> bool:
    """Whether figures are the column numbers 1, 2, 3 … (three at least), in order."""
    return len(figures) >= 3 and list(figures) == [str(n) for n in range(1, len(figures) + 1)]


def is_column_number_row(cells: Sequence[str]) -> bool:
    """`** ** 1 2 3`, `类 款 项 栏次 1 2`, `栏 次 1 栏 次 2`: header furniture."""
    vals = [squash(c) for c in cells if c.strip()]
    if not vals or vals in (["类"], ["款"], ["项"]):
        return False        # alone, the wrapped end of a name (`其` `他运转` `类`)
    ints = sum(is_short_number(v) for v in vals)
    # (`次` beside a figure is 栏次's half only with its 栏: else the figure's unit, `0 次`)
    words = sum(v in COLUMN_NUMBER_WORDS and (v != "次" or "栏" in vals or not ints) for v in vals)
    return words + ints == len(vals) and (words > 0 or ints >= 2)


# A label with its amount glued after it: the amount has a thousands comma or two decimals
# (`资金91,016,775.35`), never a year or a count (`（2026）`, `A4`).
LABEL_THEN_AMOUNT = re.compile(f"^(.*(?:{HAN}|[）)]))" + r"(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+\.\d{2})$")


def _amount_of(places: int) -> str:
    """A sum of money printed with `places` decimals, as a pattern (a negative one only with a
    thousands comma)."""
    return r"(?:-?\d{1,3}(?:,\d{3})+|\d+)\.\d{" + str(places) + "}"


# Amounts of two decimals run together (`75,000.00130,000.00`); a negative one among them only
# with a thousands comma (`395,500.00-12,000.00`), so a span of months (`2024.01-2024.12`) stays whole.
GLUED_AMOUNTS = re.compile(_amount_of(2))
# … and glued to the text of the cell after them (`0.0050.00局主要职责…`)
AMOUNTS_THEN_TEXT = re.compile(f"^((?:{_amount_of(2)}){{2,}})" + r"([^\d,.%‰].*)$")
YEAR_SPACED = re.compile(r"(?<!\d)(\d{4})\s+年")     # (a year stands alone: no 7-digit code 3010303 年终…)
NUMBER_FIRST = frozenset("+-0123456789")


def split_tokens(line: str) -> list[str]:
    """Space-separated tokens, with numbers glued to a label or to each other pulled apart
    ("0.00二、公共安全支出", "8,132.86385.86360.62")."""
    return list(line_tokens(line))


@lru_cache(maxsize=1 << 14)
def line_tokens(line: str) -> tuple[str, ...]:
    """`split_tokens`, kept: the readers tokenise a table's lines several times over (its
    layout, its stream of tokens, its header), a document's lines each once here."""
    out = []
    if "年" in line:
        line = YEAR_SPACED.sub(r"\1年", line)
    for tok in line.split():
        # each pattern is tried only where it can match (a digit last; a number first)
        tail = LABEL_THEN_AMOUNT.match(tok) if tok[-1].isdigit() else None
        if tail:        # `一、一般公共预算资金91,016,775.35`: the label, then its amount
            out.append(tail.group(1))
            tok = tail.group(2)
        if glued := _amounts_run_together(tok, line):     # a negative among them too (`-9,000.00-72,100.00`)
            out.extend(glued)
            continue
        m = (GLUED.match(tok) or AMOUNTS_THEN_TEXT.match(tok)) if tok[0] in NUMBER_FIRST else None
        head, rest = (m.group(1), m.group(2)) if m else (tok, "")
        if rest.startswith("、") and "." in head:
            head, rest = _item_number_apart(head, rest, line)
        elif not rest and CODE_AFTER_AMOUNT.match(head):
            head, rest = _code_apart(head, line)
        out.extend(_amounts_run_together(head, line) or [head])
        if rest:
            out.append(rest)
    return tuple(join_spaced_characters(out))


def _amounts_run_together(text: str, line: str) -> list[str]:
    """The amounts `text` is made of, two or more run together, of two decimals or of as many
    as the other amounts of its `line` print (Beijing's 万元 to six: `7.485000379.264822`);
    [] otherwise."""
    if text.count(".") < 2:
        return []
    found = GLUED_AMOUNTS.findall(text)
    if "".join(found) != text and (places := _usual_decimals(line)) != 2:
        found = re.findall(_amount_of(places), text)
    return found if "".join(found) == text else []


def _usual_decimals(line: str) -> int:
    """The decimals a line's amounts print most often (two where none tells)."""
    printed = Counter(len(t) - t.index(".") - 1 for t in line.split() if t.count(".") == 1 and parse_amount(t) is not None)
    return printed.most_common(1)[0][0] if printed else 2


# an amount whose decimals run on into a row's code (`1,410,886.00208`, `0.00208`: the next row's
# `208 05 06` printed on its line without a space)
CODE_AFTER_AMOUNT = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{5,}$")
CODE_DIGITS = 3         # digits of a code's shortest piece (类 208)


def _decimals_over(amount: str, line: str) -> int:
    """How many more decimals `amount` prints than its line's amounts usually do."""
    return len(amount) - amount.index(".") - 1 - _usual_decimals(line)


def _code_apart(amount: str, line: str) -> tuple[str, str]:
    """An amount glued to a code after it: the amount keeps as many decimals as the line's other
    amounts print, where three digits or more are left over for the code."""
    extra = _decimals_over(amount, line)
    return (amount[:-extra], amount[-extra:]) if extra >= CODE_DIGITS else (amount, "")


def _item_number_apart(amount: str, rest: str, line: str) -> tuple[str, str]:
    """An amount glued to the next item's number (`36,701,197.201、机关工资福利支出`) took the
    number's digits as decimals: they go back to the item, the amount keeping as many decimals
    as the line's other amounts print (two where none tells)."""
    extra = _decimals_over(amount, line)
    return (amount[:-extra], amount[-extra:] + rest) if extra > 0 else (amount, rest)


@dataclass(frozen=True)
class PrintedPages:
    """A text's lines as printed, and where its pages start (a form feed opens a page; a page
    number's line closes one): a layout text's columns hold within a page, as an extractor
    spaces each page afresh."""
    lines: tuple[str, ...]
    page_starts: tuple[int, ...]      # line numbers, ascending

    def page(self, line: int) -> int:
        return bisect.bisect_right(self.page_starts, line)


# a description's punctuation, as printed or folded: never a header's, nor a row label's (which
# may print a colon: `其中：`)
DESCRIPTION_MARK = re.compile(r"[，。；,;]")
CHUNK = re.compile(r"\S+")
SPACED_APART = 2        # spaces a layout text puts between two cells at least


def _spaced_chunks(printed: str) -> list[tuple[re.Match[str], int]] | None:
    """A printed line's runs of print, each with where the one before it ends (0 for the
    first), where the line keeps its columns as runs of spaces; None where single spaces part
    all of them (the columns were not kept)."""
    chunks = list(CHUNK.finditer(printed))
    ends = [0] + [c.end() for c in chunks]
    if not any(c.start() - end >= SPACED_APART for c, end in zip(chunks, ends)):
        return None
    return list(zip(chunks, ends))


def spaced_cells(printed: str) -> list[str] | None:
    """The cells of a printed line of a layout text, parted by runs of spaces (a single space
    inside one is the extractor's: `信息 网络 及软件 购置`); None from a line whose cells single
    spaces part (the columns were not kept)."""
    if (chunks := _spaced_chunks(printed)) is None:
        return None
    cells: list[list[str]] = []
    for chunk, end in chunks:
        if cells and chunk.start() - end < SPACED_APART:
            cells[-1].append(chunk.group())
        else:
            cells.append([chunk.group()])
    return ["".join(cell) for cell in cells]


def token_places(line: str, tokens: list[str]) -> list[int | None]:
    """Where each of a line's tokens starts in the line as printed, found in turn (None where
    the line prints it otherwise)."""
    places: list[int | None] = []
    at = 0
    for t in tokens:
        found = line.find(t, at)
        places.append(found if found >= 0 else None)
        at = found + len(t) if found >= 0 else at
    return places


@lru_cache(maxsize=4096)
def amount_ends(printed: str) -> tuple[tuple[str, int], ...]:
    """The amounts of a printed line of a layout text, each with the column its last character
    ends at (`(amount without separators, end)`): where an extractor kept the page's columns
    as runs of spaces, an amount's end tells its column, as right-aligned amounts end where
    their column does. None from a line whose cells single spaces part (the columns were not
    kept), nor from a chunk gluing an amount to more."""
    if (chunks := _spaced_chunks(printed)) is None:
        return ()
    out = []
    for chunk, _ in chunks:
        tokens = split_tokens(unicodedata.normalize("NFKC", chunk.group()))
        if len(tokens) == 1 and parse_amount(tokens[0]) is not None:
            out.append((clean_number(tokens[0]), chunk.end()))
    return tuple(out)


_NAME_BESIDE_TOTAL = re.compile(r"(.{0,4}名称)(总计|合计)")


def join_spaced_characters(tokens: list[str]) -> list[str]:
    """`收 入 总 计` was one word printed letter-spaced: join runs of single CJK characters.
    A token opening with an enumeration comma ends the word before it (`三 、机关资本性支出`):
    no cell begins with 、. A name column's header and the total beside it are two words."""
    out: list[str] = []
    run: list[str] = []
    for t in tokens + [""]:
        if len(t) == 1 and "\u4e00" <= t <= "\u9fff":
            run.append(t)
            continue
        if run:
            # a name column's header letter-spaced as its neighbour, the total (`科 目 名 称 总 计`): two cells
            beside = _NAME_BESIDE_TOTAL.fullmatch(word := "".join(run))
            out.extend(beside.groups() if beside else [word] if len(run) > 1 else run)
            run = []
        if t.startswith("、") and out:
            out[-1] += t
        elif t:
            out.append(t)
    return out


LABEL_WIDTH = 24      # the longest row label a table prints on one line (a sentence is a form's text)


def detect_layout(lines: list[tuple[int, str]]) -> str:
    """'tab', 'space' (a line per row, cells split by spaces) or 'fragment' (a cell or part
    of one per line)."""
    if not lines:
        return "space"
    tabbed = sum("\t" in s for _, s in lines)
    if tabbed * 3 >= len(lines):
        return "tab"
    # one fragment per line: most lines are a short word or a lone number; a line-per-row
    # layout has spaces in nearly every line. Long labels alone on their lines (`二、社会保障和
    # 就业支出`) are fragments too where most figures stand alone on theirs, as no row's do
    # in a line-per-row layout.
    # (a line of a figure, then words — `62,109,297.20 2、外交支出` — is two fragments: one cell's
    # figure and the next cell's label that reading order printed on one line; no row of a
    # line-per-row layout opens with its figures)
    words = [piece for _, s in lines for piece in _glued_cells(s.split()) or [s.strip()]]
    short = sum(len(w) <= 10 and " " not in w for w in words)
    alone = sum(len(w) <= LABEL_WIDTH and " " not in w for w in words)
    figure_lines = [w.split() for w in words if any(is_amount(t) for t in w.split())]
    figures_alone = sum(len(ts) == 1 for ts in figure_lines)
    fragments = short * 10 >= len(lines) * 6 or \
        (alone * 10 >= len(lines) * 6 and figures_alone >= 3 and figures_alone * 2 >= len(figure_lines))
    return "fragment" if fragments and len(words) > 6 else "space"


def _glued_cells(tokens: list[str]) -> list[str]:
    """A figure and the words after it, where a line is only that (else nothing)."""
    return tokens if len(tokens) == 2 and is_amount(tokens[0]) and not is_amount(tokens[1]) else []


def is_text_column(path: str) -> bool:
    """Columns (written paths) of codes and labels (项目, 科目名称, 项目单位), not of amounts (项目支出)."""
    return Column.parse(path).holds_words


def numbered_column(i: int) -> str:
    """The name of an amount column whose header could not be read: its place (列1, 列2 …)."""
    return f"列{i}"


LINE_CODE = re.compile(r"^(\d{3}(\d{2}){0,2}|\d{6})$")    # 201, 20105, 2010505; a unit's code, 364001
ALNUM_CODE = re.compile(r"^(?=.*\d)[0-9A-Z]{2,}$")
Token = tuple[int, str]          # a piece of printed text and its source line
# a printed row as read: its code tokens, its label's pieces, its amounts
Run = tuple[list[Token], list[Token], list[Token]]

PARTIAL_NUMBER = re.compile(r"^[\d,]*\d(\.\d?)?$")
NUMBER_TAIL = re.compile(r"^\.?\d+$")
TWO_DECIMALS = re.compile(r"^-?[\d,]+\.\d{2}$")
ONE_DECIMAL = re.compile(r"^[\d,]*\d\.\d$")


def stream_tokens(content: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The tokens of a table's lines, column-number rows (and column numbers printed a number a
    line) dropped, numbers split over two
    lines rejoined (`8132` + `.86`, `0.0` + `0`) — but a figure of one decimal is whole where
    the table prints such a figure whole elsewhere (`6.4` then `0`: two figures) — and a
    cell wrapped where its next line begins with the 、 no cell begins with (`、结转`)."""
    numbered = column_numbers_a_line(content)
    tokens = _totals_a_character_a_line([(k, t) for i, (k, line) in enumerate(content)
                                         if not _column_numbers_line(line) and i not in numbered
                                         for t in line_tokens(line)])
    one_decimal_whole = any(ONE_DECIMAL.match(t) and not (i + 1 < len(tokens) and NUMBER_TAIL.match(tokens[i + 1][1]))
                            for i, (_, t) in enumerate(tokens))
    out: list[tuple[int, str]] = []
    for k, t in tokens:
        if out and PARTIAL_NUMBER.match(out[-1][1]) and not TWO_DECIMALS.match(out[-1][1]) \
                and NUMBER_TAIL.match(t) and TWO_DECIMALS.match(out[-1][1] + t) and out[-1][0] != k \
                and not (one_decimal_whole and ONE_DECIMAL.match(out[-1][1])):
            out[-1] = (out[-1][0], out[-1][1] + t)
            continue
        if out and t.startswith("、") and out[-1][0] != k and not is_amount(out[-1][1]):
            out[-1] = (out[-1][0], out[-1][1] + t)     # `上年结余` / `、结转`: no cell begins with 、
            continue
        out.append((k, t))
    return out


def _totals_a_character_a_line(tokens: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A total's label printed letter-spaced and read a character a line (`本` `年` `收` `入` `合`
    `计`, PyMuPDF) as one token: a run of single CJK characters on lines one after another
    that spells a total's label whole."""
    if sum(len(t) == 1 for _, t in tokens) < 2:
        return tokens
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and len(tokens[j][1]) == 1 and CJK.match(tokens[j][1]) and \
                (j == i or tokens[j][0] == tokens[j - 1][0] + 1):
            j += 1
        if j - i >= 2 and TOTAL_LABELS.fullmatch(word := "".join(t for _, t in tokens[i:j])):
            out.append((tokens[i][0], word))
            i = j
            continue
        out.append(tokens[i])
        i += 1
    return out


def column_numbers_a_line(content: list[tuple[int, str]]) -> set[int]:
    """The indices of the lines of column numbers printed a number a line (`1` `2` `3` under
    本年支出合计, 基本支出 and 项目支出): lone numbers 1, 2, 3 … (three at least) on lines one
    after another."""
    out: set[int] = set()
    run: list[int] = []
    for i, (_, line) in enumerate(content):
        if line.strip() == str(len(run) + 1):
            run.append(i)
            continue
        if len(run) >= 3:
            out.update(run)
        run = [i] if line.strip() == "1" else []
    if len(run) >= 3:
        out.update(run)
    return out


@lru_cache(maxsize=1 << 14)
def _column_numbers_line(line: str) -> bool:
    return is_column_number_row(line_tokens(line))


def _codes_opening_lines(tokens: list[tuple[int, str]]) -> set[int]:
    """Codes that begin their line before the amounts (with decimals or thousands grouped),
    whole or in 类 款 项 parts, their name wrapped onto the lines around them (`一般公共服务支` /
    `201 306.90 306.90` / `出`; `机关事业单位基本养老保险缴费支` / `208 05 05 4,412,547 …` / `出`;
    `其他政府办公厅（室）及相关机构事` / `201 03 99 20,120,000.00 …` / `务支出`; a 款 or 项 part
    alone where words alone print the lines above and below it: `国有土地使用权出让收入安` /
    `08 2,238.68 …` / `排的支出`)."""
    out: set[int] = set()
    words_only: set[int] | None = None      # (found only where a part alone opens a line)
    for i, (k, t) in enumerate(tokens):
        if i > 0 and tokens[i - 1][0] == k:
            continue
        if not LINE_CODE.match(t):
            if not (CODE_PART.fullmatch(t) and 0 < i < len(tokens) - 1):
                continue
            words_only = _lines_of_words_only(tokens) if words_only is None else words_only
            if not {tokens[i - 1][0], _next_line(tokens, i)} <= words_only:
                continue
        j = i + 1
        while j < len(tokens) and j - i < 3 and tokens[j][0] == k and CODE_PART.fullmatch(tokens[j][1]) and len(t) == 3:
            j += 1      # the 款 and 项 parts of a code printed in parts
        if j < len(tokens) and tokens[j][0] == k and GROUPED_OR_DECIMAL.search(tokens[j][1]) and is_amount(tokens[j][1]):
            out.update(range(i, j))
    return out


CODE_PART = re.compile(r"\d\d")        # a code's 款 or 项 printed apart (`201 03 99`)
GROUPED_OR_DECIMAL = re.compile(r"\d,\d{3}|\.\d")     # a sum of money no code is (`4,412,547`, `306.90`)
CJK = re.compile(HAN)


def _lines_of_words_only(tokens: list[tuple[int, str]]) -> set[int]:
    """The lines none of whose tokens holds a digit."""
    with_digits = {k for k, t in tokens if any(ch.isdigit() for ch in t)}
    return {k for k, _ in tokens} - with_digits


def _next_line(tokens: list[tuple[int, str]], i: int) -> int:
    """The line of the first token after token `i`'s line (-1 where none follows)."""
    k = tokens[i][0]
    return next((tokens[j][0] for j in range(i + 1, len(tokens)) if tokens[j][0] != k), -1)


def _misprinted_class(tokens: list[tuple[int, str]], i: int) -> bool:
    """A short number opening its line before a code's 款 and 项 parts and a name (`7 11 02
    事业单位医疗`, a class code the PDF's font printed as one glyph): a code part, not an amount
    of the row above."""
    k, t = tokens[i]
    if not is_short_number(t) or (i > 0 and tokens[i - 1][0] == k) or i + 3 >= len(tokens):
        return False
    lines = [line for line, _ in tokens[i:i + 4]]
    # on one line, or a fragment per line (each of the four alone on its own, or the 项 part with
    # the name: `7` / `11` / `02 事业单位医疗`)
    if len(set(lines)) not in (1, 4) and lines[:3] != sorted(set(lines)):
        return False
    after = [x for _, x in tokens[i + 1:i + 4]]
    return all(CODE_PART.fullmatch(x) for x in after[:2]) and not is_amount(after[2])


def _ends_a_labelled_line(tokens: list[tuple[int, str]], kinds: list[str], i: int, label: int) -> bool:
    """Whether token i, one of a run of numbers before the label at `label`, stands after a
    label on a line of its own, the run's label on a later line: that row's figures (a whole-元
    table's `其他工资福利支出 720 720`), not the next row's code."""
    line = tokens[i][0]
    if tokens[label][0] == line:
        return False
    k = i - 1
    while k >= 0 and tokens[k][0] == line and kinds[k] == "amount":
        k -= 1
    return k >= 0 and tokens[k][0] == line and kinds[k] == "text"


WHOLE_CODE_LENGTHS = frozenset({3, 5, 7})     # a class, a 款, a 项 code printed whole (201, 20105, 2010505)


def _whole_code(token: str) -> bool:
    return bool(LINE_CODE.match(token)) and len(token) in WHOLE_CODE_LENGTHS


def _in_chain(codes: Sequence[str], i: int) -> bool:
    """Whether code i goes on the chain of those before it: the first, a class, or under the
    same parent as one of them (under it, or beside it)."""
    code = codes[i]
    return _whole_code(code) and (i == 0 or len(code) == 3 or any(c.startswith(code[:-2]) for c in codes[:i]))


def is_code_chain(codes: Sequence[str], linked: bool = True) -> bool:
    """Whether codes printed one after another are several rows' of one classification, in its
    order: whole codes, each a class or under the parent of one before it, not classes alone
    (`205` `20508` `2050803` `208` `20805`, `2080505` `2080506`; not a row's two panels' or two
    classifications' codes, `30101` `30201`, `30101` `50101`, `301` `302`); `linked`: one of
    them under another too, where the numbers could as well be figures (`7130000` `221` is a
    whole figure and a class; `2019999` `208`, known to be codes, two rows')."""
    return len(codes) >= 2 and all(_in_chain(codes, i) for i in range(len(codes))) and \
        any(len(code) > 3 for code in codes) and \
        (not linked or any(code.startswith(c) for i, code in enumerate(codes) for c in codes[:i]))


def _code_chains(tokens: list[tuple[int, str]]) -> set[int]:
    """Code chains (`is_code_chain`) a code a line, in a table whose other figures print decimals
    (mostly): several rows' codes that reading order printed as a block apart from their names,
    before a figure as likely as before a label."""
    amounts = [t for _, t in tokens if is_amount(t) and not _whole_code(t)]
    if not amounts or 3 * sum("." in t for t in amounts) < 2 * len(amounts):
        return set()
    alone = [(i == 0 or tokens[i - 1][0] != k) and (i + 1 == len(tokens) or tokens[i + 1][0] != k)
             for i, (k, _) in enumerate(tokens)]
    texts = [t for _, t in tokens]
    out: set[int] = set()
    i = 0
    while i < len(tokens):
        if not (alone[i] and _whole_code(texts[i])):       # (most tokens: no chain opens there)
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and alone[j] and _in_chain(texts[i:j + 1], j - i):
            j += 1
        if is_code_chain(texts[i:j]):
            out.update(range(i, j))
        i = max(j, i + 1)
    return out


def classify(tokens: list[tuple[int, str]]) -> list[str]:
    """'code', 'amount' or 'text' for each token: a run of digit codes followed by a label
    is a code (2101501, 208 05 01, 4213032 2032R00 0000191), and so is a block of rows' codes
    (`_code_chains`); other numbers are amounts."""
    kinds = []
    n = len(tokens)
    alnum = [bool(ALNUM_CODE.match(t)) for _, t in tokens]
    run_end = [0] * (n + 1)         # where the run of code-like tokens from i ends (one pass, not one per token)
    run_end[n] = n
    for i in range(n - 1, -1, -1):
        run_end[i] = run_end[i + 1] if alnum[i] else i
    opening = _codes_opening_lines(tokens) | _code_chains(tokens)
    for i, (_, t) in enumerate(tokens):
        if i in opening or _misprinted_class(tokens, i):
            kinds.append("code")
            continue
        if alnum[i]:
            j = run_end[i]
            # a lone number of 8+ digits before a label is an amount, not a classification code
            plausible = not t.isdigit() or len(t) <= 7 or j > i + 1
            if j < n and not is_amount(tokens[j][1]) and plausible and not _ends_a_labelled_line(tokens, kinds, i, j):
                kinds.append("code")
                continue
        kinds.append("amount" if is_amount(t) else "text")
    return kinds


# A subject and the amount the text gives it (`公务接待费5万元`). Both runs are bounded so that
# a page-long run of characters or digits is scanned in linear time.
_WAN_AMOUNT = re.compile(r"\d{1,15}(?:\.\d{1,6})?万元")
_NAME_CHAR = re.compile(f"(?:{HAN}|[()“”])")
NAME_CHARS = 40


def named_amounts(text: str) -> Iterator[tuple[str, str, int]]:
    """(name, amount, where the name starts) of each `name amount万元` in `text` (without
    spaces): the up to 40 Chinese characters just before an amount in 万元. Found from the
    amounts backwards: a name pattern tried at every character backtracks through long prose."""
    taken = 0
    for m in _WAN_AMOUNT.finditer(text):
        start = m.start()
        if start > 0 and text[start - 1].isdecimal():
            continue        # the tail of a longer number
        first = start
        while first > max(taken, start - NAME_CHARS) and _NAME_CHAR.match(text, first - 1):
            first -= 1
        if first < start:
            yield text[first:start], m.group()[:-2], first
            taken = m.end()

LABEL_START = re.compile(r"^([一二三四五六七八九十廿]+、|[（(][一二三四五六七八九十廿\d]+[）)]|\d+[.．、]\D|合\s*计|"
                         r"本年(?:收入|支出)|上年结|收\s*入\s*总|支\s*出\s*总|年终|其中)")
