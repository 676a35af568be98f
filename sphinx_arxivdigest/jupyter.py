"""Rich display in Jupyter: a ``Digest`` or ``Paper`` shows itself as the same cards as in Sphinx.

The HTML is self-contained (the package stylesheet plus the few sphinx-design rules the cards use,
inlined and scoped to ``.arxiv-digest`` so the notebook's own styling is left alone) and as strict as
the Sphinx output: every text goes through :func:`html.escape`, raw HTML in a digest stays visible
text (markdown-it with ``html`` off), only http(s) URLs become links, images are never loaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from html import escape
from importlib import resources
from typing import Literal

from .markdown_tree import MdNode, parse_markdown, parse_markdown_inline
from .model import Digest, Paper, is_web_url

__all__ = ["AbstractMode", "card_html", "digest_html", "markdown_html", "paper_html", "papers_html", "stylesheet"]

AbstractMode = Literal["full", "collapsed", "none"]

# The sphinx-design rules the cards rely on (sphinx-design 0.8, MIT), with its colour defaults; the
# JupyterLab variables come first so that dark themes keep readable borders and badges.
_SD_CSS = """
.arxiv-digest.arxiv-notebook, .arxiv-notebook .arxiv-paper {
  --sd-color-primary: #0071bc; --sd-color-primary-highlight: #0060a0; --sd-color-primary-text: #fff;
  --sd-color-shadow: rgba(0, 0, 0, 0.15);
  --sd-color-card-border: var(--jp-border-color1, rgba(0, 0, 0, 0.125));
  --arxiv-muted: var(--jp-content-font-color2, #5a6270);
  --arxiv-badge-bg: var(--jp-layout-color2, #f1f3f5);
  --arxiv-badge-fg: var(--jp-content-font-color1, #2b2f36);
}
.arxiv-digest.arxiv-notebook { box-sizing: border-box; width: 100%; margin: 0 0 1rem 0; }
.arxiv-notebook, .arxiv-notebook * { box-sizing: border-box; }
.arxiv-notebook p { margin-top: 0; }
.arxiv-notebook .sd-card-text:last-child { margin-bottom: 0; }
.arxiv-notebook .arxiv-digest-summary { color: var(--arxiv-muted); margin: 0 0 0.5rem 0; }
.arxiv-notebook .sd-row { --sd-gutter-x: 1rem; --sd-gutter-y: 1rem; display: flex; flex-wrap: wrap;
  margin-top: calc(var(--sd-gutter-y) * -1);
  margin-left: calc(var(--sd-gutter-x) * -0.5); margin-right: calc(var(--sd-gutter-x) * -0.5); }
.arxiv-notebook .sd-row > * { flex: 0 0 auto; width: 100%; max-width: 100%; margin-top: var(--sd-gutter-y);
  padding-left: calc(var(--sd-gutter-x) * 0.5); padding-right: calc(var(--sd-gutter-x) * 0.5); }
@media (min-width: 768px) {
  .arxiv-notebook .sd-row-cols-md-2 > * { width: 50%; }
  .arxiv-notebook .sd-row-cols-md-3 > * { width: 33.3333%; }
  .arxiv-notebook .sd-row-cols-md-4 > * { width: 25%; }
}
.arxiv-notebook .sd-d-flex-row { display: flex; flex-direction: row; }
.arxiv-notebook .sd-card { display: flex; flex-direction: column; min-width: 0; position: relative;
  width: 100%; margin-bottom: 1rem; word-wrap: break-word; background-clip: border-box;
  border: 1px solid var(--sd-color-card-border); border-radius: 0.25rem;
  box-shadow: 0 0.125rem 0.25rem var(--sd-color-shadow); }
.arxiv-notebook .sd-card-header { padding: 0.5rem 1rem; margin-bottom: 0; }
.arxiv-notebook .sd-card-body { flex: 1 1 auto; padding: 1rem; }
.arxiv-notebook .sd-card-footer { padding: 0.5rem 1rem; }
.arxiv-notebook .sd-card-title { margin-bottom: 0.5rem; }
.arxiv-notebook .sd-badge { display: inline-block; padding: 0.35em 0.65em; font-size: 0.75em;
  font-weight: 700; line-height: 1; text-align: center; white-space: nowrap; border-radius: 0.25rem; }
.arxiv-notebook .sd-btn { display: inline-block; border: 1px solid var(--sd-color-primary);
  border-radius: 0.25rem; line-height: 1.5; text-align: center; text-decoration: none; cursor: pointer; }
.arxiv-notebook .sd-btn-primary { color: var(--sd-color-primary-text); background: var(--sd-color-primary); }
.arxiv-notebook .sd-btn-primary:hover { background: var(--sd-color-primary-highlight); }
.arxiv-notebook .sd-btn-outline-primary { color: var(--sd-color-primary); background: transparent; }
.arxiv-notebook .sd-btn-outline-primary:hover { color: var(--sd-color-primary-text);
  background: var(--sd-color-primary); }
.arxiv-notebook details.sd-dropdown { border: 1px solid var(--sd-color-card-border); border-radius: 0.25rem; }
.arxiv-notebook details.sd-dropdown > summary { cursor: pointer; list-style: none; display: flex;
  align-items: center; }
.arxiv-notebook details.sd-dropdown > summary::-webkit-details-marker { display: none; }
.arxiv-notebook .sd-summary-state-marker { display: inline-flex; align-self: center; }
.arxiv-notebook .sd-summary-chevron-right { transition: transform 0.25s; }
.arxiv-notebook details.sd-dropdown[open] > summary .sd-summary-chevron-right { transform: rotate(90deg); }
.arxiv-notebook .sd-summary-content { padding: 0.5rem 0.75rem; }
.arxiv-notebook .math { font-family: var(--jp-code-font-family, monospace); }
"""

_BUTTON = "sd-btn sd-btn-sm sd-text-wrap arxiv-paper-button"
# sphinx-design's dropdown marker (GitHub octicon "chevron-right", MIT), as in the Sphinx cards.
_CHEVRON = (
    '<span class="sd-summary-state-marker sd-summary-chevron-right"><svg version="1.1" width="1.5em" '
    'height="1.5em" class="sd-octicon sd-octicon-chevron-right" viewBox="0 0 24 24" aria-hidden="true">'
    '<path d="M8.72 18.78a.75.75 0 0 1 0-1.06L14.44 12 8.72 6.28a.751.751 0 0 1 .018-1.042.751.751 0 0 1 '
    '1.042-.018l6.25 6.25a.75.75 0 0 1 0 1.06l-6.25 6.25a.75.75 0 0 1-1.06 0Z"></path></svg></span>'
)


@cache
def stylesheet() -> str:
    """The package stylesheet followed by the sphinx-design subset, ready for a ``<style>`` element."""
    package_css = resources.files("sphinx_arxivdigest").joinpath("static/arxivdigest.css").read_text("utf-8")
    return package_css + _SD_CSS


# -- markdown -> HTML ------------------------------------------------------------------------------

_INLINE_TAGS = {"strong": "strong", "em": "em", "strike": "del"}
_BLOCK_TAGS = {"bullet_list": "ul", "ordered_list": "ol", "list_item": "li", "blockquote": "blockquote"}


def _link(href: str, inner: str, classes: str) -> str:
    if not is_web_url(href):  # shown, not followed: the same choice as the Sphinx cards
        return f'<span class="arxiv-unsafe-link">{inner}</span>'
    return f'<a class="{classes}" href="{escape(href.strip())}" rel="noopener noreferrer" target="_blank">{inner}</a>'


def _inline_html(nodes: Iterable[MdNode], links: bool = True) -> str:
    """Inline nodes as HTML; ``links=False`` keeps only their text (inside a title's own link)."""
    parts = []
    for node in nodes:
        kind = node.kind
        if kind == "text":
            parts.append(escape(node.text))
        elif kind == "break":
            parts.append(" ")
        elif kind == "code":
            parts.append(f"<code>{escape(node.text)}</code>")
        elif kind == "math":  # left as $...$ text: notebooks that typeset output math pick it up
            parts.append(f'<span class="math">${escape(node.text)}$</span>')
        elif kind in _INLINE_TAGS:
            tag = _INLINE_TAGS[kind]
            parts.append(f"<{tag}>{_inline_html(node.children, links)}</{tag}>")
        elif kind == "link" and links:
            parts.append(_link(node.href, _inline_html(node.children, False), "arxiv-link"))
        else:
            parts.append(_inline_html(node.children, links))
    return "".join(parts)


def _blocks_html(nodes: Iterable[MdNode]) -> str:
    parts = []
    for node in nodes:
        kind = node.kind
        if kind in ("paragraph", "heading"):
            inner = _inline_html(node.children)
            if kind == "heading":
                inner = f"<strong>{inner}</strong>"
            parts.append(inner if node.tight else f'<p class="sd-card-text">{inner}</p>')
        elif kind in _BLOCK_TAGS:
            tag = _BLOCK_TAGS[kind]
            parts.append(f"<{tag}>{_blocks_html(node.children)}</{tag}>")
        elif kind == "code_block":
            parts.append(f"<pre><code>{escape(node.text)}</code></pre>")
        elif kind == "math_block":
            parts.append(f'<div class="math">$${escape(node.text)}$$</div>')
        else:
            parts.append(_inline_html([node]))
    return "\n".join(parts)


def markdown_html(text: str) -> str:
    """Digest markdown (an abstract) as safe HTML."""
    return _blocks_html(parse_markdown(text))


# -- cards -----------------------------------------------------------------------------------------


def _authors(paper: Paper) -> str:
    names = ", ".join(paper.authors)
    if paper.authors_truncated:
        names = f"{names} et al." if names else "et al."
    return names


def _header(paper: Paper) -> str:
    title = _inline_html(parse_markdown_inline(paper.title), links=False) or escape(paper.arxiv_id)
    title = _link(paper.abs_url, title, "arxiv-paper-title-link")
    html = [f'<div class="sd-card-header arxiv-paper-header"><p class="sd-card-title arxiv-paper-title">{title}</p>']
    if paper.authors or paper.authors_truncated:
        html.append(f'<p class="arxiv-paper-meta"><span class="arxiv-paper-authors">{escape(_authors(paper))}</span></p>')
    badges = [f'<span class="sd-badge arxiv-paper-id">arXiv:{escape(paper.versioned_id)}</span>']
    if paper.date:
        badges.append(f'<span class="sd-badge arxiv-paper-date">{paper.date.isoformat()}</span>')
    if paper.topic:
        badges.append(f'<span class="sd-badge arxiv-paper-topic">{escape(paper.topic)}</span>')
    html.append(f'<p class="arxiv-paper-badges">{"".join(badges)}</p></div>')
    return "".join(html)


def _abstract(paper: Paper, mode: AbstractMode) -> str:
    if mode == "none" or not paper.abstract.strip():
        return ""
    body = markdown_html(paper.abstract)
    if mode == "full":
        inner = f'<div class="arxiv-paper-abstract">{body}</div>'
    else:
        inner = (
            '<details class="sd-dropdown sd-card sd-mb-0 arxiv-paper-abstract">'
            '<summary class="sd-summary-title sd-card-header arxiv-paper-abstract-title">'
            f'<span class="sd-summary-text">Abstract</span>{_CHEVRON}</summary>'
            f'<div class="sd-summary-content sd-card-body">{body}</div></details>'
        )
    return f'<div class="sd-card-body arxiv-paper-body">{inner}</div>'


def _button(label: str, url: str, kind: str, primary: bool = False) -> str:
    style = "sd-btn-primary" if primary else "sd-btn-outline-primary"
    return _link(url, escape(label), f"{_BUTTON} {style} arxiv-paper-{kind}")


def _footer(paper: Paper) -> str:
    buttons = []
    for label, url, kind in (("PDF", paper.pdf_url, "pdf"), ("arXiv", paper.abs_url, "abs"), ("Code", paper.code_url, "code")):
        if url and is_web_url(url):
            buttons.append(_button(label, url, kind, primary=kind == "pdf"))
    return f'<div class="sd-card-footer arxiv-paper-links"><p class="arxiv-paper-buttons">{"".join(buttons)}</p></div>'


def card_html(paper: Paper, *, abstract: AbstractMode = "collapsed", card_id: str = "") -> str:
    """One card, in the shape and classes of the Sphinx card (``div.arxiv-paper#arxiv-...``)."""
    return (
        f'<div class="sd-card sd-shadow-sm sd-w-100 arxiv-paper" id="{escape(card_id or paper.anchor)}">'
        f"{_header(paper)}{_abstract(paper, abstract)}{_footer(paper)}</div>"
    )


def _container(inner: str) -> str:
    return f'<style>{stylesheet()}</style><div class="arxiv-digest arxiv-notebook">{inner}</div>'


def _unique_ids(papers: Sequence[Paper]) -> list[str]:
    """Anchors as the directive makes them: a second card for the same paper gets ``-2``."""
    seen: set[str] = set()
    ids = []
    for paper in papers:
        candidate, number = paper.anchor, 1
        while candidate in seen:
            number += 1
            candidate = f"{paper.anchor}-{number}"
        seen.add(candidate)
        ids.append(candidate)
    return ids


def papers_html(
    papers: Iterable[Paper], *, columns: int = 2, abstract: AbstractMode = "collapsed", summary: str = ""
) -> str:
    """A grid of cards (one column on narrow output, ``columns`` on wide), with its stylesheet."""
    papers = list(papers)
    columns = max(1, min(columns, 4))
    items = [
        f'<div class="sd-col sd-d-flex-row">{card_html(p, abstract=abstract, card_id=i)}</div>'
        for p, i in zip(papers, _unique_ids(papers))
    ]
    head = f'<p class="arxiv-digest-summary">{escape(summary)}</p>' if summary else ""
    grid = f'<div class="sd-row sd-row-cols-1 sd-row-cols-md-{columns} sd-g-3">{"".join(items)}</div>' if items else ""
    return _container(head + grid)


def _summary(digest: Digest, shown: int) -> str:
    parts = [digest.title or (digest.source or "arXiv digest")]
    count = f"{shown} paper{'s' if shown != 1 else ''}"
    if shown != len(digest.papers):
        count += f" of {len(digest.papers)}"
    parts.append(count)
    if digest.problems:
        parts.append(f"{len(digest.problems)} problem{'s' if len(digest.problems) != 1 else ''}")
    return " · ".join(parts)


def digest_html(
    digest: Digest,
    *,
    filter: str | Sequence[str] | None = None,
    sort: str | None = None,
    limit: int | None = None,
    columns: int = 2,
    abstract: AbstractMode = "collapsed",
) -> str:
    """A digest's cards, selected like the directive (``filter``, ``sort``, ``limit``), under a line
    giving its title, paper count and problem count."""
    papers = digest.select(filter=filter, sort=sort, limit=limit)
    return papers_html(papers, columns=columns, abstract=abstract, summary=_summary(digest, len(papers)))


def paper_html(paper: Paper, *, abstract: AbstractMode = "collapsed") -> str:
    """One paper's card, with its stylesheet."""
    return _container(card_html(paper, abstract=abstract))
