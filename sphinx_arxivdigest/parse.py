"""Digest text -> :class:`Digest`: finds the digest's title and date, then lets each reader look.

The format is detected from the content: pipe tables and raw HTML tables first (most bots write
those); when a digest has neither, one heading per paper. Nothing here raises on bad content: what
cannot be understood becomes a :class:`Problem` with its line number.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import blocks
from .columns import parse_date
from .heading_entries import read_heading_entries
from .html_tables import read_html_tables
from .model import Digest, DigestError, Problem
from .pipe_tables import read_pipe_tables

__all__ = ["decode_digest", "load_digest", "parse_digest"]


def parse_digest(text: str, source: str | None = None) -> Digest:
    """Parse digest markdown. ``source`` is only recorded (for messages and exports)."""
    lines = blocks.normalise_lines(text)
    start, front = blocks.front_matter_end(lines)
    mask = blocks.fence_mask(lines)
    headings = blocks.scan_headings(lines, start, mask)
    title = front.get("title") or next((h.text for h in headings if h.level == 1), None)
    date = parse_date(front.get("date", "")) or (parse_date(title) if title else None)

    digest = Digest(title=title, date=date, source=source)
    found = False
    for result in (
        read_pipe_tables(lines, start, headings, mask, date),
        read_html_tables(lines, start, headings, date),
    ):
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
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DigestError(f"not valid UTF-8 (line {line}: {error.reason})", line) from None


def load_digest(path: str | os.PathLike[str]) -> Digest:
    """Read and parse a digest file; :class:`DigestError` when it cannot be read as UTF-8 text."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DigestError(f"digest file not found: {path}", 0) from None
    except IsADirectoryError:
        raise DigestError(f"digest path is a directory: {path}", 0) from None
    except OSError as error:
        raise DigestError(f"cannot read digest {path}: {error.strerror or error}", 0) from None
    return parse_digest(decode_digest(data), source=str(path))
