"""What the HTML build writes besides pages: ``papers.json`` and ``papers.bib`` for all indexed papers.

Written once per build, after the pages, from the ``arxiv`` domain (the same papers references
resolve to), and only when documents were read in this build or a file is missing, so a build
with nothing to do does no export work either.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.util import logging

from .domain import ArxivDomain
from .export import papers_to_bibtex, papers_to_json
from .late_cards import full_papers

__all__ = ["note_read_docs", "write_exports"]

logger = logging.getLogger(__name__)
JSON_NAME = "papers.json"
BIBTEX_NAME = "papers.bib"


def note_read_docs(app: Any, env: Any, docnames: list[str]) -> None:
    """``env-before-read-docs``: remember whether this build reads anything."""
    app.arxivdigest_read_docs = bool(docnames)


def _wanted(app: Any) -> list[tuple[str, bool]]:
    return [(JSON_NAME, app.config.arxivdigest_export_json), (BIBTEX_NAME, app.config.arxivdigest_export_bibtex)]


def write_exports(app: Any, exception: Exception | None) -> None:
    """``build-finished``: write the enabled exports to the HTML output directory."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    names = [name for name, enabled in _wanted(app) if enabled]
    stale = getattr(app, "arxivdigest_read_docs", True) or any(not (outdir / n).exists() for n in names)
    if not names or not stale:
        return
    domain: ArxivDomain = app.env.domains["arxiv"]
    papers = [paper for paper, _entry in full_papers(domain.targets().values())]
    if JSON_NAME in names:
        text = papers_to_json(papers, project=app.config.project)
        (outdir / JSON_NAME).write_text(text + "\n", encoding="utf-8")
    if BIBTEX_NAME in names:
        (outdir / BIBTEX_NAME).write_text(papers_to_bibtex(papers) + "\n", encoding="utf-8")
    logger.info(f"arxivdigest: wrote {', '.join(names)} ({len(papers)} papers)")
