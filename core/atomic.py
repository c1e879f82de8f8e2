"""Write files so that a failure never leaves half a file: temp file, fsync, rename."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from .errors import UserError


def check_destination(path: str | Path) -> Path:
    p = Path(path)
    parent = p.parent if str(p.parent) else Path(".")
    if parent.exists() and not parent.is_dir():
        raise UserError(f"{p}: {parent} is a file, not a folder; choose another output path")
    if not parent.exists():
        raise UserError(f"{p}: the folder {parent} does not exist; create it or choose another path")
    if p.is_dir():
        raise UserError(f"{p}: is a folder; give a file name")
    return p


def atomic_write(path: str | Path, write: Callable[[str], None]) -> Path:
    """Call `write(tmp_path)` and move the result over `path` only when it succeeded."""
    p = check_destination(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    os.close(fd)
    try:
        write(tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, p)
    except PermissionError as exc:
        raise UserError(f"{p}: cannot be written ({exc.strerror}); choose another path") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return p


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    def write(tmp: str) -> None:
        with open(tmp, "w", encoding=encoding, newline="") as f:
            f.write(text)
    return atomic_write(path, write)
