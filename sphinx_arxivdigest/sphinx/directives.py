"""The ``arxiv-digest`` directive: digest paths in, a grid of paper cards out.

Thin glue: paths are resolved like ``literalinclude`` (relative to the page, or to the source
directory with a leading ``/``), parsing and selection are the model's, node building is
``cards``'s. Every problem becomes a warning located at the digest file and line.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..formats.card_html import AbstractMode
from .card import card_node
from .card_tree import build_grid
from .store import cached_digest
from .domain import ArxivDomain
from .filter_box import filter_box
from .late_content import arxiv_index_placeholder, arxiv_paper_placeholder
from .messages import _
from ..model import SORT_KEYS, DigestError, Paper, parse_arxiv_id, select_papers

__all__ = ["ArxivDigestDirective", "ArxivIndexDirective", "ArxivPaperDirective", "WARNING_TYPE"]

logger = logging.getLogger(__name__)
WARNING_TYPE = "arxivdigest"
_GLOB_CHARS = frozenset("*?[")


def sort_option(argument: str | None) -> str:
    """``date``, ``title`` or ``id``, optionally prefixed with ``-`` for descending order."""
    value = (argument or "").strip().lower()
    if value.lstrip("-") not in SORT_KEYS:
        raise ValueError(f"expected one of {', '.join(SORT_KEYS)}, optionally prefixed with '-'")
    return value


def columns_option(argument: str | None) -> int:
    """Cards per row on wide screens: 1 to 4."""
    value = directives.positive_int(argument)
    if value > 4:
        raise ValueError("columns must be between 1 and 4")
    return value


def abstract_option(argument: str | None) -> str:
    return directives.choice(argument, ("full", "collapsed", "none"))


def _index_text(text: str) -> str:
    """Index entry text: ``;`` separates sub-entries and a leading ``!`` means "main" to Sphinx."""
    return text.replace(";", ",").lstrip("!").strip()


def index_node(paper: Paper, target: str) -> addnodes.index:
    """General-index entries for a paper: under its title, and under each author."""
    title = _index_text(paper.title)
    entries = [("single", f"{title}; {_('arXiv paper')} {paper.versioned_id}", target, "", None)]
    entries += [("single", f"{_index_text(author)}; {title}", target, "", None) for author in paper.authors]
    return addnodes.index(entries=entries)


class ArxivDigestDirective(SphinxDirective):
    """``.. arxiv-digest:: path-or-glob [more ...]`` renders the papers of one or more digests."""

    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = True
    has_content = False
    option_spec: dict[str, Callable[[str | None], object]] = {
        "filter": directives.unchanged,
        "sort": sort_option,
        "limit": directives.nonnegative_int,
        "columns": columns_option,
        "abstract": abstract_option,
        "no-index": directives.flag,
        "class": directives.class_option,
        "filter-box": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        papers: list[Paper] = []
        source: dict[int, str] = {}  # id(paper) -> its digest, for the domain
        for path in self._digest_paths():
            found = self._read(path)
            source.update((id(paper), path) for paper in found)
            papers += found
        selected = select_papers(
            papers, filter=self.options.get("filter"), sort=self.options.get("sort"), limit=self.options.get("limit")
        )
        config = self.config
        mode: AbstractMode = self.options.get("abstract", config.arxivdigest_abstract)
        columns: int = self.options.get("columns", config.arxivdigest_columns)
        indexed = "no-index" not in self.options
        domain: ArxivDomain = self.env.domains["arxiv"]  # type: ignore[assignment]
        cards = []
        for paper in selected:
            card_id = self._unique_id(paper)
            card = card_node(
                paper, abstract=mode, classes=self.options.get("class", []), card_id=card_id,
                bibtex=config.arxivdigest_bibtex,
            )
            self.state.document.ids[card_id] = card
            self.set_source_info(card)
            if indexed:
                domain.note_paper(self.env.docname, paper, card_id, source[id(paper)])
                if config.arxivdigest_index_entries:
                    card.insert(0, index_node(paper, card_id))
            cards.append(card)
        grid = build_grid(cards, columns=columns)
        self.set_source_info(grid)
        if "filter-box" in self.options:
            return [filter_box(len(cards)), grid]
        return [grid]

    # -- paths ------------------------------------------------------------------------------------

    def _digest_paths(self) -> list[str]:
        """Absolute digest paths, in argument order then sorted within each glob, without repeats."""
        found: dict[str, None] = {}
        for pattern in self.arguments[0].split():
            try:
                _, absolute = self.env.relfn2path(pattern, self.env.docname)
                os.stat(absolute)  # raises ValueError for a NUL byte, which no path may hold
            except ValueError:
                self._warn_here(f"the digest path {pattern!r} is not a valid path", "path")
                continue
            except OSError:
                pass  # a missing file (or a glob pattern) is dealt with below
            if _GLOB_CHARS.intersection(pattern):
                matches = sorted(p for p in glob.glob(absolute, recursive=True) if not os.path.isdir(p))
                if not matches:
                    self._warn_here(f"the pattern {pattern!r} matches no file", "glob")
                found.update(dict.fromkeys(os.path.normpath(m) for m in matches))
            else:
                found[os.path.normpath(absolute)] = None
        return list(found)

    def _outside_srcdir(self, path: str) -> bool:
        srcdir = os.path.realpath(self.env.srcdir)
        return os.path.commonpath([srcdir, os.path.realpath(path)]) != srcdir

    def _read(self, path: str) -> list[Paper]:
        """The papers of one digest; its problems become located warnings."""
        if not self.config.arxivdigest_allow_outside_srcdir and self._outside_srcdir(path):
            self._warn_here(
                f"the digest {path} is outside the source directory; "
                "set arxivdigest_allow_outside_srcdir = True to allow it",
                "outside",
            )
            return []
        self.env.note_dependency(path)
        digest = cached_digest(path, self.config.arxivdigest_max_bytes)
        if isinstance(digest, DigestError):
            # A missing file is located at the directive; a file that exists but cannot be read
            # (not UTF-8, a directory, too large...) in the digest, at the bad line or else line 1.
            if not os.path.exists(path):
                self._warn_here(str(digest), "missing")
            else:
                self._warn_digest(path, digest.line or 1, str(digest), "read")
            return []
        for problem in digest.problems:
            self._warn_digest(path, problem.line, problem.message, "parse")
        return digest.papers

    # -- warnings and ids ---------------------------------------------------------------------------

    def _page(self) -> str:
        return f"{self.env.doc2path(self.env.docname, False)}:{self.lineno}"

    def _warn_digest(self, path: str, line: int, message: str, subtype: str) -> None:
        location = f"{path}:{line}"
        logger.warning(
            f"{message} (digest included from {self._page()})",
            type=WARNING_TYPE, subtype=subtype, location=location,
        )

    def _warn_here(self, message: str, subtype: str) -> None:
        logger.warning(message, type=WARNING_TYPE, subtype=subtype, location=self.get_location())

    def _unique_id(self, paper: Paper) -> str:
        """The paper's stable anchor; a second card for the same paper on one page gets a suffix."""
        document = self.state.document
        anchor = candidate = paper.anchor
        number = 1
        while candidate in document.ids:
            number += 1
            candidate = f"{anchor}-{number}"
        return candidate


class ArxivPaperDirective(SphinxDirective):
    """``.. arxiv-paper:: 2512.17909`` shows the card of one paper held by any digest of the project."""

    required_arguments = 1
    has_content = False
    option_spec: dict[str, Callable[[str | None], object]] = {
        "abstract": abstract_option,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        target = self.arguments[0].strip()
        if parse_arxiv_id(target) is None:
            logger.warning(
                f"arxiv-paper: {target!r} is not an arXiv id", type=WARNING_TYPE, subtype="unknown",
                location=self.get_location(),
            )
            return []
        self.env.domains["arxiv"].note_consumer(self.env.docname)  # type: ignore[attr-defined]
        node = arxiv_paper_placeholder(
            target=target,
            abstract=self.options.get("abstract", self.config.arxivdigest_abstract),
            classes=self.options.get("class", []),
        )
        self.set_source_info(node)
        return [node]


class ArxivIndexDirective(SphinxDirective):
    """``.. arxiv-index::`` tabulates every indexed paper of the project (date, title, author, page)."""

    has_content = False
    option_spec: dict[str, Callable[[str | None], object]] = {
        "filter": directives.unchanged,
        "sort": sort_option,
        "limit": directives.nonnegative_int,
    }

    def run(self) -> list[nodes.Node]:
        self.env.domains["arxiv"].note_consumer(self.env.docname)  # type: ignore[attr-defined]
        node = arxiv_index_placeholder(
            filter=self.options.get("filter"), sort=self.options.get("sort"), limit=self.options.get("limit")
        )
        self.set_source_info(node)
        return [node]
