"""budget-review command line: tree, extract, check, export, review."""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.atomic import atomic_write_text
from core.document import load_document
from core.edits import DECISIONS
from core.errors import UserError
from core.export import document_json, write_csv, write_json
from core.jsontext import readable_json
from core.model import Document, Node
from core.review import Review, default_review_path
from core.text import json_visible, visible

if TYPE_CHECKING:
    from rich.console import Console

    from core.validate import Finding

# rich, the validator and the workbook writer are imported by the commands that use them: a pipeline's
# `extract` starts in half the time without them

DESCRIPTION = ("Turn Chinese government budget disclosures (部门/单位预算, 部门决算) as extracted text "
               "into checked tables: outline, extraction, validation and a review TUI.")


def _add_doc(p: argparse.ArgumentParser, review: bool = True) -> None:
    p.add_argument("document", help="the extracted text of a disclosure report (.txt)")
    if review:
        p.add_argument("--review-file", metavar="PATH",
                       help="review file holding corrections (default: DOCUMENT.review.json beside it)")
        p.add_argument("--no-review", action="store_true", help="ignore the review file: raw extraction")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="budget-review", description=DESCRIPTION)
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("tree", help="print the document outline with line spans",
                       description="Print the outline of a document (parts, sections, tables, notes) "
                                   "with the source line span of every node.")
    _add_doc(p, review=False)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--all", action="store_true", help="also list paragraphs and page furniture")

    p = sub.add_parser("extract", help="extract every table as data (json, csv, xlsx)",
                       description="Extract every table of a document. json follows FORMAT.md; csv writes "
                                   "one file per table plus long.csv into a folder; xlsx writes the cleaned "
                                   "workbook. Corrections of the review file are applied unless --no-review.")
    _add_doc(p)
    p.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
    p.add_argument("-o", "--output", metavar="PATH", help="output file (folder for csv); json defaults to stdout")

    p = sub.add_parser("check", help="validate the tables and the prose; exit 1 when there are errors",
                       description="Check sums, 类/款/项 hierarchies, cross-table figures and figures stated "
                                   "in the text. Open findings come first; the reviewer's decisions (confirmed, "
                                   "dismissed, explained) come from the review file. Exit code: 0 no standing "
                                   "errors (open or confirmed), 1 errors found, 2 unusable input.")
    _add_doc(p)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("-o", "--output", metavar="PATH", help="write the findings to this file")
    p.add_argument("--status", action="append", choices=list(DECISIONS),
                   help="only findings the reviewer left in this state (repeatable)")
    p.add_argument("--severity", action="append", choices=["error", "rounding", "warning"],
                   help="only findings of this severity (repeatable)")

    p = sub.add_parser("export", help="write the cleaned Excel workbook",
                       description="Write the cleaned workbook (one sheet per table, Findings, Review log, "
                                   "Data, Document) with the review's corrections applied.")
    _add_doc(p)
    p.add_argument("-o", "--output", metavar="PATH", help="workbook path (default: DOCUMENT.xlsx)")

    p = sub.add_parser("batch", help="extract and check a corpus of documents in parallel",
                       description="Extract and check every .txt and .pdf of the files and folders given "
                                   "(folders searched recursively), in parallel processes. Per document: the "
                                   "workbook and the tables' JSON; for the corpus: corpus.xlsx (a row per "
                                   "document) and dataset.csv / dataset.parquet (every figure). A second run "
                                   "skips documents whose text and review file did not change.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="documents or folders")
    p.add_argument("-o", "--output", metavar="OUTDIR", required=True, help="folder for the outputs")
    p.add_argument("--jobs", type=int, metavar="N", help="parallel processes (default: all cores)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run the documents on this Dask distributed scheduler (tcp://host:8786) instead")

    p = sub.add_parser("review", help="open the review TUI (a document, or a folder's review queue)",
                       description="Open the keyboard-driven review screen: source beside table, edits "
                                   "with undo/redo, live findings, autosave, export. Given a FOLDER, open its "
                                   "review queue: its .txt and .pdf documents with status (new, in review, "
                                   "done), open errors, agency, year and type, most open errors first; the "
                                   "statuses live in the folder's .budget-review.sqlite.")
    p.add_argument("document", help="the extracted text or PDF of a disclosure report, or a folder of them")
    p.add_argument("--review-file", metavar="PATH", help="review file (default: DOCUMENT.review.json)")
    return ap


@cache
def _console(stderr: bool = False) -> Console:
    from rich.console import Console
    return Console(stderr=stderr)


def _read(path: str) -> Document:
    """The document, with a progress bar while a PDF's pages are read (a spinner for a text on a terminal)."""
    if Path(path).suffix.lower() != ".pdf":
        if not sys.stderr.isatty():
            return load_document(path)
        with _console(stderr=True).status(f"Reading {_escape(Path(path).name)} …", spinner="dots"):
            return load_document(path)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    with Progress(TextColumn(f"Reading {_escape(Path(path).name)}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("pages"), TimeRemainingColumn(), console=_console(stderr=True), transient=True) as bar:
        task = bar.add_task("pages", total=None)
        return load_document(path, lambda done, total: bar.update(task, completed=done, total=total))


def open_review(args: argparse.Namespace) -> Review:
    doc = _read(args.document)
    if getattr(args, "no_review", False):
        return Review(doc, args.review_file)
    review = Review.open(doc, args.review_file)
    _report_set_aside(review)
    return review


def _report_set_aside(review: Review) -> None:
    for _, reason in review.set_aside:
        print(f"budget-review: warning: a correction of {visible(str(review.path))} no longer fits the "
              f"document and was set aside ({visible(reason)})", file=sys.stderr)


def _protected(args: argparse.Namespace) -> tuple[Path, ...]:
    """Files an output path must never replace: the document and its review file."""
    review = getattr(args, "review_file", None) or default_review_path(args.document)
    return Path(args.document), Path(review)


def cmd_tree(args: argparse.Namespace) -> int:
    doc = _read(args.document)
    if args.format == "json":
        print(json_visible(json.dumps({"source": doc.name, "document": document_json(doc)["document"],
                                  "tree": doc.root.to_json()}, ensure_ascii=False, indent=1)))
        return 0
    info = doc.info
    from rich.tree import Tree

    root = Tree(f"[bold]{_escape(info.agency)}[/] {_escape(info.year)} {info.level}{info.report_type}  "
                f"[dim]{_escape(doc.name)}, {len(doc.source)} lines[/]")

    def add(parent: Tree, node: Node) -> None:
        for child in node.children:
            if not args.all and child.kind in ("paragraph", "furniture"):
                continue
            span = f"[dim]{child.first_line}–{child.last_line}[/]"
            label = child.text if len(child.text) <= 60 else child.text[:59] + "…"
            extra = ""
            if child.kind == "table" and child.table_index is not None:
                t = doc.tables[child.table_index]
                extra = f" [cyan]{t.kind}[/] {len(t.rows)}×{len(t.columns)}"
            branch = parent.add(f"{span} [b]{child.kind}[/] {_escape(label)}{extra}")
            if child.kind != "toc":
                add(branch, child)

    add(root, doc.root)
    _console().print(root)
    return 0


def _escape(text: str) -> str:
    """Document text for the terminal: control characters shown, never markup."""
    from rich.markup import escape
    return escape(visible(text))


def cmd_extract(args: argparse.Namespace) -> int:
    review = open_review(args)
    doc = review.corrected()
    if args.format == "json":
        text = write_json(doc, args.output, protected=_protected(args))
        if not args.output:
            print(json_visible(text))
    elif args.format == "csv":
        if not args.output:
            raise UserError("csv needs -o FOLDER for its files")
        folder, warnings = write_csv(doc, args.output, protected=_protected(args))
        for w in warnings:
            _console().print(f"[yellow]warning:[/] {_escape(w)}")
        _console().print(f"wrote the CSV files to {_escape(str(folder))}")
    else:
        _write_workbook(args, review)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from core.validate import standing, validate_review

    review = open_review(args)
    findings = validate_review(review)
    errors = sum(f.severity == "error" for f in standing(findings))
    findings = [f for f in findings if (not args.status or f.status in args.status)
                and (not args.severity or f.severity in args.severity)]
    findings.sort(key=lambda f: f.status != "open")      # open findings first, in document order
    if args.format == "json":
        text = readable_json([f.to_json() for f in findings], inline_depth=2)
        if args.output:
            atomic_write_text(args.output, text, protected=_protected(args))
        else:
            print(json_visible(text))
    else:
        _print_findings(review.document, findings)
    return 1 if errors else 0


def _print_findings(doc: Document, findings: list[Finding]) -> None:
    from rich.table import Table as RichTable

    t = RichTable(title=f"{_escape(doc.name)}: {len(findings)} findings", show_lines=False)
    for col in ("id", "severity", "status", "check", "table", "where", "lines", "description"):
        t.add_column(col, overflow="fold")
    colour = {"error": "red", "rounding": "yellow", "warning": "magenta"}
    for f in findings:
        status = f.status + (f": {_escape(f.note)}" if f.note else "")
        t.add_row(f.id, f"[{colour.get(f.severity, 'white')}]{f.severity}[/]", status, f.check, _escape(f.table),
                  _escape(f.where), ",".join(map(str, f.lines)), _escape(f.message))
    _console().print(t)


def _write_workbook(args: argparse.Namespace, review: Review) -> None:
    from core.export import write_xlsx
    from core.validate import validate_review

    path = args.output or str(Path(args.document)) + ".xlsx"
    findings = validate_review(review)
    written, warnings = write_xlsx(review, findings, path, protected=_protected(args))
    for w in warnings:
        _console().print(f"[yellow]warning:[/] {_escape(w)}")
    _console().print(f"wrote {_escape(str(written))}")


def cmd_export(args: argparse.Namespace) -> int:
    _write_workbook(args, open_review(args))
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    if Path(args.document).is_dir():
        return _review_queue(args.document)
    review = Review.open(_read(args.document), args.review_file, autosave=True)
    _report_set_aside(review)
    review.check_writable()
    review.lock()
    try:
        from core.collection import keep_alive_uncollected
        from tui.app import BudgetReviewApp
        app = BudgetReviewApp(review)
        keep_alive_uncollected()
        app.run()
    finally:
        review.unlock()
    return 0


def _review_queue(folder: str) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from core.workspace import Workspace
    workspace = Workspace(folder)
    with Progress(TextColumn("[bold]reading the folder"), BarColumn(), MofNCompleteColumn(),
                  console=_console(stderr=True), transient=True) as bar:
        task = bar.add_task("scan", total=None)
        workspace.scan(lambda done, total: bar.update(task, completed=done, total=total))
    from tui.queue import QueueApp
    QueueApp(workspace).run()
    return 0


def _dask_submit(address: str | None) -> Callable[..., Any] | None:
    """A Dask client's submit for the scheduler at `address` (None: the local process pool)."""
    if not address:
        return None
    try:
        from dask.distributed import Client
    except ImportError as exc:
        raise UserError("--scheduler needs Dask: pip install 'budget-review[cluster]'") from exc
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise UserError(f"{address}: no Dask scheduler answers there ({exc})") from exc
    # pure=False: each document is run, never a result reused by the arguments' hash
    return lambda fn, *args: client.submit(fn, *args, pure=False)


def cmd_batch(args: argparse.Namespace) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from core.batch import find_documents, run_batch
    total = len(find_documents(args.paths))
    failures = 0
    columns = (TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
               TimeRemainingColumn(), TextColumn("[red]{task.fields[failed]} failed"))
    with Progress(*columns, console=_console(stderr=True)) as bar:
        task = bar.add_task("batch", total=total, rate="", failed=0)

        def advance(_name: str, ok: bool) -> None:
            nonlocal failures
            failures += not ok
            elapsed = bar.tasks[0].elapsed or 0
            done = bar.tasks[0].completed + 1
            bar.update(task, advance=1, failed=failures,
                       rate=f"{done / elapsed:.1f} docs/s" if elapsed else "")
        report = run_batch(args.paths, args.output, args.jobs, advance, submit=_dask_submit(args.scheduler))
    _console().print(f"{report.done} extracted, {report.skipped} unchanged, {len(report.failed)} failed; "
              f"corpus outputs in {_escape(str(args.output))}")
    for name, reason in report.failed:
        _console().print(f"[red]failed:[/] {_escape(name)}: {_escape(reason)}")
    return 1 if report.failed else 0


COMMANDS = {"tree": cmd_tree, "extract": cmd_extract, "check": cmd_check, "export": cmd_export,
            "review": cmd_review, "batch": cmd_batch}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UserError as exc:
        print(f"budget-review: error: {visible(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:     # `budget-review extract DOC | head`: the reader stopped early
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
