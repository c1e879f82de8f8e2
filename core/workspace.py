"""A folder of documents under review: the review queue's state in an SQLite file there.

One row per document (its path inside the folder, the sha256 of its bytes, its status, the
agency, year and type read from it, and its open errors). Every change is a transaction
(`BEGIN IMMEDIATE`, WAL journal, a busy timeout), so two reviewers working in the same folder
never lose each other's updates. No server: the file travels with the folder.
"""
from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .clock import now
from .errors import UserError
from .findings import Severity

WORKSPACE_FILE = ".budget-review.sqlite"
STATUSES = ("new", "in review", "done")
BUSY_TIMEOUT_S = 30.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,           -- of the document and its review file
    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in review', 'done')),
    agency TEXT NOT NULL DEFAULT '',
    year TEXT NOT NULL DEFAULT '',
    report_type TEXT NOT NULL DEFAULT '',
    tables INTEGER NOT NULL DEFAULT 0,
    open_errors INTEGER NOT NULL DEFAULT 0,
    problem TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class Entry:
    """A document of the queue as the workspace last saw it."""

    path: str               # relative to the folder
    status: str
    agency: str
    year: str
    report_type: str
    tables: int
    open_errors: int
    problem: str            # why the document could not be read ("" when it was)


@dataclass(frozen=True)
class Summary:
    """What the queue shows of a document, read from it and its review."""

    agency: str
    year: str
    report_type: str
    tables: int
    open_errors: int


def summarise(path: Path) -> Summary:
    """Read a document with its review file and count its open errors."""
    from .document import load_document
    from .review import Review
    from .validate import validate_review
    review = Review.open(load_document(path))
    info = review.document.info
    errors = sum(1 for f in validate_review(review) if f.severity == Severity.ERROR and f.status == "open")
    return Summary(info.agency, info.year, info.report_type, len(review.document.tables), errors)


def _digest(path: Path) -> str:
    """The document's bytes and its review file's: a change to either reads it again."""
    from .review import default_review_path
    h = hashlib.sha256(path.read_bytes())
    review = default_review_path(path)
    if review.exists():
        h.update(review.read_bytes())
    return h.hexdigest()


class Workspace:
    """The review queue of one folder."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise UserError(f"{self.folder}: not a folder")
        self.path = self.folder / WORKSPACE_FILE
        try:
            with self._transaction() as db:
                db.execute(_SCHEMA)
        except sqlite3.Error as exc:
            raise UserError(f"{self.path}: the workspace cannot be opened ({exc}); "
                            "is the folder writable?") from exc

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken before reading so that concurrent updates queue up."""
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        finally:
            db.close()

    def scan(self, progress: Callable[[int, int], None] | None = None) -> list[Entry]:
        """Add the folder's documents (its .txt and .pdf files, searched recursively) and read
        again those whose bytes changed; a document's status is kept across re-reads. Documents
        that left the folder leave the queue."""
        from .batch import find_documents
        found = find_documents([self.folder])
        with self._transaction() as db:
            known = dict(db.execute("SELECT path, sha256 FROM documents").fetchall())
        names = [p.relative_to(self.folder).as_posix() for p in found]
        for n, (path, name) in enumerate(zip(found, names), start=1):
            sha = _digest(path)
            if known.get(name) != sha:
                self._record(name, sha, path)
            if progress is not None:
                progress(n, len(found))
        with self._transaction() as db:
            gone = set(known) - set(names)
            db.executemany("DELETE FROM documents WHERE path = ?", [(g,) for g in gone])
        return self.entries()

    def _record(self, name: str, sha: str, path: Path) -> None:
        try:
            s, problem = summarise(path), ""
        except UserError as exc:
            s, problem = Summary("", "", "", 0, 0), str(exc)
        with self._transaction() as db:
            db.execute("INSERT INTO documents (path, sha256, agency, year, report_type, tables, open_errors, "
                       "problem, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET "
                       "sha256 = excluded.sha256, agency = excluded.agency, year = excluded.year, "
                       "report_type = excluded.report_type, tables = excluded.tables, "
                       "open_errors = excluded.open_errors, problem = excluded.problem, "
                       "updated_at = excluded.updated_at",
                       (name, sha, s.agency, s.year, s.report_type, s.tables, s.open_errors, problem, now()))

    def refresh(self, name: str) -> Entry:
        """Count a document's open errors again (after a review session)."""
        path = self.folder / name
        self._record(name, _digest(path), path)
        return self.entry(name)

    def set_status(self, name: str, status: str) -> Entry:
        if status not in STATUSES:
            raise UserError(f"unknown status {status!r}; choose one of {', '.join(STATUSES)}")
        with self._transaction() as db:
            changed = db.execute("UPDATE documents SET status = ?, updated_at = ? WHERE path = ?",
                                 (status, now(), name)).rowcount
        if not changed:
            raise UserError(f"{name}: not in the workspace of {self.folder}")
        return self.entry(name)

    def entry(self, name: str) -> Entry:
        with self._transaction() as db:
            row = db.execute(f"SELECT {_ENTRY_COLUMNS} FROM documents WHERE path = ?", (name,)).fetchone()
        if row is None:
            raise UserError(f"{name}: not in the workspace of {self.folder}")
        return Entry(*row)

    def entries(self, status: str | None = None, text: str = "") -> list[Entry]:
        """The queue: most open errors first, then by path; filtered as `matching` says."""
        with self._transaction() as db:
            rows = db.execute(f"SELECT {_ENTRY_COLUMNS} FROM documents ORDER BY open_errors DESC, path").fetchall()
        return matching([Entry(*row) for row in rows], status, text)


_ENTRY_COLUMNS = "path, status, agency, year, report_type, tables, open_errors, problem"


def matching(entries: list[Entry], status: str | None, text: str) -> list[Entry]:
    """The entries of `status` (None: any) whose path, agency, year or type holds `text`."""
    return [e for e in entries if (status is None or e.status == status) and
            (not text or any(text in v for v in (e.path, e.agency, e.year, e.report_type)))]
