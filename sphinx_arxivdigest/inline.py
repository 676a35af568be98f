"""Cell markdown -> docutils nodes, through markdown-it-py tokens.

Digest text comes from bots and the web, so raw HTML is never passed through (markdown-it runs with
``html`` off, which keeps tags as visible text), and links are kept only for http(s) and mailto URLs.
Math (``$...$``) becomes docutils math nodes so that Sphinx's math set-up (MathJax, LaTeX) renders it.
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

from docutils import nodes
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.gfm_autolink import gfm_autolink_plugin

__all__ = ["is_safe_url", "markdown_to_nodes", "markdown_to_inline_nodes"]

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


def is_safe_url(url: str) -> bool:
    """Only http(s) and mailto links are made clickable; ``javascript:``, ``data:`` etc. are not."""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return False
    return scheme in SAFE_SCHEMES


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("strikethrough")
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    md.use(gfm_autolink_plugin)
    return md


_BLOCK_OPEN = {
    "paragraph_open": lambda t: nodes.paragraph(),
    "bullet_list_open": lambda t: nodes.bullet_list(bullet="-"),
    "ordered_list_open": lambda t: nodes.enumerated_list(enumtype="arabic"),
    "list_item_open": lambda t: nodes.list_item(),
    "blockquote_open": lambda t: nodes.block_quote(),
    "heading_open": lambda t: nodes.paragraph(classes=["arxiv-heading"]),
}
_INLINE_OPEN = {
    "strong_open": lambda t: nodes.strong(),
    "em_open": lambda t: nodes.emphasis(),
    "s_open": lambda t: nodes.inline(classes=["arxiv-strike"]),
}


def _link(token: Token) -> nodes.Element:
    href = str(token.attrGet("href") or "")
    if is_safe_url(href):
        return nodes.reference(refuri=href, classes=["arxiv-link"])
    return nodes.inline(classes=["arxiv-unsafe-link"])


def _append_inline(parent: nodes.Element, children: list[Token]) -> None:
    stack: list[nodes.Element] = [parent]
    for token in children:
        kind = token.type
        if kind == "text":
            stack[-1] += nodes.Text(token.content)
        elif kind in ("softbreak", "hardbreak"):
            stack[-1] += nodes.Text("\n" if kind == "hardbreak" else " ")
        elif kind == "code_inline":
            stack[-1] += nodes.literal(token.content, token.content)
        elif kind in ("math_inline", "math_inline_double"):
            stack[-1] += nodes.math(token.content, token.content)
        elif kind in _INLINE_OPEN:
            node = _INLINE_OPEN[kind](token)
            stack[-1] += node
            stack.append(node)
        elif kind == "link_open":
            node = _link(token)
            stack[-1] += node
            stack.append(node)
        elif kind.endswith("_close") and len(stack) > 1:
            stack.pop()
        elif kind == "image":
            src = str(token.attrGet("src") or "")
            alt = token.content or src
            # Images are not embedded (no remote loads from digest text); their link is kept.
            stack[-1] += nodes.reference(alt, alt, refuri=src) if is_safe_url(src) else nodes.Text(alt)
        else:  # html_inline cannot occur with html off; anything unknown is shown as its source
            stack[-1] += nodes.Text(token.content)


def markdown_to_inline_nodes(text: str) -> list[nodes.Node]:
    """One line of markdown (a title, an author list) as inline nodes."""
    holder = nodes.inline()
    tokens = _parser().parseInline(text)
    for token in tokens:
        _append_inline(holder, token.children or [])
    return list(holder.children)


def markdown_to_nodes(text: str) -> list[nodes.Node]:
    """A cell of markdown (an abstract) as block nodes: paragraphs, lists, code, math."""
    root = nodes.container()
    stack: list[nodes.Element] = [root]
    for token in _parser().parse(text):
        kind = token.type
        if kind in _BLOCK_OPEN:
            node = _BLOCK_OPEN[kind](token)
            stack[-1] += node
            stack.append(node)
        elif kind.endswith("_close") and len(stack) > 1:
            stack.pop()
        elif kind == "inline":
            _append_inline(stack[-1], token.children or [])
        elif kind in ("fence", "code_block"):
            stack[-1] += nodes.literal_block(token.content, token.content.rstrip("\n"))
        elif kind in ("math_block", "math_block_label"):
            stack[-1] += nodes.math_block(token.content, token.content, nowrap=False, number=None)
        elif kind == "hr":
            continue
        elif token.content:
            stack[-1] += nodes.paragraph(token.content, token.content)
    return list(root.children)
