"""A paper's card in the doctree: one node, written by HTML builders as one string.

A card drawn with sphinx-design's nodes is about fifty docutils nodes, and every transform of the
build walks all of them; a 10,000-card page then costs more than the same cards written by hand.
So the doctree keeps one ``arxiv_card`` per paper, holding the :class:`~.model.Paper`, and:

- HTML builders (``html``, ``dirhtml``, ``singlehtml``, ``epub``) write it with
  :func:`~sphinx_arxivdigest.formats.card_html.description_html`, math going through the
  project's math renderer;
- every other builder (LaTeX, text, man, texinfo, XML, gettext...) gets the sphinx-design tree of
  :func:`.card_tree.build_card` in its place, from a post-transform, and renders that as before.

Both render the same :func:`~sphinx_arxivdigest.formats.card.describe_card` description.

The node's one text child is what the HTML search index reads; its index entries stay children too
(the general index is collected from them when the page is read). For the HTML search index,
:class:`SearchEntriesTransform` keeps of them only what the search can use (see docs/xref.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator

from ..formats.card import AbstractMode, CardDescription, describe_card
from ..formats.card_html import CardStyle, description_html
from ..markdown import inline_plain, text_start
from ..model import Paper
from .card_tree import build_card, grid_item
from .compat import builder_of
from .messages import translate

__all__ = [
    "ALSO_LISTED_CLASS", "CardTreesTransform", "SearchEntriesTransform", "arxiv_card", "card_node", "describe",
    "index_text", "visit_card_html",
]


#: The class of the "Also listed on" paragraph a card may hold (see :mod:`.listings`).
ALSO_LISTED_CLASS = "arxiv-also-listed"


class arxiv_card(nodes.General, nodes.Element):
    """One paper's card: ``paper``, ``abstract`` (mode), ``bibtex`` (flag), ``ids``, ``classes``."""


#: How much of an abstract goes into the search index.
SEARCH_ABSTRACT_CHARS = 300


def _search_text(paper: Paper) -> str:
    """What Sphinx's search index gets from a card: title, translated title, authors, id, topic and
    the first 300 characters of the abstract, what a reader searches a paper by. Not the whole
    abstract: its words (and its URLs, code and math) made searchindex.js about 14x the size of
    the same page of hand-written cards, loaded on every search, for hits that the page's filter
    box (which reads whole abstracts) and the browser's find-in-page already give."""
    return " ".join([paper.title, paper.title_translation, *paper.authors, f"arXiv:{paper.versioned_id}",
                     paper.topic or "", text_start(paper.abstract, SEARCH_ABSTRACT_CHARS)])


def card_node(
    paper: Paper, *, abstract: AbstractMode, classes: Iterable[str] = (), card_id: str = "", bibtex: bool = False
) -> arxiv_card:
    """The card of ``paper``, with the id ``card_id`` (the paper's anchor by default)."""
    node = arxiv_card(paper=paper, abstract=abstract, bibtex=bibtex, ids=[card_id or paper.anchor],
                      classes=list(classes))
    node += nodes.Text(_search_text(paper))
    return node


def describe(node: arxiv_card) -> CardDescription:
    """The card's parts, decided once for whichever writer renders it."""
    return describe_card(
        node["paper"], abstract=node["abstract"], card_id=node["ids"][0], classes=node["classes"],
        bibtex=node["bibtex"],
    )


# -- HTML -------------------------------------------------------------------------------------------


def _math_through(translator: HTML5Translator) -> Callable[[str, bool], str]:
    """Math written by the translator itself, so ``html_math_renderer`` applies (MathJax by default,
    or imgmath...) and the page is marked as holding math (MathJax is only loaded on such pages)."""

    def render(latex: str, display: bool) -> str:
        node = nodes.math_block(latex, latex, nowrap=False, number=None) if display else nodes.math(latex, latex)
        start = len(translator.body)
        node.walkabout(translator)
        html = "".join(translator.body[start:])
        del translator.body[start:]
        return html

    return render


def visit_card_html(self: HTML5Translator, node: arxiv_card) -> None:
    style = getattr(self, "_arxivdigest_card_style", None)
    if style is None:
        style = CardStyle(
            math=_math_through(self), label=translate, link_classes="reference external", link_attributes="",
            code_class="docutils literal notranslate", shared_assets=True,
        )
        self._arxivdigest_card_style = style  # type: ignore[attr-defined]
    card = description_html(describe(node), style)
    extra = [child for child in node.children
             if isinstance(child, nodes.paragraph) and ALSO_LISTED_CLASS in child["classes"]]
    if extra:
        start = len(self.body)
        for child in extra:
            child.walkabout(self)
        html = "".join(self.body[start:])
        del self.body[start:]
        end = card.rfind("</div>")  # inside the card, after its last part
        card = card[:end] + html + card[end:] if end >= 0 else card + html
    self.body.append(f'<div class="sd-col">{card}</div>')  # flex row: the stylesheet
    raise nodes.SkipNode


class SearchEntriesTransform(SphinxPostTransform):
    """What a card's index entries give Sphinx's HTML search: the arXiv id and each author, each
    pointing at the card. Sphinx's search shows an index entry when the query is at least half of
    it, so "Title; arXiv paper 2512.17909v1" and "Author; Title" also put every title and the
    ``arXiv paper <id>`` line into ``searchindex.js``, about half of its weight on a page of
    thousands of cards, for hits no query reaches: the papers' titles are already searched, word
    by word, as the arxiv domain's objects. The general index, collected when the page was read,
    keeps every entry."""

    default_priority = 7  # after the late cards (5); HTML builders only, as the search index

    def is_supported(self) -> bool:
        return builder_of(self.env).format == "html"

    def run(self, **kwargs: Any) -> None:
        for card in self.document.findall(arxiv_card):
            paper: Paper = card["paper"]
            for index in card.findall(addnodes.index):
                targets = {entry[2] for entry in index["entries"]}
                if len(targets) != 1:
                    continue
                target = targets.pop()
                names = [index_text(inline_plain(name)) for name in paper.authors]
                index["entries"] = [("single", text, target, "", None)
                                    for text in dict.fromkeys([paper.versioned_id, *names]) if text]


def index_text(text: str) -> str:
    """Index entry text (``;`` separates sub-entries, ``!`` marks "main")."""
    return text.replace(";", ",").lstrip("!").strip()


# -- other builders ---------------------------------------------------------------------------------


class CardTreesTransform(SphinxPostTransform):
    """Builders other than HTML get each card as sphinx-design nodes, which their writers know."""

    default_priority = 6  # after LateCardsTransform (5) has made the cards of arxiv-paper

    def is_supported(self) -> bool:
        return builder_of(self.env).format != "html"

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(arxiv_card)):
            card = build_card(describe(node))
            card[0:0] = [child for child in node.children if isinstance(child, addnodes.index)]
            card += [child for child in node.children
                     if isinstance(child, nodes.paragraph) and ALSO_LISTED_CLASS in child["classes"]]
            card.source, card.line = node.source, node.line
            node.parent.replace(node, grid_item(card))  # not replace_self: it would move ids and classes
