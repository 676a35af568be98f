"""Cell markdown -> docutils nodes, by walking the markdown tree of :mod:`sphinx_arxivdigest.markdown`.

Digest text comes from bots and the web: raw HTML is never passed through (it stays visible text),
links are made only for http(s) URLs, and images are not embedded (a link to them is kept). Math
(``$...$``) becomes docutils math nodes so that Sphinx's math set-up (MathJax, LaTeX) renders it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from docutils import nodes

from ..markdown import MarkdownWalker, MdKind, MdNode, parse_markdown, parse_markdown_inline
from ..model import is_web_url

__all__ = ["DocutilsWalker", "markdown_to_inline_nodes", "markdown_to_nodes", "md_to_nodes"]

_ELEMENTS: dict[MdKind, Callable[[], nodes.Element]] = {
    MdKind.PARAGRAPH: nodes.paragraph,
    MdKind.HEADING: lambda: nodes.paragraph(classes=["arxiv-heading"]),
    MdKind.BULLET_LIST: lambda: nodes.bullet_list(bullet="-"),
    MdKind.ORDERED_LIST: lambda: nodes.enumerated_list(enumtype="arabic"),
    MdKind.LIST_ITEM: nodes.list_item,
    MdKind.BLOCKQUOTE: nodes.block_quote,
    MdKind.STRONG: nodes.strong,
    MdKind.EM: nodes.emphasis,
    MdKind.STRIKE: lambda: nodes.inline(classes=["arxiv-strike"]),
}


class DocutilsWalker(MarkdownWalker[nodes.Node]):
    """One docutils node per markdown node: elements hold their children's nodes, leaves are text,
    literals and math."""

    def combine(self, node: MdNode, parts: list[nodes.Node]) -> nodes.Node:
        element = _ELEMENTS.get(node.kind, nodes.inline)()
        element.extend(parts)
        return element

    def visit_text(self, node: MdNode) -> nodes.Node:
        return nodes.Text(node.text)

    def visit_break(self, node: MdNode) -> nodes.Node:
        return nodes.Text(" ")

    def visit_code(self, node: MdNode) -> nodes.Node:
        return nodes.literal(node.text, node.text)

    def visit_math(self, node: MdNode) -> nodes.Node:
        return nodes.math(node.text, node.text)

    def visit_code_block(self, node: MdNode) -> nodes.Node:
        return nodes.literal_block(node.text, node.text.rstrip("\n"))

    def visit_math_block(self, node: MdNode) -> nodes.Node:
        return nodes.math_block(node.text, node.text, nowrap=False, number=None)

    def visit_link(self, node: MdNode) -> nodes.Node:
        element: nodes.Element = (
            nodes.reference(refuri=node.href, classes=["arxiv-link"])
            if is_web_url(node.href)
            else nodes.inline(classes=["arxiv-unsafe-link"])  # its text is shown, never followed
        )
        element.extend(self.walk(node.children))
        return element


def md_to_nodes(tree: Iterable[MdNode]) -> list[nodes.Node]:
    """Parsed markdown (a card description's title or abstract) as docutils nodes."""
    return DocutilsWalker().walk(tree)


def markdown_to_inline_nodes(text: str) -> list[nodes.Node]:
    """One line of markdown (a title) as inline nodes."""
    return md_to_nodes(parse_markdown_inline(text))


def markdown_to_nodes(text: str) -> list[nodes.Node]:
    """A cell of markdown (an abstract) as block nodes: paragraphs, lists, code, math."""
    return md_to_nodes(parse_markdown(text))
