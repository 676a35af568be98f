"""The one owner of "digest path -> :class:`~sphinx_arxivdigest.model.Digest`" in a Sphinx build.

Every consumer — the ``arxiv-digest`` directive, ``arxiv-paper``, ``arxiv-index``, the exports —
asks here, so the user's limits (``arxivdigest_max_bytes``, the outside-srcdir rule) apply to all
of them alike and each digest is parsed once per process, however many pages and lookups use it.

The cache is keyed by path, modification time, size and limit, so an edited digest is read again;
it is bounded so that an archive of thousands of digests does not keep every parsed paper in memory
for the whole build (a digest pushed out is parsed again if it is asked for again).
"""

from __future__ import annotations

import glob
import os
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

from sphinx.environment import BuildEnvironment

from ..model import Digest, DigestError, Paper
from ..reading import load_digest
from .config import settings
from .domain import PaperEntry

__all__ = ["Refused", "clear_cache", "find_digests", "full_papers", "open_digest", "parse_count"]

_MAX_ENTRIES = 256
_GLOB_CHARS = frozenset("*?[")
_cache: OrderedDict[str, tuple[tuple[int, int, int | None], Digest | DigestError]] = OrderedDict()
_parses = 0


@dataclass(frozen=True, slots=True)
class Refused:
    """Why a digest gave no papers: ``subtype`` is the warning's (``missing``, ``outside``, ``read``,
    ``path``, ``glob``); ``line`` is 0 when the directive is at fault, else the digest's line."""

    message: str
    subtype: str
    line: int = 0


def parse_count() -> int:
    """How many times a digest was parsed in this process (tests hold "once per build" with it)."""
    return _parses


def clear_cache() -> None:
    """Forget every parsed digest (tests, long-lived processes)."""
    _cache.clear()


def _cached(path: str, max_bytes: int | None) -> Digest | DigestError:
    global _parses
    try:
        stat = os.stat(path)
        stamp = (stat.st_mtime_ns, stat.st_size, max_bytes)
    except OSError:
        stamp = (-1, -1, max_bytes)
    hit = _cache.get(path)
    if hit is not None and hit[0] == stamp:
        _cache.move_to_end(path)
        return hit[1]
    _parses += 1
    try:
        value: Digest | DigestError = load_digest(path, max_bytes=max_bytes)
    except DigestError as error:
        value = error
    except Exception as error:  # a reader bug on a digest nobody foresaw: a warning, not a failed build
        value = DigestError(f"could not be read ({type(error).__name__}: {error}); please report this digest")
    _cache[path] = (stamp, value)
    if len(_cache) > _MAX_ENTRIES:
        _cache.popitem(last=False)
    return value


def _outside_srcdir(env: BuildEnvironment, path: str) -> bool:
    srcdir = os.path.realpath(env.srcdir)
    return os.path.commonpath([srcdir, os.path.realpath(path)]) != srcdir


def find_digests(env: BuildEnvironment, docname: str, argument: str) -> tuple[list[str], list[Refused]]:
    """Absolute digest paths named by a directive argument (paths and globs, relative to the page or,
    with a leading ``/``, to the source directory), in argument order then sorted within each glob,
    without repeats; and what could not be used."""
    found: dict[str, None] = {}
    refused: list[Refused] = []
    for pattern in argument.split():
        try:
            _, absolute = env.relfn2path(pattern, docname)
            os.stat(absolute)  # raises ValueError for a NUL byte, which no path may hold
        except ValueError:
            refused.append(Refused(f"the digest path {pattern!r} is not a valid path", "path"))
            continue
        except OSError:
            pass  # a missing file (or a glob pattern) is dealt with below
        if _GLOB_CHARS.intersection(pattern):
            matches = sorted(p for p in glob.glob(absolute, recursive=True) if not os.path.isdir(p))
            if not matches:
                refused.append(Refused(f"the pattern {pattern!r} matches no file", "glob"))
            found.update(dict.fromkeys(os.path.normpath(m) for m in matches))
        else:
            found[os.path.normpath(absolute)] = None
    return list(found), refused


def open_digest(env: BuildEnvironment, path: str) -> Digest | Refused:
    """The parsed digest at ``path`` (absolute) under the project's limits, or why it was refused."""
    options = settings(env.config)
    if not options.allow_outside_srcdir and _outside_srcdir(env, path):
        return Refused(
            f"the digest {path} is outside the source directory; "
            "set arxivdigest_allow_outside_srcdir = True to allow it",
            "outside",
        )
    digest = _cached(path, options.max_bytes)
    if isinstance(digest, DigestError):
        # A missing file is the directive's fault; a file that exists but cannot be read (not
        # UTF-8, a directory, too large...) is located in the digest, at the bad line or else line 1.
        if not os.path.exists(path):
            return Refused(str(digest), "missing")
        return Refused(str(digest), "read", digest.line or 1)
    return digest


def full_papers(env: BuildEnvironment, entries: Iterable[PaperEntry]) -> list[tuple[Paper, PaperEntry]]:
    """The complete papers (abstracts included) behind domain entries, in their order; each digest
    is opened once, however many of its papers are asked for. Entries whose digest no longer holds
    the paper (or can no longer be read) are left out."""
    by_digest: dict[str, dict[str, Paper]] = {}
    found = []
    for entry in entries:
        if entry.digest not in by_digest:
            digest = open_digest(env, entry.digest)
            papers = digest.papers if isinstance(digest, Digest) else []
            by_digest[entry.digest] = {paper.arxiv_id: paper for paper in reversed(papers)}  # first wins
        paper = by_digest[entry.digest].get(entry.arxiv_id)
        if paper is not None:
            found.append((paper, entry))
    return found
