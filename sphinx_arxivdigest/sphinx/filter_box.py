"""The ``:filter-box:`` search field: filters the cards of one digest as the reader types.

The field is rendered ``hidden`` and only shown by the script, so without JavaScript nothing is
offered that would not work and every card stays visible. Other builders skip the node.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from .messages import _

__all__ = ["FILTER_SCRIPT", "arxiv_filter_box", "depart_filter_box", "filter_box", "visit_filter_box"]

FILTER_SCRIPT = "arxivdigest.js"


class arxiv_filter_box(nodes.General, nodes.Element):
    """A search field bound to the grid of cards right after it."""


def filter_box(total: int) -> arxiv_filter_box:
    """The node; its labels are translated here, at read time, in the project's language."""
    return arxiv_filter_box(
        placeholder=_("Filter papers by title, author or abstract"),
        label=_("Filter papers"),
        # Filled in by the script: {shown} and {total}.
        count_template=_("{shown} of {total} papers shown"),
        total=total,
    )


def visit_filter_box(self: HTML5Translator, node: arxiv_filter_box) -> None:
    self.body.append(self.starttag(node, "div", CLASS="arxiv-filter", hidden="hidden"))
    self.body.append(
        self.starttag(
            node, "input", suffix="", empty=True, ids=[], CLASS="arxiv-filter-input", type="search",
            placeholder=node["placeholder"], **{"aria-label": node["label"]},
        )
    )
    self.body.append(
        self.starttag(
            node, "span", suffix="", ids=[], CLASS="arxiv-filter-count", role="status",
            **{"aria-live": "polite", "data-template": node["count_template"], "data-total": str(node["total"])},
        )
    )
    self.body.append("</span>")


def depart_filter_box(self: HTML5Translator, node: arxiv_filter_box) -> None:
    self.body.append("</div>\n")


def skip_filter_box(self: HTML5Translator, node: arxiv_filter_box) -> None:
    raise nodes.SkipNode
