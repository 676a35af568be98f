"""Digest markdown as a small tree of :class:`MdNode`, parsed once with markdown-it-py.

Every output walks this tree: docutils nodes for Sphinx (``inline.py``), HTML for notebooks
(``jupyter.py``), MyST and rST pages (``pages.py``), BibTeX/LaTeX (``export.py``). Raw HTML is off
(tags stay text); ``$math$`` and bare URLs are recognised; link targets are kept unchecked here and
every renderer links only what :func:`sphinx_arxivdigest.model.is_web_url` accepts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin

from .markdown_compat import use_autolinks

__all__ = ["MdNode", "parse_markdown", "parse_markdown_inline", "plain_text"]

@dataclass(slots=True)
class MdNode:
    """One markdown element. Blocks: ``paragraph``, ``bullet_list``, ``ordered_list``, ``list_item``,
    ``blockquote``, ``heading``, ``code_block``, ``math_block``. Inline: ``text``, ``code``, ``math``,
    ``strong``, ``em``, ``strike``, ``link`` (``href`` unchecked: renderers call :func:`is_web_url`),
    ``break``. ``text`` holds the content of leaves; ``tight`` marks paragraphs of tight lists."""

    kind: str
    text: str = ""
    children: list[MdNode] = field(default_factory=list)
    href: str = ""
    tight: bool = False


@cache
def _parser() -> MarkdownIt:
    """CommonMark with raw HTML off (tags stay text), ``$math$`` and bare URLs, like ``inline.py``."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("strikethrough")
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    use_autolinks(md)
    return md


_BLOCKS = {
    "paragraph_open": "paragraph", "bullet_list_open": "bullet_list", "ordered_list_open": "ordered_list",
    "list_item_open": "list_item", "blockquote_open": "blockquote", "heading_open": "heading",
}
_INLINES = {"strong_open": "strong", "em_open": "em", "s_open": "strike", "link_open": "link"}


def _inline_nodes(tokens: Sequence[Token]) -> list[MdNode]:
    root = MdNode("root")
    stack = [root]
    for token in tokens:
        kind = token.type
        if kind in _INLINES:
            node = MdNode(_INLINES[kind], href=str(token.attrGet("href") or ""))
            stack[-1].children.append(node)
            stack.append(node)
        elif kind.endswith("_close"):
            if len(stack) > 1:
                stack.pop()
        elif kind in ("softbreak", "hardbreak"):
            stack[-1].children.append(MdNode("break"))
        elif kind == "code_inline":
            stack[-1].children.append(MdNode("code", token.content))
        elif kind in ("math_inline", "math_inline_double"):
            stack[-1].children.append(MdNode("math", token.content))
        elif kind == "image":  # never embedded (no remote loads from digest text): a link to it
            alt = _inline_nodes(token.children or []) or [MdNode("text", str(token.attrGet("src") or ""))]
            stack[-1].children.append(MdNode("link", href=str(token.attrGet("src") or ""), children=alt))
        else:  # text, and anything unknown shown as its source text
            stack[-1].children.append(MdNode("text", token.content))
    return root.children


def parse_markdown(text: str) -> list[MdNode]:
    """A cell of markdown (an abstract) as block nodes."""
    root = MdNode("root")
    stack = [root]
    for token in _parser().parse(text):
        kind = token.type
        if kind in _BLOCKS:
            node = MdNode(_BLOCKS[kind], tight=token.hidden)
            stack[-1].children.append(node)
            stack.append(node)
        elif kind.endswith("_close"):
            if len(stack) > 1:
                stack.pop()
        elif kind == "inline":
            stack[-1].children.extend(_inline_nodes(token.children or []))
        elif kind in ("fence", "code_block"):
            stack[-1].children.append(MdNode("code_block", token.content))
        elif kind in ("math_block", "math_block_label"):
            stack[-1].children.append(MdNode("math_block", token.content.strip("\n")))
        elif kind != "hr" and token.content:  # html_block cannot occur with html off
            stack[-1].children.append(MdNode("paragraph", children=[MdNode("text", token.content)]))
    return root.children


def parse_markdown_inline(text: str) -> list[MdNode]:
    """One line of markdown (a title) as inline nodes: ``1. Intro`` stays text, not a list."""
    found: list[MdNode] = []
    for token in _parser().parseInline(text):
        found.extend(_inline_nodes(token.children or []))
    return found


_LEAF_BLOCKS = ("code_block", "math_block")


def _walk_text(nodes: Iterable[MdNode], math: Callable[[str], str]) -> Iterator[str]:
    for node in nodes:
        if node.kind in ("text", "code") or node.kind in _LEAF_BLOCKS:
            yield node.text
        elif node.kind == "math":
            yield math(node.text)
        elif node.kind == "break":
            yield " "
        else:
            yield from _walk_text(node.children, math)
        if node.kind in _LEAF_BLOCKS or node.kind in _BLOCKS.values():
            yield " "  # list items and paragraphs must not run into each other


def plain_text(nodes: Iterable[MdNode], *, keep_math: bool = True) -> str:
    """The text of inline or block nodes on one line (exports want one line per field); math is
    kept as ``$...$`` unless ``keep_math`` is false."""
    math: Callable[[str], str] = (lambda m: f"${m}$") if keep_math else (lambda m: m)
    return re.sub(r"\s+", " ", "".join(_walk_text(nodes, math))).strip()
