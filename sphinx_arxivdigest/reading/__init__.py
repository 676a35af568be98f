"""Reading digests: text -> :class:`~sphinx_arxivdigest.model.Digest`, by document structure.

Imports only the standard library, markdown-it-py and :mod:`sphinx_arxivdigest.model`.
"""

from __future__ import annotations

from .document import parse_digest
from .files import DEFAULT_MAX_BYTES, decode_digest, load_digest

__all__ = ["DEFAULT_MAX_BYTES", "decode_digest", "load_digest", "parse_digest"]
