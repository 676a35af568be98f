"""A paper's card as one HTML string, for Sphinx's HTML builders and for Jupyter.

The Sphinx cards used to be trees of about fifty docutils nodes each, which every transform of a
10,000-card page walked; writing the card here in one piece is what keeps such pages cheap. The
markup copies sphinx-design's card, grid column and dropdown so that its stylesheet applies.
Everything that differs between a Sphinx page and a notebook (math, translated labels, link
attributes and classes, the class of inline code) comes in a :class:`CardStyle`.

Digest text comes from bots and the web: every text goes through :func:`html.escape`, raw HTML in
a digest stays visible text (markdown-it with ``html`` off), only http(s) URLs become links, and
images are never loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from typing import Literal

from .markdown_tree import MdNode, parse_markdown, parse_markdown_inline
from .model import Paper, is_web_url

__all__ = ["AbstractMode", "CARD_CLASSES", "CardStyle", "card_html", "markdown_html"]

AbstractMode = Literal["full", "collapsed", "none"]

# sphinx-design's dropdown marker (GitHub octicon "chevron-right", MIT), as sphinx-design writes it.
_CHEVRON = (
    '<span class="sd-summary-state-marker sd-summary-chevron-right"><svg version="1.1" width="1.5em" '
    'height="1.5em" class="sd-octicon sd-octicon-chevron-right" viewBox="0 0 24 24" aria-hidden="true">'
    '<path d="M8.72 18.78a.75.75 0 0 1 0-1.06L14.44 12 8.72 6.28a.751.751 0 0 1 .018-1.042.751.751 0 0 1 '
    '1.042-.018l6.25 6.25a.75.75 0 0 1 0 1.06l-6.25 6.25a.75.75 0 0 1-1.06 0Z"></path></svg></span>'
)
#: sphinx-design's card classes, then the package's: every card has them, in every output.
CARD_CLASSES = ("sd-card", "sd-sphinx-override", "sd-mb-3", "sd-shadow-sm", "sd-w-100", "arxiv-paper")
_BUTTON = "sd-sphinx-override sd-btn sd-btn-sm sd-text-wrap arxiv-paper-button"
_INLINE_TAGS = {"strong": "strong", "em": "em", "strike": "del"}
_BLOCK_TAGS = {"bullet_list": "ul", "ordered_list": "ol", "list_item": "li", "blockquote": "blockquote"}


def _dollar_math(latex: str, display: bool) -> str:
    """Math left as ``$...$`` text: notebooks that typeset output math pick it up."""
    if display:
        return f'<div class="math">$${escape(latex)}$$</div>'
    return f'<span class="math">${escape(latex)}$</span>'


def _untranslated(message: str) -> str:
    return message


@dataclass(frozen=True)
class CardStyle:
    """What a Sphinx page and a notebook do differently."""

    #: ``(latex, display) -> HTML``; Sphinx passes its math renderer (MathJax, imgmath...).
    math: Callable[[str, bool], str] = _dollar_math
    #: Translates the card's labels ("Abstract", "PDF", "et al."...).
    label: Callable[[str], str] = _untranslated
    #: Classes added to every link (Sphinx's ``reference external``).
    link_classes: str = ""
    #: Attributes added to every link, with a leading space.
    link_attributes: str = ' rel="noopener noreferrer" target="_blank"'
    #: ``<code>`` class of inline code.
    code_class: str = ""


class _Renderer:
    """Markdown tree and paper fields -> HTML, in one :class:`CardStyle`."""

    def __init__(self, style: CardStyle) -> None:
        self.style = style
        self.code_open = f'<code class="{style.code_class}">' if style.code_class else "<code>"

    def link(self, href: str, inner: str, classes: str, title: str = "") -> str:
        if not is_web_url(href):  # shown, never followed
            return f'<span class="arxiv-unsafe-link">{inner}</span>'
        extra = f" {self.style.link_classes}" if self.style.link_classes else ""
        title_attribute = f' title="{title}"' if title else ""
        return (
            f'<a class="{classes}{extra}" href="{escape(href.strip())}"{title_attribute}{self.style.link_attributes}>'
            f"{inner}</a>"
        )

    def inline(self, nodes: Iterable[MdNode], links: bool = True) -> str:
        """Inline nodes; ``links=False`` keeps only the text of links (inside a title's own link)."""
        parts = []
        for node in nodes:
            kind = node.kind
            if kind == "text":
                parts.append(escape(node.text))
            elif kind == "break":
                parts.append(" ")
            elif kind == "code":
                parts.append(f"{self.code_open}{escape(node.text)}</code>")
            elif kind == "math":
                parts.append(self.style.math(node.text, False))
            elif kind in _INLINE_TAGS:
                tag = _INLINE_TAGS[kind]
                parts.append(f"<{tag}>{self.inline(node.children, links)}</{tag}>")
            elif kind == "link" and links:
                parts.append(self.link(node.href, self.inline(node.children, False), "arxiv-link"))
            else:
                parts.append(self.inline(node.children, links))
        return "".join(parts)

    def blocks(self, nodes: Iterable[MdNode]) -> str:
        parts = []
        for node in nodes:
            kind = node.kind
            if kind == "paragraph":
                inner = self.inline(node.children)
                parts.append(inner if node.tight else f'<p class="sd-card-text">{inner}</p>')
            elif kind == "heading":
                parts.append(f'<p class="sd-card-text arxiv-heading"><strong>{self.inline(node.children)}</strong></p>')
            elif kind in _BLOCK_TAGS:
                tag = _BLOCK_TAGS[kind]
                parts.append(f"<{tag}>{self.blocks(node.children)}</{tag}>")
            elif kind == "code_block":
                parts.append(f"<pre><code>{escape(node.text)}</code></pre>")
            elif kind == "math_block":
                parts.append(self.style.math(node.text, True))
            else:
                parts.append(self.inline([node]))
        return "\n".join(parts)

    # -- the card ----------------------------------------------------------------------------------

    def authors(self, paper: Paper) -> str:
        names = ", ".join(paper.authors)
        if paper.authors_truncated:
            et_al = self.style.label("et al.")
            names = f"{names} {et_al}" if names else et_al
        return names

    def header(self, paper: Paper) -> str:
        title = self.inline(parse_markdown_inline(paper.title), links=False) or escape(paper.arxiv_id)
        html = [
            '<div class="sd-card-header arxiv-paper-header"><p class="sd-card-title arxiv-paper-title">'
            f"{self.link(paper.abs_url, title, 'arxiv-paper-title-link')}</p>"
        ]
        if paper.title_translation:
            translation = self.inline(parse_markdown_inline(paper.title_translation), links=False)
            html.append(f'<p class="arxiv-title-translation">{translation}</p>')
        if paper.authors or paper.authors_truncated:
            html.append(f'<p class="arxiv-paper-meta"><span class="arxiv-paper-authors">{escape(self.authors(paper))}</span></p>')
        badges = [f'<span class="sd-badge arxiv-paper-id">arXiv:{escape(paper.versioned_id)}</span>']
        if paper.date:
            badges.append(f'<span class="sd-badge arxiv-paper-date">{paper.date.isoformat()}</span>')
        if paper.topic:
            badges.append(f'<span class="sd-badge arxiv-paper-topic">{escape(paper.topic)}</span>')
        html.append(f'<p class="arxiv-paper-badges">{"".join(badges)}</p></div>')
        return "".join(html)

    def abstract(self, paper: Paper, mode: AbstractMode) -> str:
        if mode == "none" or not paper.abstract.strip():
            return ""
        body = self.blocks(parse_markdown(paper.abstract))
        if mode == "full":
            inner = f'<div class="arxiv-paper-abstract">{body}</div>'
        else:
            inner = (
                '<details class="sd-sphinx-override sd-dropdown sd-card sd-mb-0 arxiv-paper-abstract">'
                '<summary class="sd-summary-title sd-card-header arxiv-paper-abstract-title">'
                f'<span class="sd-summary-text">{escape(self.style.label("Abstract"))}</span>{_CHEVRON}</summary>'
                f'<div class="sd-summary-content sd-card-body">{body}</div></details>'
            )
        return f'<div class="sd-card-body arxiv-paper-body">{inner}</div>'

    def summary(self, paper: Paper) -> str:
        """A digest's own summary or recommendation, labelled, apart from the paper's abstract."""
        if not paper.summary.strip():
            return ""
        label = escape(self.style.label("Summary"))
        return (f'<div class="sd-card-body arxiv-summary"><p class="arxiv-summary-label"><strong>{label}</strong></p>'
                f"{self.blocks(parse_markdown(paper.summary))}</div>")

    def footer(self, paper: Paper, extra: str) -> str:
        buttons = []
        for label, url, kind in (("PDF", paper.pdf_url, "pdf"), ("arXiv", paper.abs_url, "abs"), ("Code", paper.code_url, "code")):
            if url and is_web_url(url):
                style = "sd-btn-primary" if kind == "pdf" else "sd-btn-outline-primary"
                text = escape(self.style.label(label))
                buttons.append(self.link(url, text, f"{_BUTTON} {style} arxiv-paper-{kind}", title=text))
        return (
            f'<div class="sd-card-footer arxiv-paper-links"><p class="arxiv-paper-buttons">{"".join(buttons)}</p>'
            f"{extra}</div>"
        )


def card_html(
    paper: Paper, style: CardStyle = CardStyle(), *, abstract: AbstractMode = "collapsed", card_id: str = "",
    classes: Iterable[str] = (), footer_extra: str = "",
) -> str:
    """One card (``div.arxiv-paper#arxiv-...``): header with title, authors and badges; the abstract
    (in a dropdown when ``collapsed``); the PDF, arXiv and code buttons, then ``footer_extra``."""
    renderer = _Renderer(style)
    names = " ".join([*CARD_CLASSES, *classes])
    return (
        f'<div class="{escape(names)}" id="{escape(card_id or paper.anchor)}">'
        f"{renderer.header(paper)}{renderer.abstract(paper, abstract)}{renderer.summary(paper)}"
        f"{renderer.footer(paper, footer_extra)}</div>"
    )


def markdown_html(text: str, style: CardStyle = CardStyle()) -> str:
    """Digest markdown (an abstract) as safe HTML."""
    return _Renderer(style).blocks(parse_markdown(text))
