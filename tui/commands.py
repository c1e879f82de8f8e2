"""Command palette provider: every action of the review screen, searchable by name."""
from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class ReviewCommands(Provider):
    def _commands(self):
        screen = self.screen
        for binding in getattr(screen, "BINDINGS", []):
            if binding.description:
                yield binding.description, partial(screen.run_action, binding.action), binding.key

    async def discover(self) -> Hits:
        for name, callback, key in self._commands():
            yield DiscoveryHit(name, callback, help=f"key: {key}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, key in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=f"key: {key}")
