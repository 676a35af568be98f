"""Papers as MyST AST (the JSON tree mystmd and Jupyter Book 2 render), for the mystmd plugin.

A card here is :func:`~sphinx_arxivdigest.formats.card.describe_card`'s description, rendered as the
HTML card (``card_html.py``) and the sphinx-design tree (``sphinx/card_tree.py``) render it: the title
linked to arXiv with its translation under it, the authors ("et al." a label), the badges, the abstract
(in a ``details`` dropdown when collapsed), a labelled Summary block, then the buttons. The parts are
decided there; this module only chooses MyST node types. Markdown becomes MyST nodes through
:class:`MystAstWalker`, a :class:`~sphinx_arxivdigest.markdown.MarkdownWalker` like ``HtmlWalker``, so
math becomes ``inlineMath`` and only http(s) links are followed, by the same rules as every output.
No Sphinx and no docutils here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..markdown import MarkdownWalker, MdKind, MdNode
from ..model import AbstractMode, Paper, is_web_url
from .card import CARD_CLASSES, CardBadge, CardDescription, describe_card

__all__ = ["MystAstWalker", "Node", "card", "description_ast", "grid", "markdown_blocks", "paper_link"]

#: A MyST AST node (JSON object).
Node = dict[str, Any]

_INLINE_TYPES = {MdKind.STRONG: "strong", MdKind.EM: "emphasis", MdKind.STRIKE: "delete"}
#: The card's own classes in mystmd: sphinx-design's mean nothing to its themes, so they start at this one.
_FIRST_CLASS = CARD_CLASSES.index("arxiv-paper")


def _untranslated(message: str) -> str:
    return message


def _text(value: str) -> Node:
    return {"type": "text", "value": value}


class MystAstWalker(MarkdownWalker[list[Node]]):
    """Markdown tree -> MyST AST nodes. Each visit gives a list, because a link that is not followed
    (unsafe scheme, or inside a link: ``links=False``) gives its children in its place."""

    def __init__(self, *, links: bool = True) -> None:
        self.links = links

    def inline(self, nodes: Iterable[MdNode]) -> list[Node]:
        """Inline nodes (a title, a paragraph's content), flattened."""
        return [out for node in nodes for out in self.visit(node)]

    def blocks(self, nodes: Iterable[MdNode]) -> list[Node]:
        """Block nodes (an abstract); stray inline nodes get a paragraph, as MyST wants blocks here."""
        out: list[Node] = []
        for node in nodes:
            if node.kind.is_block:
                out += self.visit(node)
            else:
                out.append({"type": "paragraph", "children": self.visit(node)})
        return out

    def combine(self, node: MdNode, parts: list[list[Node]]) -> list[Node]:
        return [out for part in parts for out in part]

    def visit_text(self, node: MdNode) -> list[Node]:
        return [_text(node.text)]

    def visit_break(self, node: MdNode) -> list[Node]:
        return [_text(" ")]

    def visit_code(self, node: MdNode) -> list[Node]:
        return [{"type": "inlineCode", "value": node.text}]

    def visit_math(self, node: MdNode) -> list[Node]:
        return [{"type": "inlineMath", "value": node.text}]

    def typed_inline(self, node: MdNode) -> list[Node]:
        return [{"type": _INLINE_TYPES[node.kind], "children": self.inline(node.children)}]

    visit_strong = visit_em = visit_strike = typed_inline

    def visit_link(self, node: MdNode) -> list[Node]:
        if not (self.links and is_web_url(node.href)):  # shown, never followed
            return self.inline(node.children)
        return [{"type": "link", "url": node.href.strip(), "children": _NO_LINKS.inline(node.children)}]

    def visit_paragraph(self, node: MdNode) -> list[Node]:
        return [{"type": "paragraph", "children": self.inline(node.children)}]

    def visit_heading(self, node: MdNode) -> list[Node]:
        """No headings inside a card (they would enter the page's outline): a bold line, as in HTML."""
        return [{"type": "paragraph", "children": [{"type": "strong", "children": self.inline(node.children)}]}]

    def _list(self, node: MdNode) -> list[Node]:
        ordered = node.kind is MdKind.ORDERED_LIST
        return [{"type": "list", "ordered": ordered, "spread": False, "children": self.blocks(node.children)}]

    visit_bullet_list = visit_ordered_list = _list

    def visit_list_item(self, node: MdNode) -> list[Node]:
        return [{"type": "listItem", "spread": False, "children": self.blocks(node.children)}]

    def visit_blockquote(self, node: MdNode) -> list[Node]:
        return [{"type": "blockquote", "children": self.blocks(node.children)}]

    def visit_code_block(self, node: MdNode) -> list[Node]:
        return [{"type": "code", "value": node.text.rstrip("\n")}]

    def visit_math_block(self, node: MdNode) -> list[Node]:
        return [{"type": "math", "value": node.text}]


_LINKS = MystAstWalker()
_NO_LINKS = MystAstWalker(links=False)  # a title is itself a link, and links do not nest


def markdown_blocks(nodes: Iterable[MdNode]) -> list[Node]:
    """Block markdown nodes (an abstract) as MyST block nodes."""
    return _LINKS.blocks(nodes)


# -- the card -------------------------------------------------------------------------------------


def _badge(badge: CardBadge) -> Node:
    """The id as code (it is typed, and copied, as it is); the date and topic as text."""
    return {"type": "inlineCode", "value": badge.text} if badge.kind == "id" else _text(badge.text)


def _joined(children: Iterable[Node], separator: str) -> list[Node]:
    """Children with a text separator between them (MyST themes have no CSS of ours to space them)."""
    out: list[Node] = []
    for child in children:
        out += [_text(separator), child] if out else [child]
    return out


def _header(card: CardDescription, label: Callable[[str], str]) -> list[Node]:
    title = _NO_LINKS.inline(card.title)
    link = [{"type": "link", "url": card.title_url, "children": title}] if card.title_url else title
    out: list[Node] = [{"type": "cardTitle", "children": link}]
    if card.title_translation:
        out.append({"type": "paragraph", "class": "arxiv-title-translation",
                    "children": _NO_LINKS.inline(card.title_translation)})
    if card.authors:
        out.append({"type": "paragraph", "class": "arxiv-paper-authors",
                    "children": [_text(card.authors.text(label))]})
    out.append({"type": "paragraph", "class": "arxiv-paper-badges",
                "children": _joined(map(_badge, card.badges), " · ")})
    return out


def _abstract(card: CardDescription, label: Callable[[str], str]) -> list[Node]:
    if card.abstract is None:
        return []
    body = _LINKS.blocks(card.abstract.nodes)
    if card.abstract.mode == "full":
        return [{"type": "div", "class": "arxiv-paper-abstract", "children": body}]
    title = {"type": "summary", "children": [_text(label(card.abstract.label))]}
    return [{"type": "details", "class": "arxiv-paper-abstract", "children": [title, *body]}]


def _summary(card: CardDescription, label: Callable[[str], str]) -> list[Node]:
    """The digest's own summary or recommendation, labelled, apart from the paper's abstract."""
    if card.summary is None:
        return []
    heading = {"type": "paragraph", "class": "arxiv-summary-label",
               "children": [{"type": "strong", "children": [_text(label("Summary"))]}]}
    return [{"type": "div", "class": "arxiv-summary", "children": [heading, *_LINKS.blocks(card.summary)]}]


def _footer(card: CardDescription, label: Callable[[str], str]) -> Node:
    buttons = [
        {"type": "link", "url": button.url, "class": f"button arxiv-paper-button arxiv-paper-{button.kind}",
         "children": [_text(label(button.label))]}
        for button in card.buttons
    ]
    return {"type": "footer", "children": [{"type": "paragraph", "children": _joined(buttons, " ")}]}


def description_ast(card: CardDescription, *, index: bool = True,
                    label: Callable[[str], str] = _untranslated) -> Node:
    """One card as a MyST ``card`` node; unless ``index`` is false its label is the card's id (the
    paper's stable anchor, ``arxiv-2512-17909``), so a role or ``[](#arxiv-2512-17909)`` links to it
    from any page. ``label`` translates the card's labels (mystmd has no catalog: English by default)."""
    children = [*_header(card, label), *_abstract(card, label), *_summary(card, label), _footer(card, label)]
    node: Node = {"type": "card", "class": " ".join(card.classes[_FIRST_CLASS:]), "children": children}
    if index:
        node.update(label=card.card_id, identifier=card.card_id, html_id=card.card_id)
    return node


def card(paper: Paper, *, abstract: AbstractMode = "collapsed", classes: Sequence[str] = (),
         index: bool = True) -> Node:
    """The card of ``paper``: :func:`describe_card`, then :func:`description_ast`."""
    return description_ast(describe_card(paper, abstract=abstract, classes=classes), index=index)


def grid(papers: Sequence[Paper], *, columns: int = 2, abstract: AbstractMode = "collapsed",
         classes: Sequence[str] = (), index: bool = True) -> Node:
    """The cards in a responsive grid: one per row on phones, ``columns`` on wide screens (as the
    Sphinx grid: ``1 1 min(columns, 2) columns``)."""
    return {"type": "grid", "columns": [1, 1, min(columns, 2), columns], "class": "arxiv-digest",
            "children": [card(paper, abstract=abstract, classes=classes, index=index) for paper in papers]}


def paper_link(paper: Paper | None, arxiv_id: str, version: int | None, *, text: str | None = None,
               local: bool = False) -> Node:
    """The ``arxiv`` role: the paper's title (or ``text``) linked to its card when ``local`` (a card of
    this project shows it), else to its arXiv page. The title is the card's, so both read alike."""
    if paper is not None:
        title = describe_card(paper, abstract="none").title
        children = [_text(text)] if text else _NO_LINKS.inline(title)
        url = f"#{paper.anchor}" if local else paper.abs_url
    else:
        children = [_text(text or f"arXiv:{arxiv_id}" + (f"v{version}" if version else ""))]
        url = f"https://arxiv.org/abs/{arxiv_id}" + (f"v{version}" if version else "")
    return {"type": "link", "url": url, "class": "arxiv-paper-ref", "children": children}
