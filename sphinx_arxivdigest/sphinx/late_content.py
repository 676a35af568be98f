"""``arxiv-paper`` and ``arxiv-index``: content that needs every digest of the project.

While pages are read, the set of indexed papers is still incomplete, so these directives leave a
placeholder node; a post-transform (before references are resolved) replaces it once the domain
knows every paper. Pages holding placeholders are re-read whenever any document changed, so they
never show stale papers.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ..model import Paper, select_papers, unique_anchor
from .card import card_node
from .card_tree import build_grid
from .compat import current_docname
from .config import settings
from .domain import ArxivDomain, PaperEntry, one_page_per_document
from .messages import _
from .paper_index import index_table
from .store import full_papers

__all__ = [
    "LateCardsTransform",
    "arxiv_index_placeholder",
    "arxiv_paper_placeholder",
]

logger = logging.getLogger(__name__)


class arxiv_paper_placeholder(nodes.General, nodes.Element):
    """Stands for one paper's card until all digests are known."""


class arxiv_index_placeholder(nodes.General, nodes.Element):
    """Stands for the table of every indexed paper until all digests are known."""


def _light_paper(entry: PaperEntry) -> Paper:
    """Enough of a paper to sort an index by date, title or id without reading its digest."""
    return Paper(
        arxiv_id=entry.arxiv_id,
        title=entry.title,
        authors=[entry.first_author] if entry.first_author else [],
        date=_dt.date.fromisoformat(entry.date) if entry.date else None,
    )


class LateCardsTransform(SphinxPostTransform):
    """Replace placeholders with cards and index tables (before references are resolved)."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        domain: ArxivDomain = self.env.domains["arxiv"]  # type: ignore[assignment]
        docname = current_docname(self.env)
        if one_page_per_document(self.env) and docname not in domain.consumers:
            return  # no arxiv-paper or arxiv-index on this page
        for paper_node in list(self.document.findall(arxiv_paper_placeholder)):
            paper_node.replace_self(self._paper(domain, paper_node))
        for index_node in list(self.document.findall(arxiv_index_placeholder)):
            index_node.replace_self(self._index(domain, index_node, docname))

    def _paper(self, domain: ArxivDomain, node: arxiv_paper_placeholder) -> list[nodes.Node]:
        entry = domain.find(node["target"])
        found = full_papers(self.env, [entry]) if entry else []
        paper = found[0][0] if found else None
        if paper is None:
            logger.warning(
                f"arxiv-paper: {node['target']} is not in any indexed digest of this project",
                type="arxivdigest", subtype="unknown", location=node,
            )
            return []
        card_id = unique_anchor(paper.anchor, self.document.ids)
        card = card_node(
            paper, abstract=node["abstract"], classes=node["classes"], card_id=card_id,
            bibtex=settings(self.config).bibtex,
        )
        self.document.ids[card_id] = card
        return [build_grid([card], columns=1)]

    def _index(self, domain: ArxivDomain, node: arxiv_index_placeholder, docname: str) -> list[nodes.Node]:
        entries = list(domain.targets().values())
        if node.get("filter"):
            pairs = full_papers(self.env, entries)
            papers = [paper for paper, _entry in pairs]
            by_id = {entry.arxiv_id: entry for _paper, entry in pairs}
        else:
            papers = [_light_paper(entry) for entry in entries]
            by_id = {entry.arxiv_id: entry for entry in entries}
        kept = select_papers(papers, filter=node.get("filter"), sort=node.get("sort"), limit=node.get("limit"))
        if not kept:
            text = _("No indexed papers match.")
            return [nodes.paragraph(text, text, classes=["arxiv-index-empty"])]
        return [index_table([by_id[paper.arxiv_id] for paper in kept], docname, domain.listings())]
