"""Load a disclosure text file: detect its encoding, refuse what is not a text document,
and keep both the original lines (for display) and a normalised view (for parsing)."""
from __future__ import annotations

import codecs
import hashlib
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from . import catalog
from .errors import UserError
from .text import HAN, holds_words

if TYPE_CHECKING:
    from .pdf import Progress

PDF_MAGIC = b"%PDF"

MAX_BYTES = 50 * 1024 * 1024

# Magic numbers of files people drop on the tool by mistake.
_BINARY_SIGNATURES = {
    b"PK\x03\x04": "a zip archive (xlsx/docx are zips); export the document as plain text first",
    b"\xd0\xcf\x11\xe0": "an old Office file; save the document as plain text first",
}
_SPACES = re.compile(r"[ \u3000\xa0]+")
# Circled and bracketed numbers (①, ⑴, ⒈, ❶, ㉑) are list marks, never digits: NFKC would make
# `3.①采用` the amount 3.1. They are kept through the folding, by way of private-use characters
# NFKC leaves alone.
_MARK_RANGES = ((0x2460, 0x2500), (0x2776, 0x2794), (0x3251, 0x3260), (0x32B1, 0x32C0))     # end exclusive
_LIST_MARK = re.compile("[" + "".join(f"{chr(a)}-{chr(b - 1)}" for a, b in _MARK_RANGES) + "]")
_KEEP_MARKS = {c: 0xF0000 + c for a, b in _MARK_RANGES for c in range(a, b)}
_MARKS_BACK = {v: k for k, v in _KEEP_MARKS.items()}


def fold(text: str) -> str:
    """NFKC (full-width digits and punctuation folded), list marks kept as printed."""
    if not _LIST_MARK.search(text):
        return unicodedata.normalize("NFKC", text)
    return unicodedata.normalize("NFKC", text.translate(_KEEP_MARKS)).translate(_MARKS_BACK)


REPEATED_TIMES = 4      # pages at least that print a running head alike
REPEATED_WIDTH = 40     # characters of a running head, at most


@dataclass(frozen=True)
class SourceText:
    """The immutable text of a document. Lines are 1-based via `line(n)`."""

    path: str
    sha256: str
    encoding: str
    lines: tuple[str, ...]        # as in the file, line ends removed
    norm: tuple[str, ...]         # NFKC, spaces collapsed (tabs kept: they separate cells)
    pages: tuple[int, ...] = ()   # the page of each line, where the source is a PDF

    def line(self, number: int) -> str:
        return self.lines[number - 1]

    def page_of(self, number: int) -> int | None:
        """The PDF page line `number` was read from (None for a text file)."""
        return self.pages[number - 1] if 0 < number <= len(self.pages) else None

    def __len__(self) -> int:
        return len(self.lines)

    @cached_property
    def repeated_lines(self) -> frozenset[str]:
        """Short lines printed alike on four pages or more, stripped: running heads and feet,
        and a header printed again on each page (the tree and the tables each take theirs)."""
        counts = Counter(line.strip() for line in self.norm if 0 < len(line.strip()) <= REPEATED_WIDTH)
        return frozenset(line for line, n in counts.items() if n >= REPEATED_TIMES)

    @cached_property
    def folded_lines(self) -> frozenset[int]:
        """Lines printing a character NFKC changes (full-width brackets, digits): the only
        ones whose texts, read from the normalised view, differ from the print."""
        return frozenset(k for k, line in enumerate(self.lines, start=1)
                         if not unicodedata.is_normalized("NFKC", line))


def normalise(line: str) -> str:
    """NFKC folds full-width digits/punctuation; runs of spaces become one space."""
    return _spaced_cells(_SPACES.sub(" ", fold(line)))


def _spaced_cells(line: str) -> str:
    """A line's tab-separated cells with the spaces around each taken off."""
    return "\t".join(p.strip() for p in line.split("\t")) if "\t" in line else line.strip()


def normalised_lines(lines: tuple[str, ...]) -> tuple[str, ...]:
    """`normalise` of every line, folded as one text (twice as fast as line by line; NFKC
    neither makes nor takes a line break, so the lines stay as they were), and what a font with
    broken metrics had a line-based extractor print a line low put back on its line (the lower
    line left empty): its marks (`_marks_put_back`), the rest of a figure with what follows it
    (`_number_joined`), a title's year (`年部门收支总体情况表` / `2026`)."""
    text = _SPACES.sub(" ", fold("\n".join(lines)))
    if _OVERPRINTED.search(text):
        text = "\n".join(_overprint_undone(line) for line in text.split("\n"))
    norm = [_spaced_cells(line) for line in text.split("\n")]
    above = 0       # the line a line may continue: the one before it, or the one that line continued
    for k in range(1, len(norm)):
        line = norm[k]
        if not line:
            merged = False
        elif line[0] in _LOW_OPENINGS:
            merged = _marks_put_back(norm, above, k)
        elif _QUOTE_PAIRS.fullmatch(line):
            merged = _quotes_put_back(norm, above, k)
        elif (line[0] == "." or norm[above].endswith(",") or _CUT_AT_SEPARATOR.match(line)) and \
                (joined := _number_joined(norm[above], line)) is not None:
            norm[above], norm[k], merged = joined, "", True
        elif _YEAR.fullmatch(line) and norm[above].startswith("年"):
            norm[above], norm[k], merged = line + norm[above], "", True
        else:
            merged = False
        above = above if merged else k
    return tuple(norm)


_OVERPRINTED = re.compile(r"(\S)\1\1|(?:(\S)\2){3}")     # (the quick test: a run of three, or three doubled)
_RUNS = re.compile(r"(\S)\1*")
_HAN_CHAR = re.compile(HAN)


def _overprint_undone(line: str) -> str:
    """A line set bold by printing each glyph k times over itself, which an extractor gives
    as each character k times (`表表表表表表111111`: 表1), with each run cut to its k-th; a line
    is so printed where every run of a character is a multiple of one k (`2022` is
    `222222000000222222222222`), one of them a word's, over two runs or more where k ≥ 3 and
    four or more where k is 2 (`一一 22` may be as printed)."""
    opening = line.lstrip()
    if len(opening) < 2 or opening[0] != opening[1]:
        return line     # (its first run is one character: no k ≥ 2 divides it; most lines end here)
    runs = [len(m.group()) for m in _RUNS.finditer(line)]
    k = math.gcd(*runs) if len(runs) >= 2 else 1
    if k < 2 or (k == 2 and len(runs) < 4) or not _HAN_CHAR.search(line):
        return line
    return _RUNS.sub(lambda m: m.group()[:len(m.group()) // k], line)


def _number_joined(above: str, line: str) -> str | None:
    """`above` and `line` as one line where `line` opens with the rest of the figure `above` ends
    in, cut by a font whose figures' advance is broken: its decimals (`154,304` / `.22 …`), the
    groups after a thousands separator (`154,` / `304`), or a group after the digits before it
    (`1` / `54,`: `154,`) - each making a figure of well-formed groups."""
    last, first = above.rsplit(" ", 1)[-1], line.split(" ", 1)[0]
    if (tail := _DECIMALS.match(first)) and _WHOLE_NUMBER.fullmatch(last):
        if tail.end() == len(first):
            return above + line
        if tail.end() == 3 and _WHOLE_NUMBER.fullmatch(first[3:]):
            return above + line[:3] + " " + line[3:]   # (glued to the next figure's groups: `.81154,304`)
    if (last.endswith(",") and _GROUPS_AFTER_SEPARATOR.fullmatch(first) and _GROUPED.fullmatch(last[:-1])) or \
            (first.endswith(",") and last.isdigit() and _FIRST_GROUP.fullmatch(last + first[:-1])):
        return above + line
    return None


_NUMERAL = re.compile(r"[一二三四五六七八九十]{1,3}")
_CUT_AT_SEPARATOR = re.compile(r"\d{1,3},(?: |$)")       # a line opening with a figure's groups up to a separator
_GROUPS_AFTER_SEPARATOR = re.compile(r"\d{3}(,\d{3})*(,|\.\d{1,2})?")
_FIRST_GROUP = re.compile(r"[1-9]\d{0,2}")
_GROUPED = re.compile(r"\d{1,3}(,\d{3})*")          # before a separator: no group over three digits (`2025,` is none)
_FIGURE = re.compile(r"-?[\d,]*\d(\.\d+)?")
_WHOLE_NUMBER = re.compile(r"\d{1,3}(,\d{3})+|\d+")
_DECIMALS = re.compile(r"\.\d{1,2}")
_YEAR = re.compile(r"(19|20)\d\d")
_LOW_PIECE = re.compile(r"\(\s*\)|、|[^\s()、]+")
_SENTENCE_MARKS = ":,。;"        # (NFKC: `：，；` are these)
_LOW_OPENINGS = "、(" + _SENTENCE_MARKS


_QUOTE_PAIRS = re.compile(r"“ ?”(?: “ ?”)*")


def _quotes_put_back(norm: list[str], above: int, k: int) -> bool:
    """Quotation marks printed a line low (line k) around every other piece of the line above,
    put back there, line k left empty: `年财政拨款 三公 经费支出情况表` / `“ ”` is
    `年财政拨款“三公”经费支出情况表`; only where the pieces are one more than twice the pairs."""
    pieces, pairs = norm[above].split(" "), norm[k].count("“")
    if len(pieces) != 2 * pairs + 1:
        return False
    norm[above] = "".join(f"“{piece}”" if i % 2 else piece for i, piece in enumerate(pieces))
    norm[k] = ""
    return True


def _marks_put_back(norm: list[str], above: int, k: int) -> bool:
    """Marks that a font whose metrics lift its Chinese characters above the marks' baseline has
    a line-based extractor print on the line below (line k), put back on the line above (`above`),
    line k left empty: an item's `、` or `( )` with the row's figures (`一 一般公共预算资金 一 一般公共服务支出` /
    `、 154,304.22 、 5,183.00` is `一、一般公共预算资金 154,304.22 一、一般公共服务支出 5,183.00`),
    where each numeral opening an item above has its mark; a sentence's marks (`注 由于四舍五入因素
    部分分项加和与合计可能略有差异 下同` / `: , , 。`), where each piece above has its own."""
    pieces, stops = norm[above].split(" "), norm[k].split(" ")
    if all(len(t) == 1 and t in _SENTENCE_MARKS for t in stops):
        if len(stops) != len(pieces) or len(pieces) < 2:
            return False
        norm[above], norm[k] = "".join(w + m for w, m in zip(pieces, stops)), ""
        return True
    below = _LOW_PIECE.findall(norm[k])
    if any(t != "、" and not t.startswith("(") and not _FIGURE.fullmatch(t) for t in below):
        return False
    items = [i for i, t in enumerate(pieces) if _NUMERAL.fullmatch(t)]
    marks = [i for i, t in enumerate(below) if not _FIGURE.fullmatch(t)]
    if not marks or len(items) != len(marks) or items[0] != 0:
        return False
    merged = []
    for n, (i, m) in enumerate(zip(items, marks)):
        words = pieces[i + 1:items[n + 1] if n + 1 < len(items) else len(pieces)]
        figures = below[m + 1:marks[n + 1] if n + 1 < len(marks) else len(below)]
        item = pieces[i] + "、" if below[m] == "、" else f"({pieces[i]})"
        merged.append(" ".join([item + (words[0] if words else ""), *words[1:], *figures]))
    norm[above], norm[k] = " ".join(merged), ""
    return True


class PrintedLines:
    """Some lines as printed, folded once (NFKC, spaces out) so that many texts read from their
    normalised view can be shown as printed: full-width brackets and punctuation kept."""

    def __init__(self, src: SourceText, lines: tuple[int, ...]):
        self.original = "".join(src.lines[k - 1] for k in sorted(set(lines)) if 0 < k <= len(src.lines))
        folded, self.owner = [], []
        self.unfold: dict[str, str] = {}       # folded character → as printed
        self.as_printed = not src.folded_lines.intersection(lines)
        if self.as_printed:
            self.folded = ""
            return
        for i, ch in enumerate(self.original):
            norm = fold(ch)
            if len(norm) == 1 and norm != ch:
                self.unfold[norm] = ch
            for n in norm:
                if not n.isspace():
                    folded.append(n)
                    self.owner.append(i)
        self.folded = "".join(folded)

    def of(self, text: str) -> str:
        if self.as_printed:
            return text
        at = self.folded.find(text) if text else -1
        if at < 0:      # joined from fragments not side by side: character by character
            return "".join(self.unfold.get(ch, ch) for ch in text)
        first, last = self.owner[at], self.owner[at + len(text) - 1]
        return re.sub(r"\s+", "", self.original[first:last + 1])


def printed_text(src: SourceText, lines: tuple[int, ...], text: str) -> str:
    """`text` (read from the normalised view of `lines`) as the document prints it."""
    if not (lines and text) or not src.folded_lines.intersection(lines):
        return text
    return PrintedLines(src, lines).of(text)


def _utf16_without_bom(data: bytes) -> str | None:
    """`utf-16-le` or `-be` for a text written in UTF-16 without a byte-order mark: the one
    that decodes the start to readable text (Chinese, ASCII, punctuation), else None."""
    head = data[:4096]
    if len(head) < 4 or b"\x00" not in head:
        return None
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = head[:len(head) // 2 * 2].decode(name)
        except UnicodeDecodeError:
            continue
        readable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
        cjk_or_ascii = sum(ch.isascii() or "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in text)
        if readable * 10 >= len(text) * 9 and cjk_or_ascii * 10 >= len(text) * 9:
            return name
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) for UTF-8 (BOM or not), UTF-16 with BOM, or GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
    utf16 = "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else _utf16_without_bom(data)
    if utf16 is not None:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError as exc:     # an odd byte count, a broken surrogate pair
            raise UserError(f"the file looks like UTF-16 text but byte {exc.start} does not decode "
                            f"({exc.reason}); save it again as UTF-8") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise UserError("the file is neither UTF-8, UTF-16 nor GB18030 text; "
                        "convert it to UTF-8 and try again") from exc


def _decoded(data: bytes, path: str) -> tuple[str, str]:
    try:
        return decode(data)
    except UserError as exc:
        raise UserError(f"{path}: {exc}") from exc


def read_bytes(path: str | Path) -> bytes:
    p = Path(path)
    if not p.exists():
        raise UserError(f"{p}: no such file; check the path")
    if p.is_dir():
        raise UserError(f"{p}: is a folder; give the path of a .txt or .pdf document")
    size = p.stat().st_size
    if size == 0:
        raise UserError(f"{p}: the file is empty; give the extracted text of a report")
    if size > MAX_BYTES:
        raise UserError(f"{p}: {size // (1024 * 1024)} MB is over the 50 MB limit; "
                        "split the document or check that it is the right file")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise UserError(f"{p}: cannot be read ({exc.strerror}); check its permissions") from exc


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(PDF_MAGIC)


# A page break glued to the end of the page before (pages' texts joined with a form feed alone,
# as an extractor's page texts end without a line break): the new page starts a line of its own (an
# empty page's form feeds stay together, on the line they open).
PAGE_GLUED_ON = re.compile(r"(?<=[^\n\f])\f")


# A page's title glued to the end of the page before's last line, past a gap (pages' texts joined
# with no separator, as an extractor's sorted page texts end without a line break:
# `收入总计 … 31,214,205.80        2025年部门收入预算总表`, `   6         支出决算表`): the title starts a
# line of its own, where what it is glued to ends in a figure, a page number or a sentence (never
# a table's own number, `表1      收支总表`), or the title opens with its table's number (`合  计    预算08表 …`)
# or is a standard table's (`预算数 决算数 …      政府性基金预算财政拨款收入支出决算表`, an empty table's header).
TITLE_GLUED_ON = re.compile(r"[ \u3000]{4,}(?P<title>(?:(?![ \u3000]{4})[^\n。，；]){1,48}?表(?:[（(][^）)]*[）)])?)"
                            r"[ \u3000]*$")
TABLE_NUMBER = re.compile(r"(?:预算|公开|附)?\s*\d+(?:-\d+)?\s*表|表\s*\d+")


# … or the next page's table number glued to the page before's number mark (`- 20 -表5`), or its
# first line past a gap (`- 7 -          功能分类科目   合计 …`, a text sorted by place)
NUMBER_GLUED_ON = re.compile(rf"^\s*[-－—]\s*\d+\s*[-－—](?=\s*(?:{TABLE_NUMBER.pattern})|[ \u3000]{{4,}}{HAN})")


# … or a title printing its unit, and the table after it, on its own line (`预算10表 政府采购预算明细表
# 金额单位：万元 采购类别 金额 A-货物 196.913600 …`, PDFium's text of a table on one line)
TITLE_THEN_UNIT = re.compile(rf"^(?P<title>\s*(?:{TABLE_NUMBER.pattern})?\s*[^\s，。；]{{2,40}}?表"
                             r"(?:[（(][^）)]*[）)])?)"
                             # (its number and agency between, glued on where a ruled caption cell's lines
                             # were joined: `收支预算总表公开表一部门： …`)
                             r"(?:\s*(?P<number>(?:公开)?表[一二三四五六七八九十]{1,3}|" + TABLE_NUMBER.pattern + r"))?"
                             r"(?:\s*(?P<agency>(?:编制)?(?:部门|单位)(?:名称)?[：:]\s*[^\s：:]+))?"
                             r"\s+(?P<unit>(?:金额)?单位[：:]\s*(?:万元|千元|元))(?:\s*(?P<rest>\S.*))?$")


def _titles_glued_on_apart(lines: list[str]) -> list[str]:
    """The lines, each next page's title or table number glued onto the page before's last one
    set on a line of its own; a title printing its unit and table on its line, each on its own."""
    out: list[str] = []
    for line in lines:
        if titled := _title_then_unit(line):
            out += _title_line_apart(titled)
            continue
        cut = _glued_title_start(line) if "表" in line or NUMBER_GLUED_ON.match(line) else None
        out += [line[:cut], line[cut:]] if cut else [line]
    return out


def _title_then_unit(line: str) -> re.Match[str] | None:
    """`TITLE_THEN_UNIT`'s match of a line (most lines print no 表 and no 单位: turned away first)."""
    return TITLE_THEN_UNIT.match(line) if "表" in line and "单位" in line else None


def _title_line_apart(titled: re.Match[str]) -> list[str]:
    """A title's line as the lines it prints together: the title, its number, its agency, its
    unit, the rest."""
    return [part for part in (titled["title"], titled["number"], titled["agency"], titled["unit"], titled["rest"]) if part]


def _pdf_title_lines_apart(lines: list[str], pages: tuple[int, ...]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """A PDF's lines, a ruled caption's title, agency and unit (its cell's lines joined) each
    on a line of its own on its page."""
    out: list[str] = []
    out_pages: list[int] = []
    for line, page in zip(lines, pages):
        titled = _title_then_unit(line)
        parts = _title_line_apart(titled) if titled and (titled["agency"] or titled["number"]) else [line]
        out += parts
        out_pages += [page] * len(parts)
    return tuple(out), tuple(out_pages)


def _glued_title_start(line: str) -> int | None:
    if mark := NUMBER_GLUED_ON.match(line):
        return mark.end()
    if not (glued := TITLE_GLUED_ON.search(line)) or not (before := line[:glued.start()].strip()):
        return None
    # (a sentence's end, a note naming 本表 as it may, ends the page before; else a 表 before the
    # title is its own number, `表1      收支总表`, no line of the page before)
    title = glued["title"]
    if before[-1] == "。" or ("表" not in before and (before[-1].isdigit() or TABLE_NUMBER.match(title) or
                                                     catalog.spec_for_title(title.strip()) is not None)):
        return glued.start()
    return None


def load_text(data: bytes, path: str = "<memory>", progress: Progress | None = None) -> SourceText:
    """The source of a document from its bytes: a PDF's text layer and ruled tables, or a
    text file in any of the encodings extractors write."""
    if is_pdf(data):
        # (the PDF reader's module and settings loaded only where a PDF is read)
        from .pdf import read_pdf
        pdf = read_pdf(data, path, progress)
        lines, pages = _pdf_title_lines_apart(pdf.text.split("\n"), pdf.pages)
        return SourceText(path=str(path), sha256=hashlib.sha256(data).hexdigest(), encoding="pdf",
                          lines=lines, norm=normalised_lines(lines), pages=pages)
    for magic, what in _BINARY_SIGNATURES.items():
        if data.startswith(magic):
            raise UserError(f"{path}: this is {what}")
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_without_bom(data) is not None
    if not utf16 and b"\x00" in data:
        raise UserError(f"{path}: this is a binary file, not extracted text; "
                        "give the .txt extraction of the report")
    text, encoding = _decoded(data, path)
    if not text.strip():
        raise UserError(f"{path}: the file holds only white space; give the extracted text of a report")
    if not holds_words(text):
        raise UserError(f"{path}: the text holds no words, only figures and page numbers: the extractor lost the "
                        "report's words (fonts without a Unicode map, or a scan); give the PDF or another extraction")
    lines = tuple(_titles_glued_on_apart(PAGE_GLUED_ON.sub("\n\f", text.replace("\r\n", "\n").replace("\r", "\n"))
                                         .split("\n")))
    if lines and lines[-1] == "":
        lines = lines[:-1]
    return SourceText(path=str(path), sha256=hashlib.sha256(data).hexdigest(), encoding=encoding,
                      lines=lines, norm=normalised_lines(lines))


def read_document_text(path: str | Path, progress: Progress | None = None) -> SourceText:
    return load_text(read_bytes(path), str(path), progress)
