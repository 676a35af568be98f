"""sphinx-arxivdigest: arXiv digest markdown files as paper cards in Sphinx documentation.

The parser and model (``parse_digest``, ``load_digest``, ``Digest``, ``Paper``) import no Sphinx;
``setup`` wires the directive, config values and assets into a Sphinx application.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import (
    Digest,
    DigestError,
    Paper,
    Problem,
    anchor_for,
    parse_arxiv_id,
    select_papers,
)
from .reading import load_digest, parse_digest
from .version import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = [
    "Digest",
    "DigestError",
    "Paper",
    "Problem",
    "__version__",
    "anchor_for",
    "load_digest",
    "parse_arxiv_id",
    "parse_digest",
    "select_papers",
    "setup",
]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension (imported lazily so the parser stays usable without Sphinx)."""
    from .sphinx.extension import setup_extension

    setup_extension(app)
    # env_version: doctrees hold one arxiv_card node per paper since 2; the domain's titles are
    # plain text since 3. Older pickles are re-read.
    return {"version": __version__, "env_version": 3, "parallel_read_safe": True, "parallel_write_safe": True}
