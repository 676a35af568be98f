"""Digest files -> text -> :class:`Digest`: the limits and decoding that come before any reading.

Kept apart from the reading itself so that a bad file (missing, too large, not UTF-8) is a
:class:`DigestError` with a line, while anything wrong inside a readable file is a Problem.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from ..model import Digest, DigestError
from .document import parse_digest

__all__ = ["DEFAULT_MAX_BYTES", "decode_digest", "load_digest"]


def decode_digest(data: bytes) -> str:
    """UTF-8 text of a digest (a BOM is allowed); :class:`DigestError` names the line of a bad byte."""
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, bom + error.start) + 1
        raise DigestError(f"not valid UTF-8 (line {line}: {error.reason})", line) from None


#: Digests larger than this are refused by default (``arxivdigest_max_bytes`` in Sphinx).
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def load_digest(path: str | os.PathLike[str], *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Digest:
    """Read and parse a digest file.

    :class:`DigestError` when it is missing, not a regular file (a directory or FIFO would hang or
    fail later), larger than ``max_bytes`` (``None``: no limit), unreadable, or not UTF-8.
    """
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        broken = " (a broken symbolic link)" if path.is_symlink() else ""
        raise DigestError(f"digest file not found: {path}{broken}", 0) from None
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the path
        raise DigestError(f"cannot read digest {path!r}: {getattr(error, 'strerror', None) or error}", 0) from None
    if stat.S_ISDIR(info.st_mode):
        raise DigestError(f"digest path is a directory: {path}", 0)
    if not stat.S_ISREG(info.st_mode):
        raise DigestError(f"digest path is not a regular file (a FIFO, socket or device): {path}", 0)
    if max_bytes is not None and info.st_size > max_bytes:
        raise DigestError(f"digest {path} is {info.st_size:,} bytes, over the limit of {max_bytes:,} bytes", 0)
    try:
        with path.open("rb") as handle:
            data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    except OSError as error:
        raise DigestError(f"cannot read digest {path}: {error.strerror or error}", 0) from None
    if max_bytes is not None and len(data) > max_bytes:  # grew while we looked
        raise DigestError(f"digest {path} is over the limit of {max_bytes:,} bytes", 0)
    return parse_digest(decode_digest(data), source=str(path))
