"""The hover preview's data: each HTML page carries the papers it links to, and only those.

Once a page's references are resolved (``doctree-resolved``), the papers its
:class:`~.preview_nodes.arxiv_paper_link` nodes point at are looked up — from the page's own cards
first (an "also listed on" link previews the card it sits in), else through the domain's target
entry and the digest cache (:func:`.store.full_papers`) — and written once, as JSON, at the end of
the page (:func:`~sphinx_arxivdigest.formats.preview.preview_script`). The data travels in the page:
the preview needs no request and works over ``file://``.

The script that shows the previews, ``arxivdigest-preview.js``, is a file of its own, added only to
the pages that carry data (``html-page-context``): a page of cards without references loads nothing
more, and the package script every page loads stays as small as it was.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from ..formats.preview import paper_preview, preview_script
from ..model import Paper
from .card import arxiv_card
from .domain import ArxivDomain
from .messages import translate
from .preview_nodes import arxiv_paper_link, previews_enabled
from .store import full_papers

__all__ = [
    "PREVIEW_SCRIPT",
    "add_preview_data",
    "add_preview_script",
    "arxiv_preview_data",
    "visit_preview_data_html",
]

PREVIEW_SCRIPT = "arxivdigest-preview.js"
#: The document attribute that tells ``html-page-context`` the page carries preview data.
_FLAG = "arxivdigest_preview"


class arxiv_preview_data(nodes.General, nodes.Element):
    """The page's preview data (``previews``: arXiv id -> preview), written by HTML builders only."""


def _is_link_or_card(node: nodes.Node) -> bool:
    return isinstance(node, (arxiv_paper_link, arxiv_card))


def add_preview_data(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the papers the page links to, at the end of the page."""
    if not previews_enabled(app.builder):
        return
    wanted: dict[str, None] = {}
    own: dict[str, Paper] = {}
    for node in doctree.findall(_is_link_or_card):  # one walk, also on a page of 10,000 cards
        if isinstance(node, arxiv_paper_link):
            wanted[node["arxiv_id"]] = None
        elif isinstance(node, arxiv_card):
            own.setdefault(node["paper"].arxiv_id, node["paper"])
    if not wanted:
        return
    papers = {arxiv_id: own[arxiv_id] for arxiv_id in wanted if arxiv_id in own}
    domain: ArxivDomain = app.env.domains["arxiv"]  # type: ignore[assignment]
    targets = domain.targets()
    entries = [targets[arxiv_id] for arxiv_id in wanted if arxiv_id not in papers and arxiv_id in targets]
    papers.update((paper.arxiv_id, paper) for paper, _entry in full_papers(app.env, entries))
    previews = {arxiv_id: paper_preview(papers[arxiv_id], translate) for arxiv_id in wanted if arxiv_id in papers}
    if previews:
        doctree += arxiv_preview_data(previews=previews)
        doctree[_FLAG] = True


def add_preview_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """``html-page-context``: the preview script, on the pages that carry preview data only."""
    if doctree is not None and doctree.get(_FLAG):
        app.add_js_file(PREVIEW_SCRIPT, loading_method="defer")


def visit_preview_data_html(self: HTML5Translator, node: arxiv_preview_data) -> None:
    self.body.append(preview_script(node["previews"]))
    raise nodes.SkipNode
