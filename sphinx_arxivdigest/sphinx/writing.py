"""Files the build writes itself (exports, the stylesheet, generated archive pages), written only when
their bytes change: an unchanged file keeps its mtime, so Sphinx does not re-read a generated page
and deploy tools do not upload an export again."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["write_if_changed"]


def write_if_changed(path: Path, data: bytes | str) -> bool:
    """Write ``data`` (text is UTF-8) unless ``path`` already holds it; True when it was written.
    Line ends become ``os.linesep``, as ``Path.write_text`` does; missing folders are made."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if os.linesep != "\n":
        raw = raw.replace(b"\n", os.linesep.encode("ascii"))
    try:
        if path.stat().st_size == len(raw) and path.read_bytes() == raw:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return True
