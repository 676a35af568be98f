"""What the archive's index and topic pages need of each digest, kept between builds.

``builder-inited`` writes the index and topic pages of every archive before Sphinx reads anything,
so it needs every digest's date, title, paper ids, titles and topics. Parsing a year of digests for
that on every build would cost a full parse pass; instead each digest's :class:`Summary` is kept in
a pickle in the doctree directory, keyed by the digest's path and its ``(mtime_ns, size, max_bytes)``
stamp. A build where nothing changed parses nothing here; adding one digest parses that one. A
cache that cannot be read (corrupt, or made by another version of the package) is ignored and
rebuilt.

An archive of 1,000 digests holds 100,000 papers, and every build loads the cache (and a build that adds a
digest saves it). Pickling one object per paper made that cost seconds, so the file holds plain
data only: per digest, its stamp, date, newest date, title and three parallel tuples of paper ids,
titles and topics (strings and tuples, which :mod:`pickle` reads and writes in C). A :class:`Brief`
is a named tuple, cheap to rebuild from them.
"""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from ..markdown import inline_plain
from ..model import Digest, Paper
from ..version import __version__
from .config import settings
from .store import Refused, open_digest

__all__ = ["CACHE_NAME", "Brief", "Summary", "SummaryCache", "summarise"]

CACHE_NAME = "arxivdigest-archive.pickle"
#: The cache's format and the package version whose reader made the summaries: another version
#: may read digests differently, so its cache is not used.
_VERSION = (3, __version__)
Stamp = tuple[int, int, "int | None"]
#: How the file holds one digest: ``(stamp, date, newest, title, ids, titles, topics)``.
Row = tuple[Stamp, str, str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]


class Brief(NamedTuple):
    """One paper as the index and topic pages show it (a tuple: 100,000 of them are rebuilt from the
    cache in milliseconds, where a dataclass's ``__init__`` or ``__setstate__`` took a second)."""

    arxiv_id: str
    title: str
    topic: str


@dataclass(frozen=True, slots=True)
class Summary:
    """One digest as the archive's index and topic pages need it: its own date (ISO, or ``""``), the
    newest date of its papers (for a digest without one), its title and its papers."""

    date: str
    newest: str
    title: str
    papers: tuple[Brief, ...]


EMPTY = Summary("", "", "", ())


def summarise(digest: Digest | Refused) -> Summary:
    """The digest as its index and topic pages show it: titles as plain text (a digest's ``**bold**``
    or ``[link](...)`` marks are read, not shown), once per digest file rather than on every build."""
    if isinstance(digest, Refused):
        return EMPTY
    date = digest.date.isoformat() if digest.date else ""
    dates = [p.date for p in digest.papers if p.date]
    newest = max(dates).isoformat() if dates else ""
    return Summary(date, newest, inline_plain(digest.title or ""), tuple(_brief(p) for p in digest.papers))


def _brief(paper: Paper) -> Brief:
    return Brief(paper.arxiv_id, inline_plain(paper.title), paper.topic or "")


def _stamp(path: str, max_bytes: int | None) -> Stamp | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size, max_bytes)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while the cache is read: the 100,000 tuples made then all
    survive, so the collections they trigger walk the heap for nothing (they more than doubled
    the load time), and tuples of strings make no cycles to collect."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _row(stamp: Stamp, summary: Summary) -> Row:
    """``summary`` as plain data for the file."""
    columns = tuple(zip(*summary.papers, strict=True)) or ((), (), ())
    ids, titles, topics = columns
    return (stamp, summary.date, summary.newest, summary.title, ids, titles, topics)


def _entry(row: Row) -> tuple[Stamp, Summary]:
    """A row of the file back as ``(stamp, summary)``; raises on a malformed row."""
    stamp, date, newest, title, ids, titles, topics = row
    papers = tuple(map(Brief._make, zip(ids, titles, topics, strict=True)))
    return stamp, Summary(date, newest, title, papers)


class SummaryCache:
    """Digest path -> (stamp, :class:`Summary`), loaded from and saved to one pickle file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, tuple[Stamp, Summary]] = {}
        self.used: set[str] = set()
        #: Each digest's stamp when :meth:`get` last looked (None: it could not be read).
        self.stamps: dict[str, Stamp | None] = {}
        self.changed = False
        try:
            with path.open("rb") as handle, _collector_paused():
                data = pickle.load(handle)
                if isinstance(data, tuple) and len(data) == 2 and data[0] == _VERSION and isinstance(data[1], dict):
                    self.entries = {name: _entry(row) for name, row in data[1].items()}
        except Exception:  # a cache that cannot be read (corrupt, another version) is no cache
            self.entries = {}

    def get(self, env: Any, path: str) -> Summary:
        """The summary of the digest at ``path``, parsed only when its stamp changed."""
        self.used.add(path)
        stamp = self.stamps[path] = _stamp(path, settings(env.config).max_bytes)
        hit = self.entries.get(path)
        if stamp is not None and hit is not None and hit[0] == stamp and isinstance(hit[1], Summary):
            return hit[1]
        summary = summarise(open_digest(env, path))
        if stamp is not None:
            self.entries[path] = (stamp, summary)
            self.changed = True
        return summary

    def save(self) -> None:
        """Write the cache (without digests no archive uses any more) if anything changed."""
        stale = set(self.entries) - self.used
        for path in stale:
            del self.entries[path]
        if not (self.changed or stale):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            with temporary.open("wb") as handle:
                rows = {path: _row(*entry) for path, entry in self.entries.items()}
                pickle.dump((_VERSION, rows), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
        except OSError:
            pass  # no cache next time: a slower build, not a broken one
        self.changed = False
