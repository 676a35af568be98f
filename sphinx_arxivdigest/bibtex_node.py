"""Each card's BibTeX entry: a ``<details>`` with the entry and, with JavaScript, a copy button.

A node of its own (not a dropdown with a highlighted code block) keeps a 10,000-card page cheap;
builders other than HTML skip it, as the entry is in ``papers.bib`` anyway.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxTranslator

from .export import paper_to_bibtex
from .messages import _
from .model import Paper

__all__ = ["arxiv_bibtex", "bibtex_node", "depart_bibtex", "visit_bibtex"]


class arxiv_bibtex(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """The BibTeX entry of one paper."""


def bibtex_node(paper: Paper) -> arxiv_bibtex:
    return arxiv_bibtex(entry=paper_to_bibtex(paper, abstract=False), label=_("BibTeX"), copy=_("Copy"),
                        copied=_("Copied"))


def visit_bibtex(self: SphinxTranslator, node: arxiv_bibtex) -> None:
    self.body.append(self.starttag(node, "details", CLASS="arxiv-bibtex"))
    self.body.append(f"<summary>{self.encode(node['label'])}</summary>")
    self.body.append(f'<pre class="arxiv-bibtex-entry">{self.encode(node["entry"])}</pre>')
    self.body.append(
        self.starttag(node, "button", suffix="", ids=[], CLASS="arxiv-bibtex-copy", type="button", hidden="hidden",
                      **{"data-copied": node["copied"]})
        + self.encode(node["copy"]) + "</button>"
    )
    raise nodes.SkipChildren


def depart_bibtex(self: SphinxTranslator, node: arxiv_bibtex) -> None:
    self.body.append("</details>\n")
