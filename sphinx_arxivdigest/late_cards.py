"""``arxiv-paper`` and ``arxiv-index``: content that needs every digest of the project.

While pages are read, the set of indexed papers is still incomplete, so these directives leave a
placeholder node; a post-transform (before references are resolved) replaces it once the domain
knows every paper. Pages holding placeholders are re-read whenever any document changed, so they
never show stale papers.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from .card_node import card_node
from .cards import build_grid
from .digest_cache import cached_digest
from .domain import ArxivDomain, PaperEntry, one_page_per_document
from .messages import _
from .model import Digest, Paper, select_papers
from .sphinx.compat import current_docname

__all__ = [
    "LateCardsTransform",
    "arxiv_index_placeholder",
    "arxiv_paper_placeholder",
    "moved_references",
    "outdated_consumers",
]

logger = logging.getLogger(__name__)


class arxiv_paper_placeholder(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """Stands for one paper's card until all digests are known."""


class arxiv_index_placeholder(nodes.General, nodes.Element):  # noqa: N801
    """Stands for the table of every indexed paper until all digests are known."""


def full_papers(entries: Iterable[PaperEntry]) -> list[tuple[Paper, PaperEntry]]:
    """The complete papers (abstracts included) behind domain entries, in their order; each digest
    is looked up once, however many of its papers are asked for. Entries whose digest no longer
    holds the paper are left out."""
    by_digest: dict[str, dict[str, Paper]] = {}
    found = []
    for entry in entries:
        if entry.digest not in by_digest:
            digest = cached_digest(entry.digest)
            papers = digest.papers if isinstance(digest, Digest) else []
            by_digest[entry.digest] = {paper.arxiv_id: paper for paper in reversed(papers)}  # first wins
        paper = by_digest[entry.digest].get(entry.arxiv_id)
        if paper is not None:
            found.append((paper, entry))
    return found


def _light_paper(entry: PaperEntry) -> Paper:
    """Enough of a paper to sort an index by date, title or id without reading its digest."""
    return Paper(
        arxiv_id=entry.arxiv_id,
        title=entry.title,
        authors=[entry.first_author] if entry.first_author else [],
        date=_dt.date.fromisoformat(entry.date) if entry.date else None,
    )


def _xref(target: str, text: str, docname: str, *, domain: str = "arxiv", reftype: str = "paper") -> addnodes.pending_xref:
    ref = addnodes.pending_xref(
        "", nodes.inline(text, text), refdomain=domain, reftype=reftype, reftarget=target,
        refexplicit=bool(text), refdoc=docname, refwarn=True,
    )
    return ref


def _index_table(rows: Sequence[tuple[Paper, PaperEntry]], docname: str) -> nodes.table:
    headers = [_("Date"), _("Title"), _("First author"), _("Page")]
    table = nodes.table(classes=["arxiv-index"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in (12, 52, 18, 18):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += nodes.row("", *(nodes.entry("", nodes.paragraph(h, h)) for h in headers))
    group += head
    body = nodes.tbody()
    group += body
    for paper, entry in rows:
        cells = [
            nodes.paragraph(entry.date, entry.date),
            nodes.paragraph("", "", _xref(entry.arxiv_id, paper.title, docname)),
            nodes.paragraph(entry.first_author, entry.first_author),
            nodes.paragraph("", "", _xref("/" + entry.docname, "", docname, domain="std", reftype="doc")),
        ]
        body += nodes.row("", *(nodes.entry("", cell) for cell in cells))
    return table


class LateCardsTransform(SphinxPostTransform):
    """Replace placeholders with cards and index tables (before references are resolved)."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        domain: ArxivDomain = self.env.domains["arxiv"]  # type: ignore[assignment]
        docname = current_docname(self.env)
        if one_page_per_document(self.env) and docname not in domain.consumers:
            return  # no arxiv-paper or arxiv-index on this page
        for node in list(self.document.findall(arxiv_paper_placeholder)):
            node.replace_self(self._paper(domain, node))
        for node in list(self.document.findall(arxiv_index_placeholder)):
            node.replace_self(self._index(domain, node, docname))

    def _paper(self, domain: ArxivDomain, node: arxiv_paper_placeholder) -> list[nodes.Node]:
        entry = domain.find(node["target"])
        found = full_papers([entry]) if entry else []
        paper = found[0][0] if found else None
        if paper is None:
            logger.warning(
                f"arxiv-paper: {node['target']} is not in any indexed digest of this project",
                type="arxivdigest", subtype="unknown", location=node,
            )
            return []
        anchor = paper.anchor
        card_id, number = anchor, 1
        while card_id in self.document.ids:
            number += 1
            card_id = f"{anchor}-{number}"
        card = card_node(
            paper, abstract=node["abstract"], classes=node["classes"], card_id=card_id,
            bibtex=self.config.arxivdigest_bibtex,
        )
        self.document.ids[card_id] = card
        return [build_grid([card], columns=1)]

    def _index(self, domain: ArxivDomain, node: arxiv_index_placeholder, docname: str) -> list[nodes.Node]:
        entries = list(domain.targets().values())
        if node.get("filter"):
            pairs = full_papers(entries)
            papers = [paper for paper, _entry in pairs]
            by_id = {entry.arxiv_id: entry for _paper, entry in pairs}
        else:
            papers = [_light_paper(entry) for entry in entries]
            by_id = {entry.arxiv_id: entry for entry in entries}
        kept = select_papers(papers, filter=node.get("filter"), sort=node.get("sort"), limit=node.get("limit"))
        if not kept:
            text = _("No indexed papers match.")
            return [nodes.paragraph(text, text, classes=["arxiv-index-empty"])]
        return [_index_table([(paper, by_id[paper.arxiv_id]) for paper in kept], docname)]


def _target_map(domain: ArxivDomain) -> dict[str, tuple[str, str, str]]:
    return {arxiv_id: (e.docname, e.anchor, e.title) for arxiv_id, e in domain.targets().items()}


def outdated_consumers(app: Any, env: Any, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """``env-get-outdated``: pages with ``arxiv-paper``/``arxiv-index`` follow every change.

    Also remembers where every paper pointed before reading, for :func:`moved_references`.
    """
    domain: ArxivDomain = env.domains["arxiv"]
    domain.targets_before_read = _target_map(domain)
    if not (added or changed or removed):
        return []
    return [doc for doc in domain.consumers if doc not in changed and doc not in removed]


def moved_references(app: Any, env: Any) -> list[str]:
    """``env-updated``: pages whose roles point at a paper that appeared, moved or vanished are
    rewritten, so no link is left stale by an incremental build."""
    domain: ArxivDomain = env.domains["arxiv"]
    before = getattr(domain, "targets_before_read", None)
    if before is None:
        return []
    after = _target_map(domain)
    moved = {arxiv_id for arxiv_id in before.keys() | after.keys() if before.get(arxiv_id) != after.get(arxiv_id)}
    return domain.referrers_of(moved) if moved else []
