"""The links that get a hover preview: references to a paper, marked with ``data-arxiv-id``.

Sphinx's HTML writer gives a reference no attribute of our choosing, so a resolved paper reference
(a role, an ``arxiv-index`` row, an "also listed on" link) becomes an :class:`arxiv_paper_link`, a
``reference`` that HTML builders write as usual plus ``data-arxiv-id``: the only per-link markup
of the preview (the data is written once per page, see :mod:`.preview`). Sphinx's translators
dispatch on the node's class hierarchy, so any writer that meets the node without a handler of its
own writes it as the plain reference it is; it is only made for the builders that preview anyway.
"""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from .config import settings

__all__ = [
    "PREVIEW_BUILDERS",
    "arxiv_paper_link",
    "depart_paper_link_html",
    "paper_link",
    "previews_enabled",
    "visit_paper_link_html",
]

#: Builders whose pages preview papers: the browser-facing HTML builders (an EPUB reader runs no
#: page script, and the serialising builders hand the body to other software).
PREVIEW_BUILDERS = ("html", "dirhtml", "singlehtml")


class arxiv_paper_link(nodes.reference):
    """A resolved reference to the paper ``arxiv_id``."""


def previews_enabled(builder: Any) -> bool:
    """True when ``builder`` writes previews (``arxivdigest_hover_preview`` and an HTML builder)."""
    enabled = getattr(builder, "_arxivdigest_previews", None)
    if enabled is None:  # read once per builder: a page of 10,000 index rows asks for every row
        enabled = getattr(builder, "name", "") in PREVIEW_BUILDERS and settings(builder.config).hover_preview
        setattr(builder, "_arxivdigest_previews", enabled)  # noqa: B010 (not an attribute of Builder)
    return bool(enabled)


def paper_link(ref: nodes.reference, arxiv_id: str, builder: Any) -> nodes.reference:
    """``ref`` as an :class:`arxiv_paper_link` to ``arxiv_id`` when ``builder`` previews papers."""
    if not arxiv_id or not previews_enabled(builder):
        return ref
    link = arxiv_paper_link(ref.rawsource, "", *ref.children, **ref.attributes)
    link["arxiv_id"] = arxiv_id
    return link


def visit_paper_link_html(self: HTML5Translator, node: arxiv_paper_link) -> None:
    start = len(self.body)
    self.visit_reference(node)
    tag = self.body[start]
    if tag.startswith("<a ") and tag.endswith(">"):
        self.body[start] = f'{tag[:-1]} data-arxiv-id="{escape(node["arxiv_id"])}">'


def depart_paper_link_html(self: HTML5Translator, node: arxiv_paper_link) -> None:
    self.depart_reference(node)
