"""User configuration: key remapping read from a JSON file.

The file maps binding ids to keys, e.g. `{"keymap": {"budget-review.next_table": "ctrl+n"}}`.
Its path is $BUDGET_REVIEW_CONFIG or ~/.config/budget-review/config.json.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class UiSettings:
    """What the screens need of the app's configuration, handed to each screen."""

    keymap: dict[str, str] = field(default_factory=dict)    # binding id → key, from the config file
    cursor_blink: bool = True                                # off in tests and snapshots


def config_path() -> Path:
    env = os.environ.get("BUDGET_REVIEW_CONFIG")
    if env:
        return Path(env)
    return Path.home() / ".config" / "budget-review" / "config.json"


def load_keymap(path: Path | None = None) -> tuple[dict[str, str], str]:
    """The keymap of the config file and a warning ("" when none). A missing file is no
    keymap; a broken one is ignored with a warning rather than stopping the review."""
    p = path or config_path()
    if not p.exists():
        return {}, ""
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        keymap = data.get("keymap", {})
        if not isinstance(keymap, dict) or not all(isinstance(v, str) for v in keymap.values()):
            raise ValueError("keymap must map binding ids to key strings")
        return keymap, ""
    except (OSError, ValueError) as exc:
        return {}, f"{p}: ignored ({exc})"
