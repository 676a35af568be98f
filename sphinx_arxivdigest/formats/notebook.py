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

from .card_html import AbstractMode, card_html, markdown_html
from ..model import Digest, Paper

__all__ = ["AbstractMode", "card_html", "digest_html", "markdown_html", "paper_html", "papers_html", "stylesheet"]

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


@cache
def stylesheet() -> str:
    """The package stylesheet followed by the sphinx-design subset, ready for a ``<style>`` element."""
    package_css = resources.files("sphinx_arxivdigest").joinpath("static/arxivdigest.css").read_text("utf-8")
    return package_css + _SD_CSS


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
