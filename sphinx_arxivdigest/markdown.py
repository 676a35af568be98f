"""Digest markdown as a small tree of :class:`MdNode`, parsed once with markdown-it-py.

Every output walks this tree with a subclass of :class:`MarkdownWalker`: HTML for cards
(``formats/card_html.py``), docutils nodes (``sphinx/markdown_nodes.py``), MyST and rST pages
(``formats/pages.py``), LaTeX for BibTeX (``formats/bibtex.py``) and plain text (here). Raw HTML is off
(tags stay text); ``$math$`` and bare URLs are recognised; link targets are kept unchecked here and
every renderer links only what :func:`sphinx_arxivdigest.model.is_web_url` accepts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Any, ClassVar, Generic, TypeVar

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin

from .markdown_compat import use_autolinks

__all__ = [
    "MarkdownWalker", "MdKind", "MdNode", "PlainTextWalker", "block_plain", "inline_plain", "parse_markdown",
    "parse_markdown_inline", "plain_text", "text_start",
]

T = TypeVar("T")


class MdKind(StrEnum):
    """What an :class:`MdNode` is. A ``StrEnum``, so ``node.kind == "text"`` still holds; walkers
    dispatch on it (:class:`MarkdownWalker`), so a misspelt kind fails at class creation, not silently."""

    ROOT = "root"
    # blocks
    PARAGRAPH = "paragraph"
    BULLET_LIST = "bullet_list"
    ORDERED_LIST = "ordered_list"
    LIST_ITEM = "list_item"
    BLOCKQUOTE = "blockquote"
    HEADING = "heading"
    CODE_BLOCK = "code_block"
    MATH_BLOCK = "math_block"
    # inline
    TEXT = "text"
    CODE = "code"
    MATH = "math"
    STRONG = "strong"
    EM = "em"
    STRIKE = "strike"
    LINK = "link"
    BREAK = "break"

    @property
    def is_block(self) -> bool:
        """Paragraphs, lists, items, quotes, headings and code/math blocks (text must not run on)."""
        return self in _BLOCK_KINDS


_BLOCK_KINDS = frozenset({
    MdKind.PARAGRAPH, MdKind.BULLET_LIST, MdKind.ORDERED_LIST, MdKind.LIST_ITEM, MdKind.BLOCKQUOTE,
    MdKind.HEADING, MdKind.CODE_BLOCK, MdKind.MATH_BLOCK,
})


@dataclass(slots=True)
class MdNode:
    """One markdown element of kind :class:`MdKind`. ``text`` holds the content of leaves
    (``text``, ``code``, ``math``, ``code_block``, ``math_block``); ``href`` of a ``link`` is kept
    unchecked (renderers call :func:`is_web_url`); ``tight`` marks paragraphs of tight lists."""

    kind: MdKind
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
    "paragraph_open": MdKind.PARAGRAPH, "bullet_list_open": MdKind.BULLET_LIST,
    "ordered_list_open": MdKind.ORDERED_LIST, "list_item_open": MdKind.LIST_ITEM,
    "blockquote_open": MdKind.BLOCKQUOTE, "heading_open": MdKind.HEADING,
}
_INLINES = {"strong_open": MdKind.STRONG, "em_open": MdKind.EM, "s_open": MdKind.STRIKE, "link_open": MdKind.LINK}


def _inline_nodes(tokens: Sequence[Token]) -> list[MdNode]:
    root = MdNode(MdKind.ROOT)
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
            stack[-1].children.append(MdNode(MdKind.BREAK))
        elif kind == "code_inline":
            stack[-1].children.append(MdNode(MdKind.CODE, token.content))
        elif kind in ("math_inline", "math_inline_double"):
            stack[-1].children.append(MdNode(MdKind.MATH, token.content))
        elif kind == "image":  # never embedded (no remote loads from digest text): a link to it
            alt = _inline_nodes(token.children or []) or [MdNode(MdKind.TEXT, str(token.attrGet("src") or ""))]
            stack[-1].children.append(MdNode(MdKind.LINK, href=str(token.attrGet("src") or ""), children=alt))
        else:  # text, and anything unknown shown as its source text
            stack[-1].children.append(MdNode(MdKind.TEXT, token.content))
    return root.children


def parse_markdown(text: str) -> list[MdNode]:
    """A cell of markdown (an abstract) as block nodes."""
    root = MdNode(MdKind.ROOT)
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
            stack[-1].children.append(MdNode(MdKind.CODE_BLOCK, token.content))
        elif kind in ("math_block", "math_block_label"):
            stack[-1].children.append(MdNode(MdKind.MATH_BLOCK, token.content.strip("\n")))
        elif kind != "hr" and token.content:  # html_block cannot occur with html off
            stack[-1].children.append(MdNode(MdKind.PARAGRAPH, children=[MdNode(MdKind.TEXT, token.content)]))
    return root.children


def parse_markdown_inline(text: str) -> list[MdNode]:
    """One line of markdown (a title) as inline nodes: ``1. Intro`` stays text, not a list."""
    found: list[MdNode] = []
    for token in _parser().parseInline(text):
        found.extend(_inline_nodes(token.children or []))
    return found


class MarkdownWalker(Generic[T]):
    """The one walk over a markdown tree; each output format is a subclass.

    :meth:`visit` looks a node's kind up in a table built once per class: ``visit_<kind>`` when the
    class (or a base) defines it, else :meth:`default`, which walks the children and hands their
    results to :meth:`combine`. A new format overrides the few kinds it treats differently.
    """

    _table: ClassVar[dict[MdKind, Callable[[Any, MdNode], Any]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._table = {kind: getattr(cls, f"visit_{kind.value}", cls.default) for kind in MdKind}
        unknown = [name for name in vars(cls) if name.startswith("visit_") and name[6:] not in _KIND_NAMES]
        if unknown:  # a typo would otherwise be a method nobody calls
            raise TypeError(f"{cls.__name__}: no markdown kind for {', '.join(unknown)}")

    def visit(self, node: MdNode) -> T:
        """The output of one node."""
        return self._table[node.kind](self, node)

    def walk(self, nodes: Iterable[MdNode]) -> list[T]:
        """The outputs of ``nodes``, in order."""
        return [self.visit(node) for node in nodes]

    def default(self, node: MdNode) -> T:
        """Kinds without a ``visit_<kind>``: the children's outputs, combined."""
        return self.combine(node, self.walk(node.children))

    def combine(self, node: MdNode, parts: list[T]) -> T:
        """The output of ``node`` from its children's outputs; formats whose default is used define it."""
        raise NotImplementedError(f"{type(self).__name__} does not render {node.kind!s} nodes")


_KIND_NAMES = frozenset(kind.value for kind in MdKind)


class PlainTextWalker(MarkdownWalker[str]):
    """Text on one line, as exports want: leaves give their text, blocks end in a space so that list
    items and paragraphs do not run into each other; math stays ``$...$`` unless ``keep_math`` is false."""

    def __init__(self, *, keep_math: bool = True) -> None:
        self.keep_math = keep_math

    def combine(self, node: MdNode, parts: list[str]) -> str:
        return "".join(parts) + (" " if node.kind.is_block else "")

    def leaf(self, node: MdNode) -> str:
        return node.text + (" " if node.kind.is_block else "")

    visit_text = visit_code = visit_code_block = visit_math_block = leaf

    def visit_math(self, node: MdNode) -> str:
        return f"${node.text}$" if self.keep_math else node.text

    def visit_break(self, node: MdNode) -> str:
        return " "


def plain_text(nodes: Iterable[MdNode], *, keep_math: bool = True) -> str:
    """The text of inline or block nodes on one line (exports want one line per field); math is
    kept as ``$...$`` unless ``keep_math`` is false."""
    return re.sub(r"\s+", " ", "".join(PlainTextWalker(keep_math=keep_math).walk(nodes))).strip()


_INLINE_MARKUP = re.compile(r"[*_`\[\]\\<>&$~!]")


def inline_plain(text: str) -> str:
    """A title or a name as plain text: its markdown read and the marks dropped, math kept as
    ``$...$``. Link texts of cross-references, index entries and feed titles show this, never the
    raw ``**bold**`` of a digest; most titles have no markup and skip the parser."""
    if not _INLINE_MARKUP.search(text):
        return " ".join(text.split())
    return plain_text(parse_markdown_inline(text))


def block_plain(text: str) -> str:
    """An abstract as one line of plain text (a feed's summary), math kept as ``$...$``."""
    return plain_text(parse_markdown(text)) if _INLINE_MARKUP.search(text) else " ".join(text.split())


def text_start(text: str, limit: int, ellipsis: str = "") -> str:
    """The first ``limit`` characters of ``text``, cut at a space in their second half (anywhere
    when there is none: Chinese or Japanese text has no spaces between words), ``ellipsis``
    appended when something was cut. The search index and the hover preview both show the start of
    an abstract this way."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip() + ellipsis
