"""A corpus at a time: every document of some folders extracted and checked in parallel
processes, a workbook and the tables' JSON per document, and for the corpus a summary
workbook and the long-format dataset of every figure (CSV, and Parquet where pyarrow is
installed).

The work on one document is a pure function of its bytes and its review file's bytes
(`run_job`), so that any pool can run it; the parent writes every file. A manifest keyed by
those bytes' sha256 lets a second run skip what did not change, so an interrupted batch
resumes where it stopped.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import atomic_write, atomic_write_text
from .errors import UserError
from .findings import Severity
from .jsontext import readable_json

if TYPE_CHECKING:        # the document's modules are imported in the job, where they are used
    from .findings import Finding
    from .model import Document
    from .review import Review

MANIFEST = "manifest.json"
SUFFIXES = (".txt", ".pdf")
DATASET_COLUMNS = ("document", "agency", "year", "report_type", "table", "kind", "row_code", "row_label",
                   "column", "value", "text", "unit", "page", "inferred", "corrected")
SUMMARY_COLUMNS = ("document", "agency", "year", "report_type", "level", "tables", "unrecoverable", "errors",
                   "rounding", "warnings", "review", "status", "reason")


@dataclass
class JobResult:
    """What one document gave: its summary row, and the files the parent writes for it."""

    document: str
    source_sha256: str
    review_sha256: str
    ok: bool
    reason: str = ""
    summary: dict = field(default_factory=dict)
    tables_json: str = ""
    workbook: bytes = b""
    records: list[dict] = field(default_factory=list)


def find_documents(paths: Iterable[str | Path]) -> list[Path]:
    """The .txt and .pdf files named, and those in the folders named (searched recursively),
    review files and the batch's own outputs left out, each once, in a stable order."""
    found: dict[Path, None] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.endswith(".review.json"):
                    found[p] = None
        elif path.is_file():
            found[path] = None
        else:
            raise UserError(f"{path}: no such file or folder")
    return list(found)


def run_job(name: str, source: bytes, review: bytes | None) -> JobResult:
    """Extract and check one document from its bytes (and its review file's), in any process."""
    from .document import parse_document
    from .export import document_json
    from .reader import load_text
    from .review import Review
    from .sheets import long_records
    from .validate import standing, validate_review
    from .workbook import build_workbook

    review_sha = hashlib.sha256(review).hexdigest() if review else ""
    result = JobResult(name, hashlib.sha256(source).hexdigest(), review_sha, ok=False)
    try:
        doc = parse_document(load_text(source, name))
        log = Review(doc)
        if review:
            log = _review_from_bytes(doc, review)
        corrected = log.corrected()
        findings = validate_review(log)
        warnings: list[str] = []
        book = io.BytesIO()
        build_workbook(log, findings, warnings).save(book)
    except UserError as exc:
        result.reason = str(exc)
        result.summary = _summary_row(name, None, [], review_sha, result.reason)
        return result
    except Exception as exc:    # noqa: BLE001 - one document's failure never stops the batch
        result.reason = f"{type(exc).__name__}: {exc}"[:300]
        result.summary = _summary_row(name, None, [], review_sha, result.reason)
        return result
    info = doc.info
    result.ok = True
    result.summary = _summary_row(name, corrected, standing(findings), review_sha, "")
    result.tables_json = readable_json(document_json(corrected))
    result.workbook = book.getvalue()
    result.records = [{"document": name, "agency": info.agency, "year": info.year, "report_type": info.report_type,
                       **rec} for rec in long_records(corrected)]
    return result


def _review_from_bytes(doc: Document, review: bytes) -> Review:
    """The document's review from the bytes of its review file (a copy on disk is read the
    same way as in a review session)."""
    import tempfile

    from .review import Review
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "review.json"
        path.write_bytes(review)
        return Review.open(doc, path)


def _summary_row(name: str, doc: Document | None, findings: list[Finding], review_sha: str,
                 reason: str) -> dict[str, object]:
    row: dict[str, object] = dict.fromkeys(SUMMARY_COLUMNS, "")
    row.update(document=name, review="yes" if review_sha else "", status="failed" if reason else "done",
               reason=reason)
    if doc is not None:
        row.update(agency=doc.info.agency, year=doc.info.year, report_type=doc.info.report_type,
                   level=doc.info.level, tables=len(doc.tables),
                   unrecoverable=sum(not t.recoverable for t in doc.tables),
                   errors=sum(f.severity == Severity.ERROR for f in findings),
                   rounding=sum(f.severity == Severity.ROUNDING for f in findings),
                   warnings=sum(f.severity == Severity.WARNING for f in findings))
    return row


def output_name(path: Path, roots: list[Path]) -> str:
    """A file name for a document's outputs, unique in the batch: its path below the folder
    it was found in, with / as __."""
    for root in roots:
        if root.is_dir():
            try:
                return "__".join(path.resolve().relative_to(root.resolve()).parts)
            except ValueError:
                continue
    return path.name


@dataclass
class BatchReport:
    done: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)


Progress = Callable[[str, bool], None]      # (document, ok) as each one ends


def run_batch(paths: list[str], outdir: str | Path, jobs: int | None = None,
              progress: Progress | None = None, submit: Callable | None = None) -> BatchReport:
    """Extract and check every document of `paths` into `outdir`. `submit(fn, *args)` runs
    a job and returns a future (a process pool by default; a Dask client's submit fits: a
    worker lost mid-batch has its documents run again elsewhere, and nothing is written
    twice since the parent writes each result once)."""
    roots = [Path(p) for p in paths]
    documents = find_documents(paths)
    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise UserError(f"{out}: is a file; give a folder for the batch outputs")
    out.mkdir(parents=True, exist_ok=True)
    manifest = _load_manifest(out)
    report = BatchReport()
    todo: list[tuple[Path, str, bytes, bytes | None]] = []
    names = []
    for path in documents:
        name = output_name(path, roots)
        names.append(name)
        source = path.read_bytes()
        review_path = path.with_name(path.name + ".review.json")
        review = review_path.read_bytes() if review_path.is_file() else None
        key = _key(source, review)
        known = manifest.get(name, {})
        if known.get("key") == key and (out / name / "summary.json").exists():
            if known.get("ok"):
                report.skipped += 1
            else:       # the same bytes fail the same way: reported again, not run again
                reason = json.loads((out / name / "summary.json").read_text(encoding="utf-8")).get("reason", "")
                report.failed.append((name, reason))
            if progress:
                progress(name, bool(known.get("ok")))
            continue
        todo.append((path, name, source, review))
    for result in _results(todo, jobs, submit):
        _write_result(out, result)
        manifest[result.document] = {"key": _key_of(result), "ok": result.ok}
        _save_manifest(out, manifest)      # after every document: an interruption loses none
        if result.ok:
            report.done += 1
        else:
            report.failed.append((result.document, result.reason))
        if progress:
            progress(result.document, result.ok)
    report.outputs = _write_corpus(out, [name for name in names if (out / name / "summary.json").exists()])
    return report


def _key(source: bytes, review: bytes | None) -> str:
    return hashlib.sha256(source).hexdigest() + ":" + (hashlib.sha256(review).hexdigest() if review else "")


def _key_of(result: JobResult) -> str:
    return f"{result.source_sha256}:{result.review_sha256}"


def _results(todo: list[tuple[Path, str, bytes, bytes | None]], jobs: int | None,
             submit: Callable | None) -> Iterator[JobResult]:
    if not todo:
        return
    if submit is None and (jobs == 1 or len(todo) == 1):
        for _, name, source, review in todo:
            yield run_job(name, source, review)
        return
    pool = None
    if submit is None:
        pool = ProcessPoolExecutor(max_workers=jobs or os.cpu_count() or 1)
        submit = pool.submit
    try:
        pending = [submit(run_job, name, source, review) for _, name, source, review in todo]
        while pending:
            finished = [f for f in pending if f.done()]
            if not finished:
                # a pool's or a Dask client's futures alike: both tell when they are done
                wait_briefly(pending)
                continue
            ended = {id(f) for f in finished}
            pending = [f for f in pending if id(f) not in ended]
            for future in finished:
                yield future.result()
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def wait_briefly(pending: list) -> None:
    """Block until one of `pending` may be done: the pool's own wait where the futures are
    the standard library's, else a short sleep (a Dask client's futures)."""
    if all(isinstance(f, Future) for f in pending):
        wait(pending, return_when=FIRST_COMPLETED)
    else:
        time.sleep(0.05)


def _write_result(out: Path, result: JobResult) -> None:
    folder = out / result.document
    folder.mkdir(exist_ok=True)
    if result.ok:
        atomic_write_text(folder / "tables.json", result.tables_json)
        atomic_write(folder / "workbook.xlsx", lambda tmp: Path(tmp).write_bytes(result.workbook))
        atomic_write_text(folder / "records.json", json.dumps(result.records, ensure_ascii=False))
    atomic_write_text(folder / "summary.json", json.dumps(result.summary, ensure_ascii=False))


def _load_manifest(out: Path) -> dict:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _save_manifest(out: Path, manifest: dict) -> None:
    atomic_write_text(out / MANIFEST, readable_json(manifest))


def _write_corpus(out: Path, names: list[str]) -> list[Path]:
    """corpus.xlsx (a row per document) and the dataset of every figure (CSV, Parquet), the
    dataset written a document at a time so that a city's corpus never sits in memory whole."""
    from .workbook import corpus_workbook
    names = sorted(names)
    summaries = [json.loads((out / n / "summary.json").read_text(encoding="utf-8")) for n in names]
    written = [atomic_write(out / "corpus.xlsx", corpus_workbook(summaries, list(SUMMARY_COLUMNS)).save)]
    written.append(atomic_write(out / "dataset.csv", lambda tmp: _write_dataset_csv(tmp, _records_of(out, names))))
    try:
        import pyarrow  # noqa: F401 - only to know that Parquet can be written
    except ImportError:
        return written
    written.append(atomic_write(out / "dataset.parquet",
                                lambda tmp: _write_dataset_parquet(tmp, _records_of(out, names))))
    return written


def _records_of(out: Path, names: list[str]) -> Iterator[list[dict]]:
    """Each document's figures, one document at a time."""
    for n in names:
        path = out / n / "records.json"
        if path.exists():
            yield json.loads(path.read_text(encoding="utf-8"))


def _write_dataset_csv(path: str, documents: Iterable[list[dict]]) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(DATASET_COLUMNS), extrasaction="ignore")
        writer.writeheader()
        for records in documents:
            writer.writerows(records)


def _write_dataset_parquet(path: str, documents: Iterable[list[dict]]) -> None:
    """A row group per document under one schema (the page a number where a PDF gives one)."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    kinds = {"value": pa.float64(), "page": pa.int32(), "inferred": pa.bool_(), "corrected": pa.bool_()}
    schema = pa.schema([(c, kinds.get(c, pa.string())) for c in DATASET_COLUMNS])
    with pq.ParquetWriter(path, schema) as writer:
        for records in documents:
            rows = [{c: (r.get(c) if r.get(c) != "" or c not in kinds else None) for c in DATASET_COLUMNS}
                    for r in records]
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
