"""Document text: shown on a terminal with its control characters made visible, so that a
document can never move the cursor, set a title or write the clipboard (OSC 52); the columns
it takes; a Chinese character in a pattern; whether a text leaves a bracket open; whether it
holds any word at all."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A Chinese character in a pattern: a letter of any script but Latin, not 〇 or a circled number
# (which the reader's folding keeps). Not spelled as the Han block, `[\u4e00-\u9fff]`: re
# compiles a range by marking each of its 21,000 code points, 2 ms a pattern and a tenth of a
# check's start over the dozen that name it; a category takes no time. (Other scripts' letters
# match too: a budget prints none where a Chinese character is not meant.)
HAN = r"(?![〇①-⑳])[^\W\d_a-zA-Z]"

_LETTER = re.compile(r"[^\W\d_]")
_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")      # pdfminer's mark of a glyph its font does not map

# C0 and C1 controls but tab and newline, and DEL
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """`text` with each control character written as an escape (`\\x1b`)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)


def json_visible(text: str) -> str:
    """JSON text with the control characters json.dumps leaves raw (DEL and C1) escaped as
    JSON escapes (`\\u009b`), so that it stays valid JSON and inert on a terminal."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


@lru_cache(maxsize=8192)
def display_width(text: str) -> int:
    """Columns a text takes: two for a wide (Chinese) character. Cached: the workbook's list
    sheets repeat their tables' titles and column names in every row."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


CLOSES_FIRST = re.compile(r"^[^（(]*[）)]")     # a text closing a bracket before it opens one: `中心）`
_LIST_NUMBER_BEFORE = re.compile(r"(?:^|[^\w.])[\d一二三四五六七八九十]{1,2}$")     # before a list's `）`
LIST_CLOSE = re.compile(r"^\s*[\d一二三四五六七八九十]+[）)]")     # `1）`, `三）`: a list's number, no bracket's end


def opens_bracket(text: str) -> bool:
    """Whether the text opens more brackets than it closes (a cell wrapped inside them: `（本` … `级）`)."""
    return text.count("(") + text.count("（") > text.count(")") + text.count("）")


def brackets_unpaired(text: str) -> bool:
    """Whether the text opens a bracket it does not close or closes one it did not open (`成本（`,
    `元/户/月）`, `分）调查成本（`); a list's number closed alone (`1）`, `；2）`) is no bracket."""
    depth = 0
    for at, character in enumerate(text):
        if character in "(（":
            depth += 1
        elif character in ")）" and depth:
            depth -= 1
        elif character in ")）" and not _LIST_NUMBER_BEFORE.search(text, 0, at):
            return True
    return depth != 0


def holds_words(text: str) -> bool:
    """Whether the text holds a letter of any script outside the marks of unmapped glyphs
    (`(cid:1234)`): an extraction that kept only figures and page numbers (`- 1 -`) lost the
    report's words, to fonts without a Unicode map or a scan."""
    return _LETTER.search(_UNMAPPED_GLYPH.sub("", text) if "(cid:" in text else text) is not None
