"""Cost per row as one table grows (×1 … ×1000 rows) and per document as a file repeats whole
documents (×1 … ×16): every stage should stay flat (printed, never asserted).

    python bench/scaling.py
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.document import load_document  # noqa: E402
from core.export import write_xlsx  # noqa: E402
from core.review import Review  # noqa: E402
from core.session import ReviewSession  # noqa: E402
from core.validate import validate  # noqa: E402

ROWS = (10, 100, 1000, 10000)
DOCUMENTS = (1, 2, 4, 8, 16)
ITEMS_PER_SECTION = 24      # 项 under each 款
SECTIONS_PER_CLASS = 20     # 款 under each 类


def coded_table_text(rows: int) -> str:
    """A 一般公共预算支出表 of about `rows` rows whose 类 = Σ 款 = Σ 项 and 合计 = Σ 类."""
    body: list[tuple[str, str, int, int]] = []      # code, name, basic, project (元)
    klass = 201
    while len(body) < rows:
        class_at = len(body)
        body.append((str(klass), f"类{klass}", 0, 0))
        for section in range(1, SECTIONS_PER_CLASS + 1):
            if len(body) >= rows:
                break
            section_at = len(body)
            body.append((f"{klass}{section:02d}", f"款{klass}{section:02d}", 0, 0))
            for item in range(1, ITEMS_PER_SECTION + 1):
                if len(body) >= rows:
                    break
                basic, project = 100 + item, 7 * item
                body.append((f"{klass}{section:02d}{item:02d}", f"项{klass}{section:02d}{item:02d}", basic, project))
                for at in (class_at, section_at):
                    code, name, b, p = body[at]
                    body[at] = (code, name, b + basic, p + project)
        klass += 1
    classes = [row for row in body if len(row[0]) == 3]
    basic, project = sum(r[2] for r in classes), sum(r[3] for r in classes)
    lines = ["一般公共预算支出表", "单位：元", "科目编码\t科目名称\t合计\t基本支出\t项目支出",
             f"\t合计\t{basic + project}.00\t{basic}.00\t{project}.00"]
    lines += [f"{code}\t{name}\t{b + p}.00\t{b}.00\t{p}.00" for code, name, b, p in body]
    return "\n".join(lines) + "\n"


def per_unit(fn: Callable[[], object], units: int, repeat: int) -> float:
    """Median seconds of `fn` divided by `units`, in microseconds."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) / units * 1e6


def row_series(folder: Path) -> tuple[dict[str, list[float]], list[float]]:
    """µs per row of each stage for each size of ROWS, and ms per cell edit (re-validation)."""
    stages: dict[str, list[float]] = {"extract": [], "validate": [], "export": []}
    edits: list[float] = []
    for rows in ROWS:
        path = folder / f"table_{rows}.txt"
        path.write_text(coded_table_text(rows), encoding="utf-8")
        repeat = 5 if rows <= 1000 else 3      # the median of three at 10,000 rows too: one run is the noise
        doc = load_document(path)
        assert len(doc.tables) == 1 and len(doc.tables[0].rows) == rows + 1, (rows, len(doc.tables[0].rows))
        stages["extract"].append(per_unit(lambda p=path: load_document(p), rows, repeat))
        stages["validate"].append(per_unit(lambda d=doc: validate(d), rows, repeat))
        session = ReviewSession(Review(doc, folder / f"table_{rows}.review.json", autosave=False))
        values = iter(range(10**6))     # a new value each time: setting a cell to what it holds is no edit
        edits.append(per_unit(lambda s=session, r=rows // 2, v=values: s.set_cell(0, r, 3, f"{next(v)}.00"), 1, 5)
                     / 1000)
        stages["export"].append(per_unit(lambda s=session: write_xlsx(s.review, s.findings, folder / "out.xlsx"),
                                         rows, repeat))
    return stages, edits


def document_series(folder: Path) -> list[float]:
    """ms per document when a file holds DOCUMENTS copies of the largest sample, one after another."""
    largest = max((ROOT / "sample_docs").glob("*.txt"), key=lambda p: p.stat().st_size)
    text = largest.read_text(encoding="utf-8")
    out = []
    for copies in DOCUMENTS:
        path = folder / f"copies_{copies}.txt"
        path.write_text(text * copies, encoding="utf-8")
        out.append(per_unit(lambda p=path: validate(load_document(p)), copies, 3) / 1000)
    return out


def added_row_costs(costs: list[float]) -> list[float]:
    """µs per row added from each size of ROWS to the next, from µs per row at each size: a
    stage's cost less what it spends once whatever the size (a workbook's styles and list
    sheets, a document's reading), which swamps a 10-row table's per-row cost. Flat when
    the stage is linear."""
    totals = [c * n for c, n in zip(costs, ROWS)]
    return [(totals[i] - totals[i - 1]) / (ROWS[i] - ROWS[i - 1]) for i in range(1, len(ROWS))]


def scaling() -> dict[str, float]:
    """Each stage's largest cost per added row over its smallest, and per document (flat when close to 1)."""
    folder = Path(tempfile.mkdtemp())
    ratios = {}
    stages, edits = row_series(folder)
    for stage, costs in stages.items():
        added = added_row_costs(costs)
        print(f"{stage:10s} µs/row at {ROWS}: " + "  ".join(f"{c:8.1f}" for c in costs) +
              "   per row added up to each: " + "  ".join(f"{c:8.1f}" for c in added))
        ratios[stage] = max(added) / min(added)
    print(f"{'an edit':10s} ms (re-validation) at {ROWS}: " + "  ".join(f"{c:8.2f}" for c in edits))
    ratios["revalidate_10k_rows_ms"] = edits[-1]
    documents = document_series(folder)
    print(f"{'documents':10s} ms/doc at {DOCUMENTS}: " + "  ".join(f"{c:6.1f}" for c in documents))
    ratios["documents"] = max(documents) / min(documents)
    return ratios


if __name__ == "__main__":
    for stage, ratio in scaling().items():
        print(f"{stage}: {ratio:.2f}" if stage.endswith("_ms") else f"{stage}: largest / smallest per-unit cost {ratio:.2f}")
