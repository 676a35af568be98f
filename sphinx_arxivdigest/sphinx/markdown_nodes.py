"""Cell markdown -> docutils nodes, by walking the markdown tree of :mod:`.markdown_tree`.

Digest text comes from bots and the web: raw HTML is never passed through (it stays visible text),
links are made only for http(s) URLs, and images are not embedded (a link to them is kept). Math
(``$...$``) becomes docutils math nodes so that Sphinx's math set-up (MathJax, LaTeX) renders it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from docutils import nodes

from ..markdown import MdNode, parse_markdown, parse_markdown_inline
from ..model import is_web_url

__all__ = ["markdown_to_inline_nodes", "markdown_to_nodes"]

_ELEMENTS: dict[str, Callable[[], nodes.Element]] = {
    "paragraph": nodes.paragraph,
    "heading": lambda: nodes.paragraph(classes=["arxiv-heading"]),
    "bullet_list": lambda: nodes.bullet_list(bullet="-"),
    "ordered_list": lambda: nodes.enumerated_list(enumtype="arabic"),
    "list_item": nodes.list_item,
    "blockquote": nodes.block_quote,
    "strong": nodes.strong,
    "em": nodes.emphasis,
    "strike": lambda: nodes.inline(classes=["arxiv-strike"]),
}


def _convert(node: MdNode) -> nodes.Node:
    kind = node.kind
    if kind == "text":
        return nodes.Text(node.text)
    if kind == "break":
        return nodes.Text(" ")
    if kind == "code":
        return nodes.literal(node.text, node.text)
    if kind == "math":
        return nodes.math(node.text, node.text)
    if kind == "code_block":
        return nodes.literal_block(node.text, node.text.rstrip("\n"))
    if kind == "math_block":
        return nodes.math_block(node.text, node.text, nowrap=False, number=None)
    if kind == "link":
        element: nodes.Element = (
            nodes.reference(refuri=node.href, classes=["arxiv-link"])
            if is_web_url(node.href)
            else nodes.inline(classes=["arxiv-unsafe-link"])  # its text is shown, never followed
        )
    else:
        element = _ELEMENTS.get(kind, nodes.inline)()
    element.extend(_convert(child) for child in node.children)
    return element


def _convert_all(tree: Iterable[MdNode]) -> list[nodes.Node]:
    return [_convert(node) for node in tree]


def markdown_to_inline_nodes(text: str) -> list[nodes.Node]:
    """One line of markdown (a title) as inline nodes."""
    return _convert_all(parse_markdown_inline(text))


def markdown_to_nodes(text: str) -> list[nodes.Node]:
    """A cell of markdown (an abstract) as block nodes: paragraphs, lists, code, math."""
    return _convert_all(parse_markdown(text))
