"""The extension's message catalog: every label it writes goes through ``_`` (see ``locale/``)."""

from __future__ import annotations

from sphinx.locale import get_translation

__all__ = ["MESSAGE_CATALOG", "_"]

MESSAGE_CATALOG = "sphinx_arxivdigest"
_ = get_translation(MESSAGE_CATALOG)
