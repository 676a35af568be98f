"""A paper listed on several days: each of its cards says where else it is listed.

The ``arxiv`` domain knows every card of every document (:meth:`.ArxivDomain.listings`); once all
documents are read, a post-transform gives each card of a paper held by other documents too a
paragraph "Also listed on:" with a link to each of those cards (a ``pending_xref`` of the domain's
``listing`` type, so every builder gets its own kind of link). Cross-references to the paper still
go to its first listing (by document name).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .card import ALSO_LISTED_CLASS, arxiv_card
from .compat import current_docname
from .domain import ArxivDomain, PaperEntry, one_page_per_document
from .messages import _

__all__ = ["AlsoListedTransform", "listing_label", "listing_links"]


def listing_label(env: Any, docname: str) -> str:
    """How a listing is named: its page's title (for an archive page, the digest's date and title)."""
    title = env.titles.get(docname)
    return title.astext() if title is not None else docname


def listing_links(env: Any, entries: list[PaperEntry], fromdoc: str) -> list[nodes.Node]:
    """Links to ``entries`` separated by commas."""
    found: list[nodes.Node] = []
    for entry in entries:
        if found:
            found.append(nodes.Text(", "))
        label = listing_label(env, entry.docname)
        found.append(addnodes.pending_xref(
            "", nodes.inline(label, label), refdomain="arxiv", reftype="listing",
            reftarget=f"{entry.docname}#{entry.anchor}", refexplicit=True, refdoc=fromdoc, refwarn=False,
            arxiv_id=entry.arxiv_id,  # the link previews the paper (see .preview_nodes)
        ))
    return found


class AlsoListedTransform(SphinxPostTransform):
    """Before references are resolved: "also listed on" for every card of a repeated paper."""

    default_priority = 5  # with the late cards; before CardTreesTransform (6) and references (10)

    def run(self, **kwargs: Any) -> None:
        domain: ArxivDomain = self.env.domains["arxiv"]  # type: ignore[assignment]
        docname = current_docname(self.env)
        listings = domain.listings()
        if one_page_per_document(self.env):
            own = domain.papers.get(docname, ())
            if not any(len(listings.get(entry.arxiv_id, ())) > 1 for entry in own):
                return
        for card in list(self.document.findall(arxiv_card)):
            others = [e for e in listings.get(card["paper"].arxiv_id, ()) if e.docname != docname]
            if not others or any(ALSO_LISTED_CLASS in child.get("classes", ()) for child in card.children
                                 if isinstance(child, nodes.Element)):
                continue
            text = _("Also listed on:") + " "
            card += nodes.paragraph("", "", nodes.Text(text), *listing_links(self.env, others, docname),
                                    classes=[ALSO_LISTED_CLASS])
