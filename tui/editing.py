"""What the review screen's editor is editing: one small frozen class per target, each
committing its value through the session (so every edit is a core operation, undoable)."""
from __future__ import annotations

from dataclasses import dataclass

from core.session import ReviewSession, Target


@dataclass(frozen=True)
class CellTarget:
    row: int
    col: int

    def commit(self, session: ReviewSession, table: int, value: str) -> None:
        session.set_cell(table, self.row, self.col, value)


@dataclass(frozen=True)
class HeaderTarget:
    col: int

    def commit(self, session: ReviewSession, table: int, value: str) -> None:
        session.set_header(table, self.col, value)


@dataclass(frozen=True)
class TableFieldTarget:
    name: Target       # title or unit (the kind is chosen from the catalogue's)

    def commit(self, session: ReviewSession, table: int, value: str) -> None:
        session.set_table_field(table, self.name, value)


@dataclass(frozen=True)
class NoteTarget:
    finding_id: str

    def commit(self, session: ReviewSession, table: int, value: str) -> None:
        """A note explains the finding; an empty one reopens it."""
        session.decide(self.finding_id, "explained" if value.strip() else "open", value.strip())


@dataclass(frozen=True)
class SearchTarget:
    """The editor holds a search, not a value: committing it finds, and changes nothing."""

    def commit(self, session: ReviewSession, table: int, value: str) -> None:
        """A search changes nothing (the screen moves to what `ReviewSession.find` finds)."""


EditTarget = CellTarget | HeaderTarget | TableFieldTarget | NoteTarget | SearchTarget
