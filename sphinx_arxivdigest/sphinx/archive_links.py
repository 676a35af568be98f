"""The long link lists of the archive's generated pages: one node each, written in one piece.

The archive's index lists every digest (its link, its number of papers, links to its main topics)
and a topic's month page lists every paper of the month. As markdown lists of links these were the
costliest pages of an archive build: each link a list item, a paragraph, a ``pending_xref`` and an
inline, walked by every transform, resolved, then written node by node. The index of 1,000 digests
took 2 s to read whenever a digest was added, and the topic pages of 5,000 papers a third of a
build. The generator (:mod:`.archive_pages`) instead writes one ``arxiv-archive-links`` directive
per list, whose content is one JSON line per paragraph or list item::

    ["p", ["2025-12-01 — Daily digest", "archive/2025-12-01", ""]]
    ["li", ["Paper title", "archive/2025-12-01", "arxiv-2512-00001"], " — 3 papers"]

that is, ``"p"`` or ``"li"`` and then segments: plain text, or ``[text, docname, anchor]`` for a
link. The directive makes a single node; at write time HTML builders get it as one piece of HTML
(links relative to the page being written), other builders paragraphs and bullet lists of ordinary
``listing`` references, which the ``arxiv`` domain resolves for each builder. The texts are in the
page's own source, so the page depends on nothing else: when a text changes the generator rewrites
the page. A link to a document that no longer exists shows its text without a link.
"""

from __future__ import annotations

import html
import json
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

from .compat import builder_of, current_docname
from .domain import one_page_per_document

__all__ = [
    "ArchiveLinksTransform",
    "ArxivArchiveLinksDirective",
    "Block",
    "Segment",
    "arxiv_archive_links",
    "link_lines",
    "visit_archive_links_html",
]

logger = logging.getLogger(__name__)
#: Plain text, or ``(text, docname, anchor)``: a link to a document (``anchor`` ``""``) or a place in it.
Segment = str | tuple[str, str, str]
#: ``("p" | "li", segments)``: a paragraph, or an item of the bullet list that consecutive items make.
Block = tuple[str, list[Segment]]
KINDS = ("p", "li")


class arxiv_archive_links(nodes.General, nodes.Element):
    """``blocks``: ``[(kind, [segment, ...]), ...]`` (plain values, see :data:`Block`)."""


def link_lines(blocks: list[Block]) -> list[str]:
    """The directive's content: one JSON line a block (no line of it can end a MyST fence)."""
    return [json.dumps([kind, *(s if isinstance(s, str) else list(s) for s in segments)], ensure_ascii=False)
            for kind, segments in blocks]


def _segment(value: Any) -> Segment | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and len(value) == 3 and all(isinstance(part, str) for part in value):
        return value[0], value[1], value[2]
    return None


def _block(value: Any) -> Block | None:
    if not (isinstance(value, list) and value and value[0] in KINDS):
        return None
    segments = [_segment(part) for part in value[1:]]
    if any(segment is None for segment in segments):
        return None
    return value[0], [s for s in segments if s is not None]


class ArxivArchiveLinksDirective(Directive):
    """Written by the archive's generator only: one link list of a generated page."""

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        blocks: list[Block] = []
        for number, line in enumerate(self.content, 1):
            if not line.strip():
                continue
            try:
                block = _block(json.loads(line))
            except ValueError:
                block = None
            if block is None:
                # located at the directive (content line numbers differ between rST and MyST)
                source, _line = self.state_machine.get_source_and_line(self.lineno)
                logger.warning(f"arxiv-archive-links: line {number} of the content is not "
                               '["p" or "li", text or [text, docname, anchor], ...]',
                               location=f"{source}:{self.lineno}", type="arxivdigest", subtype="archive")
                continue
            blocks.append(block)
        return [arxiv_archive_links("", blocks=blocks)]


class ArchiveLinksTransform(SphinxPostTransform):
    """Before references are resolved: builders that do not write one HTML page per document
    (singlehtml, LaTeX, text...) get paragraphs and bullet lists of ``listing`` references."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        builder = builder_of(self.env)
        if one_page_per_document(self.env) and getattr(builder, "format", "") == "html":
            return  # written in one piece by visit_archive_links_html
        docname = current_docname(self.env)
        for node in list(self.document.findall(arxiv_archive_links)):
            node.replace_self(_nodes(docname, node["blocks"], self.env.all_docs))


def _inline(fromdoc: str, segments: list[Segment], docs: Any) -> list[nodes.Node]:
    found: list[nodes.Node] = []
    for segment in segments:
        if isinstance(segment, str):
            found.append(nodes.Text(segment))
            continue
        text, docname, anchor = segment
        if docname not in docs:
            found.append(nodes.Text(text))
            continue
        found.append(addnodes.pending_xref(
            "", nodes.inline(text, text), refdomain="arxiv", reftype="listing", reftarget=f"{docname}#{anchor}",
            refexplicit=True, refdoc=fromdoc, refwarn=False,
        ))
    return found


def _nodes(fromdoc: str, blocks: list[Block], docs: Any) -> list[nodes.Node]:
    found: list[nodes.Node] = []
    items: nodes.bullet_list | None = None
    for kind, segments in blocks:
        paragraph = nodes.paragraph("", "", *_inline(fromdoc, segments, docs))
        if kind == "p":
            found.append(paragraph)
            items = None
            continue
        if items is None:
            items = nodes.bullet_list()
            found.append(items)
        items += nodes.list_item("", paragraph)
    return found


def visit_archive_links_html(self: HTML5Translator, node: arxiv_archive_links) -> None:
    """The whole node as one piece of HTML, with links relative to the page being written."""
    builder = self.builder
    fromdoc = builder.current_docname
    docs = builder.env.all_docs
    uris: dict[str, str | None] = {}

    def uri(docname: str) -> str | None:
        if docname not in uris:
            uris[docname] = (html.escape(builder.get_relative_uri(fromdoc, docname), quote=True)
                             if docname in docs else None)
        return uris[docname]

    def inline(segments: list[Segment]) -> str:
        parts = []
        for segment in segments:
            if isinstance(segment, str):
                parts.append(html.escape(segment, quote=False))
                continue
            text, docname, anchor = segment
            href = uri(docname)
            if href is None:
                parts.append(html.escape(text, quote=False))
            else:
                target = f"{href}#{html.escape(anchor, quote=True)}" if anchor else href
                parts.append(f'<a class="reference internal" href="{target}">{html.escape(text, quote=False)}</a>')
        return "".join(parts)

    parts = ['<div class="arxiv-archive-links">']
    in_list = False
    for kind, segments in node["blocks"]:
        if kind == "li" and not in_list:
            parts.append("<ul>")
        elif kind == "p" and in_list:
            parts.append("</ul>")
        in_list = kind == "li"
        parts.append(f"<li>{inline(segments)}</li>" if in_list else f"<p>{inline(segments)}</p>")
    if in_list:
        parts.append("</ul>")
    parts.append("</div>\n")
    self.body.append("\n".join(parts))
    raise nodes.SkipNode
