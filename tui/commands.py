"""Command palette provider: every action of the review screen, and every table of the
document to go to, searchable by name."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from . import strings


class ReviewCommands(Provider):
    def _commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        screen = self.screen
        for binding in getattr(screen, "BINDINGS", []):
            if binding.description:
                yield binding.description, partial(screen.run_action, binding.action), f"key: {binding.key}"
        session = getattr(screen, "session", None)
        if session is not None and hasattr(screen, "show_table"):
            total = len(session.tables)
            for i, table in enumerate(session.tables):
                # tables of one title are told apart by their place and their first row
                first = next((c.text for row in table.rows[:1] for c in row if c.text), "")
                yield (strings.GO_TO_TABLE.format(n=i + 1, total=total, title=table.title),
                       partial(screen.show_table, i), strings.FIRST_ROW.format(text=first) if first else "")

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
