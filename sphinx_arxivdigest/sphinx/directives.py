"""The ``arxiv-digest``, ``arxiv-paper`` and ``arxiv-index`` directives.

Thin glue: :mod:`.store` resolves paths (like ``literalinclude``: relative to the page, or to the
source directory with a leading ``/``) and parses under the project's limits; selection and the
option rules are the model's; the card node is :mod:`.card`'s. Every problem becomes a warning
located at the digest file and line, naming the page that included it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..markdown import inline_plain
from ..model import (
    AbstractMode,
    Paper,
    check_abstract,
    check_columns,
    check_limit,
    check_sort,
    parse_arxiv_id,
    select_papers,
    unique_anchor,
)
from .card import card_node, index_text
from .card_tree import build_grid
from .config import IndexEntries, settings
from .domain import ArxivDomain
from .filter_box import filter_box
from .late_content import arxiv_index_placeholder, arxiv_paper_placeholder
from .messages import _
from .store import Refused, find_digests, open_digest

__all__ = ["WARNING_TYPE", "ArxivDigestDirective", "ArxivIndexDirective", "ArxivPaperDirective"]

logger = logging.getLogger(__name__)
WARNING_TYPE = "arxivdigest"


# Directive options follow the model's rules, the same as the configuration, CLI and Jupyter.
def sort_option(argument: str | None) -> str:
    """``date``, ``title`` or ``id``, optionally prefixed with ``-`` for descending order."""
    return check_sort(argument or "")


def columns_option(argument: str | None) -> int:
    """Cards per row on wide screens: 1 to 4."""
    return check_columns(directives.positive_int(argument or ""))


def abstract_option(argument: str | None) -> AbstractMode:
    """``full``, ``collapsed`` or ``none``."""
    return check_abstract((argument or "").strip().lower())


def limit_option(argument: str | None) -> int:
    """At most this many papers, after filter and sort."""
    return check_limit(directives.nonnegative_int(argument or ""))


def index_node(paper: Paper, target: str, which: IndexEntries) -> addnodes.index:
    """General-index entries for a paper: under each author (the paper's title below), and with
    ``which="all"`` also under its title (its id below)."""
    title = index_text(inline_plain(paper.title))
    entries = [("single", f"{index_text(inline_plain(author))}; {title}", target, "", None) for author in paper.authors]
    if which == "all":
        entries.insert(0, ("single", f"{title}; {_('arXiv paper')} {paper.versioned_id}", target, "", None))
    return addnodes.index(entries=entries)


class ArxivDigestDirective(SphinxDirective):
    """``.. arxiv-digest:: path-or-glob [more ...]`` renders the papers of one or more digests."""

    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = True
    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "filter": directives.unchanged,
        "sort": sort_option,
        "limit": limit_option,
        "columns": columns_option,
        "abstract": abstract_option,
        "no-index": directives.flag,
        "class": directives.class_option,
        "filter-box": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        papers: list[Paper] = []
        source: dict[int, str] = {}  # id(paper) -> its digest, for the domain
        paths, refused = find_digests(self.env, self.env.docname, self.arguments[0])
        for problem in refused:
            self._warn_here(problem.message, problem.subtype)
        for path in paths:
            found = self._read(path)
            source.update((id(paper), path) for paper in found)
            papers += found
        selected = select_papers(
            papers, filter=self.options.get("filter"), sort=self.options.get("sort"), limit=self.options.get("limit")
        )
        options = settings(self.config)
        mode: AbstractMode = self.options.get("abstract", options.abstract)
        columns: int = self.options.get("columns", options.columns)
        indexed = "no-index" not in self.options
        domain: ArxivDomain = self.env.domains["arxiv"]  # type: ignore[assignment]
        cards: list[nodes.Node] = []
        for paper in selected:
            card_id = unique_anchor(paper.anchor, self.state.document.ids)
            card = card_node(
                paper, abstract=mode, classes=self.options.get("class", []), card_id=card_id,
                bibtex=options.bibtex,
            )
            self.state.document.ids[card_id] = card
            self.set_source_info(card)
            if indexed:
                domain.note_paper(self.env.docname, paper, card_id, source[id(paper)])
                if options.index_entries != "none":
                    card.insert(0, index_node(paper, card_id, options.index_entries))
            cards.append(card)
        grid = build_grid(cards, columns=columns)
        self.set_source_info(grid)
        if "filter-box" in self.options:
            return [filter_box(len(cards)), grid]
        return [grid]

    def _read(self, path: str) -> list[Paper]:
        """The papers of one digest; its problems become located warnings."""
        digest = open_digest(self.env, path)
        if not (isinstance(digest, Refused) and digest.subtype == "outside"):
            self.env.note_dependency(path)
        if isinstance(digest, Refused):
            if digest.line:
                self._warn_digest(path, digest.line, digest.message, digest.subtype)
            else:
                self._warn_here(digest.message, digest.subtype)
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


class ArxivPaperDirective(SphinxDirective):
    """``.. arxiv-paper:: 2512.17909`` shows the card of one paper held by any digest of the project."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
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
            abstract=self.options.get("abstract", settings(self.config).abstract),
            classes=self.options.get("class", []),
        )
        self.set_source_info(node)
        return [node]


class ArxivIndexDirective(SphinxDirective):
    """``.. arxiv-index::`` tabulates every indexed paper of the project (date, title, author, page)."""

    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "filter": directives.unchanged,
        "sort": sort_option,
        "limit": limit_option,
    }

    def run(self) -> list[nodes.Node]:
        self.env.domains["arxiv"].note_consumer(self.env.docname)  # type: ignore[attr-defined]
        node = arxiv_index_placeholder(
            filter=self.options.get("filter"), sort=self.options.get("sort"), limit=self.options.get("limit")
        )
        self.set_source_info(node)
        return [node]
