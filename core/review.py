"""Reviewer corrections: an append-only log of edits applied on top of the extraction.

The extracted tables are never changed; `Review.tables` is the extraction with the applied
edits replayed over it. Every edit can be undone and redone, and the log is saved atomically
to a review file beside the document so no correction is ever lost. Autosave appends each
step (an edit, an undo, a redo) as one line to a journal beside the review file, so an edit
costs the same at the thousandth as at the first; saving (ctrl+s, quitting, the first
autosave of a session) writes the whole review file and empties the journal.
"""
from __future__ import annotations

import copy
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from pathlib import Path

from .atomic import atomic_write_text, check_destination
from .catalog import TableKind
from .clock import now
from .errors import UserError
from .model import Cell, Document, Table

REVIEW_FORMAT = "budget-review.review"
REVIEW_VERSION = 1
JOURNAL_FORMAT = "budget-review.journal"
# What a reviewer decides of a finding: a real defect of the document, a false alarm, or
# explained by a note. "open" is the state before any decision.
DECISIONS = ("confirmed", "dismissed", "explained", "open")
REVIEWED = "reviewed"       # a table's status once the reviewer has checked it
TABLE_KINDS = tuple(TableKind)     # what a table's kind may be set to


class Target(StrEnum):
    """What an edit changes: a cell, a column's header, a table's title, kind, unit or review
    status, a form's fact, a row inserted or deleted, or the decision on a finding."""
    CELL = "cell"
    HEADER = "header"
    TITLE = "title"
    KIND = "kind"
    UNIT = "unit"
    STATUS = "status"
    FACT = "fact"
    INSERT_ROW = "insert_row"
    DELETE_ROW = "delete_row"
    DECISION = "decision"


ROW_TARGETS = (Target.INSERT_ROW, Target.DELETE_ROW)       # whose values are whole rows
TABLE_FIELDS = (Target.TITLE, Target.KIND, Target.UNIT, Target.STATUS)      # a table's own texts


@dataclass(frozen=True)
class Edit:
    """One correction. `row`/`col` address the corrected table as it was when the edit was
    made; `old`/`new` are texts (a whole row, as a list, for row insertions and deletions);
    `key` names the form fact (项目名称, 年度资金总额 …) a `fact` edit corrects, or the finding a
    `decision` settles (`new` the decision, `note` the reviewer's words; `table` is -1).
    Edits of one `group` (a value moved to the next column: two cells) undo and redo together."""

    target: Target
    table: int
    row: int | None = None
    col: int | None = None
    old: str | list | None = None
    new: str | list | None = None
    time: str = ""
    key: str = ""
    note: str = ""
    group: str = ""

    def describe(self) -> str:
        """The edit in a reviewer's words: `cell of table 4 row 2 column 3: “” → “580.13”`."""
        where = f"table {self.table + 1}" + (f" {self.key}" if self.key else "")
        if self.row is not None:
            where += f" row {self.row + 1}"
        if self.col is not None:
            where += f" column {self.col + 1}"
        if self.target == Target.DECISION:
            return f"finding {self.key}: {self.old} → {self.new}" + (f" ({self.note})" if self.note else "")
        return f"{self.target.replace('_', ' ')} of {where}: “{shown_value(self.old)}” → “{shown_value(self.new)}”"


def shown_value(value: str | list | None) -> str:
    """An edit's value as a reviewer reads it: a row's cells joined, never a Python repr."""
    if value is None:
        return ""
    return " | ".join(value) if isinstance(value, list) else value


def default_review_path(document_path: str | Path) -> Path:
    p = Path(document_path)
    return p.with_name(p.name + ".review.json")


def _text(value: str | list | None) -> str:
    """An edit's value where a text is due (the schema check at load guarantees it)."""
    if not isinstance(value, str):
        raise ValueError(f"an edit's value should be a text, not {value!r}")
    return value


def _place(index: int | None) -> int:
    if index is None:
        raise ValueError("the edit names no row or column")
    return index


def _set_cell(table: Table, edit: Edit) -> None:
    r, c = _place(edit.row), _place(edit.col)
    old = table.cell(r, c)
    row = table.rows[r]
    while len(row) <= c:
        row.append(Cell(""))
    row[c] = replace(old, text=_text(edit.new), inferred="",     # the reviewer's value, not a guess
                     original=old.original if old.original is not None else old.text, edited_at=edit.time)


def _set_header(table: Table, edit: Edit) -> None:
    table.columns[_place(edit.col)] = _text(edit.new)


def _set_attribute(table: Table, edit: Edit) -> None:
    setattr(table, edit.target, _text(edit.new))        # title, kind, unit, status


def _set_fact(table: Table, edit: Edit) -> None:
    table.fields[edit.key] = _text(edit.new)


def _insert_row(table: Table, edit: Edit) -> None:
    texts = edit.new if isinstance(edit.new, list) else []
    table.rows.insert(_place(edit.row), [Cell(str(t), (), "", "", edit.time) for t in texts])


def _delete_row(table: Table, edit: Edit) -> None:
    del table.rows[_place(edit.row)]


def _no_table_change(table: Table, edit: Edit) -> None:
    """Decisions change no table: Review.decisions replays them."""


_APPLY: dict[Target, Callable[[Table, Edit], None]] = {
    Target.CELL: _set_cell, Target.HEADER: _set_header, Target.TITLE: _set_attribute, Target.KIND: _set_attribute,
    Target.UNIT: _set_attribute, Target.STATUS: _set_attribute, Target.FACT: _set_fact, Target.INSERT_ROW: _insert_row,
    Target.DELETE_ROW: _delete_row, Target.DECISION: _no_table_change}


def _apply(table: Table, edit: Edit) -> None:
    """Apply one edit to a (private copy of a) table."""
    if edit.target not in _APPLY:
        raise ValueError(f"unknown edit target {edit.target}")
    _APPLY[edit.target](table, edit)


def _copy_table(table: Table) -> Table:
    t = copy.copy(table)
    t.columns = list(table.columns)
    t.rows = [list(r) for r in table.rows]
    t.fields = dict(table.fields)
    t.notes = list(table.notes)
    return t


class Review:
    """The edit log of one document, with undo/redo and the corrected tables."""

    def __init__(self, document: Document, path: str | Path | None = None, autosave: bool = False):
        self.document = document
        self.path = Path(path) if path else default_review_path(document.source.path)
        self.autosave = autosave
        self.edits: list[Edit] = []
        self.undone: list[Edit] = []
        self.tables: list[Table] = list(document.tables)
        self.saved = True
        self.save_error = ""
        self.listeners: list = []
        self.set_aside: list[tuple[object, str]] = []     # review-file edits that no longer fit, why
        self._on_disk = _file_digest(self.path)      # the review file as this session last saw it
        self._on_disk_stat = _file_stat(self.path)   # the same, cheaply checked before each journal line
        self._journal_open = False                   # steps since the last save go to the journal
        self.position: tuple[int, int, int] = (0, 0, 0)     # table, row, column where the reviewer left
        self._lock: Path | None = None

    @property
    def journal_path(self) -> Path:
        return self.path.with_name(self.path.name + ".journal")

    @property
    def written_whole(self) -> bool:
        """Every step is in the review file itself: none only in memory or in the journal."""
        return self.saved and not self.journal_path.exists()

    # -- state -------------------------------------------------------------------------
    def corrected(self) -> Document:
        return self.document.with_tables(self.tables)

    def _rebuild(self, index: int) -> None:
        table = _copy_table(self.document.tables[index])
        for e in self.edits:
            if e.table == index:
                _apply(table, e)
        self.tables[index] = table

    def _push(self, edit: Edit) -> None:
        """Apply `edit` to a copy of its table and append it to the log."""
        if edit.target != Target.DECISION:
            table = _copy_table(self.tables[edit.table])
            _apply(table, edit)
            self.tables[edit.table] = table
        self.edits.append(edit)

    @property
    def decisions(self) -> dict[str, tuple[str, str]]:
        """finding id → (decision, note), the latest decision of each finding in the log."""
        out: dict[str, tuple[str, str]] = {}
        for e in self.edits:
            if e.target == Target.DECISION:
                if e.new == "open":
                    out.pop(e.key, None)
                else:
                    out[e.key] = (str(e.new), e.note)
        return out

    def _changed(self, edit: Edit, step: dict) -> None:
        self.saved = False
        if self.autosave:
            self.try_save(step)
        for listener in self.listeners:
            listener(edit)

    def try_save(self, step: dict | None = None) -> bool:
        """Save `step` to the journal (the whole review when the journal is not yet begun or
        `step` is None), keeping the edits in memory when nothing can be written: the error is
        kept in `save_error` (the TUI shows it) and the next edit or ctrl+s tries again."""
        try:
            if step is not None and self._journal_open:
                self._append(step)
            else:
                self.save()
                self._journal_open = True
        except UserError as exc:
            self.save_error = str(exc)
            self._journal_open = False      # the next save writes the whole review again
            return False
        self.save_error = ""
        return True

    def _append(self, step: dict) -> None:
        """One step as a line of the journal, on disk before this returns."""
        if _file_stat(self.path) != self._on_disk_stat:
            raise UserError(_CHANGED_ON_DISK.format(path=self.path))
        journal = self.journal_path
        try:
            fresh = not journal.exists()
            with open(journal, "a", encoding="utf-8") as f:
                if fresh:
                    f.write(json.dumps({"format": JOURNAL_FORMAT, "base": self._on_disk}) + "\n")
                f.write(json.dumps(step, ensure_ascii=False) + "\n")
                f.flush()
                os.fsync(f.fileno())
        except OSError as exc:
            raise UserError(f"{journal}: cannot be written ({exc.strerror}); your edits are kept here") from exc
        self.saved = True

    # -- operations --------------------------------------------------------------------
    def apply(self, edit: Edit) -> Edit:
        if edit.target not in _APPLY:
            raise UserError(f"unknown edit {edit.target}")
        if edit.target != Target.DECISION and not 0 <= edit.table < len(self.tables):
            raise UserError(f"no table {edit.table + 1}")
        edit = replace(edit, time=edit.time or now())
        self._push(edit)
        self.undone.clear()
        self._changed(edit, {"apply": asdict(edit)})
        return edit

    def set_cell(self, table: int, row: int, col: int, text: str) -> Edit | None:
        old = self.tables[table].cell(row, col).text
        if old == text:
            return None
        return self.apply(Edit(Target.CELL, table, row, col, old, text))

    def set_header(self, table: int, col: int, text: str) -> Edit | None:
        """A column's header path. Where only a group's name changes (`收入/预算数` →
        `本年收入/预算数`), every column under that group is renamed: one step to undo."""
        columns = self.tables[table].columns
        old = columns[col]
        if old == text:
            return None
        olds, news = old.split("/"), text.split("/")
        changed = [i for i, (a, b) in enumerate(zip(olds, news)) if a != b]
        if len(olds) != len(news) or len(changed) != 1 or changed[0] == len(olds) - 1:
            return self.apply(Edit(Target.HEADER, table, None, col, old, text))
        level = changed[0]
        group = f"group {now()} {len(self.edits)}"
        edit = None
        for j, path in enumerate(list(columns)):
            parts = path.split("/")
            if parts[:level + 1] == olds[:level + 1]:
                parts[level] = news[level]
                edit = self.apply(Edit(Target.HEADER, table, None, j, path, "/".join(parts), group=group))
        return edit

    def set_field(self, table: int, target: Target, text: str) -> Edit | None:
        """A table's title, kind, unit or review status."""
        if target not in TABLE_FIELDS:
            raise ValueError(f"{target} is no field of a table")
        if target == Target.KIND and text not in TABLE_KINDS:
            raise UserError(f"unknown table kind {text!r}; choose one of the catalogue's: {', '.join(TABLE_KINDS)}")
        old = getattr(self.tables[table], target)
        return None if old == text else self.apply(Edit(target, table, None, None, old, text))

    def place_of(self, edit: Edit) -> str:
        """What an edit changed, named as the reviewer sees it: `基本支出 of 2080505`, `the
        title of 收支总表`, `finding sum-…` — never indices alone."""
        if edit.target == Target.DECISION:
            return f"finding {edit.key}"
        t = self.tables[edit.table] if 0 <= edit.table < len(self.tables) else None
        if t is None:
            return f"table {edit.table + 1}"
        if edit.target == Target.CELL and edit.row is not None and edit.col is not None:
            column = t.columns[edit.col].split("/")[-1] if edit.col < len(t.columns) else f"column {edit.col + 1}"
            row = (t.row_code(edit.row) or t.cell(edit.row, t.label_column()).text) if edit.row < len(t.rows) else ""
            return f"{column} of {row or f'row {edit.row + 1}'}"
        if edit.target == Target.HEADER and edit.col is not None:
            return f"the header of column {edit.col + 1} of {t.title}"
        if edit.target in ROW_TARGETS:
            return f"row {(edit.row or 0) + 1} of {t.title}"
        return f"{edit.key or 'the ' + edit.target} of {t.title}"

    def set_reviewed(self, table: int, reviewed: bool) -> Edit | None:
        """Mark a table reviewed (or back to not reviewed)."""
        return self.set_field(table, Target.STATUS, REVIEWED if reviewed else "")

    def move_value(self, table: int, row: int, col: int, step: int) -> Edit | None:
        """Move a cell's value to the next (step 1) or previous (-1) column of its row, the
        value there coming back in its place: one step to undo. None at the row's edge."""
        t = self.tables[table]
        other = col + step
        if not 0 <= other < len(t.columns) or not 0 <= row < len(t.rows):
            return None
        here, there = t.cell(row, col).text, t.cell(row, other).text
        if here == there:
            return None
        group = f"move {now()} {len(self.edits)}"
        self.apply(Edit(Target.CELL, table, row, other, there, here, group=group))
        return self.apply(Edit(Target.CELL, table, row, col, here, there, group=group))

    def set_fact(self, table: int, key: str, text: str) -> Edit | None:
        old = self.tables[table].fields.get(key, "")
        return None if old == text else self.apply(Edit(Target.FACT, table, None, None, old, text, key=key))

    def insert_row(self, table: int, at: int) -> Edit:
        width = len(self.tables[table].columns)
        return self.apply(Edit(Target.INSERT_ROW, table, at, None, None, [""] * width))

    def delete_row(self, table: int, row: int) -> Edit:
        old = [c.text for c in self.tables[table].rows[row]]
        return self.apply(Edit(Target.DELETE_ROW, table, row, None, old, None))

    def decide(self, finding_id: str, decision: str, note: str = "") -> Edit | None:
        """Settle a finding: `confirmed`, `dismissed`, `explained` (with a note), or back to
        `open`. Undoable like every edit, and saved with them."""
        if decision not in DECISIONS:
            raise UserError(f"unknown decision {decision!r}; choose one of {', '.join(DECISIONS)}")
        old, old_note = self.decisions.get(finding_id, ("open", ""))
        if (old, old_note) == (decision, note):
            return None
        return self.apply(Edit(Target.DECISION, -1, None, None, old, decision, key=finding_id, note=note))

    def fill_from_above(self, table: int, row: int, col: int) -> Edit | None:
        if row == 0:
            return None
        return self.set_cell(table, row, col, self.tables[table].cell(row - 1, col).text)

    def undo(self) -> Edit | None:
        if not self.edits:
            return None
        edit = self._undo()
        self._changed(edit, {"undo": True})
        return edit

    def _undo(self) -> Edit:
        """Undo the last edit and the rest of its group; the group's first edit is returned."""
        edit = self.edits.pop()
        self.undone.append(edit)
        while edit.group and self.edits and self.edits[-1].group == edit.group:
            edit = self.edits.pop()
            self.undone.append(edit)
        if edit.target != Target.DECISION:
            self._rebuild(edit.table)
        return edit

    def _redo(self) -> Edit:
        """Redo the last edit undone and the rest of its group; the group's last edit is returned."""
        edit = self.undone.pop()
        self._push(edit)
        while edit.group and self.undone and self.undone[-1].group == edit.group:
            edit = self.undone.pop()
            self._push(edit)
        return edit

    def redo(self) -> Edit | None:
        if not self.undone:
            return None
        edit = self._redo()
        self._changed(edit, {"redo": True})
        return edit

    # -- persistence -------------------------------------------------------------------
    def to_json(self) -> dict:
        data = {"format": REVIEW_FORMAT, "version": REVIEW_VERSION,
                "document": {"name": self.document.name, "sha256": self.document.source.sha256},
                "saved_at": now(), "edits": [asdict(e) for e in self.edits], "position": list(self.position)}
        if self.set_aside:      # kept, so that a correction that no longer fits is never lost
            data["set_aside"] = [{"edit": e.get("edit", e) if isinstance(e, dict) else e, "reason": reason}
                                 for e, reason in self.set_aside]
        return data

    def save(self) -> Path:
        """Write the log. A review file that another program changed since this session read
        or wrote it is never overwritten: the edits stay here and the reviewer is told."""
        if _file_digest(self.path) != self._on_disk:
            raise UserError(_CHANGED_ON_DISK.format(path=self.path))
        text = json.dumps(self.to_json(), ensure_ascii=False, indent=1)
        atomic_write_text(self.path, text, protected=(self.document.source.path,))
        self._on_disk, self._on_disk_stat = _file_digest(self.path), _file_stat(self.path)
        try:
            self.journal_path.unlink(missing_ok=True)      # every step it held is in the file now
        except OSError as exc:
            raise UserError(f"{self.journal_path}: cannot be removed ({exc.strerror}); "
                            "the review file was saved, the journal would be replayed twice") from exc
        self.saved = True
        return self.path

    def leave_at(self, table: int, row: int, col: int) -> None:
        """Where the reviewer leaves the document, kept with the review (saved by the next
        save) so that reopening returns there."""
        if (table, row, col) != self.position:
            self.position = (table, row, col)
            self.saved = False

    def lock(self) -> None:
        """Hold the review file for this session: a second session on it is refused with a
        clear message (a lock left by a session that died is taken over)."""
        lock = self.path.with_name(self.path.name + ".lock")
        for _ in range(2):
            try:
                fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = _lock_holder(lock)
                if holder is not None:
                    raise UserError(f"{self.path}: another review session (process {holder}) has this review open; "
                                    "close it first, or pass --review-file to review a copy") from None
                lock.unlink(missing_ok=True)        # its session is gone
                continue
            except OSError as exc:
                raise UserError(f"{lock}: cannot be created ({exc.strerror}); pass --review-file PATH "
                                "to keep the review elsewhere") from exc
            with os.fdopen(fd, "w") as f:
                f.write(str(os.getpid()))
            self._lock = lock
            return

    def unlock(self) -> None:
        if self._lock is not None:
            self._lock.unlink(missing_ok=True)
            self._lock = None

    def check_writable(self) -> None:
        """Refuse (UserError) a review file that can never be written, before any edit is made."""
        probe = self.path.with_name(f".{self.path.name[:80]}.probe")
        try:
            check_destination(self.path, protected=(self.document.source.path,))
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise UserError(f"{self.path}: the review file cannot be written here ({exc.strerror}); "
                            "pass --review-file PATH to keep the review elsewhere") from exc
        except UserError as exc:
            raise UserError(f"{exc}; pass --review-file PATH to keep the review elsewhere") from exc

    @classmethod
    def open(cls, document: Document, path: str | Path | None = None, autosave: bool = False) -> Review:
        """The document's review, with the edits of its review file replayed when there is one.
        A review file of another document, or one that is not a review file, is refused and
        left as it is; an edit that no longer fits the extraction is set aside and reported."""
        review = cls(document, path, autosave)
        data = read_review_file(review.path)
        if data is None:
            return review
        p = review.path
        sha = data["document"].get("sha256")
        if sha != document.source.sha256:
            raise UserError(f"{p}: this review file was made for another document "
                            f"({data['document'].get('name')}, sha256 {str(sha)[:12]}…); "
                            "it was left untouched. Pass --review-file to choose another")
        for raw in data["edits"]:
            edit = _edit_from_json(raw)
            reason = review._misfit(edit) if isinstance(edit, Edit) else edit
            if isinstance(edit, Edit) and not reason:
                review._push(edit)
            else:
                review.set_aside.append((raw, reason))
        review.set_aside += [(e, str(e.get("reason", "set aside earlier"))) for e in data.get("set_aside", [])
                             if isinstance(e, dict)]     # kept from an earlier session, as they were
        position = data.get("position")
        if isinstance(position, list) and len(position) == 3 and all(type(x) is int and x >= 0 for x in position):
            review.position = (position[0], position[1], position[2])
        review._replay_journal()
        return review

    def _replay_journal(self) -> None:
        """The steps autosaved after the review file was last written (a session that ended
        without saving), replayed in order; the review is then unsaved until written whole."""
        steps = read_journal(self.journal_path, self._on_disk)
        for step in steps:
            if "undo" in step and self.edits:
                self._undo()
            elif "redo" in step and self.undone:
                self._redo()
            elif "apply" in step:
                edit = _edit_from_json(step["apply"])
                reason = self._misfit(edit) if isinstance(edit, Edit) else edit
                if isinstance(edit, Edit) and not reason:
                    self._push(edit)
                    self.undone.clear()
                else:
                    self.set_aside.append((step["apply"], reason))
        if steps:
            self.saved = False

    def _misfit(self, edit: Edit) -> str:
        """Why `edit` cannot be applied to the tables as they are now ("" when it fits): an
        address outside the table, or a cell or header that no longer says what the edit
        replaced (the extraction changed since)."""
        if edit.target == Target.DECISION:
            return "" if edit.new in DECISIONS else f"unknown decision {edit.new!r}"
        if not 0 <= edit.table < len(self.tables):
            return f"no table {edit.table + 1}"
        table = self.tables[edit.table]
        rows, width = len(table.rows), len(table.columns)
        if edit.target in (Target.CELL, Target.DELETE_ROW) and not 0 <= (edit.row or 0) < rows:
            return f"no row {(edit.row or 0) + 1} in table {edit.table + 1}"
        if edit.target == Target.INSERT_ROW and not 0 <= (edit.row or 0) <= rows:
            return f"no row {(edit.row or 0) + 1} in table {edit.table + 1}"
        if edit.target in (Target.CELL, Target.HEADER) and not 0 <= (edit.col or 0) < max(width, 1):
            return f"no column {(edit.col or 0) + 1} in table {edit.table + 1}"
        if edit.target == Target.CELL and table.cell(edit.row or 0, edit.col or 0).text != edit.old:
            return f"the cell now reads {table.cell(edit.row or 0, edit.col or 0).text!r}, not {edit.old!r}"
        if edit.target == Target.HEADER and table.columns[edit.col or 0] != edit.old:
            return f"the header now reads {table.columns[edit.col or 0]!r}, not {edit.old!r}"
        return ""


MAX_REVIEW_BYTES = 20 * 1024 * 1024
_CHANGED_ON_DISK = ("{path}: the review file was changed by another program since it was opened; "
                    "your edits are kept here — save them elsewhere with --review-file, or reopen")


def _file_stat(path: Path) -> tuple[int, int] | None:
    """(modification time, size) of a file, None when there is none: a change seen without reading it."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def read_journal(path: Path, base: str | None) -> list[dict]:
    """The steps of the journal at `path` (none when there is none), refused with a
    UserError, and left untouched, when it was begun over another version of the review file
    or is not a journal. A last line cut short (the machine stopped mid-write) is dropped."""
    if not path.is_file():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: the review journal cannot be read ({exc}); it was left untouched") from exc
    lines = text.split("\n")
    complete = lines[:-1]       # after the last newline: a line the writer did not finish
    if not complete:
        return []
    try:
        header, *steps = [json.loads(line) for line in complete]
    except (ValueError, RecursionError) as exc:
        raise UserError(f"{path}: the review journal is corrupt ({exc}); it was left untouched. "
                        "Move it away to open the review as last saved") from exc
    if not isinstance(header, dict) or header.get("format") != JOURNAL_FORMAT:
        raise UserError(f"{path}: not a budget-review journal; it was left untouched. Move it away to open the review")
    if header.get("base") != base:
        raise UserError(f"{path}: the journal continues another version of the review file; it was left "
                        "untouched. Move it away to open the review as last saved")
    return [s for s in steps if isinstance(s, dict)]


def _file_digest(path: Path) -> str | None:
    """The sha256 of a regular file, None when there is none."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    except OSError:
        return None


def _lock_holder(lock: Path) -> int | None:
    """The live process that holds `lock`, or None when the lock is stale."""
    try:
        pid = int(lock.read_text(encoding="utf-8").strip() or "0")
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid if pid > 0 else None


def read_review_file(p: Path) -> dict | None:
    """The parsed review file at `p` (None when there is none), its shape checked before
    anything is applied. Refused with a UserError, and left untouched, when it is not one."""
    if not p.exists() and not p.is_symlink():
        return None
    if p.is_symlink() or not p.is_file():
        raise UserError(f"{p}: the review file is not a regular file (a folder, link, pipe or device); "
                        "pass --review-file to use another")
    if p.stat().st_size > MAX_REVIEW_BYTES:
        raise UserError(f"{p}: the review file is over {MAX_REVIEW_BYTES // 2**20} MB; it was left untouched")
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise UserError(f"{p}: the review file is corrupt ({exc}); it was left untouched. "
                        "Move it away or pass --review-file to use another") from exc
    if not isinstance(data, dict) or data.get("format") != REVIEW_FORMAT:
        raise UserError(f"{p}: not a budget-review review file; it was left untouched")
    version = data.get("version")
    if type(version) is not int or version != REVIEW_VERSION:
        raise UserError(f"{p}: review file version {version!r} is not supported "
                        f"(this tool reads version {REVIEW_VERSION}); it was left untouched")
    if not isinstance(data.get("document"), dict) or not isinstance(data.get("edits", []), list) \
            or not isinstance(data.get("set_aside", []), list):
        raise UserError(f"{p}: the review file's document or edits are malformed; it was left untouched")
    data.setdefault("edits", [])
    return data


def _is_text(value: object, row: bool) -> bool:
    if row:
        return value is None or (isinstance(value, list) and all(isinstance(x, str) for x in value))
    return value is None or isinstance(value, str)


def _edit_from_json(raw: object) -> Edit | str:
    """An Edit from its JSON form, or the reason it is not one."""
    if not isinstance(raw, dict):
        return "not an edit object"
    fields = {"target", "table", "row", "col", "old", "new", "time", "key", "note", "group"}
    if set(raw) - fields or raw.get("target") not in _APPLY:
        return "unknown edit fields or target"
    for name in ("table", "row", "col"):
        value = raw.get(name)
        if name == "table" and value is None:
            return "no table index"
        if value is not None and (type(value) is not int or not (-1 if name == "table" else 0) <= value < 10**6):
            return f"{name} {value!r} is not an index"
    target = Target(raw["target"])
    row_edit = target in ROW_TARGETS
    if not (_is_text(raw.get("old"), row_edit) and _is_text(raw.get("new"), row_edit)) \
            or not all(isinstance(raw.get(name, ""), str) for name in ("time", "key", "note", "group")):
        return "values of the wrong type"
    missing = [name for name in _ADDRESS.get(target, ()) if raw.get(name) is None]
    if missing:
        return f"a {target} edit needs its {' and '.join(missing)}"
    if target not in (*ROW_TARGETS, Target.DECISION) and not isinstance(raw.get("new"), str):
        return f"a {target} edit needs a new text"
    return Edit(**{**raw, "target": target})


_ADDRESS = {Target.CELL: ("row", "col"), Target.HEADER: ("col",), Target.INSERT_ROW: ("row",), Target.DELETE_ROW: ("row",)}
