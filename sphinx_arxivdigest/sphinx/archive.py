"""``arxivdigest_archive``: a folder of daily digests becomes generated pages.

The pages are reStructuredText files (MyST markdown files in a project that reads only ``.md``; see
:mod:`.archive_pages`) written into the source directory (under the archive's prefix, next to a
``.gitignore`` that keeps them out of version control), like autosummary's stubs, at
``builder-inited`` — before Sphinx looks for documents. A file is only written when its
text changed, so Sphinx's own incremental machinery sees exactly the pages that changed: adding a
digest writes its page and the index pages; editing one changes nothing here (its page depends on
the digest file through the ``arxiv-digest`` directive); removing one deletes its page.

Generated pages are ordinary documents, so every builder, ``-j``, search, the general index and
``objects.inv`` treat them like hand-written pages. Only files that start with one of
:data:`.archive_pages.MARKERS` are ever rewritten or removed. What the index and topic pages need
of each digest is cached between builds (:mod:`.archive_summary`), so a build parses only the
digests that are new or changed.
"""

from __future__ import annotations

import glob
import os
import re
import weakref
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sphinx.errors import ConfigError
from sphinx.util import logging

from .archive_pages import MARKERS, MYST, RST, ArchiveDigest, archive_pages, page_syntax
from .archive_summary import CACHE_NAME, Summary, SummaryCache
from .config import ArchiveSpec, settings
from .writing import write_if_changed

__all__ = ["ArchiveDigest", "archive_digests", "generate_archives", "summary_cache"]

logger = logging.getLogger(__name__)
_GLOB_CHARS = frozenset("*?[")
_DATE_NAME = re.compile(r"\d{4}-\d{2}-\d{2}")


def fixed_folder(pattern: str) -> str:
    """The folder part of a glob before its first wildcard (``digests/*.md`` -> ``digests``)."""
    parts = pattern.split("/")
    fixed = []
    for part in parts[:-1]:
        if _GLOB_CHARS.intersection(part):
            break
        fixed.append(part)
    return "/".join(fixed)


_caches: weakref.WeakKeyDictionary[Any, SummaryCache] = weakref.WeakKeyDictionary()


def summary_cache(app: Any) -> SummaryCache:
    """The build's digest summaries (one per application, loaded from the doctree directory)."""
    cache = _caches.get(app)
    if cache is None:
        cache = _caches[app] = SummaryCache(Path(app.doctreedir) / CACHE_NAME)
    return cache


def archive_digests(srcdir: str, spec: ArchiveSpec, env: Any, cache: SummaryCache) -> list[ArchiveDigest]:
    """The archive's digests, newest first (undated last, by name); a digest is parsed only when
    ``cache`` holds no summary of its current file."""
    base = fixed_folder(spec.digests)
    found = []
    for path in sorted(glob.glob(os.path.join(srcdir, spec.digests), recursive=True)):
        if os.path.isdir(path):
            continue
        relpath = Path(os.path.relpath(path, srcdir)).as_posix()
        below = relpath[len(base) + 1:] if base else relpath
        name = below.rsplit(".", 1)[0] if "." in below.rsplit("/", 1)[-1] else below
        path = os.path.normpath(path)
        found.append(_item(cache.get(env, path), path, relpath, f"{spec.prefix}/{name}"))
    dated = sorted((d for d in found if d.date), key=lambda d: (d.date, d.docname), reverse=True)
    return dated + sorted((d for d in found if not d.date), key=lambda d: d.docname)


def _item(summary: Summary, path: str, relpath: str, docname: str) -> ArchiveDigest:
    """The digest's date is its own, else the one in its file name, else its newest paper's."""
    named = _DATE_NAME.search(Path(relpath).stem)
    date = summary.date or (named.group(0) if named else "") or summary.newest
    return ArchiveDigest(path, relpath, docname, date, summary.title, summary.papers)


# -- writing -----------------------------------------------------------------------------------------


def _generated_files(folder: Path) -> Iterable[Path]:
    """Files of either syntax that the archive wrote (their first line is a marker)."""
    for path in folder.rglob("*"):
        if path.suffix not in (RST.suffix, MYST.suffix) or not path.is_file():
            continue
        try:
            with path.open(encoding="utf-8") as handle:
                first = handle.readline().rstrip("\n")
        except (OSError, UnicodeDecodeError):
            continue
        if first in MARKERS:
            yield path


def generate_archives(app: Any) -> None:
    """``builder-inited``: write every archive's pages, remove the ones no digest needs any more."""
    specs = settings(app.config).archive
    if not specs:
        return
    suffixes = app.config.source_suffix
    syntax = page_syntax(suffixes)
    if syntax is None:
        raise ConfigError(
            "arxivdigest_archive writes reStructuredText or MyST pages: add '.rst' (or, with myst_parser, "
            f"'.md') to source_suffix (it is {suffixes!r})"
        )
    language = app.config.language or "en"
    feed_base = (app.config.html_baseurl or "").strip()
    if feed_base and not feed_base.endswith("/"):
        feed_base += "/"
    srcdir = Path(app.srcdir)
    written = 0
    cache = summary_cache(app)
    for spec in specs:
        items = archive_digests(str(srcdir), spec, app.env, cache)
        pages = archive_pages(syntax, spec, items, language, feed_base)
        folder = srcdir / spec.prefix
        folder.mkdir(parents=True, exist_ok=True)
        write_if_changed(folder / ".gitignore", "# pages generated by sphinx-arxivdigest\n*\n")
        wanted = {srcdir / f"{docname}{syntax.suffix}" for docname in pages}
        for path in list(_generated_files(folder)):
            if path not in wanted:
                path.unlink()
        for docname, text in pages.items():
            written += write_if_changed(srcdir / f"{docname}{syntax.suffix}", text)
    cache.save()
    if written:
        logger.info(f"arxivdigest: wrote {written} archive page(s)")
