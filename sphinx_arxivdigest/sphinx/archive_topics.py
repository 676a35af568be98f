"""The papers of an archive's topic page: one node, written in one piece.

A topic page of a year's archive lists thousands of papers. As a bullet list of paper roles it was
the costliest part of an archive build (each link a list item, a paragraph, a ``pending_xref`` and
an inline, walked by every transform, resolved, then written node by node: in the benchmark, the
topic pages of 5,000 papers took a third of the build). The generated page instead holds one
``arxiv-topic-papers`` directive whose content is one JSON line per day, ``[docname, heading,
[[arXiv id, title], ...]]``, written by :mod:`.archive_pages`. The directive makes a single node;
at write time HTML builders get its list as one piece of HTML (relative links to the cards), other
builders a bullet list of ordinary references. The titles are in the page's own text, so the page
depends on nothing but its source: when a title changes, the generator rewrites the page.
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

from ..model import anchor_for
from .compat import builder_of, current_docname
from .domain import one_page_per_document

__all__ = ["ArxivTopicPapersDirective", "TopicPapersTransform", "arxiv_topic_papers", "topic_lines",
           "visit_topic_papers_html"]

logger = logging.getLogger(__name__)
Day = tuple[str, str, list[tuple[str, str]]]


class arxiv_topic_papers(nodes.General, nodes.Element):
    """``days``: ``[(docname, heading, [(arXiv id, title), ...]), ...]`` (plain values)."""


def topic_lines(days: list[Day]) -> list[str]:
    """The directive's content: one JSON line a day (no line of it can end a MyST fence)."""
    return [json.dumps([docname, heading, [list(p) for p in papers]], ensure_ascii=False)
            for docname, heading, papers in days]


def _day(value: Any) -> Day | None:
    if not (isinstance(value, list) and len(value) == 3 and isinstance(value[0], str)
            and isinstance(value[1], str) and isinstance(value[2], list)):
        return None
    papers = [(p[0], p[1]) for p in value[2]
              if isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) and isinstance(p[1], str)]
    return value[0], value[1], papers


class ArxivTopicPapersDirective(Directive):
    """Written by the archive's generator only: the papers of one topic, day by day."""

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        days: list[Day] = []
        for number, line in enumerate(self.content, 1):
            if not line.strip():
                continue
            try:
                day = _day(json.loads(line))
            except ValueError:
                day = None
            if day is None:
                # located at the directive (content line numbers differ between rST and MyST)
                source, _line = self.state_machine.get_source_and_line(self.lineno)
                logger.warning(f"arxiv-topic-papers: line {number} of the content is not "
                               "[docname, heading, [[id, title], ...]]",
                               location=f"{source}:{self.lineno}", type="arxivdigest", subtype="archive")
                continue
            days.append(day)
        return [arxiv_topic_papers("", days=days)]


class TopicPapersTransform(SphinxPostTransform):
    """Before references are resolved: builders that do not write one HTML page per document
    (singlehtml, LaTeX, text...) get the list as paragraphs and bullet lists of ``listing``
    references, which the ``arxiv`` domain resolves for each builder."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        builder = builder_of(self.env)
        if one_page_per_document(self.env) and getattr(builder, "format", "") == "html":
            return  # written in one piece by visit_topic_papers_html
        docname = current_docname(self.env)
        for node in list(self.document.findall(arxiv_topic_papers)):
            node.replace_self(_nodes(docname, [d for d in node["days"] if d[0] in self.env.all_docs]))


def _listing(fromdoc: str, docname: str, anchor: str, text: str) -> addnodes.pending_xref:
    return addnodes.pending_xref(
        "", nodes.inline(text, text), refdomain="arxiv", reftype="listing", reftarget=f"{docname}#{anchor}",
        refexplicit=True, refdoc=fromdoc, refwarn=False,
    )


def _nodes(fromdoc: str, days: list[Day]) -> list[nodes.Node]:
    found: list[nodes.Node] = []
    for docname, heading, papers in days:
        found.append(nodes.paragraph("", "", _listing(fromdoc, docname, "", heading)))
        items = nodes.bullet_list()
        for arxiv_id, title in papers:
            items += nodes.list_item("", nodes.paragraph("", "", _listing(fromdoc, docname, anchor_for(arxiv_id),
                                                                          title or arxiv_id)))
        found.append(items)
    return found


def visit_topic_papers_html(self: HTML5Translator, node: arxiv_topic_papers) -> None:
    """The whole list as one piece of HTML, with links relative to the page being written."""
    builder = self.builder
    fromdoc = builder.current_docname
    parts = ['<div class="arxiv-topic-papers">']
    for docname, heading, papers in node["days"]:
        if docname not in builder.env.all_docs:
            continue
        uri = html.escape(builder.get_relative_uri(fromdoc, docname), quote=True)
        parts.append(f'<p><a class="reference internal" href="{uri}">{html.escape(heading)}</a></p>\n<ul>')
        parts.extend(f'<li><a class="reference internal" href="{uri}#{anchor_for(arxiv_id)}">'
                     f"{html.escape(title or arxiv_id)}</a></li>" for arxiv_id, title in papers)
        parts.append("</ul>")
    parts.append("</div>\n")
    self.body.append("\n".join(parts))
    raise nodes.SkipNode
