"""Build a Document from source text: metadata, the tree of parts/sections/paragraphs/tables,
and the extracted tables."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from .collection import collection_paused
from .extract import extract_tables, page_number_lines
from .model import Document, DocumentInfo, Node, NodeKind, Table
from .reader import SourceText, read_document_text
from .regions import NOTE, PAGE_NUMBER, PART, SECTION, find_regions, toc_span

if TYPE_CHECKING:
    from .pdf import Progress

SUBSECTION = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
ITEM = re.compile(r"^(\d{1,2}(?:[.．](?!\d)|[、)）])|[①-⑳]|[（(]\d{1,2}[）)])")     # (`95.949000` is a figure)
_REPORT = re.compile(r"(20\d\d)\s*年度?\s*(?:[^\s，。]{0,30}?)\s*(部门|单位)?\s*(预算|决算)")
COVER_LINES = 15        # the title page: the report's own year and kind are named there
_FUND_BUDGET = re.compile(r"(公共|基金|经营)预算$")
_DEPTH = {NodeKind.PART: 1, NodeKind.SECTION: 2, NodeKind.SUBSECTION: 3, NodeKind.ITEM: 4}


def infer_info(src: SourceText) -> DocumentInfo:
    head = [s.strip() for s in src.norm[:400] if s.strip()]
    info = DocumentInfo()
    hits = [m for s in head for m in _REPORT.finditer(s)]
    years = Counter(m.group(1) for m in hits) or Counter(re.findall(r"(20\d\d)\s*年", " ".join(head)))
    # (the cover's title read across its lines: `2026 年深圳市人民政府办公厅部门预` / `算`)
    cover = next(_REPORT.finditer("".join(head[:COVER_LINES])), None)
    info.year = cover.group(1) if cover else (years.most_common(1)[0][0] if years else "")
    # (a fund's name, 一般公共预算, names no report: `2022年度一般公共预算财政拨款支出…` in a 决算)
    kinds = Counter(m.group(3) for m in hits if not _FUND_BUDGET.search(m.group(0)))
    if not kinds:
        text = " ".join(head)
        kinds = Counter({"决算": text.count("决算"), "预算": text.count("预算")})
    if cover and not _FUND_BUDGET.search(cover.group(0)):
        info.report_type = cover.group(3)       # the title page names the report
    else:
        info.report_type = "决算" if kinds["决算"] > kinds["预算"] else "预算"
    levels = Counter(m.group(2) for m in hits if m.group(2))
    info.level = levels.most_common(1)[0][0] if levels else "部门"
    info.agency = _agency(head, info.year)
    return info


def _agency(head: list[str], year: str) -> str:
    """The agency a report is of: named in its 第一部分 heading or on an 编制单位 line, else on
    the cover (before or after the year of `YEAR年度部门预算`, or alone above that line)."""
    y = year or r"20\d\d"
    for s in head[:80]:
        m = re.match(r"^第一部分\s*[:：]?\s*(.+?)\s*(?:概况|基本情况)$", s)
        if m and len(name := _named(m.group(1))) >= 2:
            return name
        m = re.match(r"^(?:预算主管部门|预算单位|编制单位|填报单位|编制部门|部门/单位)\s*[:：]\s*(?:\[\d+\])?\s*(.+?)"
                     r"(?:\s+单位.*)?$", s)
        if m:
            return m.group(1).replace(" ", "")
    for n, s in enumerate(head[:10]):
        m = re.match(r"^(?:第[一二三四五六七八九十]+部分[:：\s]*)?(.+?)\s*(?:部门)?\s*" + y + r"\s*年", s) or \
            re.match(r"^" + y + r"\s*年度?\s*(.+?)\s*(?:部门|单位)\s*[预决]", s)
        if m and len(name := _named(m.group(1))) >= 4:
            return name
        if n + 1 < len(head) and re.match(r"^(?:部门|单位)\s*[预决]算", head[n + 1]) and \
                (m := re.match(r"^" + y + r"\s*年度?\s*(\S.{3,29})$", s)) and not re.search(r"[，。:：\d]", m.group(1)):
            return _named(m.group(1))   # the year and the agency above `部门预算` (`2026 年深圳市…办公室`)
        if n + 1 < len(head) and re.match(y + r"\s*年度?.{0,8}(?:部门|单位)\s*[预决]算", head[n + 1]) and \
                4 <= len(s) <= 30 and not re.search(r"[，。:：\d]", s):
            return _named(s)        # the agency alone above `2024 年度部门决算`
    return ""


def _named(text: str) -> str:
    return re.sub(r"(部门|单位)$", "", text.replace(" ", ""))


def _heading_kind(line: str) -> NodeKind:
    if PART.match(line):
        return NodeKind.PART
    if SECTION.match(line) and len(line) <= 40:
        return NodeKind.SECTION
    if SUBSECTION.match(line) and len(line) <= 40:
        return NodeKind.SUBSECTION
    if ITEM.match(line):
        return NodeKind.ITEM
    if NOTE.match(line):
        return NodeKind.NOTE
    if PAGE_NUMBER.match(line):
        return NodeKind.FURNITURE
    return NodeKind.PARAGRAPH


def running_headers(src: SourceText) -> set[str]:
    """Short lines printed again and again (a running header or footer on every page)."""
    return {line for line in src.repeated_lines if not PART.match(line) and not SECTION.match(line)
            and not re.search(r"\d", line)}


def build_tree(src: SourceText, info: DocumentInfo, toc: tuple[int, int] | None, tables: list[Table]) -> Node:
    root = Node(NodeKind.DOCUMENT, info.agency or Path(src.path).name, 1, len(src))
    repeated = running_headers(src)
    stack: list[Node] = [root]
    table_at = {t.first_line: ti for ti, t in enumerate(tables)}
    k = 1
    n = len(src)
    while k <= n:
        line = src.norm[k - 1].strip()
        if toc and k == toc[0]:
            node = Node(NodeKind.TOC, src.line(k).strip(), toc[0], toc[1])
            for j in range(toc[0] + 1, toc[1] + 1):
                entry = src.line(j).strip()
                if entry:
                    node.children.append(Node(NodeKind.PARAGRAPH, entry, j, j))
            stack[-1].children.append(node)
            k = toc[1] + 1
            continue
        if k in table_at:
            table = tables[table_at[k]]
            stack[-1].children.append(Node(NodeKind.TABLE, table.title, table.first_line, table.last_line,
                                           table_index=table_at[k]))
            k = table.last_line + 1
            continue
        if not line:
            k += 1
            continue
        kind = NodeKind.FURNITURE if line in repeated else _heading_kind(line)
        shown = src.line(k).strip()      # nodes show the text as printed
        if kind in _DEPTH:
            depth = _DEPTH[kind]
            while len(stack) > 1 and _DEPTH.get(stack[-1].kind, 0) >= depth:
                stack.pop()
            node = Node(kind, shown, k, k)
            stack[-1].children.append(node)
            stack.append(node)
        else:
            stack[-1].children.append(Node(kind, shown, k, k))
        k += 1
    _close_spans(root)
    return root


def _close_spans(node: Node) -> int:
    last = node.last_line
    for c in node.children:
        last = max(last, _close_spans(c))
    if node.kind in _DEPTH:
        node.last_line = last
    return last


def parse_document(src: SourceText) -> Document:
    with collection_paused():
        info = infer_info(src)
        toc = toc_span(src)
        regions = find_regions(src, info.report_type, toc)
        page_lines = page_number_lines(src, regions)
        tables = extract_tables(src, regions, page_lines, info.report_type, info.year, info.agency)
        root = build_tree(src, info, toc, tables)
        return Document(src, info, root, tables, page_lines)


def load_document(path: str | Path, progress: Progress | None = None) -> Document:
    """The document at `path` (a .txt extraction or the PDF itself); `progress(done, total)`
    is called as a PDF's pages are read."""
    return parse_document(read_document_text(path, progress))
