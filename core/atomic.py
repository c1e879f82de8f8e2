"""Write files so that a failure never leaves half a file: temp file, fsync, rename, fsync
of the folder. A file that is replaced keeps its mode; a new one follows the umask."""
from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import UserError


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def check_destination(path: str | Path, protected: Iterable[str | Path] = ()) -> Path:
    """`path` as an output file, refused (UserError) when writing there could destroy
    something: a protected file (the document, its review file), a folder, or anything that
    is not a regular file (a symlink, FIFO or device is never replaced by a file)."""
    p = Path(path)
    parent = p.parent if str(p.parent) else Path(".")
    for kept in protected:
        if _same_file(p, Path(kept)):
            raise UserError(f"{p}: is the document or its review file; choose another output path")
    try:
        if parent.exists() and not parent.is_dir():
            raise UserError(f"{p}: {parent} is a file, not a folder; choose another output path")
        if not parent.exists():
            raise UserError(f"{p}: the folder {parent} does not exist; create it or choose another path")
        if p.is_dir():
            raise UserError(f"{p}: is a folder; give a file name")
        if p.is_symlink() or (p.exists() and not stat.S_ISREG(p.stat().st_mode)):
            raise UserError(f"{p}: is not a regular file (a link, pipe or device); choose another path")
    except OSError as exc:
        raise UserError(f"{p}: cannot be checked ({exc.strerror}); choose another path") from exc
    return p


def _mode_for(p: Path) -> int:
    """The mode the written file gets: the replaced file's, else 0666 less the umask."""
    try:
        return stat.S_IMODE(p.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return      # a folder that cannot be opened for reading: the rename stands unsynced
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: str | Path, write: Callable[[str], object],
                 protected: Iterable[str | Path] = ()) -> Path:
    """Call `write(tmp_path)` and move the result over `path` only when it succeeded. Any
    failure (permission, disk full, I/O error) is one UserError and leaves `path` as it was."""
    p = check_destination(path, protected)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name[:80]}.", suffix=".tmp", dir=p.parent)
        os.close(fd)
        write(tmp)
        os.chmod(tmp, _mode_for(p))
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, p)
        tmp = None
        _fsync_folder(p.parent)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UserError(f"{p}: cannot be written ({reason}); nothing was changed there") from exc
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
    return p


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8",
                      protected: Iterable[str | Path] = ()) -> Path:
    def write(tmp: str) -> None:
        with open(tmp, "w", encoding=encoding, newline="") as f:
            f.write(text)
    return atomic_write(path, write, protected)
