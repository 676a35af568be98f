"""Papers as MyST AST (the JSON tree mystmd and Jupyter Book 2 render), for the mystmd plugin.

The same card as everywhere else — title linked to arXiv, authors, id and date, the abstract (in a
``details`` dropdown when collapsed), PDF and arXiv buttons — built from the package's one markdown
tree (:func:`~sphinx_arxivdigest.markdown.parse_markdown`), so math becomes ``inlineMath`` and
links become ``link`` nodes by the same rules as the HTML card: only http(s) URLs are followed.
No Sphinx and no docutils here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, get_args

from ..markdown import MdNode, parse_markdown, parse_markdown_inline
from ..model import AbstractMode, Paper, is_web_url

__all__ = ["ABSTRACT_MODES", "MAX_COLUMNS", "Node", "card", "grid", "markdown_blocks", "paper_link"]

#: A MyST AST node (JSON object).
Node = dict[str, Any]

#: The ``abstract`` option's values: the HTML card's modes.
ABSTRACT_MODES: tuple[str, ...] = get_args(AbstractMode)
#: The ``columns`` option runs from 1 to this, as in the Sphinx directive.
MAX_COLUMNS = 4

_INLINE_TYPES = {"strong": "strong", "em": "emphasis", "strike": "delete"}


def _text(value: str) -> Node:
    return {"type": "text", "value": value}


def _inline(nodes: Iterable[MdNode], links: bool = True) -> list[Node]:
    """Inline markdown nodes; ``links=False`` keeps only a link's text (inside the title's link)."""
    out: list[Node] = []
    for node in nodes:
        kind = node.kind
        if kind == "text":
            out.append(_text(node.text))
        elif kind == "break":
            out.append(_text(" "))
        elif kind == "code":
            out.append({"type": "inlineCode", "value": node.text})
        elif kind == "math":
            out.append({"type": "inlineMath", "value": node.text})
        elif kind in _INLINE_TYPES:
            out.append({"type": _INLINE_TYPES[kind], "children": _inline(node.children, links)})
        elif kind == "link" and links and is_web_url(node.href):
            out.append({"type": "link", "url": node.href.strip(), "children": _inline(node.children, False)})
        else:  # a link not followed (unsafe scheme, or inside a link) shows its text
            out.extend(_inline(node.children, links))
    return out


def markdown_blocks(nodes: Iterable[MdNode]) -> list[Node]:
    """Block markdown nodes (an abstract) as MyST block nodes."""
    out: list[Node] = []
    for node in nodes:
        kind = node.kind
        if kind == "paragraph":
            out.append({"type": "paragraph", "children": _inline(node.children)})
        elif kind == "heading":  # no headings inside a card: a bold line, as in the HTML card
            out.append({"type": "paragraph", "children": [{"type": "strong", "children": _inline(node.children)}]})
        elif kind in ("bullet_list", "ordered_list"):
            items = [{"type": "listItem", "spread": False, "children": markdown_blocks(item.children)}
                     for item in node.children]
            out.append({"type": "list", "ordered": kind == "ordered_list", "spread": False, "children": items})
        elif kind == "list_item":
            out.append({"type": "listItem", "spread": False, "children": markdown_blocks(node.children)})
        elif kind == "blockquote":
            out.append({"type": "blockquote", "children": markdown_blocks(node.children)})
        elif kind == "code_block":
            out.append({"type": "code", "value": node.text.rstrip("\n")})
        elif kind == "math_block":
            out.append({"type": "math", "value": node.text})
        else:  # inline nodes at block level
            out.append({"type": "paragraph", "children": _inline([node])})
    return out


def _authors(paper: Paper) -> str:
    names = ", ".join(paper.authors)
    if paper.authors_truncated:
        names = f"{names} et al." if names else "et al."
    return names


def _title(paper: Paper) -> list[Node]:
    return _inline(parse_markdown_inline(paper.title), links=False) or [_text(paper.arxiv_id)]


def _button(label: str, url: str, kind: str) -> Node:
    return {"type": "link", "url": url, "class": f"button arxiv-paper-button arxiv-paper-{kind}",
            "children": [_text(label)]}


def card(paper: Paper, *, abstract: str = "collapsed", classes: Sequence[str] = (), index: bool = True) -> Node:
    """One paper's card; unless ``index`` is false its label is the paper's stable anchor
    (``arxiv-2512-17909``), so a role or ``[](#arxiv-2512-17909)`` links to it from any page."""
    children: list[Node] = [
        {"type": "cardTitle", "children": [{"type": "link", "url": paper.abs_url, "children": _title(paper)}]}
    ]
    if paper.authors or paper.authors_truncated:
        children.append({"type": "paragraph", "class": "arxiv-paper-authors", "children": [_text(_authors(paper))]})
    meta = [{"type": "inlineCode", "value": f"arXiv:{paper.versioned_id}"}]
    if paper.date:
        meta += [_text(" · "), _text(paper.date.isoformat())]
    if paper.topic:
        meta += [_text(" · "), _text(paper.topic)]
    children.append({"type": "paragraph", "class": "arxiv-paper-badges", "children": meta})
    if abstract != "none" and paper.abstract.strip():
        body = markdown_blocks(parse_markdown(paper.abstract))
        if abstract == "collapsed":
            children.append({"type": "details", "class": "arxiv-paper-abstract",
                             "children": [{"type": "summary", "children": [_text("Abstract")]}, *body]})
        else:
            children.append({"type": "div", "class": "arxiv-paper-abstract", "children": body})
    buttons: list[Node] = []
    links = (("PDF", paper.pdf_url, "pdf"), ("arXiv", paper.abs_url, "abs"), ("Code", paper.code_url, "code"))
    for label, url, kind in links:
        if url and is_web_url(url):
            buttons += [_text(" ")] if buttons else []
            buttons.append(_button(label, url, kind))
    children.append({"type": "footer", "children": [{"type": "paragraph", "children": buttons}]})
    node: Node = {"type": "card", "class": " ".join(["arxiv-paper", *classes]), "children": children}
    if index:
        node.update(label=paper.anchor, identifier=paper.anchor, html_id=paper.anchor)
    return node


def grid(papers: Sequence[Paper], *, columns: int = 2, abstract: str = "collapsed", classes: Sequence[str] = (),
         index: bool = True) -> Node:
    """The cards in a responsive grid: one per row on phones, ``columns`` on wide screens."""
    return {"type": "grid", "columns": [1, 1, min(columns, 2), columns], "class": "arxiv-digest",
            "children": [card(paper, abstract=abstract, classes=classes, index=index) for paper in papers]}


def paper_link(paper: Paper | None, arxiv_id: str, version: int | None, *, text: str | None = None,
               local: bool = False) -> Node:
    """The ``arxiv`` role: the paper's title (or ``text``) linked to its card when ``local`` (a card of
    this project shows it), else to its arXiv page."""
    if paper is not None:
        children = [_text(text)] if text else _title(paper)
        url = f"#{paper.anchor}" if local else paper.abs_url
    else:
        children = [_text(text or f"arXiv:{arxiv_id}" + (f"v{version}" if version else ""))]
        url = f"https://arxiv.org/abs/{arxiv_id}" + (f"v{version}" if version else "")
    return {"type": "link", "url": url, "class": "arxiv-paper-ref", "children": children}
