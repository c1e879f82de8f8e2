"""Reading figures on texts of extractors the product was not built on (printed, never asserted).

    python bench/other_extractors.py PDF_FOLDER WORK_FOLDER [--cli .venv/bin/budget-review]

Every PDF of PDF_FOLDER is turned into the texts other common extractors make of it: pdfminer's
`extract_text` (pdfplumber's own dependency, so always there), as it sets a page's text boxes by
default and in their rows' order (`boxes_flow=None`); PDFium's (pypdfium2, pdfplumber's
renderer); pdfplumber's layout text and, where poppler's `pdftotext` is installed, its raw one
(two of `../shared/real`'s five, made here for the PDFs that come without them); where pypdf is
installed, pypdf's plain and layout modes, PDFium's and pypdf's pages joined by a line break and
by a bare form feed (`-ff`); and where PyMuPDF is, its text in content-stream order and sorted by
place (`-sort`), pages joined with no separator. The command reads every text
and the PDF itself; each table of a text is scored against the document's truth (`NAME.json`
beside the PDF) or else against the PDF's own reading, as `../shared/eval/score.py` pairs and scores tables. Per extractor it prints the
tables' mean cell F1, the tables below 0.9 whose reading is not doubted (silent), the tables at
0.99 or more that are doubted, the tables not found, and the error findings of a text that the
PDF's reading does not make (false errors, by table and check).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOUBTED = "the reading is doubted"
SCORE = ROOT.parent / "shared" / "eval" / "score.py"


def _scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_texts(pdf: Path, out: Path) -> list[Path]:
    """The texts of `pdf` by each extractor at hand, written into `out`."""
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams
    stem, made = pdf.stem, {}
    made["pdfminer"] = extract_text(str(pdf))
    made["pdfminer-noflow"] = extract_text(str(pdf), laparams=LAParams(boxes_flow=None))
    try:
        from pypdf import PdfReader
    except ImportError:
        PdfReader = None
    if PdfReader is not None:
        pages = PdfReader(str(pdf)).pages
        plain = [p.extract_text() or "" for p in pages]
        layout = [p.extract_text(extraction_mode="layout") or "" for p in pages]
        made.update({"pypdf": "\n".join(plain), "pypdf-ff": "\f".join(plain),
                     "pypdf-layout": "\n".join(layout), "pypdf-layout-ff": "\f".join(layout)})
    try:
        import pymupdf
    except ImportError:
        pymupdf = None
    if pymupdf is not None:
        with pymupdf.open(str(pdf)) as document:
            made["pymupdf"] = "".join(page.get_text() for page in document)
            made["pymupdf-sort"] = "".join(page.get_text(sort=True) for page in document)
    import pdfplumber
    with pdfplumber.open(str(pdf)) as document:       # (../shared/real's recipe: each page, then its number)
        made["pdfplumber-layout"] = "\n".join(f"{page.extract_text(layout=True)}\n{number}"
                                             for number, page in enumerate(document.pages, start=1)) + "\n"
    if shutil.which("pdftotext"):
        made["pdftotext-raw"] = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                                               check=True).stdout.decode("utf-8")
    pdfium_pages = _pdfium_pages(pdf)
    made.update({"pdfium": "\n".join(pdfium_pages), "pdfium-ff": "\f".join(pdfium_pages)})
    paths = []
    for extractor, text in made.items():
        path = out / f"{stem}.{extractor}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _pdfium_pages(pdf: Path) -> list[str]:
    """Each page's text as PDFium gives it (pdfplumber's own renderer, so always there): rows of
    the page in reading order, lines ended by CR LF."""
    import pypdfium2
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def read(cli: str, doc: Path, out: Path) -> tuple[list[dict], list[dict]]:
    """The tables and findings the command gives of `doc` ([] where it fails)."""
    results = []
    for command, suffix in (("extract", "json"), ("check", "findings.json")):
        target = out / f"{doc.name}.{suffix}"
        subprocess.run([cli, command, str(doc), "--no-review", "--format", "json", "-o", str(target)],
                       capture_output=True, timeout=300)
        try:
            data = json.loads(target.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        results.append(data.get("tables", []) if command == "extract" else
                       (data if isinstance(data, list) else data.get("findings", [])))
    return results[0], results[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pdfs", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("--cli", default=str(ROOT / ".venv" / "bin" / "budget-review"))
    parser.add_argument("--score", type=Path, default=SCORE, help="score.py of ../shared/eval")
    args = parser.parse_args()
    scorer = _scorer(args.score)
    args.work.mkdir(parents=True, exist_ok=True)
    stats: dict[str, list[int | float]] = defaultdict(lambda: [0, 0.0, 0, 0, 0, 0])
    for pdf in sorted(args.pdfs.glob("*.pdf")):
        pdf_tables, pdf_findings = read(args.cli, pdf, args.work)
        truth = pdf.with_suffix(".json")
        reference = json.loads(truth.read_text(encoding="utf-8"))["tables"] if truth.exists() else pdf_tables
        pdf_errors = {(f.get("table"), f.get("check")) for f in pdf_findings if f.get("severity") == "error"}
        for text in make_texts(pdf, args.work):
            extractor = text.name[len(pdf.stem) + 1:-len(".txt")]
            tables, findings = read(args.cli, text, args.work)
            found = {i: (j, counts) for i, j, counts in scorer.match_tables(reference, tables)}
            row = stats[extractor]
            for i, table in enumerate(reference):
                if not table.get("rows") or not table.get("recoverable", True):
                    continue
                row[0] += 1
                if i not in found:
                    row[4] += 1
                    continue
                j, c = found[i]
                f1 = scorer.f1(scorer.ratio(c["correct"], c["pred"]), scorer.ratio(c["correct"], c["truth"]))
                doubted = DOUBTED in (tables[j].get("notes") or "") or not tables[j].get("recoverable", True)
                row[1] += f1
                row[2] += f1 < 0.9 and not doubted
                row[3] += f1 >= 0.99 and doubted
            row[5] += sum(f.get("severity") == "error" and (f.get("table"), f.get("check")) not in pdf_errors
                          for f in findings)
        print(f"{pdf.name}: read", file=sys.stderr)
    for extractor, (n, total, silent, doubted, missed, false_errors) in sorted(stats.items()):
        print(f"{extractor:16s} tables {n:4d}  mean F1 {total / max(n, 1):.3f}  silent below 0.9 {silent:3d}  "
              f"correct doubted {doubted:3d}  not found {missed:3d}  false errors {false_errors}")


if __name__ == "__main__":
    main()
