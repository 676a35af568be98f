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

from ..markdown import MarkdownWalker, MdKind, MdNode, parse_markdown
from ..model import Paper, is_web_url
from .card import CARD_CLASSES, AbstractMode, CardDescription, describe_card
from .design_assets import octicon

__all__ = [
    "CARD_CLASSES",
    "STYLESHEET_ALIASES",
    "AbstractMode",
    "CardStyle",
    "HtmlWalker",
    "card_html",
    "description_html",
    "markdown_html",
]

_BUTTON = "sd-sphinx-override sd-btn sd-btn-sm sd-text-wrap arxiv-paper-button"
#: sphinx-design utility classes of the card that a page with the package stylesheet does not write
#: into every card: the stylesheet carries the installed sphinx-design's own rules for them, copied
#: onto the class on the right (``sphinx/extension.py``). A notebook has no such stylesheet.
STYLESHEET_ALIASES = {
    "sd-sphinx-override": "arxiv-paper", "sd-mb-3": "arxiv-paper", "sd-shadow-sm": "arxiv-paper",
    "sd-w-100": "arxiv-paper",
}
_COPY_LABELS = "Copy|Copied"
_INLINE_TAGS = {MdKind.STRONG: "strong", MdKind.EM: "em", MdKind.STRIKE: "del"}
_BLOCK_TAGS = {
    MdKind.BULLET_LIST: "ul", MdKind.ORDERED_LIST: "ol", MdKind.LIST_ITEM: "li", MdKind.BLOCKQUOTE: "blockquote",
}


def _chevron(style: CardStyle) -> str:
    """sphinx-design's dropdown marker, drawn from the installed sphinx-design's octicon data as its
    dropdown writes it, so the card follows the sphinx-design the page is built with. On Sphinx
    pages the package stylesheet draws the same octicon, so the ~400-byte SVG is not repeated in
    every card (``CardStyle.shared_assets``)."""
    icon = "" if style.shared_assets else octicon("chevron-right", height="1.5em")
    return f'<span class="sd-summary-state-marker sd-summary-chevron-right">{icon}</span>'


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
    #: The page loads the package's stylesheet and script (Sphinx): the chevron is drawn by CSS and
    #: the BibTeX entry is made on demand by the script from the card's visible fields, instead of
    #: being written into every card. A notebook has neither, so it gets both inline.
    shared_assets: bool = False


def _link(style: CardStyle, href: str, inner: str, classes: str, title: str = "", *, own: bool = False) -> str:
    """A link; ``own``: a button of the card, which takes no link classes of the page."""
    if not is_web_url(href):  # shown, never followed
        return f'<span class="arxiv-unsafe-link">{inner}</span>'
    names = " ".join(filter(None, (classes, "" if own else style.link_classes)))
    class_attribute = f' class="{names}"' if names else ""
    title_attribute = f' title="{title}"' if title else ""
    return (
        f'<a{class_attribute} href="{escape(href.strip())}"{title_attribute}{style.link_attributes}>'
        f"{inner}</a>"
    )


class HtmlWalker(MarkdownWalker[str]):
    """Markdown tree -> HTML in one :class:`CardStyle`. ``links=False`` keeps only the text of links
    (a title is itself a link, and links do not nest)."""

    def __init__(self, style: CardStyle, *, links: bool = True) -> None:
        self.style = style
        self.links = links
        self.code_open = f'<code class="{style.code_class}">' if style.code_class else "<code>"

    def inline(self, nodes: Iterable[MdNode]) -> str:
        return "".join(self.walk(nodes))

    def blocks(self, nodes: Iterable[MdNode]) -> str:
        return "\n".join(self.walk(nodes))

    def combine(self, node: MdNode, parts: list[str]) -> str:
        return "".join(parts)

    def visit_text(self, node: MdNode) -> str:
        return escape(node.text)

    def visit_break(self, node: MdNode) -> str:
        return " "

    def visit_code(self, node: MdNode) -> str:
        return f"{self.code_open}{escape(node.text)}</code>"

    def visit_math(self, node: MdNode) -> str:
        return self.style.math(node.text, False)

    def tagged_inline(self, node: MdNode) -> str:
        tag = _INLINE_TAGS[node.kind]
        return f"<{tag}>{self.inline(node.children)}</{tag}>"

    visit_strong = visit_em = visit_strike = tagged_inline

    def visit_link(self, node: MdNode) -> str:
        if not self.links:
            return self.inline(node.children)
        inner = HtmlWalker(self.style, links=False).inline(node.children)
        return _link(self.style, node.href, inner, "" if self.style.shared_assets else "arxiv-link")

    def visit_paragraph(self, node: MdNode) -> str:
        inner = self.inline(node.children)
        if node.tight:
            return inner
        return "<p>" + inner + "</p>" if self.style.shared_assets else f'<p class="sd-card-text">{inner}</p>'

    def visit_heading(self, node: MdNode) -> str:
        return f'<p class="sd-card-text arxiv-heading"><strong>{self.inline(node.children)}</strong></p>'

    def tagged_block(self, node: MdNode) -> str:
        tag = _BLOCK_TAGS[node.kind]
        return f"<{tag}>{self.blocks(node.children)}</{tag}>"

    visit_bullet_list = visit_ordered_list = visit_list_item = visit_blockquote = tagged_block

    def visit_code_block(self, node: MdNode) -> str:
        return f"<pre><code>{escape(node.text)}</code></pre>"

    def visit_math_block(self, node: MdNode) -> str:
        return self.style.math(node.text, True)


# -- the card -------------------------------------------------------------------------------------


def _header(card: CardDescription, style: CardStyle) -> str:
    title = HtmlWalker(style, links=False).inline(card.title)
    lean = style.shared_assets
    html = [
        ('<div class="sd-card-header"><p class="arxiv-paper-title">' if lean else
         '<div class="sd-card-header arxiv-paper-header"><p class="sd-card-title arxiv-paper-title">')
        + f"{_link(style, card.title_url, title, '' if lean else 'arxiv-paper-title-link', own=lean)}</p>"
    ]
    if card.title_translation:
        translation = HtmlWalker(style, links=False).inline(card.title_translation)
        html.append(f'<p class="arxiv-title-translation">{translation}</p>')
    if card.authors:
        authors = escape(card.authors.text(style.label))
        html.append(f'<p class="arxiv-paper-authors">{authors}</p>' if lean else
                    f'<p class="arxiv-paper-meta"><span class="arxiv-paper-authors">{authors}</span></p>')
    badge = "" if lean else "sd-badge "  # the stylesheet draws the badges whole on Sphinx pages
    badges = "".join(f'<span class="{badge}arxiv-paper-{b.kind}">{escape(b.text)}</span>' for b in card.badges)
    html.append(f'<p class="arxiv-paper-badges">{badges}</p></div>')
    return "".join(html)


def _abstract(card: CardDescription, style: CardStyle) -> str:
    if card.abstract is None:
        return ""
    body = HtmlWalker(style).blocks(card.abstract.nodes)
    if style.shared_assets:  # the stylesheet draws the toggle and its chevron
        if card.abstract.mode == "full":
            return f'<div class="sd-card-body arxiv-paper-abstract">{body}</div>'
        label = escape(style.label(card.abstract.label))
        return (f'<details class="sd-card-body arxiv-paper-abstract"><summary>{label}</summary>'
                f"<div>{body}</div></details>")
    if card.abstract.mode == "full":
        inner = f'<div class="arxiv-paper-abstract">{body}</div>'
    else:
        inner = (
            '<details class="sd-sphinx-override sd-dropdown sd-card sd-mb-0 arxiv-paper-abstract">'
            '<summary class="sd-summary-title sd-card-header arxiv-paper-abstract-title">'
            f'<span class="sd-summary-text">{escape(style.label(card.abstract.label))}</span>{_chevron(style)}</summary>'
            f'<div class="sd-summary-content sd-card-body">{body}</div></details>'
        )
    return f'<div class="sd-card-body arxiv-paper-body">{inner}</div>'


def _summary(card: CardDescription, style: CardStyle) -> str:
    """The digest's own summary or recommendation, labelled, apart from the paper's abstract."""
    if card.summary is None:
        return ""
    label = escape(style.label("Summary"))
    return (
        f'<div class="sd-card-body arxiv-summary"><p class="arxiv-summary-label"><strong>{label}</strong></p>'
        f"{HtmlWalker(style).blocks(card.summary)}</div>"
    )


def _bibtex(card: CardDescription, style: CardStyle) -> str:
    """The BibTeX entry in a ``<details>``, with a copy button that the package script shows."""
    if not card.bibtex:
        return ""
    if style.shared_assets:
        return _bibtex_on_demand(card, style)
    return (
        f'<details class="arxiv-bibtex"><summary>{escape(style.label("BibTeX"))}</summary>'
        f'<pre class="arxiv-bibtex-entry">{escape(card.bibtex)}</pre>'
        f'<button class="arxiv-bibtex-copy" data-copied="{escape(style.label("Copied"))}" hidden="hidden" type="button">'
        f"{escape(style.label('Copy'))}</button></details>"
    )


def _bibtex_on_demand(card: CardDescription, style: CardStyle) -> str:
    """The BibTeX fold without its entry: the package script writes the entry when the fold is
    opened, from the card's title, authors, id and date badges and title link, plus what the card
    does not show (``data-c``: the primary category; ``data-etal``: the authors were truncated;
    ``data-a``: the authors one a line, when the visible line holds; ``data-l``: the copy button's
    labels, when translated)
    a translated "et al." or a name holds a comma). Hidden by the stylesheet without JavaScript
    (papers.bib holds every entry)."""
    paper = card.paper
    data = ""
    if paper.primary_category:
        data += f' data-c="{escape(paper.primary_category)}"'
    if paper.authors_truncated:
        data += ' data-etal=""'
    names = [name.strip() for name in paper.authors if name.strip()]
    if paper.authors_truncated or any("," in name for name in names):
        data += f' data-a="{escape(chr(10).join(names))}"'  # one name a line
    labels = f"{style.label('Copy')}|{style.label('Copied')}"
    if labels != _COPY_LABELS:  # the script's own labels are the English ones
        data = f' data-l="{escape(labels)}"' + data
    return f'<details class="arxiv-bibtex"{data}><summary>{escape(style.label("BibTeX"))}</summary></details>'



def _footer(card: CardDescription, style: CardStyle) -> str:
    if style.shared_assets:  # sphinx-design's button look, without the per-card utility classes
        links = "".join(
            _link(style, b.url, escape(style.label(b.label)),
                  f"sd-btn sd-btn-{'' if b.primary else 'outline-'}primary arxiv-paper-{b.kind}", own=True)
            for b in card.buttons
        )
        return f'<div class="sd-card-footer">{links}{_bibtex(card, style)}</div>'
    buttons = []
    for button in card.buttons:
        look = "sd-btn-primary" if button.primary else "sd-btn-outline-primary"
        text = escape(style.label(button.label))
        buttons.append(_link(style, button.url, text, f"{_BUTTON} {look} arxiv-paper-{button.kind}",
                             title="" if style.shared_assets else text))
    return (
        f'<div class="sd-card-footer arxiv-paper-links"><p class="arxiv-paper-buttons">{"".join(buttons)}</p>'
        f"{_bibtex(card, style)}</div>"
    )


def description_html(card: CardDescription, style: CardStyle = CardStyle()) -> str:
    """One card (``div.arxiv-paper#arxiv-...``): header with title (and its translation), authors and
    badges; the abstract (in a dropdown when collapsed); the digest's summary; the PDF, arXiv and code buttons, then the BibTeX entry if offered."""
    classes = [name for name in card.classes if not (style.shared_assets and name in STYLESHEET_ALIASES)]
    return (
        f'<div class="{escape(" ".join(classes))}" id="{escape(card.card_id)}">'
        f"{_header(card, style)}{_abstract(card, style)}{_summary(card, style)}{_footer(card, style)}</div>"
    )


def card_html(
    paper: Paper, style: CardStyle = CardStyle(), *, abstract: AbstractMode = "collapsed", card_id: str = "",
    classes: Iterable[str] = (), bibtex: bool = False,
) -> str:
    """The card of ``paper`` as HTML: :func:`describe_card`, then :func:`description_html`."""
    card = describe_card(paper, abstract=abstract, card_id=card_id, classes=classes, bibtex=bibtex)
    return description_html(card, style)


def markdown_html(text: str, style: CardStyle = CardStyle()) -> str:
    """Digest markdown (an abstract) as safe HTML."""
    return HtmlWalker(style).blocks(parse_markdown(text))
