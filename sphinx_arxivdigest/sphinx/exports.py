"""What the HTML build writes besides pages: ``papers.json`` and ``papers.bib`` for all indexed papers.

Written once per build, after the pages, from the ``arxiv`` domain (the same papers references
resolve to). Incremental (:mod:`.export_cache`): nothing is done when the export's inputs (digests,
papers taken from them, project name, enabled files) are those of the files already written; else
only the digests that changed are serialised again (and only their fragments are written to the
cache), and a file whose bytes did not change is not rewritten.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.util import logging

from .config import settings
from .domain import ArxivDomain
from .export_cache import (
    CACHE_NAME,
    assemble,
    digest_groups,
    export_signature,
    forget_signature,
    save,
    stored_signature,
)
from .writing import write_if_changed

__all__ = ["write_exports"]

logger = logging.getLogger(__name__)
JSON_NAME = "papers.json"
BIBTEX_NAME = "papers.bib"


def _wanted(app: Any) -> list[tuple[str, bool]]:
    options = settings(app.config)
    return [(JSON_NAME, options.export_json), (BIBTEX_NAME, options.export_bibtex)]


def write_exports(app: Any, exception: Exception | None) -> None:
    """``build-finished``: write the enabled exports to the HTML output directory."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    names = [name for name, enabled in _wanted(app) if enabled]
    if not names:
        return
    domain: ArxivDomain = app.env.domains["arxiv"]
    cache_path = Path(app.doctreedir) / CACHE_NAME
    groups = digest_groups(domain.targets().values())
    signature = export_signature(groups, names, app.config.project)
    if all((outdir / name).exists() for name in names) and stored_signature(cache_path) == signature:
        return
    exports = assemble(app.env, groups, cache_path)
    forget_signature(cache_path)  # until both files are written
    written = []
    for name in names:
        if name == JSON_NAME:
            data = exports.json_bytes(b"\n", project=app.config.project)
        else:
            data = exports.bibtex_bytes(b"\n")
        if write_if_changed(outdir / name, data):
            written.append(name)
        del data  # one file's bytes in memory at a time
    save(cache_path, signature, exports)
    logger.info(
        f"arxivdigest: wrote {', '.join(written) or 'no export (unchanged)'} ({exports.papers} papers; "
        f"{len(exports.serialised)} of {len(groups)} digest groups serialised)"
    )
