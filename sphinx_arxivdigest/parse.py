"""Digest text -> :class:`Digest`: finds the digest's title and date, then lets each reader look.

The format is detected from the content: pipe tables and raw HTML tables first (most bots write
those); when a digest has neither, one heading per paper. Nothing here raises on bad content: what
cannot be understood becomes a :class:`Problem` with its line number.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from . import blocks
from .columns import parse_date
from .heading_entries import read_heading_entries
from .html_tables import read_html_tables
from .model import Digest, DigestError, Problem
from .pipe_tables import read_pipe_tables

__all__ = ["DEFAULT_MAX_BYTES", "decode_digest", "load_digest", "parse_digest"]


def parse_digest(text: str, source: str | None = None) -> Digest:
    """Parse digest markdown. ``source`` is only recorded (for messages and exports)."""
    lines = blocks.normalise_lines(text)
    start, front = blocks.front_matter_end(lines)
    tables = read_pipe_tables(lines, start, None)
    mask = blocks.fence_mask(lines, tables.consumed)
    headings = blocks.scan_headings(lines, start, mask)
    title = front.get("title") or next((h.text for h in headings if h.level == 1), None)
    date = parse_date(front.get("date", "")) or (parse_date(title) if title else None)
    for paper in tables.papers:
        paper.topic = blocks.topic_at(headings, paper.line - 1)
        paper.date = paper.date or date

    digest = Digest(title=title, date=date, source=source)
    found = False
    for result in (tables, read_html_tables(lines, start, headings, mask, date)):
        digest.papers += result.papers
        digest.problems += result.problems
        found = found or result.found
    if not found:
        result = read_heading_entries(lines, start, headings, mask, date)
        digest.papers += result.papers
        digest.problems += result.problems
        found = result.found
        if found and digest.title and digest.title in {p.title for p in result.papers}:
            digest.title = front.get("title")  # the first H1 was a paper, not the digest's title
    if not found:
        digest.problems.append(Problem(start + 1, "no paper table or paper entries found in this digest"))
    digest.papers.sort(key=lambda p: p.line)
    digest.problems.sort(key=lambda p: p.line)
    return digest


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
