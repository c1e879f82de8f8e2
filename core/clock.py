"""The one clock: times written into review logs and exports, UTC to the second."""
from __future__ import annotations

from datetime import UTC, datetime


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
