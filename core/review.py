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
from pathlib import Path

from .atomic import atomic_write_text, check_destination
from .catalog import TableKind
from .clock import now
from .columns import Column
from .edits import (
    DECISIONS,
    TABLE_FIELDS,
    CellEdit,
    Decision,
    Edit,
    FactEdit,
    HeaderEdit,
    RowDelete,
    RowInsert,
    TableFieldEdit,
    Target,
    edit_from_json,
)
from .errors import UserError
from .jsontext import readable_json
from .model import Document, Table

REVIEW_FORMAT = "budget-review.review"
REVIEW_VERSION = 1
JOURNAL_FORMAT = "budget-review.journal"
REVIEWED = "reviewed"       # a table's status once the reviewer has checked it
TABLE_KINDS = tuple(TableKind)     # what a table's kind may be set to


def default_review_path(document_path: str | Path) -> Path:
    p = Path(document_path)
    return p.with_name(p.name + ".review.json")


def _copy_table(table: Table) -> Table:
    t = copy.copy(table)
    t.columns = list(table.columns)
    t.rows = [list(r) for r in table.rows]
    t.facts = dict(table.facts)
    t.grids = list(table.grids)
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
                e.apply_to(table)
        self.tables[index] = table

    def _push(self, edit: Edit) -> None:
        """Apply `edit` to a copy of its table and append it to the log."""
        if not isinstance(edit, Decision):
            table = _copy_table(self.tables[edit.table])
            edit.apply_to(table)
            self.tables[edit.table] = table
        self.edits.append(edit)

    @property
    def decisions(self) -> dict[str, tuple[str, str]]:
        """finding id → (decision, note), the latest decision of each finding in the log."""
        out: dict[str, tuple[str, str]] = {}
        for e in self.edits:
            if isinstance(e, Decision):
                if e.new == "open":
                    out.pop(e.key, None)
                else:
                    out[e.key] = (e.new, e.note)
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
        if not isinstance(edit, Decision) and not 0 <= edit.table < len(self.tables):
            raise UserError(f"no table {edit.table + 1}")
        edit = edit.stamped(now())
        self._push(edit)
        self.undone.clear()
        self._changed(edit, {"apply": edit.to_json()})
        return edit

    def set_cell(self, table: int, row: int, col: int, text: str) -> Edit | None:
        old = self.tables[table].cell(row, col).text
        if old == text:
            return None
        return self.apply(CellEdit(table=table, row=row, col=col, old=old, new=text))

    def set_header(self, table: int, col: int, text: str) -> Edit | None:
        """A column's header path. Where only a group's name changes (`收入/预算数` →
        `本年收入/预算数`), every column under that group is renamed: one step to undo."""
        columns = self.tables[table].columns
        old = columns[col]
        if old.text == text:
            return None
        olds, news = old.path, Column.parse(text).path
        changed = [i for i, (a, b) in enumerate(zip(olds, news)) if a != b]
        if len(olds) != len(news) or len(changed) != 1 or changed[0] == len(olds) - 1:
            return self.apply(HeaderEdit(table=table, col=col, old=old.text, new=text))
        level = changed[0]
        group = f"group {now()} {len(self.edits)}"
        edit = None
        for j, column in enumerate(list(columns)):
            if column.path[:level + 1] == olds[:level + 1]:
                renamed = column.path[:level] + (news[level],) + column.path[level + 1:]
                edit = self.apply(HeaderEdit(table=table, col=j, old=column.text,
                                             new=Column.of(renamed).text, group=group))
        return edit

    def set_field(self, table: int, target: Target, text: str) -> Edit | None:
        """A table's title, kind, unit or review status."""
        if target not in TABLE_FIELDS:
            raise ValueError(f"{target} is no field of a table")
        if target == Target.KIND and text not in TABLE_KINDS:
            raise UserError(f"unknown table kind {text!r}; choose one of the catalogue's: {', '.join(TABLE_KINDS)}")
        old = getattr(self.tables[table], target)
        return None if old == text else self.apply(TableFieldEdit(table=table, field=target, old=old, new=text))

    def place_of(self, edit: Edit) -> str:
        """What an edit changed, named as the reviewer sees it: `基本支出 of 2080505`, `the
        title of 收支总表`, `finding sum-…` — never indices alone."""
        if isinstance(edit, Decision):
            return f"finding {edit.key}"
        if not 0 <= edit.table < len(self.tables):
            return f"table {edit.table + 1}"
        return edit.place_in(self.tables[edit.table])

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
        self.apply(CellEdit(table=table, row=row, col=other, old=there, new=here, group=group))
        return self.apply(CellEdit(table=table, row=row, col=col, old=here, new=there, group=group))

    def set_fact(self, table: int, key: str, text: str) -> Edit | None:
        old = self.tables[table].all_facts().get(key, "")
        return None if old == text else self.apply(FactEdit(table=table, key=key, old=old, new=text))

    def insert_row(self, table: int, at: int) -> Edit:
        width = len(self.tables[table].columns)
        return self.apply(RowInsert(table=table, row=at, new=("",) * width))

    def delete_row(self, table: int, row: int) -> Edit:
        old = tuple(c.text for c in self.tables[table].rows[row])
        return self.apply(RowDelete(table=table, row=row, old=old))

    def decide(self, finding_id: str, decision: str, note: str = "") -> Edit | None:
        """Settle a finding: `confirmed`, `dismissed`, `explained` (with a note), or back to
        `open`. Undoable like every edit, and saved with them."""
        if decision not in DECISIONS:
            raise UserError(f"unknown decision {decision!r}; choose one of {', '.join(DECISIONS)}")
        old, old_note = self.decisions.get(finding_id, ("open", ""))
        if (old, old_note) == (decision, note):
            return None
        return self.apply(Decision(key=finding_id, old=old, new=decision, note=note))

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
        if not isinstance(edit, Decision):
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
                "saved_at": now(), "edits": [e.to_json() for e in self.edits], "position": list(self.position)}
        if self.set_aside:      # kept, so that a correction that no longer fits is never lost
            data["set_aside"] = [{"edit": e.get("edit", e) if isinstance(e, dict) else e, "reason": reason}
                                 for e, reason in self.set_aside]
        return data

    def save(self) -> Path:
        """Write the log. A review file that another program changed since this session read
        or wrote it is never overwritten: the edits stay here and the reviewer is told."""
        if _file_digest(self.path) != self._on_disk:
            raise UserError(_CHANGED_ON_DISK.format(path=self.path))
        text = readable_json(self.to_json())
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
            edit = edit_from_json(raw)
            reason = edit.misfit(review.tables) if isinstance(edit, Edit) else edit
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
                edit = edit_from_json(step["apply"])
                reason = edit.misfit(self.tables) if isinstance(edit, Edit) else edit
                if isinstance(edit, Edit) and not reason:
                    self._push(edit)
                    self.undone.clear()
                else:
                    self.set_aside.append((step["apply"], reason))
        if steps:
            self.saved = False


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
