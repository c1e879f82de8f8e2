"""The outline of the document: parts, sections and tables with their finding counts."""
from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import Tree

from core.model import Document, Node

SHOWN = ("part", "section", "table", "toc")


class DocumentOutline(Tree):
    class TableChosen(Message):
        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    def __init__(self, document: Document, **kwargs):
        super().__init__(document.info.agency or document.name, **kwargs)
        self.document = document
        self.table_nodes = {}
        self.show_root = False

    def on_mount(self) -> None:
        self.build({})

    def build(self, counts: dict[int, int]) -> None:
        self.clear()
        self.table_nodes = {}

        def add(parent, node: Node) -> None:
            for child in node.children:
                if child.kind not in SHOWN:
                    continue
                label = self._label(child, counts)
                if child.kind == "table" or child.kind == "toc" or not any(
                        c.kind in SHOWN for c in child.children):
                    item = parent.add_leaf(label, data=child.table_index)
                else:
                    item = parent.add(label, data=None, expand=True)
                    add(item, child)
                if child.table_index is not None:
                    self.table_nodes[child.table_index] = item

        add(self.root, self.document.root)
        self.root.expand()

    def _label(self, node: Node, counts: dict[int, int]) -> Text:
        text = node.text if len(node.text) <= 24 else node.text[:23] + "…"
        label = Text(text, style="bold cyan" if node.kind == "table" else "")
        n = counts.get(node.table_index, 0) if node.table_index is not None else 0
        if n:
            label.append(f" ({n})", style="red")
        return label

    def update_counts(self, counts: dict[int, int]) -> None:
        for index, item in self.table_nodes.items():
            node = next(n for n in self.document.root.walk() if n.table_index == index)
            item.set_label(self._label(node, counts))

    def select_table(self, index: int) -> None:
        item = self.table_nodes.get(index)
        if item is not None:
            self.move_cursor(item)

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        if event.node.data is not None:
            event.stop()
            self.post_message(self.TableChosen(event.node.data))
