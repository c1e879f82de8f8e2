"""JSON as the tool writes it for people to read: containers laid out an item per line down to
a depth, each item below it on one line (a table's row, a finding's figures).

`json.dumps(indent=…)` runs the standard library's pure-Python encoder, ten times slower than
its C one: the JSON of the largest sample took 16 ms of an `extract` of 0.2 s. Here every line
is written by the C encoder.
"""
from __future__ import annotations

import json
from typing import Any

_ONE_LINE = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
INLINE_DEPTH = 4        # the top object, the list of tables, a table, its rows: a row is one line


def readable_json(value: Any, inline_depth: int = INLINE_DEPTH) -> str:
    """`value` as JSON: an item per line (indented one space a level) for containers less than
    `inline_depth` levels deep, each deeper one on its line."""
    parts: list[str] = []

    def put(item: Any, depth: int) -> None:
        if depth >= inline_depth or not item or not isinstance(item, (dict, list, tuple)):
            parts.append(_ONE_LINE(item))
            return
        pad = "\n" + " " * (depth + 1)
        if isinstance(item, dict):
            parts.append("{")
            for n, (key, inner) in enumerate(item.items()):
                parts.append(("," if n else "") + pad + _ONE_LINE(str(key)) + ": ")
                put(inner, depth + 1)
            parts.append("\n" + " " * depth + "}")
        elif depth + 1 >= inline_depth:        # a list of lines: each item on its own
            parts.append("[" + pad + ("," + pad).join(map(_ONE_LINE, item)) + "\n" + " " * depth + "]")
        else:
            parts.append("[")
            for n, inner in enumerate(item):
                parts.append(("," if n else "") + pad)
                put(inner, depth + 1)
            parts.append("\n" + " " * depth + "]")
    put(value, 0)
    return "".join(parts)
