"""The outline of the document: every table, flat under its part, with its position, its
open errors, a mark where its reading is doubted and one once it is reviewed; choosing a part
shows its text in the source."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from core.model import Document, Node

from .. import strings


@dataclass(frozen=True)
class PartStart:
    """An outline node of a part: the source line where it begins."""

    line: int


class DocumentOutline(Tree):
    class TableChosen(Message):
        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    class PartChosen(Message):
        def __init__(self, line: int) -> None:
            self.line = line
            super().__init__()

    def __init__(self, document: Document, **kwargs: Any) -> None:
        super().__init__(document.info.agency or document.name, **kwargs)
        self.document = document
        self.table_nodes: dict[int, TreeNode] = {}
        self.show_root = False
        self._shown_counts: tuple[dict[int, int], set[int]] | None = None     # the labels' open errors and marks

    def on_mount(self) -> None:
        self.build({}, set())

    def build(self, counts: dict[int, int], reviewed: set[int]) -> None:
        """Every table of the document, flat under its part, in document order: a table
        nested in a subsection or a glossary item is listed like any other."""
        self.clear()
        self.table_nodes = {}
        self._shown_counts = None
        total = len(self.document.tables)

        def tables_in(node: Node) -> list[Node]:
            return [n for n in node.walk() if n.kind == "table" and n.table_index is not None]

        for child in self.document.root.children:
            tables = tables_in(child)
            if not tables:
                continue
            # under its part; a table outside every part (a document printing no 第一部分 …, its
            # tables under its sections) at the top, in document order
            parent = self.root.add(Text(self._short(child.text)), data=PartStart(child.first_line), expand=True) \
                if child.kind == "part" else self.root
            for table in tables:
                index = table.table_index or 0      # tables_in keeps tables with an index only
                self.table_nodes[index] = parent.add_leaf(self._label(table, counts, reviewed, total), data=index)
        self.root.expand()

    @staticmethod
    def _short(text: str) -> str:
        return text if len(text) <= 24 else text[:23] + "…"

    def _label(self, node: Node, counts: dict[int, int], reviewed: set[int], total: int) -> Text:
        label = Text(f"{(node.table_index or 0) + 1}/{total} ", style="dim")
        if node.table_index in reviewed:
            label.append("✓ ", style="bold green")
        if node.table_index is not None and self.document.tables[node.table_index].doubt:
            label.append(f"{strings.DOUBTED_MARK} ", style="bold yellow")      # before the title: a long one is cut
        label.append(self._short(node.text), style="bold cyan")
        n = counts.get(node.table_index, 0) if node.table_index is not None else 0
        if n:
            label.append(f" ({n})", style="red")
        return label

    def update_counts(self, counts: dict[int, int], reviewed: set[int]) -> None:
        if (counts, reviewed) == self._shown_counts:
            return          # a table switch changes neither
        self._shown_counts = (dict(counts), set(reviewed))
        nodes = {n.table_index: n for n in self.document.root.walk() if n.table_index is not None}
        for index, item in self.table_nodes.items():
            item.set_label(self._label(nodes[index], counts, reviewed, len(self.document.tables)))

    def select_table(self, index: int) -> None:
        item = self.table_nodes.get(index)
        if item is not None:
            self.move_cursor(item)

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        data = event.node.data
        if isinstance(data, int):
            event.stop()
            self.post_message(self.TableChosen(data))
        elif isinstance(data, PartStart):       # the part's text: the source pane goes to it
            event.stop()
            self.post_message(self.PartChosen(data.line))
