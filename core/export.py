"""Outputs a finance team can use as is: FORMAT.md JSON, pandas frames, CSV and the cleaned
Excel workbook. Every file is written atomically."""
from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import atomic_write, atomic_write_text, check_destination
from .collection import collection_paused
from .errors import UserError
from .jsontext import readable_json
from .model import Document, Table
from .review import Review
from .sheets import LONG_COLUMNS, csv_safe, long_records, safe_text, sheet_names, text_columns

if TYPE_CHECKING:
    import pandas as pd

    from .validate import Finding


def document_json(doc: Document) -> dict:
    return {"source": doc.name, "sha256": doc.source.sha256,
            "document": {"agency": doc.info.agency, "year": doc.info.year,
                         "report_type": doc.info.report_type, "level": doc.info.level},
            "tables": [t.to_json() for t in doc.tables]}


# --------------------------------------------------------------------------- pandas

def table_frame(table: Table) -> pd.DataFrame:
    """A table as a DataFrame with MultiIndex columns from the header paths; amounts as floats
    of the printed value, codes and labels as text."""
    import pandas as pd
    depth = max([len(c.path) for c in table.columns] + [1])
    tuples = [c.path + ("",) * (depth - len(c.path)) for c in table.columns]
    texts = text_columns(table)
    data = [[(float(c.value) if c.value is not None and j not in texts else c.text)
             for j, c in enumerate(r[:len(table.columns)])] + [""] * (len(table.columns) - len(r))
            for r in table.rows]
    return pd.DataFrame(data, columns=pd.MultiIndex.from_tuples(tuples) if tuples else None)


def long_frame(doc: Document) -> pd.DataFrame:
    """Every amount of the document in long format (sheets.long_records) as a DataFrame."""
    import pandas as pd
    return pd.DataFrame(long_records(doc), columns=list(LONG_COLUMNS))


# --------------------------------------------------------------------------- writers

def write_json(doc: Document, path: str | Path | None, protected: Iterable[str | Path] = ()) -> str:
    text = readable_json(document_json(doc))
    if path:
        atomic_write_text(path, text, protected=protected)
    return text


def _csv_text(rows: list[list[str]], removed: list[str], where: str) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    for r in rows:
        fields = []
        for x in r:
            field = csv_safe(x)
            if safe_text(x)[1]:
                removed.append(f"{where}: characters a spreadsheet cannot hold were removed")
            fields.append(field)
        writer.writerow(fields)
    return "\ufeff" + buf.getvalue()


def write_csv(doc: Document, folder: str | Path, protected: Iterable[str | Path] = ()) -> tuple[Path, list[str]]:
    """One CSV per table plus `long.csv` (and `facts.csv` for forms), UTF-8 with BOM so that
    Excel opens them right. The folder is written whole beside its place and then swapped
    in, so that a failure leaves the earlier export as it was and no stale file survives.
    Returns the folder and warnings (characters removed)."""
    d = Path(folder)
    check_destination(d.with_name(d.name + ".csv"), protected)     # the parent, and no clash
    if d.exists() and (d.is_symlink() or not d.is_dir()):
        raise UserError(f"{d}: is a file or a link; give a folder for the CSV files")
    names = sheet_names(doc.tables)
    files: dict[str, str] = {}
    warnings: list[str] = []
    for t, name in zip(doc.tables, names):
        rows = [t.column_texts()] + [[c.text for c in r] for r in t.rows]
        files[f"{name}.csv"] = _csv_text(rows, warnings, name)
    rows = [list(LONG_COLUMNS)] + [[str(rec[c]) for c in LONG_COLUMNS] for rec in long_records(doc)]
    files["long.csv"] = _csv_text(rows, warnings, "long.csv")
    facts = [[name, key, value] for t, name in zip(doc.tables, names) for key, value in t.all_facts().items()]
    if facts:       # the forms' facts (项目名称, 年度资金总额 …), a row each
        files["facts.csv"] = _csv_text([["table", "fact", "value"]] + facts, warnings, "facts.csv")
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{d.name[:80]}.", dir=d.parent))
    except OSError as exc:
        raise UserError(f"{d}: cannot be written ({exc.strerror}); nothing was changed there") from exc
    try:
        for name, text in files.items():
            atomic_write_text(staging / name, text)
        os.chmod(staging, 0o777 & ~_umask())
        old = d.with_name(f".{d.name[:80]}.old-{os.getpid()}") if d.exists() else None
        if old is not None:
            os.replace(d, old)
        os.replace(staging, d)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        raise UserError(f"{d}: cannot be written ({exc.strerror}); nothing was changed there") from exc
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return d, list(dict.fromkeys(warnings))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_xlsx(review: Review, findings: list[Finding], path: str | Path,
               protected: Iterable[str | Path] = ()) -> tuple[Path, list[str]]:
    """The cleaned workbook, read back before it replaces any earlier one; returns its path
    and warnings (characters removed)."""
    from openpyxl import load_workbook

    from .workbook import build_workbook
    check_destination(path, protected)
    warnings: list[str] = []
    with collection_paused():
        wb = build_workbook(review, findings, warnings)

    def save_and_verify(tmp: str) -> None:
        with collection_paused():
            wb.save(tmp)
        try:
            with open(tmp, "rb") as f:     # by handle: openpyxl judges a path by its suffix
                load_workbook(f, read_only=True).close()
        except Exception as exc:    # noqa: BLE001 - any failure to read back means a broken file
            raise UserError(f"{path}: the workbook written does not read back ({exc}); "
                            "the earlier file was kept") from exc
    return atomic_write(path, save_and_verify, protected), list(dict.fromkeys(warnings))
